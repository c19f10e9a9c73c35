"""Messy variants of clean datasets, for data-cleaning lessons, with every defect recorded.

:func:`make_messy` takes a clean frame and injects the defects people meet in real office
files: typos and case variants in category values, stray spaces, mixed date formats,
duplicated rows, missing values, impossible values (service ending before it starts, a score
of 5) and decimal commas. It returns the messy table (all text, as a file holds it) and a
defects table with one row per injected defect, so an exercise can compare a learner's
cleaning with the truth.

Defect kinds (``jenis_cacat``): see :data:`JENIS_CACAT`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.config import get_settings
from workbench.data.schema import Schema

__all__ = ["DEFECT_COLUMNS", "JENIS_CACAT", "MessySpec", "make_messy"]


#: Every defect kind with its meaning (Indonesian, shown in the data dictionary).
JENIS_CACAT = {
    "salah ketik": "huruf tertukar, hilang atau ganda pada nilai kategori (Asmerowo)",
    "huruf besar/kecil": "nilai kategori ditulis dengan huruf besar/kecil lain (ASEMROWO, ktp-el)",
    "spasi berlebih": "spasi di awal atau akhir sel (' Asemrowo ')",
    "format tanggal": "tanggal/jam dengan format lain (06/01/2025 08.15.00, 6 Januari 2025)",
    "baris ganda": "baris yang sama tercatat dua kali",
    "nilai hilang": "sel wajib dibiarkan kosong",
    "nilai mustahil": "nilai yang tidak mungkin (selesai sebelum mulai, skor 5, umur 0)",
    "koma desimal": "angka desimal ditulis dengan koma (12,5)",
}

DEFECT_COLUMNS = ["baris", "kunci", "kolom", "jenis_cacat", "nilai_kotor", "nilai_benar"]

_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")  # fmt: skip


@dataclass(frozen=True)
class MessySpec:
    """Where each defect kind may be injected in one dataset, and how many of each."""

    #: columns whose category values get typos, case variants and stray spaces
    category_columns: tuple[str, ...]
    #: non-nullable columns that may be left empty
    required_columns: tuple[str, ...]
    #: datetime/date columns that may be written in another format
    date_columns: tuple[str, ...]
    #: float columns whose decimals may be written with a comma
    decimal_columns: tuple[str, ...] = ()
    #: makes one impossible value: (clean text row, rng) -> (column, messy text)
    impossible: Callable[[pd.Series, np.random.Generator], tuple[str, str] | None] | None = None
    #: how many defects of each kind, per 1,000 rows (at least 3 each)
    per_thousand: float = 8.0


def _text(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The frame as a file would hold it: every cell as text, empty cells as ""."""
    out = pd.DataFrame(index=frame.index)
    kinds = {c.name: c.kind for c in schema.columns}
    for name in frame.columns:
        s = frame[name]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            fmt = "%Y-%m-%d" if kinds.get(name) == "date" else "%Y-%m-%d %H:%M:%S"
            s = s.dt.tz_convert(get_settings().tz).dt.strftime(fmt)
        out[name] = s.astype("str").fillna("").to_numpy(dtype=object)
    return out


def _typo(value: str, rng: np.random.Generator) -> str:
    letters = [i for i, ch in enumerate(value) if ch.isalpha()]
    if len(letters) < 3:
        return value + value[-1]
    for _ in range(10):
        i = int(rng.choice(letters[1:-1]))
        how = int(rng.integers(0, 3))
        if how == 0 and value[i + 1 : i + 2].isalpha() and value[i] != value[i + 1]:
            out = value[:i] + value[i + 1] + value[i] + value[i + 2 :]
        elif how == 1:
            out = value[:i] + value[i + 1 :]
        else:
            out = value[:i] + value[i] + value[i:]
        if out != value and out.casefold() != value.casefold():
            return out
    return value[:-1]


def _case(value: str, rng: np.random.Generator) -> str:
    options = [v for v in (value.upper(), value.lower(), value.title())
               if v != value]  # fmt: skip
    return str(rng.choice(options)) if options else value.upper() + "."


def _spaces(value: str, rng: np.random.Generator) -> str:
    return [" " + value, value + " ", "  " + value + " ", value + "  "][int(rng.integers(0, 4))]


def _date_format(value: str, rng: np.random.Generator) -> str:
    ts = pd.Timestamp(value)
    if len(value) <= 10:  # a date
        options = (f"{ts:%d/%m/%Y}", f"{ts.day} {_BULAN[ts.month - 1]} {ts.year}", f"{ts:%d-%m-%Y}")
    else:
        options = (f"{ts:%d/%m/%Y %H.%M.%S}", f"{ts:%d/%m/%Y %H:%M:%S}", f"{ts:%d-%m-%Y %H:%M:%S}")
    return str(options[int(rng.integers(0, len(options)))])


