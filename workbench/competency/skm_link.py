"""What citizens say feeds the competency needs: SKM elements and suggestion themes.

The mapping file ``skm_kompetensi.yaml`` (a trainer copies it to ``var/kompetensi/`` to change
it) links the SKM elements that point at staff (U6 kompetensi pelaksana, U7 perilaku
pelaksana, U3 waktu penyelesaian, ...) and the themes of citizens' suggestions to the
competencies they call for. :func:`signals_from_skm` takes the survey's results as tables
(the converted value per element and the complaints per suggestion theme, which
:mod:`workbench.skm` computes; :func:`workbench.course.skm_signals` hands them over) and lists,
per competency, why the survey raises it; :func:`workbench.competency.unit_priorities` applies
it, and :func:`scenario_recommendations` lists the conversation scenarios that train what the
survey raised (the scenario catalogue is handed over as a table). This engine does not import
the SKM engine.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench import yamlfile
from workbench.competency.standards import data_path, load_dictionary
from workbench.config import Settings
from workbench.data.schema import UNSUR_SKM
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "RECOMMENDATION_COLUMNS",
    "SkmMapping",
    "load_skm_mapping",
    "scenario_recommendations",
    "signals_from_skm",
]

_FILE = "skm_kompetensi.yaml"


@dataclass(frozen=True)
class SkmMapping:
    """Which competencies each SKM element and suggestion theme points at, and when."""

    unsur: dict[str, tuple[str, ...]]
    tema: dict[str, tuple[str, ...]]
    #: An element raises its competencies when its converted value (NRR × 25) is below this;
    #: None = below the unit's own converted IKM.
    batas_nilai_unsur: float | None = None
    #: A theme raises its competencies when at least this percentage of all non-empty
    #: suggestions complain about it.
    batas_persen_keluhan: float = 10.0
    faktor_kenaikan: float = 1.5
    file: str = field(default=_FILE)


def _number(value, key, file, problems, *, minimum: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        problems.append(
            Problem("nilai tidak sah", file=file, column=key, value=value,
                    expected=f"angka ≥ {fmt.number(minimum, None)}")
        )  # fmt: skip
        return None
    return float(value)


def load_skm_mapping(
    path: str | os.PathLike | None = None,
    *,
    kamus: pd.DataFrame | None = None,
    themes: Collection[str] | None = None,
    settings: Settings | None = None,
) -> SkmMapping:
    """The SKM–competency mapping, checked: element codes U1–U9, competency names from the
    competency dictionary, sensible thresholds, and theme names against ``themes`` (the names
    of the SKM theme dictionary; :func:`workbench.course.skm_mapping` passes them, without them
    theme names are taken as written)."""
    path = Path(path) if path is not None else data_path(_FILE, settings=settings)
    file = path.name
    raw = yamlfile.load(path, what="Pemetaan SKM ke kompetensi")
    if not isinstance(raw, dict):
        raise WorkbenchError(f"Berkas {file} harus berisi bagian 'unsur' dan 'tema'.")
    kamus = load_dictionary(settings=settings) if kamus is None else kamus
    known = set(kamus["kompetensi"])
    problems: list[Problem] = []

    def links(section: str, valid: set[str], what: str) -> dict[str, tuple[str, ...]]:
        table = raw.get(section) or {}
        if not isinstance(table, dict):
            problems.append(Problem(f"bagian '{section}' harus berisi daftar", file=file,
                                    column=section))  # fmt: skip
            return {}
        out = {}
        for key, names in table.items():
            key = str(key)
            if key not in valid:
                problems.append(
                    Problem(f"{what} tidak dikenal", file=file, column=section, value=key,
                            expected="salah satu dari: " + ", ".join(sorted(valid)))
                )  # fmt: skip
                continue
            names = names if isinstance(names, list) else [names]
            for name in names:
                if name not in known:
                    problems.append(
                        Problem("kompetensi tidak dikenal", file=file, column=f"{section}.{key}",
                                value=name, expected="nama yang ada di kamus kompetensi")
                    )  # fmt: skip
            out[key] = tuple(str(n) for n in names if n in known)
        return out

    unsur = links("unsur", set(UNSUR_SKM), "kode unsur SKM")
    named = raw.get("tema") if isinstance(raw.get("tema"), dict) else {}
    tema = links("tema", set(themes) if themes is not None else set(map(str, named)), "tema saran")
    limit = raw.get("batas_nilai_unsur", "ikm")
    element_limit = None
    if not (isinstance(limit, str) and limit.strip().lower() == "ikm"):
        element_limit = _number(limit, "batas_nilai_unsur", file, problems, minimum=25)
    share = _number(raw.get("batas_persen_keluhan", 10), "batas_persen_keluhan", file, problems,
                    minimum=0)  # fmt: skip
    factor = _number(raw.get("faktor_kenaikan", 1.5), "faktor_kenaikan", file, problems,
                     minimum=1)  # fmt: skip
    if problems:
        raise WorkbenchError(f"Pemetaan SKM ke kompetensi di {file} berisi kesalahan.", problems)
    return SkmMapping(unsur, tema, element_limit, share, factor, file)


def signals_from_skm(
    elements: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    ikm: float,
    suggestions: int,
    mapping: SkmMapping | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Per competency, the survey results that raise it, with a reason a reader understands.

    ``elements`` has ``unsur`` and ``nilai`` (the converted value 25–100 of each element,
    ``workbench.skm.ikm(...).to_frame()``), ``themes`` has ``tema`` and ``jumlah_negatif``
    (``workbench.skm.suggestion_themes``), ``ikm`` is the unit's converted IKM and
    ``suggestions`` the number of non-empty suggestions. An element raises its competencies
    when its value is below the mapping's limit (the unit's own IKM by default); a theme when
    complaints about it are at least ``batas_persen_keluhan`` percent of all suggestions.
    Columns: ``kompetensi``, ``sumber`` (``unsur``/``tema``), ``kode``, ``nilai`` and
    ``alasan`` ("SKM U7 = 72,1", "keluhan warga 'Perilaku petugas' 10,2% saran").
    """
    mapping = mapping or load_skm_mapping(settings=settings)
    limit = ikm if mapping.batas_nilai_unsur is None else mapping.batas_nilai_unsur
    rows = []
    values = elements.set_index("unsur")["nilai"]
    for code, names in mapping.unsur.items():
        value = float(values[code])
        if value < limit:
            for name in names:
                reason = f"SKM {code} = {fmt.number(value, decimals=1)}"
                rows.append((name, "unsur", code, round(value, 1), reason))
    complaints = themes.set_index("tema")["jumlah_negatif"]
    for theme, names in mapping.tema.items():
        if theme not in complaints.index or suggestions == 0:
            continue
        share = float(complaints[theme]) / suggestions * 100
        if share >= mapping.batas_persen_keluhan and complaints[theme] > 0:
            for name in names:
                reason = f"keluhan warga '{theme}' {fmt.number(share, decimals=1)}% saran"
                rows.append((name, "tema", theme, round(share, 1), reason))
    return pd.DataFrame(rows, columns=["kompetensi", "sumber", "kode", "nilai", "alasan"])


