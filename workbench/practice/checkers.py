"""The four kinds of question: a value, a table, a function and a chart.

Each compares the learner's answer with the expected one and, when they differ, says *what
kind* of difference it is (type, length, columns, number of rows, a column's type, the kind of
chart, a missing axis label) without printing the expected answer itself.

Expected answers may be given as a value or as a function of no arguments that computes it
(for instance from the shipped ``layanan`` data); such a function runs once, when first needed.

The learner's answer is treated as hostile: it may be any object at all. Values and tables are
made plain before they are compared (:mod:`workbench.practice.compare`), so an object's own
``==``, ``__float__`` or ``__repr__`` plays no part; a learner's function runs with a copy of
each test case and a time limit, so an endless loop ends in a kind message instead of a frozen
notebook.
"""

from __future__ import annotations

import copy
import ctypes
import math
import sys
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from workbench import formatting as fmt
from workbench.menus import RESTART_KERNEL, menu
from workbench.practice.compare import (
    NotPlain,
    compare_frames,
    compare_values,
    describe_type,
    plain,
    quote,
    shorten,
)
from workbench.practice.core import NotAttempted, Question, is_placeholder

__all__ = [
    "ChartQuestion",
    "FrameQuestion",
    "FunctionQuestion",
    "ValueQuestion",
    "compare_frames",
    "compare_values",
    "describe_type",
]

_MISSING = object()


def _message_of(exc: BaseException) -> str:
    """The text of an exception a learner's code raised (its ``__str__`` may fail too)."""
    try:
        return shorten(str(exc), 120)
    except KeyboardInterrupt:
        raise
    except BaseException:
        return ""


class _Lazy:
    """An expected answer given directly or as a function computed once on first use."""

    def __init__(self, source: Any) -> None:
        self._source = source
        self._value: Any = _MISSING

    def get(self) -> Any:
        if self._value is _MISSING:
            self._value = self._source() if callable(self._source) else self._source
        return self._value


