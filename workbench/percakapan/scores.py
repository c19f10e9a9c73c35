"""Observers' scores as plain tables, for competency, evaluation and the trainer.

:func:`observer_scores` is the one place the stored rubric scores are read: every session,
round and group, the latest submission of each observer, one row per behaviour, with the
competency each behaviour is evidence for. Other capabilities take this table (competency's
``pengamat`` source, the evaluation of training at the behaviour level); none of them reads
the database itself.

:func:`competency_scores` condenses it per officer and competency into a score 0–100 and the
highest level the scenarios played can show, the table
:func:`workbench.competency.observer_assessments` turns into assessment rows.
"""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pandas as pd

from workbench.config import Settings
from workbench.percakapan.rubric import SCALE, load_rubric
from workbench.percakapan.store import connect, default_path, office_time

__all__ = ["COMPETENCY_COLUMNS", "SCORE_COLUMNS", "competency_scores", "observer_scores"]

#: Columns of :func:`observer_scores`.
SCORE_COLUMNS = [
    "sesi",
    "tanggal_sesi",
    "putaran",
    "skenario",
    "kelompok",
    "pengamatan",
    "petugas",
    "pengamat",
    "perilaku",
    "nama_perilaku",
    "kompetensi",
    "level_skenario",
    "skor",
    "dikirim",
]
#: Columns of :func:`competency_scores`.
COMPETENCY_COLUMNS = [
    "peserta",
    "kompetensi",
    "nilai",
    "level_maks",
    "jumlah_pengamatan",
    "skenario",
]

_QUERY = """
SELECT se.name, se.session_date, r.number, r.scenario, r.scenario_copy, t.name, o.id, o.officer,
       o.observer, s.behaviour, s.score, o.submitted_at
FROM observations o
JOIN rounds r ON r.id = o.round_id
JOIN sessions se ON se.id = r.session_id
JOIN triads t ON t.id = o.triad_id
JOIN scores s ON s.observation_id = o.id
WHERE o.id = (SELECT MAX(x.id) FROM observations x WHERE x.round_id = o.round_id
              AND x.triad_id = o.triad_id AND x.observer = o.observer)
{where}
ORDER BY se.id, r.number, t.position, o.id, s.rowid
"""


def observer_scores(
    path: str | Path | None = None,
    *,
    session: str | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Every observer's latest scores (one ``session`` when named), one row per behaviour.

    Columns :data:`SCORE_COLUMNS`: ``petugas`` is the person observed, ``skor`` the level
    1–4 given, ``kompetensi`` the competency the behaviour is evidence for (from the rubric),
    ``level_skenario`` the level the scenario declares for that competency (what a strong
    performance in it can show), ``pengamatan`` the submission's id and ``dikirim`` its moment
    in office time. Empty (with these columns) when nothing has been stored yet.
    """
    target = Path(path) if path is not None else default_path(settings)
    if not target.is_file():
        return pd.DataFrame(columns=SCORE_COLUMNS)
    where = "AND se.name = ?" if session is not None else ""
    with closing(connect(target)) as con:
        rows = con.execute(_QUERY.format(where=where), (session,) if session else ()).fetchall()
    rubric = load_rubric(settings=settings)
    levels: dict[str, dict[str, int]] = {}
    records = []
    for row in rows:
        copy = row[4]
        if copy not in levels:
            levels[copy] = {
                str(k): v for k, v in (json.loads(copy).get("kompetensi") or {}).items()
            }
        behaviour = rubric.behaviours.get(row[9])
        competency = behaviour.competency if behaviour else None
        records.append(
            (
                row[0],
                row[1],
                row[2],
                row[3],
                row[5],
                row[6],
                row[7],
                row[8],
                row[9],
                behaviour.name if behaviour else row[9],
                competency,
                levels[copy].get(competency),
                row[10],
                row[11],
            )
        )
    frame = pd.DataFrame(records, columns=SCORE_COLUMNS)
    frame["dikirim"] = office_time(frame["dikirim"], settings)
    return frame


def competency_scores(scores: pd.DataFrame, *, per_day: bool = False) -> pd.DataFrame:
    """Per officer and competency, the observers' scores as 0–100 and the highest level shown.

    Each score 1–4 becomes ``(skor − 1) / 3 × 100`` (1 → 0, 2 → 33,3, 3 → 66,7, 4 → 100);
    ``nilai`` is the mean over every behaviour of that competency in every observation of
    that officer. ``level_maks`` is the highest level the scenarios played declare for the
    competency: one role play cannot show more. Columns :data:`COMPETENCY_COLUMNS`
    (``peserta`` is the officer as named in the session). With ``per_day`` there is one row per
    office day as well (column ``tanggal``), for before/after comparisons of training.
    """
    columns = [*COMPETENCY_COLUMNS, *(["tanggal"] if per_day else [])]
    usable = scores.dropna(subset=["kompetensi"])
    if usable.empty:
        return pd.DataFrame(columns=columns)
    low, high = min(SCALE), max(SCALE)
    frame = usable.assign(_nilai=(usable["skor"].astype(float) - low) / (high - low) * 100)
    keys = ["petugas", "kompetensi"]
    if per_day:
        frame = frame.assign(tanggal=frame["dikirim"].dt.date)
        keys.append("tanggal")
    grouped = frame.groupby(keys, sort=True)
    out = grouped.agg(
        nilai=("_nilai", "mean"),
        level_maks=("level_skenario", "max"),
        jumlah_pengamatan=("pengamatan", "nunique"),
        skenario=("skenario", lambda s: ", ".join(sorted(set(s)))),
    ).reset_index()
    out = out.rename(columns={"petugas": "peserta"})
    out["nilai"] = out["nilai"].round(1)
    out["level_maks"] = out["level_maks"].fillna(5).astype("int64")
    out["jumlah_pengamatan"] = out["jumlah_pengamatan"].astype("int64")
    return out[columns]
