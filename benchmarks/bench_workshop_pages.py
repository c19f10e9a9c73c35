"""N team pages opened in the same second: how long until each is usable (real Voilà, Chromium).

``python benchmarks/bench_workshop_pages.py`` serves the workshop pages as
``make dashboards TIM=N`` does (warm kernels: one per team plus a spare), waits until the pools
are full (as they are when teams arrive), creates a workshop, then opens N team pages in N
separate browser contexts at the same moment and times, for each page, from the request to the
moment it is usable: the workshop and team dropdowns drawn and filled. A page not usable within
``--limit`` seconds counts as blank.

The named baseline, measured in the same run, is one team page opened alone on the same server;
every figure is also printed as a ratio to it. A second baseline separates the team page from
the stack it runs on: N copies of the smallest Voilà page that passes the same check (two
dropdowns, nothing else; ``00-lantai-voila.ipynb``, warm kernels too), opened at once on the
same server after the team pages' kernels are back. For each burst the processor seconds spent
by the browsers (Chromium, all processes) and by the server (Voilà and its kernels) are
printed: on one machine they share its cores, in a real room each laptop renders its own page.
Target (issue 21): N = 10, every page usable within 6 s, none blank. ``--quick`` measures
N = 5 only; ``--teams 5 10 20`` chooses the Ns; ``--no-preheat`` measures Voilà without warm
kernels for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil

from workbench import formatting as fmt

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("03-lokakarya-fasilitator.ipynb", "04-lokakarya-tim.ipynb")
TEAM = "04-lokakarya-tim.ipynb"
#: The smallest Voilà page the usability check accepts: the stack's own floor.
FLOOR = "00-lantai-voila.ipynb"
FLOOR_CODE = (
    "import ipywidgets as widgets\n\n"
    "halaman = widgets.VBox([widgets.Dropdown(options=['Lokakarya']),\n"
    "                        widgets.Dropdown(options=['Tim 1', 'Tim 2'])])\n"
    "halaman.add_class('rp-halaman')\n"
    "halaman"
)
USABLE = (
    "() => { const s = document.querySelectorAll('.rp-halaman .widget-dropdown select');"
    " return s.length > 1 && s[1].options.length > 1; }"
)
TARGET_N, TARGET_SECONDS = 10, 6.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_home(base: Path) -> Path:
    """A workbench home with only the workshop pages (other dashboards would take kernels)."""
    home = base / "rumah"
    for name in ("scenarios", "jupyter"):
        shutil.copytree(ROOT / name, home / name)
    folder = home / "notebooks" / "dashboards"
    folder.mkdir(parents=True)
    for name in PAGES:
        shutil.copy2(ROOT / "notebooks" / "dashboards" / name, folder / name)
    floor = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)"},
            "workbench": {"ready": ".rp-halaman", "warm_kernels": "per_team"},
        }
    )
    floor.cells = [nbformat.v4.new_code_cell(FLOOR_CODE)]
    nbformat.write(floor, folder / FLOOR)
    (home / "pyproject.toml").write_text("# salinan benchmark\n", encoding="utf-8")
    return home


class Server:
    """``workbench dashboards --teams N`` on a free port, its log kept in a file."""

    def __init__(self, home: Path, teams: int, preheat: bool) -> None:
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.log = home / f"voila-{teams}.log"
        env = dict(os.environ, WORKBENCH_HOME=str(home), JUPYTER_TOKEN=self.token)
        for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                         ("MPLCONFIGDIR", "matplotlib")):  # fmt: skip
            (home / "scratch" / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(home / "scratch" / sub)
        cmd = [sys.executable, "-m", "workbench", "dashboards", "--teams", str(teams),
               "--port", str(self.port), "--no-browser"]  # fmt: skip
        if not preheat:
            cmd.append("--no-preheat")
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                cmd, cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}/"

    def fills(self, notebook: str) -> int:
        """How often Voilà has reported the notebook's pool full (once at start, then once per
        kernel a page took and the refill replaced)."""
        text = self.log.read_text(errors="replace")
        return len(re.findall(rf"Kernel pool of {re.escape(notebook)} is filled with", text))

    def wait_ready(self, pools: dict[str, int], timeout: float = 900) -> None:
        """Until Voilà answers and each notebook's pool has been reported full ``pools[nb]``
        times (1: the start; 1 + k after pages took k kernels)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"Voilà berhenti:\n{self.log.read_text(errors='replace')[-3000:]}")
            if all(self.fills(nb) >= n for nb, n in pools.items()) and self._answers():
                return
            time.sleep(0.5)
        sys.exit("Voilà tidak siap pada waktunya.")

    def wait_quiet(self, timeout: float = 180) -> None:
        """Until the server and its kernels are idle: less than 5% of one core over 2 s.

        A pool reports itself full when its last kernel has run the notebook; kernels that
        have just started still settle for a few seconds, and a burst measured then would pay
        for them.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = self._processor_seconds()
            time.sleep(2)
            if self._processor_seconds() - before < 0.1:
                return
        print(f"  (server belum tenang setelah {_s(timeout)}; angka di bawah ikut terbebani)")

    def _processor_seconds(self) -> float:
        return sum(_seconds(proc) or 0.0 for proc in _tree(self.proc.pid))

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}?token={self.token}", timeout=5) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)


def _tree(pid: int) -> list:
    """The process ``pid`` and all its descendants (empty once it has ended)."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def _seconds(proc) -> float | None:
    """Processor seconds ``proc`` has used (None once it has ended)."""
    try:
        times = proc.cpu_times()
    except psutil.Error:
        return None
    return times.user + times.system


