"""The role-play workshop: teams plan the office's counters, the simulation judges, fairly.

A facilitator creates a workshop (name, scenario card, teams, a budget in officer-hours, a
seed); each team starts from the card's own plan (:meth:`Workshop.baseline`), changes how the
office works (:mod:`workbench.roleplay.plans`) and submits it (:meth:`Workshop.submit`). Every
plan runs with the workshop's seed and number of replications, so every team meets the same
visitors (common random numbers); :meth:`Workshop.leaderboard` ranks the teams with each team's
plausible range of ranks (:mod:`workbench.roleplay.scoring`).

Rounds: round 1 starts with the workshop. :meth:`Workshop.start_round` opens the next one,
optionally with a disruption card (:mod:`workbench.roleplay.disruptions`), applied to every
team's own plan (each team's last plan is carried over and run under the disruption, stored in
the same transaction as the round; the team may then submit a better one), and optionally with
a decision during the day: the day stops at ``decision_at`` (for example ``"10:00"``),
:meth:`Workshop.queue_at` shows each team its queue, and :meth:`Workshop.decide` plays the rest
of the day with a changed plan on the same visitors (:mod:`workbench.simulation.midday`).
:meth:`Workshop.standing` is what a team page shows: the team's latest plan for the current
round and the ids a decision must be based on, so a decision is made only from the plan shown.

This module orchestrates; the SQL is in :mod:`~workbench.roleplay.store`, the checks of what a
facilitator types in :mod:`~workbench.roleplay.validation`, what a team may change in
:mod:`~workbench.roleplay.card_rules`, the tables read back in
:mod:`~workbench.roleplay.results` and the Excel file in :mod:`~workbench.roleplay.export`.

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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.data.dates import parse_date
from workbench.errors import WorkbenchError
from workbench.roleplay import plans as plan_tools
from workbench.roleplay import results as tables
from workbench.roleplay import store
from workbench.roleplay.card_rules import over_budget
from workbench.roleplay.disruptions import DISRUPTIONS, apply_disruption
from workbench.roleplay.scoring import (
    KPIS,
    OLD_NAMES,
    RANK_EXPLANATION,
    kpis_per_replication,
    wait_histogram,
)
from workbench.roleplay.validation import clock_minutes, round_problems, workshop_problems
from workbench.simulation import Scenario, simulate
from workbench.simulation.card import locate_card
from workbench.simulation.midday import state_at, switch_at

__all__ = ["QUICK_REPLICATIONS", "Round", "Standing", "Workshop", "default_path"]

#: Replications of a plan's quick estimate while a team is still deciding.
QUICK_REPLICATIONS = 5

#: Step (minutes) of the stored queue-over-the-day profile.
QUEUE_STEP_MINUTES = 15.0


def default_path() -> Path:
    """The workshop database in the state folder: ``<state>/roleplay/lokakarya.sqlite``."""
    return get_settings().state_dir / "roleplay" / "lokakarya.sqlite"


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

    @classmethod
    def from_row(cls, r) -> Round:
        return cls(
            r["id"], r["number"], r["title"], r["disruption"], r["decision_at"], r["started_at"]
        )


@dataclass(frozen=True)
class Standing:
    """A team's place in the current round: what its page shows and bases a decision on.

    ``plan`` is the plan it stands with (its decision during the day if it made one, else its
    plan for the day, else ``None`` before its first submission); ``plan_id`` that plan's row,
    ``morning_id`` the plan for the day a decision continues (``decide(based_on=...)``),
    ``source`` ``"tim"`` or ``"dibawa"`` (carried over from the previous round).
    """

    round: Round
    plan: Scenario | None
    plan_id: int | None
    morning_id: int | None
    phase: int | None
    source: str | None

    @property
    def key(self) -> tuple[int, int | None]:
        """Changes exactly when the page must show something else."""
        return (self.round.id, self.plan_id)


class Workshop:
    """One workshop in a workshop database; see the module docstring."""

    def __init__(self, path: Path, row, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.id: int = row["id"]
        self.name: str = row["name"]
        self.date: str | None = row["workshop_date"]
        self.card_name: str = row["card_name"]
        self.card: Scenario = Scenario.from_dict(json.loads(row["card"]))
        self.budget_hours: float = row["budget_hours"]
        self.seed: int = row["seed"]
        self.replications: int = row["replications"]
        self.rank_by: str = OLD_NAMES.get(row["rank_by"], row["rank_by"])
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
        rank_by: str = "porsi_tepat_waktu",
        date: str | None = None,
    ) -> Workshop:
        """Create a workshop in the database at ``path`` (``None``: :func:`default_path`).

        ``teams`` are the team names; ``budget_hours`` the officer-hours a plan may cost;
        ``seed`` and ``replications`` decide the visitors every team meets; ``rank_by`` the KPI
        that ranks the leaderboard (one of :data:`~workbench.roleplay.scoring.KPIS`); ``date``
        the day of the workshop as a person writes it (``05/02/2025`` is 5 February).
        """
        path = Path(path) if path is not None else default_path()
        problems = workshop_problems(
            name=name,
            teams=teams,
            budget_hours=budget_hours,
            seed=seed,
            replications=replications,
            rank_by=rank_by,
        )
        if problems:
            raise WorkbenchError("Lokakarya tidak bisa dibuat.", problems)
        if date is not None and str(date).strip():
            date = parse_date(date, where="tanggal lokakarya").isoformat()
        else:
            date = None
        card_name, scenario = _card(card)
        fields = {
            "name": name.strip(),
            "workshop_date": date,
            "card_name": card_name,
            "card": store.dumps(scenario.to_dict()),
            "budget_hours": float(budget_hours),
            "seed": seed,
            "replications": replications,
            "rank_by": OLD_NAMES.get(rank_by, rank_by),
        }
        with store.opened(path, create=True) as con:
            with store.transaction(con):
                if store.workshop_row(con, fields["name"]) is not None:
                    raise WorkbenchError(
                        f"Lokakarya '{fields['name']}' sudah ada di {path}. Pakai nama lain, "
                        "atau buka dengan Workshop.open."
                    )
                wid = store.insert_workshop(con, fields, [str(t).strip() for t in teams])
            row = store.workshop_row(con, id=wid)
        store.backup(path)
        return cls(path, row)

    @classmethod
    def open(
        cls, path: str | Path | None = None, name: str | None = None, *, readonly: bool = False
    ) -> Workshop:
        """Open a workshop: by ``name``, or the most recently created one in the database.

        A file this process may not write opens read-only by itself (``readonly``): everything
        can be viewed, nothing submitted.
        """
        path = Path(path) if path is not None else default_path()
        readonly = readonly or (path.is_file() and not store.writable(path))
        with store.opened(path, readonly=readonly) as con:
            row = store.workshop_row(con, name)
            names = store.workshop_names(con)
        if row is None:
            hint = f" Lokakarya yang ada: {', '.join(names)}." if names else ""
            raise WorkbenchError(f"Lokakarya '{name or ''}' tidak ada di {path}.{hint}")
        return cls(path, row, readonly=readonly)

    @staticmethod
    def names(path: str | Path | None = None) -> list[str]:
        """Names of the workshops in the database, newest first (empty if there is none)."""
        path = Path(path) if path is not None else default_path()
        if not path.is_file():
            return []
        with store.opened(path, readonly=not store.writable(path)) as con:
            return store.workshop_names(con)

    @staticmethod
    def restore_backup(path: str | Path | None = None) -> Path:
        """Put the automatic backup taken at the last round start back in place of the
        workshop file (a damaged file is kept beside it); returns where the old file went."""
        return store.restore_backup(Path(path) if path is not None else default_path())

    # ---- reading --------------------------------------------------------------------------

    def _con(self):
        """A connection to the workshop file for one ``with`` block."""
        return store.opened(self.path, readonly=self.readonly)

    def _writing(self):
        """A connection for a write: refused in Indonesian on a file opened read-only."""
        if self.readonly:
            raise WorkbenchError(
                f"Berkas lokakarya {self.path} hanya bisa dilihat (tidak boleh ditulis), jadi "
                "tidak ada yang bisa dikirim atau diubah. Minta staf TI memberi izin tulis, "
                "atau salin berkasnya ke folder Anda sendiri."
            )
        return store.opened(self.path)

    @property
    def teams(self) -> list[str]:
        """Team names in the order given at creation."""
        with self._con() as con:
            return store.team_names(con, self.id)

    def rounds(self) -> list[Round]:
        """Every round so far, first first."""
        with self._con() as con:
            return [Round.from_row(r) for r in store.round_rows(con, self.id)]

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
            return store.version(con, self.id)

    def discussion_prompts(self, *, round: int | None = None) -> list[str]:
        """Indonesian discussion prompts drawn from a round's results
        (:mod:`workbench.roleplay.debrief`)."""
        from workbench.roleplay.debrief import discussion_prompts

        return discussion_prompts(self, round=round)

    def baseline(self) -> Scenario:
        """The card's own plan: the starting point every team changes."""
        return self.card

    def rank_explanation(self) -> str:
        """The one sentence a facilitator reads aloud to explain the leaderboard's ranks."""
        label = KPIS[self.rank_by][0].lower()
        return RANK_EXPLANATION.format(n=self.replications, kpi=label)

    def _team_id(self, con, team: str) -> int:
        tid = store.team_id(con, self.id, team)
        if tid is None:
            raise WorkbenchError(
                f"Tim '{team}' tidak terdaftar di lokakarya '{self.name}'. Tim yang ada: "
                + ", ".join(store.team_names(con, self.id))
                + "."
            )
        return tid

    def _rows(self, round_: Round) -> list[dict]:
        with self._con() as con:
            return store.round_plans(con, round_.id)

    def _final(self, round_: Round) -> dict[str, dict]:
        """Each team's standing submission in a round (:func:`store.standing_rows`)."""
        return store.standing_rows(self._rows(round_))

    def standing(self, team: str) -> Standing:
        """Where ``team`` stands in the current round (what its page shows)."""
        with self._con() as con:
            tid = self._team_id(con, team)
            round_ = Round.from_row(store.round_rows(con, self.id)[-1])
            rows = [r for r in store.round_plans(con, round_.id) if r["team_id"] == tid]
        row = store.standing_rows(rows).get(team)
        if row is None:
            return Standing(round_, None, None, None, None, None)
        morning = row["based_on"] if row["phase"] == 1 else row["id"]
        plan = Scenario.from_dict(json.loads(row["scenario"]))
        return Standing(round_, plan, row["id"], morning, row["phase"], row["source"])

    def plan_of(self, team: str, *, round: int | None = None) -> Scenario | None:
        """The plan ``team`` stands with in a round (None before its first submission)."""
        row = self._final(self.get_round(round)).get(team)
        return None if row is None else Scenario.from_dict(json.loads(row["scenario"]))

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
            out.update(biaya=math.nan, sisa=math.nan, di_atas_anggaran=False, perubahan=[])
            out["masalah"] = [str(exc)]
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

    def _expect_round(self, round_: Round, number: int | None) -> None:
        if number is not None and number != round_.number:
            raise WorkbenchError(
                f"Fasilitator sudah memulai {round_.title}; rencana yang Anda lihat untuk ronde "
                f"{number} tidak dikirim. Halaman memuat ronde yang baru: periksa rencananya, "
                "lalu kirim lagi."
            )

    def submit(self, team: str, plan: Scenario, *, round: int | None = None) -> pd.DataFrame:
        """Run ``team``'s plan for the current round with the workshop's seed and store it.

        Refuses (:class:`WorkbenchError`, nothing stored) a plan that changes the card, costs
        more than the budget or is inconsistent, and, when ``round`` (the round the plan was
        made in) is given, a plan made for a round that is over. Returns the team's KPIs with
        their confidence intervals. In a round with a decision during the day this is the plan
        for the start of the day; :meth:`decide` changes it at the decision time.
        """
        round_ = self.current_round()
        self._expect_round(round_, round)
        with self._con() as con:
            self._team_id(con, team)
        plan_tools.check_plan(self.card, plan, budget_hours=self.budget_hours)
        result = simulate(
            self._runnable(plan, round_), replications=self.replications, seed=self.seed
        )
        state = state_at(result, round_.decision_at) if round_.decision_at is not None else None
        row = self._plan_row(plan, result, phase=0, state=state)
        self._store(team, round_, row)
        return tables.summary(row.kpis)

    def queue_at(self, team: str, *, round: int | None = None) -> pd.DataFrame:
        """``team``'s office at the round's decision time under its plan for the day."""
        round_ = self.get_round(round)
        if round_.decision_at is None:
            raise WorkbenchError(
                f"Ronde {round_.number} tidak punya keputusan di tengah hari. Mulai ronde baru "
                "dengan start_round(decision_at='10:00')."
            )
        morning = self._latest(team, round_, phase=0)
        if morning is None:
            raise WorkbenchError(
                f"{team} belum mengirim rencana untuk ronde {round_.number}; kirim rencana dulu."
            )
        return tables.read_frame(morning["state"], index=True)

    def decide(self, team: str, plan: Scenario, *, based_on: int | None = None) -> pd.DataFrame:
        """Change ``team``'s plan at the current round's decision time and play the rest of the
        day on the same visitors; returns the team's KPIs for the whole day.

        ``based_on`` is the id of the plan for the day the decision was made from
        (:attr:`Standing.morning_id`); when the team's plan for the day changed since (sent from
        another laptop, or carried into a new round), the decision is refused, so a decision is
        always made from the plan that was shown.
        """
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
                f"dengan submit(), lalu putuskan perubahan pukul {round_.decision_clock}."
            )
        if based_on is not None and based_on != morning["id"]:
            raise WorkbenchError(
                f"Rencana hari {team} berubah sejak halaman ini menampilkannya (dikirim dari "
                "laptop lain atau ronde baru). Halaman memuat rencana terbaru: lihat lagi "
                f"antrean pukul {round_.decision_clock}, lalu putuskan lagi."
            )
        plan_tools.check_plan(self.card, plan, budget_hours=None)
        before = Scenario.from_dict(json.loads(morning["scenario"]))
        cost = plan_tools.officer_hours(switch_at(before, plan, round_.decision_at))
        if cost > self.budget_hours + 1e-9:
            raise over_budget(
                cost, self.budget_hours, when=f"Perubahan pukul {round_.decision_clock}"
            )
        result = simulate(
            self._decision_scenario(before, plan, round_),
            replications=self.replications,
            seed=self.seed,
        )
        changes = plan_tools.describe_decision(self.card, before, plan, round_.decision_clock)
        row = self._plan_row(
            plan, result, phase=1, based_on=morning["id"], cost=cost, changes=changes
        )
        self._store(team, round_, row)
        return tables.summary(row.kpis)

    def _decision_scenario(self, before: Scenario, plan: Scenario, round_: Round) -> Scenario:
        """The day run for a decision: the morning plan until the decision time, then ``plan``,
        both under the round's disruption and the same visitors."""
        runnable = self._runnable(before, round_)
        after = plan_tools.effective_scenario(plan).replace(
            arrivals=runnable.arrivals, disruptions=runnable.disruptions
        )
        names = {c.name for c in after.counters}
        after = after.replace(  # only the disruptions whose counters it still has
            disruptions=tuple(
                d for d in runnable.disruptions if d.counter is None or d.counter in names
            )
        )
        return switch_at(runnable, after, round_.decision_at)

    def _plan_row(
        self,
        plan: Scenario,
        result,
        *,
        phase: int,
        state: pd.DataFrame | None = None,
        based_on: int | None = None,
        cost: float | None = None,
        changes: list[str] | None = None,
        source: str = "tim",
    ) -> store.PlanRow:
        """A plan and everything the pages read about it, ready to store."""
        return store.PlanRow(
            phase=phase,
            scenario=plan.to_dict(),
            cost_hours=plan_tools.officer_hours(plan) if cost is None else cost,
            changes=plan_tools.describe_changes(self.card, plan) if changes is None else changes,
            kpis=kpis_per_replication(result),
            queue=result.queue_over_day(QUEUE_STEP_MINUTES),
            waits=wait_histogram(result),
            replay=tables.replay_frame(result),
            state=state,
            based_on=based_on,
            source=source,
        )

    def _store(self, team: str, round_: Round, row: store.PlanRow) -> int:
        with self._writing() as con, store.transaction(con):
            if store.current_round_id(con, self.id) != round_.id:
                raise WorkbenchError(
                    f"Ronde {round_.number} sudah ditutup fasilitator; rencana ini tidak "
                    "disimpan. Halaman memuat ronde yang baru: kirim untuk ronde itu."
                )
            return store.insert_plan(con, round_.id, self._team_id(con, team), row)

    def _latest(self, team: str, round_: Round, *, phase: int) -> dict | None:
        with self._con() as con:
            return store.latest_plan(con, round_.id, self._team_id(con, team), phase)

    # ---- rounds ---------------------------------------------------------------------------

    def _round_title(self, number: int, disruption: str | None, minute: float | None) -> str:
        extras = []
        if disruption:
            extras.append(DISRUPTIONS[disruption].title)
        if minute is not None:
            extras.append(f"keputusan pukul {fmt.clock(minute)}")
        return f"Ronde {number}" + (" - " + ", ".join(extras) if extras else "")

    def start_round(
        self,
        *,
        disruption: str | None = None,
        decision_at: str | float | None = None,
        title: str | None = None,
    ) -> Round:
        """Open the next round; each team's last plan is carried over and run in it.

        ``disruption`` is a key of :data:`~workbench.roleplay.disruptions.DISRUPTIONS`;
        ``decision_at`` a clock time (``"10:00"``) at which the day stops for decisions. The
        round and every carried plan are stored in one transaction, then the whole file is
        copied to its backup (:func:`~workbench.roleplay.store.backup_path`).
        """
        minute = clock_minutes(decision_at)
        problems = round_problems(self.card, disruption=disruption, minute=minute)
        if problems:
            raise WorkbenchError("Ronde baru tidak bisa dimulai.", problems)
        previous = self.current_round()
        number = previous.number + 1
        title = title or self._round_title(number, disruption, minute)
        draft = Round(0, number, title, disruption, minute, store.now_utc())
        carried = {}
        for team, plan in ((t, self.plan_of(t, round=previous.number)) for t in self.teams):
            if plan is not None:
                result = simulate(
                    self._runnable(plan, draft), replications=self.replications, seed=self.seed
                )
                state = state_at(result, minute) if minute is not None else None
                carried[team] = self._plan_row(plan, result, phase=0, state=state, source="dibawa")
        with self._writing() as con, store.transaction(con):
            if store.current_round_id(con, self.id) != previous.id:
                raise WorkbenchError(
                    "Ronde baru sudah dimulai dari halaman lain; halaman ini memuatnya."
                )
            rid = store.insert_round(con, self.id, number, title, disruption, minute)
            for team, row in carried.items():
                store.insert_plan(con, rid, self._team_id(con, team), row)
        store.backup(self.path)
        return self.get_round(number)

    # ---- results --------------------------------------------------------------------------

    def leaderboard(self, *, round: int | None = None) -> pd.DataFrame:
        """One row per team for a round (default: the current one), best first.

        Columns: ``tim``, ``peringkat`` and ``peringkat_sampai`` (the team's plausible range of
        ranks; rows are ordered by the ranked KPI and neither end gets worse going up),
        ``setara`` (its range holds more than one rank), ``setara_dengan`` (teams the paired
        comparison cannot tell it apart from), ``status``, then every KPI of
        :data:`~workbench.roleplay.scoring.KPIS` as its mean over replications with
        ``<kpi>_bawah`` and ``<kpi>_atas`` (95% confidence interval), and ``dikirim``
        (submission time in office time, WIB). Teams that have not submitted come last without
        numbers.
        """
        round_ = self.get_round(round)
        return tables.leaderboard(self._final(round_), self.teams, self.rank_by, round_)

    def queue_over_day(self, *, round: int | None = None) -> pd.DataFrame:
        """Average queue length through the day per team: ``tim``, ``jam``, ``antrean``,
        ``batas_bawah``, ``batas_atas``."""
        return tables.queue_over_day(self._final(self.get_round(round)), self.teams)

    def wait_distribution(self, *, round: int | None = None) -> pd.DataFrame:
        """Share of served visitors per waiting-time bin, per team: ``tim``, ``dari``,
        ``sampai``, ``porsi`` (%)."""
        return tables.wait_distribution(self._final(self.get_round(round)), self.teams)

    def changes(self, *, round: int | None = None) -> pd.DataFrame:
        """What each team changed against the card: ``tim``, ``perubahan`` (one line each),
        ``biaya`` (officer-hours)."""
        return tables.changes(self._final(self.get_round(round)), self.teams)

    def replay(self, team: str, *, round: int | None = None) -> pd.DataFrame:
        """``team``'s day, one visitor per row (replication 1), for the animated replay.

        Columns ``id``, ``layanan``, ``prioritas``, ``datang``, ``mulai``, ``keluar`` (clock
        minutes from midnight), ``loket`` (counter name, empty if not served) and ``status``.
        """
        row = self._final(self.get_round(round)).get(team)
        if row is None:
            raise WorkbenchError(f"{team} belum mengirim rencana pada ronde ini.")
        return tables.read_frame(row["replay"])

    def counters_of(self, team: str, *, round: int | None = None) -> list[str]:
        """The counters ``team``'s plan uses (for the replay's counter row)."""
        plan = self.plan_of(team, round=round)
        return [] if plan is None else [c.name for c in plan.counters]

    def submissions(self) -> pd.DataFrame:
        """Every plan ever stored, oldest first: ``ronde`` (number), ``tim``, ``tahap``,
        ``sumber``, ``biaya_rencana`` (planned officer-hours), ``perubahan``, ``dikirim``, plus
        the mean of each KPI (``biaya`` there is the measured cost, with overtime)."""
        with self._con() as con:
            rows = store.all_plans(con, self.id)
        return tables.submissions(rows)

    def export_excel(self, path: str | Path) -> Path:
        """Write the workshop to an Excel file (:func:`workbench.roleplay.export.export_excel`)."""
        from workbench.roleplay.export import export_excel

        return export_excel(self, path)

    def export_name(self) -> str:
        """The Excel file's name: the workshop's name and date (``lokakarya-pelatihan-februari-
        2025-02-05.xlsx``)."""
        from workbench.roleplay.export import export_name

        return export_name(self)
