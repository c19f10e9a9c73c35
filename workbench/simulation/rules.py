"""Validation rules a scenario's values must follow, each written once.

Every rule returns whether the value passed and, when it did not, adds one Indonesian
:class:`~workbench.errors.Problem` naming where the value is (``column``), what it was and what
was expected. The scenario's consistency checks (:mod:`~workbench.simulation.checks`), the
distributions (:mod:`~workbench.simulation.parts`) and the card reader use them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from workbench.errors import Problem

__all__ = [
    "SHARE_TOLERANCE",
    "is_number",
    "require_choice",
    "require_non_negative",
    "require_positive",
    "require_probability",
    "require_total_one",
    "require_whole",
]

#: How far shares may add up away from 1 (rounding in a card written by hand).
SHARE_TOLERANCE = 1e-3


def is_number(value: Any) -> bool:
    """Whether ``value`` is a finite real number (not a bool)."""
    return (
        isinstance(value, int | float | np.integer | np.floating)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def require_total_one(problems: list[Problem], total: float, column: str, message: str) -> bool:
    """Whether shares adding up to ``total`` make 1 (within rounding); if not, adds a problem."""
    if abs(total - 1) > SHARE_TOLERANCE:
        problems.append(
            Problem(message, column=column, value=round(total, 4), expected="total porsi = 1")
        )
        return False
    return True


def require_choice(
    problems: list[Problem], value: Any, choices: Sequence[str], column: str, message: str
) -> bool:
    """Whether ``value`` is one of ``choices``; if not, a problem listing them is added."""
    ok = value in choices
    if not ok:
        problems.append(
            Problem(
                message,
                column=column,
                value=value,
                expected="salah satu dari " + ", ".join(choices),
            )
        )
    return ok


def require_non_negative(
    problems: list[Problem], value: Any, column: str, message: str, expected: str | None = None
) -> bool:
    """Whether ``value`` is a number >= 0; if not, a problem is added to ``problems``."""
    ok = is_number(value) and value >= 0
    if not ok:
        problems.append(Problem(message, column=column, value=value, expected=expected))
    return ok


def require_positive(
    problems: list[Problem], value: Any, column: str, message: str, expected: str | None = None
) -> bool:
    """Whether ``value`` is a number > 0; if not, a problem is added to ``problems``."""
    ok = is_number(value) and value > 0
    if not ok:
        problems.append(Problem(message, column=column, value=value, expected=expected))
    return ok


def require_probability(
    problems: list[Problem], value: Any, column: str, message: str, expected: str = "0 sampai 1"
) -> bool:
    """Whether ``value`` is a number from 0 to 1; if not, a problem is added to ``problems``."""
    ok = is_number(value) and 0 <= value <= 1
    if not ok:
        problems.append(Problem(message, column=column, value=value, expected=expected))
    return ok


def require_whole(
    problems: list[Problem],
    value: Any,
    column: str,
    message: str,
    expected: str | None = None,
    *,
    minimum: int,
) -> bool:
    """Whether ``value`` is an int (not a bool) >= ``minimum``; if not, a problem is added.

    Only a Python ``int`` counts: ``3.0`` from a calculation is reported, as it always was
    (the YAML reader already turns whole numbers into ints).
    """
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
    if not ok:
        problems.append(Problem(message, column=column, value=value, expected=expected))
    return ok
