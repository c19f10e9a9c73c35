"""Shared fixtures: a temporary workbench home, real JupyterLab and Voilà servers, a real browser.

Servers are started exactly as users start them (``python -m workbench lab|dashboards``) on free
ports, against a temporary copy of the course so tests never write into the repository, and with
isolated Jupyter config, runtime and settings folders so a developer's own setup cannot leak in.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_NOTEBOOKS = ROOT / "tests" / "notebooks"
SERVER_START_SECONDS = 120


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_home(target: Path) -> Path:
    """A temporary copy of the parts of the workbench home that servers and notebooks read."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for name in ("notebooks", "scenarios", "exercises", "jupyter"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name, ignore=ignore)
    (target / "notebooks").mkdir(exist_ok=True)
    (target / "grading").mkdir(exist_ok=True)
    for config in ("nbgrader_config.py", "grading/nbgrader_config.py"):
        shutil.copy2(ROOT / config, target / config)
    shutil.copytree(FIXTURE_NOTEBOOKS, target / "uji", ignore=ignore)
    # The learner's lab is rooted in their workspace: the test notebooks are "their own" files
    # there, next to the course that `workbench lab` copies in when it starts.
    shutil.copytree(FIXTURE_NOTEBOOKS, target / "var" / "ruang-kerja" / "uji", ignore=ignore)
    (target / "pyproject.toml").write_text("# salinan uji\n", encoding="utf-8")
    return target


def make_course(base: Path) -> dict[str, str]:
    """A temporary workbench home with the course (exercises copied: grading as root makes the
    source private) and its settings; returns the environment that points at it."""
    shutil.copytree(ROOT / "exercises", base / "exercises")
    (base / "grading").mkdir()
    shutil.copy2(ROOT / "grading" / "nbgrader_config.py", base / "grading")
    (base / "wb.toml").write_text(
        "[paths]\n"
        f'exercises = "{(base / "exercises").as_posix()}"\n'
        f'grading = "{(base / "grading").as_posix()}"\n'
        f'state = "{(base / "var").as_posix()}"\n',
        encoding="utf-8",
    )
    return {"WORKBENCH_CONFIG": str(base / "wb.toml")}


NOTEBOOK_CELL_TIMEOUT = 300


