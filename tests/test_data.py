"""Tests for workbench.data: generators, shipped datasets, messy variants, dictionary, CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench import data
from workbench.cli import main as cli_main
from workbench.data import generators, schema, shipped
from workbench.data.calendar import holidays_between, working_days
from workbench.data.dictionary import render_dictionary
from workbench.data.messy import JENIS_CACAT
from workbench.data.shipped import PERIOD
from workbench.errors import WorkbenchError

REPO_DATA = Path(__file__).resolve().parents[1] / "notebooks" / "data"
WIB = "Asia/Jakarta"
CLEAN = ["layanan", "skm", "pegawai", "kompetensi", "pelatihan"]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("regenerated")
    data.generate_all(data_dir=folder)
    return folder


@pytest.fixture(scope="module")
def layanan() -> pd.DataFrame:
    return data.load("layanan", data_dir=REPO_DATA)


# --- shipped files ------------------------------------------------------------------------------


def test_regenerating_with_recorded_seeds_reproduces_shipped_files_byte_for_byte(regenerated):
    """Does 'workbench data generate' rewrite every shipped file exactly as committed?"""
    made = sorted(p.name for p in regenerated.iterdir())
    expected = sorted(
        [e.filename for e in data.SHIPPED.values()]
        + [e.defects_filename for e in data.SHIPPED.values() if e.messy_of]
        + ["KAMUS-DATA.md"]
    )
    assert made == expected
    import faker
    import holidays

    libraries = (
        f"numpy {np.__version__}, pandas {pd.__version__}, holidays {holidays.__version__}, "
        f"Faker {faker.VERSION}"
    )
    for name in made:
        assert (regenerated / name).read_bytes() == (REPO_DATA / name).read_bytes(), (
            f"{name} differs from the committed file: a generator changed (run 'workbench data "
            f"generate' and commit), or a library that shapes the data is not the version the "
            f"files were made with (now: {libraries})"
        )


def test_shipped_files_stay_small():
    """Are the shipped data files together well under 10 MB?"""
    total = sum(p.stat().st_size for p in REPO_DATA.iterdir() if p.is_file())
    assert total < 6_000_000


@pytest.mark.parametrize("name", CLEAN)
def test_load_gives_documented_dtypes_and_wib_datetimes(name):
    """Does load() return every schema column with its documented dtype, datetimes in WIB?"""
    frame = data.load(name, data_dir=REPO_DATA)
    sch = data.SCHEMAS[name]
    assert list(frame.columns) == [c.name for c in sch.columns if c.required]
    for col in sch.columns:
        if col.required:
            assert str(frame[col.name].dtype) == col.dtype, col.name
    for col in frame.select_dtypes("datetimetz"):
        assert str(frame[col].dt.tz) == WIB
    assert len(frame) > 0


@pytest.mark.parametrize("name", CLEAN)
def test_load_equals_generator_output(name):
    """Is a loaded file the same table the generator makes (nothing lost in the CSV)?"""
    entry = data.SHIPPED[name]
    pd.testing.assert_frame_equal(data.load(name, data_dir=REPO_DATA), entry.make(entry.seed))


def test_load_uses_settings_data_dir_by_default():
    """Does load() read from the settings' data folder when no folder is given?"""
    from workbench.config import get_settings

    if not (get_settings().data_dir / "skm.csv").is_file():
        pytest.skip("settings data_dir has no shipped files in this environment")
    assert len(data.load("skm")) == 400


def test_load_unknown_name_lists_the_known_ones():
    """Does asking for an unknown dataset say which names exist, in Indonesian?"""
    with pytest.raises(WorkbenchError) as err:
        data.load("antrian")
    assert "tidak dikenal" in str(err.value)
    assert "layanan" in str(err.value) and "skm_kotor" in str(err.value)


