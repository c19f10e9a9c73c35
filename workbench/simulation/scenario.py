"""Scenario: everything the simulation needs to know about one office and one kind of day.

A scenario is what a facilitator hands a team on a card: when the office opens, which services
people come for and how long each takes, which counters (loket) are staffed when, how patient
the visitors are, and what goes wrong that day. It is written in YAML with Indonesian keys (see
the cards in ``scenarios/``) or built in Python; either way it is checked completely before it
runs, and every mistake is reported in Indonesian at once
(:class:`~workbench.errors.WorkbenchError`).

What a scenario says, and what the model assumes about it:

* **Days and hours.** ``hari`` lists the working days simulated one after another (``senin`` ...
  ``minggu``); every day the office opens at ``jam_buka`` and closes at ``jam_tutup``, with an
  office break (``istirahat``, ISHOMA) when no counter serves. Visitors keep arriving during the
  break and wait. Arrivals stop at closing; everyone already inside is still served by the
  counters staffed at closing (that extra time is overtime). Times in results are minutes from
  the first opening; day ``k`` (counting from 0) starts ``k * 1440`` minutes later.
* **Arrivals.** Walk-in visitors arrive at random (a Poisson process) at a rate that changes by
  clock hour (``kedatangan.per_jam``, visitors per hour) and by weekday (``faktor_hari``, or a
  whole profile per weekday in ``per_hari``), times an overall ``faktor`` (for example 1.6 on the
  Monday after a long weekend). Within an hour the rate is constant.
* **Online appointments** (``janji_daring``): slots every ``interval_menit`` minutes with a
  quota; a share of seats is booked, a share of bookings do not show up, and those who come
  arrive some minutes before or after their slot (normally distributed). An appointment holder's
  place in the queue is their slot time (or their arrival, if they come late): they do not wait
  behind walk-ins who arrived after their slot.
* **Services** (``layanan``): each has a share of walk-in visitors and a distribution of service
  time in minutes: ``eksponensial`` (mean), ``lognormal`` (mean and standard deviation),
  ``segitiga`` (minimum, most likely, maximum), ``tetap`` (always the same) or ``empiris``
  (a list of observed times, drawn at random). ``pakai_sistem: true`` marks services that need
  the registration system (Klampid); they cannot start while the system is down.
* **Counters** (``loket``): each serves a set of services (or ``semua``), works its shifts
  (``jadwal``, by default the opening hours) minus the office break, its own breaks and its
  absences (``tidak_hadir``), and may be slower or faster than usual (``faktor_durasi``). A
  counter finishes the visitor in front of it before going on a break.
* **Queue.** One shared ticket queue (``antrean: bersama``, the default) or a queue per counter
  (``per_loket``: an arriving visitor joins the shortest queue among the counters that can
  serve them and are staffed, or during a break will be staffed again that day, and never
  switches; when a counter closes for the day, its queue moves in order to the counters still
  staffed, as a supervisor would send them). When several counters are free, the one that has
  been free
  longest calls the next visitor, so work is shared fairly.
* **Priority** visitors (lansia, disabilitas, ibu hamil; shares in ``prioritas``) are called
  before everyone else when ``layanan_prioritas`` is on; a counter marked ``prioritas: true``
  takes them first, and with ``hanya_prioritas: true`` serves nobody else.
* **Patience** (``kesabaran``): a visitor who has waited longer than their own patience leaves
  (reneging); patience is drawn per visitor, by default exponentially with the given mean.
  **Balking** (``tidak_bergabung``): a visitor who sees at least ``panjang_antrean`` people
  waiting, and no counter free to serve them at once, does not join with probability
  ``peluang``. With ``panjang_antrean: 0`` and ``peluang: 1`` nobody waits at all: the loss
  system M/M/c/c of queueing theory (:func:`~workbench.simulation.theory.erlang_b`).
* **Disruptions** (``gangguan``): ``sistem_mati`` (registration system down between two times)
  and ``loket_tutup`` (one counter closed between two times), on given days.
* The **service standard** (``standar_pelayanan_menit``) is the wait the office promises in
  its maklumat pelayanan; by default the installation's setting.

* **Team rules and multi-step service** (optional): a back-office officer on call at a counter
  (``cadangan``), an overtime cap (``batas_lembur_menit``), the unserved coming back the next
  day (``kembali_besok``), see :mod:`workbench.simulation.team_rules`; a front desk checking
  papers before the counter (``meja_depan``), see :mod:`workbench.simulation.front_desk`.

Everything not listed is assumed away: service does not depend on how long the queue is, staff
do not speed up under pressure, nobody switches queues, and visitors still waiting when the last
counter goes home at the end of the day leave without being served.

Where each part lives: the parts of a scenario in :mod:`~workbench.simulation.parts`, the
rules values must follow in :mod:`~workbench.simulation.rules`, the consistency checks of a
whole scenario in :mod:`~workbench.simulation.checks`, reading a card in
:mod:`~workbench.simulation.card` and writing one in :mod:`~workbench.simulation.card_writer`;
this module holds the :class:`Scenario` that ties them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from workbench import formatting as fmt
from workbench import storage
from workbench.errors import Problem, WorkbenchError
from workbench.simulation import card
from workbench.simulation.calibrate import fields_from_log
from workbench.simulation.card_writer import card_dict
from workbench.simulation.checks import scenario_problems
from workbench.simulation.front_desk import FrontDesk

# The parts, constants and the clock format are re-exported here, where sibling modules and
# earlier code import them from; they are defined in ``parts``. No ``__all__``: the public
# classes are listed once, in ``workbench.simulation.__all__``.
from workbench.simulation.parts import (  # noqa: F401
    DISRUPTION_KINDS,
    DISTRIBUTIONS,
    MAX_VISITORS,
    PRIORITY_GROUPS,
    QUEUE_MODES,
    WEEKDAYS,
    Appointments,
    Arrivals,
    Balking,
    Counter,
    Disruption,
    Duration,
    Period,
    Service,
    format_clock,
)
from workbench.simulation.rules import require_positive, require_whole


@dataclass(frozen=True)
class Scenario:
    """One office on one kind of day; see the module docstring for what each part means.

    Build it from a card with :meth:`from_yaml`, from a queueing textbook case with :meth:`mmc`,
    or from a visit log with :meth:`from_log`; change a copy with :meth:`replace`. Creating a
    scenario checks it and raises :class:`~workbench.errors.WorkbenchError` listing every
    problem.
    """

    name: str
    services: tuple[Service, ...]
    counters: tuple[Counter, ...]
    arrivals: Arrivals
    story: str = ""
    days: tuple[str, ...] = ("selasa",)
    open_time: float = 7 * 60 + 30
    close_time: float = 16 * 60
    office_breaks: tuple[tuple[float, float], ...] = ((12 * 60, 13 * 60),)
    queue: str = "bersama"
    priority_shares: Mapping[str, float] = field(default_factory=dict)
    priority_first: bool = True
    patience: Duration | None = None
    balking: Balking | None = None
    appointments: Appointments | None = None
    disruptions: tuple[Disruption, ...] = ()
    service_standard_minutes: float | None = None
    overtime_cap_minutes: float | None = None  # team_rules: stop calling this long after closing
    return_next_day: float | None = None  # team_rules: share of the unserved who come back
    front_desk: FrontDesk | None = None  # front_desk: papers checked before the counter
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        problems = scenario_problems(self)
        if problems:
            for i, p in enumerate(problems):
                if p.file is None and self.source:
                    problems[i] = replace(p, file=self.source)
            raise WorkbenchError(card.invalid_message(self.name, self.source), problems)

    # ---- constructors ---------------------------------------------------------------------

    @classmethod
    def from_yaml(cls, path: str | Path) -> Scenario:
        """Read and check a scenario card (YAML with Indonesian keys).

        ``path`` is a file, or just the card's name in the scenarios folder, as the CLI takes
        it: ``Scenario.from_yaml("selasa-biasa")``.
        """
        data, path = card.load_card(path)
        try:
            return cls.from_dict(data, source=path.name)
        except WorkbenchError as exc:
            raise card.add_line_numbers(exc, path) from None

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Scenario:
        """Build and check a scenario from its YAML form (a dict with Indonesian keys)."""
        got = card.read_fields(data, source)
        if got.problems or got.open_time is None or got.close_time is None:
            raise WorkbenchError(
                card.invalid_message(got.name, source), _with_consistency_problems(cls, got)
            )
        return cls(
            name=got.name.strip(),
            story=got.story.strip(),
            open_time=got.open_time,
            close_time=got.close_time,
            **got.fields,
        )

    @classmethod
    def mmc(
        cls,
        *,
        arrivals_per_hour: float,
        mean_service_minutes: float,
        counters: int,
        hours: float = 8.0,
        service_standard_minutes: float | None = None,
    ) -> Scenario:
        """A textbook M/M/c office: Poisson arrivals, exponential service, ``counters`` counters.

        One shared queue served first come, first served, no breaks, nobody gives up, open for
        ``hours`` hours on one day (long runs such as ``hours=1000`` approximate the long-run
        behaviour that :mod:`workbench.simulation.theory` describes).
        """
        problems = []
        for name, value in (
            ("arrivals_per_hour", arrivals_per_hour),
            ("mean_service_minutes", mean_service_minutes),
            ("hours", hours),
        ):
            require_positive(problems, value, name, "harus angka lebih dari nol")
        require_whole(
            problems, counters, "counters", "jumlah loket harus bilangan bulat minimal 1", minimum=1
        )
        if not problems and arrivals_per_hour * hours > MAX_VISITORS:
            problems.append(
                Problem(
                    "terlalu lama: pengunjung sebanyak ini tidak muat di memori",
                    column="hours",
                    value=hours,
                    expected=(
                        f"paling banyak {fmt.number(MAX_VISITORS / arrivals_per_hour, 0)} jam "
                        f"({fmt.count(MAX_VISITORS)} pengunjung)"
                    ),
                )
            )
        if problems:
            raise WorkbenchError("Parameter M/M/c tidak sah.", problems)
        return cls(
            name=f"M/M/{counters}",
            story=(
                f"Antrean buku teks: {fmt.number(arrivals_per_hour, None)} pengunjung per jam, "
                f"rata-rata layanan {fmt.number(mean_service_minutes, None)} menit, {counters} "
                f"loket, buka {fmt.number(hours, None)} jam."
            ),
            services=(
                Service(
                    "Layanan",
                    1.0,
                    Duration("eksponensial", mean=mean_service_minutes),
                    needs_system=False,
                ),
            ),
            counters=tuple(Counter(f"Loket {i + 1}") for i in range(counters)),
            arrivals=Arrivals(constant=float(arrivals_per_hour)),
            days=("senin",),
            open_time=0.0,
            close_time=float(hours) * 60.0,
            office_breaks=(),
            priority_first=False,
            service_standard_minutes=service_standard_minutes,
        )

    @classmethod
    def from_log(cls, df, **options) -> Scenario:
        """Calibrate arrivals, service times, priority shares and patience from a visit log.

        ``df`` has the columns of the ``layanan`` dataset (``workbench.data.load("layanan")``);
        see :func:`workbench.simulation.calibrate.fields_from_log` for the options.
        """
        return cls(**fields_from_log(df, **options))

    # ---- working with a scenario ----------------------------------------------------------

    def replace(self, **changes: Any) -> Scenario:
        """A checked copy with some fields changed (``sc.replace(queue="per_loket")``)."""
        return replace(self, **changes)

    def with_counters(self, n: int) -> Scenario:
        """A copy with ``n`` counters: extra ones copy the last counter, or the last are dropped."""
        if n < 1:
            raise WorkbenchError(
                "Jumlah loket minimal 1.",
                [Problem("jumlah loket tidak sah", column="loket", value=n, expected=">= 1")],
            )
        counters = list(self.counters[:n])
        while len(counters) < n:
            counters.append(
                replace(self.counters[-1], name=f"Loket {len(counters) + 1}", absences=())
            )
        names = {c.name for c in counters}
        disruptions = tuple(d for d in self.disruptions if d.counter is None or d.counter in names)
        return replace(self, counters=tuple(counters), disruptions=disruptions)

    @property
    def standard_minutes(self) -> float:
        """The service standard in minutes (the scenario's, else the installation's)."""
        if self.service_standard_minutes is not None:
            return float(self.service_standard_minutes)
        from workbench.config import get_settings

        return float(get_settings().service_standard_minutes)

    def to_dict(self) -> dict[str, Any]:
        """The YAML form of this scenario (Indonesian keys), as :meth:`from_dict` reads it."""
        return card_dict(self)

    def to_yaml(self, path: str | Path | None = None) -> str:
        """The scenario as YAML text; also written (atomically) to ``path`` if given."""
        text = yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=100)
        if path is not None:
            storage.write_text(path, text)
        return text


def _with_consistency_problems(cls: type[Scenario], got: card.CardFields) -> list[Problem]:
    """The card's reading problems plus the consistency problems still visible in what was
    read (those at a place already flagged are left out, so a mistake is told once)."""
    problems = list(got.problems)
    try:
        cls(
            name=got.name,
            story=got.story,
            open_time=got.open_time or 0.0,
            close_time=got.close_time or 24 * 60.0,
            **got.fields,
        )
    except WorkbenchError as exc:
        flagged = {p.column for p in got.problems}
        problems += [p for p in exc.problems if p.column not in flagged]
    return problems
