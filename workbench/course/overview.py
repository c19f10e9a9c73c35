"""The whole competency picture of an office in one call, for dashboards and lessons.

:func:`overview` runs the analysis end to end on the shipped data (or the office's own
tables): gaps from the combined assessments, job match, SKM signals and the unit's priority
list, development plans, and the JP ledger from every activity source.
:meth:`Overview.subset` narrows it to one unit or position, recomputing the priority list
for that group, so a dashboard filter never duplicates a calculation.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from workbench import data, skm
from workbench.competency.core import gaps as compute_gaps
from workbench.competency.core import job_match, load_bands, unit_priorities
from workbench.competency.export import export_plans, export_unit_summary
from workbench.competency.ledger import jp_ledger, unit_jp_summary
from workbench.competency.observer import assessment_rows, observer_origin, with_observers
from workbench.competency.plan import development_plan, example_assessments
from workbench.competency.standards import (
    STATE_FOLDER,
    load_dictionary,
    load_options,
    load_standards,
    read_assessments,
    read_table,
)
from workbench.config import Settings, get_settings
from workbench.course.activities import collect_activities
from workbench.course.assessments import (
    module_catalogue,
    practice_assessments,
    skm_mapping,
    skm_signals,
)
from workbench.course.learners import learner_names
from workbench.course.selfassess import self_assessments
from workbench.data.schema import PEGAWAI, PELATIHAN
from workbench.errors import WorkbenchError

__all__ = ["Overview", "overview"]


@dataclass(frozen=True)
class Overview:
    """Every table of the competency analysis for one group of staff."""

    pegawai: pd.DataFrame
    gaps: pd.DataFrame
    match: pd.DataFrame
    signals: pd.DataFrame
    priorities: pd.DataFrame
    plans: pd.DataFrame
    activities: pd.DataFrame
    ledger: pd.DataFrame
    jp_units: pd.DataFrame
    year: int
    plan_year: int
    faktor: float = 1.5
    catatan: list[str] = field(default_factory=list)
    #: Where each input came from ("data contoh", "kompetensi/penilaian.xlsx", ...).
    sumber_data: dict[str, str] = field(default_factory=dict)
    #: Learners' names the workbench recorded: masked in free text of a shared export.
    nama_peserta: tuple[str, ...] = ()
    #: Every assessment row that went into the levels (``nip``, ``kompetensi``, ``level``,
    #: ``sumber``), for showing the sources side by side (:func:`source_comparison`).
    penilaian: pd.DataFrame = field(default_factory=pd.DataFrame)

    def subset(self, *, unit: str | None = None, jabatan: str | None = None) -> Overview:
        """The same analysis for the staff of one ``unit`` and/or ``jabatan`` (None = all);
        the priority list is recomputed for that group."""
        keep = pd.Series(True, index=self.pegawai.index)
        if unit:
            keep &= self.pegawai["unit"] == unit
        if jabatan:
            keep &= self.pegawai["jabatan"] == jabatan
        nips = set(self.pegawai.loc[keep, "nip"])

        def pick(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["nip"].isin(nips)].reset_index(drop=True)

        gaps = pick(self.gaps)
        ledger = pick(self.ledger)
        return replace(
            self,
            pegawai=pick(self.pegawai),
            gaps=gaps,
            match=pick(self.match),
            priorities=unit_priorities(gaps, skm=self.signals, faktor=self.faktor),
            plans=pick(self.plans),
            activities=pick(self.activities),
            ledger=ledger,
            jp_units=unit_jp_summary(ledger),
            penilaian=pick(self.penilaian) if len(self.penilaian) else self.penilaian,
        )

    def export_plans(self, path: str | os.PathLike, *, masked: bool = True, settings=None) -> Path:
        """The individual plans of this group to ``path`` (.xlsx), masked for sharing unless
        ``masked=False`` (:func:`workbench.competency.export_plans`)."""
        return export_plans(
            path, plans=self.plans, gaps=self.gaps, ledger=self.ledger,
            activities=self.activities, pegawai=self.pegawai, masked_mode=masked,
            names=self.nama_peserta, settings=settings,
        )  # fmt: skip

    def export_unit_summary(
        self, path: str | os.PathLike, *, masked: bool = True, settings=None
    ) -> Path:
        """The unit summary of this group to ``path`` (.xlsx), masked for sharing unless
        ``masked=False`` (:func:`workbench.competency.export_unit_summary`)."""
        return export_unit_summary(
            path, priorities=self.priorities, match=self.match, ledger=self.ledger,
            jp_units=self.jp_units, gaps=self.gaps, pegawai=self.pegawai, masked_mode=masked,
            names=self.nama_peserta, settings=settings,
        )  # fmt: skip

    def person(self, nip: str) -> dict[str, pd.DataFrame]:
        """One person's gaps, plan, JP line and activities."""
        return {
            name: frame[frame["nip"] == nip].reset_index(drop=True)
            for name, frame in (
                ("gaps", self.gaps),
                ("plan", self.plans),
                ("match", self.match),
                ("ledger", self.ledger),
                ("activities", self.activities),
            )
        }


