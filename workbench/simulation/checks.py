"""Consistency checks of a whole scenario, one function per part of the card.

:func:`scenario_problems` runs them all, in the order a card is read, and returns every problem
at once (an empty list for a sound scenario). They run on every scenario however it was made:
from a YAML card, in Python, by :meth:`Scenario.replace` or by calibration from a visit log.
Each check reads only the scenario's fields; the rules themselves live in
:mod:`~workbench.simulation.rules`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from workbench.errors import Problem
from workbench.simulation.front_desk import front_desk_problems
from workbench.simulation.parts import (
    DISRUPTION_KINDS,
    PRIORITY_GROUPS,
    QUEUE_MODES,
    WEEKDAYS,
    format_clock,
)
from workbench.simulation.rules import (
    SHARE_TOLERANCE,
    is_number,
    require_choice,
    require_non_negative,
    require_positive,
    require_probability,
    require_total_one,
    require_whole,
)
from workbench.simulation.team_rules import rule_problems

if TYPE_CHECKING:  # only for annotations: the scenario module imports this one
    from workbench.simulation.scenario import Scenario

__all__ = ["day_problems", "period_problems", "scenario_problems"]


def scenario_problems(sc: Scenario) -> list[Problem]:
    """Every inconsistency in a fully built scenario, in the order a card is read."""
    p = _name_problems(sc)
    if not _opening_times_are_clock_times(sc, p):
        return p  # every other check measures against the opening hours
    p += _day_and_hours_problems(sc)
    p += _office_rule_problems(sc)
    p += _service_problems(sc)
    p += _priority_share_problems(sc)
    p += _arrival_problems(sc)
    p += _counter_problems(sc)
    p += _patience_and_balking_problems(sc)
    p += _appointment_problems(sc)
    p += _disruption_problems(sc)
    p += rule_problems(sc)
    p += front_desk_problems(sc)
    return p


def _opening(sc: Scenario) -> tuple[float, float]:
    return (sc.open_time, sc.close_time)


def _name_problems(sc: Scenario) -> list[Problem]:
    """The scenario has a name."""
    if not sc.name or not str(sc.name).strip():
        return [Problem("nama skenario kosong", column="nama", expected="teks")]
    return []


def _opening_times_are_clock_times(sc: Scenario, p: list[Problem]) -> bool:
    """Opening and closing are numbers of minutes, opening not before midnight."""
    if not (is_number(sc.open_time) and is_number(sc.close_time)) or sc.open_time < 0:
        p.append(
            Problem(
                "jam buka/tutup tidak sah",
                column="jam_buka",
                value=sc.open_time,
                expected="jam JJ:MM",
            )
        )
        return False
    return True


def _day_and_hours_problems(sc: Scenario) -> list[Problem]:
    """Closing comes after opening, the days are weekdays, a day is at most 24 hours, and the
    office breaks lie inside the opening hours."""
    p: list[Problem] = []
    if sc.close_time <= sc.open_time:
        p.append(
            Problem(
                "jam tutup harus setelah jam buka",
                column="jam_tutup",
                value=format_clock(sc.close_time),
                expected=f"setelah {format_clock(sc.open_time)}",
            )
        )
    if not sc.days:
        p.append(Problem("daftar hari kosong", column="hari", expected="misalnya [senin]"))
    for i, day in enumerate(sc.days):
        require_choice(p, day, WEEKDAYS, f"hari[{i + 1}]", "nama hari tidak dikenal")
    if len(sc.days) > 1 and sc.close_time - sc.open_time > 24 * 60:
        p.append(Problem("satu hari kerja tidak boleh lebih dari 24 jam", column="jam_tutup"))
    for i, (a, b) in enumerate(sc.office_breaks):
        p += period_problems(a, b, f"istirahat[{i + 1}]", _opening(sc))
    return p


def _office_rule_problems(sc: Scenario) -> list[Problem]:
    """The queue mode is known and the service standard is a positive number of minutes."""
    p: list[Problem] = []
    require_choice(p, sc.queue, QUEUE_MODES, "antrean", "jenis antrean tidak dikenal")
    if sc.service_standard_minutes is not None:
        require_positive(
            p,
            sc.service_standard_minutes,
            "standar_pelayanan_menit",
            "standar pelayanan harus menit lebih dari nol",
            "menit > 0",
        )
    return p


def _service_problems(sc: Scenario) -> list[Problem]:
    """At least one service, names unique, shares not negative and adding up to 1, and a
    sound service-time distribution for each."""
    p: list[Problem] = []
    names = [s.name for s in sc.services]
    if not sc.services:
        p.append(Problem("belum ada layanan", column="layanan", expected="minimal satu layanan"))
    for dup in sorted({n for n in names if names.count(n) > 1}):
        p.append(Problem("nama layanan dipakai dua kali", column="layanan", value=dup))
    for i, s in enumerate(sc.services):
        where = f"layanan[{i + 1}]"
        require_non_negative(
            p, s.share, f"{where}.porsi", "porsi layanan tidak boleh negatif", "angka 0 sampai 1"
        )
        p += s.duration.problems(f"{where}.durasi")
    shares = [s.share for s in sc.services if is_number(s.share)]
    if sc.services and len(shares) == len(sc.services):
        require_total_one(p, sum(shares), "layanan.porsi", "jumlah porsi layanan harus 1 (100%)")
    return p


def _priority_share_problems(sc: Scenario) -> list[Problem]:
    """Priority groups are the known ones, each share is a probability, together at most 1."""
    p: list[Problem] = []
    for group, share in sc.priority_shares.items():
        require_choice(
            p, group, PRIORITY_GROUPS, f"prioritas.{group}", "kelompok prioritas tidak dikenal"
        )
        require_probability(p, share, f"prioritas.{group}", "porsi prioritas harus antara 0 dan 1")
    total = sum(v for v in sc.priority_shares.values() if is_number(v))
    if total > 1 + SHARE_TOLERANCE:
        p.append(
            Problem(
                "jumlah porsi prioritas lebih dari 1",
                column="prioritas",
                value=round(total, 4),
                expected="total <= 1",
            )
        )
    return p


def _arrival_problems(sc: Scenario) -> list[Problem]:
    """Arrival rates are sound numbers in opening hours, weekday factors name weekdays, and
    somebody comes at all (walk-ins or appointments)."""
    p: list[Problem] = []
    a = sc.arrivals
    if a.constant is not None:
        require_positive(
            p,
            a.constant,
            "kedatangan",
            "laju kedatangan harus lebih dari nol",
            "pengunjung per jam > 0",
        )
    profiles = [("per_jam", a.per_hour)] + [(f"per_hari.{d}", prof) for d, prof in a.by_day.items()]
    for label, profile in profiles:
        for hour, rate in profile.items():
            p += _hourly_rate_problems(sc, label, hour, rate)
    for day in list(a.day_factor) + list(a.by_day):
        require_choice(p, day, WEEKDAYS, "kedatangan", "nama hari tidak dikenal")
    for day, f in a.day_factor.items():
        require_non_negative(
            p, f, f"kedatangan.faktor_hari.{day}", "faktor hari tidak boleh negatif", ">= 0"
        )
    require_non_negative(
        p, a.factor, "kedatangan.faktor", "faktor kedatangan tidak boleh negatif", ">= 0"
    )
    if a.constant is None and not a.per_hour and not a.by_day and sc.appointments is None:
        p.append(
            Problem(
                "belum ada kedatangan",
                column="kedatangan.per_jam",
                expected="laju pengunjung per jam, misalnya '08': 40",
            )
        )
    return p


def _hourly_rate_problems(sc: Scenario, label: str, hour: Any, rate: Any) -> list[Problem]:
    """One hour of an arrival profile: a clock hour, a rate >= 0, and no visitors while the
    office is closed (a rate there would be ignored)."""
    p: list[Problem] = []
    if not isinstance(hour, int) or not 0 <= hour <= 23:
        p.append(
            Problem(
                "jam tidak sah",
                column=f"kedatangan.{label}",
                value=hour,
                expected="jam 00 sampai 23",
            )
        )
    valid = require_non_negative(
        p,
        rate,
        f"kedatangan.{label}.{hour}",
        "laju kedatangan tidak boleh negatif",
        "pengunjung per jam >= 0",
    )
    if (
        valid
        and isinstance(hour, int)
        and rate > 0
        and (hour * 60 + 60 <= sc.open_time or hour * 60 >= sc.close_time)
    ):
        p.append(
            Problem(
                "laju kedatangan pada jam kantor tutup",
                column=f"kedatangan.{label}.{hour:02d}",
                value=rate,
                expected=(
                    f"jam {int(sc.open_time // 60):02d} sampai "
                    f"{math.ceil(sc.close_time / 60) - 1:02d} "
                    f"(kantor buka {format_clock(sc.open_time)}-"
                    f"{format_clock(sc.close_time)}), atau 0"
                ),
            )
        )
    return p


def _counter_problems(sc: Scenario) -> list[Problem]:
    """At least one counter, names unique, each counter sound, every service served by some
    counter, and some counter open to everyone."""
    p: list[Problem] = []
    names = [s.name for s in sc.services]
    cnames = [c.name for c in sc.counters]
    if not sc.counters:
        p.append(Problem("belum ada loket", column="loket", expected="minimal satu loket"))
    for dup in sorted({n for n in cnames if cnames.count(n) > 1}):
        p.append(Problem("nama loket dipakai dua kali", column="loket", value=dup))
    served: set[str] = set()
    for i, c in enumerate(sc.counters):
        where = f"loket[{i + 1}]"
        p += _counter_service_problems(c, names, where, served)
        p += _counter_schedule_problems(sc, c, where)
        require_positive(
            p,
            c.speed_factor,
            f"{where}.faktor_durasi",
            "faktor durasi harus lebih dari nol",
            "misalnya 1.2 untuk petugas baru",
        )
        if c.priority_only and not c.priority:
            p.append(
                Problem(
                    "loket khusus prioritas harus juga bertanda prioritas",
                    column=f"{where}.hanya_prioritas",
                    value=True,
                    expected="prioritas: true",
                )
            )
    for s in names:
        if sc.counters and s not in served:
            p.append(
                Problem(
                    "tidak ada loket yang melayani layanan ini",
                    column="loket",
                    value=s,
                    expected="tambahkan layanan ini ke salah satu loket",
                )
            )
    if sc.counters and all(c.priority_only for c in sc.counters):
        p.append(
            Problem(
                "semua loket hanya melayani prioritas",
                column="loket",
                expected="minimal satu loket untuk semua warga",
            )
        )
    return p


def _counter_service_problems(c, names: list[str], where: str, served: set[str]) -> list[Problem]:
    """A counter serves something, and only services of the catalogue (adds them to
    ``served``)."""
    p: list[Problem] = []
    if c.services is None:
        served.update(names)
        return p
    if not c.services:
        p.append(
            Problem(
                "loket tidak melayani apa pun",
                column=f"{where}.layanan",
                expected="daftar layanan atau 'semua'",
            )
        )
    for s in c.services:
        require_choice(
            p,
            s,
            names,
            f"{where}.layanan",
            "layanan di loket tidak ada di katalog layanan",
        )
        served.add(s)
    return p


def _counter_schedule_problems(sc: Scenario, c, where: str) -> list[Problem]:
    """A counter's shifts, breaks and absences lie inside opening hours on days that exist."""
    p: list[Problem] = []
    opening = _opening(sc)
    for j, (s0, s1) in enumerate(c.shifts or ()):
        p += period_problems(s0, s1, f"{where}.jadwal[{j + 1}]", opening)
    for j, (s0, s1) in enumerate(c.breaks):
        p += period_problems(s0, s1, f"{where}.istirahat[{j + 1}]", opening)
    for j, period in enumerate(c.absences):
        p += period_problems(period.start, period.end, f"{where}.tidak_hadir[{j + 1}]", opening)
        p += day_problems(period.day, len(sc.days), f"{where}.tidak_hadir[{j + 1}].hari")
    return p


