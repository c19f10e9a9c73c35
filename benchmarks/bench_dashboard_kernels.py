"""How many warm kernels `make dashboards` keeps, and what they cost in memory
(python benchmarks/bench_dashboard_kernels.py).

Voilà keeps a pool of kernels per dashboard, each having already run its page (see
``workbench/launch.py``: one per page, or one per team or person for the pages a whole room
opens at once, ``TIM``, ``BERTIGA``, ``RESPONDEN``). This script, on a temporary copy of the
workbench home:

1. runs every dashboard in its own kernel, as Voilà's preheating does (nbclient), and reads the
   kernel's memory from ``/proc/<pid>/smaps_rollup``: **PSS** (its fair share of memory shared
   with other processes, what adding one more kernel costs in practice), RSS and USS. The
   **baseline** is an empty kernel started and measured in the same run: the ratio page/baseline
   says what each page adds to Python, IPython and the kernel machinery;
2. prints the pools ``make dashboards`` starts for the rooms a facilitator prepares, with the
   number of kernels and their memory: while nobody uses the pages (the pools), and at the
   busiest moment of that room (every person's page holding its kernel while Voilà has filled
   the pool again behind them).

Linux only (``/proc``). Memory depends little on the machine's load; the start times printed
beside it do (report them with ``uptime``). ``--quick`` measures only the room pages and the
baseline; the plan then uses the launcher's estimate for the others.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbench import formatting as fmt

ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = ROOT / "notebooks" / "dashboards"
#: The rooms a facilitator prepares: (what, sizes, pages in use at the busiest moment).
ROOMS = (
    ("tanpa ruangan (make dashboards)", {}, {}),
    (
        "lokakarya loket, TIM=5 (+ fasilitator, proyektor)",
        {"teams": 5},
        {"04-lokakarya-tim.ipynb": 5, "03-lokakarya-fasilitator.ipynb": 1,
         "05-lokakarya-proyektor.ipynb": 1},
    ),
    (
        "latihan percakapan, BERTIGA=15 (+ fasilitator)",
        {"triad_people": 15},
        {"07-percakapan-bertiga.ipynb": 15, "06-percakapan-fasilitator.ipynb": 1},
    ),
    ("kuesioner reaksi, RESPONDEN=25", {"respondents": 25}, {"09-reaksi-peserta.ipynb": 25}),
)  # fmt: skip
ROOM_PAGES = (
    "04-lokakarya-tim.ipynb",
    "07-percakapan-bertiga.ipynb",
    "08-percakapan-sendiri.ipynb",
    "09-reaksi-peserta.ipynb",
)


def memory(pid: int) -> dict[str, float]:
    """PSS, RSS and USS of a process in MiB."""
    values: dict[str, float] = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                values[key] = int(rest.split()[0]) / 1024
    return {
        "pss": values["Pss"],
        "rss": values["Rss"],
        "uss": values["Private_Clean"] + values["Private_Dirty"],
    }


def make_home(folder: Path) -> Path:
    """A copy of the tracked workbench files (what an installation has), as the home."""
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    # The working tree's dashboards (uncommitted changes included) are what is measured.
    shutil.rmtree(folder / "notebooks" / "dashboards")
    shutil.copytree(DASHBOARDS, folder / "notebooks" / "dashboards")
    return folder


def measure_page(folder: Path, name: str | None) -> tuple[dict[str, float], float]:
    """Memory of a kernel that ran dashboard ``name`` (an empty kernel for None), and the
    seconds from starting the kernel to the page having run."""
    import nbformat
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(folder / name, as_version=4) if name else nbformat.v4.new_notebook()
    manager = KernelManager(kernel_name="python3")
    started = time.perf_counter()
    manager.start_kernel(cwd=str(folder))
    client = NotebookClient(nb, km=manager, timeout=300)
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            seconds = time.perf_counter() - started
            time.sleep(1.0)  # let the kernel settle (widgets' comms, garbage)
            return memory(manager.provisioner.process.pid), seconds
    finally:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)


def plan(pss: dict[str, float], folder: Path) -> None:
    from workbench.launch import KERNEL_MIB, kernel_pools

    print("\nRencana kernel hangat `make dashboards` (memori PSS terukur; * = perkiraan "
          f"{KERNEL_MIB} MiB):")  # fmt: skip
    for what, sizes, busy in ROOMS:
        pools = kernel_pools(folder, **sizes)
        pages = {k: v["pool_size"] for k, v in pools.items() if k != "default"}
        cost = {k: pss.get(k, float(KERNEL_MIB)) for k in pages}
        idle = sum(n * cost[k] for k, n in pages.items())
        peak = idle + sum(n * cost[k] for k, n in busy.items())
        guessed = "*" if any(k not in pss for k in pages) else ""
        print(
            f"  {what}: {fmt.count(sum(pages.values()))} kernel hangat, "
            f"{fmt.number(idle / 1024, 2)} GiB{guessed}; tersibuk (+{fmt.count(sum(busy.values()))}"
            f" halaman dipakai) {fmt.count(sum(pages.values()) + sum(busy.values()))} kernel, "
            f"{fmt.number(peak / 1024, 2)} GiB{guessed}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="hanya halaman ruangan dan dasar")
    args = parser.parse_args()
    if not Path("/proc/self/smaps_rollup").exists():
        print("Butuh Linux (/proc/<pid>/smaps_rollup).")
        return 1
    with tempfile.TemporaryDirectory() as temp:
        home = make_home(Path(temp))
        os.environ["WORKBENCH_HOME"] = str(home)
        os.environ.pop("WORKBENCH_CONFIG", None)
        folder = home / "notebooks" / "dashboards"
        names = ROOM_PAGES if args.quick else sorted(p.name for p in folder.glob("*.ipynb"))
        base, base_seconds = measure_page(folder, None)
        print(
            f"beban mesin (1/5/15 menit): "
            f"{' / '.join(fmt.number(x, 2) for x in os.getloadavg())}, {os.cpu_count()} inti"
        )
        print(
            f"kernel kosong (dasar): PSS {fmt.number(base['pss'], 0)} MiB, RSS "
            f"{fmt.number(base['rss'], 0)}, USS {fmt.number(base['uss'], 0)} "
            f"({fmt.number(base_seconds, 1)} s)"
        )
        pss = {}
        for name in names:
            used, seconds = measure_page(folder, name)
            pss[name] = used["pss"]
            print(
                f"  {name:34} PSS {fmt.number(used['pss'], 0):>4} MiB "
                f"({fmt.number(used['pss'] / base['pss'], 2)}x dasar), RSS "
                f"{fmt.number(used['rss'], 0)}, USS {fmt.number(used['uss'], 0)}, siap dalam "
                f"{fmt.number(seconds, 1)} s",
                flush=True,
            )
        plan(pss, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
