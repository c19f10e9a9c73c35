"""Grading one learner in a private copy of the course (the autograde worker's side).

The copy holds the learner's submission (copied without following links, within the limits of
:mod:`workbench.grading.intake`), the assignment's non-notebook source files and a snapshot of
the gradebook. Inside it nbgrader's own ``Autograde`` converter runs unchanged, except that its
``Execute`` is :class:`~workbench.grading.kernel.GuardedExecute` (the sandboxed kernel), so the
rows it writes are the rows plain ``nbgrader autograde`` would write. Before grading, the
submission is repaired where nbgrader would stop (:func:`check_submission`) and read by the
static check (:mod:`workbench.grading.inspection`); after grading, what the kernels restored
or the grader saw joins the reasons a trainer should look.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from workbench.grading import kernel
from workbench.grading.inspection import course_imports, inspect_submission
from workbench.grading.intake import Refused, safe_copy
from workbench.grading.sandbox import Cage

__all__ = ["GradeOutcome", "Job", "check_submission", "grade_safely"]


@dataclass
class GradeOutcome:
    """How one learner's autograde went, and what a trainer should look at."""

    student: str
    status: str  # "dinilai", "dinilai dengan catatan", "gagal"
    reasons: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    #: Cells (grade ids) the review reasons point at, per notebook file name.
    review_cells: dict[str, list[str]] = field(default_factory=dict)
    workdir: str | None = None
    seconds: float = 0.0

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)

    @property
    def review_text(self) -> str:
        return "; ".join(dict.fromkeys(self.review))


@dataclass(frozen=True)
class Job:
    """One learner to grade, with everything the worker needs (no open handles)."""

    assignment: str
    student: str
    config: object
    db_path: str
    source_dir: str
    submitted_dir: str
    release_dir: str
    cell_timeout: int | None
    cage: Cage
    #: The batch's private folder (each worker's warm zygote keeps its folder there).
    batch_dir: str | None = None


def grade_safely(job: Job) -> GradeOutcome:
    """Grade one learner; never raises (a failure is an outcome with its reason)."""
    started = time.monotonic()
    try:
        outcome = _grade(job)
    except Exception as exc:  # never lose a learner: report why
        outcome = GradeOutcome(job.student, "gagal", [f"kesalahan penilai: {exc!r}"])
    outcome.seconds = time.monotonic() - started
    return outcome


def _grade(job: Job) -> GradeOutcome:
    # Everything in the private copy is readable by the grader only. Grading one learner may
    # run in the caller's own process (one job), so the caller's umask is given back after.
    old = os.umask(0o077)
    try:
        return _grade_private(job)
    finally:
        os.umask(old)


def _copy_course(job: Job, root: Path, outcome: GradeOutcome) -> Path:
    """The private copy: source files (not notebooks) and the submission; returns the
    submission folder. Raises :class:`Refused` for a submission over the limits."""
    (root / "source" / job.assignment).mkdir(parents=True)
    source = Path(job.source_dir)
    if source.is_dir():
        for path in source.rglob("*"):
            if (
                path.is_file()
                and path.suffix != ".ipynb"
                and ".ipynb_checkpoints" not in path.parts
            ):
                target = root / "source" / job.assignment / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    submission = root / "submitted" / job.student / job.assignment
    report = safe_copy(Path(job.submitted_dir), submission)
    if report.skipped:
        left_out = "dinilai tanpa: " + ", ".join(report.skipped[:5])
        outcome.reasons.append(left_out)
        outcome.review.append(left_out)
    return submission


def _grade_private(job: Job) -> GradeOutcome:
    workdir = Path(tempfile.mkdtemp(prefix=f"wb-nilai-{os.getpid()}-"))
    root = workdir / "kursus"
    outcome = GradeOutcome(job.student, "dinilai", workdir=str(workdir))
    try:
        submission = _copy_course(job, root, outcome)
    except Refused as exc:
        outcome.status = "gagal"
        outcome.reasons.append(f"kiriman tidak dinilai: {exc}")
        outcome.review.append(f"kiriman ditolak penilai: {exc}")
        return outcome
    db = root / "gradebook.db"
    snapshot_gradebook(Path(job.db_path), db)
    release = Path(job.release_dir)
    outcome.reasons += check_submission(submission, release)
    for finding in inspect_submission(submission, release):
        outcome.review.append(str(finding))
        outcome.review_cells.setdefault(finding.notebook, []).append(finding.cell)
    current = kernel.setup(
        cage=job.cage,
        base=workdir / "kernel",
        preload=_preload(job),
        warm=job.batch_dir is not None,
        zygote_base=Path(job.batch_dir) if job.batch_dir else None,
        folders=[],
    )
    try:
        return _run(job, root, db, submission, release, outcome)
    finally:
        for folder in current.folders:  # a zygote's kernels' folders, in the batch folder
            shutil.rmtree(folder, ignore_errors=True)


