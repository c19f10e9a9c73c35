"""The course's late-submission policy, and late penalties that follow the grades.

nbgrader offers only "no penalty" or "zero". Offices usually deduct a share per day late, with a
ceiling, so a learner who sends work a day late still earns most of it. The course configuration
(``grading/nbgrader_config.py``) selects :class:`DailyLatePenalty`; every value is a
configurable trait.

nbgrader computes a notebook's penalty once, when it autogrades, from the score at that moment;
the points a trainer gives later in the Formgrader leave it unchanged (a learner two days late
kept 84% where the rule gives 80%). :func:`refresh_penalties` recomputes every penalty from the
current scores with the course's own plugin, the way nbgrader's ``AssignLatePenalties`` does,
and stores it in the gradebook, so the Formgrader, the Excel recap, the certificates and the JP
credit agree. It runs after autograde, before every export and certificate, and when the
Formgrader saves a grade (:mod:`workbench.grading.formgrader`).
"""

from __future__ import annotations

import math
from textwrap import dedent

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

__all__ = ["DailyLatePenalty", "PotonganPerHari", "penalty_rule", "refresh_penalties"]


class DailyLatePenalty(LateSubmissionPlugin):
    """Deduct ``percent_per_day`` of the notebook's score per started day late, up to a maximum."""

    percent_per_day = Float(
        10.0,
        help=dedent(
            """
            Potongan nilai (persen dari nilai notebook) untuk setiap hari keterlambatan yang
            dimulai (terlambat 1 menit dihitung satu hari).
            """
        ),
    ).tag(config=True)

    max_percent = Float(
        50.0,
        help="Potongan terbesar (persen dari nilai notebook), berapa pun lamanya terlambat.",
    ).tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float):
        if total_seconds_late <= 0 or not score:
            return 0.0
        days = math.ceil(total_seconds_late / 86400)
        share = min(days * self.percent_per_day, self.max_percent) / 100
        return round(score * share, 4)


class PotonganPerHari(DailyLatePenalty):
    """The earlier name of :class:`DailyLatePenalty`: course configurations that select it
    (``c.AssignLatePenalties.plugin_class = "workbench.grading.late.PotonganPerHari"``, values
    under ``c.PotonganPerHari``) keep working unchanged."""


def penalty_rule(config):
    """nbgrader's ``AssignLatePenalties`` with the course's plugin, ready to compute."""
    import logging

    from nbgrader.preprocessors import AssignLatePenalties

    rule = AssignLatePenalties(config=config)
    rule.init_plugin()
    rule.log.setLevel(logging.ERROR)
    rule.plugin_inst.log.setLevel(logging.ERROR)
    return rule


def notebook_penalty(rule, student: str, notebook, seconds_late: float) -> float | None:
    """The penalty nbgrader's ``AssignLatePenalties`` gives ``notebook`` at its current score."""
    if not seconds_late or seconds_late <= 0:
        return None
    penalty = rule.plugin_inst.late_submission_penalty(student, notebook.score, seconds_late)
    return None if penalty is None else rule._check_late_penalty(notebook, penalty)


def refresh_penalties(
    course, assignment: str | None = None, student: str | None = None, *, gradebook=None
) -> int:
    """Recompute the late penalties of ``course`` (one ``assignment`` and ``student`` or all)
    from the current scores and store those that changed; returns how many changed."""
    if gradebook is None:
        with course.gradebook() as gb:
            return refresh_penalties(course, assignment, student, gradebook=gb)
    gb = gradebook
    rule = penalty_rule(course.config)
    names = [assignment] if assignment else [a.name for a in gb.assignments]
    changed = 0
    for name in names:
        for submission in gb.assignment_submissions(name):
            if student is not None and submission.student.id != student:
                continue
            late = float(submission.total_seconds_late or 0)
            for notebook in submission.notebooks:
                new = notebook_penalty(rule, submission.student.id, notebook, late)
                old = notebook.late_submission_penalty
                if (old is None) != (new is None) or (new is not None and abs(old - new) > 1e-9):
                    notebook.late_submission_penalty = new
                    changed += 1
    if changed:
        gb.db.commit()
    return changed
