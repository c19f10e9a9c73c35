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
  switches). When several counters are free, the one that has been free
  longest calls the next visitor, so work is shared fairly.
* **Priority** visitors (lansia, disabilitas, ibu hamil; shares in ``prioritas``) are called
  before everyone else when ``layanan_prioritas`` is on; a counter marked ``prioritas: true``
  takes them first, and with ``hanya_prioritas: true`` serves nobody else.
* **Patience** (``kesabaran``): a visitor who has waited longer than their own patience leaves
  (reneging); patience is drawn per visitor, by default exponentially with the given mean.
  **Balking** (``tidak_bergabung``): a visitor who sees at least ``panjang_antrean`` people
  waiting does not join with probability ``peluang``.
* **Disruptions** (``gangguan``): ``sistem_mati`` (registration system down between two times)
  and ``loket_tutup`` (one counter closed between two times), on given days.
* The **service standard** (``standar_pelayanan_menit``) is the wait the office promises in
  its maklumat pelayanan; by default the installation's setting.

Everything not listed is assumed away: service does not depend on how long the queue is, staff
do not speed up under pressure, nobody switches queues, and visitors still waiting when the last
counter goes home at the end of the day leave without being served.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from workbench.errors import Problem, WorkbenchError

# No ``__all__`` here: the public classes are listed once, in ``workbench.simulation.__all__``.
# Sibling modules import the constants and helpers below by name.

#: Weekday names as written in scenario files, Monday first.
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")

#: Priority groups that are called first (shared with the ``layanan`` dataset).
PRIORITY_GROUPS = ("lansia", "disabilitas", "ibu hamil")

DISTRIBUTIONS = ("eksponensial", "lognormal", "segitiga", "tetap", "empiris")
QUEUE_MODES = ("bersama", "per_loket")
DISRUPTION_KINDS = ("sistem_mati", "loket_tutup")

_SHARE_TOLERANCE = 1e-3


def format_clock(minutes: float) -> str:
    """Minutes from midnight as ``HH:MM`` (rounded to the minute)."""
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}"


