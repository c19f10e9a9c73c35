"""A team's plan: a :class:`~workbench.simulation.Scenario` changed only where management decides.

A team receives the card's own plan (:meth:`Workshop.baseline`) and may change how the office
works, never who comes: the visitors (arrivals, services and their durations, patience, the
opening hours, how fast each officer works, who is absent, the facilitator's disruptions) stay
exactly the card's, so every team meets the same people (:mod:`~workbench.roleplay.card_rules`
lists every field and who decides it; :func:`check_plan` refuses the rest). What a team
decides, and the helpers that change it:

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

:class:`PlanChoices` is the same plan as the team page shows it (ticked hours, a service group
per desk, the priority desk, ...): :meth:`PlanChoices.from_plan` and :meth:`PlanChoices.to_plan`
convert both ways, so the page only copies values between widgets and a PlanChoices.

The cost of a plan is its officer-hours (:func:`officer_hours`): the time counters are staffed,
without breaks. An officer on call works in the back office, so only the time they actually
serve at the counter is counted, after the run (:mod:`workbench.roleplay.scoring`).
:func:`describe_changes` says in Indonesian what a plan changed against the card.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from workbench import formatting as fmt
from workbench.errors import Problem, WorkbenchError
from workbench.roleplay.card_rules import (
    FIXED_FIELDS,
    MAX_COUNTERS,
    check_plan,
    default_appointments,
    plan_problems,
)
from workbench.roleplay.changes import describe_changes, describe_decision
from workbench.roleplay.staffing import hour_label, hour_span, hours, officer_hours, staffing
from workbench.simulation import Counter, Scenario

__all__ = [
    "FIXED_FIELDS",
    "MAX_COUNTERS",
    "OVERTIME_CAPS",
    "PlanChoices",
    "check_plan",
    "describe_changes",
    "describe_decision",
    "desk_names",
    "effective_scenario",
    "officer_hours",
    "plan_problems",
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

#: The label of the service group "everything" (:func:`service_groups`).
ALL_SERVICES = "Semua layanan"


# ------------------------------------------------------------------------------------ staffing


def _grid_frame(grid: pd.DataFrame | dict) -> pd.DataFrame:
    if isinstance(grid, dict):
        return pd.DataFrame({k: dict(v) for k, v in grid.items()}).T
    return grid


def _check_grid_hours(sc: Scenario, grid: pd.DataFrame) -> dict[str, int]:
    """The grid's hour labels that the office has (raises on an hour it does not open)."""
    labels = {hour_label(h): h for h in hours(sc)}
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
    return labels


def _shifts(sc: Scenario, staffed: list[int]) -> tuple[tuple[float, float], ...] | None:
    """Consecutive staffed clock hours joined into shifts (``None``: all opening hours; an
    empty tuple: not staffed at all)."""
    spans: list[tuple[float, float]] = []
    for h in staffed:
        a, b = hour_span(sc, h)
        if spans and spans[-1][1] == a:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    if spans == [(sc.open_time, sc.close_time)]:
        return None
    return tuple(spans)


def _staffed_hours(grid, current, name: str, labels: dict[str, int]) -> list[int]:
    """The clock hours ``name`` is staffed: from ``grid`` where it has the column, else as
    the counter is staffed now."""
    out = []
    for label, h in labels.items():
        if label in grid.columns:
            on = bool(grid.loc[name, label])
        else:
            on = name in current.index and bool(current.loc[name, label])
        if on:
            out.append(h)
    return out


def with_staffing(sc: Scenario, grid: pd.DataFrame | dict) -> Scenario:
    """A copy of ``sc`` staffed as ``grid`` says (the shape :func:`staffing` returns).

    Rows name counters, columns clock hours (``"08"``); a column left out keeps the counter's
    hours as they were. A name the plan does not have yet adds a counter serving everything
    (up to :data:`MAX_COUNTERS`); a counter missing from ``grid`` keeps its schedule; a counter
    with no staffed hour is closed for the day (taken off the plan).
    """
    grid = _grid_frame(grid)
    labels = _check_grid_hours(sc, grid)
    counters = {c.name: c for c in sc.counters}
    current = staffing(sc)
    order = [c.name for c in sc.counters] + [str(n) for n in grid.index if n not in counters]
    out = []
    for name in order:
        base = counters.get(name, Counter(name))
        if name not in grid.index:
            out.append(base)
            continue
        shifts = _shifts(sc, _staffed_hours(grid, current, name, labels))
        if shifts != ():
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
    ap = sc.appointments or default_appointments(sc)
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


def service_groups(sc: Scenario) -> dict[str, list[str] | None]:
    """Ready-made service sets for a counter, by Indonesian label (``None``: everything).

    "Layanan cepat" are the services that do not need the registration system (they keep going
    when it is down); "Layanan kependudukan" those that do.
    """
    quick = [s.name for s in sc.services if not s.needs_system]
    system = [s.name for s in sc.services if s.needs_system]
    out: dict[str, list[str] | None] = {ALL_SERVICES: None}
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


