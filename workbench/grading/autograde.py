"""Parallel, fault-tolerant autograding that gives exactly the scores of ``nbgrader autograde``.

Design (why the scores are identical and the gradebook is never locked):

1. Each learner is graded by a worker process in a private copy of the course: the learner's
   submission, the assignment's non-notebook source files and a snapshot of the gradebook (made
   with SQLite's backup API). Inside that copy nbgrader's own ``Autograde`` converter runs
   unchanged, with nbgrader's own preprocessors, so the rows it writes are the rows it would
   have written into the real gradebook. Workers never open the real gradebook for writing.
2. The parent process moves each finished learner's rows (submission, notebooks, grades,
   comments) from the snapshot into the real gradebook in one ``BEGIN IMMEDIATE`` transaction,
   one learner at a time, together with a status row saying how grading went and why. Only one
   writer ever touches the real gradebook, and SQLite's busy timeout lets it wait politely for
   a formgrader that happens to be writing at the same moment.
3. Hostile or broken work cannot stop the batch: before grading, each submitted notebook is
   checked (unreadable, empty, another assignment's notebook, duplicated cell ids); one that
   nbgrader cannot grade is graded as the blank released notebook (zero for its tests) with
   the reason recorded. Kernels run with limits and, as root, as an unprivileged user
   (:mod:`workbench.grading.sandbox`); a dying kernel fails only its own remaining cells.
"""

from __future__ import annotations

import copy
import json
import logging
import multiprocessing
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench.config import get_settings
from workbench.errors import WorkbenchError
from workbench.grading.course import STATUS_TABLE, Course, ensure_status_table, open_course

__all__ = ["GradeOutcome", "autograde"]


@dataclass
class GradeOutcome:
    """How one learner's autograde went."""

    student: str
    status: str  # "dinilai", "dinilai dengan catatan", "gagal"
    reasons: list[str] = field(default_factory=list)
    workdir: str | None = None
    seconds: float = 0.0

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class _Job:
    assignment: str
    student: str
    config: object
    db_path: str
    source_dir: str
    submitted_dir: str
    release_dir: str
    cell_timeout: int | None
    memory_mb: int
    sandbox_user: str | None


def _submitted_students(course: Course, assignment: str) -> list[str]:
    root = course.folder("submitted")
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / assignment).is_dir())


def autograde(
    assignment: str,
    *,
    course: str | os.PathLike | Course | None = None,
    students: str | Iterable[str] | None = None,
    jobs: int | None = None,
    cell_timeout: int | None = None,
    memory_mb: int | None = None,
    progress: Callable[[int, int, GradeOutcome], None] | None = None,
) -> pd.DataFrame:
    """Autograde every submission of ``assignment`` (or only ``students``) with ``jobs`` workers
    (default: two per CPU core, at most 8).

    Returns one row per learner: ``nip, status, nilai, nilai_maksimal, alasan, detik``.
    ``cell_timeout`` (seconds per cell) and ``memory_mb`` (per grading kernel) override the
    course configuration and ``[grading] memory_mb``. ``progress(done, total, outcome)`` is
    called after each learner is written to the gradebook.
    """
    course = open_course(course)
    settings = get_settings()
    _ensure_generated(course, assignment)
    available = _submitted_students(course, assignment)
    if students is None:
        chosen = available
    else:
        wanted = [students] if isinstance(students, str) else list(students)
        missing = [s for s in wanted if s not in available]
        if missing:
            raise WorkbenchError(
                f"Tidak ada kiriman tugas '{assignment}' dari: {', '.join(missing)} (folder "
                f"{course.folder('submitted')}). Kumpulkan dulu dengan 'workbench grade collect'."
            )
        chosen = wanted
    if not chosen:
        raise WorkbenchError(
            f"Belum ada kiriman tugas '{assignment}' di {course.folder('submitted')}. "
            "Kumpulkan dulu dengan 'workbench grade collect'."
        )
    sandbox_user = settings.grading_sandbox_user if _is_root() else None
    if sandbox_user:
        protect_course(course)
    job_list = [
        _Job(
            assignment=assignment,
            student=student,
            config=course.config,
            db_path=str(course.db_path),
            source_dir=str(course.folder("source", assignment=assignment)),
            submitted_dir=str(course.folder("submitted", student, assignment)),
            release_dir=str(course.folder("release", assignment=assignment)),
            cell_timeout=cell_timeout,
            memory_mb=int(memory_mb or settings.grading_memory_mb),
            sandbox_user=sandbox_user,
        )
        for student in chosen
    ]
    # Default: two learners per core, so one learner's kernel start-up and waits overlap
    # another's computing (CPU-bound parts of grading are short).
    jobs = max(1, int(jobs or min(2 * (os.cpu_count() or 1), 8)))
    outcomes: list[GradeOutcome] = []

    def finish(outcome: GradeOutcome) -> None:
        try:
            _merge(course, assignment, outcome)
        except Exception as exc:  # the batch goes on; the learner is reported as failed
            outcome.status = "gagal"
            outcome.reasons.append(f"nilai tidak bisa ditulis ke gradebook: {exc}")
        finally:
            if outcome.workdir:
                shutil.rmtree(outcome.workdir, ignore_errors=True)
        outcomes.append(outcome)
        if progress is not None:
            progress(len(outcomes), len(job_list), outcome)

    from workbench.grading import sandbox

    # One zygote for the whole batch: it imports IPython and pandas once and forks a warm,
    # caged kernel for every learner (workers inherit its address through the fork).
    sandbox.limits.update(memory_mb=job_list[0].memory_mb, user=sandbox_user)
    sandbox.start_zygote()
    try:
        _run_jobs(job_list, jobs, finish)
    finally:
        sandbox.stop_zygote()
    return _report(course, assignment, outcomes)


