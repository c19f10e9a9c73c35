"""Parallel, fault-tolerant, sandboxed autograding: exactly the scores of ``nbgrader autograde``.

Design (why the scores are identical, the gradebook is never locked and no learner can harm
another):

1. Each learner is graded by a worker process in a private copy of the course
   (:mod:`workbench.grading.worker`): nbgrader's own ``Autograde`` converter runs unchanged on
   a snapshot of the gradebook, with the learner's kernel in a sandbox of its own
   (:mod:`workbench.grading.sandbox`, :mod:`workbench.grading.kernel`). Workers never open the
   real gradebook for writing, and no sandbox sees the course, the gradebook, other learners'
   work or another sandbox.
2. The parent process moves each finished learner's rows (submission, notebooks, grades,
   comments) from the snapshot into the real gradebook in one transaction, one learner at a
   time, together with a status row: how grading went, why, and what a trainer should look at
   ("perlu diperiksa pelatih", also added to the learner's Formgrader comment). Only one writer
   ever touches the real gradebook; SQLite's busy timeout lets it wait politely for a
   formgrader that happens to be writing at the same moment.
3. Hostile or broken work cannot stop the batch: one that nbgrader cannot grade is graded as the
   blank released notebook (zero for its tests) with the reason recorded; a kernel that dies,
   hangs or floods fails only its own cells; every learner ends with a grade and a reason.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import pandas as pd

from workbench.config import get_settings
from workbench.errors import WorkbenchError
from workbench.grading.course import STATUS_TABLE, Course, open_course
from workbench.grading.sandbox import Cage, cleanup_leftovers, grading_cage
from workbench.grading.worker import GradeOutcome, Job, check_submission, grade_safely

__all__ = ["GradeOutcome", "autograde", "check_submission"]

REPORT_COLUMNS = ["nip", "status", "nilai", "nilai_maksimal", "alasan", "perlu_diperiksa", "detik"]
#: Prefix of the review note in the learner's Formgrader comment.
REVIEW_NOTE = "⚠ Perlu diperiksa pelatih"


def _submitted_students(course: Course, assignment: str) -> list[str]:
    root = course.folder("submitted")
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / assignment).is_dir())


def _chosen(course: Course, assignment: str, students) -> list[str]:
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
    return chosen


def autograde(
    assignment: str,
    *,
    course: str | os.PathLike | Course | None = None,
    students: str | Iterable[str] | None = None,
    jobs: int | None = None,
    cell_timeout: int | None = None,
    memory_mb: int | None = None,
    sandbox: bool = True,
    progress: Callable[[int, int, GradeOutcome], None] | None = None,
) -> pd.DataFrame:
    """Autograde every submission of ``assignment`` (or only ``students``) with ``jobs`` workers
    (default: two per CPU core, at most 8), each learner in a sandbox of their own.

    Returns one row per learner: ``nip, status, nilai, nilai_maksimal, alasan,
    perlu_diperiksa, detik``. ``perlu_diperiksa`` names what a trainer should look at (code
    reaching for the grader, see :mod:`workbench.grading.inspection`); the score stands.
    ``cell_timeout`` (seconds per cell) and ``memory_mb`` (per grading kernel) override the
    course configuration and ``[grading] memory_mb``. ``sandbox=False`` (``--no-sandbox``)
    grades without the sandbox where none is possible (trusted work only).
    ``progress(done, total, outcome)`` is called after each learner is written to the gradebook.
    """
    course = open_course(course)
    _ensure_generated(course, assignment)
    chosen = _chosen(course, assignment, students)
    # Default: two learners per core, so one learner's kernel start-up and waits overlap
    # another's computing (CPU-bound parts of grading are short).
    jobs = max(1, int(jobs or min(2 * (os.cpu_count() or 1), 8)))
    cage = grading_cage(course, memory_mb=memory_mb, jobs=jobs, sandbox=sandbox)
    if not cage.sandbox and cage.user:
        protect_course(course)
    cleanup_leftovers()
    batch = Path(tempfile.mkdtemp(prefix=f"wb-nilai-{os.getpid()}-"))
    job_list = [_job(course, assignment, student, cell_timeout, cage, batch) for student in chosen]
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

    try:
        _run_jobs(job_list, jobs, finish)
    finally:
        from workbench.grading.kernel import stop_zygote

        stop_zygote()  # the one graded in this process (--jobs 1); workers' die with them
        shutil.rmtree(batch, ignore_errors=True)
    from workbench.grading.late import refresh_penalties

    refresh_penalties(course, assignment)
    return _report(course, assignment, outcomes)


def _job(course: Course, assignment: str, student: str, cell_timeout, cage: Cage, batch) -> Job:
    return Job(
        assignment=assignment,
        student=student,
        config=course.config,
        db_path=str(course.db_path),
        source_dir=str(course.folder("source", assignment=assignment)),
        submitted_dir=str(course.folder("submitted", student, assignment)),
        release_dir=str(course.folder("release", assignment=assignment)),
        cell_timeout=cell_timeout,
        cage=cage,
        batch_dir=str(batch) if batch is not None else None,
    )


def _run_jobs(job_list: list[Job], jobs: int, finish) -> None:
    if jobs == 1 or len(job_list) == 1:
        for job in job_list:
            finish(grade_safely(job))
        return
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(job_list)), mp_context=context) as pool:
        futures = {pool.submit(grade_safely, job): job for job in job_list}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a worker process died (killed, out of memory)
                outcome = GradeOutcome(job.student, "gagal", [f"proses penilai berhenti: {exc!r}"])
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
                    "perlu_diperiksa": outcome.review_text,
                    "detik": round(outcome.seconds, 1),
                }
            )
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


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
    """Without a sandbox, as root: make what learner code must not read private to the trainer
    (no access for 'others'): the source course, submitted, autograded and feedback folders and
    the gradebook. Returns the paths changed. (The sandbox shows none of them at all.)"""
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


# --- parent side ---------------------------------------------------------------------------------
_TABLES_BY_SUBMISSION = ("comment", "grade")


def _merge(course: Course, assignment: str, outcome: GradeOutcome) -> None:
    """Move one learner's rows from the worker's snapshot into the real gradebook, atomically."""
    from workbench.storage import sqlite_transaction

    root = Path(outcome.workdir) / "kursus" if outcome.workdir else None
    now = pd.Timestamp.now(tz=get_settings().tz).strftime("%Y-%m-%d %H:%M:%S")
    con = course.connect()
    try:
        graded = outcome.status != "gagal" and root is not None
        if graded:
            con.execute("ATTACH DATABASE ? AS w", (str(root / "gradebook.db"),))
        with sqlite_transaction(con):
            if graded:
                _copy_rows(con, assignment, outcome.student)
                _note_review(con, assignment, outcome)
            con.execute(
                f"INSERT OR REPLACE INTO {STATUS_TABLE} "
                "(assignment, student, status, reason, graded_at, review) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    assignment,
                    outcome.student,
                    outcome.status,
                    outcome.reason,
                    now,
                    outcome.review_text,
                ),
            )
    finally:
        con.close()
    if outcome.status != "gagal" and root is not None:
        _replace_folder(
            root / "autograded" / outcome.student / assignment,
            course.folder("autograded", outcome.student, assignment),
        )


def _replace_folder(produced: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.baru"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(produced, staging)
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)


def _note_review(con, assignment: str, outcome: GradeOutcome) -> None:
    """Add the review note to the learner's Formgrader comment: on the solution cells the
    findings point at, or the notebook's first solution cell when they point elsewhere."""
    if not outcome.review:
        return
    rows = con.execute(
        "SELECT c.id, sn_nb.name, bc.name, c.auto_comment FROM main.comment c "
        "JOIN main.submitted_notebook sn ON c.notebook_id = sn.id "
        "JOIN main.notebook sn_nb ON sn.notebook_id = sn_nb.id "
        "JOIN main.submitted_assignment sa ON sn.assignment_id = sa.id "
        "JOIN main.assignment a ON sa.assignment_id = a.id "
        "JOIN main.base_cell bc ON c.cell_id = bc.id "
        "WHERE a.name = ? AND sa.student_id = ? ORDER BY sn_nb.name, bc.name",
        (assignment, outcome.student),
    ).fetchall()
    chosen: dict[str, list] = {}
    for cid, notebook, cell, auto in rows:
        cells = outcome.review_cells.get(f"{notebook}.ipynb", [])
        if cell in cells:
            chosen.setdefault(notebook, []).append((cid, auto))
    for cid, notebook, _cell, auto in rows:
        chosen.setdefault(notebook, [(cid, auto)])
    note = f"{REVIEW_NOTE}: {outcome.review_text}"
    for pairs in chosen.values():
        for cid, auto in pairs:
            text = f"{auto}\n\n{note}" if auto else note
            con.execute("UPDATE main.comment SET auto_comment = ? WHERE id = ?", (text, cid))


