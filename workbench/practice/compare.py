"""Compare a learner's answer with the expected one and say, kindly, what differs.

The learner's answer is treated as hostile: it may be any object at all. Before anything is
compared it is turned into *plain* data by :func:`plain` (builtin ``int``/``float``/``str``/
``bool``, lists, tuples, dicts, dates) and by :func:`plain_frame` (a pandas table whose columns
hold numpy numbers or such plain values). The conversion reads the stored value through the
builtin types' own methods (``float.__float__``, ``str.__str__``, ``list.__iter__``), so a
subclass's overrides play no part: a float worth 99 whose ``__float__`` says 15 is 99, a text
that claims to equal everything is only its characters. A value that cannot be made plain (an
object of the learner's own class, a number type nobody knows) is a wrong answer with a kind
message; its methods are never called, so nothing it raises can escape the check.

Then each kind of expected value has its own small comparison (``_compare_number``,
``_compare_text``, ``_compare_sequence``, ...; tables in :func:`compare_frames`), which says
*what kind* of difference it found without printing the expected answer. Values shown back
are written as a person writes them (``4476``, ``0,24``), through :mod:`workbench.formatting`,
without thousands dots (in a Python notebook, ``4.476`` reads as a decimal).
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import math
import numbers
import types
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench import formatting as fmt

__all__ = [
    "NotPlain",
    "compare_frames",
    "compare_values",
    "describe_type",
    "plain",
    "plain_frame",
    "quote",
    "shorten",
    "show",
]

#: Longest piece of a learner's value quoted back in a message.
_QUOTE_LIMIT = 60
#: How deep lists and dictionaries inside an answer are looked into.
_MAX_DEPTH = 20
#: Decimals shown for a learner's non-integer number (trailing zeros dropped).
_SHOWN_DECIMALS = 4
#: Internal name of a Series' values once it is compared as a one-column table.
_VALUES = "\x00nilai"


# -- describing and quoting ----------------------------------------------------------------


#: (real type, how it is called), in order; the first match names a value's kind.
_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    ((bool, np.bool_), "nilai benar/salah (bool)"),
    ((complex, np.complexfloating), "bilangan kompleks"),
    ((int, float, decimal.Decimal, fractions.Fraction, np.number), "bilangan"),
    (str, "teks (str)"),
    (pd.DataFrame, "tabel (DataFrame)"),
    (pd.Series, "satu kolom data (Series)"),
    (list, "daftar (list)"),
    (tuple, "tuple"),
    (dict, "kamus (dict)"),
    ((set, frozenset), "himpunan (set)"),
    (pd.Timestamp, "tanggal-waktu (Timestamp)"),
    (np.ndarray, "larik numpy (ndarray)"),
    (
        types.GeneratorType,
        "generator (hasil `yield` atau `(... for ...)`; ubah menjadi daftar dengan `list(...)`)",
    ),
    ((types.FunctionType, types.BuiltinFunctionType, types.MethodType), "fungsi"),
)


def describe_type(value: Any) -> str:
    """The kind of a value in plain Indonesian ("bilangan", "teks (str)", "tabel (DataFrame)").

    Only the value's real type is read (``type(value)``), never its ``__class__`` or methods.
    """
    kind = type(value)
    if value is None:
        return "None (kosong, tidak ada nilai)"
    if value is pd.NA or value is pd.NaT:
        return "nilai kosong (NA)"
    for types_, text in _KINDS:
        if issubclass(kind, types_):
            return text
    if issubclass(kind, numbers.Number):
        return f"bilangan jenis `{kind.__name__}`"
    if issubclass(kind, type):
        return f"kelas `{type.__getattribute__(value, '__name__')}` (bukan hasil perhitungan)"
    return f"objek {kind.__name__}"


def shorten(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(value: Any, limit: int = _QUOTE_LIMIT) -> str:
    """A short Python ``repr`` of a value for a message (code, e.g. a function call).

    Only plain values are written out; anything else is named by its type, so a learner's
    ``__repr__`` is never run.
    """
    try:
        text = repr(plain(value))
    except NotPlain:
        text = f"<{type(value).__name__}>"
    return shorten(text, limit)


def show(value: Any, limit: int = _QUOTE_LIMIT) -> str:
    """A learner's value as a person writes it: ``4476``, ``0,2438``, ``'Senin'``, ``[1; 2,5]``.

    Numbers use the Indonesian decimal comma (so the items of a list are separated by ``;``)
    and no thousands dot; text keeps its quotes, so a stray space stays visible.
    """
    try:
        return shorten(_show_plain(plain(value)), limit)
    except NotPlain:
        return f"<{type(value).__name__}>"


def _show_plain(value: Any, depth: int = 0) -> str:
    if _is_number(value):
        return _show_number(value)
    if depth < 3 and isinstance(value, list | tuple):
        inner = "; ".join(_show_plain(v, depth + 1) for v in value[:10])
        more = "; …" if len(value) > 10 else ""
        return f"[{inner}{more}]" if isinstance(value, list) else f"({inner}{more})"
    return repr(value)


def _show_number(value: int | float) -> str:
    """An int as its digits; a float with a decimal comma and up to four decimals (more when
    it is tiny). No thousands dots: in a Python notebook ``4.476`` reads as four point
    something, so 4476 is written ``4476``."""
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        decimals = _SHOWN_DECIMALS
        if abs(value) < 1:  # 0,000123 keeps its first digits
            decimals = max(decimals, 2 - math.floor(math.log10(abs(value))))
        value = round(value, decimals)
    return fmt.number(value, decimals=None).replace(".", "")


# -- plain values --------------------------------------------------------------------------


class NotPlain(Exception):
    """A learner's value that cannot be turned into plain data.

    ``kind`` describes the offending value (:func:`describe_type`), ``detail`` says where it
    sits, as the rest of a sentence about the answer ("berisi objek Titik").
    """

    def __init__(self, value: Any, detail: str | None = None, *, nested: bool = False) -> None:
        self.kind = describe_type(value)
        self.detail = detail or f"berupa {self.kind}"
        self.nested = nested
        super().__init__(self.detail)

    @classmethod
    def inside(cls, exc: NotPlain) -> NotPlain:
        """The same problem, found inside a container ("berisi ...")."""
        if exc.nested:  # already says where, from deeper down
            return exc
        out = cls.__new__(cls)
        out.kind, out.detail, out.nested = exc.kind, f"berisi {exc.kind}", True
        Exception.__init__(out, out.detail)
        return out


#: Exact types that are plain already (their methods are Python's or pandas' own).
_PLAIN_TYPES = frozenset(
    {
        type(None),
        bool,
        int,
        float,
        complex,
        str,
        dt.date,
        dt.datetime,
        dt.time,
        dt.timedelta,
        pd.Timestamp,
        pd.Timedelta,
        pd.Period,
        pd.Interval,
        type(pd.NaT),
        type(pd.NA),
    }
)


def plain(value: Any, _depth: int = 0) -> Any:
    """``value`` as plain data, read through the builtin types' own methods.

    Raises :class:`NotPlain` for anything that cannot be read that way; pandas tables go
    through :func:`plain_frame` instead.
    """
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return value
    if _depth > _MAX_DEPTH:
        raise NotPlain(value, "berisi daftar di dalam daftar yang terlalu bertingkat", nested=True)
    for base, read in _BASE_READERS:
        if issubclass(kind, base):
            return read(value, _depth)
    raise NotPlain(value)


def _read_numpy(value: Any, depth: int) -> Any:
    if issubclass(type(value), np.datetime64 | np.timedelta64):
        array = np.array([value], subok=False)  # the value's own unit, read by numpy
        return pd.Series(array).iloc[0]
    return plain(np.generic.item(value), depth + 1)


def _read_array(value: Any, depth: int) -> list[Any]:
    array = np.array(value, subok=False, copy=True)
    if array.dtype.kind in "biufc":
        return np.ndarray.tolist(array)
    return _items(array.ravel(), depth)


def _items(values: Any, depth: int) -> list[Any]:
    try:
        return [plain(v, depth + 1) for v in values]
    except NotPlain as exc:
        raise NotPlain.inside(exc) from None


def _read_dict(value: dict, depth: int) -> dict[Any, Any]:
    keys = _items(dict.keys(value), depth)
    values = _items(dict.values(value), depth)
    return dict(zip(keys, values, strict=True))


def _read_fraction(value: Any, depth: int) -> float:
    numerator = int.__index__(object.__getattribute__(value, "_numerator"))
    denominator = int.__index__(object.__getattribute__(value, "_denominator"))
    return numerator / denominator


#: (base type, reader) for values whose type derives from a known one; first match wins.
_BASE_READERS: tuple[tuple[type, Callable[[Any, int], Any]], ...] = (
    (np.generic, _read_numpy),
    (int, lambda v, d: int.__index__(v)),
    (float, lambda v, d: float.__float__(v)),
    (complex, lambda v, d: complex(complex.real.__get__(v), complex.imag.__get__(v))),
    (str, lambda v, d: str.__str__(v)),
    (decimal.Decimal, lambda v, d: decimal.Decimal.__float__(v)),
    (fractions.Fraction, _read_fraction),
    (list, lambda v, d: _items(list.__iter__(v), d)),
    (tuple, lambda v, d: tuple(_items(tuple.__iter__(v), d))),
    (dict, _read_dict),
    (frozenset, lambda v, d: frozenset(_items(frozenset.__iter__(v), d))),
    (set, lambda v, d: frozenset(_items(set.__iter__(v), d))),
    (np.ndarray, _read_array),
)


def _is_number(value: Any) -> bool:
    """A plain real number (``int`` or ``float``), not a bool."""
    return type(value) is int or type(value) is float


def _plain_number(value: Any) -> int | float | None:
    """A trusted expected number as plain ``int``/``float`` (None when it is not a number)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real | decimal.Decimal):
        return None
    try:
        value = plain(value)
    except NotPlain:
        return float(value)
    return value if _is_number(value) else None


