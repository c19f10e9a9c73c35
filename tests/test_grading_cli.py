"""``workbench grade`` as trainers type it: options in either place, warnings they must see."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_course
from workbench.config import get_settings


def parse(argv: list[str]):
    import argparse

    from workbench.cli import grade

    parser = argparse.ArgumentParser()
    grade.register(parser.add_subparsers())
    return parser.parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["grade", "--course", "k", "autograde", "ps1"],
        ["grade", "autograde", "ps1", "--course", "k"],
        ["grade", "collect", "ps1", "--course", "k"],
        ["grade", "feedback", "ps1", "--course", "k", "--to-folder", "u"],
        ["grade", "roster", "import", "p.csv", "--course", "k"],
        ["grade", "export", "--to", "r.xlsx", "--course", "k"],
    ],
)
def test_course_is_accepted_before_or_after_the_step(argv):
    """Does --course work where trainers put it, before the step or after it?"""
    assert parse(argv).course == Path("k")


def test_course_after_the_step_is_not_overwritten_by_the_default():
    """Left out after the step, does --course keep what was given before it (or nothing)?"""
    assert parse(["grade", "autograde", "ps1"]).course is None
    assert parse(["grade", "--course", "k", "release", "ps1"]).course == Path("k")


def test_no_sandbox_is_an_explicit_choice():
    """Is grading without a sandbox off unless --no-sandbox is typed?"""
    assert parse(["grade", "autograde", "ps1"]).no_sandbox is False
    assert parse(["grade", "autograde", "ps1", "--no-sandbox"]).no_sandbox is True


@pytest.fixture
def foreign(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "wb.toml"))
    (tmp_path / "wb.toml").write_text(f'[paths]\nstate = "{tmp_path.as_posix()}/var"\n', "utf-8")
    get_settings.cache_clear()
    course = tmp_path / "ps"
    shutil.copytree(ROOT / "tests" / "fixtures" / "kursus_asing", course)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'course101'\n"
        f"c.Exchange.root = {str(tmp_path / 'exchange')!r}\n",
        encoding="utf-8",
    )
    yield course
    get_settings.cache_clear()


def test_release_warns_when_the_deadline_has_passed(foreign, capsys):
    """Does releasing with a deadline already past warn, in Indonesian, that every submission
    would count as late, while a future deadline says nothing?"""
    from workbench.cli import main

    assert main(["grade", "release", "ps1", "--course", str(foreign), "--due", "01-01-2020"]) == 0
    out = capsys.readouterr().out
    assert "PERINGATAN: Tenggat 01-01-2020 23.59 WIB sudah lewat" in out
    assert main(["grade", "release", "ps1", "--course", str(foreign), "--due", "31-12-2099"]) == 0
    assert "PERINGATAN" not in capsys.readouterr().out


def test_the_formgrader_shows_our_course_deadlines_in_wib(tmp_path, monkeypatch):
    """Does nbgrader's API behind the Formgrader show our course's deadline in WIB?"""
    for key, value in make_course(tmp_path).items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    from workbench.grading import open_course, release

    release("tugas-12-skm", due="10-03-2025 16.00")
    shown = open_course().api().get_assignment("tugas-12-skm")
    assert shown["display_duedate"] == "10-03-2025 16.00 WIB"
    get_settings.cache_clear()


def _add_submission_warnings(tmp_path, monkeypatch, *, quiet: bool) -> list[str]:
    import warnings

    from nbgrader.api import Gradebook

    from workbench.cli.grade import quiet_nbgrader_gradebook

    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    tmp_path.mkdir(exist_ok=True)
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    gb = Gradebook(url, "kursus")
    gb.add_assignment("a1")
    gb.add_notebook("nb", "a1")
    gb.add_grade_cell("g1", "nb", "a1", max_score=1, cell_type="code")
    gb.add_solution_cell("g1", "nb", "a1")
    gb.add_student("s1")
    gb.close()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if quiet:
            quiet_nbgrader_gradebook()
        gb = Gradebook(url, "kursus")
        try:
            gb.add_submission("a1", "s1")
        finally:
            gb.close()
    return [f"{type(w.message).__name__}: {w.message}" for w in caught]


def test_nbgrader_gradebook_warnings_do_not_reach_the_trainer(tmp_path, monkeypatch):
    """Does the SQLAlchemy 'not in session' SAWarning nbgrader raises on every new submission
    stay off the trainer's screen, while other warnings still show?"""
    import warnings

    loud = _add_submission_warnings(tmp_path / "a", monkeypatch, quiet=False)
    assert any("SAWarning" in w and "not in session" in w for w in loud)
    assert _add_submission_warnings(tmp_path / "b", monkeypatch, quiet=True) == []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from workbench.cli.grade import quiet_nbgrader_gradebook

        quiet_nbgrader_gradebook()
        warnings.warn("peringatan lain", UserWarning, stacklevel=1)
    assert [str(w.message) for w in caught] == ["peringatan lain"]
