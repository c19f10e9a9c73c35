"""Prepare a hub user's home before their server starts (stdlib only).

One function for both deployments, so a learner's home looks the same everywhere:

* the single server (``jupyterhub_config.py``): the hub's pre-spawn hook calls
  :func:`prepare_home` as root, then hands what it created to the user;
* Kubernetes (``deploy/kubernetes``): the home is a volume only the user's pod mounts, so the
  image starts ``python prepare_home.py jupyterhub-singleuser ...`` inside the pod, as the user:
  it prepares the home from the environment (``WORKBENCH_ROLE``, ``WORKBENCH_HOME``, ``HOME``)
  and then becomes the server process.

What a home gets, once (existing files are never overwritten, so a learner's work survives
restarts and upgrades): ``~/ruang-kerja`` (the learner's workspace), for a trainer
``~/kursus/source`` (their nbgrader course, from the course copy's ``exercises/``), and
``~/.asn-workbench/workbench.toml`` (the user's own workbench settings: the course copy to learn
from, their state folder and their workspace).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROLES = ("pelatih", "peserta")


def settings_text(home: Path, course: Path) -> str:
    """The user's workbench.toml: course folders read from ``course``, state in their home."""
    own = home / ".asn-workbench"
    return (
        "# Dibuat oleh JupyterHub ASN Workbench saat server pertama kali dimulai.\n"
        "[paths]\n"
        f'notebooks = "{course / "notebooks"}"\n'
        f'data = "{course / "notebooks" / "data"}"\n'
        f'exercises = "{course / "exercises"}"\n'
        f'scenarios = "{course / "scenarios"}"\n'
        f'grading = "{home / "kursus"}"\n'
        f'state = "{own / "var"}"\n'
    )


def prepare_home(home: Path, role: str, course: Path) -> list[Path]:
    """Create what ``home`` lacks for ``role``; the top-level paths it created, in order."""
    if role not in ROLES:
        raise ValueError(f"peran tidak dikenal: {role!r} (pilih {' atau '.join(ROLES)})")
    created: list[Path] = []
    home.mkdir(parents=True, exist_ok=True)
    workspace = home / "ruang-kerja"
    if not workspace.exists():
        workspace.mkdir()
        created.append(workspace)
    if role == "pelatih":
        grading = home / "kursus"
        if not grading.exists() and (course / "exercises").is_dir():
            shutil.copytree(course / "exercises", grading / "source")
            created.append(grading)
    own = home / ".asn-workbench"
    settings = own / "workbench.toml"
    if not settings.exists():
        fresh = not own.exists()
        own.mkdir(parents=True, exist_ok=True)
        settings.write_text(settings_text(home, course), encoding="utf-8")
        created.append(own if fresh else settings)
    return created


def settings_path(home: Path) -> Path:
    return home / ".asn-workbench" / "workbench.toml"


def main(argv: list[str]) -> int:
    """In a user's pod: prepare ``$HOME`` for ``$WORKBENCH_ROLE``, then exec ``argv``."""
    home = Path(os.environ.get("HOME") or Path.home())
    role = os.environ.get("WORKBENCH_ROLE", "peserta")
    course = Path(os.environ.get("WORKBENCH_HOME", "/opt/asn-workbench/kursus"))
    prepare_home(home, role, course)
    os.environ.setdefault("WORKBENCH_CONFIG", str(settings_path(home)))
    os.environ.setdefault("WORKBENCH_WORKSPACE", str(home / "ruang-kerja"))
    if not argv:
        return 0
    os.execvp(argv[0], argv)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
