"""Tests of workbench.competency: hand-checked gaps, match, priorities, plans, the JP ledger,
and every validation error a trainer can meet in the input files."""

from __future__ import annotations

import datetime as dt
import importlib.machinery
import json
import sys
import types

import pandas as pd
import pytest

from workbench import competency, course, data
from workbench.config import load_settings
from workbench.errors import WorkbenchError

CAMAT = "197205082001012875"
STAF = "199001012015031001"
STAF2 = "199202022016042002"


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    (tmp_path / "notebooks").mkdir()
    return load_settings(home=tmp_path)


@pytest.fixture
def kamus():
    return pd.DataFrame(
        {
            "kompetensi": ["Integritas", "Komunikasi", "Keamanan Digital", "Kearsipan"],
            "kelompok": ["manajerial", "manajerial", "literasi digital", "teknis"],
            "definisi": ["a", "b", "c", "d"],
        }
    )


@pytest.fixture
def standards():
    return pd.DataFrame(
        {
            "jabatan": ["Camat", "Camat", "Staf", "Staf", "Staf"],
            "unit": ["", "", "", "", "Umum"],
            "kompetensi": ["Integritas", "Komunikasi", "Integritas", "Keamanan Digital",
                           "Kearsipan"],
            "level": [3, 3, 1, 2, 2],
        }
    )  # fmt: skip


@pytest.fixture
def pegawai():
    return pd.DataFrame(
        {
            "nip": [CAMAT, STAF, STAF2],
            "nama": ["Janet Palastri", "Budi Santoso", "Sri Wahyuni"],
            "jabatan": ["Camat", "Staf", "Staf"],
            "unit": ["Kecamatan", "Umum", "Kelurahan"],
        }
    )


def assessed(rows):
    return pd.DataFrame(rows, columns=["nip", "jabatan", "kompetensi", "level"])


# --- gaps -------------------------------------------------------------------------------------


def test_gap_is_required_minus_assessed_per_person_and_competency(standards, kamus):
    """Does a hand-checked case give dibutuhkan − dimiliki, negative above the standard?"""
    table = competency.gaps(
        standards,
        assessed([
            (CAMAT, "Camat", "Integritas", 2),
            (CAMAT, "Camat", "Komunikasi", 4),
            (STAF, "Staf", "Integritas", 1),
            (STAF, "Staf", "Keamanan Digital", 1),
        ]),
        kamus=kamus,
    )  # fmt: skip
    got = table.set_index(["nip", "kompetensi"])
    assert got.loc[(CAMAT, "Integritas"), "kesenjangan"] == 1
    assert got.loc[(CAMAT, "Komunikasi"), "kesenjangan"] == -1
    assert got.loc[
        (STAF, "Keamanan Digital"), ["dibutuhkan", "dimiliki", "kesenjangan"]
    ].tolist() == [2, 1, 1]
    assert list(table.columns[:4]) == ["nip", "jabatan", "unit", "kompetensi"]
    assert {"dibutuhkan", "dimiliki", "kesenjangan"} <= set(table.columns)
    assert len(table) == 4  # Kearsipan applies only in unit Umum, unknown here


def test_unit_rows_add_to_the_general_standard_and_roster_supplies_the_unit(
    standards, kamus, pegawai
):
    """Does a standard row for one unit apply to that unit only, the roster naming the unit?"""
    table = competency.gaps(
        standards,
        pd.DataFrame({"nip": [STAF, STAF2], "kompetensi": ["Integritas", "Integritas"],
                      "level": [1, 1]}),
        kamus=kamus,
        pegawai=pegawai,
    )  # fmt: skip
    umum = table[table["nip"] == STAF]
    assert set(umum["kompetensi"]) == {"Integritas", "Keamanan Digital", "Kearsipan"}
    assert set(table[table["nip"] == STAF2]["kompetensi"]) == {"Integritas", "Keamanan Digital"}
    missing = umum.set_index("kompetensi").loc["Kearsipan"]
    assert pd.isna(missing["dimiliki"]) and pd.isna(missing["kesenjangan"])


def test_sources_are_combined_with_the_stated_weights(standards, kamus):
    """Is the combined level Σ bobot·level / Σ bobot over the sources present?"""
    rows = pd.DataFrame(
        {
            "nip": [CAMAT, CAMAT, CAMAT],
            "jabatan": "Camat",
            "kompetensi": ["Integritas", "Integritas", "Komunikasi"],
            "level": [3, 4, 2],
            "sumber": ["atasan", "diri", "diri"],
        }
    )
    weights = {"atasan": 0.5, "diri": 0.2, "latihan": 0.15, "tugas": 0.15}
    table = competency.gaps(standards, rows, kamus=kamus, weights=weights).set_index("kompetensi")
    assert table.loc["Integritas", "dimiliki"] == pytest.approx(round((1.5 + 0.8) / 0.7, 2))
    assert table.loc["Komunikasi", "dimiliki"] == 2  # only one source: its own level
    assert table.loc["Integritas", "rincian"] == "atasan 3 × 0,5 + diri 4 × 0,2"


def test_same_source_twice_is_refused(standards, kamus):
    """Is one person assessed twice by the same source reported with its row?"""
    rows = pd.DataFrame(
        {"nip": [CAMAT, CAMAT], "jabatan": "Camat", "kompetensi": ["Integritas"] * 2,
         "level": [3, 4], "sumber": ["diri", "diri"]}
    )  # fmt: skip
    with pytest.raises(WorkbenchError) as err:
        competency.gaps(standards, rows, kamus=kamus)
    assert err.value.problems[0].row == 3


# --- job match --------------------------------------------------------------------------------


def _gaps(rows):
    return pd.DataFrame(rows, columns=["nip", "kompetensi", "dibutuhkan", "dimiliki"]).assign(
        kesenjangan=lambda d: d["dibutuhkan"] - d["dimiliki"]
    )


def test_match_counts_levels_only_up_to_the_standard():
    """Is kecocokan 100·Σmin(dimiliki, dibutuhkan)/Σdibutuhkan, so a surplus hides no gap?"""
    table = competency.job_match(_gaps([("a", "x", 3, 2), ("a", "y", 3, 5)]))
    row = table.iloc[0]
    assert row["kecocokan"] == pytest.approx(83.3)  # (2 + 3) / 6
    assert row["kategori"] == "Cukup Optimal"
    assert row["kompetensi_kurang"] == 1


