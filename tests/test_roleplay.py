"""The role-play workshop API: plans, submissions, leaderboard and ties, rounds, storage."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from workbench.errors import WorkbenchError
from workbench.roleplay import DISRUPTIONS, Workshop, plans, store
from workbench.roleplay.scoring import kpis_per_replication, rank_ranges
from workbench.simulation import Scenario, simulate, theory
from workbench.simulation.midday import state_at, switch_at

ROOT = Path(__file__).resolve().parent.parent
CARD = ROOT / "scenarios" / "selasa-biasa.yaml"
TEAMS = ["Tim A", "Tim B", "Tim C"]


@pytest.fixture
def ws(tmp_path) -> Workshop:
    return Workshop.create(
        tmp_path / "lokakarya.sqlite",
        "Uji lokakarya",
        card=CARD,
        teams=TEAMS,
        budget_hours=36,
        seed=7,
        replications=20,
    )


def extra_morning_counter(sc: Scenario) -> Scenario:
    """A fifth counter 08:00-11:00: the busy morning gets more hands (3 officer-hours)."""
    grid = plans.staffing(sc)
    grid.loc["Loket 5"] = False
    grid.loc["Loket 5", ["08", "09", "10"]] = True
    return plans.with_staffing(sc, grid)


def short_staffed(sc: Scenario) -> Scenario:
    """Loket 3 only staffed from 13:00: the morning rush with three counters."""
    grid = plans.staffing(sc)
    grid.loc["Loket 3", ["07", "08", "09", "10", "11", "12"]] = False
    return plans.with_staffing(sc, grid)


# ---------------------------------------------------------------- plans


def test_cost_is_officer_hours_without_breaks():
    """Does the card's plan cost 4 counters x (8.5 h open - 1 h ISHOMA) = 30 officer-hours,
    and does an extra counter for three hours add exactly 3?"""
    sc = Scenario.from_yaml(CARD)
    assert plans.officer_hours(sc) == pytest.approx(30.0)
    assert plans.officer_hours(extra_morning_counter(sc)) == pytest.approx(33.0)
    staggered = plans.with_staggered_breaks(
        sc, {"Loket 1": ("11:30", "12:30"), "Loket 2": ("12:30", "13:30")}
    )
    # Loket 3 and 4 now work through lunch (no office break): 2 x 8.5 + 2 x 7.5
    assert plans.officer_hours(staggered) == pytest.approx(32.0)


def test_staffing_grid_round_trips_and_describes_changes():
    """Does the hour grid read back what was set, and are changes told in Indonesian?"""
    sc = Scenario.from_yaml(CARD)
    plan = extra_morning_counter(sc)
    grid = plans.staffing(plan)
    assert grid.loc["Loket 5"].tolist() == [False, True, True, True] + [False] * 5
    assert grid.loc["Loket 1"].all()
    assert plans.describe_changes(sc, plan) == ["Loket 5 ditambah (08:00-11:00)."]
    closed = plans.with_staffing(sc, {"Loket 2": {h: False for h in grid.columns}})
    assert [c.name for c in closed.counters] == ["Loket 1", "Loket 3", "Loket 4"]
    assert "Loket 2 ditutup sepanjang hari." in plans.describe_changes(sc, closed)
    with pytest.raises(WorkbenchError, match="jam tidak dikenal"):
        plans.with_staffing(sc, {"Loket 1": {"18": True}})


def test_appointment_quota_moves_visitors_instead_of_adding_them():
    """With a quota, does the office meet about as many people as without one?"""
    sc = Scenario.from_yaml(CARD)
    quota = plans.effective_scenario(plans.with_appointment_quota(sc, 1))
    walk_in = simulate(sc, replications=40, seed=3).records.groupby("replikasi").size()
    mixed = simulate(quota, replications=40, seed=3).records
    assert (mixed["kanal"] == "daring").sum() > 0
    per_rep = mixed.groupby("replikasi").size()
    diff = per_rep.to_numpy() - walk_in.to_numpy()
    assert abs(diff.mean()) < 3 * diff.std(ddof=1) / np.sqrt(len(diff)) + 1.0


def test_plan_that_changes_the_visitors_is_refused(ws):
    """Is a plan with busier arrivals or slower services refused, naming what it changed?"""
    sc = ws.baseline()
    busier = sc.replace(arrivals=sc.arrivals.__class__(per_hour={8: 5}))
    with pytest.raises(WorkbenchError) as err:
        ws.submit("Tim A", busier)
    assert "kedatangan warga" in str(err.value)
    with pytest.raises(WorkbenchError, match="Scenario"):
        ws.submit("Tim A", {"loket": 5})
    with pytest.raises(WorkbenchError, match="tidak terdaftar"):
        ws.submit("Tim Z", sc)
    with pytest.raises(WorkbenchError, match="meja loket"):
        plans.with_staffing(sc, {f"Loket {i}": {"08": True} for i in range(5, 9)})
    assert ws.leaderboard()["status"].tolist() == ["belum mengirim"] * 3


def test_plan_leaving_a_service_without_counter_is_refused(ws):
    """Does a plan in which no counter serves Legalisir explain that, in Indonesian?"""
    sc = ws.baseline()
    names = [s.name for s in sc.services if s.name != "Legalisir"]
    with pytest.raises(WorkbenchError) as err:
        for c in sc.counters:
            sc = plans.with_services(sc, c.name, names)
    assert "tidak ada loket yang melayani layanan ini" in str(err.value)


def test_over_budget_is_refused_and_nothing_is_stored(ws):
    """Is a plan over the budget refused with its cost and the budget, and not stored?"""
    sc = ws.baseline()
    grid = plans.staffing(sc)
    for name in ("Loket 5", "Loket 6"):
        grid.loc[name] = True  # two more full-day counters: 45 officer-hours
    plan = plans.with_staffing(sc, grid)
    preview = ws.preview(plan)
    assert preview["biaya"] == pytest.approx(45.0) and preview["sisa"] == pytest.approx(-9.0)
    assert preview["di_atas_anggaran"] and not ws.preview(ws.baseline())["di_atas_anggaran"]
    assert "melebihi anggaran" in preview["masalah"][0] and not preview["perkiraan"]
    with pytest.raises(WorkbenchError) as err:
        ws.submit("Tim A", plan)
    assert "45,0 jam-petugas" in str(err.value) and "anggaran 36,0" in str(err.value)
    assert len(ws.submissions()) == 0


# ---------------------------------------------------------------- leaderboard


def test_three_teams_are_ranked_and_identical_plans_tied(ws):
    """Does the better-staffed team rank first, and do two teams with the same plan share a
    range of ranks, marked tied with each other?"""
    sc = ws.baseline()
    ws.submit("Tim A", short_staffed(sc))
    ws.submit("Tim B", extra_morning_counter(sc))
    ws.submit("Tim C", short_staffed(sc))
    board = ws.leaderboard()
    assert board["tim"].tolist()[0] == "Tim B"
    table = board.set_index("tim")
    assert (table.loc["Tim B", "peringkat"], table.loc["Tim B", "peringkat_sampai"]) == (1, 1)
    for team in ("Tim A", "Tim C"):  # identical plans: either could be second
        assert (table.loc[team, "peringkat"], table.loc[team, "peringkat_sampai"]) == (2, 3)
        assert table.loc[team, "setara"]
    assert table.loc["Tim A", "setara_dengan"] == "Tim C"
    row = table.loc["Tim B"]
    assert (
        row["porsi_tepat_waktu_bawah"] <= row["porsi_tepat_waktu"] <= row["porsi_tepat_waktu_atas"]
    )
    assert row["biaya"] >= 33.0  # scheduled hours plus any overtime
    assert "2–4" in ws.rank_explanation() and "20 hari simulasi" in ws.rank_explanation()


def test_ties_come_from_paired_differences():
    """Are two teams whose KPIs differ by a constant far below their spread still ranked apart
    (common random numbers), while noisy differences give a range of ranks?"""
    rng = np.random.default_rng(1)
    base = rng.normal(80, 10, 30)  # large spread between replications
    per = {
        "A": pd.DataFrame({"replikasi": range(1, 31), "porsi_tepat_waktu": base + 0.5}),
        "B": pd.DataFrame({"replikasi": range(1, 31), "porsi_tepat_waktu": base}),
        "C": pd.DataFrame(
            {"replikasi": range(1, 31), "porsi_tepat_waktu": base + rng.normal(0, 5, 30)}
        ),
    }
    table = rank_ranges(per, "porsi_tepat_waktu").set_index("tim")
    assert "C" in table.loc["A", "setara_dengan"] and "C" in table.loc["B", "setara_dengan"]
    assert "B" not in table.loc["A", "setara_dengan"]
    assert table.loc["A", "peringkat"] < table.loc["B", "peringkat_sampai"]
    assert table.loc["C", "peringkat"] < table.loc["C", "peringkat_sampai"]  # C: noisy


def test_share_within_standard_agrees_with_erlang_c():
    """For a textbook M/M/3 office, is the leaderboard's share served within the standard the
    Erlang C value 1 - P(wait) exp(-(c - A) t / h), within sampling error?"""
    sc = Scenario.mmc(
        arrivals_per_hour=40,
        mean_service_minutes=4,
        counters=3,
        hours=400,
        service_standard_minutes=5,
    )
    per = kpis_per_replication(simulate(sc, replications=8, seed=5))
    expected = 100 * theory.share_within(40, 4, 3, 5)
    mean, sd = per["porsi_tepat_waktu"].mean(), per["porsi_tepat_waktu"].std(ddof=1)
    assert abs(mean - expected) < 4 * sd / np.sqrt(len(per)) + 0.5
    # nobody leaves in M/M/c, so the satisfaction estimate only reflects waiting
    assert (per["pergi"] == 0).all() and (per["kepuasan"] > 25).all()


def _sheet(book, name: str) -> list[dict]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_export_to_excel_opens(ws, tmp_path):
    """Does the Excel export open with the leaderboard and every plan, named after the workshop
    and its date, with rounded numbers, the round as a number in every sheet, and the budget
    and seed stored as numbers?"""
    ws.submit("Tim A", ws.baseline())
    ws.submit("Tim B", extra_morning_counter(ws.baseline()))
    ws.start_round(disruption="lonjakan")
    dated = Workshop.create(
        ws.path, "Pelatihan Februari", card=CARD, teams=TEAMS, date="05/02/2025"
    )
    assert dated.export_name() == "lokakarya-pelatihan-februari-2025-02-05.xlsx"
    assert ws.export_name().startswith("lokakarya-uji-lokakarya-20")
    path = ws.export_excel(tmp_path / ws.export_name())
    book = openpyxl.load_workbook(path)
    assert {"Lokakarya", "Papan skor", "Semua kiriman", "Perubahan rencana"} <= set(book.sheetnames)
    board = _sheet(book, "Papan skor")
    assert {r["tim"] for r in board} == set(TEAMS)
    assert {r["ronde"] for r in board} == {1, 2}  # a number, as in every other sheet
    for name in ("Perubahan rencana", "Semua kiriman", "Antrean per 15 menit"):
        assert all(isinstance(r["ronde"], int) for r in _sheet(book, name)), name
    for r in board:
        if r["porsi_tepat_waktu"] is not None:
            assert r["porsi_tepat_waktu"] == round(r["porsi_tepat_waktu"], 1)
            assert r["biaya"] == round(r["biaya"], 2)
    changes = [r["perubahan"] for r in _sheet(book, "Perubahan rencana")]
    assert "Loket 5 ditambah (08:00-11:00)." in changes
    info = {r["keterangan"]: r["nilai"] for r in _sheet(book, "Lokakarya")}
    assert info["Anggaran (jam-petugas)"] == 36 and isinstance(info["Seed"], int)
    assert info["Replikasi"] == 20 and "hari simulasi yang sama" in info["Cara peringkat"]


# ---------------------------------------------------------------- storage


def test_reopening_sees_everything_and_keeps_history(ws):
    """Does a workshop opened again (as after a kernel restart) show every plan, and is a
    resubmission a new row rather than an overwrite?"""
    ws.submit("Tim A", ws.baseline())
    ws.submit("Tim A", extra_morning_counter(ws.baseline()))
    again = Workshop.open(ws.path)
    assert again.name == "Uji lokakarya" and again.teams == TEAMS
    assert len(again.submissions()) == 2
    assert again.plan_of("Tim A") == extra_morning_counter(ws.baseline())
    assert Workshop.names(ws.path) == ["Uji lokakarya"]
    dated = Workshop.create(ws.path, "Bertanggal", card=CARD, teams=TEAMS, date="05/02/2025")
    assert Workshop.open(ws.path, "Bertanggal").date == "2025-02-05" == dated.date
    with pytest.raises(WorkbenchError, match="tanggal lokakarya"):
        Workshop.create(ws.path, "Salah", card=CARD, teams=TEAMS, date="31/02/2025")
    with pytest.raises(WorkbenchError, match="sudah ada"):
        Workshop.create(ws.path, "Uji lokakarya", card=CARD, teams=TEAMS)


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workbench.roleplay import Workshop, plans
    path, team, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    ws = Workshop.open(path)
    plan = ws.baseline()
    if team.endswith("2"):
        grid = plans.staffing(plan)
        grid.loc["Loket 5"] = False
        grid.loc["Loket 5", ["08", "09"]] = True
        plan = plans.with_staffing(plan, grid)
    deadline = time.monotonic() + 120
    while not go.exists():
        if time.monotonic() > deadline:
            sys.exit("no start signal")
        time.sleep(0.01)
    ws.submit(team, plan)
    print("ok", team)
    """
)


