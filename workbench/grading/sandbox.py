"""The grading kernel's cage: resource limits, an unprivileged user, a kernel that dies gracefully.

Learner code runs in a Jupyter kernel that nbgrader starts. This module changes how that kernel
is started and how its death is recorded, nothing else, so a normal submission scores exactly
what plain ``nbgrader autograde`` gives it:

* :class:`SandboxKernelManager` starts the kernel through ``kernel_launcher.py`` (beside
  this module), which sets hard limits (address space, file size, no core dumps), moves the
  kernel into a private working folder (holding only the assignment's data files) and, when
  the grader runs as root, drops to an unprivileged user (``[grading] sandbox_user``) that
  cannot read the source course, other submissions or the gradebook;
* :func:`start_zygote` starts, once per batch, a process that has imported IPython and pandas
  and forks each learner's kernel from there (caged the same way), so no learner pays a Python
  start-up and those imports; the scores stay those of a cold kernel (checked by the benchmark);
* :class:`GuardedExecute` is nbgrader's ``Execute`` preprocessor except that a kernel that dies
  (``os._exit()``, a segfault, the memory limit) marks that cell and every later code cell as
  failed, instead of aborting the learner's whole grading. A cell that did not run must never
  pass: nbgrader counts a test cell without an error as passed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

__all__ = ["GuardedExecute", "SandboxKernelManager", "limits", "start_zygote", "stop_zygote"]

#: Limits of kernels started by this process; the autograde worker sets them before grading.
limits: dict[str, object] = {"memory_mb": 2048, "user": None, "file_mb": 200, "via": None}

#: What the zygote imports once so that each learner's kernel starts warm (see the launcher).
PRELOAD = (
    "IPython,ipykernel.ipkernel,ipykernel.kernelapp,ipykernel.zmqshell,numpy,pandas,"
    "matplotlib,matplotlib_inline.backend_inline,workbench.data,workbench.skm"
)

_zygote: dict[str, object] = {}

#: The launcher is run by its file path, not as ``-m workbench.grading...``: importing the
#: package (pandas, nbgrader) would cost every kernel start about two seconds of CPU.
LAUNCHER = Path(__file__).with_name("kernel_launcher.py")


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels start through this module's launcher (see module doc)."""

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if sys.platform == "win32":  # no rlimits, users or fork there: nbgrader's own start
            return cmd
        launcher = [sys.executable, str(LAUNCHER)]
        launcher += ["--memory-mb", str(limits["memory_mb"]), "--file-mb", str(limits["file_mb"])]
        if limits.get("user"):
            launcher += ["--user", str(limits["user"])]
        if limits.get("via"):
            launcher += ["--via", str(limits["via"])]
        return [*launcher, "--", *cmd]


def start_zygote() -> str | None:
    """Start (once per process and limits) the zygote that forks warm, caged kernels, and make
    kernels started by this process use it. Returns its socket path (None where unsupported)."""
    import os
    import shutil
    import subprocess
    import tempfile
    import time

    if not hasattr(os, "fork"):
        return None
    key = (limits["memory_mb"], limits["user"], limits["file_mb"])
    process = _zygote.get("process")
    if process is not None and _zygote.get("key") == key and process.poll() is None:
        limits["via"] = _zygote["socket"]
        return str(_zygote["socket"])
    stop_zygote()
    folder = Path(tempfile.mkdtemp(prefix="wb-zigot-"))
    socket_path = folder / "zigot.sock"
    cmd = [sys.executable, str(LAUNCHER), "--zygote", str(socket_path), "--preload", PRELOAD]
    cmd += ["--memory-mb", str(limits["memory_mb"]), "--file-mb", str(limits["file_mb"])]
    if limits.get("user"):
        cmd += ["--user", str(limits["user"])]
    extra = {}
    if limits.get("user") and hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        # The zygote runs as the sandbox user from its start: Python then finds only the
        # standard library that user may read, as a kernel started the plain way does.
        user = pwd.getpwnam(str(limits["user"]))
        os.chown(folder, user.pw_uid, user.pw_gid)
        extra = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    log = open(os.environ.get("WORKBENCH_ZYGOTE_LOG", os.devnull), "ab")  # noqa: SIM115
    process = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=folder, **extra
    )
    log.close()
    deadline = time.monotonic() + 120
    while not socket_path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            shutil.rmtree(folder, ignore_errors=True)
            limits["via"] = None
            return None  # kernels start the plain (slower) way
        time.sleep(0.05)
    _zygote.update(
        process=process, key=key, socket=str(socket_path), folder=folder, owner=os.getpid()
    )
    limits["via"] = str(socket_path)
    return str(socket_path)


def stop_zygote() -> None:
    """Stop this process's zygote, if any (its kernels have ended with their notebooks)."""
    import os
    import shutil

    if _zygote.get("owner") not in (None, os.getpid()):  # a forked worker: not its zygote
        return
    process = _zygote.pop("process", None)
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except Exception:
            process.kill()
    folder = _zygote.pop("folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    _zygote.clear()
    limits["via"] = None


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
