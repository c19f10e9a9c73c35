"""Questions of module 05, "Mengelola data dan privasi": tidy tables, joins, masking."""

from __future__ import annotations

import pandas as pd

from workbench.config import get_settings
from workbench.course.lessons._data import dataset
from workbench.practice.checkers import FrameQuestion, FunctionQuestion, ValueQuestion
from workbench.practice.core import Question

MODULE = "05-mengelola-data-dan-privasi"

#: The spreadsheet-style recap of JP per unit and quarter, exactly as the notebook types it.
REKAP_EXCEL = pd.DataFrame(
    {
        "Unit": ["Sekretariat", "Seksi Pelayanan", "Kelurahan", "Jumlah"],
        "TW I": [24, 40, 36, 100],
        "TW II": [12, 52, 20, 84],
        "TW III": [30, 18, 44, 92],
        "TW IV": [8, 26, 16, 50],
    }
)


def _rapi() -> pd.DataFrame:
    rows = REKAP_EXCEL[REKAP_EXCEL["Unit"] != "Jumlah"]
    return rows.melt(id_vars="Unit", var_name="triwulan", value_name="jp")


def _jp_per_pegawai() -> pd.DataFrame:
    pegawai, pelatihan = dataset("pegawai"), dataset("pelatihan")
    total = pelatihan.groupby("nip", as_index=False)["jp"].sum()
    out = pegawai[["nip"]].merge(total, on="nip", how="left")
    return out.fillna({"jp": 0})


def _belum_cukup() -> int:
    return int((_jp_per_pegawai()["jp"] < get_settings().jp_per_year).sum())


def questions() -> list[Question]:
    """The questions of module 05, in notebook order."""
    return [
        FrameQuestion(
            "rapi",
            _rapi,
            hints=[
                'Buang dulu baris `Jumlah`: `rekap_excel[rekap_excel["Unit"] != "Jumlah"]`.',
                "`melt` memutar kolom-kolom triwulan menjadi baris: "
                '`.melt(id_vars="Unit", var_name="triwulan", value_name="jp")`.',
            ],
            solution=(
                'rapi = rekap_excel[rekap_excel["Unit"] != "Jumlah"].melt(\n'
                '    id_vars="Unit", var_name="triwulan", value_name="jp"\n)'
            ),
            praise="Satu baris satu pengamatan: tabel ini bisa dijumlah, disaring dan digabung.",
        ),
        FrameQuestion(
            "jp_per_pegawai",
            _jp_per_pegawai,
            hints=[
                'Jumlahkan JP per NIP: `pelatihan.groupby("nip", as_index=False)["jp"].sum()`.',
                'Gabungkan ke daftar semua pegawai dengan `how="left"`, agar pegawai tanpa '
                "pelatihan tetap ada.",
                "Pegawai tanpa pelatihan mendapat JP kosong (NaN); isi dengan 0: "
                '`.fillna({"jp": 0})`. Simpan kolom `nip` dan `jp` saja.',
            ],
            solution=(
                'total = pelatihan.groupby("nip", as_index=False)["jp"].sum()\n'
                'jp_per_pegawai = pegawai[["nip"]].merge(total, on="nip", how="left")'
                '.fillna({"jp": 0})'
            ),
            praise="Gabungan kiri menjaga pegawai yang belum pernah pelatihan tetap terlihat.",
        ),
        ValueQuestion(
            "belum_cukup",
            _belum_cukup,
            hints=[
                'Bandingkan kolom `jp` dengan hak minimal: `jp_per_pegawai["jp"] < 20`.',
                "Jumlahkan hasil True/False dengan `.sum()`.",
            ],
            solution='belum_cukup = (jp_per_pegawai["jp"] < pengaturan.jp_per_year).sum()',
            praise="Merekalah yang perlu diprioritaskan dalam rencana pengembangan tahun depan.",
        ),
        FunctionQuestion(
            "samarkan",
            [
                (("198705122010011003",), "*" * 14 + "1003"),
                (("3578010101900001",), "*" * 12 + "0001"),
                (("197712312001012929",), "*" * 14 + "2929"),
                (("1234",), "1234"),
            ],
            hints=[
                "Empat angka terakhir: `nomor[-4:]`.",
                'Banyaknya bintang = panjang nomor dikurangi 4: `"*" * (len(nomor) - 4)`.',
            ],
            solution=('def samarkan(nomor):\n    return "*" * (len(nomor) - 4) + nomor[-4:]'),
            praise="Tanggal lahir dan bulan pengangkatan yang tersimpan di NIP tidak lagi terbaca.",
        ),
        ValueQuestion(
            "pilihan_kirim",
            "b",
            ignore_case=True,
            hints=[
                "Prinsip UU 27/2022: kirim sesedikit mungkin data pribadi, hanya yang perlu.",
                "Grup percakapan dan tautan publik tidak bisa dikendalikan siapa yang membuka.",
            ],
            solution='pilihan_kirim = "b"',
            praise="Minimalkan data, samarkan nomor identitas, dan pakai saluran resmi.",
        ),
    ]
