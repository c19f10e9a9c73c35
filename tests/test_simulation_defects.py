"""Defects found by the hardening audit (issue 9, "Simulation"): each test failed before its fix."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from workbench.errors import WorkbenchError
from workbench.intervals import t_quantile
from workbench.simulation import Balking, Counter, Duration, Scenario, Service, simulate, theory

CARDS = Path(__file__).resolve().parent.parent / "scenarios"


def card_dict(name: str = "selasa-biasa") -> dict:
    return yaml.safe_load((CARDS / f"{name}.yaml").read_text(encoding="utf-8"))


def one_counter_office(minutes: float, per_hour: float, **changes) -> Scenario:
    """One counter, one fixed-length service, the same rate all day, the usual ISHOMA."""
    data = {
        "nama": "Satu loket",
        "kedatangan": {"per_jam": {f"{h:02d}": per_hour for h in range(7, 16)}},
        "layanan": [
            {"nama": "Surat", "porsi": 1, "durasi": {"distribusi": "tetap", "rata_rata": minutes}}
        ],
        "loket": [{"nama": "Loket 1"}],
    }
    data.update(changes)
    return Scenario.from_dict(data)


def test_a_service_running_through_a_whole_work_window_does_not_crash():
    """If one service outlasts the counter's next work window, does the day go on (no
    'Negative delay') with nobody called inside the counter's own break?"""
    sc = one_counter_office(
        35,
        60,
        loket=[{"nama": "Loket 1", "istirahat": [["11:40", "11:50"]]}],
    )
    rec = simulate(sc, replications=3, seed=1).records
    served = rec[rec["status"] == "dilayani"]
    clock = served["mulai"] + 7 * 60 + 30
    assert ((clock >= 11 * 60 + 40) & (clock < 12 * 60)).sum() == 0  # 11:50-12:00 was used up
    assert ((clock >= 13 * 60) & (clock < 16 * 60)).any()  # and the afternoon is worked


def test_selasa_biasa_with_a_short_break_runs_for_every_seed():
    """Does 'selasa-biasa' with a break 11:40-11:50 at Loket 1 run for 20 seeds x 30 replications
    (3 of them crashed before)?"""
    data = card_dict()
    data["loket"][0]["istirahat"] = [["11:40", "11:50"]]
    sc = Scenario.from_dict(data)
    for seed in range(20):
        assert len(simulate(sc, replications=30, seed=seed).records) > 0


def test_utilisation_never_exceeds_100_percent_when_services_run_into_the_break():
    """One counter, fixed 50-minute services, 20 per hour and ISHOMA: is utilisation at most 100%
    with an interval around it (it was 100.36 in 100.29-100.00)?"""
    result = simulate(one_counter_office(50, 20), replications=10, seed=1)
    row = result.summary().loc["utilisasi:Loket 1"]
    assert row["nilai"] <= 100.0 + 1e-9
    assert row["batas_bawah"] <= row["nilai"] <= row["batas_atas"] <= 100.0
    per = result.per_replication()["utilisasi:Loket 1"]
    assert (per <= 100.0 + 1e-9).all() and (per > 99.0).all()


def test_per_counter_queue_moves_when_a_counter_closes_early():
    """With a queue per counter, are the people queued at a counter whose shift ends at 10:00
    served by the other counters instead of being sent home at closing?"""
    data = card_dict("antrean-per-loket")
    data["kesabaran"] = None
    data["tidak_bergabung"] = None
    data["loket"][1]["jadwal"] = [["07:30", "10:00"]]
    sc = Scenario.from_dict(data)
    rec = simulate(sc, replications=10, seed=2).records
    assert (rec["status"] == "dilayani").all()
    late = rec[rec["mulai"] + 7 * 60 + 30 >= 10 * 60]
    assert "Loket 2" not in set(late["loket"].dropna())


def test_queue_length_zero_turns_away_only_when_every_counter_is_busy():
    """With panjang_antrean 0, is a visitor who finds the counter free served at once, and does
    everyone turned away arrive while the counter is serving somebody?"""
    sc = one_counter_office(
        5, 6, istirahat=[], tidak_bergabung={"panjang_antrean": 0, "peluang": 1.0}
    )
    rec = simulate(sc, replications=5, seed=1).records
    served = rec[rec["status"] == "dilayani"]
    assert (served["status"] == "dilayani").sum() > 0.6 * len(rec)  # it was 0 before
    assert (served["tunggu"] < 1e-9).all()
    for r, balked in rec[rec["status"] == "tidak_bergabung"].groupby("replikasi"):
        mine = served[served["replikasi"] == r]
        for t in balked["datang"]:
            assert ((mine["mulai"] <= t) & (t < mine["selesai"])).any()


