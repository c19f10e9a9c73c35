"""Read the CSV and Excel files that Indonesian offices actually have, and check them.

:func:`read_csv` accepts ``;``, ``,``, tab or ``|`` separators, decimal commas, UTF-8 with or
without BOM, UTF-16 (Excel "Unicode text") and Windows-1252. With a schema it converts every
column to its documented dtype and checks allowed values, ranges, formats, duplicates and the
rules between columns; on bad input it raises one :class:`~workbench.errors.WorkbenchError`
listing *every* problem (file, row as Excel shows it, column, value, what was expected). It
never writes anything.

What the reader repairs silently (documented habits, not errors): spaces around category
values, codes and numbers (free text such as ``saran`` is kept exactly as written), decimal
commas, thousands dots in ``;`` files (``1.500`` is 1500 there, ``1.234,5`` is 1234.5; see
:mod:`workbench.data.numbers`, which reports a value ambiguous in its column and refuses
``inf``/``NaN`` words), integers written ``4,0``, day-first dates (``06/01/2025``,
``06/01/2025 08.15``, ``6 Januari 2025``; :mod:`workbench.data.dates`), ISO times with an
offset (converted to office time),
header names that differ only in case or spaces, rows that are entirely empty (row
numbers in messages still count them), columns with neither a header nor data (a trailing
``;`` on every line), and, when a schema is given, title lines above the header such as
``REKAP SKM 2025`` (the header is the first line naming at least half the required columns).
A column holding data under an empty header is named ``tanpa_judul_<position>``. CSV and
Excel files get the same treatment; rows hidden in Excel are read and named
(:func:`file_facts`). Only an empty cell is missing: ``NA`` or ``null`` written in a cell is a
value the checks report. Everything else is reported; at most :data:`MAX_PROBLEMS` problems
of one kind per column are listed, the message counts them all.

Validation is our own vectorised code rather than pandera or pydantic: messages must be
Indonesian, name the row as Excel shows it and suggest the intended category; pydantic
checks row by row (far too slow for a million answers) and pandera would add a dependency
whose failure cases we would translate anyway. A clean file takes a fast path (pandas
parses the numbers itself, dates use one explicit format, each distinct date is parsed
once) and only values that fail it are looked at again, one accepted format at a time, so a
clean file costs well under twice a plain ``pandas.read_csv`` (``benchmarks/bench_data.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import html
import io
import os
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import office
from workbench.compat import renamed
from workbench.config import get_settings
from workbench.data.dates import parse_dates
from workbench.data.numbers import NOT_A_NUMBER, NOT_FINITE, parse_numbers
from workbench.data.schema import SCHEMAS, Column, Schema
from workbench.errors import Problem, WorkbenchError, os_reason

__all__ = ["FileFacts", "file_facts", "read_csv", "read_excel", "validate", "write_csv"]

_SEPARATORS = (";", ",", "\t", "|")
_SEP_NAMES = {";": "titik koma (;)", ",": "koma (,)", "\t": "tab", "|": "garis tegak (|)"}

# --- public API -------------------------------------------------------------------------------


def read_csv(
    path: str | os.PathLike,
    schema: Schema | str | None = None,
    *,
    extra: str = "keep",
    as_text: bool = False,
) -> pd.DataFrame:
    """Read a CSV file as Indonesian offices write them; with ``schema``, check and convert it.

    ``schema`` is a :class:`~workbench.data.schema.Schema` or a dataset name (``"layanan"``).
    ``extra`` says what to do with columns the schema does not know: ``"keep"`` them as text
    (default), ``"drop"`` them, or report them as an ``"error"``. Without a schema the file is
    read with the detected separator and decimal mark, identifiers (NIK, NIP, ``no_tiket``,
    ``kode_*``, digits with a leading zero) as text and other columns as numbers when every
    value is one; with ``as_text=True`` every cell is kept as text (for messy files that need
    cleaning by hand). With a schema *and* ``as_text=True`` the schema only finds the header
    (title lines above it skipped) and names its columns; the cells stay text, unchecked.

    The result's ``attrs`` record where the rows came from (see :func:`file_facts`).

    Raises :class:`WorkbenchError` listing every problem found.
    """
    path = Path(path)
    _check_extra(extra)
    if isinstance(schema, str):
        schema = _schema_by_name(schema)
    source = _open(path)
    sep, skip = _sniff(source.head, path, schema)
    decimal = "," if sep == ";" else "."
    if schema is None:
        return _read_plain(source, sep, decimal, skip, as_text)
    return _read_with_schema(source, sep, decimal, skip, schema, extra, as_text)


def read_excel(
    path: str | os.PathLike,
    schema: Schema | str | None = None,
    *,
    sheet: str | int = 0,
    extra: str = "keep",
    as_text: bool = False,
    hidden_rows: str = "include",
) -> pd.DataFrame:
    """Read one sheet of an ``.xlsx`` file; with ``schema``, check and convert it like read_csv.

    Problem rows are numbered as Excel shows them. Rows hidden in Excel (by hand or by a
    filter) are data like any other and are read (``hidden_rows="include"``, as Excel's SUM
    counts them); ``hidden_rows="exclude"`` leaves them out. Either way the result says which
    rows were hidden and whether they are in it: ``file_facts(frame).hidden_rows`` and
    ``.hidden_included``. ``as_text`` works as in :func:`read_csv`.
    """
    path = Path(path)
    _check_extra(extra)
    if hidden_rows not in ("include", "exclude"):
        raise WorkbenchError(
            f"hidden_rows harus 'include' (ikut dibaca) atau 'exclude' (dilewati), bukan "
            f"{hidden_rows!r}."
        )
    if isinstance(schema, str):
        schema = _schema_by_name(schema)
    cells, numbers = _sheet_cells(path, sheet)
    top = _header_index(cells, schema)
    header_row = int(numbers[top])
    raw = cells.iloc[top + 1 :].reset_index(drop=True)
    rows = numbers[top + 1 :]
    hidden_data = sorted(int(r) for r in set(rows.tolist()) & _hidden_rows(path, sheet))
    if hidden_data and hidden_rows == "exclude":
        keep = ~np.isin(rows, hidden_data)
        raw, rows = raw.loc[keep].reset_index(drop=True), rows[keep]
    facts = FileFacts(path.name, np.asarray(rows, dtype=np.int64), ".", tuple(hidden_data),
                      hidden_rows == "include")  # fmt: skip
    raw.columns = [x.strip() for x in _labels(cells.iloc[top].tolist())]
    raw, problems = _unnamed_columns(raw, path.name, extra, row=header_row)
    if schema is None:
        return _with_facts(raw, facts)
    named = [x for x in raw.columns if not x.startswith(_UNNAMED)]
    mapping, header_problems = _header_map(named, schema, path.name, extra, row=header_row)
    if len(set(named)) != len(named):
        # Two header cells with the same text: columns cannot be told apart.
        header_problems = header_problems or [
            Problem("judul kolom ganda", file=path.name, row=header_row)
        ]
        raise WorkbenchError(_summary(path.name, schema, header_problems), header_problems)
    raw = raw.rename(columns=mapping)
    if as_text:
        return _with_facts(raw, facts)
    frame = _validate_raw(
        raw, rows, path.name, schema, extra, header_problems=header_problems + problems
    )
    return _with_facts(frame, facts)


def _sheet_cells(path: Path, sheet: str | int) -> tuple[pd.DataFrame, np.ndarray]:
    """The non-empty rows of one sheet as text, and their row numbers as Excel shows them."""
    if not path.is_file():
        raise WorkbenchError(f"Berkas {path} tidak ditemukan.")
    try:
        cells = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object, engine="openpyxl")
    except ValueError as exc:
        if "Worksheet" in str(exc) or "sheet" in str(exc).lower():
            raise WorkbenchError(
                f"{_sheet_name(sheet)} tidak ada di berkas {path.name}.",
                [Problem("lembar tidak ditemukan", file=path.name, value=sheet)],
            ) from exc
        raise WorkbenchError(f"Berkas {path.name} tidak bisa dibaca sebagai Excel: {exc}") from exc
    except OSError as exc:
        raise _os_error(path, exc) from exc
    except Exception as exc:  # openpyxl raises several types for non-xlsx content
        raise WorkbenchError(
            f"Berkas {path.name} bukan berkas Excel (.xlsx) yang sah. Simpan ulang dari Excel "
            "sebagai 'Excel Workbook (*.xlsx)'.",
            [Problem("bukan berkas .xlsx", file=path.name, expected="berkas .xlsx")],
        ) from exc
    cells = cells.apply(lambda column: column.map(_excel_cell).astype("str"))
    cells, numbers = _drop_empty_rows(cells, np.arange(len(cells)) + 1)  # rows Excel shows
    if cells.empty:
        raise WorkbenchError(
            f"{_sheet_name(sheet)} di berkas {path.name} kosong: tidak ada baris judul maupun "
            "data.",
            [Problem("lembar kosong", file=path.name, expected="baris judul kolom lalu data")],
        )
    return cells, numbers


def _header_index(cells: pd.DataFrame, schema: Schema | None) -> int:
    """The header is the first non-empty row, or with a schema the first row that names enough
    of its columns (title rows such as "REKAP SKM 2025" above it are left out)."""
    if schema is not None:
        for i in range(min(_TITLE_LINES, len(cells))):
            if _enough(_header_score(cells.iloc[i].dropna(), schema), schema):
                return i
    return 0


def _sheet_name(sheet: str | int) -> str:
    """A sheet as a user names it: "Lembar ke-1" for position 0, "Lembar 'SKM'" by name."""
    return f"Lembar ke-{sheet + 1}" if isinstance(sheet, int) else f"Lembar '{sheet}'"


def _excel_cell(value):
    """One Excel cell as the text a user sees; numbers too long for Excel stay visibly wrong.

    Excel keeps 15 significant digits, so an 18-digit NIP typed as a number has already lost
    its last digits: it is shown in scientific notation so the pattern check reports it.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | np.integer | np.floating):
        if float(value).is_integer() and abs(value) < 10**15:
            return str(int(value))
        return repr(float(value))  # 1.9711109199512e+17: Excel lost digits beyond 15
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    return str(value)