@pytest.mark.parametrize(
    ("have", "category"),
    [(9, "Optimal"), (7.8, "Cukup Optimal"), (7.79, "Kurang Optimal"), (10, "Optimal")],
)
def test_default_bands_at_their_edges(have, category):
    """Are 90 and 78 the lower edges of Optimal and Cukup Optimal?"""
    table = competency.job_match(_gaps([("a", "x", 10, have)]))
    assert table.iloc[0]["kategori"] == category


def test_bands_are_configurable_from_a_file(tmp_path):
    """Does a trainer's kategori_kecocokan.csv change the categories?"""
    path = tmp_path / "kategori_kecocokan.csv"
    path.write_text("batas_bawah;kategori\n95;Sangat Cocok\n0;Perlu Dikembangkan\n", "utf-8")
    bands = competency.load_bands(path)
    table = competency.job_match(_gaps([("a", "x", 10, 9), ("b", "x", 10, 10)]), bands=bands)
    assert table["kategori"].tolist() == ["Perlu Dikembangkan", "Sangat Cocok"]


def test_bands_without_a_zero_floor_are_refused(tmp_path):
    """Is a band file that leaves low scores without a category refused in Indonesian?"""
    path = tmp_path / "kategori_kecocokan.csv"
    path.write_text("batas_bawah,kategori\n90,Optimal\n150,Super\n", "utf-8")
    with pytest.raises(WorkbenchError, match="kategori_kecocokan") as err:
        competency.load_bands(path)
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "batas_bawah")]
    path.write_text("batas_bawah,kategori\n90,Optimal\n78,Cukup\n", "utf-8")
    with pytest.raises(WorkbenchError, match="tidak sah") as err:
        competency.load_bands(path)
    assert "mulai dari 0" in err.value.problems[0].message


def test_band_and_conversion_tables_read_numbers_the_indonesian_way(tmp_path):
    """Is '1.500' in a ';' band or conversion file fifteen hundred (refused as over 100), and
    '90,5' ninety and a half, as every other file of the workbench reads them?"""
    bands = tmp_path / "kategori_kecocokan.csv"
    bands.write_text("batas_bawah;kategori\n90,5;Optimal\n0;Kurang\n", "utf-8")
    assert [b.batas_bawah for b in competency.load_bands(bands)] == [90.5, 0.0]
    bands.write_text("batas_bawah;kategori\n1.500;Optimal\n0;Kurang\n", "utf-8")
    with pytest.raises(WorkbenchError) as err:
        competency.load_bands(bands)
    assert [(p.row, p.value) for p in err.value.problems] == [(2, "1.500")]
    conversion = tmp_path / "konversi_nilai.csv"
    conversion.write_text("nilai_minimal;level\n1.500;5\n0;1\n", "utf-8")
    with pytest.raises(WorkbenchError) as err:
        from workbench.competency.plan import load_conversion

        load_conversion(conversion)
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "nilai_minimal")]


def test_person_not_assessed_has_no_percentage():
    """Does someone with nothing assessed get 'belum dinilai' instead of 0%?"""
    frame = _gaps([("a", "x", 3, None)])
    table = competency.job_match(frame)
    assert table.iloc[0]["kategori"] == "belum dinilai"
    assert pd.isna(table.iloc[0]["kecocokan"])


# --- validation errors ------------------------------------------------------------------------


def test_unknown_competency_in_the_standard_file_is_named_with_a_suggestion(tmp_path, kamus):
    """Is a misspelt competency reported with its row and the intended name?"""
    path = tmp_path / "standar.csv"
    path.write_text("jabatan;unit;kompetensi;level\nCamat;;Integritas;3\nCamat;;Komunkasi;3\n",
                    "utf-8")  # fmt: skip
    with pytest.raises(WorkbenchError) as err:
        competency.load_standards(path, kamus=kamus)
    problem = err.value.problems[0]
    assert (problem.message, problem.row, problem.value) == ("kompetensi tidak dikenal", 3,
                                                             "Komunkasi")  # fmt: skip
    assert "'Komunikasi'?" in problem.expected


def test_level_outside_one_to_five_is_refused(tmp_path, kamus, standards):
    """Are levels 0 and 6 refused in standards and in assessments?"""
    path = tmp_path / "standar.csv"
    path.write_text("jabatan,unit,kompetensi,level\nCamat,,Integritas,6\n", "utf-8")
    with pytest.raises(WorkbenchError) as err:
        competency.load_standards(path, kamus=kamus)
    assert err.value.problems[0].column == "level"
    with pytest.raises(WorkbenchError) as err:
        competency.gaps(standards, assessed([(CAMAT, "Camat", "Integritas", 0)]), kamus=kamus)
    assert err.value.problems[0].column == "level" and err.value.problems[0].row == 2


def test_duplicate_standard_row_is_refused(kamus):
    """Is the same position, unit and competency twice reported?"""
    table = pd.DataFrame(
        {"jabatan": ["Camat", "Camat"], "unit": ["", ""], "kompetensi": ["Integritas"] * 2,
         "level": [3, 2]}
    )  # fmt: skip
    with pytest.raises(WorkbenchError, match="masalah") as err:
        competency.load_standards(table, kamus=kamus)
    assert "ganda" in err.value.problems[0].message


def test_position_without_a_standard_names_the_position_and_holders(standards, kamus):
    """Is a position nobody wrote a standard for reported with the NIPs that hold it?"""
    with pytest.raises(WorkbenchError, match="belum punya standar") as err:
        competency.gaps(standards, assessed([(STAF, "Lurah", "Integritas", 2)]), kamus=kamus)
    problem = err.value.problems[0]
    assert problem.value == "Lurah" and STAF in problem.expected


def test_unknown_competency_in_assessments_is_refused(standards, kamus):
    """Is an assessed competency missing from the dictionary reported with its row?"""
    with pytest.raises(WorkbenchError) as err:
        competency.gaps(standards, assessed([(CAMAT, "Camat", "Jujur", 3)]), kamus=kamus)
    assert err.value.problems[0].message == "kompetensi tidak dikenal"


