"""Which learner is which employee: the link between practice names and NIPs.

Progress files are named by learner (the laptop's or JupyterHub's user name, or the name set in
the settings); the competency engine works with NIPs. ``<state>/kompetensi/peserta.csv``
(columns ``peserta``, ``nip``) links the two, read by the competency engine
(:func:`workbench.competency.ledger.learner_nips`); a learner whose name is an NIP needs no
line. :func:`learner_names` lists every name the workbench recorded, for masking.
"""

from __future__ import annotations

from workbench.competency.ledger import PESERTA_FILE, learner_nips, nip_for
from workbench.config import Settings
from workbench.practice.progress import progress_frame

__all__ = ["PESERTA_FILE", "learner_names", "learner_nips", "nip_for"]


def learner_names(settings: Settings) -> list[str]:
    """Every learner name the workbench has recorded (progress files, the peserta file):
    the names a masked export must not show, even inside free text."""
    recorded = set(progress_frame(settings=settings)["peserta"].dropna().astype(str))
    return sorted(recorded | set(learner_nips(settings)))
