"""Every notebook of the course and every dashboard runs top to bottom, headless and offline.

Notebooks run with nbclient in a temporary copy of the workbench home, so whatever they write
(progress, plans, exported files) never lands in the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, execute_notebook, make_home

pytestmark = pytest.mark.slow


def course_notebooks() -> list[Path]:
    """All notebooks under notebooks/, relative to the home, in course order."""
    found = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    return [p.relative_to(ROOT) for p in found if ".ipynb_checkpoints" not in p.parts]


@pytest.fixture(scope="module")
def run_home(tmp_path_factory) -> Path:
    return make_home(tmp_path_factory.mktemp("rumah-notebook"))


@pytest.mark.parametrize("relpath", course_notebooks(), ids=str)
def test_notebook_runs_top_to_bottom(relpath: Path, run_home: Path, monkeypatch):
    """Does this notebook run from the first cell to the last without an error?"""
    execute_notebook(run_home / relpath, run_home, monkeypatch)