@renamed(source="file")
def validate(frame: pd.DataFrame, schema: Schema | str, *, file: str | None = None) -> pd.DataFrame:
    """Check a DataFrame already in memory against ``schema``; return a converted copy.

    Columns may hold text (as read from a file) or already the right dtype. Problems name
    ``file`` (default: the file the frame was read from, else none) and rows as that file
    shows them when the frame comes straight from :func:`read_csv`/:func:`read_excel` (title
    lines and blank rows counted); otherwise as in a file with a header (first data row = 2).
    ``source=`` is the old name of ``file=`` (still accepted, with a warning).
    """
    if isinstance(schema, str):
        schema = _schema_by_name(schema)
    facts = file_facts(frame)
    # Checked by position (a filtered or sorted table keeps its labels in the result).
    raw = frame.reset_index(drop=True)
    raw.columns = [str(c).strip() for c in raw.columns]
    rows = facts.rows
    out = _validate_raw(raw, rows, file or facts.file, schema, "keep",
                        decimal=facts.decimal)  # fmt: skip
    out.index = frame.index
    return out


@dataclass(frozen=True, eq=False)
class FileFacts:
    """Where the rows of a table came from, kept in its ``attrs`` by the readers.

    ``rows`` are the row numbers the file shows for each row of the table (Excel rows, or
    lines of a CSV), ``decimal`` the file's decimal mark, ``hidden_rows`` the rows hidden in
    Excel that hold data, and ``hidden_included`` whether those rows are in the table.
    """

    file: str | None
    rows: np.ndarray  # int64; an array, since pandas deep-copies attrs on every operation
    decimal: str = "."
    hidden_rows: tuple[int, ...] = ()
    hidden_included: bool = True


_FACTS = "workbench_berkas"


def _with_facts(frame: pd.DataFrame, facts: FileFacts) -> pd.DataFrame:
    frame.attrs[_FACTS] = facts
    return frame


def file_facts(frame: pd.DataFrame) -> FileFacts:
    """The :class:`FileFacts` of a table read by :func:`read_csv`/:func:`read_excel`.

    A table that did not come from a file, or whose rows were since added or removed, or
    reordered without renumbering, gets plain facts: rows numbered from 2 as under a header,
    no hidden rows. (A table sorted *and* renumbered with ``reset_index(drop=True)`` cannot
    be told from the original: validate a table as it was read.)
    """
    facts = frame.attrs.get(_FACTS) if isinstance(frame, pd.DataFrame) else None
    n = len(frame)
    if (
        isinstance(facts, FileFacts)
        and len(facts.rows) == n
        and isinstance(frame.index, pd.RangeIndex)
        and frame.index.start == 0
        and frame.index.step == 1
    ):
        return facts
    return FileFacts(None, np.arange(2, n + 2))


