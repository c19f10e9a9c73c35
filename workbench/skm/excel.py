"""The standard SKM report as an Excel workbook, formatted for printing on A4.

Sheets, in the order of a published report: summary (index, quality, interval, sample),
respondent profile, NRR per element, index per group, improvement priorities and the follow-up
plan. Every sheet prints on A4 one page wide, with its header row repeated, the office name in
the page header and page numbers in the footer. The file is written atomically through
:mod:`workbench.office`, so survey categories and plan text are text cells, never formulas.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench import office
from workbench.config import Settings, get_settings
from workbench.errors import WorkbenchError
from workbench.skm.analysis import SkmReport
from workbench.skm.core import ELEMENTS, SCORE_COLUMNS
from workbench.skm.plan import empty_plan, validate_plan

__all__ = ["export_excel"]

_A4 = 9
_GROUP_TITLES = {
    "jenis_layanan": "Jenis layanan",
    "kelurahan": "Kelurahan",
    "periode": "Periode",
    "jenis_kelamin": "Jenis kelamin",
    "kelompok_umur": "Kelompok umur",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
}


def export_excel(
    laporan: SkmReport,
    path: str | os.PathLike,
    *,
    rencana: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> Path:
    """Write the standard report of ``laporan`` (from :func:`~workbench.skm.report`) to ``path``.

    ``rencana`` is the follow-up plan to print (an empty plan table when not given). Returns the
    path written. Every cell goes through :mod:`workbench.office`, so a category or plan text
    that starts with ``=`` stays text. Raises :class:`WorkbenchError` when the folder cannot be
    written (nothing is left half-written).
    """
    settings = settings or get_settings()
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise WorkbenchError(f"Nama berkas laporan harus berakhiran .xlsx, bukan {path.name!r}.")
    plan = validate_plan(rencana) if rencana is not None else empty_plan()
    with office.workbook(path) as book:
        _write(book, laporan, plan, settings)
    return path


def _write(book, laporan: SkmReport, plan: pd.DataFrame, settings: Settings) -> None:
    """The six sheets of the report, in the order of a published report."""
    report = _Report(book, _formats(book), settings.office_name)
    printed = fmt.timestamp(dt.datetime.now(settings.tz))
    _summary_sheet(report, laporan, printed)
    _profile_sheet(report, laporan)
    _elements_sheet(report, laporan)
    _groups_sheet(report, laporan)
    _priorities_sheet(report, laporan)
    _plan_sheet(report, plan)


class _Report:
    """The workbook being written, its cell formats and the office named in page headers."""

    def __init__(self, book, formats: dict, office_name: str) -> None:
        self.book, self.f, self.office = book, formats, office_name

    def sheet(self, name: str, title: str, *, landscape: bool) -> _Sheet:
        return _Sheet(self.book, self.f, name, title, self.office, landscape)


class _Sheet:
    """One printable sheet with a title block and tables, written row by row."""

    def __init__(self, book, formats, name: str, title: str, office: str, landscape: bool) -> None:
        self.ws = book.add_worksheet(name)
        self.f = formats
        self.row = 0
        ws = self.ws
        ws.set_paper(_A4)
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
        ws.set_header(f"&L&8{_escape(office)}&R&8{_escape(title)}")
        ws.set_footer(
            "&L&8Survei Kepuasan Masyarakat (PermenPANRB No. 14 Tahun 2017)&R&8Halaman &P dari &N"
        )
        self.cell(0, title, "title")
        self.row += 2

    def cell(self, col: int, value, fmt: str = "cell") -> None:
        """One value in the current row, typed by :func:`workbench.office.write_cell`."""
        office.write_cell(self.ws, self.row, col, value, self.f[fmt])

    def text(self, value: str, fmt: str = "text") -> None:
        self.cell(0, value, fmt)
        self.row += 1

    def note(self, value: str, *, width: int) -> None:
        """A wrapped note over the first ``width`` columns."""
        self.ws.merge_range(self.row, 0, self.row, width - 1, "", self.f["note"])
        self.cell(0, value, "note")
        self.ws.set_row(self.row, 45)
        self.row += 1

    def table(
        self,
        frame: pd.DataFrame,
        headers: dict[str, str],
        formats: dict[str, str] | None = None,
        repeat: bool = False,
    ) -> None:
        formats = formats or {}
        columns = list(headers)
        if repeat:
            self.ws.repeat_rows(self.row)
        for j, column in enumerate(columns):
            self.cell(j, headers[column], "header")
        self.row += 1
        for values in frame[columns].itertuples(index=False):
            for j, (column, value) in enumerate(zip(columns, values, strict=True)):
                self.cell(j, value, formats.get(column, "cell"))
            self.row += 1
        self.row += 1


def _escape(text: str) -> str:
    return text.replace("&", "&&")


def _formats(book) -> dict:
    """The report's cell formats by name: Calibri 10, bordered table cells, number formats."""
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
    specs = {
        "title": {"bold": True, "font_size": 14},
        "subtitle": {"bold": True, "font_size": 11},
        "text": {},
        "note": {"italic": True, "font_color": "#7c2d12", "text_wrap": True},
        "header": {"bold": True, "bg_color": "#dbeafe", "border": 1, "text_wrap": True},
        "cell": {"border": 1, "text_wrap": True},
        "int": {"border": 1, "num_format": "#,##0"},
        "num2": {"border": 1, "num_format": "0.00"},
        "num3": {"border": 1, "num_format": "0.000"},
        "num4": {"border": 1, "num_format": "0.0000"},
        "pct": {"border": 1, "num_format": "0.0"},
        "date": {"border": 1, "num_format": "dd-mm-yyyy"},
        "label": {"bold": True, "border": 1, "bg_color": "#f1f5f9"},
        "big": {"bold": True, "border": 1, "font_size": 12, "num_format": "0.00"},
    }
    return {name: book.add_format({**base, **spec}) for name, spec in specs.items()}


