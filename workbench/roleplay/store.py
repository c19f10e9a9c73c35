"""The workshop database: one SQLite file holding workshops, teams, rounds, plans and results.

Several kernels write it at once (the facilitator's dashboard, five team laptops on the same
JupyterHub or Voilà server), so every write is one short transaction (``BEGIN IMMEDIATE``) in
WAL mode with a busy timeout: five teams submitting in the same second are queued by SQLite and
all stored, and a reader never sees half a submission. Nothing is ever updated in place: a
team's new plan is a new row, so a browser refresh, a kernel restart or a second laptop can
always find every plan submitted so far. A new round and the plans carried into it are one
transaction, so no page ever sees a round without its teams' plans.

Faults are told in Indonesian with what to do (:func:`opened`): a missing, empty, damaged,
locked or read-only file, or a SQLite file that is not a workshop file. A read-only file opens
for viewing. At each round start a copy of the whole file is kept beside it
(:func:`backup_path`, ``lokakarya.cadangan.sqlite``); a damaged file's message points to it and
:func:`restore_backup` puts it back, keeping the damaged file aside.

Plans are stored as the scenario's YAML form (``Scenario.to_dict``, as JSON), results as JSON
tables, so the file explains itself to anyone who opens it with a SQLite browser. Every SQL
statement of the role play is in this module.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench.errors import WorkbenchError
from workbench.storage import atomic_path, connect_sqlite, sqlite_error, sqlite_transaction

__all__ = [
    "SCHEMA_VERSION",
    "PlanRow",
    "backup",
    "backup_path",
    "dumps",
    "now_utc",
    "opened",
    "restore_backup",
    "transaction",
]

SCHEMA_VERSION = 1

#: What the database is called in messages.
WHAT = "basis data lokakarya"

#: Seconds a writer waits for another writer before giving up (SQLite queues them; a
#: submission holds the lock for milliseconds, so only another program can hold it this long).
BUSY_TIMEOUT_SECONDS = 15.0

_TABLES = ("workshops", "teams", "rounds", "plans", "results")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS workshops (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    workshop_date TEXT,
    card_name TEXT NOT NULL,
    card TEXT NOT NULL,              -- the scenario card, Scenario.to_dict() as JSON
    budget_hours REAL NOT NULL,
    seed INTEGER NOT NULL,
    replications INTEGER NOT NULL,
    rank_by TEXT NOT NULL,
    created_at TEXT NOT NULL         -- ISO 8601, UTC
);
CREATE TABLE IF NOT EXISTS teams (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (workshop_id, name)
);
CREATE TABLE IF NOT EXISTS rounds (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    disruption TEXT,                 -- key of a disruption card, or NULL
    decision_at REAL,                -- clock minute of the decision during the day, or NULL
    started_at TEXT NOT NULL,
    UNIQUE (workshop_id, number)
);
CREATE TABLE IF NOT EXISTS plans (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    team_id INTEGER NOT NULL REFERENCES teams(id),
    phase INTEGER NOT NULL,          -- 0: plan for the day, 1: decision during the day
    based_on INTEGER REFERENCES plans(id),  -- phase 1: the morning plan it continues
    scenario TEXT NOT NULL,          -- the team's plan, Scenario.to_dict() as JSON
    cost_hours REAL NOT NULL,
    changes TEXT NOT NULL,           -- JSON list of Indonesian sentences
    source TEXT NOT NULL,            -- 'tim' or 'dibawa' (carried over from the last round)
    submitted_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    plan_id INTEGER PRIMARY KEY REFERENCES plans(id),
    kpis TEXT NOT NULL,              -- KPIs per replication (JSON, orient=split)
    queue TEXT NOT NULL,             -- queue length over the day (JSON)
    waits TEXT NOT NULL,             -- waiting-time distribution (JSON)
    replay TEXT NOT NULL,            -- visitors of replication 1 for the animated replay (JSON)
    state TEXT,                      -- state at the decision time (JSON), decision rounds only
    computed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS plans_by_round ON plans (round_id, team_id, phase, id);
"""


