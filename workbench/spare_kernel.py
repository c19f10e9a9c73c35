"""A learner's first kernel, started in the background before they open a notebook.

On the hub a learner's server starts when they log in, or earlier when the trainer prepares the
class (:mod:`workbench.hubclass`). Opening the first module then still waits for a kernel to
start and for ``import pandas`` and the workbench in its first cell: about a second of CPU each,
on a server where a whole class is opening its first module in the same minute.

:class:`SpareKernelManager` is Jupyter Server's kernel manager with one spare: once the server
runs, it starts one kernel in the learner's workspace and, silently (no output, no execution
count, nothing in the history), imports what every module imports first. The first notebook
the learner opens in that folder gets this kernel; every later one starts its own, as usual.
It is not refilled: one kernel per server is what a learner needs at the start, and an absent
learner's prepared server holds no more than that until the idle culler stops it.

Only a notebook session from JupyterLab takes the spare (its kernel environment names the
notebook in ``JPY_SESSION_NAME``); Voilà's dashboard kernels, which get their own environment,
and kernels in other folders or of other kernel specs start as usual. The one difference a
learner could see: ``JPY_SESSION_NAME`` is not set in the spare (nothing here reads it).

Configured for the hub's users in ``deploy/jupyterhub/peran/bersama/jupyter_server_config.py``.
"""

from __future__ import annotations

import asyncio
import contextlib

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import IOLoop
from traitlets import Unicode

__all__ = ["SpareKernelManager"]


class SpareKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager, with one kernel started ahead for the first notebook."""

    spare_path = Unicode(
        "",
        help="Folder (API path under the server's root) whose notebooks get the spare kernel.",
    ).tag(config=True)
    spare_warmup = Unicode(
        "import pandas, workbench.data, workbench.practice",
        help="Code run silently in the spare kernel before a notebook takes it.",
    ).tag(config=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spare: asyncio.Task | None = None
        # Once the server's loop runs, i.e. after the server answers: never before it.
        IOLoop.current().add_callback(self._begin_spare)

    def _begin_spare(self) -> None:
        self._spare = asyncio.ensure_future(self._start_spare())

    async def _start_spare(self) -> str | None:
        try:
            kernel_id = await super().start_kernel(path=self.spare_path)
            await self._warm(kernel_id)
        except Exception as exc:  # a spare is an optimisation: never stop the server for it
            self.log.warning("Kernel cadangan tidak disiapkan: %s", exc)
            return None
        self.log.info("Kernel cadangan siap untuk notebook pertama: %s", kernel_id)
        return kernel_id

    async def _warm(self, kernel_id: str) -> None:
        """Run :attr:`spare_warmup` silently in the kernel and wait until it is done."""
        if not self.spare_warmup.strip():
            return
        client = self.get_kernel(kernel_id).client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=120)
            msg_id = client.execute(self.spare_warmup, silent=True, store_history=False)
            while True:
                reply = await client.get_shell_msg(timeout=300)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        finally:
            client.stop_channels()

    def takes_spare(self, path: str | None, kwargs: dict) -> bool:
        """Whether a kernel asked for with ``path`` and ``kwargs`` may be the spare."""
        env = kwargs.get("env") or {}
        name = kwargs.get("kernel_name")
        return (
            "JPY_SESSION_NAME" in env
            and not any(key.startswith("VOILA") for key in env)
            and name in (None, self.default_kernel_name)
            and path is not None
            and self.cwd_for_path(path) == self.cwd_for_path(self.spare_path)
        )

    async def start_kernel(self, *, kernel_id: str | None = None, path=None, **kwargs) -> str:
        """The spare for the first notebook session in :attr:`spare_path`, else a new kernel."""
        spare, self._spare = self._spare, None
        if kernel_id is None and spare is not None and self.takes_spare(path, kwargs):
            taken = await spare
            if taken is not None and taken in self:
                self.log.info("Notebook memakai kernel cadangan %s", taken)
                return taken
        elif spare is not None:
            self._spare = spare  # not for this request: keep it for the first notebook
        return await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)

    async def shutdown_all(self, now: bool = False) -> None:
        """Stop the server's kernels, the spare's start included."""
        if self._spare is not None and not self._spare.done():
            self._spare.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._spare
        await super().shutdown_all(now=now)
