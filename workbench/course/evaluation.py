"""Where the evaluation's tables come from: the one place that reaches other capabilities.

This module gathers, on the course floor (above the engines): everything in
:mod:`workbench.evaluasi` takes tables. :func:`evaluation` and :func:`public_page` are the
entry points of the dashboards and the CLI.

* :func:`load_tables` -- the office's own files in ``<state>/evaluasi/`` when there is a
  ``kegiatan`` file, else the synthetic example year (:func:`example_tables`);
* the office's files: ``kegiatan``, ``peserta``, ``nilai``, ``perilaku``, ``reaksi`` (each
  ``.csv`` or ``.xlsx``, checked against its schema in :mod:`workbench.data.evaluasi`), queue
  exports under ``antrean/`` (one subfolder per office), SKM answers ``skm.*`` (else the
  competency folder's), the staff roster from the competency folder, citizens' notes;
* the workbench's own records, added to the office's files: module and workshop reactions
  (:mod:`.reaction`; a conversation session's answers credited to its role-play activity,
  :func:`attribute_session_reactions`), first attempts at practice questions and graded
  assignments for the activities that name a module or assignment (:mod:`.learning`, through
  :func:`workbench.practice.progress_frame` and :func:`workbench.grading.scores`), and the
  observers' ratings from the conversation role plays (:func:`observer_ratings`, read on every
  call so a round scored a minute ago counts; or a table handed in as ``observer=``);
* :func:`public_inputs` -- what the "Kami mendengar" page needs from the SKM engine (the index
  per element and period, suggestion themes without quotes, the follow-up plan).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from workbench.config import Settings, get_settings
from workbench.course.learners import learner_nips
from workbench.data import read_csv, read_excel, validate
from workbench.data.antrean import ANTREAN, read_queue_folder, with_times
from workbench.data.evaluasi import (
    KEGIATAN_PELATIHAN,
    NILAI_BELAJAR,
    PENILAIAN_PERILAKU,
    PESERTA_KEGIATAN,
    REAKSI,
    example_activities,
    generate_evaluasi,
    split_list,
)
from workbench.errors import WorkbenchError
from workbench.evaluasi.learning import assignment_scores, first_attempt_scores
from workbench.evaluasi.notes import NotesStore
from workbench.evaluasi.overview import Evaluation, EvaluationTables
from workbench.evaluasi.public import PublicInputs, build_public_page
from workbench.evaluasi.reaction import (
    SESSION_PREFIX,
    ModuleReactions,
    WorkshopReactions,
    session_code,
)
from workbench.practice.progress import progress_frame

__all__ = [
    "FOLDER",
    "activity_list",
    "attribute_module_reactions",
    "attribute_session_reactions",
    "evaluation",
    "example_tables",
    "load_tables",
    "observer_ratings",
    "office_tables",
    "public_inputs",
    "public_page",
    "write_office_files",
]

#: The office's evaluation folder under the state folder.
FOLDER = "evaluasi"
#: Days after an activity's last day in which a module's reactions still count for it.
MODULE_REACTION_DAYS = 30


@cache
def example_tables(*, seed: int = 2025) -> EvaluationTables:
    """The synthetic example year (see :func:`workbench.data.evaluasi.generate_evaluasi`),
    made once per process (its tables are read, never changed)."""
    demo = generate_evaluasi(seed=seed)
    origin = "data contoh (sintetis)"
    return EvaluationTables(
        pegawai=demo.pegawai,
        kegiatan=demo.kegiatan,
        peserta=demo.peserta,
        nilai=demo.nilai,
        perilaku=demo.perilaku,
        reaksi=demo.reaksi,
        catatan=demo.catatan,
        skm=demo.skm,
        tiket=demo.antrean.tiket,
        hari_ini=demo.hari_ini,
        sumber_data=dict.fromkeys(
            (
                "kegiatan",
                "peserta",
                "nilai",
                "perilaku",
                "reaksi",
                "catatan",
                "skm",
                "antrean",
                "pegawai",
            ),
            origin,
        ),
        ditanam=demo.ditanam,
        tanpa_pelatihan=demo.antrean.tanpa_pelatihan,
        rencana=demo.rencana,
    )


def _file(folder: Path, stem: str) -> Path | None:
    found = [folder / f"{stem}{ext}" for ext in (".csv", ".xlsx")]
    return next((p for p in found if p.is_file()), None)


def _read(path: Path, schema) -> pd.DataFrame:
    if path.suffix.lower() == ".xlsx":
        return read_excel(path, schema, extra="drop")
    return read_csv(path, schema, extra="drop")


def _table(folder: Path, stem: str, schema, origin: dict[str, str]) -> pd.DataFrame:
    path = _file(folder, stem)
    if path is None:
        origin[stem] = "tidak ada"
        return schema.empty()
    origin[stem] = f"{FOLDER}/{path.name}"
    return _read(path, schema)


def office_tables(
    *,
    settings: Settings | None = None,
    observer: pd.DataFrame | None = None,
    include_workbench: bool = True,
) -> EvaluationTables:
    """The office's own evaluation tables (see the module docstring)."""
    settings = settings or get_settings()
    folder = settings.state_dir / FOLDER
    origin: dict[str, str] = {}
    kegiatan = _table(folder, "kegiatan", KEGIATAN_PELATIHAN, origin)
    if origin["kegiatan"] == "tidak ada":
        raise WorkbenchError(
            f"Belum ada daftar kegiatan di {folder} (kegiatan.csv atau kegiatan.xlsx). Buat "
            "berkasnya (lihat README, bagian evaluasi pelatihan) atau pakai data contoh."
        )
    kegiatan = _with_optional_columns(kegiatan)
    peserta = _table(folder, "peserta", PESERTA_KEGIATAN, origin)
    nilai = _table(folder, "nilai", NILAI_BELAJAR, origin)
    perilaku = _table(folder, "perilaku", PENILAIAN_PERILAKU, origin)
    notes: list[str] = []
    if observer is None and include_workbench:
        observer, notes = observer_ratings(settings=settings)
    if observer is not None and len(observer):
        perilaku = pd.concat([perilaku, validate(observer, PENILAIAN_PERILAKU)], ignore_index=True)
        origin["perilaku"] += " + penilaian pengamat (bermain peran)"
    reaksi = _table(folder, "reaksi", REAKSI, origin)
    if include_workbench:
        reaksi, nilai = _workbench_records(kegiatan, reaksi, nilai, settings, origin)
    return EvaluationTables(
        pegawai=_roster(settings, origin),
        kegiatan=kegiatan,
        peserta=peserta,
        nilai=nilai,
        perilaku=perilaku,
        reaksi=reaksi,
        catatan=NotesStore(settings=settings).load(),
        skm=_skm(settings, origin),
        tiket=_tickets(folder, origin),
        hari_ini=pd.Timestamp.now(tz=settings.tz).date(),
        sumber_data=origin,
        catatan_sumber=tuple(notes),
    )


