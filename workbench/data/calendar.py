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

__all__ = ["holidays_between", "working_days"]


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
