"""The practice questions of each course module, one Python module per course module.

Each ``mNN_*.py`` module defines ``MODULE`` (the module id, as in the course catalogue) and
``questions()``, which returns fresh question objects in the order the notebook asks them
(``q1``, ``q2``, ...). Expected answers that depend on the shipped data are computed lazily,
the first time a learner checks.
"""

from __future__ import annotations

import importlib

from workbench.practice.core import ExerciseSet

__all__ = ["LESSONS", "exercise_set"]

#: Module id -> Python module holding its questions.
LESSONS: dict[str, str] = {
    "00-mulai": "workbench.course.lessons.m00_mulai",
    "01-python-secukupnya": "workbench.course.lessons.m01_python",
    "02-data-layanan-dengan-pandas": "workbench.course.lessons.m02_pandas",
    "03-membersihkan-data": "workbench.course.lessons.m03_membersihkan",
    "04-visualisasi": "workbench.course.lessons.m04_visualisasi",
    "05-mengelola-data-dan-privasi": "workbench.course.lessons.m05_privasi",
    "06-analisis-kebijakan": "workbench.course.lessons.m06_kebijakan",
    "10-simulasi-antrean-layanan": "workbench.course.lessons.m10_simulasi",
    "11-kompetensi-dan-pengembangan": "workbench.course.lessons.m11_kompetensi",
    "12-survei-kepuasan-masyarakat": "workbench.course.lessons.m12_skm",
    "13-komunikasi-pelayanan": "workbench.course.lessons.m13_komunikasi",
}


def exercise_set(module: str) -> ExerciseSet:
    """Fresh questions for ``module`` ("01-python-secukupnya"); KeyError if it has none."""
    if module not in LESSONS:
        raise KeyError(f"module {module!r} has no practice questions")
    lesson = importlib.import_module(LESSONS[module])
    return ExerciseSet(module, lesson.questions())
