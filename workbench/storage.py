"""Atomic file writes: a crash, a full disk or a file open in Excel never leaves half a file.

Every engine that saves something a user made (progress, plans, reports, shipped data) writes
through :func:`atomic_path` or :func:`write_text`: the content goes to a temporary file in the
same folder, is flushed to disk, and only then replaces the target in one rename. If anything
fails, the temporary file is removed and the previous version stays as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import WorkbenchError, os_reason

__all__ = ["atomic_path", "write_text"]


@contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str | None = None) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces ``path`` when the block succeeds.

    Write the whole content to the yielded path (with pandas, xlsxwriter, ``open``...). When
    the block ends without an exception the file is synced and renamed over ``path``; when it
    raises, the temporary file is deleted and ``path`` is untouched. ``suffix`` defaults to
    the target's, for writers that choose a format by file name.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=suffix or target.suffix or ".tmp", dir=target.parent
        )
        os.close(fd)
    except OSError as exc:
        raise WorkbenchError(f"Folder {target.parent} {os_reason(exc)}.") from exc
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise WorkbenchError(
                f"Berkas {target} tidak bisa diganti: mungkin sedang dibuka di program lain "
                "(misalnya Excel). Tutup berkas itu, lalu ulangi; versi lamanya masih utuh."
            ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(
    path: str | os.PathLike, text: str, *, encoding: str = "utf-8", newline: str = ""
) -> Path:
    """Write ``text`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding=encoding, newline=newline) as handle:
        handle.write(text)
    return Path(path)
