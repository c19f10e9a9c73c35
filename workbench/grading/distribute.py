"""Getting assignments to learners and their work back: through nbgrader's exchange, or through
folders and zip files for offices without a shared server (USB stick, e-mail).

Collect trusts nothing a learner wrote (:mod:`workbench.grading.intake`): from the exchange, a
submission's time is the exchange's record of its arrival (not ``timestamp.txt``), a folder not
owned by the account of the learner it names is refused, links are never followed, and file
count and size are limited before nbgrader sees anything.

Folder convention for returned work (``collect --from-folder``): every file's name **starts with
the learner's NIP** (the id in the gradebook), followed by anything, for example
``198001012005011001.ipynb``, ``198001012005011001_tugas-02-pandas.ipynb`` or
``198001012005011001 - Budi.zip``. A notebook file is taken as the assignment's notebook (for
assignments with a single notebook); a ``.zip`` holds the learner's assignment folder as
released (its notebooks at any depth). The file's modification time in that folder (the trainer
received it) is the submission time. Files that match no learner, links, and files that cannot
be read are reported and left alone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench.config import get_settings
from workbench.errors import WorkbenchError
from workbench.grading.course import Course, open_course
from workbench.grading.intake import (
    MAX_BYTES,
    Refused,
    extract_zip,
    latest_change,
    safe_copy,
    submissions_in_exchange,
)
from workbench.storage import atomic_path

__all__ = ["collect", "generate", "parse_due", "release"]


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()
        tail = "\n".join(detail[-6:])
        raise WorkbenchError(f"nbgrader gagal {what}:\n{tail}")


def generate(assignment: str, *, course: str | os.PathLike | Course | None = None) -> Path:
    """Make the learners' version of ``assignment`` (``nbgrader generate_assignment``)."""
    course = open_course(course)
    if not course.folder("source", assignment=assignment).is_dir():
        course.require_assignment(assignment)
        raise WorkbenchError(f"Sumber tugas '{assignment}' tidak ada di {course.folder('source')}.")
    _check(
        course.api().generate_assignment(assignment, force=True, create=True),
        f"membuat versi peserta tugas '{assignment}'",
    )
    return course.folder("release", assignment=assignment)


def parse_due(text: str) -> dt.datetime:
    """A deadline typed by a trainer in WIB ("10-03-2025 16.00", "10 Maret 2025 16.00"; a date
    alone means 23.59 that day), as the naive UTC datetime nbgrader stores."""
    from workbench.data.dates import parse_date, parse_dates

    parsed, _bad = parse_dates(pd.Series([text]), with_time=True)
    value = parsed.iloc[0]
    if pd.isna(value):
        try:
            day = parse_date(text, where="tenggat (--due)")
        except WorkbenchError as exc:
            raise WorkbenchError(
                f"Tenggat '{text}' tidak dikenali. Tulis tanggal dan jam WIB, misalnya "
                "'10-03-2025 16.00'."
            ) from exc
        value = pd.Timestamp(day) + pd.Timedelta(hours=23, minutes=59)
    aware = pd.Timestamp(value).tz_localize(get_settings().tz)
    return aware.tz_convert("UTC").tz_localize(None).to_pydatetime()


@dataclass
class ReleaseResult:
    assignment: str
    exchange: Path | None
    folders: list[Path]
    due: dt.datetime | None
    #: What the trainer should know (Indonesian), e.g. a deadline already past.
    warnings: list[str] = field(default_factory=list)


def release(
    assignment: str,
    *,
    course: str | os.PathLike | Course | None = None,
    to_folder: str | os.PathLike | None = None,
    due: str | None = None,
    progress=None,
) -> ReleaseResult:
    """Generate ``assignment``, release it to the exchange and, with ``to_folder``, also write one
    zip per learner on the roster (``<NIP>-<tugas>.zip``) for USB sticks or e-mail.

    ``due`` is the deadline in WIB; late work loses points by the course's late policy.
    """
    course = open_course(course)
    release_dir = generate(assignment, course=course)
    due_utc = parse_due(due) if due else None
    if due_utc is not None:
        with course.gradebook() as gb:
            gb.update_or_create_assignment(assignment, duedate=due_utc)
    exchange = None
    if os.name != "nt":
        course.exchange_root.mkdir(parents=True, exist_ok=True)
        # Released again (a corrected deadline, a fixed question): the new version replaces the
        # old one in the exchange; learners who fetched already keep theirs.
        api = course.api()
        api.config.ExchangeReleaseAssignment.force = True
        _check(api.release_assignment(assignment), f"merilis tugas '{assignment}'")
        exchange = course.exchange_root / course.course_id / "outbound" / assignment
    folders = []
    if to_folder is not None:
        folders = _write_zips(course, assignment, release_dir, Path(to_folder), due_utc, progress)
    return ReleaseResult(assignment, exchange, folders, due_utc, _due_warnings(due_utc))


