"""The workshop database: one SQLite file holding workshops, teams, rounds, plans and results.

Several kernels write it at once (the facilitator's dashboard, five team laptops on the same
JupyterHub or Voilà server), so every write is one short transaction (``BEGIN IMMEDIATE``) in
WAL mode with a generous busy timeout: five teams submitting in the same second are queued by
SQLite and all stored, and a reader never sees half a submission. Nothing is ever updated in
place: a team's new plan is a new row, so a browser refresh, a kernel restart or a second laptop
can always find every plan submitted so far.

Plans are stored as the scenario's YAML form (``Scenario.to_dict``, as JSON), results as JSON
tables, so the file explains itself to anyone who opens it with a SQLite browser.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import WorkbenchError, os_reason

__all__ = ["SCHEMA_VERSION", "connect", "dumps", "now_utc", "transaction"]

SCHEMA_VERSION = 1

#: Seconds a writer waits for another writer before giving up (SQLite queues them).
BUSY_TIMEOUT_SECONDS = 60.0

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


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """Open the workshop database at ``path`` (creating it and its folder when ``create``)."""
    path = Path(path)
    if not create and not path.is_file():
        raise WorkbenchError(
            f"Basis data lokakarya {path} tidak ditemukan. Buat lokakarya dulu "
            "(Workshop.create) atau periksa nama foldernya."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA foreign_keys = ON")
        if create:  # every statement is idempotent (IF NOT EXISTS): safe from two processes
            con.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
    except sqlite3.DatabaseError as exc:
        raise WorkbenchError(
            f"Berkas {path} bukan basis data lokakarya yang bisa dibaca ({exc}). Pilih berkas "
            "lain atau buat lokakarya baru."
        ) from exc
    except OSError as exc:
        raise WorkbenchError(f"Basis data lokakarya {path} {os_reason(exc)}.") from exc
    return con


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: taken at once (``BEGIN IMMEDIATE``), committed or rolled back."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def dumps(value) -> str:
    """Compact JSON for a database cell."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
