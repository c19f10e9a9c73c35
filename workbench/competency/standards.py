"""Competency standards as files a trainer can edit, validated when they are read.

The shipped files live in ``workbench/competency/data/``. A trainer changes one by copying it
to ``<state>/kompetensi/`` (``var/kompetensi/`` by default) and editing the copy in Excel or a
text editor; the copy then replaces the shipped file entirely (:func:`data_path`). Every file
is read through :mod:`workbench.data`'s readers and schemas (``;`` or ``,``, decimal commas,
UTF-8 or Windows-1252), and every problem is reported at once in Indonesian: an unknown
competency, a level outside 1–5, a position without a standard, an NIP that is not 18 digits
or does not belong to the person named.

* :func:`load_dictionary` -- the competency dictionary (managerial, sosial kultural, the four
  digital-literacy pillars, technical competencies of the kecamatan's work);
* :func:`load_standards` -- the level each position needs (``jabatan``, ``unit``,
  ``kompetensi``, ``level``; an empty ``unit`` applies to the position in every unit);
* :func:`requirements` -- the standard of every person, one row per person and competency;
* :func:`check_people` -- NIPs and positions checked against the staff roster.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from workbench.config import Settings, get_settings
from workbench.data import read_csv, read_excel, validate
from workbench.data.schema import (
    BOBOT_SUMBER,
    KAMUS_KOMPETENSI,
    PILIHAN_PENGEMBANGAN,
    STANDAR_KOMPETENSI,
    Schema,
)
from workbench.errors import Problem, WorkbenchError, os_reason

__all__ = [
    "DATA_DIR",
    "check_competencies",
    "check_people",
    "data_path",
    "load_dictionary",
    "load_options",
    "load_standards",
    "load_weights",
    "read_assessments",
    "read_table",
    "requirements",
]

#: The shipped data files of the competency engine.
DATA_DIR = Path(__file__).resolve().parent / "data"

#: Sub-folder of the state folder where a trainer's edited copies live.
STATE_FOLDER = "kompetensi"


def data_path(name: str, *, settings: Settings | None = None) -> Path:
    """The file ``name`` to use: the trainer's copy under ``<state>/kompetensi/`` if present,
    else the shipped one."""
    settings = settings or get_settings()
    own = settings.state_dir / STATE_FOLDER / name
    try:
        present = own.is_file()
    except OSError as exc:  # e.g. a grading sandbox that may not read the state folder
        raise WorkbenchError(
            f"Folder {own.parent} {os_reason(exc)}, jadi tidak bisa diketahui apakah pelatih "
            f"memakai salinan {name} sendiri. Berikan tabelnya langsung, atau pakai berkas bawaan "
            f"{DATA_DIR / name}."
        ) from exc
    return own if present else DATA_DIR / name


def read_table(path: str | os.PathLike, schema: Schema) -> pd.DataFrame:
    """A CSV or Excel (.xlsx, first sheet) file checked against ``schema``, through
    :mod:`workbench.data`'s readers (separators, decimal commas, day-first dates)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return read_excel(path, schema, extra="drop")
    return read_csv(path, schema, extra="drop")


def _read(path, name: str, schema: Schema, settings: Settings | None) -> pd.DataFrame:
    path = Path(path) if path is not None else data_path(name, settings=settings)
    return read_table(path, schema)


def _frame(table: pd.DataFrame | str | os.PathLike | None, name, schema, settings, source):
    """A validated table from a DataFrame, a file path or the default file."""
    if isinstance(table, pd.DataFrame):
        return validate(table, schema, file=source)
    return _read(table, name, schema, settings)


def _file_name(table, name: str, settings) -> str:
    if isinstance(table, pd.DataFrame):
        return name
    path = Path(table) if table is not None else data_path(name, settings=settings)
    return path.name


def load_dictionary(
    path: str | os.PathLike | pd.DataFrame | None = None, *, settings: Settings | None = None
) -> pd.DataFrame:
    """The competency dictionary: ``kompetensi``, ``kelompok``, ``definisi``.

    Names must be unique (a duplicate is reported with its row).
    """
    return _frame(path, "kamus_kompetensi.csv", KAMUS_KOMPETENSI, settings, "kamus kompetensi")


