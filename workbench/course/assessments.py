"""What the course tells the competency engine: its modules, practice levels, SKM signals.

* :func:`module_catalogue` -- the competencies each course notebook develops, from notebook
  metadata:

  .. code-block:: json

      "metadata": {"workbench": {"kompetensi": [{"kompetensi": "Keamanan Digital", "level": 3}]}}

  (``level`` = the level a learner who finishes the module can show). Title and JP come from
  the course map (:data:`workbench.practice.course.COURSE`) or, for a notebook the map does not
  know yet, from ``"judul"`` and ``"jp"`` in the same metadata, so a new notebook is picked up
  without a code change;
* :func:`practice_assessments` -- practice scores as assessment rows: the share of a module's
  questions answered correctly, converted to a level with ``konversi_nilai.csv`` and capped at
  the level the module claims;
* :func:`development_plan` -- :func:`workbench.competency.development_plan` with this course's
  modules as workbench options;
* :func:`skm_signals` -- the SKM survey's results (:mod:`workbench.skm`) handed to
  :func:`workbench.competency.signals_from_skm` as tables.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from workbench import competency, skm
from workbench.competency.plan import CATALOGUE_COLUMNS, level_of, load_conversion
from workbench.competency.skm_link import SkmMapping, load_skm_mapping
from workbench.competency.standards import check_competencies, load_dictionary
from workbench.config import Settings, get_settings
from workbench.course.learners import learner_nips, nip_for
from workbench.course.lessons import exercise_set
from workbench.errors import Problem, WorkbenchError
from workbench.practice.course import COURSE
from workbench.practice.progress import progress_frame

__all__ = [
    "development_plan",
    "module_catalogue",
    "practice_assessments",
    "skm_mapping",
    "skm_signals",
]


def _metadata(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, json.JSONDecodeError) as exc:
        raise WorkbenchError(f"Notebook {path.name} tidak bisa dibaca: {exc}") from exc
    info = meta.get("workbench", {}) if isinstance(meta, dict) else {}
    return info if isinstance(info, dict) else {}


def _module_rows(path: Path, info: dict, known: dict, problems: list[Problem]) -> list[tuple]:
    """The catalogue rows of one notebook (problems appended to ``problems``)."""
    entries = info.get("kompetensi", [])
    if not entries:
        return []
    number = path.name[:2]
    course = known.get(number)
    title = course.title if course else info.get("judul")
    jp = course.jp if course else info.get("jp")
    if not title or not isinstance(jp, int) or jp <= 0:
        problems.append(
            Problem("modul baru tanpa judul atau JP", file=path.name,
                    column="metadata.workbench", expected="'judul' dan 'jp' (bilangan bulat)"
                    " di metadata notebook, atau baris modul di peta kursus")
        )  # fmt: skip
        return []
    rows = []
    for entry in entries:
        name = entry.get("kompetensi") if isinstance(entry, dict) else entry
        level = entry.get("level", 1) if isinstance(entry, dict) else 1
        if not isinstance(level, int) or not 1 <= level <= 5:
            problems.append(
                Problem("level di luar 1–5", file=path.name, column="metadata.workbench",
                        value=level, expected="bilangan bulat 1–5")
            )  # fmt: skip
            continue
        rows.append((number, str(title), int(jp), str(name), level, path.name))
    return rows


def module_catalogue(
    *,
    folder: str | os.PathLike | None = None,
    kamus: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Every course notebook's competencies, from notebook metadata.

    One row per module and competency: ``modul`` (``"05"``), ``judul``, ``jp``,
    ``kompetensi``, ``level``, ``berkas``. A notebook without competency metadata is skipped; a
    competency the dictionary does not know is an error naming the notebook.
    """
    settings = settings or get_settings()
    folder = Path(folder) if folder is not None else settings.notebooks_dir
    kamus = load_dictionary(settings=settings) if kamus is None else kamus
    known = {m.number: m for m in COURSE}
    rows, problems = [], []
    for path in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        rows += _module_rows(path, _metadata(path), known, problems)
    table = pd.DataFrame(rows, columns=CATALOGUE_COLUMNS)
    for p in check_competencies(table["kompetensi"], kamus, file="metadata notebook"):
        where = table["berkas"].iloc[p.row - 2]
        problems.append(Problem(p.message, file=where, column="metadata.workbench",
                                value=p.value, expected=p.expected))  # fmt: skip
    if problems:
        raise WorkbenchError("Metadata kompetensi di notebook kursus berisi kesalahan.", problems)
    return table