# -- comparing values ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Options:
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    ordered: bool = True
    ignore_case: bool = False


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
    """None when ``actual`` matches ``expected``, else a kind Indonesian explanation.

    ``expected`` is trusted (it comes from the lesson); ``actual`` is made plain first, and
    a value that cannot be is explained, never compared.
    """
    options = _Options(rel_tol, abs_tol, ordered, ignore_case)
    if isinstance(expected, pd.DataFrame | pd.Series):
        return compare_frames(actual, expected, rel_tol=rel_tol)
    try:
        learner = plain(actual)
    except NotPlain as exc:
        if not exc.nested and not exc.kind.startswith(("objek ", "bilangan jenis ")):
            return _wrong_kind(what, actual, _wanted(expected))  # a table, a function, ...
        return unreadable(what, exc)
    return _compare(learner, expected, options, what)


def unreadable(what: str, exc: NotPlain) -> str:
    """The message for an answer that cannot be made plain (:class:`NotPlain`)."""
    return (
        f"{what} {exc.detail}; nilai seperti itu tidak bisa diperiksa. Simpan hasil biasa: "
        "bilangan (int/float), teks, daftar, kamus atau tabel pandas, seperti pada contoh di "
        "atas soal."
    )


def _wanted(expected: Any) -> str:
    """What the question expects, as the wrong-kind messages name it."""
    if isinstance(expected, bool | np.bool_):
        return "`True` atau `False`"
    if _plain_number(expected) is not None:
        return "sebuah bilangan"
    if isinstance(expected, str):
        return "teks (diapit tanda kutip)"
    if isinstance(expected, list | tuple):
        return "daftar (list)"
    if isinstance(expected, dict):
        return "kamus (dict)"
    return describe_type(expected)


