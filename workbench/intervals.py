"""Student's t quantiles and the confidence interval of a mean, for every engine.

The simulation's KPIs, the role-play workshop's paired comparisons and the training
evaluation's gains, behaviour changes and regressions all put a Student-t interval around an
estimate. The quantile lives here, on the ground floor, so that no engine borrows it from
another (the evaluation once imported it from the simulation's results).

Only the standard library and numpy: the project's stack has no SciPy. :func:`t_quantile` is
exact to about 1e-9 (tested against the t tables); :func:`confidence_interval` is
``mean ± t · sd / √n`` over the values given.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

__all__ = ["confidence_interval", "t_quantile"]


def t_quantile(p: float, df: float) -> float:
    """Quantile ``p`` of Student's t with ``df`` degrees of freedom (no SciPy needed).

    Exact formulas for 1 and 2 degrees of freedom; otherwise Newton's method on the exact
    distribution function (through the regularised incomplete beta function), started from the
    Cornish-Fisher expansion: accurate to about 1e-9 for any ``df`` >= 1 and 0 < p < 1.
    NaN outside that range.
    """
    if not (df >= 1 and 0.0 < p < 1.0):
        return math.nan
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if p == 0.5:
        return 0.0
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    x = z + g1 / df + g2 / df**2 + g3 / df**3
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    for _ in range(50):
        density = math.exp(log_norm - (df + 1) / 2 * math.log1p(x * x / df))
        step = (_t_cdf(x, df) - p) / density
        x = max(x - step, x / 2)  # never jump to the other side of the median
        if abs(step) < 1e-12 * max(1.0, abs(x)):
            break
    return x


def _t_cdf(x: float, df: float) -> float:
    """P(T <= x) for Student's t with ``df`` degrees of freedom, ``x`` >= 0."""
    return 1.0 - 0.5 * _incomplete_beta(df / 2, 0.5, df / (df + x * x))


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b) by its continued fraction."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz evaluation)."""
    tiny = 1e-300

    def guard(v: float) -> float:
        return v if abs(v) > tiny else tiny

    c, d = 1.0, 1.0 / guard(1.0 - (a + b) * x / (a + 1))
    h = d
    for m in range(1, 500):
        even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1.0 / guard(1.0 + even * d)
        c = guard(1.0 + even / c)
        h *= d * c
        odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1.0 / guard(1.0 + odd * d)
        c = guard(1.0 + odd / c)
        h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def confidence_interval(values, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and the two ends of its ``level`` confidence interval (NaN ends for one value)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return math.nan, math.nan, math.nan
    mean = float(x.mean())
    if len(x) < 2:
        return mean, math.nan, math.nan
    half = t_quantile(0.5 + level / 2, len(x) - 1) * float(x.std(ddof=1)) / math.sqrt(len(x))
    return mean, mean - half, mean + half