def _copy_rows(con, assignment: str, student: str) -> None:
    main_id = con.execute("SELECT id FROM main.assignment WHERE name = ?", (assignment,)).fetchone()
    work_id = con.execute("SELECT id FROM w.assignment WHERE name = ?", (assignment,)).fetchone()
    if main_id is None or work_id is None or tuple(main_id) != tuple(work_id):
        raise WorkbenchError(
            f"Tugas '{assignment}' di gradebook berubah selama penilaian; jalankan ulang autograde."
        )
    aid = main_id[0]
    con.execute(
        "INSERT OR IGNORE INTO main.student SELECT * FROM w.student WHERE id = ?", (student,)
    )
    for db, verb in (("main", "DELETE FROM"), ("w", None)):
        subs = (
            f"SELECT id FROM {db}.submitted_assignment WHERE assignment_id = ? AND student_id = ?"
        )
        notebooks = f"SELECT id FROM {db}.submitted_notebook WHERE assignment_id IN ({subs})"
        if verb is None:
            _insert_rows(con, subs, notebooks, aid, student)
            continue
        for table in _TABLES_BY_SUBMISSION:
            con.execute(f"{verb} main.{table} WHERE notebook_id IN ({notebooks})", (aid, student))
        con.execute(
            f"{verb} main.submitted_notebook WHERE assignment_id IN ({subs})", (aid, student)
        )
        con.execute(
            f"{verb} main.submitted_assignment WHERE assignment_id = ? AND student_id = ?",
            (aid, student),
        )


def _insert_rows(con, subs: str, notebooks: str, aid, student: str) -> None:
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
