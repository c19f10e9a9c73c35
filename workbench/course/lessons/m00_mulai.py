"""Questions of module 00, "Mulai": first steps in JupyterLab."""

from __future__ import annotations

from workbench.config import get_settings
from workbench.practice.checkers import ValueQuestion
from workbench.practice.core import Question

MODULE = "00-mulai"


def questions() -> list[Question]:
    """The questions of module 00, in notebook order."""
    return [
        ValueQuestion(
            "nama_kantor",
            lambda: get_settings().office_name,
            ignore_case=True,
            hints=[
                'Teks di Python ditulis di antara tanda kutip, misalnya `"Kelurahan X"`.',
                "Nama kantor tercetak pada keluaran sel pengaturan di atas, baris `kantor`.",
            ],
            solution='nama_kantor = "Kecamatan Asemrowo"',
            praise="Anda baru saja mengisi variabel dan menjalankan sel pertama Anda.",
        ),
        ValueQuestion(
            "jenis_sel_penjelasan",
            "markdown",
            ignore_case=True,
            hints=[
                "Ada dua jenis sel utama di notebook ini: sel kode dan sel ...",
                "Sel yang Anda baca sekarang (berisi teks, judul, tabel) adalah sel markdown.",
            ],
            solution='jenis_sel_penjelasan = "markdown"',
            praise="Sel markdown untuk penjelasan, sel kode untuk perintah.",
        ),
        ValueQuestion(
            "menit_per_jp",
            lambda: get_settings().minutes_per_jp,
            hints=[
                "Lihat keluaran sel pengaturan: ada baris `menit per JP`.",
                "Tulis bilangannya saja, tanpa tanda kutip, misalnya `menit_per_jp = 50`.",
            ],
            solution=f"menit_per_jp = {get_settings().minutes_per_jp}",
            praise="Satu JP di kantor ini sepanjang itu; modul ini berdurasi 1 JP.",
        ),
    ]