def _run(job: Job, root: Path, db: Path, submission: Path, release: Path, outcome) -> GradeOutcome:
    """nbgrader's Autograde on the private copy (again on the blank notebooks if it cannot)."""
    config = _worker_config(job, root, db)
    error = _run_nbgrader(config, job.assignment, job.student)
    if error is not None:
        # nbgrader could not grade this work at all: grade the blank released notebooks instead,
        # so the learner still ends with a grade (zero for tests) and the reason.
        outcome.reasons.append(f"nbgrader tidak bisa menilai kiriman ini ({error})")
        for nb in release.glob("*.ipynb"):
            shutil.copy2(nb, submission / nb.name)
        outcome.reasons.append("dinilai sebagai notebook kosong")
        snapshot_gradebook(Path(job.db_path), db)
        error = _run_nbgrader(config, job.assignment, job.student)
        if error is not None:
            outcome.status = "gagal"
            outcome.reasons.append(f"penilaian ulang juga gagal ({error})")
            return outcome
    outcome.reasons += execution_notes(root / "autograded" / job.student / job.assignment)
    outcome.review += kernel.findings(Path(outcome.workdir) / "kernel", kernel.setup().folders)
    if outcome.reasons:
        outcome.status = "dinilai dengan catatan"
    return outcome


def _preload(job: Job) -> list[str]:
    """Modules the course's cells import (the kernel loads them before its snapshot)."""
    return list(course_imports(sorted(Path(job.source_dir).glob("*.ipynb"))).modules)


def snapshot_gradebook(source: Path, target: Path) -> None:
    """A private copy of the gradebook, consistent even while others write (SQLite backup)."""
    from workbench.storage import connect_sqlite

    if target.exists():
        target.unlink()
    src = connect_sqlite(source, what="gradebook", readonly=True)
    dst = connect_sqlite(target, what="salinan gradebook", create=True, wal=False)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _worker_config(job: Job, root: Path, db: Path):
    config = copy.deepcopy(job.config)
    cd = config.CourseDirectory
    cd.root = str(root)
    cd.db_url = f"sqlite:///{db}"
    cd.source_directory = "source"
    cd.submitted_directory = "submitted"
    cd.autograded_directory = "autograded"
    cd.feedback_directory = "feedback"
    cd.release_directory = "release"
    from nbgrader.preprocessors import Execute

    from workbench.grading.kernel import GuardedExecute

    preprocessors = config.Autograde.get("autograde_preprocessors")
    if not preprocessors:
        from nbgrader.converters import Autograde

        preprocessors = list(Autograde.class_traits()["autograde_preprocessors"].default())
    config.Autograde.autograde_preprocessors = [
        GuardedExecute if p is Execute or p == "nbgrader.preprocessors.Execute" else p
        for p in preprocessors
    ]
    # The course's Execute settings (timeout ...) apply to GuardedExecute, a subclass. The
    # kernel is always Python (a notebook naming another kernel does not choose one).
    config.GuardedExecute.kernel_name = "python3"
    if job.cell_timeout is not None:
        config.GuardedExecute.timeout = int(job.cell_timeout)
    return config


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _run_nbgrader(config, assignment: str, student: str) -> str | None:
    """Run nbgrader's Autograde converter for one learner; None if it succeeded, else why."""
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment
    coursedir.student_id = student
    app = Autograde(coursedir=coursedir, config=config)
    app.force = True
    app.log.setLevel(logging.ERROR)
    handler = _Collect()
    app.log.addHandler(handler)
    try:
        app.start()
    except Exception as exc:
        lines = [m.strip() for m in handler.messages if m.strip()]
        detail = next(
            (m.splitlines()[-1] for m in reversed(lines) if "Traceback" in m or "Error" in m),
            lines[-1].splitlines()[-1] if lines else f"{type(exc).__name__}: {exc}",
        )
        return detail[:300]
    finally:
        app.log.removeHandler(handler)
    return None


def check_submission(folder: Path, release: Path) -> list[str]:
    """Repair what would stop nbgrader before it grades, and say what was found (Indonesian).

    A notebook that cannot be read (corrupted, empty) or that belongs to another assignment
    (none of its graded cells are this assignment's) is replaced by the blank released
    notebook; duplicated cell ids are renumbered (nbformat refuses them). Everything else is
    left to nbgrader, which restores changed or deleted locked cells from its own records.
    """
    notes: list[str] = []
    for blank in sorted(release.glob("*.ipynb")):
        path = folder / blank.name
        if not path.exists():
            notes.append(f"{blank.name} tidak dikumpulkan (nilai 0 untuk notebook ini)")
            continue
        notes += _check_notebook(path, blank)
    return notes