#: Columns of :func:`scenario_recommendations`.
RECOMMENDATION_COLUMNS = ["sumber", "kode", "alasan", "kompetensi", "skenario", "judul", "langsung"]


def scenario_recommendations(signals: pd.DataFrame, scenarios: pd.DataFrame) -> pd.DataFrame:
    """Which conversation scenarios train what the survey raised, per SKM element or theme.

    ``signals`` is :func:`signals_from_skm`' table (a competency raised by an element such as U8 or
    a theme such as "Penanganan pengaduan"); ``scenarios`` is the scenario catalogue
    (:func:`workbench.percakapan.catalogue`: ``skenario``, ``judul``, ``kompetensi`` and the
    lists ``unsur_skm`` and ``tema_saran``), handed over as a table. A scenario is listed for
    an element or theme when it trains a competency that element or theme raised; ``langsung``
    is true when the scenario names that very element or theme (a WhatsApp complaint for U8),
    and those come first. Columns :data:`RECOMMENDATION_COLUMNS`: ``alasan`` is the survey's
    reason ("SKM U8 = 71,0"), ``kompetensi`` the raised competencies the scenario trains.
    """
    if signals.empty or scenarios.empty:
        return pd.DataFrame(columns=RECOMMENDATION_COLUMNS)
    names = scenarios.drop_duplicates("skenario").set_index("skenario")
    trains = scenarios.groupby("skenario")["kompetensi"].apply(set)
    rows = []
    for (source, code), part in signals.groupby(["sumber", "kode"], sort=False):
        raised = list(dict.fromkeys(part["kompetensi"]))
        for key, skills in trains.items():
            shared = [k for k in raised if k in skills]
            if not shared:
                continue
            named = names.at[key, "unsur_skm" if source == "unsur" else "tema_saran"]
            rows.append((source, code, part["alasan"].iloc[0], ", ".join(shared), key,
                         names.at[key, "judul"], code in list(named)))  # fmt: skip
    table = pd.DataFrame(rows, columns=RECOMMENDATION_COLUMNS)
    order = {code: i for i, code in enumerate(pd.unique(signals["kode"]))}
    table["_urut"] = table["kode"].map(order)
    table["_luas"] = table["kompetensi"].str.count(",")
    table = table.sort_values(["_urut", "langsung", "_luas", "skenario"],
                              ascending=[True, False, False, True], kind="stable")  # fmt: skip
    return table.drop(columns=["_urut", "_luas"]).reset_index(drop=True)
