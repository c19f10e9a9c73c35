"""One nbgrader course directory: its configuration, gradebook, folders and assignment metadata.

Any standard nbgrader course works: the folder holds ``nbgrader_config.py`` (optional) and the
usual ``source/``, ``release/``, ``submitted/``, ``autograded/`` and ``feedback/`` folders. The
configuration is read exactly as nbgrader reads it, so the gradebook and the exchange used here are
the ones nbgrader's own formgrader and ``nbgrader export`` use.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from workbench.config import get_settings
from workbench.errors import WorkbenchError

__all__ = ["Course", "open_course"]

#: Extra table, kept inside the course's gradebook, recording how each learner's autograde went.
#: nbgrader ignores tables it does not know; the row is written in the same transaction as the
#: learner's grades, so a grade never exists without its reason.
STATUS_TABLE = "workbench_autograde_status"
#: nbgrader's student table has no work unit; the roster import keeps it here, by student id.
UNIT_TABLE = "workbench_student_unit"
#: The learner's account on a shared server when it is not their NIP (roster column ``akun``):
#: collect accepts an exchange folder owned by that account for that NIP.
ACCOUNT_TABLE = "workbench_student_account"


@dataclass(frozen=True)
class AssignmentInfo:
    """What the workbench knows about one assignment beyond nbgrader's gradebook."""

    name: str
    title: str
    module: str | None
    jp: float


class Course:
    """A standard nbgrader course directory (the trainer's side)."""

    def __init__(self, root: Path, config) -> None:
        self.root = root
        self.config = config

    def __repr__(self) -> str:
        return f"Course({str(self.root)!r}, course_id={self.course_id!r})"

    @cached_property
    def coursedir(self):
        """nbgrader's ``CourseDirectory`` for this course (paths resolved as nbgrader does)."""
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config)

    @property
    def course_id(self) -> str:
        return self.coursedir.course_id

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url

    @property
    def db_path(self) -> Path:
        """The gradebook's SQLite file (the workbench only supports SQLite gradebooks)."""
        url = self.db_url
        if not url.startswith("sqlite:///"):
            raise WorkbenchError(
                f"Gradebook kursus {self.root} bukan SQLite ({url}); workbench grade hanya "
                "mendukung gradebook SQLite."
            )
        return Path(url[len("sqlite:///") :])

    @property
    def exchange_root(self) -> Path:
        from nbgrader.exchange.default.exchange import Exchange

        return Path(Exchange(config=self.config).root)

    def folder(self, kind: str, student: str = ".", assignment: str = "") -> Path:
        """A course folder as nbgrader names it (``kind``: source, release, submitted, ...)."""
        names = {
            "source": self.coursedir.source_directory,
            "release": self.coursedir.release_directory,
            "submitted": self.coursedir.submitted_directory,
            "autograded": self.coursedir.autograded_directory,
            "feedback": self.coursedir.feedback_directory,
        }
        return Path(self.coursedir.format_path(names[kind], student, assignment))

    def api(self):
        """nbgrader's own API object over this course (release, collect, feedback ...)."""
        from nbgrader.apps import NbGraderAPI

        api = NbGraderAPI(coursedir=self.coursedir, config=self.config)
        api.log.setLevel(logging.ERROR)
        return api

    @contextmanager
    def gradebook(self) -> Iterator:
        """nbgrader's ``Gradebook`` of this course, closed afterwards."""
        from nbgrader.api import Gradebook

        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        gb = Gradebook(self.db_url, self.course_id)
        try:
            yield gb
        finally:
            gb.close()

    def assignments(self) -> list[str]:
        """Assignments known to the gradebook or present in the source folder, sorted."""
        names: set[str] = set()
        if self.db_path.exists():
            with self.gradebook() as gb:
                names |= {a.name for a in gb.assignments}
        source = self.folder("source")
        if source.is_dir():
            names |= {p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))}
        return sorted(names)

    def require_assignment(self, assignment: str) -> None:
        """Raise an Indonesian error naming the known assignments if ``assignment`` is unknown."""
        known = self.assignments()
        if assignment not in known:
            raise WorkbenchError(
                f"Tugas '{assignment}' tidak ada di kursus {self.root}. Tugas yang ada: "
                + (", ".join(known) if known else "(belum ada)")
                + "."
            )

    def assignment_info(self, assignment: str) -> AssignmentInfo:
        """Title, module and JP of an assignment, from ``metadata.workbench`` of its notebooks.

        A course that is not ours has no such metadata: its assignments credit 0 JP and are
        titled by their name.
        """
        meta: dict = {}
        for folder in (
            self.folder("source", assignment=assignment),
            self.folder("release", assignment=assignment),
        ):
            if folder.is_dir():
                for path in sorted(folder.glob("*.ipynb")):
                    try:
                        nb = json.loads(path.read_text(encoding="utf-8"))
                    except (OSError, ValueError):
                        continue
                    meta = nb.get("metadata", {}).get("workbench", {}) or {}
                    if meta:
                        break
            if meta:
                break
        try:
            jp = float(meta.get("jp", 0) or 0)
        except (TypeError, ValueError):
            jp = 0.0
        return AssignmentInfo(
            name=assignment,
            title=str(meta.get("judul") or assignment),
            module=meta.get("modul"),
            jp=jp,
        )

    # --- side tables ----------------------------------------------------------------------------
    def connect(self):
        """The gradebook as a plain SQLite connection (``workbench.storage.connect_sqlite``)
        with the workbench's side tables present. The journal mode stays nbgrader's."""
        from workbench.storage import connect_sqlite

        con = connect_sqlite(self.db_path, what="gradebook", timeout=GRADEBOOK_TIMEOUT, wal=False)
        ensure_status_table(con)
        return con

    def status_rows(self, assignment: str | None = None) -> dict[tuple[str, str], dict]:
        """(assignment, student) -> {status, reason, graded_at, review} of the last workbench
        autograde (``review``: what a trainer should look at, empty if nothing)."""
        if not self.db_path.exists():
            return {}
        con = self.connect()
        try:
            query = (
                f"SELECT assignment, student, status, reason, graded_at, review FROM {STATUS_TABLE}"
            )
            args: tuple = ()
            if assignment is not None:
                query += " WHERE assignment = ?"
                args = (assignment,)
            return {
                (a, s): {"status": st, "reason": r, "graded_at": g, "review": rv}
                for a, s, st, r, g, rv in con.execute(query, args)
            }
        finally:
            con.close()

    def units(self) -> dict[str, str]:
        """Student id -> work unit, as imported from the roster."""
        return self._side(f"SELECT student, unit FROM {UNIT_TABLE}")

    def accounts(self) -> dict[str, str]:
        """Student id -> account on the shared server (roster column ``akun``), if given."""
        return self._side(f"SELECT student, account FROM {ACCOUNT_TABLE}")

    def _side(self, query: str) -> dict[str, str]:
        if not self.db_path.exists():
            return {}
        con = self.connect()
        try:
            return {str(k): str(v) for k, v in con.execute(query)}
        finally:
            con.close()


