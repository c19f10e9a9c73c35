"""Helpers shared by the grading tests: a course of their own, submissions, plain nbgrader."""

from __future__ import annotations

import copy
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_course

BIN = Path(sys.executable).parent


def need_sandbox() -> None:
    """Skip, saying what to install, where this machine cannot run the grading sandbox."""
    from workbench.config import get_settings
    from workbench.grading.sandbox import sandbox_problem

    problem = sandbox_problem(get_settings().grading_sandbox_user)
    if problem is not None:
        pytest.skip(f"sandbox penilaian tidak tersedia: {problem} (make sandbox)")


def solution(assignment: str) -> dict:
    path = ROOT / "exercises" / assignment / f"{assignment}.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))


def released(home: Path, assignment: str) -> dict:
    path = home / "grading" / "release" / assignment / f"{assignment}.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))


def submit(home: Path, assignment: str, student: str, nb: dict | Path) -> Path:
    folder = home / "grading" / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{assignment}.ipynb"
    if isinstance(nb, Path):
        shutil.copy2(nb, target)
    else:
        target.write_text(json.dumps(nb), encoding="utf-8")
    return target


def with_code(nb: dict, grade_id: str, code: str) -> dict:
    """The notebook with ``code`` put in front of the answer cell ``grade_id``."""
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            cell["source"] = code + "\n" + "".join(cell["source"])
            return nb
    raise AssertionError(grade_id)


def with_answer(nb: dict, grade_id: str, code: str) -> dict:
    """The notebook with the answer cell ``grade_id`` replaced by ``code``."""
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            cell["source"] = code
            return nb
    raise AssertionError(grade_id)


def with_cell(nb: dict, code: str, *, after: str | None = None) -> dict:
    """The notebook with a cell of the learner's own (no nbgrader metadata) after the cell
    ``after`` (a grade id), or at the end."""
    nb = copy.deepcopy(nb)
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": f"sendiri-{len(nb['cells'])}",
        "metadata": {},
        "outputs": [],
        "source": code,
    }
    index = len(nb["cells"])
    if after is not None:
        ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in nb["cells"]]
        index = ids.index(after) + 1
    nb["cells"].insert(index, cell)
    return nb


def cell_scores(db: Path, assignment: str) -> dict[tuple[str, str], float | None]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT sa.student_id, bc.name, g.auto_score FROM grade g "
            "JOIN submitted_notebook sn ON g.notebook_id = sn.id "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
            "JOIN assignment a ON sa.assignment_id = a.id "
            "JOIN base_cell bc ON g.cell_id = bc.id WHERE a.name = ?",
            (assignment,),
        ).fetchall()
    finally:
        con.close()
    return {(s, c): v for s, c, v in rows}


def outputs_text(notebook: Path) -> str:
    """Every output of every cell of a notebook, as text (streams, errors, rich data)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append(str(output.get("evalue", "")))
            parts += output.get("traceback", [])
            parts += [
                "".join(v) if isinstance(v, list) else str(v)
                for v in output.get("data", {}).values()
            ]
    return "\n".join(parts)


def plain_env(base: Path) -> dict[str, str]:
    """The environment of plain nbgrader (nbgrader's own Execute) on a course in ``base``
    (made there the first time)."""
    made = {"WORKBENCH_CONFIG": str(base / "wb.toml")} if base.exists() else make_course(base)
    env = {**os.environ, **made}
    env["PATH"] = str(BIN) + os.pathsep + env["PATH"]
    env["WORKBENCH_NBGRADER_UNSANDBOXED"] = "1"
    return env


def plain_autograde(home: Path, twin: Path, assignment: str, students: list[str]) -> Path:
    """Grade ``students`` of ``home``'s course with plain ``nbgrader autograde``, as a trainer
    runs it (one command for the class), in a copy of the course at ``twin`` holding only their
    submissions; returns the copy's gradebook."""
    env = plain_env(twin)
    (twin / "var").mkdir(exist_ok=True)
    for sub in ("release", "submitted"):
        shutil.rmtree(twin / "grading" / sub, ignore_errors=True)
    shutil.copytree(home / "grading" / "release", twin / "grading" / "release")
    for student in students:
        shutil.copytree(
            home / "grading" / "submitted" / student,
            twin / "grading" / "submitted" / student,
        )
    shutil.copy2(home / "var" / "gradebook.db", twin / "var" / "gradebook.db")
    subprocess.run(
        [str(BIN / "nbgrader"), "autograde", assignment, "--force"],
        cwd=twin / "grading",
        env=env,
        check=False,  # a submission plain nbgrader cannot grade at all simply scores nothing
        capture_output=True,
    )
    return twin / "var" / "gradebook.db"
