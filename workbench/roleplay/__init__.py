"""Role-play workshops on the counter simulation: teams plan, the simulation judges, fairly.

Teams act as the office's management: they decide how many officers staff which counters in
which hours, which services each counter serves, the priority counter, the online-appointment
quota and breaks, within a budget of officer-hours; the simulation runs every plan on the same
visitors and a leaderboard ranks the teams, each with its plausible range of ranks. Rounds add a
decision during the day and disruption cards. See :mod:`workbench.roleplay.workshop` for the
flow of a workshop, :mod:`~workbench.roleplay.plans` for changing a plan,
:mod:`~workbench.roleplay.card_rules` for what a team may change,
:mod:`~workbench.roleplay.scoring` for the KPIs and ranks, :mod:`~workbench.roleplay.store` for
the workshop file.

Example::

    from workbench.roleplay import Workshop, plans
    ws = Workshop.create(None, "Pelatihan Februari", teams=["Tim A", "Tim B"], budget_hours=36)
    ws.submit("Tim A", plans.with_appointment_quota(ws.baseline(), 2))
    ws.leaderboard()
"""

from workbench.roleplay import plans
from workbench.roleplay.disruptions import DISRUPTIONS, DisruptionCard
from workbench.roleplay.scoring import KPIS
from workbench.roleplay.workshop import Round, Standing, Workshop, default_path

__all__ = [
    "DISRUPTIONS",
    "KPIS",
    "DisruptionCard",
    "Round",
    "Standing",
    "Workshop",
    "default_path",
    "plans",
]
