"""The datasets shipped with the course: their recorded seeds, how to load and regenerate them.

The CSVs live in the settings' ``data_dir`` (``notebooks/data`` by default), where notebooks
read them. :func:`generate_all` (the ``workbench data generate`` command) rewrites them from
the seeds recorded in :data:`SHIPPED`; a test checks that this reproduces the committed files
byte for byte, so the files and the generators cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench.config import get_settings
from workbench.data import generators
from workbench.data.readers import read_csv, write_csv
from workbench.data.schema import SCHEMAS
from workbench.errors import WorkbenchError

__all__ = ["SHIPPED", "Shipped", "dataset_names", "defects", "generate_all", "load"]

#: The period every shipped dataset covers (one calendar year).
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@dataclass(frozen=True)
class Shipped:
    """One shipped dataset: its file, its recorded seed and how it is made."""

    name: str
    seed: int
    make: Callable[[int], pd.DataFrame]
    #: For a messy variant: the clean dataset it is derived from.
    messy_of: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def defects_filename(self) -> str:
        return f"{self.name}_cacat.csv"


def _layanan(seed: int) -> pd.DataFrame:
    return generators.generate_layanan(seed=seed, start=PERIOD[0], end=PERIOD[1])


def _skm(seed: int) -> pd.DataFrame:
    return generators.generate_skm(seed=seed, start=PERIOD[0], end=PERIOD[1], n=400)


#: Every shipped dataset by name, with the seed that reproduces it.
SHIPPED: dict[str, Shipped] = {
    s.name: s
    for s in (
        Shipped("layanan", 20250101, _layanan),
        Shipped("skm", 20250102, _skm),
    )
}


def dataset_names() -> list[str]:
    """Names accepted by :func:`load`."""
    return list(SHIPPED)


def _entry(name: str) -> Shipped:
    try:
        return SHIPPED[name]
    except KeyError:
        raise WorkbenchError(
            f"Dataset '{name}' tidak dikenal. Pilih salah satu: {', '.join(SHIPPED)}."
        ) from None


def _path(filename: str, data_dir: Path | None) -> Path:
    folder = Path(data_dir) if data_dir is not None else get_settings().data_dir
    path = folder / filename
    if not path.is_file():
        raise WorkbenchError(
            f"Berkas data {path} tidak ditemukan. Buat ulang dengan perintah "
            "'workbench data generate'."
        )
    return path


def load(name: str, *, data_dir: Path | None = None) -> pd.DataFrame:
    """A shipped dataset as a DataFrame, checked against its schema.

    Clean datasets (``layanan``, ``skm``, ...) come with documented dtypes: datetimes are
    time-zone aware WIB, categories are text. Messy variants (``layanan_kotor``,
    ``skm_kotor``) come as raw text, exactly as a learner would find them, to be cleaned.
    """
    entry = _entry(name)
    path = _path(entry.filename, data_dir)
    if entry.messy_of is not None:
        return read_csv(path, as_text=True)
    return read_csv(path, SCHEMAS[name])


def defects(name: str, *, data_dir: Path | None = None) -> pd.DataFrame:
    """The recorded defects of a messy dataset, one row per injected defect.

    Columns: ``baris`` (file row as Excel shows it, header = 1), ``kunci`` (ticket or
    respondent id of the true row), ``kolom``, ``jenis_cacat``, ``nilai_kotor`` (as written in
    the file) and ``nilai_benar`` (the clean value, as text; empty for a duplicated row).
    """
    entry = _entry(name)
    if entry.messy_of is None:
        raise WorkbenchError(
            f"Dataset '{name}' bukan dataset kotor; cacat hanya tercatat untuk: "
            + ", ".join(n for n, e in SHIPPED.items() if e.messy_of)
            + "."
        )
    frame = read_csv(_path(entry.defects_filename, data_dir), as_text=True)
    frame["baris"] = frame["baris"].astype("int64")
    return frame


def generate_all(*, data_dir: Path | None = None, names: list[str] | None = None) -> list[Path]:
    """Regenerate the shipped CSVs from their recorded seeds; return the files written.

    Files are written atomically, so an interrupted run never leaves half a file.
    """
    folder = Path(data_dir) if data_dir is not None else get_settings().data_dir
    written: list[Path] = []
    for name in names or list(SHIPPED):
        entry = _entry(name)
        if entry.messy_of is not None:
            continue
        frame = entry.make(entry.seed)
        written.append(write_csv(frame, folder / entry.filename, SCHEMAS[name]))
    return written