def _due_warnings(due_utc: dt.datetime | None) -> list[str]:
    """A deadline already past: every submission would be late from the start."""
    if due_utc is None or due_utc > dt.datetime.now(dt.UTC).replace(tzinfo=None):
        return []
    from workbench.grading.results import wib_text

    return [
        f"Tenggat {wib_text(due_utc)} sudah lewat: setiap kiriman akan dihitung terlambat dan "
        "dipotong nilainya. Periksa tanggalnya, lalu rilis ulang dengan --due yang benar."
    ]


def _write_zips(course, assignment, release_dir, target: Path, due_utc, progress) -> list[Path]:
    """One zip per learner on the roster, each written whole or not at all."""
    target.mkdir(parents=True, exist_ok=True)
    with course.gradebook() as gb:
        students = sorted(s.id for s in gb.students)
    if not students:
        raise WorkbenchError(
            "Belum ada peserta di gradebook; impor daftar peserta dulu dengan "
            "'workbench grade roster import BERKAS'."
        )
    folders = []
    for i, student in enumerate(students, 1):
        path = target / f"{student}-{assignment}.zip"
        with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(release_dir.rglob("*")):
                if file.is_file():
                    zf.write(file, f"{assignment}/{file.relative_to(release_dir).as_posix()}")
            zf.writestr(f"{assignment}/PETUNJUK.txt", _instructions(assignment, student, due_utc))
        folders.append(path)
        if progress is not None:
            progress(i, len(students), student)
    return folders


def _instructions(assignment: str, student: str, due_utc: dt.datetime | None) -> str:
    due = ""
    if due_utc is not None:
        from workbench.grading.results import wib_text

        due = f"Tenggat: {wib_text(due_utc)}.\n"
    return (
        f"Tugas {assignment} untuk peserta NIP {student}.\n{due}\n"
        "1. Ekstrak zip ini, buka notebook di JupyterLab, kerjakan, simpan (Ctrl+S).\n"
        f"2. Kirim balik notebook dengan nama yang DIAWALI NIP Anda, misalnya\n"
        f"   {student}_{assignment}.ipynb (atau zip folder tugasnya: {student}.zip).\n"
    )


@dataclass
class CollectResult:
    assignment: str
    collected: list[str]
    unmatched: pd.DataFrame  # berkas, alasan: what was not collected, and why
    #: Collected, but with something left out (links, special files), per learner.
    notes: dict[str, str] = field(default_factory=dict)


def collect(
    assignment: str,
    *,
    course: str | os.PathLike | Course | None = None,
    from_folder: str | os.PathLike | None = None,
) -> CollectResult:
    """Collect submissions from the exchange or, with ``from_folder``, from returned files
    named by the convention in this module's docstring (see the module doc for what is
    refused and why)."""
    course = open_course(course)
    course.require_assignment(assignment)
    if from_folder is None:
        return _collect_exchange(course, assignment)
    return _collect_folder(course, assignment, Path(from_folder))


