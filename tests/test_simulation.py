"""The simulation engine: records, reproducibility, common random numbers and office rules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from workbench.errors import WorkbenchError
from workbench.simulation import Scenario, simulate

ROOT = Path(__file__).resolve().parent.parent
CARDS = ROOT / "scenarios"
OPEN = 7 * 60 + 30  # 07:30, time 0 of the records


def card(name: str) -> Scenario:
    return Scenario.from_yaml(CARDS / f"{name}.yaml")


def card_dict(name: str = "selasa-biasa") -> dict:
    return yaml.safe_load((CARDS / f"{name}.yaml").read_text(encoding="utf-8"))


def clock(hhmm: str) -> float:
    """Minutes from the first opening for a clock time on day 1."""
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m) - OPEN


# ---- records --------------------------------------------------------------------------------


def test_records_have_the_contract_columns_and_consistent_values():
    """Do records carry the agreed columns, tunggu = mulai - datang, NaN for leavers?"""
    rec = simulate(card("senin-setelah-libur-panjang"), replications=4, seed=3).records
    for column in (
        "replikasi",
        "id",
        "layanan",
        "prioritas",
        "datang",
        "mulai",
        "selesai",
        "loket",
        "tunggu",
        "status",
    ):
        assert column in rec.columns
    assert set(rec["status"].unique()) <= {"dilayani", "pergi", "tidak_bergabung"}
    assert {"dilayani", "pergi", "tidak_bergabung"} <= set(rec["status"].unique())
    served = rec[rec["status"] == "dilayani"]
    assert np.allclose(served["tunggu"], served["mulai"] - served["datang"])
    assert (served["tunggu"] >= -1e-9).all() and (served["selesai"] > served["mulai"]).all()
    assert served["loket"].notna().all()
    gone = rec[rec["status"] != "dilayani"]
    assert gone["tunggu"].isna().all() and gone["mulai"].isna().all() and gone["loket"].isna().all()
    assert (gone["keluar"] >= gone["datang"]).all()
    for _r, g in rec.groupby("replikasi"):
        assert list(g["id"]) == list(range(1, len(g) + 1))
        assert g["datang"].is_monotonic_increasing
    assert set(rec["layanan"].unique()) <= {s.name for s in card("selasa-biasa").services}


def test_the_same_seed_gives_the_same_records_and_another_seed_does_not():
    """Can a trainer reproduce a class exactly from the seed?"""
    sc = card("uji-coba-janji-daring")
    a = simulate(sc, replications=3, seed=42).records
    b = simulate(sc, replications=3, seed=42).records
    pd.testing.assert_frame_equal(a, b)
    c = simulate(sc, replications=3, seed=43).records
    assert len(a) != len(c) or not np.allclose(a["datang"], c["datang"])


def test_a_replication_does_not_depend_on_how_many_were_run():
    """Is replication 2 of a 5-replication run the same as replication 2 of a 2-replication run?"""
    sc = card("selasa-biasa")
    five = simulate(sc, replications=5, seed=9).records
    two = simulate(sc, replications=2, seed=9).records
    pd.testing.assert_frame_equal(five[five["replikasi"] <= 2].reset_index(drop=True), two)


def test_common_random_numbers_same_visitors_across_policies():
    """Do two offices compared with the same seed meet the same visitors with the same needs?"""
    ordinary = simulate(card("selasa-biasa"), replications=3, seed=11).records
    per_counter = simulate(card("antrean-per-loket"), replications=3, seed=11).records
    sick = simulate(card("petugas-sakit"), replications=3, seed=11).records
    for other in (per_counter, sick):
        for column in ("replikasi", "id", "datang", "layanan", "prioritas", "kanal"):
            assert ordinary[column].tolist() == other[column].tolist(), column
        both = (ordinary["status"] == "dilayani") & (other["status"] == "dilayani")
        assert both.sum() > 100
        service_a = (ordinary["selesai"] - ordinary["mulai"])[both]
        service_b = (other["selesai"] - other["mulai"])[both]
        assert np.allclose(service_a, service_b)  # same service need
        left = (ordinary["status"] == "pergi") & (other["status"] == "pergi")
        patience_a = (ordinary["keluar"] - ordinary["datang"])[left]
        patience_b = (other["keluar"] - other["datang"])[left]
        assert np.allclose(patience_a, patience_b)  # same patience
    assert (sick["status"] == "pergi").sum() > (ordinary["status"] == "pergi").sum()


def test_changing_one_hour_leaves_the_other_visitors_alone():
    """If 10:00-11:00 gets busier, do the other hours keep the same visitors, and that hour add?"""
    busy = card_dict()
    busy["kedatangan"]["per_jam"]["10"] = 60
    a = simulate(card("selasa-biasa"), replications=3, seed=5).records
    b = simulate(Scenario.from_dict(busy), replications=3, seed=5).records
    in_hour = lambda d: (d["datang"] >= clock("10:00")) & (d["datang"] < clock("11:00"))  # noqa: E731
    other_a, other_b = a[~in_hour(a)], b[~in_hour(b)]
    assert len(other_a) == len(other_b)
    for column in ("replikasi", "datang", "layanan", "prioritas"):
        assert other_a[column].tolist() == other_b[column].tolist(), column
    hour_a = set(zip(a.loc[in_hour(a), "replikasi"], a.loc[in_hour(a), "datang"], strict=True))
    hour_b = set(zip(b.loc[in_hour(b), "replikasi"], b.loc[in_hour(b), "datang"], strict=True))
    assert hour_a < hour_b and len(hour_b) > 2 * len(hour_a)


def test_a_busier_day_has_the_ordinary_days_visitors_and_more():
    """Does Monday (1.25x) meet every Tuesday visitor, with the same needs, plus extra visitors?"""
    tuesday = simulate(card("selasa-biasa"), replications=3, seed=8).records
    monday = simulate(card("senin-pagi"), replications=3, seed=8).records
    same = tuesday.merge(monday, on=["replikasi", "datang"], suffixes=("_sel", "_sen"))
    assert len(same) == len(tuesday) and len(monday) > 1.15 * len(tuesday)
    for column in ("layanan", "prioritas"):
        assert (same[f"{column}_sel"].astype(str) == same[f"{column}_sen"].astype(str)).all()
    both = (same["status_sel"] == "dilayani") & (same["status_sen"] == "dilayani")
    assert np.allclose(
        (same["selesai_sel"] - same["mulai_sel"])[both],
        (same["selesai_sen"] - same["mulai_sen"])[both],
    )


def test_a_bigger_appointment_quota_keeps_the_earlier_holders():
    """With 3 seats per slot instead of 2, do the holders of the first two seats stay the same?"""
    bigger = card_dict("uji-coba-janji-daring")
    bigger["janji_daring"]["kuota_per_slot"] = 3
    two = simulate(card("uji-coba-janji-daring"), replications=3, seed=4).records
    three = simulate(Scenario.from_dict(bigger), replications=3, seed=4).records

    def holders(rec: pd.DataFrame, channel: str) -> set:
        mine = rec[rec["kanal"] == channel]
        return set(zip(mine["replikasi"], mine["datang"], mine["layanan"], strict=True))

    assert holders(two, "daring") < holders(three, "daring")
    assert holders(two, "datang langsung") == holders(three, "datang langsung")


def test_a_slower_counter_takes_longer_for_the_same_visitors():
    """Does faktor_durasi 1.5 make every service exactly 1.5 times longer?"""
    data = card_dict()
    data["loket"] = [{"nama": "Loket 1"}]
    data["kesabaran"] = None
    data["tidak_bergabung"] = None
    slow = card_dict()
    slow["loket"] = [{"nama": "Loket 1", "faktor_durasi": 1.5}]
    slow["kesabaran"] = None
    slow["tidak_bergabung"] = None
    a = simulate(Scenario.from_dict(data), replications=1, seed=2).records
    b = simulate(Scenario.from_dict(slow), replications=1, seed=2).records
    assert np.allclose((b["selesai"] - b["mulai"]), 1.5 * (a["selesai"] - a["mulai"]))


# ---- office rules ---------------------------------------------------------------------------


def test_arrivals_stop_at_closing_and_overtime_is_measured():
    """Does nobody arrive after 16:00, while those waiting are still served after it (overtime)?"""
    result = simulate(card("senin-setelah-libur-panjang"), replications=10, seed=1)
    rec = result.records
    assert rec["datang"].max() < clock("16:00")
    assert rec["datang"].min() >= 0
    late = rec[rec["selesai"] > clock("16:00")]
    assert len(late) > 0
    overtime = result.summary().loc["lembur", "nilai"]
    per_rep = rec.groupby("replikasi")["selesai"].max() - clock("16:00")
    assert overtime == pytest.approx(per_rep.clip(lower=0).mean())
    assert overtime > 0


def test_no_service_starts_during_the_midday_break_but_people_arrive():
    """During ISHOMA 12:00-13:00 do visitors keep arriving while no counter starts a service?"""
    rec = simulate(card("selasa-biasa"), replications=10, seed=4).records
    in_break = lambda t: (t >= clock("12:00")) & (t < clock("13:00"))  # noqa: E731
    assert in_break(rec["datang"]).sum() > 0
    assert not in_break(rec["mulai"]).any()


def test_an_absent_officer_serves_nobody():
    """Does the counter whose officer is off sick never appear in the records?"""
    rec = simulate(card("petugas-sakit"), replications=5, seed=4).records
    assert "Loket 2" not in set(rec["loket"].dropna())
    assert {"Loket 1", "Loket 3", "Loket 4"} <= set(rec["loket"].dropna())


def test_system_outage_stops_only_services_that_need_the_system():
    """From 10:00 to 10:45 do only legalisir and surat keterangan start?"""
    sc = card("sistem-mati")
    rec = simulate(sc, replications=10, seed=6).records
    during = rec[(rec["mulai"] >= clock("10:00")) & (rec["mulai"] < clock("10:45"))]
    assert len(during) > 0
    assert set(during["layanan"]) <= {"Legalisir", "Surat Keterangan"}
    normal = simulate(card("selasa-biasa"), replications=10, seed=6).records
    assert rec["tunggu"].mean() > normal["tunggu"].mean()


def test_closed_counter_and_multi_day_schedule():
    """Over a week, is Loket 1 closed on Wednesday 13:00-14:00, Loket 3 off Thursday, days apart?"""
    rec = simulate(card("satu-minggu"), replications=3, seed=8).records
    assert sorted(rec["hari"].unique()) == [1, 2, 3, 4, 5]
    day_start = (rec["hari"] - 1) * 1440
    assert ((rec["datang"] - day_start) >= 0).all()
    assert ((rec["datang"] - day_start) < clock("16:00")).all()
    wed = rec[(rec["hari"] == 3) & (rec["loket"] == "Loket 1")]
    clock_start = wed["mulai"] - 2 * 1440
    assert not ((clock_start >= clock("13:00")) & (clock_start < clock("14:00"))).any()
    assert "Loket 3" not in set(rec.loc[rec["hari"] == 4, "loket"].dropna())
    assert "Loket 3" in set(rec.loc[rec["hari"] == 3, "loket"].dropna())
    per_day = rec.groupby("hari").size()
    assert per_day[1] > per_day[5]  # Monday is busier than Friday


def test_counters_keep_to_their_shifts_breaks_and_services():
    """Does each counter serve only in its shift, not in its own break, only its services?"""
    data = card_dict()
    data["loket"] = [
        {"nama": "Pagi", "jadwal": [["07:30", "12:00"]]},
        {"nama": "Rehat", "istirahat": [["10:00", "10:30"]]},
        {"nama": "Cepat", "layanan": ["Legalisir", "Surat Keterangan"]},
        {"nama": "Prioritas", "prioritas": True, "hanya_prioritas": True},
        {"nama": "Siang", "jadwal": [["13:00", "16:00"]]},
    ]
    rec = simulate(Scenario.from_dict(data), replications=10, seed=2).records
    served = rec[rec["status"] == "dilayani"]

    def at(name: str) -> pd.DataFrame:
        mine = served[served["loket"] == name]
        assert len(mine) > 20, name
        return mine

    assert at("Pagi")["mulai"].max() < clock("12:00")
    rest = at("Rehat")["mulai"]
    assert not ((rest >= clock("10:00")) & (rest < clock("10:30"))).any()
    assert set(at("Cepat")["layanan"]) == {"Legalisir", "Surat Keterangan"}
    assert "tidak" not in set(at("Prioritas")["prioritas"])
    assert at("Siang")["mulai"].min() >= clock("13:00")


def test_everyone_inside_at_closing_is_served_by_the_counters_still_on_duty():
    """With patient visitors, is everybody served, after closing by counters staffed at 16:00?"""
    data = card_dict("senin-setelah-libur-panjang")
    data["kesabaran"] = None
    data["tidak_bergabung"] = None
    data["loket"][2]["jadwal"] = [["07:30", "14:00"]]
    result = simulate(Scenario.from_dict(data), replications=5, seed=3)
    rec = result.records
    assert (rec["status"] == "dilayani").all()
    late = rec[rec["mulai"] >= clock("16:00")]
    assert len(late) > 10 and "Loket 3" not in set(late["loket"])
    assert rec.loc[rec["loket"] == "Loket 3", "mulai"].max() < clock("14:00")
    last = rec.groupby("replikasi")["selesai"].max() - clock("16:00")
    assert (last > 0).all()
    assert result.summary().loc["lembur", "nilai"] == pytest.approx(last.mean())


def test_priority_visitors_are_never_passed_over():
    """When a counter calls an ordinary visitor, is no priority visitor left waiting?"""
    rec = simulate(card("senin-setelah-libur-panjang"), replications=5, seed=12).records
    for _r, g in rec.groupby("replikasi"):
        prio = g[g["prioritas"] != "tidak"]
        prio_out = np.where(prio["status"] == "dilayani", prio["mulai"], prio["keluar"])
        ordinary = g[(g["prioritas"] == "tidak") & (g["status"] == "dilayani")]
        for start in ordinary["mulai"]:
            waiting = (prio["datang"].to_numpy() < start - 1e-9) & (prio_out > start + 1e-9)
            assert not waiting.any()
    waits = rec[rec["status"] == "dilayani"].groupby(rec["prioritas"] != "tidak")["tunggu"].mean()
    assert waits[True] < waits[False] / 3


def test_shared_queue_serves_in_arrival_order():
    """In a plain M/M/c office, are visitors called strictly in the order they arrived?"""
    sc = Scenario.mmc(arrivals_per_hour=40, mean_service_minutes=4, counters=3, hours=50)
    rec = simulate(sc, replications=2, seed=1).records
    for _r, g in rec.groupby("replikasi"):
        assert g.sort_values("datang")["mulai"].is_monotonic_increasing


def test_queue_per_counter_keeps_each_line_in_order_and_differs_from_a_shared_queue():
    """With a line per counter, is each line first come first served, and is it worse overall?"""
    per = simulate(card("antrean-per-loket"), replications=10, seed=3)
    for (_r, _loket), g in per.records.dropna(subset=["loket"]).groupby(
        ["replikasi", "loket"], observed=True
    ):
        ordinary = g[g["prioritas"] == "tidak"]
        assert ordinary.sort_values("datang")["mulai"].is_monotonic_increasing
    shared = simulate(card("selasa-biasa"), replications=10, seed=3)
    assert per.summary().loc["rata_tunggu", "nilai"] > shared.summary().loc["rata_tunggu", "nilai"]


def test_per_counter_lines_skip_the_desk_of_an_absent_officer():
    """During ISHOMA, does nobody line up at the desk of the officer who is off sick all day?"""
    data = card_dict("petugas-sakit")
    data["antrean"] = "per_loket"
    data["kesabaran"] = None
    data["tidak_bergabung"] = None
    rec = simulate(Scenario.from_dict(data), replications=5, seed=1).records
    in_break = (rec["datang"] >= clock("12:00")) & (rec["datang"] < clock("13:00"))
    assert in_break.sum() > 10
    assert (rec["status"] == "dilayani").all()
    assert "Loket 2" not in set(rec["loket"].dropna())


def test_patience_reneging_with_fixed_patience():
    """With patience exactly 10 minutes, does nobody wait longer and leavers go at 10?"""
    data = card_dict("senin-setelah-libur-panjang")
    data["kesabaran"] = {"distribusi": "tetap", "rata_rata": 10}
    data["tidak_bergabung"] = None
    rec = simulate(Scenario.from_dict(data), replications=5, seed=2).records
    served = rec[rec["status"] == "dilayani"]
    gone = rec[rec["status"] == "pergi"]
    assert len(gone) > 20
    assert served["tunggu"].max() <= 10 + 1e-9
    assert np.allclose(gone["keluar"] - gone["datang"], 10)


def test_balking_caps_the_queue():
    """If everyone refuses to join a queue of 5 or more, does the queue never exceed 5?"""
    data = card_dict("senin-setelah-libur-panjang")
    data["kesabaran"] = None
    data["tidak_bergabung"] = {"panjang_antrean": 5, "peluang": 1.0}
    result = simulate(Scenario.from_dict(data), replications=5, seed=2)
    per = result.per_replication()
    assert (per["antrean_terpanjang"] <= 5).all()
    assert (per["antrean_terpanjang"] == 5).any()
    rec = result.records
    assert (rec["status"] == "tidak_bergabung").sum() > 10
    balked = rec[rec["status"] == "tidak_bergabung"]
    assert (balked["keluar"] == balked["datang"]).all()


def test_online_appointments_arrive_for_their_slots_and_keep_their_place():
    """Do booked visitors come at their slots and get called before walk-ins who came later?"""
    data = card_dict("uji-coba-janji-daring")
    data["janji_daring"].update(
        terisi=1.0, tidak_datang=0.0, selisih_datang={"rata_rata": 0, "simpangan_baku": 0}
    )
    result = simulate(Scenario.from_dict(data), replications=3, seed=4)
    rec = result.records
    online = rec[rec["kanal"] == "daring"]
    assert (online.groupby("replikasi").size() == 16 * 2).all()  # 08:00-11:45, 2 per slot
    assert np.allclose(online["datang"], online["jadwal_janji"])
    assert rec.loc[rec["kanal"] == "datang langsung", "jadwal_janji"].isna().all()
    # No ordinary walk-in who arrived after a slot is called while that holder still waits.
    for _r, g in rec.groupby("replikasi"):
        holders = g[(g["kanal"] == "daring") & (g["prioritas"] == "tidak")]
        h_out = np.where(holders["status"] == "dilayani", holders["mulai"], holders["keluar"])
        walk = g[
            (g["kanal"] == "datang langsung")
            & (g["prioritas"] == "tidak")
            & (g["status"] == "dilayani")
        ]
        for arrived, start in zip(walk["datang"], walk["mulai"], strict=True):
            waiting = (holders["jadwal_janji"].to_numpy() < arrived) & (h_out > start + 1e-9)
            assert not waiting.any()


def test_no_shows_and_early_arrivals():
    """Do no-shows reduce appointment visitors, and do early arrivals come before their slot?"""
    rec = simulate(card("uji-coba-janji-daring"), replications=20, seed=4).records
    online = rec[rec["kanal"] == "daring"]
    per_rep = online.groupby("replikasi").size().mean()
    assert 32 * 0.8 * 0.85 * 0.8 < per_rep < 32 * 0.8 * 0.85 * 1.2
    assert (online["datang"] - online["jadwal_janji"]).mean() == pytest.approx(-5, abs=1.5)


# ---- results ----------------------------------------------------------------------------------


def test_summary_has_kpis_with_confidence_intervals():
    """Does summary() give each KPI with a 95% interval that contains the mean?"""
    result = simulate(card("selasa-biasa"), replications=12, seed=1)
    s = result.summary()
    for code in (
        "rata_tunggu",
        "p90_tunggu",
        "porsi_tepat_waktu",
        "porsi_pergi",
        "antrean_terpanjang",
        "rata_antrean",
        "lembur",
        "utilisasi:Loket 1",
    ):
        assert code in s.index
    assert list(s.columns) == ["indikator", "nilai", "batas_bawah", "batas_atas", "satuan"]
    ok = s.dropna()
    assert ((ok["batas_bawah"] <= ok["nilai"]) & (ok["nilai"] <= ok["batas_atas"])).all()
    assert "15 menit" in s.loc["porsi_tepat_waktu", "indikator"]
    per = result.per_replication()
    assert s.loc["rata_tunggu", "nilai"] == pytest.approx(per["rata_tunggu"].mean())
    rec = result.records
    within = rec[(rec["status"] == "dilayani") & (rec["tunggu"] <= 15)].groupby("replikasi").size()
    share = 100 * within / rec.groupby("replikasi").size()
    assert s.loc["porsi_tepat_waktu", "nilai"] == pytest.approx(share.mean())
    single = simulate(card("selasa-biasa"), replications=1, seed=1).summary()
    assert single["batas_bawah"].isna().all()


def test_queue_over_the_day_peaks_in_the_morning():
    """Is the average queue per 30 minutes longest in the morning rush, and in WIB clock times?"""
    result = simulate(card("senin-setelah-libur-panjang"), replications=10, seed=2)
    q = result.queue_over_day(step_minutes=30)
    assert q["jam"].iloc[0] == "07:30" and q["jam"].iloc[-1] == "15:30"
    peak = q.loc[q["rata_rata"].idxmax(), "jam"]
    assert "08:00" <= peak <= "12:00"
    per = result.queue_lengths(30)
    assert len(per) == 10 * len(q)
    # Time-average over the day agrees with the summary's average queue length.
    assert per.groupby("replikasi")["antrean"].mean().mean() == pytest.approx(
        result.summary().loc["rata_antrean", "nilai"], rel=1e-6
    )


def test_summary_gives_the_queue_length_hour_by_hour():
    """Does summary() show the queue over the day per clock hour, matching queue_over_day()?"""
    result = simulate(card("satu-minggu"), replications=4, seed=2)
    s = result.summary()
    hourly = s[s.index.str.startswith("antrean_jam:")]
    assert list(hourly.index) == [
        "antrean_jam:07:30-08:00",
        *(f"antrean_jam:{h:02d}:00-{h + 1:02d}:00" for h in range(8, 16)),
    ]
    assert hourly.loc["antrean_jam:09:00-10:00", "indikator"] == "Rata-rata antrean 09:00-10:00"
    assert (hourly["satuan"] == "orang").all()
    assert (
        (hourly["batas_bawah"] <= hourly["nilai"]) & (hourly["nilai"] <= hourly["batas_atas"])
    ).all()
    # Each hour is the average of its two half hours, over the five days and the replications.
    half = result.queue_lengths(30)
    for start, end in (("08:00", "08:30"), ("12:00", "12:30")):
        both = half[half["jam"].isin([start, end])]
        assert hourly.loc[f"antrean_jam:{start}-{int(start[:2]) + 1:02d}:00", "nilai"] == (
            pytest.approx(both["antrean"].mean())
        )
    # Weighted by the open part of each hour, the hours give the day's average queue.
    weights = np.array([0.5] + [1.0] * 8)
    assert np.average(hourly["nilai"], weights=weights) == pytest.approx(
        s.loc["rata_antrean", "nilai"]
    )
    assert hourly["nilai"].idxmax() in {"antrean_jam:08:00-09:00", "antrean_jam:09:00-10:00"}
    # A long textbook run has no clock day, so no hourly rows.
    mmc = Scenario.mmc(arrivals_per_hour=40, mean_service_minutes=4, counters=3, hours=30)
    summary = simulate(mmc, replications=2, seed=1).summary()
    assert not summary.index.str.startswith("antrean_jam:").any()


def test_json_summary_is_plain_data():
    """Is the JSON form plain numbers and Indonesian labels?"""
    data = simulate(card("selasa-biasa"), replications=3, seed=1).to_json_dict()
    assert data["skenario"] == "Selasa biasa" and data["replikasi"] == 3
    first = data["indikator"][0]
    assert set(first) == {"kode", "indikator", "nilai", "batas_bawah", "batas_atas", "satuan"}


def test_simulate_rejects_bad_arguments_in_indonesian():
    """Are zero replications, a negative seed and a wrong object refused with clear messages?"""
    with pytest.raises(WorkbenchError) as err:
        simulate(card("selasa-biasa"), replications=0, seed=-1)
    assert len(err.value.problems) == 2
    with pytest.raises(WorkbenchError, match="Scenario"):
        simulate({"nama": "x"})
    result = simulate(CARDS / "selasa-biasa.yaml", replications=1, seed=1)
    assert result.scenario.name == "Selasa biasa"


def test_arrivals_and_services_follow_the_card():
    """Do hourly arrival counts, service shares and service times match what the card says?"""
    sc = card("senin-pagi")
    reps = 40
    result = simulate(sc.replace(patience=None, balking=None), replications=reps, seed=21)
    rec = result.records
    clock_hour = ((rec["datang"] + OPEN) // 60).astype(int)
    counts = clock_hour.value_counts()
    factor = sc.arrivals.day_factor["senin"]
    for hour, rate in sc.arrivals.per_hour.items():
        open_part = (min(16 * 60, hour * 60 + 60) - max(OPEN, hour * 60)) / 60
        expected = rate * factor * open_part * reps
        # Poisson counts: 4 standard deviations is a deterministic, generous bound.
        assert abs(counts.get(hour, 0) - expected) <= 4 * expected**0.5 + 1, hour
    shares = rec["layanan"].value_counts(normalize=True)
    service_minutes = (rec["selesai"] - rec["mulai"]).groupby(rec["layanan"], observed=True)
    for s in sc.services:
        assert shares[s.name] == pytest.approx(s.share, abs=0.02), s.name
        assert service_minutes.mean()[s.name] == pytest.approx(s.duration.mean_minutes, rel=0.1)


def test_clock_times_are_the_visitors_own_day_and_empty_when_missing():
    """Does clock_times() write each time as HH:MM on the visitor's own day, and leave the start
    of those who left empty?"""
    result = simulate(card("satu-minggu"), replications=2, seed=4)
    rec = result.clock_times()
    assert rec["hari"].nunique() == 5
    for column, clock_column in (("datang", "jam_datang"), ("selesai", "jam_selesai")):
        rows = rec[rec[column].notna()]
        minutes = rows[column] - (rows["hari"] - 1) * 24 * 60 + OPEN
        expected = [f"{int(m + 0.5) // 60:02d}:{int(m + 0.5) % 60:02d}" for m in minutes]
        assert rows[clock_column].tolist() == expected
    assert rec["jam_datang"].min() >= "07:30" and rec["jam_datang"].max() <= "16:00"
    gone = rec[rec["status"] != "dilayani"]
    assert len(gone) > 0 and gone["jam_mulai"].isna().all()
    assert gone["jam_keluar"].notna().all()
    assert list(rec.columns[: len(result.records.columns)]) == list(result.records.columns)


def test_a_result_displays_as_a_short_indonesian_summary():
    """Does a result show a few KPIs in Indonesian (text, HTML and Markdown) instead of a
    screen-long dataclass dump?"""
    result = simulate(card("selasa-biasa"), replications=5, seed=1)
    text = repr(result)
    assert text.startswith("Hasil simulasi 'Selasa biasa': 5 replikasi, seed 1")
    assert "Rata-rata waktu tunggu" in text and "menit" in text and ".summary()" in text
    assert len(text.splitlines()) < 12 and "DataFrame" not in text and "records=" not in text
    mean = result.summary().loc["rata_tunggu", "nilai"]
    assert f"{mean:.1f}".replace(".", ",") in text
    html = result._repr_html_()
    assert "<table>" in html and "Rata-rata waktu tunggu" in html and "&#x27;" in html
    markdown = result._repr_markdown_()
    assert "| Rata-rata waktu tunggu |" in markdown


def test_numbers_in_scenario_text_are_written_the_indonesian_way():
    """Are 12.5 visitors per hour and a 7.5-minute standard written '12,5' and '7,5' in the
    story and the indicator names a camat reads (not '12.5', '7.5')?"""
    from dataclasses import replace

    sc = Scenario.mmc(arrivals_per_hour=12.5, mean_service_minutes=7.5, counters=2, hours=8)
    assert "12,5 pengunjung per jam" in sc.story and "7,5 menit" in sc.story
    result = simulate(replace(sc, service_standard_minutes=7.5), replications=2, seed=1)
    assert result.summary().loc["porsi_tepat_waktu", "indikator"] == (
        "Dilayani dalam 7,5 menit (standar)"
    )
