"""Community satisfaction survey (SKM) and index (IKM), PermenPANRB No. 14 Tahun 2017.

The public names of the capability; see :mod:`workbench.skm.core` for the index and its
quality bands, :mod:`workbench.skm.analysis` for breakdowns, intervals and the full report,
:mod:`workbench.skm.themes` for suggestion themes, :mod:`workbench.skm.plan` for the
follow-up plan and :mod:`workbench.skm.excel` for the printable report. Everything runs on the
learner's machine; no answer or suggestion is sent anywhere.

The package offers what a notebook, dashboard or report needs; helpers of one module (the
plan editor's version check, sample-size notes, breakdown names) are imported from that
module. Names that used to be here keep working for now, with a warning naming their module.
"""

from workbench.compat import moved
from workbench.skm.analysis import (
    SkmReport,
    bootstrap_ci,
    breakdown,
    compare,
    is_real_change,
    report,
    trend,
)
from workbench.skm.core import (
    BANDS,
    ELEMENTS,
    PRINTED_WEIGHT,
    SCORE_COLUMNS,
    IkmResult,
    SampleSizeWarning,
    band_for,
    ikm,
    min_sample,
    priorities,
    read_responses,
    validate,
)
from workbench.skm.excel import (
    export_excel,
)
from workbench.skm.plan import (
    draft_plan,
    load_plan,
    plan_progress,
    save_plan,
    validate_plan,
)
from workbench.skm.themes import (
    extension_path,
    load_themes,
    suggestion_themes,
    tag_suggestions,
)

__all__ = [
    "BANDS",
    "ELEMENTS",
    "PRINTED_WEIGHT",
    "SCORE_COLUMNS",
    "IkmResult",
    "SampleSizeWarning",
    "SkmReport",
    "band_for",
    "bootstrap_ci",
    "breakdown",
    "compare",
    "draft_plan",
    "export_excel",
    "extension_path",
    "ikm",
    "is_real_change",
    "load_plan",
    "load_themes",
    "min_sample",
    "plan_progress",
    "priorities",
    "read_responses",
    "report",
    "save_plan",
    "suggestion_themes",
    "tag_suggestions",
    "trend",
    "validate",
    "validate_plan",
]

__getattr__ = moved(
    __name__,
    {
        "AGE_GROUPS": "workbench.skm.analysis:AGE_GROUPS",
        "BREAKDOWNS": "workbench.skm.analysis:BREAKDOWNS",
        "Band": "workbench.skm.core:Band",
        "Comparison": "workbench.skm.analysis:Comparison",
        "ConfidenceInterval": "workbench.skm.analysis:ConfidenceInterval",
        "OTHER_THEME": "workbench.skm.themes:OTHER_THEME",
        "PERIODS": "workbench.skm.analysis:PERIODS",
        "PLAN_COLUMNS": "workbench.skm.plan:PLAN_COLUMNS",
        "PLAN_STATUSES": "workbench.skm.plan:PLAN_STATUSES",
        "ThemeDictionary": "workbench.skm.themes:ThemeDictionary",
        "answers_schema": "workbench.skm.core:answers_schema",
        "change_verdict": "workbench.skm.analysis:change_verdict",
        "check_sample": "workbench.skm.core:check_sample",
        "describe_plan_problem": "workbench.skm.plan:describe_plan_problem",
        "empty_plan": "workbench.skm.plan:empty_plan",
        "plan_counts": "workbench.skm.plan:plan_counts",
        "plan_path": "workbench.skm.plan:plan_path",
        "plan_version": "workbench.skm.plan:plan_version",
        "respondent_profile": "workbench.skm.analysis:respondent_profile",
        "round_nilai": "workbench.skm.core:round_nilai",
        "sample_note": "workbench.skm.core:sample_note",
    },
)
