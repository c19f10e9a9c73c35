"""Lets nbgrader (the formgrader in JupyterLab, and `nbgrader` run from this folder) find the
trainer's course, whose real configuration is grading/nbgrader_config.py."""

c = get_config()  # noqa: F821 - provided by nbgrader
load_subconfig("grading/nbgrader_config.py")  # noqa: F821 - provided by traitlets
