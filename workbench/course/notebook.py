"""What a module notebook calls: its questions, the learner's progress, the course map.

In a module notebook::

    from workbench.practice import ____, show_progress, start
    q1, q2, q3 = start("01-python-secukupnya", globals())
    ...
    show_progress("01-python-secukupnya")

The names are imported from :mod:`workbench.practice`, where every notebook (and every
learner's own copy of it) has always found them; they are defined here, on the course floor,
because they join the practice engine (checks, progress) with this course's lessons
(:mod:`workbench.course.lessons`).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import pandas as pd

from workbench.config import Settings, get_settings
from workbench.course.lessons import exercise_set
from workbench.practice.core import Question
from workbench.practice.course import COURSE, CourseMap, CourseModule
from workbench.practice.progress import ProgressReport, ProgressStore

__all__ = ["course_map", "exercise_set", "show_progress", "start"]


def start(
    module: str,
    namespace: MutableMapping[str, Any],
    *,
    settings: Settings | None = None,
    learner: str | None = None,
) -> tuple[Question, ...]:
    """Bind a module's questions to the notebook's ``globals()`` and the learner's progress.

    Returns the questions in order, for ``q1, q2, q3 = start("...", globals())``.
    """
    store = ProgressStore(learner, settings=settings)
    return exercise_set(module).bind(namespace, recorder=store.record)


def show_progress(
    module: str,
    questions: list[str] | None = None,
    *,
    settings: Settings | None = None,
    learner: str | None = None,
) -> ProgressReport:
    """The progress of the current learner in one module (displays as a table)."""
    store = ProgressStore(learner, settings=settings)
    frame = store.frame()
    frame = frame[frame["modul"] == module]
    if questions is None:
        questions = [q.name for q in exercise_set(module)]
    return ProgressReport(module, questions, frame, store.display_name)


def _question_count(key: str) -> int | None:
    try:
        return len(exercise_set(key))
    except KeyError:  # a module of another issue, without questions here
        return None


def _progress_text(available: bool, total: int | None, mine: pd.DataFrame) -> str:
    correct = int(mine["status"].eq("benar").sum())
    if not available:
        return "-"
    if total:
        return f"{correct} dari {total} soal benar"
    if len(mine):
        return f"{correct} soal benar"
    return "belum mulai"


def _row(module: CourseModule, folder, done: pd.DataFrame) -> dict[str, object]:
    path = module.notebook(folder)
    key = module.key if module.slug or path is None else path.stem
    total = _question_count(key) if path is not None else None
    mine = done[done["modul"].str.split("-").str[0] == module.number]
    return {
        "modul": module.number,
        "judul": module.title,
        "jp": module.jp,
        "status": "tersedia" if path else "segera hadir",
        "progres": _progress_text(path is not None, total, mine),
        "berkas": path.name if path else "",
    }


def course_map(*, settings: Settings | None = None, learner: str | None = None) -> CourseMap:
    """Every module with its JP, whether it is available, and the learner's progress."""
    settings = settings or get_settings()
    done = ProgressStore(learner, settings=settings).frame()
    return CourseMap(pd.DataFrame([_row(m, settings.notebooks_dir, done) for m in COURSE]))
