"""Community satisfaction survey (SKM) and index (IKM), PermenPANRB No. 14 Tahun 2017.

The public names of the capability; see :mod:`workbench.skm.core` for the index and its
quality bands, :mod:`workbench.skm.analysis` for breakdowns, intervals and the full report,
:mod:`workbench.skm.themes` for suggestion themes, :mod:`workbench.skm.plan` for the
follow-up plan and :mod:`workbench.skm.excel` for the printable report. Everything runs on the
learner's machine; no answer or suggestion is sent anywhere.
"""

from workbench.skm.analysis import (
    AGE_GROUPS,
    BREAKDOWNS,
    PERIODS,
    Comparison,
    ConfidenceInterval,
    SkmReport,
    bootstrap_ci,
    breakdown,
    compare,
    report,
    respondent_profile,
    trend,
)
from workbench.skm.core import (
    BANDS,
    ELEMENTS,
    PRINTED_WEIGHT,
    SCORE_COLUMNS,
    Band,
    IkmResult,
    SampleSizeWarning,
    band_for,
    check_sample,
    ikm,
    min_sample,
    priorities,
    read_responses,
    validate,
)
from workbench.skm.excel import export_excel
from workbench.skm.plan import (
    PLAN_COLUMNS,
    PLAN_STATUSES,
    draft_plan,
    empty_plan,
    load_plan,
    plan_path,
    plan_progress,
    save_plan,
    validate_plan,
)
from workbench.skm.themes import (
    OTHER_THEME,
    ThemeDictionary,
    extension_path,
    load_themes,
    suggestion_themes,
    tag_suggestions,
)

__all__ = [
    "AGE_GROUPS",
    "BANDS",
    "BREAKDOWNS",
    "ELEMENTS",
    "OTHER_THEME",
    "PERIODS",
    "PLAN_COLUMNS",
    "PLAN_STATUSES",
    "PRINTED_WEIGHT",
    "SCORE_COLUMNS",
    "Band",
    "Comparison",
    "ConfidenceInterval",
    "IkmResult",
    "SampleSizeWarning",
    "SkmReport",
    "ThemeDictionary",
    "band_for",
    "bootstrap_ci",
    "breakdown",
    "check_sample",
    "compare",
    "draft_plan",
    "empty_plan",
    "export_excel",
    "extension_path",
    "ikm",
    "load_plan",
    "load_themes",
    "min_sample",
    "plan_path",
    "plan_progress",
    "priorities",
    "read_responses",
    "report",
    "respondent_profile",
    "save_plan",
    "suggestion_themes",
    "tag_suggestions",
    "trend",
    "validate",
    "validate_plan",
]
