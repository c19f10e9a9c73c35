"""The ``workbench skm`` command: the same numbers as the library, errors with rows."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from workbench import skm
from workbench.cli import main

U = [f"U{i}" for i in range(1, 10)]


def test_prints_the_index_and_writes_the_report(tmp_path, capsys):
    """Does the command print the library's index and write an Excel report that opens?"""
    frame = pd.DataFrame({u: [4, 3, 3, 2, 4] for u in U})
    frame["U3"] = [2, 2, 3, 1, 2]
    source = tmp_path / "survei.csv"
    frame.to_csv(source, sep=";", index=False)
    out = tmp_path / "laporan.xlsx"
    assert main(["skm", str(source), "--populasi", "1000", "--laporan", str(out)]) == 0
    text = capsys.readouterr().out
    expected = skm.ikm(frame)
    assert f"nilai {expected.nilai:.2f}".replace(".", ",") in text
    assert f"mutu {expected.mutu} ({expected.kinerja})" in text
    assert "Sampel minimum (Krejcie–Morgan): 278" in text
    assert "Peringatan: Sampel kurang" in text
    assert "1. U3 Waktu Penyelesaian" in text
    assert openpyxl.load_workbook(out)["Ringkasan"]["A1"].value.startswith("Survei Kepuasan")


def test_printed_weight_option(tmp_path, capsys):
    """Does --bobot 0.111 give the printed-weight index (99,90 for a perfect survey)?"""
    source = tmp_path / "sempurna.csv"
    pd.DataFrame({u: [4, 4] for u in U}).to_csv(source, index=False)
    assert main(["skm", str(source), "--bobot", "0.111"]) == 0
    assert "nilai 99,90 · mutu A" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["7", "baik"])
def test_bad_file_lists_the_row_and_fails(tmp_path, capsys, bad):
    """Does a wrong score stop the command with the file, row and column named?"""
    rows = ["id_responden;" + ";".join(U), "R1;" + ";".join(["3"] * 9), "R2;" + ";".join(["3"] * 9)]
    rows[2] = rows[2].replace(";3;3;3;3;3;3;3;3;3", f";3;3;{bad};3;3;3;3;3;3")
    source = tmp_path / "salah.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["skm", str(source)]) == 1
    err = capsys.readouterr().err
    assert "berkas salah.csv, baris 3, kolom 'U3'" in err


def test_missing_file_and_unwritable_report_folder_are_said_in_indonesian(tmp_path, capsys):
    """Is a mistyped file name, or a report folder that is a file, explained in Indonesian?"""
    assert main(["skm", str(tmp_path / "tidak-ada.csv")]) == 1
    err = capsys.readouterr().err
    assert "tidak-ada.csv tidak ditemukan" in err and "No such file" not in err
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("", encoding="utf-8")
    assert main(["skm", "--laporan", str(blocker / "laporan.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "bukan-folder" in err and "seharusnya folder" in err and "File exists" not in err


@pytest.mark.parametrize("weight", ["1", "0.5", "2"])
def test_a_weight_other_than_one_ninth_or_0_111_is_refused(tmp_path, capsys, weight):
    """Is --bobot 1 (IKM 697,75) or 0.5 refused with the two meaningful weights named?"""
    source = tmp_path / "survei.csv"
    pd.DataFrame({u: [4, 3] for u in U}).to_csv(source, index=False)
    assert main(["skm", str(source), "--bobot", weight]) == 1
    err = capsys.readouterr().err
    assert "Bobot" in err and "1/9" in err and "0.111" in err


def test_weight_can_be_typed_as_one_ninth(tmp_path, capsys):
    """Does --bobot 1/9 give the default index?"""
    source = tmp_path / "survei.csv"
    pd.DataFrame({u: [4, 4] for u in U}).to_csv(source, index=False)
    assert main(["skm", str(source), "--bobot", "1/9"]) == 0
    assert "nilai 100,00 · mutu A" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_title_row_above_the_header_is_read_like_data_read_excel(tmp_path, capsys, suffix):
    """Does `workbench skm` read an export with a title row, as data.read_excel(f, 'skm') does?"""
    frame = pd.DataFrame({u: [4, 3, 3] for u in U})
    source = tmp_path / f"rekap{suffix}"
    if suffix == ".csv":
        source.write_text("REKAP SKM 2025;;\n" + frame.to_csv(sep=";", index=False), "utf-8")
    else:
        with pd.ExcelWriter(source) as writer:
            pd.DataFrame([["REKAP SKM 2025"]]).to_excel(writer, index=False, header=False)
            frame.to_excel(writer, index=False, startrow=2)
    assert main(["skm", str(source)]) == 0
    assert f"nilai {skm.ikm(frame).nilai:.2f}".replace(".", ",") in capsys.readouterr().out


def test_missing_columns_say_which_columns_were_found(tmp_path, capsys):
    """When U1..U9 are missing, does the message list the columns the file does have?"""
    source = tmp_path / "lain.csv"
    source.write_text("nama;umur;nilai\nBudi;30;4\n", encoding="utf-8")
    assert main(["skm", str(source)]) == 1
    err = capsys.readouterr().err
    assert "U1" in err and "Kolom yang ditemukan: nama, umur, nilai" in err


def test_report_option_has_an_english_name_and_keeps_the_old_one(tmp_path, capsys):
    """Do --report and the older --laporan both write the Excel report?"""
    source = tmp_path / "survei.csv"
    pd.DataFrame({u: [4, 3] for u in U}).to_csv(source, index=False)
    for option in ("--report", "--laporan"):
        out = tmp_path / f"laporan{option}.xlsx"
        assert main(["skm", str(source), option, str(out)]) == 0
        assert out.is_file()


def test_printed_index_and_grade_agree_at_a_band_boundary(tmp_path, capsys):
    """185 answers summing to 5887 with weight 0.111 give 88.305: does the command print
    '88,31 · mutu A' (rounded once, half up, then graded), never '88,31 · mutu B'?"""
    cells = [3] * (9 * 185)
    cells[: 5887 - 27 * 185] = [4] * (5887 - 27 * 185)
    frame = pd.DataFrame([cells[i : i + 9] for i in range(0, len(cells), 9)], columns=U)
    source = tmp_path / "batas.csv"
    frame.to_csv(source, sep=";", index=False)
    assert main(["skm", str(source), "--bobot", "0,111"]) == 0
    assert "nilai 88,31 · mutu A (Sangat Baik)" in capsys.readouterr().out
