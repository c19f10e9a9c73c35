"""nbgrader configuration of the trainer's course (course root: this folder).

Sources come from ``exercises/`` (the nbgrader source course in git); everything nbgrader creates
(release/, submitted/, autograded/, feedback/) stays in this folder and is ignored by git; the
gradebook and the exchange folder live in the workbench state folder (``var/`` by default), so
backing up ``var/`` and ``grading/`` keeps every grade. Paths come from ``workbench.config``.
Both nbgrader itself and ``workbench grade`` read this file.
"""

import os
from workbench.config import get_settings
from workbench.grading.nbgrader_setup import configure

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
settings = get_settings()

c.CourseDirectory.course_id = "asn-asemrowo"
c.CourseDirectory.root = str(settings.grading_dir)
c.CourseDirectory.source_directory = os.path.relpath(settings.exercises_dir, settings.grading_dir)
c.CourseDirectory.db_url = settings.gradebook_url
# One machine: the exchange between trainer and learners lives in the state folder too
# (JupyterHub deployments point this at a shared volume instead).
c.Exchange.root = str(settings.state_dir / "exchange")
(settings.state_dir / "exchange").mkdir(parents=True, exist_ok=True)
# Assignments a learner fetches from the Assignment List land in their workspace, the folder
# JupyterLab shows them (nbgrader's default '.' is the server's working folder, the project root).
c.Exchange.assignment_dir = str(settings.workspace_dir)

# Every learner notebook opens with the course's header (honesty, synthetic data, JP).
c.IncludeHeaderFooter.header = str(settings.exercises_dir / "header.ipynb")
# What a learner sees in place of the trainer's answer, in Indonesian.
c.ClearSolutions.code_stub = {"python": "# TULIS JAWABAN ANDA DI SINI\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "TULIS JAWABAN ANDA DI SINI"

# Grading: one cell may run at most 60 s (an endless loop is interrupted and scores zero for
# that part); a whole notebook's kernel gets 120 s to start on a busy laptop.
c.Execute.timeout = 60
c.Execute.startup_timeout = 120

# Late work: 10% of the notebook's score per started day late, at most 50%
# (nbgrader itself only knows "no penalty" or "zero"). Deadlines are set with
# `workbench grade release TUGAS --due "..."` in WIB.
c.AssignLatePenalties.plugin_class = "workbench.grading.late.DailyLatePenalty"
c.DailyLatePenalty.percent_per_day = 10.0
c.DailyLatePenalty.max_percent = 50.0

# nbgrader itself (the Formgrader's buttons, `nbgrader autograde` in this folder) grades in the
# sandbox, writes feedback without hidden tests and in Indonesian, and shows times in WIB, as
# `workbench grade` does (workbench/grading/nbgrader_setup.py).
configure(c, timezone=settings.timezone)
