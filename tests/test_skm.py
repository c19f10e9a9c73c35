"""Tests for workbench.skm: the index as PermenPANRB 14/2017 defines it, and what is built on it."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import openpyxl
import pandas as pd
import pytest

from workbench import data, skm
from workbench import formatting as fmt
from workbench.config import load_settings
from workbench.errors import WorkbenchError
from workbench.skm import analysis as skm_analysis
from workbench.skm import core as skm_core
from workbench.skm import plan as skm_plan
from workbench.skm import themes as skm_themes
from workbench.skm.analysis import _group_codes, _Scores
from workbench.skm.core import _score_block

U = [f"U{i}" for i in range(1, 10)]

# Four respondents, worked by hand:
# NRR U1..U9 = 3.5, 3.0, 3.0, 4.0, 2.75, 3.5, 3.75, 2.5, 3.5; sum 29.5.
# Weight 1/9: IKM 29.5/9 = 3.277778, converted 81.944444 -> B (Baik).
# Weight 0.111: IKM 29.5 * 0.111 = 3.2745, converted 81.8625 -> B.
HAND = {
    "U1": [4, 4, 3, 3],
    "U2": [3, 3, 3, 3],
    "U3": [2, 3, 3, 4],
    "U4": [4, 4, 4, 4],
    "U5": [3, 3, 3, 2],
    "U6": [4, 3, 4, 3],
    "U7": [4, 4, 4, 3],
    "U8": [2, 2, 3, 3],
    "U9": [3, 3, 4, 4],
}
HAND_NRR = [3.5, 3.0, 3.0, 4.0, 2.75, 3.5, 3.75, 2.5, 3.5]


def hand_frame() -> pd.DataFrame:
    frame = pd.DataFrame(HAND)
    frame.insert(0, "id_responden", ["R001", "R002", "R003", "R004"])
    return frame


def answers_with_total(n: int, total: int) -> pd.DataFrame:
    """n respondents whose 9n scores add up to ``total`` (3s, then some 4s or some 2s)."""
    cells = np.full(9 * n, 3, dtype=np.int64)
    extra = total - 27 * n
    if extra > 0:
        cells[:extra] = 4
    elif extra < 0:
        cells[:-extra] = 2
    return pd.DataFrame(cells.reshape(n, 9), columns=U)


def survey(n: int, seed: int, *, p=(0.05, 0.15, 0.5, 0.3)) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({c: rng.choice([1, 2, 3, 4], size=n, p=p) for c in U})
    frame["id_responden"] = [f"R{i:06d}" for i in range(n)]
    frame["jenis_layanan"] = rng.choice(["KTP-el", "Kartu Keluarga", "KIA", "Legalisir"], size=n)
    frame["kelurahan"] = pd.Categorical(
        rng.choice(["Asemrowo", "Genting Kalianak", "Tambak Sarioso"], size=n)
    )
    frame["jenis_kelamin"] = rng.choice(["Laki-laki", "Perempuan"], size=n)
    frame["pendidikan"] = rng.choice(["SD", "SMP", "SMA", "S1"], size=n)
    frame["pekerjaan"] = rng.choice(["Wiraswasta", "Pelajar", "PNS"], size=n)
    frame["umur"] = rng.integers(17, 80, size=n)
    start = pd.Timestamp("2025-01-01", tz="Asia/Jakarta")
    frame["tanggal"] = start + pd.to_timedelta(rng.integers(0, 365 * 24, size=n), unit="h")
    return frame


@pytest.fixture
def settings(tmp_path):
    return load_settings(home=tmp_path)


# ---------------------------------------------------------------- the index


def test_index_matches_hand_calculation_with_exact_weight():
    """Does ikm() give the NRR, index, converted value and band worked out by hand?"""
    result = skm.ikm(hand_frame())
    assert result.nrr.index.tolist() == U
    assert result.nrr.tolist() == pytest.approx(HAND_NRR)
    assert result.ikm == pytest.approx(29.5 / 9)
    assert result.nilai_tepat == pytest.approx(29.5 / 9 * 25)
    assert result.nilai == 81.94  # rounded once, half up, as printed
    assert (result.mutu, result.kinerja) == ("B", "Baik")
    assert result.jumlah_responden == 4
    assert result.bobot == 1 / 9


def test_index_with_printed_weight_matches_old_reports():
    """Does bobot=0.111 reproduce the printed-weight arithmetic (29.5 × 0.111 = 3.2745)?"""
    result = skm.ikm(hand_frame(), bobot=skm.PRINTED_WEIGHT)
    assert result.ikm == pytest.approx(3.2745)
    assert result.nilai_tepat == pytest.approx(81.8625)
    assert result.nilai == 81.86
    assert result.mutu == "B"


@pytest.mark.parametrize(("bobot", "nilai"), [(None, 88.39), (1 / 9, 88.39), (0.111, 88.31)])
def test_rounded_value_is_the_graded_and_shown_value(bobot, nilai):
    """185 answers summing to 5887 with weight 0.111 give 88.305: is that 88.31 and mutu A
    everywhere (result, summary, text, element table), not 88.31 next to 'B'?"""
    result = skm.ikm(answers_with_total(185, 5887), bobot=bobot)
    assert result.nilai == nilai and result.mutu == "A"
    assert result.summary()["nilai IKM (25–100)"] == nilai
    assert f"IKM {nilai:.2f} (mutu A".replace(".", ",") in str(result)
    assert f"<b>IKM {nilai:.2f}</b>".replace(".", ",") in result._repr_html_()
    assert skm.band_for(result.nilai_tepat).mutu == "A"


@pytest.mark.parametrize(("value", "rounded"), [(88.305, 88.31), (76.605, 76.61), (64.994, 64.99)])
def test_round_nilai_is_half_up_on_the_printed_decimal(value, rounded):
    """Is 88.305 rounded to 88.31 (half up), where Python's round() gives 88.3?"""
    assert skm_core.round_nilai(value) == rounded
    assert skm.band_for(value).mutu == skm.band_for(rounded).mutu


def test_element_values_are_rounded_half_up_like_the_index():
    """Is an element whose value is exactly x.xx5 rounded up in the element table?"""
    # U1 average 3.0002 over 5000 answers: 75.005 -> 75.01 (float round gives 75.0).
    frame = pd.DataFrame({c: [3] * 5000 for c in U})
    frame.loc[0, "U1"] = 4
    table = skm.ikm(frame).to_frame().set_index("unsur")
    assert table.loc["U1", "nilai"] == 75.01 and table.loc["U2", "nilai"] == 75.0


