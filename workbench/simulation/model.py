"""The simulation model: one replication of a scenario as a SimPy process model.

How a replication runs, in the words a trainer would use:

1. **Everything random is decided first.** Before the office opens, the replication draws who
   will come: each walk-in visitor's arrival time, service, priority group, how long their
   service will take and how long they are willing to wait, plus the online appointments. Each
   of these comes from its own random stream derived from the seed (numpy ``SeedSequence``), so
   two scenarios run with the same seed meet *the same visitors*: the same people at the same
   times with the same needs and the same patience (common random numbers). If one team's
   office does better than another's, it is the policy, not luck.
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

from workbench.simulation.scenario import PRIORITY_GROUPS, Scenario

__all__ = ["DAY_MINUTES", "Plan", "draw_visitors", "plan", "run_replication"]

#: Day ``k`` of a scenario starts ``k * DAY_MINUTES`` minutes after the first opening.
DAY_MINUTES = 24 * 60

#: Status codes in the engine's arrays (names in records: see results.STATUS_NAMES).
WAITING, SERVED, LEFT, BALKED = 0, 1, 2, 3

#: Number of random streams per replication; fixed so streams line up across scenarios.
N_STREAMS = 10
(
    S_ARRIVAL,
    S_SERVICE,
    S_PRIORITY,
    S_NEED_U,
    S_NEED_Z,
    S_PATIENCE_U,
    S_PATIENCE_Z,
    S_BALK,
    S_APPOINTMENT,
    S_SPARE,
) = range(N_STREAMS)

_INF = math.inf


@dataclass(frozen=True)
class Plan:
    """Everything about a scenario that does not change between replications."""

    scenario: Scenario
    n_days: int
    day_open: np.ndarray  # absolute opening time per day (minutes from the first opening)
    day_close: np.ndarray  # absolute closing time per day
    seg_start: np.ndarray  # arrival-rate segments: start, rate per minute, cumulative intensity
    seg_rate: np.ndarray
    seg_cum: np.ndarray
    total_intensity: float
    service_cum: np.ndarray
    needs_system: np.ndarray
    priority_cum: np.ndarray
    windows: tuple[tuple[tuple[float, float, bool, int], ...], ...]  # per counter
    scheduled: np.ndarray  # scheduled minutes per counter over all days
    outages: tuple[tuple[float, float], ...]
    slots: np.ndarray  # absolute slot times of appointment seats (one per seat)
    appointment_cum: np.ndarray


def _subtract(
    spans: list[tuple[float, float]], cut: tuple[float, float]
) -> list[tuple[float, float]]:
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


def plan(sc: Scenario) -> Plan:
    """Prepare the replication-independent parts of a scenario."""
    n_days = len(sc.days)
    offsets = np.arange(n_days) * DAY_MINUTES - sc.open_time  # clock minute -> absolute
    day_open = offsets + sc.open_time
    day_close = offsets + sc.close_time

    starts, rates = [], []
    for d, weekday in enumerate(sc.days):
        if sc.arrivals.constant is not None:
            pieces = [(sc.open_time, sc.close_time, sc.arrivals.rate(weekday, 0))]
        else:
            pieces = []
            for hour in range(int(sc.open_time // 60), math.ceil(sc.close_time / 60)):
                a, b = max(sc.open_time, hour * 60.0), min(sc.close_time, hour * 60.0 + 60.0)
                if b > a:
                    pieces.append((a, b, sc.arrivals.rate(weekday, hour)))
        for a, b, rate in pieces:
            if rate > 0:
                starts.append((offsets[d] + a, offsets[d] + b))
                rates.append(rate / 60.0)
    seg_start = np.array([s for s, _ in starts], dtype=float)
    seg_rate = np.array(rates, dtype=float)
    seg_len = np.array([e - s for s, e in starts], dtype=float)
    seg_cum = np.concatenate([[0.0], np.cumsum(seg_rate * seg_len)])

    shares = np.array([s.share for s in sc.services], dtype=float)
    service_cum = np.cumsum(shares / shares.sum()) if shares.sum() > 0 else np.ones(len(shares))
    priority_cum = np.cumsum([float(sc.priority_shares.get(g, 0.0)) for g in PRIORITY_GROUPS])

    windows, scheduled = [], []
    for c in sc.counters:
        wins, total = [], 0.0
        for d in range(n_days):
            spans = list(c.shifts) if c.shifts is not None else [(sc.open_time, sc.close_time)]
            spans = sorted(spans)
            cuts = list(sc.office_breaks) + list(c.breaks)
            cuts += [(p.start, p.end) for p in c.absences if p.on(d + 1)]
            cuts += [
                (x.start, x.end)
                for x in sc.disruptions
                if x.kind == "loket_tutup"
                and x.counter == c.name
                and (x.day is None or x.day == d + 1)
            ]
            for cut in cuts:
                spans = _subtract(spans, cut)
            spans = [(s, e) for s, e in spans if e > s]
            for s, e in spans:
                total += e - s
                wins.append((offsets[d] + s, offsets[d] + e, e >= sc.close_time, d))
        windows.append(tuple(sorted(wins)))
        scheduled.append(total)

    outages = []
    for x in sc.disruptions:
        if x.kind == "sistem_mati":
            for d in range(n_days):
                if x.day is None or x.day == d + 1:
                    outages.append((offsets[d] + x.start, offsets[d] + x.end))

    slots = np.empty(0)
    appointment_cum = service_cum
    if sc.appointments is not None:
        ap = sc.appointments
        clock = np.arange(ap.start, ap.end - 1e-9, ap.interval)
        per_day = np.repeat(clock, ap.per_slot)
        slots = np.concatenate([offsets[d] + per_day for d in range(n_days)])
        if ap.service_shares:
            names = [s.name for s in sc.services]
            w = np.array([float(ap.service_shares.get(n, 0.0)) for n in names])
            appointment_cum = np.cumsum(w / w.sum())

    return Plan(
        scenario=sc,
        n_days=n_days,
        day_open=day_open,
        day_close=day_close,
        seg_start=seg_start,
        seg_rate=seg_rate,
        seg_cum=seg_cum,
        total_intensity=float(seg_cum[-1]),
        service_cum=service_cum,
        needs_system=np.array([s.needs_system for s in sc.services], dtype=bool),
        priority_cum=priority_cum,
        windows=tuple(windows),
        scheduled=np.array(scheduled, dtype=float),
        outages=tuple(sorted(outages)),
        slots=slots,
        appointment_cum=appointment_cum,
    )


def streams(
    seed: int | np.random.SeedSequence, replications: int
) -> list[list[np.random.Generator]]:
    """Independent random streams per replication and purpose, derived from one seed.

    Replication ``r`` gets the same streams in every scenario run with the same seed, and each
    purpose (arrivals, service, priority, ...) has its own stream, so changing how one thing is
    drawn never shifts the others.
    """
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    return [
        [np.random.default_rng(s) for s in rep.spawn(N_STREAMS)] for rep in root.spawn(replications)
    ]


def _pick(cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    return np.minimum(np.searchsorted(cum, u, side="right"), len(cum) - 1)


def draw_visitors(p: Plan, rngs: list[np.random.Generator]) -> dict[str, np.ndarray]:
    """Draw every visitor of one replication (walk-ins and appointment holders), vectorised.

    Returns arrays sorted by arrival time: ``arrive``, ``key`` (place in the queue), ``service``,
    ``group`` (index in PRIORITY_GROUPS, 3 for none), ``need`` (service minutes), ``patience``,
    ``balk_u``, ``channel`` (0 walk-in, 1 online appointment), ``slot`` and ``day``.
    """
    sc = p.scenario
    # Walk-ins: a unit-rate Poisson process mapped through the cumulative intensity, so a change
    # in one hour's rate moves only that hour's visitors.
    total = p.total_intensity
    rng = rngs[S_ARRIVAL]
    if total > 0:
        chunk = int(total + 6.0 * math.sqrt(total) + 16)
        cum = np.cumsum(rng.standard_exponential(chunk))
        while cum[-1] < total:
            more = np.cumsum(rng.standard_exponential(chunk)) + cum[-1]
            cum = np.concatenate([cum, more])
        e = cum[: np.searchsorted(cum, total)]
        seg = np.searchsorted(p.seg_cum, e, side="right") - 1
        arrive = p.seg_start[seg] + (e - p.seg_cum[seg]) / p.seg_rate[seg]
    else:
        arrive = np.empty(0)
    n = len(arrive)
    service = _pick(p.service_cum, rngs[S_SERVICE].random(n))
    group = np.searchsorted(p.priority_cum, rngs[S_PRIORITY].random(n), side="right")
    u_need, z_need = rngs[S_NEED_U].random(n), rngs[S_NEED_Z].standard_normal(n)
    if sc.patience is not None:
        patience = sc.patience.sample(
            rngs[S_PATIENCE_U].random(n), rngs[S_PATIENCE_Z].standard_normal(n)
        )
    else:
        patience = np.full(n, _INF)
    balk_u = rngs[S_BALK].random(n)
    key = arrive
    channel = np.zeros(n, dtype=np.int8)
    slot = np.full(n, np.nan)

    if sc.appointments is not None and len(p.slots):
        ap = sc.appointments
        m = len(p.slots)
        arng = rngs[S_APPOINTMENT]
        u = arng.random((8, m))
        z = arng.standard_normal((3, m))
        a_arrive = p.slots + ap.offset_mean + ap.offset_sd * z[0]
        day = np.minimum(((p.slots - p.day_open[0]) // DAY_MINUTES).astype(int), p.n_days - 1)
        a_arrive = np.maximum(a_arrive, p.day_open[day])
        keep = (u[0] < ap.booked) & (u[1] >= ap.no_show) & (a_arrive < p.day_close[day])
        a_service = _pick(p.appointment_cum, u[2])
        a_group = np.searchsorted(p.priority_cum, u[3], side="right")
        has_patience = sc.patience is not None
        a_patience = sc.patience.sample(u[5], z[2]) if has_patience else np.full(m, _INF)
        arrive = np.concatenate([arrive, a_arrive[keep]])
        key = np.concatenate([key, np.maximum(a_arrive, p.slots)[keep]])
        service = np.concatenate([service, a_service[keep]])
        group = np.concatenate([group, a_group[keep]])
        u_need = np.concatenate([u_need, u[4][keep]])
        z_need = np.concatenate([z_need, z[1][keep]])
        patience = np.concatenate([patience, a_patience[keep]])
        balk_u = np.concatenate([balk_u, u[6][keep]])
        channel = np.concatenate([channel, np.ones(int(keep.sum()), dtype=np.int8)])
        slot = np.concatenate([slot, p.slots[keep]])
        order = np.argsort(arrive, kind="stable")
        arrive, key, service, group = arrive[order], key[order], service[order], group[order]
        u_need, z_need, patience = u_need[order], z_need[order], patience[order]
        balk_u, channel, slot = balk_u[order], channel[order], slot[order]

    need = np.empty(len(arrive))
    for s_index, s in enumerate(sc.services):
        mask = service == s_index
        if mask.any():
            need[mask] = s.duration.sample(u_need[mask], z_need[mask])
    day = np.minimum(((arrive - p.day_open[0]) // DAY_MINUTES).astype(np.int64), p.n_days - 1)
    return {
        "arrive": arrive,
        "key": key,
        "service": service,
        "group": group,
        "need": need,
        "patience": patience,
        "balk_u": balk_u,
        "channel": channel,
        "slot": slot,
        "day": np.maximum(day, 0),
    }


def run_replication(p: Plan, v: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Play out one replication with SimPy; returns per-visitor outcome arrays.

    ``start`` and ``end`` of service, ``leave`` (when the visitor left the office), ``counter``
    (index, -1 if not served) and ``status`` (SERVED, LEFT or BALKED).
    """
    sc = p.scenario
    env = simpy.Environment()
    n = len(v["arrive"])
    n_services = len(sc.services)
    n_counters = len(sc.counters)
    per_counter = sc.queue == "per_loket"
    prio_first = sc.priority_first

    arrive = v["arrive"].tolist()
    key = v["key"].tolist()
    svc = v["service"].tolist()
    is_prio = (v["group"] < len(PRIORITY_GROUPS)).tolist()
    abandon = (v["arrive"] + v["patience"]).tolist()
    balk_u = v["balk_u"].tolist()
    day_of = v["day"].tolist()
    speed = [c.speed_factor for c in sc.counters]
    need = v["need"]
    if len(set(speed)) > 1:
        service_time = [(need * f).tolist() for f in speed]
    else:
        base = (need * speed[0]).tolist() if n_counters else []
        service_time = [base] * n_counters

    state = [WAITING] * n
    start = [math.nan] * n
    end = [math.nan] * n
    leave = [math.nan] * n
    served_by = [-1] * n

    # Queues: one heap per (line, service, priority flag); entries are (key, visitor).
    lines = n_counters if per_counter else 1
    heaps: list[list[tuple[float, int]]] = [[] for _ in range(lines * n_services * 2)]
    heap_line = [q // (n_services * 2) for q in range(len(heaps))]
    heap_sys = [bool(p.needs_system[(q // 2) % n_services]) for q in range(len(heaps))]

    def heap_index(line: int, s: int, prio: bool) -> int:
        return (line * n_services + s) * 2 + (1 if prio else 0)

    # What each counter may call, best first: (heap, rank); lower rank is called first.
    service_index = {s.name: i for i, s in enumerate(sc.services)}
    serves = []
    for c in sc.counters:
        serves.append(
            set(range(n_services)) if c.services is None else {service_index[s] for s in c.services}
        )
    pick_lists = []
    for ci, c in enumerate(sc.counters):
        line = ci if per_counter else 0
        entries = []
        for s in sorted(serves[ci]):
            rank_prio = 0 if (prio_first or c.priority) else 1
            entries.append((heap_index(line, s, True), rank_prio))
            if not c.priority_only:
                entries.append((heap_index(line, s, False), 1))
        pick_lists.append(tuple(entries))
    # Which idle counter to wake for a new visitor, best first.
    # Among idle counters the preferred kind (priority counters for priority visitors, ordinary
    # counters for the others) is woken first, then the one that has been idle longest.
    wake_order, wake_pref = {}, {}
    for s in range(n_services):
        for prio in (True, False):
            cands = [
                ci
                for ci, c in enumerate(sc.counters)
                if s in serves[ci] and (prio or not c.priority_only)
            ]
            cands.sort(key=lambda ci, prio=prio: (sc.counters[ci].priority != prio, ci))
            wake_order[s, prio] = tuple(cands)
            wake_pref[s, prio] = tuple(int(sc.counters[ci].priority != prio) for ci in cands)

    live = [0] * lines  # people waiting per line (for balking and choosing a queue)
    busy = [False] * n_counters
    on_duty = [False] * n_counters
    idle: list[simpy.Event | None] = [None] * n_counters
    idle_since = [0.0] * n_counters
    outages = p.outages
    down = [False]
    track_abandon = sc.patience is not None and (sc.balking is not None or per_counter)
    abandon_heap: list[tuple[float, int, int]] = []
    line_of = [0] * n
    last_off = p.day_close.tolist()

    def wake(ci: int, _event=None) -> None:
        ev = idle[ci]
        if ev is not None:
            idle[ci] = None
            ev.succeed()

    def settle_abandons(now: float) -> None:
        while abandon_heap and abandon_heap[0][0] <= now:
            t, i, line = heapq.heappop(abandon_heap)
            if state[i] == WAITING:
                state[i] = LEFT
                leave[i] = t
                live[line] -= 1

    def pick(ci: int, now: float) -> int:
        best_q, best = -1, None
        is_down = down[0]
        for q, rank in pick_lists[ci]:
            h = heaps[q]
            if not h or (is_down and heap_sys[q]):
                continue
            while h:
                k, i = h[0]
                if state[i] != WAITING:
                    heapq.heappop(h)
                elif abandon[i] <= now:
                    heapq.heappop(h)
                    state[i] = LEFT
                    leave[i] = abandon[i]
                    live[heap_line[q]] -= 1
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

    def counter_process(ci: int):
        times = service_time[ci]
        for ws, we, closing, d in p.windows[ci]:
            if env.now < ws:
                yield env.timeout(ws - env.now)
            on_duty[ci] = True
            env.timeout(we - env.now).callbacks.append(partial(wake, ci))
            while True:
                now = env.now
                if now >= we and not closing:
                    break
                i = pick(ci, now)
                if i < 0:
                    if now >= we:
                        break
                    ev = env.event()
                    idle[ci] = ev
                    idle_since[ci] = now
                    yield ev
                    continue
                state[i] = SERVED
                live[line_of[i]] -= 1
                start[i] = now
                served_by[i] = ci
                busy[ci] = True
                yield env.timeout(times[i])
                end[i] = env.now
                busy[ci] = False
            on_duty[ci] = False
            if closing and env.now > last_off[d]:
                last_off[d] = env.now

    # When each counter stops work on each day (-inf on a day it does not work at all).
    last_on = [[-_INF] * p.n_days for _ in range(n_counters)]
    for ci, wins in enumerate(p.windows):
        for _ws, we, _closing, d in wins:
            last_on[ci][d] = max(last_on[ci][d], we)

    def choose_line(i: int, s: int, prio: bool) -> int:
        # A visitor lines up only at a counter that is staffed now or later that day (during
        # the midday break, not at the desk of an officer who is off sick or has gone home).
        t, d = arrive[i], day_of[i]
        cands = [ci for ci in wake_order[s, prio] if on_duty[ci] or last_on[ci][d] > t]
        cands = cands or list(wake_order[s, prio])
        if prio:
            special = [ci for ci in cands if sc.counters[ci].priority]
            if special:
                cands = special
        working = [ci for ci in cands if on_duty[ci]] or cands
        return min(working, key=lambda ci: (live[ci] + busy[ci], ci))

    balking = sc.balking
    balk_len = balking.queue_length if balking else 0
    balk_p = balking.probability if balking else 0.0

    def arrivals():
        for i in range(n):
            t = arrive[i]
            if t > env.now:
                yield env.timeout(t - env.now)
            s = svc[i]
            prio = is_prio[i]
            if track_abandon:
                settle_abandons(t)
            line = choose_line(i, s, prio) if per_counter else 0
            if balking is not None and live[line] >= balk_len and balk_u[i] < balk_p:
                state[i] = BALKED
                leave[i] = t
                continue
            line_of[i] = line
            heapq.heappush(heaps[heap_index(line, s, prio)], (key[i], i))
            live[line] += 1
            if track_abandon and abandon[i] < _INF:
                heapq.heappush(abandon_heap, (abandon[i], i, line))
            if per_counter:
                if idle[line] is not None:
                    wake(line)
            elif not (down[0] and heap_sys[heap_index(0, s, prio)]):
                chosen, chosen_key = -1, None
                for ci, pref in zip(wake_order[s, prio], wake_pref[s, prio], strict=True):
                    if idle[ci] is not None and (chosen < 0 or (pref, idle_since[ci]) < chosen_key):
                        chosen, chosen_key = ci, (pref, idle_since[ci])
                if chosen >= 0:
                    wake(chosen)

    def outage(a: float, b: float):
        if a > env.now:
            yield env.timeout(a - env.now)
        down[0] = True
        yield env.timeout(b - env.now)
        down[0] = any(x <= env.now < y for x, y in outages)
        if not down[0]:
            for ci in range(n_counters):
                wake(ci)

    def purge(limit_day: int) -> None:
        for h in heaps:
            keep = []
            for k, i in h:
                if state[i] != WAITING:
                    continue
                if day_of[i] <= limit_day:
                    state[i] = LEFT
                    leave[i] = min(abandon[i], last_off[day_of[i]])
                else:
                    keep.append((k, i))
            h[:] = keep
            heapq.heapify(h)
        for line in range(lines):
            live[line] = sum(
                1
                for q, h in enumerate(heaps)
                if heap_line[q] == line
                for _k, i in h
                if state[i] == WAITING
            )

    def day_ends():
        for d in range(p.n_days - 1):
            t = p.day_open[d + 1] - 60.0
            if t > env.now:
                yield env.timeout(t - env.now)
            purge(d)

    env.process(arrivals())
    for ci in range(n_counters):
        if p.windows[ci]:
            env.process(counter_process(ci))
    for a, b in outages:
        env.process(outage(a, b))
    if p.n_days > 1:
        env.process(day_ends())
    env.run()
    purge(p.n_days)

    end_arr = np.array(end, dtype=float)
    status = np.array(state, dtype=np.int8)
    return {
        "start": np.array(start, dtype=float),
        "end": end_arr,
        "leave": np.where(status == SERVED, end_arr, np.array(leave, dtype=float)),
        "counter": np.array(served_by, dtype=np.int64),
        "status": status,
    }
