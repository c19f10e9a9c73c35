"""The grading kernel's cage: resource limits, an unprivileged user, a kernel that dies gracefully.

Learner code runs in a Jupyter kernel that nbgrader starts. This module changes how that kernel
is started and how its death is recorded, nothing else, so a normal submission scores exactly
what plain ``nbgrader autograde`` gives it:

* :class:`SandboxKernelManager` starts the kernel through ``python -m workbench.grading.sandbox``,
  which sets hard limits (address space, file size, no core dumps), moves the kernel into a
  private empty working folder (holding only the assignment's data files), and, when the grader
  runs as root, drops to an unprivileged user (``[grading] sandbox_user``) that cannot read the
  source course, other submissions or the gradebook;
* :class:`GuardedExecute` is nbgrader's ``Execute`` preprocessor except that a kernel that dies
  (``os._exit()``, a segfault, the memory limit) marks that cell and every later code cell as
  failed, instead of aborting the learner's whole grading. A cell that did not run must never
  pass: nbgrader counts a test cell without an error as passed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

__all__ = ["GuardedExecute", "SandboxKernelManager", "limits"]

#: Limits of kernels started by this process; the autograde worker sets them before grading.
limits: dict[str, object] = {"memory_mb": 2048, "user": None, "file_mb": 200}

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


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels start through this module's launcher (see module doc)."""

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        launcher = [sys.executable, "-m", "workbench.grading.sandbox"]
        launcher += ["--memory-mb", str(limits["memory_mb"]), "--file-mb", str(limits["file_mb"])]
        if limits.get("user"):
            launcher += ["--user", str(limits["user"])]
        return [*launcher, "--", *cmd]


class GuardedExecute(Execute):
    """nbgrader's ``Execute`` that survives a dying kernel (see module doc)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._dead_at: int | None = None
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if self._dead_at is not None:
            cell.outputs = [_error("KernelMati", "kernel sudah mati di sel sebelumnya")]
            return cell, resources
        from nbclient.exceptions import DeadKernelError

        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._dead_at = index
            died = _error(
                "KernelMati",
                "kernel mati saat menjalankan sel ini (os._exit, batas memori, atau crash)",
            )
            cell.outputs = [*cell.get("outputs", []), died]
            return cell, resources


def _error(name: str, text: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=name, evalue=text, traceback=[f"{name}: {text}"])


# --- the launcher (runs in the kernel's own process, before the kernel) -------------------------
def _launch(argv: list[str]) -> None:
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
    _launch(sys.argv[1:])