def _run_jobs(job_list: list[_Job], jobs: int, finish) -> None:
    if jobs == 1:
        for job in job_list:
            finish(_grade_safely(job))
    else:
        context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        with ProcessPoolExecutor(max_workers=min(jobs, len(job_list)), mp_context=context) as pool:
            futures = {pool.submit(_grade_safely, job): job for job in job_list}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # a worker process died (killed, out of memory)
                    outcome = GradeOutcome(
                        job.student, "gagal", [f"proses penilai berhenti: {exc!r}"]
                    )
                finish(outcome)


def _report(course: Course, assignment: str, outcomes: list[GradeOutcome]) -> pd.DataFrame:
    rows = []
    with course.gradebook() as gb:
        max_score = float(gb.find_assignment(assignment).max_score or 0)
        for outcome in sorted(outcomes, key=lambda o: o.student):
            try:
                score = float(gb.find_submission(assignment, outcome.student).score or 0)
            except Exception:
                score = None
            rows.append(
                {
                    "nip": outcome.student,
                    "status": outcome.status,
                    "nilai": score,
                    "nilai_maksimal": max_score,
                    "alasan": outcome.reason,
                    "detik": round(outcome.seconds, 1),
                }
            )
    return pd.DataFrame(
        rows, columns=["nip", "status", "nilai", "nilai_maksimal", "alasan", "detik"]
    )


def _ensure_generated(course: Course, assignment: str) -> None:
    """nbgrader grades against the assignment recorded by ``generate_assignment``; run it once
    if the gradebook or the release folder does not have it yet."""
    known = False
    if course.db_path.exists():
        with course.gradebook() as gb:
            known = assignment in {a.name for a in gb.assignments}
    release = course.folder("release", assignment=assignment)
    if known and release.is_dir() and any(release.glob("*.ipynb")):
        return
    if not course.folder("source", assignment=assignment).is_dir():
        course.require_assignment(assignment)
        raise WorkbenchError(
            f"Sumber tugas '{assignment}' tidak ada di {course.folder('source')}; nbgrader "
            "butuh versi sumber untuk menilai."
        )
    from workbench.grading.distribute import generate

    generate(assignment, course=course)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def protect_course(course: Course) -> list[Path]:
    """As root, make what learner code must not read private to the trainer (no access for
    'others'): the source course, submitted, autograded and feedback folders and the gradebook.
    Returns the paths changed."""
    changed = []
    candidates = [
        course.folder("source"),
        course.folder("submitted"),
        course.folder("autograded"),
        course.folder("feedback"),
        course.db_path,  # the file only: its folder may be the shared state folder
    ]
    for path in candidates:
        if path.exists() and path.stat().st_mode & 0o007:
            path.chmod(path.stat().st_mode & ~0o007)
            changed.append(path)
    return changed


# --- worker side ---------------------------------------------------------------------------------
def _grade_safely(job: _Job) -> GradeOutcome:
    started = time.monotonic()
    try:
        outcome = _grade(job)
    except Exception as exc:  # never lose a learner: report why
        outcome = GradeOutcome(job.student, "gagal", [f"kesalahan penilai: {exc!r}"])
    outcome.seconds = time.monotonic() - started
    return outcome


def _grade(job: _Job) -> GradeOutcome:
    # Everything in the private copy is readable by the grader only. Grading one learner may
    # run in the caller's own process (one job), so the caller's umask is given back after.
    old = os.umask(0o077)
    try:
        return _grade_private(job)
    finally:
        os.umask(old)


