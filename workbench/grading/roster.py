"""The class list: learners read from a CSV or Excel file into the course's gradebook."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from workbench.data.nip import clean_nip
from workbench.errors import Problem, WorkbenchError
from workbench.grading.course import ACCOUNT_TABLE, UNIT_TABLE, Course, open_course

__all__ = ["import_roster", "read_roster"]

#: Accepted header texts (lower case, spaces and dots removed) for each roster column.
_HEADERS = {
    "nip": ("nip", "nomorindukpegawai", "id"),
    "nama": ("nama", "namalengkap", "name"),
    "unit": ("unit", "unitkerja", "bidang", "seksi"),
    "email": ("email", "e-mail", "surel", "alamatemail"),
    "akun": ("akun", "username", "pengguna", "namapengguna", "user", "login"),
}


def read_roster(path: str | os.PathLike) -> pd.DataFrame:
    """Read and check a class list (``.csv`` or ``.xlsx``): columns nip, nama, unit, email,
    akun (the learner's account on a shared JupyterHub server, when it is not the NIP).

    Checked against the schema ``daftar_peserta`` (:data:`workbench.data.schema.DAFTAR_PESERTA`):
    NIPs must have 18 digits (spaces are ignored) and appear once; every learner needs a name;
    an e-mail or an account, when given, must look like one. An NIP that Excel turned into a
    number (digits lost) is named as such. Every problem is reported at once, with the row
    number Excel shows.
    """
    from workbench import data
    from workbench.data.schema import DAFTAR_PESERTA

    path = Path(path)
    frame = _columns(_read(path), path)
    problems = [
        Problem(
            "NIP tertulis sebagai angka sehingga digitnya hilang",
            file=path.name,
            row=int(row),
            column="nip",
            value=text,
            expected="kolom NIP berformat Teks di Excel (18 digit utuh)",
        )
        for text, row in zip(frame["nip"], data.file_facts(frame).rows, strict=True)
        if re.fullmatch(r"\d+([.,]\d+)?[eE][+-]?\d+|\d+[.,]0", str(text).strip())
    ]
    try:
        checked = data.validate(frame, DAFTAR_PESERTA, file=path.name)
    except WorkbenchError as exc:
        shown = {(p.row, p.column) for p in problems}
        problems += [p for p in exc.problems if (p.row, p.column) not in shown]
    if problems:
        raise WorkbenchError(
            f"Daftar peserta {path.name} berisi {len(problems)} masalah; perbaiki lalu impor "
            "ulang (tidak ada peserta yang diubah).",
            sorted(problems, key=lambda p: (p.row or 0, p.column or "")),
        )
    if checked.empty:
        raise WorkbenchError(f"Daftar peserta {path.name} tidak berisi satu peserta pun.")
    out = checked.reindex(columns=list(_HEADERS)).astype(object).where(checked.notna(), "")
    out = out.map(lambda v: " ".join(str(v).split()))
    return out.reset_index(drop=True)


def _read(path: Path) -> pd.DataFrame:
    from workbench import data

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return data.read_excel(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return data.read_csv(path, as_text=True)
    raise WorkbenchError(
        f"Berkas daftar peserta {path.name} harus .csv atau .xlsx (kolom: NIP, nama, unit, "
        "email, akun)."
    )


def _columns(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The roster's columns under their own names, NIPs without spaces (the file's row
    numbers kept for the checks)."""
    mapping = {}
    for column in raw.columns:
        key = re.sub(r"[\s._]", "", str(column).lower())
        for name, accepted in _HEADERS.items():
            if key in accepted and name not in mapping.values():
                mapping[column] = name
    missing = [n for n in ("nip", "nama") if n not in mapping.values()]
    if missing:
        raise WorkbenchError(
            f"Berkas {path.name} tidak punya kolom {' dan '.join(missing)}. Baris pertama harus "
            "berisi judul kolom: NIP, nama, unit, email.",
            [Problem("kolom tidak ada", file=path.name, row=1, column=m) for m in missing],
        )
    frame = raw.rename(columns=mapping)[[c for c in _HEADERS if c in mapping.values()]].copy()
    frame["nip"] = [clean_nip(v) if isinstance(v, str) else v for v in frame["nip"]]
    for column in ("nama", "unit", "email", "akun"):
        if column in frame:
            frame[column] = [
                " ".join(v.split()) if isinstance(v, str) else v for v in frame[column]
            ]
    return frame


def import_roster(
    path: str | os.PathLike, *, course: str | os.PathLike | Course | None = None
) -> pd.DataFrame:
    """Add or update the learners of a class list in the course's gradebook (id = NIP).

    Returns the roster with a column ``perubahan``: ``baru``, ``diperbarui`` or ``tetap``.
    Nothing is written when the file has any problem. The whole name is nbgrader's last name
    (the first name stays empty), so the Formgrader shows "Joko Susilo", not ", Joko Susilo".
    """
    course = open_course(course)
    roster = read_roster(path)
    units, accounts = course.units(), course.accounts()
    changes = []
    with course.gradebook() as gb:
        existing = {s.id: s for s in gb.students}
        for r in roster.itertuples():
            old = existing.get(r.nip)
            email = r.email or None
            before = None
            if old is not None:
                before = (old.last_name, old.first_name, old.email, units.get(r.nip, ""))
                before += (accounts.get(r.nip, ""),)
            after = (r.nama, None, email, r.unit, r.akun)
            changes.append("baru" if old is None else "tetap" if before == after else "diperbarui")
            gb.update_or_create_student(r.nip, first_name=None, last_name=r.nama, email=email)
    _save_side_tables(course, roster)
    roster["perubahan"] = changes
    return roster


def _save_side_tables(course: Course, roster: pd.DataFrame) -> None:
    from workbench.storage import sqlite_transaction

    con = course.connect()
    try:
        with sqlite_transaction(con):
            con.executemany(
                f"INSERT OR REPLACE INTO {UNIT_TABLE} (student, unit) VALUES (?, ?)",
                list(zip(roster["nip"], roster["unit"], strict=True)),
            )
            con.execute(
                f"DELETE FROM {ACCOUNT_TABLE} WHERE student IN ({', '.join('?' * len(roster))})",
                list(roster["nip"]),
            )
            con.executemany(
                f"INSERT INTO {ACCOUNT_TABLE} (student, account) VALUES (?, ?)",
                [(r.nip, r.akun) for r in roster.itertuples() if r.akun],
            )
    finally:
        con.close()
