"""The standard SKM report as an Excel workbook, formatted for printing on A4.

Sheets, in the order of a published report: summary (index, quality, interval, sample),
respondent profile, NRR per element, index per group, improvement priorities and the follow-up
plan. Every sheet prints on A4 one page wide, with its header row repeated, the office name in
the page header and page numbers in the footer. The file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import xlsxwriter

from workbench.config import Settings, get_settings
from workbench.errors import WorkbenchError
from workbench.skm.analysis import SkmReport
from workbench.skm.core import ELEMENTS, SCORE_COLUMNS
from workbench.skm.plan import empty_plan, validate_plan
from workbench.storage import atomic_path

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
    path written. Raises :class:`WorkbenchError` when the folder cannot be written.
    """
    settings = settings or get_settings()
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise WorkbenchError(f"Nama berkas laporan harus berakhiran .xlsx, bukan {path.name!r}.")
    plan = validate_plan(rencana) if rencana is not None else empty_plan()
    with atomic_path(path) as tmp:
        _write(laporan, plan, tmp, settings)
    return path


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
        ws.write(self.row, 0, title, formats["title"])
        self.row += 2

    def text(self, value: str, fmt: str = "text") -> None:
        self.ws.write(self.row, 0, value, self.f[fmt])
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
            self.ws.write(self.row, j, headers[column], self.f["header"])
        self.row += 1
        for values in frame[columns].itertuples(index=False):
            for j, (column, value) in enumerate(zip(columns, values, strict=True)):
                self.ws.write(self.row, j, _cell(value), self.f[formats.get(column, "cell")])
            self.row += 1
        self.row += 1


def _escape(text: str) -> str:
    return text.replace("&", "&&")


def _cell(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    if hasattr(value, "item"):
        return value.item()
    return value


def _write(laporan: SkmReport, plan: pd.DataFrame, target: str, settings: Settings) -> None:
    office = settings.office_name
    book = xlsxwriter.Workbook(target, {"remove_timezone": True})
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
    f = {
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "subtitle": book.add_format({**base, "bold": True, "font_size": 11}),
        "text": book.add_format(base),
        "note": book.add_format(
            {**base, "italic": True, "font_color": "#7c2d12", "text_wrap": True}
        ),
        "header": book.add_format(
            {**base, "bold": True, "bg_color": "#dbeafe", "border": 1, "text_wrap": True}
        ),
        "cell": book.add_format({**base, "border": 1, "text_wrap": True}),
        "int": book.add_format({**base, "border": 1, "num_format": "#,##0"}),
        "num2": book.add_format({**base, "border": 1, "num_format": "0.00"}),
        "num3": book.add_format({**base, "border": 1, "num_format": "0.000"}),
        "num4": book.add_format({**base, "border": 1, "num_format": "0.0000"}),
        "pct": book.add_format({**base, "border": 1, "num_format": "0.0"}),
        "date": book.add_format({**base, "border": 1, "num_format": "dd-mm-yyyy"}),
        "label": book.add_format({**base, "bold": True, "border": 1, "bg_color": "#f1f5f9"}),
        "big": book.add_format(
            {**base, "bold": True, "border": 1, "font_size": 12, "num_format": "0.00"}
        ),
    }
    hasil, selang = laporan.hasil, laporan.selang
    printed = dt.datetime.now(settings.tz).strftime("%d-%m-%Y %H.%M WIB")

    # 1. Summary
    sheet = _Sheet(book, f, "Ringkasan", laporan.judul, office, landscape=False)
    sheet.ws.set_column(0, 0, 34)
    sheet.ws.set_column(1, 1, 40)
    periods = laporan.tren["periode"].tolist() if len(laporan.tren) else []
    rows = [
        ("Unit layanan", office, "cell"),
        ("Periode survei", f"{periods[0]} s.d. {periods[-1]}" if periods else "-", "cell"),
        ("Jumlah responden", hasil.jumlah_responden, "int"),
        ("IKM (skala 1–4)", hasil.ikm, "num4"),
        ("Nilai IKM (konversi 25–100)", hasil.nilai, "big"),
        ("Mutu pelayanan", hasil.mutu, "label"),
        ("Kinerja unit pelayanan", hasil.kinerja, "label"),
        (
            f"Selang kepercayaan {selang.tingkat:.0%} (bootstrap)",
            f"{selang.bawah:.2f} – {selang.atas:.2f}".replace(".", ","),
            "cell",
        ),
        ("Bobot per unsur", "1/9" if abs(hasil.bobot - 1 / 9) < 1e-12 else hasil.bobot, "cell"),
    ]
    if hasil.sampel_minimum is not None:
        rows.append(("Pengguna layanan (populasi)", hasil.populasi, "int"))
        rows.append(("Sampel minimum (Krejcie–Morgan)", hasil.sampel_minimum, "int"))
    for label, value, fmt in rows:
        sheet.ws.write(sheet.row, 0, label, f["label"])
        sheet.ws.write(sheet.row, 1, _cell(value), f[fmt])
        sheet.row += 1
    sheet.row += 1
    for note in laporan.catatan:
        sheet.ws.merge_range(sheet.row, 0, sheet.row, 1, note, f["note"])
        sheet.ws.set_row(sheet.row, 45)
        sheet.row += 1
    sheet.text(f"Dicetak {printed}.")
    sheet.text("Batas mutu: A ≥ 88,31; B 76,61–88,30; C 65,00–76,60; D < 65,00 (nilai konversi).")

    # 2. Respondent profile
    sheet = _Sheet(book, f, "Profil Responden", "Profil Responden", office, landscape=False)
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

    # 3. NRR per element
    sheet = _Sheet(
        book, f, "NRR per Unsur", "Nilai Rata-rata per Unsur Pelayanan", office, landscape=True
    )
    sheet.ws.set_column(0, 0, 8)
    sheet.ws.set_column(1, 1, 40)
    sheet.ws.set_column(2, 7, 13)
    elements = hasil.to_frame()
    sheet.table(
        elements,
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
    sheet.ws.write(sheet.row, 1, "IKM (jumlah NRR tertimbang)", f["label"])
    sheet.ws.write(sheet.row, 4, hasil.ikm, f["num4"])
    sheet.ws.write(sheet.row, 5, hasil.nilai, f["big"])
    sheet.ws.write(sheet.row, 6, hasil.mutu, f["label"])
    sheet.row += 2

    # 4. Index per group
    sheet = _Sheet(
        book,
        f,
        "Rincian",
        "IKM per Kelompok Responden, Layanan dan Periode",
        office,
        landscape=True,
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

    # 5. Priorities
    sheet = _Sheet(book, f, "Prioritas", "Prioritas Perbaikan", office, landscape=True)
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

    # 6. Follow-up plan
    sheet = _Sheet(
        book, f, "Rencana Tindak Lanjut", "Rencana Tindak Lanjut", office, landscape=True
    )
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
    book.close()