def _grade_private(job: _Job) -> GradeOutcome:
    from workbench.grading import sandbox

    sandbox.limits.update(memory_mb=job.memory_mb, user=job.sandbox_user)
    workdir = Path(tempfile.mkdtemp(prefix="wb-nilai-"))
    root = workdir / "kursus"
    outcome = GradeOutcome(job.student, "dinilai", workdir=str(workdir))
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
    shutil.copytree(job.submitted_dir, submission, symlinks=True)
    db = root / "gradebook.db"
    _snapshot(Path(job.db_path), db)

    outcome.reasons += check_submission(submission, Path(job.release_dir))
    config = _worker_config(job, root, db)
    error = _run_nbgrader(config, job.assignment, job.student)
    if error is not None:
        # nbgrader could not grade this work at all: grade the blank released notebooks instead,
        # so the learner still ends with a grade (zero for tests) and the reason.
        outcome.reasons.append(f"nbgrader tidak bisa menilai kiriman ini ({error})")
        for nb in Path(job.release_dir).glob("*.ipynb"):
            shutil.copy2(nb, submission / nb.name)
        outcome.reasons.append("dinilai sebagai notebook kosong")
        _snapshot(Path(job.db_path), db)
        error = _run_nbgrader(config, job.assignment, job.student)
        if error is not None:
            outcome.status = "gagal"
            outcome.reasons.append(f"penilaian ulang juga gagal ({error})")
            return outcome
    outcome.reasons += _execution_notes(root / "autograded" / job.student / job.assignment)
    if outcome.reasons:
        outcome.status = "dinilai dengan catatan"
    return outcome


def _snapshot(source: Path, target: Path) -> None:
    if target.exists():
        target.unlink()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _worker_config(job: _Job, root: Path, db: Path):
    config = copy.deepcopy(job.config)
    cd = config.CourseDirectory
    cd.root = str(root)
    cd.db_url = f"sqlite:///{db}"
    cd.source_directory = "source"
    cd.submitted_directory = "submitted"
    cd.autograded_directory = "autograded"
    cd.feedback_directory = "feedback"
    cd.release_directory = "release"
    from workbench.grading.sandbox import GuardedExecute

    preprocessors = config.Autograde.get("autograde_preprocessors")
    if not preprocessors:
        from nbgrader.converters import Autograde

        preprocessors = list(Autograde.class_traits()["autograde_preprocessors"].default())
    from nbgrader.preprocessors import Execute

    config.Autograde.autograde_preprocessors = [
        GuardedExecute if p is Execute or p == "nbgrader.preprocessors.Execute" else p
        for p in preprocessors
    ]
    # The course's Execute settings (timeout ...) apply to GuardedExecute, a subclass.
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
    import nbformat

    notes: list[str] = []
    for blank in sorted(release.glob("*.ipynb")):
        path = folder / blank.name
        if not path.exists():
            notes.append(f"{blank.name} tidak dikumpulkan (nilai 0 untuk notebook ini)")
            continue
        expected = _grade_ids(json.loads(blank.read_text(encoding="utf-8")))
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            nb = nbformat.from_dict(raw)
            if nb.get("nbformat") != 4 or not isinstance(nb.get("cells"), list):
                raise ValueError("bukan notebook versi 4")
        except (OSError, ValueError, UnicodeDecodeError, AttributeError, TypeError):
            shutil.copy2(blank, path)
            notes.append(f"{blank.name} rusak atau kosong; dinilai sebagai notebook kosong")
            continue
        found = _grade_ids(raw)
        dirty = False
        if expected and not (set(found) & set(expected)):
            shutil.copy2(blank, path)
            notes.append(
                f"{blank.name} bukan notebook tugas ini (tidak ada sel bernilainya); "
                "dinilai sebagai notebook kosong"
            )
            continue
        duplicated = sorted({g for g in found if found.count(g) > 1})
        if duplicated:
            # nbgrader's DeduplicateIds keeps the last copy and empties the others' metadata,
            # which its own CheckCellMetadata then rejects as "old format", aborting the whole
            # batch. Doing the same here, but dropping the metadata, keeps nbgrader's choice.
            seen: set[str] = set()
            for cell in reversed(raw["cells"]):
                meta = (cell.get("metadata") or {}).get("nbgrader")
                gid = str(meta.get("grade_id")) if isinstance(meta, dict) else None
                if gid in duplicated:
                    if gid in seen:
                        del cell["metadata"]["nbgrader"]
                    seen.add(gid)
            dirty = True
            notes.append(
                "sel bernilai muncul lebih dari sekali: "
                + ", ".join(duplicated)
                + " (yang terakhir dinilai)"
            )
        deleted = [g for g in expected if g not in found]
        if deleted:
            notes.append("sel bernilai dihapus peserta: " + ", ".join(deleted))
        changed = _changed_types(raw, json.loads(blank.read_text(encoding="utf-8")))
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


