"""Role-play scoring: one KPI engine with the simulation, and ranks a facilitator can explain."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.roleplay import Workshop, plans
from workbench.roleplay.scoring import (
    FROM_SIMULATION,
    KPIS,
    kpis_per_replication,
    rank_ranges,
    satisfaction_scores,
)
from workbench.simulation import Scenario, simulate

ROOT = Path(__file__).resolve().parent.parent
CARD = ROOT / "scenarios" / "selasa-biasa.yaml"


# ---------------------------------------------------------------- one KPI engine


def test_waiting_kpis_are_the_simulations_own():
    """Are mean wait, P90, the share within the standard and overtime exactly what
    SimulationResult.per_replication says, under the same names?"""
    result = simulate(Scenario.from_yaml(CARD), replications=4, seed=3)
    per, sim = kpis_per_replication(result), result.per_replication()
    for code in FROM_SIMULATION:
        assert per[code].tolist() == sim[code].tolist(), code
    left = sim["pengunjung_per_hari"] * (sim["porsi_pergi"] + sim["porsi_tidak_bergabung"]) / 100
    assert np.allclose(per["pergi"], left)
    assert list(per.columns) == ["replikasi", *KPIS]


def test_satisfaction_bands_are_in_order():
    """With a 15-minute standard, does a wait of 0, 20, 40 and 100 minutes score 4, 3, 2 and 1,
    does anyone who left score 1, and does a longer wait never score higher?"""
    wait = np.array([0.0, 15.0, 20.0, 30.0, 40.0, 60.0, 100.0, np.nan, 5.0])
    served = np.array([True] * 7 + [False, False])
    assert satisfaction_scores(wait, served, 15.0).tolist() == [4, 4, 3, 3, 2, 2, 1, 1, 1]
    waits = np.linspace(0, 120, 241)
    scores = satisfaction_scores(waits, np.ones(len(waits), bool), 15.0)
    assert (np.diff(scores) <= 0).all()


def test_satisfaction_estimate_of_a_run():
    """Is the run's satisfaction estimate 25 times the mean score of every visitor, per
    replication?"""
    result = simulate(Scenario.from_yaml(CARD), replications=3, seed=5)
    per = kpis_per_replication(result)
    for r, group in result.records.groupby("replikasi"):
        scores = satisfaction_scores(
            group["tunggu"].to_numpy(), group["status"].to_numpy() == "dilayani", 15.0
        )
        assert per.set_index("replikasi").loc[r, "kepuasan"] == pytest.approx(25 * scores.mean())


def test_a_quiet_office_has_no_overtime_and_costs_its_schedule():
    """In an office where the last visitor is served well before closing, is overtime zero
    (never negative) and the measured cost exactly the scheduled officer-hours?"""
    sc = Scenario.from_yaml(CARD)
    quiet = sc.replace(arrivals=sc.arrivals.__class__(per_hour={h: 2.0 for h in range(7, 14)}))
    result = simulate(quiet, replications=6, seed=2)
    per = kpis_per_replication(result)
    assert (per["lembur"] == 0).all()
    assert per["biaya"].tolist() == [plans.officer_hours(quiet)] * 6


def test_overtime_is_paid_on_top_of_the_schedule():
    """When counters serve past closing, is the cost the schedule plus that overtime?"""
    sc = Scenario.from_yaml(CARD)
    busy = sc.replace(arrivals=sc.arrivals.__class__(per_hour={15: 60.0}))
    result = simulate(busy, replications=3, seed=2)
    per = kpis_per_replication(result)
    assert (per["lembur"] > 0).all()
    assert (per["biaya"] > plans.officer_hours(busy) + per["lembur"] / 60 - 1e-9).all()


# ---------------------------------------------------------------- ranks


def _random_tables(rng, n_teams: int, n_rep: int, kpi: str) -> dict[str, pd.DataFrame]:
    day = rng.normal(80, 8, n_rep)  # the day's visitors move every team alike
    out = {}
    for i in range(n_teams):
        effect = rng.choice([0.0, 0.3, 1.0, 3.0]) * rng.normal()
        noise = rng.choice([0.2, 1.0, 4.0])
        values = day + effect + rng.normal(0, noise, n_rep)
        out[f"Tim {i}"] = pd.DataFrame({"replikasi": range(1, n_rep + 1), kpi: values})
    return out


def _assert_table_reads_down(table: pd.DataFrame, means: dict[str, float], higher: bool):
    ordered = [means[t] for t in table["tim"]]
    if higher:
        assert ordered == sorted(ordered, reverse=True), table
    else:
        assert ordered == sorted(ordered), table
    for column in ("peringkat", "peringkat_sampai"):
        ranks = table[column].tolist()
        assert ranks == sorted(ranks), (column, table)
    position = np.arange(1, len(table) + 1)
    assert (table["peringkat"] <= position).all() and (position <= table["peringkat_sampai"]).all()
    assert (table["peringkat"] >= 1).all() and (table["peringkat_sampai"] <= len(table)).all()


@pytest.mark.parametrize("kpi", ["porsi_tepat_waktu", "rata_tunggu"])
def test_ranks_never_fall_down_the_table(kpi):
    """Over 400 random leaderboards (2-8 teams, 3-40 replications, teams far apart, close
    together or noisy), are rows ordered by the ranked measure, does neither end of a rank range
    ever get worse going up the table, and does each team's position lie inside its range?"""
    rng = np.random.default_rng(2024)
    higher = KPIS[kpi][2]
    for _ in range(400):
        per = _random_tables(rng, int(rng.integers(2, 9)), int(rng.integers(3, 41)), kpi)
        table = rank_ranges(per, kpi)
        means = {t: float(p[kpi].mean()) for t, p in per.items()}
        _assert_table_reads_down(table, means, higher)