class _OfficeFiles:
    """The office's own tables in ``<state>/kompetensi/``, else the given ones, else the
    shipped sample; ``origin`` records which was used for each."""

    def __init__(self, settings: Settings) -> None:
        self.folder = settings.state_dir / STATE_FOLDER
        self.origin: dict[str, str] = {}

    def file(self, stem: str) -> Path | None:
        found = [self.folder / f"{stem}{ext}" for ext in (".csv", ".xlsx")]
        return next((p for p in found if p.is_file()), None)

    def table(self, name: str, value, read, sample):
        if value is not None:
            self.origin[name] = "tabel yang diberikan"
            return value
        path = self.file(name)
        self.origin[name] = f"{STATE_FOLDER}/{path.name}" if path else "data contoh"
        return read(path) if path else sample()


def _inputs(files: _OfficeFiles, pegawai, assessments, pelatihan, skm_responses):
    """The roster, assessments, development record and SKM answers the analysis uses."""
    pegawai = files.table("pegawai", pegawai, lambda p: read_table(p, PEGAWAI),
                          lambda: data.load("pegawai"))  # fmt: skip
    sample_roster = files.origin["pegawai"] == "data contoh"
    assessments = files.table(
        "penilaian",
        assessments,
        read_assessments,
        example_assessments if sample_roster else _missing_assessments,
    )
    pelatihan = files.table(
        "pelatihan",
        pelatihan,
        lambda p: read_table(p, PELATIHAN),
        (lambda: data.load("pelatihan")) if sample_roster else lambda: None,
    )
    if pelatihan is None:
        files.origin["pelatihan"] = "tidak ada"
    responses = files.table("skm", skm_responses, skm.read_responses, lambda: data.load("skm"))
    return pegawai, assessments, pelatihan, responses


