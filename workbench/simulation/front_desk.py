"""Multi-step service: a front desk that checks papers before the counter (``meja_depan``).

Every visitor first queues at the front desk (first come, first served, ``petugas`` desk
officers working from opening until the last visitor is checked), whose check takes
``durasi_periksa`` minutes. A share ``tidak_lengkap`` of visitors have incomplete papers and are
sent back; of those, a share ``kembali`` come back later the same day after ``kembali_setelah``
minutes (if that is before closing) with their papers complete, queue at the desk again, and
then go on to the counter; the others go home unserved (status ``pergi``). Visitors with
complete papers join the counter queue the moment their check ends.

What this means for the results: ``tunggu`` is still measured from arriving at the office to
being called at the counter, so it includes the desk queue and the check; patience runs from
arriving at the office, but nobody gives up while queuing at the desk itself (they can see it
moving). Desk officers cost officer-hours like counter officers (``petugas`` times the opening
hours).

Randomness: each visitor's check time, papers, coming back and delay come from the low-order
bits of numbers already in the visitor's own random row (bits the arrival, priority, service and
patience draws do not depend on in practice), so the same visitor has the same papers in every
scenario run with the same seed (common random numbers) and no existing draw changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbench.errors import Problem
from workbench.simulation.parts import Duration
from workbench.simulation.rules import require_probability, require_whole

__all__ = [
    "FrontDesk",
    "desk_draws",
    "front_desk_dict",
    "front_desk_problems",
    "read_front_desk",
]

#: Bits shifted away to get a fresh uniform from a used one (see the module docstring).
_SHIFT = float(2**24)


@dataclass(frozen=True)
class FrontDesk:
    """The front desk of a multi-step service (see the module docstring)."""

    officers: int = 1
    check: Duration = field(default_factory=lambda: Duration("tetap", mean=2.0))
    incomplete: float = 0.0
    come_back: float = 0.0
    back_after: Duration = field(default_factory=lambda: Duration("eksponensial", mean=60.0))


def _fresh(u: np.ndarray) -> np.ndarray:
    """A uniform in [0, 1) from the low-order bits of uniforms ``u``."""
    return np.modf(u * _SHIFT)[0]


def desk_draws(desk: FrontDesk, rows: np.ndarray) -> dict[str, np.ndarray]:
    """Each visitor's check minutes, papers and coming back, from their random ``rows``
    (six columns: the visitor's uniforms used for gap, height, balking, priority, service and
    patience)."""
    d = _fresh(rows)

    def normal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.sqrt(-2.0 * np.log1p(-a)) * np.cos(2.0 * np.pi * b)

    return {
        "desk_check": desk.check.sample(d[:, 0], normal(d[:, 0], d[:, 1])),
        "desk_incomplete": d[:, 2] < desk.incomplete,
        "desk_back": d[:, 3] < desk.come_back,
        "desk_delay": desk.back_after.sample(d[:, 4], normal(d[:, 4], d[:, 5])),
    }


def read_front_desk(r, value: Any) -> FrontDesk | None:
    """``meja_depan`` of a card (``r``: the card reader)."""
    if value is None:
        return None
    where = "meja_depan"
    item = r.mapping(value, where)
    r.keys(
        item,
        ("petugas", "durasi_periksa", "tidak_lengkap", "kembali", "kembali_setelah"),
        f"{where}.",
    )
    default = FrontDesk()
    check = (
        r.duration(item["durasi_periksa"], f"{where}.durasi_periksa")
        if "durasi_periksa" in item
        else default.check
    )
    back_after = (
        r.duration(item["kembali_setelah"], f"{where}.kembali_setelah")
        if "kembali_setelah" in item
        else default.back_after
    )
    return FrontDesk(
        officers=item.get("petugas", 1),
        check=check or default.check,
        incomplete=r.number(item.get("tidak_lengkap"), f"{where}.tidak_lengkap", 0.0),
        come_back=r.number(item.get("kembali"), f"{where}.kembali", 0.0),
        back_after=back_after or default.back_after,
    )


def front_desk_dict(desk: FrontDesk) -> dict[str, Any]:
    """The card form of a front desk."""
    return {
        "petugas": desk.officers,
        "durasi_periksa": desk.check.to_dict(),
        "tidak_lengkap": desk.incomplete,
        "kembali": desk.come_back,
        "kembali_setelah": desk.back_after.to_dict(),
    }


def front_desk_problems(sc) -> list[Problem]:
    """Everything wrong with the front desk of scenario ``sc``."""
    desk = sc.front_desk
    if desk is None:
        return []
    out: list[Problem] = []
    require_whole(
        out,
        desk.officers,
        "meja_depan.petugas",
        "jumlah petugas meja depan harus bilangan bulat minimal 1",
        "misalnya 1",
        minimum=1,
    )
    out += desk.check.problems("meja_depan.durasi_periksa")
    out += desk.back_after.problems("meja_depan.kembali_setelah")
    require_probability(
        out, desk.incomplete, "meja_depan.tidak_lengkap", "porsi berkas tidak lengkap harus 0-1"
    )
    require_probability(
        out, desk.come_back, "meja_depan.kembali", "porsi yang kembali hari itu harus 0-1"
    )
    return out