def test_five_processes_submitting_at_once_are_all_stored(tmp_path):
    """When five team kernels submit at the same moment, is every plan stored and visible to
    a sixth process that opens the workshop afterwards?"""
    teams = [f"Tim {i}" for i in range(1, 6)]
    path = tmp_path / "bersama.sqlite"
    Workshop.create(path, "Serentak", card=CARD, teams=teams, replications=10)
    go = tmp_path / "mulai"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), team, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for team in teams
    ]
    go.write_text("mulai")
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    board = Workshop.open(path).leaderboard()
    assert sorted(board["tim"]) == teams
    assert (board["status"] == "dikirim").all()
    assert str(board["dikirim"].dt.tz) == "Asia/Jakarta"  # people read WIB, not UTC
    with store.opened(path, readonly=True) as con:
        assert con.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 5
        assert con.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 5


# ---------------------------------------------------------------- rounds


def test_switch_at_replays_the_morning_exactly():
    """Does the day with a decision at 10:00 call every visitor called before 10:00 at the
    same minute by the same counter, and meet the same visitors all day (common random
    numbers)?"""
    sc = Scenario.from_yaml(CARD)
    after = extra_morning_counter(short_staffed(sc))
    after = plans.with_services(after, "Loket 1", ["Legalisir", "Surat Keterangan"])
    combined = switch_at(short_staffed(sc), after, 10 * 60)
    names = [c.name for c in combined.counters]
    assert "Loket 1 (sejak 10:00)" in names and "Loket 5" in names
    morning = simulate(short_staffed(sc), replications=5, seed=11).records
    day = simulate(combined, replications=5, seed=11).records
    assert np.array_equal(morning["datang"], day["datang"])  # the same visitors
    cut = 10 * 60 - sc.open_time
    early = morning["mulai"] < cut
    assert early.sum() > 100
    assert np.allclose(morning.loc[early, "mulai"], day.loc[early, "mulai"])
    assert (morning.loc[early, "loket"].astype(str) == day.loc[early, "loket"].astype(str)).all()
    assert not np.allclose(
        morning.loc[~early, "mulai"].fillna(-1), day.loc[~early, "mulai"].fillna(-1)
    )


