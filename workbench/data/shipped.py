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
from workbench.data import generators, messy, staff
from workbench.data.dictionary import render_dictionary
from workbench.data.readers import read_csv, write_csv
from workbench.data.schema import LAYANAN, SCHEMAS, SKM, UNSUR_SKM
from workbench.errors import WorkbenchError, os_reason
from workbench.storage import write_text

__all__ = ["SHIPPED", "Shipped", "dataset_names", "defects", "generate_all", "load", "truth"]

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


def _pegawai(seed: int) -> pd.DataFrame:
    return staff.generate_pegawai(seed=seed, reference=PERIOD[1])


def _kompetensi(seed: int) -> pd.DataFrame:
    return staff.generate_kompetensi(seed=seed, pegawai=_made("pegawai"), reference=PERIOD[1])


def _pelatihan(seed: int) -> pd.DataFrame:
    return staff.generate_pelatihan(
        seed=seed, pegawai=_made("pegawai"), start=PERIOD[0], end=PERIOD[1]
    )


def _layanan_kotor(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    clean = _made("layanan")
    # January and February: enough rows to practise on, small enough to inspect by eye.
    clean = clean[clean["tanggal"] < pd.Timestamp("2025-03-01", tz=get_settings().tz)]
    spec = messy.MessySpec(
        category_columns=("kelurahan", "jenis_layanan"),
        required_columns=("kelurahan", "jenis_layanan", "kanal", "prioritas"),
        date_columns=("tanggal", "datang", "mulai", "selesai"),
        decimal_columns=("tunggu_menit", "lama_layanan_menit"),
        impossible=messy.impossible_layanan,
    )
    return messy.make_messy(clean.reset_index(drop=True), LAYANAN, spec, seed=seed)


def _skm_kotor(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    spec = messy.MessySpec(
        category_columns=("kelurahan", "jenis_layanan", "pendidikan", "pekerjaan"),
        required_columns=("umur", "jenis_kelamin", "pendidikan", *UNSUR_SKM),
        date_columns=("tanggal",),
        impossible=messy.impossible_skm,
        per_thousand=25.0,
    )
    return messy.make_messy(_made("skm"), SKM, spec, seed=seed)


def _made(name: str) -> pd.DataFrame:
    """A clean dataset made from its recorded seed (messy variants and linked data use it)."""
    entry = SHIPPED[name]
    return entry.make(entry.seed)


#: Every shipped dataset by name, with the seed that reproduces it.
SHIPPED: dict[str, Shipped] = {
    s.name: s
    for s in (
        Shipped("layanan", 20250101, _layanan),
        Shipped("skm", 20250102, _skm),
        Shipped("pegawai", 20250103, _pegawai),
        Shipped("kompetensi", 20250104, _kompetensi),
        Shipped("pelatihan", 20250105, _pelatihan),
        Shipped("layanan_kotor", 20250106, _layanan_kotor, messy_of="layanan"),
        Shipped("skm_kotor", 20250107, _skm_kotor, messy_of="skm"),
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
    """Regenerate the shipped CSVs (and, for all of them, the data dictionary) from their
    recorded seeds; return the files written.

    Files are written atomically, so an interrupted run never leaves half a file.
    """
    folder = Path(data_dir) if data_dir is not None else get_settings().data_dir
    written: list[Path] = []
    for name in names or list(SHIPPED):
        entry = _entry(name)
        if entry.messy_of is not None:
            frame, found = entry.make(entry.seed)
            written.append(write_csv(frame, folder / entry.filename))
            written.append(write_csv(found, folder / entry.defects_filename))
        else:
            frame = entry.make(entry.seed)
            written.append(write_csv(frame, folder / entry.filename, SCHEMAS[name]))
    if names is None:
        written.append(_write_text(folder / DICTIONARY, render_dictionary(SHIPPED, PERIOD)))
    return written


#: The data dictionary written next to the CSVs.
DICTIONARY = "KAMUS-DATA.md"


def _write_text(path: Path, text: str) -> Path:
    try:
        return write_text(path, text)
    except OSError as exc:  # e.g. a folder where the file should go
        raise WorkbenchError(f"Berkas {path} {os_reason(exc)}.") from exc


def truth(name: str, *, data_dir: Path | None = None) -> pd.DataFrame:
    """The clean rows behind a messy dataset, in their original order (the answer key).

    For ``layanan_kotor`` these are the ``layanan`` rows whose ticket appears in the messy
    file; for ``skm_kotor`` all of ``skm``.
    """
    entry = _entry(name)
    if entry.messy_of is None:
        raise WorkbenchError(f"Dataset '{name}' bukan dataset kotor.")
    clean = load(entry.messy_of, data_dir=data_dir)
    key = SCHEMAS[entry.messy_of].key[0]
    keys = set(defects(name, data_dir=data_dir)["kunci"]) | set(
        load(name, data_dir=data_dir)[key].dropna().str.strip()
    )
    return clean[clean[key].isin(keys)].reset_index(drop=True)
