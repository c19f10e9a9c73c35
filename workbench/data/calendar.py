"""Working days of an Indonesian government office, from the ``holidays`` package.

Public holidays and the government's *cuti bersama* (collective leave) days both close the
counters. The ``holidays`` package keeps the official list for Indonesia, including the
lunar holidays that move every year, so nothing here is hard-coded per year.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays
import numpy as np
import pandas as pd

from workbench.data.dates import EXAMPLES, parse_date
from workbench.errors import Problem, WorkbenchError

__all__ = ["as_date", "holidays_between", "period", "working_days"]

_DATE_EXPECTED = f"tanggal, misalnya {EXAMPLES}"


def as_date(value: dt.date | str, name: str = "tanggal") -> dt.date:
    """A calendar date from a ``date``, a ``datetime``/``Timestamp`` (its own wall-clock date)
    or text a person typed, read day first by :func:`workbench.data.dates.parse_date`
    (``"05/02/2025"`` is 5 February; ``"2025-02-05"`` and ``"5 Februari 2025"`` too);
    anything else is an Indonesian error naming ``name``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except WorkbenchError:
        raise WorkbenchError(
            f"Tanggal {value!r} untuk '{name}' tidak dikenali.",
            [Problem("tanggal tidak sah", column=name, value=value, expected=_DATE_EXPECTED)],
        ) from None


def period(start: dt.date | str, end: dt.date | str) -> tuple[dt.date, dt.date]:
    """``start`` and ``end`` as dates, refusing a period that ends before it starts."""
    first, last = as_date(start, "start"), as_date(end, "end")
    if last < first:
        raise WorkbenchError(
            f"Periode tidak sah: akhir ({last:%d-%m-%Y}) sebelum awal ({first:%d-%m-%Y}).",
            [Problem("akhir periode sebelum awalnya", column="end", value=str(last),
                     expected=f"tanggal {first:%Y-%m-%d} atau sesudahnya")],
        )  # fmt: skip
    return first, last


@cache
def _indonesia(year: int) -> dict[dt.date, str]:
    table = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return dict(table.items())


def holidays_between(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Public holidays and cuti bersama from ``start`` to ``end`` inclusive, with their names."""
    found: dict[dt.date, str] = {}
    for year in range(start.year, end.year + 1):
        for day, name in _indonesia(year).items():
            if start <= day <= end:
                found[day] = name
    return dict(sorted(found.items()))


def working_days(start: dt.date, end: dt.date) -> pd.DatetimeIndex:
    """Monday–Friday days from ``start`` to ``end`` that are not holidays (naive dates)."""
    days = pd.date_range(start, end, freq="D", unit="s")
    closed = pd.DatetimeIndex(list(holidays_between(start, end)), dtype="datetime64[s]")
    keep = (days.day_of_week < 5) & ~np.isin(days.values, closed.values)
    return days[keep]
