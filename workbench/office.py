"""The one writer of Excel and CSV files that people open: text stays text.

A survey answer, a learner's name or a plan's text that starts with ``=``, ``+``, ``-`` or
``@`` would become a live formula in Excel if written naively (``=HYPERLINK(...)`` or a DDE
``=cmd|' /C calc'!A0`` runs when a trainer opens the file). Every Excel and CSV file the
workbench writes for a person goes through this module:

* Excel (:func:`write_excel`, :func:`workbook`): text is written as a text cell, never as a
  formula or a link; real numbers as numbers, dates as dates (office time, no time zone, which
  Excel cannot store), missing values as empty cells.
* CSV (:func:`write_csv`): a CSV has no cell types, so text that Excel would read as a formula
  gets a leading apostrophe (:func:`safe_text`, the OWASP advice for CSV injection); numbers
  are written as numbers. By default the file is what Indonesian Excel opens with a double
  click: ``;`` between columns, a decimal comma, UTF-8 with a byte-order mark.

Every write is atomic (:func:`workbench.storage.atomic_path`): the old file stays whole until
the new one is complete. A refused write (disk full, read-only folder, file open in Excel) is
one Indonesian :class:`~workbench.errors.WorkbenchError`.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.errors import WorkbenchError, os_reason
from workbench.storage import atomic_path

__all__ = [
    "WORKBOOK_OPTIONS",
    "original_text",
    "safe_text",
    "workbook",
    "write_cell",
    "write_csv",
    "write_excel",
]

#: xlsxwriter options under which a string is always a text cell (never a formula, link or
#: number); :func:`workbook` always uses them.
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
    "in_memory": True,  # no parts in the system's temp folder, which may be full or shared
}

#: First characters that make a spreadsheet read a CSV cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_DATE_FORMAT = "dd-mm-yyyy"
_DATETIME_FORMAT = "dd-mm-yyyy hh:mm"


def safe_text(value: str) -> str:
    """``value`` made safe for a CSV cell: a formula-like start gets a leading ``'``.

    ``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``; ``"-"`` alone and ordinary text are
    returned unchanged. Text that already starts with apostrophes before a formula-like start
    gets one more, so :func:`original_text` gives back exactly what was written.
    """
    if _formula_like(value.lstrip("'")):
        return "'" + value
    return value


def original_text(value: str) -> str:
    """The text :func:`safe_text` was given (for reading back a CSV the workbench wrote)."""
    if value.startswith("'") and _formula_like(value[1:].lstrip("'")):
        return value[1:]
    return value


def _formula_like(value: str) -> bool:
    return len(value) > 1 and value.startswith(_FORMULA_START)


def _refused(path: Path, exc: OSError) -> WorkbenchError:
    return WorkbenchError(
        f"Berkas {path} {os_reason(exc)}. Tidak ada yang tersimpan; versi lamanya (jika ada) "
        "masih utuh."
    )


@contextmanager
def workbook(path: str | os.PathLike) -> Iterator[object]:
    """An ``xlsxwriter.Workbook`` for ``path`` whose strings are always text cells.

    For sheets laid out by hand (reports with titles and merged cells). The workbook is
    closed and moved into place atomically when the block ends; on an exception nothing is
    written. Use ``worksheet.write(...)`` freely: with :data:`WORKBOOK_OPTIONS` a string
    starting with ``=`` is stored as text.
    """
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException

    target = Path(path)
    try:
        with atomic_path(target, suffix=".xlsx") as tmp:
            book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
            yield book  # on an exception nothing is closed, so nothing is written
            try:
                book.close()
            except XlsxWriterException as exc:  # FileCreateError wraps the OSError
                cause = exc.__context__ if isinstance(exc.__context__, OSError) else None
                raise (_refused(target, cause) if cause else WorkbenchError(str(exc))) from exc
    except OSError as exc:
        raise _refused(target, exc) from exc


def write_excel(
    path: str | os.PathLike,
    sheets: Mapping[str, pd.DataFrame],
    *,
    index: bool = False,
) -> Path:
    """Write each DataFrame of ``sheets`` to its own sheet of ``path`` (an ``.xlsx`` file).

    The header row is bold and frozen, columns are sized to their content, text is text,
    numbers are numbers, dates are dates in office time. Sheet names longer than Excel's 31
    characters are shortened. Returns the path.
    """
    target = Path(path)
    with workbook(target) as book:
        bold = book.add_format({"bold": True, "bg_color": "#e5e7eb", "border": 1})
        date_f = book.add_format({"num_format": _DATE_FORMAT})
        datetime_f = book.add_format({"num_format": _DATETIME_FORMAT})
        used: set[str] = set()
        for name, frame in sheets.items():
            sheet = book.add_worksheet(_sheet_name(str(name), used))
            data = frame.reset_index() if index else frame
            for j, column in enumerate(data.columns):
                sheet.write_string(0, j, str(column), bold)
            widths = [len(str(c)) for c in data.columns]
            for j, column in enumerate(data.columns):
                values = _office_values(data[column])
                for i, value in enumerate(values, start=1):
                    shown = write_cell(
                        sheet, i, j, value, date_format=date_f, datetime_format=datetime_f
                    )
                    widths[j] = max(widths[j], min(shown, 60))
            for j, width in enumerate(widths):
                sheet.set_column(j, j, width + 2)
            sheet.freeze_panes(1, 0)
    return target


def _sheet_name(name: str, used: set[str]) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, "-")
    base = (name or "Lembar")[:31]
    candidate, k = base, 2
    while candidate.casefold() in used:
        suffix = f" ({k})"
        candidate, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(candidate.casefold())
    return candidate


def _office_values(series: pd.Series) -> list[object]:
    """The column's values as plain Python values, aware datetimes in naive office time."""
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        from workbench.config import get_settings

        series = series.dt.tz_convert(get_settings().tz).dt.tz_localize(None)
    return series.astype(object).tolist()


