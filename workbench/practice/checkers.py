"""The four kinds of question: a value, a table, a function and a chart.

Each compares the learner's answer with the expected one and, when they differ, says *what
kind* of difference it is (type, length, columns, number of rows, a column's type, the kind of
chart, a missing axis label) without printing the expected answer itself.

Expected answers may be given as a value or as a function of no arguments that computes it
(for instance from the shipped ``layanan`` data); such a function runs once, when first needed.

The learner's answer is treated as hostile: it may be any object at all. Comparisons never
trust the answer's own ``==`` (an object that claims to equal everything must not pass), text
and numbers are converted to plain ``str``/``float`` first, table columns holding other
objects are not taken for text, values shown back are shortened, and a learner's function
runs with a copy of each test case and a time limit, so an endless loop ends in a kind
message instead of a frozen notebook.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import decimal
import math
import numbers
import sys
import threading
import types
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from workbench.practice.core import NotAttempted, Question, is_placeholder

__all__ = ["ChartQuestion", "FrameQuestion", "FunctionQuestion", "ValueQuestion", "describe_type"]

_MISSING = object()

#: Longest piece of a learner's value quoted back in a message.
_QUOTE_LIMIT = 60


def describe_type(value: Any) -> str:
    """The kind of a value in plain Indonesian ("bilangan", "teks (str)", "tabel (DataFrame)")."""
    if value is None:
        return "None (kosong, tidak ada nilai)"
    if isinstance(value, bool | np.bool_):
        return "nilai benar/salah (bool)"
    if isinstance(value, numbers.Number) and not isinstance(value, numbers.Real | decimal.Decimal):
        return "bilangan kompleks"
    if isinstance(value, numbers.Number):
        return "bilangan"
    if isinstance(value, str):
        return "teks (str)"
    if isinstance(value, pd.DataFrame):
        return "tabel (DataFrame)"
    if isinstance(value, pd.Series):
        return "satu kolom data (Series)"
    if isinstance(value, list):
        return "daftar (list)"
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, dict):
        return "kamus (dict)"
    if isinstance(value, set | frozenset):
        return "himpunan (set)"
    if isinstance(value, pd.Timestamp):
        return "tanggal-waktu (Timestamp)"
    if isinstance(value, np.ndarray):
        return "larik numpy (ndarray)"
    if value is pd.NA or value is pd.NaT:
        return "nilai kosong (NA)"
    if isinstance(value, types.GeneratorType):
        return (
            "generator (hasil `yield` atau `(... for ...)`; ubah menjadi daftar dengan `list(...)`)"
        )
    if isinstance(value, type):
        return f"kelas `{value.__name__}` (bukan hasil perhitungan)"
    if callable(value):
        return "fungsi"
    return f"objek {type(value).__name__}"


def shorten(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(value: Any, limit: int = _QUOTE_LIMIT) -> str:
    """A short ``repr`` of a learner's value for a message; never raises, never floods."""
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__
        text = None
    if not isinstance(text, str):
        text = f"<{type(value).__name__}>"
    return shorten(text, limit)


def _message_of(exc: BaseException) -> str:
    try:
        return shorten(str(exc), 120)
    except Exception:
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


def _is_number(value: Any) -> bool:
    """A real number (int, float, numpy, Decimal, Fraction); not bool, not complex."""
    return isinstance(value, numbers.Real | decimal.Decimal) and not isinstance(
        value, bool | np.bool_
    )


def _compare_numbers(actual: Any, expected: Any, rel_tol: float, abs_tol: float) -> int | None:
    """0 when close enough, 1 when ``actual`` is larger, -1 when smaller, None when not a number.

    Works on plain Python numbers made from the answer, so an object's own ``==`` or ``<``
    is never consulted; integers too large for a float are compared exactly.
    """
    try:
        if isinstance(actual, numbers.Integral) and isinstance(expected, numbers.Integral):
            a_int, e_int = int(actual), int(expected)
            if math.isclose(float(a_int), float(e_int), rel_tol=rel_tol, abs_tol=abs_tol):
                return 0
            return 1 if a_int > e_int else -1
        a, e = float(actual), float(expected)
    except OverflowError:
        return 1 if int(actual) > int(expected) else -1
    except (TypeError, ValueError, decimal.InvalidOperation):
        return None
    if math.isnan(a) or math.isnan(e):
        return None
    if math.isclose(a, e, rel_tol=rel_tol, abs_tol=abs_tol):
        return 0
    return 1 if a > e else -1


