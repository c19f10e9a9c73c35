"""nbgrader for a trainer on the hub: their course in ~/kursus, the shared exchange.

The hub's pre-spawn hook sets the environment variables read here (jupyterhub_config.py).
`workbench grade --course ~/kursus ...` works on the same course.
"""

import os

from workbench.grading.nbgrader_setup import configure

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
c.CourseDirectory.course_id = os.environ["WORKBENCH_COURSE_ID"]
c.CourseDirectory.root = os.path.expanduser("~/kursus")
c.Exchange.root = os.environ["WORKBENCH_EXCHANGE"]
# PostgreSQL when the server's IT staff configured it (several trainers, backups with pg_dump);
# otherwise nbgrader's SQLite gradebook inside the course folder.
if os.environ.get("WORKBENCH_GRADEBOOK_URL"):
    c.CourseDirectory.db_url = os.environ["WORKBENCH_GRADEBOOK_URL"]
# Learner code must not run forever or flood the gradebook with output.
c.ExecutePreprocessor.timeout = 60
c.ExecutePreprocessor.max_output_size = 100_000
# Learner code in a sandbox of its own, feedback without hidden tests (Indonesian), WIB:
# as `workbench grade` does (workbench/grading/nbgrader_setup.py).
configure(c, timezone=os.environ.get("TZ") or "Asia/Jakarta")
