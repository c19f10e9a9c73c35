"""Practice checks judge plain values, name the most important difference first, speak of a
failed answer cell, and write numbers as a person does."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
import pytest

from workbench.course.lessons import exercise_set
from workbench.course.lessons._data import HARI, dataset
from workbench.practice import FrameQuestion, FunctionQuestion, Outcome, ValueQuestion, ____
from workbench.practice.cells import CellHistory, assigned_names, watch
from workbench.practice.compare import NotPlain, plain, show


def judge(question, cells=None, **answers):
    """Bind ``question`` to a namespace holding ``answers`` and evaluate it."""
    question.name = question.name or "q1"
    question.bind(dict(answers), cells=cells)
    return question.evaluate()


TABLE = pd.DataFrame(
    {"kelurahan": ["Asemrowo", "Genting Kalianak", "Tambak Sarioso"], "pengunjung": [120, 40, 35]}
)


# -- the most important difference first ---------------------------------------------------


def _layanan_with_time_columns() -> pd.DataFrame:
    df = dataset("layanan")
    df["jam"] = df["datang"].dt.hour
    df["hari"] = df["tanggal"].dt.day_of_week.map(dict(enumerate(HARI)))
    return df


def test_module_02_filter_with_extra_columns_reports_rows_before_columns():
    """When a later cell has added `jam` and `hari` to the table, is a wrong filter ("Lansia")
    told about its rows, and a right one only about the extra columns, in plain words?"""
    q2 = exercise_set("02-data-layanan-dengan-pandas").questions[1]
    df = _layanan_with_time_columns()
    wrong = df[(df["kelurahan"] == "Tambak Sarioso") & (df["prioritas"] == "Lansia")]
    fb = judge(q2, lansia_tambak=wrong)
    assert fb.outcome is Outcome.INCORRECT
    assert "0 baris" in fb.message and "jam" not in fb.message, fb.message
    assert "huruf besar/kecil" in fb.message
    right = df[(df["kelurahan"] == "Tambak Sarioso") & (df["prioritas"] == "lansia")]
    fb = judge(q2, lansia_tambak=right)
    assert fb.outcome is Outcome.INCORRECT
    assert "sudah benar" in fb.message and "'jam', 'hari'" in fb.message


def test_table_differences_come_in_order_of_importance():
    """Are missing columns named before rows, rows before kinds, kinds before values, and
    extra columns only when everything else is right?"""
    q = FrameQuestion("t", TABLE)
    extra = TABLE.assign(catatan="x")
    assert "belum ada 'pengunjung'" in judge(q, t=extra[["kelurahan", "catatan"]]).message
    assert "2 baris" in judge(q, t=extra.head(2)).message
    typed = extra.astype({"pengunjung": str})
    assert "bertipe teks" in judge(q, t=typed).message
    values = judge(q, t=extra.assign(pengunjung=[1, 2, 3])).message
    assert "Isi kolom 'pengunjung'" in values and "catatan" not in values
    assert "'catatan'" in judge(q, t=extra).message


def test_dictionary_values_come_before_extra_keys():
    """Is a wrong value in a dictionary named before a key that should not be there?"""
    q = ValueQuestion("penduduk", {"Asemrowo": 34271, "Genting Kalianak": 8348})
    fb = judge(q, penduduk={"Asemrowo": 3427, "Genting Kalianak": 8348, "Total": 1})
    assert "terlalu kecil" in fb.message and "Total" not in fb.message
    fb = judge(q, penduduk={"Asemrowo": 34271, "Genting Kalianak": 8348, "Total": 1})
    assert "tidak diharapkan" in fb.message and "'Total'" in fb.message


def test_series_values_are_not_called_a_column_named_nilai():
    """Does a wrong Series hear about its values in plain words (not about a column 'nilai' it
    never had, nor the jargon 'Nilai-nilai Series')?"""
    expected = TABLE.set_index("kelurahan")["pengunjung"]
    fb = judge(FrameQuestion("s", expected), s=expected * 2)
    assert fb.outcome is Outcome.INCORRECT
    assert "'nilai'" not in fb.message and fb.message.startswith("Isi jawaban Anda belum sesuai")
    fb = judge(FrameQuestion("s", expected), s=expected.astype(str))
    assert "'nilai'" not in fb.message and "bertipe teks" in fb.message
    assert "Series" not in fb.message


def test_tuple_answer_is_not_told_about_quotes():
    """Is a tuple (``2,5`` typed with a decimal comma) told about the comma, and only a text
    answer told to check its quotes?"""
    fb = judge(ValueQuestion("x", 2.5), x=(2, 5))
    assert "tanda kutip" not in fb.message and "`2.5`, bukan `2,5`" in fb.message
    fb = judge(ValueQuestion("x", 2.5), x="2.5")
    assert "Periksa tanda kutip" in fb.message


def test_explain_and_normalize_fit_the_message_to_the_answer():
    """Does a question's own explanation replace the general 'belum sesuai' for a wrong answer
    it recognises, and does normalize accept other ways of writing the same answer?"""

    def letter(value):
        if isinstance(value, str) and len(value.strip()) > 1:
            return "Jawab dengan satu huruf mutu, A-D."
        return None

    q = ValueQuestion("mutu", "B", explain=letter)
    assert judge(q, mutu="Baik").message.startswith("Jawab dengan satu huruf mutu")
    assert "belum sesuai" in judge(q, mutu="C").message
    assert judge(q, mutu="B").passed
    q = ValueQuestion("jam", "12:30", normalize=lambda v: str(v).replace(".", ":"))
    assert judge(q, jam="12.30").passed
    assert not judge(q, jam="09.30").passed


# -- numbers as a person writes them ------------------------------------------------------


def test_numbers_in_messages_are_written_the_indonesian_way():
    """Are numpy numbers shown as 4476 and 0,2438 (no thousands dot, which reads as a decimal
    in a Python notebook), never as np.int64(...) or np.float64(...)?"""
    fb = judge(ValueQuestion("jumlah", 4000), jumlah=np.int64(4476))
    assert "(4476)" in fb.message and "np." not in fb.message
    fb = judge(ValueQuestion("porsi", 0.5), porsi=np.float64(0.24382716))
    assert "(0,2438)" in fb.message and "np." not in fb.message
    fb = judge(ValueQuestion("daftar", [1.5, 2.5]), daftar=[np.float64(1.5), np.float64(3.25)])
    assert "(3,25)" in fb.message
    assert show([1, 2.5]) == "[1; 2,5]"
    slow = FunctionQuestion("f", [((1,), 1)], time_limit=0.25)
    assert "0,25 detik" in judge(slow, f=lambda m: __import__("time").sleep(0.5) or m).message
    assert show("Senin") == "'Senin'"


# -- hostile answers ----------------------------------------------------------------------


class _AlwaysEqualInt(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class _AlwaysEqualText(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class _Fifteen(float):
    """Worth 99, but claims to be 15 when asked for a float."""

    def __float__(self):
        return 15.0


class _Exits(numbers.Real):
    """A registered real number whose every method ends the program."""

    def _exit(self, *args):
        raise SystemExit("weg")

    __float__ = __abs__ = __add__ = __ceil__ = __eq__ = __floor__ = __floordiv__ = _exit
    __le__ = __lt__ = __mod__ = __mul__ = __neg__ = __pos__ = __pow__ = __radd__ = _exit
    __rfloordiv__ = __rmod__ = __rmul__ = __round__ = __rpow__ = __rtruediv__ = _exit
    __truediv__ = __trunc__ = __repr__ = __str__ = __bool__ = _exit
    __hash__ = object.__hash__


class _SneakyList(list):
    def __iter__(self):
        return iter([1, 2])

    def __len__(self):
        return 2


def test_series_of_objects_equal_to_everything_fails_a_frame_question():
    """Does a Series (or a text column) of objects whose == always says True fail?"""
    expected = dataset("layanan").groupby("jenis_layanan").size()
    fake = pd.Series([_AlwaysEqualInt(1)] * len(expected), index=expected.index, dtype=object)
    fb = judge(FrameQuestion("per_layanan", expected), per_layanan=fake)
    assert fb.outcome is Outcome.INCORRECT
    sneaky = TABLE.assign(kelurahan=[_AlwaysEqualText("x")] * 3)
    fb = judge(FrameQuestion("t", TABLE), t=sneaky)
    assert fb.outcome is Outcome.INCORRECT and "Isi kolom 'kelurahan'" in fb.message


def test_float_subclass_is_judged_by_its_value_not_its_float_method():
    """Is a float worth 99 whose __float__ says 15 judged as 99 (too large)?"""
    fb = judge(ValueQuestion("x", 15), x=_Fifteen(99))
    assert fb.outcome is Outcome.INCORRECT and "terlalu besar" in fb.message
    assert judge(ValueQuestion("x", 99), x=_Fifteen(99)).passed


def test_number_that_raises_system_exit_stays_inside_the_check():
    """Does a numbers.Real whose methods raise SystemExit end in a kind 'not yet right'?"""
    for question in (ValueQuestion("x", 15), ValueQuestion("x", [15]), FrameQuestion("x", TABLE)):
        for answer in (_Exits(), [_Exits()], {"a": _Exits()}):
            fb = judge(question, x=answer)
            assert fb.outcome is Outcome.INCORRECT, (question, answer)
    fb = judge(ValueQuestion("x", 15), x=_Exits())
    assert "tidak bisa diperiksa" in fb.message and "_Exits" in fb.message
    status = FunctionQuestion("f", [((1,), 15)])
    assert judge(status, f=lambda m: _Exits()).outcome is Outcome.INCORRECT


def test_container_subclasses_are_read_by_what_they_store():
    """Is a list subclass that pretends to hold [1, 2] judged by what it really holds?"""
    assert judge(ValueQuestion("x", [1, 2]), x=_SneakyList([7, 8])).outcome is Outcome.INCORRECT
    assert judge(ValueQuestion("x", [7, 8]), x=_SneakyList([7, 8])).passed


def test_plain_values_keep_builtins_and_refuse_strangers():
    """Does plain() turn numpy and subclasses into builtins and refuse unknown objects?"""
    assert type(plain(np.int64(3))) is int and type(plain(np.float32(0.5))) is float
    assert type(plain(_Fifteen(99))) is float and plain(_Fifteen(99)) == 99
    assert type(plain(_AlwaysEqualText("a"))) is str
    assert plain(np.array([1, 2])) == [1, 2]
    with pytest.raises(NotPlain):
        plain(_Exits())
    with pytest.raises(NotPlain):
        plain([object()])


# -- a failed answer cell is named first ----------------------------------------------------


def test_failed_answer_cell_is_reported_before_the_old_value():
    """After the answer cell stopped with an error, does the check say so instead of judging
    the value from before (or calling a leftover ____ 'not attempted')?"""
    cells = CellHistory()
    cells.record("jumlah = 15", None)
    try:
        compile("jumlah = (15 +", "<sel>", "exec")
    except SyntaxError as exc:
        cells.record("jumlah = (15 +", exc)
    fb = judge(ValueQuestion("jumlah", 15), cells=cells, jumlah=15)
    assert fb.outcome is Outcome.INCORRECT
    assert "SyntaxError" in fb.message and "q1.check()" in fb.message
    fb = judge(ValueQuestion("jumlah", 15), cells=cells, jumlah=____)
    assert fb.outcome is Outcome.INCORRECT and "SyntaxError" in fb.message
    cells.record("jumlah = 15", None)  # fixed and run again
    assert judge(ValueQuestion("jumlah", 15), cells=cells, jumlah=15).passed


def test_failed_cell_that_assigns_something_else_does_not_count():
    """Does an error in a cell that does not assign the answer leave the check alone?"""
    cells = CellHistory()
    cells.record("jumlah = 15", None)
    cells.record("x = 1\nprint(jumlah + 'a')", TypeError("unsupported operand"))
    assert judge(ValueQuestion("jumlah", 15), cells=cells, jumlah=15).passed


def test_cell_history_follows_a_real_ipython_shell():
    """In a real IPython shell, is a TypeError in the answer cell reported with its line?"""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        cells = watch(shell)
        assert watch(shell) is cells  # one listener per shell, however often start() runs
        shell.run_cell("rata = 15")
        shell.run_cell("rata = 15\nrata = rata + 'menit'")
        q = ValueQuestion("rata", 15, name="q1")
        q.bind(shell.user_ns, cells=cells)
        shell.user_ns["q1"] = q
        fb = q.evaluate()
        assert fb.outcome is Outcome.INCORRECT
        assert "TypeError di baris 2" in fb.message, fb.message
        shell.run_cell("def rata(:\n    pass")
        assert "SyntaxError" in cells.failure("rata").describe()
        shell.run_cell("rata = 15")
        assert q.evaluate().passed
        shell.run_cell("rata = 15 / 0")  # fixed in the same cell that checks:
        shell.run_cell("rata = 15\nhasil = q1.evaluate()")
        assert shell.user_ns["hasil"].passed
    finally:
        InteractiveShell.clear_instance()


def test_module_questions_listen_to_the_running_kernel():
    """Do a module's questions, bound in a running IPython, hear of a failed answer cell
    without anything else to set up (what start() does in every module)?"""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        q1, *_ = exercise_set("00-mulai").bind(shell.user_ns)
        shell.run_cell('nama_kantor = "Kecamatan Asemrowo')
        fb = q1.evaluate()
        assert fb.outcome is Outcome.INCORRECT and "SyntaxError" in fb.message
    finally:
        InteractiveShell.clear_instance()


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("x = 1", {"x"}),
        ("a, b = 1, 2\nc += 1", {"a", "b", "c"}),
        ("def f(y):\n    z = y\n    return z", {"f"}),
        ('df["kolom"] = 1\nprint(x == 2)', set()),
        ("[k for k in range(3)]", set()),
        ("import pandas as pd\nfrom os import path", {"pd", "path"}),
        ("%matplotlib inline\nfig, ax = plt.subplots()", {"fig", "ax"}),
        # cells that do not parse (the learner's SyntaxError) are read line by line
        ("lansia = layanan[(x == 1)", {"lansia"}),
        ("def status(menit:\n    return 1", {"status"}),
        ("hasil = f(a=1, b=(2", {"hasil"}),
        ("print(a=1", set()),
    ],
)
def test_assigned_names(source, names):
    """Does the cell reader find the names a cell assigns, even when it does not parse?"""
    assert assigned_names(source) == frozenset(names)


# -- what progress is ------------------------------------------------------------------------


def test_progress_is_documented_as_a_learning_record_not_an_exam():
    """Do the README and the practice docstrings say that the progress seal stops nothing
    (its key is in the source) and that graded work goes through nbgrader?"""
    import workbench.practice
    import workbench.practice.progress
    from tests.conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "catatan belajar, bukan ujian" in readme and "nbgrader (`exercises/`" in readme
    for module in (workbench.practice, workbench.practice.progress):
        doc = " ".join(module.__doc__.split())
        assert "learning record, not an exam" in doc and "nbgrader" in doc, module.__name__


# -- lessons' own explanations -----------------------------------------------------------------


def test_skm_quality_answered_with_the_word_hears_one_letter():
    """Module 12: is ``mutu = "Baik"`` told that one letter A–D is asked, and the element's
    name told that its code is asked?"""
    q4, q5 = exercise_set("12-survei-kepuasan-masyarakat").questions[3:5]
    fb = judge(q4, mutu="Baik")
    assert "satu huruf A–D" in fb.message and "kinerjanya" in fb.message
    assert "berisi angka" in judge(q4, mutu=77.5).message
    assert "kode unsurnya" in judge(q5, unsur_prioritas="Waktu Penyelesaian").message


@pytest.mark.slow
def test_busiest_hour_accepts_how_people_write_a_time():
    """Module 10: is the busiest half hour accepted as "12:30", "12.30", "12:30:00" or with
    "WIB", is "09:30" recognised as a time (just not the busiest), and nonsense explained?"""
    q4 = exercise_set("10-simulasi-antrean-layanan").questions[3]
    right = q4._expected.get()
    hour, minute = right.split(":")
    for written in (right, f"{hour}.{minute}", f"{right}:00", f"{right} WIB", f" {right} "):
        assert judge(q4, jam_terpadat=written).passed, written
    other = "09:30" if right != "09:30" else "10:30"
    assert "belum yang terpanjang" in judge(q4, jam_terpadat=other).message
    assert "tidak terbaca sebagai jam" in judge(q4, jam_terpadat="jam dua belas").message