def test_nip_that_is_not_18_digits_is_refused(standards, kamus):
    """Is a 17-digit NIP (Excel ate a digit) reported?"""
    with pytest.raises(WorkbenchError) as err:
        competency.gaps(standards, assessed([(CAMAT[:-1], "Camat", "Integritas", 3)]), kamus=kamus)
    assert err.value.problems[0].column == "nip"
    assert "18 digit" in err.value.problems[0].expected


def test_nip_that_does_not_match_its_holder_is_refused(standards, kamus, pegawai):
    """Are an NIP off the roster, a wrong position and a wrong name each reported?"""
    rows = pd.DataFrame(
        {
            "nip": [CAMAT, STAF, "198001012005011999"],
            "nama": ["Janet Palastri", "Sri Wahyuni", "Siapa"],
            "jabatan": ["Staf", "Staf", "Staf"],
            "kompetensi": ["Integritas"] * 3,
            "level": [3, 3, 3],
        }
    )
    with pytest.raises(WorkbenchError) as err:
        competency.gaps(standards, rows, kamus=kamus, pegawai=pegawai)
    found = {(p.row, p.column) for p in err.value.problems}
    assert found == {(2, "jabatan"), (3, "nama"), (4, "nip")}
    assert any("tidak cocok" in p.message for p in err.value.problems)


def test_all_zero_weights_are_refused(tmp_path):
    """Is a weights file where no source counts refused?"""
    path = tmp_path / "bobot.csv"
    path.write_text("sumber,bobot,keterangan\natasan,0,\ndiri,0,\n", "utf-8")
    with pytest.raises(WorkbenchError, match="nol"):
        competency.load_weights(path)


def test_shipped_files_load_and_cover_every_position_of_the_roster():
    """Do the shipped standards give every person on the shipped roster the dataset's levels?"""
    pegawai = data.load("pegawai")
    profile = data.load("kompetensi")
    table = competency.gaps(
        competency.load_standards(),
        profile.rename(columns={"level_dimiliki": "level"})[["nip", "kompetensi", "level"]],
        pegawai=pegawai,
    )
    merged = table.merge(profile, on=["nip", "kompetensi"], validate="one_to_one")
    assert len(merged) == len(profile) == len(table)
    assert (merged["dibutuhkan"] == merged["level_dibutuhkan"]).all()
    assert len(competency.load_options()) >= len(competency.load_dictionary())


def test_trainer_copy_in_the_state_folder_replaces_the_shipped_file(settings):
    """Does var/kompetensi/kamus_kompetensi.csv win over the shipped dictionary?"""
    folder = settings.state_dir / "kompetensi"
    folder.mkdir(parents=True)
    (folder / "kamus_kompetensi.csv").write_text(
        "kompetensi;kelompok;definisi\nMenulis Surat;teknis;surat dinas\n", "utf-8"
    )
    assert competency.load_dictionary(settings=settings)["kompetensi"].tolist() == ["Menulis Surat"]


# --- unit priorities and SKM ------------------------------------------------------------------


def _unit_gaps():
    rows = []
    for i in range(4):  # four people one level short on X: 4 steps, broad
        rows.append((f"p{i}", "X", "manajerial", 2, 1))
    rows.append(("p0", "Y", "teknis", 4, 1))  # one person three levels short: 3 steps
    rows.append(("p1", "Y", "teknis", 2, 2))
    rows.append(("p0", "Z", "teknis", 2, 3))  # nobody short
    frame = pd.DataFrame(rows, columns=["nip", "kompetensi", "kelompok", "dibutuhkan", "dimiliki"])
    return frame.assign(kesenjangan=frame["dibutuhkan"] - frame["dimiliki"])


def test_priorities_weigh_size_and_breadth():
    """Do four people one level short outrank one person three levels short?"""
    table = competency.unit_priorities(_unit_gaps())
    assert table["kompetensi"].tolist() == ["X", "Y", "Z"]
    x = table.iloc[0]
    assert (x["pegawai_kurang"], x["persen_kurang"], x["skor_kebutuhan"]) == (4, 100.0, 4.0)
    y = table.iloc[1]
    assert (y["pegawai_kurang"], y["rata_kesenjangan"], y["persen_kurang"]) == (1, 3.0, 50.0)


def test_skm_reason_raises_a_competency_and_says_so():
    """Does an SKM signal lift Y above X, keep the old rank and name the reason?"""
    signals = pd.DataFrame(
        {"kompetensi": ["Y", "Z"], "sumber": "unsur", "kode": ["U7", "U7"], "nilai": 72.1,
         "alasan": ["SKM U7 = 72,1", "SKM U7 = 72,1"]}
    )  # fmt: skip
    table = competency.unit_priorities(_unit_gaps(), skm=signals).set_index("kompetensi")
    assert table.loc["Y", "peringkat"] == 1 and table.loc["Y", "peringkat_tanpa_skm"] == 2
    assert table.loc["Y", "skor_prioritas"] == 4.5
    assert table.loc["Y", "alasan_skm"] == "dinaikkan karena SKM U7 = 72,1"
    assert table.loc["Z", "alasan_skm"] == ""  # nobody short: nothing to raise


def _skm_answers(u7: int):
    answers = data.load("skm").head(40).copy()
    for code in [f"U{i}" for i in range(1, 10)]:
        answers[code] = 4
    answers["U7"] = u7
    answers["saran"] = ["petugasnya kurang ramah dan judes"] * 8 + [""] * 32
    return answers


def test_skm_signals_from_a_weak_element_and_a_complaint_theme():
    """Does U7 = 75,0 (below the unit's own IKM) and a 20% behaviour complaint raise both?"""
    signals = course.skm_signals(_skm_answers(3))
    reasons = set(signals["alasan"])
    assert "SKM U7 = 75,0" in reasons
    assert "keluhan warga 'Perilaku petugas' 100,0% saran" in reasons
    assert "Pelayanan Publik" in set(signals[signals["kode"] == "U7"]["kompetensi"])
    assert course.skm_signals(_skm_answers(4)).query("sumber == 'unsur'").empty


