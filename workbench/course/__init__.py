"""The course floor: what ties practice, grading, SKM and competency together.

The engines below this floor (:mod:`workbench.practice`, :mod:`workbench.competency`,
:mod:`workbench.skm`, :mod:`workbench.grading`, :mod:`workbench.simulation`) each take tables
and never import one another in a loop. Where one needs another's results, this floor gathers
them and hands over a table:

* the questions of every course module (:mod:`.lessons`) and the notebooks' entry points,
  :func:`start`, :func:`show_progress` and :func:`course_map` (:mod:`.notebook`; notebooks
  import them from :mod:`workbench.practice`, which hands them over);
* development activities from the practice checks and from graded assignments for the JP
  ledger (:func:`collect_activities`, :mod:`.activities`);
* what the course tells the competency engine: the modules each notebook develops, the levels
  shown in practice, the SKM survey's signals (:mod:`.assessments`), and the learners' own
  self-assessments (:mod:`.selfassess`);
* the whole competency picture of an office for dashboards and the CLI (:func:`overview`).

Widgets, notebooks and the CLI call this floor or the engines; nothing below imports it.
"""

from workbench.course.activities import collect_activities, grading_activities, practice_activities
from workbench.course.assessments import (
    development_plan,
    module_catalogue,
    practice_assessments,
    skm_mapping,
    skm_signals,
)
from workbench.course.lessons import exercise_set
from workbench.course.notebook import course_map, show_progress, start
from workbench.course.overview import Overview, overview
from workbench.course.selfassess import save_self_assessment, self_assessments

__all__ = [
    "Overview",
    "collect_activities",
    "course_map",
    "development_plan",
    "exercise_set",
    "grading_activities",
    "module_catalogue",
    "overview",
    "practice_activities",
    "practice_assessments",
    "save_self_assessment",
    "self_assessments",
    "show_progress",
    "skm_mapping",
    "skm_signals",
    "start",
]