def compare_values(
    actual: Any,
    expected: Any,
    *,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    ordered: bool = True,
    ignore_case: bool = False,
    what: str = "Jawaban Anda",
) -> str | None:
    """None when ``actual`` matches ``expected``, else a kind Indonesian explanation."""
    if _is_number(expected):
        if not _is_number(actual):
            return (
                f"{what} berupa {describe_type(actual)}, padahal yang diharapkan sebuah "
                'bilangan. Periksa tanda kutip: `"12"` itu teks, `12` itu bilangan.'
            )
        if isinstance(actual, numbers.Real) and not isinstance(actual, numbers.Integral):
            with contextlib.suppress(TypeError, ValueError, OverflowError):
                if math.isnan(float(actual)):
                    return f"{what} bernilai NaN (kosong). Periksa apakah ada data yang hilang."
        order = _compare_numbers(actual, expected, rel_tol, abs_tol)
        if order == 0:
            return None
        if order is None:
            return f"{what} ({quote(actual)}) bukan bilangan yang bisa dibandingkan."
        side = "terlalu besar" if order > 0 else "terlalu kecil"
        return f"{what} ({quote(actual)}) {side}."
    if isinstance(expected, bool):
        if not isinstance(actual, bool | np.bool_):
            return (
                f"{what} berupa {describe_type(actual)}, padahal yang diharapkan `True` "
                "atau `False`."
            )
        return None if bool(actual) == expected else f"{what} ({quote(actual)}) belum sesuai."
    if isinstance(expected, str):
        if not isinstance(actual, str):
            return (
                f"{what} berupa {describe_type(actual)}, padahal yang diharapkan teks "
                "(diapit tanda kutip)."
            )
        # str.strip makes a plain str of a str subclass: its own == is never used.
        a, e = str.strip(actual), str.strip(expected)
        if ignore_case:
            a, e = a.casefold(), e.casefold()
        if a == e:
            return None
        if " ".join(a.casefold().split()) == " ".join(e.casefold().split()):
            return f"{what} hampir benar: perhatikan huruf besar/kecil dan spasi."
        return f"{what} ({quote(actual)}) belum sesuai."
    if isinstance(expected, list | tuple):
        if not isinstance(actual, list | tuple):
            return f"{what} berupa {describe_type(actual)}, padahal yang diharapkan daftar (list)."
        if len(actual) != len(expected):
            return (
                f"{what} berisi {len(actual)} unsur, padahal yang diharapkan {len(expected)} unsur."
            )
        if ordered:
            for i, (a, e) in enumerate(zip(actual, expected, strict=True), start=1):
                problem = compare_values(
                    a,
                    e,
                    rel_tol=rel_tol,
                    abs_tol=abs_tol,
                    ignore_case=ignore_case,
                    what=f"Unsur ke-{i}",
                )
                if problem:
                    return problem
            return None
        remaining = list(expected)
        for a in actual:
            match = next(
                (
                    i
                    for i, e in enumerate(remaining)
                    if compare_values(
                        a, e, rel_tol=rel_tol, abs_tol=abs_tol, ignore_case=ignore_case
                    )
                    is None
                ),
                None,
            )
            if match is None:
                return f"Ada unsur yang tidak diharapkan dalam {what.lower()}: {quote(a)}."
            remaining.pop(match)
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{what} berupa {describe_type(actual)}, padahal yang diharapkan kamus (dict)."
        # dict.keys / dict.__getitem__ read the stored items, not a subclass's overrides.
        keys = list(dict.keys(actual))
        missing = [k for k in expected if k not in keys]
        extra = [k for k in keys if k not in expected]
        if missing:
            return f"Kunci berikut belum ada: {', '.join(map(quote, missing))}."
        if extra:
            return f"Kunci berikut tidak diharapkan: {', '.join(map(quote, extra))}."
        for key, e in expected.items():
            problem = compare_values(
                dict.__getitem__(actual, key),
                e,
                rel_tol=rel_tol,
                abs_tol=abs_tol,
                ordered=ordered,
                ignore_case=ignore_case,
                what=f"Nilai untuk kunci {quote(key)}",
            )
            if problem:
                return problem
        return None
    if isinstance(expected, pd.DataFrame | pd.Series):
        return compare_frames(actual, expected, rel_tol=rel_tol)
    # Any other kind of value: only the very same type is compared, with the expected value's
    # own ==, so an object claiming to equal everything (or a subclass overriding ==) fails.
    if type(actual) is not type(expected):
        return (
            f"{what} berupa {describe_type(actual)}, padahal yang diharapkan "
            f"{describe_type(expected)}."
        )
    try:
        same = bool(type(expected).__eq__(expected, actual) is True)
    except Exception:  # comparing may fail in many ways for odd objects
        same = False
    if same:
        return None
    return f"{what} ({quote(actual)}) belum sesuai."


