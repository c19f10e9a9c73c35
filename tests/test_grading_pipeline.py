"""The trainer's grading pipeline against a real nbgrader gradebook, exchange and kernels."""

from __future__ import annotations

import copy
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_course
from tests.grading_support import cell_scores, solution, submit, with_code
from workbench.config import get_settings

pytestmark = pytest.mark.slow

ASSIGNMENTS = sorted(p.name for p in (ROOT / "exercises").glob("tugas-*") if p.is_dir())
NIP = ["198001012005011001", "198502022010012002", "199003032015031003"]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    base = tmp_path_factory.mktemp("kelas")
    env = make_course(base)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        get_settings.cache_clear()
        yield base
    get_settings.cache_clear()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_solution_gets_full_marks_and_a_blank_scores_zero(home, assignment):
    """Does this assignment's solution pass all its tests, and a blank submission score zero?

    One case per folder in exercises/, so a new assignment is covered without editing this
    test, and one assignment can be run alone (``-k tugas-10``)."""
    from nbgrader.api import Gradebook

    from workbench.grading import autograde, generate, open_course

    course = open_course()
    release = generate(assignment)
    submit(home, assignment, "kunci", ROOT / "exercises" / assignment / f"{assignment}.ipynb")
    submit(home, assignment, "kosong", release / f"{assignment}.ipynb")
    report = autograde(assignment, students=["kunci", "kosong"], jobs=2)
    assert set(report["status"]) <= {"dinilai", "dinilai dengan catatan"}, report
    gb = Gradebook(course.db_url, course.course_id)
    try:
        db_assignment = gb.find_assignment(assignment)
        key = gb.find_submission(assignment, "kunci")
        blank = gb.find_submission(assignment, "kosong")
        assert key.code_score == db_assignment.max_code_score > 0
        assert key.needs_manual_grade  # the written parts await the trainer
        assert blank.score == 0
        assert not blank.needs_manual_grade
    finally:
        gb.close()


