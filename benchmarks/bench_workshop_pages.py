"""N team pages opened in the same second: how long until each is usable (real Voilà, Chromium).

``python benchmarks/bench_workshop_pages.py`` serves the workshop pages as
``make dashboards TIM=N`` does (warm kernels: one per team plus a spare), waits until the pools
are full (as they are when teams arrive), creates a workshop, then opens N team pages in N
separate browser contexts at the same moment and times, for each page, from the request to the
moment it is usable: the workshop and team dropdowns drawn and filled. A page not usable within
``--limit`` seconds counts as blank.

The named baseline, measured in the same run, is one team page opened alone on the same server;
every figure is also printed as a ratio to it. Target (issue 21): N = 10, every page usable
within 6 s, none blank. ``--quick`` measures N = 5 only; ``--teams 5 10 20`` chooses the Ns;
``--no-preheat`` measures Voilà without warm kernels for comparison.
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

from workbench import formatting as fmt

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("03-lokakarya-fasilitator.ipynb", "04-lokakarya-tim.ipynb")
TEAM = "04-lokakarya-tim.ipynb"
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

    def wait_ready(self, pools: dict[str, int], timeout: float = 900) -> None:
        """Until Voilà answers and every notebook's pool reports itself full."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"Voilà berhenti:\n{self.log.read_text(errors='replace')[-3000:]}")
            text = self.log.read_text(errors="replace")
            full = all(
                re.search(rf"Kernel pool of {re.escape(nb)} is filled with {n} kernel", text)
                for nb, n in pools.items()
            )
            if full and self._answers():
                return
            time.sleep(0.5)
        sys.exit("Voilà tidak siap pada waktunya.")

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


async def open_page(browser, server: Server, limit: float, phases: list) -> float | None:
    """Seconds from the request until the team page is usable (None: blank within ``limit``);
    appends (page delivered, page usable) seconds to ``phases``."""
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="id-ID")
    page = await ctx.new_page()
    start = time.perf_counter()
    try:
        await page.goto(
            f"{server.url}voila/render/{TEAM}?token={server.token}", timeout=limit * 1000
        )
        delivered = time.perf_counter() - start
        team = page.locator(".rp-halaman .widget-dropdown select").nth(1)
        await team.wait_for(state="visible", timeout=limit * 1000)
        await page.wait_for_function(
            "() => document.querySelectorAll('.rp-halaman .widget-dropdown select')[1]"
            ".options.length > 1",
            timeout=limit * 1000,
        )
        usable = time.perf_counter() - start
        phases.append((delivered, usable))
        return usable
    except Exception:  # a timeout, a closed page: the page never became usable
        return None
    finally:
        await ctx.close()


async def open_all(server: Server, n: int, limit: float, phases: list) -> list[float | None]:
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Butuh Chromium dari Debian: sudo apt-get install chromium")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=chromium, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )  # fmt: skip
        try:
            pages = (open_page(browser, server, limit, phases) for _ in range(n))
            return list(await asyncio.gather(*pages))
        finally:
            await browser.close()


def create_workshop(home: Path, teams: int) -> None:
    code = (
        "from workbench.roleplay import Workshop\n"
        f"Workshop.create(None, 'Benchmark', teams=[f'Tim {{i}}' for i in range(1, {teams + 1})])\n"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, env=dict(os.environ, WORKBENCH_HOME=str(home))
    )


def measure(n: int, *, preheat: bool, limit: float, phases: list) -> tuple[float, list]:
    """(one page alone, N pages at once) on a server prepared for N teams."""
    with tempfile.TemporaryDirectory() as folder:
        home = make_home(Path(folder))
        create_workshop(home, n)
        server = Server(home, n, preheat)
        try:
            pools = {TEAM: n + 1, PAGES[0]: 2} if preheat else {}
            server.wait_ready(pools)
            alone = asyncio.run(open_all(server, 1, limit, []))[0]
            if preheat:  # the pool refills the kernel the lone page took
                server.wait_ready({TEAM: n + 1}, timeout=300)
            times = asyncio.run(open_all(server, n, limit, phases))
        finally:
            server.stop()
    return (alone if alone is not None else float("nan")), times


def _s(seconds: float) -> str:
    return f"{fmt.number(seconds, 1)} s"


def _x(ratio: float) -> str:
    return f"{fmt.number(ratio, 1)}x"


def report(n: int, alone: float, times: list, limit: float, phases: list) -> None:
    ok = sorted(t for t in times if t is not None)
    blank = len(times) - len(ok)
    if not ok:
        print(f"N={n}: semua {n} halaman kosong setelah {_s(limit)}")
        return
    median, slowest = statistics.median(ok), ok[-1]
    delivered = statistics.median(d for d, _u in phases)
    print(
        f"N={n}: median {_s(median)} ({_x(median / alone)}), terlambat {_s(slowest)} "
        f"({_x(slowest / alone)}), kosong {blank}; halaman terkirim (median) {_s(delivered)}; "
        f"satu halaman sendiri {_s(alone)}"
    )
    if n == TARGET_N:
        verdict = "tercapai" if blank == 0 and slowest <= TARGET_SECONDS else "BELUM tercapai"
        print(f"  target N={TARGET_N}: semua siap dalam {_s(TARGET_SECONDS)}: {verdict}")


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
        phases: list = []
        alone, times = measure(n, preheat=not args.no_preheat, limit=args.limit, phases=phases)
        report(n, alone, times, args.limit, phases)
    print(f"Beban mesin (rata-rata 1 menit) di akhir: {fmt.number(os.getloadavg()[0], 1)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
