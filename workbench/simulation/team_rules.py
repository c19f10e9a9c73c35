"""Rules beyond the card's day: a back-office officer on call, an overtime cap, and the backlog
of people sent home coming back the next day.

* **A back-office officer on call** (``cadangan`` on a counter): the counter's officer works in
  the back office during its shifts and comes to the counter when at least ``buka_bila`` people
  are waiting in the shared queue; after each visitor, or when nobody is waiting, the officer
  goes back once at most ``kembali_bila`` people wait. Only with one shared queue (with a queue
  per counter, visitors would line up at a desk nobody staffs). The officer's back-office hours
  are not counter hours: what they cost at the counter is the time spent serving there.
* **An overtime cap** (``batas_lembur_menit``): counters stop calling visitors that many minutes
  after closing; the visitor in front of a counter is still finished, and everyone still waiting
  then goes home unserved (status ``pergi``), as when the last counter goes home.
* **The backlog comes back** (``kembali_besok``, a share between 0 and 1): in a scenario of
  several days, that share of the people who went home unserved on a day (gave up, did not
  join, or were still waiting at the end) come back the next day within its first two hours, as
  a new visit (``kanal`` ``kembali``) with the same service, priority, service time and
  patience. Who comes back, and when, is decided by the visitor's own random numbers, so a
  person sent home by two plans makes the same choice in both (common random numbers); each
  person comes back at most once, and those sent home on the last day are not simulated.

They live in the scenario (:class:`~workbench.simulation.parts.Counter` ``reserve``,
:class:`~workbench.simulation.scenario.Scenario` ``overtime_cap_minutes`` and
``return_next_day``), are read from and written to cards, checked with the rest of the
scenario, and played by the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.errors import Problem
from workbench.simulation.rules import (
    require_non_negative,
    require_probability,
    require_whole,
)

__all__ = ["Reserve", "read_reserve", "reserve_dict", "rule_problems"]


@dataclass(frozen=True)
class Reserve:
    """A back-office officer who opens a counter when the queue is long (see module docstring).

    ``open_at``: people waiting in the shared queue that bring the officer to the counter;
    ``close_at``: people waiting at or below which the officer goes back (less than
    ``open_at``).
    """

    open_at: int
    close_at: int = 0


def read_reserve(r, value: Any, where: str) -> Reserve | None:
    """``cadangan: {buka_bila: 8, kembali_bila: 2}`` of a counter (``r``: the card reader)."""
    if value is None:
        return None
    item = r.mapping(value, where)
    r.keys(item, ("buka_bila", "kembali_bila"), f"{where}.")
    open_at = item.get("buka_bila")
    close_at = item.get("kembali_bila", 0)
    if open_at is None:
        r.add(
            "jumlah antrean untuk membuka loket belum diisi",
            f"{where}.buka_bila",
            None,
            "misalnya 8",
        )
        return None
    return Reserve(open_at=open_at, close_at=close_at)


def reserve_dict(reserve: Reserve) -> dict[str, int]:
    """The card form of a reserve."""
    return {"buka_bila": reserve.open_at, "kembali_bila": reserve.close_at}


def rule_problems(sc) -> list[Problem]:
    """Everything wrong with the team rules of scenario ``sc``."""
    out: list[Problem] = []
    reserves = [(i, c) for i, c in enumerate(sc.counters) if c.reserve is not None]
    for i, c in reserves:
        where = f"loket[{i + 1}].cadangan"
        ok = require_whole(
            out,
            c.reserve.open_at,
            f"{where}.buka_bila",
            "jumlah antrean untuk membuka loket harus bilangan bulat minimal 1",
            "misalnya 8",
            minimum=1,
        )
        ok = (
            require_whole(
                out,
                c.reserve.close_at,
                f"{where}.kembali_bila",
                "jumlah antrean untuk kembali harus bilangan bulat, tidak negatif",
                "misalnya 2",
                minimum=0,
            )
            and ok
        )
        if ok and c.reserve.close_at >= c.reserve.open_at:
            out.append(
                Problem(
                    "petugas cadangan harus kembali pada antrean yang lebih pendek dari saat "
                    "ia membuka loket",
                    column=f"{where}.kembali_bila",
                    value=c.reserve.close_at,
                    expected=f"kurang dari buka_bila ({c.reserve.open_at})",
                )
            )
    if reserves and sc.queue != "bersama":
        out.append(
            Problem(
                "petugas cadangan hanya untuk satu antrean bersama (di antrean per loket warga "
                "akan antre di meja yang kosong)",
                column="antrean",
                value=sc.queue,
                expected="bersama",
            )
        )
    if reserves and len(reserves) == len(sc.counters):
        out.append(
            Problem(
                "semua loket dijaga petugas cadangan",
                column="loket",
                expected="minimal satu loket yang dijaga tetap",
            )
        )
    if sc.return_next_day is not None:
        require_probability(
            out,
            sc.return_next_day,
            "kembali_besok",
            "porsi warga yang datang lagi besok harus antara 0 dan 1",
        )
    if sc.overtime_cap_minutes is not None:
        require_non_negative(
            out,
            sc.overtime_cap_minutes,
            "batas_lembur_menit",
            "batas lembur harus menit, tidak negatif",
            "misalnya 30",
        )
    return out
