"""Where the CPU of one learner's server start goes (run: python benchmarks/bench_server_start.py).

A learner's server on the hub is ``jupyterhub-singleuser``: Jupyter Server with the learner's
role configuration (``deploy/jupyterhub/peran/peserta``, ``jupyter/peran/peserta``,
``deploy/jupyterhub/peran/bersama``). This starts the same server from this environment
(``python -m jupyter_server`` with the same configuration path and the environment the hub's
pre-spawn hook sets) in a fresh home, times it until ``/api/status`` answers and reads the CPU
seconds the server process used from ``/proc``. It does that for the full learner server and
for the same server with one part left out, so the difference is what that part costs:

* ``workspace sync``: filling/updating ``~/ruang-kerja`` from the course (the first start
  copies the course; later starts only compare hashes);
* ``nbgrader``: the assignment list and validate extensions (nbgrader imports SQLAlchemy,
  nbconvert and its exchange);
* ``voila``, ``notebook``, ``jupyter_lsp`` and ``jupyterlab`` (the lab with its language pack);

then, outside the server, one kernel as the server starts it: CPU until it answers, and CPU of
the first ``import workbench`` in it. The baseline is a bare Jupyter Server (no extensions) in
the same run; every row prints its ratio to it. Each row is the median of ``--repeat`` starts
(first start of each home excluded: it copies the course). Figures depend on what else runs on
the machine: report them with the load average printed at the top.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))
from prepare_home import prepare_home, settings_path  # noqa: E402

TOKEN = "bench-" + os.urandom(6).hex()
EXTENSIONS = {
    "nbgrader": [
        "nbgrader.server_extensions.assignment_list",
        "nbgrader.server_extensions.validate_assignment",
    ],
    "voila": ["voila.server_extension"],
    "notebook": ["notebook"],
    "jupyter_lsp": ["jupyter_lsp"],
    "jupyterlab": ["jupyterlab"],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def learner_env(home: Path, *, sync: bool) -> dict[str, str]:
    """The environment the hub's pre-spawn hook gives a learner's server."""
    hub = ROOT / "deploy" / "jupyterhub" / "peran"
    env = dict(os.environ)
    env.update(
        {
            "HOME": str(home),
            "JUPYTER_CONFIG_PATH": os.pathsep.join(
                [
                    str(hub / "peserta"),
                    str(ROOT / "jupyter" / "peran" / "peserta"),
                    str(hub / "bersama"),
                ]
            ),
            "JUPYTER_PREFER_ENV_PATH": "1",
            "JUPYTER_TOKEN": TOKEN,
            "WORKBENCH_HOME": str(ROOT),
            "WORKBENCH_CONFIG": str(settings_path(home)),
            "WORKBENCH_COURSE_ID": "bench",
            "WORKBENCH_EXCHANGE": str(home / "exchange"),
            "WORKBENCH_WORKSPACE": str(home / "ruang-kerja"),
            "TZ": "Asia/Jakarta",
        }
    )
    if sync:  # peran/bersama syncs the workspace only in a hub user's server
        env["JUPYTERHUB_USER"] = "bench"
    else:
        env.pop("JUPYTERHUB_USER", None)
    return env


def start_once(home: Path, *, sync: bool = True, without: tuple[str, ...] = (), bare=False):
    """Start the server, wait until it answers; (wall seconds, CPU seconds of the server)."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "jupyter_server",
        f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={home}",
        "--ServerApp.open_browser=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")
    off = [name for part in without for name in EXTENSIONS[part]]
    if bare:
        off = [name for names in EXTENSIONS.values() for name in names] + [
            "jupyter_server_terminals",
            "jupyter_server_mathjax",
            "notebook_shim",
        ]
    cmd += [f"--ServerApp.jpserver_extensions={name}=False" for name in off]
    log = (home / "server.log").open("w")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=learner_env(home, sync=sync), stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"server berhenti: lihat {home / 'server.log'}")
            try:
                url = f"http://127.0.0.1:{port}/api/status?token={TOKEN}"
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.02)
        wall = time.perf_counter() - t0
        return wall, cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def kernel_costs(home: Path) -> tuple[float, float]:
    """CPU seconds of a kernel until it answers, and of its first ``import workbench``."""
    from jupyter_client.manager import start_new_kernel

    env = learner_env(home, sync=False)
    km, kc = start_new_kernel(kernel_name="python3", env=env, cwd=str(home))
    try:
        pid = km.provisioner.process.pid
        ready = cpu_seconds(pid)
        reply = kc.execute_interactive("import workbench, workbench.data", timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        return ready, cpu_seconds(pid) - ready
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def median_of(repeat: int, home: Path, **kw) -> tuple[float, float]:
    runs = [start_once(home, **kw) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description="CPU satu server peserta saat mulai, per bagian.")
    parser.add_argument("--repeat", type=int, default=5, help="berapa kali setiap baris diukur")
    parser.add_argument("--quick", action="store_true", help="3 kali per baris (lebih cepat)")
    args = parser.parse_args()
    repeat = 3 if args.quick else args.repeat
    with tempfile.TemporaryDirectory(prefix="bench-server-start-") as tmp:
        home = Path(tmp) / "peserta"
        prepare_home(home, "peserta", ROOT)
        t0 = time.perf_counter()
        first = start_once(home)  # copies the course into the new workspace
        print(
            f"{os.cpu_count()} inti, beban rata-rata {os.getloadavg()[0]:.1f}; "
            f"{repeat}x per baris (median); start pertama (menyalin kursus): "
            f"{first[1]:.2f} s CPU, {first[0]:.2f} s",
            flush=True,
        )
        base = median_of(repeat, home, sync=False, bare=True)
        full = median_of(repeat, home)
        rows = [("Jupyter Server polos (dasar)", base), ("server peserta lengkap", full)]
        without_sync = median_of(repeat, home, sync=False)
        rows.append(("  - sinkron ruang kerja", without_sync))
        for part in EXTENSIONS:
            rows.append((f"  - {part}", median_of(repeat, home, without=(part,))))
        print("\n| server | CPU (s) | x dasar | waktu siap (s) | hemat CPU bila dilepas (s) |")
        print("|---|---|---|---|---|")
        for label, (wall, cpu) in rows:
            saved = f"{full[1] - cpu:.2f}" if label.startswith("  -") else ""
            print(f"| {label} | {cpu:.2f} | {cpu / base[1]:.1f} | {wall:.2f} | {saved} |")
        ready, first_import = kernel_costs(home)
        print(
            f"\nkernel sampai menjawab: {ready:.2f} s CPU; import workbench pertama: "
            f"{first_import:.2f} s CPU"
        )
        shutil.rmtree(home, ignore_errors=True)
        print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
