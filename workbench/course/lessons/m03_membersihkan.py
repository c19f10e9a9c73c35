"""Questions of module 03, "Membersihkan data": the messy visits, checked against the truth.

The messy file ``layanan_kotor`` comes with its answer key: the clean rows and the list of
every injected defect. A learner's cleaned columns are compared with that key, except for
cells no cleaning can recover (a value that is simply missing, an end time before the
start), which a careful cleaner leaves empty.
"""

from __future__ import annotations

from workbench.course.lessons._data import _answer_key, dataset, truth_after_cleaning
from workbench.practice.checkers import FrameQuestion, FunctionQuestion, ValueQuestion
from workbench.practice.core import Question

MODULE = "03-membersihkan-data"
NAME = "layanan_kotor"


def _duplicates() -> int:
    return int(dataset(NAME).duplicated().sum())


def _kelurahan_cases() -> list[tuple[tuple[str], str]]:
    messy = dataset(NAME).drop_duplicates()
    clean, _ = _answer_key(NAME)
    pairs = messy[["no_tiket", "kelurahan"]].merge(
        clean[["no_tiket", "kelurahan"]], on="no_tiket", suffixes=("_kotor", "")
    )
    pairs = pairs.dropna().drop_duplicates("kelurahan_kotor").sort_values("kelurahan_kotor")
    return [
        ((dirty,), right)
        for dirty, right in zip(pairs["kelurahan_kotor"], pairs["kelurahan"], strict=True)
    ]


def _impossible() -> int:
    _, found = _answer_key(NAME)
    rows = found[(found["kolom"] == "selesai") & (found["jenis_cacat"] == "nilai mustahil")]
    return int(rows["kunci"].nunique())


def questions() -> list[Question]:
    """The questions of module 03, in notebook order."""
    return [
        ValueQuestion(
            "jumlah_ganda",
            _duplicates,
            hints=[
                "`kotor.duplicated()` memberi True untuk baris yang sama persis dengan baris "
                "sebelumnya.",
                "Jumlahkan kolom True/False itu dengan `.sum()`.",
            ],
            solution="jumlah_ganda = kotor.duplicated().sum()",
            praise="Baris ganda membuat kunjungan terhitung dua kali; kini Anda tahu jumlahnya.",
        ),
        FunctionQuestion(
            "rapikan_kelurahan",
            _kelurahan_cases,
            hints=[
                "Mulai dengan `teks.strip()` untuk membuang spasi di tepi.",
                "Bandingkan tanpa memedulikan huruf besar/kecil: `.casefold()` pada teks dan "
                "pada daftar nama sah.",
                "Untuk salah ketik, `difflib.get_close_matches(teks, pilihan, n=1, "
                "cutoff=0.75)` mencari nama sah yang paling mirip.",
            ],
            solution=(
                "def rapikan_kelurahan(teks):\n"
                "    kecil = {nama.casefold(): nama for nama in KELURAHAN_SAH}\n"
                "    kunci = teks.strip().casefold()\n"
                "    mirip = difflib.get_close_matches(kunci, list(kecil), n=1, cutoff=0.75)\n"
                "    return kecil[mirip[0]] if mirip else None"
            ),
            praise="Satu fungsi merapikan spasi, huruf besar/kecil dan salah ketik sekaligus.",
        ),
        FrameQuestion(
            "kelurahan_bersih",
            lambda: truth_after_cleaning(NAME, "kelurahan", unknowable=("nilai hilang",)),
            hints=[
                "Baca dari `asal` (baris unik apa adanya), tulis hasilnya ke `bersih`.",
                "Terapkan fungsi pada nilai yang tidak kosong: "
                '`bersih["kelurahan"] = asal["kelurahan"].dropna().map(rapikan_kelurahan)`.',
                'Simpan dua kolom saja: `bersih[["no_tiket", "kelurahan"]]`.',
            ],
            solution=(
                'bersih["kelurahan"] = asal["kelurahan"].dropna().map(rapikan_kelurahan)\n'
                'kelurahan_bersih = bersih[["no_tiket", "kelurahan"]]'
            ),
            praise="Kolom kelurahan kini cocok dengan catatan kebenaran.",
        ),
        FrameQuestion(
            "tanggal_bersih",
            lambda: truth_after_cleaning(NAME, "tanggal", unknowable=()),
            hints=[
                "Kolom `tanggal` hanyalah bagian tanggal dari kolom `datang` yang sudah bersih.",
                '`bersih["datang"].dt.normalize()` membuang jamnya (menjadi pukul 00.00 WIB).',
                'Simpan dua kolom: `bersih[["no_tiket", "tanggal"]]`.',
            ],
            solution=(
                'bersih["tanggal"] = bersih["datang"].dt.normalize()\n'
                'tanggal_bersih = bersih[["no_tiket", "tanggal"]]'
            ),
            praise="Kolom turunan dihitung ulang dari sumber yang sudah bersih: tidak ada tebakan.",
        ),
        FrameQuestion(
            "tunggu_bersih",
            lambda: truth_after_cleaning(NAME, "tunggu_menit", unknowable=("nilai hilang",)),
            hints=[
                'Mulai dari teks di `asal["tunggu_menit"]` dan ganti koma desimal dengan titik: '
                '`.str.replace(",", ".")`.',
                "Lalu ubah teks menjadi angka dengan `pd.to_numeric(...)` dan simpan di "
                '`bersih["tunggu_menit"]`.',
            ],
            solution=(
                'bersih["tunggu_menit"] = pd.to_numeric(asal["tunggu_menit"]'
                '.str.replace(",", "."))\n'
                'tunggu_bersih = bersih[["no_tiket", "tunggu_menit"]]'
            ),
            praise="Angka berkoma dari Excel Indonesia kini terbaca sebagai bilangan.",
        ),
        ValueQuestion(
            "jumlah_mustahil",
            _impossible,
            hints=[
                "Tabel `waktu` dari langkah 3 berisi kolom `mulai` dan `selesai` yang sudah "
                "terbaca sebagai waktu.",
                'Baris mustahil: `waktu["selesai"] < waktu["mulai"]`; jumlahkan dengan `.sum()`.',
            ],
            solution='jumlah_mustahil = (waktu["selesai"] < waktu["mulai"]).sum()',
            praise="Layanan tidak mungkin selesai sebelum dimulai; nilai itu harus dikosongkan.",
        ),
    ]
