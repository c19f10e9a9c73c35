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


@cache
def _answer_key(name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    from workbench.data import defects, truth

    return truth(name), defects(name)


def truth_after_cleaning(name: str, column: str, *, unknowable: tuple[str, ...]) -> pd.DataFrame:
    """The recorded truth of one column, keyed by ticket, as careful cleaning can recover it.

    Cells whose defect kind is in ``unknowable`` (a missing value, an impossible time) cannot be
    recovered from the messy file: a correct cleaning leaves them empty, and so does this key.
    """
    clean, found = _answer_key(name)
    key = clean.columns[0]
    out = clean[[key, column]].copy()
    lost = found[(found["kolom"] == column) & found["jenis_cacat"].isin(unknowable)]["kunci"]
    out[column] = out[column].mask(out[key].isin(lost))
    return out
