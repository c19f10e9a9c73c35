"""``python mulai.py``: what ``make lab`` does, with only Python (no make, no git)."""

from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

sys.path.insert(0, str(ROOT))
import mulai

sys.path.remove(str(ROOT))


def makefile_setup_inputs() -> set[str]:
    """The Makefile's SETUP_INPUTS, its wildcard expanded, as paths relative to the root."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^SETUP_INPUTS := (.*?)(?<!\\)\n", text, re.M | re.S).group(1)
    words = block.replace("\\\n", " ").split()
    found: set[str] = set()
    inside = " ".join(words)
    wildcard = re.search(r"\$\(wildcard ([^)]*)\)", inside)
    if wildcard:
        for pattern in wildcard.group(1).split():
            found |= {p for p in glob.glob(pattern, root_dir=ROOT)}
        inside = inside.replace(wildcard.group(0), "")
    found |= {w for w in inside.split() if (ROOT / w).is_file()}
    return found


def test_launcher_watches_the_files_make_watches():
    """Does mulai.py set the environment up again for exactly the files make does (so that
    neither reinstalls when the other would not, and neither misses a change)?"""
    ours = {Path(p).relative_to(ROOT).as_posix() for p in mulai.setup_inputs()}
    assert ours == makefile_setup_inputs()


def test_launcher_sets_up_only_when_an_input_changed(tmp_path, monkeypatch):
    """Is .venv set up when it has no stamp or an input is newer than it, and not otherwise?"""
    (tmp_path / "pyproject.toml").write_text("x", encoding="utf-8")
    (tmp_path / ".venv").mkdir()
    monkeypatch.setattr(mulai, "ROOT", str(tmp_path))
    monkeypatch.setattr(mulai, "STAMP", str(tmp_path / ".venv" / ".installed"))
    assert mulai.needs_setup()
    stamp = tmp_path / ".venv" / ".installed"
    stamp.write_text("", encoding="utf-8")
    os.utime(tmp_path / "pyproject.toml", (1_000_000_000, 1_000_000_000))
    assert not mulai.needs_setup()
    os.utime(tmp_path / "pyproject.toml", None)
    os.utime(stamp, (1_000_000_000, 1_000_000_000))
    assert mulai.needs_setup()


def test_too_old_python_hears_what_to_install(monkeypatch, capsys):
    """On a Python older than 3.11, does the launcher say in Indonesian what to install?"""
    monkeypatch.setattr(sys, "version_info", (3, 9, 7))
    assert mulai.main([]) == 1
    err = capsys.readouterr().err
    assert "terlalu lama" in err and "python.org" in err


def test_launcher_passes_the_make_targets_to_workbench(monkeypatch):
    """Does 'python mulai.py lab-pelatih --port 9000' start what 'make lab-pelatih PORT=9000'
    starts, from .venv's Python?"""
    started = []
    monkeypatch.setattr(mulai, "needs_setup", lambda: False)
    monkeypatch.setattr(os, "execv", lambda exe, args: started.append(args))
    monkeypatch.setattr(mulai.subprocess, "call", lambda args: started.append(args) or 0)
    monkeypatch.delenv("HOST", raising=False)
    mulai.main(["lab-pelatih", "--port", "9000"])
    assert started[-1][0] == mulai.venv_python()
    assert started[-1][1:] == [
        "-m", "workbench", "lab", "--trainer", "--port", "9000", "--host", "127.0.0.1"
    ]  # fmt: skip
    mulai.main([])
    assert started[-1][3:] == ["lab", "--host", "127.0.0.1"]


# -- the real thing: a project copied from a zip, a PATH without make or git -----------------


def _project_copy(target: Path) -> Path:
    """The project as a downloaded zip holds it: the tracked files, no .git, no .venv."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


def _only_python_path(folder: Path) -> str:
    """A PATH with the system's Python (what a learner installs) and nothing else."""
    system = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}"
    folder.mkdir()
    for name in ("python3", "python"):
        (folder / name).symlink_to(system)
    return str(folder)


