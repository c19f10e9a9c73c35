"""The JP ledger: development hours per person against the yearly minimum (20 JP).

Every PNS has the right to at least 20 JP of competency development a year (PP 11/2017
Art. 203 as amended by PP 17/2020); the minimum and the minutes in a JP are settings
(``[development]`` in ``workbench.toml``).

Activities come from four places, collected by :func:`collect_activities`:

* the development record (``pelatihan`` dataset, or any file with ``nip``, ``tanggal``,
  ``kegiatan``, ``jp``, ``bukti``);
* the office's own log, ``<state>/kompetensi/kegiatan.csv`` (same columns), kept in Excel by
  the staff officer (activities not in the record yet: coaching, webinars, e-learning);
* modules finished in this workbench's practice checks (every question of the module
  answered correctly, read through :mod:`workbench.practice`); the module's JP comes from
  the course map. Progress files are named by learner, so ``var/kompetensi/peserta.csv``
  links a learner name to an NIP (a learner whose name is an 18-digit NIP needs no line);
* assignments passed in grading, through the one function the grading package offers,
  ``workbench.grading.jp_credits(course=...)``. Without that package nothing is added and the
  result says so.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.competency.standards import check_people
from workbench.config import Settings, get_settings
from workbench.data import read_csv, validate
from workbench.data.dates import parse_stamps
from workbench.data.nip import is_nip
from workbench.data.schema import KEGIATAN_JP, PESERTA_NIP
from workbench.errors import WorkbenchError

__all__ = [
    "ACTIVITY_COLUMNS",
    "Activities",
    "collect_activities",
    "grading_activities",
    "jp_ledger",
    "pelatihan_activities",
    "practice_activities",
    "unit_jp_summary",
]

#: Columns of an activity table.
ACTIVITY_COLUMNS = ["nip", "tanggal", "kegiatan", "jp", "bukti", "sumber"]
_NO_EVIDENCE = "belum ada"
#: The office's own activity log in ``<state>/kompetensi/``.
OWN_LOG = "kegiatan.csv"


@dataclass
class Activities:
    """Activities from every source, and notes on sources that added nothing (Indonesian)."""

    kegiatan: pd.DataFrame
    catatan: list[str] = field(default_factory=list)


def _empty() -> pd.DataFrame:
    return validate(pd.DataFrame(columns=ACTIVITY_COLUMNS), KEGIATAN_JP, file="kegiatan")


def pelatihan_activities(pelatihan: pd.DataFrame) -> pd.DataFrame:
    """The development record (``pelatihan`` dataset) as ledger activities.

    An activity counts in the year it ends (``tanggal`` = ``tanggal_selesai``); ``bukti`` is
    kept as recorded.
    """
    frame = pd.DataFrame(
        {
            "nip": pelatihan["nip"],
            "tanggal": pelatihan["tanggal_selesai"],
            "kegiatan": pelatihan["kegiatan"] + " (" + pelatihan["penyelenggara"] + ")",
            "jp": pelatihan["jp"].astype("float64"),
            "bukti": pelatihan["bukti"],
            "sumber": "catatan pelatihan",
        }
    )
    return validate(frame, KEGIATAN_JP, file="pelatihan")


def _learner_nips(settings: Settings) -> dict[str, str]:
    path = settings.state_dir / "kompetensi" / "peserta.csv"
    if not path.is_file():
        return {}
    table = read_csv(path, PESERTA_NIP, extra="drop")
    return dict(zip(table["peserta"], table["nip"], strict=True))


def _nip_for(learner: str, mapping: dict[str, str]) -> str | None:
    """The NIP of a learner: from the peserta file, or the name itself when it is an NIP."""
    return mapping.get(learner) or (learner if is_nip(learner) else None)


def practice_activities(
    *, settings: Settings | None = None, peserta: dict[str, str] | None = None
) -> Activities:
    """Modules finished in the practice checks, one activity per learner and module.

    A module counts when every one of its questions is answered correctly; its date is the
    last correct answer and its JP the course map's. ``peserta`` maps learner names to NIPs
    (default: ``var/kompetensi/peserta.csv``; a learner named by an 18-digit NIP needs none).
    """
    from workbench.practice import COURSE, exercise_set, progress_frame

    settings = settings or get_settings()
    mapping = _learner_nips(settings) if peserta is None else dict(peserta)
    progress = progress_frame(settings=settings)
    notes: list[str] = []
    if progress.empty:
        return Activities(_empty(), ["Belum ada progres latihan yang tercatat."])
    modules = {m.number: m for m in COURSE}
    rows, unlinked = [], set()
    for (learner, module), part in progress.groupby(["peserta", "modul"], sort=True):
        try:
            total = len(exercise_set(module))
        except KeyError:
            continue
        correct = part[part["status"] == "benar"]
        if total == 0 or len(correct) < total:
            continue
        nip = _nip_for(learner, mapping)
        if nip is None:
            unlinked.add(learner)
            continue
        info = modules.get(module.split("-", 1)[0])
        if info is None:
            continue
        done = parse_stamps(correct["benar_pada"]).max()
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
    if unlinked:
        names = sorted(unlinked)
        notes.append(
            f"{len(names)} peserta menyelesaikan modul tetapi belum terhubung ke NIP: "
            + ", ".join(names[:5])
            + (" ..." if len(names) > 5 else "")
            + ". Isi var/kompetensi/peserta.csv (kolom peserta, nip)."
        )
    if not rows:
        return Activities(_empty(), notes)
    frame = validate(pd.DataFrame(rows, columns=ACTIVITY_COLUMNS), KEGIATAN_JP,
                     file="progres latihan")  # fmt: skip
    return Activities(frame, notes)


def grading_activities(*, course: str | None = None) -> Activities:
    """Assignments passed in grading, through ``workbench.grading.jp_credits(course=...)``.

    When the grading package is not installed (or offers no ``jp_credits``), nothing is added
    and the note says so.
    """
    if importlib.util.find_spec("workbench.grading") is None:
        return Activities(
            _empty(),
            ["Modul penilaian tugas (workbench.grading) belum ada: tugas bernilai belum "
             "masuk catatan JP."],
        )  # fmt: skip
    grading = importlib.import_module("workbench.grading")
    credits = getattr(grading, "jp_credits", None)
    if credits is None:
        return Activities(
            _empty(),
            ["workbench.grading belum menyediakan jp_credits: tugas bernilai belum masuk "
             "catatan JP."],
        )  # fmt: skip
    table = credits(course=course)
    if table is None or len(table) == 0:
        return Activities(_empty(), ["Belum ada tugas bernilai yang lulus."])
    frame = pd.DataFrame(table).copy()
    notes = []
    undated = frame["tanggal"].isna()
    no_jp = pd.to_numeric(frame["jp"], errors="coerce").fillna(0) <= 0
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
    frame = frame[~undated & ~no_jp]
    if frame.empty:
        return Activities(_empty(), notes)
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
    parts, notes = [], []
    own = settings.state_dir / "kompetensi" / OWN_LOG
    if own.is_file():
        log = read_csv(own, KEGIATAN_JP, extra="drop")
        if "sumber" not in log.columns:
            log["sumber"] = "catatan kantor"
        parts.append(log)
    if pelatihan is not None:
        has_record = {"tanggal_selesai", "penyelenggara"} <= set(pelatihan.columns)
        parts.append(pelatihan_activities(pelatihan) if has_record else
                     validate(pelatihan, KEGIATAN_JP, file="kegiatan"))  # fmt: skip
    if practice:
        found = practice_activities(settings=settings, peserta=peserta)
        parts.append(found.kegiatan)
        notes += found.catatan
    if grading:
        found = grading_activities(course=course)
        parts.append(found.kegiatan)
        notes += found.catatan
    parts = [p for p in parts if len(p)]
    if not parts:
        return Activities(_empty(), notes)
    frame = pd.concat(parts, ignore_index=True)
    if "sumber" not in frame.columns:
        frame["sumber"] = "catatan pelatihan"
    for name in ("bukti", "sumber"):
        if name not in frame.columns:
            frame[name] = pd.NA
    frame = frame[ACTIVITY_COLUMNS].sort_values(["tanggal", "nip"], kind="stable")
    return Activities(frame.reset_index(drop=True), notes)


def jp_ledger(
    activities: pd.DataFrame,
    year: int,
    *,
    pegawai: pd.DataFrame | None = None,
    minimum: int | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """JP per person in ``year`` against the yearly minimum (20 JP from the settings).

    ``activities``: ``nip``, ``tanggal``, ``kegiatan``, ``jp`` (and optionally ``bukti``).
    Columns: ``nip``, ``jp`` (sum of the year's activities), ``kurang`` (JP still missing to
    the minimum, 0 when met), ``memenuhi``, ``jumlah_kegiatan``, ``jp_tanpa_bukti`` (JP of
    activities whose evidence is empty or "belum ada": counted, but to be completed). With
    ``pegawai`` every person on the roster is listed (0 JP when nothing is recorded) with
    ``nama``, ``jabatan`` and ``unit``, and an NIP not on the roster is an error.
    """
    settings = settings or get_settings()
    minimum = settings.jp_per_year if minimum is None else int(minimum)
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise WorkbenchError(f"Tahun harus bilangan bulat, misalnya 2025 (bukan {year!r}).")
    frame = validate(activities, KEGIATAN_JP, file="kegiatan")
    if pegawai is not None:
        problems = check_people(frame, pegawai, file="kegiatan")
        if problems:
            raise WorkbenchError(
                f"Catatan kegiatan berisi {len(problems)} NIP yang tidak ada di daftar pegawai.",
                problems,
            )
    frame = frame[frame["tanggal"].dt.year == int(year)].copy()
    evidence = frame["bukti"] if "bukti" in frame.columns else pd.Series(pd.NA, index=frame.index)
    lacking = evidence.isna() | evidence.astype("string").str.strip().str.lower().isin(
        ["", _NO_EVIDENCE]
    )
    frame["_tanpa"] = frame["jp"].where(lacking, 0.0)
    per = frame.groupby("nip", sort=True).agg(
        jp=("jp", "sum"), jumlah_kegiatan=("jp", "size"), jp_tanpa_bukti=("_tanpa", "sum")
    )
    if pegawai is not None:
        out = pegawai[["nip", "nama", "jabatan", "unit"]].join(per, on="nip")
        out[["jp", "jp_tanpa_bukti"]] = out[["jp", "jp_tanpa_bukti"]].fillna(0.0)
        out["jumlah_kegiatan"] = out["jumlah_kegiatan"].fillna(0)
    else:
        out = per.reset_index()
    out["jumlah_kegiatan"] = out["jumlah_kegiatan"].astype("int64")
    out["jp"] = out["jp"].astype("float64").round(2)
    out["kurang"] = (minimum - out["jp"]).clip(lower=0).round(2)
    out["memenuhi"] = out["kurang"] == 0
    lead = ["nip", *(["nama", "jabatan", "unit"] if pegawai is not None else [])]
    columns = [*lead, "jp", "kurang", "memenuhi", "jumlah_kegiatan", "jp_tanpa_bukti"]
    return out[columns].reset_index(drop=True)


def unit_jp_summary(ledger: pd.DataFrame) -> pd.DataFrame:
    """The yearly summary per unit: staff, JP total and mean, how many met the minimum,
    how many are behind and the JP they still miss. Needs a ledger made with ``pegawai``."""
    if "unit" not in ledger.columns:
        raise WorkbenchError("Ringkasan per unit butuh catatan JP yang dibuat dengan pegawai=...")
    out = ledger.groupby("unit", sort=True).agg(
        jumlah_pegawai=("nip", "size"),
        total_jp=("jp", "sum"),
        rata_jp=("jp", "mean"),
        pegawai_memenuhi=("memenuhi", "sum"),
        total_kurang=("kurang", "sum"),
    )
    out = out.reset_index()
    out["pegawai_kurang"] = out["jumlah_pegawai"] - out["pegawai_memenuhi"]
    out["persen_memenuhi"] = (out["pegawai_memenuhi"] / out["jumlah_pegawai"] * 100).round(1)
    out["rata_jp"] = out["rata_jp"].round(1)
    out["pegawai_memenuhi"] = out["pegawai_memenuhi"].astype("int64")
    return out[
        ["unit", "jumlah_pegawai", "total_jp", "rata_jp", "pegawai_memenuhi", "pegawai_kurang",
         "persen_memenuhi", "total_kurang"]
    ]  # fmt: skip