def test_state_at_counts_the_people_waiting():
    """Is the number waiting at 10:00 the number who arrived, joined, and were neither called
    nor gone by then, counted independently from the records?"""
    sc = short_staffed(Scenario.from_yaml(CARD))
    result = simulate(sc, replications=4, seed=2)
    state = state_at(result, 10 * 60)
    rec = result.records
    t = 10 * 60 - sc.open_time
    counts = []
    for _r, g in rec.groupby("replikasi"):
        n = 0
        for row in g.itertuples():
            if row.status == "tidak_bergabung" or row.datang > t:
                continue
            left_at = row.mulai if row.status == "dilayani" else row.keluar
            n += left_at > t
        counts.append(n)
    assert state.loc["menunggu", "nilai"] == pytest.approx(np.mean(counts))


def test_decision_during_the_day(ws):
    """Can a team see its queue at 10:00, open a counter from then on, and does the
    leaderboard use the changed day, while whole-day rules cannot change at 10:00?"""
    ws.submit("Tim A", short_staffed(ws.baseline()))
    ws.start_round(decision_at="10:00")
    board = ws.leaderboard()
    assert board.set_index("tim").loc["Tim A", "status"] == "dibawa dari ronde sebelumnya"
    state = ws.queue_at("Tim A")
    assert state.loc["menunggu", "nilai"] > 0
    before = board.set_index("tim").loc["Tim A", "rata_tunggu"]
    grid = plans.staffing(short_staffed(ws.baseline()))
    grid.loc["Loket 3", ["10", "11"]] = True
    ws.decide("Tim A", plans.with_staffing(short_staffed(ws.baseline()), grid))
    after = ws.leaderboard().set_index("tim").loc["Tim A"]
    assert after["status"] == "keputusan 10:00"
    assert after["rata_tunggu"] < before
    with pytest.raises(WorkbenchError, match="berlaku sepanjang hari"):
        ws.decide("Tim A", ws.baseline().replace(queue="per_loket"))
    with pytest.raises(WorkbenchError, match="belum mengirim rencana pagi"):
        ws.decide("Tim B", ws.baseline())
    # a new morning plan replaces the decision until the team decides again
    ws.submit("Tim A", ws.baseline())
    assert ws.leaderboard().set_index("tim").loc["Tim A", "status"] == "dikirim"


