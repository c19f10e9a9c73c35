"""Feedback keeps hidden tests secret, in Indonesian, for every way work came in."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.grading_support import BIN, cell_scores, need_sandbox
from workbench.config import get_settings

EXAMPLE = Path(__import__("nbgrader").__file__).parent / "docs" / "source" / "user_guide"


def nbgrader(*args: str, cwd: Path) -> None:
    """Plain nbgrader in ``cwd`` (the course there configures nothing of the workbench)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(
        [str(BIN / "nbgrader"), *args], cwd=cwd, env=env, check=True, capture_output=True
    )


def _test_cell(source: str, outputs: list) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "uji_x", "points": 1}
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


SOURCE = (
    '"""Apakah x benar?"""\n'
    "assert x > 0\n"
    "### BEGIN HIDDEN TESTS\n"
    "assert x == 42, 'rahasia'\n"
    "assert abs(x_rahasia_kedua - 3.25) < 1e-9\n"
    "### END HIDDEN TESTS\n"
)


def _clean(nb):
    from workbench.grading.feedback import KeepSecrets

    return KeepSecrets().preprocess(nb, {})[0]


def _traceback(failing: str) -> dict:
    """An IPython traceback whose context shows the lines around ``failing``."""
    context = [
        '      1 """Apakah x benar?"""',
        "      2 assert x > 0" if failing != "assert x > 0" else "----> 2 assert x > 0",
        "      3 ### BEGIN HIDDEN TESTS",
        "----> 4 assert x == 42, 'rahasia'"
        if failing.startswith("assert x == 42")
        else "      4 assert x == 42, 'rahasia'",
        "      5 assert abs(x_rahasia_kedua - 3.25) < 1e-9",
    ]
    frame = "\x1b[0;31mCell\x1b[0m \x1b[0;32mIn[3], line 2\x1b[0m\n" + "\n".join(context)
    return {"output_type": "error", "ename": "AssertionError", "evalue": "", "traceback": [frame]}


def test_a_failing_visible_check_shows_its_traceback_without_hidden_context():
    """When a visible assert fails, does the learner see its traceback with the hidden lines
    IPython printed as context removed (nbgrader's own feedback shows them)?"""
    nb = nbformat.v4.new_notebook(cells=[_test_cell(SOURCE, [_traceback("assert x > 0")])])
    out = _clean(nb).cells[0]
    text = "\n".join(out.outputs[0]["traceback"])
    assert "assert x > 0" in text
    assert "x == 42" not in text and "x_rahasia_kedua" not in text
    assert "BEGIN HIDDEN" not in out.source and "x == 42" not in out.source


def test_a_failing_hidden_check_is_named_never_shown():
    """When a hidden assert fails, does the learner read which check (its id and question)
    instead of its code, message or traceback?"""
    nb = nbformat.v4.new_notebook(cells=[_test_cell(SOURCE, [_traceback("assert x == 42")])])
    out = _clean(nb).cells[0]
    assert [o["output_type"] for o in out.outputs] == ["stream"]
    assert out.outputs[0]["text"] == "Uji tersembunyi gagal: uji_x (Apakah x benar?)\n"


def test_hidden_lines_are_removed_from_every_output_of_every_cell():
    """Do hidden lines printed by learner code anywhere (a stream of another cell, HTML,
    an error message) disappear, while the rest of the output stays?"""
    leaky = nbformat.v4.new_code_cell("print(In)")
    leaky.outputs = [
        nbformat.v4.new_output(
            "stream", name="stdout", text="sebelum\nassert x == 42, 'rahasia'\nsesudah\n"
        ),
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": "<pre>assert abs(x_rahasia_kedua - 3.25) &lt; 1e-9</pre>"},
        ),
        nbformat.v4.new_output("display_data", data={"text/plain": "grafik biasa"}),
        nbformat.v4.new_output(
            "error", ename="ValueError", evalue="assert x == 42, 'rahasia'", traceback=["x"]
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=[leaky, _test_cell(SOURCE, [])])
    outputs = _clean(nb).cells[0].outputs
    dump = str(outputs)
    assert "x == 42" not in dump and "x_rahasia_kedua" not in dump
    assert "sebelum" in outputs[0]["text"] and "sesudah" in outputs[0]["text"]
    assert "tidak ditampilkan" in outputs[1]["text"]
    assert outputs[2]["data"]["text/plain"] == "grafik biasa"


def test_our_template_is_nbgraders_with_only_the_labels_translated():
    """Is the Indonesian feedback template nbgrader's own with exactly our translations, so
    an nbgrader update that changes the template is noticed here?"""
    from workbench.grading.feedback import TEMPLATE_TRANSLATIONS, TEMPLATES

    ours = (TEMPLATES / "umpan_balik" / "index.html.j2").read_text("utf-8")
    ours = ours.split("-#}\n", 1)[1]  # our note on where it comes from
    theirs = (
        (EXAMPLE.parents[2] / "server_extensions" / "formgrader" / "templates" / "feedback")
        .joinpath("index.html.j2")
        .read_text("utf-8")
    )
    for english, indonesian in TEMPLATE_TRANSLATIONS:
        assert indonesian in ours
        ours = ours.replace(indonesian, english)
    assert ours == theirs
    for english in ("Student's answer", "Score:", "Comments:", "(Top)", "Test cell"):
        assert english not in (TEMPLATES / "umpan_balik" / "index.html.j2").read_text("utf-8")


