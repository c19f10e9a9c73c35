"""`Scenario.from_log`: calibrating a scenario from a visit log (the `layanan` dataset)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.errors import WorkbenchError
from workbench.simulation import Scenario, simulate

WIB = "Asia/Jakarta"


def visit(
    day: str,
    arrive: str,
    service: str,
    minutes: float | None,
    wait: float = 0.0,
    loket: int | None = 1,
    prioritas: str = "tidak",
    hasil: str = "dilayani",
) -> dict:
    datang = pd.Timestamp(f"{day} {arrive}", tz=WIB)
    if hasil == "pergi sebelum dilayani":
        mulai = selesai = pd.NaT
        loket = None
    else:
        mulai = datang + pd.Timedelta(minutes=wait)
        selesai = mulai + pd.Timedelta(minutes=minutes)
    return {
        "tanggal": datang.normalize(),
        "datang": datang,
        "mulai": mulai,
        "selesai": selesai,
        "jenis_layanan": service,
        "loket": loket,
        "kanal": "datang langsung",
        "prioritas": prioritas,
        "hasil": hasil,
        "tunggu_menit": wait,
    }


def small_log() -> pd.DataFrame:
    """Two Mondays and one Tuesday (6, 13 and 7 January 2025) with known counts."""
    rows = []
    for day in ("2025-01-06", "2025-01-13"):
        for minute in range(0, 60, 10):  # six KTP-el visits 08:00-08:59 each Monday
            rows.append(visit(day, f"08:{minute:02d}", "KTP-el", 10 + minute / 10, wait=5))
        rows.append(visit(day, "07:45", "Legalisir", 3, loket=2, prioritas="lansia"))
        rows.append(visit(day, "13:30", "KTP-el", 0, wait=20, hasil="pergi sebelum dilayani"))
    rows.append(visit("2025-01-07", "09:15", "Legalisir", 4, loket=2))
    rows.append(visit("2025-01-07", "17:30", "Legalisir", 4, loket=2))  # after closing: ignored
    return pd.DataFrame(rows)


def test_arrival_rates_per_weekday_and_hour():
    """Are arrivals counted per weekday and hour, per day, and per open part of the hour?"""
    sc = Scenario.from_log(small_log())
    assert sc.days == ("senin", "selasa")
    monday = sc.arrivals.by_day["senin"]
    assert monday[8] == pytest.approx(6.0)  # six visits per Monday in 08:00-08:59
    assert monday[7] == pytest.approx(2.0)  # one visit per Monday in the half hour 07:30-08:00
    assert monday[13] == pytest.approx(1.0)
    assert sc.arrivals.by_day["selasa"][9] == pytest.approx(1.0)
    assert sum(sc.arrivals.by_day["selasa"].values()) == pytest.approx(1.0)
    # The average profile weighs two Mondays and one Tuesday.
    assert sc.arrivals.per_hour[8] == pytest.approx(6.0 * 2 / 3)


def test_service_shares_times_priority_counters_and_patience():
    """Are shares, service-time fits, priority share, counters and patience taken from the log?"""
    sc = Scenario.from_log(small_log(), min_empirical=10)
    shares = {s.name: s.share for s in sc.services}
    assert shares["KTP-el"] == pytest.approx(14 / 18)  # shares count every visit
    assert shares["Legalisir"] == pytest.approx(4 / 18)
    ktp = next(s for s in sc.services if s.name == "KTP-el")
    assert ktp.duration.kind == "empiris"  # 12 served visits >= min_empirical
    assert sorted(ktp.duration.values) == sorted([10 + m / 10 for m in range(0, 60, 10)] * 2)
    assert ktp.needs_system
    legal = next(s for s in sc.services if s.name == "Legalisir")
    assert legal.duration.kind == "lognormal" and not legal.needs_system
    assert legal.duration.mean == pytest.approx((3 + 3 + 4 + 4) / 4)
    assert sc.priority_shares == {"lansia": pytest.approx(2 / 18)}
    assert [c.name for c in sc.counters] == ["Loket 1", "Loket 2"]
    # Censored exponential estimate: total waiting time / number who left.
    assert sc.patience.kind == "eksponensial"
    assert sc.patience.mean == pytest.approx((12 * 5 + 2 * 20) / 2)
    assert "Kalibrasi" in sc.name and "18 kunjungan" in sc.story


def test_times_in_other_zones_are_read_as_wib():
    """Is a log in UTC converted to WIB (01:00 UTC is 08:00 WIB), and a naive log read as WIB?"""
    log = small_log()
    utc = log.copy()
    for column in ("datang", "mulai", "selesai"):
        utc[column] = utc[column].dt.tz_convert("UTC")
    assert Scenario.from_log(utc).arrivals.by_day == Scenario.from_log(log).arrivals.by_day
    naive = log.copy()
    for column in ("datang", "mulai", "selesai"):
        naive[column] = naive[column].dt.tz_localize(None)
    assert Scenario.from_log(naive).arrivals.by_day == Scenario.from_log(log).arrivals.by_day


def test_dates_typed_day_first_are_read_day_first():
    """Is '05/02/2025 08:15' 5 February (a Wednesday), not 2 May (a Friday)?

    Calibration works per weekday: a month-first reading moved each such visit to another
    weekday (and '13/02/2025', which cannot be month first, stayed on its own)."""
    log = pd.DataFrame(
        {
            "datang": [
                "05/02/2025 08:15",
                "05/02/2025 09.20",
                "12/02/2025 08:40",
                "13/02/2025 10:05",
            ],
            "jenis_layanan": ["KTP-el"] * 4,
        }
    )
    sc = Scenario.from_log(log)
    assert sc.days == ("rabu", "kamis")
    assert {d: {h: v for h, v in p.items() if v} for d, p in sc.arrivals.by_day.items()} == {
        "rabu": {8: 1.0, 9: 0.5},
        "kamis": {10: 1.0},
    }
    assert sc.name == "Kalibrasi dari data 05-02-2025 s.d. 13-02-2025"


def test_calibrated_scenario_runs_and_options_apply():
    """Does the calibrated scenario simulate, with the chosen days, counters and hours?"""
    sc = Scenario.from_log(small_log(), days=["senin"], counters=3, close_time="15:00", name="Uji")
    assert sc.name == "Uji" and sc.days == ("senin",) and len(sc.counters) == 3
    assert len(Scenario.from_log(small_log()).counters) == 2  # one per loket in the log
    sc1 = Scenario.from_log(small_log().drop(columns=["loket"]))
    assert len(sc1.counters) == 1
    rec = simulate(sc, replications=20, seed=1).records
    assert rec.groupby("replikasi").size().mean() == pytest.approx(2 + 6 + 1, rel=0.35)
    assert rec["datang"].max() < 15 * 60 - 7.5 * 60


def test_missing_columns_and_empty_logs_are_explained():
    """Does a log without the needed columns, or with no rows, give an Indonesian error?"""
    with pytest.raises(WorkbenchError) as err:
        Scenario.from_log(pd.DataFrame({"tanggal": [1]}))
    assert {p.column for p in err.value.problems} == {"datang", "jenis_layanan"}
    with pytest.raises(WorkbenchError, match="kosong"):
        Scenario.from_log(small_log().iloc[0:0])
    bad = small_log()
    bad["datang"] = "kemarin"
    with pytest.raises(WorkbenchError, match="bukan tanggal"):
        Scenario.from_log(bad)
    typo = small_log().astype({"mulai": object})
    typo.loc[3, "mulai"] = "jam delapan"
    with pytest.raises(WorkbenchError) as err:
        Scenario.from_log(typo)
    assert [(p.column, p.row, p.value) for p in err.value.problems] == [("mulai", 5, "jam delapan")]


def test_calibration_on_the_shipped_layanan_data_reproduces_the_log():
    """Does a scenario calibrated from the shipped log reproduce its Mondays?"""
    from workbench.data import load

    log = load("layanan")
    sc = Scenario.from_log(log)
    assert {s.name for s in sc.services} <= set(log["jenis_layanan"].unique())
    monday = Scenario.from_log(log, days=["senin"])
    result = simulate(monday, replications=20, seed=1)
    mondays = log[log["datang"].dt.day_of_week == 0]
    per_day = len(mondays) / mondays["datang"].dt.normalize().nunique()
    served = mondays[mondays["hasil"] != "pergi sebelum dilayani"]
    left_share = 100 * (mondays["hasil"] == "pergi sebelum dilayani").mean()
    s = result.summary()
    assert s.loc["pengunjung_per_hari", "nilai"] == pytest.approx(per_day, rel=0.1)
    assert s.loc["rata_tunggu", "nilai"] == pytest.approx(served["tunggu_menit"].mean(), rel=0.25)
    assert s.loc["porsi_pergi", "nilai"] == pytest.approx(left_share, rel=0.3)
    rec = result.records
    sim_shares = rec["layanan"].value_counts(normalize=True)
    log_shares = log["jenis_layanan"].value_counts(normalize=True)
    for name, share in log_shares.items():
        assert sim_shares[name] == pytest.approx(share, abs=0.02)
    assert np.isfinite(sc.patience.mean)