def _compare(actual: Any, expected: Any, options: _Options, what: str) -> str | None:
    """Dispatch on the kind of the expected value; ``actual`` is plain already."""
    if isinstance(expected, pd.DataFrame | pd.Series):
        return compare_frames(actual, expected, rel_tol=options.rel_tol)
    if isinstance(expected, bool | np.bool_):
        return _compare_bool(actual, bool(expected), what)
    number = _plain_number(expected)
    if number is not None:
        return _compare_number(actual, number, options, what)
    if isinstance(expected, str):
        return _compare_text(actual, str(expected), options, what)
    if isinstance(expected, list | tuple):
        return _compare_sequence(actual, expected, options, what)
    if isinstance(expected, dict):
        return _compare_mapping(actual, expected, options, what)
    return _compare_other(actual, expected, what)


def _wrong_kind(what: str, actual: Any, wanted: str, tip: str = "") -> str:
    return f"{what} berupa {describe_type(actual)}, padahal yang diharapkan {wanted}.{tip}"


def _compare_bool(actual: Any, expected: bool, what: str) -> str | None:
    """True/False questions: only a real bool answers them (not 1, not "True")."""
    if type(actual) is not bool:
        return _wrong_kind(what, actual, _wanted(expected))
    return None if actual is expected else f"{what} ({actual}) belum sesuai."