def make_messy(
    clean: pd.DataFrame, schema: Schema, spec: MessySpec, *, seed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Inject recorded defects into ``clean``; return ``(messy, defects)``.

    ``messy`` holds text only (as written to a CSV). ``defects`` has the columns
    :data:`DEFECT_COLUMNS`; ``baris`` is the row in the messy file as Excel shows it (header =
    row 1), ``kunci`` the key of the clean row it came from (for a schema without a key
    column, the clean row's own file row number).
    """
    injector = _Injector(_text(clean, schema), schema, spec, np.random.default_rng(seed))
    injector.impossible_values()
    for kind, change in (
        ("salah ketik", _typo),
        ("huruf besar/kecil", _case),
        ("spasi berlebih", _spaces),
    ):
        injector.change(spec.category_columns, kind, change)
    injector.change(spec.date_columns, "format tanggal", _date_format)
    if spec.decimal_columns:
        injector.decimal_commas()
    injector.change(spec.required_columns, "nilai hilang", lambda truth, rng: "")
    return injector.duplicate_rows()


def _decimal_comma(truth: str, rng: np.random.Generator) -> str:
    return truth.replace(".", ",")  # noqa: OW003 - the defect a messy file teaches


class _Injector:
    """Puts recorded defects into a text table, one kind after another (see :func:`make_messy`);
    the random draws happen in a fixed order, so a seed always gives the same file."""

    def __init__(self, messy: pd.DataFrame, schema: Schema, spec: MessySpec, rng) -> None:
        self.messy, self.spec, self.rng = messy, spec, rng
        self.key = schema.key[0] if schema.key else None
        self.n = len(messy)
        self.count = max(3, round(self.n * spec.per_thousand / 1000))
        self.used: set[tuple[int, str]] = set()
        self.records: list[dict] = []

    def key_of(self, row: int) -> str:
        return self.messy.at[row, self.key] if self.key else str(row + 2)

    def pick_cells(self, columns, how_many, ok=lambda row, col: True):
        chosen = []
        tries = 0
        while len(chosen) < how_many and tries < how_many * 50:
            tries += 1
            row = int(self.rng.integers(0, self.n))
            col = str(self.rng.choice(columns))
            if (row, col) in self.used or self.messy.at[row, col] == "" or not ok(row, col):
                continue
            self.used.add((row, col))
            chosen.append((row, col))
        return chosen

    def record(self, row, col, kind, dirty, truth) -> None:
        self.records.append(
            {
                "pos": row,
                "kunci": self.key_of(row),
                "kolom": col,
                "jenis_cacat": kind,
                "nilai_kotor": dirty,
                "nilai_benar": truth,
            }
        )

    def _write(self, row, col, kind, dirty) -> None:
        truth = self.messy.at[row, col]
        self.messy.at[row, col] = dirty
        self.record(row, col, kind, dirty, truth)

    def impossible_values(self) -> None:
        if self.spec.impossible is None:
            return
        made = tries = 0
        while made < self.count and tries < self.count * 50:
            tries += 1
            row = int(self.rng.integers(0, self.n))
            result = self.spec.impossible(self.messy.loc[row], self.rng)
            if result is None or (row, result[0]) in self.used:
                continue
            col, dirty = result
            self.used.add((row, col))
            self._write(row, col, "nilai mustahil", dirty)
            made += 1

    def change(self, columns, kind: str, change) -> None:
        for row, col in self.pick_cells(columns, self.count):
            self._write(row, col, kind, change(self.messy.at[row, col], self.rng))

    def decimal_commas(self) -> None:
        def has_decimal(row, col):
            return not self.messy.at[row, col].endswith(".0")

        for row, col in self.pick_cells(self.spec.decimal_columns, self.count, has_decimal):
            self._write(row, col, "koma desimal", _decimal_comma(self.messy.at[row, col], self.rng))

    def duplicate_rows(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Duplicated rows: a copy (with whatever defects the row already has) lands a few
        rows on. Returns the messy table and the defect list."""
        n = self.n
        order = list(range(n))
        copies = sorted(self.rng.choice(n, size=min(self.count, n), replace=False).tolist())
        extra_pos = []
        for row in copies:
            extra_pos.append(row + self.rng.uniform(0.1, 6.0))
            order.append(row)
        positions = np.concatenate([np.arange(n, dtype=float), np.asarray(extra_pos)])
        final = np.asarray(order)[np.argsort(positions, kind="stable")]
        rank = np.argsort(np.argsort(positions, kind="stable"))
        out = self.messy.iloc[final].reset_index(drop=True)
        for i, row in enumerate(copies):
            self.records.append(
                {
                    "pos": -1,
                    "baris": int(rank[n + i]) + 2,
                    "kunci": self.key_of(row),
                    "kolom": "",
                    "jenis_cacat": "baris ganda",
                    "nilai_kotor": "",
                    "nilai_benar": "",
                }
            )
        return out.astype("str"), self._defects(rank[:n])

    def _defects(self, first_rank: np.ndarray) -> pd.DataFrame:
        defects = pd.DataFrame(self.records)
        cell = defects["pos"] >= 0
        defects.loc[cell, "baris"] = first_rank[defects.loc[cell, "pos"].to_numpy()] + 2
        defects["baris"] = defects["baris"].astype("int64")
        defects = defects.drop(columns="pos").sort_values(["baris", "kolom"], kind="stable")
        defects = defects[DEFECT_COLUMNS].reset_index(drop=True)
        for name in DEFECT_COLUMNS[1:]:
            defects[name] = defects[name].astype("str")
        return defects


def impossible_layanan(row: pd.Series, rng: np.random.Generator) -> tuple[str, str] | None:
    """End of service before its start, for a served visitor."""
    if row["mulai"] == "" or row["selesai"] == "":
        return None
    start = pd.Timestamp(row["mulai"])
    return "selesai", f"{start - pd.Timedelta(minutes=int(rng.integers(2, 40))):%Y-%m-%d %H:%M:%S}"


def impossible_skm(row: pd.Series, rng: np.random.Generator) -> tuple[str, str] | None:
    """A score outside 1–4 (mostly 5, as when a 1–5 form is mixed in), or an impossible age."""
    if rng.uniform() < 0.2:
        return "umur", str(rng.choice(["0", "7", "170"]))
    column = f"U{int(rng.integers(1, 10))}"
    if row[column] == "":
        return None
    return column, str(rng.choice(["5", "5", "5", "0"]))
