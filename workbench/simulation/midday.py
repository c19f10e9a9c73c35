"""Starting the rest of a day from its state at a clock time, with a changed plan.

For decisions during the day (the role-play workshop stops the day at 10:00, shows each team its
queue, and lets it change its plan): the rest of the day is played on the same visitors by a
replay: the whole day is run again with the morning plan up to the decision time and the new
plan after it (:func:`switch_at`). The
simulation is deterministic for given visitors and decisions, and the visitors come from random
streams named by who they are (common random numbers), so the replay passes through exactly the
saved state of the day at the decision time (same people waiting, same counters busy with the
same visitors) and everything after it meets the same visitors as every other team. The tests
check that every visitor called before the decision time is called at the same minute by the
same counter in both runs.

What can change at the decision time is what an office can change at 10:00: which counters are
staffed from then on, which services a counter serves, the priority counter. Rules that shape
the whole day (one queue or a queue per counter, priority first everywhere, the appointment
quota already booked, breaks taken together) stay as they were in the morning.

A counter whose services or priority role change at the decision time becomes, in the results,
two counters: its morning self until the decision time and ``"<name> (sejak 10:00)"`` after
it. Service is not pre-emptive, so the morning self finishes the visitor in front of it
(at most one service time past the decision time) while the new self starts calling.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.errors import WorkbenchError
from workbench.simulation.model import subtract_span
from workbench.simulation.parts import Counter
from workbench.simulation.results import SimulationResult
from workbench.simulation.scenario import Scenario

__all__ = ["SAME_ALL_DAY", "base_counter_name", "state_at", "switch_at"]

#: Scenario-wide rules that cannot change during the day, with their Indonesian names.
SAME_ALL_DAY = {
    "queue": "jenis antrean (bersama atau per loket)",
    "priority_first": "aturan prioritas di semua loket",
    "appointments": "kuota janji daring (sudah dipesan warga)",
    "office_breaks": "ISHOMA bersama atau bergantian",
    "front_desk": "meja depan pemeriksa berkas",
    "return_next_day": "warga yang datang lagi besok",
}

_SUFFIX = " (sejak "


def base_counter_name(name: str) -> str:
    """``"Loket 1 (sejak 10:00)"`` -> ``"Loket 1"``; other names unchanged."""
    return name.split(_SUFFIX, 1)[0]


def _working(sc: Scenario, c: Counter) -> list[tuple[float, float]]:
    """The counter's working spans on the (single) day: shifts minus every break and absence."""
    spans = sorted(c.shifts) if c.shifts is not None else [(sc.open_time, sc.close_time)]
    cuts = list(sc.office_breaks) + list(c.breaks) + [(p.start, p.end) for p in c.absences]
    for cut in cuts:
        spans = subtract_span(spans, cut)
    return [(s, e) for s, e in spans if e > s]


def _clip(spans, low: float, high: float) -> list[tuple[float, float]]:
    return [(max(s, low), min(e, high)) for s, e in spans if min(e, high) > max(s, low)]


