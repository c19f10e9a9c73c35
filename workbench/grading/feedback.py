"""Feedback for learners: nbgrader's HTML feedback, without the hidden tests.

Plain nbgrader puts the whole autograded notebook into the feedback, hidden tests and their
tracebacks included, so the next class could read them. Here a test cell keeps only its visible
part; when a hidden check failed, the learner sees which one (its ``grade_id`` and the question
its docstring asks), never its code or traceback.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor

from workbench.grading.course import Course, open_course
from workbench.grading.distribute import _check

__all__ = ["HideHiddenTests", "feedback"]

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_BEGIN = "### BEGIN HIDDEN TESTS"
_END = "### END HIDDEN TESTS"


def _hidden_lines(source: str) -> tuple[str, list[str]]:
    """The source without hidden regions, and the hidden lines."""
    visible, hidden, inside = [], [], False
    for line in source.splitlines():
        if _BEGIN in line:
            inside = True
            continue
        if _END in line:
            inside = False
            continue
        (hidden if inside else visible).append(line)
    return "\n".join(visible), hidden


def _failing_line(output) -> str | None:
    """The code line IPython marks with '---->' in a traceback."""
    for frame in output.get("traceback", []):
        for line in _ANSI.sub("", frame).splitlines():
            match = re.match(r"^-*>\s*\d+\s(.*)$", line)
            if match:
                return match.group(1).strip()
    return None


class HideHiddenTests(NbGraderPreprocessor):
    """Remove hidden tests from feedback; name the hidden checks that failed."""

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or _BEGIN not in cell.source:
            return cell, resources
        visible, hidden = _hidden_lines(cell.source)
        hidden_code = {h.strip() for h in hidden if h.strip()}
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "error"]
        cell.source = visible
        for error in errors:
            line = _failing_line(error)
            if line is not None and line in hidden_code:
                doc = re.search(r'"""(.*?)"""', visible, re.S)
                question = f" ({doc.group(1).strip()})" if doc else ""
                outputs.append(
                    {
                        "output_type": "stream",
                        "name": "stdout",
                        "text": f"Uji tersembunyi gagal: {meta.get('grade_id', '?')}{question}\n",
                    }
                )
            else:
                outputs.append(error)
        cell.outputs = outputs
        return cell, resources


def feedback(
    assignment: str,
    *,
    course: str | os.PathLike | Course | None = None,
    students: list[str] | None = None,
    to_folder: str | os.PathLike | None = None,
) -> list[Path]:
    """Generate HTML feedback for every autograded learner (or ``students``), release it through
    the exchange, and with ``to_folder`` copy it as ``<NIP>-<tugas>-umpan-balik.html``.
    Returns the HTML files written in the course's feedback folder."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.apps import NbGraderAPI
    from nbgrader.preprocessors import GetGrades

    course = open_course(course)
    course.require_assignment(assignment)
    config = copy.deepcopy(course.config)
    config.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
    api = NbGraderAPI(coursedir=course.coursedir, config=config)
    chosen = students or sorted(
        p.name for p in course.folder("autograded").glob("*") if (p / assignment).is_dir()
    )
    written: list[Path] = []
    for student in chosen:
        _check(
            api.generate_feedback(assignment, student),
            f"membuat umpan balik {assignment} untuk {student}",
        )
        if os.name != "nt":
            _check(api.release_feedback(assignment, student), f"merilis umpan balik {student}")
        folder = course.folder("feedback", student, assignment)
        files = sorted(folder.glob("*.html"))
        written += files
        if to_folder is not None:
            target = Path(to_folder)
            target.mkdir(parents=True, exist_ok=True)
            for html in files:
                suffix = "" if len(files) == 1 else f"-{html.stem}"
                shutil.copy2(html, target / f"{student}-{assignment}{suffix}-umpan-balik.html")
    return written
