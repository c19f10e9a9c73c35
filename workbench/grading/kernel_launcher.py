"""Starts one grading kernel inside its cage (run by path from :mod:`workbench.grading.sandbox`).

Standard library only, on purpose: this runs once per learner before every grading kernel, and
importing the workbench package would cost each start about two seconds of CPU.

Usage: ``python kernel_launcher.py --memory-mb N [--file-mb N] [--user NAME] -- KERNEL CMD...``
sets hard limits (address space, file size, no core dumps), makes a private home and working
folder holding only the assignment's data files (never notebooks), caps what a cell may print,
and, when started as root with ``--user``, drops to that unprivileged user before it executes
the kernel command.
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str]) -> None:
    import resource

    parser = argparse.ArgumentParser(prog="python -m workbench.grading.sandbox")
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--file-mb", type=int, default=200)
    parser.add_argument("--user")
    parser.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd

    memory = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    size = args.file_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    # A private working folder with the assignment's data files (never notebooks): the kernel
    # does not need the folder nbgrader runs it in, which the grader keeps private.
    home = Path(tempfile.mkdtemp(prefix="wb-kernel-"))
    work = home / "kerja"
    work.mkdir()
    origin = Path.cwd()
    for path in origin.rglob("*"):
        if path.is_file() and path.suffix != ".ipynb" and path.stat().st_size < size:
            target = work / path.relative_to(origin)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    startup = home / ".ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-batas-keluaran.py").write_text(_STARTUP, encoding="utf-8")
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        IPYTHONDIR=str(home / ".ipython"),
        MPLCONFIGDIR=str(home / ".mpl"),
        MPLBACKEND="Agg",
        TMPDIR=str(home),
    )
    for secret in [k for k in env if k.startswith(("WORKBENCH_CONFIG", "JUPYTERHUB_API"))]:
        env.pop(secret)

    if "-f" in cmd:  # the connection file: readable by the kernel after dropping privileges
        index = cmd.index("-f") + 1
        connection = home / "kernel.json"
        shutil.copy2(cmd[index], connection)
        cmd[index] = str(connection)

    if args.user and os.geteuid() == 0:
        import pwd

        user = pwd.getpwnam(args.user)
        for path in [home, *home.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid, follow_symlinks=False)
        resource.setrlimit(resource.RLIMIT_NPROC, (512, 512))
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
        env["USER"] = env["LOGNAME"] = args.user
    os.chdir(work)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    main(sys.argv[1:])
