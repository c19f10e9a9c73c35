"""The schema of every dataset: one table per dataset, the single source of truth.

Each :class:`Schema` lists its columns (name, kind, allowed values or range, meaning in Bahasa
Indonesia) and the row-level rules that tie columns together (service ends after it starts).
The generators write data that satisfies these schemas, the readers (:mod:`workbench.data.readers`)
check and convert files against them, and the data dictionary (``notebooks/data/KAMUS-DATA.md``)
is printed from them, so the three can never disagree.

Kinds and the pandas dtype a validated column gets:

* ``text`` and ``category``: ``str`` (category values must be one of ``allowed``);
* ``int``: ``int64`` (``Int64`` when the column may be empty);
* ``float``: ``float64``;
* ``datetime`` and ``date``: ``datetime64[s, Asia/Jakarta]`` (the office time zone from the
  settings, ``get_settings().tz``, WIB by default; a ``date`` is midnight). Files hold office
  wall-clock time without an offset.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.data.nip import NIP_EXPECTED, NIP_PATTERN

__all__ = [
    "BOBOT_SUMBER",
    "BUKTI",
    "COMPETENCY_SCHEMAS",
    "DAFTAR_PESERTA",
    "EMAIL_PATTERN",
    "GOLONGAN",
    "HASIL",
    "JENIS_KELAMIN",
    "JENIS_LAYANAN",
    "KAMUS_KOMPETENSI",
    "KANAL",
    "KATEGORI_KECOCOKAN",
    "KECAMATAN_SURABAYA",
    "KEGIATAN_JP",
    "KELOMPOK_KOMPETENSI",
    "KELURAHAN",
    "KOMPETENSI",
    "KOMPETENSI_LITERASI_DIGITAL",
    "KOMPETENSI_MANAJERIAL",
    "KOMPETENSI_SOSIAL_KULTURAL",
    "KONVERSI_NILAI",
    "LAYANAN",
    "PEGAWAI",
    "PEKERJAAN",
    "PELATIHAN",
    "PENDIDIKAN",
    "PENILAIAN_DIRI",
    "PENILAIAN_KOMPETENSI",
    "PESERTA_NIP",
    "PILIHAN_PENGEMBANGAN",
    "PRIORITAS",
    "RENCANA_TINDAK_LANJUT",
    "SCHEMAS",
    "SKM",
    "STANDAR_KOMPETENSI",
    "STATUS_TINDAK_LANJUT",
    "SUMBER_PENILAIAN",
    "UNSUR_SKM",
    "Column",
    "RowRule",
    "Schema",
]


def office_tz() -> str:
    """Deprecated: the office time zone is ``workbench.config.get_settings().tz``."""
    warnings.warn(
        "workbench.data.schema.office_tz() sudah diganti get_settings().tz "
        "(workbench.config); nama lama masih berfungsi untuk sementara.",
        DeprecationWarning,
        stacklevel=2,
    )
    return str(get_settings().tz)


Kind = Literal["text", "category", "int", "float", "datetime", "date"]

# --- Category values shared with other engines (contract: values never renamed) -------------

#: Kelurahan of Kecamatan Asemrowo, plus citizens from elsewhere.
KELURAHAN = ("Asemrowo", "Genting Kalianak", "Tambak Sarioso", "Luar Kecamatan")

#: Services at the counter (shared with the simulation's service catalogue).
JENIS_LAYANAN = (
    "KTP-el",
    "Kartu Keluarga",
    "KIA",
    "Akta Kelahiran",
    "Akta Kematian",
    "Surat Pindah/Datang",
    "Legalisir",
    "Surat Keterangan",
)
KANAL = ("datang langsung", "daring")
PRIORITAS = ("lansia", "disabilitas", "ibu hamil", "tidak")
HASIL = ("dilayani", "pergi sebelum dilayani", "kembali tidak lengkap")
JENIS_KELAMIN = ("Laki-laki", "Perempuan")
PENDIDIKAN = ("Tidak Sekolah", "SD", "SMP", "SMA/SMK", "D1-D3", "D4/S1", "S2/S3")
PEKERJAAN = (
    "PNS/TNI/Polri",
    "Pegawai Swasta",
    "Wiraswasta",
    "Pelajar/Mahasiswa",
    "Ibu Rumah Tangga",
    "Buruh",
    "Tidak Bekerja",
    "Lainnya",
)

#: The nine SKM elements (PermenPANRB 14/2017), code and name kept together.
UNSUR_SKM = {
    "U1": "Persyaratan",
    "U2": "Sistem, Mekanisme dan Prosedur",
    "U3": "Waktu Penyelesaian",
    "U4": "Biaya/Tarif",
    "U5": "Produk Spesifikasi Jenis Pelayanan",
    "U6": "Kompetensi Pelaksana",
    "U7": "Perilaku Pelaksana",
    "U8": "Penanganan Pengaduan, Saran dan Masukan",
    "U9": "Sarana dan Prasarana",
}

GOLONGAN = (
    *(
        f"{g}/{r}"
        for g in ("I", "II", "III", "IV")
        for r in "abcde"
        if (g, r) not in {("I", "e"), ("II", "e"), ("III", "e")}
    ),
    "PPPK",
)

KELOMPOK_KOMPETENSI = ("manajerial", "sosial kultural", "literasi digital", "teknis")
KOMPETENSI_MANAJERIAL = (
    "Integritas",
    "Kerjasama",
    "Komunikasi",
    "Orientasi pada Hasil",
    "Pelayanan Publik",
    "Pengembangan Diri dan Orang Lain",
    "Mengelola Perubahan",
    "Pengambilan Keputusan",
)
KOMPETENSI_SOSIAL_KULTURAL = ("Perekat Bangsa",)
KOMPETENSI_LITERASI_DIGITAL = (
    "Kecakapan Digital",
    "Etika Digital",
    "Keamanan Digital",
    "Budaya Digital",
)
BUKTI = ("sertifikat", "surat keterangan", "laporan kegiatan", "belum ada")

#: Surabaya's 31 kecamatan, for city-scale synthetic data.
KECAMATAN_SURABAYA = (
    "Asemrowo", "Benowo", "Bubutan", "Bulak", "Dukuh Pakis", "Gayungan", "Genteng", "Gubeng",
    "Gunung Anyar", "Jambangan", "Karang Pilang", "Kenjeran", "Krembangan", "Lakarsantri",
    "Mulyorejo", "Pabean Cantian", "Pakal", "Rungkut", "Sambikerep", "Sawahan", "Semampir",
    "Simokerto", "Sukolilo", "Sukomanunggal", "Tambaksari", "Tandes", "Tegalsari",
    "Tenggilis Mejoyo", "Wiyung", "Wonocolo", "Wonokromo",
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    """One column: its name, kind, what values it may hold and what it means (Indonesian)."""

    name: str
    kind: Kind
    meaning: str
    allowed: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    nullable: bool = False
    pattern: str | None = None
    unique: bool = False
    required: bool = True
    #: Indonesian description of a valid value, for error messages and the dictionary.
    expected_text: str | None = None
    #: What an empty cell of a required column is called (default "nilai kosong").
    empty_text: str | None = None

    def expected(self) -> str:
        """What a valid value looks like, in Indonesian."""
        if self.expected_text:
            return self.expected_text
        if self.allowed is not None:
            return "salah satu dari: " + ", ".join(f"'{v}'" for v in self.allowed)
        if self.kind in ("int", "float"):
            what = "bilangan bulat" if self.kind == "int" else "angka (desimal boleh koma)"
            if self.min is not None and self.max is not None:
                return f"{what} {_num(self.min)}–{_num(self.max)}"
            if self.min is not None:
                return f"{what} paling kecil {_num(self.min)}"
            return what
        if self.kind == "datetime":
            return "tanggal dan jam WIB, misalnya 2025-01-06 08:15:00 atau 06/01/2025 08.15"
        if self.kind == "date":
            return "tanggal, misalnya 2025-01-06 atau 06/01/2025"
        return "teks"

    @property
    def dtype(self) -> str:
        """The pandas dtype the column has after validation."""
        if self.kind == "int":
            return "Int64" if self.nullable else "int64"
        if self.kind == "float":
            return "float64"
        if self.kind in ("datetime", "date"):
            return f"datetime64[s, {get_settings().tz}]"
        return "str"


def _num(x: float) -> str:
    return fmt.number(x, None)


@dataclass(frozen=True)
class RowRule:
    """A rule across columns of one row; ``bad`` returns True where a row breaks it."""

    message: str
    columns: tuple[str, ...]
    bad: Callable[[pd.DataFrame], pd.Series]
    expected: str


@dataclass(frozen=True)
class Schema:
    """A dataset's columns and row rules, in file order."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rules: tuple[RowRule, ...] = field(default=())
    #: Column (or columns) whose values identify a row; duplicates are reported.
    key: tuple[str, ...] = ()
    #: Without a key, whether two identical rows are reported (False where identical rows are
    #: normal, such as two respondents who gave the same answers).
    distinct_rows: bool = True

    def __getitem__(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        """Column names in file order."""
        return [c.name for c in self.columns]

    def dtypes(self) -> dict[str, str]:
        """Column name -> pandas dtype after validation."""
        return {c.name: c.dtype for c in self.columns}

    def empty(self) -> pd.DataFrame:
        """A frame with no rows and the schema's columns and dtypes."""
        return pd.DataFrame(
            {c.name: pd.Series([], dtype=c.dtype) for c in self.columns if c.required}
        )


def _served(df: pd.DataFrame) -> pd.Series:
    return df["hasil"] != "pergi sebelum dilayani"


LAYANAN = Schema(
    name="layanan",
    title="Kunjungan loket pelayanan",
    description=(
        "Satu baris per kunjungan warga ke loket pelayanan kecamatan: kapan datang, kapan "
        "mulai dan selesai dilayani, layanan apa, di loket mana, dan bagaimana hasilnya. "
        "Semua jam dalam WIB. Data sintetis: meniru ritme kantor (Senin dan hari setelah libur "
        "lebih ramai, puncak pagi, ISHOMA, tutup pada hari libur nasional dan cuti bersama)."
    ),
    key=("no_tiket",),
    columns=(
        Column(
            "no_tiket",
            "text",
            "nomor antrean unik: kode kantor, tanggal, urutan hari itu",
            pattern=r"^[A-Z]{3}-\d{8}-\d{3,4}$",
            unique=True,
            expected_text="kode seperti ASR-20250106-001",
        ),
        Column("tanggal", "date", "tanggal kunjungan (hari kerja)"),
        Column("datang", "datetime", "waktu warga mengambil nomor antrean"),
        Column(
            "mulai",
            "datetime",
            "waktu mulai dilayani di loket; kosong bila pergi sebelum dilayani",
            nullable=True,
        ),
        Column(
            "selesai",
            "datetime",
            "waktu selesai dilayani; kosong bila pergi sebelum dilayani",
            nullable=True,
        ),
        Column("jenis_layanan", "category", "layanan yang diminta", allowed=JENIS_LAYANAN),
        Column(
            "loket",
            "int",
            "nomor loket yang melayani; kosong bila pergi sebelum dilayani",
            min=1,
            max=20,
            nullable=True,
        ),
        Column(
            "kelurahan", "category", "kelurahan tempat tinggal warga menurut KTP", allowed=KELURAHAN
        ),
        Column(
            "kanal",
            "category",
            "cara mendaftar: datang langsung atau daftar daring (Klampid)",
            allowed=KANAL,
        ),
        Column("prioritas", "category", "kelompok prioritas yang didahulukan", allowed=PRIORITAS),
        Column("hasil", "category", "hasil kunjungan", allowed=HASIL),
        Column(
            "tunggu_menit",
            "float",
            "lama menunggu dari datang sampai mulai dilayani (atau sampai pergi), menit",
            min=0,
        ),
        Column(
            "lama_layanan_menit",
            "float",
            "lama dilayani di loket, menit; kosong bila pergi",
            min=0,
            nullable=True,
        ),
        Column(
            "kecamatan",
            "category",
            "kecamatan kantor (hanya pada data skala kota)",
            allowed=KECAMATAN_SURABAYA,
            required=False,
        ),
    ),
    rules=(
        RowRule(
            "mulai dilayani sebelum datang",
            ("datang", "mulai"),
            lambda d: d["mulai"] < d["datang"],
            "mulai ≥ datang",
        ),
        RowRule(
            "selesai sebelum mulai",
            ("mulai", "selesai"),
            lambda d: d["selesai"] < d["mulai"],
            "selesai ≥ mulai",
        ),
        RowRule(
            "tanggal tidak sama dengan hari datang",
            ("tanggal", "datang"),
            lambda d: d["datang"].dt.normalize() != d["tanggal"],
            "tanggal = hari pada 'datang'",
        ),
        RowRule(
            "warga dilayani tetapi jam mulai/selesai/loket kosong",
            ("hasil", "mulai", "selesai", "loket"),
            lambda d: _served(d) & (d["mulai"].isna() | d["selesai"].isna() | d["loket"].isna()),
            "mulai, selesai dan loket terisi bila hasil bukan 'pergi sebelum dilayani'",
        ),
        RowRule(
            "warga pergi sebelum dilayani tetapi jam mulai/selesai terisi",
            ("hasil", "mulai", "selesai"),
            lambda d: ~_served(d) & (d["mulai"].notna() | d["selesai"].notna()),
            "mulai dan selesai kosong bila hasil 'pergi sebelum dilayani'",
        ),
    ),
)

_SKOR = "skor 1–4 (1 tidak baik, 2 kurang baik, 3 baik, 4 sangat baik) untuk unsur"

SKM = Schema(
    name="skm",
    title="Survei Kepuasan Masyarakat (SKM)",
    description=(
        "Satu baris per responden survei kepuasan masyarakat menurut PermenPANRB 14/2017: "
        "profil responden, layanan yang diterima, skor sembilan unsur U1–U9 (1–4) dan saran "
        "dalam bahasa sehari-hari. Data sintetis."
    ),
    key=("id_responden",),
    columns=(
        Column(
            "id_responden",
            "text",
            "nomor responden unik",
            pattern=r"^R\d{4,8}$",
            unique=True,
            expected_text="kode seperti R0001",
        ),
        Column("tanggal", "date", "tanggal mengisi survei"),
        Column("umur", "int", "umur responden, tahun", min=17, max=100),
        Column("jenis_kelamin", "category", "jenis kelamin", allowed=JENIS_KELAMIN),
        Column("pendidikan", "category", "pendidikan terakhir", allowed=PENDIDIKAN),
        Column("pekerjaan", "category", "pekerjaan utama", allowed=PEKERJAAN),
        Column("jenis_layanan", "category", "layanan yang diterima", allowed=JENIS_LAYANAN),
        Column("kelurahan", "category", "kelurahan tempat tinggal", allowed=KELURAHAN),
        *(
            Column(code, "int", f"{_SKOR} {code} {name}", min=1, max=4)
            for code, name in UNSUR_SKM.items()
        ),
        Column("saran", "text", "saran atau keluhan responden, boleh kosong", nullable=True),
    ),
)

PEGAWAI = Schema(
    name="pegawai",
    title="Daftar pegawai",
    description=(
        "Satu baris per pegawai kecamatan dan kelurahan: NIP 18 digit (tanggal lahir, bulan "
        "pengangkatan, jenis kelamin, nomor urut), nama, jabatan, golongan atau PPPK, unit kerja. "
        "Data sintetis: nama dan NIP bukan milik orang sungguhan."
    ),
    key=("nip",),
    columns=(
        Column(
            "nip",
            "text",
            "Nomor Induk Pegawai: 8 digit tanggal lahir, 6 digit bulan "
            "pengangkatan, 1 digit jenis kelamin (1 laki-laki, 2 perempuan), 3 digit urut",
            pattern=NIP_PATTERN,
            unique=True,
            expected_text=NIP_EXPECTED,
        ),
        Column("nama", "text", "nama lengkap dengan gelar"),
        Column("jenis_kelamin", "category", "jenis kelamin", allowed=JENIS_KELAMIN),
        Column("tanggal_lahir", "date", "tanggal lahir"),
        Column("jabatan", "text", "nama jabatan"),
        Column("golongan", "category", "golongan/ruang PNS, atau PPPK", allowed=GOLONGAN),
        Column("unit", "text", "unit kerja (kecamatan, seksi, atau kelurahan)"),
    ),
    rules=(
        RowRule(
            "8 digit awal NIP tidak sama dengan tanggal lahir",
            ("nip", "tanggal_lahir"),
            lambda d: d["nip"].str.slice(0, 8) != d["tanggal_lahir"].dt.strftime("%Y%m%d"),
            "NIP diawali tanggal lahir (yyyymmdd)",
        ),
        RowRule(
            "digit ke-15 NIP tidak sesuai jenis kelamin",
            ("nip", "jenis_kelamin"),
            lambda d: (
                d["nip"].str.slice(14, 15)
                != d["jenis_kelamin"].map({"Laki-laki": "1", "Perempuan": "2"})
            ),
            "digit ke-15: 1 laki-laki, 2 perempuan",
        ),
    ),
)

KOMPETENSI = Schema(
    name="kompetensi",
    title="Profil kompetensi pegawai",
    description=(
        "Format panjang: satu baris per pegawai per kompetensi, dengan level hasil asesmen dan "
        "level yang dibutuhkan jabatannya (PermenPANRB 38/2017, skala 1–5). Kesenjangan = "
        "level_dibutuhkan − level_dimiliki. Data sintetis."
    ),
    key=("nip", "kompetensi"),
    columns=(
        Column(
            "nip",
            "text",
            "NIP pegawai (lihat dataset pegawai)",
            pattern=NIP_PATTERN,
            expected_text="18 digit angka",
        ),
        Column("kompetensi", "text", "nama kompetensi"),
        Column("kelompok", "category", "kelompok kompetensi", allowed=KELOMPOK_KOMPETENSI),
        Column("level_dimiliki", "int", "level hasil asesmen", min=1, max=5),
        Column("level_dibutuhkan", "int", "level yang dibutuhkan jabatan", min=1, max=5),
    ),
)

PELATIHAN = Schema(
    name="pelatihan",
    title="Riwayat pengembangan kompetensi",
    description=(
        "Satu baris per kegiatan pengembangan kompetensi yang diikuti pegawai: kegiatan, "
        "penyelenggara, tanggal, JP yang diperoleh dan bukti. Hak minimal 20 JP per tahun "
        "(PP 11/2017 jo. PP 17/2020). Data sintetis."
    ),
    columns=(
        Column("nip", "text", "NIP pegawai", pattern=NIP_PATTERN, expected_text="18 digit angka"),
        Column("kegiatan", "text", "nama kegiatan pengembangan kompetensi"),
        Column("penyelenggara", "text", "lembaga penyelenggara"),
        Column("tanggal_mulai", "date", "tanggal mulai kegiatan"),
        Column("tanggal_selesai", "date", "tanggal selesai kegiatan"),
        Column("jp", "int", "jam pelajaran yang diakui", min=1, max=200),
        Column("bukti", "category", "bukti keikutsertaan", allowed=BUKTI),
        Column("kompetensi", "text", "kompetensi yang dikembangkan (lihat dataset kompetensi)"),
    ),
    rules=(
        RowRule(
            "tanggal selesai sebelum tanggal mulai",
            ("tanggal_mulai", "tanggal_selesai"),
            lambda d: d["tanggal_selesai"] < d["tanggal_mulai"],
            "tanggal_selesai ≥ tanggal_mulai",
        ),
    ),
)

#: Every schema by dataset name.
SCHEMAS: dict[str, Schema] = {s.name: s for s in (LAYANAN, SKM, PEGAWAI, KOMPETENSI, PELATIHAN)}

# --- Competency engine tables (workbench.competency) -------------------------------------------

#: Where an assessed level comes from; weights per source live in the competency data files.
SUMBER_PENILAIAN = ("diri", "atasan", "latihan", "tugas", "pengamat")
_NIP_COLUMN = dict(pattern=NIP_PATTERN, expected_text="18 digit angka (di Excel, format sel Teks)")

KAMUS_KOMPETENSI = Schema(
    name="kamus_kompetensi",
    title="Kamus kompetensi",
    description=(
        "Satu baris per kompetensi yang dipakai standar jabatan: delapan kompetensi manajerial "
        "dan satu sosial kultural (PermenPANRB 38/2017), empat pilar literasi digital, dan "
        "kompetensi teknis pekerjaan kecamatan. Pelatih boleh menambah baris."
    ),
    key=("kompetensi",),
    columns=(
        Column("kompetensi", "text", "nama kompetensi", unique=True),
        Column("kelompok", "category", "kelompok kompetensi", allowed=KELOMPOK_KOMPETENSI),
        Column("definisi", "text", "arti kompetensi dalam satu kalimat"),
    ),
)

STANDAR_KOMPETENSI = Schema(
    name="standar_kompetensi",
    title="Standar kompetensi jabatan",
    description=(
        "Satu baris per jabatan dan kompetensi: level yang dibutuhkan (1–5). Kolom unit kosong "
        "berarti berlaku untuk jabatan itu di semua unit; baris dengan unit terisi "
        "menambah atau mengganti standar untuk unit itu saja."
    ),
    columns=(
        Column("jabatan", "text", "nama jabatan, sama persis dengan daftar pegawai"),
        Column(
            "unit",
            "text",
            "unit kerja; kosong = semua unit",
            nullable=True,
            required=False,
        ),
        Column("kompetensi", "text", "nama kompetensi (lihat kamus kompetensi)"),
        Column("level", "int", "level yang dibutuhkan jabatan", min=1, max=5),
    ),
)

PENILAIAN_KOMPETENSI = Schema(
    name="penilaian_kompetensi",
    title="Hasil penilaian kompetensi",
    description=(
        "Satu baris per pegawai, kompetensi dan sumber penilaian: level yang dinilai (1–5). "
        "Sumber: penilaian diri, atasan, latihan workbench, tugas bernilai, atau pengamat "
        "role-play percakapan."
    ),
    columns=(
        Column("nip", "text", "NIP pegawai yang dinilai", **_NIP_COLUMN),
        Column("nama", "text", "nama pegawai (boleh tidak ada atau kosong)", required=False,
               nullable=True),
        Column("jabatan", "text", "jabatan pegawai (boleh tidak ada atau kosong bila daftar "
               "pegawai diberikan)", required=False, nullable=True),
        Column("kompetensi", "text", "nama kompetensi (lihat kamus kompetensi)"),
        Column("level", "float", "level yang dinilai", min=1, max=5),
        Column("sumber", "category", "sumber penilaian", allowed=SUMBER_PENILAIAN,
               required=False),
    ),
)  # fmt: skip

KEGIATAN_JP = Schema(
    name="kegiatan_jp",
    title="Catatan kegiatan pengembangan (JP)",
    description=(
        "Satu baris per kegiatan pengembangan kompetensi: siapa, kapan, kegiatan apa, berapa "
        "JP diakui dan buktinya. Hak minimal 20 JP per tahun (PP 11/2017 jo. PP 17/2020)."
    ),
    columns=(
        Column("nip", "text", "NIP pegawai", **_NIP_COLUMN),
        Column("tanggal", "date", "tanggal kegiatan (tanggal selesai bila beberapa hari)"),
        Column("kegiatan", "text", "nama kegiatan"),
        Column("jp", "float", "jam pelajaran yang diakui", min=0, max=400),
        Column("bukti", "text", "bukti keikutsertaan", nullable=True, required=False),
        Column("sumber", "text", "asal catatan", nullable=True, required=False),
    ),
)

PILIHAN_PENGEMBANGAN = Schema(
    name="pilihan_pengembangan",
    title="Pilihan pengembangan di luar workbench",
    description=(
        "Satu baris per kegiatan pengembangan yang bisa diikuti untuk satu kompetensi: "
        "pelatihan, e-learning, coaching, magang. Pelatih boleh menambah baris."
    ),
    columns=(
        Column("kompetensi", "text", "kompetensi yang dikembangkan (lihat kamus kompetensi)"),
        Column("kegiatan", "text", "nama kegiatan"),
        Column("penyelenggara", "text", "lembaga penyelenggara"),
        Column("bentuk", "text", "bentuk kegiatan (pelatihan, e-learning, coaching, ...)"),
        Column("jp", "int", "jam pelajaran", min=1, max=200),
    ),
)

BOBOT_SUMBER = Schema(
    name="bobot_sumber",
    title="Bobot sumber penilaian",
    description=(
        "Bobot setiap sumber penilaian saat level dari beberapa sumber digabung. Bobot dibagi "
        "ulang di antara sumber yang ada untuk satu pegawai dan kompetensi."
    ),
    key=("sumber",),
    columns=(
        Column("sumber", "category", "sumber penilaian", allowed=SUMBER_PENILAIAN, unique=True),
        Column("bobot", "float", "bobot (angka ≥ 0; tidak harus berjumlah 1)", min=0),
        Column("keterangan", "text", "mengapa bobotnya sebesar itu", nullable=True),
    ),
)

PENILAIAN_DIRI = Schema(
    name="penilaian_diri",
    title="Penilaian diri peserta",
    description="Satu baris per kompetensi yang dinilai peserta sendiri di modul 11.",
    columns=(
        Column("peserta", "text", "nama peserta (seperti di catatan progres)"),
        Column("jabatan", "text", "jabatan yang dipilih peserta"),
        Column("kompetensi", "text", "nama kompetensi"),
        Column("level", "float", "level menurut peserta", min=1, max=5),
        Column("disimpan", "datetime", "kapan disimpan (WIB)"),
    ),
)


PESERTA_NIP = Schema(
    name="peserta_nip",
    title="Peserta latihan dan NIP-nya",
    description=(
        "Satu baris per nama peserta di catatan progres latihan (nama pengguna laptop atau "
        "JupyterHub) dengan NIP pegawainya, agar modul yang selesai masuk catatan JP."
    ),
    key=("peserta",),
    columns=(
        Column("peserta", "text", "nama peserta (berkas var/progres/<peserta>.json)", unique=True),
        Column("nip", "text", "NIP pegawai", **_NIP_COLUMN),
    ),
)

KATEGORI_KECOCOKAN = Schema(
    name="kategori_kecocokan",
    title="Kategori kecocokan jabatan–pegawai",
    description=(
        "Satu baris per kategori: persentase kecocokan paling kecil (0–100) untuk masuk "
        "kategori itu. Satu baris harus mulai dari 0 agar setiap pegawai mendapat kategori."
    ),
    key=("batas_bawah",),
    columns=(
        Column("batas_bawah", "float", "persentase kecocokan paling kecil kategori ini",
               min=0, max=100, unique=True),
        Column("kategori", "text", "nama kategori (misalnya Optimal)"),
    ),
)  # fmt: skip

KONVERSI_NILAI = Schema(
    name="konversi_nilai",
    title="Konversi nilai tugas ke level kompetensi",
    description=(
        "Satu baris per batas: nilai tugas paling kecil (0–100) untuk mendapat level itu "
        "(1–5). Satu baris harus mulai dari nilai 0."
    ),
    key=("nilai_minimal",),
    columns=(
        Column("nilai_minimal", "float", "nilai paling kecil untuk level ini", min=0, max=100,
               unique=True),
        Column("level", "int", "level kompetensi yang diberikan", min=1, max=5),
    ),
)  # fmt: skip

#: Schemas of the competency engine's input files, by name (not shipped datasets).
COMPETENCY_SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in (
        KAMUS_KOMPETENSI,
        STANDAR_KOMPETENSI,
        PENILAIAN_KOMPETENSI,
        KEGIATAN_JP,
        PILIHAN_PENGEMBANGAN,
        BOBOT_SUMBER,
        PESERTA_NIP,
        PENILAIAN_DIRI,
        KATEGORI_KECOCOKAN,
        KONVERSI_NILAI,
    )
}