def test_perfect_scores_give_100_exactly_but_99_9_with_printed_weight():
    """Is a perfect survey 100.00 with weight 1/9, and 99.9 with the printed 0.111?"""
    perfect = pd.DataFrame({c: [4, 4, 4] for c in U})
    assert skm.ikm(perfect).nilai == pytest.approx(100.0)
    assert skm.ikm(perfect, bobot=0.111).nilai == pytest.approx(99.9)
    assert skm.ikm(perfect).mutu == skm.ikm(perfect, bobot=0.111).mutu == "A"


def test_worst_scores_give_25_and_band_d():
    """Are all-1 answers the bottom of the scale: 25.00, D, Tidak Baik?"""
    result = skm.ikm(pd.DataFrame({c: [1, 1] for c in U}))
    assert result.nilai == pytest.approx(25.0)
    assert (result.mutu, result.kinerja) == ("D", "Tidak Baik")


@pytest.mark.parametrize(
    ("nilai", "mutu", "kinerja"),
    [
        (100.0, "A", "Sangat Baik"),
        (88.31, "A", "Sangat Baik"),
        (88.30, "B", "Baik"),
        (76.61, "B", "Baik"),
        (76.60, "C", "Kurang Baik"),
        (65.00, "C", "Kurang Baik"),
        (64.99, "D", "Tidak Baik"),
        (25.0, "D", "Tidak Baik"),
    ],
)
def test_band_boundaries_follow_the_regulation_table(nilai, mutu, kinerja):
    """Does each boundary of the quality table fall in the band the regulation prints?"""
    band = skm.band_for(nilai)
    assert (band.mutu, band.kinerja) == (mutu, kinerja)


@pytest.mark.parametrize(
    ("n", "total", "nilai", "mutu"),
    [
        (2500, 79479, 88.31, "A"),  # IKM 3.5324
        (250, 7947, 88.30, "B"),
        (2500, 68949, 76.61, "B"),  # IKM 3.0644
        (125, 3447, 76.60, "C"),
        (5, 117, 65.00, "C"),  # IKM 2.60
        (2500, 58491, 64.99, "D"),
    ],
)
def test_band_boundaries_hold_for_computed_surveys(n, total, nilai, mutu):
    """Does a survey landing exactly on a boundary get that band despite float arithmetic?"""
    result = skm.ikm(answers_with_total(n, total))
    assert result.nilai == pytest.approx(nilai, abs=1e-9)
    assert result.mutu == mutu


def test_printed_weight_can_move_a_survey_across_a_band_boundary():
    """Does a survey at 88.33 with weight 1/9 (A) drop to 88.25 (B) with the printed 0.111?"""
    frame = answers_with_total(5, 159)  # NRR sum 31.8
    exact, printed = skm.ikm(frame), skm.ikm(frame, bobot=0.111)
    assert exact.nilai == 88.33  # 88.333...
    assert printed.nilai == 88.25  # 88.245, half up
    assert (exact.mutu, printed.mutu) == ("A", "B")
    assert printed.to_frame()["nrr_tertimbang"].sum() == pytest.approx(printed.ikm)


def test_result_displays_as_a_table_with_every_element_named():
    """Does the result render in a notebook with codes and names kept together?"""
    result = skm.ikm(hand_frame())
    page = result._repr_html_()
    assert "IKM 81,94" in page and "mutu <b>B</b>" in page
    for code, name in skm.ELEMENTS.items():
        assert code in page and name in page
    table = result.to_frame()
    assert table.loc[table.unsur == "U9", "nama_unsur"].item() == "Sarana dan Prasarana"
    assert table["nrr_tertimbang"].sum() == pytest.approx(result.ikm)
    assert table.loc[table.unsur == "U8", "persen_skor_rendah"].item() == pytest.approx(50.0)


@pytest.mark.parametrize("bobot", [2, 1, 0.5, 0.11, 0.1111, -1 / 9, True, "1/9"])
def test_invalid_weight_is_refused(bobot):
    """Is any weight but 1/9 and the printed 0.111 refused (1 would give IKM 697.75)?"""
    with pytest.raises(WorkbenchError, match="Bobot"):
        skm.ikm(hand_frame(), bobot=bobot)


# ---------------------------------------------------------------- minimum sample


@pytest.mark.parametrize(
    ("population", "needed"), [(100, 80), (500, 217), (1000, 278), (10000, 370)]
)
def test_min_sample_matches_krejcie_morgan_values(population, needed):
    """Does min_sample reproduce the Krejcie–Morgan values in DOMAIN.md?"""
    assert skm.min_sample(population) == needed


def test_min_sample_never_exceeds_population_and_refuses_nonsense():
    """Is the minimum at most the population, and a zero or fractional population refused?"""
    assert skm.min_sample(1) == 1
    assert skm.min_sample(5) <= 5
    for bad in (0, -3, 12.5, "100"):
        with pytest.raises(WorkbenchError):
            skm.min_sample(bad)


def test_small_sample_warns_and_is_recorded_in_the_result():
    """Does a survey with too few answers warn clearly and say how many are missing?"""
    with pytest.warns(skm.SampleSizeWarning, match="278") as caught:
        result = skm.ikm(hand_frame(), populasi=1000)
    assert "274" in str(caught[0].message)  # 278 needed − 4 answers
    assert result.sampel_minimum == 278
    assert result.peringatan and "Sampel kurang" in result.peringatan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert skm_core.check_sample(80, 100) is None


# ---------------------------------------------------------------- validation


def test_bad_rows_are_all_listed_in_one_error():
    """Are out-of-range, empty, text, fractional scores and duplicate ids reported together?"""
    frame = hand_frame().astype({"U1": object, "U4": float})
    frame = pd.concat([frame, hand_frame().iloc[[0]]], ignore_index=True)  # row 6 repeats R001
    frame.loc[0, "U3"] = 5
    frame.loc[1, "U1"] = "baik"
    frame.loc[2, "U2"] = np.nan
    frame.loc[3, "U4"] = 2.5
    with pytest.raises(WorkbenchError) as caught:
        skm.ikm(frame)
    problems = {(p.row, p.column, p.message) for p in caught.value.problems}
    assert problems == {
        (2, "U3", "nilai di luar rentang"),
        (3, "U1", "bukan bilangan bulat"),
        (4, "U2", "nilai kosong"),
        (5, "U4", "bukan bilangan bulat"),
        (6, "id_responden", "nilai kembar, sudah ada di baris 2"),
    }
    assert "5 masalah" in caught.value.message


