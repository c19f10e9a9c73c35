"""Practice checks for the course: questions with a check, graded hints and a solution.

In a module notebook::

    from workbench.practice import ____, start
    q1, q2, q3 = start("01-python-secukupnya", globals())

    rata_rata = ____        # the learner replaces ____ with an answer
    q1.check()              # correct / not attempted yet / not yet right, in Indonesian
    q1.hint()               # hints reveal a little more each time
    q1.solution()           # a worked solution

Checks are recorded per learner under the settings' state folder (:mod:`.progress`); the
module's last cell shows them with :func:`show_progress`, the index notebook with
:func:`course_map`, and a trainer collects everyone's with :func:`export_progress`.

This package is the practice engine (questions, checks, progress). The questions of each
module are course content and live on the course floor (:mod:`workbench.course.lessons`), and
so do the three names that join them with the engine, :func:`start`, :func:`show_progress`
and :func:`course_map` (plus :func:`exercise_set`): notebooks import them from here, as they
always have, and this package hands them over from :mod:`workbench.course.notebook` when first
asked (nothing in this package itself uses the course floor).
Progress is a learning record, not an exam: its seal catches an accidental hand edit, but the
key is a constant in this source, the same on every install, so a learner who reads the code
can forge it. Graded work goes through nbgrader (the ``exercises/`` course).
Authors prove every question accepts its own solution with :func:`assert_check_passed` in
self-test cells that ``tools/make_learner_copies.py`` strips from the learner copy.
"""

from __future__ import annotations

from workbench.practice.checkers import (
    ChartQuestion,
    FrameQuestion,
    FunctionQuestion,
    ValueQuestion,
)
from workbench.practice.core import (
    ExerciseSet,
    Feedback,
    Outcome,
    Question,
    ____,
    assert_check_failed,
    assert_check_passed,
    is_placeholder,
)
from workbench.practice.course import COURSE, CourseModule
from workbench.practice.progress import (
    ProgressStore,
    export_progress,
    learner_id,
    progress_frame,
)

__all__ = [
    "COURSE",
    "ChartQuestion",
    "CourseModule",
    "ExerciseSet",
    "Feedback",
    "FrameQuestion",
    "FunctionQuestion",
    "Outcome",
    "ProgressStore",
    "Question",
    "ValueQuestion",
    "____",
    "assert_check_failed",
    "assert_check_passed",
    "course_map",
    "exercise_set",
    "export_progress",
    "is_placeholder",
    "learner_id",
    "progress_frame",
    "show_progress",
    "start",
]


#: The notebooks' names defined on the course floor (see the module docstring).
NOTEBOOK_NAMES = ("course_map", "exercise_set", "show_progress", "start")


def __getattr__(name: str):
    if name in NOTEBOOK_NAMES:
        from workbench.course import notebook  # the notebooks' entry points (course floor)

        return getattr(notebook, name)
    raise AttributeError(f"module 'workbench.practice' has no attribute {name!r}")
