"""The one masking function for shared files (workbench.data.privacy), and the exports using it."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from workbench import data
from workbench.data.privacy import GENERALISED, MIN_GROUP, mask, mask_nip, mask_text

NIP = "198503122010011003"


def test_an_nip_keeps_its_last_four_digits():
    """Is an NIP written with or without spaces masked to its last four digits?"""
    assert mask_nip(NIP) == "*" * 14 + "1003"
    assert mask_nip("19850312 201001 1 003") == "*" * 14 + "1003"


def test_direct_identifiers_leave_and_nips_are_masked():
    """Are name, learner, NIK and birth date columns left out, the NIP masked, rows kept?"""
    frame = pd.DataFrame(
        {
            "nip": [NIP],
            "nama": ["Sri Wahyuni"],
            "peserta": ["sri"],
            "nik": ["3578010101900001"],
            "tanggal_lahir": ["1985-03-12"],
            "jp": [8.0],
        },
        index=[7],
    )
    out = mask(frame).frame
    assert list(out.columns) == ["nip", "jp"]
    assert out.loc[7, "nip"] == "*" * 14 + "1003" and out.loc[7, "jp"] == 8.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "progres latihan: 3 dari 3 soal benar (Janet_Palastri)",
            "progres latihan: 3 dari 3 soal benar ([nama])",
        ),
        ("sertifikat a.n. janet palastri", "sertifikat a.n. [nama]"),
        ("NIP 19850312 201001 1 003 hadir", "NIP **************1003 hadir"),
        ("NIK 3578010101900001", "NIK ************0001"),
        ("hubungi 0812-3456-7890 atau +62 812 3456 7890", "hubungi [telepon] atau [telepon]"),
        ("kirim ke sri.w@surabaya.go.id", "kirim ke [email]"),
        ("Modul 05 (ASN Workbench), 20 JP", "Modul 05 (ASN Workbench), 20 JP"),
        ("Janeta hadir", "Janeta hadir"),  # a longer word is not the name
    ],
)
def test_free_text_has_ids_and_names_masked(text, expected):
    """Are NIPs, NIKs and known names inside free text masked, whatever their spacing?"""
    assert mask_text(text, ["Janet Palastri"]) == expected


def test_small_groups_are_generalised_then_suppressed_on_the_shipped_roster():
    """Of 49 staff, 26 are alone in their position and unit: is no position of fewer than
    three people shown, and are the Camat's and the Sekcam's rows (units of one) left out?"""
    pegawai = data.load("pegawai")
    alone = pegawai.groupby(["jabatan", "unit"]).size()
    assert int((alone == 1).sum()) == 26
    masked = mask(pegawai[["nip", "jabatan", "unit"]], population=pegawai)
    out = masked.frame
    assert len(out) == 47 and "Camat" not in set(out["jabatan"])
    shown = out[out["jabatan"] != GENERALISED].groupby(["jabatan", "unit"]).size()
    assert (shown >= MIN_GROUP).all()
    assert (out.groupby("unit").size() >= MIN_GROUP).all()
    assert any("tidak dicantumkan" in note for note in masked.catatan)


def test_person_rows_repeated_per_competency_count_people_not_rows():
    """Is a group counted in people (distinct NIPs), so one person with many rows is still
    a group of one?"""
    frame = pd.DataFrame(
        {
            "nip": [NIP] * 5 + [f"19900101201503200{i}" for i in range(3)],
            "jabatan": ["Lurah"] * 5 + ["Staf"] * 3,
            "unit": ["Kelurahan A"] * 5 + ["Kelurahan A"] * 3,
            "kompetensi": list("abcde") + list("abc"),
        }
    )
    out = mask(frame).frame
    assert set(out.loc[out.index < 5, "jabatan"]) == {GENERALISED}
    assert set(out.loc[out.index >= 5, "jabatan"]) == {"Staf"}


def test_unit_rows_of_fewer_than_three_people_are_left_out():
    """Does a JP-per-unit row for a unit of one (the Camat's) disappear from a shared file?"""
    units = pd.DataFrame(
        {"unit": ["Kecamatan Asemrowo", "Kelurahan Asemrowo"], "jumlah_pegawai": [1, 9],
         "rata_jp": [12.0, 20.5]}
    )  # fmt: skip
    masked = mask(units)
    assert masked.frame["unit"].tolist() == ["Kelurahan Asemrowo"]
    assert "tidak dicantumkan" in masked.catatan[0]


def _finished_module(settings, learner: str) -> None:
    from workbench.course import exercise_set
    from workbench.practice import Outcome, ProgressStore

    module = "05-mengelola-data-dan-privasi"
    store = ProgressStore(learner, settings=settings)
    for question in exercise_set(module):
        store.record(module, question.name, "check", Outcome.CORRECT)


def test_the_masked_plan_export_names_nobody(tmp_path, monkeypatch, capsys):
    """Does `workbench competency --rencana` (masked by default) keep the learner's name out of
    the kegiatan sheet ('progres latihan ... (Janet_Palastri)'), mask NIPs everywhere and show
    no position held by one person, while --tanpa-samaran keeps the trace?"""
    from workbench import config
    from workbench.cli import main

    pegawai = data.load("pegawai")
    camat = pegawai[pegawai["jabatan"] == "Camat"].iloc[0]
    state = tmp_path / "var"
    (state / "kompetensi").mkdir(parents=True)
    (state / "kompetensi" / "peserta.csv").write_text(
        f"peserta;nip\nJanet_Palastri;{camat['nip']}\n", "utf-8"
    )
    settings_file = tmp_path / "workbench.toml"
    settings_file.write_text(f'[paths]\nstate = "{state.as_posix()}"\n', "utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(settings_file))
    config.get_settings.cache_clear()
    try:
        _finished_module(config.get_settings(), "Janet_Palastri")
        shared, internal = tmp_path / "rencana.xlsx", tmp_path / "internal.xlsx"
        assert main(["competency", "--rencana", str(shared)]) == 0
        assert main(["competency", "--rencana", str(internal), "--tanpa-samaran"]) == 0
    finally:
        config.get_settings.cache_clear()
    capsys.readouterr()
    cells = [
        str(c.value)
        for ws in openpyxl.load_workbook(shared).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    text = "\n".join(cells)
    assert "Janet_Palastri" not in text and "Janet" not in text
    assert not any(name in text for name in pegawai["nama"])
    assert not any(nip in text for nip in pegawai["nip"])
    assert "Camat" not in cells and "Lurah" not in cells
    assert "samaran" in cells  # the keterangan sheet says what masking did
    inside = openpyxl.load_workbook(internal)["kegiatan"]
    assert any("(Janet_Palastri)" in str(c.value) for row in inside.iter_rows() for c in row)


@pytest.mark.parametrize(
    ("text", "masked", "screened"),
    [
        ("hubungi 0812.3456.7890", "hubungi [telepon]", "nomor telepon"),
        ("WA 6281234567890 saja", "WA [telepon] saja", "nomor telepon"),
        ("NIK 3578012345678901.", "NIK ************8901.", "nomor panjang"),
        ("rekening 1234-5678-90", "rekening 1234-5678-90", "nomor panjang"),
        ("anggaran Rp 2.500.000.000 pada 15-12-2025 09.00", None, None),
    ],
)
def test_one_definition_masks_shared_files_and_screens_published_text(text, masked, screened):
    """Do the masking of shared files and the screen of text published to citizens (the
    evaluation's forum notes) find personal data with the same patterns: phones written with
    dots or as 62…, an NIK ending a sentence, an account number (screened; a shared file keeps
    it), while amounts, dates and times pass both?"""
    from workbench import evaluasi
    from workbench.data.privacy import privacy_problems

    assert evaluasi.privacy_problems is privacy_problems
    assert mask_text(text) == (text if masked is None else masked)
    problems = privacy_problems(text)
    assert (screened is None) == (not problems), problems
    if screened:
        assert any(screened in p for p in problems)


def _class_progress(settings):
    """Siti Rahayu answered two questions of module 02 right, Budi one of two."""
    from workbench.practice.core import Outcome
    from workbench.practice.progress import ProgressStore

    for learner, outcomes in (("Siti Rahayu", ["benar", "benar"]), ("Budi", ["benar", "salah"])):
        store = ProgressStore(learner, settings=settings)
        for question, outcome in zip(("q1", "q2"), outcomes, strict=True):
            store.record("02-data-layanan-dengan-pandas", question, "check", Outcome(outcome))


def _cells(path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value]


def test_a_masked_progress_export_codes_the_learners(tmp_path):
    """Does `export_progress(masked=True)` go through the one masking function: no learner's
    name anywhere in the file (Siti_Rahayu as the progress file names her, nor Budi), each
    learner a code P01/P02 with their own counts kept, and a keterangan sheet saying so; while
    the default file, the trainer's list, names them?"""
    from workbench.config import load_settings
    from workbench.practice.progress import MASKED_NOTE, export_progress

    settings = load_settings(home=tmp_path)
    _class_progress(settings)
    xlsx = export_progress(tmp_path / "bagikan.xlsx", masked=True, settings=settings)
    cells = _cells(xlsx)
    assert not [c for c in cells if "Siti" in c or "Rahayu" in c or "Budi" in c]
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert list(sheets) == ["keterangan", "ringkasan", "rincian"]
    assert sheets["keterangan"].iloc[0, 0] == MASKED_NOTE
    summary = sheets["ringkasan"]
    assert "peserta" not in summary.columns
    assert sorted(summary["kode_peserta"]) == ["P01", "P02"]
    assert sorted(summary["soal_benar"]) == [1, 2]
    assert set(sheets["rincian"]["kode_peserta"]) == {"P01", "P02"}
    csv = export_progress(tmp_path / "bagikan.csv", masked=True, settings=settings)
    text = csv.read_text(encoding="utf-8-sig")
    assert "kode_peserta" in text and "Budi" not in text and "Siti" not in text
    named = pd.read_excel(export_progress(tmp_path / "pelatih.xlsx", settings=settings), None)
    assert set(named["ringkasan"]["peserta"]) == {"Siti_Rahayu", "Budi"}


def test_the_progress_command_masks_on_request_and_warns_otherwise(tmp_path, monkeypatch, capsys):
    """Does `workbench progress --export x.xlsx --samarkan` write learners as codes, and the
    command without it write names and say the file is for the trainer only?"""
    from workbench import config
    from workbench.cli import main

    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    config.get_settings.cache_clear()
    try:
        _class_progress(config.get_settings())
        assert main(["progress", "--export", str(tmp_path / "b.xlsx"), "--samarkan"]) == 0
        assert "simpan untuk pelatih" not in capsys.readouterr().out
        assert not [c for c in _cells(tmp_path / "b.xlsx") if "Budi" in c]
        assert main(["progress", "--export", str(tmp_path / "p.xlsx")]) == 0
        assert "memuat nama peserta: simpan untuk pelatih saja" in capsys.readouterr().out
        assert [c for c in _cells(tmp_path / "p.xlsx") if c == "Budi"]
    finally:
        config.get_settings.cache_clear()
