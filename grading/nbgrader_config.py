"""nbgrader configuration of the trainer's course (course root: this folder).

Sources come from ``exercises/`` (the nbgrader source course in git); everything nbgrader creates
(release/, submitted/, autograded/, feedback/) stays in this folder and is ignored by git; the
gradebook lives in the workbench state folder (``var/gradebook.db`` by default), so backing up
``var/`` and ``grading/`` keeps every grade. Paths come from ``workbench.config``.
"""

import os

from workbench.config import get_settings

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
settings = get_settings()

c.CourseDirectory.course_id = "asn-asemrowo"
c.CourseDirectory.root = str(settings.grading_dir)
c.CourseDirectory.source_directory = os.path.relpath(settings.exercises_dir, settings.grading_dir)
c.CourseDirectory.db_url = settings.gradebook_url
settings.state_dir.mkdir(parents=True, exist_ok=True)
