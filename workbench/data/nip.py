"""The NIP (Nomor Induk Pegawai): the one definition of what an NIP looks like.

An NIP has 18 digits: 8 for the date of birth (``yyyymmdd``), 6 for the month of appointment
(``yyyymm``), 1 for sex (1 laki-laki, 2 perempuan) and 3 for the serial number
(PP 11/2017, BKN). Rosters, assessments, activity records and the staff list all check it
through :data:`NIP_PATTERN` (the schemas in :mod:`workbench.data.schema`) or :func:`is_nip`;
people often write one with spaces (``19850312 201001 1 003``): :func:`clean_nip` removes them.
"""

from __future__ import annotations

import re

__all__ = ["NIP_EXPECTED", "NIP_PATTERN", "clean_nip", "is_nip"]

#: The pattern of a whole NIP (anchored, for schemas and ``re.fullmatch``).
NIP_PATTERN = r"^\d{18}$"

#: How a valid NIP is described to a person (Excel drops digits of a number cell).
NIP_EXPECTED = "18 digit angka (di Excel, format sel sebagai Teks)"

_NIP = re.compile(NIP_PATTERN)
_SEPARATORS = re.compile(r"[\s.\-]")


def is_nip(value: object) -> bool:
    """Whether ``value`` is an NIP as written: exactly 18 digits (no spaces)."""
    return isinstance(value, str) and _NIP.match(value) is not None


def clean_nip(value: object) -> str:
    """The NIP without the spaces, dots and dashes people write between its parts
    (``"19850312 201001 1 003"`` -> ``"198503122010011003"``); other text unchanged."""
    return _SEPARATORS.sub("", str(value).strip())
