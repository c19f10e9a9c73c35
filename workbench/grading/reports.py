"""What a trainer hands on: the Excel recap of a class and PDF certificates for passing learners."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench import office
from workbench.config import get_settings
from workbench.errors import WorkbenchError
from workbench.grading.course import Course, open_course
from workbench.grading.late import refresh_penalties
from workbench.grading.results import scores
from workbench.storage import atomic_path

__all__ = ["certificates", "export"]


def export(
    path: str | os.PathLike,
    *,
    course: str | os.PathLike | Course | None = None,
    pass_percent: float | None = None,
) -> Path:
    """Write the class recap to ``path`` (``.xlsx``): a ``Ringkasan`` sheet (one row per learner:
    final percent per assignment, assignments passed, JP credited) and one sheet per assignment
    (score, late penalty, final score, percent, status, JP, reason). Times are WIB."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise WorkbenchError(f"Berkas ekspor {target.name} harus berakhiran .xlsx.")
    course = open_course(course)
    refresh_penalties(course)
    frame = scores(course=course, pass_percent=pass_percent)
    if frame.empty:
        raise WorkbenchError(
            "Gradebook belum berisi tugas atau peserta; tidak ada yang bisa diekspor."
        )
    threshold = get_settings().pass_percent if pass_percent is None else pass_percent
    sheets = {"Ringkasan": _summary(frame, float(threshold))}
    for name, part in frame.groupby("tugas", sort=True):
        sheets[str(name)] = part.drop(columns=["tugas"]).reset_index(drop=True)
    return office.write_excel(target, sheets)


