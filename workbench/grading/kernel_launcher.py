"""Starts one grading kernel inside its cage (run by path from :mod:`workbench.grading.sandbox`).

Standard library only, on purpose: this runs once per learner before every grading kernel, and
importing the workbench package would cost each start about two seconds of CPU.

Usage: ``python kernel_launcher.py --memory-mb N [--file-mb N] [--user NAME] -- KERNEL CMD...``
sets hard limits (address space, file size, no core dumps), makes a private home and working
folder holding only the assignment's data files (never notebooks), caps what a cell may print,
and, when started as root with ``--user``, drops to that unprivileged user before it executes
the kernel command.

Warm start (``--via SOCKET``): instead of a new Python that imports IPython and pandas for every
learner (about a second of CPU each), a *zygote* started once per grading worker
(``--zygote SOCKET``) has imported them already and forks one fresh kernel per request; the
fork is caged exactly as above before any learner code runs, and never shares state with
another learner (the zygote itself never runs learner code). The process jupyter_client starts
is then a small stub that asks the zygote for the kernel, forwards signals (interrupt, kill) to
it and exits with it; if the stub dies, the zygote kills the kernel.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

#: Output (characters per cell) a learner's code may print before the rest is dropped.
MAX_OUTPUT_CHARS = 2_000_000

_STARTUP = f"""
# Written by workbench.grading.sandbox: caps what one cell may print, so a learner's huge output
# cannot exhaust the grader's memory (the grader keeps every output until the notebook is saved).
import sys as _sys


class _CappedStream:
    def __init__(self, stream, budget):
        self._stream = stream
        self._budget = budget
        self._noted = False

    def write(self, text):
        if self._budget <= 0:
            if not self._noted:
                self._noted = True
                self._stream.write(
                    "\\n[keluaran dipotong: lebih dari {MAX_OUTPUT_CHARS} karakter]\\n"
                )
            return len(text)
        self._budget -= len(text)
        return self._stream.write(text[: max(self._budget + len(text), 0)])

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _cap_streams(*_args, **_kwargs):
    _sys.stdout = _CappedStream(getattr(_sys.stdout, "_stream", _sys.stdout), {MAX_OUTPUT_CHARS})
    _sys.stderr = _CappedStream(getattr(_sys.stderr, "_stream", _sys.stderr), {MAX_OUTPUT_CHARS})


get_ipython().events.register("pre_run_cell", _cap_streams)
"""


def _parse(argv: list[str]):
    parser = argparse.ArgumentParser(prog="kernel_launcher.py")
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--file-mb", type=int, default=200)
    parser.add_argument("--user")
    parser.add_argument("--via", help="socket of a zygote to fork the kernel from")
    parser.add_argument("--zygote", help="run as zygote listening on this socket")
    parser.add_argument("--preload", default="", help="modules the zygote imports (comma list)")
    parser.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    args.cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    return args


def _prepare(args, cmd: list[str], origin: Path, base_env: dict[str, str]):
    """Private home and working folder (owned by the sandbox user), the connection file copied
    into it (changes ``cmd`` in place). Needs the grader's rights; returns (work, env)."""
    size = args.file_mb * 1024 * 1024
    # A private working folder with the assignment's data files (never notebooks): the kernel
    # does not need the folder nbgrader runs it in, which the grader keeps private.
    home = Path(tempfile.mkdtemp(prefix="wb-kernel-"))
    work = home / "kerja"
    work.mkdir()
    for path in origin.rglob("*"):
        if path.is_file() and path.suffix != ".ipynb" and path.stat().st_size < size:
            target = work / path.relative_to(origin)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    startup = home / ".ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-batas-keluaran.py").write_text(_STARTUP, encoding="utf-8")
    env = dict(base_env)
    env.update(
        HOME=str(home),
        IPYTHONDIR=str(home / ".ipython"),
        MPLCONFIGDIR=str(home / ".mpl"),
        MPLBACKEND="Agg",
        TMPDIR=str(home),
    )
    for secret in [k for k in env if k.startswith("JUPYTERHUB_API")]:
        env.pop(secret)
    settings = env.get("WORKBENCH_CONFIG")
    if settings and Path(settings).is_file():
        # The workbench settings the grader uses, readable by the kernel's user too, so learner
        # code sees the same office settings as under plain nbgrader.
        shutil.copy2(settings, home / "workbench.toml")
        env["WORKBENCH_CONFIG"] = str(home / "workbench.toml")
    if "-f" in cmd:  # the connection file: readable by the kernel after dropping privileges
        index = cmd.index("-f") + 1
        connection = home / "kernel.json"
        shutil.copy2(cmd[index], connection)
        cmd[index] = str(connection)
    user = _sandbox_user(args)
    if user is not None:
        for path in [home, *home.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid, follow_symlinks=False)
        env["USER"] = env["LOGNAME"] = user.pw_name
    return work, env