def now_utc() -> str:
    """The current time as ISO 8601 in UTC (shown in WIB by the faces)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def dumps(value) -> str:
    """Compact JSON for a database cell."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=True)


def frame_json(frame: pd.DataFrame | None, *, index: bool = False) -> str | None:
    """A table as JSON for a database cell (``orient="split"``)."""
    if frame is None:
        return None
    return frame.to_json(orient="split", index=index)


# ------------------------------------------------------------------------------ files


def backup_path(path: str | Path) -> Path:
    """Where the automatic copy of ``path`` taken at each round start lives."""
    path = Path(path)
    return path.with_name(f"{path.stem}.cadangan{path.suffix or '.sqlite'}")


def backup_hint(path: str | Path) -> str:
    """A sentence pointing at the automatic backup of ``path`` (empty when there is none)."""
    copy = backup_path(path)
    if not copy.is_file():
        return ""
    taken = datetime.fromtimestamp(copy.stat().st_mtime, UTC)
    return (
        f" Cadangan otomatis dari awal ronde terakhir ada di {copy} (disimpan "
        f"{fmt.timestamp(pd.Timestamp(taken))}); pulihkan dengan tombol 'Pulihkan cadangan' "
        "di halaman fasilitator atau Workshop.restore_backup()."
    )


def writable(path: Path) -> bool:
    """Whether this process may write the file and its folder (SQLite needs both)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _with_hint(exc: WorkbenchError, path: Path) -> WorkbenchError:
    hint = backup_hint(path)
    if not hint or "rusak" not in str(exc):
        return exc
    return WorkbenchError(str(exc) + hint, exc.problems)


def _check_workshop_file(con: sqlite3.Connection, path: Path) -> None:
    """Refuse a SQLite file that is not a workshop file, or an empty one, saying so."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if set(_TABLES) <= tables:
        return
    raise WorkbenchError(
        f"Berkas {path} adalah basis data SQLite, tetapi bukan berkas lokakarya (tidak ada "
        "tabel lokakarya di dalamnya)."
        + (backup_hint(path) or " Pilih berkas lokakarya yang benar, atau buat lokakarya baru.")
    )


def _refuse_empty(path: Path) -> None:
    """An empty file would silently become an empty database: say what it is instead."""
    if path.is_file() and path.stat().st_size == 0:
        raise WorkbenchError(
            f"Berkas lokakarya {path} kosong (0 byte): mungkin tersalin tidak lengkap atau "
            "komputer mati saat menyalinnya."
            + (backup_hint(path) or " Pilih berkas lain, atau buat lokakarya baru.")
        )


def connect(
    path: str | Path, *, create: bool = False, readonly: bool = False
) -> sqlite3.Connection:
    """Open the workshop database at ``path`` (creating it and its folder when ``create``).

    Raises :class:`WorkbenchError` in Indonesian for every fault, with the backup to restore
    when the file is damaged.
    """
    path = Path(path)
    if not create:
        _refuse_empty(path)
    try:
        con = connect_sqlite(
            path, what=WHAT, create=create, readonly=readonly, timeout=BUSY_TIMEOUT_SECONDS
        )
    except WorkbenchError as exc:
        raise _with_hint(exc, path) from exc.__cause__
    try:
        if create:  # every statement is idempotent (IF NOT EXISTS): safe from two processes
            con.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        _check_workshop_file(con, path)
    except sqlite3.Error as exc:
        con.close()
        raise _with_hint(sqlite_error(exc, path, WHAT), path) from exc
    except WorkbenchError:
        con.close()
        raise
    return con


@contextmanager
def opened(
    path: str | Path, *, create: bool = False, readonly: bool = False
) -> Iterator[sqlite3.Connection]:
    """A connection for one ``with`` block, closed afterwards; a SQLite failure inside
    (a damaged page met halfway, a write to a read-only file) becomes the Indonesian error."""
    con = connect(path, create=create, readonly=readonly)
    try:
        yield con
    except sqlite3.Error as exc:
        raise _with_hint(sqlite_error(exc, path, WHAT), Path(path)) from exc
    finally:
        con.close()