#: Seconds to wait for a gradebook another program (the Formgrader) is writing.
GRADEBOOK_TIMEOUT = 120.0


def ensure_status_table(con: sqlite3.Connection) -> None:
    """Create the workbench's side tables in a gradebook if they are missing, and add the
    columns later versions need to an older gradebook's tables."""
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {UNIT_TABLE} (student TEXT PRIMARY KEY, unit TEXT NOT NULL)"
    )
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {ACCOUNT_TABLE} "
        "(student TEXT PRIMARY KEY, account TEXT NOT NULL)"
    )
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {STATUS_TABLE} ("
        "assignment TEXT NOT NULL, student TEXT NOT NULL, status TEXT NOT NULL, "
        "reason TEXT NOT NULL, graded_at TEXT NOT NULL, review TEXT NOT NULL DEFAULT '', "
        "PRIMARY KEY (assignment, student))"
    )
    columns = {row[1] for row in con.execute(f"PRAGMA table_info({STATUS_TABLE})")}
    if "review" not in columns:
        con.execute(f"ALTER TABLE {STATUS_TABLE} ADD COLUMN review TEXT NOT NULL DEFAULT ''")


def _tools_on_path() -> None:
    """nbgrader creates a new gradebook by running the ``alembic`` command; make sure the one of
    this environment is found even when ``.venv/bin`` is not on PATH (``.venv/bin/workbench``)."""
    scripts = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if scripts not in parts:
        os.environ["PATH"] = os.pathsep.join([scripts, *parts])


def open_course(course: str | os.PathLike | Course | None = None) -> Course:
    """Open a standard nbgrader course folder (default: the project's ``grading/``).

    The folder's ``nbgrader_config.py`` is read the way nbgrader reads it; the course root is
    the folder itself unless that file says otherwise.
    """
    _tools_on_path()
    if isinstance(course, Course):
        return course
    root = Path(course) if course is not None else get_settings().grading_dir
    root = root.expanduser().resolve()
    if not root.is_dir():
        raise WorkbenchError(
            f"Folder kursus {root} tidak ditemukan. Tunjuk folder kursus nbgrader dengan "
            "--course FOLDER (folder yang berisi nbgrader_config.py dan source/)."
        )
    from traitlets.config import Config
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    config = Config()
    config_file = root / "nbgrader_config.py"
    if config_file.is_file():
        cwd = os.getcwd()
        try:
            # nbgrader reads the file with the course folder as working folder; relative paths
            # inside it (load_subconfig, source_directory) mean the same here.
            os.chdir(root)
            config = PyFileConfigLoader(config_file.name, path=str(root)).load_config()
        except ConfigFileNotFound:  # pragma: no cover - checked above
            pass
        except Exception as exc:  # a broken config file: say which and why
            raise WorkbenchError(
                f"Berkas {config_file} tidak bisa dibaca: {type(exc).__name__}: {exc}."
            ) from exc
        finally:
            os.chdir(cwd)
    if "root" not in config.CourseDirectory:
        config.CourseDirectory.root = str(root)
    return Course(Path(config.CourseDirectory.root).resolve(), config)