# ------------------------------------------------------------------------------------ choices


def desk_names(card: Scenario) -> list[str]:
    """The desks a team page offers: the card's counters, then ``Loket n`` up to
    :data:`MAX_COUNTERS` desks."""
    names = [c.name for c in card.counters]
    extra = (f"Loket {i}" for i in range(1, 2 * MAX_COUNTERS + 1))
    names += [n for n in extra if n not in names]
    return names[:MAX_COUNTERS]


#: The overtime caps a team page offers (minutes; ``None``: serve everyone who is waiting).
OVERTIME_CAPS = (None, 0.0, 15.0, 30.0, 60.0)


@dataclass(frozen=True)
class PlanChoices:
    """A plan as the team page shows it, converted to and from a :class:`Scenario`.

    ``staffed`` maps each desk (:func:`desk_names`) to the clock hours (``"08"``) it is
    staffed; ``services`` each desk to a label of :func:`service_groups`; then the priority
    desk (``None``: none) and whether it serves priority visitors only, priority first at every
    desk, the queue kind (``"bersama"`` or ``"per_loket"``), the appointment quota per slot,
    staggered breaks, the desk of the officer on call with the queue lengths that call and
    release them, and the overtime cap in minutes (``None``: no cap).
    """

    staffed: Mapping[str, frozenset[str]]
    services: Mapping[str, str] = field(default_factory=dict)
    priority_counter: str | None = None
    priority_only: bool = False
    priority_first: bool = True
    queue: str = "bersama"
    quota: int = 0
    staggered: bool = False
    reserve_counter: str | None = None
    reserve_open: int = 8
    reserve_close: int = 2
    overtime_cap: float | None = None

    @classmethod
    def from_plan(cls, card: Scenario, plan: Scenario) -> PlanChoices:
        """What the page shows for ``plan`` (a plan of ``card``)."""
        grid = staffing(plan)
        desks = desk_names(card)
        by_name = {c.name: c for c in plan.counters}
        prio = next((c for c in plan.counters if c.priority), None)
        on_call = next((c for c in plan.counters if c.reserve is not None), None)
        return cls(
            staffed={
                d: frozenset(h for h in grid.columns if d in grid.index and grid.loc[d, h])
                for d in desks
            },
            services={d: _group_label(card, by_name.get(d)) for d in desks},
            priority_counter=prio.name if prio else None,
            priority_only=bool(prio and prio.priority_only),
            priority_first=plan.priority_first,
            queue=plan.queue,
            quota=plan.appointments.per_slot if plan.appointments else 0,
            staggered=not plan.office_breaks and bool(card.office_breaks),
            reserve_counter=on_call.name if on_call else None,
            reserve_open=on_call.reserve.open_at if on_call else 8,
            reserve_close=on_call.reserve.close_at if on_call else 2,
            overtime_cap=plan.overtime_cap_minutes,
        )

    def to_plan(self, card: Scenario) -> Scenario:
        """The plan these choices describe, built from ``card`` (raises WorkbenchError when it
        is inconsistent: no desk staffed, an hour the office does not open...)."""
        hour_columns = list(staffing(card).columns)
        desks = desk_names(card)
        grid = pd.DataFrame(
            {h: [h in self.staffed.get(d, ()) for d in desks] for h in hour_columns}, index=desks
        )
        plan = with_staffing(card, grid)
        staffed = {c.name for c in plan.counters}
        groups = service_groups(card)
        for name in staffed:
            plan = with_services(plan, name, groups.get(self.services.get(name, ALL_SERVICES)))
        prio = self.priority_counter if self.priority_counter in staffed else None
        plan = with_priority_counter(plan, prio, only=self.priority_only)
        plan = plan.replace(priority_first=self.priority_first, queue=self.queue)
        plan = with_appointment_quota(plan, int(self.quota))
        if self.staggered:
            plan = with_staggered_breaks(plan, staggered_breaks(plan))
        on_call = self.reserve_counter if self.reserve_counter in staffed else None
        plan = with_reserve(
            plan, on_call, open_at=int(self.reserve_open), close_at=int(self.reserve_close)
        )
        return plan.replace(overtime_cap_minutes=self.overtime_cap)

    def with_hour(self, desk: str, hour: str, on: bool) -> PlanChoices:
        """A copy with ``desk`` staffed (or not) in clock ``hour``."""
        hours_now = set(self.staffed.get(desk, frozenset()))
        hours_now = hours_now | {hour} if on else hours_now - {hour}
        return replace(self, staffed={**self.staffed, desk: frozenset(hours_now)})


def _group_label(card: Scenario, counter: Counter | None) -> str:
    """The :func:`service_groups` label of what ``counter`` serves (everything when it serves
    a set that is not one of the groups)."""
    if counter is None or counter.services is None:
        return ALL_SERVICES
    for label, names in service_groups(card).items():
        if names is not None and set(names) == set(counter.services):
            return label
    return ALL_SERVICES
