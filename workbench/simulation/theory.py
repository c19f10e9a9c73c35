"""Queueing theory for checking the simulation: the M/M/c queue and Erlang C.

An M/M/c queue is the simplest office there is: visitors arrive at random at a constant rate
(a Poisson process, ``lambda`` per hour), every service takes an exponentially distributed time
with mean ``h`` minutes, there are ``c`` identical counters sharing one ticket queue served
first come, first served, nobody leaves the queue and the office never closes. For that office
queueing theory gives exact long-run answers, so a trainer can check the simulation against
them (and the test suite does, for several loads):

* offered load ``A = lambda * h`` (in counters' worth of work) and utilisation ``rho = A / c``;
  the queue is only stable when ``rho < 1``;
* the probability that a visitor has to wait (Erlang C)
  ``P(wait) = (A^c/c!) / (A^c/c! + (1 - rho) * sum_{k<c} A^k/k!)``;
* the mean wait in the queue ``Wq = P(wait) * h / (c - A)``;
* the share of visitors whose wait is at most ``t`` minutes
  ``1 - P(wait) * exp(-(c - A) * t / h)``;
* and, for an office where nobody may wait (M/M/c/c: whoever finds every counter busy goes
  away), the share turned away (Erlang B) ``B = (A^c/c!) / sum_{k<=c} A^k/k!``.

Real offices break every one of these assumptions (rates change by the hour, services differ,
people give up, the office closes), which is why the workshops use the simulation; these
formulas are the yardstick that shows the simulation is built right, and a quick first answer
to "how many counters do we need?" (:func:`counters_needed`).

Rates are per hour and times in minutes, as trainers speak about them.
"""

from __future__ import annotations

import math

import numpy as np

from workbench import formatting as fmt
from workbench.errors import Problem, WorkbenchError
from workbench.simulation.rules import is_number

__all__ = [
    "counters_needed",
    "erlang_b",
    "erlang_c",
    "mean_wait",
    "offered_load",
    "share_within",
    "utilisation",
]


def _whole(value) -> bool:
    """Whether ``value`` is a whole number type (Python or numpy int, not a bool)."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _validate(arrivals_per_hour: float, mean_service_minutes: float, counters: int) -> float:
    """Validate the inputs (numpy numbers welcome) and return the offered load A."""
    problems = []
    if not (is_number(arrivals_per_hour) and arrivals_per_hour > 0):
        problems.append(
            Problem(
                "laju kedatangan harus lebih dari nol",
                column="arrivals_per_hour",
                value=arrivals_per_hour,
                expected="pengunjung per jam > 0",
            )
        )
    if not (is_number(mean_service_minutes) and mean_service_minutes > 0):
        problems.append(
            Problem(
                "rata-rata lama layanan harus lebih dari nol",
                column="mean_service_minutes",
                value=mean_service_minutes,
                expected="menit > 0",
            )
        )
    if not _whole(counters) or counters < 1:
        problems.append(
            Problem(
                "jumlah loket harus bilangan bulat minimal 1",
                column="counters",
                value=counters,
                expected="1, 2, 3, ...",
            )
        )
    if problems:
        raise WorkbenchError("Masukan rumus antrean tidak sah.", problems)
    return offered_load(float(arrivals_per_hour), float(mean_service_minutes))


def _check(arrivals_per_hour: float, mean_service_minutes: float, counters: int) -> float:
    """Validate the inputs of a queue that must be stable and return the offered load A."""
    load = _validate(arrivals_per_hour, mean_service_minutes, counters)
    if load >= counters:
        raise WorkbenchError(
            f"Antrean tidak stabil: beban {fmt.number(load, 2)} loket-penuh sedangkan loket hanya "
            f"{counters}. "
            "Antrean akan terus memanjang; tambah loket atau perpendek waktu layanan.",
            [
                Problem(
                    "utilisasi harus di bawah 1",
                    column="counters",
                    value=counters,
                    expected=f"lebih dari {fmt.number(load, 2)} loket",
                )
            ],
        )
    return load


def offered_load(arrivals_per_hour: float, mean_service_minutes: float) -> float:
    """Offered load A = lambda * h, in counters' worth of work (no unit)."""
    return arrivals_per_hour * mean_service_minutes / 60.0


def utilisation(arrivals_per_hour: float, mean_service_minutes: float, counters: int) -> float:
    """Long-run share of time each counter is busy, rho = A / c."""
    return _check(arrivals_per_hour, mean_service_minutes, counters) / counters


