"""The evaluation's statistics: intervals checked by hand, verdicts from one rule, and intervals
that cover a planted difference about as often as they promise (and find none where none is)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from workbench.evaluasi.stats import (
    TOO_FEW,
    UNDECIDED,
    Estimate,
    mean_change,
    mean_difference,
    newey_west_lags,
    ols_hac,
    verdict,
)


def test_mean_change_matches_a_hand_calculation():
    """Is the paired interval mean ± t(0,975; n−1)·s/√n, with t from the printed table?"""
    est = mean_change([2, 4, 3, 5, 1])
    # mean 3, s = √2,5 = 1,5811, s/√5 = 0,70711, t(0,975; 4) = 2,7764 (printed tables)
    assert est.nilai == pytest.approx(3.0)
    assert est.bawah == pytest.approx(3 - 2.7764 * 0.70711, abs=1e-3)
    assert est.atas == pytest.approx(3 + 2.7764 * 0.70711, abs=1e-3)
    assert est.n == 5 and est.cukup and est.nyata
    assert verdict(est) == "naik"
    assert verdict(est, better="up") == "naik (membaik)"
    assert verdict(est, up="lebih lama", down="lebih singkat", better="down") == (
        "lebih lama (memburuk)"
    )


def test_missing_values_are_left_out_not_counted():
    """Does a learner without a post score drop out instead of counting as zero?"""
    assert mean_change([2, 4, math.nan, 3, 5, 1]).nilai == pytest.approx(3.0)
    assert mean_change([2, 4, math.nan, 3, 5, 1]).n == 5


def test_too_few_observations_are_never_a_verdict():
    """Do three learners with a big average gain still get 'terlalu sedikit untuk disimpulkan',
    with the (wide) interval shown?"""
    est = mean_change([20, 25, 30])
    assert not est.cukup and not est.nyata
    assert verdict(est) == TOO_FEW
    assert "3 pengamatan" in est.alasan and "paling sedikit 5" in est.alasan
    assert est.bawah < est.nilai < est.atas  # still computed, for the trainer to see
    assert verdict(mean_change([])) == TOO_FEW
    assert verdict(mean_change([4.0])) == TOO_FEW


def test_an_interval_with_zero_is_undecided():
    """Does a mean gain whose interval includes zero read 'belum bisa disimpulkan'?"""
    est = mean_change([5, -4, 3, -2, 1, 0])
    assert est.cukup and est.bawah < 0 < est.atas
    assert verdict(est) == UNDECIDED


def test_interval_text_is_indonesian():
    """Is an interval written with decimal commas and signs ("-4,1 s.d. +1,2")?"""
    est = Estimate(-1.5, -4.06, 1.23, 0.95, 30, "uji")
    assert est.interval_text() == "-4,1 s.d. +1,2"


def test_paired_interval_covers_the_true_mean_as_often_as_promised():
    """Over 400 classes of 8 learners with a true mean gain of 5, does the 95% interval cover 5
    in about 95% of them (between 92% and 98%)?"""
    rng = np.random.default_rng(7)
    covered = 0
    for _ in range(400):
        est = mean_change(rng.normal(5, 10, size=8))
        covered += est.bawah <= 5 <= est.atas
    assert 0.92 <= covered / 400 <= 0.98


def _likert(rng, p, n):
    return rng.choice([1, 2, 3, 4], size=n, p=p)


def test_bootstrap_difference_covers_a_planted_difference():
    """With answers drawn from two known score distributions (true means 2,90 and 3,15, a
    planted difference of exactly 0,25), does the interval cover 0,25 in at least 17 of 20
    surveys, and is the change called real?"""
    before, after = [0.1, 0.2, 0.4, 0.3], [0.05, 0.15, 0.4, 0.4]
    truth = np.dot([1, 2, 3, 4], after) - np.dot([1, 2, 3, 4], before)
    assert truth == pytest.approx(0.25)
    covered = real = 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        est = mean_difference(
            _likert(rng, before, 300), _likert(rng, after, 300), seed=seed, n_boot=2000
        )
        covered += est.bawah <= truth <= est.atas
        real += est.nyata
    assert covered >= 17
    assert real >= 15


def test_bootstrap_difference_finds_nothing_where_nothing_was_planted():
    """With the same distribution before and after, is a change called real in at most 3 of
    20 surveys (95% intervals: about 1 expected)?"""
    p = [0.1, 0.2, 0.4, 0.3]
    false_alarms = 0
    for seed in range(20):
        rng = np.random.default_rng(100 + seed)
        est = mean_difference(_likert(rng, p, 300), _likert(rng, p, 300), seed=seed, n_boot=2000)
        false_alarms += est.nyata
    assert false_alarms <= 3


def test_bootstrap_is_reproducible_and_refuses_small_samples():
    """Does the same seed give the same interval, and do 12 answers per survey count as too
    few?"""
    rng = np.random.default_rng(1)
    a, b = _likert(rng, [0.1, 0.2, 0.4, 0.3], 100), _likert(rng, [0.1, 0.2, 0.4, 0.3], 100)
    assert mean_difference(a, b, seed=3) == mean_difference(a, b, seed=3)
    small = mean_difference(a[:12], b[:12], seed=3)
    assert not small.cukup and verdict(small) == TOO_FEW


def test_newey_west_covariance_matches_a_hand_calculation():
    """For the mean of 1, 3, 2, 6 with one lag: residuals −2, 0, −1, 3; Σe² = 14; lag-1 sum
    (0·−2) + (−1·0) + (3·−1) = −3 with Bartlett weight ½, twice: 14 − 3 = 11; variance
    ¼ · 11 · ¼ · 4/3 = 0,91667."""
    fit = ols_hac([1, 3, 2, 6], np.ones((4, 1)), ["konstanta"], lags=1)
    assert fit.coef[0] == pytest.approx(3.0)
    assert fit.cov[0, 0] == pytest.approx(11 / 16 * 4 / 3)
    value, low, high = fit.combination({"konstanta": 1.0})
    assert value == pytest.approx(3.0)
    # t(0,975; 3 degrees of freedom) = 3,1824 from the printed table
    assert high - value == pytest.approx(3.1824 * math.sqrt(11 / 12), abs=1e-3)
    assert value - low == pytest.approx(high - value)


def test_newey_west_with_no_lag_is_the_white_estimator():
    """With zero lags, is the covariance the heteroskedasticity-robust (White) one, scaled
    n/(n−k), as an independent formula gives it?"""
    rng = np.random.default_rng(3)
    x = rng.normal(size=50)
    X = np.column_stack([np.ones(50), x])
    y = 2 + 3 * x + rng.normal(size=50) * (1 + np.abs(x))
    fit = ols_hac(y, X, ["konstanta", "x"], lags=0)
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ beta
    bread = np.linalg.inv(X.T @ X)
    white = bread @ (X.T * e**2) @ X @ bread * 50 / 48
    assert fit.coef == pytest.approx(beta)
    assert fit.cov == pytest.approx(white)


def test_rank_deficient_designs_are_refused():
    """Does a design with two identical columns raise instead of printing nonsense?"""
    X = np.column_stack([np.ones(10), np.arange(10), np.arange(10)])
    with pytest.raises(ValueError):
        ols_hac(np.arange(10.0), X, ["a", "b", "c"])


def test_lag_rule():
    """Is the automatic lag floor(4 (n/100)^(2/9)): 3, 4, 4 and 6 for 50, 120, 250, 1000?"""
    assert [newey_west_lags(n) for n in (50, 120, 250, 1000)] == [3, 4, 4, 6]