# --- The SKM follow-up plan (workbench.skm.plan) ---------------------------------------------

#: Where an action of the follow-up plan stands.
STATUS_TINDAK_LANJUT = ("belum dimulai", "berjalan", "selesai")

RENCANA_TINDAK_LANJUT = Schema(
    name="rencana_tindak_lanjut",
    title="Rencana tindak lanjut SKM",
    description=(
        "Satu baris per tindakan perbaikan yang diumumkan kantor bersama hasil SKM: unsur, "
        "masalah yang ditemukan, tindakan, penanggung jawab, tenggat (WIB) dan status."
    ),
    distinct_rows=False,  # two rows may still be blank drafts
    columns=(
        Column("unsur", "category", "kode unsur SKM", allowed=tuple(UNSUR_SKM),
               expected_text="U1 sampai U9"),
        Column("masalah", "text", "masalah yang ditemukan", empty_text="masalah belum diisi",
               expected_text="uraian masalah yang ditemukan"),
        Column("tindakan", "text", "tindakan perbaikan", nullable=True),
        Column("penanggung_jawab", "text", "penanggung jawab tindakan", nullable=True),
        Column("tenggat", "date", "tenggat tindakan", nullable=True),
        Column("status", "category", "status tindakan", allowed=STATUS_TINDAK_LANJUT),
    ),
)  # fmt: skip

