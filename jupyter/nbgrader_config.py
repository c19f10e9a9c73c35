"""Lets nbgrader inside JupyterLab find the course wherever the lab is rooted.

``workbench lab`` puts this folder (``jupyter/``) on ``JUPYTER_CONFIG_PATH``. The learner's lab
is rooted in their workspace, where nbgrader's Assignment List would otherwise find no
configuration (no course id, no exchange folder); this file loads the trainer's course
configuration, ``grading/nbgrader_config.py``, the same one ``cd grading && nbgrader ...`` uses.
"""

c = get_config()  # noqa: F821 - provided by nbgrader
load_subconfig("../grading/nbgrader_config.py")  # noqa: F821 - provided by traitlets
