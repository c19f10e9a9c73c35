"""Grades read back from a real nbgrader gradebook: pass/fail, late penalty, JP credit in WIB."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from workbench.config import get_settings


@pytest.fixture
def small_course(tmp_path, monkeypatch):
    """A standard course with one assignment (10 points, 3 JP) and a real gradebook."""
    from nbgrader.api import Gradebook

    from workbench.grading import open_course

    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "wb.toml"))
    (tmp_path / "wb.toml").write_text(
        f'[paths]\nstate = "{(tmp_path / "var").as_posix()}"\n[grading]\npass_percent = 70\n',
        encoding="utf-8",
    )
    get_settings.cache_clear()
    course = tmp_path / "kursus"
    (course / "source" / "tugas-a").mkdir(parents=True)
    nb = {
        "cells": [],
        "metadata": {"workbench": {"judul": "Tugas A", "modul": "02", "jp": 3}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (course / "source" / "tugas-a" / "a.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'uji'\n", encoding="utf-8"
    )
    open_course(course)  # puts the environment's alembic on PATH, as the CLI does
    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "uji")
    gb.add_assignment("tugas-a", duedate=dt.datetime(2025, 3, 3, 10, 0))
    gb.add_notebook("a", "tugas-a")
    gb.add_grade_cell("uji_a", "a", "tugas-a", max_score=10, cell_type="code")
    for nip, score, stamp in [
        ("198001012005011001", 9, dt.datetime(2025, 3, 3, 9, 0)),  # on time, WIB 16:00
        ("198001012005011002", 5, dt.datetime(2025, 3, 3, 9, 0)),  # below the threshold
        ("198001012005011003", 8, dt.datetime(2025, 3, 3, 20, 0)),  # UTC 20:00 = WIB next day
    ]:
        gb.add_student(nip, first_name="Peserta", email=None)
        gb.add_submission("tugas-a", nip, timestamp=stamp)
        grade = gb.find_grade("uji_a", "a", "tugas-a", nip)
        grade.auto_score = score
        grade.needs_manual_grade = False
    gb.add_student("198001012005011004", first_name="Tidak Kirim")
    gb.db.commit()
    gb.close()
    yield course
    get_settings.cache_clear()


def test_jp_credits_lists_only_passed_work_with_wib_dates(small_course):
    """Does jp_credits credit the module's JP only to passing learners, dated in WIB?"""
    from workbench.grading import jp_credits

    credits = jp_credits(course=small_course)
    assert list(credits.columns) == ["nip", "tanggal", "kegiatan", "jp", "bukti"]
    assert list(credits["nip"]) == ["198001012005011001", "198001012005011003"]
    assert list(credits["tanggal"]) == [dt.date(2025, 3, 3), dt.date(2025, 3, 4)]
    assert list(credits["jp"]) == [3.0, 3.0]
    assert credits["kegiatan"].iloc[0] == "Tugas bernilai: Tugas A"
    assert "tugas-a" in credits["bukti"].iloc[0] and "9/10" in credits["bukti"].iloc[0]


def test_scores_apply_threshold_lateness_and_missing_work(small_course):
    """Are late hours, pass/fail against the threshold and 'tidak mengumpulkan' all reported?"""
    from workbench.grading import scores

    frame = scores(course=small_course).set_index("nip")
    assert frame.loc["198001012005011001", "status"] == "lulus"
    assert frame.loc["198001012005011002", "status"] == "tidak lulus"
    assert frame.loc["198001012005011003", "terlambat_jam"] == 10.0
    assert frame.loc["198001012005011004", "status"] == "tidak mengumpulkan"
    assert frame.loc["198001012005011001", "dikumpulkan"] == dt.datetime(2025, 3, 3, 16, 0)
    stricter = scores(course=small_course, pass_percent=95).set_index("nip")
    assert not stricter["lulus"].any()