def test_skm_mapping_errors_are_listed(tmp_path):
    """Are an unknown element code, theme and competency and a bad factor all reported?"""
    path = tmp_path / "skm.yaml"
    path.write_text(
        "faktor_kenaikan: 0.5\nunsur:\n  U10: [Integritas]\n  U7: [Kejujuran]\n"
        "tema:\n  Tema Baru: [Integritas]\n",
        "utf-8",
    )
    from workbench import skm

    with pytest.raises(WorkbenchError, match="Pemetaan SKM") as err:
        competency.load_skm_mapping(path, themes=skm.load_themes().names)
    messages = [p.message for p in err.value.problems]
    assert messages.count("kode unsur SKM tidak dikenal") == 1
    assert "tema saran tidak dikenal" in messages
    assert "kompetensi tidak dikenal" in messages
    assert "nilai tidak sah" in messages


# --- recommendations and plans ----------------------------------------------------------------


def _notebook(folder, name, meta):
    folder.mkdir(parents=True, exist_ok=True)
    nb = {"cells": [], "metadata": meta, "nbformat": 4, "nbformat_minor": 5}
    (folder / name).write_text(json.dumps(nb), "utf-8")


def test_a_new_notebook_is_picked_up_from_its_metadata(settings):
    """Does a notebook not in the course map count, with title and JP from its metadata?"""
    folder = settings.notebooks_dir
    _notebook(
        folder,
        "05-privasi.ipynb",
        {"workbench": {"kompetensi": [{"kompetensi": "Keamanan Digital", "level": 3}]}},
    )
    _notebook(
        folder,
        "18-arsip-digital.ipynb",
        {
            "workbench": {
                "judul": "Arsip digital",
                "jp": 2,
                "kompetensi": [{"kompetensi": "Pengelolaan Kearsipan", "level": 2}],
            }
        },
    )
    _notebook(folder, "19-tanpa-metadata.ipynb", {})  # fmt: skip
    table = course.module_catalogue(settings=settings)
    assert table[["modul", "jp", "kompetensi"]].values.tolist() == [
        ["05", 2, "Keamanan Digital"],
        ["18", 2, "Pengelolaan Kearsipan"],
    ]
    assert table.iloc[0]["judul"] == "Mengelola data dan privasi"


def test_notebook_metadata_with_an_unknown_competency_is_named(settings):
    """Is a typo in a notebook's competency metadata reported with the notebook's name?"""
    typo = {"workbench": {"kompetensi": [{"kompetensi": "Keamanan Digitl", "level": 3}]}}
    _notebook(settings.notebooks_dir, "05-privasi.ipynb", typo)
    with pytest.raises(WorkbenchError) as err:
        course.module_catalogue(settings=settings)
    assert err.value.problems[0].file == "05-privasi.ipynb"


def test_shipped_notebooks_declare_known_competencies():
    """Do the course notebooks carry competency metadata the dictionary knows?"""
    table = course.module_catalogue()
    assert {"Kecakapan Digital", "Keamanan Digital", "Pengambilan Keputusan"} <= set(
        table["kompetensi"]
    )


def test_plan_takes_modules_then_outside_options_in_priority_order(settings):
    """Does a two-level gap get the module and the outside course, a one-level gap the module,
    a competency without a module the outside option, spread over the quarters?"""
    gaps = pd.DataFrame(
        {
            "nip": [STAF] * 3,
            "jabatan": "Staf",
            "unit": "Umum",
            "kompetensi": ["Kecakapan Digital", "Keamanan Digital", "Pengelolaan Kearsipan"],
            "kelompok": ["literasi digital", "literasi digital", "teknis"],
            "dibutuhkan": [3, 3, 2],
            "dimiliki": [1.0, 2.0, 1.0],
        }
    ).assign(kesenjangan=lambda d: d["dibutuhkan"] - d["dimiliki"])
    catalogue = pd.DataFrame(
        [("02", "Data layanan", 3, "Kecakapan Digital", 3, "02.ipynb"),
         ("05", "Privasi", 2, "Keamanan Digital", 3, "05.ipynb"),
         ("00", "Mulai", 1, "Kecakapan Digital", 1, "00.ipynb")],
        columns=["modul", "judul", "jp", "kompetensi", "level", "berkas"],
    )  # fmt: skip
    priorities = pd.DataFrame(
        {"kompetensi": ["Keamanan Digital", "Pengelolaan Kearsipan", "Kecakapan Digital"],
         "peringkat": [1, 2, 3], "alasan_skm": ["dinaikkan karena SKM U3 = 70,6", "", ""]}
    )  # fmt: skip
    plan = competency.development_plan(
        gaps, year=2026, catalogue=catalogue, priorities=priorities, settings=settings
    )
    assert plan["kegiatan"].tolist() == [
        "Modul 05 Privasi",
        "Pelatihan Kearsipan Dinamis",
        "Modul 02 Data layanan",  # module 00 (level 1) does not lift someone at level 1
        "Pelatihan Microsoft Excel untuk Analisis Data",
    ]
    assert plan["jp"].tolist() == [2, 16, 3, 16]
    assert plan["waktu"].tolist() == ["Triwulan I 2026", "Triwulan I 2026", "Triwulan II 2026",
                                      "Triwulan III 2026"]  # fmt: skip
    assert "prioritas kantor #1 (dinaikkan karena SKM U3 = 70,6)" in plan.iloc[0]["alasan"]
    done = pd.DataFrame({"nip": [STAF], "modul": ["05"]})
    again = competency.development_plan(gaps, year=2026, catalogue=catalogue, done=done,
                                        priorities=priorities, settings=settings)  # fmt: skip
    assert "Modul 05 Privasi" not in again["kegiatan"].tolist()


def test_scores_become_levels_through_the_conversion_table():
    """Do graded scores 95, 75 and 10 become levels 5, 4 and 1?"""
    scores = pd.DataFrame({"nip": [STAF] * 3, "kompetensi": ["A", "B", "C"], "nilai": [95, 75, 10]})
    assert competency.score_levels(scores)["level"].tolist() == [5.0, 4.0, 1.0]
    with pytest.raises(WorkbenchError):
        competency.score_levels(scores.assign(nilai=[95, 120, 10]))


# --- the JP ledger ----------------------------------------------------------------------------


def _activities():
    return pd.DataFrame(
        {
            "nip": [STAF, STAF, STAF, CAMAT],
            "tanggal": ["05/02/2025", "2025-06-01", "2024-12-31", "1 Maret 2025"],
            "kegiatan": ["Excel", "Etika", "Lama", "Kepemimpinan"],
            "jp": ["12,5", "4", "30", "32"],
            "bukti": ["sertifikat", "belum ada", "sertifikat", "sertifikat"],
        }
    )