def _kind(column: pd.Series) -> str:
    """The kind of a column in the learner's words; object columns are looked into."""
    dtype = column.dtype
    if pd.api.types.is_object_dtype(dtype):
        inferred = pd.api.types.infer_dtype(column, skipna=True)
        if inferred in ("string", "empty"):
            return "teks"
        if inferred == "boolean":
            return "benar/salah"
        if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
            return "angka"
        if inferred in ("datetime", "datetime64", "date"):
            return "tanggal-waktu"
        return "campuran (bukan teks, bukan angka)"
    if pd.api.types.is_bool_dtype(dtype):
        return "benar/salah"
    if pd.api.types.is_numeric_dtype(dtype):
        return "angka"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "tanggal-waktu"
    if pd.api.types.is_timedelta64_dtype(dtype):
        return "durasi"
    if isinstance(dtype, pd.CategoricalDtype):
        return "kategori"
    return "teks"


def _normalise(obj: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """A frame to compare: a meaningful (named) index becomes columns, row labels are dropped.

    An index level named like an existing column (``set_index("x", drop=False)``) is dropped:
    the column already holds it. Subclasses become plain pandas objects first, so their own
    methods play no part in the comparison.
    """
    if isinstance(obj, pd.Series):
        frame = pd.Series(obj, copy=True).rename("nilai").to_frame()
    else:
        frame = pd.DataFrame(obj, copy=True)
    columns = {str(c) for c in frame.columns}
    names = list(frame.index.names)
    keep = [i for i, n in enumerate(names) if n is not None and str(n) not in columns]
    if len(keep) < len(names):
        drop = [i for i in range(len(names)) if i not in keep]
        frame = frame.reset_index(level=drop, drop=True) if keep else frame.reset_index(drop=True)
    if keep:
        frame = frame.reset_index()
    frame.columns = [str(c) for c in frame.columns]
    return frame


def _repeated(columns: Sequence[str]) -> list[str]:
    counts = Counter(columns)
    return [c for c, n in counts.items() if n > 1]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    try:
        return frame.sort_values(list(frame.columns), kind="mergesort").reset_index(drop=True)
    except TypeError:
        return frame.astype(str).sort_values(list(frame.columns)).reset_index(drop=True)


def compare_frames(
    actual: Any,
    expected: pd.DataFrame | pd.Series,
    *,
    ordered: bool = False,
    check_dtypes: bool = True,
    rel_tol: float = 1e-6,
    columns_only: bool = False,
) -> str | None:
    """None when the tables match, else what differs: type, columns, rows, types, values.

    Row order is ignored unless ``ordered``; column order is always ignored. A named index
    (as ``groupby`` makes) counts as columns, so ``reset_index()`` or not does not matter.
    """
    want = "tabel (DataFrame)" if isinstance(expected, pd.DataFrame) else "satu kolom (Series)"
    if not isinstance(actual, pd.DataFrame | pd.Series):
        return f"Jawaban Anda berupa {describe_type(actual)}, padahal yang diharapkan {want}."
    if isinstance(expected, pd.Series) and isinstance(actual, pd.DataFrame):
        if actual.shape[1] != 1:
            return (
                f"Jawaban Anda berupa tabel dengan {actual.shape[1]} kolom, padahal yang "
                'diharapkan satu kolom (Series). Pilih satu kolom dengan `df["nama"]`.'
            )
        actual = actual.iloc[:, 0]
    if isinstance(expected, pd.DataFrame) and isinstance(actual, pd.Series):
        actual = actual.to_frame() if actual.name is not None else actual.rename("nilai").to_frame()
    exp, act = _normalise(expected), _normalise(actual)
    twice = _repeated(list(act.columns))
    if twice:
        return (
            "Tabel Anda punya kolom dengan nama yang sama lebih dari sekali: "
            + ", ".join(f"'{c}'" for c in twice)
            + ". Setiap kolom perlu nama sendiri."
        )
    missing = [c for c in exp.columns if c not in act.columns]
    extra = [c for c in act.columns if c not in exp.columns]
    if missing or extra:
        parts = []
        if missing:
            parts.append("kolom yang belum ada: " + ", ".join(f"'{c}'" for c in missing))
        if extra:
            parts.append("kolom yang tidak diharapkan: " + ", ".join(f"'{c}'" for c in extra))
        hint = ""
        if isinstance(expected, pd.Series) or any(n is not None for n in expected.index.names):
            hint = " (Hasil `groupby` menyimpan kelompoknya sebagai indeks; itu boleh.)"
        return "Kolom tabel Anda belum sesuai: " + "; ".join(parts) + "." + hint
    if columns_only:
        return None
    act = act[list(exp.columns)]
    if len(act) != len(exp):
        return f"Tabel Anda punya {len(act)} baris, padahal yang diharapkan {len(exp)} baris."
    if check_dtypes:
        for col in exp.columns:
            ka, ke = _kind(act[col]), _kind(exp[col])
            if ka != ke and not {ka, ke} <= {"teks", "kategori"}:
                return f"Kolom '{col}' bertipe {ka}, padahal seharusnya {ke}."
    if not ordered:
        act, exp = _sorted(act), _sorted(exp)
    for col in exp.columns:
        try:
            pd.testing.assert_series_equal(
                act[col],
                exp[col],
                check_dtype=False,
                check_names=False,
                check_categorical=False,
                rtol=rel_tol,
                check_index=False,
            )
        except (AssertionError, TypeError, ValueError):
            order = "" if not ordered else " atau urutannya"
            return f"Isi kolom '{col}'{order} belum sesuai."
    return None


class ValueQuestion(Question):
    """A question answered by one value in a variable: a number, text, list or dictionary.

    ``expected`` is the right value, or a function computing it. ``alternatives`` lists other
    accepted answers (e.g. two spellings). Lists are compared in order unless ``ordered`` is
    False; numbers within ``rel_tol``.
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
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.variable = variable
        self._expected = _Lazy(expected)
        self.alternatives = tuple(alternatives)
        self.rel_tol, self.abs_tol = rel_tol, abs_tol
        self.ordered, self.ignore_case = ordered, ignore_case

    def _judge(self) -> None:
        actual = self.answer(self.variable)
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
                    " Fungsi itu masih berjalan di latar belakang: pilih menu Kernel → "
                    "Restart Kernel, lalu jalankan lagi sel-sel di atas soal ini."
                    if stopped.still_running
                    else ""
                )
                raise self.wrong(
                    f"Saat dipanggil `{call}`, fungsi Anda belum selesai setelah "
                    f"{self.time_limit:g} detik, jadi pemeriksaan dihentikan. Mungkin ada "
                    "perulangan (`while`) yang tidak pernah berhenti. Perbaiki fungsinya, "
                    "jalankan sel itu lagi, lalu periksa ulang." + restart
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
        if self.kind != "pie":
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
        if self.require_title and not ax.get_title().strip():
            raise self.wrong(
                "Grafik belum punya judul. Tulis pertanyaan yang dijawab grafik "
                'ini sebagai judul, dengan `ax.set_title("...")`.'
            )
        if self.kind in ("bar", "barh", "hist"):
            values = _bar_values(ax)
            low = (ax.get_xlim() if self.kind == "barh" else ax.get_ylim())[0]
            if values and min(values) >= 0 and low > 0:
                raise self.wrong(
                    "Sumbu nilai tidak dimulai dari nol, sehingga perbedaan antar "
                    "batang tampak lebih besar dari sebenarnya. Hapus batas "
                    "sumbu atau mulai dari 0."
                )
            expected = self._expected_values.get()
            if expected is not None:
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
