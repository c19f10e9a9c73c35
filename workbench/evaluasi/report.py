"""The evaluation report of one training activity, in Excel and PDF.

The structure follows the evaluation reports Indonesian training units write for a development
activity (Peraturan LAN No. 10 Tahun 2018 expects activities to be evaluated): identity of the
activity, participants, JP, the four levels (reaction, learning, behaviour, results),
conclusions and follow-up. :func:`report_sections` builds that content once; :func:`write_excel`
(through :mod:`workbench.office`: text stays text, numbers are numbers) and :func:`write_pdf`
(fpdf2 with the DejaVu fonts matplotlib ships, as the certificates) lay the same content out,
so the two files never disagree. Participants are counted per unit and position, never named:
the report can be shared with BKPSDM as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench import office
from workbench.data.evaluasi import REAKSI_ITEMS, split_list
from workbench.data.schema import UNSUR_SKM
from workbench.errors import WorkbenchError
from workbench.evaluasi.overview import ActivityEvaluation
from workbench.evaluasi.results import MEASURES
from workbench.storage import atomic_path

__all__ = ["Section", "report_sections", "write_excel", "write_pdf", "write_report"]


@dataclass(frozen=True)
class Section:
    """One part of the report: a heading, paragraphs, and tables of text cells."""

    judul: str
    teks: tuple[str, ...] = ()
    tabel: tuple[tuple[str, pd.DataFrame], ...] = field(default_factory=tuple)


def _dates(k: pd.Series) -> str:
    start, end = k["tanggal_mulai"], k["tanggal_selesai"]
    return (
        fmt.date_long(start)
        if start == end
        else (f"{fmt.date_long(start)} s.d. {fmt.date_long(end)}")
    )


def _identity(ev: ActivityEvaluation) -> Section:
    k = ev.kegiatan
    codes = split_list(k.get("unsur_skm"))
    rows = [
        ("Nama kegiatan", k["nama"]),
        ("Kode", k["id_kegiatan"]),
        ("Jenis", k["jenis"]),
        ("Waktu", _dates(k)),
        ("Jam pelajaran", f"{fmt.number(k['jp'], None)} JP"),
        ("Penyelenggara", k.get("penyelenggara") or fmt.MISSING),
        ("Kompetensi yang dikembangkan", "; ".join(split_list(k.get("kompetensi"))) or fmt.MISSING),
        (
            "Unsur SKM sasaran",
            "; ".join(f"{c} {UNSUR_SKM.get(c, '')}" for c in codes) or fmt.MISSING,
        ),
        (
            "Loket kantor yang dilayani peserta",
            "; ".join(split_list(k.get("kantor"))) or fmt.MISSING,
        ),
    ]
    return Section("A. Identitas kegiatan", tabel=(("", _frame(rows, ["Hal", "Keterangan"])),))


def _frame(rows, columns) -> pd.DataFrame:
    return pd.DataFrame([[str(v) for v in row] for row in rows], columns=columns)


def _participants(ev: ActivityEvaluation) -> Section:
    people = ev.peserta
    by_unit = people.groupby("unit").size().sort_values(ascending=False)
    rows = [(unit, fmt.count(n)) for unit, n in by_unit.items()]
    rows.append(("Jumlah", fmt.count(len(people))))
    jp = float(ev.kegiatan["jp"]) * len(people)
    return Section(
        "B. Peserta",
        (
            f"{fmt.count(len(people))} pegawai mengikuti kegiatan ini; JP yang diakui "
            f"{fmt.number(ev.kegiatan['jp'], None)} JP per peserta, {fmt.number(jp, None)} JP "
            "seluruhnya. Peserta tidak disebut namanya dalam laporan ini.",
        ),
        (("Peserta per unit kerja", _frame(rows, ["Unit kerja", "Peserta"])),),
    )


def _reaction(ev: ActivityEvaluation) -> Section:
    r = ev.reaksi
    rows = [
        (
            f"{row.kode}. {REAKSI_ITEMS[row.kode]}",
            fmt.count(row.jawaban),
            fmt.number(row.rata, 2),
            _interval(row.bawah, row.atas, 2),
            fmt.percent(row.persen_setuju / 100, 0),
        )
        for row in r.butir.itertuples()
    ]
    return Section(
        "C. Evaluasi reaksi (level 1)",
        (ev.kesimpulan["reaksi"], *r.catatan),
        (
            (
                "Rata-rata kesetujuan 1–5 (selang kepercayaan 95%)",
                _frame(rows, ["Pernyataan", "Jawaban", "Rata-rata", "Selang 95%", "Setuju (4–5)"]),
            ),
        ),
    )


def _interval(low, high, decimals=1) -> str:
    if pd.isna(low) or pd.isna(high):
        return fmt.MISSING
    return f"{fmt.number(low, decimals)} – {fmt.number(high, decimals)}"


def _signed_interval(low, high, decimals=1) -> str:
    if pd.isna(low) or pd.isna(high):
        return fmt.MISSING
    return f"{fmt.signed(low, decimals)} s.d. {fmt.signed(high, decimals)}"


def _learning(ev: ActivityEvaluation) -> Section:
    rows = [
        (
            getattr(r, "kompetensi", "") or "seluruh kegiatan",
            fmt.count(r.peserta),
            fmt.number(r.rata_awal, 1),
            fmt.number(r.rata_akhir, 1),
            fmt.signed(r.rata_naik, 1),
            _signed_interval(r.bawah, r.atas),
            r.putusan,
        )
        for r in ev.belajar.itertuples()
    ]
    sources = sorted(
        set(ev.belajar_rinci.get("sumber_awal", [])) | set(ev.belajar_rinci.get("sumber_akhir", []))
    )
    notes = (ev.kesimpulan["belajar"],) + (
        ("Asal nilai: " + "; ".join(s for s in sources if s) + ".",) if sources else ()
    )
    return Section(
        "D. Evaluasi pembelajaran (level 2)",
        notes,
        (
            (
                "Nilai 0–100 sebelum (awal) dan sesudah (akhir), kenaikan dengan selang 95%",
                _frame(
                    rows,
                    [
                        "Kompetensi",
                        "Peserta",
                        "Awal",
                        "Akhir",
                        "Kenaikan",
                        "Selang 95%",
                        "Kesimpulan",
                    ],
                ),
            ),
        ),
    )


def _behaviour(ev: ActivityEvaluation) -> Section:
    rows = [
        (
            r.sumber,
            fmt.count(r.dinilai),
            fmt.count(r.belum),
            fmt.number(r.rata_sebelum, 2),
            fmt.number(r.rata_sesudah, 2),
            fmt.signed(r.rata_perubahan, 2),
            _signed_interval(r.bawah, r.atas, 2),
            r.putusan,
        )
        for r in ev.perilaku.itertuples()
    ]
    states = ev.jadwal["status"].value_counts()
    schedule = [
        (s, fmt.count(states.get(s, 0)))
        for s in ("sudah dinilai", "jatuh tempo", "terlambat", "belum waktunya")
    ]
    return Section(
        "E. Evaluasi perilaku (level 3)",
        (
            ev.kesimpulan["perilaku"],
            "Penilaian tindak lanjut oleh atasan dan pengamat 1–3 bulan sesudah kegiatan, "
            "dibanding penilaian sebelum kegiatan (level 1–5, PermenPANRB 38/2017).",
        ),
        (
            (
                "Perubahan level menurut penilai",
                _frame(
                    rows,
                    [
                        "Penilai",
                        "Dinilai",
                        "Belum",
                        "Sebelum",
                        "Sesudah",
                        "Perubahan",
                        "Selang 95%",
                        "Kesimpulan",
                    ],
                ),
            ),
            ("Jadwal penilaian tindak lanjut", _frame(schedule, ["Keadaan", "Jumlah"])),
        ),
    )


def _results(ev: ActivityEvaluation) -> Section:
    rows = []
    for r in ev.hasil:
        label, unit, _better, decimals = MEASURES[r.ukuran]
        est = r.estimate
        rows.append(
            (
                r.kantor,
                f"{label} ({unit})",
                "kantor pembanding" if r.pembanding else "deret waktu",
                fmt.number(r.sebelum, decimals),
                fmt.number(r.sesudah, decimals),
                fmt.signed(est.nilai, decimals) if est.cukup else fmt.MISSING,
                _signed_interval(est.bawah, est.atas, decimals) if est.cukup else fmt.MISSING,
                r.putusan if est.cukup else f"{r.putusan}: {est.alasan}",
            )
        )
    survey = [
        (
            f"{c.unsur} {c.nama}",
            fmt.number(c.sebelum, 2),
            fmt.number(c.sesudah, 2),
            fmt.signed(c.estimate.nilai, 2) if c.estimate.cukup else fmt.MISSING,
            _signed_interval(c.estimate.bawah, c.estimate.atas, 2),
            c.putusan,
        )
        for c in ev.skm
    ]
    notes = [ev.kesimpulan["hasil"]]
    notes += [f"Catatan model: {n}." for n in dict.fromkeys(n for r in ev.hasil for n in r.catatan)]
    notes += [
        f"Data contoh: efek yang ditanam pada rata-rata waktu tunggu di {office} = "
        f"{fmt.signed(value, 1)} menit (dibanding warga yang sama tanpa pelatihan)."
        for office, value in ev.efek_sebenarnya.items()
    ]
    tables = []
    if rows:
        tables.append(
            (
                "Layanan loket sebelum dan sesudah (rata-rata harian; perubahan karena kegiatan "
                "dengan selang 95%, Newey-West)",
                _frame(
                    rows,
                    [
                        "Kantor",
                        "Ukuran",
                        "Cara",
                        "Sebelum",
                        "Sesudah",
                        "Perubahan",
                        "Selang 95%",
                        "Kesimpulan",
                    ],
                ),
            )
        )
    if survey:
        tables.append(
            (
                "SKM 6 bulan sebelum dan sesudah (nilai 25–100)",
                _frame(
                    survey, ["Unsur", "Sebelum", "Sesudah", "Perubahan", "Selang 95%", "Kesimpulan"]
                ),
            )
        )
    return Section("F. Evaluasi hasil (level 4)", tuple(notes), tuple(tables))


def report_sections(ev: ActivityEvaluation) -> list[Section]:
    """The content of the report, section by section (A–H)."""
    conclusions = tuple(f"{level.capitalize()}: {text}" for level, text in ev.kesimpulan.items())
    follow = ev.tindak_lanjut or ("Tidak ada tindak lanjut yang tertunda.",)
    return [
        _identity(ev),
        _participants(ev),
        _reaction(ev),
        _learning(ev),
        _behaviour(ev),
        _results(ev),
        Section("G. Kesimpulan", conclusions),
        Section("H. Tindak lanjut", tuple(f"{i}. {t}" for i, t in enumerate(follow, 1))),
    ]


_TITLE = "LAPORAN EVALUASI KEGIATAN PENGEMBANGAN KOMPETENSI"


def write_excel(
    ev: ActivityEvaluation, path: str | os.PathLike, *, office_name: str, printed: str
) -> Path:
    """The report as one printable sheet (A4 portrait) in ``path`` (``.xlsx``)."""
    target = Path(path)
    with office.workbook(target) as book:
        f = _excel_formats(book)
        ws = book.add_worksheet("Laporan")
        ws.set_paper(9)
        ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
        ws.set_header(f"&L&8{office_name.replace('&', '&&')}&R&8Evaluasi kegiatan")
        ws.set_footer("&L&8Dicetak " + printed.replace("&", "&&") + "&R&8Halaman &P dari &N")
        ws.set_column(0, 0, 42)
        ws.set_column(1, 7, 15)
        row = _excel_header(ws, f, ev, office_name)
        for section in report_sections(ev):
            row = _excel_section(ws, f, section, row)
    return target


def _excel_formats(book) -> dict:
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top", "text_wrap": True}
    specs = {
        "title": {"bold": True, "font_size": 14, "text_wrap": False},
        "section": {"bold": True, "font_size": 12, "font_color": "#14468a", "text_wrap": False},
        "caption": {"italic": True},
        "text": {},
        "header": {"bold": True, "bg_color": "#dbeafe", "border": 1},
        "cell": {"border": 1},
    }
    return {name: book.add_format({**base, **spec}) for name, spec in specs.items()}


def _excel_header(ws, f, ev: ActivityEvaluation, office_name: str) -> int:
    office.write_cell(ws, 0, 0, _TITLE, f["title"])
    office.write_cell(ws, 1, 0, office_name, f["text"])
    office.write_cell(ws, 2, 0, ev.judul, f["text"])
    return 4


def _excel_section(ws, f, section: Section, row: int) -> int:
    office.write_cell(ws, row, 0, section.judul, f["section"])
    row += 1
    for text in section.teks:
        ws.merge_range(row, 0, row, 7, "", f["text"])
        office.write_cell(ws, row, 0, text, f["text"])
        ws.set_row(row, 15 * max(1, len(text) // 120 + 1))
        row += 1
    for caption, table in section.tabel:
        if caption:
            office.write_cell(ws, row, 0, caption, f["caption"])
            row += 1
        for j, column in enumerate(table.columns):
            office.write_cell(ws, row, j, column, f["header"])
        row += 1
        for values in table.itertuples(index=False):
            for j, value in enumerate(values):
                office.write_cell(ws, row, j, value, f["cell"])
            row += 1
        row += 1
    return row + 1


# --- PDF -------------------------------------------------------------------------------------


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def write_pdf(
    ev: ActivityEvaluation, path: str | os.PathLike, *, office_name: str, printed: str
) -> Path:
    """The report as an A4 PDF in ``path``, written atomically."""
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(f"Evaluasi {ev.kegiatan['nama']}")
    pdf.set_author(office_name)
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, _TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, f"{office_name}\n{ev.judul}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for section in report_sections(ev):
        _pdf_section(pdf, section)
    pdf.set_font("DejaVu", "I", 8)
    pdf.multi_cell(0, 4, f"Dicetak {printed} dengan ASN Workbench.", new_x="LMARGIN", new_y="NEXT")
    target = Path(path)
    with atomic_path(target, suffix=".pdf") as tmp:
        pdf.output(str(tmp))
    return target


def _pdf_section(pdf, section: Section) -> None:
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_text_color(20, 70, 138)
    pdf.multi_cell(0, 6, section.judul, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(15, 23, 42)
    pdf.set_font("DejaVu", "", 9)
    for text in section.teks:
        pdf.multi_cell(0, 4.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    for caption, table in section.tabel:
        if caption:
            pdf.set_font("DejaVu", "I", 8.5)
            pdf.multi_cell(0, 4.5, caption, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 8)
        widths = _widths(table, pdf.epw)
        with pdf.table(
            col_widths=widths, text_align="LEFT", line_height=4, headings_style=_heading_style()
        ) as grid:
            grid.row(list(table.columns))
            for values in table.itertuples(index=False):
                grid.row([str(v) for v in values])
        pdf.ln(2)
    pdf.ln(2)


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(219, 234, 254))


def _widths(table: pd.DataFrame, total: float) -> tuple[float, ...]:
    """Column widths in proportion to the longest text of each column (first column wider)."""
    longest = [max([len(str(c))] + [len(str(v)) for v in table[c]]) for c in table.columns]
    weights = [min(max(n, 8), 60) for n in longest]
    weights[0] = max(weights[0], 18)
    scale = total / sum(weights)
    return tuple(w * scale for w in weights)


def write_report(
    ev: ActivityEvaluation, path: str | os.PathLike, *, office_name: str, printed: str
) -> Path:
    """``.xlsx`` or ``.pdf`` by the file's name."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_excel(ev, path, office_name=office_name, printed=printed)
    if suffix == ".pdf":
        return write_pdf(ev, path, office_name=office_name, printed=printed)
    raise WorkbenchError(f"Laporan {Path(path).name} harus berakhiran .xlsx atau .pdf.")