def _stamp(seconds: float) -> str:
    """A submission time as nbgrader's ``timestamp.txt`` holds it (UTC)."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z")


def _install(course: Course, student: str, assignment: str, fill) -> list[str]:
    """Build a learner's submitted folder beside its place with ``fill(staging)`` (which
    returns the submission time and notes) and swap it in whole."""
    dest = course.folder("submitted", student, assignment)
    staging = dest.parent / f".{assignment}.masuk"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        seconds, notes = fill(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    (staging / "timestamp.txt").write_text(_stamp(seconds), encoding="utf-8")
    if dest.exists():
        shutil.rmtree(dest)
    staging.rename(dest)
    return notes


def _collect_exchange(course: Course, assignment: str) -> CollectResult:
    inbound = course.exchange_root / course.course_id / "inbound"
    if not inbound.is_dir():
        raise WorkbenchError(
            f"Folder pertukaran {inbound} belum ada. Rilis tugas dulu dengan "
            f"'workbench grade release {assignment}', lalu minta peserta mengirim."
        )
    unmatched: list[tuple[str, str]] = []
    latest: dict[str, tuple[float, Path]] = {}
    for sub in submissions_in_exchange(inbound, assignment, course.accounts()):
        if sub.problem:
            unmatched.append((sub.path.name, sub.problem))
            continue
        try:
            arrived = latest_change(sub.path)
        except Refused as exc:
            unmatched.append((sub.path.name, str(exc)))
            continue
        if sub.student not in latest or arrived > latest[sub.student][0]:
            latest[sub.student] = (arrived, sub.path)
    collected, notes = [], {}
    for student, (arrived, path) in sorted(latest.items()):

        def fill(staging: Path, path=path, arrived=arrived):
            report = safe_copy(path, staging)
            # The exchange's record of the last arrival, never the learner's own clock.
            return max(arrived, report.latest_change), report.skipped

        try:
            skipped = _install(course, student, assignment, fill)
        except Refused as exc:
            unmatched.append((path.name, str(exc)))
            continue
        collected.append(student)
        if skipped:
            notes[student] = "tidak disalin: " + ", ".join(skipped[:5])
    frame = pd.DataFrame(unmatched, columns=["berkas", "alasan"])
    return CollectResult(assignment, collected, frame, notes)


def _collect_folder(course: Course, assignment: str, folder: Path) -> CollectResult:
    if not folder.is_dir():
        raise WorkbenchError(f"Folder kiriman {folder} tidak ditemukan.")
    with course.gradebook() as gb:
        students = sorted((s.id for s in gb.students), key=len, reverse=True)
    release_dir = course.folder("release", assignment=assignment)
    notebooks = sorted(p.name for p in release_dir.glob("*.ipynb")) if release_dir.is_dir() else []
    chosen, unmatched = _match_files(folder, students)
    collected = []
    for student, path in sorted(chosen.items()):
        try:
            _install(
                course, student, assignment, lambda staging, p=path: _unpack(p, staging, notebooks)
            )
        except (Refused, ValueError, zipfile.BadZipFile, OSError) as exc:
            unmatched.append((path.name, str(exc)))
            continue
        collected.append(student)
    frame = pd.DataFrame(unmatched, columns=["berkas", "alasan"])
    return CollectResult(assignment, sorted(collected), frame)


def _match_files(folder: Path, students: list[str]):
    """Each learner's newest file in ``folder`` (by the NIP its name starts with)."""
    chosen: dict[str, Path] = {}
    unmatched: list[tuple[str, str]] = []
    for path in sorted(folder.iterdir()):
        info = path.lstat()
        if path.name.startswith("."):
            continue
        if stat.S_ISLNK(info.st_mode):
            unmatched.append((path.name, "tautan simbolik; tidak diikuti"))
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        student = next((s for s in students if re.match(re.escape(s) + r"(\D|$)", path.name)), None)
        if student is None:
            unmatched.append((path.name, "nama berkas tidak diawali NIP peserta yang terdaftar"))
            continue
        other = chosen.get(student)
        if other is not None:
            older, newer = sorted([other, path], key=lambda p: p.lstat().st_mtime)
            unmatched.append((older.name, f"ada berkas lebih baru dari peserta ini: {newer.name}"))
            path = newer
        chosen[student] = path
    return chosen, unmatched


def _unpack(path: Path, staging: Path, notebooks: list[str]) -> tuple[float, list[str]]:
    """One returned file into the staging folder; returns its time and notes."""
    if path.stat().st_size > MAX_BYTES:
        raise Refused(f"berkas lebih dari {MAX_BYTES // (1024 * 1024)} MB")
    if path.suffix.lower() == ".ipynb":
        if len(notebooks) != 1:
            raise ValueError("tugas ini punya beberapa notebook; kirim zip folder tugasnya")
        with open(path, "rb") as src, open(staging / notebooks[0], "wb") as out:
            shutil.copyfileobj(src, out)
    elif path.suffix.lower() == ".zip":
        extract_zip(path, staging)
        (staging / "timestamp.txt").unlink(missing_ok=True)  # the learner's own clock
    else:
        raise ValueError("bukan .ipynb atau .zip")
    return path.lstat().st_mtime, []


def _submitted(course: Course, assignment: str) -> set[str]:
    root = course.folder("submitted")
    if not root.is_dir():
        return set()
    return {p.name for p in root.iterdir() if (p / assignment).is_dir()}