class Processor:
    """Processor seconds used by the browsers and by the server during a burst.

    Processes are sampled while the burst runs, so a browser process that ends (a closed page)
    keeps the seconds it had used; the browsers are every process this script started except
    the server's tree.
    """

    def __init__(self, server: Server) -> None:
        self.server = server
        self.used: dict[int, tuple[str, float]] = {}
        self.start: dict[int, float] = {}

    def sample(self) -> None:
        server = {proc.pid for proc in _tree(self.server.proc.pid)}
        for proc in psutil.Process().children(recursive=True):
            seconds = _seconds(proc)
            if seconds is not None:
                side = "server" if proc.pid in server else "browser"
                self.used[proc.pid] = (side, seconds)

    def begin(self) -> None:
        self.sample()
        self.start = {pid: seconds for pid, (_side, seconds) in self.used.items()}

    def totals(self) -> dict[str, float]:
        out = {"browser": 0.0, "server": 0.0}
        for pid, (side, seconds) in self.used.items():
            out[side] += seconds - self.start.get(pid, 0.0)
        return out


async def open_page(browser, url: str, limit: float, contexts: list) -> tuple[float, float] | None:
    """(page delivered, page usable) seconds from the request (None: not usable within
    ``limit``). The browser context is kept in ``contexts`` so its processes are counted until
    the end of the burst."""
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="id-ID")
    contexts.append(ctx)
    page = await ctx.new_page()
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=limit * 1000)
        delivered = time.perf_counter() - start
        # Checked every 100 ms, as a person glancing at the screen would notice, rather than on
        # every animation frame, which would itself load the ten pages' processors.
        await page.wait_for_function(USABLE, timeout=limit * 1000, polling=100)
        return delivered, time.perf_counter() - start
    except Exception:  # a timeout, a closed page: the page never became usable
        return None


async def open_all(
    server: Server, notebook: str, n: int, limit: float
) -> tuple[list, dict[str, float]]:
    """Open ``notebook`` in ``n`` browser contexts at once: each page's (delivered, usable)
    seconds or None, and the processor seconds the burst cost browsers and server."""
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Butuh Chromium dari Debian: sudo apt-get install chromium")
    url = f"{server.url}voila/render/{notebook}?token={server.token}"
    processor = Processor(server)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=chromium, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )  # fmt: skip
        contexts: list = []
        try:
            processor.begin()
            pages = asyncio.gather(*(open_page(browser, url, limit, contexts) for _ in range(n)))
            while not pages.done():
                processor.sample()
                await asyncio.wait([pages], timeout=0.25)
            processor.sample()
            return pages.result(), processor.totals()
        finally:
            for ctx in contexts:
                await ctx.close()
            await browser.close()