def _compare_number(actual: Any, expected: int | float, options: _Options, what: str) -> str | None:
    """Numbers: close enough within the tolerances, else too large or too small."""
    if not _is_number(actual):
        tip = ""
        if type(actual) is str:
            tip = ' Periksa tanda kutip: `"12"` itu teks, `12` itu bilangan.'
        elif type(actual) is tuple:
            tip = (
                " Koma di antara angka membuat tuple: Python menulis desimal dengan titik "
                "(`2.5`, bukan `2,5`), dan satu sel jawaban cukup berisi satu nilai."
            )
        return _wrong_kind(what, actual, _wanted(expected), tip)
    if type(actual) is float and math.isnan(actual):
        return f"{what} bernilai NaN (kosong). Periksa apakah ada data yang hilang."
    order = _order(actual, expected, options)
    if order == 0:
        return None
    side = "terlalu besar" if order > 0 else "terlalu kecil"
    return f"{what} ({show(actual)}) {side}."


def _order(actual: int | float, expected: int | float, options: _Options) -> int:
    """0 when close enough, 1 when ``actual`` is larger, -1 when smaller (plain numbers).

    Integers too large for a float are compared exactly.
    """
    try:
        a, e = float(actual), float(expected)
    except OverflowError:
        return 1 if actual > expected else -1
    if math.isnan(e):
        return 1
    if math.isclose(a, e, rel_tol=options.rel_tol, abs_tol=options.abs_tol):
        return 0
    if isinstance(actual, int) and isinstance(expected, int):
        return 1 if actual > expected else -1
    return 1 if a > e else -1


def _compare_text(actual: Any, expected: str, options: _Options, what: str) -> str | None:
    """Text: equal after trimming the ends (and case, when asked); near misses named."""
    if type(actual) is not str:
        return _wrong_kind(what, actual, _wanted(expected))
    a, e = actual.strip(), expected.strip()
    if options.ignore_case:
        a, e = a.casefold(), e.casefold()
    if a == e:
        return None
    if " ".join(a.casefold().split()) == " ".join(e.casefold().split()):
        return f"{what} hampir benar: perhatikan huruf besar/kecil dan spasi."
    return f"{what} ({show(actual)}) belum sesuai."


def _compare_sequence(
    actual: Any, expected: list | tuple, options: _Options, what: str
) -> str | None:
    """Lists: the number of items, then each item (in order, or matched in any order)."""
    if type(actual) not in (list, tuple):
        return _wrong_kind(what, actual, _wanted(expected))
    if len(actual) != len(expected):
        return f"{what} berisi {len(actual)} unsur, padahal yang diharapkan {len(expected)} unsur."
    if options.ordered:
        for i, (a, e) in enumerate(zip(actual, expected, strict=True), start=1):
            problem = _compare(a, e, options, f"Unsur ke-{i}")
            if problem:
                return problem
        return None
    remaining = list(expected)
    for a in actual:
        match = next(
            (i for i, e in enumerate(remaining) if _compare(a, e, options, "") is None), None
        )
        if match is None:
            return f"Ada unsur yang tidak diharapkan dalam {what.lower()}: {show(a)}."
        remaining.pop(match)
    return None