def test_load_missing_file_says_how_to_regenerate(tmp_path):
    """Does a missing data file point to 'workbench data generate'?"""
    with pytest.raises(WorkbenchError) as err:
        data.load("skm", data_dir=tmp_path)
    assert "workbench data generate" in str(err.value)


def test_shipped_sizes_match_the_brief(layanan):
    """About a year of visits, a few hundred survey answers, the whole staff?"""
    assert 15_000 < len(layanan) < 30_000
    assert layanan["tanggal"].min().year == 2025 and layanan["tanggal"].max().month == 12
    assert len(data.load("skm", data_dir=REPO_DATA)) == 400
    assert 40 <= len(data.load("pegawai", data_dir=REPO_DATA)) <= 60


# --- layanan realism ----------------------------------------------------------------------------


def test_no_visits_on_weekends_holidays_or_cuti_bersama(layanan):
    """Are the counters closed on weekends, public holidays and cuti bersama?"""
    days = layanan["tanggal"].dt.tz_localize(None).dt.date.unique()
    closed = set(holidays_between(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert dt.date(2025, 3, 31) in closed and dt.date(2025, 4, 7) in closed  # Idul Fitri, cuti
    assert not closed & set(days)
    assert all(d.weekday() < 5 for d in days)
    assert len(days) == len(working_days(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))


def test_mondays_and_days_after_holidays_are_busier(layanan):
    """Do more people come on Mondays, and on the first day back after a holiday?"""
    per_day = layanan.groupby(layanan["tanggal"].dt.tz_localize(None)).size()
    weekday = per_day.groupby(per_day.index.day_of_week).mean()
    assert weekday[0] > 1.2 * weekday[2]
    # First working day after a closure longer than a normal weekend, against its weekday mean.
    days = per_day.index
    gap = pd.Series(days, index=days).diff().dt.days
    normal = np.where(days.day_of_week == 0, 3, 1)
    after = (gap > normal).to_numpy()
    assert after.sum() >= 8
    expected = weekday.reindex(days.day_of_week).to_numpy()
    ratio = per_day.to_numpy() / expected
    assert ratio[after].mean() > 1.25 * ratio[~after].mean()


def test_morning_peak_and_no_service_starting_during_the_break(layanan):
    """Is there a morning peak, and does no service start during ISHOMA?"""
    hours = layanan["datang"].dt.hour.value_counts()
    assert hours[9] > 2 * hours[14]
    start = layanan["mulai"].dropna()
    minutes = start.dt.hour * 60 + start.dt.minute
    friday = start.dt.day_of_week == 4
    in_break = np.where(
        friday, (minutes >= 690) & (minutes < 780), (minutes >= 720) & (minutes < 780)
    )
    assert not in_break.any()
    assert (layanan["datang"].dt.hour * 60 + layanan["datang"].dt.minute).min() >= 450


def test_service_times_differ_by_service_type(layanan):
    """Does a legalisir take less time at the counter than a KTP-el?"""
    served = layanan[layanan["hasil"] == "dilayani"]
    median = served.groupby("jenis_layanan")["lama_layanan_menit"].median()
    assert median["Legalisir"] < median["KTP-el"] / 2
    assert set(median.index) == set(schema.JENIS_LAYANAN)


def test_outcomes_are_consistent_with_times(layanan):
    """Do people who left have no service times, and served ones a counter and a waiting time?"""
    left = layanan["hasil"] == "pergi sebelum dilayani"
    assert left.sum() > 0
    assert layanan.loc[left, ["mulai", "selesai", "loket"]].isna().all().all()
    assert layanan.loc[~left, ["mulai", "selesai", "loket"]].notna().all().all()
    waited = (layanan.loc[~left, "mulai"] - layanan.loc[~left, "datang"]).dt.total_seconds() / 60
    assert np.allclose(waited.round(1), layanan.loc[~left, "tunggu_menit"])
    assert set(layanan["hasil"]) == set(schema.HASIL)


def test_priority_visitors_wait_less(layanan):
    """Are lansia, disabilitas and ibu hamil served ahead of the queue?"""
    wait = layanan.groupby(layanan["prioritas"] == "tidak")["tunggu_menit"].mean()
    assert wait[False] < wait[True]


def test_surat_pindah_rises_after_lebaran(layanan):
    """Do requests for surat pindah/datang rise in the weeks after Idul Fitri?"""
    pindah = layanan["jenis_layanan"] == "Surat Pindah/Datang"
    after = layanan["tanggal"].between(
        pd.Timestamp("2025-04-08", tz=WIB), pd.Timestamp("2025-04-30", tz=WIB)
    )
    assert pindah[after].mean() > 1.5 * pindah[~after].mean()


def test_generation_is_deterministic_and_seed_dependent():
    """Same seed, same rows; another seed, other rows?"""
    a = data.generate_layanan(seed=7, start="2025-03-03", end="2025-03-14")
    b = data.generate_layanan(seed=7, start="2025-03-03", end="2025-03-14")
    c = data.generate_layanan(seed=8, start="2025-03-03", end="2025-03-14")
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_city_scale_generation_adds_kecamatan_and_validates():
    """Can one generator make several kecamatan at once, with unique tickets, valid rows?"""
    names = ("Asemrowo", "Benowo", "Wonokromo")
    frame = data.generate_layanan(seed=3, start="2025-05-05", end="2025-05-09", kecamatan=names)
    assert set(frame["kecamatan"]) == set(names)
    assert frame["no_tiket"].is_unique
    assert frame["no_tiket"].str.slice(0, 3).nunique() == 3
    per_office = frame.groupby("kecamatan").size()
    assert per_office["Benowo"] > per_office["Asemrowo"] * 0.5
    checked = data.validate(frame, "layanan")
    assert len(checked) == len(frame)


def test_unknown_kecamatan_is_refused():
    """Does asking for a kecamatan that is not in Surabaya give an Indonesian error?"""
    with pytest.raises(WorkbenchError, match="Kecamatan tidak dikenal: Ngawi"):
        data.generate_layanan(seed=1, start="2025-05-05", end="2025-05-09", kecamatan=("Ngawi",))


def test_a_period_without_working_days_gives_an_empty_valid_table():
    """Does a weekend-only period give an empty table with the right columns?"""
    frame = data.generate_layanan(seed=1, start="2025-01-04", end="2025-01-05")
    assert frame.empty and list(frame.columns) == data.SCHEMAS["layanan"].names[:-1]


def test_periods_are_checked_in_indonesian():
    """Are text that is not a date, a period ending before it starts and a negative count
    refused with Indonesian errors, while Timestamps are accepted as their WIB date?"""
    with pytest.raises(WorkbenchError) as err:
        data.generate_layanan(seed=1, start="31/02/2025", end="2025-02-28")
    assert err.value.problems[0].column == "start" and "tidak dikenali" in err.value.message
    with pytest.raises(WorkbenchError, match=r"akhir .* sebelum awal"):
        data.generate_skm(seed=1, start="2025-03-01", end="2025-02-01", n=10)
    with pytest.raises(WorkbenchError, match="Jumlah responden"):
        data.generate_skm(seed=1, start="2025-01-01", end="2025-01-31", n=-5)
    with pytest.raises(WorkbenchError, match=r"akhir .* sebelum awal"):
        data.generate_pelatihan(
            seed=1, pegawai=data.generate_pegawai(seed=1), start="2025-12-31", end="2025-01-01"
        )
    late = pd.Timestamp("2025-03-03 23:30", tz=WIB)  # still Monday 3 March in WIB
    frame = data.generate_layanan(seed=1, start=late, end=late)
    assert set(frame["tanggal"].dt.date) == {dt.date(2025, 3, 3)}


# --- skm -----------------------------------------------------------------------------------------


def test_skm_scores_and_profile_are_valid():
    """Are scores 1–4, costs rated highest and waiting time among the lowest?"""
    skm = data.generate_skm(seed=11, start="2025-01-01", end="2025-12-31", n=5000)
    units = list(schema.UNSUR_SKM)
    assert skm[units].isin([1, 2, 3, 4]).all().all()
    means = skm[units].mean()
    assert means.idxmax() == "U4"
    assert means["U3"] < means.mean()
    assert skm["id_responden"].is_unique
    housewives = skm[skm["pekerjaan"] == "Ibu Rumah Tangga"]
    assert (housewives["jenis_kelamin"] == "Perempuan").all()
    data.validate(skm, "skm")


def test_skm_suggestions_follow_the_scores():
    """Does a complaint about queues come from someone who scored waiting time low?"""
    skm = data.generate_skm(seed=12, start="2025-01-01", end="2025-12-31", n=5000)
    queue_complaints = skm["saran"].isin(
        [t.format(layanan=s) for t in generators._KELUHAN["U3"] for s in schema.JENIS_LAYANAN]
    )
    assert queue_complaints.sum() > 20
    assert (skm.loc[queue_complaints, "U3"] <= 2).all()
    praise = skm["saran"].str.contains("terima kasih|pertahankan|Mantap", case=False, na=False)
    assert (skm.loc[praise, list(schema.UNSUR_SKM)].min(axis=1) >= 3).all()
    assert skm["saran"].isna().mean() > 0.2  # many leave it empty


def test_one_million_survey_answers_are_possible():
    """Can the SKM generator make a million answers (city scale) in one call?"""
    skm = data.generate_skm(seed=1, start="2025-01-01", end="2025-12-31", n=1_000_000)
    assert len(skm) == 1_000_000 and skm["id_responden"].iloc[-1] == "R1000000"


# --- staff ---------------------------------------------------------------------------------------


def test_nip_encodes_birth_date_appointment_and_sex():
    """Is every NIP 18 digits: birth date, appointment month, sex digit, serial?"""
    pegawai = data.load("pegawai", data_dir=REPO_DATA)
    nip = pegawai["nip"]
    assert nip.str.fullmatch(r"\d{18}").all() and nip.is_unique
    assert (nip.str.slice(0, 8) == pegawai["tanggal_lahir"].dt.strftime("%Y%m%d")).all()
    sex = nip.str.slice(14, 15).map({"1": "Laki-laki", "2": "Perempuan"})
    assert (sex == pegawai["jenis_kelamin"]).all()
    appointed = pd.to_datetime(nip.str.slice(8, 14), format="%Y%m")
    age_at_start = (appointed - pegawai["tanggal_lahir"].dt.tz_localize(None)).dt.days / 365.25
    assert age_at_start.between(18, 60).all()


def test_roster_has_the_kecamatan_structure():
    """One camat, one sekretaris, three lurah, PPPK staff, and a unit for everyone?"""
    pegawai = data.load("pegawai", data_dir=REPO_DATA)
    counts = pegawai["jabatan"].value_counts()
    assert counts["Camat"] == 1 and counts["Sekretaris Kecamatan"] == 1 and counts["Lurah"] == 3
    assert (pegawai["golongan"] == "PPPK").any()
    assert pegawai.loc[pegawai["jabatan"] == "Camat", "golongan"].str.startswith("IV").all()
    assert {"Kelurahan Asemrowo", "Kelurahan Genting Kalianak", "Kelurahan Tambak Sarioso"} <= set(
        pegawai["unit"]
    )


def test_staff_generators_are_deterministic_with_faker_seeded():
    """Does the same seed give the same names (Faker seeded per instance, not globally)?"""
    a = data.generate_pegawai(seed=5)
    import faker

    faker.Faker.seed(999)  # global Faker state must not matter
    b = data.generate_pegawai(seed=5)
    pd.testing.assert_frame_equal(a, b)
    assert not a["nama"].equals(data.generate_pegawai(seed=6)["nama"])


def test_a_roster_for_another_year_is_consistent_with_that_year():
    """Is a 2019 roster (before PPPK existed) generated, every appointment and every age on
    or before its reference date, and can its competency profile use the same date?"""
    pegawai = data.generate_pegawai(seed=3, reference="2019-06-30")
    appointed = pd.to_datetime(pegawai["nip"].str.slice(8, 14), format="%Y%m")
    assert (appointed <= pd.Timestamp("2019-06-30")).all()
    assert (pegawai["tanggal_lahir"] < pd.Timestamp("2001-06-30", tz=WIB)).all()
    komp = data.generate_kompetensi(seed=3, pegawai=pegawai, reference="2019-06-30")
    assert set(komp["nip"]) == set(pegawai["nip"])
    data.validate(pegawai, "pegawai")


def test_competency_profile_covers_every_group_for_every_person():
    """Does each person have 8 managerial, 1 socio-cultural, 4 digital and some technical rows?"""
    komp = data.load("kompetensi", data_dir=REPO_DATA)
    pegawai = data.load("pegawai", data_dir=REPO_DATA)
    assert set(komp["nip"]) == set(pegawai["nip"])
    per = komp.groupby(["nip", "kelompok"]).size().unstack()
    assert (per["manajerial"] == 8).all() and (per["sosial kultural"] == 1).all()
    assert (per["literasi digital"] == 4).all() and (per["teknis"] >= 2).all()
    assert set(komp.loc[komp["kelompok"] == "manajerial", "kompetensi"]) == set(
        schema.KOMPETENSI_MANAJERIAL
    )
    digital = komp[komp["kelompok"] == "literasi digital"]
    mean = digital.groupby("kompetensi")["level_dimiliki"].mean()
    assert mean.idxmin() == "Keamanan Digital"  # the weakest pillar, as nationally
    camat = pegawai.loc[pegawai["jabatan"] == "Camat", "nip"].iloc[0]
    staff = pegawai.loc[pegawai["jabatan"] == "Pengadministrasi Umum", "nip"].iloc[0]
    need = komp[komp["kelompok"] == "manajerial"].set_index("nip")["level_dibutuhkan"]
    assert need[camat].max() > need[staff].max()


def test_training_records_belong_to_staff_and_show_jp_gaps():
    """Do records point at real staff, inside the year, and do some people miss 20 JP?"""
    pel = data.load("pelatihan", data_dir=REPO_DATA)
    pegawai = data.load("pegawai", data_dir=REPO_DATA)
    assert set(pel["nip"]) <= set(pegawai["nip"])
    assert (pel["tanggal_selesai"] >= pel["tanggal_mulai"]).all()
    assert (
        pel["tanggal_mulai"].dt.year.eq(2025).all()
        and pel["tanggal_selesai"].dt.year.eq(2025).all()
    )
    jp = pel.groupby("nip")["jp"].sum().reindex(pegawai["nip"], fill_value=0)
    assert (jp >= 20).sum() > len(jp) / 2 and (jp < 20).any()
    komp = data.load("kompetensi", data_dir=REPO_DATA)
    assert set(pel["kompetensi"]) <= set(komp["kompetensi"])
    assert (pel["bukti"] == "belum ada").any()


def test_courses_run_on_consecutive_working_days_at_eight_jp_a_day():
    """Does every course start and end on a working day and last one working day per 8 JP?"""
    pel = data.load("pelatihan", data_dir=REPO_DATA)
    days = working_days(dt.date(2025, 1, 1), dt.date(2025, 12, 31)).tz_localize(WIB)
    first = days.get_indexer(pel["tanggal_mulai"])
    last = days.get_indexer(pel["tanggal_selesai"])
    assert (first >= 0).all() and (last >= 0).all()
    assert ((last - first + 1) == np.ceil(pel["jp"] / 8)).all()


# --- messy variants ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kinds"), [
    ("layanan_kotor", set(JENIS_CACAT)),
    ("skm_kotor", set(JENIS_CACAT) - {"koma desimal"}),
])  # fmt: skip
def test_messy_variants_record_every_defect_kind(name, kinds):
    """Is every defect kind injected and recorded at the cell where it sits in the file?"""
    messy = data.load(name, data_dir=REPO_DATA)
    found = data.defects(name, data_dir=REPO_DATA)
    assert set(found["jenis_cacat"]) == kinds
    assert list(found.columns) == ["baris", "kunci", "kolom", "jenis_cacat", "nilai_kotor",
                                   "nilai_benar"]  # fmt: skip
    cells = found[found["jenis_cacat"] != "baris ganda"]
    for row in cells.itertuples():
        in_file = messy.at[row.baris - 2, row.kolom]
        if row.jenis_cacat == "nilai hilang":
            assert pd.isna(in_file)
        else:
            assert in_file == row.nilai_kotor
            assert in_file != row.nilai_benar
    dups = found[found["jenis_cacat"] == "baris ganda"]
    key = data.SCHEMAS[name.removesuffix("_kotor")].key[0]
    for row in dups.itertuples():
        assert messy.at[row.baris - 2, key] == row.kunci
        assert (messy[key] == row.kunci).sum() == 2


