"""Graded exercises on nbgrader: the trainer's pipeline and the JP credit of passed work.

Works on any standard nbgrader course folder (default: the project's ``grading/``) and writes
to that course's own gradebook, so nbgrader's formgrader and ``nbgrader export`` keep working.
Every function takes ``course=`` (a folder or a :class:`Course`) and keyword-only options; the
``workbench grade`` command is a thin face over them.

* :func:`import_roster` learners from CSV/Excel (NIP, nama, unit, email) into the gradebook;
* :func:`release` / :func:`collect` through nbgrader's exchange or folders and zips;
* :func:`autograde` parallel, one sandbox per learner, same scores as ``nbgrader autograde``;
* :func:`feedback` Indonesian HTML feedback that keeps the hidden tests secret;
* :func:`scores`, :func:`export` and :func:`certificates` for the trainer's records;
* :func:`jp_credits` JP credited by passed assignments (the competency JP ledger reads it).
"""

import importlib

#: Public name -> module that defines it. Imported on first use, so that the trainer's Jupyter
#: server (the Formgrader extension) and the sandboxed kernel's tools load no more than they use.
_WHERE = {
    "Course": "course",
    "open_course": "course",
    "autograde": "autograde",
    "collect": "distribute",
    "generate": "distribute",
    "release": "distribute",
    "feedback": "feedback",
    "certificates": "reports",
    "export": "reports",
    "jp_credits": "results",
    "scores": "results",
    "import_roster": "roster",
    "read_roster": "roster",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(f"workbench.grading.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'workbench.grading' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
