"""Grades read back from a course's gradebook: scores, late penalties, pass/fail and JP credit."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.grading.course import Course, open_course

__all__ = ["jp_credits", "scores"]

SCORE_COLUMNS = [
    "tugas",
    "judul",
    "nip",
    "nama",
    "unit",
    "dikumpulkan",
    "terlambat_jam",
    "nilai",
    "potongan_terlambat",
    "nilai_akhir",
    "nilai_maksimal",
    "persen",
    "status",
    "lulus",
    "jp",
    "keterangan",
    "perlu_diperiksa",
]


def _to_wib(value: dt.datetime | None) -> pd.Timestamp | None:
    """nbgrader stores naive UTC datetimes; trainers read WIB (the office's zone)."""
    if value is None:
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(get_settings().tz).tz_localize(None)


def scores(
    *,
    course: str | os.PathLike | Course | None = None,
    assignment: str | None = None,
    pass_percent: float | None = None,
) -> pd.DataFrame:
    """One row per learner and assignment of the gradebook, with pass/fail and JP credited.

    Columns (Indonesian, times naive WIB): ``tugas, judul, nip, nama, unit, dikumpulkan,
    terlambat_jam, nilai, potongan_terlambat, nilai_akhir, nilai_maksimal, persen, status, lulus,
    jp, keterangan, perlu_diperiksa``. ``nip`` is nbgrader's student id (the roster uses the NIP
    as id). The late penalty is the course's rule applied to the current score (manual points
    included), as :func:`workbench.grading.late.refresh_penalties` stores it.

    ``status``: ``lulus`` when the final score (after the late penalty) reaches
    ``pass_percent`` of the maximum (default: ``[grading] pass_percent``) and nothing waits for
    manual grading; ``menunggu penilaian manual`` while written answers wait and full marks on
    them could still pass; ``tidak lulus`` otherwise (also while answers wait, when even full
    marks on them cannot reach the pass mark); ``tidak mengumpulkan`` for learners on the roster
    who sent nothing. ``perlu_diperiksa``: what the last autograde found for the trainer to look
    at (the score stands).
    """
    from workbench.grading.late import penalty_rule

    course = open_course(course)
    threshold = get_settings().pass_percent if pass_percent is None else float(pass_percent)
    if not course.db_path.exists():
        return pd.DataFrame(columns=SCORE_COLUMNS)
    statuses = course.status_rows(assignment)
    units = course.units()
    rule = penalty_rule(course.config)
    rows = []
    with course.gradebook() as gb:
        names = [a.name for a in gb.assignments]
        if assignment is not None:
            course.require_assignment(assignment)
            names = [assignment] if assignment in names else []
        for name in names:
            rows += _assignment_rows(gb, course, name, rule, threshold, statuses, units)
    return _frame(rows)


def _assignment_rows(gb, course, name, rule, threshold, statuses, units) -> list[dict]:
    info = course.assignment_info(name)
    max_score = float(gb.find_assignment(name).max_score or 0)
    submitted = {s.student.id: s for s in gb.assignment_submissions(name)}
    rows = []
    for student in sorted(gb.students, key=lambda s: s.id):
        status = statuses.get((name, student.id), {})
        row = {
            "tugas": name,
            "judul": info.title,
            "nip": student.id,
            "nama": " ".join(p for p in (student.first_name, student.last_name) if p),
            "unit": units.get(student.id, ""),
            "nilai_maksimal": max_score,
            "jp": 0.0,
            "lulus": False,
            "perlu_diperiksa": "",
        }
        sub = submitted.get(student.id)
        if sub is None:
            row.update(
                dikumpulkan=None,
                terlambat_jam=0.0,
                nilai=0.0,
                potongan_terlambat=0.0,
                nilai_akhir=0.0,
                status="tidak mengumpulkan",
                keterangan="",
            )
        else:
            row.update(_graded(sub, rule, max_score, threshold))
            row["jp"] = info.jp if row["status"] == "lulus" else 0.0
            row["keterangan"] = status.get("reason", "")
            row["perlu_diperiksa"] = status.get("review", "")
            row["_graded_at"] = status.get("graded_at")
        rows.append(row)
    return rows


def _graded(sub, rule, max_score: float, threshold: float) -> dict:
    """Score, the current late penalty, and the verdict of one submission."""
    from types import SimpleNamespace

    from workbench.grading.late import notebook_penalty

    late = float(sub.total_seconds_late or 0)
    score = penalty = best = best_penalty = 0.0
    for notebook in sub.notebooks:
        nb_score = float(notebook.score or 0)
        nb_best = nb_score + sum(
            float(g.max_score or 0) - float(g.score or 0)
            for g in notebook.grades
            if g.needs_manual_grade
        )
        score += nb_score
        best += nb_best
        penalty += notebook_penalty(rule, sub.student.id, notebook, late) or 0.0
        best_penalty += (
            notebook_penalty(rule, sub.student.id, SimpleNamespace(score=nb_best), late) or 0.0
        )
    final = max(score - penalty, 0.0)
    reachable = 100 * max(best - best_penalty, 0.0) / max_score if max_score else 0.0
    percent = 100 * final / max_score if max_score else 0.0
    if sub.needs_manual_grade and reachable >= threshold:
        verdict = "menunggu penilaian manual"
    elif percent >= threshold and not sub.needs_manual_grade:
        verdict = "lulus"
    else:
        verdict = "tidak lulus"
    return {
        "dikumpulkan": _to_wib(sub.timestamp),
        "terlambat_jam": round(late / 3600, 2),
        "nilai": score,
        "potongan_terlambat": round(penalty, 4),
        "nilai_akhir": final,
        "status": verdict,
        "lulus": verdict == "lulus",
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    frame["persen"] = (
        (100 * frame["nilai_akhir"] / frame["nilai_maksimal"].where(frame["nilai_maksimal"] > 0))
        .fillna(0.0)
        .round(1)
    )
    frame["dikumpulkan"] = frame["dikumpulkan"].astype("datetime64[ns]")
    graded = frame.pop("_graded_at") if "_graded_at" in frame else None
    frame = frame[SCORE_COLUMNS]
    if graded is not None:
        frame.attrs["graded_at"] = graded
    return frame


def jp_credits(*, course: str | os.PathLike | Course | None = None) -> pd.DataFrame:
    """JP credited by graded assignments: one row per learner and passed assignment.

    Columns: ``nip`` (text), ``tanggal`` (``datetime.date`` in WIB: the day the passed work was
    submitted), ``kegiatan`` (the assignment's title), ``jp`` (the JP of the assignment's
    module, from the ``metadata.workbench.jp`` of its notebooks; 0 when a course does not say),
    ``bukti`` (where the grade is recorded: course, assignment and score). The competency JP
    ledger is built on this function.
    """
    frame = scores(course=course)
    columns = ["nip", "tanggal", "kegiatan", "jp", "bukti"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    graded_at = frame.attrs.get("graded_at")
    passed = frame[frame["lulus"]].copy()
    if passed.empty:
        return pd.DataFrame(columns=columns)
    course_id = open_course(course).course_id
    dates = []
    for idx, row in passed.iterrows():
        stamp = row["dikumpulkan"]
        if pd.isna(stamp) and graded_at is not None and isinstance(graded_at[idx], str):
            stamp = pd.Timestamp(graded_at[idx])
        dates.append(None if pd.isna(stamp) else pd.Timestamp(stamp).date())
    out = pd.DataFrame(
        {
            "nip": passed["nip"].astype(str).to_numpy(),
            "tanggal": dates,
            "kegiatan": ("Tugas bernilai: " + passed["judul"]).to_numpy(),
            "jp": passed["jp"].astype(float).to_numpy(),
            "bukti": [
                f"gradebook kursus {course_id}, tugas {r.tugas}: nilai "
                f"{fmt.number(r.nilai_akhir, None)}/{fmt.number(r.nilai_maksimal, None)} "
                f"({fmt.number(r.persen, None)}%)"
                for r in passed.itertuples()
            ],
        },
        columns=columns,
    )
    return out.sort_values(["nip", "tanggal", "kegiatan"], kind="stable").reset_index(drop=True)


def wib_text(value: dt.datetime | None) -> str:
    """A naive UTC datetime from nbgrader as the office reads it: '10-03-2025 16.00 WIB'."""
    if value is None:
        return "-"
    return fmt.timestamp(pd.Timestamp(value).tz_localize("UTC"))