def test_missing_elements_are_named():
    """Does a file without U9 say that U9 (Sarana dan Prasarana) is missing?"""
    with pytest.raises(WorkbenchError, match="U9") as caught:
        skm.ikm(hand_frame().drop(columns=["U9"]))
    assert [p.column for p in caught.value.problems] == ["U9"]


def test_scores_typed_as_text_digits_are_accepted():
    """Are scores read from a text file ("3", " 4 ") accepted like numbers?"""
    frame = hand_frame().astype(str)
    frame.loc[0, "U1"] = " 4 "
    assert skm.ikm(frame).nilai == pytest.approx(skm.ikm(hand_frame()).nilai)


def test_empty_survey_is_refused():
    """Is a survey without answers refused rather than dividing by zero?"""
    with pytest.raises(WorkbenchError, match="kosong"):
        skm.ikm(pd.DataFrame({c: pd.Series(dtype=int) for c in U}))


def test_read_responses_handles_indonesian_excel_csv_and_xlsx(tmp_path):
    """Are a ';' CSV with a BOM, a Windows-1252 CSV and an .xlsx read to the same index?"""
    frame = hand_frame()
    frame["saran"] = ["Antrean lama", "", "Petugas ramah", "Kursi kurang"]
    expected = skm.ikm(frame).nilai
    semicolon = frame.to_csv(sep=";", index=False).encode("utf-8-sig")
    assert skm.ikm(skm.read_responses(semicolon, filename="skm.csv")).nilai == pytest.approx(
        expected
    )
    latin = frame.assign(saran=["Café tutup", "", "", ""]).to_csv(index=False).encode("cp1252")
    read = skm.read_responses(latin, filename="skm.csv")
    assert read.loc[0, "saran"] == "Café tutup"
    xlsx = tmp_path / "skm.xlsx"
    frame.to_excel(xlsx, index=False)
    assert skm.ikm(skm.read_responses(xlsx)).nilai == pytest.approx(expected)
    with pytest.raises(WorkbenchError, match="CSV"):
        skm.read_responses(b"x", filename="skm.pdf")
    with pytest.raises(WorkbenchError, match="Excel"):
        skm.read_responses(b"not a workbook", filename="rusak.xlsx")


# ---------------------------------------------------------------- breakdowns and intervals


def test_breakdown_matches_a_plain_pandas_groupby():
    """Does the vectorised breakdown give the same NRR and index as a pandas groupby?"""
    frame = survey(3000, seed=5)
    for by in ("jenis_layanan", "kelurahan", "pendidikan"):
        table = skm.breakdown(frame, by).set_index(by)
        naive = frame.groupby(by, observed=True)[U].mean()
        np.testing.assert_allclose(table.loc[naive.index, U].to_numpy(), naive.to_numpy())
        np.testing.assert_allclose(
            table.loc[naive.index, "nilai"].to_numpy(),
            [skm_core.round_nilai(v) for v in naive.sum(axis=1).to_numpy() / 9 * 25],
        )
        assert table["jumlah_responden"].sum() == len(frame)


def test_breakdown_by_hand_for_two_groups():
    """Does a two-group breakdown match the hand figures of each group?"""
    frame = pd.concat([hand_frame(), answers_with_total(5, 117)], ignore_index=True)
    frame["id_responden"] = range(len(frame))
    frame["kelurahan"] = ["Asemrowo"] * 4 + ["Tambak Sarioso"] * 5
    table = skm.breakdown(frame, "kelurahan").set_index("kelurahan")
    assert table.loc["Asemrowo", "nilai"] == 81.94  # 81.944..., as the report prints it
    assert table.loc["Tambak Sarioso", "nilai"] == pytest.approx(65.0)
    assert table.loc["Tambak Sarioso", "mutu"] == "C"
    assert table.loc["Asemrowo", "jumlah_responden"] == 4


def test_age_groups_and_unknown_groups():
    """Are ages binned into the profile's groups, and rows with no age left out of groups only?"""
    frame = pd.concat([hand_frame()] * 2, ignore_index=True)
    frame["id_responden"] = range(8)
    frame["umur"] = [18, 20, 21, 30, 45, 61, 90, None]
    table = skm.breakdown(frame, "kelompok_umur")
    assert dict(zip(table.kelompok_umur, table.jumlah_responden, strict=True)) == {
        "< 21": 2,
        "21–30": 2,
        "41–50": 1,
        "> 60": 2,
    }
    assert skm.ikm(frame).jumlah_responden == 8


def test_periods_are_read_in_wib_not_utc():
    """Does an answer at 31 March 20:00 UTC (1 April 03:00 WIB) count in April and T2?"""
    frame = hand_frame()
    frame["tanggal"] = pd.to_datetime(
        ["2025-03-31T20:00Z", "2025-03-30T10:00Z", "2025-06-30T16:59Z", "2025-06-30T17:00Z"]
    )
    months = skm.breakdown(frame, "periode", periode="bulan")
    assert months["periode"].tolist() == ["2025-03", "2025-04", "2025-06", "2025-07"]
    quarters = skm.breakdown(frame, "periode", periode="triwulan")
    assert dict(zip(quarters.periode, quarters.jumlah_responden, strict=True)) == {
        "2025 T1": 1,
        "2025 T2": 2,
        "2025 T3": 1,
    }
    with pytest.raises(WorkbenchError, match="Periode"):
        skm.breakdown(frame, "periode", periode="minggu")


@pytest.mark.parametrize("limit", [4096, 60, 1])
def test_joint_count_and_per_breakdown_counts_agree(limit, monkeypatch):
    """Does the report's one-pass joint count (or its fallback) equal counting each breakdown?"""
    monkeypatch.setattr("workbench.skm.analysis._CUBE_LIMIT", limit)
    frame = survey(5000, seed=11)
    frame.loc[::7, "umur"] = np.nan  # unknown age: counted in no age group
    frame["kelurahan"] = frame["kelurahan"].astype(object)
    frame.loc[::5, "kelurahan"] = None
    scores = _Scores(_score_block(skm.validate(frame)))
    dims = [
        _group_codes(frame, by, "bulan")
        for by in ("jenis_layanan", "kelurahan", "kelompok_umur", "periode")
    ]
    joint = scores.cube_tables([(codes, len(labels)) for codes, labels in dims])
    for (codes, labels), (counts, hists) in zip(dims, joint, strict=True):
        one_counts, one_hists = scores.group_tables(codes, len(labels))
        np.testing.assert_array_equal(counts, one_counts)
        np.testing.assert_array_equal(hists, one_hists)
        assert counts[:, 0, :].sum() == (codes >= 0).sum()
    rep = skm.report(frame, seed=1)
    assert rep.rincian["kelompok_umur"]["jumlah_responden"].sum() == len(frame) - len(frame[::7])
    assert rep.rincian["kelurahan"]["jumlah_responden"].sum() == len(frame) - len(frame[::5])


