"""From gaps to development: workbench modules, outside options and a plan per person.

Workbench modules are found from the notebooks themselves: a module lists the competencies it
develops in its notebook metadata,

.. code-block:: json

    "metadata": {"workbench": {"kompetensi": [{"kompetensi": "Keamanan Digital", "level": 3}]}}

(``level`` = the level a learner who finishes the module can show). Title and JP come from the
course map (:data:`workbench.practice.COURSE`) or, for a notebook the map does not know yet,
from ``"judul"`` and ``"jp"`` in the same metadata, so a new notebook is picked up without a
code change. Options outside the workbench come from ``pilihan_pengembangan.csv``.

Practice scores become assessments too (:func:`practice_assessments`): the share of a module's
questions answered correctly, converted to a level with ``konversi_nilai.csv`` and capped at
the level the module claims; graded-assignment scores use the same conversion
(:func:`score_levels`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.competency.standards import (
    check_competencies,
    data_path,
    load_dictionary,
    load_options,
    read_table,
)
from workbench.config import Settings, get_settings
from workbench.data.schema import KONVERSI_NILAI
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "PLAN_COLUMNS",
    "development_plan",
    "example_assessments",
    "load_conversion",
    "module_catalogue",
    "practice_assessments",
    "score_levels",
]

PLAN_COLUMNS = [
    "nip",
    "jabatan",
    "unit",
    "urutan",
    "kompetensi",
    "kesenjangan",
    "kegiatan",
    "jenis",
    "penyelenggara",
    "jp",
    "waktu",
    "alasan",
]
_QUARTERS = ("I", "II", "III", "IV")
WORKBENCH = "modul workbench"
OUTSIDE = "di luar workbench"


def module_catalogue(
    *,
    folder: str | os.PathLike | None = None,
    kamus: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Every course notebook's competencies, from notebook metadata.

    One row per module and competency: ``modul`` (``"05"``), ``judul``, ``jp``,
    ``kompetensi``, ``level``, ``berkas``. A notebook without competency metadata is skipped; a
    competency the dictionary does not know is an error naming the notebook.
    """
    from workbench.practice import COURSE

    settings = settings or get_settings()
    folder = Path(folder) if folder is not None else settings.notebooks_dir
    kamus = load_dictionary(settings=settings) if kamus is None else kamus
    known = {m.number: m for m in COURSE}
    rows, problems = [], []
    for path in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        try:
            meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, json.JSONDecodeError) as exc:
            raise WorkbenchError(f"Notebook {path.name} tidak bisa dibaca: {exc}") from exc
        info = meta.get("workbench", {}) if isinstance(meta, dict) else {}
        entries = info.get("kompetensi", []) if isinstance(info, dict) else []
        if not entries:
            continue
        number = path.name[:2]
        course = known.get(number)
        title = course.title if course else info.get("judul")
        jp = course.jp if course else info.get("jp")
        if not title or not isinstance(jp, int) or jp <= 0:
            problems.append(
                Problem("modul baru tanpa judul atau JP", file=path.name,
                        column="metadata.workbench", expected="'judul' dan 'jp' (bilangan bulat)"
                        " di metadata notebook, atau baris modul di peta kursus")
            )  # fmt: skip
            continue
        for entry in entries:
            name = entry.get("kompetensi") if isinstance(entry, dict) else entry
            level = entry.get("level", 1) if isinstance(entry, dict) else 1
            if not isinstance(level, int) or not 1 <= level <= 5:
                problems.append(
                    Problem("level di luar 1–5", file=path.name, column="metadata.workbench",
                            value=level, expected="bilangan bulat 1–5")
                )  # fmt: skip
                continue
            rows.append((number, str(title), int(jp), str(name), level, path.name))
    table = pd.DataFrame(rows, columns=["modul", "judul", "jp", "kompetensi", "level", "berkas"])
    for p in check_competencies(table["kompetensi"], kamus, file="metadata notebook"):
        where = table["berkas"].iloc[p.row - 2]
        problems.append(Problem(p.message, file=where, column="metadata.workbench",
                                value=p.value, expected=p.expected))  # fmt: skip
    if problems:
        raise WorkbenchError("Metadata kompetensi di notebook kursus berisi kesalahan.", problems)
    return table