transaction = sqlite_transaction


def backup(path: str | Path) -> Path:
    """Copy the whole workshop database to :func:`backup_path` (atomically: a crash leaves
    the previous copy), using SQLite's online backup so writers may go on meanwhile."""
    path = Path(path)
    target = backup_path(path)
    with opened(path, readonly=True) as source, atomic_path(target) as tmp:
        copy = connect_sqlite(tmp, what=WHAT, create=True, wal=False)
        try:
            source.backup(copy)
        finally:
            copy.close()
    return target


def restore_backup(path: str | Path) -> Path:
    """Put the automatic backup back in place of ``path``; the file it replaces (and its
    journal files) is kept beside it as ``<name>.rusak-<time>.sqlite``. Returns the path of
    the kept file."""
    path = Path(path)
    copy = backup_path(path)
    if not copy.is_file():
        raise WorkbenchError(
            f"Belum ada cadangan {copy}: cadangan dibuat otomatis setiap ronde dimulai."
        )
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}.rusak-{stamp}{path.suffix}")
    with suppress(FileNotFoundError):
        path.rename(kept)
    for suffix in ("-wal", "-shm"):  # a journal of the damaged file must not meet the copy
        journal = path.with_name(path.name + suffix)
        with suppress(FileNotFoundError):
            journal.rename(kept.with_name(kept.name + suffix))
    with atomic_path(path) as tmp:
        tmp.write_bytes(copy.read_bytes())
    return kept


# ------------------------------------------------------------------------------ rows


@dataclass(frozen=True)
class PlanRow:
    """A plan and its results, ready to be stored (:func:`insert_plan`)."""

    phase: int
    scenario: dict
    cost_hours: float
    changes: list[str]
    kpis: pd.DataFrame
    queue: pd.DataFrame
    waits: pd.DataFrame
    replay: pd.DataFrame
    state: pd.DataFrame | None = None
    based_on: int | None = None
    source: str = "tim"


def insert_workshop(con, fields: dict, teams: list[str]) -> int:
    """Store a workshop, its teams and its first round; returns the workshop's id."""
    cur = con.execute(
        "INSERT INTO workshops (name, workshop_date, card_name, card, budget_hours, seed,"
        " replications, rank_by, created_at) VALUES (:name, :workshop_date, :card_name, :card,"
        " :budget_hours, :seed, :replications, :rank_by, :created_at)",
        {**fields, "created_at": now_utc()},
    )
    wid = cur.lastrowid
    con.executemany(
        "INSERT INTO teams (workshop_id, name, position) VALUES (?,?,?)",
        [(wid, t, i) for i, t in enumerate(teams)],
    )
    insert_round(con, wid, 1, "Ronde 1", None, None)
    return wid


def workshop_row(con, name: str | None = None, *, id: int | None = None):
    """A workshop's row by ``id``, by ``name``, or the newest; None when there is none."""
    if id is not None:
        return con.execute("SELECT * FROM workshops WHERE id = ?", (id,)).fetchone()
    if name is None:
        return con.execute("SELECT * FROM workshops ORDER BY id DESC LIMIT 1").fetchone()
    return con.execute("SELECT * FROM workshops WHERE name = ?", (name,)).fetchone()


def workshop_names(con) -> list[str]:
    """Names of the workshops, newest first."""
    return [r[0] for r in con.execute("SELECT name FROM workshops ORDER BY id DESC")]


def team_names(con, wid: int) -> list[str]:
    rows = con.execute(
        "SELECT name FROM teams WHERE workshop_id = ? ORDER BY position", (wid,)
    ).fetchall()
    return [r[0] for r in rows]


def team_id(con, wid: int, team: str) -> int | None:
    row = con.execute(
        "SELECT id FROM teams WHERE workshop_id = ? AND name = ?", (wid, team)
    ).fetchone()
    return None if row is None else row[0]