def test_bootstrap_is_reproducible_and_needs_a_seed():
    """Does the same seed give the same interval, and is a missing seed refused?"""
    frame = survey(400, seed=1)
    first = skm.bootstrap_ci(frame, seed=7)
    assert first == skm.bootstrap_ci(frame, seed=7)
    assert first.bawah < first.nilai < first.atas
    assert first.nilai == pytest.approx(skm.ikm(frame).nilai)
    with pytest.raises(WorkbenchError, match="seed"):
        skm.bootstrap_ci(frame, seed=None)
    with pytest.raises(WorkbenchError, match="seed"):
        skm.breakdown(frame, "kelurahan", level=0.95)


def test_bootstrap_width_matches_the_standard_error():
    """Is the 95% interval about ±1.96 standard errors of the mean total score, as theory says?"""
    frame = survey(2000, seed=2)
    ci = skm.bootstrap_ci(frame, seed=3, n_boot=4000)
    totals = frame[U].sum(axis=1)
    se = totals.std(ddof=0) / np.sqrt(len(frame)) / 9 * 25
    assert (ci.atas - ci.bawah) / 2 == pytest.approx(1.96 * se, rel=0.08)


def test_compare_tells_a_real_change_from_noise():
    """Is a clear drop called real, and two samples of the same survey not?"""
    good = survey(800, seed=1, p=(0.02, 0.08, 0.5, 0.4))
    worse = survey(800, seed=2, p=(0.1, 0.25, 0.45, 0.2))
    same = survey(800, seed=3, p=(0.02, 0.08, 0.5, 0.4))
    drop = skm.compare(good, worse, seed=1)
    assert drop.nyata and drop.selisih < 0 and drop.atas < 0
    assert "nyata" in drop.kesimpulan and "turun" in drop.kesimpulan
    noise = skm.compare(good, same, seed=1)
    assert not noise.nyata and noise.bawah < 0 < noise.atas
    assert "belum bisa" in noise.kesimpulan


def test_trend_flags_real_changes_between_periods():
    """Does the trend table mark a real jump between quarters and its interval per quarter?"""
    first = survey(600, seed=4, p=(0.1, 0.3, 0.4, 0.2))
    second = survey(600, seed=5, p=(0.01, 0.05, 0.44, 0.5))
    first["tanggal"] = pd.Timestamp("2025-02-01", tz="Asia/Jakarta")
    second["tanggal"] = pd.Timestamp("2025-05-01", tz="Asia/Jakarta")
    both = pd.concat([first, second], ignore_index=True)
    both["id_responden"] = range(len(both))
    table = skm.trend(both, seed=9)
    assert table["periode"].tolist() == ["2025 T1", "2025 T2"]
    assert bool(table.loc[1, "perubahan_nyata"]) is True
    assert table.loc[1, "perubahan"] == pytest.approx(table.loc[1, "nilai"] - table.loc[0, "nilai"])
    assert (table["nilai_bawah"] < table["nilai"]).all() and (
        table["nilai"] < table["nilai_atas"]
    ).all()


def test_report_bundles_everything_and_profile_adds_up():
    """Does report() give the index, interval, all breakdowns, trend, priorities and profile?"""
    frame = survey(300, seed=8)
    with pytest.warns(skm.SampleSizeWarning):
        rep = skm.report(frame, seed=1, populasi=100_000, periode="semester")  # needs 383
    assert rep.hasil.nilai == pytest.approx(skm.ikm(frame).nilai)
    assert set(rep.rincian) == set(skm_analysis.BREAKDOWNS)
    assert rep.tren["periode"].tolist() == ["2025 S1", "2025 S2"]
    assert rep.catatan and "Sampel kurang" in rep.catatan[0]
    for characteristic, part in rep.profil.groupby("karakteristik"):
        assert part["jumlah"].sum() == len(frame), characteristic
        assert part["persen"].sum() == pytest.approx(100.0)
    assert rep.prioritas["peringkat"].tolist() == list(range(1, 10))


# ---------------------------------------------------------------- priorities and plan


def test_priorities_rank_by_distance_below_the_next_band():
    """Are elements ranked by points below band A (the hand data is B), ties by share of 1–2?"""
    table = skm.priorities(skm.ikm(hand_frame()))
    assert table["unsur"].tolist() == ["U8", "U5", "U3", "U2", "U1", "U6", "U9", "U7", "U4"]
    first = table.iloc[0]
    assert (first.target_mutu, first.batas_target) == ("A", 88.31)
    assert first.selisih == pytest.approx(88.31 - 62.5)
    assert first.persen_skor_rendah == pytest.approx(50.0)
    assert table.set_index("unsur").loc[["U4", "U7"], "perlu_tindakan"].tolist() == [False, False]


def test_draft_plan_saves_and_loads_from_the_state_folder(settings):
    """Is a drafted plan saved atomically under state_dir/skm and read back unchanged?"""
    plan = skm.draft_plan(skm.ikm(hand_frame()), jumlah=2, tenggat="2025-06-30")
    assert plan["unsur"].tolist() == ["U8", "U5"]
    assert "62,50" in plan.loc[0, "masalah"] and "50%" in plan.loc[0, "masalah"]
    plan.loc[0, ["tindakan", "penanggung_jawab", "status"]] = [
        "Kotak saran dan nomor WA pengaduan",
        "Kasi Pelayanan",
        "berjalan",
    ]
    path = skm.save_plan(plan, nama="rtl-2025", settings=settings)
    assert path == settings.state_dir / "skm" / "rtl-2025.csv"
    assert [p.name for p in path.parent.iterdir()] == ["rtl-2025.csv"]  # no temp file left
    loaded = skm.load_plan("rtl-2025", settings=settings)
    pd.testing.assert_frame_equal(loaded, skm.validate_plan(plan))
    assert loaded.loc[0, "tenggat"] == pd.Timestamp("2025-06-30")
    assert skm.load_plan("belum-ada", settings=settings).empty


