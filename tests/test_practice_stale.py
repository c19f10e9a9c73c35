"""Values computed from a blank: the check names the cell to run again (fast, no kernel)."""

from __future__ import annotations

import pytest

from workbench.menus import RUN_ABOVE
from workbench.practice import Outcome, ValueQuestion, ____
from workbench.practice.cells import CellHistory
from workbench.practice.flow import cell_flow
from workbench.practice.stale import cell_label, diagnose


class Kernel:
    """A namespace and its cell history, run the way IPython runs cells (without IPython)."""

    def __init__(self) -> None:
        self.ns: dict = {"____": ____}
        self.cells = CellHistory(namespace=self.ns)
        self.count = 0

    def run(self, source: str) -> None:
        self.count += 1
        self.cells.start(source)
        error = None
        try:
            exec(source, self.ns)
        except Exception as exc:
            error = exc
        self.cells.record(source, error, self.count)

    def question(self, variable: str, expected) -> ValueQuestion:
        q = ValueQuestion(variable, expected, name="q2")
        q.bind(self.ns, cells=self.cells)
        return q


def module_12_after_run_all() -> Kernel:
    k = Kernel()
    k.run("UNSUR = ['U1', 'U2']\nnrr = ____\nnrr")  # [1] question 1
    k.run("nrr_tertimbang = nrr * (1 / 9)")  # [2] between the questions
    k.run("ikm_1_4 = ____")  # [3] question 2
    return k


@pytest.mark.parametrize(
    ("source", "deps"),
    [
        ("x = 1", {"x": set()}),
        ("UNSUR = list(skm.X)\nnrr = ____\nnrr", {"UNSUR": {"list", "skm"}, "nrr": {"____"}}),
        ("a = x\nb = a + y", {"a": {"x"}, "b": {"x", "y"}}),
        ('df["k"] = f(z)', {"df": {"df", "f", "z"}}),
        ("df.loc[0, 'k'] = 1", {"df": {"df"}}),
        ("n += k", {"n": {"n", "k"}}),
        ("def f(a):\n    return a * ____", {"f": {"a", "____"}}),
        ("fig, ax = plt.subplots()", {"fig": {"plt"}, "ax": {"plt"}}),
        ("print(x)", {}),
    ],
)
def test_cell_flow_reads_what_each_name_depends_on(source, deps):
    """Does the cell reader say, per changed name, which outside names its value comes from
    (earlier lines of the same cell passing theirs on, in-place changes included)?"""
    flow = cell_flow(source)
    assert {k: set(v) for k, v in flow.deps.items()} == deps


def test_cell_flow_of_a_cell_that_does_not_parse_is_coarse():
    """Does a cell with a SyntaxError count every name in it as an input of what it assigns?"""
    flow = cell_flow("hasil = f(a, (b")
    assert flow.deps["hasil"] >= {"f", "a", "b"}


def test_value_computed_from_an_answered_blank_names_the_cell_to_run_again():
    """Module 12 after Run All: with question 1 answered, is question 2's right answer told to
    run the cell between the questions and then its own cell, in that order, by number?"""
    k = module_12_after_run_all()
    k.run("UNSUR = ['U1', 'U2']\nnrr = 3.0\nnrr")  # [4] question 1 answered
    k.run("ikm_1_4 = nrr_tertimbang * 3")  # [5] question 2 answered, on the old value
    fb = k.question("ikm_1_4", 1.0).evaluate()
    assert fb.outcome is Outcome.NOT_ATTEMPTED and fb.title == "Jalankan ulang sel di atas."
    assert "(1) sel [2] `nrr_tertimbang = nrr * (1 / 9)`" in fb.message
    assert "(2) sel jawaban Anda [5] `ikm_1_4 = nrr_tertimbang * 3`" in fb.message
    assert "`nrr` belum berisi jawaban Anda" in fb.message and RUN_ABOVE in fb.message
    assert "masih berisi `____`. Ganti" not in fb.message
    assert "workbench-rerun" in fb._repr_html_() and "<b>Jalankan ›" in fb._repr_html_()
    k.run("nrr_tertimbang = nrr * (1 / 9)")  # the learner does what it says
    k.run("ikm_1_4 = nrr_tertimbang * 3")
    assert k.question("ikm_1_4", 1.0).evaluate().passed