def _patience_and_balking_problems(sc: Scenario) -> list[Problem]:
    """Patience is a sound distribution; balking has a whole queue length and a probability."""
    p: list[Problem] = []
    if sc.patience is not None:
        p += sc.patience.problems("kesabaran")
    if sc.balking is not None:
        b = sc.balking
        require_whole(
            p,
            b.queue_length,
            "tidak_bergabung.panjang_antrean",
            "panjang antrean harus bilangan bulat, tidak negatif",
            "misalnya 20",
            minimum=0,
        )
        require_probability(
            p, b.probability, "tidak_bergabung.peluang", "peluang harus antara 0 dan 1"
        )
    return p


def _appointment_problems(sc: Scenario) -> list[Problem]:
    """Appointment slots lie in opening hours with a positive interval and a whole quota;
    booking and no-show are probabilities; the service mix names catalogue services and adds
    up to 1."""
    p: list[Problem] = []
    if sc.appointments is None:
        return p
    ap = sc.appointments
    p += period_problems(ap.start, ap.end, "janji_daring", _opening(sc))
    require_positive(
        p,
        ap.interval,
        "janji_daring.interval_menit",
        "interval slot harus menit lebih dari nol",
    )
    require_whole(
        p,
        ap.per_slot,
        "janji_daring.kuota_per_slot",
        "kuota per slot harus bilangan bulat minimal 1",
        minimum=1,
    )
    for key, value in (("terisi", ap.booked), ("tidak_datang", ap.no_show)):
        require_probability(p, value, f"janji_daring.{key}", "peluang harus antara 0 dan 1")
    require_non_negative(
        p,
        ap.offset_sd,
        "janji_daring.selisih_datang.simpangan_baku",
        "simpangan baku tidak boleh negatif",
    )
    if not is_number(ap.offset_mean):
        p.append(
            Problem(
                "rata-rata selisih datang harus angka menit",
                column="janji_daring.selisih_datang.rata_rata",
                value=ap.offset_mean,
            )
        )
    if ap.service_shares is not None:
        names = [s.name for s in sc.services]
        for s, share in ap.service_shares.items():
            require_choice(
                p,
                s,
                names,
                "janji_daring.layanan",
                "layanan janji daring tidak ada di katalog layanan",
            )
            require_non_negative(p, share, f"janji_daring.layanan.{s}", "porsi tidak boleh negatif")
        total = sum(v for v in ap.service_shares.values() if is_number(v))
        if ap.service_shares:
            require_total_one(
                p, total, "janji_daring.layanan", "jumlah porsi layanan janji daring harus 1"
            )
    return p


