"""Level 4 (results): daily waits by hand, the two estimators on series whose answer is known
exactly, and on synthetic exports: the interval covers the planted effect, and finds nothing
where nothing was planted, over many seeds."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from workbench.data.antrean import KANTOR_CONTOH, generate_antrean, read_queue_export
from workbench.data.calendar import working_days
from workbench.evaluasi.results import (
    calendar_terms,
    daily_waits,
    difference_in_differences,
    interrupted_time_series,
)
from workbench.evaluasi.stats import UNDECIDED

TRAINED = "Kecamatan Asemrowo"
OTHERS = ["Kelurahan Asemrowo", "Kelurahan Genting Kalianak"]
MULAI, SELESAI = dt.date(2025, 5, 5), dt.date(2025, 5, 6)


def test_daily_waits_by_hand(tmp_path):
    """One office, two days: tickets, tickets called, mean wait over called tickets that were
    served, share within a 15-minute standard, all as a hand count gives them."""
    path = tmp_path / "antrian.csv"
    path.write_text(
        "No Antrian;Tanggal;Jam Ambil;Jam Panggil;Status\n"
        "A001;06/01/2025;08.00;08.10;Selesai\n"  # 10 min, within 15
        "A002;06/01/2025;08.05;08.25;Selesai\n"  # 20 min, over
        "A003;06/01/2025;08.06;08.40;Tidak Hadir\n"  # called but absent: not counted
        "A004;06/01/2025;08.07;;\n"  # never called
        "A001;07/01/2025;09.00;09.12;Selesai\n",  # 12 min
        encoding="utf-8",
    )
    tickets = read_queue_export(path, kantor="Kelurahan Asemrowo")
    daily = daily_waits(tickets, standard_minutes=15)
    first, second = daily.iloc[0], daily.iloc[1]
    assert (first["tiket"], first["dipanggil"]) == (4, 2)
    assert first["rata_tunggu"] == pytest.approx((10 + 20) / 2)
    assert first["porsi_tepat_waktu"] == pytest.approx(50.0)
    assert (second["tiket"], second["dipanggil"]) == (1, 1)
    assert second["rata_tunggu"] == pytest.approx(12.0)
    assert second["porsi_tepat_waktu"] == pytest.approx(100.0)


def test_calendar_terms_know_the_indonesian_calendar():
    """Is 8 April 2025 (after the Idul Fitri leave) 'after a holiday', 2 June a Monday in the
    PPDB months and among the first working days, and an ordinary Monday not 'after a
    holiday'?"""
    dates = pd.Series(pd.DatetimeIndex(["2025-04-08", "2025-06-02", "2025-06-05", "2025-01-13"]))
    terms = calendar_terms(dates)
    assert terms["setelah_libur"].tolist() == [1, 1, 0, 0]
    assert terms["senin"].tolist() == [0, 1, 0, 1]
    assert terms["ppdb"].tolist() == [0, 1, 1, 0]
    assert terms["awal_bulan"].tolist() == [1, 1, 0, 0]


