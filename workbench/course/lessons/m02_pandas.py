"""Questions of module 02, "Data layanan dengan pandas": select, filter, group, dates."""

from __future__ import annotations

from workbench.course.lessons._data import dataset, layanan_with_day
from workbench.practice.checkers import FrameQuestion, ValueQuestion
from workbench.practice.core import Question

MODULE = "02-data-layanan-dengan-pandas"


def _lansia_tambak():
    df = dataset("layanan")
    return df[(df["kelurahan"] == "Tambak Sarioso") & (df["prioritas"] == "lansia")]


def questions() -> list[Question]:
    """The questions of module 02, in notebook order."""
    return [
        ValueQuestion(
            "jumlah_kunjungan",
            lambda: len(dataset("layanan")),
            hints=[
                "Setiap baris tabel adalah satu kunjungan.",
                "`len(layanan)` atau `layanan.shape[0]` memberi banyaknya baris.",
            ],
            solution="jumlah_kunjungan = len(layanan)",
            praise="Satu baris = satu kunjungan: selalu pastikan apa arti satu baris.",
        ),
        FrameQuestion(
            "lansia_tambak",
            _lansia_tambak,
            hints=[
                'Dua syarat: `layanan["kelurahan"] == "Tambak Sarioso"` dan '
                '`layanan["prioritas"] == "lansia"`.',
                "Gabungkan dengan `&`, dan beri kurung pada setiap syarat.",
                "Lalu pakai sebagai saringan: `layanan[(syarat1) & (syarat2)]`.",
            ],
            solution=(
                "lansia_tambak = layanan[\n"
                '    (layanan["kelurahan"] == "Tambak Sarioso") & '
                '(layanan["prioritas"] == "lansia")\n]'
            ),
            praise="Menyaring dengan dua syarat sekaligus sama dengan filter bertingkat di Excel.",
        ),
        FrameQuestion(
            "per_layanan",
            lambda: dataset("layanan").groupby("jenis_layanan").size(),
            hints=[
                "Yang dihitung adalah banyaknya baris per jenis layanan.",
                '`layanan["jenis_layanan"].value_counts()` atau '
                '`layanan.groupby("jenis_layanan").size()`.',
            ],
            solution='per_layanan = layanan["jenis_layanan"].value_counts()',
            praise="KTP-el dan Kartu Keluarga memang layanan yang paling banyak diminta.",
        ),
        ValueQuestion(
            "jam_tersibuk",
            lambda: int(layanan_with_day().groupby("jam").size().idxmax()),
            hints=[
                'Hitung kedatangan per jam: `kunjungan.groupby("jam").size()`.',
                "`.idxmax()` memberi label (jam) dengan nilai terbesar.",
            ],
            solution='jam_tersibuk = int(kunjungan.groupby("jam").size().idxmax())',
            praise="Jam itu yang perlu petugas paling lengkap di loket.",
        ),
        ValueQuestion(
            "hari_tersibuk",
            lambda: str(layanan_with_day()["hari"].value_counts().idxmax()),
            hints=[
                'Hitung kunjungan per hari dengan `kunjungan["hari"].value_counts()`.',
                'Tulis nama harinya sebagai teks, misalnya `"Rabu"`.',
            ],
            solution='hari_tersibuk = kunjungan["hari"].value_counts().idxmax()',
            praise="Keluhan warga tentang antrean awal pekan terbukti di data.",
        ),
    ]
