"""Feedback for learners: nbgrader's HTML feedback, in Indonesian, that keeps the tests secret.

Plain nbgrader puts the whole autograded notebook into the feedback: hidden tests, their
tracebacks, and whatever learner code printed while they ran (a callback that prints each
cell's source put the hidden tests into the learner's page; a failing visible ``assert`` shows
the neighbouring hidden lines as traceback context). Here :class:`KeepSecrets` runs before the
page is made:

* a test cell keeps only its visible part; when a hidden check failed, the learner reads which
  one (``Uji tersembunyi gagal: grade_id (the question its docstring asks)``), never its code,
  traceback or message;
* in every output of every cell (streams, tracebacks, HTML, Markdown, LaTeX, JSON, SVG ...) a
  line holding hidden test code is removed, and a rich output holding it is replaced by a note.

:func:`feedback` makes one page per learner with nbgrader's ``GenerateFeedback`` and our
Indonesian template (``templates/umpan_balik``), releases it through the exchange when the work
came through the exchange, copies it to ``to_folder`` (USB, e-mail) in any case asked, goes on
past a learner whose page fails, and returns a summary row per learner. Late penalties are
brought up to date first, and a learner whose written answers are not graded yet is named.
"""

from __future__ import annotations

import copy
import html
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from nbgrader.preprocessors import NbGraderPreprocessor

from workbench.grading.course import Course, open_course

__all__ = ["TEMPLATE_TRANSLATIONS", "FeedbackResult", "KeepSecrets", "feedback"]

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_BEGIN = "### BEGIN HIDDEN TESTS"
_END = "### END HIDDEN TESTS"
#: A hidden line at least this long is found inside any output line; a shorter one only as
#: a whole line (``)``, ``else:`` reveal nothing and are everywhere).
_FIND_INSIDE = 8
#: Where a line of hidden test code was removed from an output.
REMOVED = "[baris kode uji tersembunyi dihapus]"
REPLACED = "[keluaran ini memuat kode uji tersembunyi dan tidak ditampilkan]"
TEMPLATES = Path(__file__).with_name("templates")
#: English texts of nbgrader's feedback template and ours (tests check nothing else differs).
TEMPLATE_TRANSLATIONS = (
    ("<html>", '<html lang="id">'),
    (">Test cell</a> (Score:", ">Sel uji</a> (Nilai:"),
    (">Coding free-response</a> (Score:", ">Jawaban kode</a> (Nilai:"),
    (">Written response</a> (Score:", ">Jawaban tulisan</a> (Nilai:"),
    (">Task</a> (Score:", ">Tugas</a> (Nilai:"),
    (">Comment</a>", ">Komentar</a>"),
    ("Late submission penalty (Score: -", "Potongan keterlambatan (Nilai: -"),
    ("}} (Score: {{ resources", "}} (Nilai: {{ resources"),
    ("      Score: {{ cell", "      Nilai: {{ cell"),
    ("(Top)", "(Ke atas)"),
    ("Student's answer", "Jawaban peserta"),
    ("Student's task", "Tugas peserta"),
    ("Grade cell: <code>", "Sel dinilai: <code>"),
    ('"nbgrader-label">Task: <code>', '"nbgrader-label">Tugas: <code>'),
    ("<b>Comments:</b>", "<b>Komentar:</b>"),
)


def split_hidden(source: str) -> tuple[str, list[str]]:
    """A test cell's source without its hidden region, and the hidden lines."""
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


class Secrets:
    """The hidden test lines of one notebook, and how to find them in any text."""

    def __init__(self, lines: list[str]) -> None:
        stripped = {line.strip() for line in lines if line.strip()}
        self.inside = sorted((s for s in stripped if len(s) >= _FIND_INSIDE), key=len)
        self.whole = {s for s in stripped if len(s) < _FIND_INSIDE}

    def __bool__(self) -> bool:
        return bool(self.inside or self.whole)

    def in_line(self, line: str) -> bool:
        plain = html.unescape(_ANSI.sub("", line)).strip()
        if not plain:
            return False
        if plain in self.whole:
            return True
        return any(secret in plain for secret in self.inside)

    def clean(self, text: str) -> tuple[str, bool]:
        """``text`` without its lines of hidden code; and whether any was removed."""
        kept, removed = [], False
        for line in text.splitlines(keepends=True):
            if self.in_line(line):
                if not removed:
                    kept.append(REMOVED + "\n")
                removed = True
            else:
                kept.append(line)
        return "".join(kept), removed

    def in_text(self, text: str) -> bool:
        return any(self.in_line(line) for line in text.splitlines())


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _note(text: str, name: str = "stdout") -> dict:
    return {"output_type": "stream", "name": name, "text": text + "\n"}


