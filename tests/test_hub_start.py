"""A learner's server starts without work the learner does not need (fast checks, no hub).

The costs behind these checks are measured by ``benchmarks/bench_server_start.py``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from traitlets.config.loader import PyFileConfigLoader

from tests.conftest import ROOT

SHARED = ROOT / "deploy" / "jupyterhub" / "peran" / "bersama"


def imported_after(code: str) -> set[str]:
    """Module names loaded in a fresh interpreter of this environment after running ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return set(out.stdout.split())


def test_server_start_compiles_no_iri_grammar():
    """Does Jupyter Server start without rfc3987-syntax compiling its grammar (~1 s of CPU)?"""
    modules = imported_after("import jupyter_server.serverapp, jupyter_events, jsonschema")
    assert "jsonschema" in modules
    assert "rfc3987_syntax" not in modules and "lark" not in modules


def test_every_installer_removes_the_slow_unused_package():
    """Do the laptop/hub installer and the Kubernetes image both remove rfc3987-syntax?"""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import setup_env
    finally:
        sys.path.pop(0)
    assert setup_env.SLOW_UNUSED == ("rfc3987-syntax",)
    dockerfile = (ROOT / "deploy" / "kubernetes" / "Dockerfile").read_text(encoding="utf-8")
    assert "pip uninstall -y rfc3987-syntax" in dockerfile


def test_importing_the_workbench_reads_no_package_metadata():
    """Does a kernel's `import workbench` skip the package metadata scan until asked?"""
    assert "importlib.metadata" not in imported_after("import workbench")
    version = subprocess.run(
        [sys.executable, "-c", "import workbench; print(workbench.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version and version[0].isdigit()


def test_unknown_workbench_attribute_is_still_an_attribute_error():
    """Does the lazy __version__ leave other missing names an AttributeError?"""
    import workbench

    with pytest.raises(AttributeError):
        workbench.tidak_ada  # noqa: B018


def test_hub_servers_do_not_scan_for_language_servers(monkeypatch):
    """Is jupyter_lsp's scan for 19 language servers off on the hub, as in `make lab`?"""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    config = PyFileConfigLoader("jupyter_server_config.py", path=str(SHARED)).load_config()
    assert config.LanguageServerManager.autodetect is False
    from workbench.launch import lab_command

    assert "--LanguageServerManager.autodetect=False" in lab_command()