def _hidden_rows(path: Path, sheet: str | int) -> set[int]:
    """Rows (as Excel numbers them) hidden in ``sheet`` of the workbook at ``path``.

    Read from the sheet's XML (``<row r="5" hidden="1">``) without loading the workbook a
    second time; an unusual workbook whose parts cannot be found is taken to hide nothing.
    """
    try:
        with zipfile.ZipFile(path) as book:
            part = _sheet_part(book, sheet)
            if part is None:
                return set()
            hidden: set[int] = set()
            with book.open(part) as xml:
                tail = b""
                while chunk := xml.read(1 << 20):
                    data = tail + chunk
                    cut = data.rfind(b"<")
                    body, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
                    for tag in _ROW_TAG.findall(body):
                        if _HIDDEN.search(tag):
                            number = _ROW_NUMBER.search(tag)
                            if number:
                                hidden.add(int(number.group(1)))
                for tag in _ROW_TAG.findall(tail):
                    if _HIDDEN.search(tag) and (number := _ROW_NUMBER.search(tag)):
                        hidden.add(int(number.group(1)))
            return hidden
    except (zipfile.BadZipFile, KeyError, OSError):
        return set()


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_HIDDEN = re.compile(rb'\shidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')


def _sheet_part(book: zipfile.ZipFile, sheet: str | int) -> str | None:
    """The zip member holding ``sheet`` (by position or name)."""
    workbook = book.read("xl/workbook.xml").decode("utf-8", errors="replace")
    sheets = re.findall(r"<(?:\w+:)?sheet\b([^>]*)/?>", workbook)
    chosen = None
    for position, attributes in enumerate(sheets):
        name = re.search(r'\bname="([^"]*)"', attributes)
        if (isinstance(sheet, int) and position == sheet) or (
            isinstance(sheet, str) and name and html.unescape(name.group(1)) == sheet
        ):
            chosen = re.search(r'\br:id="([^"]*)"', attributes) or re.search(
                r'\b\w+:id="([^"]*)"', attributes
            )
            break
    if chosen is None:
        return None
    rels = book.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    for attributes in re.findall(r"<(?:\w+:)?Relationship\b([^>]*)/?>", rels):
        if re.search(rf'\bId="{re.escape(chosen.group(1))}"', attributes):
            target = re.search(r'\bTarget="([^"]*)"', attributes)
            if target is None:
                return None
            path = target.group(1)
            return path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    return None


def write_csv(frame: pd.DataFrame, path: str | os.PathLike, schema: Schema | None = None) -> Path:
    """Write ``frame`` as a plain CSV (comma, UTF-8, ``\\n``) through :mod:`workbench.office`.

    Atomic (temp file + rename); text that a spreadsheet would run as a formula gets a leading
    ``'`` like every CSV the workbench writes; a refused write is a :class:`WorkbenchError`.

    Datetimes are written as WIB wall-clock time without offset (``2025-01-06 08:15:00``),
    dates as ``2025-01-06``; the output is byte-for-byte reproducible.
    """
    path = Path(path)
    out = frame.copy()
    kinds = {c.name: c.kind for c in schema.columns} if schema else {}
    for name in out.columns:
        s = out[name]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            s = s.dt.tz_convert(get_settings().tz).dt.tz_localize(None)
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            fmt = "%Y-%m-%d" if kinds.get(name) == "date" else "%Y-%m-%d %H:%M:%S"
            out[name] = s.dt.strftime(fmt)
    return office.write_csv(path, out, excel=False)


def _os_error(path: Path, exc: OSError) -> WorkbenchError:
    """A file the system refused to read, explained in Indonesian."""
    return WorkbenchError(
        f"Berkas {path} tidak bisa dibaca: {os_reason(exc)}.",
        [Problem("berkas tidak bisa dibaca", file=path.name, expected=os_reason(exc))],
    )


# --- decoding and sniffing --------------------------------------------------------------------


def _check_extra(extra: str) -> None:
    if extra not in ("keep", "drop", "error"):
        raise WorkbenchError(
            f"extra={extra!r} tidak dikenal: pilih 'keep' (simpan kolom tambahan sebagai teks), "
            "'drop' (buang) atau 'error' (laporkan sebagai masalah)."
        )


def _schema_by_name(name: str) -> Schema:
    try:
        return SCHEMAS[name]
    except KeyError:
        raise WorkbenchError(
            f"Skema '{name}' tidak dikenal. Pilih salah satu: {', '.join(SCHEMAS)}."
        ) from None


@dataclass
class _Source:
    """A text file to parse: where it is, its encoding, and its first characters."""

    path: Path
    encoding: str
    head: str

    def text(self) -> str:
        """The whole text (only needed to explain a broken file)."""
        return self.path.read_bytes().decode(self.encoding, errors="replace")

    def read(self, **kwargs) -> pd.DataFrame:
        """``pandas.read_csv`` on the file; a UTF-8 guess that fails falls back to Windows-1252."""
        try:
            return pd.read_csv(self.path, encoding=self.encoding, **kwargs)
        except UnicodeDecodeError:
            data = self.path.read_bytes()
            if self.encoding != "utf-8":
                _decode_strict(
                    data[3:] if self.encoding == "utf-8-sig" else data,
                    self.encoding.removesuffix("-sig"),
                    self.path.name,
                )
                raise
            _decode_strict(data, "cp1252", self.path.name)
            self.encoding = "cp1252"
            return pd.read_csv(self.path, encoding=self.encoding, **kwargs)


_HEAD_BYTES = 1 << 16


