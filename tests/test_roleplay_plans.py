"""Role-play plans: what the team page shows (PlanChoices, without ipywidgets), what the card
fixes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from workbench.errors import WorkbenchError
from workbench.roleplay import card_rules, plans
from workbench.roleplay.card_rules import CARD, TEAM
from workbench.simulation import Appointments, Counter, Disruption, Period, Scenario
from workbench.simulation.front_desk import FrontDesk

ROOT = Path(__file__).resolve().parent.parent
CARDS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def card() -> Scenario:
    return Scenario.from_yaml(ROOT / "scenarios" / "selasa-biasa.yaml")


# ---------------------------------------------------------------- plan choices


def test_card_shown_as_choices(card):
    """Does the card's own plan show as the page expects: Loket 1-4 staffed every hour, Loket
    5-6 free, everything served, Loket 4 the priority desk, one shared queue, no quota?"""
    choices = plans.PlanChoices.from_plan(card, card)
    hours = set(plans.staffing(card).columns)
    assert list(choices.staffed) == [f"Loket {i}" for i in range(1, 7)]
    assert all(choices.staffed[f"Loket {i}"] == hours for i in range(1, 5))
    assert choices.staffed["Loket 5"] == choices.staffed["Loket 6"] == frozenset()
    assert set(choices.services.values()) == {"Semua layanan"}
    assert (choices.priority_counter, choices.queue, choices.quota) == ("Loket 4", "bersama", 0)
    assert choices.to_plan(card) == card


def _random_choices(rng, card: Scenario) -> plans.PlanChoices:
    desks = plans.desk_names(card)
    hours = list(plans.staffing(card).columns)
    groups = list(plans.service_groups(card))
    staffed = {d: frozenset(h for h in hours if rng.random() < 0.6) for d in desks}
    if not any(staffed.values()):
        staffed[desks[0]] = frozenset(hours)
    pick = lambda options: options[int(rng.integers(len(options)))]  # noqa: E731
    return plans.PlanChoices(
        staffed=staffed,
        services={d: pick(groups) for d in desks},
        priority_counter=pick([None, *desks]),
        priority_only=bool(rng.random() < 0.3),
        priority_first=bool(rng.random() < 0.5),
        queue=pick(["bersama", "per_loket"]),
        quota=int(rng.integers(0, 5)),
        staggered=bool(rng.random() < 0.5),
        reserve_counter=pick([None, *desks]),
        reserve_open=int(rng.integers(2, 21)),
        reserve_close=int(rng.integers(0, 2)),
        overtime_cap=pick(list(plans.OVERTIME_CAPS)),
    )


def test_choices_round_trip_through_plans(card):
    """For 200 random pages, does the plan a page describes show back as the same choices,
    and do those choices give the same plan again (nothing lost between page and plan)?"""
    rng = np.random.default_rng(11)
    built = 0
    for _ in range(200):
        choices = _random_choices(rng, card)
        try:
            plan = choices.to_plan(card)
        except WorkbenchError:
            continue  # e.g. a priority-only desk leaving a service without a counter
        built += 1
        shown = plans.PlanChoices.from_plan(card, plan)
        assert shown.to_plan(card) == plan
        assert plans.PlanChoices.from_plan(card, shown.to_plan(card)) == shown
        for desk, hours in choices.staffed.items():
            assert shown.staffed[desk] == hours
        assert not card_rules.plan_problems(card, plan)  # the page never changes the card
    assert built > 100


def test_choices_of_a_decision_page(card):
    """Does ticking an hour on the page change exactly that hour of the plan?"""
    choices = plans.PlanChoices.from_plan(card, card).with_hour("Loket 5", "10", True)
    plan = choices.to_plan(card)
    assert plans.staffing(plan).loc["Loket 5"].tolist() == [
        h == "10" for h in plans.staffing(card).columns
    ]
    assert plans.describe_changes(card, plan) == ["Loket 5 ditambah (10:00-11:00)."]


# ---------------------------------------------------------------- what the card fixes


def test_every_scenario_field_is_classified():
    """Is every field of a scenario, a counter, an appointment scheme and a front desk listed
    as the team's decision or the card's (a new field must be classified before use)?"""
    from workbench.simulation import Scenario as S

    for cls, table in (
        (S, card_rules.CARD_FIELDS),
        (Counter, card_rules.COUNTER_FIELDS),
        (Appointments, card_rules.APPOINTMENT_FIELDS),
        (FrontDesk, card_rules.FRONT_DESK_FIELDS),
    ):
        assert sorted(f.name for f in dataclasses.fields(cls)) == sorted(table), cls.__name__
        assert {who for who, _label in table.values()} <= {TEAM, CARD}
    team = sorted(k for k, (who, _) in card_rules.CARD_FIELDS.items() if who == TEAM)
    assert team == [
        "appointments", "counters", "front_desk", "office_breaks", "overtime_cap_minutes",
        "priority_first", "queue",
    ]  # fmt: skip
    fixed = sorted(k for k, (who, _) in card_rules.COUNTER_FIELDS.items() if who == CARD)
    assert fixed == ["absences", "speed_factor"]


def _world_changes(card: Scenario) -> dict[str, Scenario]:
    """One plan per thing only the card decides, each changing just that."""
    c1 = card.counters[0]
    fast = tuple(dataclasses.replace(c, speed_factor=0.05) for c in card.counters)
    sick = Period(start=card.open_time, end=card.close_time, day=1)
    return {
        "services": card.replace(services=card.services[::-1]),
        "arrivals": card.replace(arrivals=dataclasses.replace(card.arrivals, factor=0.5)),
        "open_time": card.replace(open_time=card.open_time - 30),
        "close_time": card.replace(close_time=card.close_time - 30),
        "patience": card.replace(patience=None),
        "balking": card.replace(balking=None),
        "priority_shares": card.replace(priority_shares={}),
        "service_standard_minutes": card.replace(service_standard_minutes=60),
        "return_next_day": card.replace(return_next_day=0.5),
        "disruptions": card.replace(disruptions=(Disruption("sistem_mati", 600.0, 660.0),)),
        "office_breaks": card.replace(office_breaks=((8 * 60.0, 15 * 60.0),)),
        "loket.speed_factor": card.replace(counters=fast),
        "loket.absences": card.replace(
            counters=(dataclasses.replace(c1, absences=(sick,)), *card.counters[1:])
        ),
        "appointments": plans.with_appointment_quota(card, 2).replace(
            appointments=dataclasses.replace(
                plans.with_appointment_quota(card, 2).appointments, no_show=0.0
            )
        ),
        "name": card.replace(name="Kartu lain"),
    }


def test_a_plan_may_not_change_the_world(card):
    """Is a plan refused, naming what it changed, when it makes every officer 20 times faster,
    adds or removes an absence, changes arrivals, hours, patience, the standard, the
    appointments' no-shows or a longer office break (which would be cheaper)?"""
    for field, plan in _world_changes(card).items():
        problems = card_rules.plan_problems(card, plan)
        assert problems, field
        assert any(field.split(".")[-1] in (p.column or "") for p in problems), (field, problems)
        with pytest.raises(WorkbenchError, match="tidak bisa diterima"):
            plans.check_plan(card, plan)


