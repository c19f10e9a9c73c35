"""Shared data helpers for the questions: the shipped data, loaded once per process."""

from __future__ import annotations

from functools import cache

import pandas as pd

#: Day names as the notebooks define them (pandas' own names are English).
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@cache
def _load(name: str) -> pd.DataFrame:
    from workbench.data import load

    return load(name)


def dataset(name: str) -> pd.DataFrame:
    """A fresh copy of a shipped dataset (questions must never change the cached one)."""
    return _load(name).copy()


def day_names(dates: pd.Series) -> pd.Series:
    """Indonesian day names of a datetime column."""
    return dates.dt.day_of_week.map(dict(enumerate(HARI)))


def layanan_with_day() -> pd.DataFrame:
    """The ``layanan`` data with the ``hari`` and ``jam`` columns the notebooks add."""
    df = dataset("layanan")
    df["hari"] = day_names(df["tanggal"])
    df["jam"] = df["datang"].dt.hour
    return df
