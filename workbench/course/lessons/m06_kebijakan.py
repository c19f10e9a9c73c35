"""Questions of module 06, "Analisis kebijakan": from a question to evidence and a brief."""

from __future__ import annotations

from workbench.course.lessons._data import layanan_with_day
from workbench.practice.checkers import FrameQuestion, FunctionQuestion, ValueQuestion
from workbench.practice.core import Question

MODULE = "06-analisis-kebijakan"

#: Weeks per month in the notebook's cost arithmetic (stated there as an assumption).
MINGGU_PER_BULAN = 4


def _persen_pergi_per_hari():
    df = layanan_with_day()
    pergi = df["hasil"].eq("pergi sebelum dilayani")
    return (pergi.groupby(df["hari"]).mean() * 100).rename_axis("hari")


def _rata_kunjungan_senin():
    df = layanan_with_day()
    senin = df[df["hari"] == "Senin"]
    return len(senin) / senin["tanggal"].nunique()


def questions() -> list[Question]:
    """The questions of module 06, in notebook order."""
    return [
        FrameQuestion(
            "persen_pergi_per_hari",
            _persen_pergi_per_hari,
            rel_tol=0.01,
            hints=[
                "Kolom `pergi` sudah berisi True/False; rata-rata dari True/False adalah "
                "bagian yang True.",
                'Kelompokkan per hari: `layanan.groupby("hari")["pergi"].mean()`.',
                "Kalikan 100 agar menjadi persen.",
            ],
            solution='persen_pergi_per_hari = layanan.groupby("hari")["pergi"].mean() * 100',
            praise="Rata-rata kolom benar/salah adalah proporsinya: trik yang sering dipakai.",
        ),
        ValueQuestion(
            "rata_kunjungan_senin",
            _rata_kunjungan_senin,
            rel_tol=0.01,
            hints=[
                'Ambil dulu baris hari Senin: `senin = layanan[layanan["hari"] == "Senin"]`.',
                "Banyaknya hari Senin yang buka adalah banyaknya tanggal yang berbeda: "
                '`senin["tanggal"].nunique()`.',
                "Rata-rata per Senin = banyak baris Senin dibagi banyak tanggal Senin.",
            ],
            solution=(
                'senin = layanan[layanan["hari"] == "Senin"]\n'
                'rata_kunjungan_senin = len(senin) / senin["tanggal"].nunique()'
            ),
            praise="Membagi dengan jumlah hari buka, bukan 52 minggu, karena ada hari libur.",
        ),
        FunctionQuestion(
            "jam_petugas_per_bulan",
            [
                ((4, 1, 2), 4 * 1 * 2 * MINGGU_PER_BULAN),
                ((1, 2, 2), 1 * 2 * 2 * MINGGU_PER_BULAN),
                ((0.5, 5, 1), 0.5 * 5 * 1 * MINGGU_PER_BULAN),
                ((3, 0, 2), 0),
            ],
            hints=[
                "Jam petugas per minggu = jam per hari × hari per minggu × jumlah petugas.",
                f"Sebulan dianggap {MINGGU_PER_BULAN} minggu (asumsi yang kita tulis).",
            ],
            solution=(
                "def jam_petugas_per_bulan(jam_per_hari, hari_per_minggu, petugas):\n"
                "    return jam_per_hari * hari_per_minggu * petugas * 4"
            ),
            praise="Satu fungsi, dua pilihan: perbandingan biayanya jadi adil.",
        ),
    ]
