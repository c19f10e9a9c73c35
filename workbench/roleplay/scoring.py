"""Scoring a plan: the leaderboard's KPIs per replication, and ranks that respect noise.

**One KPI engine.** The waiting-time KPIs come from the simulation itself
(:meth:`SimulationResult.per_replication <workbench.simulation.SimulationResult.per_replication>`),
under the simulation's own names: ``rata_tunggu``, ``p90_tunggu``, ``porsi_tepat_waktu`` and
``lembur``, and ``pergi`` (people per day who left or did not join) is derived from its
``pengunjung_per_hari``, ``porsi_pergi`` and ``porsi_tidak_bergabung``. Only what the simulation
does not know is computed here:

* ``biaya``: officer-hours, the scheduled working time (:func:`~workbench.roleplay.staffing.
  officer_hours`) plus every counter's overtime past its last shift of the day, plus the time
  officers on call (back office) spent serving at the counter;
* ``kepuasan``: a satisfaction estimate on the SKM converted scale 25-100 from the wait alone
  (:data:`SATISFACTION_SCORES`): each served visitor scores 4 within the standard, 3 within
  twice the standard, 2 within four times, else 1; a visitor who left or did not join scores 1.
  The mean score times 25 is comparable to the IKM's converted value, but it is an estimate of
  the waiting-time part only, not a survey.

**Ranks.** Every team's plan runs with the workshop's seed, so replication ``r`` of every team
meets the same visitors (common random numbers), and two teams are compared on the *difference*
of the ranked KPI in each replication. :func:`rank_ranges` gives each team its plausible range of
ranks, the method of Klein, Wright and Wieczorek (2020, *A joint confidence region for an overall
ranking of populations*, JRSS C) for marginal rank intervals: a team compared with each of the
other ``n - 1`` teams by a paired t interval at level ``1 - 0.05 / (n - 1)`` (Bonferroni, so the
range holds with at least 95% confidence), its best plausible rank is one plus the number of
teams clearly better, its worst ``n`` minus the number clearly worse. Rows are ordered by the
mean of the ranked KPI; where pairwise tests alone would let a range go "backwards" down the
table (a team shown possibly better than one with a better mean), the range is widened to keep
the table monotone, which only makes it more cautious.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench.intervals import confidence_interval
from workbench.roleplay.staffing import officer_hours
from workbench.simulation import SimulationResult

__all__ = [
    "FROM_SIMULATION",
    "KPIS",
    "RANK_EXPLANATION",
    "SATISFACTION_SCORES",
    "cost_hours",
    "kpis_per_replication",
    "rank_ranges",
    "satisfaction_scores",
    "wait_histogram",
]

#: KPI code -> (Indonesian label, unit, higher is better).
KPIS: dict[str, tuple[str, str, bool]] = {
    "rata_tunggu": ("Rata-rata tunggu", "menit", False),
    "p90_tunggu": ("Tunggu P90", "menit", False),
    "porsi_tepat_waktu": ("Dilayani dalam standar", "%", True),
    "pergi": ("Warga pergi", "orang per hari", False),
    "lembur": ("Lembur", "menit", False),
    "biaya": ("Biaya", "jam-petugas", False),
    "kepuasan": ("Perkiraan kepuasan", "skala 25-100", True),
}

#: KPIs taken as they are from :meth:`SimulationResult.per_replication`.
FROM_SIMULATION = ("rata_tunggu", "p90_tunggu", "porsi_tepat_waktu", "lembur")

#: Names used before the KPIs were unified with the simulation's (read from older files).
OLD_NAMES = {"tepat_waktu": "porsi_tepat_waktu"}

#: (wait limit as a multiple of the service standard, score) for served visitors, best first;
#: a served visitor beyond the last limit, and anyone who left, scores 1.
SATISFACTION_SCORES = ((1.0, 4), (2.0, 3), (4.0, 2))

#: Edges (minutes) of the waiting-time distribution bins shown on the debrief chart.
WAIT_BINS = (0, 5, 10, 15, 20, 30, 45, 60, 90, 120, math.inf)

#: Confidence that a team's whole range of ranks holds.
RANK_LEVEL = 0.95

#: The explanation a facilitator reads aloud (``{n}``: replications; ``{kpi}``: ranked KPI).
RANK_EXPLANATION = (
    "Setiap tim dibandingkan dengan setiap tim lain pada {n} hari simulasi yang sama, hari demi "
    'hari; angka peringkat adalah rentang yang masuk akal menurut {kpi}: "2–4" artinya '
    "dengan keyakinan 95% tim itu tidak lebih baik dari peringkat 2 dan tidak lebih buruk dari "
    "peringkat 4, karena selisihnya dengan tim di sekitarnya masih bisa karena keberuntungan."
)


def satisfaction_scores(wait: np.ndarray, served: np.ndarray, standard: float) -> np.ndarray:
    """Each visitor's score 1-4 from their wait (:data:`SATISFACTION_SCORES`).

    ``wait`` and ``served`` are per visitor; a visitor not served scores 1 whatever ``wait``
    says. A longer wait never scores higher than a shorter one.
    """
    served = np.asarray(served, dtype=bool)
    wait = np.asarray(wait, dtype=float)
    score = np.ones(len(served))
    for limit, value in sorted(SATISFACTION_SCORES, reverse=True):  # widest band first
        score[served & (wait <= limit * standard)] = value
    return score


def cost_hours(result: SimulationResult, records: pd.DataFrame) -> float:
    """Officer-hours one replication's ``records`` cost under ``result``'s plan.

    The scheduled hours, plus for every counter and day the minutes its last service ran past
    its last shift (never negative), plus the minutes officers on call served at the counter.
    """
    sc, p = result.scenario, result.plan
    served = records["status"].to_numpy() == "dilayani"
    end = records["selesai"].to_numpy()[served]
    start = records["mulai"].to_numpy()[served]
    counters = records["loket"].cat.codes.to_numpy()[served]
    days = records["hari"].to_numpy()[served] - 1
    extra = 0.0
    for ci, c in enumerate(sc.counters):
        mine = counters == ci
        if c.reserve is not None:
            extra += float((end[mine] - start[mine]).sum())
            continue
        for d in range(p.n_days):
            ends = [w[1] for w in p.windows[ci] if w[3] == d]
            last = end[mine & (days == d)]
            if ends and len(last):
                extra += max(0.0, float(last.max() - max(ends)))
    return officer_hours(sc, p.scheduled) + extra / 60.0


def kpis_per_replication(result: SimulationResult) -> pd.DataFrame:
    """The leaderboard's KPIs for each replication of ``result`` (one row per replication).

    Columns ``replikasi`` and every code of :data:`KPIS`; the waiting-time ones are the
    simulation's own (:data:`FROM_SIMULATION`).
    """
    sim = result.per_replication()
    out = sim[["replikasi", *FROM_SIMULATION]].copy()
    left = (sim["porsi_pergi"] + sim["porsi_tidak_bergabung"]) / 100.0
    out["pergi"] = sim["pengunjung_per_hari"] * left
    standard = result.scenario.standard_minutes
    cost, satisfaction = [], []
    for _r, records in _replications(result):
        cost.append(cost_hours(result, records))
        scores = satisfaction_scores(
            records["tunggu"].to_numpy(), records["status"].to_numpy() == "dilayani", standard
        )
        satisfaction.append(25.0 * float(scores.mean()) if len(scores) else math.nan)
    out["biaya"] = cost
    out["kepuasan"] = satisfaction
    return out[["replikasi", *KPIS]]


def upgrade_columns(per: pd.DataFrame) -> pd.DataFrame:
    """A stored per-replication table with the current KPI names (older files said
    ``tepat_waktu``)."""
    return per.rename(columns=OLD_NAMES)


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
        {"dari": WAIT_BINS[:-1], "sampai": WAIT_BINS[1:], "porsi": 100.0 * counts / total}
    )


# ------------------------------------------------------------------------------------ ranks


def _clearly_better(a: pd.Series, b: pd.Series, higher: bool, level: float) -> int:
    """+1 when ``a`` is better than ``b`` beyond noise, -1 when worse, 0 when it cannot tell
    (paired differences over the replications both have)."""
    joined = pd.concat([a, b], axis=1, join="inner").dropna()
    diff = (joined.iloc[:, 0] - joined.iloc[:, 1]).to_numpy()
    if not higher:
        diff = -diff
    _mean, low, high = confidence_interval(diff, level)
    if not math.isnan(low) and low > 0:
        return 1
    if not math.isnan(high) and high < 0:
        return -1
    return 0


def _order(values: dict[str, pd.Series], higher: bool) -> list[str]:
    """Teams best first by the mean of the KPI (name breaks exact ties)."""
    means = {t: float(v.mean()) for t, v in values.items()}
    return sorted(values, key=lambda t: (-means[t] if higher else means[t], t))


def rank_ranges(
    per_team: dict[str, pd.DataFrame], kpi: str, *, level: float = RANK_LEVEL
) -> pd.DataFrame:
    """Each team's plausible range of ranks on ``kpi``, rows best first (see the module
    docstring for the method).

    ``per_team`` maps a team to its :func:`kpis_per_replication` table (same seed and the same
    replications for every team). Returns one row per team, ordered by the mean of ``kpi``:
    ``tim``, ``peringkat`` (its best plausible rank), ``peringkat_sampai`` (its worst),
    ``setara`` (whether its range holds more than one rank) and ``setara_dengan`` (the teams
    the paired comparison cannot tell it apart from, in table order). Both ends of the range
    never decrease going down the table, and every team's position lies inside its range.
    """
    higher = KPIS[kpi][2]
    values = {t: upgrade_columns(per).set_index("replikasi")[kpi] for t, per in per_team.items()}
    order = _order(values, higher)
    n = len(order)
    pair_level = 1.0 - (1.0 - level) / max(1, n - 1)
    verdict = {
        (a, b): _clearly_better(values[a], values[b], higher, pair_level)
        for a in order
        for b in order
        if a != b
    }
    best = [1 + sum(verdict[u, t] == 1 for u in order if u != t) for t in order]
    worst = [n - sum(verdict[t, u] == 1 for u in order if u != t) for t in order]
    for i in range(n):  # the team's own position is always plausible
        best[i], worst[i] = min(best[i], i + 1), max(worst[i], i + 1)
    best = list(np.minimum.accumulate(best[::-1])[::-1])  # no team shown above one below it
    worst = list(np.maximum.accumulate(worst))
    rows = []
    for i, t in enumerate(order):
        tied = [u for u in order if u != t and verdict[t, u] == 0]
        rows.append(
            {
                "tim": t,
                "peringkat": int(best[i]),
                "peringkat_sampai": int(worst[i]),
                "setara": bool(best[i] != worst[i]),
                "setara_dengan": ", ".join(tied),
            }
        )
    return pd.DataFrame(
        rows, columns=["tim", "peringkat", "peringkat_sampai", "setara", "setara_dengan"]
    )


def rank_text(best: int, worst: int) -> str:
    """A range of ranks as shown on the leaderboard: ``"1"`` or ``"2–4"``."""
    return str(best) if best == worst else f"{best}–{worst}"