def observer_ratings(*, settings: Settings | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The observers' ratings from the conversation role plays as behaviour ratings
    (:data:`~workbench.data.evaluasi.PENILAIAN_PERILAKU`, ``sumber`` ``pengamat``), and notes
    for the reader.

    One row per person, competency and office day: the day's rubric scores of that person in
    every round they were observed, condensed by :func:`workbench.percakapan.competency_scores`
    (``per_day=True``) and turned into a level 1–5 by
    :func:`workbench.competency.observer_assessments` (the conversion table, capped at the level
    the scenarios played can show), for the NIP the person is linked to in
    ``var/kompetensi/peserta.csv`` (or the NIP they were named by). A session before an
    activity gives its baseline, one 30–90 days after its follow-up. People not linked to an
    NIP are named in a note instead of being dropped silently; a database that cannot be read
    becomes a note too, so the rest of the evaluation still shows.
    """
    from workbench import percakapan
    from workbench.competency import observer_assessments

    settings = settings or get_settings()
    try:
        scores = percakapan.observer_scores(settings=settings)
    except WorkbenchError as exc:
        return PENILAIAN_PERILAKU.empty(), [f"Penilaian pengamat role-play tidak terbaca: {exc}"]
    if scores.empty:
        return PENILAIAN_PERILAKU.empty(), []
    per_day = percakapan.competency_scores(scores, per_day=True)
    rows = observer_assessments(per_day, settings=settings)
    notes = []
    unlinked = sorted(set(rows.loc[rows["nip"].isna(), "peserta"]))
    if unlinked:
        shown = ", ".join(unlinked[:5]) + (" ..." if len(unlinked) > 5 else "")
        notes.append(
            f"{len(unlinked)} peserta role-play percakapan belum terhubung ke NIP ({shown}): "
            "penilaian pengamatnya belum dihitung. Isi var/kompetensi/peserta.csv (kolom "
            "peserta, nip)."
        )
    rows = rows.dropna(subset=["nip"])
    frame = pd.DataFrame(
        {
            "nip": rows["nip"].astype(str),
            "kompetensi": rows["kompetensi"],
            "sumber": rows["sumber"],
            "level": rows["level"].astype(float),
            "tanggal": rows["tanggal"],
        }
    )
    return validate(frame.reset_index(drop=True), PENILAIAN_PERILAKU), notes


def _with_optional_columns(kegiatan: pd.DataFrame) -> pd.DataFrame:
    for column in KEGIATAN_PELATIHAN.columns:
        if column.name not in kegiatan:
            kegiatan[column.name] = pd.Series([None] * len(kegiatan), dtype="str")
    return kegiatan


def _roster(settings: Settings, origin: dict[str, str]) -> pd.DataFrame:
    from workbench.data.schema import PEGAWAI

    path = _file(settings.state_dir / "kompetensi", "pegawai")
    if path is None:
        origin["pegawai"] = "tidak ada (unit peserta tidak diketahui)"
        return PEGAWAI.empty()
    origin["pegawai"] = f"kompetensi/{path.name}"
    return _read(path, PEGAWAI)


def _skm(settings: Settings, origin: dict[str, str]) -> pd.DataFrame:
    from workbench import skm

    for folder, label in (
        (settings.state_dir / FOLDER, FOLDER),
        (settings.state_dir / "kompetensi", "kompetensi"),
    ):
        path = _file(folder, "skm")
        if path is not None:
            origin["skm"] = f"{label}/{path.name}"
            return skm.validate(skm.read_responses(path))
    origin["skm"] = "tidak ada"
    return pd.DataFrame()


def _tickets(folder: Path, origin: dict[str, str]) -> pd.DataFrame:
    queue = folder / "antrean"
    if not queue.is_dir():
        origin["antrean"] = "tidak ada"
        return with_times(ANTREAN.empty())
    origin["antrean"] = f"{FOLDER}/antrean/"
    return read_queue_folder(queue)


def _workbench_records(kegiatan, reaksi, nilai, settings, origin):
    """Reactions and learning scores recorded by the workbench itself, added to the files."""
    module = attribute_module_reactions(ModuleReactions(settings=settings).frame(), kegiatan)
    workshop = attribute_session_reactions(WorkshopReactions(settings=settings).frame(), kegiatan)
    found = [f for f in (module, workshop) if len(f)]
    if found:
        reaksi = pd.concat([reaksi, *found], ignore_index=True)
        origin["reaksi"] += " + jawaban di workbench"
    scores = _workbench_scores(kegiatan, settings)
    if len(scores):
        nilai = pd.concat([nilai, scores], ignore_index=True)
        origin["nilai"] += " + latihan dan tugas bernilai workbench"
    return reaksi, nilai


def attribute_module_reactions(reactions: pd.DataFrame, kegiatan: pd.DataFrame) -> pd.DataFrame:
    """Module reactions (``modul-02``) credited to the activity that names that module and
    whose dates (plus :data:`MODULE_REACTION_DAYS`) hold the answer; others stay as they are
    (the module taken on one's own)."""
    if reactions.empty:
        return reactions
    out = reactions.copy()
    for k in kegiatan.itertuples():
        start = pd.Timestamp(k.tanggal_mulai)
        end = pd.Timestamp(k.tanggal_selesai) + pd.Timedelta(days=MODULE_REACTION_DAYS + 1)
        for number in split_list(getattr(k, "modul", None)):
            hit = (out["id_kegiatan"] == f"modul-{number}") & out["waktu"].between(start, end)
            out.loc[hit, "id_kegiatan"] = k.id_kegiatan
    return out


def attribute_session_reactions(reactions: pd.DataFrame, kegiatan: pd.DataFrame) -> pd.DataFrame:
    """Answers on the triad page of a conversation session (``sesi-pelatihan-maret``, see
    :func:`workbench.evaluasi.reaction.session_code`) credited to the activity that names the
    session in its ``sesi`` column, else to the only role-play activity (``bermain peran``)
    whose days hold the answer. Others stay as they are (a session no activity claims, or two
    role plays on the same day that do not say which session is theirs)."""
    if reactions.empty:
        return reactions
    out = reactions.copy()
    named = {
        session_code(name): k.id_kegiatan
        for k in kegiatan.itertuples()
        for name in split_list(getattr(k, "sesi", None))
    }
    plays = [
        (_office_day(k.tanggal_mulai), _office_day(k.tanggal_selesai), k.id_kegiatan)
        for k in kegiatan.itertuples()
        if k.jenis == "bermain peran"
    ]
    for i in out.index[out["id_kegiatan"].str.startswith(SESSION_PREFIX)]:
        code = out.at[i, "id_kegiatan"]
        day = _office_day(out.at[i, "waktu"])
        same_day = [k for first, last, k in plays if first <= day <= last]
        claimed = named.get(code) or (same_day[0] if len(same_day) == 1 else None)
        if claimed is not None:
            out.at[i, "id_kegiatan"] = claimed
    return out


def _office_day(value):
    """The office day of a date or moment (a moment in office time, WIB)."""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(get_settings().tz)
    return stamp.date()


def _workbench_scores(kegiatan: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    modules = {
        n: k.id_kegiatan
        for k in kegiatan.itertuples()
        for n in split_list(getattr(k, "modul", None))
    }
    tasks = {
        t: k.id_kegiatan
        for k in kegiatan.itertuples()
        for t in split_list(getattr(k, "tugas", None))
    }
    parts = []
    if modules:
        nips = learner_nips(settings)
        progress = progress_frame(settings=settings)
        nips.update({p: p for p in progress["peserta"].unique() if str(p).isdigit()})
        parts.append(first_attempt_scores(progress, kegiatan=modules, nips=nips))
    if tasks:
        parts.append(assignment_scores(_grades(), kegiatan=tasks))
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else NILAI_BELAJAR.empty()


def _grades() -> pd.DataFrame:
    """Graded assignments from the gradebook (an empty table when grading is not set up)."""
    try:
        from workbench.grading import scores
    except ImportError:  # the grading stack (nbgrader) is not installed
        return pd.DataFrame(columns=["tugas", "nip", "persen", "status"])
    try:
        return scores()
    except WorkbenchError:
        return pd.DataFrame(columns=["tugas", "nip", "persen", "status"])


def activity_list(*, settings: Settings | None = None) -> pd.DataFrame:
    """The activities alone (:data:`~workbench.data.evaluasi.KEGIATAN_PELATIHAN`): the office's
    ``kegiatan`` file when there is one, else the example's. Cheap: a page that only lists
    activities (the reaction questionnaire a whole room opens at once) reads nothing else."""
    settings = settings or get_settings()
    path = _file(settings.state_dir / FOLDER, "kegiatan")
    if path is None:
        return example_activities()
    return _with_optional_columns(_read(path, KEGIATAN_PELATIHAN))


def load_tables(
    *, settings: Settings | None = None, observer: pd.DataFrame | None = None
) -> EvaluationTables:
    """The office's tables when ``<state>/evaluasi/kegiatan.*`` exists, else the example."""
    settings = settings or get_settings()
    if _file(settings.state_dir / FOLDER, "kegiatan") is None:
        return example_tables()
    return office_tables(settings=settings, observer=observer)


# --- the public page's SKM inputs ---------------------------------------------------------------


def public_inputs(
    tables: EvaluationTables,
    *,
    periode: str = "semester",
    periods: int = 2,
    plan: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> PublicInputs:
    """What the public page needs from the SKM engine: the index per element for the last
    ``periods`` periods, suggestion themes of the latest (counts only, never quotes), and the
    follow-up plan (default: the office's saved plan; none when there is none)."""
    from workbench import skm

    settings = settings or get_settings()
    answers = tables.skm
    elements, labels = pd.DataFrame(), []
    themes = pd.DataFrame(columns=["tema", "jumlah", "persen_saran"])
    if answers is not None and len(answers):
        codes = _period_labels(answers["tanggal"], periode)
        labels = sorted(set(codes))[-periods:]
        rows = []
        for label in labels:
            part = answers[(codes == label).to_numpy()]
            result = skm.ikm(part)
            frame = result.to_frame()[["unsur", "nama_unsur", "nilai", "mutu"]]
            frame.insert(0, "periode", label)
            overall = {
                "periode": label,
                "unsur": "IKM",
                "nama_unsur": "Indeks keseluruhan",
                "nilai": result.nilai,
                "mutu": result.mutu,
            }
            rows.append(pd.concat([frame, pd.DataFrame([overall])], ignore_index=True))
            rows[-1]["responden"] = result.jumlah_responden
        elements = pd.concat(rows, ignore_index=True)
        latest = answers[(codes == labels[-1]).to_numpy()]
        themes = skm.suggestion_themes(latest, examples=0)[["tema", "jumlah", "persen_saran"]]
        themes = themes[themes["jumlah"] > 0].sort_values("jumlah", ascending=False)
    if plan is None:
        plan = tables.rencana if tables.rencana is not None else _saved_plan(settings)
    return PublicInputs(
        elements=elements, periode=labels, tema=themes.reset_index(drop=True), rencana=plan
    )


def _period_labels(dates: pd.Series, periode: str) -> pd.Series:
    """Period names that sort in time: ``2025 S1``, ``2025 T3``, ``2025``."""
    local = (
        dates.dt.tz_convert(get_settings().tz)
        if isinstance(dates.dtype, pd.DatetimeTZDtype)
        else dates
    )
    year = local.dt.year.astype(str)
    if periode == "semester":
        return year + " S" + ((local.dt.month - 1) // 6 + 1).astype(str)
    if periode == "triwulan":
        return year + " T" + ((local.dt.month - 1) // 3 + 1).astype(str)
    if periode == "tahun":
        return year
    raise WorkbenchError(f"Periode '{periode}' tidak dikenal; pilih semester, triwulan atau tahun.")


def _saved_plan(settings: Settings) -> pd.DataFrame | None:
    from workbench.skm.plan import load_plan, plan_path

    if not plan_path(settings=settings).is_file():
        return None
    return load_plan(settings=settings)


# The schemas the office's folder may hold, for the README and the CLI's help.
OFFICE_FILES = {
    name: schema
    for name, schema in (
        ("kegiatan", KEGIATAN_PELATIHAN),
        ("peserta", PESERTA_KEGIATAN),
        ("nilai", NILAI_BELAJAR),
        ("perilaku", PENILAIAN_PERILAKU),
        ("reaksi", REAKSI),
    )
}


# --- the example as the office's own files ------------------------------------------------------


def write_office_files(tables: EvaluationTables, state: Path, *, settings: Settings | None = None):
    """Write ``tables`` as an office keeps them, under the state folder ``state``: the
    evaluation files (``evaluasi/kegiatan.csv`` ...), queue exports as a machine writes them
    (``evaluasi/antrean/<office>/<year>.csv``), the SKM answers, the citizens' notes, the staff
    roster (``kompetensi/pegawai.csv``) and the SKM follow-up plan. CSVs are what Indonesian
    Excel opens (``;``, decimal comma). Returns the files written."""
    from dataclasses import replace

    from workbench import office, skm
    from workbench.data.antrean import write_queue_export

    settings = replace(settings or get_settings(), state_dir=Path(state))
    folder = Path(state) / FOLDER
    written = []
    for stem, frame in (
        ("kegiatan", tables.kegiatan),
        ("peserta", tables.peserta),
        ("nilai", tables.nilai),
        ("perilaku", tables.perilaku),
        ("reaksi", tables.reaksi),
    ):
        written.append(office.write_csv(folder / f"{stem}.csv", _dated(frame)))
    if tables.skm is not None and len(tables.skm):
        written.append(office.write_csv(folder / "skm.csv", _dated(tables.skm)))
    for office_name, part in tables.tiket.groupby("kantor", sort=True):
        for year, rows in part.groupby(part["tanggal"].dt.year):
            target = folder / "antrean" / office_name / f"{year}.csv"
            written.append(write_queue_export(rows, target, title=f"LAPORAN ANTRIAN {office_name}"))
    notes = NotesStore(settings=settings)
    notes._save(tables.catatan)
    written.append(notes.path)
    written.append(
        office.write_csv(Path(state) / "kompetensi" / "pegawai.csv", _dated(tables.pegawai))
    )
    if tables.rencana is not None:
        written.append(skm.save_plan(tables.rencana, settings=settings))
    return written


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates written as a person types them (dd/mm/yyyy), date-times with their time."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            local = series.dt.tz_convert(get_settings().tz)
            whole = (local.dt.normalize() == local) | local.isna()
            shape = "%d/%m/%Y" if whole.all() else "%d/%m/%Y %H:%M:%S"
            out[column] = local.dt.strftime(shape).astype("str")
    return out


def evaluation(*, settings: Settings | None = None, example: bool | None = None) -> Evaluation:
    """The evaluation of the office's activities (``<state>/evaluasi/``), or of the synthetic
    example when the office has none yet (``example=True`` forces it)."""
    settings = settings or get_settings()
    tables = example_tables() if example else load_tables(settings=settings)
    return Evaluation(tables, standard_minutes=settings.service_standard_minutes)


def public_page(
    ev: Evaluation,
    *,
    settings: Settings | None = None,
    periode: str = "semester",
    notes: NotesStore | None = None,
):
    """The "Kami mendengar" page's content for ``ev`` (render it with
    :func:`workbench.evaluasi.render_html`).

    Forum notes come from ``notes`` (a :class:`~workbench.evaluasi.NotesStore`), else from the
    office's store (the example's own notes for the example), read now so a note approved a
    moment ago shows.
    """
    settings = settings or get_settings()
    inputs = public_inputs(ev.tables, periode=periode, settings=settings)
    now = pd.Timestamp.now(tz=settings.tz).floor("min")
    if notes is None and not ev.tables.ditanam:
        notes = NotesStore(settings=settings)
    table = notes.load() if notes is not None else ev.tables.catatan
    return build_public_page(inputs, ev, office_name=settings.office_name, now=now, notes=table)
