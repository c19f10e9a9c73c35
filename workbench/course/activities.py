"""Development activities from the course itself, for the competency JP ledger.

The competency engine keeps a ledger of activities (:func:`workbench.competency.jp_ledger`);
two of its sources live in other engines, and this module gathers them as tables:

* modules finished in the practice checks (every question of the module answered correctly,
  read through :func:`workbench.practice.progress_frame`); the module's JP comes from the
  course map (:data:`workbench.practice.course.COURSE`). Progress files are named by learner,
  so ``var/kompetensi/peserta.csv`` links a learner name to an NIP (a learner whose name is an
  18-digit NIP needs no line, :mod:`.learners`);
* assignments passed in grading, through the one function the grading engine offers for it,
  :func:`workbench.grading.jp_credits`.

:func:`collect_activities` adds the development record and the office's own log and returns
one table with notes on the sources that added nothing.
"""

from __future__ import annotations

import pandas as pd

from workbench.competency.ledger import (
    ACTIVITY_COLUMNS,
    Activities,
    combine_activities,
    empty_activities,
    office_log_activities,
    record_activities,
)
from workbench.config import Settings, get_settings
from workbench.course.learners import learner_nips, nip_for
from workbench.course.lessons import exercise_set
from workbench.data import validate
from workbench.data.dates import parse_stamps
from workbench.data.schema import KEGIATAN_JP
from workbench.practice.course import COURSE
from workbench.practice.progress import progress_frame

__all__ = ["collect_activities", "grading_activities", "practice_activities"]


def _finished(part: pd.DataFrame, module: str) -> int | None:
    """The number of questions of ``module`` when ``part`` (one learner's rows) answers every
    one correctly; None otherwise (or when the module has no questions)."""
    try:
        total = len(exercise_set(module))
    except KeyError:
        return None
    correct = part[part["status"] == "benar"]
    return total if total and len(correct) >= total else None


def _unlinked_note(names: set[str]) -> list[str]:
    if not names:
        return []
    shown = sorted(names)
    return [
        f"{len(shown)} peserta menyelesaikan modul tetapi belum terhubung ke NIP: "
        + ", ".join(shown[:5])
        + (" ..." if len(shown) > 5 else "")
        + ". Isi var/kompetensi/peserta.csv (kolom peserta, nip)."
    ]


def practice_activities(
    *, settings: Settings | None = None, peserta: dict[str, str] | None = None
) -> Activities:
    """Modules finished in the practice checks, one activity per learner and module.

    A module counts when every one of its questions is answered correctly; its date is the
    last correct answer and its JP the course map's. ``peserta`` maps learner names to NIPs
    (default: ``var/kompetensi/peserta.csv``; a learner named by an 18-digit NIP needs none).
    """
    settings = settings or get_settings()
    mapping = learner_nips(settings) if peserta is None else dict(peserta)
    progress = progress_frame(settings=settings)
    if progress.empty:
        return Activities(empty_activities(), ["Belum ada progres latihan yang tercatat."])
    modules = {m.number: m for m in COURSE}
    rows, unlinked = [], set()
    for (learner, module), part in progress.groupby(["peserta", "modul"], sort=True):
        total = _finished(part, module)
        if total is None:
            continue
        nip = nip_for(learner, mapping)
        if nip is None:
            unlinked.add(learner)
            continue
        info = modules.get(module.split("-", 1)[0])
        if info is None:
            continue
        done = parse_stamps(part.loc[part["status"] == "benar", "benar_pada"]).max()
        rows.append(
            {
                "nip": nip,
                "tanggal": done.strftime("%Y-%m-%d"),
                "kegiatan": f"Modul {info.number} {info.title} (ASN Workbench)",
                "jp": float(info.jp),
                "bukti": f"progres latihan: {total} dari {total} soal benar ({learner})",
                "sumber": "latihan workbench",
            }
        )
    notes = _unlinked_note(unlinked)
    if not rows:
        return Activities(empty_activities(), notes)
    frame = validate(pd.DataFrame(rows, columns=ACTIVITY_COLUMNS), KEGIATAN_JP,
                     file="progres latihan")  # fmt: skip
    return Activities(frame, notes)


def _credit_notes(undated: pd.Series, no_jp: pd.Series) -> list[str]:
    notes = []
    if undated.any():
        notes.append(
            f"{int(undated.sum())} tugas lulus tanpa tanggal pengumpulan belum dihitung; "
            "periksa gradebook."
        )
    if (no_jp & ~undated).any():
        notes.append(
            f"{int((no_jp & ~undated).sum())} tugas lulus tidak menyebut JP (metadata "
            "workbench.jp di notebook tugas) sehingga tidak menambah JP."
        )
    return notes


def grading_activities(*, course: str | None = None) -> Activities:
    """Assignments passed in grading, through :func:`workbench.grading.jp_credits`.

    A passed assignment without a submission date or without JP is left out, with a note.
    """
    from workbench.grading import jp_credits  # the one function grading offers the ledger

    table = jp_credits(course=course)
    if table is None or len(table) == 0:
        return Activities(empty_activities(), ["Belum ada tugas bernilai yang lulus."])
    frame = pd.DataFrame(table).copy()
    undated = frame["tanggal"].isna()
    no_jp = pd.to_numeric(frame["jp"], errors="coerce").fillna(0) <= 0
    notes = _credit_notes(undated, no_jp)
    frame = frame[~undated & ~no_jp]
    if frame.empty:
        return Activities(empty_activities(), notes)
    frame["tanggal"] = [pd.Timestamp(v).strftime("%Y-%m-%d") for v in frame["tanggal"]]
    frame["sumber"] = "tugas bernilai"
    frame = validate(frame[[c for c in ACTIVITY_COLUMNS if c in frame.columns]].reset_index(
        drop=True), KEGIATAN_JP, file="tugas bernilai (workbench.grading)")  # fmt: skip
    return Activities(frame, notes)


def collect_activities(
    pelatihan: pd.DataFrame | None = None,
    *,
    practice: bool = True,
    grading: bool = True,
    course: str | None = None,
    peserta: dict[str, str] | None = None,
    settings: Settings | None = None,
) -> Activities:
    """All activities: the development record, the office's own log (``kegiatan.csv`` in
    the state folder, when present), finished practice modules and passed assignments, one
    table (``nip``, ``tanggal``, ``kegiatan``, ``jp``, ``bukti``,
    ``sumber``) with notes on the sources that added nothing."""
    settings = settings or get_settings()
    parts = [office_log_activities(settings=settings)]
    notes: list[str] = []
    if pelatihan is not None:
        parts.append(record_activities(pelatihan))
    found = []
    if practice:
        found.append(practice_activities(settings=settings, peserta=peserta))
    if grading:
        found.append(grading_activities(course=course))
    for part in found:
        parts.append(part.kegiatan)
        notes += part.catatan
    return Activities(combine_activities(parts), notes)
