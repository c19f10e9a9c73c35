"""The course's late-submission policy, as an nbgrader ``LateSubmissionPlugin``.

nbgrader offers only "no penalty" or "zero". Offices usually deduct a share per day late, with a
ceiling, so a learner who sends work a day late still earns most of it. The course configuration
(``grading/nbgrader_config.py``) selects this plugin; every value is a configurable trait.
"""

from __future__ import annotations

import math
from textwrap import dedent

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

__all__ = ["PotonganPerHari"]


class PotonganPerHari(LateSubmissionPlugin):
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