@pytest.fixture
def example_course(tmp_path, monkeypatch):
    """nbgrader's own example course (its documentation's ps1, with bitdiddle's and hacker's
    submissions), as nbgrader installs it."""
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "wb.toml"))
    (tmp_path / "wb.toml").write_text(f'[paths]\nstate = "{tmp_path.as_posix()}/var"\n', "utf-8")
    get_settings.cache_clear()
    root = tmp_path / "contoh"
    shutil.copytree(EXAMPLE / "source", root / "source")
    shutil.copytree(EXAMPLE / "submitted", root / "submitted")
    _hide_last_checks(root / "source" / "ps1" / "problem1.ipynb")
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'example'\n"
        "c.IncludeHeaderFooter.header = 'source/header.ipynb'\n"
        f"c.Exchange.root = {str(tmp_path / 'pertukaran')!r}\n",
        encoding="utf-8",
    )
    nbgrader("generate_assignment", "ps1", "--force", cwd=root)
    yield root
    get_settings.cache_clear()


def _hide_last_checks(path: Path) -> None:
    """Make the last two checks of the example's value tests hidden, as nbgrader's guide
    shows for hidden tests (the installed example has none)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") in (
            "correct_squares",
            "correct_sum_of_squares",
        ):
            lines = cell.source.splitlines()
            cell.source = "\n".join(
                [*lines[:3], "### BEGIN HIDDEN TESTS", *lines[3:], "### END HIDDEN TESTS"]
            )
    nbformat.write(nb, path)


@pytest.mark.slow
def test_nbgraders_example_course_grades_as_plain_nbgrader_and_keeps_its_secrets(
    example_course, tmp_path
):
    """On nbgrader's own example course, do bitdiddle and hacker get exactly plain nbgrader's
    cell scores, and does no feedback page show hidden test code, where nbgrader's own
    feedback does?"""
    from workbench.grading import autograde, feedback

    need_sandbox()
    twin = tmp_path / "biasa"
    shutil.copytree(example_course, twin)
    for student in ("bitdiddle", "hacker"):
        nbgrader("autograde", "ps1", "--student", student, "--force", cwd=twin)
    report = autograde("ps1", course=example_course, jobs=2)
    assert set(report["status"]) <= {"dinilai", "dinilai dengan catatan"}, report
    assert (report["perlu_diperiksa"] == "").all(), report
    ours = cell_scores(example_course / "gradebook.db", "ps1")
    assert ours == cell_scores(twin / "gradebook.db", "ps1") and ours
    nbgrader("generate_feedback", "ps1", "--force", cwd=twin)
    hidden = _hidden_lines(example_course / "source" / "ps1")
    theirs = [_leaked(page, hidden) for page in sorted(twin.glob("feedback/*/ps1/*.html"))]
    assert any(theirs), "nbgrader's own feedback no longer leaks: the test lost its point"
    result = feedback("ps1", course=example_course, to_folder=tmp_path / "umpan")
    pages = sorted((tmp_path / "umpan").glob("*.html"))
    assert len(pages) == len(theirs) == 4
    for page in pages:
        assert not _leaked(page, hidden), page.name
        assert "Jawaban peserta" in page.read_text("utf-8")
    assert set(result.summary["status"]) == {"disalin"}


def _hidden_lines(folder: Path) -> list[str]:
    from workbench.grading.feedback import split_hidden

    lines = []
    for path in folder.glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            lines += split_hidden(cell.source)[1]
    return [line.strip() for line in lines if len(line.strip()) >= 8]


def _leaked(page: Path, hidden: list[str]) -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text("utf-8")))
    return [line for line in hidden if line in text]


@pytest.mark.slow
def test_feedback_works_for_usb_submissions_and_goes_on_past_a_failing_learner(
    example_course, tmp_path
):
    """For work that came through --from-folder (no exchange secret), does feedback write
    each learner's page to --to-folder, list a learner whose page fails (a damaged graded
    notebook) and still finish the others, with a row per learner?"""
    from workbench.grading import autograde, feedback

    need_sandbox()
    for student in ("bitdiddle", "hacker"):
        (example_course / "submitted" / student / "ps1" / "submission_secret.txt").unlink(
            missing_ok=True
        )
    autograde("ps1", course=example_course, jobs=2)
    broken = example_course / "autograded" / "hacker" / "ps1" / "problem1.ipynb"
    broken.chmod(0o644)
    broken.write_text("{ rusak", encoding="utf-8")
    result = feedback("ps1", course=example_course)
    rows = result.summary.set_index("nip")
    assert rows.loc["hacker", "status"] == "gagal" and rows.loc["hacker", "catatan"]
    assert rows.loc["bitdiddle", "status"] == "dibuat"
    assert "--to-folder" in rows.loc["bitdiddle", "catatan"]
    result = feedback(
        "ps1", course=example_course, students=["bitdiddle"], to_folder=tmp_path / "usb"
    )
    assert list(result.summary["status"]) == ["disalin"]
    assert len(list((tmp_path / "usb").glob("bitdiddle-ps1-*-umpan-balik.html"))) == 2