def test_a_save_from_a_stale_plan_is_refused_and_overwrites_nothing(settings):
    """When a colleague saved the plan after I opened it, is my save refused, theirs kept?"""
    assert skm_plan.plan_version(settings=settings) == ""
    plan = skm.draft_plan(skm.ikm(hand_frame()), jumlah=2)
    skm.save_plan(plan, settings=settings, versi="")
    opened = skm_plan.plan_version(settings=settings)
    assert opened != ""
    theirs = plan.assign(status=["selesai", "berjalan"])
    skm.save_plan(theirs, settings=settings, versi=opened)
    mine = plan.assign(tindakan=["Tambah kursi", "Balas WA"])
    with pytest.raises(WorkbenchError, match="sudah diubah dan disimpan orang lain"):
        skm.save_plan(mine, settings=settings, versi=opened)
    assert skm.load_plan(settings=settings)["status"].tolist() == ["selesai", "berjalan"]
    with pytest.raises(WorkbenchError, match="orang lain"):  # a plan saved meanwhile from none
        skm.save_plan(mine, settings=settings, versi="")


def test_plan_validation_lists_every_bad_row(settings):
    """Are an unknown element, an empty problem, a bad status and a bad date all reported?"""
    plan = pd.DataFrame(
        {
            "unsur": ["U3", "U10", "U7"],
            "masalah": ["Antrean lama", "", "Petugas kurang ramah"],
            "tindakan": ["", "", ""],
            "penanggung_jawab": ["", "", ""],
            "tenggat": ["2025-06-30", "besok", ""],
            "status": ["berjalan", "belum dimulai", "hampir"],
        }
    )
    with pytest.raises(WorkbenchError) as caught:
        skm.save_plan(plan, settings=settings)
    assert {(p.row, p.column) for p in caught.value.problems} == {
        (3, "unsur"),
        (3, "masalah"),
        (3, "tenggat"),
        (4, "status"),
    }
    assert not (settings.state_dir / "skm").exists()
    with pytest.raises(WorkbenchError, match="Nama rencana"):
        skm_plan.plan_path("../keluar", settings=settings)


def test_plan_progress_marks_overdue_unfinished_actions():
    """Is an action past its deadline and not finished marked late, and a finished one not?"""
    plan = skm.draft_plan(skm.ikm(hand_frame()), jumlah=2, tenggat=dt.date(2025, 6, 30))
    plan.loc[1, "status"] = "selesai"
    progress = skm.plan_progress(plan, hari_ini=dt.date(2025, 7, 1))
    assert progress["terlambat"].tolist() == [True, False]
    assert not skm.plan_progress(plan, hari_ini=dt.date(2025, 6, 30))["terlambat"].any()


# ---------------------------------------------------------------- suggestion themes

SARAN = pd.Series(
    [
        "Antrinya lama sekali, mohon ditambah loket",
        "Petugas kurang ramah",
        "Pelayanan cepat dan ramah, terima kasih",
        "Tidak ada pungli, mantap",
        "",
        None,
        "WC kotor dan kursi tunggu kurang",
        "Aplikasi Klampid sering error",
        "Ada yang minta uang rokok",
        "Semoga sukses selalu",
        "Jam berapa tutupnya?",
    ]
)


def test_suggestions_are_tagged_with_themes_and_tone():
    """Are themes and complaints read correctly, including negated praise and negated fees?"""
    tagged = skm.tag_suggestions(SARAN).set_index("saran")
    assert len(tagged) == 9  # empty and missing suggestions skipped
    assert tagged.loc["Antrinya lama sekali, mohon ditambah loket", "Antrean dan waktu tunggu"]
    assert tagged.loc["Antrinya lama sekali, mohon ditambah loket", "negatif"]
    assert tagged.loc["Petugas kurang ramah", "Perilaku petugas"]
    assert not tagged.loc["Petugas kurang ramah", "Pujian"]
    assert tagged.loc["Petugas kurang ramah", "negatif"]
    assert tagged.loc["Pelayanan cepat dan ramah, terima kasih", "Pujian"]
    assert not tagged.loc["Pelayanan cepat dan ramah, terima kasih", "negatif"]
    assert tagged.loc["Tidak ada pungli, mantap", "Biaya dan pungutan liar"]
    assert not tagged.loc["Tidak ada pungli, mantap", "negatif"]
    assert tagged.loc["Ada yang minta uang rokok", "negatif"]
    assert tagged.loc["Aplikasi Klampid sering error", "Layanan daring"]
    assert tagged.loc["Jam berapa tutupnya?", "tema"] == skm_themes.OTHER_THEME
    assert tagged.loc["WC kotor dan kursi tunggu kurang", "baris"] == 8


def test_theme_counts_negative_shares_and_quotes():
    """Does the theme table count suggestions, share of complaints and quote examples?"""
    table = skm.suggestion_themes(SARAN, examples=2).set_index("tema")
    assert table.loc["Pujian", "jumlah"] == 3
    assert table.loc["Pujian", "jumlah_negatif"] == 0
    assert table.loc["Perilaku petugas", "jumlah"] == 2
    assert table.loc["Perilaku petugas", "persen_negatif"] == pytest.approx(50.0)
    assert table.loc["Perilaku petugas", "contoh"][0] == "Petugas kurang ramah"
    assert table.loc["Sarana dan prasarana", "persen_negatif"] == pytest.approx(100.0)
    assert table.loc["Lainnya", "jumlah"] == 1
    assert table["persen_saran"].max() <= 100
    assert len(table.loc["Antrean dan waktu tunggu", "contoh"]) <= 2


def test_trainer_can_extend_the_dictionary_from_the_state_folder(settings):
    """Do a trainer's keywords and new themes in state_dir/skm/tema_saran.yaml take effect?"""
    extra = skm.extension_path(settings)
    extra.parent.mkdir(parents=True)
    extra.write_text(
        "tema:\n"
        "  - nama: Sarana dan prasarana\n"
        "    kata_kunci: [kipas angin]\n"
        "  - nama: Keamanan\n"
        "    kata_kunci: [maling, copet*]\n"
        "penanda_negatif: [hilang]\n",
        encoding="utf-8",
    )
    kamus = skm.load_themes(settings=settings)
    assert kamus.names[-1] == "Keamanan"
    tagged = skm.tag_suggestions(
        pd.Series(["Helm saya hilang, ada copetnya", "Kipas angin mati"]), dictionary=kamus
    )
    assert tagged.loc[0, "Keamanan"] and tagged.loc[0, "negatif"]
    assert tagged.loc[1, "Sarana dan prasarana"]
    assert (
        "Keamanan" not in skm.load_themes(settings=load_settings(home=settings.home / "lain")).names
    )