@pytest.mark.parametrize("name", ["layanan_kotor", "skm_kotor"])
def test_undoing_every_recorded_defect_gives_back_the_clean_data(name):
    """If a learner fixes exactly the recorded defects, do they get the clean table?"""
    messy = data.load(name, data_dir=REPO_DATA).copy()
    found = data.defects(name, data_dir=REPO_DATA)
    for row in found[found["jenis_cacat"] != "baris ganda"].itertuples():
        messy.at[row.baris - 2, row.kolom] = row.nilai_benar
    duplicates = found.loc[found["jenis_cacat"] == "baris ganda", "baris"] - 2
    messy = messy.drop(index=duplicates).reset_index(drop=True)
    cleaned = data.validate(messy, name.removesuffix("_kotor"))
    pd.testing.assert_frame_equal(cleaned, data.truth(name, data_dir=REPO_DATA))


def test_messy_file_fails_validation_with_every_problem_listed():
    """Does reading the messy file with its schema list the rows a learner must fix?"""
    found = data.defects("skm_kotor", data_dir=REPO_DATA)
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(REPO_DATA / "skm_kotor.csv", "skm")
    rows = {p.row for p in err.value.problems}
    must = found[found["jenis_cacat"].isin(["salah ketik", "huruf besar/kecil", "nilai hilang",
                                            "nilai mustahil", "baris ganda"])]  # fmt: skip
    assert set(must["baris"]) <= rows
    silent = found[found["jenis_cacat"].isin(["spasi berlebih", "format tanggal"])]
    assert not (set(silent["baris"]) - set(must["baris"])) & rows