def _sandbox_user(args):
    if args.user and hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        return pwd.getpwnam(args.user)
    return None


def _limit(args) -> None:
    """Hard limits of the kernel process (memory, file size, no core dumps, processes)."""
    import resource

    memory = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    size = args.file_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if args.user:
        resource.setrlimit(resource.RLIMIT_NPROC, (512, 512))


def _drop(args) -> None:
    user = _sandbox_user(args)
    if user is not None:
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)


def _ipykernel_args(cmd: list[str]) -> list[str] | None:
    """The IPKernelApp arguments of a ``python -m ipykernel_launcher ...`` command, else None."""
    if len(cmd) >= 3 and cmd[1] == "-m" and cmd[2] in ("ipykernel_launcher", "ipykernel"):
        return cmd[3:]
    return None


def _stub(args) -> None:
    """Ask the zygote for a kernel, relay signals to it, exit when it exits."""
    import json
    import signal
    import socket

    cmd = list(args.cmd)
    if _ipykernel_args(cmd) is None:  # not a Python kernel: start it the plain way
        _exec(args, cmd)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(args.via)
    except OSError:  # the zygote is gone: start this kernel the plain (slower) way
        _exec(args, cmd)
    work, env = _prepare(args, cmd, Path.cwd(), dict(os.environ))
    request = {"cmd": cmd, "work": str(work), "env": env}
    sock.sendall(json.dumps(request).encode() + b"\n")
    reader = sock.makefile("r")
    pid = int(reader.readline())

    def relay(signum, _frame):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1):
        signal.signal(signum, relay)
    line = reader.readline()  # the zygote writes the exit code when the kernel ends
    sys.exit(int(line) if line.strip() else 1)


def _zygote(args) -> None:
    """Import the heavy modules once, then fork one caged kernel per request.

    Started as the sandbox user (so Python finds only what that user may read); the stub has
    already prepared each kernel's private folder with the grader's rights."""
    import importlib
    import json
    import selectors
    import signal
    import socket

    os.environ["MPLBACKEND"] = "Agg"
    for name in filter(None, args.preload.split(",")):
        with contextlib.suppress(Exception):  # a missing optional module only costs speed
            importlib.import_module(name)
    parent = os.getppid()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(args.zygote)
    server.listen(8)
    selector = selectors.DefaultSelector()
    selector.register(server, selectors.EVENT_READ)
    children: dict[int, socket.socket] = {}
    while os.getppid() == parent:
        for key, _ in selector.select(timeout=0.5):
            conn = key.fileobj
            if conn is server:
                client, _ = server.accept()
                selector.register(client, selectors.EVENT_READ)
                continue
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
            selector.unregister(conn)
            if not data.endswith(b"\n"):  # a stub went away: kill its kernel
                for pid, owner in list(children.items()):
                    if owner is conn:
                        _kill(pid)
                conn.close()
                continue
            request = json.loads(data)
            pid = os.fork()
            if pid == 0:  # the kernel
                server.close()
                for other in children.values():
                    other.close()
                conn.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.setsid()
                _run_kernel(args, request)
                os._exit(0)
            children[pid] = conn
            conn.sendall(f"{pid}\n".encode())
            selector.register(conn, selectors.EVENT_READ)
        for pid, conn in list(children.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                children.pop(pid)
                with contextlib.suppress(OSError):
                    conn.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
                with contextlib.suppress(KeyError, ValueError):
                    selector.unregister(conn)
                conn.close()
    for pid in children:
        _kill(pid)


def _kill(pid: int) -> None:
    import signal

    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _run_kernel(args, request: dict) -> None:
    cmd = list(request["cmd"])
    try:
        _limit(args)
        os.chdir(request["work"])
        env = request["env"]
        os.environ.clear()
        os.environ.update(env)
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = [cmd[0], *_ipykernel_args(cmd)]
        app = IPKernelApp.instance()
        app.initialize(_ipykernel_args(cmd))
        app.start()
    except SystemExit as exc:
        os._exit(exc.code if isinstance(exc.code, int) else 0)
    except BaseException:
        import traceback

        traceback.print_exc()
        os._exit(1)


def main(argv: list[str]) -> None:
    args = _parse(argv)
    if args.zygote:
        _zygote(args)
        return
    if args.via:
        _stub(args)
        return
    _exec(args, list(args.cmd))


def _exec(args, cmd: list[str]) -> None:
    """The plain way: cage this process, then become the kernel."""
    work, env = _prepare(args, cmd, Path.cwd(), dict(os.environ))
    _limit(args)
    _drop(args)
    os.chdir(work)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    main(sys.argv[1:])
