"""The simulation model: one replication of a scenario as a SimPy process model.

How a replication runs, in the words a trainer would use:

1. **Everything random is decided first.** Before the office opens, the replication draws who
   will come: each walk-in visitor's arrival time, service, priority group, how long their
   service will take and how long they are willing to wait, plus the online appointments.
   Random numbers come from streams derived from the seed (numpy ``SeedSequence``) and named
   by *who* they are for: the walk-ins of a given day and clock hour, the seats of a given
   appointment slot. So two scenarios run with the same seed meet *the same visitors*: the
   same people at the same times with the same needs and the same patience (common random
   numbers). If one team's office does better than another's, it is the policy, not luck.
   This holds even when the visitors themselves change: a busier hour (a Monday, a surge)
   keeps every visitor of the ordinary hour and adds more, other hours stay as they were, and
   a third seat per slot adds holders without changing the first two.
2. **Then the day is played out** with SimPy. One process brings the visitors in at their
   arrival times; one process per counter works through its shifts: it calls the next visitor
   it may serve (priority visitors and appointment holders in their place, see
   :mod:`workbench.simulation.scenario`), serves them for their service time (times the
   counter's ``faktor_durasi``), and waits when nobody is there. A visitor whose patience runs
   out before being called has left at that moment; this is settled when the counter would
   call them, which gives exactly the same result as a timer per visitor, for less work.
3. **At closing** no more visitors come in; counters staffed at closing keep serving until the
   queue is empty (overtime). Whoever is still waiting when the last counter stops has gone home
   unserved (status ``pergi``).

The result of a replication is one row per visitor (see :func:`workbench.simulation.simulate`).
Service is not pre-emptive: a counter finishes the visitor in front of it before a break, a
closure or the end of its shift, and a service already started when the system goes down is
finished.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from functools import partial

import numpy as np
import simpy

from workbench.simulation.front_desk import desk_draws
from workbench.simulation.scenario import PRIORITY_GROUPS, Scenario

__all__ = [
    "DAY_MINUTES",
    "Plan",
    "draw_visitors",
    "expected_visitors",
    "plan",
    "replication_seeds",
    "run_replication",
]

#: Day ``k`` of a scenario starts ``k * DAY_MINUTES`` minutes after the first opening.
DAY_MINUTES = 24 * 60

#: Status codes in the engine's arrays (names in records: see results.STATUS_NAMES).
WAITING, SERVED, LEFT, BALKED = 0, 1, 2, 3

#: Walk-in visitors are drawn in bands of this many visitors per hour (see :func:`draw_visitors`).
BAND_PER_HOUR = 20.0

#: Purposes of the keyed random streams of a replication.
WALK_IN, APPOINTMENT = 0, 1

#: Hour key of an arrival segment with one rate for the whole opening time (M/M/c).
WHOLE_DAY = 24

#: Uniform numbers drawn for each candidate visitor, one column per purpose. Normal numbers
#: come from two uniforms (Box-Muller), so each visitor is one row of one stream.
N_COLUMNS = 15
(
    C_GAP,
    C_HEIGHT,
    C_SERVICE,
    C_PRIORITY,
    C_NEED,
    C_NEED_Z1,
    C_NEED_Z2,
    C_PATIENCE,
    C_PATIENCE_Z1,
    C_PATIENCE_Z2,
    C_BALK,
    C_BOOKED,
    C_SHOW,
    C_OFFSET_Z1,
    C_OFFSET_Z2,
) = range(N_COLUMNS)

_INF = math.inf


@dataclass(frozen=True)
class Plan:
    """Everything about a scenario that does not change between replications."""

    scenario: Scenario
    n_days: int
    day_open: np.ndarray  # absolute opening time per day (minutes from the first opening)
    day_close: np.ndarray  # absolute closing time per day
    seg_start: np.ndarray  # arrival-rate segments: absolute start and end, rate per minute,
    seg_end: np.ndarray  # and the key of their random streams (day index, clock hour)
    seg_origin: np.ndarray  # where a segment's stream starts: the start of its clock hour
    seg_rate: np.ndarray
    seg_key: tuple[tuple[int, int], ...]
    service_cum: np.ndarray
    needs_system: np.ndarray
    priority_cum: np.ndarray
    windows: tuple[tuple[tuple[float, float, bool, int], ...], ...]  # per counter
    scheduled: np.ndarray  # scheduled minutes per counter over all days
    outages: tuple[tuple[float, float], ...]
    slots: np.ndarray  # absolute slot times of appointment seats (one per seat)
    slot_key: tuple[tuple[int, int], ...]  # (day index, clock minute) of each slot, in order
    appointment_cum: np.ndarray


#: What a reserve counter's decision asks its work loop to do (see ``_reserve_step``).
_STOP, _AGAIN = object(), object()


def subtract_span(
    spans: list[tuple[float, float]], cut: tuple[float, float]
) -> list[tuple[float, float]]:
    """``spans`` (start, end) with the interval ``cut`` taken out (a span may split in two)."""
    out = []
    a, b = cut
    for s, e in spans:
        if b <= s or a >= e:
            out.append((s, e))
            continue
        if s < a:
            out.append((s, a))
        if b < e:
            out.append((b, e))
    return out


def _day_pieces(sc: Scenario, weekday: str) -> list[tuple[float, float, float, float, int]]:
    """The arrival-rate pieces of one day: (start, end, stream origin, rate per hour, hour)."""
    if sc.arrivals.constant is not None:
        return [
            (sc.open_time, sc.close_time, sc.open_time, sc.arrivals.rate(weekday, 0), WHOLE_DAY)
        ]
    pieces = []
    for hour in range(int(sc.open_time // 60), math.ceil(sc.close_time / 60)):
        a, b = max(sc.open_time, hour * 60.0), min(sc.close_time, hour * 60.0 + 60.0)
        if b > a:
            pieces.append((a, b, hour * 60.0, sc.arrivals.rate(weekday, hour), hour))
    return pieces


def _arrival_segments(sc: Scenario, offsets: np.ndarray) -> dict[str, object]:
    """The arrival-rate segments of every day, as the Plan fields ``seg_*``."""
    starts, origins, rates, seg_key = [], [], [], []
    for d, weekday in enumerate(sc.days):
        for a, b, origin, rate, hour in _day_pieces(sc, weekday):
            if rate > 0:
                starts.append((offsets[d] + a, offsets[d] + b))
                origins.append(offsets[d] + origin)
                rates.append(rate / 60.0)
                seg_key.append((d, hour))
    return {
        "seg_start": np.array([a for a, _ in starts], dtype=float),
        "seg_end": np.array([b for _, b in starts], dtype=float),
        "seg_origin": np.array(origins, dtype=float),
        "seg_rate": np.array(rates, dtype=float),
        "seg_key": tuple(seg_key),
    }


def _day_spans(sc: Scenario, c, d: int) -> list[tuple[float, float]]:
    """The clock spans counter ``c`` is open on day ``d`` (index), breaks and closures cut out."""
    spans = sorted(list(c.shifts) if c.shifts is not None else [(sc.open_time, sc.close_time)])
    cuts = list(sc.office_breaks) + list(c.breaks)
    cuts += [(p.start, p.end) for p in c.absences if p.on(d + 1)]
    cuts += [
        (x.start, x.end)
        for x in sc.disruptions
        if x.kind == "loket_tutup" and x.counter == c.name and (x.day is None or x.day == d + 1)
    ]
    for cut in cuts:
        spans = subtract_span(spans, cut)
    return [(s, e) for s, e in spans if e > s]


def _counter_windows(sc: Scenario, offsets: np.ndarray) -> tuple[tuple, np.ndarray]:
    """Per counter its open windows (absolute start, end, open till closing, day) and the
    minutes it is scheduled over all days."""
    windows, scheduled = [], []
    for c in sc.counters:
        wins, total = [], 0.0
        for d in range(len(sc.days)):
            for s, e in _day_spans(sc, c, d):
                total += e - s
                wins.append((offsets[d] + s, offsets[d] + e, e >= sc.close_time, d))
        windows.append(tuple(sorted(wins)))
        scheduled.append(total)
    return tuple(windows), np.array(scheduled, dtype=float)


def _outages(sc: Scenario, offsets: np.ndarray) -> tuple[tuple[float, float], ...]:
    outages = [
        (offsets[d] + x.start, offsets[d] + x.end)
        for x in sc.disruptions
        if x.kind == "sistem_mati"
        for d in range(len(sc.days))
        if x.day is None or x.day == d + 1
    ]
    return tuple(sorted(outages))


def _appointment_slots(
    sc: Scenario, offsets: np.ndarray, service_cum: np.ndarray
) -> dict[str, object]:
    """The appointment seats (absolute times), their keys and the services they book."""
    if sc.appointments is None:
        return {"slots": np.empty(0), "slot_key": (), "appointment_cum": service_cum}
    ap, n_days = sc.appointments, len(sc.days)
    clock = np.arange(ap.start, ap.end - 1e-9, ap.interval)
    per_day = np.repeat(clock, ap.per_slot)
    appointment_cum = service_cum
    if ap.service_shares:
        names = [s.name for s in sc.services]
        w = np.array([float(ap.service_shares.get(n, 0.0)) for n in names])
        appointment_cum = np.cumsum(w / w.sum())
    return {
        "slots": np.concatenate([offsets[d] + per_day for d in range(n_days)]),
        "slot_key": tuple((d, round(c)) for d in range(n_days) for c in clock),
        "appointment_cum": appointment_cum,
    }


def plan(sc: Scenario) -> Plan:
    """Prepare the replication-independent parts of a scenario."""
    n_days = len(sc.days)
    offsets = np.arange(n_days) * DAY_MINUTES - sc.open_time  # clock minute -> absolute
    shares = np.array([s.share for s in sc.services], dtype=float)
    service_cum = np.cumsum(shares / shares.sum()) if shares.sum() > 0 else np.ones(len(shares))
    windows, scheduled = _counter_windows(sc, offsets)
    return Plan(
        scenario=sc,
        n_days=n_days,
        day_open=offsets + sc.open_time,
        day_close=offsets + sc.close_time,
        **_arrival_segments(sc, offsets),
        service_cum=service_cum,
        needs_system=np.array([s.needs_system for s in sc.services], dtype=bool),
        priority_cum=np.cumsum([float(sc.priority_shares.get(g, 0.0)) for g in PRIORITY_GROUPS]),
        windows=windows,
        scheduled=scheduled,
        outages=_outages(sc, offsets),
        **_appointment_slots(sc, offsets, service_cum),
    )


def expected_visitors(p: Plan) -> float:
    """How many visitors one replication of the plan expects (walk-ins and appointment seats)."""
    return float(np.sum(p.seg_rate * (p.seg_end - p.seg_start))) + float(len(p.slots))


def replication_seeds(
    seed: int | np.random.SeedSequence, replications: int
) -> list[np.random.SeedSequence]:
    """One seed sequence per replication, derived from one seed.

    Replication ``r`` gets the same seed sequence whatever the number of replications run, and
    in every scenario run with the same seed.
    """
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    return root.spawn(replications)


def _stream(rep: np.random.SeedSequence, *key: int) -> np.random.Generator:
    """The random stream of one part of a replication, named by ``key`` (not by draw order)."""
    seq = np.random.SeedSequence(rep.entropy, spawn_key=(*rep.spawn_key, *key))
    return np.random.Generator(np.random.PCG64(seq))


def _pick(cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    return np.minimum(np.searchsorted(cum, u, side="right"), len(cum) - 1)


def _normal(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Standard normal numbers from two uniforms in [0, 1) (Box-Muller)."""
    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)


