"""The workbench's choices in an nbgrader course's configuration, in one place.

Called from ``grading/nbgrader_config.py`` (the project's course) and from the hub trainer's
``deploy/jupyterhub/peran/pelatih/nbgrader_config.py``, so that nbgrader itself (the
Formgrader's buttons, ``nbgrader autograde`` and ``nbgrader generate_feedback`` typed in the
course folder) grades and writes feedback the way ``workbench grade`` does:

* learner code runs in a sandbox of its own (:class:`workbench.grading.kernel.GuardedExecute`
  in place of nbgrader's ``Execute``); ``WORKBENCH_NBGRADER_UNSANDBOXED=1`` keeps nbgrader's own,
  only for the benchmark and the tests that compare with plain nbgrader;
* feedback keeps hidden tests secret and is in Indonesian;
* the Formgrader shows deadlines and submission times in the office's time zone.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["configure"]


def configure(c, *, timezone: str) -> None:
    """Apply the workbench's nbgrader settings to the configuration object ``c``."""
    import nbgrader
    from nbgrader.converters import Autograde

    if not os.environ.get("WORKBENCH_NBGRADER_UNSANDBOXED"):
        c.Autograde.autograde_preprocessors = [
            "workbench.grading.kernel.GuardedExecute" if p.__name__ == "Execute" else p
            for p in Autograde.class_traits()["autograde_preprocessors"].default()
        ]
        c.GuardedExecute.kernel_name = "python3"
    c.GenerateFeedback.preprocessors = [
        "nbgrader.preprocessors.GetGrades",
        "workbench.grading.feedback.KeepSecrets",
        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    ]
    c.GenerateFeedback.HTMLExporter.template_name = "umpan_balik"
    c.GenerateFeedback.HTMLExporter.extra_template_basedirs = [
        str(Path(__file__).with_name("templates")),
        str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"),
    ]
    c.NbGraderAPI.timezone = timezone
    c.NbGraderAPI.timestamp_format = "%d-%m-%Y %H.%M %Z"
