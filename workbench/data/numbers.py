"""Numbers written as text the way Indonesian offices write them, read without guessing.

A file's decimal mark follows its separator: an Excel export with ``;`` (Indonesian locale)
writes ``1.234,5`` (dot for thousands, comma for decimals); a ``,`` file writes ``1234.5``.
:func:`parse_numbers` reads one column of text under its file's convention:

* in a decimal-comma file, ``1.500`` and ``30.000`` are fifteen hundred and thirty thousand,
  ``1.234,5`` is 1234.5 and ``1,5`` is 1.5. A dot that cannot be a thousands mark (``1.5``,
  ``1234.56``) can only be a decimal point, so it is read as one; but then the column mixes
  both habits, and a value such as ``1.500`` could be either 1500 or 1.5: it is reported as
  ambiguous, never guessed;
* in a decimal-point file, ``1234.5`` is 1234.5; a comma alone is a decimal comma (``4,0``,
  ``12,5`` quoted), and with both marks the last one is the decimal mark (``1,234.5``);
* ``inf``, ``Infinity``, ``NaN`` and values too large for a float are not numbers a person
  measured: they are reported, never taken into a column (its mean would become inf or
  silently skip the row).

A thousands group never starts with a lone zero: ``0.500`` is a half in either kind of file.

:func:`parse_number` reads one value a person typed (a CLI option, a field of a scenario card)
by the same rules and raises an Indonesian :class:`~workbench.errors.WorkbenchError` when it is
not a number. Nowhere else in the workbench is a number read from text by hand.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.errors import Problem, WorkbenchError

__all__ = [
    "AMBIGUOUS",
    "NOT_A_NUMBER",
    "NOT_FINITE",
    "ParsedNumbers",
    "parse_number",
    "parse_numbers",
]

#: Why a value was refused (the problem message a reader reports).
NOT_A_NUMBER = "bukan angka"
NOT_FINITE = "bukan angka terhingga (inf/NaN bukan nilai yang diukur)"
AMBIGUOUS = "angka ambigu: titik bisa pemisah ribuan atau tanda desimal"

#: Dots as thousands marks, in groups of three, optionally followed by a decimal comma.
#: The first group is 1-999 (``0.500`` is not five hundred).
_THOUSANDS_DOTS = r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?"
#: Commas as thousands marks with a decimal point (an English export): 1,234.5.
_THOUSANDS_COMMAS = r"[+-]?[1-9]\d{0,2}(?:,\d{3})+\.\d+"


@dataclass(frozen=True)
class ParsedNumbers:
    """One column read as numbers: ``values`` (float64, NaN where missing or refused),
    ``bad`` (True where a written value was refused) and ``reasons`` (the message of each
    refused value, ``None`` elsewhere)."""

    values: pd.Series
    bad: np.ndarray
    reasons: np.ndarray


def parse_numbers(text: pd.Series, *, decimal: str = ",") -> ParsedNumbers:
    """Read ``text`` (strings; missing or blank cells are missing) as numbers, by the rules of
    a file whose decimal mark is ``decimal`` (see the module docstring)."""
    if decimal not in (",", "."):
        raise ValueError(f"decimal must be ',' or '.', not {decimal!r}")
    text = text.astype("str").str.strip()
    text = text.where(text != "")
    present = text.notna().to_numpy()
    has_dot = text.str.contains(".", regex=False).fillna(False).to_numpy()
    has_comma = text.str.contains(",", regex=False).fillna(False).to_numpy()
    if decimal == ",":
        canonical, ambiguous = _decimal_comma_file(text, has_dot, has_comma)
    else:
        canonical, ambiguous = _decimal_point_file(text, has_dot, has_comma)
    values = pd.to_numeric(canonical, errors="coerce").astype("float64")
    number = values.to_numpy()
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(number)
    # Words pandas reads as numbers ("inf", "NaN", "Infinity") and overflows ("1e999").
    unmeasured = present & ~finite & _looks_non_finite(canonical, number)
    unreadable = present & np.isnan(number) & ~unmeasured
    bad = unreadable | unmeasured | ambiguous
    reasons = np.full(len(text), None, dtype=object)
    reasons[unreadable] = NOT_A_NUMBER
    reasons[unmeasured] = NOT_FINITE
    reasons[ambiguous] = AMBIGUOUS
    if bad.any():
        values = values.mask(bad)
    return ParsedNumbers(values, bad, reasons)


def _decimal_comma_file(
    text: pd.Series, has_dot: np.ndarray, has_comma: np.ndarray
) -> tuple[pd.Series, np.ndarray]:
    """The values of a decimal-comma file written with a decimal point, and which are
    ambiguous (a thousands group in a column that also has dot decimals)."""
    canonical = text.copy()
    ambiguous = np.zeros(len(text), dtype=bool)
    grouped = text.str.fullmatch(_THOUSANDS_DOTS).fillna(False).to_numpy()
    english = text.str.fullmatch(_THOUSANDS_COMMAS).fillna(False).to_numpy()
    # A dot that cannot be a thousands mark is a decimal point: the column mixes habits.
    dot_decimal = has_dot & ~grouped
    if grouped.any():
        canonical[grouped] = (
            text[grouped].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        )
    if english.any():
        canonical[english] = text[english].str.replace(",", "", regex=False)
    comma_only = has_comma & ~has_dot
    if comma_only.any():
        canonical[comma_only] = text[comma_only].str.replace(",", ".", regex=False)
    if dot_decimal.any():
        ambiguous = grouped & ~has_comma
    return canonical, ambiguous


def _decimal_point_file(
    text: pd.Series, has_dot: np.ndarray, has_comma: np.ndarray
) -> tuple[pd.Series, np.ndarray]:
    """The values of a decimal-point file written with a decimal point (none ambiguous)."""
    canonical = text.copy()
    both = has_dot & has_comma
    if both.any():
        canonical[both] = text[both].map(_last_mark_decimal)
    comma_only = has_comma & ~has_dot
    if comma_only.any():
        canonical[comma_only] = text[comma_only].str.replace(",", ".", regex=False)
    return canonical, np.zeros(len(text), dtype=bool)


def _last_mark_decimal(text: str) -> str:
    """'1.234,5' or '1,234.5' with the last mark as the decimal point: '1234.5'."""
    last = max(text.rfind("."), text.rfind(","))
    return text[:last].replace(".", "").replace(",", "") + "." + text[last + 1 :]


def _looks_non_finite(canonical: pd.Series, number: np.ndarray) -> np.ndarray:
    """Where a value is infinite, or written as a NaN word (not an unreadable text)."""
    out = np.isinf(number)
    nan_at = np.isnan(number)
    if nan_at.any():
        words = canonical[nan_at].str.casefold().str.lstrip("+-")
        out[nan_at] = words.isin(("nan", "inf", "infinity")).fillna(False).to_numpy()
    return out


def parse_number(value: object, *, where: str = "", decimal: str = ",") -> float:
    """One number a person wrote, read by the rules of :func:`parse_numbers`.

    ``value`` is text (``"1.500"`` is 1500 and ``"2,5"`` is 2.5 with the default decimal
    comma; ``"0.111"`` is 0.111) or already a number (a bool is not one). ``where`` names the
    place for the message ("kartu.yaml, loket[1].kecepatan"). Raises :class:`WorkbenchError`
    for an empty value, text that is not a number, an ambiguous one and inf/NaN.
    """
    prefix = f"{where}: " if where else ""
    if isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_):
        number = float(value)
        reason = None if np.isfinite(number) else NOT_FINITE
    elif isinstance(value, str) and value.strip():
        parsed = parse_numbers(pd.Series([value], dtype="str"), decimal=decimal)
        number, reason = float(parsed.values.iloc[0]), parsed.reasons[0]
    else:
        number, reason = float("nan"), "kosong" if value is None or value == "" else NOT_A_NUMBER
    if reason is not None:
        shown = "angka kosong" if reason == "kosong" else f"{value!r} {reason}"
        raise WorkbenchError(
            f"{prefix}{shown}. Tulis angka seperti 1,5 atau 1.500 (seribu lima ratus).",
            [Problem(reason, column=where or None, value=value, expected="angka")],
        )
    return number