def _summary_sheet(report: _Report, laporan: SkmReport, printed: str) -> None:
    """Sheet 1: the index, its quality band, the interval and the sample, with the notes."""
    hasil, selang = laporan.hasil, laporan.selang
    sheet = report.sheet("Ringkasan", laporan.judul, landscape=False)
    sheet.ws.set_column(0, 0, 34)
    sheet.ws.set_column(1, 1, 40)
    periods = laporan.tren["periode"].tolist() if len(laporan.tren) else []
    rows = [
        ("Unit layanan", report.office, "cell"),
        ("Periode survei", f"{periods[0]} s.d. {periods[-1]}" if periods else "-", "cell"),
        ("Jumlah responden", hasil.jumlah_responden, "int"),
        ("IKM (skala 1–4)", hasil.ikm, "num4"),
        ("Nilai IKM (konversi 25–100)", hasil.nilai, "big"),
        ("Mutu pelayanan", hasil.mutu, "label"),
        ("Kinerja unit pelayanan", hasil.kinerja, "label"),
        (
            f"Selang kepercayaan {fmt.percent(selang.tingkat, 0)} (bootstrap)",
            f"{fmt.number(selang.bawah, 2)} – {fmt.number(selang.atas, 2)}",
            "cell",
        ),
        ("Bobot per unsur", "1/9" if abs(hasil.bobot - 1 / 9) < 1e-12 else hasil.bobot, "cell"),
    ]
    if hasil.sampel_minimum is not None:
        rows.append(("Pengguna layanan (populasi)", hasil.populasi, "int"))
        rows.append(("Sampel minimum (Krejcie–Morgan)", hasil.sampel_minimum, "int"))
    for label, value, style in rows:
        sheet.cell(0, label, "label")
        sheet.cell(1, value, style)
        sheet.row += 1
    sheet.row += 1
    for note in laporan.catatan:
        sheet.note(note, width=2)
    sheet.text(f"Dicetak {printed}.")
    sheet.text("Batas mutu: A ≥ 88,31; B 76,61–88,30; C 65,00–76,60; D < 65,00 (nilai konversi).")


def _profile_sheet(report: _Report, laporan: SkmReport) -> None:
    """Sheet 2: who answered, by characteristic and category."""
    sheet = report.sheet("Profil Responden", "Profil Responden", landscape=False)
    sheet.ws.set_column(0, 1, 26)
    sheet.ws.set_column(2, 3, 12)
    sheet.table(
        laporan.profil,
        {
            "karakteristik": "Karakteristik",
            "kategori": "Kategori",
            "jumlah": "Jumlah",
            "persen": "Persen (%)",
        },
        {"jumlah": "int", "persen": "pct"},
        repeat=True,
    )


