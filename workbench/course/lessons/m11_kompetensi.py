"""Questions of module 11, "Kompetensi dan pengembangan ASN": gaps, match, the office's picture."""

from __future__ import annotations

from functools import cache

from workbench.course.lessons._data import dataset
from workbench.practice.checkers import ValueQuestion
from workbench.practice.core import Question

MODULE = "11-kompetensi-dan-pengembangan"

#: The worked example of the notebook: a supervisor says 2, the person says 4.
ATASAN, DIRI = 2, 4


@cache
def _office():
    """The office's gaps from the synthetic colleagues (supervisor and self)."""
    from workbench import competency

    return competency.gaps(
        competency.load_standards(),
        competency.example_assessments(),
        pegawai=dataset("pegawai"),
    )


def _combined() -> float:
    from workbench import competency

    weights = competency.load_weights()
    return (weights["atasan"] * ATASAN + weights["diri"] * DIRI) / (
        weights["atasan"] + weights["diri"]
    )


def _short_on_safety() -> int:
    gaps = _office()
    return int((gaps[gaps["kompetensi"] == "Keamanan Digital"]["kesenjangan"] > 0).sum())


def _first_priority() -> str:
    from workbench import competency, course

    signals = course.skm_signals(dataset("skm"))
    return str(competency.unit_priorities(_office(), skm=signals).loc[0, "kompetensi"])


def _behind() -> int:
    from workbench import competency

    activities = competency.pelatihan_activities(dataset("pelatihan"))
    ledger = competency.jp_ledger(activities, 2025, pegawai=dataset("pegawai"))
    return int((~ledger["memenuhi"]).sum())


def questions() -> list[Question]:
    """The questions of module 11, in notebook order."""
    return [
        ValueQuestion(
            "level_gabungan",
            _combined,
            rel_tol=0.005,
            hints=[
                "Kalikan setiap level dengan bobot sumbernya, jumlahkan, lalu bagi dengan jumlah "
                "bobot sumber yang ada (bukan dengan 1: sumber latihan dan tugas tidak ada).",
                "`(bobot['atasan'] * 2 + bobot['diri'] * 4) / (bobot['atasan'] + bobot['diri'])`",
            ],
            solution=(
                "level_gabungan = (bobot['atasan'] * 2 + bobot['diri'] * 4) / "
                "(bobot['atasan'] + bobot['diri'])"
            ),
            praise="Penilaian atasan berbobot lebih besar, jadi hasilnya lebih dekat ke 2.",
        ),
        ValueQuestion(
            "kecocokan",
            87.5,
            rel_tol=0.001,
            hints=[
                "Untuk setiap kompetensi ambil yang lebih kecil dari dimiliki dan dibutuhkan: "
                "level di atas standar tidak menutup kekurangan di kompetensi lain.",
                "Σ min = 2 + 3 + 2 = 7; Σ dibutuhkan = 3 + 3 + 2 = 8; kecocokan = 100 × 7 / 8.",
            ],
            solution=(
                "kecocokan = 100 * contoh[['dimiliki', 'dibutuhkan']].min(axis=1).sum() / "
                "contoh['dibutuhkan'].sum()"
            ),
            praise="Inilah rumus kecocokan jabatan yang dipakai competency.job_match.",
        ),
        ValueQuestion(
            "kategori",
            "Cukup Optimal",
            ignore_case=True,
            hints=["Optimal mulai 90, Cukup Optimal mulai 78, di bawahnya Kurang Optimal."],
            solution='kategori = "Cukup Optimal"  # 87,5 ada di antara 78 dan 90',
            praise="Batas kategori ini bisa diubah pelatih di kategori_kecocokan.csv.",
        ),
        ValueQuestion(
            "jumlah_kurang_keamanan",
            _short_on_safety,
            hints=[
                "Saring baris `kantor` yang kompetensinya 'Keamanan Digital', lalu hitung "
                "berapa yang kesenjangannya lebih dari 0.",
                "`(keamanan['kesenjangan'] > 0).sum()` dengan "
                "`keamanan = kantor[kantor['kompetensi'] == 'Keamanan Digital']`",
            ],
            solution=(
                "keamanan = kantor[kantor['kompetensi'] == 'Keamanan Digital']\n"
                "jumlah_kurang_keamanan = (keamanan['kesenjangan'] > 0).sum()"
            ),
            praise="Keamanan digital juga pilar terlemah di indeks literasi digital nasional.",
        ),
        ValueQuestion(
            "prioritas_pertama",
            _first_priority,
            ignore_case=True,
            hints=[
                "Lihat baris pertama tabel `prioritas` (kolom `kompetensi`).",
                "`prioritas.loc[0, 'kompetensi']`",
            ],
            solution="prioritas_pertama = prioritas.loc[0, 'kompetensi']",
            praise="Pelatihan pertama kantor: kesenjangan terbesar dan terluas, ditambah suara "
            "warga.",
        ),
        ValueQuestion(
            "belum_20_jp",
            _behind,
            hints=[
                "Kolom `memenuhi` bernilai True bila JP sudah 20 atau lebih.",
                "`(~jp['memenuhi']).sum()` atau `(jp['kurang'] > 0).sum()`",
            ],
            solution="belum_20_jp = (jp['kurang'] > 0).sum()",
            praise="Merekalah yang perlu dijadwalkan lebih dulu tahun depan.",
        ),
    ]
