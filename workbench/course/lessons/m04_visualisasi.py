"""Questions of module 04, "Visualisasi": charts that answer a question, with honest axes."""

from __future__ import annotations

from workbench.course.lessons._data import layanan_with_day
from workbench.practice.checkers import ChartQuestion, FrameQuestion, ValueQuestion
from workbench.practice.core import Question

MODULE = "04-visualisasi"


def _per_kelurahan():
    return layanan_with_day()["kelurahan"].value_counts()


def _lama_per_layanan():
    df = layanan_with_day()
    return df.groupby("jenis_layanan")["lama_layanan_menit"].mean().sort_values(ascending=False)


def _jam_tunggu_terlama():
    df = layanan_with_day()
    return int(df.groupby("jam")["tunggu_menit"].mean().idxmax())


def questions() -> list[Question]:
    """The questions of module 04, in notebook order."""
    return [
        ChartQuestion(
            "grafik_kelurahan",
            "bar",
            expected_values=lambda: _per_kelurahan().tolist(),
            hints=[
                'Hitung dulu kunjungan per kelurahan dengan `layanan["kelurahan"].value_counts()`.',
                "Gambar di bidang yang sudah disiapkan: "
                "`per_kelurahan.plot.bar(ax=grafik_kelurahan)`.",
                "Lalu `grafik_kelurahan.set_title(...)`, `.set_xlabel(...)` dan "
                "`.set_ylabel(...)`.",
            ],
            solution=(
                "fig, grafik_kelurahan = plt.subplots()\n"
                'per_kelurahan = layanan["kelurahan"].value_counts()\n'
                "per_kelurahan.plot.bar(ax=grafik_kelurahan)\n"
                'grafik_kelurahan.set_title("Dari kelurahan mana warga datang?")\n'
                'grafik_kelurahan.set_xlabel("Kelurahan asal")\n'
                'grafik_kelurahan.set_ylabel("Jumlah kunjungan setahun")'
            ),
            praise="Grafik menjawab satu pertanyaan, sumbunya berlabel dan dimulai dari nol.",
        ),
        FrameQuestion(
            "lama_per_layanan",
            _lama_per_layanan,
            ordered=True,
            hints=[
                'Kelompokkan dengan `groupby("jenis_layanan")`, ambil kolom '
                "`lama_layanan_menit`, lalu `.mean()`.",
                "Urutkan dari yang terlama: `.sort_values(ascending=False)`.",
            ],
            solution=(
                'lama_per_layanan = (layanan.groupby("jenis_layanan")'
                '["lama_layanan_menit"]\n'
                "                    .mean().sort_values(ascending=False))"
            ),
            praise="Tabel yang terurut membuat grafik batang mudah dibaca dari atas ke bawah.",
        ),
        ChartQuestion(
            "grafik_layanan",
            "barh",
            expected_values=lambda: _lama_per_layanan().tolist(),
            hints=[
                "Nama layanan panjang, jadi pakai batang mendatar: "
                "`lama_per_layanan.plot.barh(ax=grafik_layanan)`.",
                "Pada batang mendatar, sumbu X berisi menit dan sumbu Y nama layanan.",
                "Jangan lupa judul, dan label kedua sumbu.",
            ],
            solution=(
                "fig, grafik_layanan = plt.subplots()\n"
                "lama_per_layanan.plot.barh(ax=grafik_layanan)\n"
                "grafik_layanan.invert_yaxis()  # terlama di atas\n"
                'grafik_layanan.set_title("Layanan mana yang paling lama di loket?")\n'
                'grafik_layanan.set_xlabel("Rata-rata lama dilayani (menit)")\n'
                'grafik_layanan.set_ylabel("Jenis layanan")'
            ),
            praise="Batang mendatar cocok untuk nama kategori yang panjang.",
        ),
        ValueQuestion(
            "jam_tunggu_terlama",
            _jam_tunggu_terlama,
            hints=[
                "Lihat grafik garis waktu tunggu per jam: di jam berapa garisnya paling tinggi?",
                "Atau hitung: `tunggu_per_jam.idxmax()` memberi label jam dengan nilai terbesar.",
            ],
            solution="jam_tunggu_terlama = int(tunggu_per_jam.idxmax())",
            praise="Itu jam ISHOMA: loket tutup, warga yang sudah datang menunggu.",
        ),
    ]
