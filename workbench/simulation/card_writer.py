"""Writing a scenario as a card: the Indonesian YAML form that :mod:`~workbench.simulation.card`
reads back into the same scenario."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError
from workbench.simulation.front_desk import front_desk_dict
from workbench.simulation.parts import Counter, Disruption, Period, format_clock, plain
from workbench.simulation.team_rules import reserve_dict

if TYPE_CHECKING:  # only for annotations: the scenario module imports this one
    from workbench.simulation.scenario import Scenario

__all__ = ["card_dict"]


def card_dict(sc: Scenario) -> dict[str, Any]:
    """The YAML form of ``sc`` (Indonesian keys), as the card reader reads it back."""
    if sc.arrivals.constant is not None or sc.close_time > 24 * 60:
        raise WorkbenchError("Skenario M/M/c buatan Python tidak bisa disimpan sebagai kartu.")
    out: dict[str, Any] = {"nama": sc.name}
    if sc.story:
        out["cerita"] = sc.story
    out["hari"] = list(sc.days)
    out["jam_buka"] = format_clock(sc.open_time)
    out["jam_tutup"] = format_clock(sc.close_time)
    out["istirahat"] = [[format_clock(a), format_clock(b)] for a, b in sc.office_breaks]
    out.update(_office_rules(sc))
    out["antrean"] = sc.queue
    out["layanan_prioritas"] = sc.priority_first
    out["kedatangan"] = _arrivals_dict(sc)
    if sc.priority_shares:
        out["prioritas"] = {k: plain(v) for k, v in sc.priority_shares.items()}
    out["layanan"] = [
        {
            "nama": s.name,
            "porsi": plain(s.share),
            "durasi": s.duration.to_dict(),
            "pakai_sistem": s.needs_system,
        }
        for s in sc.services
    ]
    out["loket"] = [_counter_dict(c) for c in sc.counters]
    if sc.patience is not None:
        out["kesabaran"] = sc.patience.to_dict()
    if sc.balking is not None:
        out["tidak_bergabung"] = {
            "panjang_antrean": sc.balking.queue_length,
            "peluang": plain(sc.balking.probability),
        }
    if sc.appointments is not None:
        out["janji_daring"] = _appointments_dict(sc)
    if sc.disruptions:
        out["gangguan"] = [_disruption_dict(d) for d in sc.disruptions]
    return out


def _office_rules(sc: Scenario) -> dict[str, Any]:
    """The optional office-wide keys: standard, overtime cap, coming back, front desk."""
    out: dict[str, Any] = {}
    if sc.service_standard_minutes is not None:
        out["standar_pelayanan_menit"] = plain(sc.service_standard_minutes)
    if sc.overtime_cap_minutes is not None:
        out["batas_lembur_menit"] = plain(sc.overtime_cap_minutes)
    if sc.return_next_day is not None:
        out["kembali_besok"] = plain(sc.return_next_day)
    if sc.front_desk is not None:
        out["meja_depan"] = front_desk_dict(sc.front_desk)
    return out


def _arrivals_dict(sc: Scenario) -> dict[str, Any]:
    kedatangan: dict[str, Any] = {
        "per_jam": {f"{h:02d}": plain(r) for h, r in sorted(sc.arrivals.per_hour.items())}
    }
    if sc.arrivals.by_day:
        kedatangan["per_hari"] = {
            d: {f"{h:02d}": plain(r) for h, r in sorted(p.items())}
            for d, p in sc.arrivals.by_day.items()
        }
    if sc.arrivals.day_factor:
        kedatangan["faktor_hari"] = {d: plain(f) for d, f in sc.arrivals.day_factor.items()}
    if sc.arrivals.factor != 1.0:
        kedatangan["faktor"] = plain(sc.arrivals.factor)
    return kedatangan


def _appointments_dict(sc: Scenario) -> dict[str, Any]:
    a = sc.appointments
    appt: dict[str, Any] = {
        "mulai": format_clock(a.start),
        "selesai": format_clock(a.end),
        "interval_menit": plain(a.interval),
        "kuota_per_slot": a.per_slot,
        "terisi": plain(a.booked),
        "tidak_datang": plain(a.no_show),
        "selisih_datang": {
            "rata_rata": plain(a.offset_mean),
            "simpangan_baku": plain(a.offset_sd),
        },
    }
    if a.service_shares:
        appt["layanan"] = {k: plain(v) for k, v in a.service_shares.items()}
    return appt


def _counter_dict(c: Counter) -> dict[str, Any]:
    out: dict[str, Any] = {
        "nama": c.name,
        "layanan": "semua" if c.services is None else list(c.services),
    }
    if c.shifts is not None:
        out["jadwal"] = [[format_clock(a), format_clock(b)] for a, b in c.shifts]
    if c.breaks:
        out["istirahat"] = [[format_clock(a), format_clock(b)] for a, b in c.breaks]
    if c.absences:
        out["tidak_hadir"] = [_period_dict(p) for p in c.absences]
    if c.priority:
        out["prioritas"] = True
    if c.priority_only:
        out["hanya_prioritas"] = True
    if c.speed_factor != 1.0:
        out["faktor_durasi"] = plain(c.speed_factor)
    if c.reserve is not None:
        out["cadangan"] = reserve_dict(c.reserve)
    return out


def _period_dict(p: Period) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if p.day is not None:
        out["hari"] = p.day
    out["mulai"] = format_clock(p.start)
    out["selesai"] = format_clock(p.end)
    return out


def _disruption_dict(d: Disruption) -> dict[str, Any]:
    out: dict[str, Any] = {"jenis": d.kind}
    if d.counter is not None:
        out["loket"] = d.counter
    out.update(_period_dict(Period(d.start, d.end, d.day)))
    return out