def _check_notebook(path: Path, blank: Path) -> list[str]:
    import nbformat

    released = json.loads(blank.read_text(encoding="utf-8"))
    expected = _grade_ids(released)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        nb = nbformat.from_dict(raw)
        if nb.get("nbformat") != 4 or not isinstance(nb.get("cells"), list):
            raise ValueError("bukan notebook versi 4")
    except (OSError, ValueError, UnicodeDecodeError, AttributeError, TypeError):
        shutil.copy2(blank, path)
        return [f"{blank.name} rusak atau kosong; dinilai sebagai notebook kosong"]
    found = _grade_ids(raw)
    if expected and not (set(found) & set(expected)):
        shutil.copy2(blank, path)
        return [
            f"{blank.name} bukan notebook tugas ini (tidak ada sel bernilainya); "
            "dinilai sebagai notebook kosong"
        ]
    notes: list[str] = []
    dirty = _drop_duplicates(raw, found, notes)
    deleted = [g for g in expected if g not in found]
    if deleted:
        notes.append("sel bernilai dihapus peserta: " + ", ".join(deleted))
    changed = _changed_types(raw, released)
    if changed:
        notes.append("jenis sel diubah peserta: " + ", ".join(changed))
    ids = [c.get("id") for c in raw.get("cells", []) if isinstance(c, dict)]
    if len(ids) != len(set(ids)) or None in ids:
        for index, cell in enumerate(raw["cells"]):
            cell["id"] = f"sel-{index}"
        raw["nbformat_minor"] = max(int(raw.get("nbformat_minor", 5)), 5)
        dirty = True
    if dirty:
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return notes


def _drop_duplicates(raw: dict, found: list[str], notes: list[str]) -> bool:
    """nbgrader's DeduplicateIds keeps the last copy and empties the others' metadata, which
    its own CheckCellMetadata then rejects as "old format", aborting the whole batch. Doing the
    same here, but dropping the metadata, keeps nbgrader's choice."""
    duplicated = sorted({g for g in found if found.count(g) > 1})
    if not duplicated:
        return False
    seen: set[str] = set()
    for cell in reversed(raw["cells"]):
        meta = (cell.get("metadata") or {}).get("nbgrader")
        gid = str(meta.get("grade_id")) if isinstance(meta, dict) else None
        if gid in duplicated:
            if gid in seen:
                del cell["metadata"]["nbgrader"]
            seen.add(gid)
    notes.append(
        "sel bernilai muncul lebih dari sekali: "
        + ", ".join(duplicated)
        + " (yang terakhir dinilai)"
    )
    return True


def _grade_ids(nb: dict) -> list[str]:
    ids = []
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        meta = (cell.get("metadata") or {}).get("nbgrader") if isinstance(cell, dict) else None
        if isinstance(meta, dict) and (meta.get("grade") or meta.get("solution")):
            ids.append(str(meta.get("grade_id")))
    return ids


def _changed_types(raw: dict, blank: dict) -> list[str]:
    types = {}
    for cell in blank.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id"):
            types[meta["grade_id"]] = cell.get("cell_type")
    changed = []
    for cell in raw.get("cells", []):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        gid = meta.get("grade_id")
        if gid in types and cell.get("cell_type") != types[gid] and gid not in changed:
            changed.append(gid)
    return changed


#: Errors a trainer should know about (exception name -> note).
_NOTES = {
    "CellTimeoutError": "sel melewati batas waktu (perulangan tanpa akhir?)",
    "KernelMati": "kernel mati (os._exit, crash, atau batas memori)",
    "BatasWaktuNotebook": "notebook melewati batas waktu seluruhnya",
    "MemoryError": "kode memakai memori melebihi batas",
    "SystemExit": "kode memanggil sys.exit()",
}


def execution_notes(folder: Path) -> list[str]:
    """Why cells failed in a way a trainer should know (timeout, dead kernel, memory)."""
    notes: list[str] = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for cell in nb.get("cells", []):
            for output in cell.get("outputs", []):
                note = _NOTES.get(output.get("ename"))
                text = (
                    "".join(output.get("text", "")) if output.get("output_type") == "stream" else ""
                )
                if note is None and "[keluaran dipotong" in text:
                    note = "keluaran sangat besar dipotong"
                if note is not None and note not in notes:
                    notes.append(note)
    return notes
