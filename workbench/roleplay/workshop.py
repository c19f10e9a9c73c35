"""The role-play workshop: teams plan the office's counters, the simulation judges, fairly.

A facilitator creates a workshop (name, scenario card, teams, a budget in officer-hours, a
seed); each team starts from the card's own plan (:meth:`Workshop.baseline`), changes how the
office works (:mod:`workbench.roleplay.plans`) and submits it (:meth:`Workshop.submit`). Every
plan runs with the workshop's seed and number of replications, so every team meets the same
visitors (common random numbers); :meth:`Workshop.leaderboard` ranks the teams and shows as
tied those whose difference is within noise (:mod:`workbench.roleplay.scoring`).

Rounds: round 1 starts with the workshop. :meth:`Workshop.start_round` opens the next one,
optionally with a disruption card (:mod:`workbench.roleplay.disruptions`), applied to every
team's own plan (each team's last plan is carried over and run under the disruption; the team
may then submit a better one), and optionally with a decision during the day: the day stops at
``decision_at`` (for example ``"10:00"``), :meth:`Workshop.queue_at` shows each team its queue,
and :meth:`Workshop.decide` plays the rest of the day with a changed plan on the same visitors
(:mod:`workbench.simulation.midday`).

Everything is stored in one SQLite file (:mod:`workbench.roleplay.store`); any process can
:meth:`Workshop.open` it and see every plan submitted so far.

Example::

    from workbench.roleplay import Workshop, plans
    ws = Workshop.create(None, "Pelatihan Februari", teams=["Tim A", "Tim B"], budget_hours=36)
    plan = plans.with_appointment_quota(ws.baseline(), 2)
    ws.submit("Tim A", plan)
    ws.leaderboard()
"""

from __future__ import annotations

import json
import math
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.data.dates import parse_date
from workbench.errors import Problem, WorkbenchError
from workbench.office import write_excel
from workbench.roleplay import plans as plan_tools
from workbench.roleplay.disruptions import DISRUPTIONS, apply_disruption, disruption_card
from workbench.roleplay.scoring import KPIS, kpis_per_replication, rank_with_ties, wait_histogram
from workbench.roleplay.store import connect, dumps, now_utc, transaction
from workbench.simulation import Scenario, simulate
from workbench.simulation.card import locate_card
from workbench.simulation.midday import base_counter_name, state_at, switch_at
from workbench.simulation.results import confidence_interval

__all__ = ["QUICK_REPLICATIONS", "Round", "Workshop", "default_path"]

#: Replications of a plan's quick estimate while a team is still deciding.
QUICK_REPLICATIONS = 5

#: Step (minutes) of the stored queue-over-the-day profile.
QUEUE_STEP_MINUTES = 15.0


def default_path() -> Path:
    """The workshop database in the state folder: ``<state>/roleplay/lokakarya.sqlite``."""
    return get_settings().state_dir / "roleplay" / "lokakarya.sqlite"


