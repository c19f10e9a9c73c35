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

The course's ``dashboards/`` folder does not reach workspaces: the dashboards are served by
Voilà from the course for the camat and the facilitator, and a learner's copy would only
confuse (an older workspace loses its untouched copies at the next sync, like any file gone
from the course).

A sync repairs what it finds wrong in a workspace instead of stopping with a traceback, and
always in the learner's favour: a damaged manifest is kept aside and rebuilt, a manifest
entry of the wrong type is dropped (its file then counts as the learner's own), a folder with
a module's name is left alone and the module offered beside it, a learner's file standing
where the course needs a folder is named with what to do, and the hidden temporary files an
interrupted write left behind are removed.

Files a module makes (reports, plans, CSV) go to :func:`output_path`, the workspace's
``hasil/`` folder, which the learner's file browser shows. :func:`backup` zips the learner's
own work (everything they changed or made, and their progress) for a flash drive.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
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
    "OUTPUT_FOLDER",
    "Backup",
    "SyncReport",
    "backup",
    "content_hash",
    "ensure",
    "output_path",
    "reset",
    "shown",
    "status",
    "sync",
]

#: The manifest of what the course last put in the workspace (a hidden file, JupyterLab hides it).
MANIFEST_NAME = ".kursus.json"
#: Folder inside the workspace where :func:`reset` and :func:`backup` keep the learner's copies.
BACKUP_FOLDER = "cadangan"
#: Folder inside the workspace where modules write what they make (reports, plans, CSV files).
OUTPUT_FOLDER = "hasil"
#: Inserted before the extension of a course version offered beside a learner's changed file.
NEW_VERSION_MARK = "--versi-baru"
_SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}
#: Course folders that are not for learners: the facilitator's and camat's dashboards, served
#: by Voilà from the course itself (``make dashboards``), never opened from a workspace.
NOT_FOR_LEARNERS = {"dashboards"}
_MANIFEST_VERSION = 1
#: A temporary file of :func:`workbench.storage.atomic_path`: ``.<name>.<8 hex><suffix>``.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}(?P<suffix>\.[A-Za-z0-9]+)$")
#: Seconds after which a temporary file is a leftover of an interrupted write, not one under way.
_LEFTOVER_AGE = 60.0


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
    repaired: list[str] = field(default_factory=list)  # notes on what was repaired, Indonesian
    blocked: list[str] = field(default_factory=list)  # course files that could not be placed
    cleaned: list[str] = field(default_factory=list)  # leftover temporary files removed

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.restored
            or self.offered
            or self.removed
            or self.repaired
            or self.blocked
            or self.cleaned
        )

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
            ("sisa penyimpanan yang terputus, dibersihkan", self.cleaned),
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
        lines += [f"  {note}" for note in (*self.repaired, *self.blocked)]
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


def _hash_or_none(path: Path) -> str | None:
    """:func:`content_hash` of a readable file; None for a folder or an unreadable file."""
    if not path.is_file():
        return None
    try:
        return content_hash(path)
    except OSError:
        return None


def _course_files(source: Path) -> Iterator[str]:
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if any(part in _SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        if rel.parts[0] in NOT_FOR_LEARNERS:
            continue
        if path.is_file():
            yield rel.as_posix()


@dataclass
class _Manifest:
    """The manifest as read: the valid entries, and what was wrong with the rest."""

    files: dict[str, dict[str, str]]
    damaged: bool = False  # not readable at all
    dropped: list[str] = field(default_factory=list)  # entries of the wrong shape


def _valid_entry(entry: object) -> dict[str, str] | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("kursus"), str):
        return None
    if "ditawarkan" in entry and not isinstance(entry["ditawarkan"], str):
        return None
    return {k: entry[k] for k in ("kursus", "ditawarkan") if k in entry}


