"""Grades read back from a real nbgrader gradebook: pass/fail, late penalty, JP credit in WIB."""

from __future__ import annotations

import datetime as dt
import json

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
    from workbench.grading.late import PotonganPerHari

    plugin = PotonganPerHari()
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
