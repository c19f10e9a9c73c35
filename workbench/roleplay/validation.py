"""Checking what a facilitator types: every problem at once, as rows, before anything is stored.

Each function returns a list of :class:`~workbench.errors.Problem` (empty when all is well), so
a page can show them all and a caller can raise them as one
:class:`~workbench.errors.WorkbenchError`.
"""

from __future__ import annotations

from workbench import formatting as fmt
from workbench.errors import Problem, WorkbenchError
from workbench.roleplay.disruptions import DISRUPTIONS
from workbench.roleplay.scoring import KPIS, OLD_NAMES
from workbench.simulation import Scenario

__all__ = ["clock_minutes", "round_problems", "workshop_problems"]


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_whole(value, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _team_problems(teams) -> list[Problem]:
    clean = [str(t).strip() for t in teams or []]
    out = []
    if not clean or any(not t for t in clean):
        out.append(Problem("daftar tim kosong atau ada nama kosong", column="teams", value=teams))
    dup = sorted({t for t in clean if clean.count(t) > 1})
    if dup:
        out.append(Problem("nama tim dipakai dua kali", column="teams", value=", ".join(dup)))
    return out


def workshop_problems(*, name, teams, budget_hours, seed, replications, rank_by) -> list[Problem]:
    """What is wrong with a new workshop's settings (empty when nothing is)."""
    out = []
    if not str(name or "").strip():
        out.append(Problem("nama lokakarya kosong", column="name", expected="teks"))
    out += _team_problems(teams)
    if not _is_number(budget_hours) or not budget_hours > 0:
        out.append(
            Problem(
                "anggaran harus jam-petugas lebih dari nol",
                column="budget_hours",
                value=budget_hours,
            )
        )
    if not _is_whole(seed, 0):
        out.append(Problem("seed harus bilangan bulat 0 atau lebih", column="seed", value=seed))
    if not _is_whole(replications, 2):
        out.append(
            Problem(
                "replikasi harus bilangan bulat minimal 2 (untuk selang kepercayaan)",
                column="replications",
                value=replications,
            )
        )
    if rank_by not in KPIS and rank_by not in OLD_NAMES:
        out.append(
            Problem(
                "indikator peringkat tidak dikenal",
                column="rank_by",
                value=rank_by,
                expected=", ".join(KPIS),
            )
        )
    return out


def clock_minutes(value: str | float | None) -> float | None:
    """A clock time typed as ``10:00`` or ``10.00`` (or minutes since midnight) in minutes."""
    if value is None:
        return None
    if _is_number(value):
        return float(value)
    text = str(value).strip().replace(".", ":")
    try:
        h, m = text.split(":")
        return float(int(h) * 60 + int(m))
    except ValueError:
        raise WorkbenchError(
            f"Jam '{value}' tidak terbaca. Tulis jam sebagai JJ:MM, misalnya 10:00."
        ) from None


def round_problems(
    card: Scenario, *, disruption: str | None, minute: float | None
) -> list[Problem]:
    """What is wrong with a new round's disruption card and decision time."""
    out = []
    if disruption is not None and disruption not in DISRUPTIONS:
        out.append(
            Problem(
                "kartu gangguan tidak dikenal",
                column="disruption",
                value=disruption,
                expected=", ".join(DISRUPTIONS),
            )
        )
    if minute is not None and not card.open_time < minute < card.close_time:
        out.append(
            Problem(
                "jam keputusan di luar jam buka",
                column="decision_at",
                value=fmt.clock(minute),
                expected=f"antara {fmt.clock(card.open_time)} dan {fmt.clock(card.close_time)}",
            )
        )
    if minute is not None and len(card.days) != 1:
        out.append(
            Problem(
                "keputusan di tengah hari hanya untuk kartu satu hari",
                column="decision_at",
                value=fmt.clock(minute),
            )
        )
    return out
