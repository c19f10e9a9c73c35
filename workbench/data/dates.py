"""The one reader of dates that people write: day first, as Indonesians write them.

``05/02/2025`` is 5 February 2025 everywhere in the workbench: in data files, survey files,
follow-up plan deadlines, rosters and workshop inputs. Accepted forms:

* ISO, year first: ``2025-02-05``, ``2025/02/05``, with or without a time
  (``2025-02-05 08:15:00``, ``2025-02-05T08:15``);
* day first with ``/``, ``-`` or ``.`` between the parts: ``05/02/2025``, ``5-2-2025``,
  ``05.02.2025``, with or without a time (``05/02/2025 08.15``, ``05/02/2025 08:15:00``);
* Indonesian (and common English) month names: ``5 Februari 2025``, ``5 Feb 2025``,
  ``05-Agu-2025``;
* a time with an offset (``2025-02-05T08:15:00+07:00``, ``...Z``), converted to office time.

Month first (``02/05/2025`` meaning 5 February) is never guessed: it reads as 2 May, which is how
an Indonesian reader reads it. A two-digit year, a bare number or a weekday name is not a date.

:func:`parse_dates` is the vectorised form the data readers use (each distinct text parsed
once); :func:`parse_date` reads one value typed by a person and raises an Indonesian
:class:`~workbench.errors.WorkbenchError` when it is not a date.

Two helpers for moments the workbench wrote itself: :func:`parse_stamps` reads ISO 8601
timestamps with an offset (progress records, ``2025-02-05T01:15:00+00:00``) into office time,
and :func:`from_seconds` turns seconds since 1970 (the generators' clock) into datetimes.
This module is the only one that calls ``pandas.to_datetime`` (``make lint`` enforces it).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from workbench.config import get_settings
from workbench.errors import WorkbenchError

__all__ = ["EXAMPLES", "from_seconds", "parse_date", "parse_dates", "parse_stamps"]

#: How the accepted forms are described to a person in error messages.
EXAMPLES = "05/02/2025 (hari/bulan/tahun), 2025-02-05 atau 5 Februari 2025"

_BULAN = {
    "januari": "01", "jan": "01", "februari": "02", "feb": "02", "pebruari": "02", "maret": "03",
    "mar": "03", "april": "04", "apr": "04", "mei": "05", "juni": "06", "jun": "06", "juli": "07",
    "jul": "07", "agustus": "08", "agu": "08", "agt": "08", "ags": "08", "aug": "08",
    "september": "09", "sep": "09", "sept": "09", "oktober": "10", "okt": "10", "oct": "10",
    "november": "11", "nov": "11", "nopember": "11", "desember": "12", "des": "12", "dec": "12",
    "may": "05",
}  # fmt: skip
_BULAN_RE = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})(.*)$")
_OFFSET_RE = r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$"
# A day-first date written with dots (05.02.2025) reads as the same date with slashes.
_DOTTED_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(.*)$")

_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M.%S", "%d/%m/%Y %H.%M",
    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y %H.%M.%S", "%d-%m-%Y %H.%M",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
)  # fmt: skip
_DATE_FORMATS = (
    "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H.%M.%S", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M",
    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
)  # fmt: skip


def parse_dates(values: pd.Series, *, with_time: bool = False) -> tuple[pd.Series, np.ndarray]:
    """Dates (or dates with a time) in ``values`` as naive office-time ``datetime64[s]``.

    Returns the parsed Series (same index; ``NaT`` where empty or unreadable) and a boolean
    array marking the rows whose value is present but not a date. Without ``with_time`` a
    time of day is dropped (midnight). Values that already are datetimes are kept (aware ones
    converted to the office time zone).
    """
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        out = values.dt.tz_convert(get_settings().tz).dt.tz_localize(None).dt.as_unit("s")
        return (out if with_time else out.dt.normalize()), np.zeros(len(values), dtype=bool)
    if pd.api.types.is_datetime64_dtype(values.dtype):
        out = values.dt.as_unit("s")
        return (out if with_time else out.dt.normalize()), np.zeros(len(values), dtype=bool)
    text = values.astype("str")
    if not with_time:
        # Dates repeat a lot: parse each distinct value once (a time of day is dropped).
        codes, uniques = pd.factorize(text)
        unique_text = pd.Series(uniques, dtype="str")
        parsed_u = _parse_text(unique_text, with_time, np.ones(len(uniques), dtype=bool))
        parsed_u = parsed_u.dt.normalize().to_numpy()
        # A column with every cell empty has no distinct values to take from.
        taken = parsed_u[np.maximum(codes, 0)] if len(parsed_u) else np.full(len(codes), None)
        parsed = pd.Series(
            np.where(codes >= 0, taken, np.datetime64("NaT", "s")).astype("datetime64[s]"),
            index=values.index,
        )
    else:
        parsed = _parse_text(text, with_time, None)
    bad = parsed.isna().to_numpy(copy=True)
    if bad.any():  # an empty cell is missing, not bad
        present = text.notna() & (text.str.strip() != "")
        bad[bad] = present[bad].to_numpy()
    return parsed, bad


def parse_date(value: object, *, where: str = "") -> dt.date:
    """One date typed by a person, read day first (``05/02/2025`` is 5 February 2025).

    ``where`` names the place for the error message (for example ``"rencana.csv, baris 3,
    kolom 'tenggat'"``). A ``datetime.date``, ``datetime.datetime``, ``pandas.Timestamp`` or
    ``numpy.datetime64`` is taken as it is (aware values in office time). Raises
    :class:`WorkbenchError` for an empty value, a number, or text that is not a date.
    """
    prefix = f"{where}: " if where else ""
    if isinstance(value, pd.Timestamp | dt.datetime | np.datetime64):
        stamp = pd.Timestamp(value)
        if stamp is pd.NaT or pd.isna(stamp):
            raise WorkbenchError(f"{prefix}tanggal kosong. Tulis misalnya {EXAMPLES}.")
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert(get_settings().tz)
        return stamp.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        shown = "kosong" if value is None or (isinstance(value, str)) else repr(value)
        if isinstance(value, float) and np.isnan(value):
            shown = "kosong"
        raise WorkbenchError(
            f"{prefix}tanggal {shown} tidak bisa dibaca. Tulis misalnya {EXAMPLES}."
        )
    parsed, bad = parse_dates(pd.Series([value.strip()], dtype="str"))
    if bad[0] or pd.isna(parsed.iloc[0]):
        raise WorkbenchError(
            f"{prefix}'{value}' bukan tanggal yang dikenali. Tulis misalnya {EXAMPLES}."
        )
    return parsed.iloc[0].date()


def _parse_text(text: pd.Series, with_time: bool, present: np.ndarray | None) -> pd.Series:
    """Text to naive datetimes (seconds); the written (ISO) format first, then the others."""
    first = "%Y-%m-%d %H:%M:%S" if with_time else "%Y-%m-%d"
    parsed = pd.to_datetime(text, format=first, errors="coerce").dt.as_unit("s")
    missing = parsed.isna().to_numpy(copy=True)
    if missing.any():
        missing[missing] = text[missing].notna().to_numpy() if present is None else present[missing]
    if missing.any():
        parsed = parsed.copy()
        parsed[missing] = _parse_other(text[missing].str.strip(), with_time)
    return parsed


def _parse_other(text: pd.Series, with_time: bool) -> pd.Series:
    """Parse the values the fast format missed, trying each accepted format in turn."""
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    todo = text.notna() & (text != "")
    # Indonesian month names: "6 Januari 2025" -> "06/01/2025"; dots: "06.01.2025" likewise.
    named = todo & text.str.match(_BULAN_RE.pattern).fillna(False)
    dotted = todo & text.str.match(_DOTTED_RE.pattern).fillna(False)
    if named.any() or dotted.any():
        text = text.copy()
        text[named] = text[named].map(_month_name)
        text[dotted] = text[dotted].map(_undot)
    offset = todo & text.str.contains(_OFFSET_RE, regex=True).fillna(False)
    if offset.any():
        aware = pd.to_datetime(text[offset], format="ISO8601", errors="coerce", utc=True)
        local = aware.dt.tz_convert(get_settings().tz).dt.tz_localize(None).dt.as_unit("s")
        result[offset] = local
        todo &= ~offset
    for fmt in _DATETIME_FORMATS if with_time else _DATE_FORMATS:
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        hit = parsed.notna()
        idx = hit[hit].index
        result[idx] = parsed[idx].dt.as_unit("s")
        todo[idx] = False
    return result


def _month_name(value: str) -> str:
    m = _BULAN_RE.match(value)
    if not m or m.group(2).casefold() not in _BULAN:
        return value
    day, month, year, rest = m.group(1), _BULAN[m.group(2).casefold()], m.group(3), m.group(4)
    return f"{int(day):02d}/{month}/{year}{rest}"


def _undot(value: str) -> str:
    m = _DOTTED_RE.match(value)
    return f"{int(m.group(1)):02d}/{int(m.group(2)):02d}/{m.group(3)}{m.group(4)}" if m else value


def parse_stamps(values: pd.Series) -> pd.Series:
    """Moments the workbench wrote as ISO 8601 text with an offset, as aware office time.

    Empty or unreadable values become ``NaT`` (a record being written is never a reason to
    fail a report); the index is kept.
    """
    aware = pd.to_datetime(values, utc=True, errors="coerce", format="ISO8601")
    return aware.dt.tz_convert(get_settings().tz)


def from_seconds(seconds: np.ndarray) -> pd.Series:
    """Naive ``datetime64[s]`` from seconds since 1970 (a wall clock; NaN becomes ``NaT``)."""
    return pd.Series(pd.to_datetime(np.asarray(seconds), unit="s").as_unit("s"))
