"""Taking learners' files in without trusting them: the exchange, zips, and the grader's copy.

Everything here may run as root on a shared server, on folders learners wrote. So:

* :func:`safe_copy` never follows a symbolic link (each step opens the next folder relative to
  the one before, with ``O_NOFOLLOW``, so a folder swapped for a link half-way is refused),
  copies regular files only (links, pipes, devices and sockets are listed as skipped), and
  stops at a file count and a total size before anything is handed to nbgrader (nbgrader's own
  file search is quadratic: 20,000 empty files kept one worker busy for 15 minutes);
* :func:`extract_zip` applies the same limits to a learner's zip (counted entries, bytes
  actually decompressed), and writes nothing outside the target folder;
* :func:`submissions_in_exchange` reads nbgrader's inbound folder itself: a submission's time is
  the exchange's own record of when its last file arrived (the inode change time, which no
  learner can set back), not the learner's ``timestamp.txt`` or folder name; a folder whose
  owner is not the account of the learner it names is refused (what nbgrader only logs as
  "cheating attempt?").
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "MAX_BYTES",
    "MAX_FILES",
    "CopyReport",
    "Refused",
    "Submission",
    "extract_zip",
    "latest_change",
    "safe_copy",
    "submissions_in_exchange",
]

#: Most files (and folders) one submission may hold.
MAX_FILES = 500
#: Most bytes one submission may hold.
MAX_BYTES = 200 * 1024 * 1024
#: Deepest folder nesting accepted.
MAX_DEPTH = 16
_SKIPPED_FOLDERS = frozenset({".ipynb_checkpoints", "__pycache__"})


class Refused(ValueError):
    """A submission that is not taken in (message in Indonesian, for the trainer)."""


@dataclass
class CopyReport:
    """What :func:`safe_copy` did: files copied, bytes, what was left out and why, and the
    latest inode change time seen (the exchange's record of the last arrival)."""

    files: int = 0
    bytes: int = 0
    skipped: list[str] = field(default_factory=list)
    latest_change: float = 0.0


def _limits_text(max_files: int, max_bytes: int) -> str:
    return f"paling banyak {max_files} berkas dan {max_bytes // (1024 * 1024)} MB"


def safe_copy(
    source: Path,
    target: Path | None,
    *,
    max_files: int = MAX_FILES,
    max_bytes: int = MAX_BYTES,
) -> CopyReport:
    """Copy the folder ``source`` to ``target`` (created) as described in the module doc
    (``target`` None: only walk and measure). Raises :class:`Refused` when ``source`` is a link
    or not a folder, or over the limits."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    try:
        top = os.open(source, flags)
    except OSError as exc:
        raise Refused(
            f"{source.name} bukan folder biasa (tautan simbolik?): {exc.strerror}"
        ) from exc
    report = CopyReport()
    try:
        report.latest_change = os.fstat(top).st_ctime
        if target is not None:
            target.mkdir(parents=True, exist_ok=True)
        _copy_folder(top, target, "", report, (max_files, max_bytes), depth=0)
    finally:
        os.close(top)
    return report


def latest_change(source: Path) -> float:
    """When the last file of the folder ``source`` arrived: the latest inode change time in
    it (the exchange's own record; a learner can move it later, never back)."""
    return safe_copy(source, None).latest_change


def _copy_folder(fd: int, target: Path | None, where: str, report: CopyReport, limits, depth: int):
    if depth > MAX_DEPTH:
        raise Refused(f"folder bersarang lebih dari {MAX_DEPTH} tingkat ({where})")
    with os.scandir(fd) as entries:
        names = sorted(e.name for e in entries)
    for name in names:
        info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        report.latest_change = max(report.latest_change, info.st_ctime)
        report.files += 1
        if report.files > limits[0]:
            raise Refused(f"kiriman berisi terlalu banyak berkas ({_limits_text(*limits)})")
        if stat.S_ISLNK(info.st_mode):
            report.skipped.append(f"{where}{name} (tautan simbolik, tidak diikuti)")
        elif stat.S_ISDIR(info.st_mode):
            if name not in _SKIPPED_FOLDERS:
                _copy_subfolder(fd, name, target, f"{where}{name}/", report, limits, depth)
        elif stat.S_ISREG(info.st_mode):
            _take_file(fd, name, target, info.st_size, report, limits)
        else:
            report.skipped.append(f"{where}{name} (bukan berkas biasa)")


def _copy_subfolder(fd: int, name: str, target, where: str, report, limits, depth: int) -> None:
    sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
    inner = None if target is None else target / name
    try:
        if inner is not None:
            inner.mkdir(exist_ok=True)
        _copy_folder(sub, inner, where, report, limits, depth + 1)
    finally:
        os.close(sub)


def _take_file(fd: int, name: str, target, size: int, report: CopyReport, limits) -> None:
    if target is not None:
        _copy_file(fd, name, target / name, report, limits)
        return
    report.bytes += size
    if report.bytes > limits[1]:
        raise Refused(f"kiriman terlalu besar ({_limits_text(*limits)})")


def _copy_file(fd: int, name: str, target: Path, report: CopyReport, limits) -> None:
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
    src = os.open(name, flags, dir_fd=fd)
    try:
        if not stat.S_ISREG(os.fstat(src).st_mode):  # swapped since it was listed
            report.skipped.append(f"{name} (bukan berkas biasa)")
            return
        room = limits[1] - report.bytes
        with open(target, "wb") as out:
            while chunk := os.read(src, 1024 * 1024):
                room -= len(chunk)
                if room < 0:
                    raise Refused(f"kiriman terlalu besar ({_limits_text(*limits)})")
                out.write(chunk)
        report.bytes = limits[1] - room
    finally:
        os.close(src)


def extract_zip(
    archive: Path,
    target: Path,
    *,
    max_files: int = MAX_FILES,
    max_bytes: int = MAX_BYTES,
) -> None:
    """Extract a learner's zip into ``target``: only its regular files, nothing outside the
    target, within the limits (entries counted, bytes counted as decompressed); the folder
    holding its notebooks becomes the assignment folder."""
    with zipfile.ZipFile(archive) as zf:
        members = zf.infolist()
        if len(members) > max_files:
            raise Refused(
                f"zip berisi terlalu banyak berkas ({_limits_text(max_files, max_bytes)})"
            )
        files = [m for m in members if not m.is_dir() and _is_regular(m)]
        notebooks = [
            m for m in files if m.filename.endswith(".ipynb") and "checkpoint" not in m.filename
        ]
        if not notebooks:
            raise Refused("zip tidak berisi notebook")
        base = os.path.dirname(min((m.filename for m in notebooks), key=len))
        room = max_bytes
        for member in files:
            name = member.filename
            if base and not name.startswith(base + "/"):
                continue
            relative = Path(name[len(base) + 1 :] if base else name)
            if relative.is_absolute() or ".." in relative.parts or "checkpoint" in name:
                continue
            dest = target / relative
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(member) as src, open(dest, "wb") as out:
                while chunk := src.read(1024 * 1024):
                    room -= len(chunk)
                    if room < 0:
                        raise Refused(
                            f"isi zip terlalu besar ({_limits_text(max_files, max_bytes)})"
                        )
                    out.write(chunk)


def _is_regular(member: zipfile.ZipInfo) -> bool:
    """Zip entries made on Unix carry their file type: links and devices are left out."""
    kind = (member.external_attr >> 16) & 0o170000
    return kind in (0, stat.S_IFREG)


# --- nbgrader's exchange ------------------------------------------------------------------------
@dataclass
class Submission:
    """One folder in the exchange's inbound: who it names, whose it is, when it arrived."""

    path: Path
    student: str
    claimed: str  # the time in the folder name (the learner's clock)
    owner: str | None  # account owning the folder, None when it is the collector's own
    arrived: dt.datetime  # naive UTC: the exchange's record of the last file's arrival
    problem: str | None = None


_INBOUND = re.compile(r"^(?P<student>.+?)\+(?P<assignment>[^+]+)\+(?P<stamp>[^+]+)(\+.*)?$")


def submissions_in_exchange(
    inbound: Path, assignment: str, accounts: dict[str, str]
) -> list[Submission]:
    """Every submission of ``assignment`` in nbgrader's ``inbound`` folder, with the problems
    that keep it out (see module doc). ``accounts``: NIP -> hub account (roster column
    ``akun``), for learners whose account name is not their NIP."""
    found: list[Submission] = []
    try:
        entries = sorted(os.scandir(inbound), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        match = _INBOUND.match(entry.name)
        if match is None or match["assignment"] != assignment:
            continue
        info = entry.stat(follow_symlinks=False)
        submission = Submission(
            path=Path(entry.path),
            student=match["student"],
            claimed=match["stamp"],
            owner=_owner(info.st_uid),
            arrived=_utc(info.st_ctime),
        )
        if not stat.S_ISDIR(info.st_mode):
            submission.problem = "bukan folder biasa (tautan simbolik?); tidak diikuti"
        else:
            submission.problem = _owner_problem(submission, accounts)
        found.append(submission)
    return found


def _owner(uid: int) -> str | None:
    if uid == os.getuid():
        return None
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def _owner_problem(submission: Submission, accounts: dict[str, str]) -> str | None:
    owner = submission.owner
    if owner is None or owner == submission.student or accounts.get(submission.student) == owner:
        return None
    return (
        f"folder kiriman milik akun '{owner}', tetapi mengaku peserta {submission.student} "
        "(nbgrader: 'cheating attempt?'); tidak dikumpulkan. Bila akun itu memang milik "
        "peserta ini, isi kolom 'akun' di daftar peserta lalu impor ulang"
    )


def _utc(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None)
