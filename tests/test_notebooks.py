"""Every notebook of the course and every dashboard runs top to bottom, headless and offline.

Notebooks run with nbclient in a temporary copy of the workbench home, so whatever they write
(progress, plans, exported files) never lands in the repository. This is the one runner of
the learner copies; ``tests/test_curriculum.py`` runs the author copies.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, execute_notebook, make_home
from workbench.course.lessons import LESSONS, exercise_set

pytestmark = pytest.mark.slow


def course_notebooks() -> list[Path]:
    """All notebooks under notebooks/, relative to the home, in course order."""
    found = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    return [p.relative_to(ROOT) for p in found if ".ipynb_checkpoints" not in p.parts]


@pytest.fixture(scope="module")
def run_home(tmp_path_factory) -> Path:
    return make_home(tmp_path_factory.mktemp("rumah-notebook"))


def _feedback_classes(cell) -> list[str]:
    found = []
    for output in cell.get("outputs", []):
        html = output.get("data", {}).get("text/html", "")
        found += re.findall(r"workbench-feedback--(\w+)", html)
    return found


@pytest.mark.parametrize("relpath", course_notebooks(), ids=str)
def test_notebook_runs_top_to_bottom(relpath: Path, run_home: Path, monkeypatch):
    """Does this notebook run from the first cell to the last without an error, and does a
    learner who runs a module untouched see 'belum dikerjakan' for every check (never a
    pre-filled 'benar') and a progress table at the end?"""
    nb = execute_notebook(run_home / relpath, run_home, monkeypatch)
    if relpath.stem not in LESSONS:
        return
    checks = [
        c
        for c in nb.cells
        if c.cell_type == "code" and re.fullmatch(r"q\d+\.check\(\)", c.source.strip())
    ]
    assert len(checks) == len(exercise_set(relpath.stem))
    for cell in checks:
        assert _feedback_classes(cell) == ["not_attempted"], cell.source
    # The progress cell closes the module's own cells; the generated questionnaire (a widget)
    # and the navigation follow it.
    last = next(c for c in reversed(nb.cells) if c.source.startswith("show_progress("))
    html = last.outputs[0]["data"]["text/html"]
    assert "workbench-progress" in html and f"0 dari {len(checks)} soal" in html
    form = nb.cells[-2]
    assert form.source.endswith(f'reaction_form("{relpath.stem[:2]}")')
    assert "application/vnd.jupyter.widget-view+json" in form.outputs[0]["data"]