def check_competencies(
    names: pd.Series, kamus: pd.DataFrame, *, file: str, column: str = "kompetensi"
) -> list[Problem]:
    """A problem for every name in ``names`` that the dictionary does not know (row = index+2)."""
    known = set(kamus["kompetensi"])
    problems = []
    for i, name in enumerate(names):
        if name not in known:
            near = _near(name, known)
            problems.append(
                Problem(
                    "kompetensi tidak dikenal",
                    file=file,
                    row=i + 2,
                    column=column,
                    value=name,
                    expected=(f"'{near}'? " if near else "")
                    + "nama yang ada di kamus kompetensi (kamus_kompetensi.csv)",
                )
            )
    return problems


def _near(name, known) -> str | None:
    import difflib

    found = difflib.get_close_matches(str(name), sorted(known), n=1, cutoff=0.75)
    return found[0] if found else None


def load_standards(
    path: str | os.PathLike | pd.DataFrame | None = None,
    *,
    kamus: pd.DataFrame | None = None,
    pegawai: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """The level each position needs: ``jabatan``, ``unit`` (empty = every unit),
    ``kompetensi``, ``level`` (1–5).

    Raises :class:`WorkbenchError` for a level outside 1–5, an empty cell, a competency the
    dictionary does not know, or the same position, unit and competency twice; with
    ``pegawai`` (the roster), also for every position on the roster that has no standard.
    """
    file = _file_name(path, "standar_kompetensi.csv", settings)
    table = _frame(path, "standar_kompetensi.csv", STANDAR_KOMPETENSI, settings, file)
    if "unit" not in table.columns:
        table["unit"] = pd.Series(pd.NA, index=table.index, dtype="str")
    kamus = load_dictionary(settings=settings) if kamus is None else kamus
    problems = check_competencies(table["kompetensi"], kamus, file=file)
    key = table[["jabatan", "unit", "kompetensi"]].fillna({"unit": ""})
    twice = key.duplicated(keep="first")
    for i in twice[twice].index:
        problems.append(
            Problem(
                "standar ganda untuk jabatan, unit dan kompetensi yang sama",
                file=file,
                row=int(i) + 2,
                column="kompetensi",
                value=f"{key.at[i, 'jabatan']} / {key.at[i, 'unit'] or 'semua unit'} / "
                f"{key.at[i, 'kompetensi']}",
                expected="satu baris per jabatan, unit dan kompetensi",
            )
        )
    if problems:
        raise WorkbenchError(
            f"Standar kompetensi di {file} berisi {len(problems)} masalah. Perbaiki baris yang "
            "disebut lalu baca ulang.",
            problems,
        )
    table = table[["jabatan", "unit", "kompetensi", "level"]]
    if pegawai is not None:
        requirements(pegawai[["nip", "jabatan", "unit"]], table, file=file)
    return table


def requirements(
    people: pd.DataFrame, standards: pd.DataFrame, *, file: str = "standar"
) -> pd.DataFrame:
    """The standard of every person: ``nip``, ``jabatan``, ``unit``, ``kompetensi``,
    ``dibutuhkan``.

    ``people`` holds ``nip`` and ``jabatan`` (and ``unit`` when known). A standard row with an
    empty unit applies to the position everywhere; a row naming the person's unit adds a
    competency or replaces the level of the general row. A position (in that unit) without any
    standard is an error naming the position and the people who hold it.
    """
    people = people.drop_duplicates("nip")
    has_unit = "unit" in people.columns
    general = standards[standards["unit"].isna() | (standards["unit"] == "")]
    specific = standards[standards["unit"].notna() & (standards["unit"] != "")]
    frames = []
    missing: dict[tuple[str, str], list[str]] = {}
    units = people["unit"] if has_unit else pd.Series("", index=people.index)
    for (jabatan, unit), group in people.groupby([people["jabatan"], units], sort=False):
        rows = general[general["jabatan"] == jabatan][["kompetensi", "level"]]
        if unit:
            own = specific[(specific["jabatan"] == jabatan) & (specific["unit"] == unit)]
            rows = pd.concat([rows[~rows["kompetensi"].isin(own["kompetensi"])], own])
        rows = rows[["kompetensi", "level"]]
        if rows.empty:
            missing[(jabatan, unit)] = list(group["nip"])
            continue
        for nip in group["nip"]:
            frames.append(rows.assign(nip=nip, jabatan=jabatan, unit=unit or pd.NA))
    if missing:
        problems = [
            Problem(
                "jabatan tanpa standar kompetensi",
                file=file,
                column="jabatan",
                value=jabatan + (f" ({unit})" if unit else ""),
                expected=f"baris standar untuk jabatan ini (dipegang NIP {', '.join(nips[:3])}"
                + (f" dan {len(nips) - 3} lainnya" if len(nips) > 3 else "")
                + ")",
            )
            for (jabatan, unit), nips in missing.items()
        ]
        raise WorkbenchError(
            f"{len(missing)} jabatan belum punya standar kompetensi. Tambahkan barisnya di "
            "standar_kompetensi.csv (salin ke var/kompetensi/ lalu ubah).",
            problems,
        )
    if not frames:
        return pd.DataFrame(columns=["nip", "jabatan", "unit", "kompetensi", "dibutuhkan"])
    out = pd.concat(frames, ignore_index=True).rename(columns={"level": "dibutuhkan"})
    out["dibutuhkan"] = out["dibutuhkan"].astype("int64")
    return out[["nip", "jabatan", "unit", "kompetensi", "dibutuhkan"]]


def check_people(frame: pd.DataFrame, pegawai: pd.DataFrame, *, file: str) -> list[Problem]:
    """Problems where a row's NIP is not on the roster or does not match its holder.

    A row matches its holder when the NIP is on the roster and, where the row also names them,
    the ``jabatan`` and ``nama`` are the roster's. Rows are numbered as in a file (index+2).
    """
    roster = pegawai.set_index("nip")
    problems = []
    for i, nip in enumerate(frame["nip"]):
        row = i + 2
        if nip not in roster.index:
            problems.append(
                Problem(
                    "NIP tidak ada di daftar pegawai",
                    file=file,
                    row=row,
                    column="nip",
                    value=nip,
                    expected="NIP pegawai yang ada di daftar pegawai (periksa digit yang tertukar)",
                )
            )
            continue
        for column in ("jabatan", "nama"):
            if column in frame.columns:
                given = frame[column].iloc[i]
                if pd.notna(given) and str(given).strip() != roster.at[nip, column]:
                    problems.append(
                        Problem(
                            f"NIP tidak cocok dengan pemegangnya ({column} berbeda)",
                            file=file,
                            row=row,
                            column=column,
                            value=given,
                            expected=f"{column} pemilik NIP ini: '{roster.at[nip, column]}'",
                        )
                    )
    return problems


def read_assessments(path: str | os.PathLike) -> pd.DataFrame:
    """An assessment file (CSV or .xlsx): ``nip``, ``kompetensi``, ``level`` and optionally
    ``nama``, ``jabatan``, ``sumber``, checked as it is read."""
    from workbench.data.schema import PENILAIAN_KOMPETENSI

    return read_table(path, PENILAIAN_KOMPETENSI)


def load_weights(
    path: str | os.PathLike | pd.DataFrame | None = None, *, settings: Settings | None = None
) -> dict[str, float]:
    """The weight of each assessment source (``diri``, ``atasan``, ``latihan``, ``tugas``)."""
    file = _file_name(path, "bobot_sumber.csv", settings)
    table = _frame(path, "bobot_sumber.csv", BOBOT_SUMBER, settings, file)
    if float(table["bobot"].sum()) <= 0:
        raise WorkbenchError(
            f"Semua bobot di {file} nol: paling sedikit satu sumber penilaian harus berbobot.",
            [Problem("jumlah bobot nol", file=file, column="bobot", expected="bobot > 0")],
        )
    return dict(zip(table["sumber"], table["bobot"].astype(float), strict=True))


def load_options(
    path: str | os.PathLike | pd.DataFrame | None = None,
    *,
    kamus: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Development options outside the workbench: ``kompetensi``, ``kegiatan``,
    ``penyelenggara``, ``bentuk``, ``jp`` (file order is the order of preference)."""
    file = _file_name(path, "pilihan_pengembangan.csv", settings)
    table = _frame(path, "pilihan_pengembangan.csv", PILIHAN_PENGEMBANGAN, settings, file)
    kamus = load_dictionary(settings=settings) if kamus is None else kamus
    problems = check_competencies(table["kompetensi"], kamus, file=file)
    if problems:
        raise WorkbenchError(f"Pilihan pengembangan di {file} menyebut kompetensi yang tidak "
                             "ada di kamus.", problems)  # fmt: skip
    return table