def test_late_penalty_plugin_deducts_per_started_day_up_to_a_ceiling():
    """Does the course's late policy take 10% per started day, never more than 50%?"""
    from workbench.grading.late import DailyLatePenalty, PotonganPerHari

    assert PotonganPerHari().percent_per_day == 10.0  # the earlier name still configures it
    plugin = DailyLatePenalty()
    assert plugin.late_submission_penalty("x", 10.0, 0) == 0.0
    assert plugin.late_submission_penalty("x", 10.0, 60) == 1.0
    assert plugin.late_submission_penalty("x", 10.0, 86400 * 2 + 1) == 3.0
    assert plugin.late_submission_penalty("x", 10.0, 86400 * 30) == 5.0


def test_grading_in_process_gives_the_umask_back(monkeypatch):
    """Does grading one learner in the caller's process leave the caller's umask as it was?"""
    import importlib
    import os

    worker = importlib.import_module("workbench.grading.worker")
    seen = []
    monkeypatch.setattr(worker, "_grade_private", lambda job: seen.append(os.umask(0o077)))
    before = os.umask(0o022)
    try:
        worker._grade(None)
        assert seen == [0o077] and os.umask(0o022) == 0o022
    finally:
        os.umask(before)


@pytest.fixture
def late_course(tmp_path, monkeypatch):
    """One learner two started days late on a 10-point assignment: 6 points by tests, 4 for
    a written answer the trainer grades later; the course's rule takes 10% per started day."""
    from nbgrader.api import Gradebook

    from workbench.grading import open_course

    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "wb.toml"))
    (tmp_path / "wb.toml").write_text(
        f'[paths]\nstate = "{(tmp_path / "var").as_posix()}"\n', encoding="utf-8"
    )
    get_settings.cache_clear()
    course = tmp_path / "kursus"
    (course / "source" / "tugas-b").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'uji'\n"
        "c.AssignLatePenalties.plugin_class = 'workbench.grading.late.DailyLatePenalty'\n",
        encoding="utf-8",
    )
    open_course(course)
    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "uji")
    due = dt.datetime(2025, 3, 3, 9, 0)
    gb.add_assignment("tugas-b", duedate=due)
    gb.add_notebook("b", "tugas-b")
    gb.add_grade_cell("uji_b", "b", "tugas-b", max_score=6, cell_type="code")
    gb.add_grade_cell("tulisan_b", "b", "tugas-b", max_score=4, cell_type="markdown")
    gb.add_solution_cell("tulisan_b", "b", "tugas-b")
    for nip, auto in [("198001012005011001", 6), ("198001012005011002", 1)]:
        gb.add_student(nip, last_name="Peserta")
        gb.add_submission("tugas-b", nip, timestamp=due + dt.timedelta(days=1, hours=12))
        grade = gb.find_grade("uji_b", "b", "tugas-b", nip)
        grade.auto_score, grade.needs_manual_grade = auto, False
        gb.find_grade("tulisan_b", "b", "tugas-b", nip).needs_manual_grade = True
    gb.db.commit()
    gb.close()
    from workbench.grading.late import refresh_penalties

    refresh_penalties(open_course(course))  # what nbgrader's autograde stored: 20% of 6
    yield course
    get_settings.cache_clear()


def _penalty(course, nip: str) -> float:
    from nbgrader.api import Gradebook

    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "uji")
    try:
        return gb.find_submission_notebook("b", "tugas-b", nip).late_submission_penalty
    finally:
        gb.close()


def _grade_written_part(course, nip: str, points: float) -> None:
    """What the Formgrader does when the trainer saves a score."""
    from nbgrader.api import Gradebook

    gb = Gradebook(f"sqlite:///{course / 'gradebook.db'}", "uji")
    try:
        grade = gb.find_grade("tulisan_b", "b", "tugas-b", nip)
        grade.manual_score, grade.needs_manual_grade = points, False
        gb.db.commit()
    finally:
        gb.close()