def test_malformed_dictionary_lists_its_problems(tmp_path):
    """Is a dictionary with a nameless theme and a bad section refused with both problems?"""
    path = tmp_path / "kamus.yaml"
    path.write_text("tema:\n  - kata_kunci: [antri]\nwarna: merah\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as caught:
        skm.load_themes(path)
    assert {p.column for p in caught.value.problems} == {"tema ke-1", "warna"}
    path.write_text("tema: [\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="YAML"):
        skm.load_themes(path)


# ---------------------------------------------------------------- Excel report


def test_excel_report_opens_and_is_set_up_for_printing(tmp_path, settings):
    """Does the exported report open in openpyxl with the standard sheets, numbers and A4 setup?"""
    frame = survey(600, seed=12)
    rep = skm.report(frame, seed=4, populasi=2000)
    plan = skm.draft_plan(rep.hasil, tenggat="2025-09-30")
    path = skm.export_excel(
        rep, tmp_path / "laporan" / "skm-2025.xlsx", rencana=plan, settings=settings
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Ringkasan",
        "Profil Responden",
        "NRR per Unsur",
        "Rincian",
        "Prioritas",
        "Rencana Tindak Lanjut",
    ]
    summary = {
        row[0]: row[1]
        for row in book["Ringkasan"].iter_rows(min_row=3, max_col=2, values_only=True)
    }
    assert summary["Jumlah responden"] == 600
    assert summary["Nilai IKM (konversi 25–100)"] == pytest.approx(rep.hasil.nilai)
    assert summary["Mutu pelayanan"] == rep.hasil.mutu
    assert summary["Sampel minimum (Krejcie–Morgan)"] == 322
    low, high = (fmt.number(v, 2) for v in (rep.selang.bawah, rep.selang.atas))
    assert summary["Selang kepercayaan 95% (bootstrap)"] == f"{low} – {high}"
    assert "," in low  # written by workbench.formatting, the Indonesian way
    nrr = list(book["NRR per Unsur"].iter_rows(min_row=4, max_row=12, values_only=True))
    assert [r[0] for r in nrr] == U
    assert [r[2] for r in nrr] == pytest.approx(rep.hasil.nrr.tolist())
    rtl = list(book["Rencana Tindak Lanjut"].iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rtl if r[0]] == plan["unsur"].tolist()
    for sheet in book:
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth in (None, 1)  # absent means the default, 1
        assert sheet.page_setup.fitToHeight == 0  # as many pages down as needed
    assert book["Prioritas"].page_setup.orientation == "landscape"
    assert book["Prioritas"].print_title_rows == "$3:$3"
    assert not [p for p in path.parent.iterdir() if p.name != "skm-2025.xlsx"]
    with pytest.raises(WorkbenchError, match=r"\.xlsx"):
        skm.export_excel(rep, tmp_path / "laporan.xls", settings=settings)


# ---------------------------------------------------------------- the lesson's practice questions


def test_lesson_questions_accept_their_solutions_and_flag_blanks(settings):
    """Do module 12's questions pass their own solutions, and report blanks as not attempted?"""
    from workbench.data import load
    from workbench.practice import ____, assert_check_failed, assert_check_passed, start
    from workbench.practice.core import Outcome

    namespace = {"skm_data": load("skm"), "UNSUR": U, "skm": skm, "____": ____}
    questions = start("12-survei-kepuasan-masyarakat", namespace, learner="uji", settings=settings)
    for name in ("nrr", "ikm_1_4", "nilai_ikm", "mutu", "unsur_prioritas"):
        namespace[name] = ____
    for question in questions:
        assert_check_failed(question, Outcome.NOT_ATTEMPTED)
    setup = {
        "nrr": "",
        "ikm_1_4": "nrr_tertimbang = nrr * (1 / 9)\n",
        "unsur_prioritas": "prioritas = skm.priorities(skm.ikm(skm_data))\n",
    }
    for question, name in zip(
        questions, ["nrr", "ikm_1_4", "nilai_ikm", "mutu", "unsur_prioritas"], strict=True
    ):
        exec(setup.get(name, "") + question._solution, namespace)
        assert_check_passed(question)
    namespace["mutu"] = "D"
    assert_check_failed(questions[3])


def test_uploaded_dates_are_read_day_first_and_iso_dates_as_written():
    """Is 05/02/2025 read as 5 February, and 2025-02-05 also as 5 February (not 2 May)?"""
    frame = hand_frame()
    frame["tanggal"] = ["05/02/2025", "2025-02-05", "31/03/2025", "6 Januari 2025"]
    read = skm.read_responses(frame.to_csv(sep=";", index=False).encode(), filename="skm.csv")
    assert skm.validate(read)["tanggal"].tolist() == [
        pd.Timestamp("2025-02-05"),
        pd.Timestamp("2025-02-05"),
        pd.Timestamp("2025-03-31"),
        pd.Timestamp("2025-01-06"),
    ]
    months = skm.breakdown(read, "periode", periode="bulan")
    assert dict(zip(months.periode, months.jumlah_responden, strict=True)) == {
        "2025-01": 1,
        "2025-02": 2,
        "2025-03": 1,
    }


def test_unreadable_dates_are_listed_with_their_rows():
    """Are 'kemarin' and 31/02/2025 reported with row and value, together with a bad score?"""
    frame = hand_frame().astype({"U2": object})
    frame["tanggal"] = ["kemarin", "2025-01-15", "31/02/2025", "15/01/2025 08:30"]
    frame.loc[3, "U2"] = 7
    read = skm.read_responses(frame.to_csv(index=False).encode(), filename="kantor.csv")
    with pytest.raises(WorkbenchError) as caught:
        skm.validate(read, file="kantor.csv")
    problems = [(p.row, p.column, p.value, p.message) for p in caught.value.problems]
    assert problems == [
        (2, "tanggal", "kemarin", "bukan tanggal yang dikenali"),
        (4, "tanggal", "31/02/2025", "bukan tanggal yang dikenali"),
        (5, "U2", "7", "nilai di luar rentang"),
    ]
    assert all(p.file == "kantor.csv" for p in caught.value.problems)


def test_answers_without_a_date_are_counted_and_said_to_be_left_out_of_the_trend():
    """Does the report say how many undated answers are in the index but not in the trend?"""
    frame = hand_frame()
    frame["tanggal"] = ["2025-01-15", None, "2025-04-15", None]
    rep = skm.report(frame, seed=1)
    assert rep.hasil.jumlah_responden == 4 and rep.tanpa_tanggal == 2
    assert rep.tren["jumlah_responden"].sum() == 2
    assert any("2 dari 4 jawaban tidak bertanggal" in note for note in rep.catatan)
    undated = hand_frame().assign(tanggal=pd.NaT)
    assert skm.trend(undated, seed=1).empty
    assert skm.report(undated, seed=1).tren.empty
    assert skm.report(hand_frame(), seed=1).catatan == []


def test_a_file_wrong_everywhere_counts_every_problem_but_lists_a_bounded_number():
    """Does a survey with a bad score in every cell say how many, without listing millions?"""
    frame = pd.DataFrame({c: [9] * 1000 for c in U})
    with pytest.raises(WorkbenchError) as caught:
        skm.validate(frame)
    assert "9000 masalah ditemukan di 1000 baris" in caught.value.message
    assert len(caught.value.problems) == data.readers.MAX_PROBLEMS == 5000
    assert caught.value.problems[0].row == 2 and caught.value.problems[0].column == "U1"


@pytest.mark.parametrize(
    ("bawah", "atas", "nyata"),
    [(0.4, 2.1, True), (-3.0, -0.2, True), (-0.5, 1.2, False), (0.0, 1.0, False)],
)
def test_a_change_is_real_only_when_its_interval_leaves_out_zero(bawah, atas, nyata):
    """Is a change called real exactly when its interval leaves out zero (never inverted)?"""
    assert skm.is_real_change(bawah, atas) is nyata
    assert skm_analysis.change_verdict(nyata) == (
        "nyata" if nyata else "belum bisa dibedakan dari kebetulan"
    )


def test_trend_says_in_words_which_changes_are_real():
    """Does the trend's kesimpulan say 'nyata' for a real jump and not for noise?"""
    low = survey(600, seed=4, p=(0.1, 0.3, 0.4, 0.2))
    high = survey(600, seed=5, p=(0.01, 0.05, 0.44, 0.5))
    again = survey(600, seed=6, p=(0.01, 0.05, 0.44, 0.5))
    for part, month in ((low, "2025-02-01"), (high, "2025-05-01"), (again, "2025-08-01")):
        part["tanggal"] = pd.Timestamp(month, tz="Asia/Jakarta")
    both = pd.concat([low, high, again], ignore_index=True)
    both["id_responden"] = range(len(both))
    table = skm.trend(both, seed=9)
    assert table["kesimpulan"].tolist() == ["", "nyata", "belum bisa dibedakan dari kebetulan"]
    assert table["perubahan_nyata"].tolist()[1:] == [True, False]


def test_breakdowns_validate_and_normalise_the_values_they_use():
    """Are 'Asemrowo ' and 'asemrowo' one group, 'tiga puluh' and '1.234' left out of the age
    groups (not dropped silently, not '< 21'), and each reason reported with its rows?"""
    frame = survey(400, seed=2)
    frame["umur"] = frame["umur"].astype(str).astype(object)
    frame.loc[:99, "umur"] = "tiga puluh"
    frame.loc[100, "umur"] = "1.234"
    frame["kelurahan"] = frame["kelurahan"].astype(str)
    frame.loc[200:249, "kelurahan"] = "Asemrowo "
    frame.loc[250:259, "kelurahan"] = "asemrowo"
    rep = skm.report(frame, seed=1)
    ages = rep.rincian["kelompok_umur"]
    assert ages["jumlah_responden"].sum() == 299
    assert (
        ages.loc[ages.kelompok_umur == "< 21", "jumlah_responden"].sum()
        == (pd.to_numeric(frame.loc[101:, "umur"]) < 21).sum()
    )
    places = rep.rincian["kelurahan"]["kelurahan"].tolist()
    assert places == ["Asemrowo", "Genting Kalianak", "Tambak Sarioso"]
    assert rep.rincian["kelurahan"]["jumlah_responden"].sum() == 400
    left = rep.tidak_dirinci.set_index("alasan")
    assert left.loc["umur bukan angka", "jumlah"] == 100
    assert left.loc["umur bukan angka", "contoh"].startswith("baris 2 ('tiga puluh')")
    assert left.loc["umur bukan bilangan bulat", "jumlah"] == 1  # 1.234 in a frame: a fraction
    assert any(note.startswith("Rincian per kelompok umur: 101 dari 400") for note in rep.catatan)
    assert rep.hasil.jumlah_responden == 400


def test_age_written_with_a_thousands_dot_in_a_semicolon_file_is_out_of_range():
    """Is umur '1.234' in a ';' file read as 1234 (left out), not 1.234 ('< 21')?"""
    frame = hand_frame()
    frame["umur"] = ["1.234", "25", "40", "18"]
    read = skm.read_responses(frame.to_csv(sep=";", index=False).encode(), filename="skm.csv")
    rep = skm.report(read, seed=1)
    groups = dict(zip(*rep.rincian["kelompok_umur"].iloc[:, :2].T.values, strict=True))
    assert groups == {"< 21": 1, "21–30": 1, "31–40": 1}
    assert rep.tidak_dirinci["contoh"].tolist() == ["baris 2 ('1.234')"]


def test_report_and_summary_say_whether_hidden_excel_rows_are_counted(tmp_path):
    """Does a hidden row of all-1 answers show in the result, its summary and the report notes?"""
    import xlsxwriter

    frame = hand_frame()
    path = tmp_path / "skm.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["REKAP SKM KECAMATAN"])
    sheet.write_row(2, 0, list(frame.columns))
    for i, row in enumerate(frame.itertuples(index=False), start=3):
        sheet.write_row(i, 0, list(row))
    sheet.write_row(7, 0, ["R999", *([1] * 9)])
    sheet.set_row(7, None, None, {"hidden": True})
    book.close()
    read = skm.read_responses(path)
    result = skm.ikm(read)
    assert result.jumlah_responden == 5 and result.baris_tersembunyi == (8,)
    assert result.summary()["baris tersembunyi (Excel)"] == "1, ikut dihitung"
    assert "baris tersembunyi di Excel (baris 8) ikut dihitung" in str(result)
    assert any("(baris 8) ikut dihitung" in note for note in skm.report(read, seed=1).catatan)


def test_alias_bomb_in_the_theme_dictionary_is_refused_fast(tmp_path, settings):
    """Is a 400-byte YAML alias bomb in the trainer's tema_saran.yaml refused with a short
    message (not minutes and gigabytes, not the expanded data in the message)?"""
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    levels += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)
    ]
    bomb = "\n".join(levels) + "\ntema:\n  - nama: Antrean\n    kata_kunci: *i\n"
    extra = skm.extension_path(settings)
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text(bomb, encoding="utf-8")
    with pytest.raises(WorkbenchError, match="alias") as caught:
        skm.load_themes(settings=settings)
    assert len(str(caught.value)) < 400