def test_ledger_sums_the_year_against_the_minimum(settings):
    """Do 12,5 + 4 JP in 2025 leave 3,5 JP to go, with last year's 30 JP ignored?"""
    table = competency.jp_ledger(_activities(), 2025, settings=settings).set_index("nip")
    assert table.loc[STAF, ["jp", "kurang", "jp_tanpa_bukti"]].tolist() == [16.5, 3.5, 4.0]
    assert not table.loc[STAF, "memenuhi"]
    assert table.loc[CAMAT, "kurang"] == 0 and table.loc[CAMAT, "memenuhi"]


def test_ledger_minimum_comes_from_the_settings(tmp_path, monkeypatch):
    """Does [development] jp_per_year = 40 change who is behind?"""
    config = tmp_path / "workbench.toml"
    config.write_text("[development]\njp_per_year = 40\n", "utf-8")
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    settings = load_settings(config, home=tmp_path)
    table = competency.jp_ledger(_activities(), 2025, settings=settings).set_index("nip")
    assert table.loc[CAMAT, "kurang"] == 8


def test_ledger_lists_everyone_on_the_roster_and_refuses_strangers(settings, pegawai):
    """Is someone with no activity listed with 0 JP, and an unknown NIP refused?"""
    table = competency.jp_ledger(_activities(), 2025, pegawai=pegawai, settings=settings)
    row = table.set_index("nip").loc[STAF2]
    assert (row["jp"], row["kurang"], row["nama"]) == (0.0, 20.0, "Sri Wahyuni")
    summary = competency.unit_jp_summary(table).set_index("unit")
    assert summary.loc["Umum", "pegawai_kurang"] == 1
    strangers = _activities().assign(nip=["198001012005011999"] * 4)
    with pytest.raises(WorkbenchError, match="tidak ada di daftar pegawai"):
        competency.jp_ledger(strangers, 2025, pegawai=pegawai, settings=settings)


def test_ledger_refuses_bad_rows():
    """Are a bad NIP, a negative JP and an unreadable date all reported together?"""
    bad = _activities()
    bad.loc[0, "nip"] = "12345"
    bad.loc[1, "jp"] = "-2"
    bad.loc[2, "tanggal"] = "kemarin"
    with pytest.raises(WorkbenchError) as err:
        competency.jp_ledger(bad, 2025)
    assert {p.column for p in err.value.problems} == {"nip", "jp", "tanggal"}


def test_finished_practice_modules_enter_the_ledger(settings, monkeypatch):
    """Does a module with every question right count its course-map JP, and a learner
    without an NIP produce a note instead?"""
    import workbench.course.activities as activities
    import workbench.course.assessments as assessments

    progress = pd.DataFrame(
        {
            "peserta": [STAF, STAF, "budi", "budi", STAF2],
            "modul": ["05-mengelola-data-dan-privasi"] * 2 + ["05-mengelola-data-dan-privasi"] * 2
            + ["05-mengelola-data-dan-privasi"],
            "soal": ["q1", "q2", "q1", "q2", "q1"],
            "status": ["benar", "benar", "benar", "benar", "salah"],
            "percobaan": [1, 2, 1, 1, 3],
            "benar_pada": ["2025-03-04T10:00:00+07:00", "2025-03-05T09:00:00+07:00",
                           "2025-03-04T10:00:00+07:00", "2025-03-04T10:00:00+07:00", None],
        }
    )  # fmt: skip

    class TwoQuestions(list):
        pass

    for module in (activities, assessments):
        monkeypatch.setattr(module, "progress_frame", lambda settings=None: progress)
        monkeypatch.setattr(module, "exercise_set", lambda module: TwoQuestions([1, 2]))
    found = course.practice_activities(settings=settings)
    rows = found.kegiatan
    assert rows["nip"].tolist() == [STAF]
    assert (
        rows.iloc[0]["jp"] == 2.0 and rows.iloc[0]["tanggal"].strftime("%Y-%m-%d") == "2025-03-05"
    )
    assert "budi" in found.catatan[0]
    linked = course.practice_activities(settings=settings, peserta={"budi": STAF2})
    assert sorted(linked.kegiatan["nip"]) == sorted([STAF, STAF2])
    catalogue = pd.DataFrame(
        [("05", "Privasi", 2, "Keamanan Digital", 3, "x")],
        columns=["modul", "judul", "jp", "kompetensi", "level", "berkas"],
    )
    levels = course.practice_assessments(settings=settings, peserta={}, catalogue=catalogue)
    by = levels.set_index("nip")
    assert by.loc[STAF, "level"] == 3.0  # 100% -> 5, capped at the module's level 3
    assert by.loc[STAF2, "level"] == 1.0  # 0% -> 1


def test_grading_credits_enter_through_jp_credits(monkeypatch):
    """Are passed assignments read through workbench.grading.jp_credits(course=...)?"""
    calls = []

    def jp_credits(*, course=None):
        # The shape workbench.grading returns: dates as datetime.date (None when nbgrader
        # has no timestamp), JP as float (0 when the assignment names no JP).
        calls.append(course)
        return pd.DataFrame(
            {
                "nip": [STAF, STAF, STAF2],
                "tanggal": [dt.date(2025, 4, 1), None, dt.date(2025, 5, 2)],
                "kegiatan": ["Tugas bernilai: 02", "Tugas bernilai: 03", "Tugas bernilai: 12"],
                "jp": [3.0, 3.0, 0.0],
                "bukti": ["gradebook kursus asemrowo, tugas 02: nilai 8/10 (80%)"] * 3,
            }
        )

    fake = types.ModuleType("workbench.grading")
    fake.__spec__ = importlib.machinery.ModuleSpec("workbench.grading", None)
    fake.jp_credits = jp_credits
    monkeypatch.setitem(sys.modules, "workbench.grading", fake)
    found = course.grading_activities(course="kelas-2025")
    assert calls == ["kelas-2025"]
    rows = found.kegiatan
    assert rows[["nip", "jp", "sumber"]].values.tolist() == [[STAF, 3.0, "tugas bernilai"]]
    assert rows.iloc[0]["tanggal"].strftime("%Y-%m-%d") == "2025-04-01"
    assert "tanpa tanggal" in found.catatan[0] and "tidak menyebut JP" in found.catatan[1]