# --------------------------------------------------------------------------------------------
# Parts of a scenario
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Duration:
    """A distribution of minutes (service time or patience).

    ``kind`` is one of ``eksponensial`` (``mean``), ``lognormal`` (``mean``, ``sd``),
    ``segitiga`` (``low``, ``mode``, ``high``), ``tetap`` (``mean``) or ``empiris``
    (``values``, drawn with equal probability). Draws use inverse transforms of uniform
    numbers ``u`` (and standard normal numbers ``z`` for lognormal), so the same visitor gets
    the same quantile of their distribution in every scenario compared with the same seed.
    """

    kind: str = "eksponensial"
    mean: float | None = None
    sd: float | None = None
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    values: tuple[float, ...] = ()

    def problems(self, where: str) -> list[Problem]:
        """Everything wrong with this distribution, located at ``where``."""
        out: list[Problem] = []

        def need_positive(name: str, value: float | None, label: str) -> None:
            if value is None:
                out.append(
                    Problem(
                        f"{label} belum diisi", column=f"{where}.{name}", expected="angka menit > 0"
                    )
                )
            else:
                _require_positive(
                    out,
                    value,
                    f"{where}.{name}",
                    f"{label} harus angka lebih dari nol (tidak boleh negatif)",
                    "menit > 0",
                )

        if not _require_choice(
            out, self.kind, DISTRIBUTIONS, f"{where}.distribusi", "distribusi tidak dikenal"
        ):
            return out
        if self.kind in ("eksponensial", "tetap"):
            need_positive("rata_rata", self.mean, "rata-rata")
        elif self.kind == "lognormal":
            need_positive("rata_rata", self.mean, "rata-rata")
            need_positive("simpangan_baku", self.sd, "simpangan baku")
        elif self.kind == "segitiga":
            for name, value, label in (
                ("minimum", self.low, "minimum"),
                ("modus", self.mode, "nilai paling sering"),
                ("maksimum", self.high, "maksimum"),
            ):
                _require_non_negative(
                    out,
                    value,
                    f"{where}.{name}",
                    f"{label} harus angka menit, tidak boleh negatif",
                    "menit >= 0",
                )
            if not out and not (self.low <= self.mode <= self.high and self.low < self.high):
                out.append(
                    Problem(
                        "urutan segitiga salah",
                        column=where,
                        value=f"{self.low}, {self.mode}, {self.high}",
                        expected="minimum <= modus <= maksimum, minimum < maksimum",
                    )
                )
        elif self.kind == "empiris":
            if not self.values:
                out.append(
                    Problem(
                        "daftar data kosong",
                        column=f"{where}.data",
                        expected="daftar lama waktu dalam menit",
                    )
                )
            bad = [v for v in self.values if not _is_number(v) or v < 0]
            if bad:
                out.append(
                    Problem(
                        "data berisi nilai negatif atau bukan angka",
                        column=f"{where}.data",
                        value=bad[:5],
                        expected="menit >= 0",
                    )
                )
        return out

    @property
    def mean_minutes(self) -> float:
        """The distribution's mean in minutes."""
        if self.kind == "segitiga":
            return (self.low + self.mode + self.high) / 3.0
        if self.kind == "empiris":
            return float(np.mean(self.values))
        return float(self.mean)

    def sample(self, u: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Minutes for uniforms ``u`` in [0, 1) and standard normals ``z`` (same length)."""
        if self.kind == "eksponensial":
            return -self.mean * np.log1p(-u)
        if self.kind == "tetap":
            return np.full(len(u), float(self.mean))
        if self.kind == "lognormal":
            sigma2 = math.log1p((self.sd / self.mean) ** 2)
            mu = math.log(self.mean) - sigma2 / 2.0
            return np.exp(mu + math.sqrt(sigma2) * z)
        if self.kind == "segitiga":
            a, c, b = self.low, self.mode, self.high
            cut = (c - a) / (b - a)
            left = a + np.sqrt(u * (b - a) * (c - a))
            right = b - np.sqrt((1.0 - u) * (b - a) * (b - c))
            return np.where(u < cut, left, right)
        if self.kind == "empiris":
            values = np.asarray(self.values, dtype=float)
            return values[np.minimum((u * len(values)).astype(np.int64), len(values) - 1)]
        raise ValueError(self.kind)

    def to_dict(self) -> dict[str, Any]:
        """The YAML form (Indonesian keys)."""
        out: dict[str, Any] = {"distribusi": self.kind}
        for key, value in (
            ("rata_rata", self.mean),
            ("simpangan_baku", self.sd),
            ("minimum", self.low),
            ("modus", self.mode),
            ("maksimum", self.high),
        ):
            if value is not None:
                out[key] = _plain(value)
        if self.values:
            out["data"] = [_plain(v) for v in self.values]
        return out


@dataclass(frozen=True)
class Service:
    """One service at the counter: its share of walk-in visitors and its service time."""

    name: str
    share: float
    duration: Duration
    needs_system: bool = True


@dataclass(frozen=True)
class Period:
    """A stretch of clock time (minutes from midnight) on one day (1-based) or every day."""

    start: float
    end: float
    day: int | None = None

    def on(self, day: int) -> bool:
        """Whether this period applies on ``day`` (1-based)."""
        return self.day is None or self.day == day


@dataclass(frozen=True)
class Counter:
    """One counter (loket) with its officer's schedule.

    ``services`` is ``None`` for a counter that serves everything; ``shifts`` ``None`` means the
    office's opening hours. Breaks and absences are subtracted from the shifts, as is the
    office break.
    """

    name: str
    services: tuple[str, ...] | None = None
    shifts: tuple[tuple[float, float], ...] | None = None
    breaks: tuple[tuple[float, float], ...] = ()
    absences: tuple[Period, ...] = ()
    priority: bool = False
    priority_only: bool = False
    speed_factor: float = 1.0


@dataclass(frozen=True)
class Disruption:
    """Something that goes wrong: the system down, or a counter closed, for a period."""

    kind: str
    start: float
    end: float
    day: int | None = None
    counter: str | None = None


@dataclass(frozen=True)
class Arrivals:
    """Walk-in arrival rate (visitors per hour) by clock hour and weekday.

    ``per_hour`` maps the clock hour (7 for 07:00-07:59) to a rate; ``by_day`` may give a whole
    profile for some weekdays instead; ``day_factor`` multiplies the profile by weekday and
    ``factor`` multiplies everything. ``constant`` replaces the profile by one rate for the whole
    opening time (used by :meth:`Scenario.mmc`).
    """

    per_hour: Mapping[int, float] = field(default_factory=dict)
    day_factor: Mapping[str, float] = field(default_factory=dict)
    by_day: Mapping[str, Mapping[int, float]] = field(default_factory=dict)
    factor: float = 1.0
    constant: float | None = None

    def rate(self, weekday: str, hour: int) -> float:
        """Visitors per hour during clock hour ``hour`` on ``weekday``."""
        if self.constant is not None:
            return self.constant * self.factor
        if weekday in self.by_day:
            return float(self.by_day[weekday].get(hour, 0.0)) * self.factor
        return float(self.per_hour.get(hour, 0.0)) * self.day_factor.get(weekday, 1.0) * self.factor


@dataclass(frozen=True)
class Appointments:
    """Online appointments in booked slots (the Klampid booking pilot)."""

    start: float
    end: float
    interval: float = 15.0
    per_slot: int = 1
    booked: float = 1.0
    no_show: float = 0.0
    offset_mean: float = 0.0
    offset_sd: float = 0.0
    service_shares: Mapping[str, float] | None = None


@dataclass(frozen=True)
class Balking:
    """A visitor who sees ``queue_length`` or more people waiting leaves with ``probability``."""

    queue_length: int
    probability: float = 1.0


# --------------------------------------------------------------------------------------------
# The scenario
# --------------------------------------------------------------------------------------------


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
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        problems = _consistency_problems(self)
        if problems:
            for i, p in enumerate(problems):
                if p.file is None and self.source:
                    problems[i] = replace(p, file=self.source)
            raise WorkbenchError(_invalid_message(self.name, self.source), problems)

    # ---- constructors ---------------------------------------------------------------------

    @classmethod
    def from_yaml(cls, path: str | Path) -> Scenario:
        """Read and check a scenario card (YAML with Indonesian keys)."""
        path = Path(path)
        if not path.is_file():
            raise WorkbenchError(
                f"Berkas skenario {path} tidak ditemukan. Periksa nama berkas dan foldernya."
            )
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1252")
        try:
            data = yaml.load(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            row = mark.line + 1 if mark is not None else None
            raise WorkbenchError(
                f"Berkas skenario {path.name} bukan YAML yang sah. Periksa indentasi (spasi, "
                "bukan tab) dan tanda titik dua.",
                [Problem(str(getattr(exc, "problem", exc)), file=path.name, row=row)],
            ) from exc
        try:
            return cls.from_dict(data, source=path.name)
        except WorkbenchError as exc:
            lines = _line_numbers(text)
            raise WorkbenchError(
                exc.message,
                [
                    p if p.row is not None else replace(p, row=_line_of(p.column, lines))
                    for p in exc.problems
                ],
            ) from None

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Scenario:
        """Build and check a scenario from its YAML form (a dict with Indonesian keys)."""
        return _parse(data, source)

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
            _require_positive(problems, value, name, "harus angka lebih dari nol")
        _require_whole(
            problems, counters, "counters", "jumlah loket harus bilangan bulat minimal 1", minimum=1
        )
        if problems:
            raise WorkbenchError("Parameter M/M/c tidak sah.", problems)
        return cls(
            name=f"M/M/{counters}",
            story=(
                f"Antrean buku teks: {arrivals_per_hour:g} pengunjung per jam, rata-rata "
                f"layanan {mean_service_minutes:g} menit, {counters} loket, buka {hours:g} jam."
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
        see :func:`workbench.simulation.calibrate.scenario_from_log` for the options.
        """
        from workbench.simulation.calibrate import scenario_from_log

        return scenario_from_log(df, **options)

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
        if self.arrivals.constant is not None or self.close_time > 24 * 60:
            raise WorkbenchError("Skenario M/M/c buatan Python tidak bisa disimpan sebagai kartu.")
        out: dict[str, Any] = {"nama": self.name}
        if self.story:
            out["cerita"] = self.story
        out["hari"] = list(self.days)
        out["jam_buka"] = format_clock(self.open_time)
        out["jam_tutup"] = format_clock(self.close_time)
        out["istirahat"] = [[format_clock(a), format_clock(b)] for a, b in self.office_breaks]
        if self.service_standard_minutes is not None:
            out["standar_pelayanan_menit"] = _plain(self.service_standard_minutes)
        out["antrean"] = self.queue
        out["layanan_prioritas"] = self.priority_first
        kedatangan: dict[str, Any] = {
            "per_jam": {f"{h:02d}": _plain(r) for h, r in sorted(self.arrivals.per_hour.items())}
        }
        if self.arrivals.by_day:
            kedatangan["per_hari"] = {
                d: {f"{h:02d}": _plain(r) for h, r in sorted(p.items())}
                for d, p in self.arrivals.by_day.items()
            }
        if self.arrivals.day_factor:
            kedatangan["faktor_hari"] = {d: _plain(f) for d, f in self.arrivals.day_factor.items()}
        if self.arrivals.factor != 1.0:
            kedatangan["faktor"] = _plain(self.arrivals.factor)
        out["kedatangan"] = kedatangan
        if self.priority_shares:
            out["prioritas"] = {k: _plain(v) for k, v in self.priority_shares.items()}
        out["layanan"] = [
            {
                "nama": s.name,
                "porsi": _plain(s.share),
                "durasi": s.duration.to_dict(),
                "pakai_sistem": s.needs_system,
            }
            for s in self.services
        ]
        out["loket"] = [_counter_dict(c) for c in self.counters]
        if self.patience is not None:
            out["kesabaran"] = self.patience.to_dict()
        if self.balking is not None:
            out["tidak_bergabung"] = {
                "panjang_antrean": self.balking.queue_length,
                "peluang": _plain(self.balking.probability),
            }
        if self.appointments is not None:
            a = self.appointments
            appt: dict[str, Any] = {
                "mulai": format_clock(a.start),
                "selesai": format_clock(a.end),
                "interval_menit": _plain(a.interval),
                "kuota_per_slot": a.per_slot,
                "terisi": _plain(a.booked),
                "tidak_datang": _plain(a.no_show),
                "selisih_datang": {
                    "rata_rata": _plain(a.offset_mean),
                    "simpangan_baku": _plain(a.offset_sd),
                },
            }
            if a.service_shares:
                appt["layanan"] = {k: _plain(v) for k, v in a.service_shares.items()}
            out["janji_daring"] = appt
        if self.disruptions:
            out["gangguan"] = [_disruption_dict(d) for d in self.disruptions]
        return out

    def to_yaml(self, path: str | Path | None = None) -> str:
        """The scenario as YAML text; also written (atomically) to ``path`` if given."""
        text = yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=100)
        if path is not None:
            path = Path(path)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
        return text


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
        out["faktor_durasi"] = _plain(c.speed_factor)
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


