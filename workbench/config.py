"""Settings of one installation, read once from one file.

Every engine takes its settings from :func:`get_settings`, never from its own file or
environment variable. The defaults work out of the box for Kecamatan Asemrowo; an office
changes them in ``workbench.toml`` at the installation's home (see ``workbench.toml.contoh``).

Where things live:

* the *home* is the folder that holds ``notebooks/``, ``exercises/`` and ``grading/``:
  ``WORKBENCH_HOME`` if set, else the repository this package was installed from (an
  editable install, as ``make`` does), else the current folder;
* the settings file is ``WORKBENCH_CONFIG`` if set, else ``<home>/workbench.toml`` (optional);
* everything users create (gradebook, progress, role-play sessions, follow-up plans) lives under
  the state folder, ``<home>/var`` by default: back up that one folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workbench.errors import Problem, WorkbenchError

__all__ = ["Settings", "find_home", "get_settings", "load_settings"]

_PACKAGE_DIR = Path(__file__).resolve().parent

# section -> key -> (field name, type, Indonesian help text)
_SCHEMA: dict[str, dict[str, tuple[str, type, str]]] = {
    "office": {
        "name": ("office_name", str, "nama kantor, tampil di laporan dan dasbor"),
        "timezone": ("timezone", str, "zona waktu kantor (WIB = Asia/Jakarta)"),
        "service_standard_minutes": (
            "service_standard_minutes",
            float,
            "standar waktu tunggu layanan dalam menit (maklumat pelayanan kantor)",
        ),
    },
    "development": {
        "minutes_per_jp": ("minutes_per_jp", int, "menit dalam satu jam pelajaran (JP)"),
        "jp_per_year": ("jp_per_year", int, "hak pengembangan kompetensi minimal per tahun (JP)"),
    },
    "grading": {
        "pass_percent": (
            "pass_percent",
            float,
            "nilai minimal (persen dari nilai maksimal tugas) agar tugas bernilai dinyatakan lulus "
            "dan JP-nya diakui",
        ),
        "memory_mb": (
            "grading_memory_mb",
            int,
            "batas memori (MB) kernel yang menjalankan kode peserta saat penilaian otomatis",
        ),
        "sandbox_user": (
            "grading_sandbox_user",
            str,
            "pengguna tanpa hak istimewa yang menjalankan kode peserta bila penilai berjalan "
            "sebagai root (tidak boleh membaca kursus sumber, kiriman lain dan gradebook)",
        ),
    },
    "learner": {
        "name": (
            "learner_name",
            str,
            "nama peserta di komputer ini, untuk catatan kemajuan latihan (kosong: nama "
            "pengguna JupyterHub atau komputer; isi bila beberapa laptop memakai nama 'User')",
        ),
    },
    "paths": {
        "notebooks": ("notebooks_dir", Path, "folder modul pelatihan"),
        "exercises": ("exercises_dir", Path, "folder sumber latihan nbgrader"),
        "grading": ("grading_dir", Path, "folder kursus nbgrader milik pelatih"),
        "data": ("data_dir", Path, "folder dataset yang dibaca notebook"),
        "scenarios": ("scenarios_dir", Path, "folder kartu skenario simulasi"),
        "state": ("state_dir", Path, "folder semua data yang dibuat pengguna (cadangkan ini)"),
        "workspace": (
            "workspace_dir",
            Path,
            "ruang kerja peserta: salinan modul yang dibuka 'make lab' dan diubah peserta "
            "(kosong: <state>/ruang-kerja; di JupyterHub: ~/ruang-kerja)",
        ),
    },
}


#: Keys older settings files may hold that nothing reads any more; accepted and ignored.
_RETIRED = {("office", "city")}


@dataclass(frozen=True)
class Settings:
    """The settings of one installation (paths are absolute)."""

    home: Path
    config_file: Path | None
    office_name: str = "Kecamatan Asemrowo"
    timezone: str = "Asia/Jakarta"
    service_standard_minutes: float = 15.0
    minutes_per_jp: int = 45
    jp_per_year: int = 20
    pass_percent: float = 70.0
    grading_memory_mb: int = 2048
    grading_sandbox_user: str = "nobody"
    learner_name: str | None = None
    notebooks_dir: Path = Path("notebooks")
    exercises_dir: Path = Path("exercises")
    grading_dir: Path = Path("grading")
    data_dir: Path = Path("notebooks/data")
    scenarios_dir: Path = Path("scenarios")
    state_dir: Path = Path("var")
    workspace_dir: Path | None = None

    @property
    def tz(self) -> ZoneInfo:
        """The office time zone (WIB by default)."""
        return ZoneInfo(self.timezone)

    @property
    def gradebook_url(self) -> str:
        """SQLAlchemy URL of the nbgrader gradebook, inside the state folder."""
        return f"sqlite:///{(self.state_dir / 'gradebook.db').as_posix()}"


def find_home() -> Path:
    """The installation's home folder (see the module docstring)."""
    env = os.environ.get("WORKBENCH_HOME")
    if env:
        return Path(env).expanduser().resolve()
    checkout = _PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "notebooks").is_dir():
        return checkout
    return Path.cwd().resolve()