def load_conversion(
    path: str | os.PathLike | None = None, *, settings: Settings | None = None
) -> list[tuple[float, int]]:
    """Score-to-level bands from ``konversi_nilai.csv`` (``nilai_minimal``, ``level``), checked
    against :data:`~workbench.data.schema.KONVERSI_NILAI`, highest first. A score of 0 must
    have a level."""
    path = Path(path) if path is not None else data_path("konversi_nilai.csv", settings=settings)
    table = read_table(path, KONVERSI_NILAI)
    if not (table["nilai_minimal"] == 0).any():
        raise WorkbenchError(
            f"Konversi nilai ke level di {path.name} tidak sah.",
            [Problem("tidak ada level untuk nilai 0", file=path.name, column="nilai_minimal",
                     expected="satu baris dengan nilai_minimal 0")],
        )  # fmt: skip
    bands = zip(table["nilai_minimal"].astype(float), table["level"].astype(int), strict=True)
    return sorted(((float(low), int(level)) for low, level in bands), reverse=True)


def _level_of(score: float, bands: list[tuple[float, int]]) -> int:
    return next(level for low, level in bands if score >= low)


def score_levels(
    scores: pd.DataFrame,
    *,
    sumber: str = "tugas",
    bands: list[tuple[float, int]] | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Scores (``nip``, ``kompetensi``, ``nilai`` 0–100) as assessment rows
    (``nip``, ``kompetensi``, ``level``, ``sumber``), converted with ``konversi_nilai.csv``."""
    bands = bands or load_conversion(settings=settings)
    values = pd.to_numeric(scores["nilai"], errors="coerce")
    bad = values.isna() | (values < 0) | (values > 100)
    if bad.any():
        problems = [
            Problem("nilai bukan angka 0–100", file="nilai", row=int(i) + 2, column="nilai",
                    value=scores["nilai"].iloc[i], expected="angka 0–100")
            for i in np.flatnonzero(bad.to_numpy())
        ]  # fmt: skip
        raise WorkbenchError("Nilai tugas berisi angka yang tidak sah.", problems)
    return pd.DataFrame(
        {
            "nip": scores["nip"].astype("str").to_numpy(),
            "kompetensi": scores["kompetensi"].astype("str").to_numpy(),
            "level": [float(_level_of(v, bands)) for v in values],
            "sumber": sumber,
        }
    )


def practice_assessments(
    *,
    catalogue: pd.DataFrame | None = None,
    peserta: dict[str, str] | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Levels shown in the practice checks: per learner, module and competency the module
    develops, the share of its questions answered correctly (0–100) converted to a level and
    capped at the module's level; the best module counts when several cover a competency.
    Modules never tried give nothing. Columns ``nip``, ``kompetensi``, ``level``, ``sumber``
    (``latihan``), ``nilai``, ``modul``."""
    from workbench.competency.ledger import _learner_nips, _nip_for
    from workbench.practice import exercise_set, progress_frame

    settings = settings or get_settings()
    catalogue = module_catalogue(settings=settings) if catalogue is None else catalogue
    mapping = _learner_nips(settings) if peserta is None else dict(peserta)
    progress = progress_frame(settings=settings)
    columns = ["nip", "kompetensi", "level", "sumber", "nilai", "modul"]
    if progress.empty or catalogue.empty:
        return pd.DataFrame(columns=columns)
    bands = load_conversion(settings=settings)
    rows = []
    for (learner, module), part in progress.groupby(["peserta", "modul"], sort=True):
        nip = _nip_for(learner, mapping)
        if nip is None or part["percobaan"].sum() == 0:
            continue
        try:
            total = len(exercise_set(module))
        except KeyError:
            continue
        score = 100 * int((part["status"] == "benar").sum()) / total if total else 0.0
        for entry in catalogue[catalogue["modul"] == module.split("-", 1)[0]].itertuples():
            level = min(_level_of(score, bands), int(entry.level))
            rows.append((nip, entry.kompetensi, float(level), "latihan", round(score, 1), module))
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table
    table = table.sort_values(["nip", "kompetensi", "level", "nilai"], ascending=[True, True,
                              False, False], kind="stable")  # fmt: skip
    return table.drop_duplicates(["nip", "kompetensi"]).reset_index(drop=True)


def example_assessments(*, seed: int = 11, settings: Settings | None = None) -> pd.DataFrame:
    """Synthetic assessments from two sources for the shipped staff, for lessons and demos.

    ``atasan`` is the assessed level of the ``kompetensi`` dataset; ``diri`` (self-assessment)
    is drawn around it from ``seed``, a little higher on average, as self-assessments tend to
    be. Columns ``nip``, ``nama``, ``jabatan``, ``kompetensi``, ``level``, ``sumber``.
    """
    from workbench import data

    rng = np.random.default_rng(seed)
    pegawai = data.load("pegawai")
    profile = data.load("kompetensi")
    people = pegawai.set_index("nip")
    boss = pd.DataFrame(
        {
            "nip": profile["nip"],
            "kompetensi": profile["kompetensi"],
            "level": profile["level_dimiliki"].astype("float64"),
            "sumber": "atasan",
        }
    )
    own = boss.copy()
    drift = rng.choice([-1, 0, 0, 0, 1, 1], size=len(own))
    own["level"] = np.clip(own["level"] + drift, 1, 5).astype("float64")
    own["sumber"] = "diri"
    both = pd.concat([own, boss], ignore_index=True)
    both.insert(1, "nama", both["nip"].map(people["nama"]))
    both.insert(2, "jabatan", both["nip"].map(people["jabatan"]))
    return both


def _quarter_labels(jp: list[float], year: int) -> list[str]:
    """Spread activities in order over four quarters, about equal JP per quarter."""
    total = float(sum(jp))
    per = max(total / 4, 1e-9)
    out, before = [], 0.0
    for value in jp:
        q = min(3, int(before // per + 1e-9))
        out.append(f"Triwulan {_QUARTERS[q]} {year}")
        before += value
    return out


def development_plan(
    gaps: pd.DataFrame,
    *,
    year: int,
    catalogue: pd.DataFrame | None = None,
    options: pd.DataFrame | None = None,
    priorities: pd.DataFrame | None = None,
    done: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """An individual development plan for every person with a gap: what, when, how many JP.

    Per person, competencies below standard are taken in the office's priority order
    (``priorities`` from :func:`~workbench.competency.unit_priorities`, else the largest gap
    first). Each gets the workbench modules that develop it beyond the person's level (at
    most two, lowest module number first, each module once per person, skipping modules in
    ``done``: ``nip``, ``modul``), and the first outside option from
    ``pilihan_pengembangan.csv`` when the gap is two levels or more or no module covers it.
    Activities are spread in that order over the four quarters of ``year`` with about the same
    JP in each quarter. Columns :data:`PLAN_COLUMNS`; ``alasan`` says why each line is there.
    """
    settings = settings or get_settings()
    catalogue = module_catalogue(settings=settings) if catalogue is None else catalogue
    options = load_options(settings=settings) if options is None else options
    rank, why = {}, {}
    if priorities is not None:
        rank = dict(zip(priorities["kompetensi"], priorities["peringkat"], strict=True))
        why = dict(zip(priorities["kompetensi"], priorities["alasan_skm"], strict=True))
    finished = set()
    if done is not None and len(done):
        finished = set(zip(done["nip"], done["modul"], strict=True))
    short = gaps[gaps["kesenjangan"] > 0].copy()
    short["_rank"] = short["kompetensi"].map(rank).fillna(len(rank) + 1)
    short = short.sort_values(["_rank", "kesenjangan"], ascending=[True, False], kind="stable")
    order = {n: i for i, n in enumerate(pd.unique(gaps["nip"]))}
    short["_p"] = short["nip"].map(order)
    short = short.sort_values("_p", kind="stable")
    rows = []
    for _, part in short.groupby("_p", sort=True):
        planned_modules: set[str] = set()
        mine = []
        for g in part.itertuples():
            gap_text = f"kesenjangan {fmt.number(g.kesenjangan, decimals=None)} level"
            if g.kompetensi in rank:
                gap_text += f"; prioritas kantor #{rank[g.kompetensi]}"
                if why.get(g.kompetensi):
                    gap_text += f" ({why[g.kompetensi]})"
            fits = catalogue[(catalogue["kompetensi"] == g.kompetensi)
                             & (catalogue["level"] > g.dimiliki)]  # fmt: skip
            chosen = 0
            for m in fits.sort_values("modul").itertuples():
                if chosen == 2 or m.modul in planned_modules or (g.nip, m.modul) in finished:
                    continue
                planned_modules.add(m.modul)
                chosen += 1
                mine.append((g, f"Modul {m.modul} {m.judul}", WORKBENCH, "ASN Workbench",
                             int(m.jp), gap_text))  # fmt: skip
            if g.kesenjangan >= 2 or chosen == 0:
                found = options[options["kompetensi"] == g.kompetensi]
                if len(found):
                    o = found.iloc[0]
                    mine.append((g, o["kegiatan"], OUTSIDE, o["penyelenggara"], int(o["jp"]),
                                 gap_text))  # fmt: skip
        when = _quarter_labels([m[4] for m in mine], year)
        for i, ((g, what, kind, who, jp, reason), quarter) in enumerate(
            zip(mine, when, strict=True)
        ):
            rows.append((g.nip, g.jabatan, g.unit, i + 1, g.kompetensi, g.kesenjangan, what,
                         kind, who, jp, quarter, reason))  # fmt: skip
    plan = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    plan["jp"] = plan["jp"].astype("int64")
    plan["urutan"] = plan["urutan"].astype("int64")
    return plan
