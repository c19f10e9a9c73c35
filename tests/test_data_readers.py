"""Tests for workbench.data.read_csv / read_excel / validate on hostile files.

Each test writes the kind of file people in Indonesian offices actually send around (Excel
exports with ';' and decimal commas, Windows-1252, a BOM, stray spaces, typos) and checks
that the reader either reads it to the right values or lists every problem precisely.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from workbench import data
from workbench.errors import WorkbenchError

REPO_DATA = Path(__file__).resolve().parents[1] / "notebooks" / "data"


@pytest.fixture(scope="module")
def skm() -> pd.DataFrame:
    return data.load("skm", data_dir=REPO_DATA).head(30).reset_index(drop=True)


@pytest.fixture(scope="module")
def layanan() -> pd.DataFrame:
    frame = data.load("layanan", data_dir=REPO_DATA)
    rest = frame.iloc[27:]
    left = rest[rest["hasil"] == "pergi sebelum dilayani"].head(3)
    return pd.concat([frame.head(27), left]).reset_index(drop=True)


def _text(frame: pd.DataFrame, schema_name: str) -> pd.DataFrame:
    """Every cell as text the way write_csv writes it."""
    kinds = {c.name: c.kind for c in data.SCHEMAS[schema_name].columns}
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        s = frame[name]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            fmt = "%Y-%m-%d" if kinds[name] == "date" else "%Y-%m-%d %H:%M:%S"
            s = s.dt.tz_localize(None).dt.strftime(fmt)
        out[name] = s.astype("str").fillna("").to_numpy(dtype=object)
    return out


def _write(path: Path, cells: pd.DataFrame, *, sep=",", encoding="utf-8", newline="\n") -> Path:
    text = cells.to_csv(index=False, sep=sep, lineterminator=newline)
    path.write_bytes(text.encode(encoding))
    return path


def _problems(excinfo) -> list:
    return list(excinfo.value.problems)


# --- formats that must read correctly ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sep", "encoding", "newline"),
    [
        (",", "utf-8", "\n"),
        (";", "utf-8-sig", "\r\n"),
        (";", "cp1252", "\r\n"),
        ("\t", "utf-16", "\r\n"),
        ("|", "utf-8", "\n"),
    ],
)
def test_office_csv_variants_read_to_the_same_table(tmp_path, layanan, sep, encoding, newline):
    """Do ';', tab, '|', BOM, Windows-1252, UTF-16 and CRLF files all give the same table?"""
    cells = _text(layanan, "layanan")
    if sep == ";":  # an Indonesian Excel export: decimal commas too
        for col in ("tunggu_menit", "lama_layanan_menit"):
            cells[col] = cells[col].str.replace(".", ",", regex=False)
    path = _write(tmp_path / "ekspor.csv", cells, sep=sep, encoding=encoding, newline=newline)
    pd.testing.assert_frame_equal(data.read_csv(path, "layanan"), layanan)


def test_windows_1252_text_keeps_its_accents(tmp_path, skm):
    """Is a Windows-1252 file with 'é' and '–' in a suggestion read, not mangled?"""
    cells = _text(skm, "skm")
    cells.loc[0, "saran"] = "Pelayanan café – ramah sekali"
    path = _write(tmp_path / "skm.csv", cells, sep=";", encoding="cp1252", newline="\r\n")
    frame = data.read_csv(path, "skm")
    assert frame.loc[0, "saran"] == "Pelayanan café – ramah sekali"


def test_stray_spaces_around_values_are_removed(tmp_path, skm):
    """Are ' Asemrowo ' and 'KTP-el  ' read as the clean category values?"""
    cells = _text(skm, "skm")
    cells.loc[2, "kelurahan"] = "  " + cells.loc[2, "kelurahan"] + " "
    cells.loc[4, "jenis_layanan"] = cells.loc[4, "jenis_layanan"] + "  "
    cells.loc[5, "U3"] = " 3 "
    cells.loc[6, "id_responden"] = " " + cells.loc[6, "id_responden"]
    path = _write(tmp_path / "skm.csv", cells)
    expected = skm.copy()
    expected.loc[5, "U3"] = 3
    pd.testing.assert_frame_equal(data.read_csv(path, "skm"), expected)


def test_mixed_date_formats_are_read_as_the_same_dates(tmp_path, layanan):
    """Are 06/01/2025, 06-01-2025 08:15:00, '6 Januari 2025' and 08.15 times read right?"""
    cells = _text(layanan, "layanan")
    ts = layanan.loc[1, "datang"]
    cells.loc[1, "datang"] = ts.strftime("%d/%m/%Y %H.%M.%S")
    cells.loc[2, "tanggal"] = f"{layanan.loc[2, 'tanggal'].day} Januari 2025"
    cells.loc[3, "tanggal"] = layanan.loc[3, "tanggal"].strftime("%d/%m/%Y")
    cells.loc[4, "mulai"] = layanan.loc[4, "mulai"].strftime("%d-%m-%Y %H:%M:%S")
    cells.loc[5, "selesai"] = layanan.loc[5, "selesai"].strftime("%Y-%m-%dT%H:%M:%S")
    offset = layanan.loc[6, "selesai"].tz_convert("UTC")
    cells.loc[6, "selesai"] = offset.strftime("%Y-%m-%d %H:%M:%S+00:00")
    path = _write(tmp_path / "layanan.csv", cells)
    pd.testing.assert_frame_equal(data.read_csv(path, "layanan"), layanan)


def test_decimal_comma_and_thousands_are_understood(tmp_path, layanan):
    """Are '12,5' (quoted in a comma file) and '1.234,5' read as 12.5 and 1234.5?"""
    cells = _text(layanan, "layanan")
    cells.loc[0, "tunggu_menit"] = "12,5"
    cells.loc[1, "tunggu_menit"] = "1.234,5"
    path = _write(tmp_path / "layanan.csv", cells)
    frame = data.read_csv(path, "layanan")
    assert frame.loc[0, "tunggu_menit"] == 12.5
    assert frame.loc[1, "tunggu_menit"] == 1234.5


def test_excel_style_integers_are_accepted(tmp_path, skm):
    """Is a score written '4,0' or '4.0' (as Excel exports it) read as the integer 4?"""
    cells = _text(skm, "skm")
    cells.loc[0, "U1"] = "4,0"
    cells.loc[1, "U1"] = "4.0"
    frame = data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    assert frame.loc[[0, 1], "U1"].tolist() == [4, 4]
    assert frame["U1"].dtype == "int64"


def test_headers_differing_in_case_or_spaces_are_matched(tmp_path, skm):
    """Are headers 'Jenis Layanan' and ' UMUR ' taken as jenis_layanan and umur?"""
    cells = _text(skm, "skm").rename(columns={"jenis_layanan": "Jenis Layanan", "umur": " UMUR "})
    frame = data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    pd.testing.assert_frame_equal(frame, skm)


def test_blank_lines_are_skipped_but_rows_keep_their_file_numbers(tmp_path, skm):
    """With blank and ';;;' lines in the file, are problem rows still the rows Excel shows?"""
    cells = _text(skm, "skm").head(5)
    cells.loc[3, "U2"] = "9"
    lines = cells.to_csv(index=False, sep=";", lineterminator="\n").splitlines()
    lines.insert(2, "")  # file line 3 is blank
    lines.insert(3, ";" * (len(cells.columns) - 1))  # file line 4 is an empty Excel row
    path = tmp_path / "skm.csv"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    (problem,) = _problems(err)
    assert (problem.row, problem.column, problem.value) == (7, "U2", "9")


# --- every defect kind is reported where it is -----------------------------------------------


def test_typo_in_category_is_reported_with_a_suggestion(tmp_path, skm):
    """Is 'Asmerowo' reported at its row and column, suggesting 'Asemrowo'?"""
    cells = _text(skm, "skm")
    cells.loc[4, "kelurahan"] = "Asmerowo"
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    (p,) = _problems(err)
    assert (p.file, p.row, p.column, p.value) == ("skm.csv", 6, "kelurahan", "Asmerowo")
    assert "Asemrowo" in p.message and "Luar Kecamatan" in p.expected


def test_case_variant_is_reported_as_such(tmp_path, skm):
    """Is 'ktp-el' reported as a case difference of 'KTP-el'?"""
    cells = _text(skm, "skm")
    cells.loc[0, "jenis_layanan"] = "ktp-el"
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    (p,) = _problems(err)
    assert p.row == 2 and "huruf besar/kecil" in p.message and "'KTP-el'" in p.message


def test_duplicated_row_names_both_rows(tmp_path, skm):
    """Is a duplicated respondent reported at the copy, naming the first row?"""
    cells = _text(skm, "skm")
    cells = pd.concat([cells.head(10), cells.iloc[[3]], cells.iloc[10:]], ignore_index=True)
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    (p,) = _problems(err)
    assert p.row == 12 and p.column == "id_responden" and "baris 5" in p.message


def test_duplicated_rows_without_a_key_are_reported(tmp_path):
    """In pelatihan (no key column), is an exact repeated row reported?"""
    pel = data.load("pelatihan", data_dir=REPO_DATA).head(6)
    cells = _text(pel, "pelatihan")
    cells = pd.concat([cells, cells.iloc[[1]]], ignore_index=True)
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "pelatihan.csv", cells), "pelatihan")
    (p,) = _problems(err)
    assert p.row == 8 and "baris 3" in p.message


def test_missing_required_value_is_reported(tmp_path, layanan):
    """Is an empty kelurahan reported, while an empty 'mulai' for someone who left is fine?"""
    cells = _text(layanan, "layanan")
    cells.loc[7, "kelurahan"] = ""
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "layanan.csv", cells), "layanan")
    (p,) = _problems(err)
    assert (p.row, p.column, p.message) == (9, "kelurahan", "nilai kosong")


def test_impossible_values_are_reported(tmp_path, layanan, skm):
    """Are 'selesai before mulai', a score of 5 and age 0 all reported?"""
    cells = _text(layanan, "layanan")
    cells.loc[0, "selesai"] = "2025-01-02 07:00:00"
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "layanan.csv", cells), "layanan")
    (p,) = _problems(err)
    assert p.row == 2 and p.column == "mulai, selesai" and "selesai sebelum mulai" in p.message
    cells = _text(skm, "skm")
    cells.loc[0, "U5"] = "5"
    cells.loc[1, "umur"] = "0"
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    found = {(p.row, p.column, p.value) for p in _problems(err)}
    assert found == {(2, "U5", 5), (3, "umur", 0)}
    assert all(p.message == "nilai di luar rentang" for p in _problems(err))


def test_service_outcome_must_match_times(tmp_path, layanan):
    """Is a visitor marked 'dilayani' without a start time, or 'pergi' with one, reported?"""
    cells = _text(layanan, "layanan")
    cells.loc[0, "mulai"] = ""
    left = cells.index[cells["hasil"] == "pergi sebelum dilayani"][0]
    cells.loc[left, "mulai"] = cells.loc[left, "datang"]
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "layanan.csv", cells), "layanan")
    rows = {p.row for p in _problems(err)}
    assert rows == {2, left + 2}


def test_bad_numbers_and_dates_are_reported(tmp_path, skm, layanan):
    """Are 'empat', '3,5' in an integer column and '31/02/2025' reported as such?"""
    cells = _text(skm, "skm")
    cells.loc[0, "U1"] = "empat"
    cells.loc[1, "U2"] = "3,5"
    cells.loc[2, "tanggal"] = "31/02/2025"
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    by_row = {p.row: p for p in _problems(err)}
    assert by_row[2].message == "bukan bilangan bulat" and by_row[2].value == "empat"
    assert by_row[3].message == "bukan bilangan bulat" and by_row[3].value == "3,5"
    assert by_row[4].message == "bukan tanggal yang dikenali"
    assert by_row[4].value == "31/02/2025"


def test_every_problem_is_listed_not_just_the_first(tmp_path, skm):
    """With many different problems, are all of them listed (in file order) in one error?"""
    cells = _text(skm, "skm")
    cells.loc[0, "kelurahan"] = "Asmerowo"
    cells.loc[5, "U9"] = "5"
    cells.loc[9, "pendidikan"] = ""
    cells.loc[20, "jenis_kelamin"] = "L"
    cells.loc[25, "id_responden"] = "R-26"
    before = sorted(tmp_path.iterdir())
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    assert [p.row for p in _problems(err)] == [2, 7, 11, 22, 27]
    text = str(err.value)
    assert "5 masalah" in text and "baris 22" in text and "kolom 'jenis_kelamin'" in text
    table = err.value.to_frame()
    assert list(table["baris"]) == [2, 7, 11, 22, 27]
    assert sorted(tmp_path.iterdir()) == sorted([*before, tmp_path / "skm.csv"])


# --- wrong separators, encodings and shapes ----------------------------------------------------


def test_rows_with_a_different_separator_are_reported(tmp_path, skm):
    """If some rows were pasted with ',' into a ';' file, are those rows reported?"""
    cells = _text(skm, "skm").head(5)
    lines = cells.to_csv(index=False, sep=";", lineterminator="\n").splitlines()
    lines[3] = cells.iloc[[2]].to_csv(index=False, header=False, sep=",").strip()
    path = tmp_path / "skm.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    (p,) = _problems(err)
    assert p.row == 4 and "pemisah koma (,)" in p.message and "titik koma" in p.message


def test_unquoted_separator_inside_a_value_is_reported_per_line(tmp_path, skm):
    """Is a line with too many fields (a ';' typed inside a suggestion) reported by line?"""
    cells = _text(skm, "skm").head(6)
    lines = cells.to_csv(index=False, sep=";", lineterminator="\n").splitlines()
    lines[2] += ";tambahan;lagi"
    lines[5] += ";x"
    path = tmp_path / "skm.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    assert [p.row for p in _problems(err)] == [3, 6]
    assert "jumlah kolom" in err.value.message


def test_empty_extra_fields_on_some_lines_are_ignored(tmp_path, skm):
    """Are lines ending in extra empty fields (';' or ';;' after the last value, as Excel
    writes when a cell beyond the table was once formatted) read as if they were not there?"""
    lines = _text(skm, "skm").to_csv(index=False, sep=";", lineterminator="\n").splitlines()
    lines[2] += ";"
    lines[5] += ";;"
    path = tmp_path / "skm.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pd.testing.assert_frame_equal(data.read_csv(path, "skm"), skm)
    assert data.read_csv(path).shape == skm.shape


@pytest.mark.parametrize(("title", "row"), [("", 4), ("REKAP SKM\n\n", 6)])
def test_unclosed_quote_is_reported_at_its_row(tmp_path, skm, title, row):
    """Is a cell opening a quote that never closes reported at its row, not as a crash?"""
    cells = _text(skm, "skm").head(6)
    cells.loc[2, "kelurahan"] = '"' + cells.loc[2, "kelurahan"]
    text = cells.to_csv(index=False, sep=";", lineterminator="\n", quoting=csv.QUOTE_NONE)
    path = tmp_path / "skm.csv"
    path.write_text(title + text, encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    (p,) = _problems(err)
    assert (p.row, p.message) == (row, "tanda kutip tidak ditutup")


def test_single_column_header_means_unknown_separator(tmp_path):
    """Is a file whose header has no separator at all explained as such?"""
    path = tmp_path / "skm.csv"
    path.write_text("id_responden tanggal umur\nR0001 2025-01-02 30\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    assert "pemisah kolom" in str(err.value)


def test_utf16_without_bom_is_refused_kindly(tmp_path, skm):
    """Is a UTF-16 file without its BOM refused with advice to save as CSV UTF-8?"""
    path = tmp_path / "skm.csv"
    path.write_bytes(_text(skm, "skm").to_csv(index=False).encode("utf-16-le"))
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    assert "UTF-8" in str(err.value) and "NUL" in str(err.value)


def test_undecodable_bytes_are_located(tmp_path):
    """Are bytes invalid in both UTF-8 and Windows-1252 reported with their line?"""
    path = tmp_path / "skm.csv"
    path.write_bytes(b"id_responden,umur\nR0001,30\nR0002,\x81\x8d\n")
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    (p,) = _problems(err)
    assert p.row == 3 and "81" in p.value


def test_excel_workbook_named_csv_is_refused(tmp_path, skm):
    """Is an .xlsx file saved with a .csv name refused, pointing to read_excel?"""
    path = tmp_path / "skm.csv"
    _text(skm, "skm").to_excel(path, index=False, engine="openpyxl")
    with pytest.raises(WorkbenchError, match="read_excel"):
        data.read_csv(path, "skm")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \r\n"])
def test_empty_file_is_refused(tmp_path, content):
    """Is an empty (or blank, or BOM-only) file refused as empty?"""
    path = tmp_path / "kosong.csv"
    path.write_bytes(content)
    with pytest.raises(WorkbenchError, match="kosong"):
        data.read_csv(path, "skm")


def test_missing_file_is_reported(tmp_path):
    """Is a path that does not exist reported in Indonesian?"""
    with pytest.raises(WorkbenchError, match="tidak ditemukan"):
        data.read_csv(tmp_path / "tidak-ada.csv", "skm")


def test_title_lines_above_the_header_are_skipped(tmp_path, skm):
    """Is a report title above the header skipped, with problems still at the file's rows?"""
    text = _text(skm, "skm").to_csv(index=False, sep=";", lineterminator="\n")
    path = tmp_path / "rekap.csv"
    path.write_text("REKAP SKM KECAMATAN ASEMROWO\nTriwulan I 2025;;\n\n" + text, encoding="utf-8")
    pd.testing.assert_frame_equal(data.read_csv(path, "skm"), skm)
    cells = _text(skm, "skm")
    cells.loc[3, "U2"] = "9"
    body = cells.drop(columns="U9").to_csv(index=False, sep=";", lineterminator="\n")
    path.write_text("REKAP SKM\n\n" + body, encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    found = {(p.row, p.column) for p in _problems(err)}
    assert found == {(3, "U9"), (7, "U2")}  # header on line 3, data from line 4


def test_columns_without_a_header_are_dropped_when_empty(tmp_path, skm):
    """Is a trailing ';' on every line (an empty, untitled column) ignored, even with
    extra='error', while an untitled column holding data is kept or reported?"""
    text = _text(skm, "skm").to_csv(index=False, sep=";", lineterminator="\n")
    path = tmp_path / "skm.csv"
    path.write_text("".join(line + ";\n" for line in text.splitlines()), encoding="utf-8")
    pd.testing.assert_frame_equal(data.read_csv(path, "skm", extra="error"), skm)
    plain = data.read_csv(path)
    assert list(plain.columns) == data.SCHEMAS["skm"].names
    lines = text.splitlines()
    lines = [lines[0] + ";"] + [line + ";catatan" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = data.read_csv(path, "skm")
    assert kept.columns[-1] == "tanpa_judul_19" and kept.iloc[0, -1] == "catatan"
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm", extra="error")
    (p,) = _problems(err)
    assert (p.row, p.column) == (1, "tanpa_judul_19") and "tidak berjudul" in p.message


def test_header_only_gives_an_empty_table_with_schema_dtypes(tmp_path):
    """Does a file with only the header give zero rows with every documented dtype?"""
    path = tmp_path / "skm.csv"
    path.write_text(";".join(data.SCHEMAS["skm"].names) + "\r\n", encoding="utf-8-sig")
    frame = data.read_csv(path, "skm")
    assert frame.empty
    assert {k: str(v) for k, v in frame.dtypes.items()} == data.SCHEMAS["skm"].dtypes()


def test_missing_columns_are_each_reported(tmp_path, skm):
    """Are two missing columns both reported on row 1, with a hint for a renamed one?"""
    cells = _text(skm, "skm").drop(columns=["U9"]).rename(columns={"pekerjaan": "pekerjaan_utama"})
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(_write(tmp_path / "skm.csv", cells), "skm")
    missing = {p.column: p for p in _problems(err)}
    assert set(missing) == {"U9", "pekerjaan"}
    assert all(p.row == 1 for p in missing.values())
    assert "pekerjaan_utama" in missing["pekerjaan"].message


def test_extra_columns_are_kept_dropped_or_refused(tmp_path, skm):
    """Is an extra 'keterangan' column kept as text by default, dropped or refused on request?"""
    cells = _text(skm, "skm")
    cells.insert(0, "No", [str(i) for i in range(1, len(cells) + 1)])
    cells["keterangan"] = "ok"
    path = _write(tmp_path / "skm.csv", cells)
    kept = data.read_csv(path, "skm")
    assert list(kept.columns) == [*data.SCHEMAS["skm"].names, "No", "keterangan"]
    assert kept["No"].dtype == "str" and kept.loc[0, "No"] == "1"
    pd.testing.assert_frame_equal(data.read_csv(path, "skm", extra="drop"), skm)
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm", extra="error")
    assert {p.column for p in _problems(err)} == {"No", "keterangan"}


def test_duplicate_header_is_refused(tmp_path, skm):
    """Is a header naming the same column twice refused?"""
    cells = _text(skm, "skm")
    text = cells.to_csv(index=False).replace("U8,U9", "U8,U8", 1)
    path = tmp_path / "skm.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(path, "skm")
    assert any(p.column == "U8" and p.row == 1 for p in _problems(err))


def test_unknown_schema_name_is_refused(tmp_path):
    """Does an unknown schema name list the known ones?"""
    with pytest.raises(WorkbenchError, match="pegawai"):
        data.read_csv(tmp_path / "x.csv", "antrian")


# --- without a schema ----------------------------------------------------------------------------


def test_plain_read_detects_separator_and_decimal_comma(tmp_path):
    """Without a schema, is an Indonesian ';' file with decimal commas read as numbers?"""
    path = tmp_path / "angka.csv"
    path.write_text("nama;nilai\nA;3,5\nB;4,25\n", encoding="cp1252")
    frame = data.read_csv(path)
    assert frame["nilai"].tolist() == [3.5, 4.25]


def test_as_text_keeps_cells_as_written(tmp_path):
    """With as_text=True, are cells kept verbatim (spaces, leading zeros)?"""
    path = tmp_path / "teks.csv"
    path.write_text("nip,nama\n 0012 ,Budi \n", encoding="utf-8")
    frame = data.read_csv(path, as_text=True)
    assert frame.loc[0, "nip"] == " 0012 " and frame.loc[0, "nama"] == "Budi "


def test_a_refused_write_is_explained_and_leaves_no_temporary_file(tmp_path, skm):
    """When the system refuses to write (here a folder stands where the file should go, as an
    open Excel file would on Windows), is the error Indonesian and no temporary file left?"""
    target = tmp_path / "skm.csv"
    target.mkdir()
    with pytest.raises(WorkbenchError, match="adalah folder, bukan berkas"):
        data.write_csv(skm, target, data.SCHEMAS["skm"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skm.csv"]
    assert target.is_dir() and not any(target.iterdir())


# --- Excel ---------------------------------------------------------------------------------------


def test_excel_workbook_reads_like_the_csv(tmp_path):
    """Does an .xlsx with real dates and numbers give the same pegawai table?"""
    pegawai = data.load("pegawai", data_dir=REPO_DATA)
    sheet = pegawai.copy()
    sheet["tanggal_lahir"] = sheet["tanggal_lahir"].dt.tz_localize(None)
    path = tmp_path / "pegawai.xlsx"
    sheet.to_excel(path, index=False, sheet_name="Pegawai")
    pd.testing.assert_frame_equal(data.read_excel(path, "pegawai", sheet="Pegawai"), pegawai)


def test_excel_nip_stored_as_number_is_reported(tmp_path):
    """Is a NIP that Excel turned into a number reported, with the row Excel shows?"""
    pegawai = data.load("pegawai", data_dir=REPO_DATA).head(5)
    sheet = pegawai.copy()
    sheet["tanggal_lahir"] = sheet["tanggal_lahir"].dt.tz_localize(None)
    sheet["nip"] = sheet["nip"].astype("object")
    sheet.loc[2, "nip"] = float(pegawai.loc[2, "nip"])
    path = tmp_path / "pegawai.xlsx"
    sheet.to_excel(path, index=False)
    with pytest.raises(WorkbenchError) as err:
        data.read_excel(path, "pegawai")
    rows = {p.row for p in _problems(err)}
    assert 4 in rows
    assert any("Teks" in (p.expected or "") for p in _problems(err))


def test_excel_title_rows_and_blank_rows_keep_the_row_numbers_excel_shows(tmp_path, skm):
    """In a sheet with a title in A1, the header on row 3 and a blank row inside the table, is
    the table read, and is a bad score reported at the row Excel shows?"""
    import openpyxl

    sheet = skm.copy()
    sheet["tanggal"] = sheet["tanggal"].dt.tz_localize(None)
    sheet["U2"] = sheet["U2"].astype("object")
    blank = pd.DataFrame([[None] * sheet.shape[1]], columns=sheet.columns)
    table = pd.concat([sheet.head(4), blank, sheet.iloc[4:]], ignore_index=True)
    path = tmp_path / "rekap.xlsx"
    table.to_excel(path, index=False, startrow=2)
    book = openpyxl.load_workbook(path)
    book.active["A1"] = "REKAP SKM KECAMATAN ASEMROWO 2025"
    book.save(path)
    pd.testing.assert_frame_equal(data.read_excel(path, "skm"), skm)
    book.active["J10"] = 9  # U2 of the row after the blank row 8: skm row index 5
    book.save(path)
    with pytest.raises(WorkbenchError) as err:
        data.read_excel(path, "skm")
    (p,) = _problems(err)
    assert (p.row, p.column, p.value) == (10, "U2", "9")


def test_excel_column_without_a_header_is_named_by_its_position(tmp_path, skm):
    """Is a note typed in column T (no header) kept as 'tanpa_judul_20', or reported with
    extra='error', rather than named 'nan' or 'Unnamed: 19'?"""
    import openpyxl

    sheet = skm.copy()
    sheet["tanggal"] = sheet["tanggal"].dt.tz_localize(None)
    path = tmp_path / "skm.xlsx"
    sheet.to_excel(path, index=False)
    book = openpyxl.load_workbook(path)
    book.active["T3"] = "catatan"
    book.save(path)
    kept = data.read_excel(path, "skm")
    assert kept.columns[-1] == "tanpa_judul_20" and kept.iloc[1, -1] == "catatan"
    pd.testing.assert_frame_equal(kept.iloc[:, :-1], skm)
    with pytest.raises(WorkbenchError) as err:
        data.read_excel(path, "skm", extra="error")
    (p,) = _problems(err)
    assert (p.row, p.column) == (1, "tanpa_judul_20")


def test_empty_sheet_is_refused(tmp_path):
    """Is an empty sheet refused as empty, naming the sheet as a user would?"""
    import openpyxl

    path = tmp_path / "kosong.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(WorkbenchError, match=r"Lembar ke-1 .* kosong"):
        data.read_excel(path, "skm")


def test_excel_wrong_sheet_and_not_excel_are_refused(tmp_path):
    """Are a missing sheet and a CSV named .xlsx both explained?"""
    path = tmp_path / "a.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(path, index=False)
    with pytest.raises(WorkbenchError, match="Lembar"):
        data.read_excel(path, "skm", sheet="Tidak Ada")
    fake = tmp_path / "b.xlsx"
    fake.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="bukan berkas Excel"):
        data.read_excel(fake, "skm")


# --- validate() on frames ---------------------------------------------------------------------


def test_validate_checks_a_frame_in_memory():
    """Does validate() accept a correct frame unchanged and report a wrong value by row?"""
    skm = data.load("skm", data_dir=REPO_DATA)
    pd.testing.assert_frame_equal(data.validate(skm, "skm"), skm)
    broken = skm.copy()
    broken.loc[10, "U4"] = 7
    with pytest.raises(WorkbenchError) as err:
        data.validate(broken, "skm", file="hasil olahan")
    (p,) = _problems(err)
    assert (p.file, p.row, p.column, p.value) == ("hasil olahan", 12, "U4", 7)


def test_validate_old_keyword_source_still_works_with_a_warning():
    """Do notebooks that call data.validate(..., source=) keep working, warned of the rename?"""
    broken = data.load("skm", data_dir=REPO_DATA).head(3).copy()
    broken.loc[1, "U4"] = 7
    with pytest.warns(DeprecationWarning, match="file="), pytest.raises(WorkbenchError) as err:
        data.validate(broken, "skm", source="lama.csv")
    assert err.value.problems[0].file == "lama.csv"


def test_rows_of_a_file_with_a_title_line_are_named_as_the_file_shows_them(tmp_path, skm):
    """Does validating a table read as text from a file with a title line name the file's rows?"""
    path = tmp_path / "rekap.csv"
    text = _text(skm, "skm").to_csv(index=False)
    path.write_text("REKAP SKM 2025\n\n" + text, encoding="utf-8")
    cells = data.read_csv(path, "skm", as_text=True)
    cells.loc[1, "U2"] = "9"
    with pytest.raises(WorkbenchError) as err:
        data.validate(cells, "skm")
    (p,) = _problems(err)
    assert (p.file, p.row, p.column) == ("rekap.csv", 5, "U2")  # title, blank, header


def test_validation_is_vectorised_on_large_files(tmp_path):
    """Does a 200,000-row file with two bad cells report exactly those two (and quickly enough
    to be usable; speed itself is measured in benchmarks/bench_data.py)?"""
    skm = data.generate_skm(seed=2, start="2025-01-01", end="2025-12-31", n=200_000)
    cells = skm.copy()
    cells["U1"] = cells["U1"].astype("object")
    cells.loc[123_456, "U1"] = 5
    cells.loc[199_999, "kelurahan"] = "Asemrow"
    data.write_csv(cells, tmp_path / "besar.csv", data.SCHEMAS["skm"])
    with pytest.raises(WorkbenchError) as err:
        data.read_csv(tmp_path / "besar.csv", "skm")
    assert [(p.row, p.column) for p in _problems(err)] == [(123_458, "U1"), (200_001, "kelurahan")]


@pytest.mark.parametrize("reader", ["read_csv", "read_excel"])
def test_unknown_extra_option_is_an_indonesian_error(tmp_path, skm, reader):
    """Is a mistyped extra= ('buang') a WorkbenchError naming the choices, not a ValueError?"""
    path = _write(tmp_path / "skm.csv", _text(skm, "skm"))
    with pytest.raises(WorkbenchError, match=r"'keep'.*'drop'.*'error'"):
        getattr(data, reader)(path, "skm", extra="buang")