def test_a_decision_is_made_from_the_plan_shown(ws):
    """Is a decision refused when the team's plan for the day changed since its page showed it
    (another laptop sent one), and accepted from the plan shown; does the record of the
    decision keep the morning's changes as well as the ones from 10:00?"""
    ws.submit("Tim A", short_staffed(ws.baseline()))
    ws.start_round(decision_at="10:00")
    shown = ws.standing("Tim A")
    assert shown.source == "dibawa" and shown.plan == short_staffed(ws.baseline())
    ws.submit("Tim A", extra_morning_counter(short_staffed(ws.baseline())))  # other laptop
    grid = plans.staffing(short_staffed(ws.baseline()))
    grid.loc["Loket 3", ["10", "11"]] = True
    later = plans.with_staffing(short_staffed(ws.baseline()), grid)
    with pytest.raises(WorkbenchError, match="berubah sejak halaman ini menampilkannya"):
        ws.decide("Tim A", later, based_on=shown.morning_id)
    now = ws.standing("Tim A")
    assert now.morning_id != shown.morning_id and now.phase == 0
    ws.decide("Tim A", later, based_on=now.morning_id)
    decided = ws.standing("Tim A")
    assert decided.phase == 1 and decided.morning_id == now.morning_id
    lines = ws.changes().set_index("tim").loc["Tim A", "perubahan"].splitlines()
    assert "Sampai 10:00: Loket 3 dijaga 13:00-16:00." in lines
    assert "Sampai 10:00: Loket 5 ditambah (08:00-11:00)." in lines
    assert any(
        line.startswith("Sejak 10:00: Loket 3 dijaga 10:00-12:00, 13:00-16:00") for line in lines
    )


