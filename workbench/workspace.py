"""The learner's workspace: their own copy of the course, updated without losing their work.

Learners never edit the course in ``notebooks/`` (tracked by git). ``make lab`` opens their
**workspace** (``[paths] workspace``; ``var/ruang-kerja/`` by default, ``~/ruang-kerja`` on
JupyterHub), which :func:`sync` fills from ``notebooks/`` on first start and brings up to date on
every start after that. Edits, outputs, data files a learner saves and fetched nbgrader
assignments live there; nothing under version control changes.

The update rules are nbgitpuller's (the tool JupyterHub courses such as Berkeley's DataHub use to
push course updates into students' homes), with one deliberate change:

* a file new in the course appears in the workspace;
* a file the learner never touched is replaced by the course's new version;
* a file the learner deleted comes back (nbgitpuller's ``reset_deleted_files``), so deleting a
  module is also a way to get a fresh copy;
* a file the learner changed is **kept as it is**, and the course's new version is written beside
  it as ``<nama>--versi-baru.<ext>``. nbgitpuller instead runs ``git merge -Xours``: a line-level
  merge of the notebook's JSON that silently mixes upstream cells into the learner's notebook
  wherever the two do not conflict. For notebooks a learner reads top to bottom, two whole
  versions side by side are clearer than one merged one, and nothing is ever overwritten;
* a learner's own file that happens to have the name of a new course file is kept too, the
  course file offered beside it (nbgitpuller renames the learner's file instead);
* a file removed (or renamed) in the course is removed from the workspace too if the learner
  never touched it, as nbgitpuller's merge does, so an old copy does not linger beside the new
  one (``index.ipynb`` became ``00-beranda.ipynb``); a file the learner changed stays as theirs.

Why not run nbgitpuller itself: it clones and merges a whole git repository, while the course is
the ``notebooks/`` folder inside this project (next to the library, tests and tools a learner
should not see); an installation copied from a zip file or installed into a JupyterHub image has
no git history to pull from; and uncommitted course changes a trainer makes on the classroom
laptop would not reach learners. Reading a folder covers every case with the same rules.

"Touched" is decided by a manifest, ``.kursus.json`` in the workspace, that records for every
file the hash of the course version last put there. A notebook's hash covers its cells' types
and sources only, so opening, running (outputs) and re-saving a module does not count as touching
it; changing a cell does. Other files are hashed byte for byte.

:func:`reset` gives one module back in the course's version, moving the learner's copy into
``cadangan/`` first (``workbench workspace reset 02`` in a terminal, or
``from workbench import workspace; workspace.reset("02")`` in a notebook).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from workbench.config import Settings, get_settings
from workbench.errors import WorkbenchError, os_reason
from workbench.storage import atomic_path, write_text

__all__ = [
    "BACKUP_FOLDER",
    "MANIFEST_NAME",
    "SyncReport",
    "content_hash",
    "ensure",
    "reset",
    "status",
    "sync",
]

#: The manifest of what the course last put in the workspace (a hidden file, JupyterLab hides it).
MANIFEST_NAME = ".kursus.json"
#: Folder inside the workspace where :func:`reset` keeps the learner's copies.
BACKUP_FOLDER = "cadangan"
#: Inserted before the extension of a course version offered beside a learner's changed file.
NEW_VERSION_MARK = "--versi-baru"
_SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}
_MANIFEST_VERSION = 1


@dataclass
class SyncReport:
    """What one :func:`sync` did, as paths relative to the workspace."""

    workspace: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)  # the ``--versi-baru`` files written
    kept: list[str] = field(default_factory=list)  # learner's changed files left as they are
    removed: list[str] = field(default_factory=list)  # gone from the course, untouched: deleted
    left: list[str] = field(default_factory=list)  # gone from the course, changed: left alone

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.restored or self.offered or self.removed)

    def summary(self) -> str:
        """A short Indonesian account for the terminal."""
        if not self.changed:
            return f"Ruang kerja {self.workspace} sudah sesuai dengan versi kursus terbaru."
        lines = [f"Ruang kerja {self.workspace} diperbarui dari kursus:"]
        for label, names in (
            ("baru", self.added),
            ("diperbarui", self.updated),
            ("dipulihkan (sempat dihapus)", self.restored),
            ("dihapus (tidak ada lagi di kursus, belum pernah Anda ubah)", self.removed),
        ):
            if names:
                lines.append(f"  {label}: {', '.join(names)}")
        for name in self.offered:
            lines.append(
                f"  {name}: versi kursus terbaru; salinan Anda yang sudah diubah tetap utuh di "
                "sebelahnya"
            )
        for name in self.left:
            lines.append(
                f"  {name}: tidak ada lagi di kursus; salinan Anda yang sudah diubah tetap"
            )
        return "\n".join(lines)


def content_hash(path: Path) -> str:
    """The hash that decides whether a file was touched.

    For a notebook: its cells' types and sources (outputs, execution counts, cell ids and
    metadata that JupyterLab rewrites on every save are left out). For any other file: its bytes.
    A notebook that is not valid JSON is hashed by its bytes (it was certainly touched).
    """
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            nb = json.loads(data.decode("utf-8"))
            cells = [
                [
                    cell.get("cell_type"),
                    "".join(src) if isinstance(src := cell.get("source", ""), list) else src,
                ]
                for cell in nb.get("cells", [])
            ]
            data = json.dumps(cells, ensure_ascii=False).encode("utf-8")
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError, TypeError):
            pass
    return hashlib.sha256(data).hexdigest()


def _course_files(source: Path) -> Iterator[str]:
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if any(part in _SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            yield rel.as_posix()


def _read_manifest(workspace: Path) -> dict[str, dict[str, str]]:
    path = workspace / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        files = raw["berkas"]
        if not isinstance(files, dict):
            raise TypeError
        return files
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise WorkbenchError(
            f"Catatan ruang kerja {path} rusak. Pindahkan berkas itu ke tempat lain, lalu jalankan "
            "lagi: semua modul yang berbeda dari kursus akan dianggap milik Anda dan tidak "
            "ditimpa."
        ) from exc


def _write_manifest(workspace: Path, files: dict[str, dict[str, str]], source: Path) -> None:
    payload = {
        "versi": _MANIFEST_VERSION,
        "sumber": str(source),
        "keterangan": "Dibuat oleh workbench.workspace: hash versi kursus terakhir per berkas.",
        "berkas": dict(sorted(files.items())),
    }
    write_text(workspace / MANIFEST_NAME, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")


def _copy(src: Path, dst: Path) -> None:
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(dst) as tmp:
            if not (dst.suffix == ".ipynb" and _write_ready_notebook(src, tmp)):
                shutil.copyfile(src, tmp)
    except OSError as exc:
        raise WorkbenchError(f"Berkas {dst} {os_reason(exc)}.") from exc
    if dst.suffix == ".ipynb":
        _trust(dst)


def _write_ready_notebook(src: Path, target: Path) -> bool:
    """Write the course notebook ``src`` to ``target`` as JupyterLab will keep it once open.

    The course stores a minimal ``language_info`` (no Python version: it must not change with
    the trainer's laptop). When the kernel starts, JupyterLab fills in the full one, and that
    change alone marked every module "modified" the moment a learner opened it. The workspace
    copy gets this installation's kernel's ``language_info`` up front (metadata only: cells are
    untouched and the "touched" hash ignores metadata). Returns False if ``src`` is not a
    readable notebook (it is then copied as is).
    """
    try:
        import nbformat
        from ipykernel.ipkernel import IPythonKernel

        nb = nbformat.read(src, as_version=4)
        nb.metadata["language_info"] = dict(IPythonKernel.language_info)
        nbformat.write(nb, target)
    except Exception:  # an unreadable notebook is copied byte for byte instead
        return False
    return True


def _trust(path: Path) -> None:
    """Mark a notebook copied from the course as trusted (Jupyter's signature database), as if
    the learner had opened and saved it: the course comes from the trainer, and an untrusted
    notebook makes Jupyter log "Notebook ... is not trusted" at every open. Best effort: a
    notebook that cannot be signed simply stays untrusted."""
    try:
        import nbformat
        from nbformat.sign import NotebookNotary

        nb = nbformat.read(path, as_version=4)
        NotebookNotary().sign(nb)
    except Exception:  # trust is a convenience, never a reason to fail a sync
        return


def _beside(rel: str, mark: str) -> str:
    path = Path(rel)
    return path.with_name(f"{path.stem}{mark}{path.suffix}").as_posix()


def _folders(settings: Settings | None, source: Path | None, workspace: Path | None):
    settings = settings or get_settings()
    return (
        settings,
        Path(source or settings.notebooks_dir).resolve(),
        Path(workspace or settings.workspace_dir).resolve(),
    )


def sync(
    *,
    source: Path | None = None,
    workspace: Path | None = None,
    settings: Settings | None = None,
) -> SyncReport:
    """Bring the workspace up to date with the course without overwriting the learner's work.

    The rules are in the module docstring. Safe to run at every start: a second run with no
    course change does nothing.
    """
    settings, source, workspace = _folders(settings, source, workspace)
    if not source.is_dir():
        raise WorkbenchError(
            f"Folder kursus {source} tidak ditemukan. Periksa [paths] notebooks di workbench.toml."
        )
    if workspace == source or source in workspace.parents:
        raise WorkbenchError(
            f"Ruang kerja {workspace} tidak boleh sama dengan folder kursus {source} atau berada "
            "di dalamnya. Ubah [paths] workspace di workbench.toml."
        )
    try:
        workspace.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbenchError(f"Ruang kerja {workspace} {os_reason(exc)}.") from exc
    manifest = _read_manifest(workspace)
    report = SyncReport(workspace=workspace)
    for rel in _course_files(source):
        src = source / rel
        dst = workspace / rel
        new = content_hash(src)
        entry = manifest.get(rel)
        if not dst.exists():
            _copy(src, dst)
            (report.restored if entry else report.added).append(rel)
            manifest[rel] = {"kursus": new}
            continue
        mine = content_hash(dst)
        if mine == new:  # already the course's version (or the learner made the same change)
            manifest[rel] = {"kursus": new}
            continue
        if entry is not None and mine == entry["kursus"]:  # untouched: take the update
            _copy(src, dst)
            report.updated.append(rel)
            manifest[rel] = {"kursus": new}
            continue
        # The learner's own version: keep it, offer the course's beside it (once per version).
        base = entry["kursus"] if entry else ""
        if entry is not None and base == new:
            report.kept.append(rel)
            continue
        if entry is None or entry.get("ditawarkan") != new:
            offer = _beside(rel, NEW_VERSION_MARK)
            target = workspace / offer
            if target.exists() and content_hash(target) != manifest.get(offer, {}).get("kursus"):
                # The learner edited an earlier offered copy too: never overwrite it.
                stamp = datetime.now(settings.tz).strftime("%Y%m%d-%H%M%S")
                offer = _beside(rel, f"{NEW_VERSION_MARK}-{stamp}")
                target = workspace / offer
            _copy(src, target)
            manifest[offer] = {"kursus": new}
            report.offered.append(offer)
        manifest[rel] = {"kursus": base, "ditawarkan": new}
        report.kept.append(rel)
    _remove_dropped(workspace, manifest, set(_course_files(source)), report)
    _write_manifest(workspace, manifest, source)
    return report


def _remove_dropped(
    workspace: Path, manifest: dict[str, dict[str, str]], course: set[str], report: SyncReport
) -> None:
    """Files the course put in the workspace and no longer has (removed or renamed): delete the
    ones the learner never touched, leave the changed ones as the learner's own (nbgitpuller's
    merge does the same). The ``--versi-baru`` copies a sync offered are not course files and
    stay until the learner deletes them."""
    for rel in sorted(set(manifest) - course):
        if NEW_VERSION_MARK in Path(rel).stem:
            continue
        entry = manifest.pop(rel)
        path = workspace / rel
        if not path.is_file():
            continue
        if content_hash(path) != entry.get("kursus"):
            report.left.append(rel)
            continue
        try:
            path.unlink()
        except OSError as exc:
            raise WorkbenchError(
                f"Berkas lama {path} (tidak ada lagi di kursus) {os_reason(exc)}. Tutup berkas "
                "itu di program lain, lalu ulangi."
            ) from exc
        report.removed.append(rel)
        for folder in path.parents:  # folders the course made and that are now empty
            if folder == workspace or not folder.is_relative_to(workspace):
                break
            if any(folder.iterdir()):
                break
            folder.rmdir()


def ensure(*, settings: Settings | None = None) -> SyncReport:
    """Sync the configured workspace (what ``workbench lab`` runs before JupyterLab starts)."""
    return sync(settings=settings)


def _find_module(name: str, source: Path) -> str:
    """The course file a learner means by ``name`` (``02``, ``02-data-...``, with or without
    ``.ipynb``, or a path such as ``data/layanan.csv``)."""
    files = list(_course_files(source))
    wanted = name.strip().replace("\\", "/").removeprefix("./")
    if wanted in files:
        return wanted
    notebooks = [f for f in files if f.endswith(".ipynb") and "/" not in f]
    stem = wanted.removesuffix(".ipynb")
    exact = [f for f in notebooks if f.removesuffix(".ipynb") == stem]
    if exact:
        return exact[0]
    from workbench.practice.course import INDEX_NOTEBOOK

    prefix = f"{stem}-" if stem.isdigit() else stem  # "1" must not pick "12-..."
    matches = [f for f in notebooks if f.startswith(prefix)]
    if len(matches) > 1 and INDEX_NOTEBOOK in matches:
        matches.remove(INDEX_NOTEBOOK)  # "00" is module 00, not the course map beside it
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(f.removesuffix(".ipynb") for f in notebooks)
    if matches:
        raise WorkbenchError(
            f"'{name}' cocok dengan beberapa modul: {', '.join(matches)}. Tulis nama lengkapnya."
        )
    raise WorkbenchError(f"Modul '{name}' tidak ada di kursus. Modul yang ada: {known}.")


def reset(
    name: str,
    *,
    source: Path | None = None,
    workspace: Path | None = None,
    settings: Settings | None = None,
) -> tuple[Path, Path | None]:
    """Give one module (or course file) back in the course's version.

    The learner's copy, if it differs, is first moved to ``cadangan/<nama>-<waktu>.<ext>`` in
    the workspace. Returns (the reset file, the backup or None).
    """
    settings, source, workspace = _folders(settings, source, workspace)
    rel = _find_module(name, source)
    src, dst = source / rel, workspace / rel
    manifest = _read_manifest(workspace)
    backup = None
    if dst.exists() and content_hash(dst) != content_hash(src):
        stamp = datetime.now(settings.tz).strftime("%Y%m%d-%H%M%S")
        backup = workspace / BACKUP_FOLDER / _beside(Path(rel).name, f"-{stamp}")
        try:
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(dst, backup)
        except OSError as exc:
            raise WorkbenchError(
                f"Salinan Anda {dst} tidak bisa dipindahkan ke {backup.parent}: {os_reason(exc)}. "
                "Tutup berkas itu di program lain, lalu ulangi."
            ) from exc
    _copy(src, dst)
    manifest[rel] = {"kursus": content_hash(src)}
    _write_manifest(workspace, manifest, source)
    return dst, backup


def status(
    *,
    source: Path | None = None,
    workspace: Path | None = None,
    settings: Settings | None = None,
) -> list[tuple[str, str]]:
    """Every course file with its state in the workspace, in Indonesian: ``sama dengan kursus``,
    ``diubah peserta``, ``belum ada``, ``versi baru tersedia`` (read-only; see :func:`sync`)."""
    settings, source, workspace = _folders(settings, source, workspace)
    manifest = _read_manifest(workspace)
    rows = []
    for rel in _course_files(source):
        dst = workspace / rel
        entry = manifest.get(rel, {})
        new = content_hash(source / rel)
        if not dst.exists():
            state = "belum ada"
        elif content_hash(dst) == new:
            state = "sama dengan kursus"
        elif entry.get("kursus") == content_hash(dst):
            state = "versi baru tersedia"
        else:
            state = "diubah peserta"
        rows.append((rel, state))
    return rows