def _walk_ins(p: Plan, rep: np.random.SeedSequence) -> tuple[np.ndarray, np.ndarray]:
    """Arrival times and uniform rows of the walk-in visitors of one replication (unsorted).

    Within each clock hour the visitors are the points below the hour's rate of a Poisson
    process on (time, rate): band ``b`` holds the candidates between ``b`` and ``b + 1`` times
    BAND_PER_HOUR visitors per hour, drawn from its own stream keyed by day, hour and band. So a
    busier hour keeps all of its visitors and adds more, and the other hours do not change.
    Each stream runs from the start of its clock hour, whatever the opening time, and the
    visitors before opening are left out: opening at 07:00 instead of 07:30 adds the visitors of
    07:00-07:30 and keeps those of 07:30-08:00.
    """
    band = BAND_PER_HOUR / 60.0  # visitors per minute in one band
    times, rows = [np.empty(0)], [np.empty((0, N_COLUMNS))]
    for k, (d, hour) in enumerate(p.seg_key):
        start, origin, rate = p.seg_start[k], p.seg_origin[k], p.seg_rate[k]
        expected = band * (p.seg_end[k] - origin)
        chunk = int(expected + 6.0 * math.sqrt(expected) + 16)
        levels = rate / band
        for level in range(math.ceil(levels - 1e-12)):
            rng = _stream(rep, WALK_IN, d, hour, level)
            u = rng.random((chunk, N_COLUMNS))
            cum = np.cumsum(-np.log1p(-u[:, C_GAP]))
            while cum[-1] < expected:
                more = rng.random((chunk, N_COLUMNS))
                u = np.concatenate([u, more])
                cum = np.concatenate([cum, cum[-1] + np.cumsum(-np.log1p(-more[:, C_GAP]))])
            n = int(np.searchsorted(cum, expected))
            at = origin + cum[:n] / band
            keep = (u[:n, C_HEIGHT] < min(1.0, levels - level)) & (at >= start)
            times.append(at[keep])
            rows.append(u[:n][keep])
    return np.concatenate(times), np.concatenate(rows)