def load_settings(path: str | os.PathLike | None = None, *, home: Path | None = None) -> Settings:
    """Read settings from ``path`` (or the default file, if present) over the defaults.

    Raises :class:`WorkbenchError` listing every unknown key or wrong value.
    """
    home = Path(home) if home is not None else find_home()
    if path is None:
        env = os.environ.get("WORKBENCH_CONFIG")
        candidate = Path(env).expanduser() if env else home / "workbench.toml"
        if env and not candidate.is_file():
            raise WorkbenchError(
                f"Berkas pengaturan {candidate} (WORKBENCH_CONFIG) tidak ditemukan."
            )
        path = candidate if candidate.is_file() else None
    values: dict[str, object] = {}
    if path is not None:
        values = _read_file(Path(path))
    merged = {f.name: f.default for f in fields(Settings) if f.name not in ("home", "config_file")}
    merged.update(values)
    for key, value in list(merged.items()):
        if isinstance(value, Path) and not value.is_absolute():
            merged[key] = (home / value).resolve()
    if merged["workspace_dir"] is None:
        # The learner's copy of the course: in the state folder on a laptop (backed up with
        # it), in the user's persistent home on JupyterHub.
        merged["workspace_dir"] = (
            Path.home() / "ruang-kerja"
            if os.environ.get("JUPYTERHUB_USER")
            else merged["state_dir"] / "ruang-kerja"
        )
    settings = Settings(home=home, config_file=Path(path) if path else None, **merged)
    try:
        settings.tz  # noqa: B018 - validates the zone name early
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise WorkbenchError(
            f"Zona waktu '{settings.timezone}' tidak dikenal di berkas {path}.",
            [
                Problem(
                    "zona waktu tidak dikenal",
                    file=str(path),
                    column="office.timezone",
                    value=settings.timezone,
                    expected="nama IANA, misalnya Asia/Jakarta",
                )
            ],
        ) from exc
    return settings


def _read_file(path: Path) -> dict[str, object]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise WorkbenchError(f"Berkas pengaturan {path} tidak bisa dibaca: {exc}.") from exc
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for section, table in raw.items():
        known = _SCHEMA.get(section)
        if known is None or not isinstance(table, dict):
            problems.append(
                Problem(
                    "bagian tidak dikenal",
                    file=str(path),
                    column=section,
                    expected="salah satu dari " + ", ".join(f"[{s}]" for s in _SCHEMA),
                )
            )
            continue
        for key, value in table.items():
            if (section, key) in _RETIRED:  # an older file still works
                continue
            if key not in known:
                problems.append(
                    Problem(
                        "kunci tidak dikenal",
                        file=str(path),
                        column=f"{section}.{key}",
                        expected="salah satu dari " + ", ".join(known),
                    )
                )
                continue
            name, kind, help_text = known[key]
            if value == "" and _DEFAULTS[name] is None:  # optional setting left empty
                values[name] = None
                continue
            converted = _convert(value, kind)
            if converted is None:
                problems.append(
                    Problem(
                        "nilai tidak sesuai",
                        file=str(path),
                        column=f"{section}.{key}",
                        value=value,
                        expected=f"{_KIND_NAMES[kind]} ({help_text})",
                    )
                )
                continue
            values[name] = converted
    if problems:
        raise WorkbenchError(f"Berkas pengaturan {path} berisi kesalahan.", problems)
    return values


