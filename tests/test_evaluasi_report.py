"""The four levels per activity on the synthetic example year, and the evaluation report in
Excel and PDF: the same numbers as the evaluation, the structure of an Indonesian training
evaluation report, no participant named."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

from workbench import formatting as fmt
from workbench.course.evaluation import example_tables
from workbench.evaluasi import Evaluation, write_report
from workbench.evaluasi.report import report_sections
from workbench.evaluasi.stats import TOO_FEW

SERVICE = "PP-2025-05"  # the service training with a planted effect
ROLE_PLAY = "KP-2025-08"  # four participants: too few to conclude


@pytest.fixture(scope="module")
def ev():
    return Evaluation(example_tables())


def test_every_level_of_the_service_training(ev):
    """Reaction, learning, behaviour and results of the service training: each level has its
    numbers and a verdict in words, and the planted effect lies inside the results interval."""
    a = ev.activity(SERVICE)
    assert a.reaksi.responden == len(ev.tables.reaksi.query("id_kegiatan == @SERVICE"))
    assert a.belajar["putusan"].iloc[0] == "naik (membaik)"
    assert set(a.perilaku["sumber"]) == {"atasan", "pengamat"}
    waits = [r for r in a.hasil if r.ukuran == "rata_tunggu"]
    assert {r.metode.split()[0] for r in waits} == {"selisih", "deret"}
    truth = a.efek_sebenarnya["Kecamatan Asemrowo"]
    for r in waits:
        assert r.estimate.bawah <= truth <= r.estimate.atas
    assert set(a.kesimpulan) == {"reaksi", "belajar", "perilaku", "hasil"}
    assert "turun (membaik)" in a.kesimpulan["hasil"]
    assert "U7 Perilaku Pelaksana" in a.kesimpulan["hasil"]


def test_comparison_offices_are_those_not_yet_trained(ev):
    """For the May training, are the offices trained later in the window (Kelurahan Asemrowo
    in November is after it) still comparisons, and the trained office never its own?"""
    row = ev._row(SERVICE)
    others = ev.comparison_offices(row)
    assert "Kecamatan Asemrowo" not in others
    assert "Kelurahan Genting Kalianak" in others and "Kelurahan Tambak Sarioso" in others
    late = ev.comparison_offices(ev._row("PP-2025-11"))
    assert "Kelurahan Asemrowo" not in late and "Kecamatan Asemrowo" not in late


def test_small_classes_are_too_few_to_conclude(ev):
    """Does the four-person role play say 'terlalu sedikit untuk disimpulkan' for learning?"""
    a = ev.activity(ROLE_PLAY)
    assert a.belajar["putusan"].iloc[0] == TOO_FEW
    assert TOO_FEW in a.kesimpulan["belajar"]


def test_summary_table_repeats_each_activity(ev):
    """Is the summary one row per activity in date order, with each activity's own numbers?"""
    table = ev.summary()
    assert table["id_kegiatan"].tolist() == ev.activity_ids()
    row = table.set_index("id_kegiatan").loc[SERVICE]
    a = ev.activity(SERVICE)
    assert row["peserta"] == len(a.peserta)
    assert row["belajar_naik"] == pytest.approx(a.belajar["rata_naik"].iloc[0])
    assert row["hasil"] == "turun (membaik)"
    assert table.set_index("id_kegiatan").loc["PD-2025-02", "hasil"] == "tidak diukur"


def test_learning_by_unit_counts_every_learner_once_per_activity(ev):
    """Do the per-unit learning rows add up to every learner with both scores?"""
    table = ev.by_group("belajar", "unit")
    assert table["peserta"].sum() == len(ev.gains)


def test_report_sections_follow_the_structure():
    """Are the sections A–H those of an Indonesian evaluation report?"""
    ev = Evaluation(example_tables())
    titles = [s.judul[:2] for s in report_sections(ev.activity(SERVICE))]
    assert titles == ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H."]


def _cells(path):
    book = openpyxl.load_workbook(path)
    return [c.value for ws in book.worksheets for r in ws.iter_rows() for c in r if c.value]


def test_excel_report_has_the_numbers_and_no_names(ev, tmp_path):
    """Does the Excel report show the activity's learning gain, reaction mean and participant
    count as the evaluation computed them, and no participant's name or NIP?"""
    a = ev.activity(SERVICE)
    path = write_report(
        a,
        tmp_path / "evaluasi.xlsx",
        office_name="Kecamatan Asemrowo",
        printed="15-12-2025 09.00 WIB",
    )
    cells = [str(c) for c in _cells(path)]
    text = " ".join(cells)
    assert "LAPORAN EVALUASI KEGIATAN PENGEMBANGAN KOMPETENSI" in text
    assert fmt.signed(a.belajar["rata_naik"].iloc[0], 1) in cells
    assert fmt.number(a.reaksi.butir["rata"].iloc[0], 2) in cells
    assert str(len(a.peserta)) in cells
    for person in a.peserta.itertuples():
        assert person.nip not in text and str(person.nama) not in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdf_report_reads_the_same(ev, tmp_path):
    """Does the PDF carry the same headings and numbers (read back with pdftotext)?"""
    a = ev.activity(SERVICE)
    path = write_report(
        a,
        tmp_path / "evaluasi.pdf",
        office_name="Kecamatan Asemrowo",
        printed="15-12-2025 09.00 WIB",
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in ("A. Identitas kegiatan", "F. Evaluasi hasil (level 4)", "H. Tindak lanjut"):
        assert heading in text
    assert fmt.signed(a.belajar["rata_naik"].iloc[0], 1) in text
    assert "Pelayanan prima di loket" in text
    assert a.peserta["nama"].iloc[0] not in text


def test_report_refuses_other_suffixes(ev, tmp_path):
    """Is a report named .docx refused with an Indonesian message?"""
    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError, match=r"\.xlsx atau \.pdf"):
        write_report(ev.activity(SERVICE), tmp_path / "x.docx", office_name="K", printed="x")


def test_follow_up_lists_what_is_missing(ev):
    """Does the November training's follow-up mention the behaviour ratings still due?"""
    a = ev.activity("PP-2025-11")
    assert any("jatuh tempo" in t for t in a.tindak_lanjut)
    assert pd.notna(a.kegiatan["kantor"])
