"""Jupyter server extension for the trainer: the Formgrader agrees with the workbench.

Enabled for the trainer's role (``jupyter/peran/pelatih/jupyter_server_config.json``), next to
nbgrader's Formgrader. Two things, nothing else:

* **Late penalties follow manual grades.** nbgrader computes a notebook's late penalty when it
  autogrades and never again; when the trainer saves a grade in the Formgrader, this extension
  recomputes that learner's penalties with the course's rule
  (:func:`workbench.grading.late.refresh_penalties`), so the Formgrader's totals, the Excel
  recap and the certificates agree.
* **Names without a leading comma.** The Formgrader writes a learner as "last, first"; the
  roster import keeps the whole name as the last name (Indonesian names are not split that
  way), so nbgrader's pages would show "Joko Susilo, None" or ", Joko Susilo". The three
  scripts that build that text are served with a join that leaves empty parts out.
"""

from __future__ import annotations

import re

from tornado.web import OutputTransform

__all__ = ["NameScripts", "fix_names"]

#: nbgrader's scripts that write a learner's name as "last, first".
SCRIPTS = ("manage_students.js", "manage_submissions.js", "gradebook_notebook_submissions.js")
_HELPER = (
    "function _wbNama(a, b) { return [a, b].filter(function (p) { "
    'return p !== null && p !== undefined && p !== "" && p !== "None"; }).join(", "); }\n'
)
_JOIN = re.compile(r"last_name \+ \", \" \+ first_name")
_BOTH = re.compile(r"last_name !== null && first_name !== null")


def fix_names(script: str) -> str:
    """An nbgrader Formgrader script with names joined without empty parts."""
    if "_wbNama" in script:
        return script
    fixed = _BOTH.sub('_wbNama(last_name, first_name) !== ""', script)
    fixed = _JOIN.sub("_wbNama(last_name, first_name)", fixed)
    return _HELPER + fixed if fixed != script else script


class NameScripts(OutputTransform):
    """Serves the three name-writing scripts through :func:`fix_names`."""

    def __init__(self, request) -> None:
        path = request.path
        self._active = "/formgrader/static/js/" in path and path.rsplit("/", 1)[-1] in SCRIPTS

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if not self._active or status_code != 200 or not finishing:
            return status_code, headers, chunk
        if "Content-Encoding" in headers:
            return status_code, headers, chunk
        fixed = fix_names(chunk.decode("utf-8")).encode("utf-8")
        if "Content-Length" in headers:
            headers["Content-Length"] = str(len(fixed))
        headers.pop("Etag", None)
        return status_code, headers, fixed

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        return chunk


class PenaltyWatch:
    """Recomputes a learner's late penalties after a Formgrader commit changed their grades."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings

    def after_flush(self, session, _context) -> None:
        from nbgrader.api import Grade

        changed = session.info.setdefault("workbench_penalties", set())
        for obj in [*session.dirty, *session.new]:
            if isinstance(obj, Grade):
                submission = obj.notebook.assignment
                changed.add((submission.assignment.name, submission.student_id))

    def after_commit(self, session) -> None:
        changed = session.info.pop("workbench_penalties", set())
        url = self.settings.get("nbgrader_db_url")
        if not changed or url is None or str(session.bind.url) != url:
            return
        from nbgrader.api import Gradebook

        from workbench.grading.course import Course
        from workbench.grading.late import refresh_penalties

        course = Course(root=None, config=self.settings.get("initial_config"))
        with Gradebook(url) as gb:
            for assignment, student in sorted(changed):
                refresh_penalties(course, assignment, student, gradebook=gb)


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "workbench.grading.formgrader"}]


def _load_jupyter_server_extension(serverapp) -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    web_app = serverapp.web_app
    if not any(issubclass(t, NameScripts) for t in web_app.transforms):
        web_app.transforms.insert(0, NameScripts)
    watch = PenaltyWatch(web_app.settings)
    event.listen(Session, "after_flush", watch.after_flush)
    event.listen(Session, "after_commit", watch.after_commit)
