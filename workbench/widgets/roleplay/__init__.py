"""The role-play workshop pages: the facilitator's, the projector's and each team's.

Only presentation lives here. Every number, every check and every stored row comes from
:mod:`workbench.roleplay` (the same API a notebook calls), so a refusal on the page is the same
Indonesian :class:`~workbench.errors.WorkbenchError` as in code, shown in the page. A team page
holds its plan as a :class:`~workbench.roleplay.plans.PlanChoices` (converted to and from a plan
by the library); the pages follow the workshop file through a polling thread
(:class:`~workbench.widgets.roleplay.common.Poller`) whose errors reach the page in Indonesian.

Modules: :mod:`~.common` (style, messages, poller, browser memory), :mod:`~.charts` (charts and
tables), :mod:`~.team` (team page), :mod:`~.facilitator` (facilitator page and projector view).
"""

from workbench.widgets.roleplay.charts import (
    leaderboard_html,
    queue_figure,
    replay_frame_html,
    waits_figure,
)
from workbench.widgets.roleplay.common import Poller
from workbench.widgets.roleplay.facilitator import FacilitatorPage, facilitator_page, projector_page
from workbench.widgets.roleplay.team import TeamPage, team_page

__all__ = [
    "FacilitatorPage",
    "Poller",
    "TeamPage",
    "facilitator_page",
    "leaderboard_html",
    "projector_page",
    "queue_figure",
    "replay_frame_html",
    "team_page",
    "waits_figure",
]
