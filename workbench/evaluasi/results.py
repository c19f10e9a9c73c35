"""Level 4, results: did the service change after the training? Waiting times, honestly.

The office's queue exports (:mod:`workbench.data.antrean`) give one row per ticket. They are
reduced to one row per office and working day (:func:`daily_waits`): tickets, tickets called,
mean wait and the share called within the service standard. The change after a training is
then estimated two ways, both with Newey-West (HAC) intervals (:func:`~.stats.ols_hac`),
because neighbouring days are alike and ordinary intervals would call that noise an effect:

* **interrupted time series** (:func:`interrupted_time_series`), for the trained office alone:
  a regression fitted on the days *before* the training (trend, day of the week for the
  Monday peaks, the school-enrolment months PPDB June–July, the first three working days of a
  month, the first working day after a holiday, and the day's number of tickets for demand)
  predicts every day after it as if there had been no training; the effect is the mean of
  measured minus predicted, and its interval adds the prediction's own uncertainty. (The
  classic segmented regression with level and slope terms fits both sides at once, and then a
  season seen only after the training, or an effect larger on busy days, leaks into the
  calendar and demand terms; fitting on the days before keeps them clean.)
* **difference in differences** (:func:`difference_in_differences`), against offices not
  trained in the window: the gap between the trained office's daily measure and the
  comparison offices' mean on the same days, modelled on the days before (calendar terms, both
  offices' demand) and compared with the gap measured after. Whatever hits every office alike
  (a holiday rush, a system outage, PPDB) cancels out.

A calendar term seen only after the training cannot be told from its effect: it is left out
and the result says so (the day's demand still counts). Training days themselves are left
out. The verdict (:func:`~.stats.verdict`) says "belum bisa disimpulkan" when the interval
includes zero or the data are too thin (fewer than ``min_days`` days on either side, too few
tickets a day, no comparison office).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.data.antrean import not_served
from workbench.data.calendar import working_days
from workbench.evaluasi.stats import UNDECIDED, Estimate, HacFit, ols_hac, verdict
from workbench.intervals import t_quantile

__all__ = [
    "MEASURES",
    "ResultEstimate",
    "calendar_terms",
    "daily_waits",
    "difference_in_differences",
    "interrupted_time_series",
    "seasonal_profile",
]

#: Measures of a day's service: column -> (label, unit, better direction, decimals).
MEASURES: dict[str, tuple[str, str, str, int]] = {
    "rata_tunggu": ("rata-rata waktu tunggu", "menit", "down", 1),
    "porsi_tepat_waktu": ("tiket dipanggil dalam standar pelayanan", "poin persen", "up", 1),
}

#: Calendar terms of the models and how a reader sees them.
CALENDAR_LABELS = {
    "senin": "Senin (dibanding Rabu)",
    "selasa": "Selasa (dibanding Rabu)",
    "kamis": "Kamis (dibanding Rabu)",
    "jumat": "Jumat (dibanding Rabu)",
    "ppdb": "Juni–Juli (musim PPDB)",
    "awal_bulan": "tiga hari kerja pertama bulan",
    "setelah_libur": "hari pertama setelah libur",
}


def daily_waits(tickets: pd.DataFrame, *, standard_minutes: float) -> pd.DataFrame:
    """One row per office and day: ``tiket``, ``dipanggil``, ``rata_tunggu`` (minutes, over
    tickets called and not marked as not served), ``porsi_tepat_waktu`` (share of those called
    within ``standard_minutes``, 0–100)."""
    frame = tickets[["kantor", "tanggal", "tunggu_menit"]].copy()
    served = tickets["panggil"].notna()
    if "status" in tickets.columns:
        served &= ~not_served(tickets["status"])
    wait = frame["tunggu_menit"].where(served)
    frame["dipanggil"] = served.astype("int64")
    frame["tunggu"] = wait
    frame["tepat"] = (wait <= standard_minutes).astype("float64").where(served)
    grouped = frame.groupby(["kantor", "tanggal"], sort=True)
    daily = pd.DataFrame(
        {
            "tiket": grouped.size(),
            "dipanggil": grouped["dipanggil"].sum(),
            "rata_tunggu": grouped["tunggu"].mean(),
            "porsi_tepat_waktu": grouped["tepat"].mean() * 100,
        }
    ).reset_index()
    return daily


def calendar_terms(dates: pd.Series) -> pd.DataFrame:
    """0/1 columns of the calendar effects for each date (see :data:`CALENDAR_LABELS`).

    "First after a holiday" compares with the office's working days: a Monday after an ordinary
    weekend is not one, a Monday after a Friday holiday is.
    """
    days = pd.DatetimeIndex(_naive_days(dates))
    first, last = days.min().date(), days.max().date()
    calendar = working_days(first - dt.timedelta(days=14), last).values
    values = days.values.astype(calendar.dtype)
    # Where each day sits among the office's working days (a day the office opened although
    # the calendar says holiday sits just after the working day before it).
    position = np.searchsorted(calendar, values, side="left")
    previous = calendar[np.maximum(position - 1, 0)]
    gap = (values - previous).astype("timedelta64[D]").astype(np.int64)
    usual = np.where(days.day_of_week == 0, 3, 1)
    month_start = values.astype("datetime64[M]").astype(calendar.dtype)
    rank = position - np.searchsorted(calendar, month_start, side="left")
    weekday = days.day_of_week.to_numpy()
    return pd.DataFrame(
        {
            "senin": (weekday == 0).astype(float),
            "selasa": (weekday == 1).astype(float),
            "kamis": (weekday == 3).astype(float),
            "jumat": (weekday == 4).astype(float),
            "ppdb": np.isin(days.month, (6, 7)).astype(float),
            "awal_bulan": (rank < 3).astype(float),
            "setelah_libur": ((position > 0) & (gap > usual)).astype(float),
        },
        index=dates.index,
    )


def _naive_days(dates: pd.Series) -> np.ndarray:
    series = pd.Series(dates)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    return series.dt.normalize().to_numpy(dtype="datetime64[s]")


@dataclass(frozen=True)
class ResultEstimate:
    """The estimated change of one measure for one office after one training.

    ``estimate`` is the change (measure after minus what was expected without the training,
    in the measure's unit), ``sebelum``/``sesudah`` the plain averages on each side (for
    reference, not the estimate), ``hari_sebelum``/``hari_sesudah`` the days used,
    ``musim`` the calendar effects the model found (label -> change in the measure), and
    ``catatan`` what a reader must know.
    """

    kantor: str
    ukuran: str
    metode: str
    estimate: Estimate
    sebelum: float
    sesudah: float
    hari_sebelum: int
    hari_sesudah: int
    pembanding: tuple[str, ...] = ()
    musim: dict[str, float] = field(default_factory=dict)
    catatan: tuple[str, ...] = ()

    @property
    def putusan(self) -> str:
        """The verdict in words ("turun (membaik)", "belum bisa disimpulkan", ...)."""
        better = MEASURES[self.ukuran][2]
        return verdict(self.estimate, better=better)

    @property
    def kesimpulan(self) -> str:
        """One Indonesian sentence a camat can read aloud."""
        label, unit, _better, decimals = MEASURES[self.ukuran]
        est = self.estimate
        if not est.cukup:
            return f"{label.capitalize()} di {self.kantor}: {UNDECIDED} ({est.alasan})."
        level = fmt.percent(est.tingkat, 0)
        change = f"{fmt.signed(est.nilai, decimals)} {unit}"
        interval = f"selang {level}: {est.interval_text(decimals)} {unit}"
        if est.nyata:
            return (
                f"{label.capitalize()} di {self.kantor} berubah {change} setelah pelatihan "
                f"({interval}): {self.putusan}."
            )
        return (
            f"{label.capitalize()} di {self.kantor} berubah {change} setelah pelatihan, "
            f"tetapi {interval} memuat nol: {UNDECIDED}."
        )


def _window(daily, kantor, mulai, selesai, pre_days, post_days):
    part = daily[daily["kantor"] == kantor].sort_values("tanggal")
    day = pd.Series(_naive_days(part["tanggal"]), index=part.index)
    start, end = np.datetime64(mulai, "s"), np.datetime64(selesai, "s")
    before = part[(day < start).to_numpy()].tail(pre_days)
    after = part[(day > end).to_numpy()].head(post_days)
    return before, after


def _thin(before, after, min_days: int, min_tickets: float, what: str) -> str | None:
    for name, side in (("sebelum", before), ("sesudah", after)):
        if len(side) < min_days:
            return (
                f"data {what} terlalu sedikit: {fmt.count(len(side))} hari kerja {name} "
                f"pelatihan, perlu paling sedikit {fmt.count(min_days)}"
            )
    tickets = pd.concat([before["dipanggil"], after["dipanggil"]])
    if tickets.median() < min_tickets:
        return (
            f"tiket {what} terlalu sedikit: median {fmt.number(tickets.median(), 0)} tiket "
            f"dipanggil sehari, perlu paling sedikit {fmt.number(min_tickets, 0)}"
        )
    return None


def _not_enough(kantor, ukuran, metode, reason, before, after, level, pembanding=()):
    est = Estimate(
        math.nan,
        math.nan,
        math.nan,
        level,
        len(before) + len(after),
        metode,
        False,
        reason,
        UNDECIDED,
    )
    return ResultEstimate(
        kantor,
        ukuran,
        metode,
        est,
        _mean(before, ukuran),
        _mean(after, ukuran),
        len(before),
        len(after),
        tuple(pembanding),
    )


def _mean(side: pd.DataFrame, ukuran: str) -> float:
    return float(side[ukuran].mean()) if len(side) else math.nan


#: What the models take into account, as a reader is told.
_TAKEN_INTO_ACCOUNT = (
    "diperhitungkan: tren, hari dalam minggu (Senin ramai), tiga hari kerja pertama bulan, "
    "hari pertama setelah libur, musim PPDB Juni–Juli, dan jumlah tiket harian"
)

#: Days a calendar term needs before the training to be estimated (else it is left out).
_MIN_TERM_DAYS = 3


def _design(
    frame: pd.DataFrame,
    post: np.ndarray,
    start_day,
    volumes: dict[str, np.ndarray],
    *,
    trend: bool,
) -> tuple[dict[str, np.ndarray], list[str]]:
    """Columns of a model fitted on the days before the training: constant, trend, calendar
    terms and demand (each of ``volumes``, standardised on the days before, and its square);
    plus the calendar terms left out because the days before do not show them."""
    days = _naive_days(frame["tanggal"])
    columns: dict[str, np.ndarray] = {"konstanta": np.ones(len(frame))}
    if trend:
        t = (days - np.datetime64(start_day, "s")).astype("timedelta64[D]").astype(float)
        columns["tren"] = t / 100
    terms = calendar_terms(frame["tanggal"].reset_index(drop=True))
    dropped = []
    for name in CALENDAR_LABELS:
        values = terms[name].to_numpy()
        seen = values[~post].sum()
        # A term is estimated from the days before the training: one seen only afterwards
        # (PPDB months when the training was in May) cannot be told from the training.
        if _MIN_TERM_DAYS <= seen < (~post).sum():
            columns[name] = values
        elif values[post].sum() >= _MIN_TERM_DAYS:
            dropped.append(name)
    for name, volume in volumes.items():
        base = volume[~post]
        if base.std() == 0:  # the same count every day: nothing to learn from it
            continue
        z = (volume - base.mean()) / base.std()
        columns[name] = z
        columns[f"{name}2"] = z**2
    return columns, dropped


def _seasons(fit: HacFit) -> dict[str, float]:
    return {
        CALENDAR_LABELS[name]: float(fit.coef[i])
        for i, name in enumerate(fit.names)
        if name in CALENDAR_LABELS
    }


def interrupted_time_series(
    daily: pd.DataFrame,
    *,
    kantor: str,
    mulai: dt.date,
    selesai: dt.date,
    ukuran: str = "rata_tunggu",
    pre_days: int = 120,
    post_days: int = 120,
    min_days: int = 20,
    min_tickets: float = 5,
    level: float = 0.95,
) -> ResultEstimate:
    """The change of ``ukuran`` at ``kantor`` after a training held ``mulai``–``selesai``.

    A regression on up to ``pre_days`` working days before (trend, calendar and demand terms)
    predicts each of up to ``post_days`` working days after (training days left out) as if
    there had been no training; the estimate is the mean of measured minus predicted, with a
    Newey-West interval that includes the uncertainty of the prediction.
    """
    method = "deret waktu terputus (pola sebelum pelatihan diteruskan, selang Newey-West)"
    before, after = _window(daily, kantor, mulai, selesai, pre_days, post_days)
    before, after = before.dropna(subset=[ukuran]), after.dropna(subset=[ukuran])
    reason = _thin(before, after, min_days, min_tickets, f"{kantor}")
    if reason:
        return _not_enough(kantor, ukuran, method, reason, before, after, level)
    frame = pd.concat([before, after])
    post = np.r_[np.zeros(len(before), bool), np.ones(len(after), bool)]
    columns, dropped = _design(
        frame, post, mulai, {"volume": frame["tiket"].to_numpy(float)}, trend=True
    )
    found = _counterfactual(frame[ukuran].to_numpy(float), columns, post, level)
    if found is None:
        return _not_enough(
            kantor, ukuran, method, "model tidak bisa dihitung dari data ini", before, after, level
        )
    fit, (value, low, high) = found
    est = Estimate(value, low, high, level, len(frame), method)
    return ResultEstimate(
        kantor,
        ukuran,
        method,
        est,
        _mean(before, ukuran),
        _mean(after, ukuran),
        len(before),
        len(after),
        musim=_seasons(fit),
        catatan=(_TAKEN_INTO_ACCOUNT, *_dropped_notes(dropped)),
    )


def _independent(columns: dict[str, np.ndarray], rows: np.ndarray) -> dict[str, np.ndarray]:
    """``columns`` without those that repeat what earlier ones already say on ``rows`` (two
    offices with the same daily counts, a term that equals another): kept in order."""
    if np.linalg.matrix_rank(np.column_stack(list(columns.values()))[rows]) == len(columns):
        return columns  # the usual case: nothing repeats
    kept: dict[str, np.ndarray] = {}
    rank = 0
    for name, values in columns.items():
        trial = np.column_stack([*kept.values(), values])[rows]
        if np.linalg.matrix_rank(trial) > rank:
            kept[name] = values
            rank += 1
    return kept


def _counterfactual(y: np.ndarray, columns: dict[str, np.ndarray], post: np.ndarray, level):
    """Fit the model on the days before; return the fit and the mean of measured minus
    predicted on the days after, with its interval (None when the model cannot be fitted).

    The variance of that mean is the prediction's (``x̄' V x̄`` from the fit) plus the
    long-run variance of the daily gaps after (Newey-West); the two are independent.
    """
    columns = _independent(columns, ~post)
    X = np.column_stack(list(columns.values()))
    try:
        fit = ols_hac(y[~post], X[~post], list(columns))
    except ValueError:
        return None
    gaps = y[post] - X[post] @ fit.coef
    mean_x = X[post].mean(axis=0)
    after = ols_hac(gaps, np.ones((len(gaps), 1)), ["konstanta"])
    variance = float(mean_x @ fit.cov @ mean_x) + float(after.cov[0, 0])
    half = t_quantile(0.5 + level / 2, max(fit.df, 1)) * math.sqrt(max(variance, 0.0))
    value = float(gaps.mean())
    return fit, (value, value - half, value + half)


def _dropped_notes(dropped: list[str]) -> tuple[str, ...]:
    return tuple(
        f"{CALENDAR_LABELS[name]} hanya ada sesudah pelatihan, jadi pengaruhnya tidak bisa "
        "dipisahkan dari pengaruh pelatihan; jumlah tiket harian (permintaan) tetap "
        "diperhitungkan"
        for name in dropped
    )


def difference_in_differences(
    daily: pd.DataFrame,
    *,
    kantor: str,
    pembanding: Sequence[str],
    mulai: dt.date,
    selesai: dt.date,
    ukuran: str = "rata_tunggu",
    pre_days: int = 120,
    post_days: int = 120,
    min_days: int = 20,
    min_tickets: float = 5,
    level: float = 0.95,
) -> ResultEstimate:
    """The change of ``ukuran`` at ``kantor`` after the training, against ``pembanding``.

    On the days every office has data, the gap between the trained office's measure and the
    comparison offices' mean is modelled on the days before (calendar terms, both offices'
    demand); the estimate is the mean, over the days after, of the measured gap minus the
    gap that model predicts. Newey-West interval. ``pembanding`` must not be trained in the
    window (the caller picks offices "not yet trained").
    """
    method = "selisih dari selisih terhadap kantor yang belum dilatih (selang Newey-West)"
    others = [k for k in pembanding if k != kantor]
    before, after = _window(daily, kantor, mulai, selesai, pre_days, post_days)
    before, after = before.dropna(subset=[ukuran]), after.dropna(subset=[ukuran])
    if not others:
        return _not_enough(
            kantor,
            ukuran,
            method,
            "tidak ada kantor pembanding yang belum dilatih",
            before,
            after,
            level,
        )
    own = pd.concat([before, after]).set_index("tanggal")
    comparison = (
        daily[daily["kantor"].isin(others)]
        .dropna(subset=[ukuran])
        .pivot_table(index="tanggal", columns="kantor", values=[ukuran, "tiket"])
    )
    common = own.index.intersection(comparison.dropna().index)
    own = own.loc[common]
    gap = own[ukuran] - comparison.loc[common, ukuran].mean(axis=1)
    day = _naive_days(pd.Series(common))
    post = day > np.datetime64(selesai, "s")
    before_c, after_c = own[~post], own[post]
    reason = _thin(before_c, after_c, min_days, min_tickets, "hari bersama")
    if reason:
        return _not_enough(kantor, ukuran, method, reason, before_c, after_c, level, others)
    frame = pd.DataFrame({"tanggal": common})
    volumes = {
        "volume": own["tiket"].to_numpy(float),
        "volume_pembanding": comparison.loc[common, "tiket"].mean(axis=1).to_numpy(float),
    }
    columns, dropped = _design(frame, post, mulai, volumes, trend=False)
    found = _counterfactual(gap.to_numpy(float), columns, post, level)
    if found is None:
        return _not_enough(
            kantor,
            ukuran,
            method,
            "model tidak bisa dihitung dari data ini",
            before_c,
            after_c,
            level,
            others,
        )
    _fit, (value, low, high) = found
    est = Estimate(value, low, high, level, len(frame), method)
    return ResultEstimate(
        kantor,
        ukuran,
        method,
        est,
        _mean(before_c, ukuran),
        _mean(after_c, ukuran),
        len(before_c),
        len(after_c),
        tuple(others),
        catatan=(_compared_note(others), *_dropped_notes(dropped)),
    )


def _compared_note(others: Sequence[str]) -> str:
    return (
        "dibandingkan dengan " + ", ".join(others) + " pada hari yang sama: kejadian yang "
        "mengenai semua kantor (libur, gangguan sistem, PPDB) saling meniadakan"
    )


def seasonal_profile(daily: pd.DataFrame, kantor: str, ukuran: str = "rata_tunggu"):
    """The plain calendar pattern of one office (what the models take into account): the
    mean of ``ukuran`` and of tickets per weekday and per month, over every day with data."""
    part = daily[daily["kantor"] == kantor].dropna(subset=[ukuran])
    days = pd.DatetimeIndex(_naive_days(part["tanggal"]))
    weekday = part.groupby(days.day_of_week)[[ukuran, "tiket"]].mean()
    weekday.index = [_WEEKDAYS[i] for i in weekday.index]
    month = part.groupby(days.month)[[ukuran, "tiket"]].mean()
    month.index = [fmt.BULAN[i - 1] for i in month.index]
    return weekday, month


_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
