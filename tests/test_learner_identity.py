"""The learner's NIP on what they submit: chosen once per workspace, given to nbgrader."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT
from workbench import identity
from workbench.cli import main
from workbench.cli.learner import ask_identity
from workbench.config import get_settings, load_settings
from workbench.errors import WorkbenchError

NIP = "198001012005011001"
OTHER = "199002022010012002"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A workbench home in tmp_path with its settings file, as the current installation."""
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    (tmp_path / "var" / "ruang-kerja").mkdir(parents=True)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_nip_is_checked_and_written_as_digits():
    """Is an NIP typed with spaces or dots kept as its 18 digits, and a short one refused in
    Indonesian?"""
    assert identity.clean_nip("19800101 200501 1 001") == NIP
    assert identity.clean_nip("19800101.200501.1.001") == NIP
    with pytest.raises(WorkbenchError, match="18 angka"):
        identity.clean_nip("1980")


def test_identity_is_kept_in_the_workspace(home):
    """Is the identity saved in the workspace (hidden), read back, and an unreadable file
    treated as 'not chosen yet' rather than an error?"""
    assert identity.read_identity() is None
    saved = identity.save_identity(" 198001012005011001 ", "  Siti   Rahayu ")
    assert saved == identity.LearnerIdentity(NIP, "Siti Rahayu")
    path = home / "var" / "ruang-kerja" / identity.IDENTITY_FILE
    assert json.loads(path.read_text(encoding="utf-8"))["nip"] == NIP
    assert identity.read_identity() == saved
    assert saved.masked().endswith("1001") and NIP not in saved.masked()
    path.write_text("{rusak", encoding="utf-8")
    assert identity.read_identity() is None


def _gradebook(path: Path, students: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE student (id TEXT, first_name TEXT, last_name TEXT, email TEXT)")
    con.executemany("INSERT INTO student VALUES (?, ?, '', NULL)", list(students.items()))
    con.commit()
    con.close()


def test_learner_chooses_their_nip_from_the_roster(home, capsys):
    """With the class roster on this computer, is a NIP not on it refused, the right one
    confirmed by its name, and the name kept for progress too?"""
    _gradebook(home / "var" / "gradebook.db", {NIP: "Siti Rahayu", OTHER: "Budi Santoso"})
    assert identity.roster_names() == {NIP: "Siti Rahayu", OTHER: "Budi Santoso"}
    chosen = ask_identity(answers=iter(["123", "199912312020121999", NIP, ""]))
    out = capsys.readouterr().out
    assert "18 angka" in out and "tidak ada di daftar peserta" in out
    assert "Nama: Siti Rahayu. Benar?" in out
    assert chosen == identity.LearnerIdentity(NIP, "Siti Rahayu")
    assert identity.read_identity() == chosen
    assert get_settings().learner_name == "Siti Rahayu"
    assert ask_identity(answers=iter([])) == chosen  # asked once: the next start only greets
    assert "Peserta ruang kerja ini: Siti Rahayu" in capsys.readouterr().out


def test_without_a_roster_the_name_is_asked_and_skipping_is_explained(home, capsys):
    """Without a roster, is the name asked after the NIP; and does skipping say where
    submissions go instead?"""
    assert ask_identity(answers=iter([""])) is None
    assert "akun komputer" in capsys.readouterr().out
    chosen = ask_identity(answers=iter([NIP, "Siti Rahayu"]))
    assert chosen == identity.LearnerIdentity(NIP, "Siti Rahayu")


def test_cli_identity_shows_and_changes(home, capsys):
    """Does 'workbench workspace identity' show the learner and change them, refusing a half
    change?"""
    assert main(["workspace", "identity"]) == 0
    assert "Belum ada peserta" in capsys.readouterr().out
    assert main(["workspace", "identity", "--nip", NIP, "--nama", "Siti Rahayu"]) == 0
    assert main(["workspace", "identity"]) == 0
    assert f"Siti Rahayu (NIP {NIP})" in capsys.readouterr().out
    assert main(["workspace", "identity", "--nip", OTHER]) == 1


# -- nbgrader itself, as the learner's lab configures it -------------------------------------


def _nbgrader(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "nbgrader"
    return subprocess.run(
        [str(exe), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_submission_carries_the_nip_and_the_list_shows_only_theirs(tmp_path):
    """Through nbgrader's own submit and list, configured as the learner's lab is: is the
    submission filed under the workspace's NIP (not the computer account), with a time the
    trainer's collect reads back, and does the cached 'submitted' list show only this
    learner's submissions, not another learner's on the same computer account?"""
    from nbgrader.utils import parse_utc

    state, ws = tmp_path / "var", tmp_path / "var" / "ruang-kerja"
    (tmp_path / "wb.toml").write_text(
        f'[paths]\nstate = "{state.as_posix()}"\nworkspace = "{ws.as_posix()}"\n'
        f'grading = "{(tmp_path / "grading").as_posix()}"\n',
        encoding="utf-8",
    )
    (tmp_path / "grading").mkdir()
    env = {
        **os.environ,
        "WORKBENCH_CONFIG": str(tmp_path / "wb.toml"),
        "HOME": str(tmp_path / "rumah"),
        "JUPYTER_DATA_DIR": str(tmp_path / "rumah" / "data"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "rumah" / "config"),
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            [str(ROOT / "jupyter" / "peran" / "peserta"), str(ROOT / "jupyter")]
        ),
    }
    env.pop("JUPYTERHUB_USER", None)
    exchange = state / "exchange" / "asn-asemrowo"
    nb = nbformat.v4.new_notebook()
    nbformat.write(nb, _mkdir(exchange / "outbound" / "tugas-uji") / "tugas-uji.ipynb")
    _mkdir(exchange / "inbound").chmod(0o777)
    nbformat.write(nb, _mkdir(ws / "tugas-uji") / "tugas-uji.ipynb")
    settings = load_settings(tmp_path / "wb.toml", home=tmp_path)
    identity.save_identity(NIP, "Siti Rahayu", settings=settings)
    other = _mkdir(tmp_path / "rumah" / "data" / "nbgrader_cache" / "asn-asemrowo")
    shutil.copytree(ws / "tugas-uji", other / f"{OTHER}+tugas-uji+2025-03-13 03:00:00.000000 UTC")

    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    done = _nbgrader(["submit", "tugas-uji"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    inbound = [p.name for p in (exchange / "inbound").iterdir()]
    assert len(inbound) == 1 and inbound[0].startswith(f"{NIP}+tugas-uji+"), inbound
    stamp = inbound[0].split("+")[2]
    sent = parse_utc(stamp)
    assert before - dt.timedelta(seconds=5) <= sent <= before + dt.timedelta(minutes=2)

    listed = _nbgrader(["list", "--cached"], env, tmp_path)
    assert listed.returncode == 0, listed.stderr
    text = listed.stdout + listed.stderr
    assert NIP in text and OTHER not in text, text


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="local sockets exist on POSIX only")
def test_validating_an_assignment_prints_no_encryption_warning(tmp_path):
    """Does nbgrader's *Periksa* (validate), configured as in the learner's lab, run its kernel
    without ipykernel's English 'Kernel is running over TCP without encryption'?"""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    path = tmp_path / "tugas.ipynb"
    nbformat.write(nb, path)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            [str(ROOT / "jupyter" / "peran" / "peserta"), str(ROOT / "jupyter")]
        ),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    done = _nbgrader(["validate", str(path)], env, tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "without encryption" not in output, output
