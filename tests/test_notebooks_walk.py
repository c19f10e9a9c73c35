"""A learner's walk through every module: *Run All* first, then each question answered in order.

This is how many learners start a module: they press *Run All* to "see everything", then go
back up and answer question 1, question 2, ... But Run All ran every cell with its ``____``
blank in place, so a cell *between* two questions (module 12's ``nrr_tertimbang = nrr * (1 /
9)``) holds a value computed from a blank, and question 2's answer built on it would be
judged on that old value. The walk checks, in one real kernel per module (the learner copy,
as in ``tests/test_notebooks.py``), that:

* after an answer cell is filled in with the question's own solution and run, its check is
  either correct, or says "Jalankan ulang sel di atas" and names the cells to run again by
  the execution number JupyterLab shows beside them ("not attempted" or "wrong" for a right
  answer would mislead the learner);
* running exactly the cells named, in the order given, makes the check correct;
* the walk meets at least the stale cell we know of (module 12, question 2).

How a learner fills in an answer: the blank lines (``x = ____``) of the answer cell are
replaced by the solution; a blank inside a ``def`` replaces the whole function; lines of the
starter cell that the solution repeats (``fig, ax = plt.subplots()``) are not kept twice. A
question answered in a widget instead (module 13's conversations, played to a good ending) is
answered by its self-test cell from the author copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from tests.conftest import NOTEBOOK_CELL_TIMEOUT, ROOT, make_home
from workbench.course.lessons import LESSONS, exercise_set
from workbench.practice.cells import assigned_names

_FEEDBACK = re.compile(r"workbench-feedback--(\w+)")
_CELL_NUMBER = re.compile(r"sel(?: jawaban Anda)? \[(\d+)\]")


def _variable(question) -> str | None:
    """The name a question's answer is written to (None: answered in a widget, module 13)."""
    return getattr(question, "variable", None) or getattr(question, "function", None)


def _answer_in_widget(walk: Walk, module: str, question) -> None:
    """Answer a question a learner answers in a widget (a conversation played to its end) as
    the author's self-test does: run that self-test cell of the author copy in the kernel."""
    author = nbformat.read(ROOT / "curriculum" / f"{module}.ipynb", as_version=4)
    source = next(
        c.source
        for c in author.cells
        if "penulis" in c.metadata.get("tags", [])
        and f"assert_check_passed({question.name})" in c.source
    )
    walk.nb.cells.append(nbformat.v4.new_code_cell(source))
    walk.run(len(walk.nb.cells) - 1)


def fill_in(source: str, solution: str, variable: str) -> str:
    """The answer cell as a learner leaves it after writing ``solution`` in place of the blank."""
    lines = source.splitlines()
    solved = set(assigned_names(solution))
    block = _blank_block(lines, solved | {variable})
    if block is None:
        raise AssertionError(f"no blank for {variable!r} in:\n{source}")
    first, last = block
    repeated = {ln.strip() for ln in solution.splitlines() if ln.strip()}
    kept_before = [ln for ln in lines[:first] if ln.strip() not in repeated]
    kept_after = []
    for ln in lines[last + 1 :]:
        if ln.strip() in repeated:
            continue
        if "____" in ln and (assigned_names(ln) & solved or not assigned_names(ln)):
            continue  # a second blank the same solution answers (``lima = ____``)
        kept_after.append(ln)
    return "\n".join([*kept_before, *solution.splitlines(), *kept_after])


def _blank_block(lines: list[str], names: set[str]) -> tuple[int, int] | None:
    """First and last line of the blank the question answers (a whole ``def`` for functions)."""
    for i, line in enumerate(lines):
        if "____" not in line:
            continue
        if line[:1].isspace():  # inside a def: the block is the whole function
            start = max(j for j in range(i + 1) if lines[j] and not lines[j][0].isspace())
            end = i
            while end + 1 < len(lines) and lines[end + 1][:1].isspace():
                end += 1
            if assigned_names(lines[start]) & names or lines[start].startswith("def "):
                return start, end
            continue
        found = assigned_names(line)
        if found & names or not found:
            return i, i
    return None


@dataclass
class Walk:
    """One module's kernel and notebook, run the way a learner runs it."""

    nb: nbformat.NotebookNode
    client: object
    events: list[str] = field(default_factory=list)

    def run(self, index: int) -> nbformat.NotebookNode:
        cell = self.nb.cells[index]
        self.client.execute_cell(cell, index)
        return cell

    def run_all(self) -> None:
        for i, cell in enumerate(self.nb.cells):
            if cell.cell_type == "code":
                self.run(i)

    def by_number(self, number: int) -> int:
        for i, cell in enumerate(self.nb.cells):
            if cell.cell_type == "code" and cell.get("execution_count") == number:
                return i
        raise AssertionError(f"no cell ran as [{number}]")


def _verdict(cell) -> tuple[str, bool, str]:
    """(outcome class, is it a 'run again' message, its text) of a check cell's output."""
    for output in cell.get("outputs", []):
        html = output.get("data", {}).get("text/html", "")
        found = _FEEDBACK.search(html)
        if found:
            text = output.get("data", {}).get("text/plain", "")
            return found.group(1), "workbench-rerun" in html, text
    raise AssertionError(f"no feedback in the outputs of {cell.source!r}: {cell.get('outputs')}")


