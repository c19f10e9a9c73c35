"""Queueing theory (Erlang C) and the simulation checked against it."""

from __future__ import annotations

import math

import pytest

from workbench.errors import WorkbenchError
from workbench.intervals import confidence_interval, t_quantile
from workbench.simulation import Scenario, simulate, theory


def test_erlang_c_matches_the_worked_values_in_the_domain_notes():
    """Do P(wait) and Wq reproduce the worked examples (30/h, 8 min, 5 counters; 40/h, 4 min, 3)?"""
    assert theory.erlang_c(30, 8, 5) == pytest.approx(0.5541, abs=5e-5)
    assert theory.mean_wait(30, 8, 5) == pytest.approx(4.433, abs=5e-4)
    assert theory.mean_wait(40, 4, 3) == pytest.approx(9.570, abs=5e-4)


def test_erlang_c_for_one_counter_is_the_utilisation():
    """Is M/M/1 the special case P(wait) = rho and Wq = rho * h / (1 - rho)?"""
    assert theory.erlang_c(12, 4, 1) == pytest.approx(0.8)
    assert theory.mean_wait(12, 4, 1) == pytest.approx(0.8 * 4 / 0.2)
    assert theory.utilisation(12, 4, 1) == pytest.approx(0.8)


def test_share_within_starts_at_one_minus_p_wait_and_rises():
    """Is the share served within 0 minutes 1 - P(wait), and does it grow with t towards 1?"""
    p = theory.erlang_c(40, 4, 3)
    assert theory.share_within(40, 4, 3, 0) == pytest.approx(1 - p)
    shares = [theory.share_within(40, 4, 3, t) for t in (0, 5, 15, 60, 600)]
    assert shares == sorted(shares)
    assert shares[-1] == pytest.approx(1.0, abs=1e-6)
    assert theory.share_within(40, 4, 3, 15) == pytest.approx(
        1 - p * math.exp(-(3 - 40 * 4 / 60) * 15 / 4)
    )


def test_counters_needed_is_the_smallest_count_meeting_the_target():
    """Does counters_needed return c where c meets the target and c - 1 does not?"""
    c = theory.counters_needed(40, 4, within_minutes=15, target_share=0.9)
    assert theory.share_within(40, 4, c, 15) >= 0.9
    assert c - 1 <= 40 * 4 / 60 or theory.share_within(40, 4, c - 1, 15) < 0.9
    c2 = theory.counters_needed(30, 8, max_mean_wait=1.0)
    assert theory.mean_wait(30, 8, c2) <= 1.0 < theory.mean_wait(30, 8, c2 - 1)


def test_theory_rejects_unstable_and_invalid_inputs_in_indonesian():
    """Does an overloaded office (rho >= 1) or a negative rate raise a clear Indonesian error?"""
    with pytest.raises(WorkbenchError, match="tidak stabil") as err:
        theory.mean_wait(60, 4, 3)
    assert "beban 4,00 loket-penuh" in err.value.message  # a decimal comma, as people read
    with pytest.raises(WorkbenchError) as err:
        theory.erlang_c(-1, 0, 0)
    assert len(err.value.problems) == 3
    with pytest.raises(WorkbenchError, match="target"):
        theory.counters_needed(40, 4)


def test_t_quantile_matches_tables():
    """Do the t quantiles used for confidence intervals match printed tables?"""
    assert t_quantile(0.975, 1) == pytest.approx(12.706, abs=1e-3)
    assert t_quantile(0.975, 2) == pytest.approx(4.303, abs=1e-3)
    assert t_quantile(0.975, 4) == pytest.approx(2.776, abs=2e-3)
    assert t_quantile(0.975, 9) == pytest.approx(2.262, abs=1e-3)
    assert t_quantile(0.975, 29) == pytest.approx(2.045, abs=1e-3)
    mean, _low, high = confidence_interval([1.0, 2.0, 3.0])
    assert (mean, high - mean) == pytest.approx((2.0, 4.303 / math.sqrt(3)), abs=1e-3)


# Simulated M/M/c against Erlang C. Each case: arrivals per hour, mean service minutes,
# counters, hours open, replications. Visitors arriving in the first WARMUP_HOURS are left out
# (the office opens empty, theory describes the long run). The tolerance is 3.5 standard errors
# of the replication means; the seed is fixed, so the test is deterministic, and the standard
# error is required to be small so the comparison has teeth: below 6% of the value, so an error
# of about 20% in the mean wait fails. (Near rho = 0.9 the mean wait of a replication swings a
# lot; across seeds its standard error runs from 2% to 5% of the value with these run lengths.
# P(wait) and the share within h are much sharper: about 1% and 2%.)
WARMUP_HOURS = 25
CASES = {
    "M/M/3 rho=0.5": (22.5, 4.0, 3, 300, 16),
    "M/M/3 rho=0.7": (31.5, 4.0, 3, 300, 16),
    "M/M/3 rho=0.89 (kasus isu)": (40.0, 4.0, 3, 500, 16),
    "M/M/3 rho=0.9": (40.5, 4.0, 3, 500, 16),
    "M/M/5 rho=0.8 (contoh DOMAIN)": (30.0, 8.0, 5, 300, 16),
    "M/M/1 rho=0.8": (12.0, 4.0, 1, 1000, 16),
}


def _replication_means(lam, h, c, hours, reps):
    sc = Scenario.mmc(arrivals_per_hour=lam, mean_service_minutes=h, counters=c, hours=hours)
    result = simulate(sc, replications=reps, seed=20260601)
    rec = result.records[result.records["datang"] >= WARMUP_HOURS * 60]
    by_rep = rec.groupby("replikasi")["tunggu"]
    return (
        by_rep.mean().to_numpy(),
        by_rep.apply(lambda w: (w > 0).mean()).to_numpy(),
        by_rep.apply(lambda w: (w <= h).mean()).to_numpy(),
        result.summary(),
    )


@pytest.mark.parametrize("case", list(CASES))
def test_simulated_mmc_agrees_with_erlang_c(case):
    """Do simulated mean wait, P(wait) and share within h minutes match Erlang C?

    The mean and P(wait) are the same for any order of service; the share who wait at most one
    mean service time ``h`` depends on the whole waiting-time distribution, so it also checks
    that the shared queue is first come, first served.
    """
    lam, h, c, hours, reps = CASES[case]
    waits, waited, within, summary = _replication_means(lam, h, c, hours, reps)
    for values, expected, scale in (
        (waits, theory.mean_wait(lam, h, c), theory.mean_wait(lam, h, c)),
        (waited, theory.erlang_c(lam, h, c), theory.erlang_c(lam, h, c)),
        # The share within h is close to 1 at low load: judge precision on those who wait longer.
        (within, theory.share_within(lam, h, c, h), 1 - theory.share_within(lam, h, c, h)),
    ):
        mean, _low, high = confidence_interval(values)
        se = (high - mean) / t_quantile(0.975, len(values) - 1)
        assert se < 0.06 * scale, f"{case}: too few visitors for a meaningful check"
        assert abs(mean - expected) <= 3.5 * se, f"{case}: {mean:.4f} vs theory {expected:.4f}"
    # Utilisation of every counter is rho, within a few percentage points.
    rho = 100 * theory.utilisation(lam, h, c)
    for code in (k for k in summary.index if k.startswith("utilisasi:")):
        assert summary.loc[code, "nilai"] == pytest.approx(rho, abs=3.0)
