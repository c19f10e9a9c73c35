"""What a plan changed, in Indonesian sentences the facilitator reads out.

:func:`describe_changes` compares a plan with the card (or any earlier plan) one decision at a
time; :func:`describe_decision` tells a decision during the day: the morning plan's changes,
then what changed at the decision time, so the record of a team's day keeps both halves.
"""

from __future__ import annotations

from workbench import formatting as fmt
from workbench.roleplay.staffing import hour_list, staffing
from workbench.simulation import Counter, Scenario

__all__ = ["describe_changes", "describe_decision"]


def _staffed_hours(grid, name: str) -> list[str]:
    return [h for h, on in grid.loc[name].items() if on]


def _priority_sentence(c: Counter, old: Counter) -> list[str]:
    if (c.priority, c.priority_only) == (old.priority, old.priority_only):
        return []
    if c.priority_only:
        return [f"{c.name} khusus warga prioritas."]
    if c.priority:
        return [f"{c.name} menjadi loket prioritas."]
    return [f"{c.name} bukan lagi loket prioritas."]


def _counter_sentences(baseline: Scenario, plan: Scenario) -> list[str]:
    """Counters added, re-staffed, serving other services, priority roles and breaks."""
    out: list[str] = []
    before = {c.name: c for c in baseline.counters}
    grid_a, grid_b = staffing(baseline), staffing(plan)
    for c in plan.counters:
        hours = _staffed_hours(grid_b, c.name)
        if c.name not in before:
            out.append(f"{c.name} ditambah ({hour_list(hours)}).")
            continue
        old = before[c.name]
        if not grid_a.loc[c.name].equals(grid_b.loc[c.name]):
            out.append(f"{c.name} dijaga {hour_list(hours)}.")
        if c.services != old.services:
            what = "semua layanan" if c.services is None else ", ".join(c.services)
            out.append(f"{c.name} melayani {what}.")
        out += _priority_sentence(c, old)
        if c.breaks != old.breaks and c.breaks:
            a, b = c.breaks[0]
            out.append(f"{c.name} istirahat {fmt.clock(a)}-{fmt.clock(b)}.")
    return out


def _reserve_sentences(baseline: Scenario, plan: Scenario) -> list[str]:
    before = {c.name: c for c in baseline.counters}
    out = []
    for c in plan.counters:
        old = before[c.name].reserve if c.name in before else None
        if c.reserve is not None and c.reserve != old:
            out.append(
                f"{c.name} dijaga petugas cadangan: datang bila {c.reserve.open_at} orang "
                f"menunggu, kembali bila {c.reserve.close_at} orang atau kurang."
            )
    return out


def _overtime_sentence(baseline: Scenario, plan: Scenario) -> list[str]:
    cap = plan.overtime_cap_minutes
    if cap == baseline.overtime_cap_minutes:
        return []
    if cap is None:
        return ["Lembur tanpa batas."]
    if cap == 0:
        return ["Tanpa lembur: loket berhenti memanggil pada jam tutup."]
    return [f"Lembur paling lama {fmt.number(cap, 0)} menit setelah jam tutup."]


def _office_sentences(baseline: Scenario, plan: Scenario) -> list[str]:
    """Counters closed, breaks together or in turns, queue kind, priority and appointments."""
    out = []
    names = {c.name for c in plan.counters}
    out += [f"{c.name} ditutup sepanjang hari." for c in baseline.counters if c.name not in names]
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


def describe_changes(baseline: Scenario, plan: Scenario) -> list[str]:
    """What ``plan`` changed against ``baseline``, one Indonesian sentence per change."""
    return [
        *_counter_sentences(baseline, plan),
        *_reserve_sentences(baseline, plan),
        *_overtime_sentence(baseline, plan),
        *_office_sentences(baseline, plan),
    ]


def describe_decision(card: Scenario, morning: Scenario, after: Scenario, clock: str) -> list[str]:
    """A decision during the day: the morning plan's changes against the card, then what
    changed at ``clock`` (``"10:00"``) against the morning plan, each marked with its time."""
    first = describe_changes(card, morning)
    second = describe_changes(morning, after)
    out = [f"Sampai {clock}: {line}" for line in first] or [
        f"Sampai {clock}: tidak mengubah rencana kartu."
    ]
    out += [f"Sejak {clock}: {line}" for line in second] or [f"Sejak {clock}: tidak ada perubahan."]
    return out
