"""Level 2, learning: did knowledge or skill rise? Gains with intervals, never bare averages.

A learning score is a 0–100 number for one participant, activity and stage: ``awal`` (before:
a pre-test, or the first attempts at the module's practice questions) and ``akhir`` (after: a
post-test, or the graded assignment). Tables in that shape (:data:`NILAI_BELAJAR`) come from
the office's own pre-test/post-test file or are built from what the workbench records:

* :func:`first_attempt_scores` -- the share of a module's practice questions a learner got
  right at the first check, from the progress table (:mod:`workbench.practice`). The progress
  file keeps the number of checks and when the first correct answer came; a question whose
  first check cannot be told apart (checked again after the correct answer) is left out, not
  guessed, and so is one whose solution was looked at;
* :func:`assignment_scores` -- the graded assignment's final percent (from the gradebook).

:func:`learning_gains` pairs the two stages per learner; :func:`gain_summary` gives, per
activity, competency or unit, the mean gain with a Student-t interval and the verdict ("naik",
"belum bisa disimpulkan", "terlalu sedikit untuk disimpulkan" under five learners). A
pre-test and a graded assignment are different instruments: the gain then says how far
learners got from where they started, and the source of each number is kept in ``sumber``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.evaluasi.stats import mean_change, verdict

__all__ = [
    "MIN_LEARNERS",
    "assignment_scores",
    "first_attempt_scores",
    "gain_summary",
    "learning_gains",
]

#: Fewest learners whose mean gain is read.
MIN_LEARNERS = 5
#: Fewest questions with a known first attempt for a module's pre-score.
MIN_QUESTIONS = 3

_KEY = ["id_kegiatan", "nip", "kompetensi"]


def _first_attempt(progress: pd.DataFrame) -> pd.Series:
    """1 where the first check was right, 0 where wrong, NaN where it cannot be told."""
    status = progress["status"].astype("str")
    tries = progress["percobaan"].astype("int64")
    correct = status == "benar"
    untouched = progress["terakhir"].astype("str") == progress["benar_pada"].astype("str")
    known_wrong = (status == "salah") & (tries >= 1)
    first = pd.Series(np.nan, index=progress.index)
    first[correct & (tries == 1)] = 1.0
    first[correct & (tries > 1) & untouched] = 0.0  # nothing after the first correct answer
    first[known_wrong] = 0.0
    first[progress["solusi_dilihat"].astype(bool)] = np.nan  # the solution may have come first
    return first


def first_attempt_scores(
    progress: pd.DataFrame, *, kegiatan: dict[str, str], nips: dict[str, str]
) -> pd.DataFrame:
    """Pre-scores from practice progress: 100 × share of questions right at the first check.

    ``progress`` is the progress table (columns ``peserta, modul, soal, status, percobaan,
    solusi_dilihat, benar_pada, terakhir``); ``kegiatan`` maps a module number ("02") to the
    activity it counts for; ``nips`` maps learner names to NIPs (learners without one are left
    out). A learner needs :data:`MIN_QUESTIONS` questions with a known first check.
    """
    if progress.empty:
        return _empty()
    frame = progress.assign(
        nomor=progress["modul"].astype("str").str.split("-", n=1).str[0],
        pertama=_first_attempt(progress),
        nip=progress["peserta"].map(nips),
    )
    frame = frame[frame["nomor"].isin(kegiatan) & frame["nip"].notna()]
    grouped = frame.groupby(["nomor", "nip"])["pertama"].agg(["mean", "count"]).reset_index()
    grouped = grouped[grouped["count"] >= MIN_QUESTIONS]
    return _scores(
        grouped["nomor"].map(kegiatan),
        grouped["nip"],
        "awal",
        grouped["mean"] * 100,
        [
            f"latihan modul {m}: percobaan pertama ({c} soal)"
            for m, c in zip(grouped["nomor"], grouped["count"], strict=True)
        ],
    )


def assignment_scores(scores: pd.DataFrame, *, kegiatan: dict[str, str]) -> pd.DataFrame:
    """Post-scores from the gradebook: the final percent of each submitted assignment.

    ``scores`` is the grading results table (``tugas, nip, persen, status``); ``kegiatan``
    maps an assignment name to its activity. Assignments not submitted, or still waiting for
    manual grading, give nothing.
    """
    if scores.empty:
        return _empty()
    done = scores[
        scores["tugas"].isin(kegiatan)
        & ~scores["status"].isin(["tidak mengumpulkan", "menunggu penilaian manual"])
    ]
    return _scores(
        done["tugas"].map(kegiatan),
        done["nip"].astype("str"),
        "akhir",
        done["persen"],
        [f"tugas bernilai {t}" for t in done["tugas"]],
    )


def _scores(kegiatan, nip, tahap, nilai, sumber) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "id_kegiatan": pd.array(list(kegiatan), dtype="str"),
            "nip": pd.array(list(nip), dtype="str"),
            "tahap": pd.array([tahap] * len(nip), dtype="str"),
            "nilai": np.asarray(nilai, dtype="float64"),
            "kompetensi": pd.array([None] * len(nip), dtype="str"),
            "sumber": pd.array(list(sumber), dtype="str"),
        }
    )
    return frame


def _empty() -> pd.DataFrame:
    return _scores([], [], "awal", [], [])


def learning_gains(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per learner, activity and competency with both stages: ``awal``, ``akhir``,
    ``naik`` (after minus before) and where each came from (``sumber_awal``/``sumber_akhir``).

    Several scores of one stage are averaged; a learner with only one stage is left out here
    (the summary counts them as missing)."""
    frame = scores.copy()
    for column in ("kompetensi", "sumber"):
        if column not in frame:
            frame[column] = None
    frame["kompetensi"] = frame["kompetensi"].astype("str").fillna("")
    frame["sumber"] = frame["sumber"].astype("str").fillna("")
    table = frame.pivot_table(index=_KEY, columns="tahap", values="nilai", aggfunc="mean")
    origin = (
        frame.groupby([*_KEY, "tahap"])["sumber"]
        .agg(lambda s: "; ".join(dict.fromkeys(x for x in s if x)))
        .unstack("tahap")
    )
    for stage in ("awal", "akhir"):
        if stage not in table:
            table[stage] = np.nan
        if stage not in origin:
            origin[stage] = ""
    paired = table.dropna(subset=["awal", "akhir"])
    out = paired[["awal", "akhir"]].assign(naik=paired["akhir"] - paired["awal"])
    out = out.join(origin.rename(columns={"awal": "sumber_awal", "akhir": "sumber_akhir"}))
    return out.reset_index()