def _open(path: Path) -> _Source:
    """Check what kind of file this is and guess its encoding from its first bytes.

    UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 (when the bytes are not
    valid UTF-8). Excel files named ``.csv``, binary files and empty files are refused.
    """
    if not path.is_file():
        raise WorkbenchError(
            f"Berkas {path} tidak ditemukan.",
            [Problem("berkas tidak ditemukan", file=str(path))],
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(_HEAD_BYTES)
    except OSError as exc:
        raise _os_error(path, exc) from exc
    name = path.name
    _refuse_binary(data, name)
    encoding, head = _guess_encoding(data, name)
    if not head.strip():
        raise WorkbenchError(
            f"Berkas {name} kosong: tidak ada baris judul maupun data.",
            [Problem("berkas kosong", file=name, expected="baris judul kolom lalu baris data")],
        )
    return _Source(path, encoding, head)


def _refuse_binary(data: bytes, name: str) -> None:
    """Refuse an Excel file named .csv, an old .xls, and text with NUL bytes but no UTF-16 BOM."""
    if data.startswith(b"PK\x03\x04"):
        raise WorkbenchError(
            f"Berkas {name} adalah berkas Excel (.xlsx), bukan CSV. Bacalah dengan read_excel, "
            "atau simpan ulang dari Excel sebagai 'CSV (Comma delimited)'.",
            [Problem("berkas Excel diberi nama CSV", file=name, expected="teks CSV")],
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbenchError(
            f"Berkas {name} adalah berkas Excel lama (.xls). Simpan ulang dari Excel sebagai "
            "'Excel Workbook (*.xlsx)' atau 'CSV'.",
            [Problem("berkas Excel lama (.xls)", file=name, expected="teks CSV atau .xlsx")],
        )
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkbenchError(
            f"Berkas {name} berisi karakter NUL: kemungkinan UTF-16 tanpa penanda (BOM) atau "
            "bukan berkas teks. Simpan ulang dari Excel sebagai 'CSV UTF-8 (Comma delimited)'.",
            [
                Problem(
                    "pengodean (encoding) tidak dikenali",
                    file=name,
                    expected="UTF-8, UTF-16 dengan BOM, atau Windows-1252",
                )
            ],
        )


def _guess_encoding(data: bytes, name: str) -> tuple[str, str]:
    """The encoding of a text file from its first bytes, and those bytes decoded."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", data.decode("utf-16", errors="ignore")
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", data[3:].decode("utf-8", errors="ignore")
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if len(data) == _HEAD_BYTES and exc.start >= len(data) - 4:
            return "utf-8", data[: exc.start].decode("utf-8")  # a character cut at 64 KB
        return "cp1252", _decode_strict(data, "cp1252", name)


def _decode_strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise WorkbenchError(
            f"Berkas {name} tidak bisa dibaca sebagai teks ({encoding}). Simpan ulang sebagai "
            "'CSV UTF-8'.",
            [
                Problem(
                    "byte tidak dikenali",
                    file=name,
                    row=line,
                    value=data[exc.start : exc.start + 4].hex(" "),
                    expected="UTF-8 atau Windows-1252",
                )
            ],
        ) from exc


def _first_lines(text: str) -> tuple[int, str]:
    """How many blank lines precede the header, and the header line itself."""
    skip = 0
    pos = 0
    while True:
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if line.strip() or end < 0:
            return skip, line.rstrip("\r")
        skip += 1
        pos = end + 1


#: How many lines (or sheet rows) at the top may hold a title above the header.
_TITLE_LINES = 20


def _header_score(labels, schema: Schema) -> int:
    """How many of ``labels`` name a required column of ``schema`` (case and spaces ignored)."""
    wanted = {c.name.casefold() for c in schema.columns if c.required}
    return len({_label_key(x) for x in labels} & wanted)


def _label_key(label) -> str:
    return str(label).strip().casefold().replace(" ", "_")


def _enough(score: int, schema: Schema) -> bool:
    """Whether a line naming ``score`` required columns can be taken for the header."""
    required = sum(c.required for c in schema.columns)
    return score >= max(2, -(-required // 2))


def _find_header(text: str, schema: Schema) -> tuple[str, int] | None:
    """With a schema: the separator and line index of the header when title lines (such as
    "REKAP SKM 2025") stand above it; None when the first non-blank line is the header or no
    line looks like one (the usual checks then report what is wrong)."""
    lines = text.split("\n")[:_TITLE_LINES]
    for index, line in enumerate(lines):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        scores = {
            sep: _header_score(next(csv.reader([line], delimiter=sep)), schema)
            for sep in _SEPARATORS
        }
        sep = max(_SEPARATORS, key=lambda s: scores[s])
        if _enough(scores[sep], schema):
            return sep, index
    return None


def _sniff(text: str, path: Path, schema: Schema | None) -> tuple[str, int]:
    """The separator (from the header line) and how many lines precede the header.

    Blank lines before the header are skipped; with a schema, so are title lines above it
    (see :func:`_find_header`).
    """
    skip, first = _first_lines(text)
    if schema is not None:
        found = _find_header(text, schema)
        if found is not None and found[1] > skip:
            return found
    header = re.sub(r'"[^"]*"', "", first)
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    sep = max(_SEPARATORS, key=lambda s: counts[s])
    if counts[sep] == 0:
        sep = ","
        wanted = [c for c in schema.columns if c.required] if schema else []
        if len(wanted) > 1:
            raise WorkbenchError(
                f"Pemisah kolom di berkas {path.name} tidak dikenali: baris judul hanya berisi "
                "satu kolom.",
                [
                    Problem(
                        "pemisah kolom tidak dikenali",
                        file=path.name,
                        row=skip + 1,
                        value=first[:80],
                        expected="kolom dipisah titik koma (;), koma (,) atau tab",
                    )
                ],
            )
    return sep, skip


def _read_plain(source: _Source, sep, decimal, skip, as_text) -> pd.DataFrame:
    frame = _read_table(source, sep, skip, dtype=str, skip_blank_lines=False)
    header_line = source.head.split("\n")[skip].rstrip("\r")
    labels = _labels(next(csv.reader([header_line], delimiter=sep)))
    if frame.shape[1] == len(labels):
        frame.columns = labels
    frame, rows = _drop_empty_rows(frame, np.arange(len(frame)) + 2 + skip)
    _with_facts(frame, FileFacts(source.path.name, np.asarray(rows, dtype=np.int64), decimal))
    frame, _ = _unnamed_columns(frame, source.path.name, "keep", row=skip + 1)
    frame.columns = [str(c).strip() for c in frame.columns]
    if not as_text:
        for name in frame.columns:
            frame[name] = _guess_kind(frame[name], name, decimal)
    return frame


#: Column names that hold identifiers, not quantities: NIK, NIP, no_tiket, kode_layanan,
#: id_responden, nomor_hp... Their digits are text (a NIK 0123... keeps its leading zero).
_IDENTIFIER_NAME = re.compile(
    r"^(?:nik|nip|nrp|npwp|nuptk|nis|nisn|id|kode|no|nomor|nmr|telp|telepon|hp|rt|rw)(?:[_ .].*)?$"
    r"|[_ .](?:id|kode|nik|nip|no|nomor|tiket|hp|telp|telepon)$",
    re.IGNORECASE,
)
_LEADING_ZERO = re.compile(r"^\s*0\d")
_BOOLEANS = {"true": True, "false": False}


def _guess_kind(text: pd.Series, name: str, decimal: str) -> pd.Series:
    """A column read without a schema as a person would take it: identifiers and digits with a
    leading zero stay text; a column whose every value is a number (by the file's decimal mark,
    see :mod:`workbench.data.numbers`) becomes numbers; True/False becomes booleans."""
    present = text.dropna()
    if present.empty or _IDENTIFIER_NAME.search(name.strip()):
        return text
    if not present.head(50).str.contains(r"\d", regex=True).all():
        return text  # a word among the first values: a text column, no need to parse it all
    if present.str.match(_LEADING_ZERO).any():
        return text
    parsed = parse_numbers(text, decimal=decimal)
    if not parsed.bad.any():
        values = parsed.values
        whole = (values == np.floor(values)) & (values.abs() < 2**53)
        if not values.isna().any() and whole.all():
            return values.astype("int64")
        return values
    folded = present.str.strip().str.casefold()
    if folded.isin(list(_BOOLEANS)).all() and not text.isna().any():
        return text.str.strip().str.casefold().map(_BOOLEANS).astype(bool)
    return text


def _read_table(source: _Source, sep: str, skip: int, **kwargs) -> pd.DataFrame:
    """``pandas.read_csv`` from the header line on. Lines with more fields than the header are
    reported when the extra fields hold data; empty extra fields (a trailing separator on some
    lines, as Excel writes them) are ignored."""
    try:
        return source.read(sep=sep, skiprows=skip, **kwargs)
    except pd.errors.ParserError:
        width = _raise_field_counts(source, sep, skip)
    try:
        return source.read(sep=sep, skiprows=skip, usecols=range(width), **kwargs)
    except pd.errors.ParserError as exc:
        raise _unparsable(source, exc) from exc


def _unparsable(source: _Source, exc: Exception) -> WorkbenchError:
    """The error for a file pandas cannot split into fields (mostly an unclosed quote)."""
    found = re.search(r"row (\d+)", str(exc))
    row = int(found.group(1)) + 1 if found else None  # pandas counts lines from 0, skipped too
    name = source.path.name
    return WorkbenchError(
        f'Berkas {name} tidak bisa dipecah menjadi kolom: kemungkinan ada tanda kutip (") '
        "yang tidak ditutup.",
        [
            Problem(
                "tanda kutip tidak ditutup",
                file=name,
                row=row,
                expected='setiap teks yang diawali tanda kutip (") juga diakhiri tanda kutip',
            )
        ],
    )


def _raise_field_counts(source: _Source, sep: str, skip: int) -> int:
    """List every line whose extra fields (beyond the header's) hold data; raise if there is
    any, else return the header's number of fields."""
    path = source.path
    reader = csv.reader(io.StringIO(source.text()), delimiter=sep)
    problems = []
    width = None
    for line_no, fields in enumerate(reader, start=1):
        if line_no <= skip or not fields:
            continue
        if width is None:
            width = len(fields)
            continue
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            problems.append(
                Problem(
                    f"baris berisi {len(fields)} kolom, judul hanya {width}",
                    file=path.name,
                    row=line_no,
                    value=sep.join(fields)[:80],
                    expected=f"{width} kolom dipisah {_SEP_NAMES[sep]}; periksa pemisah kolom dan "
                    "tanda kutip pada teks yang memuat pemisah",
                )
            )
    if not problems:
        return width or 0
    raise WorkbenchError(
        f"Berkas {path.name}: jumlah kolom tidak sama di {len(problems)} baris.", problems
    )


# --- schema reading ----------------------------------------------------------------------------


def _header_map(columns, schema: Schema, file: str, extra: str, *, row: int = 1):
    """Map file headers to schema names; collect header problems (``row``: the header's row)."""
    problems: list[Problem] = []
    by_key = {c.name.casefold(): c.name for c in schema.columns}
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    for raw in columns:
        label = str(raw).strip()
        name = by_key.get(label.casefold().replace(" ", "_"), label)
        if name in seen:
            problems.append(
                Problem(
                    "judul kolom muncul dua kali",
                    file=file,
                    row=row,
                    column=label,
                    expected="setiap judul kolom hanya sekali",
                )
            )
            continue
        seen[name] = label
        mapping[raw] = name
    known = {c.name for c in schema.columns}
    for col in schema.columns:
        if col.required and col.name not in seen:
            close = difflib.get_close_matches(col.name, [s for s in seen if s not in known], n=1)
            hint = f" (mungkin kolom '{seen[close[0]]}')" if close else ""
            problems.append(
                Problem(
                    f"kolom wajib tidak ada{hint}",
                    file=file,
                    row=row,
                    column=col.name,
                    expected=f"kolom '{col.name}': {col.meaning}",
                )
            )
    if extra == "error":
        for name, label in seen.items():
            if name not in known:
                problems.append(
                    Problem(
                        "kolom tidak dikenal",
                        file=file,
                        row=row,
                        column=label,
                        expected="hanya kolom: " + ", ".join(schema.names),
                    )
                )
    return mapping, problems


def _fast_dtypes(header, mapping, schema: Schema) -> dict[str, str]:
    dtypes = {}
    for raw in header:
        col = _column(schema, mapping.get(raw))
        if col is None or col.kind not in ("int", "float"):
            dtypes[raw] = "str"
        elif col.kind == "int":
            dtypes[raw] = "Int64" if col.nullable else "int64"
        else:
            dtypes[raw] = "float64"
    return dtypes


def _column(schema: Schema, name) -> Column | None:
    try:
        return schema[name]
    except KeyError:
        return None


#: With a schema only an empty cell is missing: "NaN", "NA" or "null" written in a cell are
#: values the checks report (pandas would silently read them as missing).
_ONLY_BLANK_IS_MISSING = {"keep_default_na": False, "na_values": [""]}


def _read_with_schema(
    source: _Source, sep, decimal, skip, schema: Schema, extra, as_text: bool = False
):
    file = source.path.name
    header_line = source.head.split("\n")[skip].rstrip("\r")
    header = next(csv.reader([header_line], delimiter=sep))
    labels = _labels(header)
    named = [x for x in labels if not x.startswith(_UNNAMED)]
    mapping, header_problems = _header_map(named, schema, file, extra, row=skip + 1)
    if len(set(named)) != len(named):
        # Duplicate header names: pandas would rename them silently.
        header_problems = header_problems or [Problem("judul kolom ganda", file=file, row=skip + 1)]
        raise WorkbenchError(_summary(file, schema, header_problems), header_problems)
    try:
        raw = _read_table(
            source,
            sep,
            skip,
            decimal=decimal,
            dtype=str if as_text else _fast_dtypes(header, mapping, schema),
            skip_blank_lines=False,
            **_ONLY_BLANK_IS_MISSING,
        )
    except WorkbenchError:
        raise
    except (ValueError, TypeError, OverflowError):  # a value pandas cannot convert: all as text
        raw = _read_table(
            source, sep, skip, dtype=str, skip_blank_lines=False, **_ONLY_BLANK_IS_MISSING
        )
    if raw.shape[1] == len(labels):
        raw.columns = labels  # pandas would call a column without a header "Unnamed: 18"
    rows = np.arange(len(raw)) + 2 + skip
    raw, rows = _drop_empty_rows(raw, rows)
    raw, rows, separator_problems = _other_separator_rows(raw, rows, file, sep, len(header))
    raw, unnamed_problems = _unnamed_columns(raw, file, extra, row=skip + 1)
    raw = raw.rename(columns=mapping)
    facts = FileFacts(file, np.asarray(rows, dtype=np.int64), decimal)
    if as_text:
        if separator_problems:
            raise WorkbenchError(
                f"Berkas {file}: {len(separator_problems)} baris memakai pemisah kolom lain.",
                separator_problems,
            )
        return _with_facts(raw, facts)
    problems = header_problems + unnamed_problems + separator_problems
    frame = _validate_raw(raw, rows, file, schema, extra, header_problems=problems,
                          decimal=decimal)  # fmt: skip
    return _with_facts(frame, facts)


#: Name given to a column whose header cell is empty (followed by its position, 1 = first).
_UNNAMED = "tanpa_judul_"


def _labels(header) -> list[str]:
    """Header cells as column labels; an empty cell becomes ``tanpa_judul_<position>``."""
    return [
        str(x) if not pd.isna(x) and str(x).strip() else f"{_UNNAMED}{i + 1}"
        for i, x in enumerate(header)
    ]


def _drop_empty_rows(raw: pd.DataFrame, rows: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Leave out entirely empty rows (blank lines, ";;;;" or blank rows from Excel); the row
    numbers of the others stay as the file shows them. Only rows whose first cell is empty
    can be empty, so the full check runs on those alone."""
    maybe = raw.iloc[:, 0].isna().to_numpy() if raw.shape[1] else np.zeros(len(raw), bool)
    empty = np.zeros(len(raw), dtype=bool)
    if maybe.any():
        empty[maybe] = raw.loc[maybe].isna().all(axis=1).to_numpy()
    if empty.any():
        raw = raw.loc[~empty].reset_index(drop=True)
        rows = rows[~empty]
    return raw, rows


def _unnamed_columns(raw: pd.DataFrame, file: str, extra: str, *, row: int):
    """Columns without a header: left out when empty (a trailing ';' on every line, an empty
    column A); otherwise kept, dropped or reported like any unknown column, per ``extra``."""
    problems = []
    drop = []
    for label in raw.columns:
        if not str(label).startswith(_UNNAMED):
            continue
        cells = raw[label]
        if cells.dtype == "str" or cells.dtype == object:
            cells = cells.str.strip().replace("", None)
        if cells.isna().all() or extra == "drop":
            drop.append(label)
        elif extra == "error":
            position = str(label).removeprefix(_UNNAMED)
            problems.append(
                Problem(
                    f"kolom ke-{position} berisi data tetapi tidak berjudul",
                    file=file,
                    row=row,
                    column=str(label),
                    expected="setiap kolom berisi data diberi judul di baris judul",
                )
            )
    return raw.drop(columns=drop), problems


def _other_separator_rows(raw: pd.DataFrame, rows, file: str, sep: str, width: int):
    """Rows pasted with another separator land whole in the first cell: report each such row
    once (instead of one 'empty' problem per column) and leave it out of the other checks."""
    if raw.shape[1] < 2 or raw.empty:
        return raw, rows, []
    candidates = raw.iloc[:, 1].isna().to_numpy()  # cheap: the second cell is rarely empty
    if not candidates.any():
        return raw, rows, []
    first = raw.iloc[:, 0].astype("str")
    problems = []
    wrong = np.zeros(len(raw), dtype=bool)
    for i in np.flatnonzero(candidates):
        cell = first.iloc[i]
        if not isinstance(cell, str) or raw.iloc[i, 1:].notna().any():
            continue
        other = [o for o in _SEPARATORS if o != sep and cell.count(o) >= max(1, width // 2)]
        if other:
            wrong[i] = True
            problems.append(Problem(
                f"baris ini memakai pemisah {_SEP_NAMES[other[0]]}, bukan {_SEP_NAMES[sep]}",
                file=file, row=int(rows[i]), value=cell[:80],
                expected=f"kolom dipisah {_SEP_NAMES[sep]} seperti baris judul"))  # fmt: skip
    if not wrong.any():
        return raw, rows, []
    return raw.loc[~wrong].reset_index(drop=True), rows[~wrong], problems


def _summary(file: str | None, schema: Schema, problems, *, count=None, rows=None) -> str:
    """The error's first sentence: which data, how many problems in which rows, what to do."""
    count = len(problems) if count is None else count
    where = f"Berkas {file}" if file else "Tabel ini"
    text = (
        f"{where} tidak sesuai format dataset '{schema.name}' ({schema.title}): "
        f"{count} masalah ditemukan"
    )
    if rows is not None and len(rows):
        shown = ", ".join(str(r) for r in rows[:10]) + (" dan lainnya" if len(rows) > 10 else "")
        text += f" di {len(rows)} baris (baris {shown})"
    if count > len(problems):
        text += f"; {len(problems)} masalah pertama dicantumkan"
    return text + ". Perbaiki semuanya lalu baca ulang."


def _validate_raw(
    raw: pd.DataFrame,
    rows: np.ndarray,
    file: str,
    schema: Schema,
    extra: str,
    *,
    header_problems=None,
    decimal: str = ".",
) -> pd.DataFrame:
    """Convert and check every schema column of ``raw``; raise with all problems.

    ``decimal`` is the decimal mark of the file the text came from (``","`` for a ``;``
    file), which decides how a dot in a number is read."""
    problems: list[Problem] = list(header_problems or [])
    if header_problems is None:
        mapping, header_problems = _header_map(list(raw.columns), schema, file, extra)
        problems += header_problems
        raw = raw.rename(columns=mapping)
    out: dict[str, pd.Series] = {}
    failed: dict[str, np.ndarray] = {}
    tally = _Tally(len(raw))
    n_header = len(problems)
    for col in schema.columns:
        if col.name not in raw.columns:
            continue
        series, bad, reasons, invalid, missing = _convert(raw[col.name], col, decimal)
        out[col.name] = series
        failed[col.name] = bad
        problems += _cell_problems(raw[col.name], bad, rows, file, col, reasons, tally)
        problems += _value_problems(
            series, bad, invalid, missing, raw[col.name], rows, file, col, tally
        )
    known = {c.name for c in schema.columns}
    extras = [c for c in raw.columns if c not in known]
    frame = pd.DataFrame(out, index=pd.RangeIndex(len(raw)), copy=False)
    problems += _duplicate_problems(frame, rows, file, schema, tally)
    problems += _rule_problems(frame, rows, file, schema, failed, tally)
    if problems:
        problems.sort(
            key=lambda p: (
                p.row or 0,
                schema.names.index(p.column) if p.column in schema.names else 99,
            )
        )
        listed = problems[: n_header + MAX_PROBLEMS]
        raise WorkbenchError(
            _summary(file, schema, listed, count=n_header + tally.count, rows=rows[tally.rows]),
            listed,
        )
    if extra == "keep":
        for name in extras:
            frame[name] = raw[name].astype("str") if raw[name].dtype != "str" else raw[name]
    return frame


# --- per-column conversion ----------------------------------------------------------------------


def _convert(s: pd.Series, col: Column, decimal: str = "."):
    """The column converted to its dtype, a mask of non-empty cells that failed to convert,
    why each failed (None: the column's usual message), and (for text) a mask of present
    values that are not allowed or do not match the pattern, and the mask of missing cells."""
    if col.kind in ("int", "float"):
        return (*_to_number(s, col, decimal), None, None)
    if col.kind in ("datetime", "date"):
        return (*_to_datetime(s, col), None, None, None)
    text, invalid, missing = _to_text(s, col)
    return text, np.zeros(len(s), dtype=bool), None, invalid, missing


def _to_text(s: pd.Series, col: Column):
    """Text as written. Category and patterned values that fail their check as written are
    retried without surrounding spaces; blank cells become empty (missing).

    Returns the text, a mask of values that are not allowed / do not match (or None for free
    text), and the mask of missing cells.
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        missing = s.cat.codes.to_numpy() < 0
        if col.allowed is not None and s.cat.categories.isin(col.allowed).all():
            return s.astype("str"), np.zeros(len(s), dtype=bool), missing
    if s.dtype != "str":
        s = s.astype("str")
    if col.allowed is None and col.pattern is None:
        return s, None, s.isna().to_numpy()  # free text is kept exactly as written
    ok = np.array(_valid_text(s, col), dtype=bool)  # a writable copy
    if ok.all():  # the common clean case: no missing cell, no string operation at all
        return s, ~ok, ~ok
    missing = np.zeros(len(s), dtype=bool)
    missing[~ok] = s[~ok].isna().to_numpy()
    retry_at = ~ok & ~missing
    if retry_at.any():
        s = s.copy()
        retry = s[retry_at].str.strip()
        retry = retry.where(retry != "")
        s[retry_at] = retry
        blank = retry.isna().to_numpy()
        fixed = _valid_text(retry, col) | blank
        ok[retry_at] = fixed
        missing[np.flatnonzero(retry_at)[blank]] = True
    return s, ~ok & ~missing, missing


def _valid_text(s: pd.Series, col: Column) -> np.ndarray:
    """Where a text value is allowed / matches the pattern (vectorised; missing is not)."""
    if col.allowed is not None:
        return s.isin(col.allowed).to_numpy()
    values = s.to_numpy(dtype=object, na_value="")
    match = _compiled(col.pattern).fullmatch
    return np.fromiter(map(bool, map(match, values)), dtype=bool, count=len(values))


@cache
def _compiled(pattern: str) -> re.Pattern:
    """A column pattern for ``fullmatch``: anchors dropped, ASCII digits only (faster, and a
    NIP of Arabic-Indic digits is not a NIP)."""
    return re.compile(pattern.removeprefix("^").removesuffix("$"), re.ASCII)


def _to_number(s: pd.Series, col: Column, decimal: str = "."):
    """The column as numbers, a mask of written values refused, and why each was refused
    (:func:`workbench.data.numbers.parse_numbers`: thousands dots in decimal-comma files,
    ambiguous values, ``inf``/``NaN`` words)."""
    target = col.dtype
    clean = np.zeros(len(s), dtype=bool)
    reasons = None
    if str(s.dtype) == target and not (target == "float64" and np.isinf(s.to_numpy()).any()):
        return s, clean, reasons  # already parsed by the fast path
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        values = s.astype("float64")
        bad = np.isinf(values.to_numpy())
        if bad.any():
            reasons = np.where(bad, NOT_FINITE, None)
            values = values.mask(bad)
    else:
        parsed = parse_numbers(s, decimal=decimal)
        values, bad, reasons = parsed.values, parsed.bad, parsed.reasons
    if col.kind == "int":
        frac = (values.notna() & (values != np.floor(values))).to_numpy()
        bad = bad | frac
        values = values.where(~frac).round()
        if target == "int64" and not values.isna().any():
            return values.astype("int64"), bad, reasons
        return pd.Series(pd.array(values, dtype="Int64"), index=s.index), bad, reasons
    return values, bad, reasons


def _to_datetime(s: pd.Series, col: Column) -> tuple[pd.Series, np.ndarray]:
    parsed, bad = parse_dates(s, with_time=col.kind == "datetime")
    return parsed.dt.tz_localize(get_settings().tz), bad


# --- checks ------------------------------------------------------------------------------------


#: At most this many problems of one kind per column are listed one by one (a file wrong
#: everywhere would otherwise build millions); the error message still counts them all.
MAX_PROBLEMS = 5000


class _Tally:
    """How many problems a check found and in which rows, beyond the ones listed."""

    def __init__(self, n: int) -> None:
        self.count = 0
        self.rows = np.zeros(n, dtype=bool)

    def take(self, mask: np.ndarray) -> np.ndarray:
        positions = np.flatnonzero(mask)
        self.count += len(positions)
        self.rows[positions] = True
        return positions[:MAX_PROBLEMS]


def _rows_of(mask: np.ndarray, tally: _Tally | None = None) -> np.ndarray:
    if tally is None:
        return np.flatnonzero(mask)
    return tally.take(mask)


def _cell_problems(
    raw: pd.Series, bad: np.ndarray, rows, file, col: Column, reasons=None, tally=None
) -> list[Problem]:
    """Cells that could not be converted to the column's kind (``reasons``: a message per
    cell where the usual one is not the reason)."""
    if not bad.any():
        return []
    what = {
        "int": "bukan bilangan bulat",
        "float": "bukan angka",
        "datetime": "bukan tanggal dan jam yang dikenali",
        "date": "bukan tanggal yang dikenali",
    }[col.kind]
    values = raw.to_numpy()
    return [
        Problem(
            _reason(reasons, i, what, col),
            file=file,
            row=int(rows[i]),
            column=col.name,
            value=_plain(values[i]),
            expected=col.expected(),
        )
        for i in _rows_of(bad, tally)
    ]


def _reason(reasons, i: int, usual: str, col: Column) -> str:
    if reasons is None or reasons[i] is None or reasons[i] == NOT_A_NUMBER:
        return usual
    return reasons[i]


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    return value


def _value_problems(
    series: pd.Series,
    bad: np.ndarray,
    invalid,
    missing,
    raw: pd.Series,
    rows,
    file,
    col: Column,
    tally=None,
) -> list[Problem]:
    """Empty required cells, values not allowed, out of range, or not matching the pattern."""
    problems: list[Problem] = []
    empty = (series.isna().to_numpy() if missing is None else missing) & ~bad
    if not col.nullable and empty.any():
        problems += [
            Problem(col.empty_text or "nilai kosong", file=file, row=int(rows[i]),
                    column=col.name, expected=col.expected())
            for i in _rows_of(empty, tally)
        ]  # fmt: skip
    present = ~empty & ~bad
    if invalid is not None and invalid.any():
        wrong = invalid & present
        hints: dict = {}
        message = "nilai tidak dikenal" if col.allowed is not None else "format tidak sesuai"
        for i in _rows_of(wrong, tally):
            v = raw.iloc[i]
            if col.allowed is not None and v not in hints:
                hints[v] = _suggest(v, col.allowed)
            problems.append(
                Problem(message + hints.get(v, ""), file=file, row=int(rows[i]),
                        column=col.name, value=_plain(v), expected=col.expected())
            )  # fmt: skip
    if col.kind in ("int", "float") and (col.min is not None or col.max is not None):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        out = np.zeros(len(values), dtype=bool)
        with np.errstate(invalid="ignore"):
            if col.min is not None:
                out |= values < col.min
            if col.max is not None:
                out |= values > col.max
        out &= present
        problems += [
            Problem(
                "nilai di luar rentang",
                file=file,
                row=int(rows[i]),
                column=col.name,
                value=_plain(raw.iloc[i]),
                expected=col.expected(),
            )
            for i in _rows_of(out, tally)
        ]
    return problems


def _suggest(value, allowed) -> str:
    text = str(value)
    for option in allowed:
        if option.casefold() == text.strip().casefold():
            return f" (huruf besar/kecil berbeda; mungkin maksudnya '{option}')"
    close = difflib.get_close_matches(text, allowed, n=1, cutoff=0.6)
    if not close:
        lowered = {o.casefold(): o for o in allowed}
        close = [
            lowered[c] for c in difflib.get_close_matches(text.casefold(), lowered, n=1, cutoff=0.6)
        ]
    return f" (mungkin maksudnya '{close[0]}')" if close else ""


def _duplicate_problems(frame: pd.DataFrame, rows, file, schema: Schema, tally=None):
    problems: list[Problem] = []
    if schema.key and all(k in frame.columns for k in schema.key):
        keys = frame[list(schema.key)]
        if len(schema.key) == 1:  # one column: hashing the Series is much cheaper
            single = keys.iloc[:, 0]
            valid = single.notna().to_numpy()
            dup = single.duplicated(keep="first").to_numpy() & valid
        else:
            valid = keys.notna().all(axis=1).to_numpy()
            dup = keys.duplicated(keep="first").to_numpy() & valid
        if dup.any():
            first_row = _first_rows(keys, rows)
            label = "+".join(schema.key)
            for i in _rows_of(dup, tally):
                value = keys.iloc[i].iloc[0] if len(schema.key) == 1 else tuple(keys.iloc[i])
                problems.append(
                    Problem(
                        f"nilai kembar, sudah ada di baris {first_row[i]}",
                        file=file,
                        row=int(rows[i]),
                        column=label,
                        value=_plain(value),
                        expected=f"'{label}' unik untuk setiap baris; hapus baris ganda",
                    )
                )
    elif not schema.key and schema.distinct_rows and len(frame):
        dup = frame.duplicated(keep="first").to_numpy()
        if dup.any():
            first_row = _first_rows(frame, rows)
            problems += [
                Problem(
                    f"baris kembar, sama persis dengan baris {first_row[i]}",
                    file=file,
                    row=int(rows[i]),
                    expected="setiap baris sekali saja",
                )
                for i in _rows_of(dup, tally)
            ]
    return problems


def _first_rows(keys: pd.DataFrame, rows) -> np.ndarray:
    """For each row, the file row of the first row with the same key."""
    codes = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
    groups, first_index = np.unique(codes, return_index=True)
    first = np.empty(codes.max() + 1, dtype=np.int64)
    first[groups] = first_index
    return np.asarray(rows)[first[codes]]


def _rule_problems(frame: pd.DataFrame, rows, file, schema: Schema, failed, tally=None):
    """Rows that break a rule across columns (cells that failed conversion are skipped)."""
    problems: list[Problem] = []
    for rule in schema.rules:
        if not all(c in frame.columns for c in rule.columns):
            continue
        bad = rule.bad(frame).fillna(False).to_numpy(dtype=bool, copy=True)
        for c in rule.columns:
            bad &= ~failed[c]
        if bad.any():
            shown = frame[list(rule.columns)]
            for i in _rows_of(bad, tally):
                value = "; ".join(
                    f"{c}={_show(shown.iat[i, j])}" for j, c in enumerate(rule.columns)
                )
                problems.append(
                    Problem(
                        rule.message,
                        file=file,
                        row=int(rows[i]),
                        column=", ".join(rule.columns),
                        value=value,
                        expected=rule.expected,
                    )
                )
    return problems


def _show(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "(kosong)"
    if isinstance(value, pd.Timestamp):
        return "(kosong)" if pd.isna(value) else value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)
