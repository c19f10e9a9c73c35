"""Class lists, returned files and certificates against a real nbgrader gradebook (no kernels)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import zipfile

import numpy as np
import pandas as pd
import pytest

from workbench.config import get_settings
from workbench.errors import WorkbenchError

NIP_A = "198001012005011001"
NIP_B = "198502022010012002"


@pytest.fixture
def course(tmp_path, monkeypatch):
    """An empty standard course in a temporary folder, settings pointing at it."""
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "wb.toml"))
    (tmp_path / "wb.toml").write_text(
        f'[paths]\nstate = "{(tmp_path / "var").as_posix()}"\n', encoding="utf-8"
    )
    get_settings.cache_clear()
    root = tmp_path / "kursus"
    (root / "release" / "tugas-a").mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'uji'\n"
        f"c.Exchange.root = {str(tmp_path / 'exchange')!r}\n",
        encoding="utf-8",
    )
    nb = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "release" / "tugas-a" / "tugas-a.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    yield root
    get_settings.cache_clear()


def write_csv(path, rows):
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8-sig")
    return path


def test_roster_import_adds_then_updates_learners_with_their_unit(course, tmp_path):
    """Are learners added, then updated (not duplicated) by a second import, unit and hub
    account kept, and is the whole name nbgrader's last name, so the Formgrader's "last, first"
    shows no leading comma?"""
    from workbench.grading import import_roster, scores

    first = write_csv(
        tmp_path / "peserta.csv",
        [["NIP", "Nama", "Unit", "Email"], [NIP_A, "Budi  Santoso", "Seksi Pelayanan", ""]],
    )
    assert list(import_roster(first, course=course)["perubahan"]) == ["baru"]
    second = write_csv(
        tmp_path / "peserta2.csv",
        [
            ["nip", "nama", "unit", "email", "akun"],
            [NIP_A, "Budi Santoso", "Seksi Pemerintahan", "budi@surabaya.go.id", "budi"],
            [NIP_B, "Siti Aminah", "Kelurahan Asemrowo", "", ""],
        ],
    )
    assert list(import_roster(second, course=course)["perubahan"]) == ["diperbarui", "baru"]
    from nbgrader.api import Gradebook

    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "uji")
    try:
        students = {s.id: s for s in gb.students}
    finally:
        gb.close()
    assert set(students) == {NIP_A, NIP_B}
    assert students[NIP_A].last_name == "Budi Santoso"
    assert students[NIP_A].first_name is None
    assert students[NIP_A].email == "budi@surabaya.go.id"
    assert scores(course=course).empty  # no assignment in the gradebook yet
    from workbench.grading import open_course

    assert open_course(course).units()[NIP_A] == "Seksi Pemerintahan"
    assert open_course(course).accounts() == {NIP_A: "budi"}


def test_roster_errors_name_every_bad_row_and_change_nothing(course, tmp_path):
    """Does a bad class list report each bad NIP, duplicate and e-mail with its row, and write
    nothing at all?"""
    from workbench.grading import import_roster

    bad = write_csv(
        tmp_path / "salah.csv",
        [
            ["NIP", "Nama", "Unit", "Email", "Akun"],
            [NIP_A, "Budi", "Pelayanan", "", "budi"],
            ["19800101200501100", "Kurang Satu", "Pelayanan", "", ""],
            [NIP_A, "Budi Lagi", "Pelayanan", "", ""],
            [NIP_B, "", "Pelayanan", "bukan-email", "Bukan Akun!"],
        ],
    )
    with pytest.raises(WorkbenchError) as err:
        import_roster(bad, course=course)
    found = {(p.row, p.column) for p in err.value.problems}
    assert found == {(3, "nip"), (4, "nip"), (5, "nama"), (5, "email"), (5, "akun")}
    assert "18 digit" in str(err.value)
    assert not (course / "gradebook.db").exists() or _student_count(course) == 0


def _student_count(course):
    from nbgrader.api import Gradebook

    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "uji")
    try:
        return len(gb.students)
    finally:
        gb.close()


def test_roster_from_excel_catches_nip_stored_as_number(course, tmp_path):
    """Is a NIP that Excel turned into a number (digits lost) refused with the fix to make?"""
    from workbench.grading import read_roster

    path = tmp_path / "peserta.xlsx"
    pd.DataFrame({"NIP": [NIP_A, 1.98502022010012e17], "Nama": ["Budi", "Siti"]}).to_excel(
        path, index=False
    )
    with pytest.raises(WorkbenchError) as err:
        read_roster(path)
    assert [p.row for p in err.value.problems] == [3]
    assert "Teks" in str(err.value)


def test_roster_csv_from_indonesian_excel_catches_nip_in_scientific_notation(tmp_path):
    """Is '1,98E+17' (Indonesian Excel's decimal comma) explained as a NIP stored as a number?"""
    from workbench.grading import read_roster

    path = tmp_path / "peserta.csv"
    path.write_text(f"NIP;nama\n{NIP_A};Budi\n1,98E+17;Siti\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        read_roster(path)
    assert [p.row for p in err.value.problems] == [3]
    assert "Teks" in str(err.value)


def test_collect_from_folder_matches_files_by_nip_and_reports_the_rest(course, tmp_path):
    """Are returned files matched to learners by the NIP at the start of their name, with
    unmatched, duplicated and unreadable files reported, and the file time kept?"""
    from workbench.grading import collect, import_roster

    import_roster(
        write_csv(tmp_path / "p.csv", [["nip", "nama"], [NIP_A, "Budi"], [NIP_B, "Siti"]]),
        course=course,
    )
    from nbgrader.api import Gradebook

    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "uji")
    gb.add_assignment("tugas-a")
    gb.close()
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    nb = (course / "release" / "tugas-a" / "tugas-a.ipynb").read_text(encoding="utf-8")
    (inbox / f"{NIP_A}_tugas-a.ipynb").write_text(nb, encoding="utf-8")
    os.utime(inbox / f"{NIP_A}_tugas-a.ipynb", (1741600800, 1741600800))  # 10-03-2025 17.00 WIB
    (inbox / f"{NIP_A} - salinan.ipynb").write_text(nb, encoding="utf-8")
    os.utime(inbox / f"{NIP_A} - salinan.ipynb", (1741500000, 1741500000))  # older: not taken
    with zipfile.ZipFile(inbox / f"{NIP_B}.zip", "w") as zf:
        zf.writestr("tugas-a/tugas-a.ipynb", nb)
        zf.writestr("../../jahat.txt", "di luar folder")
    (inbox / "tanpa-nip.ipynb").write_text(nb, encoding="utf-8")
    (inbox / "198001012005011999.ipynb").write_text(nb, encoding="utf-8")
    result = collect("tugas-a", course=course, from_folder=inbox)
    assert result.collected == [NIP_A, NIP_B]
    assert set(result.unmatched["berkas"]) == {
        f"{NIP_A} - salinan.ipynb",
        "tanpa-nip.ipynb",
        "198001012005011999.ipynb",
    }
    stamp = (course / "submitted" / NIP_A / "tugas-a" / "timestamp.txt").read_text()
    assert stamp.startswith("2025-03-10 10:00:00")
    assert (course / "submitted" / NIP_B / "tugas-a" / "tugas-a.ipynb").is_file()
    assert not (tmp_path / "jahat.txt").exists() and not (course / "jahat.txt").exists()


def test_deadline_is_read_as_wib():
    """Is a trainer's deadline '10-03-2025 16.00' stored as 09:00 UTC, as nbgrader expects?"""
    from workbench.grading.distribute import parse_due

    assert parse_due("10-03-2025 16.00") == dt.datetime(2025, 3, 10, 9, 0)
    assert parse_due("10 Maret 2025") == dt.datetime(2025, 3, 10, 16, 59)
    with pytest.raises(WorkbenchError):
        parse_due("besok sore")


@pytest.fixture
def passed_course(course, tmp_path):
    """The course with one assignment (3 JP) that NIP_A passed and NIP_B failed."""
    from nbgrader.api import Gradebook

    from workbench.grading import import_roster

    import_roster(
        write_csv(
            tmp_path / "p.csv",
            [
                ["nip", "nama", "unit"],
                [NIP_A, "Ratna Dewi Kusumawati", "Seksi Pelayanan"],
                [NIP_B, "Siti", "Kelurahan"],
            ],
        ),
        course=course,
    )
    meta = {"workbench": {"judul": "Tugas 02: Membaca data kunjungan loket", "jp": 3}}
    nb = {"cells": [], "metadata": meta, "nbformat": 4, "nbformat_minor": 5}
    (course / "release" / "tugas-a" / "tugas-a.ipynb").write_text(json.dumps(nb))
    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "uji")
    gb.add_assignment("tugas-a", duedate=dt.datetime(2025, 3, 10, 9, 0))
    gb.add_notebook("tugas-a", "tugas-a")
    gb.add_grade_cell("uji", "tugas-a", "tugas-a", max_score=10, cell_type="code")
    for nip, score in [(NIP_A, 9), (NIP_B, 4)]:
        gb.add_submission("tugas-a", nip, timestamp=dt.datetime(2025, 3, 10, 2, 0))
        grade = gb.find_grade("uji", "tugas-a", "tugas-a", nip)
        grade.auto_score = score
        grade.needs_manual_grade = False
    gb.db.commit()
    gb.close()
    return course