def _load_manifest(workspace: Path) -> _Manifest:
    """Read ``.kursus.json`` leniently: what cannot be read is left out, never guessed.

    An entry left out makes its file count as the learner's own (never overwritten), so a
    damaged manifest can cost an extra ``--versi-baru`` copy, never the learner's work.
    """
    path = workspace / MANIFEST_NAME
    if not path.is_file():
        return _Manifest({})
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return _Manifest({}, damaged=True)
    files = raw.get("berkas") if isinstance(raw, dict) else None
    if not isinstance(files, dict):
        return _Manifest({}, damaged=True)
    manifest = _Manifest({})
    for rel, entry in files.items():
        valid = _valid_entry(entry)
        if valid is None:
            manifest.dropped.append(str(rel))
        else:
            manifest.files[str(rel)] = valid
    return manifest


def _read_manifest(workspace: Path) -> dict[str, dict[str, str]]:
    """The valid entries of the manifest (read-only callers: status, reset)."""
    return _load_manifest(workspace).files


def _repair_manifest(workspace: Path, manifest: _Manifest, report: SyncReport, tz) -> None:
    """Keep a damaged manifest aside for the IT officer and say what the sync does instead."""
    path = workspace / MANIFEST_NAME
    if manifest.damaged:
        stamp = datetime.now(tz).strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{MANIFEST_NAME}.rusak-{stamp}")
        try:
            path.replace(aside)
        except OSError as exc:
            raise WorkbenchError(
                f"Catatan ruang kerja {path} rusak dan tidak bisa dipindahkan: "
                f"{os_reason(exc)}. Pindahkan berkas itu ke tempat lain, lalu jalankan lagi."
            ) from exc
        report.repaired.append(
            f"Catatan ruang kerja {MANIFEST_NAME} rusak; disimpan sebagai {aside.name} dan dibuat "
            "ulang. Modul yang berbeda dari kursus dianggap milik Anda dan tidak ditimpa."
        )
    if manifest.dropped:
        report.repaired.append(
            f"Catatan ruang kerja {MANIFEST_NAME} berisi entri rusak untuk "
            f"{', '.join(sorted(manifest.dropped))}; berkas itu dianggap milik Anda dan tidak "
            "ditimpa."
        )


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
    course change does nothing. What it finds wrong in the workspace it repairs and reports
    (:attr:`SyncReport.repaired`, :attr:`SyncReport.blocked`, :attr:`SyncReport.cleaned`): a
    damaged manifest, a folder with a module's name, leftovers of an interrupted write.
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
    report = SyncReport(workspace=workspace)
    _clean_leftovers(workspace, report)
    loaded = _load_manifest(workspace)
    _repair_manifest(workspace, loaded, report, settings.tz)
    manifest = loaded.files
    files = list(_course_files(source))
    for rel in files:
        _sync_file(rel, source, workspace, manifest, report, settings)
    _remove_dropped(workspace, manifest, set(files), report)
    _write_manifest(workspace, manifest, source)
    return report


def _sync_file(
    rel: str,
    source: Path,
    workspace: Path,
    manifest: dict[str, dict[str, str]],
    report: SyncReport,
    settings: Settings,
) -> None:
    """Bring one course file up to date in the workspace (the rules of the module docstring)."""
    src, dst = source / rel, workspace / rel
    blocker = _blocking_file(workspace, rel)
    if blocker is not None:
        report.blocked.append(
            f"{rel}: tidak bisa ditaruh karena di ruang kerja ada berkas bernama {blocker} "
            "(bukan folder). Ganti nama berkas itu, lalu mulai lagi; berkas itu tidak diubah."
        )
        return
    new = content_hash(src)
    entry = manifest.get(rel)
    if dst.is_dir():
        _folder_in_the_way(rel, src, workspace, manifest, report, settings)
        return
    if not dst.exists():
        _copy(src, dst)
        (report.restored if entry else report.added).append(rel)
        manifest[rel] = {"kursus": new}
        return
    mine = _hash_or_none(dst)
    if mine == new:  # already the course's version (or the learner made the same change)
        manifest[rel] = {"kursus": new}
        return
    if entry is not None and mine is not None and mine == entry["kursus"]:  # untouched: update
        _copy(src, dst)
        report.updated.append(rel)
        manifest[rel] = {"kursus": new}
        return
    # The learner's own version (or their folder of that name): keep it, offer the course's
    # beside it, once per course version.
    base = entry["kursus"] if entry else ""
    if entry is not None and base == new:
        report.kept.append(rel)
        return
    if entry is None or entry.get("ditawarkan") != new:
        _offer(rel, src, workspace, manifest, report, settings)
    manifest[rel] = {"kursus": base, "ditawarkan": new}
    report.kept.append(rel)