def test_clear_differences_give_single_ranks():
    """Are teams far apart beyond noise given one rank each, 1, 2, 3?"""
    rng = np.random.default_rng(1)
    day = rng.normal(80, 8, 20)
    per = {
        t: pd.DataFrame({"replikasi": range(1, 21), "porsi_tepat_waktu": day + shift})
        for t, shift in (("B", 0.0), ("A", 5.0), ("C", -5.0))
    }
    table = rank_ranges(per, "porsi_tepat_waktu")
    assert table["tim"].tolist() == ["A", "B", "C"]
    assert table["peringkat"].tolist() == table["peringkat_sampai"].tolist() == [1, 2, 3]
    assert not table["setara"].any()


@pytest.mark.slow
def test_random_workshops_never_rank_down_the_table(tmp_path):
    """Through the API: in 12 random workshops with random plans of 3-6 teams, is every
    leaderboard ordered by the ranked measure, with ranks that never get worse going up?"""
    rng = np.random.default_rng(7)
    card = Scenario.from_yaml(CARD)
    for w in range(12):
        teams = [f"Tim {i}" for i in range(int(rng.integers(3, 7)))]
        ws = Workshop.create(
            tmp_path / "acak.sqlite", f"Acak {w}", card=card, teams=teams,
            seed=int(rng.integers(0, 1000)), replications=int(rng.integers(4, 9)),
            budget_hours=60,
        )  # fmt: skip
        for team in teams:
            ws.submit(team, _random_plan(rng, card))
        board = ws.leaderboard()
        means = dict(zip(board["tim"], board["porsi_tepat_waktu"], strict=True))
        _assert_table_reads_down(board, means, higher=True)


def _random_plan(rng, card: Scenario) -> Scenario:
    choices = plans.PlanChoices.from_plan(card, card)
    for desk in plans.desk_names(card):
        for hour in plans.staffing(card).columns:
            if rng.random() < 0.25:
                choices = choices.with_hour(desk, hour, bool(rng.random() < 0.5))
    if not any(choices.staffed.values()):
        choices = choices.with_hour("Loket 1", "08", True)
    return choices.to_plan(card)
