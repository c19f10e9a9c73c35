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