def test_a_loss_system_agrees_with_erlang_b():
    """Is the share turned away in M/M/5/5 (no waiting room) the Erlang B blocking probability?"""
    lam, h, c = 30.0, 8.0, 5
    sc = Scenario.mmc(arrivals_per_hour=lam, mean_service_minutes=h, counters=c, hours=3000)
    sc = sc.replace(balking=Balking(queue_length=0, probability=1.0))
    rec = simulate(sc, replications=1, seed=4).records
    blocked = float((rec["status"] == "tidak_bergabung").mean())
    expected = theory.erlang_b(lam, h, c)
    assert expected == pytest.approx(0.19907, abs=1e-5)  # A = 4: (4^5/5!) / sum_k 4^k/k!
    assert blocked == pytest.approx(expected, abs=0.01)
    assert (rec.loc[rec["status"] == "dilayani", "tunggu"] < 1e-9).all()


def test_opening_earlier_keeps_the_visitors_of_the_half_hour_after():
    """Opening at 07:00 instead of 07:30: are the visitors of 07:30-08:00 the same people?"""
    late = Scenario.from_dict(card_dict())
    early_data = card_dict()
    early_data["jam_buka"] = "07:00"
    early = Scenario.from_dict(early_data)
    a = simulate(late, replications=4, seed=3).records
    b = simulate(early, replications=4, seed=3).records
    a_clock = a["datang"] + 7 * 60 + 30
    b_clock = b["datang"] + 7 * 60
    a_half = a[(a_clock >= 450) & (a_clock < 480) & (a["kanal"] == "datang langsung")]
    b_half = b[(b_clock >= 450) & (b_clock < 480) & (b["kanal"] == "datang langsung")]
    assert len(a_half) > 10
    assert np.allclose(
        np.sort((a_half["datang"] + 450).to_numpy()), np.sort((b_half["datang"] + 420).to_numpy())
    )
    assert sorted(a_half["layanan"].astype(str)) == sorted(b_half["layanan"].astype(str))
    assert len(b[b_clock < 450]) > 0  # and the new half hour brings visitors of its own


def test_a_huge_textbook_office_is_refused_in_indonesian():
    """Does mmc(hours=1e9) say in Indonesian that it is too big, instead of a MemoryError?"""
    with pytest.raises(WorkbenchError) as err:
        Scenario.mmc(arrivals_per_hour=30, mean_service_minutes=8, counters=5, hours=1e9)
    assert "tidak sah" in err.value.message
    assert err.value.problems[0].column == "hours"
    sc = Scenario.mmc(arrivals_per_hour=30, mean_service_minutes=8, counters=5, hours=8)
    with pytest.raises(WorkbenchError, match="terlalu besar"):
        simulate(sc.replace(close_time=1e12), replications=1, seed=1)


def test_theory_accepts_numpy_numbers():
    """Do the queueing formulas take numpy integers and floats as a notebook computes them?"""
    plain = theory.mean_wait(30, 8, 5)
    assert theory.mean_wait(np.int64(30), np.float64(8), np.int64(5)) == pytest.approx(plain)
    assert theory.erlang_c(30.0, 8.0, np.int32(5)) == pytest.approx(theory.erlang_c(30, 8, 5))
    assert theory.share_within(30, 8, np.int64(5), np.float64(15)) == pytest.approx(
        theory.share_within(30, 8, 5, 15)
    )
    with pytest.raises(WorkbenchError):
        theory.mean_wait(30, 8, np.float64(5.0))  # counters are still whole numbers


@pytest.mark.parametrize(
    ("p", "df", "value"),
    [
        (0.975, 3, 3.182446305),
        (0.975, 4, 2.776445105),
        (0.975, 5, 2.570581836),
        (0.975, 10, 2.228138852),
        (0.975, 29, 2.045229642),
        (0.95, 3, 2.353363435),
        (0.975, 1, 12.706204736),
        (0.975, 2, 4.302652730),
        (0.025, 3, -3.182446305),
    ],
)
def test_t_quantile_is_accurate_to_the_tables(p, df, value):
    """Does t_quantile give the t-table values to 1e-8 (it was 3.8e-3 off at 3 df)?"""
    assert t_quantile(p, df) == pytest.approx(value, abs=1e-8)


def test_t_quantile_outside_its_range_is_nan():
    """Is a quantile of a non-probability or with no degrees of freedom NaN, not an error?"""
    assert math.isnan(t_quantile(0.975, 0)) and math.isnan(t_quantile(1.0, 5))


def test_a_counter_serving_one_service_still_meets_the_other_parts():
    """(Sanity of the helpers above) Does a Python-built one-counter office run?"""
    sc = Scenario(
        name="Uji",
        services=(Service("Surat", 1.0, Duration("tetap", mean=5)),),
        counters=(Counter("Loket 1"),),
        arrivals=Scenario.mmc(arrivals_per_hour=10, mean_service_minutes=5, counters=1).arrivals,
        open_time=0.0,
        close_time=480.0,
        office_breaks=(),
    )
    assert len(simulate(sc, replications=1, seed=1).records) > 40