def test_defects_of_a_clean_dataset_is_refused():
    """Does asking for the defects of a clean dataset explain which ones have them?"""
    with pytest.raises(WorkbenchError, match="layanan_kotor"):
        data.defects("layanan", data_dir=REPO_DATA)


# --- dictionary and CLI --------------------------------------------------------------------------


def test_data_dictionary_is_up_to_date_and_names_every_column():
    """Does KAMUS-DATA.md match the schemas, naming every column and defect kind?"""
    text = render_dictionary(data.SHIPPED, PERIOD)
    assert (REPO_DATA / "KAMUS-DATA.md").read_text(encoding="utf-8") == text
    for sch in data.SCHEMAS.values():
        for col in sch.columns:
            assert f"`{col.name}`" in text
    for kind in JENIS_CACAT:
        assert kind in text


def test_cli_data_generate_writes_chosen_dataset(tmp_path, capsys):
    """Does 'workbench data generate --dataset skm --folder X' write that file and say so?"""
    code = cli_main(["data", "generate", "--folder", str(tmp_path), "--dataset", "skm"])
    assert code == 0
    assert (tmp_path / "skm.csv").read_bytes() == (REPO_DATA / "skm.csv").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["skm.csv"]
    assert "Ditulis" in capsys.readouterr().out


