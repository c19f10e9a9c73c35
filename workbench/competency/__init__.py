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
  the citizens' survey points at staff, with the conversation scenarios that train what it
  raised (:mod:`.skm_link`);
* observers of conversation role plays as the source ``pengamat``, and every source side by
  side with self-versus-observer gaps flagged (:mod:`.observer`);
* workbench modules from notebook metadata, outside options and a plan per person
  (:mod:`.plan`);
* the JP ledger from the development record, the office's own log, finished practice modules
  and passed graded assignments (:mod:`.ledger`);
* Excel exports with a masked mode for sharing (:mod:`.export`);
* everything at once for dashboards and lessons (:func:`overview`).
"""

from workbench.competency.core import (
    DEFAULT_BANDS,
    Band,
    combine_assessments,
    gaps,
    job_match,
    load_bands,
    unit_priorities,
)
from workbench.competency.export import export_plans, export_unit_summary, mask_nip, masked
from workbench.competency.ledger import (
    ACTIVITY_COLUMNS,
    Activities,
    collect_activities,
    grading_activities,
    jp_ledger,
    pelatihan_activities,
    practice_activities,
    unit_jp_summary,
)
from workbench.competency.observer import observer_assessments, source_comparison
from workbench.competency.overview import Overview, overview
from workbench.competency.plan import (
    PLAN_COLUMNS,
    development_plan,
    example_assessments,
    load_conversion,
    module_catalogue,
    practice_assessments,
    score_levels,
)
from workbench.competency.selfassess import save_self_assessment, self_assessments
from workbench.competency.skm_link import (
    SkmMapping,
    load_skm_mapping,
    scenario_recommendations,
    skm_signals,
)
from workbench.competency.standards import (
    check_people,
    data_path,
    load_dictionary,
    load_options,
    load_standards,
    load_weights,
    read_assessments,
    read_table,
    requirements,
)

__all__ = [
    "ACTIVITY_COLUMNS",
    "DEFAULT_BANDS",
    "PLAN_COLUMNS",
    "Activities",
    "Band",
    "Overview",
    "SkmMapping",
    "check_people",
    "collect_activities",
    "combine_assessments",
    "data_path",
    "development_plan",
    "example_assessments",
    "export_plans",
    "export_unit_summary",
    "gaps",
    "grading_activities",
    "job_match",
    "jp_ledger",
    "load_bands",
    "load_conversion",
    "load_dictionary",
    "load_options",
    "load_skm_mapping",
    "load_standards",
    "load_weights",
    "mask_nip",
    "masked",
    "module_catalogue",
    "observer_assessments",
    "overview",
    "pelatihan_activities",
    "practice_activities",
    "practice_assessments",
    "read_assessments",
    "read_table",
    "requirements",
    "save_self_assessment",
    "scenario_recommendations",
    "score_levels",
    "self_assessments",
    "skm_signals",
    "source_comparison",
    "unit_jp_summary",
    "unit_priorities",
]