class ValueQuestion(Question):
    """A question answered by one value in a variable: a number, text, list or dictionary.

    ``expected`` is the right value, or a function computing it. ``alternatives`` lists other
    accepted answers (e.g. two spellings). Lists are compared in order unless ``ordered`` is
    False; numbers within ``rel_tol``.

    ``normalize`` turns the learner's (plain) value into the form the expected one has before
    comparing (``"12.30"`` and ``datetime.time(12, 30)`` into ``"12:30"``); it may raise
    :meth:`Question.wrong` for a value it cannot read. ``explain`` looks at a wrong (plain)
    value and may return a message that fits it better than the general one (``"Baik"``
    where a letter was asked: "satu huruf, A-D").
    """

    def __init__(
        self,
        variable: str,
        expected: Any,
        *,
        alternatives: Sequence[Any] = (),
        rel_tol: float = 1e-6,
        abs_tol: float = 1e-9,
        ordered: bool = True,
        ignore_case: bool = False,
        normalize: Callable[[Any], Any] | None = None,
        explain: Callable[[Any], str | None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.variable = variable
        self._expected = _Lazy(expected)
        self.alternatives = tuple(alternatives)
        self.rel_tol, self.abs_tol = rel_tol, abs_tol
        self.ordered, self.ignore_case = ordered, ignore_case
        self.normalize, self.explain = normalize, explain

    def _judge(self) -> None:
        actual = self.answer(self.variable)
        learner: Any = _MISSING
        if self.normalize is not None or self.explain is not None:
            try:
                learner = plain(actual)
            except NotPlain:
                learner = _MISSING  # compare_values explains what cannot be read
            if learner is not _MISSING and self.normalize is not None:
                actual = learner = self.normalize(learner)
        first: str | None = None
        for expected in (self._expected.get(), *self.alternatives):
            problem = compare_values(
                actual,
                expected,
                rel_tol=self.rel_tol,
                abs_tol=self.abs_tol,
                ordered=self.ordered,
                ignore_case=self.ignore_case,
                what=f"`{self.variable}`",
            )
            if problem is None:
                return
            first = first or problem
        if self.explain is not None and learner is not _MISSING:
            better = self.explain(learner)
            if better:
                raise self.wrong(better)
        raise self.wrong(first or "Jawaban belum sesuai.")


class FrameQuestion(Question):
    """A question answered by a pandas table (DataFrame) or one column (Series).

    Checks, in this order, the type, the columns (any order), the number of rows, each
    column's kind (angka, teks, tanggal-waktu) and the values; row order matters only when
    ``ordered`` is true (e.g. "sort by ..."). ``columns_only`` accepts any rows with the right
    columns (e.g. "choose these columns").
    """

    def __init__(
        self,
        variable: str,
        expected: Any,
        *,
        ordered: bool = False,
        check_dtypes: bool = True,
        rel_tol: float = 1e-6,
        columns_only: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.variable = variable
        self._expected = _Lazy(expected)
        self.ordered, self.check_dtypes = ordered, check_dtypes
        self.rel_tol, self.columns_only = rel_tol, columns_only

    def _judge(self) -> None:
        actual = self.answer(self.variable)
        problem = compare_frames(
            actual,
            self._expected.get(),
            ordered=self.ordered,
            check_dtypes=self.check_dtypes,
            rel_tol=self.rel_tol,
            columns_only=self.columns_only,
        )
        if problem:
            raise self.wrong(problem)


class _TimeUp(BaseException):
    """Raised inside a learner's function that ran past its time limit."""


class _Stopped(Exception):
    """A learner's function did not finish in time; ``still_running`` if it could not be ended."""

    def __init__(self, still_running: bool = False) -> None:
        super().__init__()
        self.still_running = still_running


def _raise_in_thread(ident: int | None, exc_type: type[BaseException]) -> None:
    """Ask CPython to raise ``exc_type`` in thread ``ident`` at its next instruction.

    (Never called with NULL to clear a request: on CPython 3.11 that can leave the thread
    spinning.)
    """
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(ident), ctypes.py_object(exc_type)
        )


def call_with_time_limit(func: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> Any:
    """``func(*args)``, run in a helper thread and stopped after ``seconds``.

    Raises :class:`_Stopped` when the time is up and re-raises whatever the function raised.
    Stopping works without signals (the same on Windows laptops, a Linux hub and inside a
    Jupyter kernel): the helper thread runs under a light trace function (called on function
    calls only) which, once time is up, raises :class:`_TimeUp` at the next call or line,
    again and again for a second. A function blocked inside C code (``time.sleep``) stops
    when that call returns. A loop that swallows every exception (``while True: try: ...
    except: pass``) cannot be ended from outside the kernel: the check still returns, with
    ``still_running`` set so the learner is told to restart the kernel. The helper is a
    daemon thread, so it never keeps the kernel from shutting down.
    """
    box: dict[str, Any] = {}
    stop = threading.Event()

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if stop.is_set():
            _raise_in_thread(threading.get_ident(), _TimeUp)
            return tracer
        return None

    def target() -> None:
        try:
            sys.settrace(tracer)
            try:
                box["result"] = func(*args)
            except _TimeUp:
                box["stopped"] = True
            except BaseException as exc:  # learner code may raise anything, even SystemExit
                box["error"] = exc
            finally:
                sys.settrace(None)
        except _TimeUp:  # a late stop request, after the function had returned
            box["stopped"] = True

    worker = threading.Thread(target=target, name="workbench-periksa-fungsi", daemon=True)
    worker.start()
    try:
        worker.join(seconds)
    except KeyboardInterrupt:  # the learner pressed "interrupt": stop the helper too
        _stop(worker, stop)
        raise
    if worker.is_alive() or box.get("stopped"):
        raise _Stopped(still_running=not _stop(worker, stop))
    if "error" in box:
        raise box["error"]
    return box.get("result")


def _stop(worker: threading.Thread, stop: threading.Event, attempts: int = 20) -> bool:
    """Make ``worker`` raise :class:`_TimeUp` until it ends (or ``attempts`` x 50 ms pass).

    Returns whether the worker has ended.
    """
    stop.set()
    frame = sys._current_frames().get(worker.ident or -1)
    while frame is not None:  # frames already running get line events from now on
        frame.f_trace = _line_stopper
        frame = frame.f_back
    for _ in range(attempts):
        if not worker.is_alive():
            return True
        _raise_in_thread(worker.ident, _TimeUp)
        worker.join(0.05)
    return not worker.is_alive()


def _line_stopper(frame: Any, event: str, arg: Any) -> Any:
    _raise_in_thread(threading.get_ident(), _TimeUp)
    return _line_stopper


class FunctionQuestion(Question):
    """A question answered by a function the learner defines, tried on test cases.

    ``cases`` is a list of ``(arguments, expected)`` pairs, ``arguments`` a tuple, or a
    function returning that list (computed on first use, e.g. from the messy data). A failing
    case shows the call and what the learner's function returned, never the expected result.
    Each call gets its own copy of the arguments (a function that changes its input cannot
    spoil the next check) and at most ``time_limit`` seconds.
    """

    def __init__(
        self,
        function: str,
        cases: Sequence[tuple[tuple[Any, ...], Any]] | Callable[[], Sequence[Any]],
        *,
        rel_tol: float = 1e-6,
        time_limit: float = 5.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not callable(cases) and not cases:
            raise ValueError("FunctionQuestion needs at least one test case")
        if time_limit <= 0:
            raise ValueError("time_limit must be positive")
        self.function = function
        self._cases = _Lazy(cases)
        self.rel_tol = rel_tol
        self.time_limit = time_limit

    @property
    def cases(self) -> list[tuple[tuple[Any, ...], Any]]:
        """The test cases as ``(arguments, expected)`` pairs (computed on first use)."""
        return [(tuple(args), expected) for args, expected in self._cases.get()]

    def _judge(self) -> None:
        func = self.answer(self.function)
        if not callable(func) or isinstance(func, type):
            raise self.wrong(
                f"`{self.function}` berupa {describe_type(func)}, padahal yang "
                f"diharapkan sebuah fungsi (`def {self.function}(...):`)."
            )
        for args, expected in self.cases:
            call = shorten(f"{self.function}({', '.join(map(quote, args))})", 120)
            try:
                result = call_with_time_limit(func, copy.deepcopy(args), self.time_limit)
            except _Stopped as stopped:
                restart = (
                    " Fungsi itu masih berjalan di latar belakang: pilih menu "
                    f"{menu(RESTART_KERNEL)}, lalu jalankan lagi sel-sel di atas soal ini."
                    if stopped.still_running
                    else ""
                )
                seconds = fmt.number(self.time_limit, decimals=None)
                raise self.wrong(
                    f"Saat dipanggil `{call}`, fungsi Anda belum selesai setelah {seconds} "
                    "detik, jadi pemeriksaan dihentikan. Mungkin ada perulangan (`while`) "
                    "yang tidak pernah berhenti. Perbaiki fungsinya, jalankan sel itu lagi, "
                    "lalu periksa ulang." + restart
                ) from None
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # the learner's code may fail in any way
                raise self.wrong(
                    f"Saat dipanggil `{call}`, fungsi Anda berhenti dengan galat "
                    f"{type(exc).__name__}: {_message_of(exc)}."
                ) from None
            if is_placeholder(result):
                raise NotAttempted(
                    f"Fungsi `{self.function}` masih mengembalikan `____`. "
                    f"Ganti `____` dengan kode Anda, jalankan sel itu, lalu "
                    f"jalankan `{self.name}.check()` lagi."
                )
            if result is None and expected is not None:
                raise self.wrong(
                    f"`{call}` tidak mengembalikan apa pun (None). Apakah ada "
                    "`return` di akhir fungsi?"
                )
            problem = compare_values(result, expected, rel_tol=self.rel_tol, what=f"Hasil `{call}`")
            if problem:
                raise self.wrong(problem)


_KIND_NAMES = {
    "bar": "diagram batang tegak",
    "barh": "diagram batang mendatar",
    "line": "diagram garis",
    "scatter": "diagram pencar",
    "hist": "histogram",
    "pie": "diagram lingkaran",
}


def _chart_kinds(ax: Any) -> set[str]:
    from matplotlib.collections import PathCollection
    from matplotlib.container import BarContainer
    from matplotlib.patches import Wedge

    kinds: set[str] = set()
    for container in ax.containers:
        if isinstance(container, BarContainer) and len(container) > 0:
            horizontal = getattr(container, "orientation", "vertical") == "horizontal"
            kinds.add("barh" if horizontal else "bar")
            if not horizontal:
                kinds.add("hist")
    if any(len(line.get_xdata()) > 1 for line in ax.lines):
        kinds.add("line")
    if any(isinstance(c, PathCollection) and len(c.get_offsets()) > 0 for c in ax.collections):
        kinds.add("scatter")
    if any(isinstance(p, Wedge) for p in ax.patches):
        kinds.add("pie")
    return kinds


def _bar_values(ax: Any) -> list[float]:
    from matplotlib.container import BarContainer

    values: list[float] = []
    for container in ax.containers:
        if isinstance(container, BarContainer):
            horizontal = getattr(container, "orientation", "vertical") == "horizontal"
            values += [p.get_width() if horizontal else p.get_height() for p in container]
    return values


class ChartQuestion(Question):
    """A question answered by a matplotlib chart (the Axes, or the Figure holding it).

    Checks the kind of chart, that both axes and the title carry a label, that bar charts
    start at zero (honest axes), and optionally the number of bars and their heights
    (``expected_values``, compared as a set of numbers, in any order).
    """

    def __init__(
        self,
        variable: str,
        kind: str,
        *,
        require_title: bool = True,
        expected_values: Any = None,
        rel_tol: float = 1e-6,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if kind not in _KIND_NAMES:
            raise ValueError(f"unknown chart kind {kind!r}; use one of {sorted(_KIND_NAMES)}")
        self.variable, self.kind = variable, kind
        self.require_title = require_title
        self._expected_values = _Lazy(expected_values)
        self.rel_tol = rel_tol

    def _axes(self) -> Any:
        from matplotlib.axes import Axes
        from matplotlib.figure import Figure

        value = self.answer(self.variable)
        if isinstance(value, np.ndarray) and value.size and isinstance(value.flat[0], Axes):
            value = value.flat[0]
        if isinstance(value, Figure):
            if not value.axes:
                raise self.wrong("Gambar (Figure) Anda masih kosong: belum ada grafik di dalamnya.")
            value = value.axes[0]
        if not isinstance(value, Axes):
            raise self.wrong(
                f"`{self.variable}` berupa {describe_type(value)}, padahal yang "
                "diharapkan sebuah grafik: simpan hasil `df.plot(...)` atau "
                "`ax` dari `fig, ax = plt.subplots()`."
            )
        return value

    def _judge(self) -> None:
        ax = self._axes()
        self._check_kind(ax)
        if self.kind != "pie":
            self._check_labels(ax)
        if self.require_title and not ax.get_title().strip():
            raise self.wrong(
                "Grafik belum punya judul. Tulis pertanyaan yang dijawab grafik "
                'ini sebagai judul, dengan `ax.set_title("...")`.'
            )
        if self.kind in ("bar", "barh", "hist"):
            self._check_bars(ax)

    def _check_kind(self, ax: Any) -> None:
        kinds = _chart_kinds(ax)
        if not kinds:
            raise NotAttempted(
                f"Grafik `{self.variable}` masih kosong: belum ada batang, garis atau titik. "
                f"Gambar datanya di bidang itu (`....plot(ax={self.variable})`), lalu jalankan "
                f"`{self.name}.check()` lagi."
            )
        if self.kind not in kinds:
            shown = next(
                (_KIND_NAMES[k] for k in ("bar", "barh", "line", "scatter", "pie") if k in kinds),
                "grafik lain",
            )
            raise self.wrong(
                f"Grafik Anda berupa {shown}, padahal yang diharapkan {_KIND_NAMES[self.kind]}."
            )

    def _check_labels(self, ax: Any) -> None:
        missing = [
            name
            for name, label in (
                ("sumbu X (mendatar)", ax.get_xlabel()),
                ("sumbu Y (tegak)", ax.get_ylabel()),
            )
            if not label.strip()
        ]
        if missing:
            raise self.wrong(
                "Beri label pada " + " dan ".join(missing) + " agar pembaca "
                'tahu apa yang diukur, misalnya `ax.set_ylabel("Jumlah '
                'pengunjung")`.'
            )

    def _check_bars(self, ax: Any) -> None:
        values = _bar_values(ax)
        low = (ax.get_xlim() if self.kind == "barh" else ax.get_ylim())[0]
        if values and min(values) >= 0 and low > 0:
            raise self.wrong(
                "Sumbu nilai tidak dimulai dari nol, sehingga perbedaan antar "
                "batang tampak lebih besar dari sebenarnya. Hapus batas "
                "sumbu atau mulai dari 0."
            )
        expected = self._expected_values.get()
        if expected is None:
            return
        expected = [float(v) for v in expected]
        if len(values) != len(expected):
            raise self.wrong(
                f"Grafik Anda punya {len(values)} batang, padahal yang "
                f"diharapkan {len(expected)} batang."
            )
        got = Counter(round(v, 6) for v in values)
        want = Counter(round(v, 6) for v in expected)
        if got != want and not all(
            math.isclose(a, b, rel_tol=self.rel_tol, abs_tol=1e-9)
            for a, b in zip(sorted(values), sorted(expected), strict=True)
        ):
            raise self.wrong(
                "Tinggi batang belum sesuai dengan data yang diminta. "
                "Periksa kolom dan pengelompokan yang dipakai."
            )