# --- The class list of graded assignments (workbench.grading.roster) ------------------------
# The grading engine's read_roster maps its header aliases, cleans NIPs with
# workbench.data.nip.clean_nip, then validate(frame, DAFTAR_PESERTA, file=...).

#: An e-mail address as a roster may hold it (something@somewhere.tld).
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
#: A system account name as useradd accepts it (a learner's account on JupyterHub).
ACCOUNT_PATTERN = r"^[a-z_][a-z0-9_-]{0,31}$"

DAFTAR_PESERTA = Schema(
    name="daftar_peserta",
    title="Daftar peserta latihan bernilai",
    description=(
        "Satu baris per peserta kelas: NIP (ID peserta di gradebook nbgrader), nama, unit "
        "kerja, email dan akun JupyterHub bila bukan NIP-nya. NIP yang ditulis dengan spasi "
        "dibersihkan dulu (data.nip.clean_nip)."
    ),
    key=("nip",),
    columns=(
        Column("nip", "text", "NIP peserta, ID-nya di gradebook", unique=True, **_NIP_COLUMN),
        Column("nama", "text", "nama peserta"),
        Column("unit", "text", "unit kerja", nullable=True, required=False),
        Column("email", "text", "alamat email", nullable=True, required=False,
               pattern=EMAIL_PATTERN,
               expected_text="alamat seperti nama@surabaya.go.id, atau kosong"),
        Column("akun", "text", "akun peserta di JupyterHub bila bukan NIP-nya", nullable=True,
               required=False, pattern=ACCOUNT_PATTERN,
               expected_text="nama pengguna sistem (huruf kecil, angka, - atau _), atau kosong"),
    ),
)  # fmt: skip
