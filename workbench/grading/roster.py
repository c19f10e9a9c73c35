"""The class list: learners read from a CSV or Excel file into the course's gradebook."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from workbench.data.nip import NIP_EXPECTED, clean_nip, is_nip
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
#: A system account name as useradd accepts it.
_ACCOUNT = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def read_roster(path: str | os.PathLike) -> pd.DataFrame:
    """Read and check a class list (``.csv`` or ``.xlsx``): columns nip, nama, unit, email,
    akun (the learner's account on a shared JupyterHub server, when it is not the NIP).

    NIPs must have 18 digits (spaces are ignored) and appear once; every learner needs a name;
    an e-mail, when given, must look like one; an account, when given, must be a valid system
    user name. Every problem is reported at once, with the row number Excel shows (the header
    is row 1).
    """
    path = Path(path)
    frame = _columns(_read(path), path)
    problems: list[Problem] = []
    rows = []
    seen: dict[str, int] = {}
    for i, record in enumerate(frame.to_dict("records")):
        row = _record(record, i + 2, path.name, seen, problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise WorkbenchError(
            f"Daftar peserta {path.name} berisi {len(problems)} masalah; perbaiki lalu impor "
            "ulang (tidak ada peserta yang diubah).",
            problems,
        )
    if not rows:
        raise WorkbenchError(f"Daftar peserta {path.name} tidak berisi satu peserta pun.")
    return pd.DataFrame(rows, columns=list(_HEADERS))


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
    """The roster's columns under their own names (missing optional ones empty)."""
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
    frame = raw.rename(columns=mapping)[[c for c in _HEADERS if c in mapping.values()]]
    for column in _HEADERS:
        if column not in frame:
            frame[column] = ""
    frame = frame.astype(object).where(frame.notna(), "")
    return frame.map(lambda v: "" if str(v).strip().lower() in ("nan", "none", "<na>") else v)


def _record(record: dict, row: int, file: str, seen: dict, problems: list) -> dict | None:
    """One checked roster row (None when its NIP is unusable); problems are added."""
    nip_text = str(record["nip"]).strip()
    nip = clean_nip(nip_text)
    fault = _nip_fault(nip_text, nip, seen)
    if fault is not None:
        message, value, expected = fault
        problems.append(
            Problem(message, file=file, row=row, column="nip", value=value, expected=expected)
        )
        return None
    seen[nip] = row
    name = " ".join(str(record["nama"]).split())
    if not name:
        problems.append(Problem("nama kosong", file=file, row=row, column="nama", expected="nama"))
    email = str(record["email"]).strip()
    if email and not _EMAIL.match(email):
        problems.append(
            Problem(
                "alamat email tidak sah",
                file=file,
                row=row,
                column="email",
                value=email,
                expected="alamat seperti nama@surabaya.go.id, atau kosong",
            )
        )
    account = str(record["akun"]).strip()
    if account and not _ACCOUNT.match(account):
        problems.append(
            Problem(
                "nama akun tidak sah",
                file=file,
                row=row,
                column="akun",
                value=account,
                expected="nama pengguna sistem (huruf kecil, angka, - atau _), atau kosong",
            )
        )
    unit = " ".join(str(record["unit"]).split())
    return {"nip": nip, "nama": name, "unit": unit, "email": email, "akun": account}


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


def _nip_fault(nip_text: str, nip: str, seen: dict[str, int]) -> tuple[str, str, str | None] | None:
    """What is wrong with one roster NIP (message, value shown, expected), or None."""
    if re.fullmatch(r"\d+([.,]\d+)?[eE][+-]?\d+|\d+[.,]0", nip_text):
        return (
            "NIP tertulis sebagai angka sehingga digitnya hilang",
            nip_text,
            "kolom NIP berformat Teks di Excel (18 digit utuh)",
        )
    if not is_nip(nip):
        return "NIP tidak sah", nip_text, NIP_EXPECTED
    if nip in seen:
        return f"NIP ganda (sudah ada di baris {seen[nip]})", nip, None
    return None
