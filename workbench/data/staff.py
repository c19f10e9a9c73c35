"""Synthetic staff roster, competency profiles and development records.

The roster follows the usual shape of a Surabaya kecamatan: the camat, the sekretaris with
two subbagian, four seksi, and the three kelurahan each with a lurah, a sekretaris, two seksi
and staff. Names come from Faker's ``id_ID`` locale seeded explicitly
(``Faker.seed_instance``); NIPs are built from the birth date, the appointment month and the
sex digit as the real ones are, so that exercises on masking and parsing NIPs work, but they
belong to nobody (UU 27/2022 on personal data: synthetic data only).

Required levels follow PermenPANRB 38/2017 (administrator 3, pengawas 2, pelaksana 1 for the
managerial and socio-cultural competencies); digital-literacy and technical requirements are
this workbench's plausible defaults, and assessed levels are drawn around them, with digital
safety the weakest pillar as in the national index.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
from faker import Faker

from workbench.config import get_settings
from workbench.data.calendar import as_date, period, working_days
from workbench.data.schema import (
    BUKTI,
    KOMPETENSI_LITERASI_DIGITAL,
    KOMPETENSI_MANAJERIAL,
    KOMPETENSI_SOSIAL_KULTURAL,
)

__all__ = ["generate_kompetensi", "generate_pegawai", "generate_pelatihan"]


_KEC = "Kecamatan Asemrowo"
_SEKRET = "Sekretariat Kecamatan"
_UMUM = "Subbagian Umum dan Kepegawaian"
_KEU = "Subbagian Perencanaan dan Keuangan"
_PEM = "Seksi Pemerintahan dan Pelayanan Publik"
_TRANTIB = "Seksi Ketenteraman dan Ketertiban Umum"
_KESRA = "Seksi Kesejahteraan Rakyat dan Perekonomian"
_PMD = "Seksi Pemberdayaan Masyarakat dan Pembangunan"

# (jabatan, unit, tier, how many)
_ROSTER: list[tuple[str, str, str, int]] = [
    ("Camat", _KEC, "administrator", 1),
    ("Sekretaris Kecamatan", _SEKRET, "administrator", 1),
    ("Kepala Subbagian Umum dan Kepegawaian", _UMUM, "pengawas", 1),
    ("Kepala Subbagian Perencanaan dan Keuangan", _KEU, "pengawas", 1),
    ("Kepala Seksi Pemerintahan dan Pelayanan Publik", _PEM, "pengawas", 1),
    ("Kepala Seksi Ketenteraman dan Ketertiban Umum", _TRANTIB, "pengawas", 1),
    ("Kepala Seksi Kesejahteraan Rakyat dan Perekonomian", _KESRA, "pengawas", 1),
    ("Kepala Seksi Pemberdayaan Masyarakat dan Pembangunan", _PMD, "pengawas", 1),
    ("Pengadministrasi Umum", _UMUM, "pelaksana", 2),
    ("Pengelola Kepegawaian", _UMUM, "pelaksana", 1),
    ("Bendahara", _KEU, "pelaksana", 1),
    ("Pengadministrasi Keuangan", _KEU, "pelaksana", 1),
    ("Pengelola Layanan Kependudukan", _PEM, "pelaksana", 3),
    ("Pengadministrasi Pelayanan", _PEM, "pelaksana", 2),
    ("Pengolah Data", _PEM, "pelaksana", 1),
    ("Pengelola Ketenteraman dan Ketertiban", _TRANTIB, "pelaksana", 3),
    ("Pengelola Kesejahteraan Sosial", _KESRA, "pelaksana", 2),
    ("Pengelola Pemberdayaan Masyarakat", _PMD, "pelaksana", 2),
]
for _kel, _staff in (
    ("Asemrowo", (3, 2)),
    ("Genting Kalianak", (2, 1)),
    ("Tambak Sarioso", (2, 1)),
):
    _unit = f"Kelurahan {_kel}"
    _ROSTER += [
        ("Lurah", _unit, "pengawas", 1),
        ("Sekretaris Kelurahan", _unit, "pengawas", 1),
        ("Kepala Seksi Pemerintahan dan Pelayanan", _unit, "pengawas", 1),
        ("Kepala Seksi Kesejahteraan dan Pemberdayaan Masyarakat", _unit, "pengawas", 1),
        ("Pengelola Layanan Kependudukan", _unit, "pelaksana", _staff[0]),
        ("Pengadministrasi Umum", _unit, "pelaksana", _staff[1]),
    ]

_GOLONGAN_TIER = {
    "Camat": ("IV/a", "IV/b"),
    "administrator": ("III/d", "IV/a"),
    "pengawas": ("III/b", "III/c", "III/d"),
    "pelaksana": ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b"),
}
_AGE_TIER = {"administrator": (42, 56), "pengawas": (33, 56), "pelaksana": (23, 57)}
_LEVEL_MANAJERIAL = {"administrator": 3, "pengawas": 2, "pelaksana": 1}
_LEVEL_DIGITAL = {"administrator": 3, "pengawas": 3, "pelaksana": 2}
_LEVEL_TEKNIS = {"administrator": 3, "pengawas": 3, "pelaksana": 2}

#: Technical competencies per unit (kelurahan units share one list).
TEKNIS_UNIT = {
    _KEC: ("Penyusunan Laporan Kinerja", "Pengawasan Penyelenggaraan Pemerintahan"),
    _SEKRET: ("Penyusunan Laporan Kinerja", "Perencanaan dan Penganggaran"),
    _UMUM: ("Pengelolaan Kearsipan", "Administrasi Kepegawaian"),
    _KEU: ("Pengelolaan Keuangan Daerah", "Perencanaan dan Penganggaran"),
    _PEM: ("Administrasi Kependudukan", "Standar Pelayanan Publik"),
    _TRANTIB: ("Ketenteraman dan Ketertiban Umum", "Penegakan Peraturan Daerah"),
    _KESRA: ("Pendataan Kesejahteraan Sosial", "Pemberdayaan Ekonomi Masyarakat"),
    _PMD: ("Pemberdayaan Masyarakat", "Perencanaan Pembangunan Partisipatif"),
    "Kelurahan": ("Administrasi Kependudukan", "Pemberdayaan Masyarakat",
                  "Standar Pelayanan Publik"),
}  # fmt: skip

_GELAR_S1 = ("S.Sos.", "S.AP.", "S.H.", "S.E.", "S.Kom.", "S.IP.")


def _title(tier: str, jabatan: str, rng: np.random.Generator) -> str:
    if jabatan == "Camat":
        return rng.choice(("S.STP., M.Si.", "S.Sos., M.AP.", "S.H., M.H."))
    if tier == "administrator":
        return rng.choice(("S.Sos., M.Si.", "S.AP., M.M.", "S.E., M.AP."))
    if tier == "pengawas":
        return rng.choice(_GELAR_S1)
    return rng.choice((*_GELAR_S1, "A.Md.", "", "", "", ""))


def _tier_of(pegawai: pd.DataFrame) -> pd.Series:
    lookup = {(j, u): t for j, u, t, _ in _ROSTER}
    return pd.Series(
        [
            lookup.get((j, u), "pelaksana")
            for j, u in zip(pegawai["jabatan"], pegawai["unit"], strict=True)
        ],
        index=pegawai.index,
    )


def generate_pegawai(*, seed: int, reference: dt.date | str = "2025-12-31") -> pd.DataFrame:
    """The staff roster of Kecamatan Asemrowo and its three kelurahan (about 50 people).

    ``reference`` is the date the roster describes: ages and appointment dates are before it.
    About a quarter of the staff posts are held by PPPK staff.
    """
    ref = as_date(reference, "reference")
    rng = np.random.default_rng(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    rows = []
    serials = rng.permutation(np.arange(1, 1000))
    for jabatan, unit, tier, count in _ROSTER:
        for _ in range(count):
            female = bool(rng.uniform() < 0.45)
            first = fake.first_name_female() if female else fake.first_name_male()
            last = fake.last_name_female() if female else fake.last_name_male()
            lo, hi = _AGE_TIER[tier]
            age = int(rng.integers(lo, hi + 1))
            born = ref - dt.timedelta(days=int(age * 365.25 + rng.integers(0, 365)))
            pppk = tier == "pelaksana" and bool(rng.uniform() < 0.25)
            if pppk:
                golongan = "PPPK"
                appointed = (
                    int(rng.integers(min(2022, ref.year), ref.year + 1)),  # PPPK since 2022
                    int(rng.choice([3, 4])),
                )
            else:
                options = _GOLONGAN_TIER["Camat" if jabatan == "Camat" else tier]
                golongan = str(rng.choice(options))
                start_age = int(rng.integers(22, 31))
                year = min(born.year + start_age, ref.year - 1)
                appointed = (year, int(rng.choice([1, 3, 4, 12])))
            title = _title(tier, jabatan, rng)
            nama = f"{first} {last}" + (f", {title}" if title else "")
            serial = int(serials[len(rows)])
            nip = (
                f"{born:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{2 if female else 1}{serial:03d}"
            )
            rows.append({
                "nip": nip,
                "nama": nama,
                "jenis_kelamin": "Perempuan" if female else "Laki-laki",
                "tanggal_lahir": pd.Timestamp(born),
                "jabatan": jabatan,
                "golongan": golongan,
                "unit": unit,
            })  # fmt: skip
    frame = pd.DataFrame(rows)
    for name in ("nip", "nama", "jenis_kelamin", "jabatan", "golongan", "unit"):
        frame[name] = frame[name].astype("str")
    frame["tanggal_lahir"] = (
        frame["tanggal_lahir"].dt.as_unit("s").dt.tz_localize(get_settings().tz)
    )
    return frame


def generate_kompetensi(
    *, seed: int, pegawai: pd.DataFrame, reference: dt.date | str = "2025-12-31"
) -> pd.DataFrame:
    """Assessed and required competency levels (1–5) for every staff member, long format.

    Per person: the eight managerial competencies, Perekat Bangsa, the four digital-literacy
    pillars and the technical competencies of their unit. ``reference`` is the assessment
    date (ages on that day shape digital literacy: older staff score lower); pass the same
    date the roster was generated for.
    """
    rng = np.random.default_rng(seed)
    tiers = _tier_of(pegawai)
    ref = pd.Timestamp(as_date(reference, "reference")).tz_localize(get_settings().tz)
    ages = (ref - pegawai["tanggal_lahir"]).dt.days / 365.25
    rows = []
    for i in range(len(pegawai)):
        tier = tiers.iloc[i]
        unit = pegawai["unit"].iloc[i]
        nip = pegawai["nip"].iloc[i]
        ability = rng.normal(0.0, 0.6)  # a person's general standing
        digital_age = -0.4 if ages.iloc[i] > 45 else 0.2 if ages.iloc[i] < 32 else 0.0
        items = [(k, "manajerial", _LEVEL_MANAJERIAL[tier], 0.3) for k in KOMPETENSI_MANAJERIAL]
        items += [
            (k, "sosial kultural", _LEVEL_MANAJERIAL[tier], 0.4) for k in KOMPETENSI_SOSIAL_KULTURAL
        ]
        for k in KOMPETENSI_LITERASI_DIGITAL:
            shift = {"Keamanan Digital": -0.7, "Budaya Digital": 0.3}.get(k, 0.0)
            items.append((k, "literasi digital", _LEVEL_DIGITAL[tier], shift + digital_age))
        technical = TEKNIS_UNIT["Kelurahan" if unit.startswith("Kelurahan") else unit]
        items += [(k, "teknis", _LEVEL_TEKNIS[tier], -0.2) for k in technical]
        for name, group, needed, shift in items:
            have = int(np.clip(round(needed + shift + ability + rng.normal(0.0, 0.6)), 1, 5))
            rows.append((nip, name, group, have, needed))
    frame = pd.DataFrame(
        rows, columns=["nip", "kompetensi", "kelompok", "level_dimiliki", "level_dibutuhkan"]
    )
    for name in ("nip", "kompetensi", "kelompok"):
        frame[name] = frame[name].astype("str")
    for name in ("level_dimiliki", "level_dibutuhkan"):
        frame[name] = frame[name].astype("int64")
    return frame


# (kegiatan, penyelenggara, JP, kompetensi, who: "semua" | "pimpinan" | unit keyword)
_KEGIATAN: tuple[tuple[str, str, int, str, str], ...] = (
    ("Pelatihan Pelayanan Prima", "BPSDM Provinsi Jawa Timur", 24, "Pelayanan Publik", "semua"),
    ("Bimbingan Teknis Aplikasi Klampid New Generation",
     "Dinas Kependudukan dan Pencatatan Sipil Kota Surabaya", 8, "Administrasi Kependudukan",
     "Pelayanan"),
    ("Sosialisasi Pelindungan Data Pribadi",
     "Dinas Komunikasi dan Informatika Kota Surabaya", 4, "Keamanan Digital", "semua"),
    ("Webinar Etika Bermedia Sosial bagi ASN", "Kementerian Komunikasi dan Digital", 2,
     "Etika Digital", "semua"),
    ("Pelatihan Microsoft Excel untuk Analisis Data", "BKPSDM Kota Surabaya", 16,
     "Kecakapan Digital", "semua"),
    ("E-learning Komunikasi Efektif", "Lembaga Administrasi Negara", 10, "Komunikasi", "semua"),
    ("Coaching dan Mentoring Orientasi pada Hasil", "Kecamatan Asemrowo", 2,
     "Orientasi pada Hasil", "semua"),
    ("Pelatihan Integritas dan Antikorupsi", "Inspektorat Kota Surabaya", 8, "Integritas",
     "semua"),
    ("Pelatihan Wawasan Kebangsaan", "Badan Kesatuan Bangsa dan Politik Kota Surabaya", 16,
     "Perekat Bangsa", "semua"),
    ("Pelatihan Penanganan Pengaduan Masyarakat", "Ombudsman RI Perwakilan Jawa Timur", 12,
     "Standar Pelayanan Publik", "Pelayanan"),
    ("Pelatihan Kearsipan Dinamis", "Dinas Perpustakaan dan Kearsipan Kota Surabaya", 16,
     "Pengelolaan Kearsipan", "Kepegawaian"),
    ("Bimbingan Teknis Penatausahaan Keuangan Daerah",
     "Badan Pengelolaan Keuangan dan Pendapatan Daerah Kota Surabaya", 16,
     "Pengelolaan Keuangan Daerah", "Keuangan"),
    ("Bimbingan Teknis Penyusunan Laporan Kinerja", "Bagian Organisasi Setda Kota Surabaya", 16,
     "Penyusunan Laporan Kinerja", "pimpinan"),
    ("Pelatihan Penegakan Peraturan Daerah", "Satuan Polisi Pamong Praja Kota Surabaya", 24,
     "Penegakan Peraturan Daerah", "Ketenteraman"),
    ("Pelatihan Fasilitasi Musrenbang Kelurahan", "Bappedalitbang Kota Surabaya", 12,
     "Perencanaan Pembangunan Partisipatif", "Pemberdayaan"),
    ("Pelatihan Kepemimpinan: Mengelola Perubahan", "BPSDM Provinsi Jawa Timur", 32,
     "Mengelola Perubahan", "pimpinan"),
    ("Pelatihan Pengambilan Keputusan Berbasis Data", "Lembaga Administrasi Negara", 20,
     "Pengambilan Keputusan", "pimpinan"),
    ("Seminar Budaya Kerja BerAKHLAK", "BKPSDM Kota Surabaya", 4, "Kerjasama", "semua"),
    ("Pelatihan Pendataan Keluarga Miskin", "Dinas Sosial Kota Surabaya", 8,
     "Pendataan Kesejahteraan Sosial", "Kesejahteraan"),
)  # fmt: skip


def generate_pelatihan(
    *, seed: int, pegawai: pd.DataFrame, start: dt.date | str, end: dt.date | str
) -> pd.DataFrame:
    """Development activities each staff member took part in from ``start`` to ``end``.

    Most people collect 20 JP or more in a year; some fall short (a realistic gap for the
    JP-ledger lessons); a few records still lack evidence ("belum ada"). A course earns eight
    JP per day and runs on consecutive working days.
    """
    rng = np.random.default_rng(seed)
    start, end = period(start, end)
    days = working_days(start, end)
    tiers = _tier_of(pegawai)
    rows = []
    for i in range(len(pegawai)):
        nip, unit = pegawai["nip"].iloc[i], pegawai["unit"].iloc[i]
        leader = tiers.iloc[i] != "pelaksana"
        eligible = [
            k
            for k in _KEGIATAN
            if k[4] == "semua"
            or (k[4] == "pimpinan" and leader)
            or (k[4] not in ("semua", "pimpinan") and k[4] in unit)
        ]
        if unit.startswith("Kelurahan"):
            eligible += [k for k in _KEGIATAN if k[4] in ("Pelayanan", "Pemberdayaan")]
        count = min(len(eligible), int(rng.poisson(3.0)))
        picks = rng.choice(len(eligible), size=count, replace=False) if count else []
        for j in sorted(picks):
            kegiatan, penyelenggara, jp, kompetensi, _ = eligible[j]
            # Eight JP a day, on consecutive working days (no weekends, holidays or cuti
            # bersama), moved earlier when the course would run past the period.
            length = max(1, math.ceil(jp / 8))
            day = min(int(rng.integers(0, len(days))), max(0, len(days) - length))
            first, last = days[day], days[min(day + length, len(days)) - 1]
            bukti = str(rng.choice(BUKTI, p=(0.72, 0.12, 0.08, 0.08)))
            rows.append((nip, kegiatan, penyelenggara, first, last, jp, bukti, kompetensi))
    frame = pd.DataFrame(
        rows,
        columns=[
            "nip",
            "kegiatan",
            "penyelenggara",
            "tanggal_mulai",
            "tanggal_selesai",
            "jp",
            "bukti",
            "kompetensi",
        ],
    )
    frame = frame.sort_values(["tanggal_mulai", "nip", "kegiatan"], kind="stable")
    frame = frame.reset_index(drop=True)
    for name in ("nip", "kegiatan", "penyelenggara", "bukti", "kompetensi"):
        frame[name] = frame[name].astype("str")
    for name in ("tanggal_mulai", "tanggal_selesai"):
        frame[name] = frame[name].astype("datetime64[s]").dt.tz_localize(get_settings().tz)
    frame["jp"] = frame["jp"].astype("int64")
    return frame
