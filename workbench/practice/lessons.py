"""Moved: the questions of each module are course content, in :mod:`workbench.course.lessons`.

``from workbench.practice.lessons import LESSONS, exercise_set`` keeps working, with a warning.
"""

from workbench.compat import moved

__getattr__ = moved(
    __name__,
    {
        "LESSONS": "workbench.course.lessons:LESSONS",
        "exercise_set": "workbench.course.lessons:exercise_set",
    },
)
