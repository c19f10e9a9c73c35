"""The JP ledger: development hours per person against the yearly minimum (20 JP).

Every PNS has the right to at least 20 JP of competency development a year (PP 11/2017
Art. 203 as amended by PP 17/2020); the minimum and the minutes in a JP are settings
(``[development]`` in ``workbench.toml``).

The ledger takes a table of activities (:data:`ACTIVITY_COLUMNS`). This engine reads two of
its sources itself:

* the development record (``pelatihan`` dataset, or any file with ``nip``, ``tanggal``,
  ``kegiatan``, ``jp``, ``bukti``), :func:`pelatihan_activities`;
* the office's own log, ``<state>/kompetensi/kegiatan.csv`` (same columns), kept in Excel by
  the staff officer (activities not in the record yet: coaching, webinars, e-learning),
  :func:`office_log_activities`.

Modules finished in the practice checks and assignments passed in grading are gathered by the
course floor (:func:`workbench.course.collect_activities`), which hands this engine one table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.competency.standards import check_people
from workbench.config import Settings, get_settings
from workbench.data import read_csv, validate
from workbench.data.nip import is_nip
from workbench.data.schema import KEGIATAN_JP, PESERTA_NIP
from workbench.errors import WorkbenchError

__all__ = [
    "ACTIVITY_COLUMNS",
    "Activities",
    "combine_activities",
    "empty_activities",
    "jp_ledger",
    "learner_nips",
    "nip_for",
    "office_log_activities",
    "pelatihan_activities",
    "record_activities",
    "unit_jp_summary",
]

#: Columns of an activity table.
ACTIVITY_COLUMNS = ["nip", "tanggal", "kegiatan", "jp", "bukti", "sumber"]
_NO_EVIDENCE = "belum ada"
#: The office's own activity log in ``<state>/kompetensi/``.
OWN_LOG = "kegiatan.csv"
#: The file that links learners to NIPs, in ``<state>/kompetensi/``.
PESERTA_FILE = "peserta.csv"


@dataclass
class Activities:
    """Activities from every source, and notes on sources that added nothing (Indonesian)."""

    kegiatan: pd.DataFrame
    catatan: list[str] = field(default_factory=list)


def empty_activities() -> pd.DataFrame:
    """An activity table with no rows (the columns and types of :data:`ACTIVITY_COLUMNS`)."""
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


def learner_nips(settings: Settings) -> dict[str, str]:
    """Learner name -> NIP from the competency folder's ``peserta.csv`` (columns ``peserta``,
    ``nip``, schema :data:`~workbench.data.schema.PESERTA_NIP`; empty when absent): how names
    used in practice progress and role plays are linked to staff."""
    path = settings.state_dir / "kompetensi" / PESERTA_FILE
    if not path.is_file():
        return {}
    table = read_csv(path, PESERTA_NIP, extra="drop")
    return dict(zip(table["peserta"], table["nip"], strict=True))


def nip_for(learner: str, mapping: dict[str, str]) -> str | None:
    """The NIP of a learner: from the peserta file, or the name itself when it is an NIP."""
    return mapping.get(learner) or (learner if is_nip(learner) else None)


def office_log_activities(*, settings: Settings | None = None) -> pd.DataFrame:
    """The office's own activity log, ``<state>/kompetensi/kegiatan.csv`` (empty when the
    office keeps none), checked against :data:`~workbench.data.schema.KEGIATAN_JP`."""
    settings = settings or get_settings()
    own = settings.state_dir / "kompetensi" / OWN_LOG
    if not own.is_file():
        return empty_activities()
    log = read_csv(own, KEGIATAN_JP, extra="drop")
    if "sumber" not in log.columns:
        log["sumber"] = "catatan kantor"
    return log


def record_activities(table: pd.DataFrame) -> pd.DataFrame:
    """A development record (``pelatihan`` columns) or an activity table, as activities."""
    if {"tanggal_selesai", "penyelenggara"} <= set(table.columns):
        return pelatihan_activities(table)
    return validate(table, KEGIATAN_JP, file="kegiatan")


def combine_activities(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Activity tables from several sources as one, in date order (:data:`ACTIVITY_COLUMNS`)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_activities()
    frame = pd.concat(parts, ignore_index=True)
    if "sumber" not in frame.columns:
        frame["sumber"] = "catatan pelatihan"
    for name in ("bukti", "sumber"):
        if name not in frame.columns:
            frame[name] = pd.NA
    frame = frame[ACTIVITY_COLUMNS].sort_values(["tanggal", "nip"], kind="stable")
    return frame.reset_index(drop=True)


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
