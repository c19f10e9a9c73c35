"""The parts a scenario is made of: distributions, services, counters, arrivals and the rest.

Plain frozen dataclasses with English field names; their Indonesian YAML form is read by
:mod:`~workbench.simulation.card` and written by :mod:`~workbench.simulation.card_writer`, and
what each part means for the model is told in :mod:`~workbench.simulation.scenario`. A part
checks nothing when it is made: the scenario checks all its parts at once
(:mod:`~workbench.simulation.checks`), so every mistake is reported together.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbench import formatting as fmt
from workbench.errors import Problem
from workbench.simulation.rules import (
    is_number,
    require_choice,
    require_non_negative,
    require_positive,
)
from workbench.simulation.team_rules import Reserve

__all__ = [
    "DISRUPTION_KINDS",
    "DISTRIBUTIONS",
    "MAX_VISITORS",
    "PRIORITY_GROUPS",
    "QUEUE_MODES",
    "WEEKDAYS",
    "Appointments",
    "Arrivals",
    "Balking",
    "Counter",
    "Disruption",
    "Duration",
    "Period",
    "Service",
    "format_clock",
    "plain",
]

#: Weekday names as written in scenario files, Monday first.
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")

#: Priority groups that are called first (shared with the ``layanan`` dataset).
PRIORITY_GROUPS = ("lansia", "disabilitas", "ibu hamil")

DISTRIBUTIONS = ("eksponensial", "lognormal", "segitiga", "tetap", "empiris")
QUEUE_MODES = ("bersama", "per_loket")
DISRUPTION_KINDS = ("sistem_mati", "loket_tutup")

#: Most visitors one replication may expect: beyond this the arrays of one replication take
#: gigabytes (a long M/M/c run of a million visitors needs about 1 GB and a minute or two).
MAX_VISITORS = 1_000_000


#: Minutes from midnight as ``HH:MM`` (kept under this name for earlier code; the one clock
#: format of the workbench is :func:`workbench.formatting.clock`).
format_clock = fmt.clock


# --------------------------------------------------------------------------------------------
# Parts of a scenario
# --------------------------------------------------------------------------------------------


def _need_positive(
    out: list[Problem], where: str, name: str, value: float | None, label: str
) -> None:
    """A duration parameter that must be given and positive."""
    if value is None:
        out.append(
            Problem(f"{label} belum diisi", column=f"{where}.{name}", expected="angka menit > 0")
        )
    else:
        require_positive(
            out,
            value,
            f"{where}.{name}",
            f"{label} harus angka lebih dari nol (tidak boleh negatif)",
            "menit > 0",
        )


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
        if not require_choice(
            out, self.kind, DISTRIBUTIONS, f"{where}.distribusi", "distribusi tidak dikenal"
        ):
            return out
        if self.kind in ("eksponensial", "tetap"):
            _need_positive(out, where, "rata_rata", self.mean, "rata-rata")
        elif self.kind == "lognormal":
            _need_positive(out, where, "rata_rata", self.mean, "rata-rata")
            _need_positive(out, where, "simpangan_baku", self.sd, "simpangan baku")
        elif self.kind == "segitiga":
            out += self._triangle_problems(where)
        elif self.kind == "empiris":
            out += self._empirical_problems(where)
        return out

    def _triangle_problems(self, where: str) -> list[Problem]:
        out: list[Problem] = []
        for name, value, label in (
            ("minimum", self.low, "minimum"),
            ("modus", self.mode, "nilai paling sering"),
            ("maksimum", self.high, "maksimum"),
        ):
            require_non_negative(
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
        return out

    def _empirical_problems(self, where: str) -> list[Problem]:
        out: list[Problem] = []
        if not self.values:
            out.append(
                Problem(
                    "daftar data kosong",
                    column=f"{where}.data",
                    expected="daftar lama waktu dalam menit",
                )
            )
        bad = [v for v in self.values if not is_number(v) or v < 0]
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
                out[key] = plain(value)
        if self.values:
            out["data"] = [plain(v) for v in self.values]
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
    reserve: Reserve | None = None  # a back-office officer on call (team_rules)


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
    """A visitor who sees ``queue_length`` or more people waiting, and no counter free to serve
    them at once, leaves with ``probability`` (``queue_length`` 0: nobody waits, M/M/c/c)."""

    queue_length: int
    probability: float = 1.0


def plain(value: Any) -> Any:
    """Floats that are whole numbers as ints, for tidy YAML."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value
