"""``simulate``: run a scenario several times and collect the visitor records."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.errors import Problem, WorkbenchError
from workbench.simulation.model import (
    draw_visitors,
    expected_visitors,
    plan,
    replication_seeds,
    run_replication,
)
from workbench.simulation.parts import MAX_VISITORS
from workbench.simulation.results import SimulationResult
from workbench.simulation.scenario import PRIORITY_GROUPS, Scenario

__all__ = ["simulate"]

_CHANNELS = ("datang langsung", "daring", "kembali")  # kembali: came back the next day
_STATUS = ("dilayani", "pergi", "tidak_bergabung")


def simulate(
    scenario: Scenario | str | Path, replications: int = 30, seed: int = 1
) -> SimulationResult:
    """Run ``scenario`` ``replications`` times from ``seed`` and return the results.

    ``scenario`` may also be a scenario card: its path, or its name in the scenarios folder
    (``simulate("selasa-biasa")``). The same seed gives the same records;
    two scenarios run with the same seed see the same visitors in each replication (common
    random numbers), so differences between them come from the policy, not from luck.
    """
    if isinstance(scenario, str | Path):
        scenario = Scenario.from_yaml(scenario)
    if not isinstance(scenario, Scenario):
        raise WorkbenchError("simulate() perlu sebuah Scenario atau nama berkas kartu skenario.")
    problems = []
    if (
        isinstance(replications, bool)
        or not isinstance(replications, int | np.integer)
        or replications < 1
    ):
        problems.append(
            Problem(
                "jumlah replikasi harus bilangan bulat minimal 1",
                column="replications",
                value=replications,
                expected="misalnya 30",
            )
        )
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        problems.append(
            Problem(
                "seed harus bilangan bulat tidak negatif",
                column="seed",
                value=seed,
                expected="misalnya 1",
            )
        )
    if problems:
        raise WorkbenchError("Simulasi tidak bisa dijalankan.", problems)
    replications, seed = int(replications), int(seed)

    p = plan(scenario)
    _check_size(expected_visitors(p))
    parts = []
    try:
        for r, rep in enumerate(replication_seeds(seed, replications), start=1):
            visitors = draw_visitors(p, rep)
            outcome = run_replication(p, visitors)
            parts.append((r, visitors, outcome))
    except MemoryError:
        raise _too_big(expected_visitors(p)) from None
    return SimulationResult(
        scenario=scenario,
        records=_records(scenario, parts),
        replications=replications,
        seed=seed,
        plan=p,
    )


def _check_size(visitors: float) -> None:
    """Refuse a scenario whose one replication would not fit in memory."""
    if visitors > MAX_VISITORS:
        raise _too_big(visitors)


def _too_big(visitors: float) -> WorkbenchError:
    many, limit = fmt.count(visitors), fmt.count(MAX_VISITORS)
    return WorkbenchError(
        f"Skenario terlalu besar untuk disimulasikan: sekitar {many} pengunjung per replikasi, "
        f"melebihi memori komputer (batasnya {limit}). Perpendek jam buka (misalnya hours= pada "
        "Scenario.mmc) atau kurangi jumlah hari, lalu jalankan lagi.",
        [
            Problem(
                "jumlah pengunjung terlalu banyak",
                column="kedatangan",
                value=round(visitors),
                expected=f"paling banyak {limit} per replikasi",
            )
        ],
    )


def _records(sc: Scenario, parts) -> pd.DataFrame:
    """One DataFrame for all replications, built column by column from the engine's arrays."""

    def cat(name: str) -> np.ndarray:
        return np.concatenate([x[name] for _r, x, _o in parts]) if parts else np.empty(0)

    def out(name: str) -> np.ndarray:
        return np.concatenate([o[name] for _r, _x, o in parts]) if parts else np.empty(0)

    sizes = [len(x["arrive"]) for _r, x, _o in parts]
    arrive, start = cat("arrive"), out("start")
    status = out("status").astype(np.int64) if parts else np.empty(0, dtype=np.int64)
    group = cat("group").astype(np.int64)
    group_names = (*PRIORITY_GROUPS, "tidak")
    counter_names = [c.name for c in sc.counters]
    df = pd.DataFrame(
        {
            "replikasi": np.repeat(np.arange(1, len(parts) + 1), sizes),
            "id": np.concatenate([np.arange(1, k + 1) for k in sizes])
            if sizes
            else np.empty(0, int),
            "hari": cat("day").astype(np.int64) + 1,
            "kanal": pd.Categorical.from_codes(
                cat("channel").astype(np.int64), categories=_CHANNELS
            ),
            "layanan": pd.Categorical.from_codes(
                cat("service").astype(np.int64), categories=[s.name for s in sc.services]
            ),
            "prioritas": pd.Categorical.from_codes(group, categories=group_names),
            "datang": arrive,
            "mulai": start,
            "selesai": out("end"),
            "keluar": out("leave"),
            "loket": pd.Categorical.from_codes(
                out("counter").astype(np.int64), categories=counter_names
            ),
            "tunggu": start - arrive,
            "status": pd.Categorical.from_codes(status - 1, categories=_STATUS),
            "jadwal_janji": cat("slot"),
        }
    )
    return df