def test_05_02_2025_is_5_february_in_every_path(tmp_path, settings):
    """Is a date typed 05/02/2025 read as 5 February (never 2 May) in plan deadlines (draft,
    validation, save and load), survey dates, and the data readers?"""
    february = pd.Timestamp("2025-02-05")
    plan = skm.draft_plan(skm.ikm(hand_frame()), jumlah=2, tenggat="05/02/2025")
    assert plan["tenggat"].tolist() == [february, february]
    typed = plan.astype({"tenggat": object})
    typed.loc[:, "tenggat"] = ["05/02/2025", "5 Februari 2025"]
    assert skm.validate_plan(typed)["tenggat"].tolist() == [february, february]
    skm.save_plan(typed, settings=settings)
    assert skm.load_plan(settings=settings)["tenggat"].tolist() == [february, february]
    assert skm.plan_progress(typed, hari_ini=dt.date(2025, 3, 1))["terlambat"].all()
    survey_dates = hand_frame().assign(tanggal="05/02/2025")
    read = skm.read_responses(survey_dates.to_csv(sep=";", index=False).encode(), filename="s.csv")
    assert skm.validate(read)["tanggal"].tolist() == [february] * 4
    path = tmp_path / "skm.csv"
    frame = data.load("skm").head(3).astype(str)
    frame["tanggal"] = "05/02/2025"
    frame.to_csv(path, sep=";", index=False)
    dates = data.read_csv(path, "skm")["tanggal"].dt.tz_localize(None)
    assert dates.tolist() == [february] * 3


