"""The class list: learners read from a CSV or Excel file into the course's gradebook."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pandas as pd

from workbench.errors import Problem, WorkbenchError
from workbench.grading.course import UNIT_TABLE, Course, ensure_status_table, open_course

__all__ = ["import_roster", "read_roster"]

#: Accepted header texts (lower case, spaces and dots removed) for each roster column.
_HEADERS = {
    "nip": ("nip", "nomorindukpegawai", "id"),
    "nama": ("nama", "namalengkap", "name"),
    "unit": ("unit", "unitkerja", "bidang", "seksi"),
    "email": ("email", "e-mail", "surel", "alamatemail"),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def read_roster(path: str | os.PathLike) -> pd.DataFrame:
    """Read and check a class list (``.csv`` or ``.xlsx``): columns nip, nama, unit, email.

    NIPs must have 18 digits (spaces are ignored) and appear once; every learner needs a name;
    an e-mail, when given, must look like one. Every problem is reported at once, with the row
    number Excel shows (the header is row 1).
    """
    from workbench import data

    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raw = data.read_excel(path)
    elif path.suffix.lower() in (".csv", ".txt"):
        raw = data.read_csv(path, as_text=True)
    else:
        raise WorkbenchError(
            f"Berkas daftar peserta {path.name} harus .csv atau .xlsx (kolom: NIP, nama, unit, "
            "email)."
        )
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
    frame = frame.map(lambda v: "" if str(v).strip().lower() in ("nan", "none", "<na>") else v)
    problems: list[Problem] = []
    rows = []
    seen: dict[str, int] = {}
    for i, record in enumerate(frame.to_dict("records")):
        row = i + 2
        nip_text = str(record["nip"]).strip()
        nip = re.sub(r"[\s.\-]", "", nip_text)
        nip_fault = _nip_fault(nip_text, nip, seen)
        if nip_fault is not None:
            message, value, expected = nip_fault
            problems.append(
                Problem(
                    message, file=path.name, row=row, column="nip", value=value, expected=expected
                )
            )
            continue
        seen[nip] = row
        name = " ".join(str(record["nama"]).split())
        if not name:
            problems.append(
                Problem("nama kosong", file=path.name, row=row, column="nama", expected="nama")
            )
        email = str(record["email"]).strip()
        if email and not _EMAIL.match(email):
            problems.append(
                Problem(
                    "alamat email tidak sah",
                    file=path.name,
                    row=row,
                    column="email",
                    value=email,
                    expected="alamat seperti nama@surabaya.go.id, atau kosong",
                )
            )
        rows.append(
            {
                "nip": nip,
                "nama": name,
                "unit": " ".join(str(record["unit"]).split()),
                "email": email,
            }
        )
    if problems:
        raise WorkbenchError(
            f"Daftar peserta {path.name} berisi {len(problems)} masalah; perbaiki lalu impor "
            "ulang (tidak ada peserta yang diubah).",
            problems,
        )
    if not rows:
        raise WorkbenchError(f"Daftar peserta {path.name} tidak berisi satu peserta pun.")
    return pd.DataFrame(rows, columns=["nip", "nama", "unit", "email"])


def import_roster(
    path: str | os.PathLike, *, course: str | os.PathLike | Course | None = None
) -> pd.DataFrame:
    """Add or update the learners of a class list in the course's gradebook (id = NIP).

    Returns the roster with a column ``perubahan``: ``baru``, ``diperbarui`` or ``tetap``.
    Nothing is written when the file has any problem.
    """
    course = open_course(course)
    roster = read_roster(path)
    units = course.units()
    changes = []
    with course.gradebook() as gb:
        existing = {s.id: s for s in gb.students}
        for r in roster.itertuples():
            old = existing.get(r.nip)
            email = r.email or None
            if old is None:
                changes.append("baru")
            elif (old.first_name, old.email, units.get(r.nip, "")) != (r.nama, email, r.unit):
                changes.append("diperbarui")
            else:
                changes.append("tetap")
            gb.update_or_create_student(r.nip, first_name=r.nama, last_name="", email=email)
    con = sqlite3.connect(course.db_path, timeout=120)
    try:
        with con:
            ensure_status_table(con)
            con.executemany(
                f"INSERT OR REPLACE INTO {UNIT_TABLE} (student, unit) VALUES (?, ?)",
                list(zip(roster["nip"], roster["unit"], strict=True)),
            )
    finally:
        con.close()
    roster["perubahan"] = changes
    return roster


def _nip_fault(nip_text: str, nip: str, seen: dict[str, int]) -> tuple[str, str, str | None] | None:
    """What is wrong with one roster NIP (message, value shown, expected), or None."""
    if re.fullmatch(r"\d+([.,]\d+)?[eE][+-]?\d+|\d+[.,]0", nip_text):
        return (
            "NIP tertulis sebagai angka sehingga digitnya hilang",
            nip_text,
            "kolom NIP berformat Teks di Excel (18 digit utuh)",
        )
    if not re.fullmatch(r"\d{18}", nip):
        return "NIP tidak sah", nip_text, "18 digit angka"
    if nip in seen:
        return f"NIP ganda (sudah ada di baris {seen[nip]})", nip, None
    return None