def _disruption_problems(sc: Scenario) -> list[Problem]:
    """Each disruption has a known kind, lies in opening hours on a day that exists, and a
    closed counter is one of the scenario's counters."""
    p: list[Problem] = []
    cnames = [c.name for c in sc.counters]
    for i, d in enumerate(sc.disruptions):
        where = f"gangguan[{i + 1}]"
        require_choice(
            p, d.kind, DISRUPTION_KINDS, f"{where}.jenis", "jenis gangguan tidak dikenal"
        )
        p += period_problems(d.start, d.end, where, _opening(sc))
        p += day_problems(d.day, len(sc.days), f"{where}.hari")
        if d.kind == "loket_tutup":
            require_choice(p, d.counter, cnames, f"{where}.loket", "loket yang ditutup tidak ada")
    return p


def period_problems(
    start: Any, end: Any, where: str, opening: tuple[float, float]
) -> list[Problem]:
    """A period of clock minutes is valid, ends after it starts, and lies in ``opening``."""
    if not (is_number(start) and is_number(end)):
        return [
            Problem("waktu tidak sah", column=where, value=f"{start} - {end}", expected="jam JJ:MM")
        ]
    out = []
    if start < 0 or end < 0:
        out.append(
            Problem(
                "waktu tidak boleh negatif",
                column=where,
                value=f"{start} - {end}",
                expected="jam JJ:MM",
            )
        )
        return out
    if end <= start:
        out.append(
            Problem(
                "waktu selesai harus setelah waktu mulai",
                column=where,
                value=f"{format_clock(start)} - {format_clock(end)}",
            )
        )
    if start < opening[0] or end > opening[1]:
        out.append(
            Problem(
                "jadwal di luar jam buka kantor",
                column=where,
                value=f"{format_clock(start)} - {format_clock(end)}",
                expected=f"di antara {format_clock(opening[0])} dan {format_clock(opening[1])}",
            )
        )
    return out


def day_problems(day: Any, n_days: int, where: str) -> list[Problem]:
    """A day number (1-based) is one of the scenario's ``n_days`` days, or absent."""
    if day is None:
        return []
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= n_days:
        return [
            Problem(
                "nomor hari di luar daftar hari skenario",
                column=where,
                value=day,
                expected=f"1 sampai {n_days}",
            )
        ]
    return []