def _minutes(value: str | float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(".", ":")
    try:
        h, m = text.split(":")
        return float(int(h) * 60 + int(m))
    except ValueError:
        raise WorkbenchError(
            f"Jam '{value}' tidak terbaca. Tulis jam sebagai JJ:MM, misalnya 10:00."
        ) from None


def _card(card: str | Path | Scenario) -> tuple[str, Scenario]:
    """A card by name (``selasa-biasa``, from the scenarios folder), path or Scenario."""
    if isinstance(card, Scenario):
        return card.name, card
    path = locate_card(card)
    return path.stem, Scenario.from_yaml(path)


@dataclass(frozen=True)
class Round:
    """One round of a workshop."""

    id: int
    number: int
    title: str
    disruption: str | None
    decision_at: float | None
    started_at: str

    @property
    def decision_clock(self) -> str | None:
        """The decision time as ``HH:MM`` (None without a decision during the day)."""
        return None if self.decision_at is None else fmt.clock(self.decision_at)


class Workshop:
    """One workshop in a workshop database; see the module docstring."""

    def __init__(self, path: Path, row) -> None:
        self.path = Path(path)
        self.id: int = row["id"]
        self.name: str = row["name"]
        self.date: str | None = row["workshop_date"]
        self.card_name: str = row["card_name"]
        self.card: Scenario = Scenario.from_dict(json.loads(row["card"]))
        self.budget_hours: float = row["budget_hours"]
        self.seed: int = row["seed"]
        self.replications: int = row["replications"]
        self.rank_by: str = row["rank_by"]
        self.created_at: str = row["created_at"]

    def __repr__(self) -> str:
        return f"Workshop({self.name!r}, teams={self.teams}, round={self.current_round().number})"

    # ---- creating and opening ------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | Path | None,
        name: str,
        *,
        card: str | Path | Scenario = "selasa-biasa",
        teams: list[str],
        budget_hours: float = 36.0,
        seed: int = 1,
        replications: int = 40,
        rank_by: str = "tepat_waktu",
        date: str | None = None,
    ) -> Workshop:
        """Create a workshop in the database at ``path`` (``None``: :func:`default_path`).

        ``teams`` are the team names; ``budget_hours`` the officer-hours a plan may cost;
        ``seed`` and ``replications`` decide the visitors every team meets; ``rank_by`` the KPI
        that ranks the leaderboard (one of :data:`~workbench.roleplay.scoring.KPIS`); ``date``
        the day of the workshop as a person writes it (``05/02/2025`` is 5 February).
        """
        path = Path(path) if path is not None else default_path()
        problems = []
        if not str(name or "").strip():
            problems.append(Problem("nama lokakarya kosong", column="name", expected="teks"))
        clean = [str(t).strip() for t in teams or []]
        if len(clean) < 1 or any(not t for t in clean):
            problems.append(
                Problem("daftar tim kosong atau ada nama kosong", column="teams", value=teams)
            )
        dup = sorted({t for t in clean if clean.count(t) > 1})
        if dup:
            problems.append(Problem("nama tim dipakai dua kali", column="teams", value=dup))
        if (
            not isinstance(budget_hours, int | float)
            or isinstance(budget_hours, bool)
            or not (budget_hours > 0)
        ):
            problems.append(
                Problem(
                    "anggaran harus jam-petugas lebih dari nol",
                    column="budget_hours",
                    value=budget_hours,
                )
            )
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            problems.append(Problem("seed harus bilangan bulat >= 0", column="seed", value=seed))
        if isinstance(replications, bool) or not isinstance(replications, int) or replications < 2:
            problems.append(
                Problem(
                    "replikasi harus bilangan bulat minimal 2 (untuk selang kepercayaan)",
                    column="replications",
                    value=replications,
                )
            )
        if rank_by not in KPIS:
            problems.append(
                Problem(
                    "indikator peringkat tidak dikenal",
                    column="rank_by",
                    value=rank_by,
                    expected=", ".join(KPIS),
                )
            )
        if problems:
            raise WorkbenchError("Lokakarya tidak bisa dibuat.", problems)
        if date is not None and str(date).strip():
            date = parse_date(date, where="tanggal lokakarya").isoformat()
        else:
            date = None
        card_name, scenario = _card(card)
        with closing(connect(path, create=True)) as con:
            with transaction(con):
                if con.execute("SELECT 1 FROM workshops WHERE name = ?", (name,)).fetchone():
                    raise WorkbenchError(
                        f"Lokakarya '{name}' sudah ada di {path}. Pakai nama lain, atau buka "
                        "dengan Workshop.open."
                    )
                cur = con.execute(
                    "INSERT INTO workshops (name, workshop_date, card_name, card, budget_hours,"
                    " seed, replications, rank_by, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (
                        name.strip(),
                        date,
                        card_name,
                        dumps(scenario.to_dict()),
                        float(budget_hours),
                        seed,
                        replications,
                        rank_by,
                        now_utc(),
                    ),
                )
                wid = cur.lastrowid
                con.executemany(
                    "INSERT INTO teams (workshop_id, name, position) VALUES (?,?,?)",
                    [(wid, t, i) for i, t in enumerate(clean)],
                )
                con.execute(
                    "INSERT INTO rounds (workshop_id, number, title, disruption, decision_at,"
                    " started_at) VALUES (?,?,?,?,?,?)",
                    (wid, 1, "Ronde 1", None, None, now_utc()),
                )
            row = con.execute("SELECT * FROM workshops WHERE id = ?", (wid,)).fetchone()
        return cls(path, row)

    @classmethod
    def open(cls, path: str | Path | None = None, name: str | None = None) -> Workshop:
        """Open a workshop: by ``name``, or the most recently created one in the database."""
        path = Path(path) if path is not None else default_path()
        with closing(connect(path)) as con:
            if name is None:
                row = con.execute("SELECT * FROM workshops ORDER BY id DESC LIMIT 1").fetchone()
            else:
                row = con.execute("SELECT * FROM workshops WHERE name = ?", (name,)).fetchone()
        if row is None:
            names = cls.names(path)
            hint = f" Lokakarya yang ada: {', '.join(names)}." if names else ""
            raise WorkbenchError(f"Lokakarya '{name or ''}' tidak ada di {path}.{hint}")
        return cls(path, row)

    @staticmethod
    def names(path: str | Path | None = None) -> list[str]:
        """Names of the workshops in the database, newest first (empty if there is none)."""
        path = Path(path) if path is not None else default_path()
        if not path.is_file():
            return []
        with closing(connect(path)) as con:
            return [r[0] for r in con.execute("SELECT name FROM workshops ORDER BY id DESC")]

    # ---- reading --------------------------------------------------------------------------

    def _con(self) -> closing:
        """A connection to the workshop file, closed when the ``with`` block ends."""
        return closing(connect(self.path))

    @property
    def teams(self) -> list[str]:
        """Team names in the order given at creation."""
        with self._con() as con:
            rows = con.execute(
                "SELECT name FROM teams WHERE workshop_id = ? ORDER BY position", (self.id,)
            ).fetchall()
        return [r[0] for r in rows]

    def rounds(self) -> list[Round]:
        """Every round so far, first first."""
        with self._con() as con:
            rows = con.execute(
                "SELECT * FROM rounds WHERE workshop_id = ? ORDER BY number", (self.id,)
            ).fetchall()
        return [
            Round(
                r["id"], r["number"], r["title"], r["disruption"], r["decision_at"], r["started_at"]
            )
            for r in rows
        ]

    def current_round(self) -> Round:
        """The round in play (the last one started)."""
        return self.rounds()[-1]

    def get_round(self, number: int | None = None) -> Round:
        """Round ``number`` (default: the current round)."""
        rounds = self.rounds()
        if number is None:
            return rounds[-1]
        for r in rounds:
            if r.number == number:
                return r
        raise WorkbenchError(
            f"Ronde {number} tidak ada. Ronde yang ada: {', '.join(str(r.number) for r in rounds)}."
        )

    def version(self) -> tuple[int, int]:
        """(latest round id, latest plan id): changes whenever anything is stored, so a page
        can poll it cheaply and redraw only then."""
        with self._con() as con:
            row = con.execute(
                "SELECT (SELECT MAX(id) FROM rounds WHERE workshop_id = ?),"
                " (SELECT MAX(p.id) FROM plans p JOIN rounds r ON r.id = p.round_id"
                " WHERE r.workshop_id = ?)",
                (self.id, self.id),
            ).fetchone()
        return (row[0] or 0, row[1] or 0)

    def discussion_prompts(self, *, round: int | None = None) -> list[str]:
        """Indonesian discussion prompts drawn from a round's results
        (:mod:`workbench.roleplay.debrief`)."""
        from workbench.roleplay.debrief import discussion_prompts

        return discussion_prompts(self, round=round)

    def baseline(self) -> Scenario:
        """The card's own plan: the starting point every team changes."""
        return self.card

    def _team_id(self, con, team: str) -> int:
        row = con.execute(
            "SELECT id FROM teams WHERE workshop_id = ? AND name = ?", (self.id, team)
        ).fetchone()
        if row is None:
            raise WorkbenchError(
                f"Tim '{team}' tidak terdaftar di lokakarya '{self.name}'. Tim yang ada: "
                + ", ".join(self.teams)
                + "."
            )
        return row[0]

    # ---- plans ----------------------------------------------------------------------------

    def cost(self, plan: Scenario) -> float:
        """Officer-hours the plan schedules (what the budget limits)."""
        return plan_tools.officer_hours(plan)

    def preview(self, plan: Scenario, *, replications: int = QUICK_REPLICATIONS) -> dict:
        """What a team sees while deciding: cost against the budget and a quick estimate.

        Returns ``biaya`` and ``anggaran`` (officer-hours), ``sisa`` (budget left, negative when
        over), ``di_atas_anggaran`` (whether the plan costs more than the budget), ``masalah``
        (why the plan would be refused, empty if acceptable), ``perubahan``
        (what changed against the card) and ``perkiraan`` (mean KPIs of a few replications with
        the workshop's seed and the current round's disruption; missing when the plan is
        refused). A few replications are noisy: the submission decides.
        """
        out: dict = {"anggaran": self.budget_hours, "masalah": [], "perkiraan": {}}
        try:
            cost = plan_tools.officer_hours(plan)
        except WorkbenchError as exc:
            out.update(
                biaya=math.nan,
                sisa=math.nan,
                di_atas_anggaran=False,
                masalah=[str(exc)],
                perubahan=[],
            )
            return out
        out.update(
            biaya=cost, sisa=self.budget_hours - cost, di_atas_anggaran=cost > self.budget_hours
        )
        out["perubahan"] = plan_tools.describe_changes(self.card, plan)
        try:
            plan_tools.check_plan(self.card, plan, budget_hours=self.budget_hours)
        except WorkbenchError as exc:
            out["masalah"] = [str(exc)]
            return out
        round_ = self.current_round()
        result = simulate(self._runnable(plan, round_), replications=replications, seed=self.seed)
        per = kpis_per_replication(result)
        out["perkiraan"] = {k: float(per[k].mean()) for k in KPIS}
        return out

    def _runnable(self, plan: Scenario, round_: Round) -> Scenario:
        return apply_disruption(plan_tools.effective_scenario(plan), round_.disruption)

    def submit(self, team: str, plan: Scenario) -> pd.DataFrame:
        """Run ``team``'s plan for the current round with the workshop's seed and store it.

        Refuses (:class:`WorkbenchError`, nothing stored) a plan that changes the visitors,
        costs more than the budget or is inconsistent. Returns the team's KPIs with their
        confidence intervals. In a round with a decision during the day this is the plan for
        the start of the day; :meth:`decide` changes it at the decision time.
        """
        round_ = self.current_round()
        with self._con() as con:
            self._team_id(con, team)
        plan_tools.check_plan(self.card, plan, budget_hours=self.budget_hours)
        runnable = self._runnable(plan, round_)
        result = simulate(runnable, replications=self.replications, seed=self.seed)
        state = state_at(result, round_.decision_at) if round_.decision_at is not None else None
        self._store(team, round_, plan, result, phase=0, state=state)
        return _summary(kpis_per_replication(result))

    def queue_at(self, team: str, *, round: int | None = None) -> pd.DataFrame:
        """``team``'s office at the round's decision time under its plan for the day."""
        round_ = self.get_round(round)
        if round_.decision_at is None:
            raise WorkbenchError(
                f"Ronde {round_.number} tidak punya keputusan di tengah hari. Mulai ronde baru "
                "dengan start_round(decision_at='10:00')."
            )
        plan = self._latest(team, round_, phase=0)
        if plan is None:
            raise WorkbenchError(
                f"{team} belum mengirim rencana untuk ronde {round_.number}; kirim rencana dulu."
            )
        frame = pd.read_json(_io(plan["state"]), orient="split")
        return frame

    def decide(self, team: str, plan: Scenario) -> pd.DataFrame:
        """Change ``team``'s plan at the current round's decision time and play the rest of the
        day on the same visitors; returns the team's KPIs for the whole day."""
        round_ = self.current_round()
        if round_.decision_at is None:
            raise WorkbenchError(
                f"Ronde {round_.number} tidak punya keputusan di tengah hari; kirim rencana "
                "dengan submit()."
            )
        morning = self._latest(team, round_, phase=0)
        if morning is None:
            raise WorkbenchError(
                f"{team} belum mengirim rencana pagi untuk ronde {round_.number}; kirim dulu "
                "dengan submit(), lalu putuskan perubahan pukul "
                f"{round_.decision_clock}."
            )
        plan_tools.check_plan(self.card, plan, budget_hours=None)
        before = Scenario.from_dict(json.loads(morning["scenario"]))
        combined = switch_at(before, plan, round_.decision_at)
        cost = plan_tools.officer_hours(combined)
        if cost > self.budget_hours + 1e-9:
            raise WorkbenchError(
                f"Perubahan pukul {round_.decision_clock} melebihi anggaran: sehari penuh jadi "
                f"{fmt.number(cost)} jam-petugas dari anggaran "
                f"{fmt.number(self.budget_hours)}. Kurangi jam jaga setelah keputusan, lalu kirim "
                "lagi."
            )
        runnable = apply_disruption(plan_tools.effective_scenario(before), round_.disruption)
        after = plan_tools.effective_scenario(plan).replace(
            arrivals=runnable.arrivals, disruptions=runnable.disruptions
        )
        result = simulate(
            switch_at(runnable, _keep_counters(after, runnable), round_.decision_at),
            replications=self.replications,
            seed=self.seed,
        )
        self._store(
            team,
            round_,
            plan,
            result,
            phase=1,
            based_on=morning["id"],
            cost=cost,
        )
        return _summary(kpis_per_replication(result))

    def _store(
        self,
        team: str,
        round_: Round,
        plan: Scenario,
        result,
        *,
        phase: int,
        state: pd.DataFrame | None = None,
        based_on: int | None = None,
        cost: float | None = None,
        source: str = "tim",
    ) -> int:
        per = kpis_per_replication(result)
        queue = result.queue_over_day(QUEUE_STEP_MINUTES)
        replay = _replay_frame(result)
        changes = plan_tools.describe_changes(self.card, plan)
        cost = plan_tools.officer_hours(plan) if cost is None else cost
        with self._con() as con, transaction(con):
            current = con.execute(
                "SELECT id FROM rounds WHERE workshop_id = ? ORDER BY number DESC LIMIT 1",
                (self.id,),
            ).fetchone()[0]
            if current != round_.id:
                raise WorkbenchError(
                    f"Ronde {round_.number} sudah ditutup fasilitator; rencana ini tidak "
                    "disimpan. Muat ulang halaman dan kirim untuk ronde yang baru."
                )
            team_id = self._team_id(con, team)
            cur = con.execute(
                "INSERT INTO plans (round_id, team_id, phase, based_on, scenario, cost_hours,"
                " changes, source, submitted_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    round_.id,
                    team_id,
                    phase,
                    based_on,
                    dumps(plan.to_dict()),
                    cost,
                    dumps(changes),
                    source,
                    now_utc(),
                ),
            )
            plan_id = cur.lastrowid
            con.execute(
                "INSERT INTO results (plan_id, kpis, queue, waits, replay, state, computed_at)"
                " VALUES (?,?,?,?,?,?,?)",
                (
                    plan_id,
                    per.to_json(orient="split", index=False),
                    queue.to_json(orient="split", index=False),
                    wait_histogram(result).to_json(orient="split", index=False),
                    replay.to_json(orient="split", index=False),
                    None if state is None else state.to_json(orient="split"),
                    now_utc(),
                ),
            )
        return plan_id

    def _latest(self, team: str, round_: Round, *, phase: int):
        with self._con() as con:
            team_id = self._team_id(con, team)
            return con.execute(
                "SELECT p.*, r.kpis, r.queue, r.waits, r.replay, r.state FROM plans p"
                " JOIN results r ON r.plan_id = p.id"
                " WHERE p.round_id = ? AND p.team_id = ? AND p.phase = ?"
                " ORDER BY p.id DESC LIMIT 1",
                (round_.id, team_id, phase),
            ).fetchone()

    def _final(self, round_: Round) -> dict[str, dict]:
        """Each team's standing submission in a round: the decision during the day that
        continues its latest morning plan, else that morning plan."""
        with self._con() as con:
            rows = con.execute(
                "SELECT p.*, t.name AS team, r.kpis, r.queue, r.waits, r.replay, r.state"
                " FROM plans p JOIN teams t ON t.id = p.team_id"
                " JOIN results r ON r.plan_id = p.id WHERE p.round_id = ? ORDER BY p.id",
                (round_.id,),
            ).fetchall()
        morning: dict[str, dict] = {}
        decision: dict[str, dict] = {}
        for row in rows:
            row = dict(row)
            if row["phase"] == 0:
                morning[row["team"]] = row
                decision.pop(row["team"], None)
            elif row["based_on"] == morning.get(row["team"], {}).get("id"):
                decision[row["team"]] = row
        return {t: decision.get(t, morning[t]) for t in morning}

    def plan_of(self, team: str, *, round: int | None = None) -> Scenario | None:
        """The plan ``team`` stands with in a round (None before its first submission)."""
        row = self._final(self.get_round(round)).get(team)
        return None if row is None else Scenario.from_dict(json.loads(row["scenario"]))

    # ---- rounds ---------------------------------------------------------------------------

    def start_round(
        self,
        *,
        disruption: str | None = None,
        decision_at: str | float | None = None,
        title: str | None = None,
    ) -> Round:
        """Open the next round; each team's last plan is carried over and run in it.

        ``disruption`` is a key of :data:`~workbench.roleplay.disruptions.DISRUPTIONS`;
        ``decision_at`` a clock time (``"10:00"``) at which the day stops for decisions.
        """
        if disruption is not None:
            disruption_card(disruption)
        minute = _minutes(decision_at)
        if minute is not None and not self.card.open_time < minute < self.card.close_time:
            raise WorkbenchError(
                f"Jam keputusan {fmt.clock(minute)} harus di antara jam buka "
                f"{fmt.clock(self.card.open_time)} dan jam tutup {fmt.clock(self.card.close_time)}."
            )
        if minute is not None and len(self.card.days) != 1:
            raise WorkbenchError("Keputusan di tengah hari hanya untuk kartu satu hari.")
        previous = self.current_round()
        carried = {team: self.plan_of(team, round=previous.number) for team in self.teams}
        number = previous.number + 1
        if title is None:
            parts = [f"Ronde {number}"]
            if disruption:
                parts.append(DISRUPTIONS[disruption].title)
            if minute is not None:
                parts.append(f"keputusan pukul {fmt.clock(minute)}")
            title = ": ".join(parts[:1]) + (" - " + ", ".join(parts[1:]) if parts[1:] else "")
        with self._con() as con, transaction(con):
            cur = con.execute(
                "INSERT INTO rounds (workshop_id, number, title, disruption, decision_at,"
                " started_at) VALUES (?,?,?,?,?,?)",
                (self.id, number, title, disruption, minute, now_utc()),
            )
            rid = cur.lastrowid
        round_ = Round(rid, number, title, disruption, minute, now_utc())
        for team, plan in carried.items():
            if plan is None:
                continue
            result = simulate(
                self._runnable(plan, round_), replications=self.replications, seed=self.seed
            )
            state = state_at(result, minute) if minute is not None else None
            self._store(team, round_, plan, result, phase=0, state=state, source="dibawa")
        return round_

    # ---- results --------------------------------------------------------------------------

    def leaderboard(self, *, round: int | None = None) -> pd.DataFrame:
        """One row per team for a round (default: the current one), best first.

        Columns: ``tim``, ``peringkat`` (tied teams share a rank), ``setara`` and
        ``setara_dengan`` (teams within noise), ``status``, then every KPI of
        :data:`~workbench.roleplay.scoring.KPIS` as its mean over replications with
        ``<kpi>_bawah`` and ``<kpi>_atas`` (95% confidence interval), and ``dikirim``
        (submission time in office time, WIB). Teams that have not submitted come last without
        numbers.
        """
        round_ = self.get_round(round)
        final = self._final(round_)
        per_team = {t: _read(final[t]["kpis"]) for t in self.teams if t in final}
        rows = []
        if per_team:
            ranking = rank_with_ties(per_team, self.rank_by)
            for rec in ranking.to_dict("records"):
                team = rec["tim"]
                row = {**rec}
                entry = final[team]
                row["status"] = (
                    "keputusan " + (round_.decision_clock or "")
                    if entry["phase"] == 1
                    else (
                        "dibawa dari ronde sebelumnya" if entry["source"] == "dibawa" else "dikirim"
                    )
                )
                per = per_team[team]
                for k in KPIS:
                    mean, low, high = confidence_interval(per[k])
                    row[k], row[f"{k}_bawah"], row[f"{k}_atas"] = mean, low, high
                row["dikirim"] = entry["submitted_at"]
                rows.append(row)
        for team in self.teams:
            if team not in per_team:
                rows.append(
                    {
                        "tim": team,
                        "peringkat": pd.NA,
                        "setara": False,
                        "setara_dengan": "",
                        "status": "belum mengirim",
                    }
                )
        frame = pd.DataFrame(rows)
        columns = ["tim", "peringkat", "setara", "setara_dengan", "status"]
        for k in KPIS:
            columns += [k, f"{k}_bawah", f"{k}_atas"]
        columns.append("dikirim")
        frame = frame.reindex(columns=columns)
        frame["peringkat"] = frame["peringkat"].astype("Int64")
        # Stored as UTC; people read office time.
        frame["dikirim"] = pd.to_datetime(frame["dikirim"], utc=True).dt.tz_convert(
            get_settings().tz
        )
        return frame

    def queue_over_day(self, *, round: int | None = None) -> pd.DataFrame:
        """Average queue length through the day per team: ``tim``, ``jam``, ``antrean``,
        ``batas_bawah``, ``batas_atas``."""
        final = self._final(self.get_round(round))
        frames = []
        for team in self.teams:
            if team in final:
                q = _read(final[team]["queue"]).rename(columns={"rata_rata": "antrean"})
                q["batas_bawah"] = q["batas_bawah"].clip(lower=0.0)  # nobody waits < 0
                q.insert(0, "tim", team)
                frames.append(q.drop(columns=["hari"]))
        if not frames:
            return pd.DataFrame(columns=["tim", "jam", "antrean", "batas_bawah", "batas_atas"])
        return pd.concat(frames, ignore_index=True)

    def wait_distribution(self, *, round: int | None = None) -> pd.DataFrame:
        """Share of served visitors per waiting-time bin, per team: ``tim``, ``dari``,
        ``sampai``, ``porsi`` (%)."""
        final = self._final(self.get_round(round))
        frames = []
        for team in self.teams:
            if team in final:
                w = _read(final[team]["waits"])
                w.insert(0, "tim", team)
                frames.append(w)
        if not frames:
            return pd.DataFrame(columns=["tim", "dari", "sampai", "porsi"])
        return pd.concat(frames, ignore_index=True)

    def changes(self, *, round: int | None = None) -> pd.DataFrame:
        """What each team changed against the card: ``tim``, ``perubahan`` (one line each),
        ``biaya`` (officer-hours)."""
        final = self._final(self.get_round(round))
        rows = []
        for team in self.teams:
            if team in final:
                lines = json.loads(final[team]["changes"]) or ["Tidak mengubah rencana kartu."]
                rows.append(
                    {"tim": team, "perubahan": "\n".join(lines), "biaya": final[team]["cost_hours"]}
                )
        return pd.DataFrame(rows, columns=["tim", "perubahan", "biaya"])

    def replay(self, team: str, *, round: int | None = None) -> pd.DataFrame:
        """``team``'s day, one visitor per row (replication 1), for the animated replay.

        Columns ``id``, ``layanan``, ``prioritas``, ``datang``, ``mulai``, ``keluar`` (clock
        minutes from midnight), ``loket`` (counter name, empty if not served) and ``status``.
        """
        row = self._final(self.get_round(round)).get(team)
        if row is None:
            raise WorkbenchError(f"{team} belum mengirim rencana pada ronde ini.")
        return _read(row["replay"])

    def counters_of(self, team: str, *, round: int | None = None) -> list[str]:
        """The counters ``team``'s plan uses (for the replay's counter row)."""
        plan = self.plan_of(team, round=round)
        return [] if plan is None else [c.name for c in plan.counters]

    def submissions(self) -> pd.DataFrame:
        """Every plan ever stored, oldest first: ``ronde``, ``tim``, ``tahap``, ``sumber``,
        ``biaya_rencana`` (planned officer-hours), ``perubahan``, ``dikirim``, plus the mean of
        each KPI (``biaya`` there is the measured cost, with overtime)."""
        with self._con() as con:
            rows = con.execute(
                "SELECT p.*, t.name AS team, ro.number AS round_number, r.kpis FROM plans p"
                " JOIN teams t ON t.id = p.team_id JOIN rounds ro ON ro.id = p.round_id"
                " JOIN results r ON r.plan_id = p.id WHERE ro.workshop_id = ? ORDER BY p.id",
                (self.id,),
            ).fetchall()
        out = []
        for row in rows:
            per = _read(row["kpis"])
            rec = {
                "ronde": row["round_number"],
                "tim": row["team"],
                "tahap": "keputusan tengah hari" if row["phase"] == 1 else "rencana hari",
                "sumber": row["source"],
                "biaya_rencana": row["cost_hours"],
                "perubahan": "\n".join(json.loads(row["changes"]))
                or "Tidak mengubah rencana kartu.",
                "dikirim": row["submitted_at"],
            }
            rec.update({k: float(per[k].mean()) for k in KPIS})
            out.append(rec)
        return pd.DataFrame(out)

    def export_excel(self, path: str | Path) -> Path:
        """Write the workshop to an Excel file: the workshop, each round's leaderboard, every
        plan submitted, the queue over the day and the waiting-time distributions."""
        info = pd.DataFrame(
            {
                "keterangan": [
                    "Lokakarya",
                    "Tanggal",
                    "Kartu skenario",
                    "Tim",
                    "Anggaran (jam-petugas)",
                    "Seed",
                    "Replikasi",
                    "Peringkat menurut",
                    "Dibuat",
                ],
                "nilai": [
                    self.name,
                    fmt.date_long(self.date) if self.date else "",
                    f"{self.card.name} ({self.card_name})",
                    ", ".join(self.teams),
                    fmt.number(self.budget_hours, None),
                    str(self.seed),
                    str(self.replications),
                    KPIS[self.rank_by][0],
                    fmt.timestamp(pd.Timestamp(self.created_at)),
                ],
            }
        )
        boards, queues, waits, changes = [], [], [], []
        for r in self.rounds():
            for frame, out in (
                (self.leaderboard(round=r.number), boards),
                (self.queue_over_day(round=r.number), queues),
                (self.wait_distribution(round=r.number), waits),
                (self.changes(round=r.number), changes),
            ):
                frame = frame.copy()
                frame.insert(0, "ronde", r.title)
                out.append(frame)
        board = pd.concat(boards, ignore_index=True)
        board["dikirim"] = pd.to_datetime(board["dikirim"], utc=True)
        plans_frame = self.submissions()
        if len(plans_frame):
            plans_frame["dikirim"] = pd.to_datetime(plans_frame["dikirim"], utc=True)
        return write_excel(
            path,
            {
                "Lokakarya": info,
                "Papan skor": board,
                "Perubahan rencana": pd.concat(changes, ignore_index=True),
                "Semua kiriman": plans_frame,
                "Antrean per 15 menit": pd.concat(queues, ignore_index=True),
                "Distribusi tunggu": pd.concat(waits, ignore_index=True),
            },
        )