# --- exports ----------------------------------------------------------------------------------


def test_plan_export_keeps_text_as_text_and_masks_for_sharing(tmp_path, settings, pegawai):
    """Does a plan line starting with '=' stay text, names show only unmasked, NIPs mask?"""
    import openpyxl

    plans = pd.DataFrame({"nip": [STAF], "kompetensi": ["Integritas"], "kesenjangan": [1.5],
                          "kegiatan": ["=HYPERLINK(\"http://x\")"], "jp": [8]})  # fmt: skip
    gaps = pd.DataFrame({"nip": [STAF], "kompetensi": ["Integritas"], "dibutuhkan": [3],
                         "dimiliki": [1.5], "kesenjangan": [1.5],
                         "rincian": ["atasan 1 × 0,5 + diri 2 × 0,2"]})  # fmt: skip
    full = competency.export_plans(tmp_path / "rencana.xlsx", plans=plans, gaps=gaps,
                                   pegawai=pegawai, settings=settings)  # fmt: skip
    sheet = openpyxl.load_workbook(full)["rencana"]
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["nama"].value == "Budi Santoso" and row["nip"].value == STAF
    assert row["kegiatan"].data_type == "s" and row["kegiatan"].value.startswith("=HYPERLINK")
    assert row["jp"].value == 8 and row["kesenjangan"].value == 1.5
    shared = competency.export_plans(
        tmp_path / "bagikan.xlsx",
        plans=plans,
        gaps=gaps,
        pegawai=pegawai,
        masked_mode=True,
        settings=settings,
    )
    book = openpyxl.load_workbook(shared)
    values = [c.value for ws in book.worksheets for r in ws.iter_rows() for c in r]
    assert "**************1001" in values
    assert STAF not in values and "Budi Santoso" not in values
    assert "atasan 1 × 0,5 + diri 2 × 0,2" in values  # traceable to its sources


def test_unit_summary_export_is_masked_by_default(tmp_path, settings, pegawai):
    """Does the unit summary hide NIPs and names unless asked?"""
    import openpyxl

    ledger = competency.jp_ledger(_activities(), 2025, pegawai=pegawai, settings=settings)
    match = pd.DataFrame({"nip": [STAF], "kecocokan": [83.3], "kategori": ["Cukup Optimal"]})
    path = competency.export_unit_summary(
        tmp_path / "ringkasan.xlsx",
        priorities=competency.unit_priorities(_unit_gaps()),
        match=match,
        ledger=ledger,
        jp_units=competency.unit_jp_summary(ledger),
        settings=settings,
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["keterangan", "prioritas", "jp_per_unit", "kecocokan",
                               "jp_per_pegawai"]  # fmt: skip
    values = {c.value for ws in book.worksheets for r in ws.iter_rows() for c in r}
    assert STAF not in values and "Sri Wahyuni" not in values
    assert "**************2002" in values


def test_office_log_in_the_state_folder_enters_the_ledger(settings):
    """Does var/kompetensi/kegiatan.csv, typed as an office does (';', day-first dates,
    decimal comma), add its JP to the ledger?"""
    folder = settings.state_dir / "kompetensi"
    folder.mkdir(parents=True)
    (folder / "kegiatan.csv").write_text(
        "nip;tanggal;kegiatan;jp;bukti\n"
        f"{STAF};05/02/2025;Coaching oleh Kasi;2,5;laporan kegiatan\n",
        encoding="utf-8-sig",
    )
    found = course.collect_activities(practice=False, grading=False, settings=settings)
    row = found.kegiatan.iloc[0]
    assert (row["jp"], row["sumber"], row["tanggal"].strftime("%d-%m")) == (
        2.5,
        "catatan kantor",
        "05-02",
    )


def test_real_progress_of_a_finished_module_counts_its_jp(settings):
    """With progress written by real checks, does module 05 enter the ledger with 2 JP and
    give a practice level capped at the level its notebook metadata claims?"""
    import shutil

    from workbench.practice import Outcome, ProgressStore, exercise_set
    from workbench.practice.course import find_module

    module = "05-mengelola-data-dan-privasi"
    store = ProgressStore(STAF, settings=settings)
    for question in exercise_set(module):
        store.record(module, question.name, "check", Outcome.CORRECT)
    found = course.practice_activities(settings=settings).kegiatan
    assert found[["nip", "jp"]].values.tolist() == [[STAF, float(find_module(module).jp)]]
    shutil.copy(data_notebook(module), settings.notebooks_dir)
    levels = course.practice_assessments(settings=settings).set_index("kompetensi")
    assert levels.loc["Keamanan Digital", "level"] == 3.0  # 100% -> level 5, capped at 3
    assert levels.loc["Keamanan Digital", "nilai"] == 100.0


def data_notebook(module: str):
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "notebooks" / f"{module}.ipynb"


def test_cli_prints_priorities_and_writes_masked_excel(tmp_path, capsys, monkeypatch):
    """Does 'workbench competency --unit X --rencana f.xlsx' print the priority list with
    the SKM reasons and write a plan file with masked NIPs?"""
    import openpyxl

    from workbench import config
    from workbench.cli import main

    repo = data_notebook("x").parent
    settings_file = tmp_path / "workbench.toml"
    settings_file.write_text(
        f'[paths]\nnotebooks = "{repo.as_posix()}"\ndata = "{(repo / "data").as_posix()}"\n'
        f'state = "{(tmp_path / "var").as_posix()}"\n',
        "utf-8",
    )
    monkeypatch.setenv("WORKBENCH_CONFIG", str(settings_file))
    config.get_settings.cache_clear()
    try:
        out = tmp_path / "rencana.xlsx"
        code = main(["competency", "--unit", "Kelurahan Asemrowo", "--rencana", str(out)])
    finally:
        config.get_settings.cache_clear()
    assert code == 0
    text = capsys.readouterr().out
    assert "Prioritas pengembangan (9 pegawai)" in text and "dinaikkan karena" in text
    sheet = openpyxl.load_workbook(out)["rencana"]
    nips = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert nips and all(n.startswith("*" * 14) for n in nips)


def test_roster_position_without_a_standard_is_refused_on_load(kamus, standards, pegawai):
    """Does loading standards against the roster name a position nobody wrote a standard for?"""
    roster = pd.concat(
        [pegawai, pd.DataFrame({"nip": ["198001012005011999"], "nama": ["Ani"],
                                "jabatan": ["Lurah"], "unit": ["Kelurahan"]})]
    )  # fmt: skip
    with pytest.raises(WorkbenchError, match="belum punya standar") as err:
        competency.load_standards(standards, kamus=kamus, pegawai=roster)
    assert [p.value for p in err.value.problems] == ["Lurah (Kelurahan)"]
    assert len(competency.load_standards(standards, kamus=kamus, pegawai=pegawai)) == 5


def test_activity_file_with_every_date_empty_names_the_empty_cells():
    """Does a ledger whose date column is entirely empty say which cells are empty
    (instead of an IndexError from the date reader)?"""
    empty = _activities().assign(tanggal=[None] * 4)
    with pytest.raises(WorkbenchError) as err:
        competency.jp_ledger(empty, 2025)
    assert {(p.column, p.row) for p in err.value.problems} == {("tanggal", r) for r in (2, 3, 4, 5)}


def test_assessment_file_from_excel_is_read_and_checked(tmp_path, standards, kamus):
    """Does an Excel assessment file with an NIP typed as a number (Excel lost digits) get
    reported, and a clean one give the same gaps as a DataFrame?"""
    import openpyxl

    path = tmp_path / "penilaian.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["nip", "jabatan", "kompetensi", "level", "sumber"])
    sheet.append([CAMAT, "Camat", "Integritas", 2, "atasan"])
    sheet.append([CAMAT, "Camat", "Komunikasi", "3,5", "diri"])
    book.save(path)
    table = competency.gaps(standards, path, kamus=kamus).set_index("kompetensi")
    assert table.loc["Integritas", "kesenjangan"] == 1
    assert table.loc["Komunikasi", "dimiliki"] == 3.5
    sheet.append([int(STAF), "Staf", "Integritas", 1, "atasan"])
    book.save(path)
    with pytest.raises(WorkbenchError) as err:
        competency.read_assessments(path)
    assert err.value.problems[0].column == "nip" and err.value.problems[0].row == 4


def test_overview_uses_the_office_files_in_the_state_folder(settings):
    """With pegawai.csv and penilaian.xlsx in var/kompetensi/, does the analysis cover those
    people only, from those levels, and say where its data came from?"""
    import openpyxl

    roster = data.load("pegawai").head(3)
    folder = settings.state_dir / "kompetensi"
    folder.mkdir(parents=True)
    data.write_csv(roster, folder / "pegawai.csv", data.SCHEMAS["pegawai"])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["nip", "kompetensi", "level"])
    for nip in roster["nip"]:
        sheet.append([nip, "Keamanan Digital", 1])
    book.save(folder / "penilaian.xlsx")
    view = course.overview(settings=settings, include_grading=False)
    assert set(view.pegawai["nip"]) == set(roster["nip"])
    assert view.sumber_data["pegawai"] == "kompetensi/pegawai.csv"
    assert view.sumber_data["penilaian"] == "kompetensi/penilaian.xlsx"
    assert view.sumber_data["skm"] == "data contoh"
    safety = view.gaps[view.gaps["kompetensi"] == "Keamanan Digital"]
    assert safety["dimiliki"].tolist() == [1.0, 1.0, 1.0]
    assert view.gaps["dimiliki"].notna().sum() == 3  # nothing else was assessed


