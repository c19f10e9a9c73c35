"""From gaps to development: workbench modules, outside options and a plan per person.

:func:`development_plan` takes the gaps and a catalogue of the workbench modules that develop
each competency (``modul``, ``judul``, ``jp``, ``kompetensi``, ``level``; the course floor reads
it from the notebooks, :func:`workbench.course.module_catalogue`). Options outside the
workbench come from ``pilihan_pengembangan.csv``.

Scores become assessment levels with ``konversi_nilai.csv`` (:func:`load_conversion`,
:func:`score_levels`): graded assignments here, practice checks on the course floor
(:func:`workbench.course.practice_assessments`).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.competency.standards import (
    data_path,
    load_options,
    read_table,
)
from workbench.config import Settings, get_settings
from workbench.data.schema import KONVERSI_NILAI
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "CATALOGUE_COLUMNS",
    "PLAN_COLUMNS",
    "development_plan",
    "example_assessments",
    "level_of",
    "load_conversion",
    "score_levels",
]

PLAN_COLUMNS = [
    "nip",
    "jabatan",
    "unit",
    "urutan",
    "kompetensi",
    "kesenjangan",
    "kegiatan",
    "jenis",
    "penyelenggara",
    "jp",
    "waktu",
    "alasan",
]
_QUARTERS = ("I", "II", "III", "IV")
WORKBENCH = "modul workbench"
OUTSIDE = "di luar workbench"


def load_conversion(
    path: str | os.PathLike | None = None, *, settings: Settings | None = None
) -> list[tuple[float, int]]:
    """Score-to-level bands from ``konversi_nilai.csv`` (``nilai_minimal``, ``level``), checked
    against :data:`~workbench.data.schema.KONVERSI_NILAI`, highest first. A score of 0 must
    have a level."""
    path = Path(path) if path is not None else data_path("konversi_nilai.csv", settings=settings)
    table = read_table(path, KONVERSI_NILAI)
    if not (table["nilai_minimal"] == 0).any():
        raise WorkbenchError(
            f"Konversi nilai ke level di {path.name} tidak sah.",
            [Problem("tidak ada level untuk nilai 0", file=path.name, column="nilai_minimal",
                     expected="satu baris dengan nilai_minimal 0")],
        )  # fmt: skip
    bands = zip(table["nilai_minimal"].astype(float), table["level"].astype(int), strict=True)
    return sorted(((float(low), int(level)) for low, level in bands), reverse=True)


def level_of(score: float, bands: list[tuple[float, int]]) -> int:
    """The level a score of 0–100 earns under ``bands`` (from :func:`load_conversion`)."""
    return next(level for low, level in bands if score >= low)


def score_levels(
    scores: pd.DataFrame,
    *,
    sumber: str = "tugas",
    bands: list[tuple[float, int]] | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Scores (``nip``, ``kompetensi``, ``nilai`` 0–100) as assessment rows
    (``nip``, ``kompetensi``, ``level``, ``sumber``), converted with ``konversi_nilai.csv``."""
    bands = bands or load_conversion(settings=settings)
    values = pd.to_numeric(scores["nilai"], errors="coerce")
    bad = values.isna() | (values < 0) | (values > 100)
    if bad.any():
        problems = [
            Problem("nilai bukan angka 0–100", file="nilai", row=int(i) + 2, column="nilai",
                    value=scores["nilai"].iloc[i], expected="angka 0–100")
            for i in np.flatnonzero(bad.to_numpy())
        ]  # fmt: skip
        raise WorkbenchError("Nilai tugas berisi angka yang tidak sah.", problems)
    return pd.DataFrame(
        {
            "nip": scores["nip"].astype("str").to_numpy(),
            "kompetensi": scores["kompetensi"].astype("str").to_numpy(),
            "level": [float(level_of(v, bands)) for v in values],
            "sumber": sumber,
        }
    )


def example_assessments(*, seed: int = 11, settings: Settings | None = None) -> pd.DataFrame:
    """Synthetic assessments from two sources for the shipped staff, for lessons and demos.

    ``atasan`` is the assessed level of the ``kompetensi`` dataset; ``diri`` (self-assessment)
    is drawn around it from ``seed``, a little higher on average, as self-assessments tend to
    be. Columns ``nip``, ``nama``, ``jabatan``, ``kompetensi``, ``level``, ``sumber``.
    """
    from workbench import data

    rng = np.random.default_rng(seed)
    pegawai = data.load("pegawai")
    profile = data.load("kompetensi")
    people = pegawai.set_index("nip")
    boss = pd.DataFrame(
        {
            "nip": profile["nip"],
            "kompetensi": profile["kompetensi"],
            "level": profile["level_dimiliki"].astype("float64"),
            "sumber": "atasan",
        }
    )
    own = boss.copy()
    drift = rng.choice([-1, 0, 0, 0, 1, 1], size=len(own))
    own["level"] = np.clip(own["level"] + drift, 1, 5).astype("float64")
    own["sumber"] = "diri"
    both = pd.concat([own, boss], ignore_index=True)
    both.insert(1, "nama", both["nip"].map(people["nama"]))
    both.insert(2, "jabatan", both["nip"].map(people["jabatan"]))
    return both


