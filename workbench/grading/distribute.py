"""Getting assignments to learners and their work back: through nbgrader's exchange, or through
folders and zip files for offices without a shared server (USB stick, e-mail).

Folder convention for returned work (``collect --from-folder``): every file's name **starts with
the learner's NIP** (the id in the gradebook), followed by anything, for example
``198001012005011001.ipynb``, ``198001012005011001_tugas-02-pandas.ipynb`` or
``198001012005011001 - Budi.zip``. A notebook file is taken as the assignment's notebook (for
assignments with a single notebook); a ``.zip`` holds the learner's assignment folder as
released (its notebooks at any depth). The file's modification time is the submission time.
Files that match no learner, or that cannot be read, are reported and left alone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench.config import get_settings
from workbench.errors import WorkbenchError
from workbench.grading.course import Course, open_course

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
        api = course.api()
        result = api.release_assignment(assignment)
        _check(result, f"merilis tugas '{assignment}' ke folder pertukaran")
        exchange = course.exchange_root / course.course_id / "outbound" / assignment
    folders = []
    if to_folder is not None:
        target = Path(to_folder)
        target.mkdir(parents=True, exist_ok=True)
        with course.gradebook() as gb:
            students = sorted(s.id for s in gb.students)
        if not students:
            raise WorkbenchError(
                "Belum ada peserta di gradebook; impor daftar peserta dulu dengan "
                "'workbench grade roster import BERKAS'."
            )
        for i, student in enumerate(students, 1):
            path = target / f"{student}-{assignment}.zip"
            tmp = path.with_suffix(".zip.tmp")
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
                for file in sorted(release_dir.rglob("*")):
                    if file.is_file():
                        zf.write(file, f"{assignment}/{file.relative_to(release_dir).as_posix()}")
                zf.writestr(
                    f"{assignment}/PETUNJUK.txt", _instructions(assignment, student, due_utc)
                )
            os.replace(tmp, path)
            folders.append(path)
            if progress is not None:
                progress(i, len(students), student)
    return ReleaseResult(assignment, exchange, folders, due_utc)


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
    unmatched: pd.DataFrame  # berkas, alasan


def collect(
    assignment: str,
    *,
    course: str | os.PathLike | Course | None = None,
    from_folder: str | os.PathLike | None = None,
) -> CollectResult:
    """Collect submissions from the exchange (``nbgrader collect``) or, with ``from_folder``,
    from returned files named by the convention in this module's docstring."""
    course = open_course(course)
    course.require_assignment(assignment)
    if from_folder is None:
        before = _submitted(course, assignment)
        _check(course.api().collect(assignment), f"mengumpulkan tugas '{assignment}'")
        after = _submitted(course, assignment)
        return CollectResult(
            assignment,
            sorted(after - before) or sorted(after),
            pd.DataFrame(columns=["berkas", "alasan"]),
        )
    folder = Path(from_folder)
    if not folder.is_dir():
        raise WorkbenchError(f"Folder kiriman {folder} tidak ditemukan.")
    with course.gradebook() as gb:
        students = sorted((s.id for s in gb.students), key=len, reverse=True)
    release_dir = course.folder("release", assignment=assignment)
    notebooks = sorted(p.name for p in release_dir.glob("*.ipynb")) if release_dir.is_dir() else []
    collected, unmatched = [], []
    chosen: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        student = next((s for s in students if re.match(re.escape(s) + r"(\D|$)", path.name)), None)
        if student is None:
            unmatched.append((path.name, "nama berkas tidak diawali NIP peserta yang terdaftar"))
            continue
        other = chosen.get(student)
        if other is not None:
            older, newer = sorted([other, path], key=lambda p: p.stat().st_mtime)
            unmatched.append((older.name, f"ada berkas lebih baru dari peserta ini: {newer.name}"))
            path = newer
        chosen[student] = path
    for student, path in sorted(chosen.items()):
        dest = course.folder("submitted", student, assignment)
        staging = dest.parent / f".{assignment}.masuk"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            if path.suffix.lower() == ".ipynb":
                if len(notebooks) != 1:
                    raise ValueError("tugas ini punya beberapa notebook; kirim zip folder tugasnya")
                shutil.copy2(path, staging / notebooks[0])
            elif path.suffix.lower() == ".zip":
                _extract(path, staging)
                if not any(staging.rglob("*.ipynb")):
                    raise ValueError("zip tidak berisi notebook")
            else:
                raise ValueError("bukan .ipynb atau .zip")
        except (ValueError, zipfile.BadZipFile, OSError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            unmatched.append((path.name, str(exc)))
            continue
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        (staging / "timestamp.txt").write_text(
            stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8"
        )
        if dest.exists():
            shutil.rmtree(dest)
        staging.rename(dest)
        collected.append(student)
    return CollectResult(
        assignment, sorted(collected), pd.DataFrame(unmatched, columns=["berkas", "alasan"])
    )


def _submitted(course: Course, assignment: str) -> set[str]:
    root = course.folder("submitted")
    if not root.is_dir():
        return set()
    return {p.name for p in root.iterdir() if (p / assignment).is_dir()}


def _extract(archive: Path, target: Path) -> None:
    """Extract a learner's zip safely: no paths outside ``target``, no huge files; the folder
    holding the notebooks becomes the assignment folder."""
    with zipfile.ZipFile(archive) as zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
        if sum(m.file_size for m in members) > 200 * 1024 * 1024:
            raise ValueError("isi zip lebih dari 200 MB")
        notebooks = [
            m for m in members if m.filename.endswith(".ipynb") and "checkpoint" not in m.filename
        ]
        if not notebooks:
            raise ValueError("zip tidak berisi notebook")
        base = os.path.dirname(min((m.filename for m in notebooks), key=len))
        for member in members:
            name = member.filename
            if base and not name.startswith(base + "/"):
                continue
            relative = Path(name[len(base) + 1 :] if base else name)
            if relative.is_absolute() or ".." in relative.parts or "checkpoint" in name:
                continue
            dest = target / relative
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(member) as src, open(dest, "wb") as out:
                shutil.copyfileobj(src, out)