def test_cli_data_generate_rejects_unknown_dataset(tmp_path, capsys):
    """Does an unknown dataset name give an Indonesian usage error and write nothing?"""
    with pytest.raises(SystemExit) as exc:
        cli_main(["data", "generate", "--folder", str(tmp_path), "--dataset", "antrian"])
    assert exc.value.code == 2
    assert "tidak dikenal" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_shipped_registry_covers_the_contract():
    """Are all contract dataset names loadable?"""
    assert set(data.dataset_names()) == {
        "layanan", "skm", "pegawai", "kompetensi", "pelatihan", "layanan_kotor", "skm_kotor"
    }  # fmt: skip
    start, end = shipped.PERIOD
    assert (start, end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_make_messy_works_on_any_clean_table():
    """Can a trainer make a messy copy of pelatihan (no key column) with recorded defects?"""
    pel = data.load("pelatihan", data_dir=REPO_DATA)
    spec = data.MessySpec(
        category_columns=("bukti",), required_columns=("jp",), date_columns=("tanggal_mulai",)
    )
    messy, found = data.make_messy(pel, schema.PELATIHAN, spec, seed=1)
    assert len(messy) == len(pel) + (found["jenis_cacat"] == "baris ganda").sum()
    assert {"salah ketik", "nilai hilang", "format tanggal", "baris ganda"} <= set(
        found["jenis_cacat"]
    )
    cell = found[found["jenis_cacat"] == "salah ketik"].iloc[0]
    assert messy.at[cell["baris"] - 2, cell["kolom"]] == cell["nilai_kotor"]
    assert pel.at[int(cell["kunci"]) - 2, cell["kolom"]] == cell["nilai_benar"]


def test_profiles_validate_early_and_list_every_mistake():
    """Does a wrong generator profile fail at once, naming each wrong parameter?"""
    with pytest.raises(WorkbenchError) as err:
        data.LayananProfile(faktor_hari=(1.0, 2.0), jam_buka="7.30", jumlah_loket=0)
    assert {p.column for p in err.value.problems} == {"faktor_hari", "jam_buka", "jumlah_loket"}
    with pytest.raises(WorkbenchError, match="rata_unsur"):
        data.SkmProfile(rata_unsur=(3.0,) * 8)


def test_profile_changes_the_data_as_described():
    """With three counters instead of two, do visitors wait less?"""
    two = data.generate_layanan(seed=4, start="2025-02-03", end="2025-02-28")
    three = data.generate_layanan(
        seed=4, start="2025-02-03", end="2025-02-28", profile=data.LayananProfile(jumlah_loket=3)
    )
    assert three["tunggu_menit"].mean() < two["tunggu_menit"].mean()
    assert three["loket"].max() == 3


def test_data_modules_import_no_circle():
    """Do the modules of workbench.data and workbench.skm import each other without circles
    (dictionary <-> shipped once did)?"""
    import ast
    import importlib.util

    root = Path(__file__).resolve().parents[1] / "workbench"
    graph = {}
    for package in ("data", "skm"):
        for path in (root / package).glob("*.py"):
            name = f"workbench.{package}.{path.stem}".removesuffix(".__init__")
            imported = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    imported.add(node.module)
                    imported |= {f"{node.module}.{a.name}" for a in node.names}
                elif isinstance(node, ast.Import):
                    imported |= {a.name for a in node.names}
            graph[name] = {m for m in imported if importlib.util.find_spec(m.split(".")[0])}
    modules = {m for m in graph if not m.endswith(("workbench.data", "workbench.skm"))}
    edges = {m: {n for n in graph[m] if n in modules and n != m} for m in modules}

    def reaches(start, goal, seen=()):
        return any(
            n == goal or (n not in seen and reaches(n, goal, (*seen, n))) for n in edges[start]
        )

    circles = sorted(m for m in modules if reaches(m, m))
    assert circles == []


def test_datetimes_take_the_office_time_zone_from_the_settings(tmp_path, monkeypatch):
    """With [office] timezone = Asia/Makassar, are read datetimes in that zone (one source)?"""
    from workbench import config

    (tmp_path / "workbench.toml").write_text('[office]\ntimezone = "Asia/Makassar"\n', "utf-8")
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    config.get_settings.cache_clear()
    try:
        path = tmp_path / "layanan.csv"
        frame = data.load("layanan", data_dir=REPO_DATA).head(3)
        data.write_csv(frame, path, data.SCHEMAS["layanan"])
        read = data.read_csv(path, "layanan")
        assert str(read["datang"].dt.tz) == "Asia/Makassar"
        assert data.SCHEMAS["layanan"]["datang"].dtype == "datetime64[s, Asia/Makassar]"
        assert (
            read["datang"].dt.strftime("%H:%M").tolist()
            == frame["datang"].dt.strftime("%H:%M").tolist()
        )  # the wall-clock times as written
    finally:
        config.get_settings.cache_clear()


@pytest.mark.parametrize("typed", ["05/02/2025", "2025-02-05", "5 Februari 2025"])
def test_generator_dates_typed_by_a_trainer_are_read_day_first(typed):
    """Does generate_skm(start="05/02/2025") start on 5 February, as a trainer means it?"""
    frame = data.generate_skm(seed=1, start=typed, end="28/02/2025", n=50)
    assert frame["tanggal"].min().date() >= dt.date(2025, 2, 5)
    assert frame["tanggal"].max().date() <= dt.date(2025, 2, 28)


# --- one NIP definition; the roster and plan schemas ----------------------------------------


def test_an_nip_is_eighteen_digits_as_written_and_spaces_are_cleaned():
    """Is an NIP 18 digits exactly, and does clean_nip remove the spaces people type?"""
    from workbench.data.nip import clean_nip, is_nip

    assert is_nip("198503122010011003")
    assert not is_nip("19850312 201001 1 003") and not is_nip("1985031220100110031")
    assert not is_nip(198503122010011003)  # a number lost its leading zeros before
    assert clean_nip(" 19850312 201001 1 003 ") == "198503122010011003"
    assert clean_nip("19850312.201001.1.003") == "198503122010011003"


def test_the_roster_schema_reports_every_row_problem_at_once():
    """Does the class-list schema catch a short NIP, a duplicate, an empty name and a bad
    e-mail in one error, each at the row Excel shows?"""
    from workbench.data.schema import DAFTAR_PESERTA

    roster = pd.DataFrame(
        {
            "nip": [
                "198503122010011003",
                "1985031220100",
                "198503122010011003",
                "199001012015032001",
            ],
            "nama": ["Sri Wahyuni", "Budi", "Sri Wahyuni", None],
            "unit": ["Seksi Pelayanan", None, None, "Kelurahan Asemrowo"],
            "email": ["sri@surabaya.go.id", None, "bukan-email", None],
        }
    )
    with pytest.raises(WorkbenchError) as err:
        data.validate(roster, DAFTAR_PESERTA, file="peserta.csv")
    found = {(p.row, p.column) for p in err.value.problems}
    assert {(3, "nip"), (5, "nama"), (4, "email")} <= found
    assert any(p.column == "nip" and p.row == 4 for p in err.value.problems)  # the duplicate
    good = roster.iloc[[0]]
    assert data.validate(good, DAFTAR_PESERTA)["nip"].tolist() == ["198503122010011003"]