def _compare_mapping(actual: Any, expected: dict, options: _Options, what: str) -> str | None:
    """Dictionaries: missing keys, then each key's value, and last the unexpected keys."""
    if type(actual) is not dict:
        return _wrong_kind(what, actual, _wanted(expected))
    missing = [k for k in expected if k not in actual]
    if missing:
        return f"Kunci berikut belum ada: {', '.join(map(show, missing))}."
    for key, e in expected.items():
        problem = _compare(actual[key], e, options, f"Nilai untuk kunci {show(key)}")
        if problem:
            return problem
    extra = [k for k in actual if k not in expected]
    if extra:
        return f"Kunci berikut tidak diharapkan: {', '.join(map(show, extra))}."
    return None


def _compare_other(actual: Any, expected: Any, what: str) -> str | None:
    """Any other kind (dates, times): the same plain type and equal by that type's own ``==``."""
    if type(actual) is not type(expected):
        return _wrong_kind(what, actual, describe_type(expected))
    try:
        same = type(expected).__eq__(expected, actual) is True
    except Exception:  # comparing may fail for values of one type in odd states
        same = False
    return None if same else f"{what} ({show(actual)}) belum sesuai."


# -- tables --------------------------------------------------------------------------------


def plain_frame(obj: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """A table to compare: plain columns, a meaningful (named) index as columns, no row labels.

    A Series becomes one column (its values); an index level named like an existing column
    (``set_index("x", drop=False)``) is dropped, the column already holds it. Subclasses
    become plain pandas objects, and every column holds numpy numbers or plain values
    (:func:`plain`), so nothing of the learner's own runs while comparing. Raises
    :class:`NotPlain` naming the column whose values cannot be made plain.
    """
    if isinstance(obj, pd.Series):
        frame = pd.Series(obj, copy=True).to_frame(_VALUES)
    else:
        frame = pd.DataFrame(obj, copy=True)
    frame.columns = [_plain_label(c) for c in frame.columns]
    frame.index.names = [None if n is None else _plain_label(n) for n in frame.index.names]
    columns = set(frame.columns)
    names = list(frame.index.names)
    keep = [i for i, n in enumerate(names) if n is not None and n not in columns]
    if len(keep) < len(names):
        drop = [i for i in range(len(names)) if i not in keep]
        frame = frame.reset_index(level=drop, drop=True) if keep else frame.reset_index(drop=True)
    if keep:
        frame = frame.reset_index()
    out = pd.DataFrame(
        {i: _plain_column(frame.iloc[:, i], str(c)) for i, c in enumerate(frame.columns)}
    )
    out.columns = list(frame.columns)
    return out.reset_index(drop=True)


def _plain_label(label: Any) -> str:
    try:
        return str(plain(label))
    except NotPlain as exc:
        raise NotPlain(label, f"memakai {exc.kind} sebagai nama kolom", nested=True) from None


#: Element types an object column may hold without conversion.
_PLAIN_CELLS = frozenset({type(None), bool, int, float, str})


def _plain_column(column: pd.Series, name: str) -> pd.Series:
    """One column as numpy numbers/dates, or as an object column of plain values."""
    dtype = column.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biufcmM":
        return pd.Series(np.array(column.to_numpy(), subok=False, copy=True))
    if isinstance(dtype, pd.DatetimeTZDtype):
        return pd.Series(pd.DatetimeIndex(column), copy=True)
    values = column.to_numpy(dtype=object, na_value=None)
    if not set(map(type, values)) <= _PLAIN_CELLS:
        try:
            values = np.array([plain(v) for v in values] + [None], dtype=object)[:-1]
        except NotPlain as exc:
            where = "berisi" if name == _VALUES else f"punya kolom '{name}' berisi"
            raise NotPlain(column, f"{where} {exc.kind}", nested=True) from None
    values = [None if v is pd.NA or v is pd.NaT else v for v in values]
    if isinstance(dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical(values))
    return pd.Series(values, dtype=object).infer_objects()


#: What pandas infers for an object column, in the learner's words.
_INFERRED_KINDS = {
    "string": "teks",
    "empty": "teks",
    "boolean": "benar/salah",
    "integer": "angka",
    "floating": "angka",
    "mixed-integer-float": "angka",
    "decimal": "angka",
    "datetime": "tanggal-waktu",
    "datetime64": "tanggal-waktu",
    "date": "tanggal-waktu",
}

#: (dtype test, kind) for columns that are not plain objects, in order.
_DTYPE_KINDS = (
    (pd.api.types.is_bool_dtype, "benar/salah"),
    (pd.api.types.is_numeric_dtype, "angka"),
    (pd.api.types.is_datetime64_any_dtype, "tanggal-waktu"),
    (pd.api.types.is_timedelta64_dtype, "durasi"),
    (lambda dtype: isinstance(dtype, pd.CategoricalDtype), "kategori"),
)


def _column_kind(column: pd.Series) -> str:
    """The kind of a plain column in the learner's words; object columns are looked into."""
    dtype = column.dtype
    if pd.api.types.is_object_dtype(dtype):
        inferred = pd.api.types.infer_dtype(column, skipna=True)
        return _INFERRED_KINDS.get(inferred, "campuran (bukan teks, bukan angka)")
    for test, kind in _DTYPE_KINDS:
        if test(dtype):
            return kind
    return "teks"


def _label(column: str) -> str:
    """How a column starts a sentence ("Kolom 'jp'", or the numbers of a one-column answer)."""
    return "Angka-angka dalam jawaban Anda" if column == _VALUES else f"Kolom '{column}'"


def _content(column: str) -> str:
    """How a column's content starts a sentence ("Isi kolom 'jp'")."""
    return "Isi jawaban Anda" if column == _VALUES else f"Isi kolom '{column}'"


def _names(columns: list[str]) -> str:
    return ", ".join("kolom nilai tanpa nama" if c == _VALUES else f"'{c}'" for c in columns)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    try:
        return frame.sort_values(list(frame.columns), kind="mergesort").reset_index(drop=True)
    except TypeError:
        return frame.astype(str).sort_values(list(frame.columns)).reset_index(drop=True)


@dataclass(frozen=True)
class _TableCheck:
    """What a table question asks of the learner's table."""

    expected: pd.DataFrame | pd.Series
    ordered: bool = False
    check_dtypes: bool = True
    rel_tol: float = 1e-6
    columns_only: bool = False

    @property
    def groupby_hint(self) -> str:
        named = any(n is not None for n in self.expected.index.names)
        if isinstance(self.expected, pd.Series) or named:
            return " (Hasil `groupby` menyimpan kelompoknya sebagai indeks; itu boleh.)"
        return ""


def compare_frames(
    actual: Any,
    expected: pd.DataFrame | pd.Series,
    *,
    ordered: bool = False,
    check_dtypes: bool = True,
    rel_tol: float = 1e-6,
    columns_only: bool = False,
) -> str | None:
    """None when the tables match, else the most important difference, named kindly.

    In this order: the kind of object, repeated column names, missing columns, the number of
    rows, each column's kind (angka, teks, tanggal-waktu), the values, and last the columns
    that should not be there: a table whose rows are wrong hears about its rows first, even
    when it also carries extra columns. Row order is ignored unless ``ordered``; column order
    is always ignored. A named index (as ``groupby`` makes) counts as columns, so
    ``reset_index()`` or not does not matter. ``columns_only`` asks only for the columns.
    """
    check = _TableCheck(expected, ordered, check_dtypes, rel_tol, columns_only)
    problem, actual = _check_table_kind(actual, expected)
    if problem:
        return problem
    try:
        act = plain_frame(actual)
    except NotPlain as exc:
        return unreadable("Jawaban Anda", exc)
    exp = plain_frame(expected)
    for step in (_check_repeated_columns, _check_missing_columns):
        problem = step(act, exp, check)
        if problem:
            return problem
    if not columns_only:
        for step in (_check_row_count, _check_column_kinds, _check_values):
            problem = step(act, exp, check)
            if problem:
                return problem
    return _check_extra_columns(act, exp, check)


def _check_table_kind(actual: Any, expected: pd.DataFrame | pd.Series) -> tuple[str | None, Any]:
    """A table or a column at all; a one-column table stands for a Series and vice versa."""
    want = "tabel (DataFrame)" if isinstance(expected, pd.DataFrame) else "satu kolom (Series)"
    kind = type(actual)
    if not issubclass(kind, pd.DataFrame | pd.Series):
        return f"Jawaban Anda berupa {describe_type(actual)}, padahal yang diharapkan {want}.", None
    if isinstance(expected, pd.Series) and issubclass(kind, pd.DataFrame):
        width = pd.DataFrame(actual).shape[1]
        if width != 1:
            return (
                f"Jawaban Anda berupa tabel dengan {width} kolom, padahal yang "
                'diharapkan satu kolom (Series). Pilih satu kolom dengan `df["nama"]`.'
            ), None
        return None, pd.DataFrame(actual).iloc[:, 0]
    if isinstance(expected, pd.DataFrame) and issubclass(kind, pd.Series):
        series = pd.Series(actual)
        if series.name is None:
            return None, series.to_frame(_VALUES)
        return None, series.to_frame()
    return None, actual


def _check_repeated_columns(act: pd.DataFrame, exp: pd.DataFrame, check: _TableCheck):
    twice = [c for c, n in Counter(act.columns).items() if n > 1]
    if twice:
        return (
            f"Tabel Anda punya kolom dengan nama yang sama lebih dari sekali: {_names(twice)}. "
            "Setiap kolom perlu nama sendiri."
        )
    return None


def _check_missing_columns(act: pd.DataFrame, exp: pd.DataFrame, check: _TableCheck):
    missing = [c for c in exp.columns if c not in act.columns]
    if missing:
        return f"Kolom tabel Anda belum lengkap: belum ada {_names(missing)}.{check.groupby_hint}"
    return None


def _check_row_count(act: pd.DataFrame, exp: pd.DataFrame, check: _TableCheck):
    if len(act) == 0 and len(exp) > 0:
        return (
            f"Tabel Anda kosong (0 baris), padahal yang diharapkan {fmt.count(len(exp))} baris: "
            "tidak ada baris yang memenuhi syarat penyaringannya. Periksa ejaan dan huruf "
            'besar/kecil teks di syarat itu (`"Senin"` tidak sama dengan `"senin"`).'
        )
    if len(act) != len(exp):
        return (
            f"Tabel Anda punya {fmt.count(len(act))} baris, padahal yang diharapkan "
            f"{fmt.count(len(exp))} baris. Periksa syarat penyaringan atau pengelompokannya."
        )
    return None


def _check_column_kinds(act: pd.DataFrame, exp: pd.DataFrame, check: _TableCheck):
    if not check.check_dtypes:
        return None
    for col in exp.columns:
        ka, ke = _column_kind(act[col]), _column_kind(exp[col])
        if ka != ke and not {ka, ke} <= {"teks", "kategori"}:
            return f"{_label(col)} bertipe {ka}, padahal seharusnya {ke}."
    return None


def _check_values(act: pd.DataFrame, exp: pd.DataFrame, check: _TableCheck):
    act = act[list(exp.columns)]
    if not check.ordered:
        act, exp = _sorted(act), _sorted(exp)
    for col in exp.columns:
        if not _same_column(act[col], exp[col], check.rel_tol):
            order = " atau urutannya" if check.ordered else ""
            return f"{_content(col)}{order} belum sesuai."
    return None


def _same_column(actual: pd.Series, expected: pd.Series, rel_tol: float) -> bool:
    """Whether two plain columns hold the same values (numbers within ``rel_tol``)."""
    try:
        pd.testing.assert_series_equal(
            actual,
            expected,
            check_dtype=False,
            check_names=False,
            check_categorical=False,
            rtol=rel_tol,
            check_index=False,
        )
    except (AssertionError, TypeError, ValueError):
        return False
    return True


def _check_extra_columns(act: pd.DataFrame, exp: pd.DataFrame, check: _TableCheck):
    extra = [c for c in act.columns if c not in exp.columns]
    if not extra:
        return None
    if check.columns_only:
        return f"Kolom tabel Anda belum sesuai: ada kolom yang tidak diharapkan: {_names(extra)}."
    return (
        f"Isinya sudah benar, tetapi ada kolom yang tidak diharapkan: {_names(extra)}. "
        "Buang kolom itu, misalnya dengan `.drop(columns=[...])`, atau pilih hanya kolom yang "
        "diminta."
    )
