"""The animated replay of a team's day: who is where at a given minute.

The replay is replication 1 of a team's stored run (:meth:`Workshop.replay`), one row per visitor
with clock minutes. :func:`frame` says, for one clock minute, who is being served at each
counter, who is waiting (in queue order) and how many have been served or have gone home so
far; the dashboard only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["Frame", "frame"]


@dataclass(frozen=True)
class Frame:
    """The office at one clock minute of a replay."""

    minute: float
    at_counter: dict[str, tuple[str, str] | None]  # counter -> (service, priority group)
    waiting: list[str]  # priority group of each person waiting, first come first
    served: int  # finished at a counter so far
    gone: int  # left unserved so far (gave up, did not join, sent home)


def frame(replay: pd.DataFrame, counters: list[str], minute: float) -> Frame:
    """The office at clock ``minute`` of ``replay``, for the counters ``counters``."""
    t = float(minute)
    joined = replay["status"] != "tidak_bergabung"
    served = replay["status"] == "dilayani"
    out_at = replay["mulai"].where(served, replay["keluar"])
    waiting = replay[joined & (replay["datang"] <= t) & (out_at > t)].sort_values("datang")
    busy = replay[served & (replay["mulai"] <= t) & (replay["keluar"] > t)]
    at_counter: dict[str, tuple[str, str] | None] = {}
    for name in counters:
        here = busy[busy["loket"] == name]
        at_counter[name] = (
            None if here.empty else (str(here.iloc[0]["layanan"]), str(here.iloc[0]["prioritas"]))
        )
    return Frame(
        minute=t,
        at_counter=at_counter,
        waiting=[str(p) for p in waiting["prioritas"]],
        served=int((served & (replay["keluar"] <= t)).sum()),
        gone=int((~served & (replay["keluar"] <= t)).sum()),
    )