def create_workshop(home: Path, teams: int) -> None:
    code = (
        "from workbench.roleplay import Workshop\n"
        f"Workshop.create(None, 'Benchmark', teams=[f'Tim {{i}}' for i in range(1, {teams + 1})])\n"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, env=dict(os.environ, WORKBENCH_HOME=str(home))
    )


def measure(n: int, *, preheat: bool, limit: float) -> dict:
    """On a server prepared for N teams: one team page alone, N team pages at once, then N
    floor pages at once (each burst with full pools, as when a room arrives)."""
    with tempfile.TemporaryDirectory() as folder:
        home = make_home(Path(folder))
        create_workshop(home, n)
        server = Server(home, n, preheat)
        try:
            server.wait_ready({TEAM: 1, PAGES[0]: 1, FLOOR: 1} if preheat else {})
            server.wait_quiet()
            alone, _cpu = asyncio.run(open_all(server, TEAM, 1, limit))
            if preheat:  # the pool refills the kernel the lone page took
                server.wait_ready({TEAM: 2}, timeout=300)
            server.wait_quiet()
            team = asyncio.run(open_all(server, TEAM, n, limit))
            if preheat:  # the team pages' refills would otherwise compete with the floor pages
                server.wait_ready({TEAM: 2 + n}, timeout=600)
            server.wait_quiet()
            floor = asyncio.run(open_all(server, FLOOR, n, limit))
        finally:
            server.stop()
    return {
        "alone": alone[0][1] if alone[0] is not None else float("nan"),
        "team": team,
        "floor": floor,
    }


def _s(seconds: float) -> str:
    return f"{fmt.number(seconds, 1)} s"


def _x(ratio: float) -> str:
    return f"{fmt.number(ratio, 1)}x"


def _burst(name: str, burst: tuple, alone: float, limit: float) -> tuple[float, float, int] | None:
    pages, cpu = burst
    ok = sorted(p[1] for p in pages if p is not None)
    blank = len(pages) - len(ok)
    if not ok:
        print(f"  {name}: semua {len(pages)} halaman kosong setelah {_s(limit)}")
        return None
    median, slowest = statistics.median(ok), ok[-1]
    delivered = statistics.median(p[0] for p in pages if p is not None)
    print(
        f"  {name}: median {_s(median)} ({_x(median / alone)}), terlambat {_s(slowest)} "
        f"({_x(slowest / alone)}), kosong {blank}; halaman terkirim (median) {_s(delivered)}; "
        f"prosesor: peramban {_s(cpu['browser'])}, server {_s(cpu['server'])} "
        f"({_s(cpu['server'] / len(pages))} per halaman)"
    )
    return median, slowest, blank


def report(n: int, result: dict, limit: float) -> None:
    alone = result["alone"]
    print(f"N={n} (satu halaman tim sendiri: {_s(alone)})")
    team = _burst("halaman tim", result["team"], alone, limit)
    floor = _burst("halaman Voilà terkecil", result["floor"], alone, limit)
    if team and floor:
        print(
            f"  halaman tim dibanding halaman Voilà terkecil: median {_x(team[0] / floor[0])}, "
            f"terlambat {_x(team[1] / floor[1])}"
        )
    if n == TARGET_N and team:
        ok = team[2] == 0 and team[1] <= TARGET_SECONDS
        print(
            f"  target N={TARGET_N}: semua siap dalam {_s(TARGET_SECONDS)}: "
            f"{'tercapai' if ok else 'BELUM tercapai'}"
        )
        if floor and floor[1] > TARGET_SECONDS:
            print(f"  (halaman Voilà terkecil pun baru siap dalam {_s(floor[1])} di mesin ini)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--quick", action="store_true", help="hanya N = 5")
    parser.add_argument("--no-preheat", action="store_true", help="tanpa kernel hangat")
    parser.add_argument("--limit", type=float, default=180.0, help="detik sebelum dianggap kosong")
    args = parser.parse_args()
    ns = [5] if args.quick else args.teams
    print(
        f"Halaman tim dibuka bersamaan ({'tanpa' if args.no_preheat else 'dengan'} kernel hangat)"
    )
    for n in ns:
        report(n, measure(n, preheat=not args.no_preheat, limit=args.limit), args.limit)
    print(f"Beban mesin (rata-rata 1 menit) di akhir: {fmt.number(os.getloadavg()[0], 1)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
