"""The single server's service files and guide document every setting the hub reads."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

from tests.conftest import ROOT

HUB = ROOT / "deploy" / "jupyterhub"
CONFIG = HUB / "jupyterhub_config.py"


def settings_read_by_hub() -> set[str]:
    """Every environment variable jupyterhub_config.py reads (os.environ.get or _list)."""
    text = CONFIG.read_text(encoding="utf-8")
    names = set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', text))
    names |= set(re.findall(r'_list\("([A-Z_]+)"\)', text))
    return names - {"PORT"}  # PORT is make hub's; the service uses WORKBENCH_HUB_PORT


def documented_in_env_example() -> set[str]:
    text = (HUB / "hub.env.contoh").read_text(encoding="utf-8")
    return set(re.findall(r"^#?([A-Z_]+)=", text, flags=re.MULTILINE))


def test_env_example_documents_exactly_what_the_hub_reads():
    """Does hub.env.contoh list every setting jupyterhub_config.py reads, and nothing else?"""
    assert documented_in_env_example() == settings_read_by_hub()


def test_every_env_example_setting_has_an_explanation():
    """Is each setting line preceded by at least one comment line saying what it does?"""
    lines = (HUB / "hub.env.contoh").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^#?[A-Z_]+=", line):
            above = lines[index - 1]
            assert above.startswith("# ") and len(above) > 10, line


def test_service_unit_starts_the_installed_hub_with_both_environment_files():
    """Does the systemd unit run the installer's JupyterHub with the repo's config as root?"""
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    # systemd allows repeated keys (EnvironmentFile twice): read them all.
    files: list[str] = []
    text = (HUB / "asn-workbench-hub.service").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("EnvironmentFile="):
            files.append(line.partition("=")[2])
    assert files == ["/opt/asn-workbench/hub.env", "/etc/asn-workbench/hub.env"]
    rest = [line for line in text.splitlines() if not line.startswith("EnvironmentFile=")]
    unit.read_string("\n".join(rest))
    service = unit["Service"]
    assert service["User"] == "root"
    command = shlex.split(service["ExecStart"])
    prefix = Path("/opt/asn-workbench")
    assert command[0] == str(prefix / "venv" / "bin" / "jupyterhub")
    assert command[1:] == ["-f", str(prefix / "repo" / CONFIG.relative_to(ROOT))]
    # The installer's default prefix as root is the one the unit uses.
    setup = (ROOT / "tools" / "setup_hub.py").read_text(encoding="utf-8")
    assert f'Path("{prefix}") if as_root' in setup
    # The state folder it creates is the hub's default state folder.
    assert service["WorkingDirectory"] in CONFIG.read_text(encoding="utf-8")
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_it_guide_names_every_setting_and_the_service():
    """Does the Indonesian IT guide mention every hub setting, the unit and its env file?"""
    guide = (ROOT / "deploy" / "PANDUAN-TI.md").read_text(encoding="utf-8")
    for name in settings_read_by_hub():
        assert name in guide, name
    for needle in ("asn-workbench-hub.service", "/etc/asn-workbench/hub.env", "pg_dump"):
        assert needle in guide, needle


def load_shared_server_config(runtime_dir: str, monkeypatch) -> object:
    from traitlets.config import Config

    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", runtime_dir)
    monkeypatch.delenv("WORKBENCH_HUB_SUBDOMAIN_HOST", raising=False)
    c = Config()
    path = HUB / "peran" / "bersama" / "jupyter_server_config.py"
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), {"get_config": lambda: c})
    return c


def test_kernels_use_unix_sockets_when_the_path_fits(monkeypatch):
    """Do users' kernels avoid TCP port races (ipc), falling back to TCP for too-long paths?"""
    short = load_shared_server_config("/home/peserta01/.local/share/jupyter/runtime", monkeypatch)
    assert short.AsyncIOLoopKernelManager.transport == "ipc"
    # Not for every KernelManager: nbgrader's autograde (nbclient) keeps TCP.
    assert "transport" not in short.KernelManager
    deep = "/home/" + "n" * 40 + "/.local/share/jupyter/runtime"
    assert "transport" not in load_shared_server_config(deep, monkeypatch).AsyncIOLoopKernelManager
