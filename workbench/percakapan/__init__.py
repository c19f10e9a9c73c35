"""Conversations at the counter: service role plays, alone or in threes, with observer rubrics.

The founding text asks for soft skills developed through simulation and role play; the SKM's
weakest elements (U8 complaint handling) and the citizens' suggestions ("pengaduan tidak
dibalas", "petugas tidak ramah") point at how officers *talk* with citizens. This capability
trains and assesses that, in two ways:

* **Alone**: a branching conversation (:class:`Conversation`). A citizen arrives with a
  situation; at each step the learner chooses what to say or do; the citizen's patience and
  trust, whether the need is solved, the minutes spent and what is promised change; the ending
  explains what went well and what did not, with the rule behind it. Finished plays are stored
  as practice evidence (:func:`record_play`, :func:`plays`) and replay exactly
  (:func:`replay_play`).
* **In threes**: citizen, officer and observer (:class:`Session`), with private briefs, an
  observer rubric of observable behaviours with anchored levels (:func:`load_rubric`), roles
  rotating each round, many groups at once. The observers' scores are a plain table
  (:func:`observer_scores`, :func:`competency_scores`) that competency takes as its
  ``pengamat`` source and the evaluation of training reads for its behaviour level.

Scenarios are YAML files a trainer writes (``scenarios/percakapan/``, format in its
``README.md``), checked whole when read (:func:`load_scenario`, :func:`load_all`), with a
picture of each graph for authors (:func:`graph_figure`). :func:`catalogue` lists them with the
competencies, SKM elements and suggestion themes they train.
"""

from workbench.percakapan.catalogue import catalogue
from workbench.percakapan.conversation import Conversation, Outcome
from workbench.percakapan.evidence import plays, record_play, replay_play
from workbench.percakapan.graph import graph_figure, to_dot
from workbench.percakapan.loader import load_all, load_scenario, scenario_names
from workbench.percakapan.model import Scenario
from workbench.percakapan.play import walk
from workbench.percakapan.rubric import load_rubric, load_sources
from workbench.percakapan.scores import competency_scores, observer_scores
from workbench.percakapan.store import default_path
from workbench.percakapan.triad import Session, parse_triads

__all__ = [
    "Conversation",
    "Outcome",
    "Scenario",
    "Session",
    "catalogue",
    "competency_scores",
    "default_path",
    "graph_figure",
    "load_all",
    "load_rubric",
    "load_scenario",
    "load_sources",
    "observer_scores",
    "parse_triads",
    "plays",
    "record_play",
    "replay_play",
    "scenario_names",
    "to_dot",
    "walk",
]