def round_rows(con, wid: int) -> list:
    return con.execute(
        "SELECT * FROM rounds WHERE workshop_id = ? ORDER BY number", (wid,)
    ).fetchall()


def current_round_id(con, wid: int) -> int:
    return con.execute(
        "SELECT id FROM rounds WHERE workshop_id = ? ORDER BY number DESC LIMIT 1", (wid,)
    ).fetchone()[0]


def insert_round(con, wid: int, number: int, title: str, disruption, decision_at) -> int:
    cur = con.execute(
        "INSERT INTO rounds (workshop_id, number, title, disruption, decision_at, started_at)"
        " VALUES (?,?,?,?,?,?)",
        (wid, number, title, disruption, decision_at, now_utc()),
    )
    return cur.lastrowid


def insert_plan(con, round_id: int, tid: int, row: PlanRow) -> int:
    """Store one plan and its results; returns the plan's id."""
    cur = con.execute(
        "INSERT INTO plans (round_id, team_id, phase, based_on, scenario, cost_hours, changes,"
        " source, submitted_at) VALUES (?,?,?,?,?,?,?,?,?)",
        (
            round_id,
            tid,
            row.phase,
            row.based_on,
            dumps(row.scenario),
            float(row.cost_hours),
            dumps(row.changes),
            row.source,
            now_utc(),
        ),
    )
    plan_id = cur.lastrowid
    con.execute(
        "INSERT INTO results (plan_id, kpis, queue, waits, replay, state, computed_at)"
        " VALUES (?,?,?,?,?,?,?)",
        (
            plan_id,
            frame_json(row.kpis),
            frame_json(row.queue),
            frame_json(row.waits),
            frame_json(row.replay),
            frame_json(row.state, index=True),
            now_utc(),
        ),
    )
    return plan_id


_PLAN_COLUMNS = (
    "SELECT p.*, t.name AS team, ro.number AS round_number, r.kpis, r.queue, r.waits, r.replay,"
    " r.state FROM plans p JOIN teams t ON t.id = p.team_id JOIN rounds ro ON ro.id = p.round_id"
    " JOIN results r ON r.plan_id = p.id"
)


def round_plans(con, round_id: int) -> list[dict]:
    """Every plan of a round with its results, oldest first."""
    rows = con.execute(_PLAN_COLUMNS + " WHERE p.round_id = ? ORDER BY p.id", (round_id,))
    return [dict(r) for r in rows]


def latest_plan(con, round_id: int, tid: int, phase: int) -> dict | None:
    row = con.execute(
        _PLAN_COLUMNS + " WHERE p.round_id = ? AND p.team_id = ? AND p.phase = ?"
        " ORDER BY p.id DESC LIMIT 1",
        (round_id, tid, phase),
    ).fetchone()
    return None if row is None else dict(row)


def all_plans(con, wid: int) -> list[dict]:
    rows = con.execute(_PLAN_COLUMNS + " WHERE ro.workshop_id = ? ORDER BY p.id", (wid,))
    return [dict(r) for r in rows]


def version(con, wid: int) -> tuple[int, int]:
    row = con.execute(
        "SELECT (SELECT MAX(id) FROM rounds WHERE workshop_id = ?),"
        " (SELECT MAX(p.id) FROM plans p JOIN rounds r ON r.id = p.round_id"
        " WHERE r.workshop_id = ?)",
        (wid, wid),
    ).fetchone()
    return (row[0] or 0, row[1] or 0)


def standing_rows(rows: list[dict]) -> dict[str, dict]:
    """Each team's standing plan among a round's ``rows`` (oldest first): the decision during
    the day that continues its latest morning plan, else that morning plan."""
    morning: dict[str, dict] = {}
    decision: dict[str, dict] = {}
    for row in rows:
        if row["phase"] == 0:
            morning[row["team"]] = row
            decision.pop(row["team"], None)
        elif row["based_on"] == morning.get(row["team"], {}).get("id"):
            decision[row["team"]] = row
    return {t: decision.get(t, morning[t]) for t in morning}
