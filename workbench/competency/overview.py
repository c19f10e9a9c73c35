"""The whole competency picture of an office in one call, for dashboards and lessons.

:func:`overview` runs the analysis end to end on the shipped data (or the office's own
tables): gaps from the combined assessments, job match, SKM signals and the unit's priority
list, development plans, and the JP ledger from every activity source.
:meth:`Overview.subset` narrows it to one unit or position, recomputing the priority list
for that group, so a dashboard filter never duplicates a calculation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from workbench.competency.core import gaps as compute_gaps
from workbench.competency.core import job_match, load_bands, unit_priorities
from workbench.competency.ledger import collect_activities, jp_ledger, unit_jp_summary
from workbench.competency.plan import (
    development_plan,
    example_assessments,
    module_catalogue,
    practice_assessments,
)
from workbench.competency.skm_link import load_skm_mapping, skm_signals
from workbench.competency.standards import load_dictionary, load_options, load_standards
from workbench.config import Settings, get_settings

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
        )

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
    settings: Settings | None = None,
) -> Overview:
    """The full analysis. Anything not given comes from the shipped data: the roster
    (``pegawai``), assessments by supervisor and self (:func:`example_assessments`) plus the
    practice checks, the shipped standards, the shipped SKM survey and development record.
    ``year`` is the JP year (default: the latest year with activities), ``plan_year`` the
    year plans are for (default: the next one)."""
    from workbench import data

    settings = settings or get_settings()
    pegawai = data.load("pegawai") if pegawai is None else pegawai
    kamus = load_dictionary(settings=settings)
    standards = load_standards(settings=settings, kamus=kamus) if standards is None else standards
    catalogue = module_catalogue(settings=settings, kamus=kamus)
    if assessments is None:
        assessments = example_assessments()
        if include_practice:
            found = practice_assessments(catalogue=catalogue, settings=settings)
            found = found[found["nip"].isin(pegawai["nip"])]
            if len(found):
                assessments = pd.concat(
                    [assessments, found[["nip", "kompetensi", "level", "sumber"]]],
                    ignore_index=True,
                )
    gaps = compute_gaps(standards, assessments, pegawai=pegawai, kamus=kamus, settings=settings)
    match = job_match(gaps, bands=load_bands(settings=settings))
    responses = data.load("skm") if skm_responses is None else skm_responses
    mapping = load_skm_mapping(kamus=kamus, settings=settings)
    signals = skm_signals(responses, mapping=mapping, settings=settings)
    priorities = unit_priorities(gaps, skm=signals, faktor=mapping.faktor_kenaikan)
    found = collect_activities(
        data.load("pelatihan") if pelatihan is None else pelatihan,
        practice=include_practice,
        grading=include_grading,
        settings=settings,
    )
    activities = found.kegiatan
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
    people = pegawai[["nip", "nama", "jabatan", "unit"]].reset_index(drop=True)
    return Overview(
        pegawai=people,
        gaps=gaps,
        match=match,
        signals=signals,
        priorities=priorities,
        plans=plans,
        activities=activities,
        ledger=ledger,
        jp_units=unit_jp_summary(ledger),
        year=year,
        plan_year=plan_year,
        faktor=mapping.faktor_kenaikan,
        catatan=found.catatan,
    )


def _this_year(settings: Settings) -> int:
    return pd.Timestamp.now(tz=settings.tz).year