def erlang_b(arrivals_per_hour: float, mean_service_minutes: float, counters: int) -> float:
    """Share of visitors turned away when nobody may wait (Erlang B, the M/M/c/c loss system).

    Visitors who find every counter busy leave at once; in a scenario this is
    ``tidak_bergabung`` with ``panjang_antrean: 0`` and ``peluang: 1``. Computed by the stable
    recursion B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)); no stability condition is needed.
    """
    load = _validate(arrivals_per_hour, mean_service_minutes, counters)
    blocking = 1.0
    for k in range(1, int(counters) + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(arrivals_per_hour: float, mean_service_minutes: float, counters: int) -> float:
    """Probability that an arriving visitor has to wait (Erlang C formula).

    Computed through the Erlang B recursion, which stays accurate for many counters where the
    factorials in the textbook formula would overflow.
    """
    load = _check(arrivals_per_hour, mean_service_minutes, counters)
    blocking = 1.0
    for k in range(1, counters + 1):
        blocking = load * blocking / (k + load * blocking)
    return counters * blocking / (counters - load * (1.0 - blocking))


def mean_wait(arrivals_per_hour: float, mean_service_minutes: float, counters: int) -> float:
    """Mean wait in the queue in minutes, Wq = P(wait) * h / (c - A), over all visitors."""
    load = _check(arrivals_per_hour, mean_service_minutes, counters)
    return (
        erlang_c(arrivals_per_hour, mean_service_minutes, counters)
        * mean_service_minutes
        / (counters - load)
    )


def share_within(
    arrivals_per_hour: float, mean_service_minutes: float, counters: int, minutes: float
) -> float:
    """Share of visitors who wait at most ``minutes`` minutes: 1 - P(wait) e^{-(c-A)t/h}."""
    if not (is_number(minutes) and minutes >= 0):
        raise WorkbenchError(
            "Batas waktu tunggu tidak sah.",
            [
                Problem(
                    "batas waktu tunggu tidak boleh negatif",
                    column="minutes",
                    value=minutes,
                    expected="menit >= 0",
                )
            ],
        )
    load = _check(arrivals_per_hour, mean_service_minutes, counters)
    p_wait = erlang_c(arrivals_per_hour, mean_service_minutes, counters)
    return 1.0 - p_wait * math.exp(-(counters - load) * minutes / mean_service_minutes)


def counters_needed(
    arrivals_per_hour: float,
    mean_service_minutes: float,
    *,
    within_minutes: float | None = None,
    target_share: float = 0.8,
    max_mean_wait: float | None = None,
    max_counters: int = 200,
) -> int:
    """Fewest counters that meet a service target in the M/M/c model.

    Give either a service level (``target_share`` of visitors wait at most ``within_minutes``,
    for example 80% within 15 minutes) or a ceiling on the mean wait (``max_mean_wait``
    minutes), or both; the answer meets every target given and is at least the smallest
    stable number of counters.
    """
    if within_minutes is None and max_mean_wait is None:
        raise WorkbenchError(
            "Sebutkan target: within_minutes (dengan target_share) atau max_mean_wait."
        )
    if not 0 < target_share < 1:
        raise WorkbenchError(
            "Target porsi harus di antara 0 dan 1.",
            [
                Problem(
                    "porsi di luar rentang",
                    column="target_share",
                    value=target_share,
                    expected="angka antara 0 dan 1, misalnya 0.8",
                )
            ],
        )
    if max_mean_wait is not None and max_mean_wait <= 0:
        raise WorkbenchError(
            "Batas rata-rata tunggu harus lebih dari nol.",
            [
                Problem(
                    "batas tidak sah",
                    column="max_mean_wait",
                    value=max_mean_wait,
                    expected="menit > 0",
                )
            ],
        )
    _check(arrivals_per_hour, mean_service_minutes, 10**9)  # validates rate and time
    load = offered_load(arrivals_per_hour, mean_service_minutes)
    c = max(1, math.floor(load) + 1)
    while c <= max_counters:
        ok = True
        if within_minutes is not None:
            ok = (
                share_within(arrivals_per_hour, mean_service_minutes, c, within_minutes)
                >= target_share
            )
        if ok and max_mean_wait is not None:
            ok = mean_wait(arrivals_per_hour, mean_service_minutes, c) <= max_mean_wait
        if ok:
            return c
        c += 1
    raise WorkbenchError(f"Target tidak tercapai bahkan dengan {max_counters} loket.")
