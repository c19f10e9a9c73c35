"""Competency needs, development plans and the JP ledger (AKPK, PermenPANRB 38/2017).

Minimum contract::

    from workbench import competency
    competency.gaps(standards, assessments)  # nip, kompetensi, dibutuhkan, dimiliki, kesenjangan
    competency.job_match(gaps)               # nip, kecocokan (0-100), kategori
    competency.jp_ledger(activities, year)   # nip, jp, kurang (20 JP minimum from settings)

The capability in pieces:

* standards as files a trainer edits (:mod:`.standards`): the competency dictionary, the level
  per position, source weights, match bands, outside options; validated on load in Indonesian;
* gaps, job match, combined sources and the unit's priority list (:mod:`.core`), raised where
  the citizens' survey points at staff (:mod:`.skm_link`, from the survey's tables), with the
  conversation scenarios that train what it raised;
* observers of conversation role plays as the source ``pengamat``, and every source side by
  side with self-versus-observer gaps flagged (:mod:`.observer`);
* outside options, score-to-level conversion and a plan per person (:mod:`.plan`);
* the JP ledger from a table of activities: the development record and the office's own log
  (:mod:`.ledger`);
* Excel exports with a masked mode for sharing (:mod:`.export`, masked by
  :func:`workbench.data.privacy.mask`).

The engine takes tables. What comes from the rest of the course (finished practice modules,
levels shown in practice, passed assignments, self-assessments, the SKM survey, the course's
modules) is gathered on the course floor, :mod:`workbench.course`, which also holds the whole
picture of an office (:func:`workbench.course.overview`). Names that used to be here keep
working for now, with a warning naming their new home.
"""

from workbench.compat import moved
from workbench.competency.core import (
    Band,
    combine_assessments,
    gaps,
    job_match,
    load_bands,
    unit_priorities,
)
from workbench.competency.export import export_plans, export_unit_summary
from workbench.competency.ledger import (
    Activities,
    jp_ledger,
    pelatihan_activities,
    unit_jp_summary,
)
from workbench.competency.observer import observer_assessments, source_comparison
from workbench.competency.plan import (
    development_plan,
    example_assessments,
    load_conversion,
    score_levels,
)
from workbench.competency.skm_link import (
    SkmMapping,
    load_skm_mapping,
    scenario_recommendations,
    signals_from_skm,
)
from workbench.competency.standards import (
    load_dictionary,
    load_options,
    load_standards,
    load_weights,
    read_assessments,
)

__all__ = [
    "Activities",
    "Band",
    "SkmMapping",
    "combine_assessments",
    "development_plan",
    "example_assessments",
    "export_plans",
    "export_unit_summary",
    "gaps",
    "job_match",
    "jp_ledger",
    "load_bands",
    "load_conversion",
    "load_dictionary",
    "load_options",
    "load_skm_mapping",
    "load_standards",
    "load_weights",
    "observer_assessments",
    "pelatihan_activities",
    "read_assessments",
    "scenario_recommendations",
    "score_levels",
    "signals_from_skm",
    "source_comparison",
    "unit_jp_summary",
    "unit_priorities",
]

__getattr__ = moved(
    __name__,
    {
        # gathered on the course floor now
        "Overview": "workbench.course:Overview",
        "collect_activities": "workbench.course:collect_activities",
        "grading_activities": "workbench.course:grading_activities",
        "module_catalogue": "workbench.course:module_catalogue",
        "overview": "workbench.course:overview",
        "practice_activities": "workbench.course:practice_activities",
        "practice_assessments": "workbench.course:practice_assessments",
        "save_self_assessment": "workbench.course:save_self_assessment",
        "self_assessments": "workbench.course:self_assessments",
        "skm_signals": "workbench.course:skm_signals",
        # masking is one function for every export
        "mask_nip": "workbench.data.privacy:mask_nip",
        # still in their modules, no longer on the package's surface
        "ACTIVITY_COLUMNS": "workbench.competency.ledger:ACTIVITY_COLUMNS",
        "DEFAULT_BANDS": "workbench.competency.core:DEFAULT_BANDS",
        "PLAN_COLUMNS": "workbench.competency.plan:PLAN_COLUMNS",
        "check_people": "workbench.competency.standards:check_people",
        "data_path": "workbench.competency.standards:data_path",
        "read_table": "workbench.competency.standards:read_table",
        "requirements": "workbench.competency.standards:requirements",
    },
)
