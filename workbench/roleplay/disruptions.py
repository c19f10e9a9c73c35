"""Disruption cards for a second round: what goes wrong, applied to every team's own plan.

Each card changes the day, not the team's decisions, and uses the engine's own disruptions so
that it means the same as a scenario card with ``gangguan``: the registration system down
(``sistem_mati``), one officer off sick all day (``loket_tutup`` on one of the team's counters),
or a surge of visitors (the arrival rate times a factor; the ordinary visitors all still come,
with common random numbers, and extra ones join them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from workbench.errors import WorkbenchError
from workbench.simulation import Disruption, Scenario
from workbench.simulation.model import plan as engine_plan

__all__ = ["DISRUPTIONS", "DisruptionCard", "apply_disruption", "disruption_card"]


@dataclass(frozen=True)
class DisruptionCard:
    """A disruption the facilitator draws for a round."""

    key: str
    title: str
    story: str
    apply: Callable[[Scenario], Scenario]


def _system_down(sc: Scenario) -> Scenario:
    start = max(sc.open_time, 9 * 60.0 + 30)
    end = min(sc.close_time, start + 60.0)
    extra = Disruption("sistem_mati", start, end)
    return sc.replace(disruptions=(*sc.disruptions, extra))


def _officer_sick(sc: Scenario) -> Scenario:
    """Close, for the whole day, the counter with the most scheduled hours whose closure still
    leaves every service served (the first such counter on a tie)."""
    hours = engine_plan(sc).scheduled
    names = [s.name for s in sc.services]
    candidates = []
    for i, c in enumerate(sc.counters):
        others = [o for o in sc.counters if o.name != c.name and not o.priority_only]
        covered = set()
        for o in others:
            covered.update(names if o.services is None else o.services)
        if others and covered >= set(names):
            candidates.append((-hours[i], i, c.name))
    if not candidates:
        raise WorkbenchError(
            "Kartu 'petugas sakit' tidak bisa dipakai: rencana ini hanya punya satu loket untuk "
            "sebagian layanan. Tambahkan loket pada rencana."
        )
    name = min(candidates)[2]
    closed = tuple(
        Disruption("loket_tutup", sc.open_time, sc.close_time, day=d + 1, counter=name)
        for d in range(len(sc.days))
    )
    return sc.replace(disruptions=(*sc.disruptions, *closed))


def _surge(sc: Scenario) -> Scenario:
    return sc.replace(arrivals=replace(sc.arrivals, factor=sc.arrivals.factor * 1.3))


DISRUPTIONS: dict[str, DisruptionCard] = {
    card.key: card
    for card in (
        DisruptionCard(
            "sistem-mati",
            "Sistem pendaftaran mati",
            "Pukul 09.30-10.30 sistem pendaftaran kota tidak bisa diakses. Layanan yang memakai "
            "sistem (KTP-el, KK, KIA, akta, surat pindah) tidak bisa dimulai; legalisir dan "
            "surat keterangan tetap jalan. Warga terus datang.",
            _system_down,
        ),
        DisruptionCard(
            "petugas-sakit",
            "Petugas sakit",
            "Satu petugas izin sakit sepanjang hari dan tidak ada pengganti: loket yang paling "
            "lama dijaga dalam rencana tim tutup hari ini.",
            _officer_sick,
        ),
        DisruptionCard(
            "lonjakan",
            "Lonjakan pengunjung",
            "Ada pengumuman pencairan bantuan yang butuh surat keterangan: warga yang datang "
            "30% lebih banyak dari biasa di setiap jam.",
            _surge,
        ),
    )
}


def disruption_card(key: str) -> DisruptionCard:
    """The card named ``key``, or a WorkbenchError listing the cards there are."""
    if key not in DISRUPTIONS:
        raise WorkbenchError(
            f"Kartu gangguan '{key}' tidak dikenal. Pilih salah satu: "
            + ", ".join(DISRUPTIONS)
            + "."
        )
    return DISRUPTIONS[key]


def apply_disruption(sc: Scenario, key: str | None) -> Scenario:
    """``sc`` with the disruption ``key`` (``None``: unchanged)."""
    return sc if key is None else disruption_card(key).apply(sc)
