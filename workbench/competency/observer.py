"""Observers of conversation role plays as an assessment source, beside self and supervisor.

Competency does not read role plays itself. It takes a table: per officer and competency, the
observers' score 0–100 and the highest level the scenarios played can show (what
:func:`workbench.percakapan.competency_scores` returns; the faces or the course floor gather
it). :func:`observer_assessments` turns that table into assessment rows of the source
``pengamat``, converted to a level with ``konversi_nilai.csv`` like graded assignments and
capped at the scenario's level, for the person's NIP from ``var/kompetensi/peserta.csv``.

:func:`source_comparison` puts each person's levels from every source side by side and flags a
self-assessment far above (or below) what observers saw: material for a development
conversation with the supervisor, not a verdict.
"""

from __future__ import annotations

import pandas as pd

from workbench import formatting as fmt
from workbench.config import Settings, get_settings

__all__ = [
    "OBSERVER",
    "SELF_GAP",
    "assessment_rows",
    "observer_assessments",
    "observer_origin",
    "source_comparison",
    "with_observers",
]

#: The source name of observers' scores.
OBSERVER = "pengamat"
#: Levels between self-assessment and observers at which a gap is flagged.
SELF_GAP = 1.0

_SCORE_COLUMNS = ("peserta", "kompetensi", "nilai", "level_maks")


def observer_assessments(
    scores: pd.DataFrame,
    *,
    peserta: dict[str, str] | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Observer scores (``peserta``, ``kompetensi``, ``nilai`` 0–100, ``level_maks``) as
    assessment rows: ``nip``, ``kompetensi``, ``level``, ``sumber`` (``pengamat``), plus
    ``peserta``, ``nilai`` and ``jumlah_pengamatan`` when given.

    A ``tanggal`` column (scores per day) is kept, so the rows can serve a before/after
    comparison of training. ``peserta`` maps the names used in role-play sessions to NIPs (default:
    ``var/kompetensi/peserta.csv``; a name that is an 18-digit NIP needs none). A person not
    linked yet keeps an empty ``nip``: the caller lists them rather than losing them silently.
    """
    from workbench.competency.ledger import learner_nips, nip_for
    from workbench.competency.plan import level_of, load_conversion

    missing = [c for c in _SCORE_COLUMNS if c not in scores.columns]
    columns = ["nip", "kompetensi", "level", "sumber", "peserta", "nilai", "jumlah_pengamatan"]
    if missing or scores.empty:
        return pd.DataFrame(columns=columns)
    settings = settings or get_settings()
    mapping = learner_nips(settings) if peserta is None else dict(peserta)
    bands = load_conversion(settings=settings)
    rows = []
    for r in scores.itertuples(index=False):
        cap = int(r.level_maks) if pd.notna(r.level_maks) else 5
        level = float(min(level_of(float(r.nilai), bands), cap))
        count = int(getattr(r, "jumlah_pengamatan", 1))
        rows.append((nip_for(str(r.peserta), mapping), str(r.kompetensi), level, OBSERVER,
                     str(r.peserta), float(r.nilai), count))  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    if "tanggal" in scores.columns:
        out["tanggal"] = scores["tanggal"].to_numpy()
    return out


def source_comparison(assessments: pd.DataFrame, *, batas: float = SELF_GAP) -> pd.DataFrame:
    """Each person's level per competency from every source, side by side, with the gap
    between self-assessment and observers flagged when it reaches ``batas`` levels.

    ``assessments`` are rows with ``nip``, ``kompetensi``, ``level`` and ``sumber``. Columns:
    ``nip``, ``kompetensi``, one column per source present (``atasan``, ``diri``,
    ``pengamat``, ...; empty where a source did not assess), ``selisih_diri_pengamat`` (self
    minus observers, in levels), ``selisih_besar`` and ``keterangan`` ("diri 4 di atas
    pengamat 2: selisih 2 level"). Only people observed in a role play have a gap.
    """
    if assessments.empty or "sumber" not in assessments.columns:
        return pd.DataFrame(columns=["nip", "kompetensi", "selisih_diri_pengamat",
                                     "selisih_besar", "keterangan"])  # fmt: skip
    wide = assessments.pivot_table(index=["nip", "kompetensi"], columns="sumber", values="level",
                                   aggfunc="first").reset_index()  # fmt: skip
    wide.columns.name = None
    order = [s for s in ("atasan", "diri", OBSERVER, "latihan", "tugas") if s in wide.columns]
    others = [c for c in wide.columns if c not in ("nip", "kompetensi", *order)]
    wide = wide[["nip", "kompetensi", *order, *others]]
    if {"diri", OBSERVER} <= set(wide.columns):
        gap = (wide["diri"] - wide[OBSERVER]).round(2)
    else:
        gap = pd.Series(float("nan"), index=wide.index)
    wide["selisih_diri_pengamat"] = gap
    wide["selisih_besar"] = gap.abs() >= batas
    wide["keterangan"] = [_explain(row, batas) for row in wide.itertuples(index=False)]
    return wide.reset_index(drop=True)


def _explain(row, batas: float) -> str:
    gap = row.selisih_diri_pengamat
    if pd.isna(gap):
        return ""
    own, seen = fmt.number(row.diri, decimals=None), fmt.number(getattr(row, OBSERVER), None)
    size = fmt.number(abs(gap), decimals=None)
    if abs(gap) < batas:
        return f"diri {own}, pengamat {seen}: sejalan"
    where = "di atas" if gap > 0 else "di bawah"
    return f"diri {own} {where} pengamat {seen}: selisih {size} level"


def with_observers(
    assessments: pd.DataFrame,
    scores: pd.DataFrame | None,
    *,
    pegawai: pd.DataFrame,
    settings: Settings | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """``assessments`` with the observers' rows of the staff on ``pegawai`` added, and notes on
    names from role plays that are not linked to an NIP yet (for :func:`overview`)."""
    if scores is None or scores.empty:
        return assessments, []
    observed = observer_assessments(scores, settings=settings)
    notes = []
    unlinked = sorted(set(observed.loc[observed["nip"].isna(), "peserta"]))
    if unlinked:
        notes.append(
            f"{len(unlinked)} peserta role-play percakapan belum terhubung ke NIP: "
            + ", ".join(unlinked[:5])
            + (" ..." if len(unlinked) > 5 else "")
            + ". Isi var/kompetensi/peserta.csv (kolom peserta, nip) agar skor pengamatnya "
            "ikut dihitung."
        )
    observed = observed[observed["nip"].isin(pegawai["nip"])]
    if observed.empty:
        return assessments, notes
    if "sumber" not in assessments.columns:
        assessments = assessments.assign(sumber="atasan")
    rows = observed[["nip", "kompetensi", "level", "sumber"]]
    return pd.concat([assessments, rows], ignore_index=True), notes


def assessment_rows(assessments: pd.DataFrame) -> pd.DataFrame:
    """``nip``, ``kompetensi``, ``level``, ``sumber`` of assessment rows (a table without
    ``sumber`` is the supervisor's, as :func:`~workbench.competency.gaps` reads it)."""
    if "sumber" not in assessments.columns:
        assessments = assessments.assign(sumber="atasan")
    return assessments[["nip", "kompetensi", "level", "sumber"]].reset_index(drop=True)


def observer_origin(scores: pd.DataFrame | None) -> str:
    """What observers add to the description of where assessments came from."""
    return " + skor pengamat role-play" if scores is not None and len(scores) else ""
