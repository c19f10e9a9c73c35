"""Questions of module 12, "Survei kepuasan masyarakat": the index by hand, then the library."""

from __future__ import annotations

from typing import Any

from workbench.course.lessons._data import dataset
from workbench.practice.checkers import FrameQuestion, ValueQuestion
from workbench.practice.core import Question

MODULE = "12-survei-kepuasan-masyarakat"
UNSUR = [f"U{i}" for i in range(1, 10)]


def _nrr():
    return dataset("skm")[UNSUR].mean()


def _ikm():
    return float(_nrr().sum() / 9)


def _mutu():
    from workbench import skm

    return skm.band_for(_ikm() * 25).mutu


def _first_priority():
    from workbench import skm

    return str(skm.priorities(skm.ikm(dataset("skm"))).loc[0, "unsur"])


#: The performance words of the quality table, which learners sometimes give instead of the letter.
_KINERJA = ("sangat baik", "baik", "kurang baik", "tidak baik")


def _letter_not_word(value: Any) -> str | None:
    """``mutu = "Baik"``: the performance word where the letter was asked."""
    if isinstance(value, str) and value.strip().casefold() in _KINERJA:
        return (
            f"`mutu` berisi kinerjanya ({value.strip()!r}), padahal yang diminta huruf mutunya: "
            'satu huruf A–D dari kolom `mutu` tabel, misalnya `mutu = "C"`.'
        )
    if isinstance(value, str) and len(value.strip()) != 1:
        return 'Jawab dengan satu huruf mutu saja, A–D, sebagai teks: misalnya `mutu = "C"`.'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            "`mutu` berisi angka; yang diminta huruf mutu yang rentang nilainya memuat "
            '`nilai_ikm`, sebagai teks: misalnya `mutu = "C"`.'
        )
    return None


def _code_not_name(value: Any) -> str | None:
    """``unsur_prioritas = "Waktu Penyelesaian"``: the name where the code was asked."""
    if isinstance(value, str) and not value.strip().upper().startswith("U"):
        return (
            "Jawab dengan kode unsurnya (kolom `unsur`, U1 sampai U9), bukan namanya: misalnya "
            '`unsur_prioritas = "U1"`.'
        )
    return None


def questions() -> list[Question]:
    """The questions of module 12, in notebook order."""
    return [
        FrameQuestion(
            "nrr",
            _nrr,
            hints=[
                "NRR satu unsur = jumlah skor dibagi jumlah jawaban, yaitu rata-rata kolomnya.",
                "Pilih kesembilan kolom sekaligus dengan `skm_data[UNSUR]`, lalu `.mean()`.",
            ],
            solution="nrr = skm_data[UNSUR].mean()",
            praise="Sembilan NRR, satu per unsur, dengan kode unsur sebagai label.",
        ),
        ValueQuestion(
            "ikm_1_4",
            _ikm,
            hints=[
                "Kalikan setiap NRR dengan bobot 1/9 (`nrr_tertimbang`), lalu jumlahkan.",
                "`nrr_tertimbang.sum()`",
            ],
            solution="ikm_1_4 = nrr_tertimbang.sum()",
            praise="Indeks berskala 1–4: jumlah NRR tertimbang.",
        ),
        ValueQuestion(
            "nilai_ikm",
            lambda: _ikm() * 25,
            hints=["Nilai konversi = IKM × 25, sehingga skalanya 25–100."],
            solution="nilai_ikm = ikm_1_4 * 25",
            praise="Inilah angka yang dipublikasikan sebagai nilai IKM.",
        ),
        ValueQuestion(
            "mutu",
            _mutu,
            ignore_case=True,
            explain=_letter_not_word,
            hints=[
                "Cari baris tabel mutu yang rentang nilai konversinya memuat `nilai_ikm`.",
                "Batas bawah: A 88,31; B 76,61; C 65,00; di bawah itu D. Jawab satu huruf, "
                'misalnya `mutu = "C"`.',
            ],
            solution=f'mutu = "{_mutu()}"  # baris tabel yang rentangnya memuat nilai_ikm',
            praise="Mutu pelayanan dibaca dari nilai konversi, sama seperti di laporan resmi.",
        ),
        ValueQuestion(
            "unsur_prioritas",
            _first_priority,
            ignore_case=True,
            explain=_code_not_name,
            hints=[
                "Lihat kolom `peringkat` pada tabel `prioritas`: peringkat 1 paling jauh di "
                "bawah batas mutu berikutnya.",
                'Jawab dengan kode unsurnya sebagai teks, misalnya `unsur_prioritas = "U1"`.',
            ],
            solution='unsur_prioritas = prioritas.loc[0, "unsur"]',
            praise="Unsur ini yang paling dulu masuk rencana tindak lanjut.",
        ),
    ]
