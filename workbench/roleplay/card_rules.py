"""What a team may change in the card and what it may not: the world is fixed, decisions are not.

Every field of a :class:`~workbench.simulation.Scenario` is listed once in :data:`CARD_FIELDS`
(and every field of its counters, appointments and front desk in :data:`COUNTER_FIELDS`,
:data:`APPOINTMENT_FIELDS`, :data:`FRONT_DESK_FIELDS`) as either ``TEAM`` (a management
decision) or ``CARD`` (the world of the day: who comes, when, for what, how fast each officer
works, who is absent, what goes wrong). A test checks that the lists name every field, so a
field added to the simulation must be classified before a workshop can use it.

:func:`plan_problems` returns every way a plan changes the card, as
:class:`~workbench.errors.Problem` rows in Indonesian; :func:`check_plan` raises them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from workbench import formatting as fmt
from workbench.errors import Problem, WorkbenchError
from workbench.roleplay.staffing import officer_hours
from workbench.simulation import Appointments, Counter, Scenario

__all__ = [
    "APPOINTMENT_FIELDS",
    "CARD",
    "CARD_FIELDS",
    "COUNTER_FIELDS",
    "FIXED_FIELDS",
    "FRONT_DESK_FIELDS",
    "MAX_COUNTERS",
    "TEAM",
    "check_plan",
    "default_appointments",
    "plan_problems",
    "story_parts",
]

#: A field a team decides.
TEAM = "tim"
#: A field of the card (the world of the day), the same for every team.
CARD = "kartu"

#: Counter desks the office has room for (a plan may staff at most this many).
MAX_COUNTERS = 6

#: Minutes of one online-appointment slot when a card has none of its own.
APPOINTMENT_INTERVAL = 15.0

#: Every Scenario field: who decides it, and its Indonesian name in a refusal.
CARD_FIELDS: dict[str, tuple[str, str]] = {
    "name": (CARD, "nama kartu"),
    "story": (CARD, "cerita kartu"),
    "services": (CARD, "katalog layanan dan lama layanan"),
    "counters": (TEAM, "loket (lihat aturan per loket)"),
    "arrivals": (CARD, "kedatangan warga"),
    "days": (CARD, "hari yang disimulasikan"),
    "open_time": (CARD, "jam buka"),
    "close_time": (CARD, "jam tutup"),
    "office_breaks": (TEAM, "ISHOMA bersama atau bergantian"),
    "queue": (TEAM, "satu antrean atau antrean per loket"),
    "priority_shares": (CARD, "porsi warga prioritas"),
    "priority_first": (TEAM, "warga prioritas didahulukan di semua loket"),
    "patience": (CARD, "kesabaran warga"),
    "balking": (CARD, "aturan warga yang tidak jadi antre"),
    "appointments": (TEAM, "kuota janji daring (hanya kuotanya)"),
    "disruptions": (CARD, "gangguan dari kartu atau fasilitator"),
    "service_standard_minutes": (CARD, "standar pelayanan"),
    "overtime_cap_minutes": (TEAM, "batas lembur"),
    "return_next_day": (CARD, "warga yang datang lagi besok"),
    "front_desk": (TEAM, "meja depan (hanya jumlah petugasnya)"),
    "source": (CARD, "nama berkas kartu"),
}

#: Every Counter field: who decides it, and its Indonesian name.
COUNTER_FIELDS: dict[str, tuple[str, str]] = {
    "name": (TEAM, "nama loket (loket baru boleh ditambah)"),
    "services": (TEAM, "layanan di loket"),
    "shifts": (TEAM, "jam jaga loket"),
    "breaks": (TEAM, "istirahat petugas loket"),
    "absences": (CARD, "petugas yang tidak hadir"),
    "priority": (TEAM, "loket prioritas"),
    "priority_only": (TEAM, "loket khusus prioritas"),
    "speed_factor": (CARD, "kecepatan kerja petugas"),
    "reserve": (TEAM, "petugas cadangan"),
}

#: Every Appointments field: only the quota is the team's.
APPOINTMENT_FIELDS: dict[str, tuple[str, str]] = {
    "start": (CARD, "jam slot janji pertama"),
    "end": (CARD, "jam slot janji terakhir"),
    "interval": (CARD, "panjang slot janji"),
    "per_slot": (TEAM, "kuota janji per slot"),
    "booked": (CARD, "porsi slot yang dipesan warga"),
    "no_show": (CARD, "porsi pemesan yang tidak datang"),
    "offset_mean": (CARD, "selisih jam datang pemegang janji"),
    "offset_sd": (CARD, "sebaran jam datang pemegang janji"),
    "service_shares": (CARD, "layanan pemegang janji"),
}

#: Every FrontDesk field: only how many officers staff it is the team's.
FRONT_DESK_FIELDS: dict[str, tuple[str, str]] = {
    "officers": (TEAM, "jumlah petugas meja depan"),
    "check": (CARD, "lama pemeriksaan berkas"),
    "incomplete": (CARD, "porsi berkas tidak lengkap"),
    "come_back": (CARD, "porsi warga yang kembali"),
    "back_after": (CARD, "lama warga kembali"),
}

#: The Scenario fields no team may change, with their Indonesian names (older name of the
#: ``CARD`` part of :data:`CARD_FIELDS`).
FIXED_FIELDS = {k: label for k, (who, label) in CARD_FIELDS.items() if who == CARD}


def default_appointments(card: Scenario) -> Appointments:
    """The appointment slots a card without its own gets when a team sets a quota: every 15
    minutes from opening until an hour before closing, 90% booked, 10% no-shows, arriving 5
    minutes early on average."""
    return Appointments(
        start=card.open_time,
        end=max(card.open_time + APPOINTMENT_INTERVAL, card.close_time - 60.0),
        interval=APPOINTMENT_INTERVAL,
        per_slot=1,
        booked=0.9,
        no_show=0.1,
        offset_mean=-5.0,
        offset_sd=5.0,
    )


def _refusal(label: str, column: str, expected: str, value=None) -> Problem:
    return Problem(
        f"rencana mengubah {label}; itu bagian dari kartu, bukan keputusan tim",
        column=column,
        value=value,
        expected=expected,
    )


_SAME = "sama seperti kartu (semua tim bertemu warga yang sama)"


def _scenario_problems(card: Scenario, plan: Scenario) -> list[Problem]:
    out = []
    for name, (who, label) in CARD_FIELDS.items():
        if who == CARD and name != "source" and getattr(plan, name) != getattr(card, name):
            out.append(_refusal(label, name, _SAME))
    if plan.office_breaks not in (card.office_breaks, ()):
        out.append(
            Problem(
                "ISHOMA hanya boleh seperti kartu atau bergantian per loket",
                column="office_breaks",
                expected="ISHOMA kartu, atau tanpa ISHOMA bersama (istirahat bergantian)",
            )
        )
    return out


def _counter_problems(card: Scenario, plan: Scenario) -> list[Problem]:
    out = []
    before = {c.name: c for c in card.counters}
    fresh = Counter("baru")
    for c in plan.counters:
        old = before.get(c.name, fresh)
        for name, (who, label) in COUNTER_FIELDS.items():
            if who == CARD and getattr(c, name) != getattr(old, name):
                expected = _SAME if c.name in before else "seperti loket baru (kartu: tidak ada)"
                out.append(_refusal(f"{label} di {c.name}", f"loket.{name}", expected))
    if len(plan.counters) > MAX_COUNTERS:
        out.append(
            Problem(
                "terlalu banyak loket",
                column="loket",
                value=len(plan.counters),
                expected=f"paling banyak {MAX_COUNTERS} (meja yang ada)",
            )
        )
    return out


def _part_problems(card: Scenario, plan: Scenario) -> list[Problem]:
    """Appointments and front desk: only the quota and the number of desk officers."""
    out = []
    if plan.appointments is not None:
        allowed = card.appointments or default_appointments(card)
        if replace(plan.appointments, per_slot=allowed.per_slot) != allowed:
            out.append(_refusal("aturan janji daring selain kuotanya", "appointments", _SAME))
    desk_a, desk_b = card.front_desk, plan.front_desk
    if (desk_a is None) != (desk_b is None) or (
        desk_a is not None and replace(desk_a, officers=0) != replace(desk_b, officers=0)
    ):
        out.append(
            Problem(
                "rencana mengubah meja depan selain jumlah petugasnya (berkas warga bagian "
                "dari kartu)",
                column="front_desk",
                expected="sama seperti kartu; hanya jumlah petugas meja depan boleh diubah",
            )
        )
    return out


def plan_problems(card: Scenario, plan: Scenario) -> list[Problem]:
    """Every way ``plan`` changes what only the card decides (empty when it changes none)."""
    if not isinstance(plan, Scenario):
        return [
            Problem(
                "rencana harus berupa Scenario",
                expected="mulai dari ws.baseline() lalu ubah salinannya",
                value=type(plan).__name__,
            )
        ]
    return [
        *_scenario_problems(card, plan),
        *_counter_problems(card, plan),
        *_part_problems(card, plan),
    ]


def check_plan(card: Scenario, plan: Scenario, *, budget_hours: float | None = None) -> None:
    """Refuse a plan that changes the card, has too many desks, or costs more than the budget.

    Raises :class:`WorkbenchError` listing every problem with what to do about it.
    """
    problems = plan_problems(card, plan)
    if problems:
        raise WorkbenchError(
            "Rencana tidak bisa diterima: tim hanya boleh mengubah cara kantor bekerja "
            "(loket, jadwal petugas, layanan per loket, prioritas, antrean, janji daring, "
            "istirahat, petugas cadangan, batas lembur).",
            problems,
        )
    if budget_hours is not None:
        cost = officer_hours(plan)
        if cost > budget_hours + 1e-9:
            raise over_budget(cost, budget_hours)


def over_budget(cost: float, budget_hours: float, *, when: str = "Rencana") -> WorkbenchError:
    """The refusal of a plan costing ``cost`` officer-hours against ``budget_hours``: what it
    costs, by how much it is over and what to do, in words a team reads on the projector."""
    return WorkbenchError(
        f"{when} melebihi anggaran: butuh {fmt.number(cost)} jam-petugas, anggaran "
        f"{fmt.number(budget_hours)} jam-petugas (lebih {fmt.number(cost - budget_hours)} jam). "
        "Kurangi jam jaga loket, tutup satu loket pada jam sepi, atau atur istirahat; lalu "
        "kirim lagi."
    )


def field_names(cls) -> list[str]:
    """The dataclass fields of ``cls`` (for the test that every field is classified)."""
    return [f.name for f in dataclasses.fields(cls)]


#: The words that open the facilitator's part of a card's story.
FACILITATOR_MARK = "Untuk fasilitator:"


def story_parts(card: Scenario) -> tuple[str, str]:
    """The card's story split into what teams and the projector show, and the facilitator's
    notes (the paragraphs from "Untuk fasilitator:" on), which only the facilitator's panel
    shows."""
    story = card.story.strip()
    at = story.find(FACILITATOR_MARK)
    if at < 0:
        return story, ""
    notes = story[at + len(FACILITATOR_MARK) :].strip()
    return story[:at].strip(), notes
