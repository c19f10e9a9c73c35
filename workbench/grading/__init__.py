"""Graded exercises on nbgrader: the trainer's pipeline and the JP credit of passed work.

Works on any standard nbgrader course folder (default: the project's ``grading/``) and writes
to that course's own gradebook, so nbgrader's formgrader and ``nbgrader export`` keep working.
Every function takes ``course=`` (a folder or a :class:`Course`) and keyword-only options; the
``workbench grade`` command is a thin face over them.

* :func:`import_roster` learners from CSV/Excel (NIP, nama, unit, email) into the gradebook;
* :func:`release` / :func:`collect` through nbgrader's exchange or folders and zips;
* :func:`autograde` parallel, one sandbox per learner, same scores as ``nbgrader autograde``;
* :func:`feedback` Indonesian HTML feedback that keeps the hidden tests secret;
* :func:`scores`, :func:`export` and :func:`certificates` for the trainer's records;
* :func:`jp_credits` JP credited by passed assignments (the competency JP ledger reads it).
"""

from workbench.grading.autograde import autograde
from workbench.grading.course import Course, open_course
from workbench.grading.distribute import collect, generate, release
from workbench.grading.feedback import feedback
from workbench.grading.reports import certificates, export
from workbench.grading.results import jp_credits, scores
from workbench.grading.roster import import_roster, read_roster

__all__ = [
    "Course",
    "autograde",
    "certificates",
    "collect",
    "export",
    "feedback",
    "generate",
    "import_roster",
    "jp_credits",
    "open_course",
    "read_roster",
    "release",
    "scores",
]