def _elements_sheet(report: _Report, laporan: SkmReport) -> None:
    """Sheet 3: the mean score (NRR) of each of the nine elements, and the index below them."""
    hasil = laporan.hasil
    sheet = report.sheet("NRR per Unsur", "Nilai Rata-rata per Unsur Pelayanan", landscape=True)
    sheet.ws.set_column(0, 0, 8)
    sheet.ws.set_column(1, 1, 40)
    sheet.ws.set_column(2, 7, 13)
    sheet.table(
        hasil.to_frame(),
        {
            "unsur": "Kode",
            "nama_unsur": "Unsur pelayanan",
            "nrr": "NRR",
            "bobot": "Bobot",
            "nrr_tertimbang": "NRR tertimbang",
            "nilai": "Nilai konversi",
            "mutu": "Mutu",
            "persen_skor_rendah": "% skor 1–2",
        },
        {
            "nrr": "num3",
            "bobot": "num4",
            "nrr_tertimbang": "num4",
            "nilai": "num2",
            "persen_skor_rendah": "pct",
        },
        repeat=True,
    )
    sheet.row -= 1
    sheet.cell(1, "IKM (jumlah NRR tertimbang)", "label")
    sheet.cell(4, hasil.ikm, "num4")
    sheet.cell(5, hasil.nilai, "big")
    sheet.cell(6, hasil.mutu, "label")
    sheet.row += 2


def _groups_sheet(report: _Report, laporan: SkmReport) -> None:
    """Sheet 4: the index per respondent group, service and period, with intervals."""
    sheet = report.sheet(
        "Rincian", "IKM per Kelompok Responden, Layanan dan Periode", landscape=True
    )
    sheet.ws.set_column(0, 0, 26)
    sheet.ws.set_column(1, 15, 9)
    for by, table in laporan.rincian.items():
        sheet.text(_GROUP_TITLES.get(by, by), "subtitle")
        headers = {by: _GROUP_TITLES.get(by, by), "jumlah_responden": "Responden"}
        headers.update({c: c for c in SCORE_COLUMNS})
        headers.update({"nilai": "Nilai IKM", "mutu": "Mutu"})
        fmts = {"jumlah_responden": "int", "nilai": "num2", **{c: "num2" for c in SCORE_COLUMNS}}
        if "nilai_bawah" in table.columns:
            headers.update({"nilai_bawah": "Batas bawah", "nilai_atas": "Batas atas"})
            fmts.update({"nilai_bawah": "num2", "nilai_atas": "num2"})
        sheet.table(table, headers, fmts)
    sheet.text(
        "Keterangan unsur: " + "; ".join(f"{c} {n}" for c, n in ELEMENTS.items()) + ".", "note"
    )


def _priorities_sheet(report: _Report, laporan: SkmReport) -> None:
    """Sheet 5: the elements ranked by how far they fall below their target band."""
    sheet = report.sheet("Prioritas", "Prioritas Perbaikan", landscape=True)
    sheet.ws.set_column(0, 1, 9)
    sheet.ws.set_column(2, 2, 40)
    sheet.ws.set_column(3, 9, 12)
    prioritas = laporan.prioritas.assign(
        perlu_tindakan=laporan.prioritas["perlu_tindakan"].map({True: "ya", False: "tidak"})
    )
    sheet.table(
        prioritas,
        {
            "peringkat": "Peringkat",
            "unsur": "Kode",
            "nama_unsur": "Unsur pelayanan",
            "nilai": "Nilai",
            "mutu": "Mutu",
            "target_mutu": "Target mutu",
            "batas_target": "Batas target",
            "selisih": "Selisih",
            "persen_skor_rendah": "% skor 1–2",
            "perlu_tindakan": "Perlu tindakan",
        },
        {
            "peringkat": "int",
            "nilai": "num2",
            "batas_target": "num2",
            "selisih": "num2",
            "persen_skor_rendah": "pct",
        },
        repeat=True,
    )


def _plan_sheet(report: _Report, plan: pd.DataFrame) -> None:
    """Sheet 6: the follow-up plan as saved (or a note that none is saved yet)."""
    sheet = report.sheet("Rencana Tindak Lanjut", "Rencana Tindak Lanjut", landscape=True)
    for j, width in enumerate((8, 45, 40, 22, 13, 14)):
        sheet.ws.set_column(j, j, width)
    sheet.table(
        plan,
        {
            "unsur": "Unsur",
            "masalah": "Masalah",
            "tindakan": "Tindakan",
            "penanggung_jawab": "Penanggung jawab",
            "tenggat": "Tenggat",
            "status": "Status",
        },
        {"tenggat": "date"},
        repeat=True,
    )
    if plan.empty:
        sheet.text("Belum ada rencana tindak lanjut yang disimpan.", "note")
