"""How fast the solo conversation page is interactive (python benchmarks/bench_percakapan.py).

A real Voilà, started as ``make dashboards`` starts it (``workbench dashboards``: sources
stripped, preheated kernels), on a temporary copy of the workbench home, and a real headless
Chromium (Debian's, driven by Playwright). For each opening, the clock runs from the moment the
browser is told to go to the page until the learner can act on it:

1. **interactive**: the first choice button of the conversation is visible and enabled;
2. **first answer**: after clicking it, the learner's words appear in the conversation (the
   click went to the kernel and the page redrew), measured from the click.

The target is 2 s for (1). The same server also serves a minimal page with one slider (the
test fixture ``tests/notebooks/dasbor-dengan-widget.ipynb``): its time to interactive is the
**baseline** measured in the same run, and the ratio page/baseline shows what the conversation
page itself costs beyond Voilà's own start.

Voilà keeps two preheated kernels for the solo page (its metadata, ``warm_kernels: 2``), one
for the baseline page. Each *warm* opening waits ``--pause`` seconds first, so the pools have
refilled; one *second* opening right after a warm one shows what a second learner opening the
page at the same moment waits (the spare kernel; a third would wait for Voilà to refill). A
room opening it together plays alone on the triad page instead (*Latihan sendiri*).

Numbers depend on what else runs on the machine: report them with the load (``uptime``).
``--quick`` opens each page twice instead of five times.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from workbench import formatting as fmt

ROOT = Path(__file__).resolve().parent.parent
SOLO = "08-percakapan-sendiri.ipynb"
BASELINE = "00-ukuran-dasar.ipynb"
TARGET_SECONDS = 2.0
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_home(folder: Path) -> Path:
    """The parts of the workbench home Voilà and the pages read, plus the baseline page."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for name in ("notebooks", "scenarios", "jupyter"):
        shutil.copytree(ROOT / name, folder / name, ignore=ignore)
    shutil.copy2(
        ROOT / "tests" / "notebooks" / "dasbor-dengan-widget.ipynb",
        folder / "notebooks" / "dashboards" / BASELINE,
    )
    (folder / "pyproject.toml").write_text("# salinan benchmark\n", encoding="utf-8")
    return folder


def start_voila(home: Path, scratch: Path, token: str) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, WORKBENCH_HOME=str(home), JUPYTER_TOKEN=token, PYTHONUNBUFFERED="1")
    for var, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ):
        (scratch / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(scratch / sub)
    env.pop("WORKBENCH_CONFIG", None)
    port = free_port()
    log = open(scratch / "voila.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "workbench", "dashboards", "--port", str(port), "--no-browser"],
        cwd=home,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Voilà berhenti saat mulai; lihat {scratch / 'voila.log'}")
        try:
            with urllib.request.urlopen(f"{url}?token={token}", timeout=5) as resp:
                if resp.status == 200:
                    return proc, url
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    stop(proc)
    raise SystemExit("Voilà tidak siap dalam 180 detik")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def open_page(browser, url: str, token: str, notebook: str) -> tuple[float, float | None]:
    """Seconds until the page can be acted on; for the conversation, also until a click got
    its answer drawn."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="id-ID")
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(f"{url}voila/render/{notebook}?token={token}", wait_until="commit")
        if notebook == BASELINE:
            page.locator(".widget-slider").first.wait_for(state="visible")
            return time.perf_counter() - start, None
        button = page.locator(".pc-pilihan").first
        button.wait_for(state="visible")
        while not button.is_enabled():
            page.wait_for_timeout(10)
        ready = time.perf_counter() - start
        clicked = time.perf_counter()
        button.click()
        page.locator(".pc-obrolan .pc-petugas").first.wait_for(state="visible")
        return ready, time.perf_counter() - clicked
    finally:
        context.close()


def seconds(value: float) -> str:
    return f"{fmt.number(value, 2)} s"


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name}: median {seconds(statistics.median(values))}, terbaik {seconds(min(values))}, "
        f"terburuk {seconds(max(values))} ({len(values)}x)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="pembukaan hangat per halaman")
    parser.add_argument("--quick", action="store_true", help="dua pembukaan per halaman")
    parser.add_argument(
        "--pause",
        type=float,
        default=25.0,
        help="detik menunggu sebelum pembukaan hangat (kernel siap lagi)",
    )
    args = parser.parse_args()
    repeats = 2 if args.quick else args.repeats
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium tidak ada: sudo apt-get install chromium")
        return 1
    from playwright.sync_api import sync_playwright

    token = secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as folder:
        home = make_home(Path(folder) / "rumah")
        proc, url = start_voila(home, Path(folder) / "voila", token)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                results = measure(browser, url, token, repeats, args.pause)
                browser.close()
        finally:
            stop(proc)
    report(results)
    return 0


def measure(browser, url: str, token: str, repeats: int, pause: float) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"dasar": [], "siap": [], "jawab": [], "dingin": []}
    time.sleep(pause)  # both pages' preheated kernels are ready before the first opening
    for _ in range(repeats):
        results["dasar"].append(open_page(browser, url, token, BASELINE)[0])
        ready, answer = open_page(browser, url, token, SOLO)
        results["siap"].append(ready)
        results["jawab"].append(answer)
        time.sleep(pause)
    results["dingin"] = [open_page(browser, url, token, SOLO)[0] for _ in range(2)][1:]
    return results


def report(results: dict[str, list[float]]) -> None:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(
        f"beban mesin (1/5/15 menit): {' / '.join(fmt.number(x, 2) for x in load)}, "
        f"{os.cpu_count()} inti"
    )
    print(summary("halaman dasar (satu slider), siap dipakai", results["dasar"]))
    print(summary("halaman percakapan sendiri, siap dipakai", results["siap"]))
    print(summary("  jawaban pertama tergambar setelah klik", results["jawab"]))
    median, base = statistics.median(results["siap"]), statistics.median(results["dasar"])
    print(
        f"rasio target/ukur (median): {fmt.number(TARGET_SECONDS / median, 2)}x "
        f"(target < {fmt.number(TARGET_SECONDS, 0)} s; >= 1 berarti memenuhi)"
    )
    print(f"rasio percakapan/dasar (median): {fmt.number(median / base, 2)}x")
    print(summary("pembukaan kedua (langsung setelah pembukaan lain)", results["dingin"]))


if __name__ == "__main__":
    sys.exit(main())