def _execution_notes(folder: Path) -> list[str]:
    """Why cells failed in a way a trainer should know (timeout, dead kernel, memory)."""
    notes = []
    names = {
        "CellTimeoutError": "sel melewati batas waktu (perulangan tanpa akhir?)",
        "KernelMati": "kernel mati (os._exit, crash, atau batas memori)",
        "MemoryError": "kode memakai memori melebihi batas",
        "SystemExit": "kode memanggil sys.exit()",
    }
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        seen = []
        for cell in nb.get("cells", []):
            for output in cell.get("outputs", []):
                name = output.get("ename")
                if name in names and names[name] not in seen:
                    seen.append(names[name])
                if output.get("output_type") == "stream" and "[keluaran dipotong" in "".join(
                    output.get("text", "")
                ):
                    note = "keluaran sangat besar dipotong"
                    if note not in seen:
                        seen.append(note)
        notes += seen
    return notes


# --- parent side ---------------------------------------------------------------------------------
_TABLES_BY_SUBMISSION = ("comment", "grade")


def _merge(course: Course, assignment: str, outcome: GradeOutcome) -> None:
    """Move one learner's rows from the worker's snapshot into the real gradebook, atomically."""
    if outcome.workdir is None:
        return
    root = Path(outcome.workdir) / "kursus"
    snapshot = root / "gradebook.db"
    now = pd.Timestamp.now(tz=get_settings().tz).strftime("%Y-%m-%d %H:%M:%S")
    con = sqlite3.connect(course.db_path, timeout=120, isolation_level=None)
    try:
        con.execute("PRAGMA busy_timeout = 120000")
        ensure_status_table(con)
        con.execute("ATTACH DATABASE ? AS w", (str(snapshot),))
        con.execute("BEGIN IMMEDIATE")
        try:
            if outcome.status != "gagal":
                _copy_rows(con, assignment, outcome.student)
            con.execute(
                f"INSERT OR REPLACE INTO {STATUS_TABLE} VALUES (?, ?, ?, ?, ?)",
                (assignment, outcome.student, outcome.status, outcome.reason, now),
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    if outcome.status != "gagal":
        produced = root / "autograded" / outcome.student / assignment
        target = course.folder("autograded", outcome.student, assignment)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.parent / f".{assignment}.baru"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(produced, staging)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)


def _copy_rows(con: sqlite3.Connection, assignment: str, student: str) -> None:
    main_id = con.execute("SELECT id FROM main.assignment WHERE name = ?", (assignment,)).fetchone()
    work_id = con.execute("SELECT id FROM w.assignment WHERE name = ?", (assignment,)).fetchone()
    if main_id is None or work_id is None or main_id != work_id:
        raise WorkbenchError(
            f"Tugas '{assignment}' di gradebook berubah selama penilaian; jalankan ulang autograde."
        )
    aid = main_id[0]
    con.execute(
        "INSERT OR IGNORE INTO main.student SELECT * FROM w.student WHERE id = ?", (student,)
    )
    for db in ("main",):
        subs = (
            f"SELECT id FROM {db}.submitted_assignment WHERE assignment_id = ? AND student_id = ?"
        )
        notebooks = f"SELECT id FROM {db}.submitted_notebook WHERE assignment_id IN ({subs})"
        for table in _TABLES_BY_SUBMISSION:
            con.execute(
                f"DELETE FROM {db}.{table} WHERE notebook_id IN ({notebooks})", (aid, student)
            )
        con.execute(
            f"DELETE FROM {db}.submitted_notebook WHERE assignment_id IN ({subs})", (aid, student)
        )
        con.execute(
            f"DELETE FROM {db}.submitted_assignment WHERE assignment_id = ? AND student_id = ?",
            (aid, student),
        )
    subs = "SELECT id FROM w.submitted_assignment WHERE assignment_id = ? AND student_id = ?"
    notebooks = f"SELECT id FROM w.submitted_notebook WHERE assignment_id IN ({subs})"
    con.execute(
        "INSERT INTO main.submitted_assignment SELECT * FROM w.submitted_assignment "
        "WHERE assignment_id = ? AND student_id = ?",
        (aid, student),
    )
    con.execute(
        "INSERT INTO main.submitted_notebook SELECT * FROM w.submitted_notebook "
        f"WHERE assignment_id IN ({subs})",
        (aid, student),
    )
    for table in _TABLES_BY_SUBMISSION:
        con.execute(
            f"INSERT INTO main.{table} SELECT * FROM w.{table} WHERE notebook_id IN ({notebooks})",
            (aid, student),
        )
