"""Numbers, shares, clock times and dates written as an Indonesian reader expects them.

Every face of the workbench (notebooks, dashboards, the CLI, practice-check messages, reports)
formats what a person reads through this module, so that a number is written one way
everywhere: ``1.234,5`` (dot for thousands, comma for decimals), ``24,4%``, ``08:15``,
``05-02-2025``, ``5 Februari 2025``, ``05-02-2025 08.15 WIB``. A missing value (``None``,
``NaN``, ``NaT``) is written as an en dash, never as ``nan``.

Column labels for people (``rata_tunggu`` -> "Rata-rata waktu tunggu") live in one table,
:data:`LABELS`; an engine that adds a column a person reads adds its label here.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

__all__ = [
    "LABELS",
    "MISSING",
    "UNITS",
    "clock",
    "count",
    "date",
    "date_long",
    "label",
    "number",
    "percent",
    "signed",
    "timestamp",
]

#: What a missing value is written as.
MISSING = "–"

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip

#: Indonesian abbreviations of the time zones an office may be set to.
_ZONES = {
    "Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT",
}  # fmt: skip

#: Human labels of dataset and result columns (Indonesian), the one place they are written.
LABELS: dict[str, str] = {
    # counter simulation results (their units are in UNITS)
    "pengunjung_per_hari": "Pengunjung per hari",
    "rata_tunggu": "Rata-rata waktu tunggu",
    "p90_tunggu": "Waktu tunggu persentil 90",
    "porsi_tepat_waktu": "Dilayani dalam standar pelayanan",
    "porsi_menunggu": "Harus menunggu",
    "porsi_pergi": "Pergi sebelum dilayani",
    "porsi_tidak_bergabung": "Tidak jadi antre",
    "antrean_terpanjang": "Antrean terpanjang",
    "rata_antrean": "Rata-rata panjang antrean",
    "lembur": "Lembur setelah jam tutup per hari",
    # SKM breakdowns
    "jenis_layanan": "Jenis layanan",
    "kelurahan": "Kelurahan",
    "jenis_kelamin": "Jenis kelamin",
    "kelompok_umur": "Kelompok umur",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "bulan": "Bulan",
    "triwulan": "Triwulan",
    "semester": "Semester",
    "tahun": "Tahun",
    # people and training
    "nip": "NIP",
    "nik": "NIK",
    "nama": "Nama",
    "unit": "Unit kerja",
    "jabatan": "Jabatan",
    "kompetensi": "Kompetensi",
    "jp": "JP",
    "tanggal": "Tanggal",
    # SKM results (workbench.skm): breakdowns, priorities, themes, follow-up plan
    "jumlah_responden": "Responden",
    "nilai": "Nilai",
    "nilai_bawah": "Selang kepercayaan dari",
    "nilai_atas": "Selang kepercayaan sampai",
    "selisih": "Kurang (poin)",
    "persen_skor_rendah": "% skor 1–2",
    "persen_saran": "% saran",
    "jumlah_negatif": "Keluhan",
    "persen_negatif": "% keluhan",
    "contoh": "Contoh kutipan",
    "perubahan": "Perubahan (poin)",
    "perubahan_nyata": "Perubahan nyata",
}


def _missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain_number(value: object) -> float | int:
    """A real number as a plain Python int or float (numpy scalars, Decimal included)."""
    if isinstance(value, bool | np.bool_):
        return int(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real | Decimal):
        return float(value)
    raise TypeError(f"not a real number: {type(value).__name__}")


def _group(digits: str) -> str:
    """``1234567`` -> ``1.234.567``."""
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return ".".join(reversed(out))


def number(value: object, decimals: int | None = 1) -> str:
    """``value`` with Indonesian separators: ``number(1234.56)`` -> ``"1.234,6"``.

    ``decimals`` fixes the number of decimals (rounded half up, as people round); ``None``
    writes as many as the value needs (at most 6, trailing zeros dropped). Whole numbers
    passed as integers are written without decimals when ``decimals`` is ``None``.
    Infinity is written ``∞``; missing values :data:`MISSING`.
    """
    if _missing(value):
        return MISSING
    plain = _plain_number(value)
    if isinstance(plain, float) and math.isinf(plain):
        return "∞" if plain > 0 else "-∞"
    if decimals is None:
        if isinstance(plain, int):
            text = str(abs(plain))
        else:
            text = f"{Decimal(repr(abs(plain))):f}"
            if "." in text:
                whole, frac = text.split(".")
                frac = frac[:6].rstrip("0")
                text = f"{whole}.{frac}" if frac else whole
    else:
        quantum = Decimal(1).scaleb(-decimals)
        exact = Decimal(repr(abs(plain))) if isinstance(plain, float) else Decimal(abs(plain))
        text = f"{exact.quantize(quantum, rounding=ROUND_HALF_UP):f}"
    whole, _, frac = text.partition(".")
    sign = "-" if plain < 0 and any(ch not in "0." for ch in text) else ""
    return sign + _group(whole) + ("," + frac if frac else "")


def count(value: object) -> str:
    """A whole number of things with thousands dots: ``count(1234)`` -> ``"1.234"``."""
    return number(value, 0)


def signed(value: object, decimals: int = 1) -> str:
    """A change with its sign: ``signed(1.25, 2)`` -> ``"+1,25"``, ``signed(-0.4)`` ->
    ``"-0,4"``; no change is ``"0,0"`` (rounded as :func:`number` rounds)."""
    text = number(value, decimals)
    if text == MISSING or text.startswith("-") or not any(ch in "123456789" for ch in text):
        return text
    return "+" + text


def percent(share: object, decimals: int = 1) -> str:
    """A share between 0 and 1 as a percentage: ``percent(0.2438)`` -> ``"24,4%"``."""
    if _missing(share):
        return MISSING
    return number(_plain_number(share) * 100, decimals) + "%"


def clock(value: object) -> str:
    """A time of day as ``HH:MM``.

    Accepts minutes since midnight (a number, rounded to the minute: ``clock(495)`` ->
    ``"08:15"``), a ``datetime.time``, a ``datetime.datetime`` or a ``pandas.Timestamp``
    (aware values in office time).
    """
    if _missing(value):
        return MISSING
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.datetime | pd.Timestamp | np.datetime64):
        stamp = _office_time(value)
        return f"{stamp.hour:02d}:{stamp.minute:02d}"
    minutes = int(Decimal(repr(float(_plain_number(value)))).quantize(0, ROUND_HALF_UP))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _office_time(value: object) -> pd.Timestamp:
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        from workbench.config import get_settings

        stamp = stamp.tz_convert(get_settings().tz)
    return stamp


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return _office_time(value).date()


def date(value: object) -> str:
    """A date as ``05-02-2025`` (day first, as Indonesian forms write it)."""
    if _missing(value):
        return MISSING
    d = _as_date(value)
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def date_long(value: object) -> str:
    """A date in words: ``5 Februari 2025``."""
    if _missing(value):
        return MISSING
    d = _as_date(value)
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def timestamp(value: object) -> str:
    """A moment as ``05-02-2025 08.15 WIB`` in office time (aware values converted).

    The zone's abbreviation is WIB for ``Asia/Jakarta`` (the default setting) and the zone's
    own name otherwise (WITA, WIT for the other Indonesian zones).
    """
    if _missing(value):
        return MISSING
    from workbench.config import get_settings

    stamp = _office_time(value)
    name = get_settings().tz.key
    return f"{date(stamp)} {stamp.hour:02d}.{stamp.minute:02d} {_ZONES.get(name, name)}"


#: Units of the columns that have one (a label shows it in brackets, except a percentage).
UNITS: dict[str, str] = {
    "pengunjung_per_hari": "orang",
    "rata_tunggu": "menit",
    "p90_tunggu": "menit",
    "porsi_tepat_waktu": "%",
    "porsi_menunggu": "%",
    "porsi_pergi": "%",
    "porsi_tidak_bergabung": "%",
    "antrean_terpanjang": "orang",
    "rata_antrean": "orang",
    "lembur": "menit",
}


def label(column: str) -> str:
    """The human label of a column (``"rata_tunggu"`` -> ``"Rata-rata waktu tunggu (menit)"``).

    A column without a label in :data:`LABELS` is shown with its underscores as spaces and a
    capital first letter, so nothing shows as a raw identifier.
    """
    if column in LABELS:
        unit = UNITS.get(column)
        return (
            f"{LABELS[column]} ({unit})" if unit and unit not in ("%", "orang") else LABELS[column]
        )
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:]