def test_parallel_scores_equal_plain_nbgrader_one_by_one(home, tmp_path):
    """Does 'workbench grade autograde --jobs 2' give every cell exactly the score that plain
    'nbgrader autograde' gives learner by learner, even while the formgrader writes to the
    same gradebook, and does regrading one learner (--student) replace only their grades?"""
    from workbench.grading import autograde, generate, open_course

    assignment = "tugas-12-skm"
    generate(assignment)
    key = solution(assignment)
    partial = with_code(key, "jawaban_ikm_ktp", "nrr_ktp = nrr_ktp * 0 + 1")
    students = {"benar": key, "sebagian": partial}
    for student, nb in students.items():
        submit(home, assignment, student, nb)
    # The same course, graded by plain nbgrader one learner at a time.
    twin = tmp_path / "kembar"
    env = {**os.environ, **make_course(twin)}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env["PATH"]
    env["WORKBENCH_NBGRADER_UNSANDBOXED"] = "1"  # nbgrader's own Execute, as nbgrader ships
    (twin / "var").mkdir()
    for sub in ("release", "submitted"):
        shutil.copytree(home / "grading" / sub, twin / "grading" / sub)
    shutil.copy2(home / "var" / "gradebook.db", twin / "var" / "gradebook.db")
    for student in students:
        subprocess.run(
            [
                str(Path(sys.executable).parent / "nbgrader"),
                "autograde",
                assignment,
                "--student",
                student,
                "--force",
            ],
            cwd=twin / "grading",
            env=env,
            check=True,
            capture_output=True,
        )
    # Meanwhile the formgrader keeps writing to the gradebook: no "database is locked".
    stop = threading.Event()

    def formgrader():
        while not stop.is_set():
            con = sqlite3.connect(open_course().db_path, timeout=60, isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            con.execute("UPDATE student SET email = email")
            time.sleep(0.3)
            con.execute("COMMIT")
            con.close()
            time.sleep(0.3)  # a trainer saving scores now and then

    writer = threading.Thread(target=formgrader)
    writer.start()
    try:
        report = autograde(assignment, students=list(students), jobs=2)
    finally:
        stop.set()
        writer.join()
    assert (report["status"] == "dinilai").all(), report.to_dict("records")
    ours = cell_scores(open_course().db_path, assignment)
    theirs = cell_scores(twin / "var" / "gradebook.db", assignment)
    for student in students:
        mine = {c: v for (s, c), v in ours.items() if s == student}
        plain = {c: v for (s, c), v in theirs.items() if s == student}
        assert mine == plain, student
    assert ours[("sebagian", "uji_ikm_ktp")] == 0  # the partial one really differs
    # Regrading one learner replaces their rows, leaves the others alone, duplicates nothing.
    autograde(assignment, students=["sebagian"], jobs=1)
    assert cell_scores(open_course().db_path, assignment) == ours
    con = sqlite3.connect(open_course().db_path)
    try:
        count = con.execute(
            "SELECT COUNT(*) FROM submitted_assignment WHERE student_id = 'sebagian'"
        ).fetchone()[0]
    finally:
        con.close()
    assert count == 1


def test_hostile_submissions_never_stop_the_batch(home):
    """Does every learner end with a grade and a reason, whatever their notebook does
    (endless loop, memory bomb, huge output, sys.exit, os._exit, a crash, duplicated, deleted or
    retyped graded cells, corrupted, empty or another assignment's notebook)?"""
    from workbench.grading import autograde, generate, scores

    assignment = "tugas-12-skm"
    generate(assignment)
    key = solution(assignment)
    where = "jawaban_ikm_ktp"  # part B; part A (3 points) comes before it
    cases = {
        "loop": with_code(key, where, "while True:\n    pass"),
        "memori": with_code(key, where, "blok = bytearray(16 * 1024**3)"),
        "keluaran": with_code(key, where, "print('x' * 30_000_000)"),
        "sysexit": with_code(key, where, "import sys\nsys.exit(3)"),
        "osexit": with_code(key, where, "import os\nos._exit(1)"),
        "crash": with_code(key, where, "import ctypes\nctypes.string_at(0)"),
    }
    dup = copy.deepcopy(key)
    test_a = next(c for c in dup["cells"] if c["metadata"]["nbgrader"]["grade_id"] == "uji_nrr_ktp")
    dup["cells"].insert(dup["cells"].index(test_a), copy.deepcopy(test_a))
    cases["ganda"] = dup
    deleted = copy.deepcopy(key)
    deleted["cells"] = [
        c for c in deleted["cells"] if c["metadata"]["nbgrader"]["grade_id"] != "uji_ikm_ktp"
    ]
    cases["hapus"] = deleted
    retyped = copy.deepcopy(key)
    for cell in retyped["cells"]:
        if cell["metadata"]["nbgrader"]["grade_id"] == "uji_ikm_ktp":
            cell["cell_type"] = "markdown"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    cases["ubahjenis"] = retyped
    cases["lain"] = solution("tugas-02-pandas")
    for student, nb in cases.items():
        submit(home, assignment, student, nb)
    folder = home / "grading" / "submitted"
    (folder / "rusak" / assignment).mkdir(parents=True)
    (folder / "rusak" / assignment / f"{assignment}.ipynb").write_text('{"cells": [', "utf-8")
    (folder / "kosongan" / assignment).mkdir(parents=True)
    (folder / "kosongan" / assignment / f"{assignment}.ipynb").write_text("", "utf-8")
    names = [*cases, "rusak", "kosongan"]
    report = autograde(assignment, students=names, jobs=2, cell_timeout=8).set_index("nip")
    assert set(report.index) == set(names)
    assert (report["status"] != "gagal").all(), report
    assert report["nilai"].notna().all()
    full = report["nilai_maksimal"].iloc[0] - 3  # the 3-point written part awaits the trainer
    # Part B (2 points) fails; A (3) and C (2, independent of B) still count, unless the
    # kernel died: then every later cell fails too.
    without_b = full - 2
    expected = {
        "loop": (without_b, "batas waktu"),
        "memori": (without_b, "memori"),
        "sysexit": (without_b, "sys.exit"),
        "osexit": (3.0, "kernel mati"),
        "crash": (3.0, "kernel mati"),
        "keluaran": (full, "dipotong"),
        "ganda": (full, "lebih dari sekali"),
        "hapus": (without_b, "dihapus"),  # nbgrader: a deleted test scores zero
        "ubahjenis": (full, "jenis sel diubah"),
        "lain": (0.0, "bukan notebook tugas ini"),
        "rusak": (0.0, "rusak atau kosong"),
        "kosongan": (0.0, "rusak atau kosong"),
    }
    for student, (score, reason) in expected.items():
        assert report.loc[student, "nilai"] == score, (student, report.loc[student].to_dict())
        assert reason in report.loc[student, "alasan"], (student, report.loc[student, "alasan"])
    recorded = scores(assignment=assignment).set_index("nip")
    assert "batas waktu" in recorded.loc["loop", "keterangan"]


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """A course of its own, so the class holds only this test's learners."""
    for key, value in make_course(tmp_path / "rumah").items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield tmp_path / "rumah"
    get_settings.cache_clear()


def test_trainer_runs_a_class_end_to_end_through_the_exchange(fresh_home, tmp_path):
    """Can a trainer run roster, release, collect, autograde, feedback, export and
    certificates from the command line, with learners submitting through nbgrader's exchange,
    and does the feedback hide the hidden tests but name the failed ones?"""
    from nbgrader.api import Gradebook

    from workbench.cli import main
    from workbench.grading import jp_credits, open_course

    assignment = "tugas-12-skm"
    roster = tmp_path / "peserta.csv"
    roster.write_text(
        "NIP;Nama;Unit;Email\n"
        f"{NIP[0]};Ratna Dewi;Seksi Pelayanan;ratna@surabaya.go.id\n"
        f"{NIP[1]};Agus Salim;Kelurahan Asemrowo;\n",
        encoding="utf-8",
    )
    assert main(["grade", "roster", "import", str(roster)]) == 0
    folder = tmp_path / "usb"
    assert (
        main(
            [
                "grade",
                "release",
                assignment,
                "--to-folder",
                str(folder),
                "--due",
                "31-12-2099 16.00",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{NIP[0]}-{assignment}.zip",
        f"{NIP[1]}-{assignment}.zip",
    ]
    course = open_course()
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    answers = {
        NIP[0]: solution(assignment),
        NIP[1]: with_code(solution(assignment), "jawaban_ikm_ktp", "nrr_ktp = nrr_ktp * 0 + 1"),
    }
    for nip, nb in answers.items():
        desk = tmp_path / f"meja-{nip}"
        desk.mkdir()
        env = {**os.environ, "USER": nip, "LOGNAME": nip, "HOME": str(desk)}
        config = f"--Exchange.root={course.exchange_root}"
        fetch = [nbgrader, "fetch_assignment", assignment, f"--course={course.course_id}", config]
        subprocess.run(fetch, cwd=desk, env=env, check=True, capture_output=True)
        (desk / assignment / f"{assignment}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        send = [nbgrader, "submit", assignment, f"--course={course.course_id}", config]
        send.append(f"--student={nip}")  # on a shared server nbgrader takes the OS user name
        subprocess.run(send, cwd=desk, env=env, check=True, capture_output=True)
    assert main(["grade", "collect", assignment]) == 0
    assert main(["grade", "autograde", assignment, "--jobs", "2"]) == 0
    assert main(["grade", "feedback", assignment, "--to-folder", str(tmp_path / "umpan")]) == 0
    good = (tmp_path / "umpan" / f"{NIP[0]}-{assignment}-umpan-balik.html").read_text("utf-8")
    weak = (tmp_path / "umpan" / f"{NIP[1]}-{assignment}-umpan-balik.html").read_text("utf-8")
    for page in (good, weak):
        assert "HIDDEN TESTS" not in page and "_skm_lib" not in page
    assert "Uji tersembunyi gagal: uji_ikm_ktp" in weak
    assert "Uji tersembunyi gagal" not in good
    # The trainer grades the written part in the formgrader (here: through nbgrader's API).
    gb = Gradebook(course.db_url, course.course_id)
    try:
        for nip in NIP[:2]:
            grade = gb.find_grade("rencana_tindak_lanjut", assignment, assignment, nip)
            grade.manual_score = 3
            grade.needs_manual_grade = False  # what the formgrader does on saving a score
        gb.db.commit()
    finally:
        gb.close()
    rekap = tmp_path / "rekap.xlsx"
    assert main(["grade", "export", "--to", str(rekap)]) == 0
    from openpyxl import load_workbook

    assert "Ringkasan" in load_workbook(rekap).sheetnames
    assert main(["grade", "certificates", "--all", "--to-folder", str(tmp_path / "pdf")]) == 0
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [f"{NIP[0]}.pdf"]
    credits = jp_credits()
    mine = credits[credits["nip"] == NIP[0]]
    assert list(mine["jp"]) == [3.0] and NIP[1] not in set(credits["nip"])


def test_grade_works_on_a_standard_course_that_is_not_ours(tmp_path, monkeypatch):
    """Does 'workbench grade --course DIR' release, grade and export a plain nbgrader course
    (English, no workbench metadata) into that course's own gradebook?"""
    from nbgrader.api import Gradebook

    from workbench.cli import main

    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "wb.toml"))
    (tmp_path / "wb.toml").write_text(
        f'[paths]\nstate = "{(tmp_path / "var").as_posix()}"\n', encoding="utf-8"
    )
    get_settings.cache_clear()
    course = tmp_path / "ps"
    shutil.copytree(ROOT / "tests" / "fixtures" / "kursus_asing", course)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'course101'\n"
        f"c.Exchange.root = {str(tmp_path / 'exchange')!r}\n",
        encoding="utf-8",
    )
    roster = tmp_path / "class.csv"
    roster.write_text(f"nip,nama\n{NIP[2]},Ada Lovelace\n", encoding="utf-8")
    assert main(["grade", "--course", str(course), "roster", "import", str(roster)]) == 0
    assert main(["grade", "--course", str(course), "release", "ps1"]) == 0
    assert (tmp_path / "exchange" / "course101" / "outbound" / "ps1" / "problem1.ipynb").is_file()
    (course / "submitted" / NIP[2] / "ps1").mkdir(parents=True)
    shutil.copy2(
        course / "source" / "ps1" / "problem1.ipynb", course / "submitted" / NIP[2] / "ps1"
    )
    assert main(["grade", "--course", str(course), "autograde", "ps1", "--jobs", "2"]) == 0
    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "course101")
    try:
        assert gb.find_submission("ps1", NIP[2]).code_score == 3
    finally:
        gb.close()
    assert main(["grade", "--course", str(course), "export", "--to", str(tmp_path / "r.xlsx")]) == 0
    get_settings.cache_clear()


