"""Atomic writes: nothing already saved is lost or half-written."""

from __future__ import annotations

import os

import pytest

from workbench.errors import WorkbenchError
from workbench.storage import atomic_path, write_text


def test_write_replaces_the_whole_file(tmp_path):
    """Does a successful write replace the old content and leave no temporary file behind?"""
    target = tmp_path / "sub" / "rencana.csv"
    write_text(target, "lama\n")
    write_text(target, "baru\n")
    assert target.read_text(encoding="utf-8") == "baru\n"
    assert [p.name for p in target.parent.iterdir()] == ["rencana.csv"]


def test_failure_midway_keeps_the_previous_version(tmp_path):
    """If writing fails halfway, is the earlier file intact and the half-written one gone?"""
    target = tmp_path / "progres.json"
    target.write_text('{"q1": "benar"}', encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text('{"q1": "sal', encoding="utf-8")
        raise RuntimeError("listrik padam")
    assert target.read_text(encoding="utf-8") == '{"q1": "benar"}'
    assert list(tmp_path.iterdir()) == [target]


def test_temporary_file_keeps_the_suffix(tmp_path):
    """Do writers that choose a format from the name (Excel) get a path with the same suffix?"""
    with atomic_path(tmp_path / "laporan.xlsx") as tmp:
        assert tmp.suffix == ".xlsx" and tmp.parent == tmp_path
        tmp.write_bytes(b"x")


def test_unwritable_folder_is_explained(tmp_path, monkeypatch):
    """Is a folder the user may not write to reported in Indonesian, naming the folder?"""
    import tempfile

    def refuse(**kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WorkbenchError, match="tidak boleh dibuka atau ditulisi") as info:
        write_text(tmp_path / "x.txt", "x")
    assert str(tmp_path) in str(info.value)


def test_file_held_open_elsewhere_is_explained(tmp_path, monkeypatch):
    """When Windows refuses the rename because Excel holds the file, is the user told why?"""
    target = tmp_path / "laporan.csv"
    target.write_text("lama", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WorkbenchError, match="sedang dibuka di program lain"):
        write_text(target, "baru")
    assert target.read_text(encoding="utf-8") == "lama"
    assert list(tmp_path.iterdir()) == [target]
