"""The grading kernel's cage: resource limits, an unprivileged user, a kernel that dies gracefully.

Learner code runs in a Jupyter kernel that nbgrader starts. This module changes how that kernel
is started and how its death is recorded, nothing else, so a normal submission scores exactly
what plain ``nbgrader autograde`` gives it:

* :class:`SandboxKernelManager` starts the kernel through ``kernel_launcher.py`` (beside
  this module), which sets hard limits (address space, file size, no core dumps), moves the
  kernel into a private working folder (holding only the assignment's data files) and, when
  the grader runs as root, drops to an unprivileged user (``[grading] sandbox_user``) that
  cannot read the source course, other submissions or the gradebook;
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

__all__ = ["GuardedExecute", "SandboxKernelManager", "limits"]

#: Limits of kernels started by this process; the autograde worker sets them before grading.
limits: dict[str, object] = {"memory_mb": 2048, "user": None, "file_mb": 200}

#: The launcher is run by its file path, not as ``-m workbench.grading...``: importing the
#: package (pandas, nbgrader) would cost every kernel start about two seconds of CPU.
LAUNCHER = Path(__file__).with_name("kernel_launcher.py")


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels start through this module's launcher (see module doc)."""

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        launcher = [sys.executable, str(LAUNCHER)]
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
