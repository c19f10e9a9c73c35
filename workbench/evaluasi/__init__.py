"""Did the training change anything? Evaluation on the four levels, and telling citizens.

Minimum contract::

    from workbench import evaluasi
    ev = evaluasi.evaluation()                 # the office's tables, or the synthetic example
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
citizens; :mod:`.notes` keeps the forum notes that appear there after review; :mod:`.sources`
gathers the tables (the office's files, the workbench's own records, or the example).
"""

from workbench.evaluasi.notes import NotesStore, privacy_problems
from workbench.evaluasi.overview import ActivityEvaluation, Evaluation, EvaluationTables
from workbench.evaluasi.public import build_public_page, render_html
from workbench.evaluasi.reaction import ModuleReactions, WorkshopReactions, reaction_summary
from workbench.evaluasi.report import write_report
from workbench.evaluasi.sources import example_tables, load_tables, public_inputs
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
    "evaluation",
    "example_tables",
    "load_tables",
    "privacy_problems",
    "public_inputs",
    "public_page",
    "reaction_summary",
    "render_html",
    "write_report",
]


def evaluation(*, settings=None, example: bool | None = None) -> Evaluation:
    """The evaluation of the office's activities (``<state>/evaluasi/``), or of the synthetic
    example when the office has none yet (``example=True`` forces it)."""
    from workbench.config import get_settings

    settings = settings or get_settings()
    tables = example_tables() if example else load_tables(settings=settings)
    return Evaluation(tables, standard_minutes=settings.service_standard_minutes)


def public_page(ev: Evaluation, *, settings=None, periode: str = "semester", notes=None):
    """The "Kami mendengar" page's content for ``ev`` (render it with :func:`render_html`).

    Forum notes come from ``notes`` (a :class:`NotesStore`), else from the office's store
    (the example's own notes for the example), read now so a note approved a moment ago shows.
    """
    import pandas as pd

    from workbench.config import get_settings

    settings = settings or get_settings()
    inputs = public_inputs(ev.tables, periode=periode, settings=settings)
    now = pd.Timestamp.now(tz=settings.tz).floor("min")
    if notes is None and not ev.tables.ditanam:
        notes = NotesStore(settings=settings)
    table = notes.load() if notes is not None else ev.tables.catatan
    return build_public_page(inputs, ev, office_name=settings.office_name, now=now, notes=table)
