"""The data dictionary (``KAMUS-DATA.md``), printed from the schemas so it cannot drift.

``workbench data generate`` writes it next to the CSVs; a test checks the committed copy is
what the schemas say today.
"""

from __future__ import annotations

from dataclasses import fields

from workbench.data.generators import LayananProfile, SkmProfile
from workbench.data.messy import DEFECT_COLUMNS, JENIS_CACAT
from workbench.data.schema import SCHEMAS, Column

__all__ = ["render_dictionary"]

_KIND = {
    "text": "teks",
    "category": "kategori",
    "int": "bilangan bulat",
    "float": "angka desimal",
    "datetime": "tanggal & jam (WIB)",
    "date": "tanggal",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _allowed(col: Column) -> str:
    parts = []
    if col.allowed is not None:
        parts.append(", ".join(f"`{v}`" for v in col.allowed))
    elif col.kind in ("int", "float") and (col.min is not None or col.max is not None):
        parts.append(col.expected())
    elif col.expected_text:
        parts.append(col.expected_text)
    if col.nullable:
        parts.append("boleh kosong")
    if col.unique:
        parts.append("unik")
    if not col.required:
        parts.append("kolom tambahan, tidak selalu ada")
    return "; ".join(parts) or "—"


def _profiles() -> list[str]:
    """The generator parameters with their defaults and meanings."""
    lines = [
        "",
        "## Angka yang membentuk data sintetis",
        "",
        "Tidak ada data terbitan tentang jumlah pengunjung atau lama layanan di Asemrowo, jadi",
        "angka di bawah ini adalah perkiraan yang masuk akal, bukan fakta. Pelatih dapat",
        "mengubahnya, misalnya `data.generate_layanan(seed=1, start=..., end=...,",
        "profile=data.LayananProfile(jumlah_loket=3))`. Tuple per layanan mengikuti urutan",
        "`jenis_layanan` di atas.",
    ]
    for title, profile in (("generate_layanan", LayananProfile), ("generate_skm", SkmProfile)):
        lines += [
            "",
            f"`{profile.__name__}` (untuk `{title}`):",
            "",
            "| parameter | nilai bawaan | arti |",
            "|---|---|---|",
        ]
        for f in fields(profile):
            value = f.default
            shown = ", ".join(str(v) for v in value) if isinstance(value, tuple) else str(value)
            lines.append(f"| `{f.name}` | {_cell(shown)} | {_cell(f.metadata.get('arti', ''))} |")
    return lines


def render_dictionary(shipped: dict, period: tuple) -> str:
    """The data dictionary as Markdown (Bahasa Indonesia) of the ``shipped`` datasets (name ->
    :class:`~workbench.data.shipped.Shipped`) generated for ``period`` (first and last day).

    The shipped table is passed in, not imported, so this module and
    :mod:`workbench.data.shipped` do not import each other.
    """
    lines = [
        "# Kamus Data",
        "",
        "Berkas ini dibuat otomatis oleh `workbench data generate` dari skema di",
        "`workbench/data/schema.py`. Jangan disunting dengan tangan: ubah skemanya, lalu jalankan",
        "perintah itu lagi.",
        "",
        "Semua dataset di folder ini **sintetis**: dibuat komputer dengan seed tetap, meniru",
        "pola Kecamatan Asemrowo, tetapi bukan data warga atau pegawai sungguhan (UU 27/2022",
        "tentang Pelindungan Data Pribadi). Jalankan `workbench data generate` untuk membuat",
        "ulang; hasilnya sama persis byte demi byte.",
        "",
        "## Cara membaca",
        "",
        "```python",
        "from workbench import data",
        "",
        'layanan = data.load("layanan")  # sudah diperiksa, tipe kolom sudah benar',
        'kotor = data.load("layanan_kotor")  # apa adanya, semua teks, untuk latihan',
        'cacat = data.defects("layanan_kotor")  # kunci jawaban: daftar cacat yang disisipkan',
        'berkas = data.read_csv("unduhan.csv", "layanan")  # berkas sendiri, diperiksa',
        "```",
        "",
        "Format berkas: CSV dipisah koma, UTF-8, satu baris judul. Jam ditulis sebagai jam WIB",
        "tanpa zona (`2025-01-06 08:15:00`); setelah `load` kolom tanggal/jam bertipe",
        "`datetime64[s, Asia/Jakarta]`. Sel kosong berarti nilai tidak ada.",
        "",
        f"Periode data: {period[0]:%d-%m-%Y} s.d. {period[1]:%d-%m-%Y}. "
        "Hari libur nasional dan cuti bersama diambil dari paket `holidays` (Indonesia).",
        "",
        "## Daftar berkas",
        "",
        "| dataset | berkas | seed | keterangan |",
        "|---|---|---|---|",
    ]
    for name, entry in shipped.items():
        if entry.messy_of:
            about = f"versi kotor dari `{entry.messy_of}`; cacat di `{entry.defects_filename}`"
        else:
            about = SCHEMAS[name].title
        lines.append(f"| `{name}` | `{entry.filename}` | {entry.seed} | {about} |")
    for schema in SCHEMAS.values():
        lines += [
            "",
            f"## `{schema.name}`: {schema.title}",
            "",
            _cell(schema.description),
            "",
        ]
        if schema.key:
            lines += [f"Kunci baris: {', '.join(f'`{k}`' for k in schema.key)}.", ""]
        lines += [
            "| kolom | tipe | nilai yang sah | arti |",
            "|---|---|---|---|",
        ]
        for col in schema.columns:
            lines.append(
                f"| `{col.name}` | {_KIND[col.kind]} | {_cell(_allowed(col))} | "
                f"{_cell(col.meaning)} |"
            )
        if schema.rules:
            lines += ["", "Aturan antar-kolom:", ""]
            lines += [
                f"- {_cell(r.expected)} ({_cell(r.message)} dilaporkan)" for r in schema.rules
            ]
    lines += _profiles()
    lines += [
        "",
        "## Dataset kotor dan daftar cacatnya",
        "",
        "`layanan_kotor` (Januari–Februari) dan `skm_kotor` (semua responden) dibuat dari dataset",
        "bersihnya lalu disisipi cacat. Setiap cacat tercatat satu baris di berkas `*_cacat.csv`",
        "(`data.defects(nama)`), dengan kolom:",
        "",
        "| kolom | arti |",
        "|---|---|",
        "| `baris` | nomor baris di berkas kotor seperti terlihat di Excel (judul = baris 1) |",
        "| `kunci` | `no_tiket` / `id_responden` baris bersih asalnya |",
        "| `kolom` | kolom yang cacat (kosong untuk baris ganda) |",
        "| `jenis_cacat` | jenis cacat, lihat tabel di bawah |",
        "| `nilai_kotor` | isi sel di berkas kotor (kosong bila nilainya hilang) |",
        "| `nilai_benar` | isi sel yang benar, seperti ditulis di berkas bersih |",
        "",
        "| jenis_cacat | arti |",
        "|---|---|",
    ]
    assert DEFECT_COLUMNS[0] == "baris"
    lines += [f"| {kind} | {_cell(meaning)} |" for kind, meaning in JENIS_CACAT.items()]
    lines += [
        "",
        "Jawaban pembersihan yang benar: `data.truth(nama)` (baris bersih yang sesuai).",
        "",
        "## Membaca berkas sendiri",
        "",
        "`data.read_csv(berkas, skema)` dan `data.read_excel(berkas, skema)` menerima pemisah `;`,",
        "`,`, tab atau `|`, koma desimal, UTF-8 (dengan/tanpa BOM), UTF-16 dan Windows-1252, serta",
        "tanggal `06/01/2025`, `06/01/2025 08.15` atau `6 Januari 2025`. Spasi di awal/akhir nilai",
        "kategori dibuang. Baris judul laporan di atas baris judul kolom (misalnya `REKAP SKM",
        "2025`), baris kosong, dan kolom tanpa judul yang kosong (tanda `;` di akhir setiap baris)",
        "dilewati; nomor baris dalam pesan tetap nomor baris di Excel. Bila ada yang salah, muncul",
        "satu pesan yang mendaftar **semua** masalah (berkas, baris, kolom, nilai, seharusnya) dan",
        "tidak ada berkas yang ditulis.",
        "",
    ]
    return "\n".join(lines)
