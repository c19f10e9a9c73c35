"""The scenarios as one table: what each trains, for recommendations and pages."""

from __future__ import annotations

import pandas as pd

from workbench.config import Settings
from workbench.percakapan.loader import load_all

__all__ = ["CATALOGUE_COLUMNS", "catalogue"]

#: Columns of :func:`catalogue`.
CATALOGUE_COLUMNS = [
    "skenario",
    "judul",
    "mode",
    "kompetensi",
    "level",
    "unsur_skm",
    "tema_saran",
    "ringkasan",
]


def catalogue(*, settings: Settings | None = None) -> pd.DataFrame:
    """One row per scenario and competency it trains: ``skenario`` (file name), ``judul``,
    ``mode`` ("sendiri, bertiga"), ``kompetensi``, ``level`` (what the scenario can show),
    ``unsur_skm`` and ``tema_saran`` (lists: the SKM elements and suggestion themes it answers),
    ``ringkasan``. Every scenario is checked first (:func:`~workbench.percakapan.load_all`)."""
    rows = []
    for key, scenario in load_all(settings=settings).items():
        for name, level in scenario.competencies:
            rows.append(
                (
                    key,
                    scenario.title,
                    ", ".join(scenario.modes),
                    name,
                    level,
                    list(scenario.skm_elements),
                    list(scenario.themes),
                    scenario.summary,
                )
            )
    return pd.DataFrame(rows, columns=CATALOGUE_COLUMNS)
