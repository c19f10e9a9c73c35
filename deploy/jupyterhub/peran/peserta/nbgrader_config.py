"""nbgrader for a learner on the hub: fetched assignments land in the workspace.

The hub's pre-spawn hook sets the environment variables read here (jupyterhub_config.py).
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
c.CourseDirectory.course_id = os.environ["WORKBENCH_COURSE_ID"]
c.Exchange.root = os.environ["WORKBENCH_EXCHANGE"]
# Assignments are fetched into the learner's workspace, the folder their file browser shows.
c.Exchange.assignment_dir = os.environ.get("WORKBENCH_WORKSPACE", os.path.expanduser("~"))