def test_plan_counts_and_problem_labels_come_from_the_library(settings):
    """Does the library count finished and late actions, and name a bad action as the editor
    shows it ("Tindakan ke-2"), so faces only display them?"""
    plan = skm.draft_plan(skm.ikm(hand_frame()), jumlah=3, tenggat="31/01/2025")
    plan.loc[0, "status"] = "selesai"
    counts = skm_plan.plan_counts(plan, hari_ini=dt.date(2025, 2, 1))
    assert counts == {"jumlah": 3, "selesai": 1, "terlambat": 2}
    assert skm_plan.plan_counts(plan, hari_ini=dt.date(2025, 1, 31))["terlambat"] == 0
    plan.loc[1, "masalah"] = ""
    with pytest.raises(WorkbenchError) as caught:
        skm.validate_plan(plan)
    [problem] = caught.value.problems
    assert skm_plan.describe_plan_problem(problem).startswith(
        "Tindakan ke-2, kolom masalah: masalah belum diisi "
        "(seharusnya uraian masalah yang ditemukan)"
    )


@pytest.mark.parametrize(
    ("call", "old", "new"),
    [
        (lambda f, **k: skm.breakdown(f, "kelurahan", seed=1, n_boot=50, **k), "tingkat", "level"),
        (lambda f, **k: skm.report(f, seed=1, n_boot=50, **k).selang, "tingkat", "level"),
        (lambda f, **k: skm.bootstrap_ci(f, seed=1, n_boot=50, **k), "tingkat", "level"),
        (lambda f, **k: skm.suggestion_themes(SARAN, **k), "contoh", "examples"),
    ],
)
def test_old_keyword_names_still_work_with_a_warning(call, old, new):
    """Do notebooks written with the old Indonesian keywords (tingkat=, contoh=) keep working,
    warned of the new English name, and is giving both refused?"""
    frame = survey(200, seed=3)
    value = 0.9 if new == "level" else 2
    expected = call(frame, **{new: value})
    with pytest.warns(DeprecationWarning, match=f"'{old}=' sudah diganti '{new}='"):
        got = call(frame, **{old: value})
    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected)
    else:
        assert got == expected
    with pytest.raises(WorkbenchError, match="salah satu saja"):
        call(frame, **{old: value, new: value})


def test_report_title_keyword_is_english_with_the_old_name_kept():
    """Does report(title=) set the report's judul, and judul= still work with a warning?"""
    assert skm.report(hand_frame(), seed=1, title="SKM Triwulan I").judul == "SKM Triwulan I"
    with pytest.warns(DeprecationWarning):
        assert skm.report(hand_frame(), seed=1, judul="Lama").judul == "Lama"


def test_suggestion_rows_are_the_rows_the_file_shows():
    """Does a tagged suggestion name the row of the file (title line counted), not index + 2?"""
    frame = hand_frame().assign(saran=["", "Antrean lama sekali", "", ""])
    content = ("REKAP SARAN\n" + frame.to_csv(sep=";", index=False)).encode()
    read = skm.read_responses(content, filename="saran.csv")
    assert skm.tag_suggestions(read)["baris"].tolist() == [4]


def test_problems_in_an_export_with_a_title_row_name_the_rows_the_file_shows():
    """With two title lines above the header, is a score of 7 reported at the file's own row?"""
    frame = hand_frame().astype({"U2": object})
    frame.loc[1, "U2"] = 7
    content = ("REKAP SKM 2025\nKecamatan Asemrowo\n" + frame.to_csv(index=False)).encode()
    read = skm.read_responses(content, filename="rekap.csv")
    with pytest.raises(WorkbenchError) as caught:
        skm.ikm(read)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("rekap.csv", 5, "U2")


def test_an_empty_respondent_id_is_allowed_but_a_repeated_one_is_not():
    """Is an answer without id_responden counted, while a repeated id is reported?"""
    frame = hand_frame().astype({"id_responden": object})
    frame.loc[[1, 2], "id_responden"] = None
    assert skm.ikm(frame).jumlah_responden == 4
    frame.loc[3, "id_responden"] = "R001"
    with pytest.raises(WorkbenchError) as caught:
        skm.ikm(frame)
    assert [(p.row, p.column) for p in caught.value.problems] == [(5, "id_responden")]
