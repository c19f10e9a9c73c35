"""Scoring a plan: the leaderboard's KPIs per replication, and ties that respect noise.

Every team's plan is run with the workshop's seed, so replication ``r`` of every team meets the
same visitors (common random numbers). Two teams are compared on the *difference* of their KPI
in each replication: the 95% confidence interval of the mean difference (Student t over the
replications). When it contains zero, the data cannot tell the teams apart and they are tied.
A team's rank is one plus the number of teams that are better than it beyond noise, so tied
teams share a rank ("=2") instead of being ordered by luck.

KPIs (per replication, then averaged):

* ``rata_tunggu``, ``p90_tunggu``: mean and 90th percentile wait of served visitors (minutes);
* ``tepat_waktu``: share of all visitors served within the card's service standard (%);
* ``pergi``: visitors per day who left without being served or did not join the queue;
* ``lembur``: minutes the last service ended after closing (average per day);
* ``biaya``: officer-hours, the scheduled working time plus every counter's overtime, plus
  the time officers on call (back office) spent serving at the counter;
* ``kepuasan``: a satisfaction estimate on the SKM converted scale 25-100 from the wait alone
  (:data:`SATISFACTION_SCORES`): each served visitor scores 4 within the standard, 3 within
  twice the standard, 2 within four times, else 1; a visitor who left or did not join scores 1.
  The mean score times 25 is comparable to the IKM's converted value, but it is an estimate of
  the waiting-time part only, not a survey.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench.simulation import SimulationResult
from workbench.simulation.results import confidence_interval

__all__ = [
    "KPIS",
    "SATISFACTION_SCORES",
    "kpis_per_replication",
    "rank_with_ties",
    "wait_histogram",
]

#: KPI code -> (Indonesian label, unit, higher is better).
KPIS: dict[str, tuple[str, str, bool]] = {
    "rata_tunggu": ("Rata-rata tunggu", "menit", False),
    "p90_tunggu": ("Tunggu P90", "menit", False),
    "tepat_waktu": ("Dilayani dalam standar", "%", True),
    "pergi": ("Warga pergi", "orang", False),
    "lembur": ("Lembur", "menit", False),
    "biaya": ("Biaya", "jam-petugas", False),
    "kepuasan": ("Perkiraan kepuasan", "skala 25-100", True),
}

#: (wait limit as a multiple of the service standard, score) for served visitors, best first;
#: a served visitor beyond the last limit, and anyone who left, scores 1.
SATISFACTION_SCORES = ((1.0, 4), (2.0, 3), (4.0, 2))

#: Edges (minutes) of the waiting-time distribution bins shown on the debrief chart.
WAIT_BINS = (0, 5, 10, 15, 20, 30, 45, 60, 90, 120, math.inf)


def kpis_per_replication(result: SimulationResult) -> pd.DataFrame:
    """The leaderboard's KPIs for each replication of ``result`` (one row per replication)."""
    sc, p = result.scenario, result.plan
    standard = sc.standard_minutes
    on_call = [ci for ci, c in enumerate(sc.counters) if c.reserve is not None]
    scheduled_hours = sum(m for ci, m in enumerate(p.scheduled) if ci not in on_call) / 60.0
    rows = []
    for r, df in _replications(result):
        status = df["status"].to_numpy()
        served = status == "dilayani"
        wait = df["tunggu"].to_numpy()[served]
        n_all = len(df)
        score = np.ones(n_all)
        score_served = np.ones(len(wait))
        for limit, value in reversed(SATISFACTION_SCORES):
            score_served[wait <= limit * standard] = value
        score[served] = score_served
        end = df["selesai"].to_numpy()[served]
        counters = df["loket"].cat.codes.to_numpy()[served]
        days = df["hari"].to_numpy()[served] - 1
        overtime_day = []
        for d in range(p.n_days):
            on_day = end[days == d]
            last = on_day.max() if len(on_day) else -math.inf
            overtime_day.append(max(0.0, float(last - p.day_close[d])))
        start = df["mulai"].to_numpy()[served]
        extra = float(sum((end - start)[counters == ci].sum() for ci in on_call))
        for ci, wins in enumerate(p.windows):
            if ci in on_call:
                continue
            for d in range(p.n_days):
                ends = [w[1] for w in wins if w[3] == d]
                mine = end[(counters == ci) & (days == d)]
                if ends and len(mine):
                    extra += max(0.0, float(mine.max() - max(ends)))
        rows.append(
            {
                "replikasi": r,
                "rata_tunggu": float(wait.mean()) if len(wait) else math.nan,
                "p90_tunggu": float(np.percentile(wait, 90)) if len(wait) else math.nan,
                "tepat_waktu": 100.0 * float((wait <= standard).sum()) / n_all
                if n_all
                else math.nan,
                "pergi": float((~served).sum()) / p.n_days,
                "lembur": float(np.mean(overtime_day)),
                "biaya": scheduled_hours + extra / 60.0,
                "kepuasan": 25.0 * float(score.mean()) if n_all else math.nan,
            }
        )
    return pd.DataFrame(rows)


