"""Role play in threes: citizen, officer, observer, roles rotating, observers scoring a rubric.

The facilitator creates a session with its groups (three members each, four when the class
does not divide by three: the fourth is a second observer) and starts a round on a scenario.
Each member opens the participant page, picks their group and name, and sees only what their
role may know (:meth:`Session.brief`): the citizen a private brief (mood, hidden need, what
calms or angers them), the officer what a real officer would know, the observer the rubric of
observable behaviours with anchored levels. Observers submit from their own laptop or phone
(:meth:`Session.submit`); the facilitator's page shows who has submitted
(:meth:`Session.status`), the spread of scores per behaviour across groups
(:meth:`Session.spread`) and discussion prompts (:meth:`Session.prompts`). The next round
rotates the roles, so in three rounds everyone plays every role once.

This is how communication is examined in OSCE-style assessments: a standardised patient with a
script, the candidate, and an examiner with a checklist of observable behaviours.

::

    from workbench.percakapan import Session
    sesi = Session.create(None, "Lokakarya Maret", triads="Kelompok 1: Ani, Budi, Citra")
    sesi.start_round("wa-tidak-dibalas")
    sesi.roles("Kelompok 1")          # {'warga': ['Ani'], 'petugas': ['Budi'], ...}
    sesi.submit("Kelompok 1", "Citra", {"menyapa": 3, "empati": 2, ...})
    sesi.spread()
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench.config import Settings
from workbench.errors import Problem, WorkbenchError
from workbench.percakapan.loader import (
    CITIZEN_HEADINGS,
    OFFICER_HEADINGS,
    load_scenario,
    scenario_from_dict,
)
from workbench.percakapan.model import Scenario
from workbench.percakapan.rubric import SCALE, Rubric, load_rubric, load_sources
from workbench.percakapan.store import connect, default_path, dumps, now_utc, office_time
from workbench.storage import sqlite_transaction

__all__ = ["Brief", "Round", "Session", "Triad", "parse_triads"]

#: Members of a group: three roles, a fourth member is a second observer.
MIN_MEMBERS, MAX_MEMBERS = 3, 4
#: A behaviour whose scores across groups differ by this many levels or more is a prompt.
WIDE_SPREAD = 2


@dataclass(frozen=True)
class Triad:
    """A group of the session, members in rotation order."""

    id: int
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Round:
    """A round: its number and the scenario played (a stored copy)."""

    id: int
    number: int
    scenario_key: str
    scenario_copy: str
    started_at: str


@dataclass(frozen=True)
class Brief:
    """What one person's page shows in a round: their role and only what it may know."""

    role: str
    role_name: str
    scenario: str
    minutes: int
    sections: tuple[tuple[str, str | tuple[str, ...]], ...]
    behaviours: tuple[str, ...] = ()


def parse_triads(text: str) -> dict[str, list[str]]:
    """Groups typed one per line, ``Kelompok 1: Ani, Budi, Citra`` (a line without a name
    before ``:`` is named ``Kelompok N``)."""
    out: dict[str, list[str]] = {}
    for line in str(text).splitlines():
        if not line.strip():
            continue
        name, _, people = line.partition(":") if ":" in line else ("", "", line)
        name = name.strip() or f"Kelompok {len(out) + 1}"
        out[name] = [p.strip() for p in re.split(r"[,;]", people) if p.strip()]
    return out


def _check_triads(triads: Mapping[str, Sequence[str]]) -> list[Problem]:
    problems, seen = [], {}
    if not triads:
        problems.append(
            Problem(
                "belum ada kelompok",
                column="kelompok",
                expected="satu kelompok per baris: 'Kelompok 1: Ani, Budi, Citra'",
            )
        )
    for name, members in triads.items():
        if not MIN_MEMBERS <= len(members) <= MAX_MEMBERS:
            problems.append(
                Problem(
                    f"kelompok '{name}' beranggota {len(members)} orang",
                    column="kelompok",
                    value=list(members),
                    expected="3 orang (atau 4: orang keempat pengamat kedua)",
                )
            )
        for person in members:
            if person in seen:
                problems.append(
                    Problem(
                        f"'{person}' tercantum di dua kelompok ({seen[person]} dan {name})",
                        column="kelompok",
                    )
                )
            seen[person] = name
    return problems