def test_only_the_answer_cell_left_to_run_again():
    """When the cell between was run again but not the answer cell, is only the answer cell
    named?"""
    k = module_12_after_run_all()
    k.run("nrr = 3.0")
    k.run("ikm_1_4 = nrr_tertimbang * 3")  # [5] still on the old value
    k.run("nrr_tertimbang = nrr * (1 / 9)")  # [6] fixed, but [5] was not run again
    fb = k.question("ikm_1_4", 1.0).evaluate()
    assert fb.message.startswith("Sel jawaban Anda [5] `ikm_1_4 = nrr_tertimbang * 3`")
    assert "(1)" not in fb.message


def test_a_wrong_value_from_an_old_blank_is_not_called_wrong():
    """Is an answer that is not a blank but was computed from an old blank (a length, a
    comparison) sent to run cells again rather than judged 'Belum tepat'?"""
    k = Kernel()
    k.run("daftar = [____, 2]")
    k.run("jumlah = len(daftar)")  # between: 2, from the blank list
    k.run("daftar = [1, 2, 3]")  # question 1 answered
    k.run("hasil = jumlah * 10")  # question 2 answered on the old length
    fb = k.question("hasil", 30).evaluate()
    assert fb.outcome is Outcome.NOT_ATTEMPTED and fb.title, fb
    assert "sel [2] `jumlah = len(daftar)`" in fb.message


def test_answer_resting_on_an_unanswered_blank_names_that_blank():
    """Answering question 2 before question 1: is the learner sent to the blank above, not
    told their own cell still holds ____?"""
    k = module_12_after_run_all()
    k.run("ikm_1_4 = nrr_tertimbang * 3")
    fb = k.question("ikm_1_4", 1.0).evaluate()
    assert fb.outcome is Outcome.NOT_ATTEMPTED and fb.title is None
    assert "`nrr` masih berisi `____` di sel [1] `UNSUR = ['U1', 'U2']`" in fb.message
    assert "Kerjakan dulu soal di sel itu" in fb.message


def test_plain_blank_and_unrelated_cells_keep_their_usual_messages():
    """Does an answer cell still holding ____ get the usual 'not attempted', and does a blank
    elsewhere (another question, a name set in the same cell) never count against an answer?"""
    k = module_12_after_run_all()
    fb = k.question("ikm_1_4", 1.0).evaluate()
    assert "`ikm_1_4` masih berisi `____`" in fb.message and fb.title is None
    assert diagnose(k.cells, "UNSUR") is None  # set beside the blank, not from it
    k.run("x = len(UNSUR)")
    assert k.question("x", 2).evaluate().passed
    k.run("x = len(UNSUR) + 1")
    fb = k.question("x", 2).evaluate()
    assert fb.outcome is Outcome.INCORRECT and fb.title is None


def test_failed_answer_cell_is_still_named_first():
    """Does an answer cell that stopped with an error keep that message, not a 'run again'?"""
    k = module_12_after_run_all()
    k.run("nrr = 3.0")
    k.run("ikm_1_4 = nrr_tertimbang.sum(")
    fb = k.question("ikm_1_4", 1.0).evaluate()
    assert "SyntaxError" in fb.message and fb.title is None


def test_loops_between_cells_end():
    """Do two cells that read each other's names (x = y, y = x) not send the search round
    forever?"""
    k = Kernel()
    k.run("y = ____")
    k.run("x = y")
    k.run("y = x")
    k.run("y = 2")
    k.run("x = y")
    k.run("y = x")
    assert k.question("y", 2).evaluate().passed


def test_cell_label_is_what_the_learner_sees():
    """Is a cell named by the number JupyterLab shows and its first line of code (comments
    skipped, long lines cut)?"""
    k = Kernel()
    k.run("# hitung\n" + "total = 1 + " + " + ".join(["1"] * 40))
    label = cell_label(k.cells.provider("total"))
    assert label.startswith("sel [1] `total = 1 + 1") and label.endswith("…`")
