"""Team rules in the engine: a back-office officer on call, and an overtime cap."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from workbench.errors import WorkbenchError
from workbench.simulation import Scenario, simulate
from workbench.simulation.team_rules import Reserve

CARD = Path(__file__).resolve().parent.parent / "scenarios" / "selasa-biasa.yaml"


def with_reserve(sc: Scenario, name: str, open_at: int, close_at: int) -> Scenario:
    counters = tuple(
        replace(c, reserve=Reserve(open_at, close_at)) if c.name == name else c for c in sc.counters
    )
    return sc.replace(counters=counters)


def busy_card() -> Scenario:
    """Selasa biasa with three counters and a fifth desk for the officer on call."""
    sc = Scenario.from_yaml(CARD)
    return sc.replace(counters=(*sc.counters[:3], replace(sc.counters[0], name="Loket 5")))


def waiting_at(rec, t: float) -> int:
    """People in the queue at minute ``t`` before anyone is called at ``t`` (arrivals at ``t``
    included), counted from the records alone."""
    joined = rec["status"] != "tidak_bergabung"
    out_at = rec["mulai"].where(rec["status"] == "dilayani", rec["keluar"])
    return int((joined & (rec["datang"] <= t) & (out_at >= t)).sum())


def test_an_officer_never_called_changes_nothing():
    """With a threshold nobody ever reaches, is the day exactly the day without that counter
    (same visitors, same calls, same waits)?"""
    sc = Scenario.from_yaml(CARD)
    extra = sc.replace(counters=(*sc.counters, replace(sc.counters[0], name="Loket 5")))
    never = with_reserve(extra, "Loket 5", 10_000, 0)
    a = simulate(sc, replications=5, seed=3).records
    b = simulate(never, replications=5, seed=3).records
    assert np.array_equal(a["datang"], b["datang"])
    assert np.allclose(a["mulai"].fillna(-1), b["mulai"].fillna(-1))
    assert (a["status"].astype(str) == b["status"].astype(str)).all()
    assert (b["loket"].astype(str) != "Loket 5").all()


def test_officer_comes_only_when_the_queue_is_long_and_helps():
    """Does every stint of the officer on call begin when at least the threshold was waiting
    (checked from the records), and does the officer shorten the waits?"""
    sc = busy_card()
    plain = sc.replace(counters=sc.counters[:3])  # the same day without the officer
    on_call = with_reserve(sc, "Loket 5", 6, 1)
    rec = simulate(on_call, replications=8, seed=5).records
    mine = rec[rec["loket"].astype(str) == "Loket 5"].sort_values(["replikasi", "mulai"])
    assert len(mine) > 10
    stints = 0
    for _r, g in mine.groupby("replikasi"):
        previous_end = -np.inf
        for row in g.itertuples():
            if row.mulai > previous_end + 1e-9:  # the officer was back in the back office
                assert waiting_at(rec[rec["replikasi"] == row.replikasi], row.mulai) >= 6
                stints += 1
            previous_end = row.selesai
    assert stints > 5
    with_officer = simulate(on_call, replications=8, seed=5).summary()
    without = simulate(plain, replications=8, seed=5).summary()
    assert with_officer.loc["rata_tunggu", "nilai"] < without.loc["rata_tunggu", "nilai"]


def test_overtime_cap_stops_calling_after_closing():
    """With a cap of 0 minutes, does nobody start service after closing, do those still
    waiting go home, and is a cap longer than any overtime the same as no cap?"""
    sc = Scenario.from_yaml(CARD)
    late_rush = replace(sc.arrivals, per_hour={**sc.arrivals.per_hour, 15: 20})
    sc = sc.with_counters(3).replace(arrivals=late_rush)  # a late rush: overtime
    close = sc.close_time - sc.open_time
    free = simulate(sc, replications=6, seed=2).records
    assert (free["mulai"] > close).any()  # without a cap, some are served after closing
    capped = simulate(sc.replace(overtime_cap_minutes=0), replications=6, seed=2).records
    assert not (capped["mulai"] > close + 1e-9).any()
    assert (capped["status"] == "pergi").sum() > (free["status"] == "pergi").sum()
    assert np.allclose(capped["datang"], free["datang"])
    loose = simulate(sc.replace(overtime_cap_minutes=600), replications=6, seed=2).records
    assert np.allclose(loose["mulai"].fillna(-1), free["mulai"].fillna(-1))


def test_rules_round_trip_through_a_card_and_are_checked():
    """Are the officer on call and the cap written to a card and read back, and are bad
    values refused in Indonesian?"""
    sc = with_reserve(busy_card(), "Loket 5", 8, 2).replace(overtime_cap_minutes=30)
    again = Scenario.from_dict(sc.to_dict())
    assert again == sc
    assert again.to_dict()["loket"][-1]["cadangan"] == {"buka_bila": 8, "kembali_bila": 2}
    with pytest.raises(WorkbenchError, match="kurang dari buka_bila"):
        with_reserve(busy_card(), "Loket 5", 3, 3)
    with pytest.raises(WorkbenchError, match="antrean bersama"):
        with_reserve(busy_card(), "Loket 5", 8, 2).replace(queue="per_loket")
    with pytest.raises(WorkbenchError, match="batas lembur"):
        busy_card().replace(overtime_cap_minutes=-5)


def two_short_days() -> Scenario:
    """Two Tuesdays with three counters and a late rush: people go home unserved on day 1."""
    sc = Scenario.from_yaml(CARD)
    late_rush = replace(sc.arrivals, per_hour={**sc.arrivals.per_hour, 15: 20})
    return sc.with_counters(3).replace(days=("selasa", "rabu"), arrivals=late_rush)


def test_nobody_comes_back_when_the_share_is_zero():
    """Is a return share of 0 exactly the day without the rule?"""
    sc = two_short_days()
    a = simulate(sc, replications=4, seed=8).records
    b = simulate(sc.replace(return_next_day=0.0), replications=4, seed=8).records
    assert a.equals(b)


def test_everyone_sent_home_comes_back_the_next_morning():
    """With a share of 1, does every person who went home unserved on day 1 come back exactly
    once on day 2, within its first two hours, for the same service and priority, while
    everyone else's first visit is unchanged (common random numbers)?"""
    sc = two_short_days()
    plain = simulate(sc, replications=4, seed=8).records
    back = simulate(sc.replace(return_next_day=1.0), replications=4, seed=8).records
    first = back[back["kanal"] != "kembali"]
    assert np.allclose(first["datang"], plain["datang"])  # the same first visits
    day1 = first[(first["hari"] == 1) & (first["status"] != "dilayani")]
    again = back[back["kanal"] == "kembali"]
    assert len(day1) > 20 and len(again) == len(day1)
    assert (again["hari"] == 2).all()
    opening = 24 * 60  # day 2 opens 1440 minutes after day 1
    assert ((again["datang"] >= opening) & (again["datang"] < opening + 120)).all()
    for r in range(1, 5):
        gone = day1[day1["replikasi"] == r].sort_values(["layanan", "prioritas"])
        came = again[again["replikasi"] == r].sort_values(["layanan", "prioritas"])
        assert gone["layanan"].astype(str).tolist() == came["layanan"].astype(str).tolist()
        assert gone["prioritas"].astype(str).tolist() == came["prioritas"].astype(str).tolist()


def test_share_of_returns_matches_the_setting():
    """With a share of 0.5, is the fraction coming back within binomial noise of one half?"""
    sc = two_short_days()
    back = simulate(sc.replace(return_next_day=0.5), replications=20, seed=9).records
    first = back[back["kanal"] != "kembali"]
    n = int(((first["hari"] == 1) & (first["status"] != "dilayani")).sum())
    k = int((back["kanal"] == "kembali").sum())
    assert n > 200
    assert abs(k / n - 0.5) < 4 * (0.25 / n) ** 0.5
    with pytest.raises(WorkbenchError, match="antara 0 dan 1"):
        sc.replace(return_next_day=1.5)
    assert Scenario.from_dict(sc.replace(return_next_day=0.5).to_dict()).return_next_day == 0.5