def test_office_roster_without_its_assessments_is_refused(settings):
    """With only the office's roster in var/kompetensi/, does the analysis refuse to mix in
    the synthetic assessments?"""
    folder = settings.state_dir / "kompetensi"
    folder.mkdir(parents=True)
    data.write_csv(data.load("pegawai").head(3), folder / "pegawai.csv", data.SCHEMAS["pegawai"])
    with pytest.raises(WorkbenchError, match=r"penilaian\.csv"):
        course.overview(settings=settings)


# --- the remaining validation errors, one each ------------------------------------------------


def test_same_competency_twice_without_a_source_column_is_refused(standards, kamus):
    """Are two levels for one person and competency, with no 'sumber' to tell them apart,
    reported?"""
    rows = assessed([(CAMAT, "Camat", "Integritas", 2), (CAMAT, "Camat", "Integritas", 3)])
    with pytest.raises(WorkbenchError, match="dua kali") as err:
        competency.gaps(standards, rows, kamus=kamus)
    assert err.value.problems[0].row == 3


def test_assessments_without_position_or_roster_are_refused(standards, kamus):
    """Without a 'jabatan' column and without a roster, is the missing position explained?"""
    rows = pd.DataFrame({"nip": [CAMAT], "kompetensi": ["Integritas"], "level": [2]})
    with pytest.raises(WorkbenchError) as err:
        competency.gaps(standards, rows, kamus=kamus)
    assert err.value.problems[0].column == "jabatan"
    rows = assessed([(CAMAT, "Camat", "Integritas", 2), (STAF, None, "Integritas", 1)])
    with pytest.raises(WorkbenchError) as err:
        competency.gaps(standards, rows, kamus=kamus)
    assert [(p.row, p.message) for p in err.value.problems] == [(3, "jabatan kosong")]


def test_a_source_without_a_weight_is_refused(standards, kamus):
    """Is a source missing from the weights named, and one weighted 0 alone refused?"""
    rows = pd.DataFrame({"nip": [CAMAT], "jabatan": "Camat", "kompetensi": ["Integritas"],
                         "level": [2], "sumber": ["tugas"]})  # fmt: skip
    with pytest.raises(WorkbenchError, match="tanpa bobot: tugas"):
        competency.gaps(standards, rows, kamus=kamus, weights={"atasan": 1.0})
    with pytest.raises(WorkbenchError, match="berbobot 0"):
        competency.gaps(standards, rows, kamus=kamus, weights={"tugas": 0.0, "atasan": 1.0})


