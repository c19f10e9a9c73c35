"""Self-assessments from the lesson: saved per learner, read back as the ``diri`` source.

In module 11 a learner rates themselves on the digital-literacy pillars and the managerial
competencies; :func:`save_self_assessment` keeps that rating in the state folder
(``<state>/kompetensi/penilaian_diri/<peserta>.csv``, one file per learner, written
atomically as an Indonesian Excel CSV a trainer can open). :func:`self_assessments` reads every
learner's file back; once a learner is linked to an NIP (``var/kompetensi/peserta.csv``, or a
learner named by their NIP) their rating replaces the ``diri`` source in the office's picture
(:func:`workbench.course.overview`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from workbench.competency.standards import STATE_FOLDER, load_dictionary, load_standards
from workbench.config import Settings, get_settings
from workbench.course.learners import learner_nips, nip_for
from workbench.data import read_csv
from workbench.data.schema import PENILAIAN_DIRI
from workbench.errors import Problem, WorkbenchError
from workbench.office import write_csv
from workbench.practice.progress import learner_id

__all__ = ["SELF_FOLDER", "save_self_assessment", "self_assessments"]

#: Sub-folder of ``<state>/kompetensi/`` holding one self-assessment file per learner.
SELF_FOLDER = "penilaian_diri"


def save_self_assessment(
    levels: Mapping[str, float],
    *,
    jabatan: str,
    learner: str | None = None,
    settings: Settings | None = None,
) -> Path:
    """Save the current learner's self-assessment (competency -> level 1–5) for ``jabatan``.

    Every competency must be in the dictionary, every level a number 1–5 and the position one
    the standards know; otherwise nothing is written and the error lists every problem.
    Saving again replaces the learner's earlier rating. Returns the file written.
    """
    settings = settings or get_settings()
    kamus = load_dictionary(settings=settings)
    known = set(kamus["kompetensi"])
    positions = set(load_standards(settings=settings, kamus=kamus)["jabatan"])
    problems = []
    if jabatan not in positions:
        problems.append(Problem("jabatan tidak ada di standar kompetensi", column="jabatan",
                                value=jabatan, expected="salah satu jabatan di "
                                "standar_kompetensi.csv"))  # fmt: skip
    for name, level in levels.items():
        if name not in known:
            problems.append(Problem("kompetensi tidak dikenal", column=str(name), value=name,
                                    expected="nama yang ada di kamus kompetensi"))  # fmt: skip
        number = level if isinstance(level, int | float) and not isinstance(level, bool) else None
        if number is None or not 1 <= number <= 5:
            problems.append(Problem("level bukan angka 1–5", column=str(name), value=level,
                                    expected="angka 1 sampai 5"))  # fmt: skip
    if not levels:
        problems.append(Problem("belum ada kompetensi yang dinilai", expected="paling sedikit 1"))
    if problems:
        raise WorkbenchError("Penilaian diri belum bisa disimpan.", problems)
    name = learner or learner_id(settings)
    stamp = pd.Timestamp.now(tz=settings.tz).floor("s")
    frame = pd.DataFrame(
        {
            "peserta": name,
            "jabatan": jabatan,
            "kompetensi": list(levels),
            "level": [float(v) for v in levels.values()],
            "disimpan": stamp,
        }
    )
    folder = settings.state_dir / STATE_FOLDER / SELF_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return write_csv(folder / f"{_safe(name)}.csv", frame)


def _safe(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "peserta"


def self_assessments(
    *, peserta: Mapping[str, str] | None = None, settings: Settings | None = None
) -> pd.DataFrame:
    """Every saved self-assessment of a learner linked to an NIP, as assessment rows:
    ``nip``, ``kompetensi``, ``level``, ``sumber`` (``diri``), ``peserta``, ``disimpan``."""
    settings = settings or get_settings()
    folder = settings.state_dir / STATE_FOLDER / SELF_FOLDER
    columns = ["nip", "kompetensi", "level", "sumber", "peserta", "disimpan"]
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not files:
        return pd.DataFrame(columns=columns)
    mapping = learner_nips(settings) if peserta is None else dict(peserta)
    frames = []
    for path in files:
        table = read_csv(path, PENILAIAN_DIRI, extra="drop")
        nip = nip_for(str(table["peserta"].iloc[0]), mapping) if len(table) else None
        if nip is None:
            continue
        frames.append(table.assign(nip=nip, sumber="diri"))
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]