def _replications(result: SimulationResult):
    """(replication number, its records) for every replication, empty ones included."""
    rec = result.records
    bounds = np.searchsorted(rec["replikasi"].to_numpy(), np.arange(1, result.replications + 2))
    return [(r + 1, rec.iloc[bounds[r] : bounds[r + 1]]) for r in range(result.replications)]


def wait_histogram(result: SimulationResult) -> pd.DataFrame:
    """Share of served visitors per waiting-time bin, over all replications.

    Columns ``dari``, ``sampai`` (minutes; the last bin has no upper end) and ``porsi`` (%).
    """
    rec = result.records
    wait = rec.loc[rec["status"] == "dilayani", "tunggu"].to_numpy()
    counts, _ = np.histogram(wait, bins=np.array(WAIT_BINS, dtype=float))
    total = max(1, len(wait))
    return pd.DataFrame(
        {
            "dari": WAIT_BINS[:-1],
            "sampai": WAIT_BINS[1:],
            "porsi": 100.0 * counts / total,
        }
    )


def rank_with_ties(
    per_team: dict[str, pd.DataFrame], kpi: str, *, level: float = 0.95
) -> pd.DataFrame:
    """Rank teams on ``kpi`` with ties where paired differences are within noise.

    ``per_team`` maps a team to its :func:`kpis_per_replication` table (same seed and the same
    replications for every team). Returns one row per team, best first, with ``peringkat``
    (1 + the number of teams better beyond noise), ``setara`` (whether it shares its rank) and
    ``setara_dengan`` (the teams whose interval of the difference contains zero).
    """
    higher = KPIS[kpi][2]
    names = list(per_team)
    values = {t: per_team[t].set_index("replikasi")[kpi] for t in names}
    better: dict[str, int] = {t: 0 for t in names}
    tied: dict[str, list[str]] = {t: [] for t in names}
    for a in names:
        for b in names:
            if a == b:
                continue
            joined = pd.concat([values[a], values[b]], axis=1, join="inner").dropna()
            diff = joined.iloc[:, 0] - joined.iloc[:, 1]
            if not higher:
                diff = -diff
            _mean, low, high = confidence_interval(diff.to_numpy(), level)
            if not math.isnan(low) and low > 0:
                continue  # a is better than b beyond noise
            if not math.isnan(high) and high < 0:
                better[a] += 1  # b is better than a beyond noise
                continue
            tied[a].append(b)  # within noise (or too few replications to tell)
    means = {t: float(values[t].mean()) for t in names}
    order = sorted(names, key=lambda t: (better[t], -means[t] if higher else means[t], t))
    rows = []
    for t in order:
        rank = 1 + better[t]
        same_rank = [u for u in names if u != t and 1 + better[u] == rank]
        rows.append(
            {
                "tim": t,
                "peringkat": rank,
                "setara": bool(same_rank),
                "setara_dengan": ", ".join(u for u in order if u in tied[t]),
            }
        )
    return pd.DataFrame(rows)