def _with_source(assessments: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    if "sumber" not in assessments.columns:
        assessments = assessments.assign(sumber="atasan")
    return pd.concat([assessments, rows[["nip", "kompetensi", "level", "sumber"]]],
                     ignore_index=True)  # fmt: skip


def _learner_assessments(assessments, pegawai, catalogue, settings, origin):
    """The assessments with the learners' own self-assessments (replacing the ``diri`` rows
    of the same person and competency) and the levels shown in the practice checks."""
    own = self_assessments(settings=settings)
    own = own[own["nip"].isin(pegawai["nip"])]
    if len(own):
        if "sumber" not in assessments.columns:
            assessments = assessments.assign(sumber="atasan")
        mine = set(zip(own["nip"], own["kompetensi"], strict=True))
        keys = zip(assessments["nip"], assessments["kompetensi"], strict=True)
        replaced = pd.Series([k in mine for k in keys], index=assessments.index) & (
            assessments["sumber"] == "diri"
        )
        assessments = _with_source(assessments[~replaced], own)
        origin["penilaian"] += " + penilaian diri modul 11"
    found = practice_assessments(catalogue=catalogue, settings=settings)
    found = found[found["nip"].isin(pegawai["nip"])]
    if len(found):
        assessments = _with_source(assessments, found)
        origin["penilaian"] += " + progres latihan"
    return assessments


def _office_activities(pelatihan, pegawai, include_practice, include_grading, settings):
    """Every activity of the office's staff, and notes (automatic records of strangers left
    out)."""
    found = collect_activities(
        pelatihan,
        practice=include_practice,
        grading=include_grading,
        settings=settings,
    )
    activities = found.kegiatan
    automatic = activities["sumber"].isin(["latihan workbench", "tugas bernilai"])
    stranger = automatic & ~activities["nip"].isin(pegawai["nip"])
    if stranger.any():
        found.catatan.append(
            f"{int(stranger.sum())} catatan otomatis (latihan/tugas) milik NIP yang tidak ada di "
            "daftar pegawai tidak dihitung."
        )
        activities = activities[~stranger].reset_index(drop=True)
    return activities, found.catatan


def overview(
    *,
    pegawai: pd.DataFrame | None = None,
    assessments: pd.DataFrame | None = None,
    standards: pd.DataFrame | None = None,
    skm_responses: pd.DataFrame | None = None,
    pelatihan: pd.DataFrame | None = None,
    year: int | None = None,
    plan_year: int | None = None,
    include_practice: bool = True,
    include_grading: bool = True,
    pengamat: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> Overview:
    """The full analysis of one office.

    Anything not given is taken from the office's own files in ``<state>/kompetensi/`` when
    they are there (``pegawai``, ``penilaian``, ``pelatihan`` and ``skm`` as ``.csv`` or
    ``.xlsx``, each checked against its schema), else from the shipped synthetic data: the
    roster, assessments by supervisor and self (:func:`example_assessments`), the SKM survey
    and the development record. Levels shown in the practice checks are added as the
    ``latihan`` source; ``pengamat`` (observers' scores per person and competency, as
    :func:`workbench.percakapan.competency_scores` gives them) adds the ``pengamat`` source.
    ``year`` is the JP year (default: the latest year with activities),
    ``plan_year`` the year plans are for (default: the next one). ``sumber_data`` says where
    each table came from."""
    settings = settings or get_settings()
    files = _OfficeFiles(settings)
    pegawai, assessments, pelatihan, responses = _inputs(
        files, pegawai, assessments, pelatihan, skm_responses
    )
    kamus = load_dictionary(settings=settings)
    standards = load_standards(settings=settings, kamus=kamus) if standards is None else standards
    catalogue = module_catalogue(settings=settings, kamus=kamus)
    if include_practice:
        assessments = _learner_assessments(assessments, pegawai, catalogue, settings, files.origin)
    assessments, observer_notes = with_observers(
        assessments, pengamat, pegawai=pegawai, settings=settings
    )
    files.origin["penilaian"] += observer_origin(pengamat)
    gaps = compute_gaps(standards, assessments, pegawai=pegawai, kamus=kamus, settings=settings)
    mapping = skm_mapping(kamus=kamus, settings=settings)
    signals = skm_signals(responses, mapping=mapping, settings=settings)
    priorities = unit_priorities(gaps, skm=signals, faktor=mapping.faktor_kenaikan)
    activities, notes = _office_activities(
        pelatihan, pegawai, include_practice, include_grading, settings
    )
    if year is None:
        year = int(activities["tanggal"].dt.year.max()) if len(activities) else _this_year(settings)
    ledger = jp_ledger(activities, year, pegawai=pegawai, settings=settings)
    plan_year = year + 1 if plan_year is None else plan_year
    plans = development_plan(
        gaps,
        year=plan_year,
        catalogue=catalogue,
        options=load_options(settings=settings, kamus=kamus),
        priorities=priorities,
        settings=settings,
    )
    return Overview(
        pegawai=pegawai[["nip", "nama", "jabatan", "unit"]].reset_index(drop=True),
        gaps=gaps,
        match=job_match(gaps, bands=load_bands(settings=settings)),
        signals=signals,
        priorities=priorities,
        plans=plans,
        activities=activities,
        ledger=ledger,
        jp_units=unit_jp_summary(ledger),
        year=year,
        plan_year=plan_year,
        faktor=mapping.faktor_kenaikan,
        catatan=[*notes, *observer_notes],
        sumber_data=files.origin,
        nama_peserta=tuple(learner_names(settings)),
        penilaian=assessment_rows(assessments),
    )


def _missing_assessments() -> pd.DataFrame:
    raise WorkbenchError(
        "Daftar pegawai kantor ada di folder kompetensi, tetapi penilaiannya belum: letakkan "
        "penilaian.csv atau penilaian.xlsx (kolom nip, kompetensi, level, sumber) di folder "
        "yang sama. Data contoh tidak dipakai untuk pegawai sungguhan."
    )


def _this_year(settings: Settings) -> int:
    return pd.Timestamp.now(tz=settings.tz).year
