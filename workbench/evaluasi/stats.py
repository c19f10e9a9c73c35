"""Honest statistics for training evaluation: estimates with intervals, and verdicts in words.

Every number the evaluation reports as a change comes with its confidence interval, and every
verdict comes from one rule (:func:`verdict`): a change is called real only when there are
enough observations *and* its interval leaves out zero (:func:`workbench.skm.is_real_change`,
the rule every face of the workbench uses). Otherwise the verdict says so in plain Indonesian:
"terlalu sedikit untuk disimpulkan" (too few observations) or "belum bisa disimpulkan"
(the interval includes no change).

Three kinds of estimate:

* :func:`mean_change` -- the mean of paired changes (learning gain per learner, behaviour
  change per person) with a Student-t interval;
* :func:`mean_difference` -- the difference of two independent means (an SKM element before and
  after) with a percentile bootstrap interval from an explicit seed;
* :func:`ols_hac` -- least squares with Newey-West (HAC) standard errors, the engine of the
  interrupted time series and the difference in differences in :mod:`.results`: daily waiting
  times are autocorrelated (a busy week stays busy), and ordinary standard errors would call
  noise an effect.

Only numpy and the standard library: the project's stack has no SciPy or statsmodels, and the
t quantile comes from :func:`workbench.intervals.t_quantile` (exact, tested there).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from workbench import formatting as fmt
from workbench.intervals import t_quantile
from workbench.skm import is_real_change

__all__ = [
    "TOO_FEW",
    "UNDECIDED",
    "Estimate",
    "HacFit",
    "mean_change",
    "mean_difference",
    "mean_interval",
    "newey_west_lags",
    "ols_hac",
    "verdict",
]

#: The verdict when there are not enough observations to say anything.
TOO_FEW = "terlalu sedikit untuk disimpulkan"
#: The verdict when the interval includes zero (or the data cannot support a model).
UNDECIDED = "belum bisa disimpulkan"


@dataclass(frozen=True)
class Estimate:
    """An estimated change with its confidence interval and whether it can be read at all.

    ``nilai`` is the point estimate, ``bawah``/``atas`` the interval at ``tingkat`` (0.95),
    ``n`` the observations behind it (learners, days), ``metode`` how it was computed (shown to
    the reader), ``cukup`` whether there were enough observations, and ``alasan`` why not.
    """

    nilai: float
    bawah: float
    atas: float
    tingkat: float
    n: int
    metode: str
    cukup: bool = True
    alasan: str | None = None
    #: The verdict when not ``cukup``: too few observations, or a model the data cannot carry.
    putusan_kurang: str = "terlalu sedikit untuk disimpulkan"

    @property
    def nyata(self) -> bool:
        """Enough data and an interval that leaves out zero."""
        return bool(
            self.cukup
            and not math.isnan(self.bawah)
            and not math.isnan(self.atas)
            and is_real_change(self.bawah, self.atas)
        )

    def interval_text(self, decimals: int = 1) -> str:
        """The interval as a reader sees it: ``-4,1 s.d. -1,2``."""
        if math.isnan(self.bawah) or math.isnan(self.atas):
            return fmt.MISSING
        return f"{fmt.signed(self.bawah, decimals)} s.d. {fmt.signed(self.atas, decimals)}"


def verdict(
    estimate: Estimate, *, up: str = "naik", down: str = "turun", better: str | None = None
) -> str:
    """The verdict on a change in plain Indonesian, from one rule.

    ``up``/``down`` name the direction ("naik"/"turun", "lebih lama"/"lebih singkat");
    ``better`` (``"up"``, ``"down"`` or None) adds "(membaik)" or "(memburuk)" when the change
    is real. Too few observations give :data:`TOO_FEW`; an interval with zero in it, or a model
    the data could not support, :data:`UNDECIDED`.
    """
    if not estimate.cukup:
        return estimate.putusan_kurang
    if not estimate.nyata:
        return UNDECIDED
    rising = estimate.nilai > 0
    word = up if rising else down
    if better is None:
        return word
    good = rising == (better == "up")
    return f"{word} ({'membaik' if good else 'memburuk'})"


def _check_level(level: float) -> float:
    if not 0.5 <= float(level) < 1:
        raise ValueError(f"level must be in [0.5, 1), got {level!r}")
    return float(level)


def mean_change(changes, *, level: float = 0.95, min_n: int = 5) -> Estimate:
    """The mean of paired changes (after minus before, per person) with a Student-t interval.

    Missing values are left out. Fewer than ``min_n`` changes give an estimate marked not
    ``cukup`` ("terlalu sedikit"); its interval is still computed when there are two or more,
    so a trainer can see how wide it is.
    """
    return mean_interval(
        changes, level=level, min_n=min_n, method="rata-rata selisih berpasangan, selang t"
    )


def mean_interval(
    values, *, level: float = 0.95, min_n: int = 5, method: str = "rata-rata, selang t"
) -> Estimate:
    """The mean of ``values`` with a Student-t interval (see :func:`mean_change`)."""
    level = _check_level(level)
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, level, 0, method, False, _too_few(0, min_n))
    mean = float(x.mean())
    if n < 2:
        return Estimate(mean, math.nan, math.nan, level, n, method, False, _too_few(n, min_n))
    half = t_quantile(0.5 + level / 2, n - 1) * float(x.std(ddof=1)) / math.sqrt(n)
    enough = n >= min_n
    return Estimate(
        mean,
        mean - half,
        mean + half,
        level,
        n,
        method,
        enough,
        None if enough else _too_few(n, min_n),
    )


def _too_few(n: int, min_n: int) -> str:
    return f"terlalu sedikit: {fmt.count(n)} pengamatan, perlu paling sedikit {fmt.count(min_n)}"


def mean_difference(
    before,
    after,
    *,
    seed: int,
    level: float = 0.95,
    n_boot: int = 2000,
    min_n: int = 30,
) -> Estimate:
    """``mean(after) - mean(before)`` of two independent samples, percentile bootstrap interval.

    Each sample is resampled with replacement ``n_boot`` times from a generator seeded with
    ``seed``. Either sample smaller than ``min_n`` marks the estimate not ``cukup``.
    """
    level = _check_level(level)
    a = np.asarray(before, dtype=float)
    b = np.asarray(after, dtype=float)
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    n = min(len(a), len(b))
    method = "selisih rata-rata dua survei, selang bootstrap persentil"
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, level, 0, method, False, _too_few(0, min_n))
    rng = np.random.default_rng(seed)
    boot_a = rng.choice(a, size=(n_boot, len(a))).mean(axis=1)
    boot_b = rng.choice(b, size=(n_boot, len(b))).mean(axis=1)
    diff = boot_b - boot_a
    tail = (1 - level) / 2
    low, high = np.quantile(diff, [tail, 1 - tail])
    enough = n >= min_n
    return Estimate(
        float(b.mean() - a.mean()),
        float(low),
        float(high),
        level,
        n,
        method,
        enough,
        None if enough else _too_few(n, min_n),
    )


# --- least squares with HAC standard errors ---------------------------------------------------


def newey_west_lags(n: int) -> int:
    """The usual automatic lag for Newey-West: ``floor(4 (n / 100) ** (2/9))``."""
    return math.floor(4 * (n / 100) ** (2 / 9)) if n > 0 else 0


@dataclass(frozen=True)
class HacFit:
    """A least-squares fit with its Newey-West covariance."""

    names: tuple[str, ...]
    coef: np.ndarray
    cov: np.ndarray
    n: int
    lags: int
    residuals: np.ndarray

    @property
    def df(self) -> int:
        """Residual degrees of freedom (observations minus coefficients)."""
        return self.n - len(self.coef)

    def combination(self, weights: dict[str, float], *, level: float = 0.95) -> tuple:
        """A linear combination of coefficients: (value, low, high) with a t interval."""
        w = np.array([weights.get(name, 0.0) for name in self.names])
        value = float(w @ self.coef)
        se = math.sqrt(max(float(w @ self.cov @ w), 0.0))
        half = t_quantile(0.5 + _check_level(level) / 2, max(self.df, 1)) * se
        return value, value - half, value + half


def ols_hac(y, X, names, *, lags: int | None = None) -> HacFit:
    """Ordinary least squares of ``y`` on the columns of ``X`` with Newey-West covariance.

    Rows are consecutive observations in time (working days). The Bartlett-weighted sum of
    autocovariances of ``x_t e_t`` up to ``lags`` (default :func:`newey_west_lags`) gives
    standard errors that stay honest when neighbouring days are alike; the covariance is
    scaled by ``n / (n - k)``. Raises ``ValueError`` when the design is rank deficient.
    """
    y = np.asarray(y, dtype=float)
    X = np.asarray(X, dtype=float)
    n, k = X.shape
    if n <= k or np.linalg.matrix_rank(X) < k:
        raise ValueError("design matrix is rank deficient or has too few rows")
    xtx_inv = np.linalg.inv(X.T @ X)
    coef = xtx_inv @ (X.T @ y)
    resid = y - X @ coef
    lags = newey_west_lags(n) if lags is None else int(lags)
    scores = X * resid[:, None]
    meat = scores.T @ scores
    for lag in range(1, min(lags, n - 1) + 1):
        weight = 1 - lag / (lags + 1)
        gamma = scores[lag:].T @ scores[:-lag]
        meat += weight * (gamma + gamma.T)
    cov = xtx_inv @ meat @ xtx_inv * (n / (n - k))
    return HacFit(tuple(names), coef, cov, n, lags, resid)