def _start(root: Path, env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    handle = log.open("w", encoding="utf-8")
    return subprocess.Popen(
        ["python3", "mulai.py", "--no-browser", "--port", str(port)],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _serving(proc: subprocess.Popen, log: Path, port: int, deadline: float) -> str:
    """Wait (polling, with a deadline) until the lab answers; returns the log."""
    url = f"http://127.0.0.1:{port}/"
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        token = re.search(rf"127\.0\.0\.1:{port}/\S*\?token=(\w+)", text)
        if token:
            try:
                with urllib.request.urlopen(f"{url}api/status?token={token.group(1)}", timeout=5):
                    return text
            except OSError:
                pass
        if proc.poll() is not None:
            pytest.fail(f"mulai.py ended with {proc.returncode}:\n{text[-3000:]}")
        time.sleep(1)
    pytest.fail(f"JupyterLab did not answer in time:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.mark.slow
@pytest.mark.timeout(3600)  # a whole fresh installation: many minutes on a busy machine
@pytest.mark.skipif(os.name != "posix", reason="builds the PATH with symlinks")
def test_python_only_start_from_a_zip_copy_without_make_or_git(tmp_path):
    """From a copy of the project without .git, with only Python on PATH (no make, no git):
    does 'python3 mulai.py' create .venv, fill the workspace and serve JupyterLab, with make's
    messages, and does a second start skip the installation?"""
    root = _project_copy(tmp_path / "asn-workbench")
    assert not (root / ".git").exists()
    path = _only_python_path(tmp_path / "bin")
    assert shutil.which("make", path=path) is None and shutil.which("git", path=path) is None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "VIRTUAL_ENV"))}
    env.update(PATH=path, JUPYTER_PREFER_ENV_PATH="1")
    env.pop("JUPYTERHUB_USER", None)
    env.pop("JUPYTER_TOKEN", None)
    port = free_port()
    log = tmp_path / "pertama.log"
    proc = _start(root, env, port, log)
    try:
        text = _serving(proc, log, port, time.monotonic() + 3300)
    finally:
        _stop(proc)
    assert "Membuat lingkungan" in text and "Memasang paket" in text and "Lingkungan siap." in text
    assert "diperbarui dari kursus" in text and "00-beranda.ipynb" in text
    assert (root / ".venv" / ".installed").is_file()
    assert (root / "var" / "ruang-kerja" / "00-mulai.ipynb").is_file()
    assert not (root / "var" / "ruang-kerja" / "dashboards").exists()

    port = free_port()
    log = tmp_path / "kedua.log"
    proc = _start(root, env, port, log)
    try:
        text = _serving(proc, log, port, time.monotonic() + 300)
    finally:
        _stop(proc)
    assert "Memasang paket" not in text and "sudah sesuai" in text


# -- what the lab prints when a learner opens a notebook -------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="local sockets exist on POSIX only")
def test_lab_kernels_use_local_sockets():
    """Are the lab's kernels told to talk over local sockets instead of TCP?"""
    from workbench.launch import lab_command

    assert "--KernelManager.transport=ipc" in lab_command(open_browser=False)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="local sockets exist on POSIX only")