def test_band_file_with_wrong_headings_is_refused(tmp_path):
    """Is a band file without 'batas_bawah' and 'kategori' headings refused at row 1?"""
    path = tmp_path / "kategori.csv"
    path.write_text("batas,nama\n0,Semua\n", "utf-8")
    with pytest.raises(WorkbenchError, match="batas_bawah") as err:
        competency.load_bands(path)
    assert err.value.problems[0].row == 1


def test_conversion_table_errors(tmp_path):
    """Are a level of 7 and a table without a level for a score of 0 refused?"""
    path = tmp_path / "konversi.csv"
    path.write_text("nilai_minimal,level\n90,7\n40,2\n", "utf-8")
    with pytest.raises(WorkbenchError) as err:
        competency.load_conversion(path)
    assert err.value.problems[0].row == 2
    path.write_text("nilai_minimal,level\n90,5\n40,2\n", "utf-8")
    with pytest.raises(WorkbenchError, match="tidak sah") as err:
        competency.load_conversion(path)
    assert "nilai 0" in err.value.problems[0].message


def test_outside_option_for_an_unknown_competency_is_refused(kamus):
    """Is an outside option naming a competency the dictionary lacks reported?"""
    options = pd.DataFrame(
        {"kompetensi": ["Menjahit"], "kegiatan": ["Kursus"], "penyelenggara": ["X"],
         "bentuk": ["pelatihan"], "jp": [8]}
    )  # fmt: skip
    with pytest.raises(WorkbenchError, match="tidak ada di kamus"):
        competency.load_options(options, kamus=kamus)


def test_new_notebook_without_title_or_jp_and_bad_level_are_named(settings):
    """Is a notebook outside the course map without 'judul'/'jp', and a level of 9, reported?"""
    folder = settings.notebooks_dir
    _notebook(
        folder,
        "18-baru.ipynb",
        {"workbench": {"kompetensi": [{"kompetensi": "Integritas", "level": 2}]}},
    )
    too_high = {"workbench": {"kompetensi": [{"kompetensi": "Integritas", "level": 9}]}}
    _notebook(folder, "05-privasi.ipynb", too_high)
    with pytest.raises(WorkbenchError) as err:
        course.module_catalogue(settings=settings)
    found = {(p.file, p.message) for p in err.value.problems}
    assert found == {("18-baru.ipynb", "modul baru tanpa judul atau JP"),
                     ("05-privasi.ipynb", "level di luar 1–5")}  # fmt: skip


def test_ledger_year_must_be_a_whole_number_and_summary_needs_units():
    """Are a year typed as text and a per-unit summary without units refused in Indonesian?"""
    with pytest.raises(WorkbenchError, match="Tahun harus bilangan bulat"):
        competency.jp_ledger(_activities(), "2025")
    with pytest.raises(WorkbenchError, match="pegawai="):
        competency.unit_jp_summary(competency.jp_ledger(_activities(), 2025))


def test_learner_to_nip_file_with_a_short_nip_is_refused(settings):
    """Is a peserta.csv line with a 17-digit NIP reported when practice is collected?"""
    import workbench.course.activities as activities

    folder = settings.state_dir / "kompetensi"
    folder.mkdir(parents=True)
    (folder / "peserta.csv").write_text(f"peserta;nip\nbudi;{STAF[:-1]}\n", "utf-8")
    progress = pd.DataFrame({"peserta": ["budi"], "modul": ["05-mengelola-data-dan-privasi"],
                             "soal": ["q1"], "status": ["benar"], "percobaan": [1],
                             "benar_pada": ["2025-03-04T10:00:00+07:00"]})  # fmt: skip
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(activities, "progress_frame", lambda settings=None: progress)
        with pytest.raises(WorkbenchError) as err:
            course.practice_activities(settings=settings)
    assert err.value.problems[0].column == "nip" and err.value.problems[0].row == 2


# --- self-assessments from module 11 ----------------------------------------------------------


def test_saved_self_assessment_replaces_the_sample_self_rating(settings):
    """Does a learner linked to an NIP see their saved self-rating used as the 'diri' source
    of the office's picture, and an unlinked learner change nothing?"""
    roster = data.load("pegawai")
    nip = roster["nip"].iloc[1]
    before = course.overview(settings=settings, include_grading=False)
    path = course.save_self_assessment(
        {"Keamanan Digital": 5, "Integritas": 1}, jabatan=roster["jabatan"].iloc[1],
        learner="rina", settings=settings,
    )  # fmt: skip
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # opens in Indonesian Excel
    same = course.overview(settings=settings, include_grading=False)
    assert same.gaps.equals(before.gaps)  # not linked to an NIP yet
    folder = settings.state_dir / "kompetensi"
    (folder / "peserta.csv").write_text(f"peserta;nip\nrina;{nip}\n", "utf-8")
    after = course.overview(settings=settings, include_grading=False)
    row = after.gaps.set_index(["nip", "kompetensi"]).loc[(nip, "Keamanan Digital")]
    atasan = (
        competency.example_assessments()
        .query("nip == @nip and kompetensi == 'Keamanan Digital' and sumber == 'atasan'")["level"]
        .iloc[0]
    )
    assert row["rincian"] == f"atasan {int(atasan)} × 0,5 + diri 5 × 0,2"
    assert "penilaian diri modul 11" in after.sumber_data["penilaian"]


def test_self_assessment_with_unknown_names_or_levels_is_not_saved(settings):
    """Are an unknown position, an unknown competency and a level of 6 all refused, with
    nothing written?"""
    with pytest.raises(WorkbenchError) as err:
        course.save_self_assessment(
            {"Keamanan Digitl": 3, "Integritas": 6}, jabatan="Presiden", settings=settings
        )
    messages = sorted(p.message for p in err.value.problems)
    assert messages == ["jabatan tidak ada di standar kompetensi", "kompetensi tidak dikenal",
                        "level bukan angka 1–5"]  # fmt: skip
    assert not (settings.state_dir / "kompetensi").exists()


def test_unreadable_state_folder_is_an_indonesian_error(monkeypatch):
    """Is a state folder the system refuses (a grading sandbox) explained, not a PermissionError?"""
    from pathlib import Path

    from workbench.competency import standards

    real = Path.is_file

    def refuse(self):
        if self.parent.name == standards.STATE_FOLDER:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "is_file", refuse)
    with pytest.raises(WorkbenchError, match="tidak boleh dibuka"):
        standards.data_path("kamus_kompetensi.csv")
