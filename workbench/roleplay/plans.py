"""A team's plan: a :class:`~workbench.simulation.Scenario` changed only where management decides.

A team receives the card's own plan (:meth:`Workshop.baseline`) and may change how the office
works, never who comes: the visitors (arrivals, services and their durations, patience, the
opening hours, the facilitator's disruptions) stay exactly the card's, so every team meets the
same people (see :func:`check_plan`). What a team decides, and the helpers that change it:

* which counters are staffed in which clock hours (:func:`staffing`, :func:`with_staffing`);
  a counter staffed in no hour is closed for the day; up to :data:`MAX_COUNTERS` desks;
* which services each counter serves (:func:`with_services`);
* the priority counter (:func:`with_priority_counter`) and whether priority visitors are called
  first everywhere (``plan.replace(priority_first=...)``);
* one shared ticket queue or a queue per counter (``plan.replace(queue=...)``);
* the online-appointment quota per 15-minute slot (:func:`with_appointment_quota`);
* staggered breaks instead of closing every counter at ISHOMA (:func:`with_staggered_breaks`);
* a back-office officer on call who opens a counter when the queue is long
  (:func:`with_reserve`), and a cap on overtime (``plan.replace(overtime_cap_minutes=30)``),
  both played by the engine (:mod:`workbench.simulation.team_rules`).

The cost of a plan is its officer-hours (:func:`officer_hours`): the time counters are staffed,
without breaks. An officer on call works in the back office, so only the time they actually
serve at the counter is counted, after the run (:mod:`workbench.roleplay.scoring`).
:func:`describe_changes` says in Indonesian what a plan changed against the card.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from workbench import formatting as fmt
from workbench.errors import Problem, WorkbenchError
from workbench.simulation import Appointments, Counter, Scenario
from workbench.simulation.model import plan as engine_plan

__all__ = [
    "FIXED_FIELDS",
    "MAX_COUNTERS",
    "check_plan",
    "describe_changes",
    "effective_scenario",
    "officer_hours",
    "service_groups",
    "staffing",
    "staggered_breaks",
    "with_appointment_quota",
    "with_priority_counter",
    "with_reserve",
    "with_services",
    "with_staffing",
    "with_staggered_breaks",
]

#: Counter desks the office has room for (a plan may staff at most this many).
MAX_COUNTERS = 6

#: Scenario fields that describe the visitors and the day, which no team may change, with the
#: Indonesian name a refusal uses.
FIXED_FIELDS = {
    "services": "katalog layanan dan lama layanan",
    "arrivals": "kedatangan warga",
    "days": "hari yang disimulasikan",
    "open_time": "jam buka",
    "close_time": "jam tutup",
    "priority_shares": "porsi warga prioritas",
    "patience": "kesabaran warga",
    "balking": "aturan warga yang tidak jadi antre",
    "disruptions": "gangguan dari fasilitator",
    "service_standard_minutes": "standar pelayanan",
}

#: Minutes of one online-appointment slot when a card has none of its own.
APPOINTMENT_INTERVAL = 15.0


def _hours(sc: Scenario) -> list[int]:
    """The clock hours the office is open (7 for 07:30-08:00 when it opens at 07:30)."""
    return list(range(int(sc.open_time // 60), math.ceil(sc.close_time / 60)))


def _spans(sc: Scenario, c: Counter) -> list[tuple[float, float]]:
    return sorted(c.shifts) if c.shifts is not None else [(sc.open_time, sc.close_time)]


# ------------------------------------------------------------------------------------ staffing


def staffing(sc: Scenario) -> pd.DataFrame:
    """Which counter is staffed in which clock hour: rows counters, columns ``"07"``... (bool).

    An hour counts as staffed when the counter's shifts cover any part of it; breaks are a
    separate decision (:func:`with_staggered_breaks`) and not shown here.
    """
    hours = _hours(sc)
    rows = {}
    for c in sc.counters:
        row = []
        for h in hours:
            a, b = max(sc.open_time, h * 60.0), min(sc.close_time, h * 60.0 + 60.0)
            row.append(any(s < b and e > a for s, e in _spans(sc, c)))
        rows[c.name] = row
    return pd.DataFrame.from_dict(rows, orient="index", columns=[f"{h:02d}" for h in hours])


def with_staffing(sc: Scenario, grid: pd.DataFrame | dict) -> Scenario:
    """A copy of ``sc`` staffed as ``grid`` says (the shape :func:`staffing` returns).

    Rows name counters, columns clock hours (``"08"``); a column left out keeps the counter's
    hours as they were. A name the plan does not have yet adds a counter serving everything
    (up to :data:`MAX_COUNTERS`); a counter missing from ``grid`` keeps its schedule; a counter
    with no staffed hour is closed for the day (taken off the plan).
    """
    if isinstance(grid, dict):
        grid = pd.DataFrame({k: dict(v) for k, v in grid.items()}).T
    hours = _hours(sc)
    labels = {f"{h:02d}": h for h in hours}
    unknown = [str(col) for col in grid.columns if str(col) not in labels]
    if unknown:
        raise WorkbenchError(
            "Jadwal petugas tidak bisa dipakai.",
            [
                Problem(
                    "jam tidak dikenal",
                    column=col,
                    expected=f"jam buka {fmt.clock(sc.open_time)}-{fmt.clock(sc.close_time)}",
                )
                for col in unknown
            ],
        )
    counters = {c.name: c for c in sc.counters}
    current = staffing(sc)
    order = [c.name for c in sc.counters] + [str(n) for n in grid.index if n not in counters]
    out = []
    for name in order:
        base = counters.get(name, Counter(name))
        if name not in grid.index:
            out.append(base)
            continue
        spans: list[tuple[float, float]] = []
        for label, h in labels.items():
            if label in grid.columns:
                staffed = bool(grid.loc[name, label])
            else:
                staffed = name in current.index and bool(current.loc[name, label])
            if not staffed:
                continue
            a, b = max(sc.open_time, h * 60.0), min(sc.close_time, h * 60.0 + 60.0)
            if spans and spans[-1][1] == a:
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
        if not spans:
            continue  # closed for the day
        shifts = None if spans == [(sc.open_time, sc.close_time)] else tuple(spans)
        out.append(replace(base, shifts=shifts))
    if len(out) > MAX_COUNTERS:
        raise WorkbenchError(
            f"Kantor hanya punya {MAX_COUNTERS} meja loket; rencana ini memakai {len(out)}. "
            "Kurangi jumlah loket."
        )
    if not out:
        raise WorkbenchError(
            "Rencana tanpa loket yang dijaga: centang minimal satu jam di satu loket."
        )
    return sc.replace(counters=tuple(out))


def with_services(sc: Scenario, counter: str, services: list[str] | None) -> Scenario:
    """A copy where ``counter`` serves ``services`` (``None`` or all of them: everything)."""
    c = _counter(sc, counter)
    names = [s.name for s in sc.services]
    chosen = None if services is None or set(services) >= set(names) else tuple(services)
    return _swap(sc, replace(c, services=chosen))


def with_priority_counter(sc: Scenario, counter: str | None, *, only: bool = False) -> Scenario:
    """A copy whose priority counter is ``counter`` (``None``: no priority counter).

    ``only=True`` makes it serve priority visitors only.
    """
    if counter is not None:
        _counter(sc, counter)
    counters = tuple(
        replace(c, priority=c.name == counter, priority_only=only and c.name == counter)
        for c in sc.counters
    )
    return sc.replace(counters=counters)


def with_staggered_breaks(
    sc: Scenario, breaks: dict[str, tuple[str, str] | None] | None
) -> Scenario:
    """A copy where officers take their break in turns instead of closing the office at ISHOMA.

    ``breaks`` maps a counter to its break (``("11:30", "12:30")``) or ``None`` (no break);
    ``None`` restores the card's office break. Counters not named keep working through.
    """
    if breaks is None:
        return sc.replace(
            office_breaks=_card_breaks(sc),
            counters=tuple(replace(c, breaks=()) for c in sc.counters),
        )
    names = {c.name for c in sc.counters}
    unknown = [n for n in breaks if n not in names]
    if unknown:
        raise WorkbenchError(
            "Istirahat bergantian menyebut loket yang tidak ada.",
            [Problem("loket tidak dikenal", column="istirahat", value=n) for n in unknown],
        )
    counters = []
    for c in sc.counters:
        span = breaks.get(c.name)
        counters.append(
            replace(c, breaks=() if span is None else ((_minutes(span[0]), _minutes(span[1])),))
        )
    return sc.replace(office_breaks=(), counters=tuple(counters))


def _card_breaks(sc: Scenario) -> tuple[tuple[float, float], ...]:
    return sc.office_breaks or ((12 * 60.0, 13 * 60.0),)


def with_appointment_quota(sc: Scenario, per_slot: int) -> Scenario:
    """A copy with ``per_slot`` online appointments per slot (0 stops online appointments).

    A card without appointments gets slots every 15 minutes from opening until an hour before
    closing, 90% booked, 10% no-shows. Appointment holders are walk-ins who booked: the run
    takes them out of the walk-in stream (:func:`effective_scenario`), so the office meets the
    same number of people, some of them at planned times.
    """
    if isinstance(per_slot, bool) or not isinstance(per_slot, int) or per_slot < 0:
        raise WorkbenchError(
            "Kuota janji daring harus bilangan bulat 0 atau lebih.",
            [Problem("kuota tidak sah", column="kuota_per_slot", value=per_slot, expected=">= 0")],
        )
    if per_slot == 0:
        return sc.replace(appointments=None)
    ap = sc.appointments or Appointments(
        start=sc.open_time,
        end=max(sc.open_time + APPOINTMENT_INTERVAL, sc.close_time - 60.0),
        interval=APPOINTMENT_INTERVAL,
        booked=0.9,
        no_show=0.1,
        offset_mean=-5.0,
        offset_sd=5.0,
    )
    return sc.replace(appointments=replace(ap, per_slot=per_slot))


def _minutes(text: str) -> float:
    try:
        h, m = str(text).strip().replace(".", ":").split(":")
        value = int(h) * 60 + int(m)
    except ValueError:
        raise WorkbenchError(
            f"Jam '{text}' tidak terbaca. Tulis jam sebagai JJ:MM, misalnya 11:30."
        ) from None
    return float(value)


def _counter(sc: Scenario, name: str) -> Counter:
    for c in sc.counters:
        if c.name == name:
            return c
    raise WorkbenchError(
        f"Loket '{name}' tidak ada di rencana. Loket yang ada: "
        + ", ".join(c.name for c in sc.counters)
        + "."
    )


def _swap(sc: Scenario, new: Counter) -> Scenario:
    return sc.replace(counters=tuple(new if c.name == new.name else c for c in sc.counters))


# ------------------------------------------------------------------------------------ checks


def officer_hours(sc: Scenario) -> float:
    """Officer-hours a plan schedules: counter working time without breaks, over all days
    (officers on call are back-office staff and not counted here)."""
    scheduled = engine_plan(sc).scheduled
    minutes = sum(m for m, c in zip(scheduled, sc.counters, strict=True) if c.reserve is None)
    if sc.front_desk is not None:  # desk officers work the opening hours
        minutes += sc.front_desk.officers * (sc.close_time - sc.open_time) * len(sc.days)
    return float(minutes) / 60.0


def with_reserve(
    sc: Scenario, counter: str | None, *, open_at: int = 8, close_at: int = 2
) -> Scenario:
    """A copy where ``counter`` is staffed by a back-office officer on call: during its hours
    the officer comes to the counter when ``open_at`` people wait and goes back when at most
    ``close_at`` wait. ``None`` puts every officer back on a fixed schedule."""
    from workbench.simulation.team_rules import Reserve

    if counter is not None:
        _counter(sc, counter)
    counters = tuple(
        replace(c, reserve=Reserve(open_at, close_at) if c.name == counter else None)
        for c in sc.counters
    )
    return sc.replace(counters=counters)


def check_plan(baseline: Scenario, plan: Scenario, *, budget_hours: float | None = None) -> None:
    """Refuse a plan that changes who comes, has too many desks, or costs more than the budget.

    Raises :class:`WorkbenchError` listing every problem with what to do about it.
    """
    if not isinstance(plan, Scenario):
        raise WorkbenchError(
            "Rencana harus berupa Scenario: mulai dari ws.baseline() lalu ubah salinannya."
        )
    problems = []
    for field_name, label in FIXED_FIELDS.items():
        if getattr(plan, field_name) != getattr(baseline, field_name):
            problems.append(
                Problem(
                    f"rencana mengubah {label}; itu bagian dari kartu, bukan keputusan tim",
                    column=field_name,
                    expected="sama seperti kartu (semua tim bertemu warga yang sama)",
                )
            )
    desk_a, desk_b = baseline.front_desk, plan.front_desk
    if (desk_a is None) != (desk_b is None) or (
        desk_a is not None and replace(desk_a, officers=0) != replace(desk_b, officers=0)
    ):
        problems.append(
            Problem(
                "rencana mengubah meja depan selain jumlah petugasnya (berkas warga bagian "
                "dari kartu)",
                column="front_desk",
                expected="sama seperti kartu; hanya jumlah petugas meja depan boleh diubah",
            )
        )
    if len(plan.counters) > MAX_COUNTERS:
        problems.append(
            Problem(
                "terlalu banyak loket",
                column="loket",
                value=len(plan.counters),
                expected=f"paling banyak {MAX_COUNTERS} (meja yang ada)",
            )
        )
    if problems:
        raise WorkbenchError(
            "Rencana tidak bisa diterima: tim hanya boleh mengubah cara kantor bekerja "
            "(loket, jadwal petugas, layanan per loket, prioritas, antrean, janji daring, "
            "istirahat).",
            problems,
        )
    if budget_hours is not None:
        cost = officer_hours(plan)
        if cost > budget_hours + 1e-9:
            raise WorkbenchError(
                f"Rencana melebihi anggaran: butuh {fmt.number(cost)} jam-petugas, anggaran "
                f"{fmt.number(budget_hours)} jam-petugas "
                f"(lebih {fmt.number(cost - budget_hours)} jam). "
                "Kurangi jam buka loket, tutup satu loket pada jam sepi, atau atur istirahat; "
                "lalu kirim lagi.",
                [
                    Problem(
                        "biaya di atas anggaran",
                        column="jam_petugas",
                        value=round(cost, 2),
                        expected=f"paling banyak {budget_hours:g}",
                    )
                ],
            )


def effective_scenario(plan: Scenario) -> Scenario:
    """The scenario actually run for a plan: appointment holders taken out of the walk-ins.

    With a quota, the expected appointment holders of each clock hour (seats times booked
    share times show-up share) are subtracted from that hour's walk-in rate (never below zero),
    so a quota moves visitors to planned times instead of inviting extra ones. Lowering a rate
    keeps a subset of the same walk-ins (common random numbers stay intact).
    """
    ap = plan.appointments
    if ap is None or plan.arrivals.constant is not None:
        return plan
    per_hour: dict[int, float] = {}
    t = ap.start
    while t < ap.end - 1e-9:
        hour = int(t // 60)
        per_hour[hour] = per_hour.get(hour, 0.0) + ap.per_slot * ap.booked * (1.0 - ap.no_show)
        t += ap.interval
    arrivals = plan.arrivals
    base = dict(arrivals.per_hour)
    reduced = {
        h: max(0.0, rate - per_hour.get(h, 0.0) / (arrivals.factor or 1.0))
        for h, rate in base.items()
    }
    if reduced == base:
        return plan
    return plan.replace(arrivals=replace(arrivals, per_hour=reduced))


# ------------------------------------------------------------------------------------ changes


def describe_changes(baseline: Scenario, plan: Scenario) -> list[str]:
    """What ``plan`` changed against ``baseline``, one Indonesian sentence per change."""
    out: list[str] = []
    before = {c.name: c for c in baseline.counters}
    grid_a, grid_b = staffing(baseline), staffing(plan)
    for c in plan.counters:
        if c.name not in before:
            hours = [h for h, on in grid_b.loc[c.name].items() if on]
            out.append(f"{c.name} ditambah ({_hour_list(hours)}).")
            continue
        old = before[c.name]
        if not grid_a.loc[c.name].equals(grid_b.loc[c.name]):
            hours = [h for h, on in grid_b.loc[c.name].items() if on]
            out.append(f"{c.name} dijaga {_hour_list(hours)}.")
        if c.services != old.services:
            what = "semua layanan" if c.services is None else ", ".join(c.services)
            out.append(f"{c.name} melayani {what}.")
        if (c.priority, c.priority_only) != (old.priority, old.priority_only):
            if c.priority_only:
                out.append(f"{c.name} khusus warga prioritas.")
            elif c.priority:
                out.append(f"{c.name} menjadi loket prioritas.")
            else:
                out.append(f"{c.name} bukan lagi loket prioritas.")
        if c.breaks != old.breaks and c.breaks:
            a, b = c.breaks[0]
            out.append(f"{c.name} istirahat {fmt.clock(a)}-{fmt.clock(b)}.")
    for c in plan.counters:
        old_reserve = before[c.name].reserve if c.name in before else None
        if c.reserve is not None and c.reserve != old_reserve:
            out.append(
                f"{c.name} dijaga petugas cadangan: datang bila {c.reserve.open_at} orang "
                f"menunggu, kembali bila {c.reserve.close_at} orang atau kurang."
            )
    if plan.overtime_cap_minutes != baseline.overtime_cap_minutes:
        cap = plan.overtime_cap_minutes
        out.append(
            "Lembur tanpa batas."
            if cap is None
            else (
                "Tanpa lembur: loket berhenti memanggil pada jam tutup."
                if cap == 0
                else f"Lembur paling lama {fmt.number(cap, 0)} menit setelah jam tutup."
            )
        )
    for name in before:
        if name not in {c.name for c in plan.counters}:
            out.append(f"{name} ditutup sepanjang hari.")
    if plan.office_breaks != baseline.office_breaks:
        out.append(
            "ISHOMA bergantian: kantor tidak menutup semua loket saat istirahat."
            if not plan.office_breaks
            else "ISHOMA bersama seperti kartu."
        )
    if plan.queue != baseline.queue:
        out.append("Satu antrean bersama." if plan.queue == "bersama" else "Antrean per loket.")
    if plan.priority_first != baseline.priority_first:
        out.append(
            "Warga prioritas dipanggil lebih dulu di semua loket."
            if plan.priority_first
            else "Warga prioritas hanya didahulukan di loket prioritas."
        )
    a_quota = baseline.appointments.per_slot if baseline.appointments else 0
    b_quota = plan.appointments.per_slot if plan.appointments else 0
    if a_quota != b_quota:
        out.append(f"Kuota janji daring {b_quota} per slot (kartu: {a_quota}).")
    return out


def _hour_list(hours: list[str]) -> str:
    """Clock hours ["08", "09", "10", "14"] as "08:00-11:00, 14:00-15:00"."""
    if not hours:
        return "tidak dijaga"
    values = sorted(int(h) for h in hours)
    runs, start, prev = [], values[0], values[0]
    for h in values[1:]:
        if h != prev + 1:
            runs.append((start, prev + 1))
            start = h
        prev = h
    runs.append((start, prev + 1))
    return ", ".join(f"{a:02d}:00-{b:02d}:00" for a, b in runs)


def service_groups(sc: Scenario) -> dict[str, list[str] | None]:
    """Ready-made service sets for a counter, by Indonesian label (``None``: everything).

    "Layanan cepat" are the services that do not need the registration system (they keep going
    when it is down); "Layanan kependudukan" those that do.
    """
    quick = [s.name for s in sc.services if not s.needs_system]
    system = [s.name for s in sc.services if s.needs_system]
    out: dict[str, list[str] | None] = {"Semua layanan": None}
    if quick and system:
        out[f"Layanan cepat ({', '.join(quick)})"] = quick
        out[f"Layanan kependudukan ({', '.join(system)})"] = system
    return out


def staggered_breaks(sc: Scenario, *, minutes: float = 60.0) -> dict[str, tuple[str, str]]:
    """Breaks in turns over the card's office break: counter ``i`` starts its break half an
    hour after counter ``i - 1``, starting half an hour before the office break, cycling."""
    start = _card_breaks(sc)[0][0] - 30.0
    out = {}
    for i, c in enumerate(sc.counters):
        a = start + 30.0 * (i % 4)
        out[c.name] = (fmt.clock(a), fmt.clock(a + minutes))
    return out