def _write_number(sheet, row: int, col: int, number: float, cell_format) -> int:
    if math.isinf(number):  # Excel has no infinity: say it in words
        sheet.write_string(
            row, col, "tak hingga" if number > 0 else "minus tak hingga", cell_format
        )
        return 16
    sheet.write_number(row, col, number, cell_format)
    return len(f"{number:g}")  # noqa: OW002 - a column width estimate, never shown


def _write_moment(sheet, row, col, value, cell_format, date_format, datetime_format) -> int:
    """A date-time as an Excel date in office time (a midnight as a date)."""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        from workbench.config import get_settings

        stamp = stamp.tz_convert(get_settings().tz).tz_localize(None)
    plain = stamp.to_pydatetime()
    if plain.time() == dt.time(0):
        sheet.write_datetime(row, col, plain, date_format or cell_format)
        return 10
    sheet.write_datetime(row, col, plain, datetime_format or cell_format)
    return 16


def write_cell(
    sheet,
    row: int,
    col: int,
    value: object,
    cell_format=None,
    *,
    date_format=None,
    datetime_format=None,
) -> int:
    """Write one value to an xlsxwriter ``sheet`` as its own cell type; return its shown width.

    Text is always a text cell (never a formula or a link, whatever the workbook's options),
    real numbers are numbers, booleans booleans, dates and datetimes Excel dates in office time
    (``date_format`` / ``datetime_format``, else ``cell_format``; Excel shows a date only with
    a date ``num_format`` in the format used), lists one item per line.
    A missing value (``None``, NaN, ``NaT``, ``pd.NA``) leaves the cell empty, still formatted
    with ``cell_format`` (so a table keeps its borders). Infinity, which Excel cannot store, is
    written in words.
    """
    if _missing(value):
        if cell_format is not None:
            sheet.write_blank(row, col, None, cell_format)
        return 0
    if isinstance(value, str):
        sheet.write_string(row, col, value, cell_format)
        return len(value)
    if isinstance(value, bool | np.bool_):
        sheet.write_boolean(row, col, bool(value), cell_format)
        return 5
    if isinstance(value, numbers.Real):
        return _write_number(sheet, row, col, float(value), cell_format)
    if isinstance(value, pd.Timestamp | dt.datetime):
        return _write_moment(sheet, row, col, value, cell_format, date_format, datetime_format)
    if isinstance(value, dt.date):
        plain = dt.datetime.combine(value, dt.time(0))
        sheet.write_datetime(row, col, plain, date_format or cell_format)
        return 10
    text = "\n".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    sheet.write_string(row, col, text, cell_format)
    return len(text)


def _missing(value: object) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def write_csv(
    path: str | os.PathLike,
    frame: pd.DataFrame,
    *,
    excel: bool = True,
    index: bool = False,
    bom: bool | None = None,
) -> Path:
    """Write ``frame`` to ``path`` as a CSV whose text cells cannot become formulas.

    With ``excel=True`` (the default) the file is what Indonesian Excel opens with a double
    click: ``;`` separator, decimal comma, UTF-8 with a byte-order mark. ``excel=False``
    writes the plain machine form (``,`` and decimal point, UTF-8 without BOM) that pandas and
    the workbench's own readers read by default. ``bom`` overrides the byte-order mark (a
    machine-form file with ``bom=True`` still shows accents and dashes right when someone opens
    it in Excel). Aware datetimes are written in office time without an offset. Returns the
    path.
    """
    target = Path(path)
    out = frame.reset_index() if index else frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            from workbench.config import get_settings

            out[column] = series.dt.tz_convert(get_settings().tz).dt.tz_localize(None)
        elif not (
            pd.api.types.is_numeric_dtype(series.dtype)
            or pd.api.types.is_bool_dtype(series.dtype)
            or pd.api.types.is_datetime64_dtype(series.dtype)
        ):
            out[column] = series.map(lambda v: safe_text(v) if isinstance(v, str) else v)
    out.columns = [safe_text(str(c)) for c in out.columns]
    options = {"sep": ";", "decimal": ","} if excel else {"sep": ",", "decimal": "."}
    options["encoding"] = "utf-8-sig" if (excel if bom is None else bom) else "utf-8"
    try:
        with atomic_path(target, suffix=".csv") as tmp:
            out.to_csv(tmp, index=False, lineterminator="\n", **options)
    except OSError as exc:
        raise _refused(target, exc) from exc
    return target