def _module_score(part: pd.DataFrame, module: str) -> float | None:
    """The share of ``module``'s questions answered correctly (0–100), or None."""
    if part["percobaan"].sum() == 0:
        return None
    try:
        total = len(exercise_set(module))
    except KeyError:
        return None
    return 100 * int((part["status"] == "benar").sum()) / total if total else 0.0


def practice_assessments(
    *,
    catalogue: pd.DataFrame | None = None,
    peserta: dict[str, str] | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Levels shown in the practice checks: per learner, module and competency the module
    develops, the share of its questions answered correctly (0–100) converted to a level and
    capped at the module's level; the best module counts when several cover a competency.
    Modules never tried give nothing. Columns ``nip``, ``kompetensi``, ``level``, ``sumber``
    (``latihan``), ``nilai``, ``modul``."""
    settings = settings or get_settings()
    catalogue = module_catalogue(settings=settings) if catalogue is None else catalogue
    mapping = learner_nips(settings) if peserta is None else dict(peserta)
    progress = progress_frame(settings=settings)
    columns = ["nip", "kompetensi", "level", "sumber", "nilai", "modul"]
    if progress.empty or catalogue.empty:
        return pd.DataFrame(columns=columns)
    bands = load_conversion(settings=settings)
    rows = []
    for (learner, module), part in progress.groupby(["peserta", "modul"], sort=True):
        nip = nip_for(learner, mapping)
        score = None if nip is None else _module_score(part, module)
        if score is None:
            continue
        for entry in catalogue[catalogue["modul"] == module.split("-", 1)[0]].itertuples():
            level = min(level_of(score, bands), int(entry.level))
            rows.append((nip, entry.kompetensi, float(level), "latihan", round(score, 1), module))
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table
    table = table.sort_values(["nip", "kompetensi", "level", "nilai"], ascending=[True, True,
                              False, False], kind="stable")  # fmt: skip
    return table.drop_duplicates(["nip", "kompetensi"]).reset_index(drop=True)


def development_plan(
    gaps: pd.DataFrame,
    *,
    year: int,
    catalogue: pd.DataFrame | None = None,
    options: pd.DataFrame | None = None,
    priorities: pd.DataFrame | None = None,
    done: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """:func:`workbench.competency.development_plan` with this course's modules
    (:func:`module_catalogue`) as workbench options; the other arguments are the same."""
    settings = settings or get_settings()
    catalogue = module_catalogue(settings=settings) if catalogue is None else catalogue
    return competency.development_plan(gaps, year=year, catalogue=catalogue, options=options,
                                       priorities=priorities, done=done,
                                       settings=settings)  # fmt: skip


def skm_mapping(
    *, kamus: pd.DataFrame | None = None, settings: Settings | None = None
) -> SkmMapping:
    """The SKM–competency mapping with its theme names checked against the SKM engine's
    theme dictionary (:func:`workbench.skm.load_themes`)."""
    themes = skm.load_themes(settings=settings).names
    return load_skm_mapping(kamus=kamus, themes=themes, settings=settings)


def skm_signals(
    responses: pd.DataFrame,
    *,
    mapping: SkmMapping | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Per competency, the survey results that raise it, with a reason a reader understands.

    ``responses`` are SKM answers (``workbench.data.load("skm")`` or a file read with
    :func:`workbench.skm.read_responses`). The survey is scored by :mod:`workbench.skm`
    (:func:`~workbench.skm.ikm`, :func:`~workbench.skm.suggestion_themes`) and the tables go to
    :func:`workbench.competency.signals_from_skm`, which says how they raise competencies.
    """
    mapping = mapping or skm_mapping(settings=settings)
    result = skm.ikm(responses)
    saran = pd.Series(responses["saran"]).astype("string").str.strip().fillna("")
    return competency.signals_from_skm(
        result.to_frame()[["unsur", "nilai"]],
        skm.suggestion_themes(responses)[["tema", "jumlah_negatif"]],
        ikm=result.nilai,
        suggestions=int(saran.ne("").sum()),
        mapping=mapping,
    )