def _folder_in_the_way(
    rel: str,
    src: Path,
    workspace: Path,
    manifest: dict[str, dict[str, str]],
    report: SyncReport,
    settings: Settings,
) -> None:
    """A folder of the learner's where a course file belongs: leave it, offer the file beside."""
    report.blocked.append(
        f"{rel}: di ruang kerja ada folder dengan nama itu; folder Anda tidak diubah, versi "
        "kursus diletakkan di sebelahnya."
    )
    entry = manifest.get(rel)
    new = content_hash(src)
    if entry is None or entry.get("ditawarkan") != new:
        _offer(rel, src, workspace, manifest, report, settings)
    manifest[rel] = {"kursus": entry["kursus"] if entry else "", "ditawarkan": new}


def _offer(
    rel: str,
    src: Path,
    workspace: Path,
    manifest: dict[str, dict[str, str]],
    report: SyncReport,
    settings: Settings,
) -> None:
    """Write the course's version of ``rel`` beside the learner's as ``…--versi-baru``."""
    offer = _beside(rel, NEW_VERSION_MARK)
    target = workspace / offer
    if target.exists() and _hash_or_none(target) != manifest.get(offer, {}).get("kursus"):
        # The learner edited an earlier offered copy too (or made a folder of that name):
        # never overwrite it.
        stamp = datetime.now(settings.tz).strftime("%Y%m%d-%H%M%S")
        offer = _beside(rel, f"{NEW_VERSION_MARK}-{stamp}")
        target = workspace / offer
    _copy(src, target)
    manifest[offer] = {"kursus": content_hash(src)}
    report.offered.append(offer)


def _blocking_file(workspace: Path, rel: str) -> str | None:
    """The learner's file standing where the course needs a folder (``data`` for
    ``data/layanan.csv``), as a workspace-relative name, or None."""
    parts = Path(rel).parts[:-1]
    for i in range(1, len(parts) + 1):
        folder = workspace.joinpath(*parts[:i])
        if folder.exists() and not folder.is_dir():
            return Path(*parts[:i]).as_posix()
    return None


def _clean_leftovers(workspace: Path, report: SyncReport) -> None:
    """Remove temporary files an interrupted write left behind (``.nama.ipynb.1a2b3c4d.ipynb``).

    Only files named exactly as :func:`workbench.storage.atomic_path` names them, and older
    than a minute (a write under way right now is left alone), are removed.
    """
    now = time.time()
    for path in workspace.rglob(".*"):
        match = _TEMPORARY.match(path.name)
        if match is None or not path.is_file():
            continue
        if match["suffix"] not in (Path(match["name"]).suffix, ".tmp"):
            continue
        try:
            if now - path.stat().st_mtime < _LEFTOVER_AGE:
                continue
            path.unlink()
        except OSError:
            continue  # a leftover that cannot be removed does no harm: it stays hidden
        report.cleaned.append(path.relative_to(workspace).as_posix())


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
    if dst.exists() and _hash_or_none(dst) != content_hash(src):
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
        mine = _hash_or_none(dst)
        if not dst.exists():
            state = "belum ada"
        elif mine is None:
            state = "terhalang (ada folder atau berkas tak terbaca dengan nama itu)"
        elif mine == new:
            state = "sama dengan kursus"
        elif entry.get("kursus") == mine:
            state = "versi baru tersedia"
        else:
            state = "diubah peserta"
        rows.append((rel, state))
    return rows


