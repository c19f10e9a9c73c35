"""The `workbench` command: Indonesian help, version, info, and servers started safely."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from workbench import __version__
from workbench.cli import main
from workbench.launch import dashboards_command, lab_command


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, check=False
    )


def test_help_is_indonesian():
    """Does `workbench --help` explain itself in Bahasa Indonesia?"""
    out = run_cli("--help")
    assert out.returncode == 0
    assert out.stdout.startswith("Penggunaan: workbench")
    assert "tampilkan bantuan ini lalu keluar" in out.stdout
    for command in ("info", "lab", "dashboards"):
        assert command in out.stdout


def test_version():
    """Does `workbench --version` print the installed version?"""
    out = run_cli("--version")
    assert out.stdout.strip() == f"ASN Workbench {__version__}"


def test_unknown_command_is_explained_in_indonesian():
    """Does a typo get an Indonesian error and exit code 2, not an English argparse message?"""
    out = run_cli("infoo")
    assert out.returncode == 2
    assert "pilihan 'infoo' tidak dikenal" in out.stderr
    assert "invalid choice" not in out.stderr


def test_bad_port_is_explained_in_indonesian():
    out = run_cli("lab", "--port", "delapan")
    assert out.returncode == 2 and "bukan bilangan bulat" in out.stderr


def test_info_reports_versions_places_and_chromium(capsys):
    """Does `workbench info` list the stack versions, the course and state folders, Chromium?"""
    assert main(["info", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["workbench"] == __version__
    assert data["versi"]["jupyterlab"] and data["versi"]["nbgrader"] and data["versi"]["simpy"]
    assert data["lokasi"]["gradebook"].endswith("gradebook.db")
    assert "chromium" in data
    assert main(["info"]) == 0
    text = capsys.readouterr().out
    assert "Versi paket:" in text and "Waktu kantor sekarang:" in text and "WIB" in text


def test_lab_binds_locally_and_keeps_the_token(monkeypatch):
    """Does the lab command bind to 127.0.0.1, open the learner's workspace (never the tracked
    course) and never disable the token?"""
    from workbench.config import get_settings

    cmd = lab_command(open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in cmd
    assert "--ServerApp.port=8888" in cmd
    assert f"--ServerApp.root_dir={get_settings().workspace_dir}" in cmd
    assert "--LabApp.default_url=/lab/tree/notebooks" in lab_command(trainer=True)
    assert "--ServerApp.open_browser=False" in cmd
    assert not any("token" in part.lower() for part in cmd)  # Jupyter's own token stays on


def test_no_display_means_no_browser(monkeypatch):
    """On a machine without a display, is no browser launched?"""
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert "--ServerApp.open_browser=False" in lab_command()
    assert "--Voila.open_browser=False" in dashboards_command()


def test_dashboards_strip_sources_time_limit_preheat_and_token(monkeypatch):
    """Does Voilà get stripped sources, a cell timeout, preheated kernels and a token?"""
    monkeypatch.delenv("JUPYTER_TOKEN", raising=False)
    cmd = dashboards_command(port=9000, host="0.0.0.0", cell_timeout=30)
    assert cmd[3].endswith("notebooks/dashboards")
    for part in (
        "--Voila.ip=0.0.0.0",
        "--Voila.port=9000",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaExecutor.timeout=30",
        "--VoilaConfiguration.preheat_kernel=True",
        "--Voila.auto_token=True",
    ):
        assert part in cmd
    monkeypatch.setenv("JUPYTER_TOKEN", "rahasia")
    assert "--Voila.token=rahasia" in dashboards_command()


@pytest.mark.parametrize(("env", "expected"), [({}, "8888"), ({"PORT": "9123"}, "9123")])
def test_port_comes_from_environment(monkeypatch, env, expected):
    """Does the PORT variable (as `make lab PORT=...` sets it) choose the port?"""
    from workbench.cli import build_parser

    monkeypatch.delenv("PORT", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    args = build_parser().parse_args(["lab"])
    assert str(args.port) == expected and args.host == "127.0.0.1"


def test_servers_find_this_installations_tools(monkeypatch):
    """Do servers find this environment's commands first (nbgrader runs `alembic` by name)?"""
    import os
    from pathlib import Path

    from workbench.launch import server_environment

    monkeypatch.setenv("PATH", "/usr/bin")
    env = server_environment()
    first = env["PATH"].split(os.pathsep)[0]
    assert first == str(Path(sys.executable).parent)
    assert (Path(first) / ("alembic.exe" if os.name == "nt" else "alembic")).exists()
    assert env["JUPYTER_PREFER_ENV_PATH"] == "1"


def test_closed_pipe_is_not_a_crash():
    """Does `workbench ... | head -1` end quietly instead of printing a BrokenPipeError?"""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from workbench.cli import main; "
            "sys.argv=['workbench']; sys.exit(main(['info']))",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader is gone before the first line
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err


def test_each_lab_loads_its_roles_config(monkeypatch):
    """Does the learner's lab put jupyter/peran/peserta (no formgrader, create-assignment or
    course-list plugins) on JUPYTER_CONFIG_PATH ahead of jupyter/, and the trainer's lab
    jupyter/peran/pelatih instead, with what was there before kept behind?"""
    import json
    import os

    from workbench.config import get_settings
    from workbench.launch import role_config_dir, server_environment

    home = get_settings().home
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/etc/lain")
    learner = role_config_dir(trainer=False)
    paths = server_environment(role=learner)["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert paths == [str(learner), str(home / "jupyter"), "/etc/lain"]
    trainer = server_environment(role=role_config_dir(trainer=True))["JUPYTER_CONFIG_PATH"]
    assert "peserta" not in trainer and str(home / "jupyter" / "peran" / "pelatih") in trainer
    page = json.loads((learner / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    hidden = {k for k, off in page["disabledExtensions"].items() if off}
    assert hidden == {
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:course-list",
    }
