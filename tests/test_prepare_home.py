"""A hub user's home is prepared the same way on the single server and on Kubernetes."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "deploy" / "jupyterhub"))
from prepare_home import prepare_home, settings_path


@pytest.fixture
def course(tmp_path: Path) -> Path:
    course = tmp_path / "kursus"
    (course / "exercises" / "latihan-1").mkdir(parents=True)
    (course / "exercises" / "latihan-1" / "soal.ipynb").write_text("{}", encoding="utf-8")
    (course / "notebooks" / "data").mkdir(parents=True)
    return course


def test_learner_gets_workspace_and_settings_but_no_course(tmp_path, course):
    """Does a learner's home get a workspace and settings pointing at the course copy only?"""
    home = tmp_path / "budi"
    created = prepare_home(home, "peserta", course)
    assert created == [home / "ruang-kerja", home / ".asn-workbench"]
    assert not (home / "kursus").exists()
    settings = tomllib.loads(settings_path(home).read_text(encoding="utf-8"))["paths"]
    assert settings["notebooks"] == str(course / "notebooks")
    assert settings["data"] == str(course / "notebooks" / "data")
    assert settings["state"] == str(home / ".asn-workbench" / "var")


def test_trainer_gets_the_course_sources(tmp_path, course):
    """Does a trainer's home get the nbgrader sources from the course copy's exercises?"""
    home = tmp_path / "sari"
    created = prepare_home(home, "pelatih", course)
    assert home / "kursus" in created
    assert (home / "kursus" / "source" / "latihan-1" / "soal.ipynb").is_file()
    settings = tomllib.loads(settings_path(home).read_text(encoding="utf-8"))["paths"]
    assert settings["grading"] == str(home / "kursus")


def test_second_start_keeps_the_users_own_work(tmp_path, course):
    """Does a restart (or an upgrade) leave the user's files and edited settings alone?"""
    home = tmp_path / "sari"
    prepare_home(home, "pelatih", course)
    (home / "ruang-kerja" / "catatan.ipynb").write_text("milik saya", encoding="utf-8")
    (home / "kursus" / "source" / "latihan-1" / "soal.ipynb").write_text("diubah", encoding="utf-8")
    settings_path(home).write_text("# diubah pengguna\n", encoding="utf-8")
    assert prepare_home(home, "pelatih", course) == []
    assert (home / "ruang-kerja" / "catatan.ipynb").read_text(encoding="utf-8") == "milik saya"
    assert (home / "kursus" / "source" / "latihan-1" / "soal.ipynb").read_text() == "diubah"
    assert settings_path(home).read_text(encoding="utf-8") == "# diubah pengguna\n"


def test_unknown_role_is_refused(tmp_path, course):
    """Is a misspelt role refused instead of silently making a learner?"""
    with pytest.raises(ValueError, match="peran tidak dikenal"):
        prepare_home(tmp_path / "x", "admin", course)


def test_pod_entry_prepares_home_then_becomes_the_server(tmp_path, course):
    """In a pod, does the script prepare $HOME for $WORKBENCH_ROLE, then exec the command?"""
    home = tmp_path / "rumah"
    env = {
        **os.environ,
        "HOME": str(home),
        "WORKBENCH_ROLE": "pelatih",
        "WORKBENCH_HOME": str(course),
    }
    env.pop("WORKBENCH_CONFIG", None)
    script = ROOT / "deploy" / "jupyterhub" / "prepare_home.py"
    probe = "import os; print(os.environ['WORKBENCH_CONFIG']); print(os.getpid())"
    done = subprocess.run(
        [sys.executable, str(script), sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    config, _pid = done.stdout.split()
    assert config == str(settings_path(home))
    assert (home / "kursus" / "source" / "latihan-1").is_dir()
    assert (home / "ruang-kerja").is_dir()