def _merge(spans: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    out: list[tuple[float, float]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1] + 1e-9:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def switch_at(before: Scenario, after: Scenario, minute: float) -> Scenario:
    """One scenario that works as ``before`` until clock ``minute`` and as ``after`` from then.

    Raises :class:`WorkbenchError` when ``after`` changes a rule that holds for the whole day
    (:data:`SAME_ALL_DAY`), or when the card covers more than one day.
    """
    if len(before.days) != 1:
        raise WorkbenchError(
            "Keputusan di tengah hari hanya untuk kartu satu hari; kartu ini "
            f"{len(before.days)} hari."
        )
    if not before.open_time < minute < before.close_time:
        raise WorkbenchError(
            f"Jam keputusan {fmt.clock(minute)} harus di antara jam buka "
            f"{fmt.clock(before.open_time)} dan jam tutup {fmt.clock(before.close_time)}."
        )
    changed = [
        label
        for field, label in SAME_ALL_DAY.items()
        if getattr(before, field) != getattr(after, field)
    ]
    if changed:
        raise WorkbenchError(
            f"Keputusan pukul {fmt.clock(minute)} tidak bisa mengubah: "
            + "; ".join(changed)
            + ". Aturan itu berlaku sepanjang hari. Yang bisa diubah sekarang: loket yang "
            "dijaga, layanan per loket, loket prioritas."
        )
    morning = {c.name: c for c in before.counters}
    later = {c.name: c for c in after.counters}
    counters: list[Counter] = []
    for name in [*morning, *(n for n in later if n not in morning)]:
        old, new = morning.get(name), later.get(name)
        pre = _clip(_working(before, old), before.open_time, minute) if old else []
        post = _clip(_working(after, new), minute, after.close_time) if new else []
        same = (
            old is not None
            and new is not None
            and (old.services, old.priority, old.priority_only, old.speed_factor, old.reserve)
            == (new.services, new.priority, new.priority_only, new.speed_factor, new.reserve)
        )
        if same or not post:
            if pre or post:
                counters.append(_plain(old or new, _merge(pre + post)))
            continue
        if after.queue == "per_loket" and pre:
            raise WorkbenchError(
                f"Dengan antrean per loket, layanan dan peran prioritas {name} tidak bisa diubah "
                f"di tengah hari (warga sudah antre di depannya). Ubah jam jaganya saja, atau "
                "buka loket lain."
            )
        if pre:
            counters.append(_plain(old, _merge(pre)))
            counters.append(
                _plain(replace(new, name=f"{name}{_SUFFIX}{fmt.clock(minute)})"), _merge(post))
            )
        else:
            counters.append(_plain(new, _merge(post)))
    names = {c.name for c in counters}
    disruptions = tuple(d for d in after.disruptions if d.counter is None or d.counter in names)
    return after.replace(counters=tuple(counters), office_breaks=(), disruptions=disruptions)


def _plain(c: Counter, spans: tuple[tuple[float, float], ...]) -> Counter:
    """The counter working exactly ``spans`` (breaks and absences already taken out)."""
    return replace(c, shifts=spans, breaks=(), absences=())


def state_at(result: SimulationResult, minute: float) -> pd.DataFrame:
    """The state of the day at clock ``minute``, averaged over replications.

    One row per indicator (``indikator``, ``nilai``, ``satuan``): people waiting, the longest
    wait so far of those waiting, people served and people who left so far.
    """
    sc = result.scenario
    t = minute - sc.open_time  # absolute minutes of day 1
    rec = result.records
    joined = rec["status"] != "tidak_bergabung"
    served = rec["status"] == "dilayani"
    arrived = (rec["datang"] <= t) & joined
    out_at = rec["mulai"].where(served, rec["keluar"])
    waiting = arrived & (out_at > t)
    rows = []
    per = pd.DataFrame(
        {
            "replikasi": rec["replikasi"],
            "menunggu": waiting,
            "lama": np.where(waiting, t - rec["datang"], 0.0),
            "dilayani": served & (rec["mulai"] <= t),
            "pergi": ~served & (rec["keluar"] <= t),
        }
    ).groupby("replikasi")
    totals = per.agg({"menunggu": "sum", "lama": "max", "dilayani": "sum", "pergi": "sum"})
    totals = totals.reindex(range(1, result.replications + 1), fill_value=0)
    for code, label, unit in (
        ("menunggu", "Warga menunggu sekarang", "orang"),
        ("lama", "Tunggu terlama yang sedang berjalan", "menit"),
        ("dilayani", "Sudah dilayani", "orang"),
        ("pergi", "Sudah pergi tanpa dilayani", "orang"),
    ):
        rows.append(
            {
                "kode": code,
                "indikator": label,
                "nilai": float(totals[code].mean()),
                "satuan": unit,
            }
        )
    return pd.DataFrame(rows).set_index("kode")