def _io(text: str):
    import io

    return io.StringIO(text)


def _read(text: str) -> pd.DataFrame:
    return pd.read_json(_io(text), orient="split")


def _summary(per: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for k, (label, unit, _higher) in KPIS.items():
        mean, low, high = confidence_interval(per[k])
        rows.append(
            {
                "kode": k,
                "indikator": label,
                "nilai": mean,
                "batas_bawah": low,
                "batas_atas": high,
                "satuan": unit,
            }
        )
    return pd.DataFrame(rows).set_index("kode")


def _keep_counters(after: Scenario, runnable: Scenario) -> Scenario:
    """``after`` with only the disruptions whose counters it still has."""
    names = {c.name for c in after.counters}
    return after.replace(
        disruptions=tuple(
            d for d in runnable.disruptions if d.counter is None or d.counter in names
        )
    )


def _replay_frame(result) -> pd.DataFrame:
    """Replication 1 as clock minutes, for the replay (counter names without the decision
    suffix, so a counter that changed role at 10:00 stays one desk on screen)."""
    rec = result.records
    rec = rec[rec["replikasi"] == 1]
    offset = result.scenario.open_time
    loket = (
        rec["loket"]
        .astype(object)
        .map(lambda v: base_counter_name(v) if isinstance(v, str) else "")
    )
    return pd.DataFrame(
        {
            "id": rec["id"].to_numpy(),
            "layanan": rec["layanan"].astype(str).to_numpy(),
            "prioritas": rec["prioritas"].astype(str).to_numpy(),
            "datang": np.round(rec["datang"].to_numpy() + offset, 2),
            "mulai": np.round(rec["mulai"].to_numpy() + offset, 2),
            "keluar": np.round(rec["keluar"].to_numpy() + offset, 2),
            "loket": loket.to_numpy(),
            "status": rec["status"].astype(str).to_numpy(),
        }
    )
