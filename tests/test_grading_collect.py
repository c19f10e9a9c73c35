"""Collect trusts nothing a learner wrote: links, other learners' names, clocks, file floods."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench.config import get_settings
from workbench.errors import WorkbenchError

NIP_A, NIP_B = "198001012005011001", "198502022010012002"
TUGAS = "ps1"


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A small standard course with a roster of two learners and ``ps1`` released."""
    import shutil

    from workbench.grading import import_roster, release

    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "wb.toml"))
    (tmp_path / "wb.toml").write_text(
        f'[paths]\nstate = "{(tmp_path / "var").as_posix()}"\n', encoding="utf-8"
    )
    get_settings.cache_clear()
    root = tmp_path / "kursus"
    shutil.copytree(ROOT / "tests" / "fixtures" / "kursus_asing", root)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'uji'\n"
        f"c.Exchange.root = {str(tmp_path / 'pertukaran')!r}\n",
        encoding="utf-8",
    )
    roster = tmp_path / "peserta.csv"
    roster.write_text(f"nip;nama;akun\n{NIP_A};Ani;\n{NIP_B};Bayu;bayu\n", encoding="utf-8")
    import_roster(roster, course=root)
    release(TUGAS, course=root)
    yield root
    get_settings.cache_clear()


def inbound(tmp_path: Path) -> Path:
    folder = tmp_path / "pertukaran" / "uji" / "inbound"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def submission(tmp_path: Path, student: str, stamp: str = "2025-03-03 09:00:00.000000 UTC"):
    """A submission folder as ``nbgrader submit`` makes it (the learner's clock in its name
    and in timestamp.txt)."""
    folder = inbound(tmp_path) / f"{student}+{TUGAS}+{stamp}+abc123"
    folder.mkdir()
    notebook = ROOT / "tests" / "fixtures" / "kursus_asing" / "source" / TUGAS / "problem1.ipynb"
    (folder / "problem1.ipynb").write_bytes(notebook.read_bytes())
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")
    return folder


def submitted(course: Path, student: str) -> Path:
    return course / "submitted" / student / TUGAS


def test_links_in_the_exchange_are_never_followed(course, tmp_path):
    """Does collect copy neither what a link inside a submission points at (the solution, the
    gradebook, /etc/passwd) nor a submission folder that is itself a link, and say so?"""
    from workbench.grading import collect

    folder = submission(tmp_path, NIP_A)
    targets = {
        "kunci.ipynb": course / "source" / TUGAS / "problem1.ipynb",
        "gradebook.db": course / "gradebook.db",
        "passwd": Path("/etc/passwd"),
    }
    for name, target in targets.items():
        (folder / name).symlink_to(target)
    (folder / "folder").symlink_to(course / "source")
    elsewhere = tmp_path / "di-luar"
    elsewhere.mkdir()
    (elsewhere / "problem1.ipynb").write_text("{}", encoding="utf-8")
    (inbound(tmp_path) / f"{NIP_B}+{TUGAS}+2025-03-03 09:00:00.000000 UTC+x").symlink_to(elsewhere)
    result = collect(TUGAS, course=course)
    assert result.collected == [NIP_A]
    copied = {p.name for p in submitted(course, NIP_A).iterdir()}
    assert copied == {"problem1.ipynb", "timestamp.txt"}
    assert "tautan simbolik" in result.notes[NIP_A]
    refused = dict(zip(result.unmatched["berkas"], result.unmatched["alasan"], strict=True))
    assert any("tautan simbolik" in why for why in refused.values())
    assert not submitted(course, NIP_B).exists()


