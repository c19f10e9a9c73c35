"""Practice checks: every checker kind ends correctly in each outcome, and progress is kept."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from workbench.config import load_settings
from workbench.course.lessons import LESSONS, exercise_set
from workbench.errors import WorkbenchError
from workbench.practice import (
    ChartQuestion,
    ExerciseSet,
    FrameQuestion,
    FunctionQuestion,
    Outcome,
    ProgressStore,
    ValueQuestion,
    ____,
    assert_check_failed,
    assert_check_passed,
    course_map,
    export_progress,
    is_placeholder,
    learner_id,
    progress_frame,
    show_progress,
    start,
)
from workbench.practice.authoring import (
    AUTHOR_TAG,
    NAV_TAG,
    add_navigation,
    make_learner_copies,
    strip_notebook,
)
from workbench.practice.course import INDEX_NOTEBOOK
from workbench.practice.progress import _clean_name


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    (tmp_path / "notebooks").mkdir()
    return load_settings(home=tmp_path)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def judge(question, **answers):
    """Bind ``question`` to a namespace holding ``answers`` and evaluate it."""
    question.name = question.name or "q1"
    question.bind(dict(answers))
    return question.evaluate()


# -- the placeholder ----------------------------------------------------------------------


def test_placeholder_survives_starter_code():
    """Does starter code built around ____ run without an error?"""
    assert ____ * 60 is ____
    assert ____.groupby("kelurahan").size() is ____
    assert ____["x"] + 1 is ____
    assert repr(____) == "____"
    assert not ____


def test_placeholder_is_found_inside_containers():
    """Is a half-filled list or dictionary still 'not attempted'?"""
    assert is_placeholder([1, ____])
    assert is_placeholder({"Asemrowo": ____})
    assert not is_placeholder([1, 2])
    assert not is_placeholder(0)


# -- values --------------------------------------------------------------------------------


def test_value_correct():
    """Is the right number accepted, also as a float close to it?"""
    assert judge(ValueQuestion("rata", 15.0), rata=15).outcome is Outcome.CORRECT
    assert judge(ValueQuestion("rata", 1 / 3), rata=0.3333333).outcome is Outcome.CORRECT


def test_value_incorrect_says_type_without_answer():
    """Is text given for a number called out as text, without revealing the number?"""
    fb = judge(ValueQuestion("menit", 45), menit="45")
    assert fb.outcome is Outcome.INCORRECT
    assert "teks" in fb.message and "bilangan" in fb.message
    assert "45" not in fb.message.replace('"45"', "").replace("'45'", "")


def test_value_incorrect_number_says_direction():
    """Does a wrong number tell whether it is too large or too small?"""
    assert "terlalu besar" in judge(ValueQuestion("x", 10), x=12).message
    assert "terlalu kecil" in judge(ValueQuestion("x", 10), x=8).message


def test_value_not_attempted_when_missing_or_placeholder():
    """Are a missing variable and a leftover ____ both 'not attempted', not 'wrong'?"""
    missing = judge(ValueQuestion("total", 3))
    blank = judge(ValueQuestion("total", 3), total=____)
    assert missing.outcome is blank.outcome is Outcome.NOT_ATTEMPTED
    assert "belum ada" in missing.message
    assert "____" in blank.message


def test_value_text_case_and_alternatives():
    """Are case differences explained, and alternative spellings accepted?"""
    q = ValueQuestion("tombol", "Shift+Enter", alternatives=["Shift + Enter"])
    assert judge(q, tombol="Shift + Enter").outcome is Outcome.CORRECT
    near = judge(ValueQuestion("nama", "Markdown"), nama="markdown ")
    assert near.outcome is Outcome.INCORRECT and "huruf besar/kecil" in near.message
    assert judge(ValueQuestion("nama", "Markdown", ignore_case=True), nama="markdown").passed


def test_value_lists_ordered_and_unordered():
    """Are lists compared by length, position, or as a collection when order does not matter?"""
    ordered = ValueQuestion("urut", [5, 8, 12])
    assert judge(ordered, urut=[5, 8, 12]).passed
    assert "unsur ke-1" in judge(ordered, urut=[8, 5, 12]).message.lower()
    assert "2 unsur" in judge(ordered, urut=[5, 8]).message
    loose = ValueQuestion("kolom", ["nip", "nama"], ordered=False)
    assert judge(loose, kolom=["nama", "nip"]).passed
    assert "'jabatan'" in judge(loose, kolom=["nama", "jabatan"]).message


def test_value_dicts_name_missing_keys():
    """Does a dictionary answer name the missing key rather than the expected values?"""
    q = ValueQuestion("pend", {"Asemrowo": 34271, "Tambak Sarioso": 7269})
    assert judge(q, pend={"Asemrowo": 34271, "Tambak Sarioso": 7269}).passed
    fb = judge(q, pend={"Asemrowo": 34271})
    assert fb.outcome is Outcome.INCORRECT and "'Tambak Sarioso'" in fb.message
    assert "7269" not in fb.message


def test_expected_from_function_is_computed_once():
    """Is an expected answer given as a function computed only once, lazily?"""
    calls = []

    def expensive():
        calls.append(1)
        return 7

    q = ValueQuestion("x", expensive)
    assert calls == []
    judge(q, x=7)
    judge(q, x=8)
    assert calls == [1]


# -- tables --------------------------------------------------------------------------------

FRAME = pd.DataFrame(
    {"kelurahan": ["Asemrowo", "Genting Kalianak", "Tambak Sarioso"], "pengunjung": [120, 40, 35]}
)


def test_frame_correct_in_any_row_and_column_order():
    """Is a table accepted whatever the order of its rows and columns?"""
    q = FrameQuestion("tabel", FRAME)
    shuffled = FRAME.iloc[[2, 0, 1]][["pengunjung", "kelurahan"]]
    assert judge(q, tabel=shuffled).passed


def test_frame_groupby_result_with_or_without_reset_index():
    """Is a groupby Series accepted both as it comes and after reset_index()?"""
    data = pd.DataFrame({"kelurahan": ["Asemrowo", "Asemrowo", "Tambak Sarioso"]})
    expected = data.groupby("kelurahan").size()
    q = FrameQuestion("per_kel", expected)
    assert judge(q, per_kel=data.groupby("kelurahan").size()).passed
    assert judge(q, per_kel=data.value_counts("kelurahan")).passed
    q2 = FrameQuestion("per_kel", expected.rename("jumlah").reset_index())
    assert judge(q2, per_kel=data.groupby("kelurahan").size().rename("jumlah")).passed


def test_frame_incorrect_columns_rows_types_values():
    """Does each kind of table difference get its own explanation?"""
    q = FrameQuestion("tabel", FRAME)
    no_col = judge(q, tabel=FRAME[["kelurahan"]])
    assert no_col.outcome is Outcome.INCORRECT and "'pengunjung'" in no_col.message
    rows = judge(q, tabel=FRAME.head(2))
    assert "2 baris" in rows.message and "3 baris" in rows.message
    text = judge(q, tabel=FRAME.astype({"pengunjung": str}))
    assert "bertipe teks" in text.message and "angka" in text.message
    values = judge(q, tabel=FRAME.assign(pengunjung=[1, 2, 3]))
    assert "Isi kolom 'pengunjung'" in values.message
    wrong_type = judge(q, tabel=[1, 2, 3])
    assert "daftar (list)" in wrong_type.message and "DataFrame" in wrong_type.message


def test_frame_order_matters_when_asked():
    """When the question is about sorting, is the wrong order reported?"""
    q = FrameQuestion("urut", FRAME.sort_values("pengunjung"), ordered=True)
    assert judge(q, urut=FRAME.sort_values("pengunjung")).passed
    assert judge(q, urut=FRAME).outcome is Outcome.INCORRECT


def test_frame_not_attempted():
    """Is a table that is still ____ or missing reported as not attempted?"""
    q = FrameQuestion("tabel", FRAME)
    assert judge(q, tabel=____).outcome is Outcome.NOT_ATTEMPTED
    assert judge(q).outcome is Outcome.NOT_ATTEMPTED


# -- functions -----------------------------------------------------------------------------


def _status_question():
    return FunctionQuestion("status", [((10,), "tepat waktu"), ((16,), "terlambat")])


def test_function_correct():
    """Is a function that passes every test case accepted?"""
    assert judge(
        _status_question(), status=lambda m: "tepat waktu" if m <= 15 else "terlambat"
    ).passed


def test_function_incorrect_shows_call_not_expected():
    """Does a failing case show the call and the learner's result, not the expected one?"""
    fb = judge(_status_question(), status=lambda m: "tepat waktu")
    assert fb.outcome is Outcome.INCORRECT
    assert "status(16)" in fb.message and "'tepat waktu'" in fb.message
    assert "terlambat" not in fb.message


