"""WorkbenchError: one Indonesian message, every problem listed, no traceback for learners."""

from __future__ import annotations

from workbench.errors import MAX_LISTED, Problem, WorkbenchError


def sample() -> WorkbenchError:
    return WorkbenchError(
        "Berkas survei berisi kesalahan.",
        [
            Problem(
                "nilai di luar 1–4",
                file="skm.csv",
                row=3,
                column="U1",
                value=5,
                expected="bilangan 1 sampai 4",
            ),
            Problem("sel kosong", file="skm.csv", row=7, column="U9"),
        ],
    )


def test_message_lists_every_problem_with_its_place():
    """Does the text name the file, row, column, value and expectation of each problem?"""
    text = str(sample())
    assert text.splitlines()[0] == "Berkas survei berisi kesalahan."
    assert (
        "berkas skm.csv, baris 3, kolom 'U1': nilai di luar 1–4 (nilai: 5); seharusnya "
        "bilangan 1 sampai 4" in text
    )
    assert "baris 7, kolom 'U9': sel kosong" in text


def test_long_lists_are_shortened_but_kept():
    """With hundreds of problems, is the text readable while .problems keeps them all?"""
    err = WorkbenchError("Banyak kesalahan.", [Problem("kosong", row=i) for i in range(300)])
    assert len(err.problems) == 300
    assert f"dan {300 - MAX_LISTED} masalah lain" in str(err)


def test_problems_as_table():
    """Can a dashboard show the problems as a table with Indonesian headings?"""
    frame = sample().to_frame()
    assert list(frame.columns) == ["berkas", "baris", "kolom", "nilai", "masalah", "seharusnya"]
    assert frame["baris"].tolist() == [3, 7]


def test_notebooks_show_message_not_traceback():
    """Does IPython show the Indonesian message instead of a Python traceback?"""
    lines = sample()._render_traceback_()
    assert len(lines) == 1 and "Kesalahan:" in lines[0] and "Traceback" not in lines[0]
    assert "<table>" in sample()._repr_html_()


def test_error_table_leaves_unknown_cells_empty():
    """Does the HTML table of an error show nothing, not 'None', where a problem has no
    file, row, column or value?"""
    from workbench.errors import Problem, WorkbenchError

    page = WorkbenchError("Data survei salah.", [Problem("kolom tidak ada", column="U9")])
    html = page._repr_html_()
    assert "None" not in html and "<td>U9</td>" in html and "<td></td>" in html