def test_the_sick_officer_stays_sick():
    """On the petugas-sakit card, is a plan that removes Loket 2's absence refused, while
    closing Loket 2 or staffing another desk is the team's decision?"""
    sick = Scenario.from_yaml(ROOT / "scenarios" / "petugas-sakit.yaml")
    healed = sick.replace(
        counters=tuple(dataclasses.replace(c, absences=()) for c in sick.counters)
    )
    with pytest.raises(WorkbenchError, match="petugas yang tidak hadir di Loket 2"):
        plans.check_plan(sick, healed)
    grid = plans.staffing(sick)
    grid.loc["Loket 2"] = False
    grid.loc["Loket 5"] = False
    grid.loc["Loket 5", ["09", "10", "11"]] = True
    plans.check_plan(sick, plans.with_staffing(sick, grid))


def test_team_decisions_are_accepted(card):
    """Is every decision the page offers (staffing, services, priority, queue, quota,
    staggered breaks, officer on call, overtime cap) accepted?"""
    plan = plans.with_staffing(card, {"Loket 5": {"09": True, "10": True}})
    plan = plans.with_services(plan, "Loket 5", ["Legalisir", "Surat Keterangan"])
    plan = plans.with_priority_counter(plan, "Loket 1", only=False)
    plan = plans.with_appointment_quota(plan, 3)
    plan = plans.with_staggered_breaks(plan, plans.staggered_breaks(plan))
    plan = plans.with_reserve(plan, "Loket 5", open_at=6, close_at=1)
    plan = plan.replace(priority_first=False, overtime_cap_minutes=30)
    assert card_rules.plan_problems(card, plan) == []
    plan = plans.with_reserve(plan, None).replace(queue="per_loket")
    assert card_rules.plan_problems(card, plan) == []


@pytest.mark.parametrize("path", CARDS, ids=lambda p: p.stem)
def test_every_card_is_its_own_valid_plan(path):
    """Is every shipped card accepted as its own plan, and does the page show it and give it
    back unchanged?"""
    sc = Scenario.from_yaml(path)
    assert card_rules.plan_problems(sc, sc) == []
    if len(sc.counters) <= plans.MAX_COUNTERS and sc.arrivals.constant is None:
        choices = plans.PlanChoices.from_plan(sc, sc)
        assert plans.staffing(choices.to_plan(sc)).equals(plans.staffing(sc))
