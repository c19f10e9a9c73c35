"""Calibrate a scenario from a visit log (the ``layanan`` dataset or an office's own export).

What is taken from the log, and how (so a trainer can say where each number comes from):

* **Arrival rate by weekday and clock hour**: the number of visitors who took a ticket in that
  hour, divided by the number of such weekdays in the log, and by the part of the hour the office
  is open (07:30-08:00 is half an hour). Visitors who arrived outside opening hours are ignored.
  Online (``daring``) and walk-in visitors are counted alike, because the log does not keep
  booked slot times.
* **Service shares**: the share of each ``jenis_layanan`` among all visits.
* **Service times**: ``selesai - mulai`` of visits that were served. With at least
  ``min_empirical`` observations a service draws from the observed times themselves (kept as up
  to 500 evenly spaced quantiles); with fewer, a lognormal with the observed mean and standard
  deviation; with none, an exponential with the mean of all services.
* **Priority shares**: the share of each priority group in ``prioritas``.
* **Patience**: visitors who left (``hasil == "pergi sebelum dilayani"``) waited ``tunggu_menit``
  before leaving, and everyone served was still patient after their wait. Assuming exponential
  patience, the best estimate of its mean is the total waiting time of all visitors divided by
  the number who left (the standard estimate for censored observations).
* **Counters**: one counter per ``loket`` number in the log, serving every service.

Opening hours, the office break and the service standard are not in the log: they are options
with the office's usual values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.data.dates import parse_dates
from workbench.errors import Problem, WorkbenchError
from workbench.simulation.parts import (
    PRIORITY_GROUPS,
    WEEKDAYS,
    Arrivals,
    Counter,
    Duration,
    Service,
)

__all__ = ["NO_SYSTEM_SERVICES", "fields_from_log"]

#: Services done without the registration system (Klampid); the others need it.
NO_SYSTEM_SERVICES = ("Legalisir", "Surat Keterangan")

#: Most empirical values kept per service (evenly spaced quantiles of the observations).
MAX_EMPIRICAL_VALUES = 500

_REQUIRED = ("datang", "jenis_layanan")
_LEFT = "pergi sebelum dilayani"


def _clock(text: str, where: str) -> float:
    try:
        hours, minutes = (int(x) for x in text.replace(".", ":").split(":"))
    except (ValueError, AttributeError) as exc:
        raise WorkbenchError(
            "Format jam tidak sah.",
            [Problem("format jam tidak sah", column=where, value=text, expected="JJ:MM")],
        ) from exc
    return hours * 60.0 + minutes


def _to_wib(series: pd.Series, column: str) -> pd.Series:
    """``series`` as aware office time: text read day first by the one date reader
    (``05/02/2025 08:15`` is 5 February), naive datetimes taken as office time."""
    parsed, bad = parse_dates(series, with_time=True)
    if bad.any():
        raise WorkbenchError(
            f"Kolom '{column}' berisi nilai yang bukan tanggal dan jam. Bersihkan dulu datanya "
            "(misalnya dengan workbench.data.read_csv, yang menunjukkan semua baris bermasalah).",
            _bad_dates(series, bad, column),
        )
    return parsed.dt.tz_localize(get_settings().tz)


def _bad_dates(series: pd.Series, bad: np.ndarray, column: str, limit: int = 20) -> list[Problem]:
    """The first rows whose value is not a date and time (rows as Excel shows them)."""
    return [
        Problem(
            "bukan tanggal dan jam",
            column=column,
            row=int(label) + 2,
            value=value,
            expected="tanggal dan jam, misalnya 06/01/2025 08:15 (hari/bulan/tahun)",
        )
        for label, value in series[bad].head(limit).items()
    ]


def fields_from_log(
    df: pd.DataFrame,
    *,
    name: str | None = None,
    days: Sequence[str] | None = None,
    open_time: str = "07:30",
    close_time: str = "16:00",
    office_break: tuple[str, str] | None = ("12:00", "13:00"),
    counters: int | None = None,
    min_empirical: int = 30,
    service_standard_minutes: float | None = None,
) -> dict[str, Any]:
    """The fields of a scenario calibrated from a visit log with the columns of ``layanan``.

    :meth:`Scenario.from_log <workbench.simulation.Scenario.from_log>` builds and checks the
    scenario from them (this module does not import the scenario, which imports it).

    Needs ``datang`` and ``jenis_layanan``; uses ``mulai``, ``selesai``, ``loket``,
    ``prioritas``, ``hasil`` and ``tunggu_menit`` when present (see the module docstring).
    ``days`` are the weekdays to simulate (by default every weekday present in the log, Monday
    first); ``counters`` overrides the number of counters found in the log.
    """
    df = _checked_log(df)
    opening = (_clock(open_time, "open_time"), _clock(close_time, "close_time"))
    arrive = _to_wib(df["datang"], "datang")
    arrivals, date_weekday = _arrival_profile(arrive, opening)
    if days is None:
        days = tuple(WEEKDAYS[wd] for wd in sorted(date_weekday.index))
    patience = _patience(df, arrive)
    title, story = _describe(df, arrive, int(date_weekday.sum()), patience)
    breaks = (
        ()
        if office_break is None
        else ((_clock(office_break[0], "office_break"), _clock(office_break[1], "office_break")),)
    )
    return {
        "name": name or title,
        "story": story,
        "days": tuple(days),
        "open_time": opening[0],
        "close_time": opening[1],
        "office_breaks": breaks,
        "services": _services(df, min_empirical),
        "counters": _counters(df, counters),
        "arrivals": arrivals,
        "priority_shares": _priority_shares(df),
        "patience": patience,
        "service_standard_minutes": service_standard_minutes,
    }


def _checked_log(df: pd.DataFrame) -> pd.DataFrame:
    """The visits with an arrival and a service, rows numbered by position (as in the file)."""
    if not isinstance(df, pd.DataFrame):
        raise WorkbenchError("from_log() perlu sebuah DataFrame dengan kolom data layanan.")
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise WorkbenchError(
            "Data kunjungan tidak lengkap: kolom wajib tidak ada.",
            [
                Problem("kolom wajib tidak ada", column=c, expected="kolom data 'layanan'")
                for c in missing
            ],
        )
    df = df.reset_index(drop=True)  # row labels are positions: problems name the file's row
    df = df[df["datang"].notna() & df["jenis_layanan"].notna()]
    if len(df) == 0:
        raise WorkbenchError("Data kunjungan kosong: tidak ada baris dengan 'datang' terisi.")
    return df


def _open_hours(hour: int, opening: tuple[float, float]) -> float:
    """The part of clock hour ``hour`` the office is open (07:30-08:00 is half an hour)."""
    return (min(opening[1], hour * 60 + 60) - max(opening[0], hour * 60)) / 60.0


def _arrival_profile(arrive: pd.Series, opening: tuple[float, float]) -> tuple[Arrivals, pd.Series]:
    """Visitors per open hour by weekday and clock hour, and how many dates of each weekday."""
    weekday = arrive.dt.day_of_week.to_numpy()
    clock = (arrive.dt.hour * 60 + arrive.dt.minute + arrive.dt.second / 60.0).to_numpy()
    inside = (clock >= opening[0]) & (clock < opening[1])
    date_weekday = pd.Series(arrive.dt.normalize().unique()).dt.day_of_week.value_counts()
    hours = [
        h
        for h in range(int(opening[0] // 60), math.ceil(opening[1] / 60))
        if _open_hours(h, opening) > 0
    ]
    hour_of = (clock // 60).astype(int)
    by_day: dict[str, dict[int, float]] = {}
    for wd, n_dates in sorted(date_weekday.items()):
        counts = np.bincount(hour_of[inside & (weekday == wd)], minlength=24)
        by_day[WEEKDAYS[wd]] = {
            h: round(float(counts[h]) / n_dates / _open_hours(h, opening), 3) for h in hours
        }
    total_dates = int(date_weekday.sum())
    per_hour = {
        h: round(
            sum(by_day[WEEKDAYS[wd]][h] * n for wd, n in date_weekday.items()) / total_dates, 3
        )
        for h in hours
    }
    return Arrivals(per_hour=per_hour, by_day=by_day), date_weekday


def _services(df: pd.DataFrame, min_empirical: int) -> tuple[Service, ...]:
    """Each service's share of the visits and its fitted service time; shares sum to one."""
    shares = df["jenis_layanan"].astype(str).value_counts(normalize=True)
    durations = _service_minutes(df)
    all_times = np.concatenate([v for v in durations.values() if len(v)] or [np.empty(0)])
    overall_mean = float(all_times.mean()) if len(all_times) else 5.0
    services = [
        Service(
            name=str(service_name),
            share=float(share),
            duration=_fit(durations.get(service_name, np.empty(0)), min_empirical, overall_mean),
            needs_system=service_name not in NO_SYSTEM_SERVICES,
        )
        for service_name, share in shares.items()
    ]
    # Make the shares sum to exactly one after float rounding.
    total_share = sum(s.share for s in services)
    return tuple(
        Service(s.name, s.share / total_share, s.duration, s.needs_system) for s in services
    )


