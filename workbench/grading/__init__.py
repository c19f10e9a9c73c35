"""Graded exercises on nbgrader: the trainer's pipeline and the JP credit of passed work.

Works on any standard nbgrader course folder (default: the project's ``grading/``) and writes
to that course's own gradebook, so nbgrader's formgrader and ``nbgrader export`` keep working.

* :func:`jp_credits` JP credited by passed assignments (the competency JP ledger reads it);
* :func:`scores` every learner's score, late penalty and pass/fail per assignment;
* :func:`open_course` one course folder read as nbgrader reads it.
"""

from workbench.grading.course import Course, open_course
from workbench.grading.results import jp_credits, scores

__all__ = ["Course", "jp_credits", "open_course", "scores"]