def _quarter_labels(jp: list[float], year: int) -> list[str]:
    """Spread activities in order over four quarters, about equal JP per quarter."""
    total = float(sum(jp))
    per = max(total / 4, 1e-9)
    out, before = [], 0.0
    for value in jp:
        q = min(3, int(before // per + 1e-9))
        out.append(f"Triwulan {_QUARTERS[q]} {year}")
        before += value
    return out


#: The columns of a module catalogue (:func:`workbench.course.module_catalogue`).
CATALOGUE_COLUMNS = ["modul", "judul", "jp", "kompetensi", "level", "berkas"]


def development_plan(
    gaps: pd.DataFrame,
    *,
    year: int,
    catalogue: pd.DataFrame | None = None,
    options: pd.DataFrame | None = None,
    priorities: pd.DataFrame | None = None,
    done: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """An individual development plan for every person with a gap: what, when, how many JP.

    Per person, competencies below standard are taken in the office's priority order
    (``priorities`` from :func:`~workbench.competency.unit_priorities`, else the largest gap
    first). Each gets the workbench modules of ``catalogue`` that develop it beyond the
    person's level (at most two, lowest module number first, each module once per person,
    skipping modules in ``done``: ``nip``, ``modul``), and the first outside option from
    ``pilihan_pengembangan.csv`` when the gap is two levels or more or no module covers it.
    Activities are spread in that order over the four quarters of ``year`` with about the same
    JP in each quarter. Columns :data:`PLAN_COLUMNS`; ``alasan`` says why each line is there.

    ``catalogue`` comes from :func:`workbench.course.module_catalogue`;
    :func:`workbench.course.development_plan` passes it for you.
    """
    settings = settings or get_settings()
    if catalogue is None:
        warnings.warn(
            "competency.development_plan() tanpa catalogue= tidak lagi membaca modul kursus "
            "sendiri; pakai workbench.course.development_plan() (sama, dengan modul kursus).",
            DeprecationWarning,
            stacklevel=2,
        )
        catalogue = pd.DataFrame(columns=CATALOGUE_COLUMNS)
    options = load_options(settings=settings) if options is None else options
    rank, why = {}, {}
    if priorities is not None:
        rank = dict(zip(priorities["kompetensi"], priorities["peringkat"], strict=True))
        why = dict(zip(priorities["kompetensi"], priorities["alasan_skm"], strict=True))
    finished = set()
    if done is not None and len(done):
        finished = set(zip(done["nip"], done["modul"], strict=True))
    choose = _Chooser(catalogue, options, rank, why, finished)
    rows = []
    for _, part in _people_in_priority_order(gaps, rank):
        mine = choose.for_person(part)
        when = _quarter_labels([m[4] for m in mine], year)
        for i, ((g, what, kind, who, jp, reason), quarter) in enumerate(
            zip(mine, when, strict=True)
        ):
            rows.append((g.nip, g.jabatan, g.unit, i + 1, g.kompetensi, g.kesenjangan, what,
                         kind, who, jp, quarter, reason))  # fmt: skip
    plan = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    plan["jp"] = plan["jp"].astype("int64")
    plan["urutan"] = plan["urutan"].astype("int64")
    return plan


def _people_in_priority_order(gaps: pd.DataFrame, rank: dict[str, int]):
    """Each person's competencies below standard, persons in roster order, competencies in
    the office's priority order (else the largest gap first)."""
    short = gaps[gaps["kesenjangan"] > 0].copy()
    short["_rank"] = short["kompetensi"].map(rank).fillna(len(rank) + 1)
    short = short.sort_values(["_rank", "kesenjangan"], ascending=[True, False], kind="stable")
    order = {n: i for i, n in enumerate(pd.unique(gaps["nip"]))}
    short["_p"] = short["nip"].map(order)
    short = short.sort_values("_p", kind="stable")
    return short.groupby("_p", sort=True)


class _Chooser:
    """Picks the activities of one person's plan (see :func:`development_plan`)."""

    def __init__(self, catalogue, options, rank, why, finished) -> None:
        self.catalogue, self.options = catalogue, options
        self.rank, self.why, self.finished = rank, why, finished

    def reason(self, g) -> str:
        text = f"kesenjangan {fmt.number(g.kesenjangan, decimals=None)} level"
        if g.kompetensi in self.rank:
            text += f"; prioritas kantor #{self.rank[g.kompetensi]}"
            if self.why.get(g.kompetensi):
                text += f" ({self.why[g.kompetensi]})"
        return text

    def for_person(self, part: pd.DataFrame) -> list[tuple]:
        planned: set[str] = set()
        mine: list[tuple] = []
        for g in part.itertuples():
            gap_text = self.reason(g)
            chosen = self._modules(g, gap_text, planned, mine)
            if g.kesenjangan >= 2 or chosen == 0:
                found = self.options[self.options["kompetensi"] == g.kompetensi]
                if len(found):
                    o = found.iloc[0]
                    mine.append((g, o["kegiatan"], OUTSIDE, o["penyelenggara"], int(o["jp"]),
                                 gap_text))  # fmt: skip
        return mine

    def _modules(self, g, gap_text: str, planned: set[str], mine: list[tuple]) -> int:
        """Adds up to two workbench modules for gap ``g``; returns how many."""
        catalogue = self.catalogue
        fits = catalogue[(catalogue["kompetensi"] == g.kompetensi)
                         & (catalogue["level"] > g.dimiliki)]  # fmt: skip
        chosen = 0
        for m in fits.sort_values("modul").itertuples():
            if chosen == 2 or m.modul in planned or (g.nip, m.modul) in self.finished:
                continue
            planned.add(m.modul)
            chosen += 1
            mine.append((g, f"Modul {m.modul} {m.judul}", WORKBENCH, "ASN Workbench",
                         int(m.jp), gap_text))  # fmt: skip
        return chosen