def test_the_submission_time_is_the_exchanges_not_the_learners_clock(course, tmp_path):
    """Does a back-dated submission (folder name and timestamp.txt from 2020) count from when
    it actually arrived in the exchange?"""
    from workbench.grading import collect

    submission(tmp_path, NIP_A, stamp="2020-01-01 00:00:00.000000 UTC")
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    collect(TUGAS, course=course)
    text = (submitted(course, NIP_A) / "timestamp.txt").read_text("utf-8")
    recorded = dt.datetime.strptime(text.replace(" UTC", ""), "%Y-%m-%d %H:%M:%S.%f")
    assert recorded.replace(tzinfo=dt.UTC) >= before, text


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="butuh root (chown)")
def test_a_folder_owned_by_another_account_is_refused_as_nbgrader_warns(course, tmp_path):
    """Is a submission whose folder belongs to another account than the learner it names
    refused, with nbgrader's 'cheating attempt?' in the reason, while a learner whose roster
    row names that account is collected?"""
    import pwd

    from workbench.grading import collect

    nobody = pwd.getpwnam("nobody")
    for student in (NIP_A, NIP_B):
        folder = submission(tmp_path, student)
        for path in [folder, *folder.iterdir()]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
    # NIP_B's roster row says account 'bayu'; the folder is nobody's: refused as well.
    result = collect(TUGAS, course=course)
    assert result.collected == []
    reasons = " ".join(result.unmatched["alasan"])
    assert "cheating attempt?" in reasons and "'nobody'" in reasons and NIP_A in reasons
    roster = tmp_path / "peserta2.csv"
    roster.write_text(f"nip;nama;akun\n{NIP_A};Ani;nobody\n", encoding="utf-8")
    from workbench.grading import import_roster

    import_roster(roster, course=course)
    assert collect(TUGAS, course=course).collected == [NIP_A]


def test_a_flood_of_files_is_refused_before_nbgrader_sees_it(course, tmp_path):
    """Are a submission folder and a zip of 20,000 empty files refused at once, naming the
    limit, instead of keeping a grader busy for many minutes?"""
    from workbench.grading import collect

    folder = submission(tmp_path, NIP_A)
    for i in range(20_000):
        (folder / f"kosong{i}.txt").touch()
    result = collect(TUGAS, course=course)
    assert result.collected == []
    assert "terlalu banyak berkas" in result.unmatched["alasan"].iloc[0]
    usb = tmp_path / "usb"
    usb.mkdir()
    with zipfile.ZipFile(usb / f"{NIP_B}.zip", "w") as zf:
        zf.writestr(f"{TUGAS}/problem1.ipynb", "{}")
        for i in range(20_000):
            zf.writestr(f"{TUGAS}/kosong{i}.txt", "")
    result = collect(TUGAS, course=course, from_folder=usb)
    assert result.collected == [] and "terlalu banyak berkas" in result.unmatched["alasan"].iloc[0]


def test_from_folder_refuses_links_and_ignores_a_learners_timestamp(course, tmp_path):
    """Does --from-folder leave a link alone (even one named like a learner's file) and take
    the file's time in that folder, not the timestamp.txt inside a learner's zip?"""
    from workbench.grading import collect

    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / f"{NIP_A}.ipynb").symlink_to(course / "source" / TUGAS / "problem1.ipynb")
    with zipfile.ZipFile(usb / f"{NIP_B} - Bayu.zip", "w") as zf:
        zf.writestr(f"{TUGAS}/problem1.ipynb", json.dumps({"cells": [], "nbformat": 4}))
        zf.writestr(f"{TUGAS}/timestamp.txt", "2020-01-01 00:00:00.000000 UTC")
        info = zipfile.ZipInfo(f"{TUGAS}/tautan")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    result = collect(TUGAS, course=course, from_folder=usb)
    assert result.collected == [NIP_B]
    refused = dict(zip(result.unmatched["berkas"], result.unmatched["alasan"], strict=True))
    assert "tautan simbolik" in refused[f"{NIP_A}.ipynb"]
    assert not (submitted(course, NIP_B) / "tautan").exists()
    assert "2020" not in (submitted(course, NIP_B) / "timestamp.txt").read_text("utf-8")


def test_collect_without_an_exchange_says_what_to_do(tmp_path, monkeypatch):
    """Does collecting before anything was released say to release first (Indonesian)?"""
    import shutil

    from workbench.grading import collect

    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "wb.toml"))
    (tmp_path / "wb.toml").write_text(f'[paths]\nstate = "{tmp_path.as_posix()}"\n', "utf-8")
    get_settings.cache_clear()
    root = tmp_path / "kursus"
    shutil.copytree(ROOT / "tests" / "fixtures" / "kursus_asing", root)
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = 'uji'\n"
        f"c.Exchange.root = {str(tmp_path / 'kosong')!r}\n",
        encoding="utf-8",
    )
    with pytest.raises(WorkbenchError, match="Rilis tugas dulu"):
        collect(TUGAS, course=root)
    get_settings.cache_clear()
