"""Questions of module 01, "Python secukupnya": values, lists, dictionaries, functions, errors."""

from __future__ import annotations

from workbench.practice.checkers import FunctionQuestion, ValueQuestion
from workbench.practice.core import Question

MODULE = "01-python-secukupnya"

#: Waiting times (minutes) of five visitors, as the notebook defines them.
TUNGGU = [12, 5, 30, 8, 20]
#: Population by kelurahan (kecamatan website), as the notebook defines it.
PENDUDUK = {"Asemrowo": 34271, "Genting Kalianak": 8348, "Tambak Sarioso": 7269}


def questions() -> list[Question]:
    """The questions of module 01, in notebook order."""
    return [
        ValueQuestion(
            "rata_rata_tunggu",
            sum(TUNGGU) / len(TUNGGU),
            hints=[
                "Rata-rata = jumlah semua nilai dibagi banyaknya nilai.",
                "`sum(tunggu)` menjumlahkan isi daftar, `len(tunggu)` menghitung banyaknya.",
                "Gabungkan keduanya dengan tanda bagi `/`.",
            ],
            solution="rata_rata_tunggu = sum(tunggu) / len(tunggu)",
            praise="Rata-rata tunggu lima warga itu 15 menit, tepat di batas standar.",
        ),
        ValueQuestion(
            "penduduk_kecamatan",
            sum(PENDUDUK.values()),
            hints=[
                "Nilai-nilai sebuah kamus diambil dengan `penduduk.values()`.",
                "`sum(...)` bisa menjumlahkan nilai-nilai itu.",
            ],
            solution="penduduk_kecamatan = sum(penduduk.values())",
            praise="Tiga kelurahan, hampir lima puluh ribu warga yang dilayani kantor ini.",
        ),
        ValueQuestion(
            "persen_asemrowo",
            round(100 * PENDUDUK["Asemrowo"] / sum(PENDUDUK.values()), 1),
            abs_tol=0.05,
            hints=[
                'Ambil penduduk satu kelurahan dengan `penduduk["Asemrowo"]`.',
                "Persen = 100 × bagian / keseluruhan.",
                "Bulatkan dengan `round(angka, 1)` agar tersisa satu angka di belakang koma.",
            ],
            solution=(
                'persen_asemrowo = round(100 * penduduk["Asemrowo"] / penduduk_kecamatan, 1)'
            ),
            praise="Lebih dari dua pertiga warga kecamatan tinggal di Kelurahan Asemrowo.",
        ),
        FunctionQuestion(
            "status_tunggu",
            [
                ((10,), "tepat waktu"),
                ((15,), "tepat waktu"),
                ((16,), "terlambat"),
                ((45.5,), "terlambat"),
                ((0,), "tepat waktu"),
            ],
            hints=[
                'Pakai `if menit <= 15:` lalu `return "tepat waktu"`.',
                'Jangan lupa bagian `else:` yang mengembalikan `"terlambat"`.',
                "Perhatikan: tepat 15 menit masih memenuhi standar (`<=`, bukan `<`).",
            ],
            solution=(
                "def status_tunggu(menit):\n    if menit <= 15:\n"
                '        return "tepat waktu"\n    else:\n        return "terlambat"'
            ),
            praise="Fungsi Anda menilai setiap waktu tunggu dengan aturan yang sama.",
        ),
        ValueQuestion(
            "nama_galat",
            "KeyError",
            hints=[
                "Nama galat tercetak di baris terakhir pesan merah, sebelum tanda titik dua.",
                "Galat ini muncul saat kunci yang diminta tidak ada di kamus.",
            ],
            solution='nama_galat = "KeyError"',
            praise="Membaca baris terakhir pesan galat adalah kebiasaan yang paling berguna.",
        ),
    ]