def test_opening_a_notebook_logs_no_encryption_warning(lab_server):
    """Does a kernel started by the learner's lab for a notebook run code without ipykernel's
    English warning 'Kernel is running over TCP without encryption' in the server's terminal?
    (Only this kernel's part of the log is read: nbgrader's own validation kernels, started by
    other tests of the session, still use TCP.)"""
    import asyncio
    import json
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from tests.test_servers import _execute

    req = urllib.request.Request(
        f"{lab_server.url}api/kernels?token={lab_server.token}",
        method="POST",
        data=json.dumps({"name": "python3"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    before = len(lab_server.log.read_text(encoding="utf-8", errors="replace"))
    with urllib.request.urlopen(req, timeout=60) as resp:
        kernel = json.loads(resp.read())
    try:
        out = (
            ThreadPoolExecutor(1)
            .submit(
                asyncio.run,
                _execute(lab_server.url, lab_server.token, kernel["id"], "print(6 * 7)"),
            )
            .result(timeout=120)
        )
    finally:
        urllib.request.urlopen(
            urllib.request.Request(
                f"{lab_server.url}api/kernels/{kernel['id']}?token={lab_server.token}",
                method="DELETE",
            ),
            timeout=30,
        )
    assert out.strip() == "42"
    log = lab_server.log.read_text(encoding="utf-8", errors="replace")[before:]
    assert "without encryption" not in log


# -- JupyterLab's terminal: this installation's python and pip first --------------------------


def test_terminal_startup_file_puts_the_venv_first_after_the_users_own(tmp_path):
    """With a ~/.bashrc that puts another Python first (pyenv, conda), does the terminal's
    startup file still give .venv's python and pip, after reading the user's file?"""
    fake = tmp_path / "lain" / "bin"
    fake.mkdir(parents=True)
    for name in ("python", "pip"):
        (fake / name).write_text("#!/bin/sh\necho palsu\n", encoding="utf-8")
        (fake / name).chmod(0o755)
    (tmp_path / ".bashrc").write_text(
        f'export PATH="{fake}:$PATH"\nexport DARI_BASHRC=ya\n', encoding="utf-8"
    )
    venv_bin = Path(sys.executable).parent
    env = {
        "HOME": str(tmp_path),
        "PATH": f"{venv_bin}:/usr/bin:/bin",
        "WORKBENCH_BIN": str(venv_bin),
    }
    bash = shutil.which("bash")
    rc = ROOT / "jupyter" / "terminal" / "bashrc"
    script = "command -v python; command -v pip; echo $DARI_BASHRC"
    out = subprocess.run(
        [bash, "--rcfile", str(rc), "-i", "-c", script], env=env, capture_output=True, text=True
    ).stdout.split()
    assert out == [str(venv_bin / "python"), str(venv_bin / "pip"), "ya"], out
    plain = subprocess.run([bash, "-i", "-c", script], env=env, capture_output=True, text=True)
    assert plain.stdout.split()[0] == str(fake / "python")  # what the learner met before


def test_lab_terminal_is_bash_with_the_startup_file(monkeypatch):
    """Does the learner's lab start its terminal's bash with that startup file, and tell it
    where this installation's tools are?"""
    from workbench.config import get_settings
    from workbench.launch import lab_command, server_environment

    monkeypatch.setenv("SHELL", shutil.which("bash"))
    setting = next(c for c in lab_command(open_browser=False) if "shell_command" in c)
    home = get_settings().home  # the repository, or the test home an earlier test set up
    assert setting.endswith(f"--rcfile {home / 'jupyter' / 'terminal' / 'bashrc'}")
    assert server_environment()["WORKBENCH_BIN"] == str(Path(sys.executable).parent)


@pytest.mark.slow
def test_python_in_the_lab_terminal_is_this_installations(lab_server):
    """In a real terminal of the learner's lab, are 'python' and 'pip' the ones of .venv (so
    'pip install' goes where the notebooks can import it)?"""
    import asyncio
    import json
    import urllib.request

    req = urllib.request.Request(
        f"{lab_server.url}api/terminals?token={lab_server.token}", method="POST", data=b""
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        name = json.loads(resp.read())["name"]

    async def ask() -> str:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        ws_url = lab_server.url.replace("http://", "ws://")
        conn = await websocket_connect(
            HTTPRequest(f"{ws_url}terminals/websocket/{name}?token={lab_server.token}")
        )
        await conn.write_message(json.dumps(["stdin", "echo JAWAB $(command -v python pip)\r"]))
        seen = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "JAWAB /" not in seen:
            raw = await asyncio.wait_for(conn.read_message(), timeout=60)
            if raw is None:
                break
            kind, *rest = json.loads(raw)
            if kind == "stdout":
                seen += rest[0]
        conn.close()
        return seen

    from concurrent.futures import ThreadPoolExecutor

    try:
        # Its own thread and event loop: Playwright's sync API may own this thread's loop.
        seen = ThreadPoolExecutor(1).submit(asyncio.run, ask()).result(timeout=120)
    finally:
        urllib.request.urlopen(
            urllib.request.Request(
                f"{lab_server.url}api/terminals/{name}?token={lab_server.token}", method="DELETE"
            ),
            timeout=30,
        )
    venv_bin = Path(sys.executable).parent
    answer = seen[seen.index("JAWAB /") :].split()[1:3]
    assert answer == [str(venv_bin / "python"), str(venv_bin / "pip")], seen[-500:]


def test_both_roles_load_our_style_additions():
    """Do the learner's and the trainer's labs (laptop and JupyterHub read the same role
    folders) load jupyter/custom/custom.css, through an extension that puts our folder first
    on the very list JupyterLab's /custom/ handler serves from?"""
    import json
    from types import SimpleNamespace

    from workbench import labstyle

    for role in ("peserta", "pelatih"):
        config = json.loads(
            (ROOT / "jupyter" / "peran" / role / "jupyter_server_config.json").read_text()
        )
        assert config["ServerApp"]["jpserver_extensions"]["workbench.labstyle"] is True
        assert config["LabApp"]["custom_css"] is True
    css = (ROOT / "jupyter" / "custom" / "custom.css").read_text(encoding="utf-8")
    assert "#jp-left-stack" in css and "min-width" in css
    paths = ["/home/u/.jupyter/custom"]
    server = SimpleNamespace(web_app=SimpleNamespace(settings={"static_custom_path": paths}))
    labstyle._load_jupyter_server_extension(server)
    labstyle._load_jupyter_server_extension(server)
    assert paths == [labstyle.custom_folder(), "/home/u/.jupyter/custom"]
    assert labstyle.custom_folder().endswith(str(Path("jupyter") / "custom"))