def test_export_writes_summary_and_one_sheet_per_assignment(passed_course, tmp_path):
    """Does the Excel recap hold a summary (percent, passed count, JP) and the assignment's
    sheet, with names kept as text?"""
    from openpyxl import load_workbook

    from workbench.grading import export

    path = export(tmp_path / "rekap.xlsx", course=passed_course)
    book = load_workbook(path)
    assert book.sheetnames == ["Ringkasan", "tugas-a"]
    rows = list(book["Ringkasan"].values)
    header = rows[0]
    by_nip = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_nip[NIP_A]["tugas-a (%)"] == 90
    assert by_nip[NIP_A]["jp_diakui"] == 3
    assert by_nip[NIP_B]["tugas_lulus"] == 0
    assert isinstance(by_nip[NIP_A]["nip"], str)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) tidak ada")
def test_certificate_renders_an_a4_page_with_name_office_and_jp(passed_course, tmp_path):
    """Is a certificate made only for the passing learner, an A4 landscape page that shows
    their name, NIP, the office's name and the JP when rendered?"""
    from PIL import Image

    from workbench.grading import certificates

    files = certificates(
        "tugas-a",
        course=passed_course,
        to_folder=tmp_path / "sertifikat",
        issued=dt.date(2025, 3, 14),
    )
    assert [f.name for f in files] == [f"{NIP_A}.pdf"]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-singlefile", str(files[0]), str(tmp_path / "hal")],
        check=True,
    )
    image = Image.open(tmp_path / "hal.png").convert("L")
    width, height = image.size
    assert abs(width / height - 297 / 210) < 0.01  # A4 landscape
    dark = float((np.asarray(image) < 128).mean())
    assert 0.01 < dark < 0.5  # a drawn page, neither blank nor solid
    text = subprocess.run(
        ["pdftotext", "-layout", str(files[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in [
        "SERTIFIKAT PENYELESAIAN",
        "Ratna Dewi Kusumawati",
        "NIP 19800101 200501 1 001",
        "KECAMATAN ASEMROWO",
        "Tugas 02: Membaca data kunjungan loket",
        "14 Maret 2025",
    ]:
        assert expected in text, expected
    assert "Siti" not in text
