"""Solo plays as practice evidence: recorded when a conversation ends, listed, replayed.

A finished :class:`~workbench.percakapan.conversation.Conversation` is stored with the learner,
the scenario as played, the choices taken, the ending and its verdict (:func:`record_play`).
:func:`plays` lists them for a learner or a trainer; :func:`replay_play` rebuilds a stored play
choice by choice, so a trainer can walk through exactly what a learner said. Module 13's
practice questions read the latest play of a scenario (through :func:`plays`) as the learner's
answer, so a play also feeds the learner's progress.
"""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pandas as pd

from workbench.config import Settings
from workbench.errors import WorkbenchError
from workbench.percakapan.conversation import Conversation
from workbench.percakapan.loader import scenario_from_dict
from workbench.percakapan.rubric import load_rubric, load_sources
from workbench.percakapan.store import connect, default_path, dumps, now_utc, office_time
from workbench.storage import sqlite_transaction

__all__ = ["PLAY_COLUMNS", "plays", "record_play", "replay_play"]

#: Columns of :func:`plays`.
PLAY_COLUMNS = ["id", "peserta", "skenario", "akhir", "hasil", "menit", "jalur", "selesai"]


def record_play(
    conversation: Conversation,
    *,
    learner: str,
    path: str | Path | None = None,
    settings: Settings | None = None,
) -> int:
    """Store a finished conversation for ``learner``; returns the play's id."""
    ending = conversation.ending
    if ending is None:
        raise WorkbenchError("Percakapan belum selesai, jadi belum bisa dicatat sebagai latihan.")
    name = str(learner or "").strip()
    if not name:
        raise WorkbenchError("Nama peserta kosong: tulis nama Anda agar latihan tercatat.")
    scenario = conversation.scenario
    minutes = conversation.state.get("menit")
    target = Path(path) if path is not None else default_path(settings)
    with closing(connect(target, create=True)) as con, sqlite_transaction(con):
        cursor = con.execute(
            "INSERT INTO plays (learner, scenario, scenario_copy, path, ending, result, minutes,"
            " finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                name,
                scenario.key,
                dumps(dict(scenario.raw)),
                dumps(conversation.path),
                ending.key,
                ending.result,
                float(minutes) if isinstance(minutes, int | float) else None,
                now_utc(),
            ),
        )
        return int(cursor.lastrowid)


def plays(
    *,
    learner: str | None = None,
    scenario: str | None = None,
    path: str | Path | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Stored plays, oldest first (one ``learner`` and/or one ``scenario`` when given).

    Columns :data:`PLAY_COLUMNS`: ``jalur`` is the choice numbers taken ("1-2-1-1"),
    ``selesai`` the moment the play ended, in office time.
    """
    target = Path(path) if path is not None else default_path(settings)
    if not target.is_file():
        return pd.DataFrame(columns=PLAY_COLUMNS)
    query = "SELECT id, learner, scenario, ending, result, minutes, path, finished_at FROM plays"
    where, args = [], []
    if learner is not None:
        where.append("learner = ?")
        args.append(learner)
    if scenario is not None:
        where.append("scenario = ?")
        args.append(scenario)
    if where:
        query += " WHERE " + " AND ".join(where)
    with closing(connect(target)) as con:
        rows = con.execute(query + " ORDER BY id", args).fetchall()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=PLAY_COLUMNS)
    frame["jalur"] = ["-".join(str(n) for n in json.loads(p)) for p in frame["jalur"]]
    frame["selesai"] = office_time(frame["selesai"], settings)
    frame["menit"] = frame["menit"].astype("float64")
    return frame


def replay_play(
    play_id: int, *, path: str | Path | None = None, settings: Settings | None = None
) -> Conversation:
    """The stored play ``play_id`` rebuilt choice by choice, on the scenario as it was played."""
    target = Path(path) if path is not None else default_path(settings)
    with closing(connect(target)) as con:
        row = con.execute(
            "SELECT scenario, scenario_copy, path FROM plays WHERE id = ?", (int(play_id),)
        ).fetchone()
    if row is None:
        raise WorkbenchError(f"Permainan nomor {play_id} tidak ada di {target}.")
    rubric, sources = load_rubric(settings=settings), load_sources(settings=settings)
    scenario = scenario_from_dict(
        json.loads(row["scenario_copy"]),
        key=row["scenario"],
        file=f"{row['scenario']}.yaml",
        rubric=rubric,
        sources=sources,
    )
    return Conversation.replay(scenario, json.loads(row["path"]), rubric=rubric, sources=sources)
