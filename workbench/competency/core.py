"""Gaps, job–person match and the unit's picture (AKPK, PP 11/2017 Arts. 205–206).

* :func:`combine_assessments` -- one level per person and competency from several sources
  (self, supervisor, practice checks, graded assignments), weighted as the trainer states;
* :func:`gaps` -- required level (the position's standard) against the assessed level;
* :func:`job_match` -- the job–person match percentage with configurable bands;
* :func:`unit_priorities` -- which competencies most staff fall short on, ordered by the size
  and breadth of the gap, raised where the citizens' survey points at them
  (:mod:`workbench.competency.skm_link`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.competency.standards import (
    check_competencies,
    check_people,
    data_path,
    load_dictionary,
    load_standards,
    load_weights,
    read_assessments,
    read_table,
    requirements,
)
from workbench.config import Settings
from workbench.data import validate
from workbench.data.schema import KATEGORI_KECOCOKAN, PENILAIAN_KOMPETENSI, STANDAR_KOMPETENSI
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "DEFAULT_BANDS",
    "Band",
    "combine_assessments",
    "gaps",
    "job_match",
    "load_bands",
    "unit_priorities",
]


@dataclass(frozen=True)
class Band:
    """A job–person match category: ``kategori`` from ``batas_bawah`` percent upwards."""

    batas_bawah: float
    kategori: str


#: Common assessment-centre practice (not regulation): Optimal ≥ 90, Cukup Optimal 78–<90,
#: Kurang Optimal < 78. A trainer changes them in ``kategori_kecocokan.csv``.
DEFAULT_BANDS: tuple[Band, ...] = (
    Band(90.0, "Optimal"),
    Band(78.0, "Cukup Optimal"),
    Band(0.0, "Kurang Optimal"),
)


def load_bands(
    path: str | os.PathLike | None = None, *, settings: Settings | None = None
) -> tuple[Band, ...]:
    """The match bands from ``kategori_kecocokan.csv`` (columns ``batas_bawah``, ``kategori``),
    checked against :data:`~workbench.data.schema.KATEGORI_KECOCOKAN`.

    Bounds are percentages 0–100 (``90,5`` as an Indonesian spreadsheet writes it); one band
    must start at 0 so every person gets a category.
    """
    path = (
        Path(path) if path is not None else data_path("kategori_kecocokan.csv", settings=settings)
    )
    table = read_table(path, KATEGORI_KECOCOKAN)
    if not (table["batas_bawah"] == 0).any():
        raise WorkbenchError(
            f"Kategori kecocokan di {path.name} tidak sah.",
            [Problem("tidak ada kategori yang mulai dari 0", file=path.name, column="batas_bawah",
                     expected="satu baris dengan batas_bawah 0")],
        )  # fmt: skip
    bands = (
        Band(float(low), str(label).strip())
        for low, label in zip(table["batas_bawah"], table["kategori"], strict=True)
    )
    return tuple(sorted(bands, key=lambda b: -b.batas_bawah))


def _assessment_frame(assessments: pd.DataFrame, source: str) -> pd.DataFrame:
    frame = validate(assessments, PENILAIAN_KOMPETENSI, file=source)
    return frame


def combine_assessments(
    assessments: pd.DataFrame,
    *,
    weights: dict[str, float] | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """One level per person and competency from the rows of several sources.

    ``assessments`` has ``nip``, ``kompetensi``, ``level`` (1–5) and ``sumber`` (``diri``,
    ``atasan``, ``latihan``, ``tugas``), plus ``jabatan``/``nama`` when known. The combined
    level is the weighted mean of the sources present for that person and competency,

        level = Σ bobot_s × level_s / Σ bobot_s   (over the sources s that assessed it),

    so a missing source does not pull the level down; weights come from ``bobot_sumber.csv``
    unless given. A source with weight 0 is kept in ``rincian`` but does not count. Columns:
    ``nip``, (``jabatan``, ``nama``), ``kompetensi``, ``level`` (2 decimals), ``jumlah_sumber``,
    ``rincian`` (how the level was made, e.g. "atasan 3 × 0,5 + diri 4 × 0,2").
    """
    frame = _assessment_frame(assessments, "penilaian")
    if "sumber" not in frame.columns:
        frame["sumber"] = "atasan"
    weights = load_weights(settings=settings) if weights is None else dict(weights)
    unknown = sorted(set(frame["sumber"]) - set(weights))
    if unknown:
        raise WorkbenchError(
            "Sumber penilaian tanpa bobot: " + ", ".join(unknown) + ". Tambahkan bobotnya di "
            "bobot_sumber.csv."
        )
    twice = frame.duplicated(["nip", "kompetensi", "sumber"], keep="first")
    if twice.any():
        problems = [
            Problem("penilaian ganda dari sumber yang sama", file="penilaian", row=int(i) + 2,
                    column="sumber", value=f"{frame.at[i, 'nip']} / {frame.at[i, 'kompetensi']}"
                    f" / {frame.at[i, 'sumber']}", expected="satu level per pegawai, kompetensi "
                    "dan sumber")
            for i in twice[twice].index
        ]  # fmt: skip
        raise WorkbenchError("Ada pegawai yang dinilai dua kali oleh sumber yang sama.", problems)
    frame["bobot"] = frame["sumber"].map(weights).astype(float)
    frame["bobot_x_level"] = frame["bobot"] * frame["level"]
    order = {s: i for i, s in enumerate(weights)}
    frame["_urut"] = frame["sumber"].map(order)
    frame = frame.sort_values(["nip", "kompetensi", "_urut"], kind="stable")
    frame["_teks"] = (
        frame["sumber"]
        + " "
        + frame["level"].map(lambda v: fmt.number(v, decimals=None))
        + " × "
        + frame["bobot"].map(lambda v: fmt.number(v, decimals=None))
    )
    keys = ["nip", "kompetensi"]
    grouped = frame.groupby(keys, sort=False)
    out = grouped.agg(
        _sum=("bobot_x_level", "sum"),
        _w=("bobot", "sum"),
        jumlah_sumber=("sumber", "size"),
        rincian=("_teks", " + ".join),
    ).reset_index()
    weightless = out["_w"] <= 0
    if weightless.any():
        first = out[weightless].iloc[0]
        raise WorkbenchError(
            f"Level {first['kompetensi']} untuk NIP {first['nip']} hanya dari sumber berbobot 0; "
            "beri bobot pada sumber itu atau tambahkan penilaian lain."
        )
    out["level"] = (out["_sum"] / out["_w"]).round(2)
    extra = [c for c in ("jabatan", "nama", "unit") if c in frame.columns]
    if extra:
        people = frame.drop_duplicates("nip").set_index("nip")[extra]
        out = out.join(people, on="nip")
    columns = ["nip", *extra, "kompetensi", "level", "jumlah_sumber", "rincian"]
    return out[columns].reset_index(drop=True)


def _position_problems(frame: pd.DataFrame, pegawai: pd.DataFrame | None) -> list[Problem]:
    """Whose position is unknown: checked against the roster, or from the ``jabatan`` column."""
    if pegawai is not None:
        return check_people(frame, pegawai, file="penilaian")
    if "jabatan" not in frame.columns:
        return [
            Problem("kolom 'jabatan' tidak ada", file="penilaian", column="jabatan",
                    expected="kolom jabatan, atau berikan daftar pegawai (pegawai=...)")
        ]  # fmt: skip
    named = set(frame.loc[frame["jabatan"].notna(), "nip"])
    return [
        Problem("jabatan kosong", file="penilaian", row=int(i) + 2, column="jabatan",
                expected="jabatan pegawai, atau berikan daftar pegawai (pegawai=...)")
        for i in np.flatnonzero(~frame["nip"].isin(named).to_numpy())
    ]  # fmt: skip


def _one_level_each(frame: pd.DataFrame, weights, settings) -> pd.DataFrame:
    """One level per person and competency: sources combined, or a duplicate refused."""
    if "sumber" in frame.columns:
        return combine_assessments(frame, weights=weights, settings=settings)
    twice = frame.duplicated(["nip", "kompetensi"], keep="first")
    if twice.any():
        problems = [
            Problem("level ganda untuk pegawai dan kompetensi yang sama", file="penilaian",
                    row=int(i) + 2, column="kompetensi", value=frame.at[i, "kompetensi"],
                    expected="satu baris per pegawai dan kompetensi, atau kolom 'sumber'")
            for i in twice[twice].index
        ]  # fmt: skip
        raise WorkbenchError("Ada pegawai yang dinilai dua kali.", problems)
    return frame


def gaps(
    standards: pd.DataFrame,
    assessments: pd.DataFrame,
    *,
    pegawai: pd.DataFrame | None = None,
    kamus: pd.DataFrame | None = None,
    weights: dict[str, float] | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """The gap between the level each person's position needs and the level they have.

    ``standards``: ``jabatan``, ``kompetensi``, ``level`` (and ``unit``, empty = every unit);
    ``assessments``: ``nip``, ``jabatan``, ``kompetensi``, ``level``. Either may also be a path
    to a CSV or Excel file, read and checked through :mod:`workbench.data`. When
    ``assessments`` has a ``sumber`` column, several sources are first combined
    (:func:`combine_assessments`).
    With ``pegawai`` (the staff roster) every NIP must be on it and match its holder (same
    ``jabatan`` and, if given, ``nama``); the roster also supplies the unit and a missing
    ``jabatan``.

    One row per person and required competency: ``nip``, ``jabatan``, ``unit``,
    ``kompetensi``, ``kelompok``, ``dibutuhkan``, ``dimiliki``, ``kesenjangan`` =
    dibutuhkan − dimiliki (negative: above the standard; empty: not assessed yet) and, for
    combined sources, ``rincian``. Assessed competencies the position does not require are
    left out.

    Raises :class:`WorkbenchError` listing every problem: an unknown competency, a level
    outside 1–5, an NIP that is not 18 digits, not on the roster or not its holder's, a
    position without a standard.
    """
    kamus = load_dictionary(settings=settings) if kamus is None else kamus
    if isinstance(standards, pd.DataFrame):
        standards = validate(standards, STANDAR_KOMPETENSI, file="standar")
    standards = load_standards(standards, kamus=kamus, settings=settings)
    if not isinstance(assessments, pd.DataFrame):
        assessments = read_assessments(assessments)
    frame = _assessment_frame(assessments, "penilaian")
    problems = check_competencies(frame["kompetensi"], kamus, file="penilaian")
    problems += _position_problems(frame, pegawai)
    if problems:
        raise WorkbenchError(
            f"Penilaian kompetensi berisi {len(problems)} masalah. Perbaiki lalu hitung ulang.",
            problems,
        )
    combined = _one_level_each(frame, weights, settings)
    if pegawai is not None:
        people = pegawai[pegawai["nip"].isin(frame["nip"])][["nip", "jabatan", "unit"]]
    else:
        # A person's position is the first one named (rows from practice may leave it empty).
        named = frame.dropna(subset=["jabatan"])
        people = named.drop_duplicates("nip")[
            ["nip", "jabatan", *(["unit"] if "unit" in frame.columns else [])]
        ]
    need = requirements(people, standards, file="standar")
    have = combined[["nip", "kompetensi", "level", *(["rincian"] if "rincian" in combined else [])]]
    out = need.merge(have.rename(columns={"level": "dimiliki"}), on=["nip", "kompetensi"],
                     how="left")  # fmt: skip
    out["dimiliki"] = out["dimiliki"].astype("float64")
    out["kesenjangan"] = (out["dibutuhkan"] - out["dimiliki"]).round(2)
    groups = dict(zip(kamus["kompetensi"], kamus["kelompok"], strict=True))
    out.insert(4, "kelompok", out["kompetensi"].map(groups))
    order = {k: i for i, k in enumerate(kamus["kompetensi"])}
    first_seen = {n: i for i, n in enumerate(pd.unique(people["nip"]))}
    out = out.assign(_p=out["nip"].map(first_seen), _k=out["kompetensi"].map(order))
    out = out.sort_values(["_p", "_k"], kind="stable").drop(columns=["_p", "_k"])
    columns = ["nip", "jabatan", "unit", "kompetensi", "kelompok", "dibutuhkan", "dimiliki",
               "kesenjangan", *(["rincian"] if "rincian" in out else [])]  # fmt: skip
    return out[columns].reset_index(drop=True)


def job_match(gaps: pd.DataFrame, *, bands: Sequence[Band] | None = None) -> pd.DataFrame:
    """The job–person match of every person, as a percentage with a category.

    Match formula (the usual assessment-centre job–person match), over the competencies the
    position requires that have been assessed::

        kecocokan = 100 × Σ min(dimiliki, dibutuhkan) / Σ dibutuhkan

    A level above the standard counts only up to the standard (strength in one competency
    does not hide a gap in another), so 100 means every required level is met. ``kategori``
    is the first band whose ``batas_bawah`` the percentage reaches; by default Optimal ≥ 90,
    Cukup Optimal 78 to under 90, Kurang Optimal under 78 (common practice, not regulation:
    pass ``bands`` or edit ``kategori_kecocokan.csv`` and use :func:`load_bands`).

    Columns: ``nip`` (plus ``jabatan``/``unit`` when present), ``kecocokan`` (0–100, one
    decimal), ``kategori``, ``kompetensi_dinilai``, ``kompetensi_kurang`` (how many required
    competencies are below standard) and ``belum_dinilai``.
    """
    bands = tuple(sorted(bands or DEFAULT_BANDS, key=lambda b: -b.batas_bawah))
    frame = gaps.copy()
    for name in ("dibutuhkan", "dimiliki", "kesenjangan"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    assessed = frame["dimiliki"].notna()
    frame["_capped"] = np.minimum(frame["dimiliki"], frame["dibutuhkan"]).where(assessed, 0.0)
    frame["_need"] = frame["dibutuhkan"].where(assessed, 0)
    frame["_short"] = frame["kesenjangan"] > 0
    frame["_todo"] = ~assessed
    keys = ["nip", *[c for c in ("jabatan", "unit") if c in frame.columns]]
    out = frame.groupby(keys, sort=False, dropna=False).agg(
        _capped=("_capped", "sum"),
        _need=("_need", "sum"),
        kompetensi_dinilai=("dimiliki", "count"),
        kompetensi_kurang=("_short", "sum"),
        belum_dinilai=("_todo", "sum"),
    )
    out = out.reset_index()
    share = out["_capped"] / out["_need"].where(out["_need"] > 0)
    out["kecocokan"] = (share * 100).round(1)

    def category(value: float) -> str:
        if pd.isna(value):
            return "belum dinilai"
        return next(b.kategori for b in bands if value >= b.batas_bawah)

    out["kategori"] = out["kecocokan"].map(category)
    columns = [*keys, "kecocokan", "kategori", "kompetensi_dinilai", "kompetensi_kurang",
               "belum_dinilai"]  # fmt: skip
    out = out[columns]
    for name in ("kompetensi_dinilai", "kompetensi_kurang", "belum_dinilai"):
        out[name] = out[name].astype("int64")
    return out


def unit_priorities(gaps: pd.DataFrame, *, skm: pd.DataFrame | None = None, faktor: float = 1.5):
    """Which competencies most staff fall short on, first the largest and broadest gaps.

    Per competency, over the staff whose position requires it and who were assessed:
    ``pegawai_kurang`` (breadth: how many are below standard), ``persen_kurang``,
    ``rata_kesenjangan`` (size: mean gap of those below) and

        skor_kebutuhan = Σ positive gaps = pegawai_kurang × rata_kesenjangan

    the number of level steps the unit is missing: ten people one level short weigh as much
    as five people two levels short, and a gap one person has weighs less than the same gap
    across the office, which is what decides which training to run first. Ties go to the
    broader gap. ``skm`` (from :func:`workbench.course.skm_signals`) lists competencies
    the citizens' survey points at, with their reasons; their score is multiplied by
    ``faktor`` (``skor_prioritas``) and ``alasan_skm`` says why ("dinaikkan karena SKM U7 =
    72,1"). ``peringkat_tanpa_skm`` keeps the order without the survey, so its effect is
    visible. Competencies nobody falls short on come last and are never raised.
    """
    frame = gaps[gaps["dimiliki"].notna()].copy()
    if "kelompok" not in frame.columns:
        frame["kelompok"] = ""
    frame["_pos"] = frame["kesenjangan"].clip(lower=0)
    frame["_short"] = frame["kesenjangan"] > 0
    table = frame.groupby(["kompetensi", "kelompok"], sort=False).agg(
        pegawai_dinilai=("nip", "nunique"),
        pegawai_kurang=("_short", "sum"),
        total_kesenjangan=("_pos", "sum"),
    )
    table = table.reset_index()
    table["pegawai_kurang"] = table["pegawai_kurang"].astype("int64")
    table["persen_kurang"] = (table["pegawai_kurang"] / table["pegawai_dinilai"] * 100).round(1)
    table["rata_kesenjangan"] = (
        (table["total_kesenjangan"] / table["pegawai_kurang"].where(table["pegawai_kurang"] > 0))
        .fillna(0.0)
        .round(2)
    )
    table["total_kesenjangan"] = table["total_kesenjangan"].round(2)
    table["skor_kebutuhan"] = table["total_kesenjangan"]
    reasons: dict[str, str] = {}
    if skm is not None and not skm.empty:
        for name, part in skm.groupby("kompetensi", sort=False):
            reasons[name] = "dinaikkan karena " + "; ".join(part["alasan"])
    table["alasan_skm"] = [reasons.get(k, "") for k in table["kompetensi"]]
    raised = (table["alasan_skm"] != "") & (table["pegawai_kurang"] > 0)
    table.loc[table["pegawai_kurang"] == 0, "alasan_skm"] = ""
    table["faktor_skm"] = np.where(raised, faktor, 1.0)
    table["skor_prioritas"] = (table["skor_kebutuhan"] * table["faktor_skm"]).round(2)
    keys = ["pegawai_kurang", "rata_kesenjangan"]
    base = table.sort_values(["skor_kebutuhan", *keys], ascending=False, kind="stable")
    table["peringkat_tanpa_skm"] = pd.Series(np.arange(1, len(base) + 1), index=base.index)
    table = table.sort_values(["skor_prioritas", *keys], ascending=False, kind="stable")
    table.insert(0, "peringkat", np.arange(1, len(table) + 1))
    return table[
        ["peringkat", "kompetensi", "kelompok", "pegawai_dinilai", "pegawai_kurang",
         "persen_kurang", "rata_kesenjangan", "skor_kebutuhan",
         "faktor_skm", "skor_prioritas", "peringkat_tanpa_skm", "alasan_skm"]
    ].reset_index(drop=True)  # fmt: skip