def _partial(assignment: str, release: Path) -> dict:
    """The solution with its first answer cell left as released (a learner who did part)."""
    key = solution(assignment)
    blank = json.loads((release / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    stubs = {
        c["metadata"]["nbgrader"]["grade_id"]: c["source"]
        for c in blank["cells"]
        if c["metadata"].get("nbgrader", {}).get("solution") and c["cell_type"] == "code"
    }
    first = next(iter(stubs))
    for cell in key["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == first:
            cell["source"] = stubs[first]
    return key


def test_every_assignment_grades_exactly_as_plain_nbgrader_with_nothing_flagged(
    fresh_home, tmp_path
):
    """For every assignment of our course, do a full, a partial and a blank submission get,
    cell by cell, exactly the scores of plain 'nbgrader autograde', with no learner marked
    'perlu diperiksa' (no false alarm from the static check or the kernel's restore)?"""
    from tests.grading_support import plain_autograde
    from workbench.grading import autograde, generate, open_course

    for assignment in ASSIGNMENTS:
        release = generate(assignment)
        submit(fresh_home, assignment, "kunci", solution(assignment))
        submit(fresh_home, assignment, "kosong", release / f"{assignment}.ipynb")
        submit(fresh_home, assignment, "sebagian", _partial(assignment, release))
    students = ["kunci", "kosong", "sebagian"]
    flagged = {}
    for assignment in ASSIGNMENTS:
        report = autograde(assignment, students=students, jobs=2)
        flagged[assignment] = report[report["perlu_diperiksa"] != ""].to_dict("records")
    assert not any(flagged.values()), flagged
    twin = tmp_path / "biasa"
    for assignment in ASSIGNMENTS:
        theirs = cell_scores(plain_autograde(fresh_home, twin, assignment, students), assignment)
        ours = cell_scores(open_course().db_path, assignment)
        assert ours == theirs and len(ours) >= 6, assignment
        partial = {c: v for (s, c), v in ours.items() if s == "sebagian"}
        full = {c: v for (s, c), v in ours.items() if s == "kunci"}
        assert partial != full, assignment  # the partial one really differs