def execute_notebook(path: Path, home: Path, monkeypatch, *, then_run: Sequence[str] = ()):
    """Run the notebook at ``path`` top to bottom with nbclient, as the temporary ``home``'s
    learner (no JupyterHub user, Agg charts); fail the test naming the notebook and the cell's
    error. ``then_run`` are code cells run after the last one, in the same kernel (what a
    learner does after *Run All*). Returns the executed notebook for further checks."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    nb = nbformat.read(path, as_version=4)
    nb.cells += [nbformat.v4.new_code_cell(source) for source in then_run]
    client = NotebookClient(
        nb,
        timeout=NOTEBOOK_CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{path.name} gagal dijalankan:\n{exc}")
    return nb


@dataclass
class Server:
    """A running server started by the tests."""

    url: str
    token: str
    root: Path
    proc: subprocess.Popen
    log: Path
    extra: dict = field(default_factory=dict)

    def get(self, path: str, *, timeout: float = 30) -> tuple[int, bytes]:
        """GET ``url + path`` with the token; returns (status, body)."""
        sep = "&" if "?" in path else "?"
        req = urllib.request.Request(f"{self.url}{path}{sep}token={self.token}")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def server_env(home: Path, scratch: Path, token: str) -> dict[str, str]:
    """Environment for a server: temporary home and isolated Jupyter folders, a known token."""
    env = dict(os.environ)
    for var, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        # nbgrader's cache of submissions lives in the data dir: one run must not see another's
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "lab-user-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ):
        (scratch / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(scratch / sub)
    env.update(
        WORKBENCH_HOME=str(home),
        JUPYTER_TOKEN=token,
        JUPYTER_PREFER_ENV_PATH="1",
        PYTHONUNBUFFERED="1",
    )
    env.pop("WORKBENCH_CONFIG", None)
    env.pop("PORT", None)
    env.pop("HOST", None)
    return env


def start_server(args: list[str], home: Path, scratch: Path, ready_path: str) -> Server:
    """Start ``python -m workbench ARGS`` and poll until ``ready_path`` answers 200."""
    token = secrets.token_hex(16)
    port = free_port()
    log = scratch / "server.log"
    cmd = [sys.executable, "-m", "workbench", *args, "--port", str(port), "--no-browser"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=home,
            env=server_env(home, scratch, token),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(url=f"http://127.0.0.1:{port}/", token=token, root=home, proc=proc, log=log)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"Server {' '.join(args)} berhenti saat mulai:\n{server.log_tail()}")
        try:
            status, _ = server.get(ready_path, timeout=5)
            if status == 200:
                return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    server.stop()
    pytest.fail(
        f"Server {' '.join(args)} tidak siap dalam {SERVER_START_SECONDS} detik:\n"
        f"{server.log_tail()}"
    )


@pytest.fixture(scope="session")
def workbench_home(tmp_path_factory) -> Path:
    """A temporary copy of the workbench home (notebooks, scenarios, exercises, test notebooks)."""
    return make_home(tmp_path_factory.mktemp("rumah"))


@pytest.fixture(scope="session")
def lab_server(workbench_home, tmp_path_factory):
    """A real JupyterLab started as `make lab` starts it, on the temporary home."""
    server = start_server(["lab"], workbench_home, tmp_path_factory.mktemp("lab"), "api/status")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def trainer_lab_server(workbench_home, tmp_path_factory):
    """A real JupyterLab started as `make lab-pelatih` starts it: the whole home, formgrader on."""
    server = start_server(
        ["lab", "--trainer"], workbench_home, tmp_path_factory.mktemp("lab-pelatih"), "api/status"
    )
    yield server
    server.stop()


def start_voila(directory: Path, home: Path, scratch: Path, **kwargs) -> Server:
    """A real Voilà serving ``directory`` as `make dashboards` does (``teams=5`` and
    ``triad_people=3`` prepare those rooms, as TIM=5 and BERTIGA=3 do)."""
    args = ["dashboards", "--dir", str(directory)]
    if "cell_timeout" in kwargs:
        args += ["--cell-timeout", str(kwargs["cell_timeout"])]
    for size, flag in (("teams", "--teams"), ("triad_people", "--triad-people")):
        if size in kwargs:
            args += [flag, str(kwargs[size])]
    return start_server(args, home, scratch, "")


@pytest.fixture(scope="session")
def dashboards_server(workbench_home, tmp_path_factory):
    """A real Voilà serving the temporary copy of notebooks/dashboards/, prepared for the room
    a browser test opens at once: five workshop teams (TIM=5)."""
    server = start_voila(
        workbench_home / "notebooks" / "dashboards",
        workbench_home,
        tmp_path_factory.mktemp("voila"),
        teams=5,
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def fixture_dashboards_server(workbench_home, tmp_path_factory):
    """A real Voilà serving the test-only notebooks of tests/notebooks/."""
    server = start_voila(
        workbench_home / "uji", workbench_home, tmp_path_factory.mktemp("voila-uji")
    )
    yield server
    server.stop()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (it cannot download its own browsers here)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        message = (
            "Uji peramban butuh Chromium dari Debian: jalankan 'sudo apt-get install chromium' "
            "(make test memasangnya sendiri bila dijalankan sebagai root)."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Paket playwright belum terpasang: jalankan 'make test' agar terpasang.")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report on the test item (the page fixture reads it)."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request, tmp_path):
    """A fresh browser page (own context), closed after the test. When the test fails, a
    screenshot is saved in the test's temporary folder and its path printed."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="id-ID")
    context.set_default_timeout(60_000)
    pg = context.new_page()
    yield pg
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "gagal.png"
        try:
            pg.screenshot(path=shot)
            print(f"Tangkapan layar saat gagal: {shot}")
        except Exception as exc:  # the page may be gone; the test failure says more
            print(f"Tangkapan layar gagal: {exc}")
    context.close()


# --- running in parallel (`make test`: pytest-xdist, -n 2 --dist loadfile) ------------------------
# A module's tests run in one worker (module fixtures, such as a JupyterHub with real users or a
# walk over every menu, are made once; nothing two tests of a module share runs at once).
# pytest-xdist's "loadgroup" cannot group by session server here: it renames test ids in a way
# pytest 9 no longer honours, so each worker starts the session servers it needs.


def _slow_tests(items) -> int:
    return sum(1 for item in items if item.get_closest_marker("slow") is not None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """In xdist's workers, hand the modules with the most slow tests out first, so the two
    workers finish together (every worker sorts the same way). Otherwise: no change."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    modules: dict[str, list] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    slow = {module: _slow_tests(tests) for module, tests in modules.items()}
    items.sort(key=lambda item: -slow[item.nodeid.split("::", 1)[0]])  # stable within a module
