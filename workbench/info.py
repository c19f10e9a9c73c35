"""What is installed and where things live: the facts behind ``workbench info``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from workbench import __version__
from workbench.config import get_settings
from workbench.launch import chromium_path

__all__ = ["STACK", "InstallInfo", "install_info"]

#: The packages the product is built on, in the order shown.
STACK = (
    "jupyterlab",
    "ipywidgets",
    "voila",
    "nbgrader",
    "pandas",
    "simpy",
    "pytest",
    "nbval",
    "playwright",
)


@dataclass(frozen=True)
class InstallInfo:
    """Versions, places and tools of this installation."""

    workbench_version: str
    versions: dict[str, str | None]
    places: dict[str, Path]
    chromium: str | None
    now: datetime

    def as_text(self) -> str:
        """Human-readable report in Indonesian."""
        lines = [f"ASN Workbench {self.workbench_version}", "", "Versi paket:"]
        width = max(len(n) for n in self.versions)
        for name, ver in self.versions.items():
            lines.append(f"  {name:<{width}}  {ver or 'tidak terpasang'}")
        lines += ["", "Lokasi:"]
        width = max(len(n) for n in self.places)
        for name, path in self.places.items():
            mark = "" if path.exists() else "  (belum ada)"
            lines.append(f"  {name:<{width}}  {path}{mark}")
        lines += [
            "",
            "Chromium (untuk uji dasbor): "
            + (self.chromium or "tidak ditemukan; pasang dengan 'apt-get install chromium'"),
            f"Waktu kantor sekarang: {self.now:%Y-%m-%d %H:%M} {self.now.tzname()}",
        ]
        return "\n".join(lines)


def _version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def install_info() -> InstallInfo:
    """Collect versions of the stack, the course and state folders, and browser availability."""
    s = get_settings()
    places = {
        "rumah (home)": s.home,
        "pengaturan": s.config_file or s.home / "workbench.toml",
        "modul (notebooks)": s.notebooks_dir,
        "dasbor": s.notebooks_dir / "dashboards",
        "latihan nbgrader": s.exercises_dir,
        "kursus pelatih": s.grading_dir,
        "gradebook": s.state_dir / "gradebook.db",
        "data": s.data_dir,
        "skenario": s.scenarios_dir,
        "data pengguna (state)": s.state_dir,
    }
    return InstallInfo(
        workbench_version=__version__,
        versions={name: _version(name) for name in STACK},
        places=places,
        chromium=chromium_path(),
        now=datetime.now(s.tz),
    )