def test_a_plan_made_for_a_closed_round_is_refused(ws):
    """When the facilitator starts round 2 while a team is still looking at round 1, is the
    team's submission for round 1 refused instead of landing in round 2?"""
    ws.start_round(disruption="lonjakan")
    with pytest.raises(WorkbenchError, match="sudah memulai Ronde 2"):
        ws.submit("Tim A", ws.baseline(), round=1)
    assert ws.plan_of("Tim A") is None
    ws.submit("Tim A", ws.baseline(), round=2)
    assert ws.plan_of("Tim A") is not None


def test_second_round_with_a_disruption(ws):
    """Does a second round with the system down carry each team's plan over, run it with the
    disruption (longer waits for the same plan), and accept a new plan for the round?"""
    for team in TEAMS:
        ws.submit(team, ws.baseline())
    first = ws.leaderboard().set_index("tim")
    round_2 = ws.start_round(disruption="sistem-mati")
    assert round_2.number == 2 and DISRUPTIONS["sistem-mati"].title in round_2.title
    second = ws.leaderboard().set_index("tim")
    assert (second["status"] == "dibawa dari ronde sebelumnya").all()
    assert (second["rata_tunggu"] > first["rata_tunggu"]).all()
    ws.submit("Tim B", extra_morning_counter(ws.baseline()))
    assert ws.leaderboard().set_index("tim").loc["Tim B", "status"] == "dikirim"
    assert ws.leaderboard(round=1).set_index("tim").loc["Tim B", "status"] == "dikirim"
    assert len(ws.rounds()) == 2