def gain_summary(
    gains: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("id_kegiatan",),
    pegawai: pd.DataFrame | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean gain per group with its interval and verdict.

    ``by`` names the grouping columns: ``id_kegiatan``, ``kompetensi`` and, with ``pegawai``
    (the roster), ``unit``. Columns: the groups, ``peserta`` (learners with both stages),
    ``rata_awal``, ``rata_akhir``, ``rata_naik``, ``bawah``, ``atas``, ``putusan``, ``alasan``.
    """
    frame = gains
    if "unit" in by:
        frame = frame.merge(pegawai[["nip", "unit"]], on="nip", how="left")
        frame["unit"] = frame["unit"].fillna("(tidak ada di daftar pegawai)")
    rows = []
    for key, part in frame.groupby(list(by), sort=True):
        est = mean_change(part["naik"], level=level, min_n=MIN_LEARNERS)
        labels = key if isinstance(key, tuple) else (key,)
        rows.append(
            {
                **dict(zip(by, labels, strict=True)),
                "peserta": est.n,
                "rata_awal": float(part["awal"].mean()),
                "rata_akhir": float(part["akhir"].mean()),
                "rata_naik": est.nilai,
                "bawah": est.bawah,
                "atas": est.atas,
                "putusan": verdict(est, better="up"),
                "alasan": est.alasan,
            }
        )
    columns = [
        *by,
        "peserta",
        "rata_awal",
        "rata_akhir",
        "rata_naik",
        "bawah",
        "atas",
        "putusan",
        "alasan",
    ]
    return pd.DataFrame(rows, columns=columns)
