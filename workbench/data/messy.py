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
    rng = np.random.default_rng(seed)
    key = schema.key[0] if schema.key else None

    def key_of(row: int) -> str:
        return messy.at[row, key] if key else str(row + 2)

    messy = _text(clean, schema)
    n = len(messy)
    count = max(3, round(n * spec.per_thousand / 1000))
    used: set[tuple[int, str]] = set()
    records: list[dict] = []

    def pick_cells(columns, how_many, ok=lambda row, col: True):
        chosen = []
        tries = 0
        while len(chosen) < how_many and tries < how_many * 50:
            tries += 1
            row = int(rng.integers(0, n))
            col = str(rng.choice(columns))
            if (row, col) in used or messy.at[row, col] == "" or not ok(row, col):
                continue
            used.add((row, col))
            chosen.append((row, col))
        return chosen

    def record(row, col, kind, dirty, truth):
        records.append(
            {
                "pos": row,
                "kunci": key_of(row),
                "kolom": col,
                "jenis_cacat": kind,
                "nilai_kotor": dirty,
                "nilai_benar": truth,
            }
        )

    if spec.impossible is not None:
        made = 0
        tries = 0
        while made < count and tries < count * 50:
            tries += 1
            row = int(rng.integers(0, n))
            result = spec.impossible(messy.loc[row], rng)
            if result is None or (row, result[0]) in used:
                continue
            col, dirty = result
            used.add((row, col))
            truth = messy.at[row, col]
            messy.at[row, col] = dirty
            record(row, col, "nilai mustahil", dirty, truth)
            made += 1

    for kind, change in (
        ("salah ketik", _typo),
        ("huruf besar/kecil", _case),
        ("spasi berlebih", _spaces),
    ):
        for row, col in pick_cells(spec.category_columns, count):
            truth = messy.at[row, col]
            dirty = change(truth, rng)
            messy.at[row, col] = dirty
            record(row, col, kind, dirty, truth)
    for row, col in pick_cells(spec.date_columns, count):
        truth = messy.at[row, col]
        dirty = _date_format(truth, rng)
        messy.at[row, col] = dirty
        record(row, col, "format tanggal", dirty, truth)
    if spec.decimal_columns:

        def has_decimal(row, col):
            return not messy.at[row, col].endswith(".0")

        for row, col in pick_cells(spec.decimal_columns, count, has_decimal):
            truth = messy.at[row, col]
            dirty = truth.replace(".", ",")  # noqa: OW003 - the defect a messy file teaches
            messy.at[row, col] = dirty
            record(row, col, "koma desimal", dirty, truth)
    for row, col in pick_cells(spec.required_columns, count):
        truth = messy.at[row, col]
        messy.at[row, col] = ""
        record(row, col, "nilai hilang", "", truth)
    # Duplicated rows: a copy (with whatever defects the row already has) lands a few rows on.
    order = list(range(n))
    copies = sorted(rng.choice(n, size=min(count, n), replace=False).tolist())
    positions = np.arange(n, dtype=float)
    extra_pos = []
    for row in copies:
        extra_pos.append(row + rng.uniform(0.1, 6.0))
        order.append(row)
    positions = np.concatenate([positions, np.asarray(extra_pos)])
    final = np.asarray(order)[np.argsort(positions, kind="stable")]
    rank = np.argsort(np.argsort(positions, kind="stable"))
    out = messy.iloc[final].reset_index(drop=True)
    for i, row in enumerate(copies):
        records.append(
            {
                "pos": -1,
                "baris": int(rank[n + i]) + 2,
                "kunci": key_of(row),
                "kolom": "",
                "jenis_cacat": "baris ganda",
                "nilai_kotor": "",
                "nilai_benar": "",
            }
        )
    defects = pd.DataFrame(records)
    first_rank = rank[:n]
    cell = defects["pos"] >= 0
    defects.loc[cell, "baris"] = first_rank[defects.loc[cell, "pos"].to_numpy()] + 2
    defects["baris"] = defects["baris"].astype("int64")
    defects = defects.drop(columns="pos").sort_values(["baris", "kolom"], kind="stable")
    defects = defects[DEFECT_COLUMNS].reset_index(drop=True)
    for name in DEFECT_COLUMNS[1:]:
        defects[name] = defects[name].astype("str")
    out = out.astype("str")
    return out, defects


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