_DEFAULTS = {f.name: f.default for f in fields(Settings)}

_KIND_NAMES = {
    str: "teks",
    int: "bilangan bulat positif",
    float: "angka positif",
    Path: "teks berisi folder",
}


def _convert(value: object, kind: type) -> object | None:
    if kind is str and isinstance(value, str) and value.strip():
        return value.strip()
    if kind is Path and isinstance(value, str) and value.strip():
        return Path(value).expanduser()
    if kind is int and isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if (
        kind is float
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and value > 0
    ):
        return float(value)
    return None


@cache
def get_settings() -> Settings:
    """The installation's settings, read once per process."""
    return load_settings()


def settings_help() -> str:
    """Every setting with its Indonesian help text, as TOML comments (for the example file)."""
    lines = []
    for section, table in _SCHEMA.items():
        lines.append(f"[{section}]")
        for key, (name, _kind, help_text) in table.items():
            default = next(f.default for f in fields(Settings) if f.name == name)
            if default is None:
                shown = '""'
            elif isinstance(default, Path):
                shown = f'"{default.as_posix()}"'
            elif isinstance(default, str):
                shown = f'"{default}"'
            else:
                shown = default
            lines.append(f"# {help_text}")
            lines.append(f"# {key} = {shown}")
        lines.append("")
    return "\n".join(lines)


#: Computer user names that are not a person's (shared laptops, containers): the learner is
#: asked for their name once instead (see :func:`needs_learner_name`).
GENERIC_USER_NAMES = frozenset(
    {
        "root", "user", "users", "admin", "administrator", "guest", "owner", "pengguna",
        "tamu", "pc", "laptop", "jovyan", "ubuntu", "debian", "pi", "asus", "lenovo", "hp",
        "acer", "dell", "toshiba", "axioo", "pemda", "kecamatan", "kantor", "staf", "staff",
    }
)  # fmt: skip


def needs_learner_name(settings: Settings | None = None) -> bool:
    """Whether progress would be recorded under a name that is not a person's: no JupyterHub
    user, no ``[learner] name`` setting, and a generic computer user name (``root``, ``User``)."""
    import getpass

    settings = settings or get_settings()
    if os.environ.get("JUPYTERHUB_USER") or settings.learner_name:
        return False
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        return True
    return user.strip().lower() in GENERIC_USER_NAMES


def save_learner_name(name: str, *, settings: Settings | None = None) -> Path:
    """Store the learner's name as ``[learner] name`` in the settings file (created if missing,
    other settings kept), atomically; returns the file. Clears the cached settings."""
    import re

    from workbench.storage import write_text

    name = " ".join(name.split())
    if not name:
        raise WorkbenchError("Nama peserta tidak boleh kosong.")
    settings = settings or get_settings()
    path = settings.config_file or settings.home / "workbench.toml"
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    line = f"name = {_toml_string(name)}"
    section = re.search(r"(?m)^\[learner\][ \t]*$", text)
    if section is None:
        text = text.rstrip("\n") + ("\n\n" if text.strip() else "") + f"[learner]\n{line}\n"
    else:
        end = re.search(r"(?m)^\[", text[section.end() :])
        stop = section.end() + end.start() if end else len(text)
        body = text[section.end() : stop]
        if re.search(r"(?m)^[ \t]*name[ \t]*=", body):
            body = re.sub(r"(?m)^[ \t]*name[ \t]*=.*$", lambda _m: line, body, count=1)
        else:
            body = f"\n{line}" + body
        text = text[: section.end()] + body + text[stop:]
    _read_file_text(text, path)  # never write a file that would not load
    write_text(path, text)
    get_settings.cache_clear()
    return path


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read_file_text(text: str, path: Path) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WorkbenchError(f"Berkas pengaturan {path} tidak bisa diperbarui: {exc}.") from exc
