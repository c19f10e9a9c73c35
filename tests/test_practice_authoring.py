"""Learner copies are written atomically, and a refused write is one Indonesian error."""

from __future__ import annotations

import os

import nbformat
import pytest

from workbench.errors import WorkbenchError
from workbench.practice.authoring import make_learner_copies


def test_refused_learner_copy_write_keeps_the_old_copy_and_leaves_no_temp_file(
    tmp_path, monkeypatch
):
    """When the system refuses to replace a learner copy (open elsewhere on Windows), is the
    author told in Indonesian, with the old copy intact and no temporary file left behind?"""
    author, learner = tmp_path / "curriculum", tmp_path / "notebooks"
    author.mkdir()
    learner.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = ____")]
    nbformat.write(nb, author / "01-uji.ipynb")
    (learner / "01-uji.ipynb").write_text("lama", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WorkbenchError, match="tidak bisa diganti"):
        make_learner_copies(author, learner)
    assert (learner / "01-uji.ipynb").read_text(encoding="utf-8") == "lama"
    assert sorted(p.name for p in learner.iterdir()) == ["01-uji.ipynb"]
    monkeypatch.undo()
    make_learner_copies(author, learner)
    written = (learner / "01-uji.ipynb").read_bytes()
    assert b"\r\n" not in written and written.endswith(b"\n")