def _appointment_holders(p: Plan, rep: np.random.SeedSequence) -> dict[str, np.ndarray]:
    """The appointment holders who booked and come, from one stream per day and slot:
    ``arrive``, ``key`` (place in the queue: not before the slot), ``u`` (uniform rows),
    ``service`` and ``slot``."""
    ap = p.scenario.appointments
    seats = np.concatenate(
        [_stream(rep, APPOINTMENT, d, c).random((ap.per_slot, N_COLUMNS)) for d, c in p.slot_key]
    )
    a_arrive = (
        p.slots
        + ap.offset_mean
        + ap.offset_sd * _normal(seats[:, C_OFFSET_Z1], seats[:, C_OFFSET_Z2])
    )
    day = np.minimum(((p.slots - p.day_open[0]) // DAY_MINUTES).astype(int), p.n_days - 1)
    a_arrive = np.maximum(a_arrive, p.day_open[day])
    keep = (
        (seats[:, C_BOOKED] < ap.booked)
        & (seats[:, C_SHOW] >= ap.no_show)
        & (a_arrive < p.day_close[day])
    )
    return {
        "arrive": a_arrive[keep],
        "key": np.maximum(a_arrive, p.slots)[keep],
        "u": seats[keep],
        "service": _pick(p.appointment_cum, seats[keep, C_SERVICE]),
        "slot": p.slots[keep],
    }


def draw_visitors(p: Plan, rep: np.random.SeedSequence) -> dict[str, np.ndarray]:
    """Draw every visitor of one replication (walk-ins and appointment holders), vectorised.

    Every visitor is one row of uniform numbers from a stream named by what the visitor is
    (walk-in in a given day, hour and band; appointment seat in a given day and slot), so the
    same visitor has the same service, priority, service need, patience and so on in every
    scenario run with the same seed, whatever else changed (common random numbers).

    Returns arrays sorted by arrival time: ``arrive``, ``key`` (place in the queue), ``service``,
    ``group`` (index in PRIORITY_GROUPS, 3 for none), ``need`` (service minutes), ``patience``,
    ``balk_u``, ``channel`` (0 walk-in, 1 online appointment), ``slot`` and ``day``.
    """
    sc = p.scenario
    arrive, u = _walk_ins(p, rep)
    key = arrive
    service = _pick(p.service_cum, u[:, C_SERVICE])
    channel = np.zeros(len(arrive), dtype=np.int8)
    slot = np.full(len(arrive), np.nan)
    if sc.appointments is not None and len(p.slots):
        booked = _appointment_holders(p, rep)
        arrive = np.concatenate([arrive, booked["arrive"]])
        key = np.concatenate([key, booked["key"]])
        u = np.concatenate([u, booked["u"]])
        service = np.concatenate([service, booked["service"]])
        channel = np.concatenate([channel, np.ones(len(booked["arrive"]), dtype=np.int8)])
        slot = np.concatenate([slot, booked["slot"]])

    order = np.argsort(arrive, kind="stable")
    arrive, key, service, u = arrive[order], key[order], service[order], u[order]
    channel, slot = channel[order], slot[order]
    n = len(arrive)
    group = np.searchsorted(p.priority_cum, u[:, C_PRIORITY], side="right")
    if sc.patience is not None:
        patience = sc.patience.sample(
            u[:, C_PATIENCE], _normal(u[:, C_PATIENCE_Z1], u[:, C_PATIENCE_Z2])
        )
    else:
        patience = np.full(n, _INF)
    u_need, z_need = u[:, C_NEED], _normal(u[:, C_NEED_Z1], u[:, C_NEED_Z2])
    need = np.empty(n)
    for s_index, s in enumerate(sc.services):
        mask = service == s_index
        if mask.any():
            need[mask] = s.duration.sample(u_need[mask], z_need[mask])
    day = np.minimum(((arrive - p.day_open[0]) // DAY_MINUTES).astype(np.int64), p.n_days - 1)
    # Coming back the next day (team_rules): two uniforms of the visitor's own row that a
    # walk-in never uses; an appointment holder's were conditioned on booking and showing up,
    # so they are rescaled to uniform again.
    again_u, again_at = u[:, C_BOOKED].copy(), u[:, C_SHOW].copy()
    if sc.appointments is not None:
        ap, held = sc.appointments, channel == 1
        again_u[held] = again_u[held] / max(ap.booked, 1e-12)
        again_at[held] = (again_at[held] - ap.no_show) / max(1.0 - ap.no_show, 1e-12)
    out = {
        "arrive": arrive,
        "key": key,
        "service": service,
        "group": group,
        "need": need,
        "patience": patience,
        "balk_u": u[:, C_BALK].copy(),
        "channel": channel,
        "slot": slot,
        "day": np.maximum(day, 0),
        "again_u": again_u,
        "again_at": again_at,
    }
    if sc.front_desk is not None:
        desk_columns = [C_GAP, C_HEIGHT, C_BALK, C_PRIORITY, C_SERVICE, C_PATIENCE]
        out.update(desk_draws(sc.front_desk, u[:, desk_columns]))
    return out


def run_replication(p: Plan, v: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Play out one replication with SimPy; returns per-visitor outcome arrays.

    ``start`` and ``end`` of service, ``leave`` (when the visitor left the office), ``counter``
    (index, -1 if not served) and ``status`` (SERVED, LEFT or BALKED).
    """
    return _Replication(p, v).run()


class _Replication:
    """One replication while SimPy plays it out: the visitors, the queues and the counters.

    Built in named steps (the visitors' arrays, the queues, what each counter may call, which
    idle counter a new visitor wakes), then :meth:`run` starts the processes: the door
    (:meth:`arrivals`), one :meth:`counter` per counter, one :meth:`outage` per system outage
    and, for scenarios of several days, :meth:`day_ends`.
    """

    def __init__(self, p: Plan, v: dict[str, np.ndarray]) -> None:
        self.p = p
        self.sc = p.scenario
        self.v = v
        self.env = simpy.Environment()
        self._visitors(v)
        self._queues()
        self._pick_lists()
        self._wake_orders()
        self._counters()

    # ---- setting up ------------------------------------------------------------------------

    def _visitors(self, v: dict[str, np.ndarray]) -> None:
        """Per-visitor inputs as Python lists (fast to index in the event loop) and outcomes."""
        sc = self.sc
        n = self.n = len(v["arrive"])
        self.arrive = v["arrive"].tolist()
        self.key = v["key"].tolist()
        self.svc = v["service"].tolist()
        self.is_prio = (v["group"] < len(PRIORITY_GROUPS)).tolist()
        self.abandon = (v["arrive"] + v["patience"]).tolist()
        self.balk_u = v["balk_u"].tolist()
        self.day_of = v["day"].tolist()
        speed = [c.speed_factor for c in sc.counters]
        need = v["need"]
        if len(set(speed)) > 1:
            self.service_time = [(need * f).tolist() for f in speed]
        else:
            base = (need * speed[0]).tolist() if sc.counters else []
            self.service_time = [base] * len(sc.counters)
        self.state = [WAITING] * n
        self.start = [math.nan] * n
        self.end = [math.nan] * n
        self.leave = [math.nan] * n
        self.served_by = [-1] * n
        self.line_of = [0] * n
        self.first_visit = [True] * n  # False for a visit of someone coming back
        self.desk = sc.front_desk
        if self.desk is not None:
            self.desk_check = v["desk_check"].tolist()
            self.desk_incomplete = v["desk_incomplete"].tolist()
            self.desk_back = v["desk_back"].tolist()
            self.desk_delay = v["desk_delay"].tolist()
        self.back: list[tuple[int, float, int]] = []  # (first visit, arrival, day) coming back

    def _queues(self) -> None:
        """One heap per (line, service, priority flag); entries are (key, visitor).

        A line is the shared ticket queue, or each counter's own queue with ``per_loket``.
        """
        sc = self.sc
        n_services = len(sc.services)
        self.per_counter = sc.queue == "per_loket"
        self.lines = len(sc.counters) if self.per_counter else 1
        self.heaps: list[list[tuple[float, int]]] = [[] for _ in range(self.lines * n_services * 2)]
        self.heap_line = [q // (n_services * 2) for q in range(len(self.heaps))]
        self.heap_sys = [
            bool(self.p.needs_system[(q // 2) % n_services]) for q in range(len(self.heaps))
        ]
        self.live = [0] * self.lines  # people waiting per line (for balking, choosing a queue)

    def heap_index(self, line: int, s: int, prio: bool) -> int:
        """The heap of visitors for service ``s`` in ``line`` (priority or not)."""
        return (line * len(self.sc.services) + s) * 2 + (1 if prio else 0)

    def _pick_lists(self) -> None:
        """What each counter may call, best first: (heap, rank); lower rank is called first."""
        sc = self.sc
        service_index = {s.name: i for i, s in enumerate(sc.services)}
        all_services = set(range(len(sc.services)))
        self.serves = [
            all_services if c.services is None else {service_index[s] for s in c.services}
            for c in sc.counters
        ]
        pick_lists = []
        for ci, c in enumerate(sc.counters):
            line = ci if self.per_counter else 0
            entries = []
            for s in sorted(self.serves[ci]):
                rank_prio = 0 if (sc.priority_first or c.priority) else 1
                entries.append((self.heap_index(line, s, True), rank_prio))
                if not c.priority_only:
                    entries.append((self.heap_index(line, s, False), 1))
            pick_lists.append(tuple(entries))
        self.pick_lists = pick_lists

    def _wake_orders(self) -> None:
        """Which idle counter to wake for a new visitor, best first.

        Among idle counters the preferred kind (priority counters for priority visitors,
        ordinary counters for the others) is woken first, then the one idle longest.
        """
        counters = self.sc.counters
        self.wake_order, self.wake_pref = {}, {}
        for s in range(len(self.sc.services)):
            for prio in (True, False):
                cands = [
                    ci
                    for ci, c in enumerate(counters)
                    if s in self.serves[ci] and (prio or not c.priority_only)
                ]
                cands.sort(key=lambda ci, prio=prio: (counters[ci].priority != prio, ci))
                self.wake_order[s, prio] = tuple(cands)
                self.wake_pref[s, prio] = tuple(int(counters[ci].priority != prio) for ci in cands)

    def _counters(self) -> None:
        """Counter state, and when each counter stops work on each day."""
        p, sc = self.p, self.sc
        n_counters = len(sc.counters)
        self.busy = [False] * n_counters
        self.on_duty = [False] * n_counters
        self.idle: list[simpy.Event | None] = [None] * n_counters
        self.idle_since = [0.0] * n_counters
        self.down = False
        if sc.front_desk is not None:
            self.desk_officers = simpy.Resource(self.env, capacity=sc.front_desk.officers)
        # Team rules (team_rules): back-office officers on call, and the overtime cap.
        self.reserve = [c.reserve for c in sc.counters]
        self.reserves = [ci for ci, r in enumerate(self.reserve) if r is not None]
        self.on_call: list[simpy.Event | None] = [None] * n_counters
        cap = sc.overtime_cap_minutes
        self.stop_calling = [_INF if cap is None else c + cap for c in p.day_close.tolist()]
        self.track_abandon = sc.patience is not None and (
            sc.balking is not None or self.per_counter or bool(self.reserves)
        )
        self.abandon_heap: list[tuple[float, int]] = []
        self.last_off = p.day_close.tolist()
        # When each counter stops work on each day (-inf on a day it does not work at all).
        self.last_on = [[-_INF] * p.n_days for _ in range(n_counters)]
        for ci, wins in enumerate(p.windows):
            for _ws, we, _closing, d in wins:
                self.last_on[ci][d] = max(self.last_on[ci][d], we)

    # ---- running ---------------------------------------------------------------------------

    def run(self) -> dict[str, np.ndarray]:
        """Start every process, run to the end, and return the outcome arrays."""
        env, p = self.env, self.p
        env.process(self.arrivals())
        for ci in range(len(self.sc.counters)):
            if p.windows[ci]:
                env.process(self.counter(ci))
        for a, b in p.outages:
            env.process(self.outage(a, b))
        if p.n_days > 1:
            env.process(self.day_ends())
        env.run()
        self.purge(p.n_days)
        self._append_back_visits()
        return self.outcome()

    def outcome(self) -> dict[str, np.ndarray]:
        """The per-visitor outcome arrays of :func:`run_replication`."""
        end = np.array(self.end, dtype=float)
        status = np.array(self.state, dtype=np.int8)
        return {
            "start": np.array(self.start, dtype=float),
            "end": end,
            "leave": np.where(status == SERVED, end, np.array(self.leave, dtype=float)),
            "counter": np.array(self.served_by, dtype=np.int64),
            "status": status,
        }

    # ---- decisions -------------------------------------------------------------------------

    def wake(self, ci: int, _event=None) -> None:
        """Wake counter ``ci`` if it is waiting for work."""
        ev = self.idle[ci]
        if ev is not None:
            self.idle[ci] = None
            ev.succeed()

    def settle_abandons(self, now: float) -> None:
        """Mark as gone everyone whose patience ran out by ``now`` (for queue lengths)."""
        heap, state = self.abandon_heap, self.state
        while heap and heap[0][0] <= now:
            t, i = heapq.heappop(heap)
            if state[i] == WAITING:
                state[i] = LEFT
                self.leave[i] = t
                self.live[self.line_of[i]] -= 1

    def pick(self, ci: int, now: float) -> int:
        """The visitor counter ``ci`` calls now (-1 if none); drops those who have gone."""
        heaps, state, abandon = self.heaps, self.state, self.abandon
        best_q, best = -1, None
        is_down = self.down
        for q, rank in self.pick_lists[ci]:
            h = heaps[q]
            if not h or (is_down and self.heap_sys[q]):
                continue
            while h:
                k, i = h[0]
                if state[i] != WAITING:
                    heapq.heappop(h)
                elif abandon[i] <= now:
                    heapq.heappop(h)
                    state[i] = LEFT
                    self.leave[i] = abandon[i]
                    self.live[self.heap_line[q]] -= 1
                else:
                    break
            else:
                continue
            cand = (rank, k)
            if best is None or cand < best:
                best, best_q = cand, q
        if best_q < 0:
            return -1
        return heapq.heappop(heaps[best_q])[1]

    def choose_line(self, i: int, s: int, prio: bool, t: float, leaving: int = -1) -> int:
        """The counter whose queue visitor ``i`` joins at time ``t`` (``per_loket``): the
        shortest among those that may serve them and are staffed now or later that day (during
        the midday break, not at the desk of an officer who is off sick or has gone home).

        ``leaving`` is a counter closing for the day whose queue is being handed over: it is
        chosen only when no other counter will be staffed again that day.
        """
        d = self.day_of[i]
        on_duty, last_on = self.on_duty, self.last_on
        cands = [
            ci
            for ci in self.wake_order[s, prio]
            if ci != leaving and (on_duty[ci] or last_on[ci][d] > t)
        ]
        if not cands and leaving >= 0:
            return leaving
        cands = cands or list(self.wake_order[s, prio])
        if prio:
            special = [ci for ci in cands if self.sc.counters[ci].priority]
            if special:
                cands = special
        working = [ci for ci in cands if on_duty[ci]] or cands
        live, busy = self.live, self.busy
        return min(working, key=lambda ci: (live[ci] + busy[ci], ci))

    def wake_for(self, s: int, prio: bool) -> None:
        """Wake the best idle counter for a new visitor of service ``s`` in the shared queue."""
        idle, idle_since = self.idle, self.idle_since
        chosen, chosen_key = -1, None
        for ci, pref in zip(self.wake_order[s, prio], self.wake_pref[s, prio], strict=True):
            if idle[ci] is not None and (chosen < 0 or (pref, idle_since[ci]) < chosen_key):
                chosen, chosen_key = ci, (pref, idle_since[ci])
        if chosen >= 0:
            self.wake(chosen)

    def free_counter(self, line: int, s: int, prio: bool, q: int) -> bool:
        """Whether a counter is idle now that would call a visitor of service ``s`` joining
        heap ``q`` of ``line`` at once (such a visitor does not queue, so does not balk)."""
        if self.down and self.heap_sys[q]:
            return False
        if self.per_counter:
            return self.idle[line] is not None
        idle = self.idle
        return any(idle[ci] is not None for ci in self.wake_order[s, prio])

    def come_back_tomorrow(self, d: int) -> None:
        """Day ``d`` is over: a share of those who went home unserved that day come back at
        the start of day ``d + 1`` (within its first two hours), as a new visit with the same
        service, priority, service time and patience (team_rules)."""
        v, share = self.v, self.sc.return_next_day
        opening = self.p.day_open[d + 1]
        for i in range(len(self.state)):
            if (
                self.day_of[i] == d
                and self.first_visit[i]
                and self.state[i] in (LEFT, BALKED)
                and v["again_u"][i] < share
            ):
                t = opening + 120.0 * float(v["again_at"][i])
                j = self._add_visit(i, t, d + 1)
                self.env.process(self._enter_at(j, t))

    def _add_visit(self, i: int, t: float, day: int) -> int:
        """A second visit of visitor ``i`` at ``t`` on ``day``; returns its index."""
        j = len(self.state)
        self.back.append((i, t, day))
        self.arrive.append(t)
        self.key.append(t)
        self.svc.append(self.svc[i])
        self.is_prio.append(self.is_prio[i])
        self.abandon.append(t + float(self.v["patience"][i]))
        self.balk_u.append(self.balk_u[i])
        self.day_of.append(day)
        for times in {id(x): x for x in self.service_time}.values():
            times.append(times[i])
        self.state.append(WAITING)
        for values, blank in ((self.start, math.nan), (self.end, math.nan), (self.leave, math.nan)):
            values.append(blank)
        self.served_by.append(-1)
        self.line_of.append(0)
        self.first_visit.append(False)
        if self.desk is not None:
            self.desk_check.append(self.desk_check[i])
            self.desk_incomplete.append(False)
            self.desk_back.append(False)
            self.desk_delay.append(0.0)
        return j

    def _enter_at(self, j: int, t: float):
        if t > self.env.now:
            yield self.env.timeout(t - self.env.now)
        self.door(j, t)

    def _append_back_visits(self) -> None:
        """Add the visits of those who came back to the visitor arrays (channel 2)."""
        if not self.back:
            return
        v = self.v
        first = np.array([i for i, _t, _d in self.back], dtype=np.int64)
        when = np.array([t for _i, t, _d in self.back], dtype=float)
        extra = {
            "arrive": when,
            "key": when,
            "service": v["service"][first],
            "group": v["group"][first],
            "need": v["need"][first],
            "patience": v["patience"][first],
            "balk_u": v["balk_u"][first],
            "channel": np.full(len(first), 2, dtype=v["channel"].dtype),
            "slot": np.full(len(first), np.nan),
            "day": np.array([d for _i, _t, d in self.back], dtype=v["day"].dtype),
            "again_u": np.ones(len(first)),
            "again_at": np.zeros(len(first)),
        }
        if self.desk is not None:
            extra["desk_check"] = v["desk_check"][first]
            extra["desk_incomplete"] = np.zeros(len(first), dtype=bool)
            extra["desk_back"] = np.zeros(len(first), dtype=bool)
            extra["desk_delay"] = np.zeros(len(first))
        for name, values in extra.items():
            v[name] = np.concatenate([v[name], values])

    def call_reserves(self) -> None:
        """Bring to the counter every officer on call whose threshold the queue has reached."""
        waiting = self.live[0]
        for ci in self.reserves:
            ev = self.on_call[ci]
            if ev is not None and not ev.triggered and waiting >= self.reserve[ci].open_at:
                self.on_call[ci] = None
                ev.succeed()

    def hand_over(self, ci: int) -> None:
        """Counter ``ci`` closes for the day (``per_loket``): its queue moves, in queue order,
        to the other counters staffed that day, as a supervisor would send them."""
        now = self.env.now
        state, heaps = self.state, self.heaps
        waiting = []
        for q, h in enumerate(heaps):
            if self.heap_line[q] == ci and h:
                waiting += [(k, i) for k, i in h if state[i] == WAITING]
                h.clear()
        self.live[ci] = 0
        for k, i in sorted(waiting):
            if self.abandon[i] <= now:
                state[i] = LEFT
                self.leave[i] = self.abandon[i]
                continue
            s, prio = self.svc[i], self.is_prio[i]
            line = self.choose_line(i, s, prio, now, leaving=ci)
            self.line_of[i] = line
            heapq.heappush(heaps[self.heap_index(line, s, prio)], (k, i))
            self.live[line] += 1
            if self.idle[line] is not None:
                self.wake(line)

    def purge(self, limit_day: int) -> None:
        """Everyone still waiting from day ``limit_day`` or before has gone home unserved."""
        state, day_of = self.state, self.day_of
        for h in self.heaps:
            keep = []
            for k, i in h:
                if state[i] != WAITING:
                    continue
                if day_of[i] <= limit_day:
                    state[i] = LEFT
                    self.leave[i] = min(self.abandon[i], self.last_off[day_of[i]])
                else:
                    keep.append((k, i))
            h[:] = keep
            heapq.heapify(h)
        for line in range(self.lines):
            self.live[line] = sum(
                1
                for q, h in enumerate(self.heaps)
                if self.heap_line[q] == line
                for _k, i in h
                if state[i] == WAITING
            )

    # ---- processes -------------------------------------------------------------------------

    def arrivals(self):
        """The door: each visitor comes in at their time (:meth:`enter`)."""
        env, arrive = self.env, self.arrive
        for i in range(self.n):
            t = arrive[i]
            if t > env.now:
                yield env.timeout(t - env.now)
            self.door(i, t)

    def door(self, i: int, t: float) -> None:
        """Visitor ``i`` at the door: to the front desk first if there is one (front_desk)."""
        if self.desk is None:
            self.enter(i, t)
        else:
            self.env.process(self.desk_visit(i))

    def desk_visit(self, i: int):
        """Visitor ``i`` at the front desk: queue, papers checked, then the counter queue; or
        sent back, and maybe back later the same day with complete papers (front_desk)."""
        env = self.env
        with self.desk_officers.request() as turn:
            yield turn
            yield env.timeout(self.desk_check[i])
        now = env.now
        if self.desk_incomplete[i]:
            self.desk_incomplete[i] = False  # the papers are complete when they come back
            if self.desk_back[i] and now + self.desk_delay[i] < self.p.day_close[self.day_of[i]]:
                yield env.timeout(self.desk_delay[i])
                env.process(self.desk_visit(i))
                return
            self.state[i] = LEFT
            self.leave[i] = now
            return
        if self.abandon[i] <= now:  # patience ran out while at the desk
            self.state[i] = LEFT
            self.leave[i] = now
            return
        self.key[i] = max(self.key[i], now)  # in the counter queue from the end of the check
        self.enter(i, now)

    def enter(self, i: int, t: float) -> None:
        """Visitor ``i`` comes in at ``t``: balks or joins a queue, and wakes a counter."""
        s = self.svc[i]
        prio = self.is_prio[i]
        per_counter, track_abandon = self.per_counter, self.track_abandon
        if track_abandon:
            self.settle_abandons(t)
        line = self.choose_line(i, s, prio, t) if per_counter else 0
        q = self.heap_index(line, s, prio)
        balking = self.sc.balking
        if (
            balking is not None
            and self.live[line] >= balking.queue_length
            and self.balk_u[i] < balking.probability
            and not self.free_counter(line, s, prio, q)
        ):
            self.state[i] = BALKED
            self.leave[i] = t
            return
        self.line_of[i] = line
        heapq.heappush(self.heaps[q], (self.key[i], i))
        self.live[line] += 1
        if track_abandon and self.abandon[i] < _INF:
            heapq.heappush(self.abandon_heap, (self.abandon[i], i))
        if per_counter:
            if self.idle[line] is not None:
                self.wake(line)
        elif not (self.down and self.heap_sys[q]):
            self.wake_for(s, prio)
        if self.reserves:
            self.call_reserves()

    def counter(self, ci: int):
        """One counter through its work windows: call, serve, wait when nobody is there."""
        env = self.env
        for ws, we, closing, d in self.p.windows[ci]:
            if env.now < ws:
                yield env.timeout(ws - env.now)
            if env.now >= we and not closing:
                # A service ran through this whole window: the officer had no time in it.
                self._closed_for_now(ci, we, d)
                continue
            self.on_duty[ci] = self.reserve[ci] is None
            if we > env.now:
                env.timeout(we - env.now).callbacks.append(partial(self.wake, ci))
            yield from self._work_window(ci, we, closing, d)
            self.on_duty[ci] = False
            if closing and env.now > self.last_off[d]:
                self.last_off[d] = env.now
            if not closing:
                self._closed_for_now(ci, we, d)

    def _work_window(self, ci: int, we: float, closing: bool, d: int):
        """Call and serve at counter ``ci`` until its window ends at ``we`` (or, in the last
        window of day ``d``, until calling stops for the day)."""
        env = self.env
        while True:
            now = env.now
            if (now >= we and not closing) or (closing and now >= self.stop_calling[d]):
                break  # the window is over, or the overtime cap: nobody more is called today
            if self.reserve[ci] is not None:
                step = yield from self._reserve_step(ci, we, now)
                if step is _STOP:
                    break
                if step is _AGAIN:
                    continue
            i = self.pick(ci, now)
            if i < 0:
                if now >= we:
                    break
                ev = env.event()
                self.idle[ci] = ev
                self.idle_since[ci] = now
                yield ev
                continue
            yield from self._serve(ci, i, now)

    def _reserve_step(self, ci: int, we: float, now: float):
        """A reserve counter decides whether to be at the counter: returns :data:`_STOP`,
        :data:`_AGAIN` (decided or waited; look again) or None (serve now)."""
        reserve = self.reserve[ci]
        if self.track_abandon:
            self.settle_abandons(now)
        waiting = self.live[0]
        if not self.on_duty[ci]:
            if now >= we:
                return _STOP
            if waiting < reserve.open_at:  # back office until the queue is long
                ev = self.on_call[ci] = self.env.event()
                yield ev | self.env.timeout(we - now)
                self.on_call[ci] = None
                return _AGAIN
            self.on_duty[ci] = True
        elif waiting <= reserve.close_at and now < we:
            self.on_duty[ci] = False  # short queue: back to the back office
            return _AGAIN
        return None

    def _serve(self, ci: int, i: int, now: float):
        """Counter ``ci`` serves visit ``i`` from ``now``."""
        self.state[i] = SERVED
        self.live[self.line_of[i]] -= 1
        self.start[i] = now
        self.served_by[i] = ci
        self.busy[ci] = True
        yield self.env.timeout(self.service_time[ci][i])
        self.end[i] = self.env.now
        self.busy[ci] = False

    def _closed_for_now(self, ci: int, we: float, d: int) -> None:
        """After a work window of counter ``ci`` ends: if it was its last of day ``d``, its
        own queue (``per_loket``) goes to the other counters."""
        if self.per_counter and we >= self.last_on[ci][d]:
            self.hand_over(ci)

    def outage(self, a: float, b: float):
        """The registration system is down from ``a`` to ``b``; counters are woken after."""
        env = self.env
        if a > env.now:
            yield env.timeout(a - env.now)
        self.down = True
        yield env.timeout(b - env.now)
        self.down = any(x <= env.now < y for x, y in self.p.outages)
        if not self.down:
            for ci in range(len(self.sc.counters)):
                self.wake(ci)

    def day_ends(self):
        """An hour before each next opening, the previous day's queue goes home."""
        env, p = self.env, self.p
        for d in range(p.n_days - 1):
            t = p.day_open[d + 1] - 60.0
            if t > env.now:
                yield env.timeout(t - env.now)
            self.purge(d)
            if self.sc.return_next_day:
                self.come_back_tomorrow(d)