class KeepSecrets(NbGraderPreprocessor):
    """Remove hidden tests from every part of the feedback; name the hidden checks that
    failed (see module doc)."""

    def preprocess(self, nb, resources):
        hidden: list[str] = []
        for cell in nb.cells:
            if cell.cell_type == "code" and _BEGIN in cell.source:
                hidden += split_hidden(cell.source)[1]
        self._secrets = Secrets(hidden)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        outputs = list(cell.get("outputs", []))
        if _BEGIN in cell.source:
            visible, hidden = split_hidden(cell.source)
            cell.source = visible
            outputs = self._test_outputs(cell, visible, hidden, outputs)
        cell.outputs = [self._clean_output(o) for o in outputs]
        return cell, resources

    def _test_outputs(self, cell, visible: str, hidden: list[str], outputs: list) -> list:
        hidden_code = {h.strip() for h in hidden if h.strip()}
        result = []
        for output in outputs:
            if output.get("output_type") != "error":
                result.append(output)
                continue
            line = _failing_line(output)
            if line is not None and line not in hidden_code:
                result.append(output)  # a visible check failed: its traceback is the learner's
                continue
            doc = re.search(r'"""(.*?)"""', visible, re.S)
            question = f" ({doc.group(1).strip()})" if doc else ""
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "?")
            result.append(_note(f"Uji tersembunyi gagal: {grade_id}{question}"))
        return result

    def _clean_output(self, output):
        secrets = self._secrets
        if not secrets:
            return output
        kind = output.get("output_type")
        if kind == "stream":
            output["text"], _ = secrets.clean(_text(output.get("text", "")))
        elif kind == "error":
            output["traceback"] = [secrets.clean(frame)[0] for frame in output.get("traceback", [])]
            if secrets.in_text(str(output.get("evalue", ""))):
                output["evalue"] = REMOVED
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            texts = [_text(v) for k, v in data.items() if not _binary(k)]
            if any(secrets.in_text(t) for t in texts) or secrets.in_text(
                str(output.get("metadata", ""))
            ):
                return _note(REPLACED)
        return output


def _binary(mimetype: str) -> bool:
    return mimetype.startswith(("image/png", "image/jpeg", "image/gif", "image/webp"))


@dataclass
class FeedbackResult:
    """What :func:`feedback` wrote, and a row per learner (``ringkasan``: nip, status,
    berkas, catatan)."""

    files: list[Path] = field(default_factory=list)
    summary: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["nip", "status", "berkas", "catatan"])
    )

    @property
    def failed(self) -> int:
        return int((self.summary["status"] == "gagal").sum())


def _exporter_config(course: Course):
    import nbgrader
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades

    config = copy.deepcopy(course.config)
    config.GenerateFeedback.preprocessors = [GetGrades, KeepSecrets, CSSHTMLHeaderPreprocessor]
    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions/formgrader/templates"
    # As nbgrader configures its own: for the exporter GenerateFeedback makes.
    exporter = config.GenerateFeedback.HTMLExporter
    exporter.template_name = "umpan_balik"
    exporter.extra_template_basedirs = [str(TEMPLATES), str(nbgrader_templates)]
    return config


def feedback(
    assignment: str,
    *,
    course: str | os.PathLike | Course | None = None,
    students: list[str] | None = None,
    to_folder: str | os.PathLike | None = None,
) -> FeedbackResult:
    """Make the HTML feedback of every autograded learner (or ``students``) as described in
    the module doc; with ``to_folder``, also copy it there as ``<NIP>-<tugas>-umpan-balik.html``.
    """
    from nbgrader.apps import NbGraderAPI

    from workbench.grading.late import refresh_penalties

    course = open_course(course)
    course.require_assignment(assignment)
    refresh_penalties(course, assignment)
    api = NbGraderAPI(coursedir=course.coursedir, config=_exporter_config(course))
    chosen = students or sorted(
        p.name for p in course.folder("autograded").glob("*") if (p / assignment).is_dir()
    )
    pending = _waiting_for_manual(course, assignment)
    result = FeedbackResult()
    rows = []
    for student in chosen:
        row = _one(api, course, assignment, student, to_folder, result.files)
        if student in pending and row["status"] != "gagal":
            row["catatan"] = _join(row["catatan"], "bagian tulisan belum dinilai di Formgrader")
        rows.append(row)
    result.summary = pd.DataFrame(rows, columns=["nip", "status", "berkas", "catatan"])
    return result


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _one(api, course: Course, assignment: str, student: str, to_folder, files: list) -> dict:
    """One learner's page; never raises (a failure is a row saying why)."""
    row = {"nip": student, "status": "gagal", "berkas": "", "catatan": ""}
    try:
        made = api.generate_feedback(assignment, student)
        if not made.get("success"):
            row["catatan"] = _last_line(made)
            return row
        folder = course.folder("feedback", student, assignment)
        pages = sorted(folder.glob("*.html"))
        files += pages
        row["berkas"] = ", ".join(p.name for p in pages)
        row["status"], row["catatan"] = _deliver(api, course, assignment, student, pages, to_folder)
    except Exception as exc:  # the class goes on
        row["catatan"] = f"{type(exc).__name__}: {exc}"[:300]
    return row


def _deliver(api, course, assignment, student, pages, to_folder) -> tuple[str, str]:
    notes = []
    status = "dibuat"
    secret = course.folder("submitted", student, assignment) / "submission_secret.txt"
    if os.name != "nt" and secret.is_file():
        released = api.release_feedback(assignment, student)
        if released.get("success"):
            status = "dirilis"
        else:
            notes.append("gagal dirilis ke folder pertukaran: " + _last_line(released))
    elif to_folder is None:
        notes.append(
            "kiriman tidak lewat folder pertukaran: bagikan berkasnya sendiri (--to-folder)"
        )
    if to_folder is not None:
        target = Path(to_folder)
        target.mkdir(parents=True, exist_ok=True)
        for page in pages:
            suffix = "" if len(pages) == 1 else f"-{page.stem}"
            shutil.copy2(page, target / f"{student}-{assignment}{suffix}-umpan-balik.html")
        status = "dirilis" if status == "dirilis" else "disalin"
    return status, "; ".join(notes)


def _last_line(result: dict) -> str:
    text = (result.get("error") or result.get("log") or "").strip().splitlines()
    return text[-1][:300] if text else "tanpa pesan"


def _waiting_for_manual(course: Course, assignment: str) -> set[str]:
    with course.gradebook() as gb:
        return {s.student.id for s in gb.assignment_submissions(assignment) if s.needs_manual_grade}