def _priority_shares(df: pd.DataFrame) -> dict[str, float]:
    if "prioritas" not in df.columns:
        return {}
    counts = df["prioritas"].astype(str).value_counts(normalize=True)
    return {g: float(counts.get(g, 0.0)) for g in PRIORITY_GROUPS if g in counts}


def _counters(df: pd.DataFrame, counters: int | None) -> tuple[Counter, ...]:
    """One counter per ``loket`` in the log, or ``counters`` numbered counters."""
    if counters is None and "loket" in df.columns and df["loket"].notna().any():
        labels = sorted({_counter_label(v) for v in df["loket"].dropna()}, key=_natural)
        return tuple(Counter(label) for label in labels)
    n = counters if counters is not None else 1
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise WorkbenchError(
            "Jumlah loket tidak sah.",
            [Problem("jumlah loket minimal 1", column="counters", value=counters)],
        )
    return tuple(Counter(f"Loket {i + 1}") for i in range(n))


def _describe(
    df: pd.DataFrame, arrive: pd.Series, total_dates: int, patience: Duration | None
) -> tuple[str, str]:
    """The calibrated scenario's default name and its story for the facilitator."""
    dates = arrive.dt.normalize()
    first, last = fmt.date(dates.min()), fmt.date(dates.max())
    story = (
        f"Skenario hasil kalibrasi dari {len(df)} kunjungan pada {total_dates} hari kerja "
        f"({first} s.d. {last}): laju kedatangan per hari dan jam, porsi dan "
        "lama tiap layanan, porsi kelompok prioritas"
        + (", dan kesabaran warga yang pergi sebelum dilayani." if patience else ".")
        + " Jam buka, ISHOMA dan standar pelayanan memakai nilai kantor."
    )
    return f"Kalibrasi dari data {first} s.d. {last}", story


