"""The four kinds of question: a value, a table, a function and a chart.

Each compares the learner's answer with the expected one and, when they differ, says *what
kind* of difference it is (type, length, columns, number of rows, a column's type, the kind of
chart, a missing axis label) without printing the expected answer itself.

Expected answers may be given as a value or as a function of no arguments that computes it
(for instance from the shipped ``layanan`` data); such a function runs once, when first needed.
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from workbench.practice.core import NotAttempted, Question, is_placeholder

__all__ = ["ChartQuestion", "FrameQuestion", "FunctionQuestion", "ValueQuestion", "describe_type"]

_MISSING = object()


def describe_type(value: Any) -> str:
    """The kind of a value in plain Indonesian ("bilangan", "teks (str)", "tabel (DataFrame)")."""
    if value is None:
        return "None (kosong, tidak ada nilai)"
    if isinstance(value, bool | np.bool_):
        return "nilai benar/salah (bool)"
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
    if callable(value):
        return "fungsi"
    return type(value).__name__


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
    return isinstance(value, numbers.Number) and not isinstance(value, bool | np.bool_)


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
        if isinstance(actual, float) and math.isnan(actual):
            return f"{what} bernilai NaN (kosong). Periksa apakah ada data yang hilang."
        if math.isclose(float(actual), float(expected), rel_tol=rel_tol, abs_tol=abs_tol):
            return None
        side = "terlalu besar" if float(actual) > float(expected) else "terlalu kecil"
        return f"{what} ({actual!r}) {side}."
    if isinstance(expected, bool):
        if not isinstance(actual, bool | np.bool_):
            return (
                f"{what} berupa {describe_type(actual)}, padahal yang diharapkan `True` "
                "atau `False`."
            )
        return None if bool(actual) == expected else f"{what} ({actual!r}) belum sesuai."
    if isinstance(expected, str):
        if not isinstance(actual, str):
            return (
                f"{what} berupa {describe_type(actual)}, padahal yang diharapkan teks "
                "(diapit tanda kutip)."
            )
        a, e = actual.strip(), expected.strip()
        if ignore_case:
            a, e = a.casefold(), e.casefold()
        if a == e:
            return None
        if " ".join(a.casefold().split()) == " ".join(e.casefold().split()):
            return f"{what} hampir benar: perhatikan huruf besar/kecil dan spasi."
        return f"{what} ({actual!r}) belum sesuai."
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
                return f"Ada unsur yang tidak diharapkan dalam {what.lower()}: {a!r}."
            remaining.pop(match)
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{what} berupa {describe_type(actual)}, padahal yang diharapkan kamus (dict)."
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        if missing:
            return f"Kunci berikut belum ada: {', '.join(map(repr, missing))}."
        if extra:
            return f"Kunci berikut tidak diharapkan: {', '.join(map(repr, extra))}."
        for key, e in expected.items():
            problem = compare_values(
                actual[key],
                e,
                rel_tol=rel_tol,
                abs_tol=abs_tol,
                ordered=ordered,
                ignore_case=ignore_case,
                what=f"Nilai untuk kunci {key!r}",
            )
            if problem:
                return problem
        return None
    if isinstance(expected, pd.DataFrame | pd.Series):
        return compare_frames(actual, expected, rel_tol=rel_tol)
    try:
        same = bool(actual == expected)
    except (TypeError, ValueError):
        same = False
    if same:
        return None
    if type(actual) is not type(expected):
        return (
            f"{what} berupa {describe_type(actual)}, padahal yang diharapkan "
            f"{describe_type(expected)}."
        )
    return f"{what} ({actual!r}) belum sesuai."


def _kind(dtype: Any) -> str:
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
    """A frame to compare: a meaningful (named) index becomes columns, row labels are dropped."""
    frame = obj.rename("nilai").to_frame() if isinstance(obj, pd.Series) else obj.copy()
    named = any(name is not None for name in frame.index.names)
    frame = frame.reset_index() if named else frame.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    return frame


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
            ka, ke = _kind(act[col].dtype), _kind(exp[col].dtype)
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


class FunctionQuestion(Question):
    """A question answered by a function the learner defines, tried on test cases.

    ``cases`` is a list of ``(arguments, expected)`` pairs, ``arguments`` a tuple, or a
    function returning that list (computed on first use, e.g. from the messy data). A failing
    case shows the call and what the learner's function returned, never the expected result.
    """

    def __init__(
        self,
        function: str,
        cases: Sequence[tuple[tuple[Any, ...], Any]] | Callable[[], Sequence[Any]],
        *,
        rel_tol: float = 1e-6,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not callable(cases) and not cases:
            raise ValueError("FunctionQuestion needs at least one test case")
        self.function = function
        self._cases = _Lazy(cases)
        self.rel_tol = rel_tol

    @property
    def cases(self) -> list[tuple[tuple[Any, ...], Any]]:
        """The test cases as ``(arguments, expected)`` pairs (computed on first use)."""
        return [(tuple(args), expected) for args, expected in self._cases.get()]

    def _judge(self) -> None:
        func = self.answer(self.function)
        if not callable(func):
            raise self.wrong(
                f"`{self.function}` berupa {describe_type(func)}, padahal yang "
                f"diharapkan sebuah fungsi (`def {self.function}(...):`)."
            )
        for args, expected in self.cases:
            call = f"{self.function}({', '.join(map(repr, args))})"
            try:
                result = func(*args)
            except Exception as exc:  # the learner's code may fail in any way
                raise self.wrong(
                    f"Saat dipanggil `{call}`, fungsi Anda berhenti dengan galat "
                    f"{type(exc).__name__}: {exc}."
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