@pytest.mark.parametrize("key", sorted(DISRUPTIONS))
def test_each_disruption_card_makes_the_day_harder(key):
    """Does every disruption card lower the share served within the standard for the card's
    own plan with the same visitors?"""
    from workbench.roleplay.disruptions import apply_disruption

    sc = Scenario.from_yaml(CARD)
    normal = kpis_per_replication(simulate(sc, replications=10, seed=4))
    hard = kpis_per_replication(simulate(apply_disruption(sc, key), replications=10, seed=4))
    assert hard["porsi_tepat_waktu"].mean() < normal["porsi_tepat_waktu"].mean()


def test_replay_and_charts_data(ws):
    """Are the replay (clock minutes, counter names) and the debrief tables filled per team?"""
    ws.submit("Tim A", extra_morning_counter(ws.baseline()))
    replay = ws.replay("Tim A")
    served = replay[replay["status"] == "dilayani"]
    assert served["datang"].min() >= 7 * 60 + 30 and set(served["loket"]) <= {
        f"Loket {i}" for i in range(1, 6)
    }
    assert (served["mulai"] >= served["datang"]).all()
    queue = ws.queue_over_day()
    assert queue["jam"].iloc[0] == "07:30" and set(queue["tim"]) == {"Tim A"}
    dist = ws.wait_distribution()
    assert dist["porsi"].sum() == pytest.approx(100.0)
    stored = ws.submissions()
    assert stored["perubahan"].iloc[0] == "Loket 5 ditambah (08:00-11:00)."
    assert str(stored["dikirim"].dt.tz) == "Asia/Jakarta"  # office time, never UTC


def test_officer_on_call_costs_only_counter_time(ws):
    """Is an officer on call left out of the planned officer-hours, and is the time they
    served at the counter (summed from the records) what the leaderboard adds to the cost?"""
    sc = ws.baseline()
    grid = plans.staffing(sc)
    grid.loc["Loket 5"] = True
    plan = plans.with_reserve(plans.with_staffing(sc, grid), "Loket 5", open_at=5, close_at=1)
    plan = plan.replace(overtime_cap_minutes=30)
    assert plans.officer_hours(plan) == pytest.approx(30.0)
    changes = plans.describe_changes(sc, plan)
    assert any("petugas cadangan: datang bila 5 orang menunggu" in c for c in changes)
    assert "Lembur paling lama 30 menit setelah jam tutup." in changes
    ws.submit("Tim A", plan)
    row = ws.leaderboard().set_index("tim").loc["Tim A"]
    result = simulate(plans.effective_scenario(plan), replications=ws.replications, seed=ws.seed)
    rec = result.records
    mine = rec[rec["loket"].astype(str) == "Loket 5"]
    served_hours = (mine["selesai"] - mine["mulai"]).sum() / 60 / ws.replications
    per = kpis_per_replication(result)
    assert served_hours > 0
    assert row["biaya"] == pytest.approx(per["biaya"].mean())
    assert row["biaya"] >= 30.0 + served_hours - 1e-9
    assert Workshop.open(ws.path).plan_of("Tim A") == plan  # stored and read back whole


def test_front_desk_officers_are_a_team_decision_papers_are_not(tmp_path):
    """With a card that has a front desk, does a second desk officer cost the opening hours
    (8.5 h), and is a plan that makes everyone's papers complete refused?"""
    from dataclasses import replace as copy

    from workbench.simulation.front_desk import FrontDesk

    card = Scenario.from_yaml(CARD).replace(
        front_desk=FrontDesk(officers=1, incomplete=0.2, come_back=0.5)
    )
    ws = Workshop.create(tmp_path / "meja.sqlite", "Meja", card=card, teams=TEAMS, budget_hours=48)
    assert plans.officer_hours(ws.baseline()) == pytest.approx(30.0 + 8.5)
    two = ws.baseline().replace(front_desk=copy(card.front_desk, officers=2))
    assert plans.officer_hours(two) == pytest.approx(30.0 + 17.0)
    ws.submit("Tim A", two)
    tidy = ws.baseline().replace(front_desk=copy(card.front_desk, incomplete=0.0))
    with pytest.raises(WorkbenchError, match="meja depan"):
        ws.submit("Tim B", tidy)
