"""The learner's first kernel is started in the background (workbench.spare_kernel).

A real Jupyter Server with the hub's kernel manager, in a folder laid out like a learner's home.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest

from tests.conftest import free_port, server_env
from tests.test_servers import _execute

pytestmark = pytest.mark.slow


class Server:
    def __init__(self, url: str, token: str, proc: subprocess.Popen, log) -> None:
        self.url, self.token, self.proc, self.log = url, token, proc, log

    def call(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            f"{self.url}{path}?token={self.token}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read() or b"null")


@pytest.fixture
def learner_server(tmp_path):
    home = tmp_path / "home"
    for path in (
        "ruang-kerja/02-modul.ipynb",
        "ruang-kerja/03-modul.ipynb",
        "ruang-kerja/dashboards/01-dasbor.ipynb",
    ):
        (home / path).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(), home / path)
    token, port = "spare-" + os.urandom(6).hex(), free_port()
    log_path = tmp_path / "server.log"
    cmd = [
        sys.executable,
        "-m",
        "jupyter_server",
        f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={home}",
        "--ServerApp.open_browser=False",
        "--ServerApp.kernel_manager_class=workbench.spare_kernel.SpareKernelManager",
        "--SpareKernelManager.spare_path=ruang-kerja",
    ]
    if os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd,
            env=server_env(home, tmp_path / "scratch", token),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(f"http://127.0.0.1:{port}/", token, proc, log_path)
    try:
        yield server
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


def wait_for_spare(server: Server) -> str:
    """The spare kernel's id, once the server says it is warm (bounded wait)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if b"Kernel cadangan siap" in server.log.read_bytes():
            (kernel,) = server.call("GET", "api/kernels")
            return kernel["id"]
        if server.proc.poll() is not None:
            pytest.fail(server.log.read_text())
        time.sleep(0.5)
    pytest.fail("kernel cadangan tidak siap:\n" + server.log.read_text()[-3000:])


def open_notebook(server: Server, path: str) -> str:
    body = {"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
    return server.call("POST", "api/sessions", body)["kernel"]["id"]


def _run_in_own_thread(coroutine):
    """Run ``coroutine`` to its end on a new event loop in a thread of its own.

    A browser test earlier in the same pytest process can leave Playwright's loop registered as
    running in the main thread, and ``asyncio.run`` refuses to start inside it.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_first_notebook_gets_the_warm_kernel_and_later_ones_their_own(learner_server):
    """Does the first module opened get the pre-started, pre-imported kernel, and only it?"""
    spare = wait_for_spare(learner_server)
    # A dashboard (another folder) does not take it.
    dashboard = open_notebook(learner_server, "ruang-kerja/dashboards/01-dasbor.ipynb")
    assert dashboard != spare
    first = open_notebook(learner_server, "ruang-kerja/02-modul.ipynb")
    assert first == spare
    second = open_notebook(learner_server, "ruang-kerja/03-modul.ipynb")
    assert second not in (spare, dashboard)
    # Warm: pandas and the workbench are already imported, silently (no execution count used).
    out = _run_in_own_thread(
        _execute(
            learner_server.url,
            learner_server.token,
            first,
            "import sys, os\n"
            "print('pandas' in sys.modules, 'workbench.practice' in sys.modules)\n"
            "print(os.getcwd().endswith('ruang-kerja'), len(In))",
        )
    )
    assert out.split() == ["True", "True", "True", "1"], out
