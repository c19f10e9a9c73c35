"""The observer rubric and the rules scenarios cite, both files a trainer reads and edits.

``scenarios/percakapan/rubrik.yaml`` lists observable behaviours, the way OSCE checklists for
communication do: what an observer can see or hear (greets and introduces self, listens without
interrupting, restates the need, explains the rule and the next step, gives a time, offers the
complaint channel...), each with four anchored levels, the competency it is evidence for
(PermenPANRB 38/2017) and the BerAKHLAK core value it shows.

``scenarios/percakapan/dasar.yaml`` lists the regulations and standards a scenario may cite
(UU 25/2009, Perpres 76/2013, SP4N-LAPOR! in PermenPANRB 62/2018, UU 20/2001 Pasal 12B/12C,
UU 8/2016, BerAKHLAK...), each with one plain sentence of what it asks. Scenarios name them by
key, so a rule is written once and no scenario invents its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from workbench import yamlfile
from workbench.config import Settings, get_settings
from workbench.errors import Problem, WorkbenchError
from workbench.percakapan.language import language_problem

__all__ = [
    "RUBRIC_FILE",
    "SCALE",
    "SOURCES_FILE",
    "Behaviour",
    "Rubric",
    "Source",
    "load_rubric",
    "load_sources",
    "scenario_folder",
]

RUBRIC_FILE = "rubrik.yaml"
SOURCES_FILE = "dasar.yaml"
#: The rubric's levels; every behaviour anchors each of them.
SCALE = (1, 2, 3, 4)


def scenario_folder(settings: Settings | None = None) -> Path:
    """Where conversation scenarios live: ``<scenarios folder>/percakapan``."""
    return (settings or get_settings()).scenarios_dir / "percakapan"


@dataclass(frozen=True)
class Behaviour:
    """One observable behaviour with its anchored levels."""

    key: str
    name: str
    competency: str
    value: str
    anchors: dict[int, str]


@dataclass(frozen=True)
class Rubric:
    """The scale's level names and every behaviour, in the file's order."""

    scale: dict[int, str]
    behaviours: dict[str, Behaviour]
    file: str

    def __getitem__(self, key: str) -> Behaviour:
        return self.behaviours[key]

    def to_frame(self, keys=None):
        """The rubric as a table: one row per behaviour, one column per level."""
        import pandas as pd

        chosen = list(keys) if keys is not None else list(self.behaviours)
        rows = []
        for key in chosen:
            b = self.behaviours[key]
            row = {"perilaku": b.name, "kompetensi": b.competency, "nilai_berakhlak": b.value}
            row.update({f"{n} {self.scale[n]}": b.anchors[n] for n in SCALE})
            rows.append(row)
        return pd.DataFrame(rows)


@dataclass(frozen=True)
class Source:
    """A regulation or standard a scenario may cite."""

    key: str
    title: str
    gist: str


def _text(value, where: str, file: str, problems: list[Problem]) -> str:
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(f"{where}: teks wajib diisi", file=file))
        return ""
    why = language_problem(value)
    if why:
        problems.append(Problem(f"{where}: {why}", file=file, value=value[:80]))
    return " ".join(value.split())


def _behaviour(key: str, raw, file: str, problems: list[Problem]) -> Behaviour | None:
    if not isinstance(raw, dict):
        problems.append(
            Problem(f"perilaku '{key}' harus berisi nama, kompetensi dan tingkat", file=file)
        )
        return None
    name = _text(raw.get("nama"), f"perilaku '{key}', nama", file, problems)
    competency = str(raw.get("kompetensi") or "").strip()
    if not competency:
        problems.append(Problem(f"perilaku '{key}': kompetensi wajib diisi", file=file))
    levels = raw.get("tingkat") if isinstance(raw.get("tingkat"), dict) else {}
    anchors = {}
    for level in SCALE:
        text = levels.get(level, levels.get(str(level)))
        anchors[level] = _text(text, f"perilaku '{key}', tingkat {level}", file, problems)
    extra = sorted(str(k) for k in levels if str(k) not in {str(n) for n in SCALE})
    if extra:
        problems.append(Problem(f"perilaku '{key}': tingkat di luar 1–4", file=file, value=extra))
    return Behaviour(key, name, competency, str(raw.get("berakhlak") or "").strip(), anchors)


def load_rubric(
    path: str | os.PathLike | None = None, *, settings: Settings | None = None
) -> Rubric:
    """The observer rubric, checked: every behaviour named, tied to a competency and anchored
    at each level 1–4 in Indonesian; otherwise a :class:`WorkbenchError` listing every gap."""
    path = Path(path) if path is not None else scenario_folder(settings) / RUBRIC_FILE
    raw = yamlfile.load(path, what="Rubrik pengamat")
    file = path.name
    if not isinstance(raw, dict) or not isinstance(raw.get("perilaku"), dict):
        raise WorkbenchError(f"Rubrik {file} harus berisi bagian 'skala' dan 'perilaku'.")
    problems: list[Problem] = []
    scale_raw = raw.get("skala") if isinstance(raw.get("skala"), dict) else {}
    scale = {}
    for level in SCALE:
        text = scale_raw.get(level, scale_raw.get(str(level)))
        scale[level] = _text(text, f"skala, tingkat {level}", file, problems)
    behaviours = {}
    for key, value in raw["perilaku"].items():
        found = _behaviour(str(key), value, file, problems)
        if found is not None:
            behaviours[str(key)] = found
    if problems:
        raise WorkbenchError(f"Rubrik pengamat {file} berisi kesalahan.", problems)
    return Rubric(scale, behaviours, file)


def load_sources(
    path: str | os.PathLike | None = None, *, settings: Settings | None = None
) -> dict[str, Source]:
    """The regulations and standards scenarios may cite, by key, checked."""
    path = Path(path) if path is not None else scenario_folder(settings) / SOURCES_FILE
    raw = yamlfile.load(path, what="Daftar dasar aturan")
    file = path.name
    if not isinstance(raw, dict) or not raw:
        raise WorkbenchError(f"Berkas {file} harus berisi daftar aturan (kunci: judul, isi).")
    problems: list[Problem] = []
    out = {}
    for key, value in raw.items():
        entry = value if isinstance(value, dict) else {}
        title = _text(entry.get("judul"), f"aturan '{key}', judul", file, problems)
        gist = _text(entry.get("isi"), f"aturan '{key}', isi", file, problems)
        out[str(key)] = Source(str(key), title, gist)
    if problems:
        raise WorkbenchError(f"Daftar dasar aturan {file} berisi kesalahan.", problems)
    return out
