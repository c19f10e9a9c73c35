"""Did the training change anything? Evaluation on the four levels, and telling citizens.

Minimum contract::

    from workbench import evaluasi
    from workbench.course import evaluation as gather
    ev = gather.evaluation()                   # the office's tables, or the synthetic example
    ev.summary()                               # one row per activity, each level's verdict
    ev.activity("PP-2025-05").kesimpulan       # reaction, learning, behaviour, results
    evaluasi.write_report(ev.activity("PP-2025-05"), "evaluasi.pdf", ...)  # or .xlsx

The four levels (Kirkpatrick), each taking tables:

* reaction (:mod:`.reaction`): the standard questionnaire, its stores and summary;
* learning (:mod:`.learning`): gains before/after with intervals;
* behaviour (:mod:`.behaviour`): follow-ups 1–3 months later by supervisor and observer;
* results (:mod:`.results`): waiting times from queue exports, interrupted time series and
  difference in differences with Newey-West intervals, and the SKM before/after.

Every verdict comes from one rule (:mod:`.stats`): "belum bisa disimpulkan" when the interval
includes zero or the data are too thin. :mod:`.public` builds the "Kami mendengar" page for
citizens; :mod:`.notes` keeps the forum notes that appear there after review. The tables
are gathered on the course floor, :mod:`workbench.course.evaluation` (the office's files, the
workbench's own records, or the example), which also offers the entry points
``evaluation()`` and ``public_page()``.
"""

from workbench.compat import moved
from workbench.evaluasi.notes import NotesStore, privacy_problems
from workbench.evaluasi.overview import ActivityEvaluation, Evaluation, EvaluationTables
from workbench.evaluasi.public import build_public_page, render_html
from workbench.evaluasi.reaction import ModuleReactions, WorkshopReactions, reaction_summary
from workbench.evaluasi.report import write_report
from workbench.evaluasi.stats import TOO_FEW, UNDECIDED

__all__ = [
    "TOO_FEW",
    "UNDECIDED",
    "ActivityEvaluation",
    "Evaluation",
    "EvaluationTables",
    "ModuleReactions",
    "NotesStore",
    "WorkshopReactions",
    "build_public_page",
    "privacy_problems",
    "reaction_summary",
    "render_html",
    "write_report",
]


__getattr__ = moved(
    __name__,
    {
        # gathered on the course floor: they reach practice, grading, SKM and competency
        "evaluation": "workbench.course.evaluation:evaluation",
        "example_tables": "workbench.course.evaluation:example_tables",
        "load_tables": "workbench.course.evaluation:load_tables",
        "public_inputs": "workbench.course.evaluation:public_inputs",
        "public_page": "workbench.course.evaluation:public_page",
    },
)