def _index(nb, predicate) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and predicate(c))


def answer_in_order(walk: Walk, module: str) -> None:
    """Answer every question with its solution, follow every 'run again' message, and check."""
    for q in exercise_set(module):
        variable = _variable(q)
        check = _index(walk.nb, lambda c, n=q.name: c.source.strip() == f"{n}.check()")
        if variable is None:
            _answer_in_widget(walk, module, q)
        else:
            answer = _index(
                walk.nb,
                lambda c, v=variable: "____" in c.source and v in assigned_names(c.source),
            )
            cell = walk.nb.cells[answer]
            cell.source = fill_in(cell.source, q.solution_code, variable)
            walk.run(answer)
        outcome, rerun, text = _verdict(walk.run(check))
        if outcome == "correct":
            continue
        assert rerun, f"{module} {q.name}: a right answer was judged '{outcome}': {text}"
        numbers = [int(n) for n in _CELL_NUMBER.findall(text)]
        assert numbers, f"{module} {q.name}: 'run again' names no cell: {text}"
        walk.events.append(f"{q.name}: {text}")
        cells = [walk.by_number(n) for n in numbers]
        assert cells == sorted(cells), f"{module} {q.name}: cells not named top first: {text}"
        for index in cells:
            walk.run(index)
        outcome, _rerun, text = _verdict(walk.run(check))
        assert outcome == "correct", (
            f"{module} {q.name}: after running the cells named, still '{outcome}': {text}"
        )


@pytest.fixture(scope="module")
def walk_home(tmp_path_factory) -> Path:
    return make_home(tmp_path_factory.mktemp("rumah-jalan"))


@pytest.mark.slow
@pytest.mark.parametrize("module", list(LESSONS), ids=str)
def test_run_all_then_answer_in_order(module, walk_home, monkeypatch):
    """After Run All, does answering each question in order end in 'Benar' for every one, with
    any value left over from a blank named as a cell to run again (never judged as the
    learner's answer), and do exactly the cells named fix it?"""
    from nbclient import NotebookClient

    monkeypatch.setenv("WORKBENCH_HOME", str(walk_home))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    path = walk_home / "notebooks" / f"{module}.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=NOTEBOOK_CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with client.setup_kernel():
        walk = Walk(nb, client)
        walk.run_all()
        answer_in_order(walk, module)
    if module == "12-survei-kepuasan-masyarakat":
        assert any(
            e.startswith("q2:") and "`nrr_tertimbang = nrr * (1 / 9)`" in e for e in walk.events
        ), walk.events


def test_fill_in_is_what_a_learner_types():
    """Does filling in a blank keep the starter lines around it, replace a whole function, and
    not repeat lines the solution writes itself?"""
    assert fill_in("UNSUR = list(x)\nnrr = ____\nnrr", "nrr = d[UNSUR].mean()", "nrr") == (
        "UNSUR = list(x)\nnrr = d[UNSUR].mean()\nnrr"
    )
    assert fill_in("def f(a):\n    return ____\n\n\nf(2)", "def f(a):\n    return a * 2", "f") == (
        "def f(a):\n    return a * 2\n\n\nf(2)"
    )
    starter = "fig, ax = plt.subplots()\nper = ____\nper.plot.bar(ax=ax)"
    solution = "fig, ax = plt.subplots()\nper = d.count()\nper.plot.bar(ax=ax)\nax.set_title('t')"
    assert fill_in(starter, solution, "ax") == solution
    assert fill_in("lima = ____\nselisih = ____\nselisih", "lima = 5\nselisih = 1", "selisih") == (
        "lima = 5\nselisih = 1\nselisih"
    )
    assert fill_in("a = ____\nb = ____\na, b", "a = 1", "a") == "a = 1\nb = ____\na, b"


def test_walk_covers_every_module_with_questions():
    """Is every module with practice questions a learner copy the walk can open?"""
    for module in LESSONS:
        assert (ROOT / "notebooks" / f"{module}.ipynb").is_file(), module


@pytest.mark.slow
def test_check_after_a_kernel_restart_says_to_run_the_setup_cell(walk_home, monkeypatch):
    """In a fresh kernel (a restart, or the module reopened), does ``q1.check()`` end in
    Python's NameError followed by an Indonesian hint that names the module's setup cell?"""
    from nbclient import NotebookClient

    module = "12-survei-kepuasan-masyarakat"
    path = walk_home / "notebooks" / f"{module}.ipynb"
    monkeypatch.setenv("WORKBENCH_HOME", str(walk_home))
    monkeypatch.setenv("JPY_SESSION_NAME", f"{module}.ipynb")  # what JupyterLab tells a kernel
    nb = nbformat.read(path, as_version=4)
    check = _index(nb, lambda c: c.source.strip() == "q1.check()")
    client = NotebookClient(
        nb,
        timeout=NOTEBOOK_CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    with client.setup_kernel():
        cell = client.execute_cell(nb.cells[check], check)
    kinds = [o["output_type"] for o in cell.outputs]
    assert kinds[0] == "error" and cell.outputs[0]["ename"] == "NameError", cell.outputs
    hint = cell.outputs[-1]["data"]["text/html"]
    assert "workbench-nameerror" in hint and "sel persiapan modul" in hint
    assert "sel kode ke-1 dari atas" in hint and "Jalankan Semua Sel di Atas" in hint