def _counter_label(value) -> str:
    """'Loket 2' for 2, 2.0 or '2'; other names as they are."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        value = int(value)
    text = str(value).strip()
    return f"Loket {text}" if text.isdigit() else text


def _natural(label: str) -> tuple:
    digits = "".join(ch for ch in label if ch.isdigit())
    return (int(digits) if digits else 10**9, label)


def _service_minutes(df: pd.DataFrame) -> dict[str, np.ndarray]:
    """Observed service minutes per service, from served visits."""
    if "mulai" in df.columns and "selesai" in df.columns:
        ok = df["mulai"].notna() & df["selesai"].notna()
        start = _to_wib(df.loc[ok, "mulai"], "mulai")
        end = _to_wib(df.loc[ok, "selesai"], "selesai")
        minutes = (end - start).dt.total_seconds().to_numpy() / 60.0
        names = df.loc[ok, "jenis_layanan"].astype(str).to_numpy()
    elif "lama_layanan_menit" in df.columns:
        ok = df["lama_layanan_menit"].notna()
        minutes = df.loc[ok, "lama_layanan_menit"].to_numpy(dtype=float)
        names = df.loc[ok, "jenis_layanan"].astype(str).to_numpy()
    else:
        return {}
    keep = np.isfinite(minutes) & (minutes > 0)
    minutes, names = minutes[keep], names[keep]
    return {str(n): minutes[names == n] for n in np.unique(names)}


def _fit(x: np.ndarray, min_empirical: int, fallback_mean: float) -> Duration:
    if len(x) >= max(min_empirical, 2):
        if len(x) > MAX_EMPIRICAL_VALUES:
            q = (np.arange(MAX_EMPIRICAL_VALUES) + 0.5) / MAX_EMPIRICAL_VALUES
            x = np.quantile(x, q)
        return Duration("empiris", values=tuple(round(float(v), 2) for v in np.sort(x)))
    if len(x) >= 2 and float(np.std(x, ddof=1)) > 0:
        return Duration("lognormal", mean=float(x.mean()), sd=float(np.std(x, ddof=1)))
    mean = float(x.mean()) if len(x) else fallback_mean
    return Duration("eksponensial", mean=max(mean, 0.1))


def _patience(df: pd.DataFrame, arrive: pd.Series) -> Duration | None:
    """Mean exponential patience from waits until leaving and waits until being served."""
    if "hasil" not in df.columns:
        return None
    left = (df["hasil"].astype(str) == _LEFT).to_numpy()
    if not left.any():
        return None
    if "tunggu_menit" in df.columns:
        waits = df["tunggu_menit"].to_numpy(dtype=float)
    elif "mulai" in df.columns:
        start = _to_wib(df["mulai"], "mulai")
        waits = (start - arrive).dt.total_seconds().to_numpy() / 60.0
        if np.isnan(waits[left]).all():
            return None  # when those who left gave up is not in the log
    else:
        return None
    exposure = float(np.nansum(np.clip(waits, 0, None)))
    if exposure <= 0:
        return None
    return Duration("eksponensial", mean=round(exposure / int(left.sum()), 2))
