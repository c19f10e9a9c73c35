"""Every notebook of the course and every dashboard runs top to bottom, headless and offline.

Notebooks run with nbclient in a temporary copy of the workbench home, so whatever they write
(progress, plans, exported files) never lands in the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.conftest import ROOT, make_home

pytestmark = pytest.mark.slow

CELL_TIMEOUT = 300


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
    monkeypatch.setenv("WORKBENCH_HOME", str(run_home))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    path = run_home / relpath
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{relpath} gagal dijalankan:\n{exc}")
    assert os.environ["WORKBENCH_HOME"] == str(run_home)
