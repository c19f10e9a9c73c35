"""How numbers written by people are read: decimal commas, thousands dots, ambiguous values,
inf/NaN words, identifiers that look like numbers, and rows hidden in Excel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import xlsxwriter

from workbench import data
from workbench.data.numbers import (
    AMBIGUOUS,
    NOT_A_NUMBER,
    NOT_FINITE,
    parse_number,
    parse_numbers,
)
from workbench.errors import WorkbenchError

REPO_DATA = Path(__file__).resolve().parents[1] / "notebooks" / "data"


def _values(texts, decimal):
    parsed = parse_numbers(pd.Series(texts, dtype="str"), decimal=decimal)
    return [None if pd.isna(v) else v for v in parsed.values], list(parsed.reasons)


# --- decimal-comma files (';' exports): each branch, more than one case ----------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.500", 1500.0), ("30.000", 30000.0), ("1.234.567", 1234567.0), ("-2.000", -2000.0)],
)
def test_thousands_dots_in_a_decimal_comma_file(text, value):
    """In a ';' file, is '1.500' fifteen hundred (a thousands dot), not one and a half?"""
    assert _values([text, "2,5"], ",")[0] == [value, 2.5]


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.234,5", 1234.5), ("12.345,75", 12345.75), ("1.000,0", 1000.0), ("+3.000,25", 3000.25)],
)
def test_thousands_dots_with_a_decimal_comma(text, value):
    """Is '1.234,5' read as 1234.5 (dots for thousands, comma for decimals)?"""
    assert _values([text], ",")[0] == [value]


@pytest.mark.parametrize(("text", "value"), [("1,5", 1.5), ("4,0", 4.0), ("0,25", 0.25)])
def test_decimal_comma_alone(text, value):
    """Is a comma alone a decimal comma in a ';' file?"""
    assert _values([text], ",")[0] == [value]


@pytest.mark.parametrize("decimal_dot", ["1.5", "12.25", "1234.5"])
def test_a_dot_that_cannot_be_thousands_is_a_decimal_point(decimal_dot):
    """Is '1.5' (not a group of three) read as 1.5, the only way it can be read?"""
    values, reasons = _values([decimal_dot], ",")
    assert values == [float(decimal_dot)] and reasons == [None]


@pytest.mark.parametrize("mixed", [["1.5", "1.500"], ["30.000", "2.75"], ["1.250", "0.5", "7"]])
def test_a_value_ambiguous_in_its_column_is_reported_not_guessed(mixed):
    """When a column of a ';' file also has dot decimals, is '1.500' reported as ambiguous?"""
    values, reasons = _values(mixed, ",")
    grouped = [t for t in mixed if len(t.split(".")[-1]) == 3 and "." in t]
    for text, value, reason in zip(mixed, values, reasons, strict=True):
        if text in grouped:
            assert value is None and reason == AMBIGUOUS
        else:
            assert value == float(text) and reason is None


@pytest.mark.parametrize("text", ["0.500", "0.111", "-0.250"])
def test_a_group_never_starts_with_a_lone_zero(text):
    """Is '0.500' a half in a ';' file, not five hundred (no thousands group starts with 0)?"""
    values, reasons = _values([text], ",")
    assert values == [float(text)] and reasons == [None]


@pytest.mark.parametrize(("text", "value"), [("1,234.5", 1234.5), ("12,345.75", 12345.75)])
def test_english_thousands_in_a_decimal_comma_file(text, value):
    """Is '1,234.5' (an English export pasted into a ';' file) read as 1234.5?"""
    values, reasons = _values([text], ",")
    assert values == [value] and reasons == [None]


def test_english_thousands_make_a_dotted_group_ambiguous():
    """Next to '1,234.5' (dot decimals) in a ';' file, is '2.500' ambiguous, not 2500?"""
    values, reasons = _values(["1,234.5", "2.500", "2.500,5"], ",")
    assert values == [1234.5, None, 2500.5]
    assert reasons == [None, AMBIGUOUS, None]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("12,5", 12.5),
        ("4,0", 4.0),
        ("1.5", 1.5),
        ("1.500", 1.5),
    ],
)
def test_decimal_point_files_keep_their_convention(text, value):
    """In a ',' file, is the dot the decimal point and a lone comma a decimal comma?"""
    assert _values([text], ".")[0] == [value]


@pytest.mark.parametrize("word", ["inf", "-inf", "Infinity", "NaN", "nan", "1e999"])
@pytest.mark.parametrize("decimal", [",", "."])
def test_inf_and_nan_words_are_refused(word, decimal):
    """Are 'inf', 'Infinity', 'NaN' and an overflow refused, never taken as numbers?"""
    values, reasons = _values([word, "3"], decimal)
    assert values == [None, 3.0] and reasons == [NOT_FINITE, None]


def test_text_is_not_a_number():
    """Is 'tiga puluh' refused as not a number while blanks are just missing?"""
    values, reasons = _values(["tiga puluh", "  ", None, "30"], ",")
    assert values == [None, None, None, 30.0]
    assert reasons == [NOT_A_NUMBER, None, None, None]


# --- through the file readers -----------------------------------------------------------------


def _layanan_csv(tmp_path, sep, edits) -> Path:
    frame = data.load("layanan", data_dir=REPO_DATA).head(8).reset_index(drop=True)
    cells = frame.astype("str").fillna("")
    cells["tanggal"] = frame["tanggal"].dt.strftime("%Y-%m-%d")
    for column in ("datang", "mulai", "selesai"):
        cells[column] = frame[column].dt.strftime("%Y-%m-%d %H:%M:%S").fillna("")
    for column in ("tunggu_menit", "lama_layanan_menit"):
        cells[column] = frame[column].map(
            lambda v: "" if pd.isna(v) else f"{v:.1f}".replace(".", "," if sep == ";" else ".")
        )
    for (row, column), value in edits.items():
        cells.loc[row, column] = value
    path = tmp_path / "layanan.csv"
    path.write_text(cells.to_csv(index=False, sep=sep), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        ({(0, "tunggu_menit"): "1.500", (1, "tunggu_menit"): "1.234,5"}, [1500.0, 1234.5]),
        ({(0, "tunggu_menit"): "30.000", (1, "tunggu_menit"): "2,5"}, [30000.0, 2.5]),
    ],
)
def test_semicolon_file_reads_thousands_dots(tmp_path, edits, expected):
    """Does read_csv with a schema read '1.500' and '30.000' as 1500 and 30000 in a ';' file?"""
    frame = data.read_csv(_layanan_csv(tmp_path, ";", edits), "layanan")
    assert frame.loc[[0, 1], "tunggu_menit"].tolist() == expected


def test_semicolon_file_reports_an_ambiguous_value_at_its_cell(tmp_path):
    """Is '1.500' next to '2.5' in a ';' file reported with its row and column?"""
    path = _layanan_csv(tmp_path, ";", {(0, "tunggu_menit"): "1.500", (1, "tunggu_menit"): "2.5"})
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "layanan")
    [problem] = err.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "tunggu_menit", "1.500")
    assert problem.message == AMBIGUOUS


@pytest.mark.parametrize("sep", [";", ","])
@pytest.mark.parametrize("word", ["inf", "Infinity", "NaN"])
def test_inf_and_nan_text_in_a_numeric_column_is_a_problem(tmp_path, sep, word):
    """Is 'inf'/'NaN' in tunggu_menit reported with row and column, not read as a number?"""
    path = _layanan_csv(tmp_path, sep, {(2, "tunggu_menit"): word})
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "layanan")
    [problem] = err.value.problems
    assert (problem.row, problem.column) == (4, "tunggu_menit")
    assert problem.message in (NOT_FINITE, "nilai kosong")
    assert problem.message == NOT_FINITE


def test_inf_in_a_frame_in_memory_is_a_problem():
    """Does data.validate refuse a float inf in a numeric column?"""
    frame = data.load("layanan", data_dir=REPO_DATA).head(3).copy()
    frame.loc[1, "tunggu_menit"] = np.inf
    with pytest.raises(WorkbenchError) as err:
        data.validate(frame, "layanan")
    assert [(p.row, p.column, p.message) for p in err.value.problems] == [
        (3, "tunggu_menit", NOT_FINITE)
    ]


# --- reading without a schema -----------------------------------------------------------------


@pytest.mark.parametrize("sep", [";", ","])
def test_identifiers_stay_text_without_a_schema(tmp_path, sep):
    """Do NIK, NIP, no_tiket and kode columns keep their digits (leading zero) as text?"""
    path = tmp_path / "warga.csv"
    rows = [
        ["nik", "NIP", "no_tiket", "kode_layanan", "rt", "jumlah"],
        ["0123456789012345", "198501012010011001", "0007", "12", "003", "5"],
        ["3578010101010001", "199001012015012002", "0008", "13", "004", "7"],
    ]
    path.write_text("\n".join(sep.join(r) for r in rows) + "\n", encoding="utf-8")
    frame = data.read_csv(path)
    assert frame["nik"].tolist() == ["0123456789012345", "3578010101010001"]
    assert frame["NIP"].tolist()[0] == "198501012010011001"
    assert frame["no_tiket"].tolist() == ["0007", "0008"]
    assert frame["kode_layanan"].tolist() == ["12", "13"]
    assert frame["rt"].tolist() == ["003", "004"]
    assert frame["jumlah"].tolist() == [5, 7]


def test_leading_zero_digits_stay_text_whatever_the_column_name(tmp_path):
    """Is a column of '0812...' phone numbers under an unusual name kept as text?"""
    path = tmp_path / "kontak.csv"
    path.write_text("nama;kontak\nA;081234567890\nB;085711112222\n", encoding="utf-8")
    assert data.read_csv(path)["kontak"].tolist() == ["081234567890", "085711112222"]


def test_plain_semicolon_read_uses_thousands_dots(tmp_path):
    """Without a schema, is '1.500' in a ';' file 1500 and '2,5' 2.5?"""
    path = tmp_path / "angka.csv"
    path.write_text("nama;nilai\nA;1.500\nB;2,5\n", encoding="utf-8")
    assert data.read_csv(path)["nilai"].tolist() == [1500.0, 2.5]


# --- hidden Excel rows ------------------------------------------------------------------------


def _skm_workbook(path: Path, hidden: set[int]) -> Path:
    frame = data.load("skm", data_dir=REPO_DATA).head(6)
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("SKM")
    sheet.write_row(0, 0, ["REKAP SKM 2025"])
    columns = [c for c in frame.columns if c != "tanggal"]
    sheet.write_row(1, 0, columns)
    for i, row in enumerate(frame[columns].itertuples(index=False), start=2):
        sheet.write_row(i, 0, ["" if pd.isna(v) else v for v in row])
        if i + 1 in hidden:
            sheet.set_row(i, None, None, {"hidden": True})
    book.close()
    return path


@pytest.mark.parametrize("hidden", [{4}, {3, 8}])
def test_hidden_excel_rows_are_read_and_named(tmp_path, hidden):
    """Are rows hidden in Excel read (as Excel's SUM counts them) and named in the result?"""
    path = _skm_workbook(tmp_path / "skm.xlsx", hidden)
    frame = data.read_excel(path)
    facts = data.file_facts(frame)
    assert len(frame) == 7  # the title row is data without a schema
    assert facts.hidden_rows == tuple(sorted(hidden)) and facts.hidden_included


def test_hidden_excel_rows_can_be_left_out(tmp_path):
    """With hidden_rows='exclude', are hidden rows left out and the rest keep Excel's rows?"""
    path = _skm_workbook(tmp_path / "skm.xlsx", {4})
    frame = data.read_excel(path, "skm", as_text=True, hidden_rows="exclude")
    facts = data.file_facts(frame)
    assert len(frame) == 5 and list(facts.rows) == [3, 5, 6, 7, 8]
    assert facts.hidden_rows == (4,) and not facts.hidden_included


# --- one value a person typed -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.500", 1500.0), ("2,5", 2.5), ("0.111", 0.111), ("0,111", 0.111), (" 7 ", 7.0),
     ("1.234,5", 1234.5), (3, 3.0), (0.25, 0.25)],
)  # fmt: skip
def test_one_typed_number_is_read_by_the_column_rules(text, value):
    """Does parse_number read '1.500' as 1500 and '2,5' as 2.5, as the file readers do?"""
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [("", "kosong"), (None, "kosong"), ("satu", NOT_A_NUMBER), ("inf", NOT_FINITE),
     (float("nan"), NOT_FINITE), (True, NOT_A_NUMBER)],
)  # fmt: skip
def test_what_is_not_one_number_is_refused_in_indonesian(value, reason):
    """Is an empty, wordy, infinite or boolean value refused with a message naming the place?"""
    with pytest.raises(WorkbenchError) as err:
        parse_number(value, where="kartu.yaml, loket[1].kecepatan")
    assert "kartu.yaml, loket[1].kecepatan" in str(err.value)
    assert err.value.problems[0].message == reason
