"""The conversation database: solo plays, triad sessions, rounds and observers' scores.

One SQLite file (``<state>/percakapan/percakapan.sqlite``), opened through
:func:`workbench.storage.connect_sqlite` (WAL, a busy timeout, Indonesian errors). Many
kernels write it at once: thirty observers on their own laptops or phones submit through
pages served by the facilitator's Voilà, each a kernel of its own. Every write is one short
``BEGIN IMMEDIATE`` transaction (:func:`workbench.storage.sqlite_transaction`): SQLite queues
the writers, a reader never sees half a submission, and all of them are stored.

Nothing is updated in place. An observer who corrects a score submits again: a new row, and
the latest counts. Each round and each solo play keeps a copy of the scenario as it was
played, so a trainer's later edit never changes what a stored play or score meant.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from workbench.config import Settings, get_settings
from workbench.storage import connect_sqlite

__all__ = ["SCHEMA_VERSION", "WHAT", "connect", "default_path", "dumps", "now_utc", "office_time"]

SCHEMA_VERSION = 1
#: How the database is named in messages.
WHAT = "basis data percakapan"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS plays (
    id INTEGER PRIMARY KEY,
    learner TEXT NOT NULL,
    scenario TEXT NOT NULL,          -- file name without .yaml
    scenario_copy TEXT NOT NULL,     -- the scenario as played (its YAML mapping as JSON)
    path TEXT NOT NULL,              -- JSON list of the choice numbers taken (from 1)
    ending TEXT NOT NULL,
    result TEXT NOT NULL,            -- baik / cukup / kurang
    minutes REAL,
    finished_at TEXT NOT NULL        -- ISO 8601, UTC (shown in office time)
);
CREATE INDEX IF NOT EXISTS plays_by_learner ON plays (learner, scenario, id);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    session_date TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS triads (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    name TEXT NOT NULL,
    members TEXT NOT NULL,           -- JSON list of names, in rotation order
    position INTEGER NOT NULL,
    UNIQUE (session_id, name)
);
CREATE TABLE IF NOT EXISTS rounds (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    number INTEGER NOT NULL,
    scenario TEXT NOT NULL,
    scenario_copy TEXT NOT NULL,
    started_at TEXT NOT NULL,
    UNIQUE (session_id, number)
);
CREATE TABLE IF NOT EXISTS observations (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    triad_id INTEGER NOT NULL REFERENCES triads(id),
    observer TEXT NOT NULL,
    officer TEXT NOT NULL,
    note TEXT NOT NULL,
    submitted_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS observations_by_round ON observations (round_id, triad_id, observer, id);
CREATE TABLE IF NOT EXISTS scores (
    observation_id INTEGER NOT NULL REFERENCES observations(id),
    behaviour TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
    PRIMARY KEY (observation_id, behaviour)
);
"""


def default_path(settings: Settings | None = None) -> Path:
    """The database in the state folder: ``<state>/percakapan/percakapan.sqlite``."""
    return (settings or get_settings()).state_dir / "percakapan" / "percakapan.sqlite"


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """Open the conversation database at ``path`` (creating it and its tables when
    ``create``; every statement is idempotent, so two processes may create it at once)."""
    con = connect_sqlite(path, what=WHAT, create=create)
    if create:
        con.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
    return con


def now_utc() -> str:
    """The current moment as ISO 8601 in UTC (faces show it in office time)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def office_time(values, settings: Settings | None = None) -> pd.Series:
    """Stored ISO 8601 moments as timezone-aware timestamps in office time (WIB)."""
    tz = (settings or get_settings()).tz
    moments = [datetime.fromisoformat(v).astimezone(tz) if v else None for v in values]
    return pd.Series(pd.array(moments, dtype=f"datetime64[ns, {tz.key}]"))


def dumps(value) -> str:
    """Compact JSON for a database cell (dates in a scenario written as text)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