def test_late_penalty_follows_the_trainers_manual_grade(late_course, tmp_path):
    """When the trainer grades the written part after autograde, do the Formgrader (its
    stored penalty, through our server extension), the scores, the Excel recap and the JP
    credit all apply 20% to the new total (80%), not the penalty computed at autograde (84%)?"""
    from openpyxl import load_workbook

    from workbench.grading import export, open_course, scores
    from workbench.grading.formgrader import PenaltyWatch

    nip = "198001012005011001"
    assert _penalty(late_course, nip) == pytest.approx(1.2)
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    url = f"sqlite:///{late_course / 'gradebook.db'}"
    watch = PenaltyWatch(
        {"nbgrader_db_url": url, "initial_config": open_course(late_course).config}
    )
    event.listen(Session, "after_flush", watch.after_flush)
    event.listen(Session, "after_commit", watch.after_commit)
    try:
        _grade_written_part(late_course, nip, 4)
    finally:
        event.remove(Session, "after_flush", watch.after_flush)
        event.remove(Session, "after_commit", watch.after_commit)
    assert _penalty(late_course, nip) == pytest.approx(2.0)  # the Formgrader's total: 8 / 10
    row = scores(course=late_course).set_index("nip").loc[nip]
    assert (row["nilai"], row["potongan_terlambat"], row["persen"]) == (10.0, 2.0, 80.0)
    assert row["status"] == "lulus"
    sheet = load_workbook(export(tmp_path / "rekap.xlsx", course=late_course))["tugas-b"]
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert values["persen"] == 80.0 and values["potongan_terlambat"] == 2.0


def test_penalty_is_recomputed_even_without_the_formgrader_extension(late_course):
    """Graded outside our Formgrader extension (plain nbgrader, another tool), do scores and
    the export still apply the rule to the current total, and store it back?"""
    from workbench.grading import scores

    nip = "198001012005011001"
    _grade_written_part(late_course, nip, 4)
    assert _penalty(late_course, nip) == pytest.approx(1.2)  # stale, as nbgrader left it
    assert scores(course=late_course).set_index("nip").loc[nip, "persen"] == 80.0
    from workbench.grading import open_course
    from workbench.grading.late import refresh_penalties

    assert refresh_penalties(open_course(late_course)) == 1
    assert _penalty(late_course, nip) == pytest.approx(2.0)


def test_a_learner_who_cannot_reach_the_pass_mark_is_tidak_lulus_before_manual_grading(
    late_course,
):
    """While written answers wait, is a learner who could still pass 'menunggu penilaian
    manual', and one who cannot even with full marks (1 + 4 of 10, late) 'tidak lulus'?"""
    from workbench.grading import scores

    frame = scores(course=late_course).set_index("nip")
    assert frame.loc["198001012005011001", "status"] == "menunggu penilaian manual"
    assert frame.loc["198001012005011002", "status"] == "tidak lulus"
    assert not frame["lulus"].any()


def test_learner_names_show_without_an_empty_part_in_the_formgrader():
    """Do nbgrader's three scripts that write 'last, first' leave empty and 'None' parts out
    once served through our extension (no ', Joko Susilo', no 'Joko Susilo, None')?"""
    import nbgrader
    from tornado.httputil import HTTPHeaders

    from workbench.grading.formgrader import SCRIPTS, NameScripts, fix_names

    folder = Path(nbgrader.__file__).parent / "server_extensions/formgrader/static/js"
    for name in SCRIPTS:
        original = (folder / name).read_text("utf-8")
        fixed = fix_names(original)
        assert 'last_name + ", " + first_name' not in fixed and "_wbNama(" in fixed
        assert fix_names(fixed) == fixed
        request = type("R", (), {"path": f"/user/pelatih/formgrader/static/js/{name}"})()
        headers = HTTPHeaders({"Content-Length": str(len(original)), "Etag": '"x"'})
        _, headers, body = NameScripts(request).transform_first_chunk(
            200, headers, original.encode(), True
        )
        assert body.decode() == fixed and headers["Content-Length"] == str(len(body))
    helper = fix_names((folder / "manage_students.js").read_text("utf-8")).splitlines()[0]
    assert 'p !== "None"' in helper and 'p !== ""' in helper and 'join(", ")' in helper
    trainer = json.loads(
        (Path(__file__).parents[1] / "jupyter/peran/pelatih/jupyter_server_config.json").read_text()
    )
    assert trainer["ServerApp"]["jpserver_extensions"]["workbench.grading.formgrader"] is True