class Session:
    """A triad session stored in the conversation database (see the module docstring)."""

    def __init__(self, path: Path, row, triads: list[Triad], settings: Settings | None) -> None:
        self.path = Path(path)
        self.id: int = row["id"]
        self.name: str = row["name"]
        self.date: str | None = row["session_date"]
        self.triads = triads
        self.settings = settings
        self._scenarios: dict[int, Scenario] = {}

    def __repr__(self) -> str:
        current = self.current_round()
        at = f"ronde {current.number}: {current.scenario_key}" if current else "belum ada ronde"
        return f"Session({self.name!r}, {len(self.triads)} kelompok, {at})"

    # ---- creating and opening -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | Path | None,
        name: str,
        *,
        triads: Mapping[str, Sequence[str]] | str,
        date: str | None = None,
        settings: Settings | None = None,
    ) -> Session:
        """Create a session in the database at ``path`` (None: the state folder's).

        ``triads`` maps group names to members in rotation order, or is text with one group
        per line (:func:`parse_triads`); ``date`` is the day as a person writes it
        (``05/02/2025`` is 5 February)."""
        groups = (
            parse_triads(triads)
            if isinstance(triads, str)
            else {
                str(k).strip(): [str(p).strip() for p in v if str(p).strip()]
                for k, v in triads.items()
            }
        )
        from workbench.data.dates import parse_date  # the data package is heavy: only here

        problems = _check_triads(groups)
        if not str(name or "").strip():
            problems.insert(0, Problem("nama sesi kosong", column="nama"))
        if problems:
            raise WorkbenchError("Sesi role-play bertiga tidak bisa dibuat.", problems)
        day = (
            parse_date(date, where="tanggal sesi").isoformat() if str(date or "").strip() else None
        )
        target = Path(path) if path is not None else default_path(settings)
        with closing(connect(target, create=True)) as con, sqlite_transaction(con):
            if con.execute("SELECT 1 FROM sessions WHERE name = ?", (name.strip(),)).fetchone():
                raise WorkbenchError(f"Sesi bernama '{name.strip()}' sudah ada; pilih nama lain.")
            cursor = con.execute(
                "INSERT INTO sessions (name, session_date, created_at) VALUES (?, ?, ?)",
                (name.strip(), day, now_utc()),
            )
            for position, (group, members) in enumerate(groups.items()):
                con.execute(
                    "INSERT INTO triads (session_id, name, members, position) VALUES (?, ?, ?, ?)",
                    (cursor.lastrowid, group, dumps(members), position),
                )
        return cls.open(target, name.strip(), settings=settings)

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        name: str | None = None,
        *,
        settings: Settings | None = None,
    ) -> Session:
        """The session ``name`` (None: the newest) from the database at ``path``."""
        target = Path(path) if path is not None else default_path(settings)
        with closing(connect(target)) as con:
            if name is None:
                row = con.execute("SELECT * FROM sessions ORDER BY id DESC LIMIT 1").fetchone()
            else:
                row = con.execute("SELECT * FROM sessions WHERE name = ?", (name,)).fetchone()
            if row is None:
                raise WorkbenchError(
                    f"Sesi '{name}' tidak ada di {target}."
                    if name
                    else f"Belum ada sesi role-play bertiga di {target}; buat dulu di halaman "
                    "fasilitator."
                )
            triads = [
                Triad(r["id"], r["name"], tuple(json.loads(r["members"])))
                for r in con.execute(
                    "SELECT * FROM triads WHERE session_id = ? ORDER BY position", (row["id"],)
                )
            ]
        return cls(target, row, triads, settings)

    @staticmethod
    def names(path: str | Path | None = None, *, settings: Settings | None = None) -> list[str]:
        """Every session in the database, newest first (empty when there is no database)."""
        target = Path(path) if path is not None else default_path(settings)
        if not target.is_file():
            return []
        with closing(connect(target)) as con:
            return [r["name"] for r in con.execute("SELECT name FROM sessions ORDER BY id DESC")]

    # ---- rounds and roles ------------------------------------------------------------------

    def start_round(self, scenario: str | Scenario) -> Round:
        """Open the next round on ``scenario`` (a name from the scenarios folder); roles rotate."""
        if not isinstance(scenario, Scenario):
            scenario = load_scenario(scenario, settings=self.settings)
        if scenario.triad is None:
            raise WorkbenchError(
                f"Skenario {scenario.key} tidak punya bekal role-play bertiga; pilih skenario "
                "bermode 'bertiga'."
            )
        with closing(connect(self.path)) as con, sqlite_transaction(con):
            last = con.execute(
                "SELECT COALESCE(MAX(number), 0) FROM rounds WHERE session_id = ?", (self.id,)
            ).fetchone()[0]
            con.execute(
                "INSERT INTO rounds (session_id, number, scenario, scenario_copy, started_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (self.id, last + 1, scenario.key, dumps(dict(scenario.raw)), now_utc()),
            )
        return self.current_round()

    def rounds(self) -> list[Round]:
        """Every round so far, first first."""
        with closing(connect(self.path)) as con:
            rows = con.execute(
                "SELECT * FROM rounds WHERE session_id = ? ORDER BY number", (self.id,)
            ).fetchall()
        return [
            Round(r["id"], r["number"], r["scenario"], r["scenario_copy"], r["started_at"])
            for r in rows
        ]

    def current_round(self) -> Round | None:
        """The latest round (None before the first one starts)."""
        found = self.rounds()
        return found[-1] if found else None

    def _round(self, round: Round | int | None) -> Round:
        if isinstance(round, Round):
            return round
        found = self.rounds()
        if not found:
            raise WorkbenchError("Ronde belum dimulai: fasilitator memilih skenario lalu memulai.")
        if round is None:
            return found[-1]
        for r in found:
            if r.number == round:
                return r
        raise WorkbenchError(f"Ronde {round} tidak ada; ronde yang ada: 1–{len(found)}.")

    def scenario(self, round: Round | int | None = None) -> Scenario:
        """The scenario of a round, as it was when the round started."""
        r = self._round(round)
        if r.id not in self._scenarios:
            self._scenarios[r.id] = scenario_from_dict(
                json.loads(r.scenario_copy),
                key=r.scenario_key,
                file=f"{r.scenario_key}.yaml",
                rubric=self.rubric,
                sources=load_sources(settings=self.settings),
            )
        return self._scenarios[r.id]

    @cached_property
    def rubric(self) -> Rubric:
        """The observer rubric (read once per session object)."""
        return load_rubric(settings=self.settings)

    def triad(self, name: str) -> Triad:
        """The group called ``name``."""
        for t in self.triads:
            if t.name == name:
                return t
        raise WorkbenchError(
            f"Kelompok '{name}' tidak ada di sesi {self.name}; kelompoknya: "
            + ", ".join(t.name for t in self.triads)
            + "."
        )

    def roles(self, triad: str, round: Round | int | None = None) -> dict[str, list[str]]:
        """Who plays which role in a group this round: the members rotate one place per round,
        so with three members everyone plays every role once in three rounds."""
        members = list(self.triad(triad).members)
        shift = (self._round(round).number - 1) % len(members)
        order = members[shift:] + members[:shift]
        return {"warga": [order[0]], "petugas": [order[1]], "pengamat": order[2:]}

    def role_of(self, triad: str, person: str, round: Round | int | None = None) -> str:
        """The role ``person`` plays in ``triad`` this round."""
        for role, people in self.roles(triad, round).items():
            if person in people:
                return role
        raise WorkbenchError(f"'{person}' bukan anggota {triad}.")

    def brief(self, triad: str, person: str, round: Round | int | None = None) -> Brief:
        """Only what ``person``'s role may know this round (the citizen's hidden need is never
        in the officer's or observer's brief)."""
        role = self.role_of(triad, person, round)
        scenario = self.scenario(round)
        briefs = scenario.triad
        if role == "warga":
            sections = tuple((CITIZEN_HEADINGS[k], v) for k, v in briefs.citizen.items())
        elif role == "petugas":
            sections = tuple((OFFICER_HEADINGS[k], v) for k, v in briefs.officer.items())
        else:
            officer = self.roles(triad, round)["petugas"][0]
            sections = (
                (
                    "Yang Anda amati",
                    f"{officer} berperan sebagai {briefs.role_names['petugas'].lower()}.",
                ),
            )
            if briefs.observer_watch:
                sections += (("Perhatikan khususnya", briefs.observer_watch),)
        return Brief(
            role,
            briefs.role_names[role],
            scenario.title,
            briefs.minutes,
            sections,
            scenario.behaviours if role == "pengamat" else (),
        )

    # ---- scores ----------------------------------------------------------------------------

    def submit(
        self,
        triad: str,
        observer: str,
        scores: Mapping[str, int],
        *,
        note: str = "",
        round: Round | int | None = None,
    ) -> int:
        """Store one observer's scores for this round (one transaction); returns its id.

        ``scores`` gives a level 1–4 for every behaviour the scenario observes. Submitting
        again stores a new row; the latest one counts."""
        r = self._round(round)
        if self.role_of(triad, observer, r) != "pengamat":
            raise WorkbenchError(
                f"{observer} bukan pengamat {triad} di ronde {r.number}; hanya pengamat yang "
                "mengirim skor."
            )
        clean = self._check_scores(scores, r)
        officer = self.roles(triad, r)["petugas"][0]
        with closing(connect(self.path)) as con, sqlite_transaction(con):
            cursor = con.execute(
                "INSERT INTO observations (round_id, triad_id, observer, officer, note, "
                "submitted_at) VALUES (?, ?, ?, ?, ?, ?)",
                (r.id, self.triad(triad).id, observer, officer, str(note or "").strip(), now_utc()),
            )
            con.executemany(
                "INSERT INTO scores (observation_id, behaviour, score) VALUES (?, ?, ?)",
                [(cursor.lastrowid, key, value) for key, value in clean.items()],
            )
        return int(cursor.lastrowid)

    def _check_scores(self, scores: Mapping[str, int], r: Round) -> dict[str, int]:
        expected = self.scenario(r).behaviours
        problems = []
        for key in expected:
            value = scores.get(key) if isinstance(scores, Mapping) else None
            if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
                name = self.rubric[key].name
                problems.append(Problem(f"'{name}' belum diberi skor 1–4", column=key, value=value))
        extra = sorted(set(scores or {}) - set(expected))
        if extra:
            problems.append(
                Problem("perilaku ini tidak diamati di skenario ronde ini", value=extra)
            )
        if problems:
            raise WorkbenchError("Skor pengamat belum lengkap; tidak ada yang disimpan.", problems)
        return {k: int(scores[k]) for k in expected}

    def observations(self, round: Round | int | None = None) -> pd.DataFrame:
        """The latest submission of every observer in a round (default: the current one),
        one row per behaviour: ``kelompok``, ``petugas``, ``pengamat``, ``perilaku``,
        ``skor``, ``catatan``, ``dikirim`` (office time)."""
        r = self._round(round)
        with closing(connect(self.path)) as con:
            rows = con.execute(
                "SELECT o.id, t.name, o.officer, o.observer, s.behaviour, s.score, o.note, "
                "o.submitted_at FROM observations o JOIN triads t ON t.id = o.triad_id "
                "JOIN scores s ON s.observation_id = o.id WHERE o.round_id = ? AND o.id = ("
                "SELECT MAX(id) FROM observations x WHERE x.round_id = o.round_id AND "
                "x.triad_id = o.triad_id AND x.observer = o.observer) ORDER BY t.position, o.id",
                (r.id,),
            ).fetchall()
        columns = [
            "pengamatan",
            "kelompok",
            "petugas",
            "pengamat",
            "perilaku",
            "skor",
            "catatan",
            "dikirim",
        ]
        frame = pd.DataFrame([tuple(x) for x in rows], columns=columns)
        frame["dikirim"] = office_time(frame["dikirim"], self.settings)
        return frame

    def status(self, round: Round | int | None = None) -> pd.DataFrame:
        """Per group and observer this round: who plays what, whether the scores are in."""
        r = self._round(round)
        seen = self.observations(r).drop_duplicates(["kelompok", "pengamat"])
        sent = {(x.kelompok, x.pengamat): x for x in seen.itertuples()}
        rows = []
        for t in self.triads:
            roles = self.roles(t.name, r)
            for observer in roles["pengamat"]:
                got = sent.get((t.name, observer))
                rows.append(
                    (
                        t.name,
                        roles["warga"][0],
                        roles["petugas"][0],
                        observer,
                        got is not None,
                        got.dikirim if got is not None else pd.NaT,
                        got.catatan if got is not None else "",
                    )
                )
        columns = ["kelompok", "warga", "petugas", "pengamat", "sudah_kirim", "dikirim", "catatan"]
        return pd.DataFrame(rows, columns=columns)

    def spread(self, round: Round | int | None = None) -> pd.DataFrame:
        """Per behaviour of the round's scenario: how many observers gave each level, the mean,
        lowest and highest score (empty levels are 0; the mean is missing before any score)."""
        r = self._round(round)
        obs = self.observations(r)
        rows = []
        for key in self.scenario(r).behaviours:
            scores = obs.loc[obs["perilaku"] == key, "skor"].astype("int64")
            counts = {f"skor_{n}": int((scores == n).sum()) for n in SCALE}
            rows.append(
                {
                    "perilaku": key,
                    "nama": self.rubric[key].name,
                    "jumlah": len(scores),
                    **counts,
                    "rata_rata": float(scores.mean()) if len(scores) else float("nan"),
                    "terendah": scores.min() if len(scores) else pd.NA,
                    "tertinggi": scores.max() if len(scores) else pd.NA,
                }
            )
        return pd.DataFrame(rows)

    def prompts(self, round: Round | int | None = None) -> list[str]:
        """Debrief prompts: the scenario's own questions, then what this round's scores show
        (the weakest and strongest behaviour, behaviours groups disagree on)."""
        r = self._round(round)
        out = list(self.scenario(r).triad.prompts)
        table = self.spread(r).dropna(subset=["rata_rata"])
        if table.empty:
            return out
        low = table.loc[table["rata_rata"].idxmin()]
        high = table.loc[table["rata_rata"].idxmax()]
        out.append(
            f"Paling lemah di ronde ini: {low['nama']} (rata-rata "
            f"{fmt.number(low['rata_rata'], 1)}). Minta satu kelompok memperagakan ulang bagian "
            "itu, lalu kelas mengusulkan kalimat yang lebih baik."
        )
        if high["perilaku"] != low["perilaku"]:
            out.append(
                f"Paling kuat: {high['nama']} (rata-rata {fmt.number(high['rata_rata'], 1)}). "
                "Tanyakan kalimat apa yang dipakai petugas dengan skor tertinggi."
            )
        for row in table.itertuples():
            if int(row.tertinggi) - int(row.terendah) >= WIDE_SPREAD:
                out.append(
                    f"Skor '{row.nama}' berbeda jauh antarkelompok ({row.terendah} sampai "
                    f"{row.tertinggi}): apa yang dilakukan petugas yang mendapat "
                    f"{row.tertinggi} dan tidak dilakukan yang mendapat {row.terendah}?"
                )
        return out

    def export_excel(self, path: str | Path) -> Path:
        """Write the session to an Excel file: per round who played what and who submitted,
        the spread per behaviour, and every observer's latest scores (office time)."""
        from workbench import office

        sheets: dict[str, pd.DataFrame] = {}
        scores = []
        for r in self.rounds():
            sheets[f"ronde {r.number} status"] = self.status(r)
            sheets[f"ronde {r.number} sebaran"] = self.spread(r)
            scores.append(self.observations(r).assign(ronde=r.number, skenario=r.scenario_key))
        if not scores:
            raise WorkbenchError("Sesi ini belum punya ronde; belum ada yang bisa diunduh.")
        sheets["skor pengamat"] = pd.concat(scores, ignore_index=True)
        return office.write_excel(path, sheets)