def _summary(frame: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """One row per learner: percent per assignment, passed, JP, what to look at."""
    summary = frame.drop_duplicates("nip")[["nip", "nama", "unit"]].set_index("nip")
    for name, part in frame.groupby("tugas", sort=True):
        summary[f"{name} (%)"] = part.set_index("nip")["persen"]
    summary["tugas_lulus"] = frame.groupby("nip")["lulus"].sum().astype(int)
    summary["jp_diakui"] = frame.groupby("nip")["jp"].sum()
    summary["batas_lulus (%)"] = threshold
    flagged = frame[frame["perlu_diperiksa"] != ""]
    summary["perlu_diperiksa"] = flagged.groupby("nip")["tugas"].agg(
        lambda names: ", ".join(sorted(names))
    )
    summary["perlu_diperiksa"] = summary["perlu_diperiksa"].fillna("")
    return summary.reset_index()


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _nip_text(nip: str) -> str:
    """An 18-digit NIP grouped as printed on Indonesian documents: 19800101 200501 1 001."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def _render(path: Path, *, name: str, nip: str, rows: list[dict], number: str, issued: dt.date):
    """One certificate page (A4 landscape) written atomically to ``path``."""
    pdf = _page()
    _title(pdf, name=name, nip=nip, number=number)
    _table(pdf, rows)
    _footer(pdf, issued)
    with atomic_path(path) as tmp:
        pdf.output(str(tmp))


_WIDTH, _HEIGHT = 297, 210
_BLUE = (20, 70, 130)


def _page():
    from fpdf import FPDF

    settings = get_settings()
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_author(settings.office_name)
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(*_BLUE)
    pdf.set_line_width(2.5)
    pdf.rect(8, 8, _WIDTH - 16, _HEIGHT - 16)
    pdf.set_line_width(0.6)
    pdf.rect(12, 12, _WIDTH - 24, _HEIGHT - 24)
    return pdf


def _line(pdf, text: str, size: float, style: str = "", y=None, color=(30, 30, 30)) -> None:
    if y is not None:
        pdf.set_y(y)
    pdf.set_font("DejaVu", style, size)
    pdf.set_text_color(*color)
    pdf.cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")


def _title(pdf, *, name: str, nip: str, number: str) -> None:
    pdf.set_title(f"Sertifikat {name}")
    _line(pdf, get_settings().office_name.upper(), 12, "B", y=22, color=_BLUE)
    _line(pdf, "SERTIFIKAT PENYELESAIAN", 28, "B", y=34, color=_BLUE)
    _line(pdf, f"Nomor: {number}", 10, y=50)
    _line(pdf, "diberikan kepada", 12, y=60)
    _line(pdf, name, 24, "B", y=70)
    _line(pdf, f"NIP {_nip_text(nip)}", 12, y=84)
    _line(
        pdf, "yang telah menyelesaikan latihan bernilai ASN Workbench dengan hasil LULUS:", 12, y=95
    )


def _table(pdf, rows: list[dict]) -> None:
    pdf.set_y(105)
    pdf.set_font("DejaVu", "B", 10)
    pdf.set_text_color(255, 255, 255)
    pdf.set_fill_color(*_BLUE)
    columns = [("Modul dan tugas", 150), ("Nilai", 30), ("JP", 20)]
    left = (_WIDTH - sum(w for _, w in columns)) / 2
    pdf.set_x(left)
    for title, w in columns:
        pdf.cell(w, 7, title, border=1, align="C", fill=True)
    pdf.ln(7)
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(30, 30, 30)
    for row in rows:
        pdf.set_x(left)
        pdf.cell(150, 7, row["judul"][:80], border=1)
        pdf.cell(30, 7, fmt.percent(row["persen"] / 100, 0), border=1, align="C")
        pdf.cell(20, 7, fmt.number(row["jp"], None), border=1, align="C")
        pdf.ln(7)
    pdf.set_font("DejaVu", "B", 10)
    pdf.set_x(left)
    pdf.cell(180, 7, "Jumlah jam pelajaran (JP) diakui", border=1, align="R")
    pdf.cell(20, 7, fmt.number(sum(r["jp"] for r in rows), None), border=1, align="C")
    pdf.ln(7)


def _footer(pdf, issued: dt.date) -> None:
    footer_y = max(pdf.get_y() + 8, 160)
    pdf.set_xy(180, footer_y)
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(100, 6, f"Diterbitkan {fmt.date_long(issued)}", align="C", new_x="LEFT", new_y="NEXT")
    pdf.cell(100, 6, "Pelatih,", align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(180, pdf.get_y() + 14)
    pdf.cell(100, 6, "(..................................................)", align="C")
    pdf.set_xy(20, _HEIGHT - 22)
    pdf.set_font("DejaVu", "", 8)
    pdf.set_text_color(110, 110, 110)
    minutes = get_settings().minutes_per_jp
    pdf.cell(
        0,
        5,
        f"1 JP = {minutes} menit. Nilai tercatat di gradebook nbgrader kursus pelatihan.",
    )


def certificates(
    assignment: str | None = None,
    *,
    course: str | os.PathLike | Course | None = None,
    to_folder: str | os.PathLike | None = None,
    pass_percent: float | None = None,
    issued: dt.date | None = None,
    progress=None,
) -> list[Path]:
    """One A4 PDF certificate per passing learner, in ``to_folder`` (default:
    ``<course>/sertifikat/<tugas>`` or ``.../semua``), named ``<NIP>.pdf``.

    With an ``assignment``: learners who passed it. Without (``--all``): every learner who
    passed at least one assignment, listing each passed assignment with its score and JP.
    """
    course = open_course(course)
    refresh_penalties(course)
    frame = scores(course=course, pass_percent=pass_percent)
    if assignment is not None:
        course.require_assignment(assignment)
        frame = frame[frame["tugas"] == assignment]
    passed = frame[frame["lulus"]]
    folder = Path(to_folder) if to_folder else course.root / "sertifikat" / (assignment or "semua")
    folder.mkdir(parents=True, exist_ok=True)
    issued = issued or pd.Timestamp.now(tz=get_settings().tz).date()
    written = []
    groups = list(passed.groupby("nip", sort=True))
    for i, (nip, part) in enumerate(groups, 1):
        name = part["nama"].iloc[0] or str(nip)
        number = f"{course.course_id}/{assignment or 'semua'}/{nip}/{issued.year}"
        path = folder / f"{nip}.pdf"
        _render(
            path,
            name=name,
            nip=str(nip),
            rows=part.sort_values("tugas").to_dict("records"),
            number=number,
            issued=issued,
        )
        written.append(path)
        if progress is not None:
            progress(i, len(groups), str(nip))
    return written