def _plain(value: Any) -> Any:
    """Floats that are whole numbers as ints, for tidy YAML."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float | np.integer | np.floating)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _invalid_message(name: str, source: str | None) -> str:
    where = f"berkas {source}" if source else f"skenario '{name}'"
    return (
        f"Skenario tidak bisa dijalankan: {where} berisi kesalahan. "
        "Perbaiki semua masalah di bawah ini lalu muat ulang."
    )


# --------------------------------------------------------------------------------------------
# Consistency checks (shared by YAML cards and scenarios built in Python)
# --------------------------------------------------------------------------------------------


def _consistency_problems(sc: Scenario) -> list[Problem]:
    """Every inconsistency in a fully built scenario."""
    p: list[Problem] = []
    opening = (sc.open_time, sc.close_time)
    if not sc.name or not str(sc.name).strip():
        p.append(Problem("nama skenario kosong", column="nama", expected="teks"))
    if not (_is_number(sc.open_time) and _is_number(sc.close_time)) or sc.open_time < 0:
        p.append(
            Problem(
                "jam buka/tutup tidak sah",
                column="jam_buka",
                value=sc.open_time,
                expected="jam JJ:MM",
            )
        )
        return p
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
        _require_choice(p, day, WEEKDAYS, f"hari[{i + 1}]", "nama hari tidak dikenal")
    if len(sc.days) > 1 and sc.close_time - sc.open_time > 24 * 60:
        p.append(Problem("satu hari kerja tidak boleh lebih dari 24 jam", column="jam_tutup"))
    for i, (a, b) in enumerate(sc.office_breaks):
        p += _period_problems(a, b, f"istirahat[{i + 1}]", opening)
    _require_choice(p, sc.queue, QUEUE_MODES, "antrean", "jenis antrean tidak dikenal")
    if sc.service_standard_minutes is not None:
        _require_positive(
            p,
            sc.service_standard_minutes,
            "standar_pelayanan_menit",
            "standar pelayanan harus menit lebih dari nol",
            "menit > 0",
        )

    # services
    names = [s.name for s in sc.services]
    if not sc.services:
        p.append(Problem("belum ada layanan", column="layanan", expected="minimal satu layanan"))
    for dup in sorted({n for n in names if names.count(n) > 1}):
        p.append(Problem("nama layanan dipakai dua kali", column="layanan", value=dup))
    for i, s in enumerate(sc.services):
        where = f"layanan[{i + 1}]"
        _require_non_negative(
            p, s.share, f"{where}.porsi", "porsi layanan tidak boleh negatif", "angka 0 sampai 1"
        )
        p += s.duration.problems(f"{where}.durasi")
    shares = [s.share for s in sc.services if _is_number(s.share)]
    if sc.services and len(shares) == len(sc.services):
        _require_total_one(p, sum(shares), "layanan.porsi", "jumlah porsi layanan harus 1 (100%)")

    # priority shares
    for group, share in sc.priority_shares.items():
        _require_choice(
            p, group, PRIORITY_GROUPS, f"prioritas.{group}", "kelompok prioritas tidak dikenal"
        )
        _require_probability(p, share, f"prioritas.{group}", "porsi prioritas harus antara 0 dan 1")
    total = sum(v for v in sc.priority_shares.values() if _is_number(v))
    if total > 1 + _SHARE_TOLERANCE:
        p.append(
            Problem(
                "jumlah porsi prioritas lebih dari 1",
                column="prioritas",
                value=round(total, 4),
                expected="total <= 1",
            )
        )

    # arrivals
    a = sc.arrivals
    if a.constant is not None:
        _require_positive(
            p,
            a.constant,
            "kedatangan",
            "laju kedatangan harus lebih dari nol",
            "pengunjung per jam > 0",
        )
    profiles = [("per_jam", a.per_hour)] + [(f"per_hari.{d}", prof) for d, prof in a.by_day.items()]
    for label, profile in profiles:
        for hour, rate in profile.items():
            if not isinstance(hour, int) or not 0 <= hour <= 23:
                p.append(
                    Problem(
                        "jam tidak sah",
                        column=f"kedatangan.{label}",
                        value=hour,
                        expected="jam 00 sampai 23",
                    )
                )
            valid = _require_non_negative(
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
                # Arrivals only come while the office is open; a rate here would be ignored.
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
    for day in list(a.day_factor) + list(a.by_day):
        _require_choice(p, day, WEEKDAYS, "kedatangan", "nama hari tidak dikenal")
    for day, f in a.day_factor.items():
        _require_non_negative(
            p, f, f"kedatangan.faktor_hari.{day}", "faktor hari tidak boleh negatif", ">= 0"
        )
    _require_non_negative(
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

    # counters
    cnames = [c.name for c in sc.counters]
    if not sc.counters:
        p.append(Problem("belum ada loket", column="loket", expected="minimal satu loket"))
    for dup in sorted({n for n in cnames if cnames.count(n) > 1}):
        p.append(Problem("nama loket dipakai dua kali", column="loket", value=dup))
    served: set[str] = set()
    for i, c in enumerate(sc.counters):
        where = f"loket[{i + 1}]"
        if c.services is None:
            served.update(names)
        else:
            if not c.services:
                p.append(
                    Problem(
                        "loket tidak melayani apa pun",
                        column=f"{where}.layanan",
                        expected="daftar layanan atau 'semua'",
                    )
                )
            for s in c.services:
                _require_choice(
                    p,
                    s,
                    names,
                    f"{where}.layanan",
                    "layanan di loket tidak ada di katalog layanan",
                )
                served.add(s)
        for j, (s0, s1) in enumerate(c.shifts or ()):
            p += _period_problems(s0, s1, f"{where}.jadwal[{j + 1}]", opening)
        for j, (s0, s1) in enumerate(c.breaks):
            p += _period_problems(s0, s1, f"{where}.istirahat[{j + 1}]", opening)
        for j, period in enumerate(c.absences):
            p += _period_problems(
                period.start, period.end, f"{where}.tidak_hadir[{j + 1}]", opening
            )
            p += _day_problems(period.day, len(sc.days), f"{where}.tidak_hadir[{j + 1}].hari")
        _require_positive(
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

    # patience and balking
    if sc.patience is not None:
        p += sc.patience.problems("kesabaran")
    if sc.balking is not None:
        b = sc.balking
        _require_whole(
            p,
            b.queue_length,
            "tidak_bergabung.panjang_antrean",
            "panjang antrean harus bilangan bulat, tidak negatif",
            "misalnya 20",
            minimum=0,
        )
        _require_probability(
            p, b.probability, "tidak_bergabung.peluang", "peluang harus antara 0 dan 1"
        )

    # appointments
    if sc.appointments is not None:
        ap = sc.appointments
        p += _period_problems(ap.start, ap.end, "janji_daring", opening)
        _require_positive(
            p,
            ap.interval,
            "janji_daring.interval_menit",
            "interval slot harus menit lebih dari nol",
        )
        _require_whole(
            p,
            ap.per_slot,
            "janji_daring.kuota_per_slot",
            "kuota per slot harus bilangan bulat minimal 1",
            minimum=1,
        )
        for key, value in (("terisi", ap.booked), ("tidak_datang", ap.no_show)):
            _require_probability(p, value, f"janji_daring.{key}", "peluang harus antara 0 dan 1")
        _require_non_negative(
            p,
            ap.offset_sd,
            "janji_daring.selisih_datang.simpangan_baku",
            "simpangan baku tidak boleh negatif",
        )
        if not _is_number(ap.offset_mean):
            p.append(
                Problem(
                    "rata-rata selisih datang harus angka menit",
                    column="janji_daring.selisih_datang.rata_rata",
                    value=ap.offset_mean,
                )
            )
        if ap.service_shares is not None:
            for s, share in ap.service_shares.items():
                _require_choice(
                    p,
                    s,
                    names,
                    "janji_daring.layanan",
                    "layanan janji daring tidak ada di katalog layanan",
                )
                _require_non_negative(
                    p, share, f"janji_daring.layanan.{s}", "porsi tidak boleh negatif"
                )
            total = sum(v for v in ap.service_shares.values() if _is_number(v))
            if ap.service_shares:
                _require_total_one(
                    p, total, "janji_daring.layanan", "jumlah porsi layanan janji daring harus 1"
                )

    # disruptions
    for i, d in enumerate(sc.disruptions):
        where = f"gangguan[{i + 1}]"
        _require_choice(
            p, d.kind, DISRUPTION_KINDS, f"{where}.jenis", "jenis gangguan tidak dikenal"
        )
        p += _period_problems(d.start, d.end, where, opening)
        p += _day_problems(d.day, len(sc.days), f"{where}.hari")
        if d.kind == "loket_tutup":
            _require_choice(p, d.counter, cnames, f"{where}.loket", "loket yang ditutup tidak ada")
    return p


def _require_total_one(problems: list[Problem], total: float, column: str, message: str) -> bool:
    """Whether shares adding up to ``total`` make 1 (within rounding); if not, adds a problem."""
    if abs(total - 1) > _SHARE_TOLERANCE:
        problems.append(
            Problem(message, column=column, value=round(total, 4), expected="total porsi = 1")
        )
        return False
    return True


def _require_choice(
    problems: list[Problem], value: Any, choices: Sequence[str], column: str, message: str
) -> bool:
    """Whether ``value`` is one of ``choices``; if not, a problem listing them is added."""
    ok = value in choices
    if not ok:
        problems.append(
            Problem(
                message,
                column=column,
                value=value,
                expected="salah satu dari " + ", ".join(choices),
            )
        )
    return ok


def _require_non_negative(
    problems: list[Problem], value: Any, column: str, message: str, expected: str | None = None
) -> bool:
    """Whether ``value`` is a number >= 0; if not, a problem is added to ``problems``."""
    ok = _is_number(value) and value >= 0
    if not ok:
        problems.append(Problem(message, column=column, value=value, expected=expected))
    return ok


def _require_positive(
    problems: list[Problem], value: Any, column: str, message: str, expected: str | None = None
) -> bool:
    """Whether ``value`` is a number > 0; if not, a problem is added to ``problems``."""
    ok = _is_number(value) and value > 0
    if not ok:
        problems.append(Problem(message, column=column, value=value, expected=expected))
    return ok


def _require_probability(
    problems: list[Problem], value: Any, column: str, message: str, expected: str = "0 sampai 1"
) -> bool:
    """Whether ``value`` is a number from 0 to 1; if not, a problem is added to ``problems``."""
    ok = _is_number(value) and 0 <= value <= 1
    if not ok:
        problems.append(Problem(message, column=column, value=value, expected=expected))
    return ok


def _require_whole(
    problems: list[Problem],
    value: Any,
    column: str,
    message: str,
    expected: str | None = None,
    *,
    minimum: int,
) -> bool:
    """Whether ``value`` is an int (not a bool) >= ``minimum``; if not, a problem is added.

    Only a Python ``int`` counts: ``3.0`` from a calculation is reported, as it always was
    (the YAML reader already turns whole numbers into ints).
    """
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
    if not ok:
        problems.append(Problem(message, column=column, value=value, expected=expected))
    return ok


def _period_problems(
    start: Any, end: Any, where: str, opening: tuple[float, float]
) -> list[Problem]:
    if not (_is_number(start) and _is_number(end)):
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


def _day_problems(day: Any, n_days: int, where: str) -> list[Problem]:
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


# --------------------------------------------------------------------------------------------
# Parsing the YAML form
# --------------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps ``10:45`` as text (YAML 1.1 would read it as 645)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:int"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)

_TOP_KEYS = {
    "nama": "nama skenario",
    "cerita": "cerita untuk fasilitator",
    "hari": "daftar hari yang disimulasikan",
    "jam_buka": "jam buka kantor (JJ:MM)",
    "jam_tutup": "jam tutup kantor (JJ:MM)",
    "istirahat": "istirahat kantor (ISHOMA), daftar [mulai, selesai]",
    "standar_pelayanan_menit": "standar waktu tunggu dalam menit",
    "antrean": "bersama atau per_loket",
    "layanan_prioritas": "true bila kelompok prioritas didahulukan",
    "kedatangan": "laju kedatangan per jam",
    "prioritas": "porsi kelompok prioritas",
    "layanan": "katalog layanan",
    "loket": "daftar loket",
    "kesabaran": "distribusi kesabaran (menit)",
    "tidak_bergabung": "aturan tidak jadi antre",
    "janji_daring": "janji temu daring",
    "gangguan": "daftar gangguan",
}
_TIME_RE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class _Reader:
    """Collects problems while converting YAML values."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, message: str, where: str, value: Any = None, expected: str | None = None) -> None:
        self.problems.append(
            Problem(message, file=self.source, column=where, value=value, expected=expected)
        )

    def keys(self, data: Mapping, allowed: Iterable[str], where: str) -> None:
        allowed = list(allowed)
        for key in data:
            if key not in allowed:
                self.add(
                    "kunci tidak dikenal (salah ketik?)",
                    f"{where}{key}" if where else str(key),
                    expected="salah satu dari " + ", ".join(allowed),
                )

    def mapping(self, value: Any, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.add("harus berupa pasangan kunci: nilai", where, value)
            return {}
        return dict(value)

    def listing(self, value: Any, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add("harus berupa daftar (baris diawali '- ')", where, value)
            return []
        return value

    def time(self, value: Any, where: str) -> float | None:
        if isinstance(value, str):
            m = _TIME_RE.match(value)
            if m:
                hours, minutes = int(m.group(1)), int(m.group(2))
                if hours <= 24 and minutes < 60 and hours * 60 + minutes <= 24 * 60:
                    return float(hours * 60 + minutes)
            if value.strip().startswith("-"):
                self.add("waktu tidak boleh negatif", where, value, "jam JJ:MM, misalnya 07:30")
                return None
        self.add("format jam tidak sah", where, value, "jam JJ:MM, misalnya 07:30")
        return None

    def period(self, value: Any, where: str) -> tuple[float, float] | None:
        if not isinstance(value, list | tuple) or len(value) != 2:
            self.add("harus pasangan [mulai, selesai]", where, value, "misalnya ['12:00', '13:00']")
            return None
        a, b = self.time(value[0], f"{where}[1]"), self.time(value[1], f"{where}[2]")
        return None if a is None or b is None else (a, b)

    def periods(self, value: Any, where: str) -> tuple[tuple[float, float], ...]:
        if value is None:
            return ()
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
            value = [value]  # a single [start, end] pair
        out = []
        for i, item in enumerate(self.listing(value, where)):
            got = self.period(item, f"{where}[{i + 1}]")
            if got is not None:
                out.append(got)
        return tuple(out)

    def number(
        self,
        value: Any,
        where: str,
        default: float | None = None,
        *,
        minimum: float | None = 0.0,
        integer: bool = False,
    ) -> Any:
        if value is None:
            return default
        if isinstance(value, str):
            try:
                value = float(value.replace(",", "."))
            except ValueError:
                self.add("harus angka", where, value)
                return default
        if not _is_number(value):
            self.add("harus angka", where, value)
            return default
        if integer:
            if float(value) != int(value):
                self.add("harus bilangan bulat", where, value)
                return default
            value = int(value)
        if minimum is not None and value < minimum:
            self.add(
                "tidak boleh negatif" if minimum == 0 else f"harus minimal {minimum:g}",
                where,
                value,
                f">= {minimum:g}",
            )
            return value
        return value

    def boolean(self, value: Any, where: str, default: bool) -> bool:
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("ya", "tidak"):
            return value.strip().lower() == "ya"
        self.add("harus ya/tidak (true/false)", where, value)
        return default

    def day(self, value: Any, where: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add("nomor hari harus bilangan bulat", where, value, "1 untuk hari pertama")
            return None
        return value

    def duration(self, value: Any, where: str) -> Duration | None:
        if _is_number(value):  # a bare number: exponential with that mean
            return Duration("eksponensial", mean=float(value))
        data = self.mapping(value, where)
        if not data:
            self.add(
                "distribusi belum diisi",
                where,
                expected="misalnya {distribusi: eksponensial, rata_rata: 8}",
            )
            return None
        self.keys(
            data,
            ("distribusi", "rata_rata", "simpangan_baku", "minimum", "modus", "maksimum", "data"),
            f"{where}.",
        )
        kind = data.get("distribusi", "eksponensial")
        values = data.get("data") or ()
        if not isinstance(values, list | tuple):
            self.add("data harus berupa daftar angka", f"{where}.data", values)
            values = ()
        num = self._num_or_raw
        return Duration(
            kind=str(kind),
            mean=num(data.get("rata_rata")),
            sd=num(data.get("simpangan_baku")),
            low=num(data.get("minimum")),
            mode=num(data.get("modus")),
            high=num(data.get("maksimum")),
            values=tuple(values),
        )

    @staticmethod
    def _num_or_raw(value: Any) -> Any:
        return float(value) if _is_number(value) else value

    def hourly(self, value: Any, where: str) -> dict[int, float]:
        out: dict[int, float] = {}
        for key, rate in self.mapping(value, where).items():
            hour: Any = key
            if isinstance(key, str):
                text = key.strip().split(":")[0].split(".")[0]
                hour = int(text) if text.isdigit() else key
            if not isinstance(hour, int) or isinstance(hour, bool) or not 0 <= hour <= 23:
                self.add("jam tidak sah", f"{where}.{key}", key, "jam '07' sampai '23'")
                continue
            rate = self.number(rate, f"{where}.{key}")
            if rate is not None:
                out[hour] = float(rate)
        return out


def _parse(data: Any, source: str | None) -> Scenario:
    r = _Reader(source)
    if not isinstance(data, Mapping):
        raise WorkbenchError(
            _invalid_message("?", source),
            [
                Problem(
                    "isi berkas harus berupa pasangan kunci: nilai (nama, layanan, loket, ...)",
                    file=source,
                )
            ],
        )
    r.keys(data, _TOP_KEYS, "")
    name = data.get("nama")
    if not isinstance(name, str) or not name.strip():
        r.add("nama skenario belum diisi", "nama", name, "teks")
        name = source or "tanpa nama"
    story = data.get("cerita") or ""
    if not isinstance(story, str):
        r.add("cerita harus berupa teks", "cerita", story)
        story = ""

    days_raw = data.get("hari", ["selasa"])
    if isinstance(days_raw, str):
        days_raw = [days_raw]
    days = tuple(str(d).strip().lower().replace("'", "") for d in r.listing(days_raw, "hari"))

    open_time = r.time(data.get("jam_buka", "07:30"), "jam_buka")
    close_time = r.time(data.get("jam_tutup", "16:00"), "jam_tutup")
    breaks = r.periods(data.get("istirahat", [["12:00", "13:00"]]), "istirahat")

    standard = r.number(data.get("standar_pelayanan_menit"), "standar_pelayanan_menit", None)
    queue = data.get("antrean", "bersama")
    priority_first = r.boolean(data.get("layanan_prioritas"), "layanan_prioritas", True)

    k = r.mapping(data.get("kedatangan"), "kedatangan")
    r.keys(k, ("per_jam", "per_hari", "faktor_hari", "faktor"), "kedatangan.")
    per_hour = r.hourly(k.get("per_jam"), "kedatangan.per_jam")
    by_day = {
        str(d).lower(): r.hourly(prof, f"kedatangan.per_hari.{d}")
        for d, prof in r.mapping(k.get("per_hari"), "kedatangan.per_hari").items()
    }
    day_factor = {}
    for d, f in r.mapping(k.get("faktor_hari"), "kedatangan.faktor_hari").items():
        f = r.number(f, f"kedatangan.faktor_hari.{d}")
        if f is not None:
            day_factor[str(d).lower()] = float(f)
    factor = r.number(k.get("faktor"), "kedatangan.faktor", 1.0)
    arrivals = Arrivals(
        per_hour=per_hour,
        day_factor=day_factor,
        by_day=by_day,
        factor=float(factor if factor is not None else 1.0),
    )

    priority_shares = {}
    for group, share in r.mapping(data.get("prioritas"), "prioritas").items():
        priority_shares[str(group)] = r.number(share, f"prioritas.{group}", 0.0)

    services = []
    for i, item in enumerate(r.listing(data.get("layanan"), "layanan")):
        where = f"layanan[{i + 1}]"
        item = r.mapping(item, where)
        if not item:
            continue
        r.keys(item, ("nama", "porsi", "durasi", "pakai_sistem"), f"{where}.")
        sname = item.get("nama")
        if not isinstance(sname, str) or not sname.strip():
            r.add("nama layanan belum diisi", f"{where}.nama", sname)
            sname = f"layanan {i + 1}"
        if "porsi" not in item:
            r.add("porsi layanan belum diisi", f"{where}.porsi", expected="angka 0 sampai 1")
        share = r.number(item.get("porsi"), f"{where}.porsi", 0.0)
        duration = r.duration(item.get("durasi"), f"{where}.durasi")
        if duration is None:
            duration = Duration("eksponensial", mean=1.0)
        services.append(
            Service(
                sname.strip(),
                share,
                duration,
                r.boolean(item.get("pakai_sistem"), f"{where}.pakai_sistem", True),
            )
        )

    counters = []
    for i, item in enumerate(r.listing(data.get("loket"), "loket")):
        where = f"loket[{i + 1}]"
        item = r.mapping(item, where)
        r.keys(
            item,
            (
                "nama",
                "layanan",
                "jadwal",
                "istirahat",
                "tidak_hadir",
                "prioritas",
                "hanya_prioritas",
                "faktor_durasi",
            ),
            f"{where}.",
        )
        cname = item.get("nama", f"Loket {i + 1}")
        if not isinstance(cname, str | int) or isinstance(cname, bool):
            r.add("nama loket harus teks", f"{where}.nama", cname)
            cname = f"Loket {i + 1}"
        svc = item.get("layanan", "semua")
        if svc == "semua" or svc is None:
            svc_tuple = None
        elif isinstance(svc, str):
            svc_tuple = (svc,)
        elif isinstance(svc, list):
            svc_tuple = tuple(str(s) for s in svc)
        else:
            r.add("layanan loket harus daftar atau 'semua'", f"{where}.layanan", svc)
            svc_tuple = None
        shifts = r.periods(item.get("jadwal"), f"{where}.jadwal") if "jadwal" in item else None
        cbreaks = r.periods(item.get("istirahat"), f"{where}.istirahat")
        absences = []
        for j, ab in enumerate(r.listing(item.get("tidak_hadir"), f"{where}.tidak_hadir")):
            got = _parse_period(r, ab, f"{where}.tidak_hadir[{j + 1}]", open_time, close_time)
            if got is not None:
                absences.append(got)
        counters.append(
            Counter(
                name=str(cname),
                services=svc_tuple,
                shifts=shifts,
                breaks=cbreaks,
                absences=tuple(absences),
                priority=r.boolean(item.get("prioritas"), f"{where}.prioritas", False),
                priority_only=r.boolean(
                    item.get("hanya_prioritas"), f"{where}.hanya_prioritas", False
                ),
                speed_factor=r.number(item.get("faktor_durasi"), f"{where}.faktor_durasi", 1.0),
            )
        )

    patience = None
    if data.get("kesabaran") is not None:
        patience = r.duration(data.get("kesabaran"), "kesabaran")

    balking = None
    if data.get("tidak_bergabung") is not None:
        b = r.mapping(data.get("tidak_bergabung"), "tidak_bergabung")
        r.keys(b, ("panjang_antrean", "peluang"), "tidak_bergabung.")
        if "panjang_antrean" not in b:
            r.add(
                "panjang antrean belum diisi",
                "tidak_bergabung.panjang_antrean",
                expected="misalnya 20",
            )
        balking = Balking(
            queue_length=r.number(
                b.get("panjang_antrean"), "tidak_bergabung.panjang_antrean", 0, integer=True
            ),
            probability=r.number(b.get("peluang"), "tidak_bergabung.peluang", 1.0),
        )

    appointments = None
    if data.get("janji_daring") is not None:
        j = r.mapping(data.get("janji_daring"), "janji_daring")
        r.keys(
            j,
            (
                "mulai",
                "selesai",
                "interval_menit",
                "kuota_per_slot",
                "terisi",
                "tidak_datang",
                "selisih_datang",
                "layanan",
            ),
            "janji_daring.",
        )
        off = r.mapping(j.get("selisih_datang"), "janji_daring.selisih_datang")
        r.keys(off, ("rata_rata", "simpangan_baku"), "janji_daring.selisih_datang.")
        shares = None
        if j.get("layanan") is not None:
            shares = {
                str(s): r.number(v, f"janji_daring.layanan.{s}", 0.0)
                for s, v in r.mapping(j.get("layanan"), "janji_daring.layanan").items()
            }
        start = r.time(j.get("mulai", "08:00"), "janji_daring.mulai")
        end = r.time(j.get("selesai", "12:00"), "janji_daring.selesai")
        if start is not None and end is not None:
            appointments = Appointments(
                start=start,
                end=end,
                interval=r.number(j.get("interval_menit"), "janji_daring.interval_menit", 15.0),
                per_slot=r.number(
                    j.get("kuota_per_slot"),
                    "janji_daring.kuota_per_slot",
                    1,
                    integer=True,
                    minimum=1,
                ),
                booked=r.number(j.get("terisi"), "janji_daring.terisi", 1.0),
                no_show=r.number(j.get("tidak_datang"), "janji_daring.tidak_datang", 0.0),
                offset_mean=r.number(
                    off.get("rata_rata"), "janji_daring.selisih_datang.rata_rata", 0.0, minimum=None
                ),
                offset_sd=r.number(
                    off.get("simpangan_baku"), "janji_daring.selisih_datang.simpangan_baku", 0.0
                ),
                service_shares=shares,
            )

    disruptions = []
    for i, item in enumerate(r.listing(data.get("gangguan"), "gangguan")):
        where = f"gangguan[{i + 1}]"
        item = r.mapping(item, where)
        r.keys(item, ("jenis", "loket", "hari", "mulai", "selesai"), f"{where}.")
        got = _parse_period(r, item, where, open_time, close_time, extra=("jenis", "loket"))
        if got is None:
            continue
        counter = item.get("loket")
        disruptions.append(
            Disruption(
                kind=str(item.get("jenis", "")),
                start=got.start,
                end=got.end,
                day=got.day,
                counter=None if counter is None else str(counter),
            )
        )

    fields: dict[str, Any] = {
        "days": days,
        "office_breaks": breaks,
        "queue": queue,
        "services": tuple(services),
        "counters": tuple(counters),
        "arrivals": arrivals,
        "priority_shares": priority_shares,
        "priority_first": priority_first,
        "patience": patience,
        "balking": balking,
        "appointments": appointments,
        "disruptions": tuple(disruptions),
        "service_standard_minutes": standard,
        "source": source,
    }
    if r.problems or open_time is None or close_time is None:
        # Report parse problems together with whatever consistency problems can still be seen.
        try:
            Scenario(
                name=name,
                story=story,
                open_time=open_time or 0.0,
                close_time=close_time or 24 * 60.0,
                **fields,
            )
        except WorkbenchError as exc:
            flagged = {p.column for p in r.problems}
            r.problems += [p for p in exc.problems if p.column not in flagged]
        except Exception:
            pass
        raise WorkbenchError(_invalid_message(name, source), r.problems)
    return Scenario(
        name=name.strip(),
        story=story.strip(),
        open_time=open_time,
        close_time=close_time,
        **fields,
    )


def _line_numbers(text: str) -> dict[str, int]:
    """Line (1-based) of every key path in a YAML text, written as problems name them."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = f"{path}.{key.value}" if path else str(key.value)
                lines[sub] = key.start_mark.line + 1
                walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                sub = f"{path}[{i + 1}]"
                lines[sub] = item.start_mark.line + 1
                walk(item, sub)

    if root is not None:
        walk(root, "")
    return lines


def _line_of(column: str | None, lines: dict[str, int]) -> int | None:
    """The line of ``column`` or of its nearest enclosing key."""
    path = column or ""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    return lines.get(path)


def _parse_period(
    r: _Reader,
    item: Any,
    where: str,
    open_time: float | None,
    close_time: float | None,
    extra: tuple[str, ...] = (),
) -> Period | None:
    """A period written as {hari: 1, mulai: '10:00', selesai: '10:45'} (times optional)."""
    if isinstance(item, int) and not isinstance(item, bool):
        item = {"hari": item}  # a bare day number: the whole day
    item = r.mapping(item, where)
    if not extra:
        r.keys(item, ("hari", "mulai", "selesai"), f"{where}.")
    start = r.time(item["mulai"], f"{where}.mulai") if "mulai" in item else open_time
    end = r.time(item["selesai"], f"{where}.selesai") if "selesai" in item else close_time
    day = r.day(item.get("hari"), f"{where}.hari")
    if start is None or end is None:
        return None
    return Period(start=start, end=end, day=day)