def _series(offices: dict[str, np.ndarray], start="2025-01-02", end="2025-08-29"):
    days = working_days(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    frames = []
    for name, values in offices.items():
        frames.append(
            pd.DataFrame(
                {
                    "kantor": name,
                    "tanggal": pd.Series(days).dt.tz_localize("Asia/Jakarta"),
                    "tiket": 60 + (np.arange(len(days)) * 7) % 11,
                    "dipanggil": 55,
                    "rata_tunggu": values(days),
                    "porsi_tepat_waktu": 70.0,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _after(days):
    return (days > pd.Timestamp(SELESAI)).astype(float)


def test_time_series_recovers_an_exact_step():
    """A series of 12 minutes plus 5 on Mondays plus a slow trend, with a step of exactly −3
    after the training and no noise: is the estimate −3,0 and the verdict 'turun (membaik)'?"""
    daily = _series(
        {
            TRAINED: lambda d: (
                12 + 5 * (d.day_of_week == 0) + 0.01 * (d - d[0]).days.to_numpy() - 3 * _after(d)
            )
        }
    )
    est = interrupted_time_series(daily, kantor=TRAINED, mulai=MULAI, selesai=SELESAI)
    assert est.estimate.nilai == pytest.approx(-3.0, abs=1e-6)
    assert est.putusan == "turun (membaik)"
    assert est.musim["Senin (dibanding Rabu)"] == pytest.approx(5.0)
    assert any("Senin" in note for note in est.catatan)
    assert "turun (membaik)" in est.kesimpulan and "-3,0 menit" in est.kesimpulan


def test_difference_in_differences_recovers_an_exact_step_under_common_shocks():
    """Two offices hit by the same erratic daily shocks, the trained one 2 minutes slower before
    and 1 minute faster after (a change of exactly −3): is the estimate −3,0?"""
    shock = np.random.default_rng(5).normal(0, 4, size=400)
    daily = _series(
        {
            TRAINED: lambda d: 14 + shock[: len(d)] - 3 * _after(d),
            OTHERS[0]: lambda d: 12 + shock[: len(d)],
        }
    )
    est = difference_in_differences(
        daily, kantor=TRAINED, pembanding=[OTHERS[0]], mulai=MULAI, selesai=SELESAI
    )
    assert est.estimate.nilai == pytest.approx(-3.0, abs=1e-6)
    assert est.pembanding == (OTHERS[0],)
    assert any("saling meniadakan" in note for note in est.catatan)


def test_thin_data_is_undecided_with_the_reason():
    """Does a training two weeks before the data ends say 'belum bisa disimpulkan' and why,
    and does a comparison without other offices say there is none?"""
    daily = _series({TRAINED: lambda d: 12 + 0 * _after(d)}, end="2025-05-16")
    est = interrupted_time_series(daily, kantor=TRAINED, mulai=MULAI, selesai=SELESAI)
    assert not est.estimate.cukup and est.putusan == UNDECIDED
    assert "hari kerja sesudah pelatihan" in est.estimate.alasan
    assert UNDECIDED in est.kesimpulan
    none = difference_in_differences(
        daily, kantor=TRAINED, pembanding=[TRAINED], mulai=MULAI, selesai=SELESAI
    )
    assert none.putusan == UNDECIDED and "tidak ada kantor pembanding" in none.estimate.alasan


def test_a_season_seen_only_after_the_training_is_named_not_used():
    """When the PPDB months fall only after the training, is that said, instead of letting
    the PPDB term swallow the effect?"""
    daily = _series({TRAINED: lambda d: 12 - 3 * _after(d)})
    est = interrupted_time_series(daily, kantor=TRAINED, mulai=MULAI, selesai=SELESAI)
    assert any("Juni–Juli" in note and "hanya ada sesudah" in note for note in est.catatan)


def _truth(with_effect, without, selesai, post_days=120):
    """The planted effect: measured minus counterfactual mean wait over the days used."""
    a = with_effect[with_effect["kantor"] == TRAINED].set_index("tanggal")["rata_tunggu"]
    b = without[without["kantor"] == TRAINED].set_index("tanggal")["rata_tunggu"]
    days = a.index[a.index.tz_localize(None) > pd.Timestamp(selesai)][:post_days]
    return float((a.loc[days] - b.loc[days]).mean())


def _run(seed: int, factor: float):
    demo = generate_antrean(
        seed=seed,
        start="2025-01-01",
        end="2025-09-30",
        kantor=KANTOR_CONTOH[:3],
        pelatihan={TRAINED: dt.date(2025, 5, 7)},
        faktor_layanan=factor,
    )
    daily = daily_waits(demo.tiket, standard_minutes=15)
    without = daily_waits(demo.tanpa_pelatihan, standard_minutes=15)
    its = interrupted_time_series(daily, kantor=TRAINED, mulai=MULAI, selesai=SELESAI)
    did = difference_in_differences(
        daily, kantor=TRAINED, pembanding=OTHERS, mulai=MULAI, selesai=SELESAI
    )
    return _truth(daily, without, SELESAI), its, did


def test_planted_effect_is_recovered_on_the_demonstration_seed():
    """With staff 15% faster after training (a few minutes less waiting, known exactly from the
    same citizens served without it), do both intervals cover the true effect and say
    'turun (membaik)'?"""
    truth, its, did = _run(2025, 0.85)
    assert truth < -2
    for est in (its, did):
        assert est.estimate.bawah <= truth <= est.estimate.atas, est.kesimpulan
    # The comparison with offices not yet trained is the sharper of the two (its interval is
    # about half as wide over many seeds): it calls the change real.
    assert did.putusan == "turun (membaik)"
    assert did.estimate.atas - did.estimate.bawah < its.estimate.atas - its.estimate.bawah


@pytest.mark.slow
def test_intervals_cover_the_planted_effect_over_twenty_seeds():
    """Over 20 seeds, does each method's 95% interval cover the true effect at least 17 times
    (about 19 expected), with no systematic miss in one direction?"""
    runs = [_run(seed, 0.85) for seed in range(20)]
    for pick in (1, 2):
        covered = [r[pick].estimate.bawah <= r[0] <= r[pick].estimate.atas for r in runs]
        assert sum(covered) >= 17
        errors = [r[pick].estimate.nilai - r[0] for r in runs]
        assert abs(np.mean(errors)) < 1.0  # minutes: no bias worth a verdict


@pytest.mark.slow
def test_nothing_is_found_where_nothing_was_planted_over_twenty_seeds():
    """With no training effect at all, does each method call a change real in at most 3 of 20
    seeds (about 1 expected at 95%)?"""
    runs = [_run(seed, 1.0) for seed in range(20)]
    assert all(r[0] == 0 for r in runs)
    for pick in (1, 2):
        assert sum(r[pick].estimate.nyata for r in runs) <= 3


def test_calendar_pattern_by_hand():
    """Is the weekday pattern the plain mean per weekday: Mondays 5 minutes above the other
    days when the series adds exactly 5 on Mondays, tickets averaged the same way?"""
    from workbench.evaluasi.results import seasonal_profile

    daily = _series({TRAINED: lambda d: 12 + 5 * (d.day_of_week == 0)})
    weekday, month = seasonal_profile(daily, TRAINED)
    assert weekday.loc["Senin", "rata_tunggu"] == pytest.approx(17.0)
    assert weekday.loc["Rabu", "rata_tunggu"] == pytest.approx(12.0)
    mondays = daily[daily["tanggal"].dt.day_of_week == 0]
    assert weekday.loc["Senin", "tiket"] == pytest.approx(mondays["tiket"].mean())
    assert list(month.index[:2]) == ["Januari", "Februari"]
