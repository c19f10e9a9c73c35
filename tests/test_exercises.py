"""The graded assignments in exercises/ follow the rules written in exercises/README.md.

These checks read the notebooks only (no kernel): the slow pipeline test runs them.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT

FOLDERS = sorted(p for p in (ROOT / "exercises").glob("tugas-*") if p.is_dir())
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
PART = re.compile(r"^## Bagian ([A-Z]) \((\d+) poin\)$", re.MULTILINE)


def cells(folder):
    nb = json.loads((folder / f"{folder.name}.ipynb").read_text(encoding="utf-8"))
    return nb, [(c, c["metadata"].get("nbgrader", {}), "".join(c["source"])) for c in nb["cells"]]


def test_every_module_with_exercises_is_a_real_module():
    """Does every assignment name a course module that exists, and is each module graded once?"""
    modules = {p.stem for p in (ROOT / "curriculum").glob("[0-9][0-9]-*.ipynb")}
    named = [cells(folder)[0]["metadata"]["workbench"]["modul"] for folder in FOLDERS]
    assert set(named) <= modules
    assert len(named) == len(set(named))
    for needed in ("10-simulasi-antrean-layanan", "11-kompetensi-dan-pengembangan"):
        assert needed in named


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_assignment_follows_the_course_rules(folder):
    """Are grade_ids descriptive and unique, markers paired, test cells opened by a docstring,
    written parts given a rubric, and do the points in each heading add up?"""
    nb, parts = cells(folder)
    meta = nb["metadata"]["workbench"]
    assert meta["judul"].startswith("Tugas ") and isinstance(meta["jp"], int) and meta["jp"] > 0
    ids = [g["grade_id"] for _, g, _ in parts]
    assert all(SNAKE.match(i) for i in ids), ids
    assert len(ids) == len(set(ids))
    points: dict[str, int] = {}
    current = None
    for cell, grading, text in parts:
        assert not cell.get("outputs"), grading["grade_id"]
        heading = PART.search(text)
        if heading:
            current = heading.group(1)
            points[current] = -int(heading.group(2))
        for begin, end in (("SOLUTION", "SOLUTION"), ("HIDDEN TESTS", "HIDDEN TESTS")):
            assert text.count(f"### BEGIN {begin}") == text.count(f"### END {end}"), grading
        if grading.get("grade"):
            points[current] += grading["points"]
            if cell["cell_type"] == "code":
                assert text.startswith('"""Apakah ') and grading["locked"], grading["grade_id"]
                assert "### BEGIN HIDDEN TESTS" in text, grading["grade_id"]
            else:  # a written part, graded by the trainer
                assert "*Rubrik pelatih:*" in text and "### BEGIN SOLUTION" in text
        elif grading.get("solution"):
            assert "### BEGIN SOLUTION" in text, grading["grade_id"]
    assert points and all(v == 0 for v in points.values()), points
    total = sum(g.get("points", 0) for _, g, _ in parts)
    header = parts[0][2]
    assert f"Nilai maksimal: **{total} poin**" in header
    assert f"Bagian: {', '.join(points)}." in header


def test_readme_lists_every_assignment():
    """Does the trainers' section of the README name every graded assignment?"""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for folder in FOLDERS:
        assert f"`{folder.name}`" in readme
