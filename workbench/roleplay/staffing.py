"""The staffing grid and the cost of a plan: which counter is staffed in which clock hour.

The base the other plan modules build on (:mod:`~workbench.roleplay.plans` changes plans,
:mod:`~workbench.roleplay.card_rules` checks them, :mod:`~workbench.roleplay.changes` describes
them); it imports nothing else from the role play.
"""

from __future__ import annotations

import math

import pandas as pd

from workbench.simulation import Counter, Scenario
from workbench.simulation.model import plan as engine_plan

__all__ = ["hour_label", "hour_list", "hour_span", "hours", "officer_hours", "spans", "staffing"]


def hours(sc: Scenario) -> list[int]:
    """The clock hours the office is open (7 for 07:30-08:00 when it opens at 07:30)."""
    return list(range(int(sc.open_time // 60), math.ceil(sc.close_time / 60)))


def hour_label(hour: int) -> str:
    """A clock hour as the grid's column label: ``8`` -> ``"08"``."""
    return f"{hour:02d}"


def spans(sc: Scenario, c: Counter) -> list[tuple[float, float]]:
    """The counter's shifts in clock minutes (the opening hours when it has none)."""
    return sorted(c.shifts) if c.shifts is not None else [(sc.open_time, sc.close_time)]


def hour_span(sc: Scenario, hour: int) -> tuple[float, float]:
    """Clock minutes of ``hour`` within the opening hours (the first and last may be partial)."""
    return max(sc.open_time, hour * 60.0), min(sc.close_time, hour * 60.0 + 60.0)


def staffing(sc: Scenario) -> pd.DataFrame:
    """Which counter is staffed in which clock hour: rows counters, columns ``"07"``... (bool).

    An hour counts as staffed when the counter's shifts cover any part of it; breaks are a
    separate decision (:func:`~workbench.roleplay.plans.with_staggered_breaks`) and not shown.
    """
    open_hours = hours(sc)
    rows = {}
    for c in sc.counters:
        shifts = spans(sc, c)
        row = []
        for h in open_hours:
            a, b = hour_span(sc, h)
            row.append(any(s < b and e > a for s, e in shifts))
        rows[c.name] = row
    return pd.DataFrame.from_dict(rows, orient="index", columns=[hour_label(h) for h in open_hours])


def officer_hours(sc: Scenario, scheduled=None) -> float:
    """Officer-hours a plan schedules: counter working time without breaks, over all days
    (officers on call are back-office staff and not counted here), plus the front desk's
    officers over the opening hours. ``scheduled`` (minutes per counter, from the engine's
    plan of ``sc``) saves working it out again."""
    if scheduled is None:
        scheduled = engine_plan(sc).scheduled
    minutes = sum(m for m, c in zip(scheduled, sc.counters, strict=True) if c.reserve is None)
    if sc.front_desk is not None:  # desk officers work the opening hours
        minutes += sc.front_desk.officers * (sc.close_time - sc.open_time) * len(sc.days)
    return float(minutes) / 60.0


def hour_list(labels: list[str]) -> str:
    """Clock hours ``["08", "09", "10", "14"]`` as ``"08:00-11:00, 14:00-15:00"``."""
    if not labels:
        return "tidak dijaga"
    values = sorted(int(h) for h in labels)
    runs, start, prev = [], values[0], values[0]
    for h in values[1:]:
        if h != prev + 1:
            runs.append((start, prev + 1))
            start = h
        prev = h
    runs.append((start, prev + 1))
    return ", ".join(f"{a:02d}:00-{b:02d}:00" for a, b in runs)
