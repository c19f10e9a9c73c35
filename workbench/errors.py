"""One error type for the whole workbench.

Every engine raises :class:`WorkbenchError` for problems a user can fix (a bad file, a wrong
setting, an invalid scenario). It carries an Indonesian message and, where useful, the full
list of problems found, each naming the file, row, column and value, and what was expected.

Row numbers follow what a user sees in Excel or a text editor: in a file with a header line,
the header is row 1 and the first data row is row 2.

In a notebook or a Voilà dashboard the error shows as its Indonesian message without a Python
traceback (IPython calls :meth:`WorkbenchError._render_traceback_`); developers still get the
traceback from ``err.__traceback__`` or by running outside IPython.
"""

from __future__ import annotations

import errno
import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Problem", "WorkbenchError", "os_reason"]

#: How many problems are listed in the text form; the full list stays in ``problems``.
MAX_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the input, located as precisely as possible."""

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    expected: str | None = None

    def location(self) -> str:
        """Where the problem is, in Indonesian ("berkas x.csv, baris 3, kolom 'U1'")."""
        parts = []
        if self.file:
            parts.append(f"berkas {self.file}")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column is not None:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = self.message
        if self.value is not None:
            text += f" (nilai: {self.value!r})"
        if self.expected:
            text += f"; seharusnya {self.expected}"
        where = self.location()
        return f"{where}: {text}" if where else text

    def as_dict(self) -> dict[str, Any]:
        """The problem as a row with Indonesian column names, for tables."""
        return {
            "berkas": self.file,
            "baris": self.row,
            "kolom": self.column,
            "nilai": self.value,
            "masalah": self.message,
            "seharusnya": self.expected,
        }


class WorkbenchError(Exception):
    """A problem the user can fix, explained in Bahasa Indonesia.

    ``message`` says what went wrong and what to do; ``problems`` lists every individual
    problem found (not just the first), so a user can fix a file in one pass.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(message)

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message]
        lines += [f"  - {p}" for p in self.problems[:MAX_LISTED]]
        hidden = len(self.problems) - MAX_LISTED
        if hidden > 0:
            lines.append(f"  ... dan {hidden} masalah lain (lihat atribut .problems).")
        return "\n".join(lines)

    def to_frame(self):
        """The problems as a pandas DataFrame (columns berkas, baris, kolom, ...)."""
        import pandas as pd

        columns = ["berkas", "baris", "kolom", "nilai", "masalah", "seharusnya"]
        return pd.DataFrame([p.as_dict() for p in self.problems], columns=columns)

    # IPython shows this instead of a traceback: learners see the message, not Python internals.
    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[1;31mKesalahan:\x1b[0m {self}"]

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{'' if v is None else html.escape(str(v))}</td>" for v in p.as_dict().values()
            )
            + "</tr>"
            for p in self.problems[:MAX_LISTED]
        )
        table = (
            "<table><thead><tr><th>berkas</th><th>baris</th><th>kolom</th><th>nilai</th>"
            f"<th>masalah</th><th>seharusnya</th></tr></thead><tbody>{rows}</tbody></table>"
            if rows
            else ""
        )
        message = html.escape(self.message)
        return f"<div class='workbench-error'><p><b>Kesalahan:</b> {message}</p>{table}</div>"


def os_reason(exc: OSError) -> str:
    """Why a file or folder could not be used, in Indonesian (the system's text is English)."""
    if isinstance(exc, FileNotFoundError):
        return "tidak ditemukan; periksa nama dan foldernya"
    if isinstance(exc, PermissionError):
        return "tidak boleh dibuka atau ditulisi (izin ditolak, atau sedang dibuka program lain)"
    if isinstance(exc, IsADirectoryError):
        return "adalah folder, bukan berkas"
    if exc.errno == errno.ENOSPC:
        return "tidak bisa ditulis: disk penuh; kosongkan ruang disk lalu ulangi"
    if exc.errno == errno.EROFS:
        return "tidak bisa ditulis: foldernya hanya boleh dibaca (read-only)"
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "tidak bisa dipakai: ada berkas biasa di tempat yang seharusnya folder"
    if exc.errno == getattr(errno, "EDQUOT", None):
        return "tidak bisa ditulis: kuota disk Anda habis; hapus berkas yang tidak perlu"
    return f"tidak bisa dipakai (kode kesalahan sistem {exc.errno})"