def output_path(name: str, *, settings: Settings | None = None) -> Path:
    """Where a module saves a file it makes: ``<ruang kerja>/hasil/<name>`` (folder created).

    Reports, plans and CSV files written there appear in the learner's file browser (folder
    ``hasil``), where they can open or download them (right click › *Unduh*); the state
    folder, outside JupyterLab's root, is not visible to them.
    """
    settings = settings or get_settings()
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise WorkbenchError(
            f"Nama berkas hasil '{name}' harus nama biasa (misalnya 'laporan.xlsx'), tanpa "
            "folder di depannya."
        )
    target = Path(settings.workspace_dir) / OUTPUT_FOLDER / relative
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbenchError(f"Folder {target.parent} {os_reason(exc)}.") from exc
    return target


def shown(path: str | Path, *, settings: Settings | None = None) -> str:
    """``path`` as the learner finds it: relative to their workspace (``hasil/laporan.xlsx``,
    the file browser's folders) when it is inside, else in full."""
    settings = settings or get_settings()
    path = Path(path)
    workspace = Path(settings.workspace_dir)
    for base in (workspace, workspace.resolve()):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return str(path)


@dataclass(frozen=True)
class Backup:
    """One backup of a learner's work: the zip file, what went in, and how big it is."""

    path: Path
    files: tuple[str, ...]
    size: int
    workspace: Path

    def __str__(self) -> str:
        from workbench import formatting as fmt

        kilobytes = fmt.number(self.size / 1024, decimals=0)
        what = f"({fmt.count(len(self.files))} berkas, {kilobytes} KB)"
        if self.path.is_relative_to(self.workspace):
            return (
                f"Cadangan dibuat: {self.path.relative_to(self.workspace).as_posix()} {what}. "
                "Klik kanan berkas itu di penjelajah berkas, pilih Unduh, lalu simpan di "
                "flashdisk atau kirim ke surel Anda sendiri."
            )
        return f"Cadangan dibuat: {self.path} {what}."

    __repr__ = __str__


def backup(
    *,
    to: Path | None = None,
    settings: Settings | None = None,
    learner: str | None = None,
) -> Backup:
    """Zip the learner's own work: every file they changed or made, and their progress.

    Course files the learner never changed are left out (the course always has them); so are
    earlier backups. The learner's progress record goes in as ``progres-latihan/<nama>.json``.
    The zip is written to ``to`` (a folder), by default ``cadangan/`` in the workspace, where
    the file browser shows it for download. Unzipping it into the workspace puts every file
    back where it was.
    """
    settings = settings or get_settings()
    workspace = Path(settings.workspace_dir).resolve()
    if not workspace.is_dir():
        raise WorkbenchError(
            f"Ruang kerja {workspace} belum ada: jalankan 'make lab' (atau 'python mulai.py') "
            "sekali untuk membuatnya."
        )
    from workbench.practice.progress import ProgressStore

    store = ProgressStore(learner, settings=settings)
    folder = Path(to) if to is not None else workspace / BACKUP_FOLDER
    stamp = datetime.now(settings.tz).strftime("%Y%m%d-%H%M%S")
    target = folder / f"pekerjaan-{store.learner}-{stamp}.zip"
    members = list(_own_files(workspace, target))
    if store.path.is_file():
        members.append((store.path, f"progres-latihan/{store.path.name}"))
    _write_zip(target, members)
    return Backup(target, tuple(name for _, name in members), target.stat().st_size, workspace)


def _own_files(workspace: Path, target: Path) -> Iterator[tuple[Path, str]]:
    """(file, name in the zip) for every workspace file that is the learner's."""
    manifest = _read_manifest(workspace)
    for path in sorted(workspace.rglob("*")):
        rel = path.relative_to(workspace)
        if not path.is_file() or path == target:
            continue
        if any(part in _SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        name = rel.as_posix()
        if rel.parts[0] == BACKUP_FOLDER and path.suffix == ".zip":
            continue  # an earlier backup
        entry = manifest.get(name)
        if entry is not None and _hash_or_none(path) == entry.get("kursus"):
            continue  # the course's copy, never changed
        yield path, name


def _write_zip(target: Path, members: list[tuple[Path, str]]) -> None:
    import zipfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            atomic_path(target) as tmp,
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for path, name in members:
                archive.write(path, name)
    except OSError as exc:
        raise WorkbenchError(f"Cadangan {target} {os_reason(exc)}.") from exc