def test_function_errors_missing_return_and_non_functions():
    """Are a crash, a forgotten return and a non-function each explained?"""
    crash = judge(_status_question(), status=lambda m: {}["x"])
    assert "KeyError" in crash.message
    no_return = judge(_status_question(), status=lambda m: None)
    assert "return" in no_return.message
    not_func = judge(_status_question(), status=15)
    assert "fungsi" in not_func.message and not_func.outcome is Outcome.INCORRECT


def test_function_not_attempted():
    """Is a function still returning ____, or not defined, reported as not attempted?"""
    assert judge(_status_question(), status=lambda m: ____).outcome is Outcome.NOT_ATTEMPTED
    assert judge(_status_question()).outcome is Outcome.NOT_ATTEMPTED


# -- hostile answers -------------------------------------------------------------------------


class _EqualsEverything:
    """An answer that claims to equal anything: it must never pass a check."""

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class _Explodes:
    """An answer whose repr, comparison and float conversion all raise."""

    def __repr__(self):
        raise RuntimeError("repr")

    def __eq__(self, other):
        raise RuntimeError("eq")

    __hash__ = object.__hash__


class _SneakyText(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__

    def strip(self, *args):
        return self


@pytest.mark.parametrize(
    "expected",
    [15.0, "KeyError", [1, 2], {"a": 1}, True, pd.Timestamp("2025-01-06", tz="Asia/Jakarta")],
    ids=["number", "text", "list", "dict", "bool", "timestamp"],
)
def test_value_objects_that_equal_everything_do_not_pass(expected):
    """Does an object whose == always says True fail, kindly, whatever kind of answer is asked?"""
    for answer in (_EqualsEverything(), [_EqualsEverything()], {"a": _EqualsEverything()}):
        fb = judge(ValueQuestion("x", expected), x=answer)
        assert fb.outcome is Outcome.INCORRECT, (expected, answer)
    fb = judge(ValueQuestion("x", "KeyError"), x=_SneakyText("salah"))
    assert fb.outcome is Outcome.INCORRECT


def test_value_odd_numbers_and_objects_never_crash_the_check():
    """Do complex numbers, huge integers, numpy values, NA, generators and objects whose
    methods raise end in a kind 'not yet right' instead of a traceback?"""
    import numpy as np

    for answer in (3 + 4j, np.complex128(15), 10**400, pd.NA, (i for i in range(3)), _Explodes()):
        fb = judge(ValueQuestion("x", 15), x=answer)
        assert fb.outcome is Outcome.INCORRECT, answer
        assert "Traceback" not in fb.message
    assert "kompleks" in judge(ValueQuestion("x", 15), x=3 + 4j).message
    assert "terlalu besar" in judge(ValueQuestion("x", 15), x=10**400).message
    assert "list(" in judge(ValueQuestion("x", [1]), x=(i for i in range(1))).message
    assert judge(ValueQuestion("x", {"a": 1}), x={_Explodes(): 1}).outcome is Outcome.INCORRECT
    assert judge(ValueQuestion("x", 15), x=np.float64(15)).passed


def test_long_answers_are_shortened_in_messages():
    """Is a huge wrong answer quoted in a few dozen characters, not pasted whole?"""
    fb = judge(ValueQuestion("x", "Asemrowo"), x="y" * 100_000)
    assert fb.outcome is Outcome.INCORRECT and len(fb.message) < 300 and "…" in fb.message


def test_frame_odd_tables_never_crash_and_never_fool_the_check():
    """Do repeated column names, an index named like a column, a DataFrame subclass and a
    text column full of objects that equal everything each get a clear verdict?"""

    class MyFrame(pd.DataFrame):
        @property
        def _constructor(self):
            return MyFrame

    q = lambda: FrameQuestion("t", FRAME)  # noqa: E731
    twice = pd.concat([FRAME, FRAME[["pengunjung"]]], axis=1)
    fb = judge(q(), t=twice)
    assert fb.outcome is Outcome.INCORRECT and "lebih dari sekali" in fb.message
    same_name = FRAME.set_index("kelurahan", drop=False)
    assert judge(q(), t=same_name).passed
    assert judge(q(), t=MyFrame(FRAME)).passed
    fooled = FRAME.assign(kelurahan=[_EqualsEverything() for _ in range(len(FRAME))])
    fb = judge(q(), t=fooled)
    assert fb.outcome is Outcome.INCORRECT and "kolom 'kelurahan'" in fb.message


def test_function_that_never_ends_is_stopped_with_a_kind_message():
    """Does a learner's endless loop end the check after the time limit, with a message about
    loops, and is the helper thread gone afterwards?"""
    import threading
    import time

    def forever(menit):
        while True:
            menit += 1

    q = FunctionQuestion("status", [((10,), "tepat waktu")], time_limit=0.2)
    fb = judge(q, status=forever)
    assert fb.outcome is Outcome.INCORRECT
    assert "belum selesai" in fb.message and "while" in fb.message
    deadline = time.monotonic() + 30
    while any(t.name == "workbench-periksa-fungsi" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the learner's function was never stopped"
        time.sleep(0.05)


def test_function_exits_and_input_changes_are_contained():
    """Is a function calling exit() reported, and does one that changes its argument not
    spoil the next test case?"""
    fb = judge(_status_question(), status=lambda m: exit())
    assert fb.outcome is Outcome.INCORRECT and "SystemExit" in fb.message

    def pop_first(daftar):
        return daftar.pop(0)

    q = FunctionQuestion("ambil", [(([3, 4],), 3), (([3, 4],), 3)])
    q.bind({"ambil": pop_first})
    q.name = "q1"
    assert q.evaluate().passed
    assert q.evaluate().passed  # the shared test case was not emptied by the first check
    assert q.cases[0][0] == ([3, 4],)


# -- charts --------------------------------------------------------------------------------


def _bar(title="Pengunjung per kelurahan", ylabel="Jumlah pengunjung", ylim=None):
    _fig, ax = plt.subplots()
    ax.bar(FRAME["kelurahan"], FRAME["pengunjung"])
    ax.set_xlabel("Kelurahan")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if ylim:
        ax.set_ylim(*ylim)
    return ax


def test_chart_correct_axes_figure_and_pandas_plot():
    """Is a labelled bar chart accepted as Axes, as Figure, and when drawn by pandas?"""
    q = ChartQuestion("ax", "bar", expected_values=lambda: FRAME["pengunjung"])
    assert judge(q, ax=_bar()).passed
    assert judge(q, ax=_bar().figure).passed
    ax = FRAME.plot.bar(
        x="kelurahan",
        y="pengunjung",
        legend=False,
        title="Pengunjung per kelurahan",
        ylabel="Jumlah",
    )
    assert judge(q, ax=ax).passed


def test_chart_wrong_kind_labels_title_axis_values():
    """Are wrong kind, labels, title, a truncated axis and wrong bars reported; is an empty
    chart (starter code) not attempted?"""
    q = ChartQuestion("ax", "bar", expected_values=FRAME["pengunjung"].tolist())
    _fig, line = plt.subplots()
    line.plot([1, 2, 3], [3, 1, 2])
    assert "diagram garis" in judge(q, ax=line).message
    assert "sumbu Y" in judge(q, ax=_bar(ylabel="")).message
    assert "judul" in judge(q, ax=_bar(title="")).message
    assert "nol" in judge(q, ax=_bar(ylim=(30, 130))).message
    _fig, other = plt.subplots()
    other.bar(["a", "b", "c"], [1, 2, 3])
    other.set(xlabel="x", ylabel="y", title="t")
    assert "Tinggi batang" in judge(q, ax=other).message
    assert "DataFrame" in judge(q, ax=FRAME).message
    _fig, empty = plt.subplots()
    blank = judge(q, ax=empty)
    assert blank.outcome is Outcome.NOT_ATTEMPTED and "kosong" in blank.message


def test_chart_horizontal_bars_and_not_attempted():
    """Are horizontal bars told apart from vertical ones, and a blank chart not attempted?"""
    _fig, ax = plt.subplots()
    ax.barh(["a", "b"], [3, 4])
    ax.set(xlabel="menit", ylabel="layanan", title="Lama layanan")
    assert judge(ChartQuestion("ax", "barh"), ax=ax).passed
    assert "mendatar" in judge(ChartQuestion("ax", "bar"), ax=ax).message
    assert judge(ChartQuestion("ax", "bar"), ax=____).outcome is Outcome.NOT_ATTEMPTED


# -- hints, solutions, self-tests ---------------------------------------------------------


def test_hints_are_graded_and_solution_is_shown():
    """Does each hint() call reveal the next hint, stopping at the last one?"""
    q = ValueQuestion("x", 1, hints=["satu", "dua"], solution="x = 1")
    q.name = "q1"
    first, second, third = (q._hint_feedback() for _ in range(3))
    assert "Petunjuk 1 dari 2: satu" in first.message
    assert "Petunjuk 2 dari 2: dua" in second.message and "solution()" in second.message
    assert "Petunjuk 2 dari 2" in third.message
    assert q._solution_feedback().code == "x = 1"


def test_assert_check_passed_and_failed():
    """Do author self-tests fail loudly when a question rejects its own solution?"""
    q = ValueQuestion("x", 1)
    q.name = "q1"
    q.bind({"x": 2})
    with pytest.raises(AssertionError, match="q1"):
        assert_check_passed(q)
    assert_check_failed(q)
    q.bind({"x": 1})
    assert_check_passed(q)
    with pytest.raises(AssertionError):
        assert_check_failed(q, Outcome.NOT_ATTEMPTED)


def test_feedback_renders_indonesian_html():
    """Does the notebook output carry the Indonesian verdict and a CSS class to style it?"""
    html = judge(ValueQuestion("x", 1), x=1)._repr_html_()
    assert "workbench-feedback--correct" in html and "Benar!" in html
    html = judge(ValueQuestion("x", 1))._repr_html_()
    assert "Belum dikerjakan." in html and "<code>x</code>" in html


# -- progress -------------------------------------------------------------------------------


def _bound(settings, learner="ani"):
    store = ProgressStore(learner, settings=settings)
    questions = ExerciseSet(
        "99-uji", [ValueQuestion("x", 1, hints=["a", "b"]), ValueQuestion("y", 2)]
    )
    ns: dict = {}
    return store, ns, questions.bind(ns, recorder=store.record)


def test_progress_records_checks_hints_and_solutions(settings, capsys):
    """Are attempts, hints used and solutions seen stored per question?"""
    store, ns, (q1, q2) = _bound(settings)
    q1.check()  # not attempted: nothing recorded
    assert not store.path.exists()
    ns["x"] = 5
    q1.check()
    ns["x"] = 1
    q1.check()
    q1.hint()
    q1.hint()
    q2.solution()
    frame = store.frame().set_index("soal")
    assert frame.loc["q1", "status"] == "benar"
    assert frame.loc["q1", "percobaan"] == 2
    assert frame.loc["q1", "petunjuk_dipakai"] == 2
    assert bool(frame.loc["q2", "solusi_dilihat"]) is True
    assert frame.loc["q2", "percobaan"] == 0
    assert "+07:00" in frame.loc["q1", "benar_pada"]  # WIB, never UTC
    assert "Benar!" in capsys.readouterr().out


def test_progress_keeps_a_correct_answer(settings):
    """Does a later wrong try keep a question counted as done?"""
    store, ns, (q1, _) = _bound(settings)
    ns["x"] = 1
    q1.check()
    ns["x"] = 3
    q1.check()
    assert store.frame().set_index("soal").loc["q1", "status"] == "benar"


def test_progress_writes_atomically(settings):
    """Is the progress file always whole JSON, with no temporary files left behind?"""
    store, ns, (q1, _) = _bound(settings)
    for value in range(5):
        ns["x"] = value
        q1.check()
    assert sorted(p.name for p in store.folder.iterdir()) == ["ani.json"]
    assert json.loads(store.path.read_text(encoding="utf-8"))["peserta"] == "ani"


def test_progress_from_two_notebooks_at_once_is_not_lost(settings):
    """When two notebooks (two kernels) record checks at the same moment, is every attempt
    kept, with no lock or temporary file left behind?"""
    import threading

    stores = [ProgressStore("ani", settings=settings) for _ in range(4)]
    start_together = threading.Barrier(len(stores))

    def work(store, module):
        start_together.wait()
        for _ in range(15):
            store.record(module, "q1", "check", Outcome.INCORRECT)

    threads = [
        threading.Thread(target=work, args=(store, f"9{i}-uji")) for i, store in enumerate(stores)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    frame = stores[0].frame()
    assert len(frame) == 4 and frame["percobaan"].tolist() == [15, 15, 15, 15]
    assert sorted(p.name for p in stores[0].folder.iterdir()) == ["ani.json"]


def test_progress_corrupt_file_is_a_clear_error(settings):
    """Does a damaged progress file give an Indonesian message saying what to do?"""
    store = ProgressStore("ani", settings=settings)
    store.folder.mkdir(parents=True)
    store.path.write_text("{rusak", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="rusak"):
        store.load()


def test_progress_edited_by_hand_does_not_count(settings, tmp_path):
    """Does a question marked 'benar' by editing the JSON file read back as 'tidak sah', count
    nothing in the progress cell or the trainer's export, and start over at the next check?"""
    store, ns, (q1, _q2) = _bound(settings)
    ns["x"] = 5
    q1.check()  # wrong, honestly recorded
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["modul"]["99-uji"]["q1"]["status"] = "benar"
    data["modul"]["99-uji"]["q1"]["benar_pada"] = "2025-01-06T08:00:00+07:00"
    data["modul"]["99-uji"]["q2"] = {"status": "benar", "percobaan": 1}
    store.path.write_text(json.dumps(data), encoding="utf-8")

    frame = store.frame().set_index("soal")
    assert frame.loc["q1", "status"] == "tidak sah" and frame.loc["q2", "status"] == "tidak sah"
    report = show_progress("99-uji", ["q1", "q2"], settings=settings, learner="ani")
    assert report.correct == 0 and "tidak sah" in report._repr_html_()
    xlsx = export_progress(tmp_path / "progres.xlsx", settings=settings)
    summary = pd.read_excel(xlsx, sheet_name="ringkasan").set_index("peserta")
    assert summary.loc["ani", "soal_benar"] == 0 and summary.loc["ani", "catatan_tidak_sah"] == 2

    ns["x"] = 1
    q1.check()  # a real correct answer is recorded again, sealed
    entry = store.frame().set_index("soal").loc["q1"]
    assert entry["status"] == "benar" and entry["percobaan"] == 1


def test_progress_copied_to_another_name_does_not_count(settings):
    """Does a friend's progress file copied under my name count nothing for me, while a
    trainer who renames collected files (two laptops whose user is 'User') keeps them valid?"""
    store, ns, (q1, _) = _bound(settings, "ani")
    ns["x"] = 1
    q1.check()
    mine = ProgressStore("budi", settings=settings)
    mine.path.write_text(store.path.read_text(encoding="utf-8"), encoding="utf-8")
    assert mine.frame().set_index("soal").loc["q1", "status"] == "tidak sah"
    assert store.frame().set_index("soal").loc["q1", "status"] == "benar"
    assert show_progress("99-uji", ["q1"], settings=settings, learner="budi").correct == 0

    mine.path.unlink()
    store.path.rename(store.folder / "User-laptop-2.json")
    collected = progress_frame(settings=settings)
    assert collected[["peserta", "status"]].values.tolist() == [["ani", "benar"]]


def test_progress_learner_name_cannot_leave_the_state_folder(settings):
    """Is a learner name given by hand (CLI --learner) kept inside the progress folder?"""
    store = ProgressStore("../../luar", settings=settings)
    assert store.path.parent == settings.state_dir / "progres"


def test_damaged_progress_file_does_not_hide_the_verdict(settings, capsys):
    """With a damaged progress file, does the learner still see 'Benar!' and a note on what to
    do with the file, instead of an error in place of the feedback?"""
    store, ns, (q1, _) = _bound(settings)
    store.folder.mkdir(parents=True)
    store.path.write_text("{rusak", encoding="utf-8")
    ns["x"] = 1
    q1.check()
    out = capsys.readouterr().out
    assert "Benar!" in out and "Progres belum tersimpan" in out and "rusak" in out


def test_learner_id_from_hub_user_or_os_user(monkeypatch):
    """Is the learner named by the JupyterHub user, made safe for a file name?"""
    monkeypatch.setenv("JUPYTERHUB_USER", "budi.s@asemrowo/../x")
    assert "/" not in learner_id() and learner_id().startswith("budi.s_asemrowo")
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert learner_id()


def test_learner_name_from_settings_on_shared_laptops(monkeypatch, tmp_path):
    """Where every laptop is logged in as "User", does the name in workbench.toml win over the
    computer's user name (and the hub's user still win over both)?"""
    from workbench.config import load_settings

    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    (tmp_path / "workbench.toml").write_text('[learner]\nname = "Siti Aminah"\n', encoding="utf-8")
    settings = load_settings(home=tmp_path)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    assert learner_id(settings) == _clean_name("Siti Aminah")
    monkeypatch.setenv("JUPYTERHUB_USER", "budi")
    assert learner_id(settings) == "budi"


def test_show_progress_and_export_for_trainer(settings, tmp_path):
    """Does the progress cell count correct answers, and does the export hold every learner?"""
    for learner in ("ani", "budi"):
        _store, ns, (q1, q2) = _bound(settings, learner)
        ns.update(x=1, y=2 if learner == "ani" else 0)
        q1.check()
        q2.check()
    report = show_progress("99-uji", ["q1", "q2"], settings=settings, learner="budi")
    assert report.correct == 1 and report.total == 2
    assert "1 dari 2" in report.headline and "workbench-progress" in report._repr_html_()
    assert set(progress_frame(settings=settings)["peserta"]) == {"ani", "budi"}
    xlsx = export_progress(tmp_path / "kelas" / "progres.xlsx", settings=settings)
    summary = pd.read_excel(xlsx, sheet_name="ringkasan").set_index("peserta")
    assert summary.loc["ani", "soal_benar"] == 2 and summary.loc["budi", "soal_benar"] == 1
    csv = export_progress(tmp_path / "progres.csv", settings=settings)
    assert len(pd.read_csv(csv, sep=";", encoding="utf-8-sig")) == 4
    with pytest.raises(WorkbenchError, match=r"\.xlsx"):
        export_progress(tmp_path / "progres.pdf", settings=settings)


def test_cli_progress_export(settings, tmp_path, monkeypatch, capsys):
    """Can a trainer export progress from the command line?"""
    from workbench import config
    from workbench.cli import main

    monkeypatch.setenv("WORKBENCH_HOME", str(settings.home))
    config.get_settings.cache_clear()
    try:
        _store, ns, (q1, _) = _bound(config.get_settings())
        ns["x"] = 1
        q1.check()
        assert main(["progress", "--export", str(tmp_path / "p.xlsx")]) == 0
        assert (tmp_path / "p.xlsx").is_file()
        assert main(["progress"]) == 0
        assert "ani" in capsys.readouterr().out
    finally:
        config.get_settings.cache_clear()


# -- the course's own questions and notebooks ---------------------------------------------


@pytest.mark.parametrize("module", sorted(LESSONS))
def test_every_lesson_has_named_questions_with_hints_and_solutions(module):
    """Does every module's question set load, with hints and a solution for each question?"""
    questions = exercise_set(module)
    assert len(questions) >= 2
    assert [q.name for q in questions] == [f"q{i}" for i in range(1, len(questions) + 1)]
    for q in questions:
        assert q.hints and q._solution, f"{module}:{q.name}"


def test_start_binds_module_questions_to_notebook(settings):
    """Does start() bind a module's questions to the notebook namespace and to progress?"""
    ns: dict = {"nama_kantor": "Kecamatan Asemrowo"}
    q1, *_ = start("00-mulai", ns, settings=settings, learner="ani")
    q1.check()
    assert ProgressStore("ani", settings=settings).frame()["status"].tolist() == ["benar"]


def test_course_map_lists_upcoming_modules(settings):
    """Does the course map show modules not written yet as coming soon, with their JP?"""
    (settings.notebooks_dir / "00-mulai.ipynb").write_text("{}", encoding="utf-8")
    table = course_map(settings=settings, learner="ani").table.set_index("modul")
    assert table.loc["00", "status"] == "tersedia"
    assert table.loc["00", "progres"] == "0 dari 3 soal benar"
    for number in ("10", "11", "12"):
        assert table.loc[number, "status"] == "segera hadir"
    assert table["jp"].gt(0).all()


def _author_notebook(path, cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nbformat.write(nb, path)


def test_learner_copy_strips_author_cells_and_outputs(tmp_path):
    """Does the learner copy lose the self-test cells and outputs, and is --check honest?"""
    author, learner = tmp_path / "curriculum", tmp_path / "notebooks"
    author.mkdir()
    learner.mkdir()
    secret = nbformat.v4.new_code_cell("x = 1\nassert_check_passed(q1)")
    secret.metadata["tags"] = [AUTHOR_TAG]
    shown = nbformat.v4.new_code_cell("x = ____")
    shown.outputs = [nbformat.v4.new_output("stream", text="keluaran")]
    shown.execution_count = 3
    _author_notebook(author / "01-uji.ipynb", [shown, secret])
    assert make_learner_copies(author, learner, check=True) == [learner / "01-uji.ipynb"]
    make_learner_copies(author, learner)
    copy = nbformat.read(learner / "01-uji.ipynb", as_version=4)
    assert [c.source for c in copy.cells] == ["x = ____"]
    assert copy.cells[0].outputs == [] and copy.cells[0].execution_count is None
    assert make_learner_copies(author, learner, check=True) == []
    assert strip_notebook(nbformat.read(author / "01-uji.ipynb", as_version=4)).cells[0].source


def test_navigation_links_only_existing_modules(tmp_path):
    """Are previous/index/next generated from the catalogue, idempotently, without dead links?"""
    for name in ("00-mulai.ipynb", "01-python-secukupnya.ipynb", INDEX_NOTEBOOK):
        _author_notebook(tmp_path / name, [nbformat.v4.new_markdown_cell(f"# {name}")])
    assert len(add_navigation(tmp_path)) == 3
    assert add_navigation(tmp_path, check=True) == []
    first = nbformat.read(tmp_path / "00-mulai.ipynb", as_version=4)
    assert NAV_TAG in first.cells[0].metadata["tags"]
    bottom = first.cells[-1].source
    assert "(01-python-secukupnya.ipynb)" in bottom and f"({INDEX_NOTEBOOK})" in bottom
    assert "02-" not in bottom
    last = nbformat.read(tmp_path / "01-python-secukupnya.ipynb", as_version=4).cells[-1].source
    assert "(00-mulai.ipynb)" in last and "akhir kursus" in last
    index = nbformat.read(tmp_path / INDEX_NOTEBOOK, as_version=4)
    course = index.cells[1].source
    assert "| 12 | Survei kepuasan masyarakat (SKM) *(segera hadir)* | 3 JP" in course
    assert "[Python secukupnya](01-python-secukupnya.ipynb)" in course


def test_progress_greets_the_learner_by_name_not_file_name(tmp_path, monkeypatch):
    """Does the progress cell call 'Siti Rahayu' by her name, while her file stays
    Siti_Rahayu.json?"""
    from workbench.config import load_settings
    from workbench.course.notebook import show_progress
    from workbench.practice import ProgressStore

    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    (tmp_path / "workbench.toml").write_text('[learner]\nname = "Siti  Rahayu"\n', encoding="utf-8")
    settings = load_settings(home=tmp_path)
    assert ProgressStore(settings=settings).path.name == "Siti_Rahayu.json"
    report = show_progress("00-mulai", settings=settings)
    assert report.headline.startswith("Siti Rahayu: 0 dari") and "Siti_Rahayu" not in str(report)
    by_hand = show_progress("00-mulai", settings=settings, learner="Budi Santoso")
    assert by_hand.headline.startswith("Budi Santoso:")
