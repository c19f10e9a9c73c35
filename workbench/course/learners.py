"""Which learner is which employee: the link between practice names and NIPs.

Progress files are named by learner (the laptop's or JupyterHub's user name, or the name set in
the settings); the competency engine works with NIPs. ``<state>/kompetensi/peserta.csv``
(columns ``peserta``, ``nip``, schema :data:`~workbench.data.schema.PESERTA_NIP`) links the two;
a learner whose name is an NIP needs no line.
"""

from __future__ import annotations

from workbench.config import Settings
from workbench.data import read_csv
from workbench.data.nip import is_nip
from workbench.data.schema import PESERTA_NIP

__all__ = ["PESERTA_FILE", "learner_names", "learner_nips", "nip_for"]

#: The file that links learners to NIPs, under ``<state>/kompetensi/``.
PESERTA_FILE = "peserta.csv"


def learner_nips(settings: Settings) -> dict[str, str]:
    """Learner name -> NIP from ``<state>/kompetensi/peserta.csv`` (empty when absent)."""
    path = settings.state_dir / "kompetensi" / PESERTA_FILE
    if not path.is_file():
        return {}
    table = read_csv(path, PESERTA_NIP, extra="drop")
    return dict(zip(table["peserta"], table["nip"], strict=True))


def nip_for(learner: str, mapping: dict[str, str]) -> str | None:
    """The NIP of a learner: from the peserta file, or the name itself when it is an NIP."""
    return mapping.get(learner) or (learner if is_nip(learner) else None)


def learner_names(settings: Settings) -> list[str]:
    """Every learner name the workbench has recorded (progress files, the peserta file):
    the names a masked export must not show, even inside free text."""
    from workbench.practice.progress import progress_frame

    recorded = set(progress_frame(settings=settings)["peserta"].dropna().astype(str))
    return sorted(recorded | set(learner_nips(settings)))
