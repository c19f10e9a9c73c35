"""Make the system refuse writes in one folder, as a full disk or a read-only share would.

Tests run as root in CI, where a read-only folder does not stop anything, so the refusal is
made where every writer meets the system: opening a file for writing (``os.open`` and the
built-in ``open`` that pandas, xlsxwriter's zip file and JSON writers use) and flushing it to
disk (``os.fsync``, where a full disk on a network share first shows).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _inside(path, folder: Path) -> bool:
    if isinstance(path, int):
        return False
    try:
        return Path(os.fsdecode(path)).resolve().is_relative_to(folder.resolve())
    except (TypeError, ValueError):
        return False


def refuse_writes_in(folder: Path, monkeypatch, code: int = errno.ENOSPC, *, at: str = "open"):
    """Every write under ``folder`` fails with ``OSError(code)``.

    ``at="open"``: opening a file there for writing fails (read-only folder, no space for a
    new file). ``at="sync"``: files open, but flushing them to disk fails (disk full midway).
    """
    error = OSError(code, os.strerror(code))
    if code == errno.EACCES:
        error = PermissionError(code, os.strerror(code))
    if at == "sync":
        if not Path("/proc/self/fd").is_dir():
            pytest.skip("a descriptor's file is found through /proc (Linux)")
        real_fsync = os.fsync

        def fsync(fd):
            if _inside(os.readlink(f"/proc/self/fd/{fd}"), folder):
                raise error
            return real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        return
    real_os_open, real_open = os.open, builtins.open

    def os_open(path, flags, *args, **kwargs):
        if flags & _WRITE_FLAGS and _inside(path, folder):
            raise error
        return real_os_open(path, flags, *args, **kwargs)

    def open_(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+") and _inside(file, folder):
            raise error
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
