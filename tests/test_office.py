"""The one writer of Excel and CSV files people open: text stays text."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os

import openpyxl
import pandas as pd
import pytest

from workbench import office
from workbench.errors import WorkbenchError

HOSTILE = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","klik")', "+62 812", "-1+2", "@SUM(A1)"]


def _frame():
    return pd.DataFrame(
        {
            "nama": HOSTILE,
            "nilai": [1.5, 2.0, -3.25, 4.0, float("nan")],
            "jumlah": [1, 2, 3, 4, 5],
            "tanggal": pd.to_datetime(["2025-02-05 01:15"] * 5).tz_localize("UTC"),
        }
    )


def test_excel_text_never_formula(tmp_path):
    """Does text that looks like a formula stay a text cell, with numbers still numbers?"""
    path = office.write_excel(tmp_path / "x.xlsx", {"rincian": _frame(), "=jahat": _frame()})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["rincian", "=jahat"]
    sheet = book["rincian"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [sheet.cell(r, 1).value for r in range(2, 7)] == HOSTILE
    assert sheet["B4"].value == -3.25 and sheet["B4"].data_type == "n"
    assert sheet["B6"].value is None
    assert sheet["D2"].value == dt.datetime(2025, 2, 5, 8, 15)  # office time, no zone


def test_workbook_hand_laid(tmp_path):
    """Is a hand-laid sheet's formula-looking string still text?"""
    with office.workbook(tmp_path / "r.xlsx") as book:
        book.add_worksheet("laporan").write(0, 0, "=1+1")
    assert openpyxl.load_workbook(tmp_path / "r.xlsx")["laporan"]["A1"].data_type == "s"


def test_csv_guards_text(tmp_path):
    """Does a CSV prefix formula-like text with ' and keep numbers Indonesian?"""
    path = office.write_csv(tmp_path / "x.csv", _frame())
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "nama;nilai;jumlah;tanggal"
    assert lines[1].startswith("'=cmd|' /C calc'!A0;1,5;1;2025-02-05 08:15:00")
    assert lines[3].startswith("'+62 812;-3,25;3")
    rows = list(csv.reader(lines[1:], delimiter=";"))
    assert [r[0] for r in rows] == ["'" + text for text in HOSTILE]
    plain = office.write_csv(tmp_path / "m.csv", _frame(), excel=False)
    assert plain.read_text(encoding="utf-8").splitlines()[1].endswith(",1.5,1,2025-02-05 08:15:00")


def test_safe_text_leaves_ordinary_text():
    """Is ordinary text (and a lone dash) unchanged?"""
    assert office.safe_text("Asemrowo") == "Asemrowo"
    assert office.safe_text("-") == "-"
    assert office.safe_text("=A1") == "'=A1"


def test_refused_write_is_indonesian_and_keeps_old(tmp_path, monkeypatch):
    """Does a full disk give one Indonesian error and leave the previous file whole?"""
    target = tmp_path / "laporan.xlsx"
    office.write_excel(target, {"a": _frame()})
    before = target.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WorkbenchError, match="disk penuh"):
        office.write_excel(target, {"b": _frame()})
    with pytest.raises(WorkbenchError, match="disk penuh"):
        office.write_csv(tmp_path / "laporan.xlsx", _frame())
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.xlsx"]


@pytest.mark.parametrize(
    "typed",
    ["=A1", "'=A1", "''@x", "'", "'biasa", "-", "-5", "+", "", "Asemrowo", "\t=1", "'\r=2"],
)
def test_original_text_gives_back_what_safe_text_was_given(typed):
    """Does a CSV cell read back through original_text give exactly the text that was typed,
    including text that already started with apostrophes?"""
    guarded = office.safe_text(typed)
    assert len(guarded) < 2 or not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert office.original_text(guarded) == typed


def test_write_cell_types_each_value(tmp_path):
    """Does write_cell keep text as text (even in a workbook without safe options), numbers as
    numbers, dates as dates, and format an empty cell so a table keeps its borders?"""
    import xlsxwriter

    path = tmp_path / "sel.xlsx"
    book = xlsxwriter.Workbook(str(path))  # default options: '=' would become a formula
    sheet = book.add_worksheet("a")
    border = book.add_format({"border": 1})
    day = book.add_format({"num_format": "dd-mm-yyyy"})
    values = ["=1+1", 2, 2.5, None, float("nan"), pd.Timestamp("2025-02-05"), ["a", "b"], True]
    for col, value in enumerate(values):
        office.write_cell(sheet, 0, col, value, border, date_format=day)
    book.close()
    row = next(openpyxl.load_workbook(path)["a"].iter_rows())
    assert [c.data_type for c in row] == ["s", "n", "n", "n", "n", "d", "s", "b"]
    assert [c.value for c in row][:3] == ["=1+1", 2, 2.5]
    assert row[3].value is None and row[3].border.left.style == "thin"
    assert row[5].value == dt.datetime(2025, 2, 5) and row[6].value == "a\nb"


def test_workbook_that_fails_midway_writes_nothing(tmp_path):
    """When building a workbook raises halfway, is no file (and no temporary file) left?"""
    with pytest.raises(RuntimeError), office.workbook(tmp_path / "r.xlsx") as book:
        book.add_worksheet("laporan").write(0, 0, "setengah")
        raise RuntimeError("listrik padam")
    assert list(tmp_path.iterdir()) == []


def test_machine_csv_with_a_byte_order_mark(tmp_path):
    """Can a machine-form CSV (comma, decimal point) carry a byte-order mark, so that a state
    file someone opens in Excel still shows '1–2' instead of garbled characters?"""
    frame = pd.DataFrame({"masalah": ["skor 1–2"], "nilai": [2.5]})
    path = office.write_csv(tmp_path / "rencana.csv", frame, excel=False, bom=True)
    assert path.read_bytes() == "\ufeffmasalah,nilai\nskor 1–2,2.5\n".encode()
    plain = office.write_csv(tmp_path / "mesin.csv", frame, excel=False)
    assert plain.read_bytes() == "masalah,nilai\nskor 1–2,2.5\n".encode()
