"""The course: author copies run with their self-tests, learner copies are generated from them.

Where things live: the *author copy* of every module is in ``curriculum/`` (the source, with
cells tagged ``penulis`` that fill in each solution and call ``assert_check_passed``); the
*learner copy* in ``notebooks/`` is generated from it by ``tools/make_learner_copies.py`` and
is what learners open. ``tests/test_notebooks.py`` runs every learner copy; this file runs
the author copies and checks that the learner copies and navigation are up to date (that no
notebook keeps outputs is ``tests/test_repository.py``'s job).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT, execute_notebook, make_home
from workbench.course.lessons import LESSONS, exercise_set
from workbench.practice.authoring import (
    AUTHOR_TAG,
    NAV_TAG,
    REACTION_TAG,
    add_navigation,
    make_learner_copies,
    strip_notebook,
)
from workbench.practice.course import COURSE, INDEX_NOTEBOOK

AUTHOR_DIR = ROOT / "curriculum"
LEARNER_DIR = ROOT / "notebooks"

#: Modules written as author copies here (modules of other issues may live in notebooks/ only).
OWN = [m for m in COURSE if m.slug and (AUTHOR_DIR / f"{m.key}.ipynb").is_file()]


def author_notebooks() -> list[str]:
    return sorted(p.name for p in AUTHOR_DIR.glob("*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_every_module_has_an_author_and_a_learner_copy():
    """Do modules 00-06 and the index exist in both places, named as the catalogue says?"""
    for module in OWN:
        name = f"{module.key}.ipynb"
        assert (AUTHOR_DIR / name).is_file(), name
        assert (LEARNER_DIR / name).is_file(), name
    assert (AUTHOR_DIR / INDEX_NOTEBOOK).is_file()
    assert (LEARNER_DIR / INDEX_NOTEBOOK).is_file()
    assert [m.number for m in OWN][:7] == ["00", "01", "02", "03", "04", "05", "06"]
    assert all(m.key in LESSONS for m in OWN)


def test_course_map_sorts_before_every_module():
    """Does the course map's name sort before every module, however JupyterLab's file browser
    compares names (plain, case-insensitive, or numbers as numbers)?"""
    import re

    names = [p.name for p in LEARNER_DIR.glob("*.ipynb")]

    def natural(name: str) -> list:
        return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower())]

    for key in (None, str.lower, natural):
        assert sorted(names, key=key)[0] == INDEX_NOTEBOOK


def test_learner_copies_are_regenerated_from_author_copies():
    """Is every learner copy exactly what tools/make_learner_copies.py makes (no hand edits)?"""
    stale = make_learner_copies(AUTHOR_DIR, LEARNER_DIR, check=True)
    assert stale == [], (
        f"Salinan peserta usang: {[p.name for p in stale]}. "
        "Jalankan: .venv/bin/python tools/make_learner_copies.py"
    )


def test_navigation_cells_are_generated():
    """Are the navigation cells and the course map what tools/add_navigation.py writes?"""
    stale = add_navigation(AUTHOR_DIR, also_present_in=[LEARNER_DIR], check=True)
    assert stale == [], (
        f"Navigasi usang: {[p.name for p in stale]}. Jalankan: .venv/bin/python "
        "tools/add_navigation.py lalu tools/make_learner_copies.py"
    )


def test_navigation_of_modules_from_other_issues_is_generated():
    """Do modules that live only in notebooks/ (simulation, competency, SKM) carry the same
    generated navigation as the rest of the course?"""
    stale = add_navigation(LEARNER_DIR, check=True)
    assert stale == [], (
        f"Navigasi usang: {[p.name for p in stale]}. Jalankan: .venv/bin/python "
        "tools/add_navigation.py --folder notebooks"
    )


@pytest.mark.parametrize("module", OWN, ids=lambda m: m.key)
def test_every_question_has_a_self_test_and_a_check_cell(module):
    """Does the author copy self-test every question, and the learner copy only ask it?"""
    author = read(AUTHOR_DIR / f"{module.key}.ipynb")
    learner = read(LEARNER_DIR / f"{module.key}.ipynb")
    tests = "\n".join(c.source for c in author.cells if AUTHOR_TAG in c.metadata.get("tags", []))
    learner_code = "\n".join(c.source for c in learner.cells if c.cell_type == "code")
    for q in exercise_set(module.key):
        assert f"assert_check_passed({q.name})" in tests, (module.key, q.name)
        assert f"assert_check_failed({q.name}" in tests, (module.key, q.name)
        assert re.search(rf"^{q.name}\.check\(\)$", learner_code, re.M), (module.key, q.name)
    assert "assert_check" not in learner_code
    assert f'start("{module.key}", globals())' in learner_code
    assert f'show_progress("{module.key}")' in learner_code


@pytest.mark.parametrize("module", OWN, ids=lambda m: m.key)
def test_module_opens_and_closes_as_the_conventions_say(module):
    """Does each module open with title, duration (as in the catalogue), prerequisites and
    objectives, and close with a summary, the progress cell, the reaction questionnaire and
    navigation?"""
    nb = read(LEARNER_DIR / f"{module.key}.ipynb")
    generated = {NAV_TAG, REACTION_TAG}
    cells = [c for c in nb.cells if not generated & set(c.metadata.get("tags", []))]
    assert [REACTION_TAG in c.metadata.get("tags", []) for c in nb.cells[-3:-1]] == [True, True]
    assert f'reaction_form("{module.number}")' in nb.cells[-2].source
    opening = cells[0].source
    assert opening.startswith(f"# {module.number} · ")
    assert f"**Durasi:** {module.jp} JP" in opening
    assert "**Prasyarat:**" in opening and "## Tujuan belajar" in opening
    assert "## Ringkasan" in cells[-2].source
    assert cells[-1].source.startswith("show_progress(")
    assert NAV_TAG in nb.cells[0].metadata["tags"] and NAV_TAG in nb.cells[-1].metadata["tags"]


@pytest.mark.parametrize("module", OWN, ids=lambda m: m.key)
def test_code_cells_are_short(module):
    """Are code cells short enough for a learner to read (at most 25 lines)?"""
    for cell in read(LEARNER_DIR / f"{module.key}.ipynb").cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 25, cell.source[:80]


def test_strip_is_what_the_learner_copy_holds():
    """Is stripping idempotent (a learner copy has nothing left to strip)?"""
    for name in author_notebooks():
        learner = read(LEARNER_DIR / name)
        assert strip_notebook(learner).cells == learner.cells


# -- running them --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run_home(tmp_path_factory) -> Path:
    home = make_home(tmp_path_factory.mktemp("rumah-kurikulum"))
    shutil.copytree(AUTHOR_DIR, home / "curriculum")
    return home


def rerun_answer_cells(module: str) -> list[str]:
    """Cells that re-run every question's solution after the whole notebook ran, first in
    order, then backwards, each followed by the check (as a learner re-runs answer cells)."""
    questions = list(exercise_set(module)) if module in LESSONS else []
    cells = []
    for q in [*questions, *reversed(questions)]:
        cells.append(
            f"{q.solution_code}\n\n"
            "from workbench.practice import assert_check_passed\n"
            f"assert_check_passed({q.name})"
        )
    return cells


@pytest.mark.slow
@pytest.mark.parametrize("name", author_notebooks())
def test_author_copy_runs_and_every_self_test_passes(name, run_home, monkeypatch):
    """Does the author copy run top to bottom, every question accepting its own solution and
    rejecting a wrong one, and does each answer still pass when its cell is run again after
    Run All (no later cell changes data an earlier question depends on)?"""
    module = name.removesuffix(".ipynb")
    path = run_home / "curriculum" / name
    execute_notebook(path, run_home, monkeypatch, then_run=rerun_answer_cells(module))
