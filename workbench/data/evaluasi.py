"""Tables of training evaluation, and a synthetic office year that has all of them.

The office keeps its own evaluation files in ``<state>/evaluasi/`` (CSV or Excel, the data
module's Indonesian rules): the training activities (:data:`KEGIATAN_PELATIHAN`), who took
part (:data:`PESERTA_KEGIATAN`), pre-test and post-test scores (:data:`NILAI_BELAJAR`), the
follow-up ratings by supervisor and observer (:data:`PENILAIAN_PERILAKU`), reaction answers
(:data:`REAKSI`) and notes from citizens' forums (:data:`CATATAN_WARGA`). Lists inside a cell
(competencies, SKM elements, offices) are separated by ``;``.

:func:`generate_evaluasi` makes one synthetic year of all of them for Kecamatan Asemrowo, with
known effects planted where a demonstration needs them: front-office staff serve 15% faster
after the service training (queue exports, :mod:`workbench.data.antrean`), the SKM elements on
staff competence and conduct rise after it, learners gain on the post-test, supervisors rate
the trained competencies higher a few months later. Numbers are plausible guesses, stated here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from workbench.config import get_settings
from workbench.data.antrean import KANTOR_CONTOH, AntreanSintetis, generate_antrean
from workbench.data.calendar import working_days
from workbench.data.generators import SkmProfile, generate_skm
from workbench.data.nip import NIP_PATTERN
from workbench.data.schema import UNSUR_SKM, Column, RowRule, Schema
from workbench.data.staff import generate_pegawai

__all__ = [
    "CATATAN_WARGA",
    "EVALUASI_SCHEMAS",
    "JENIS_KEGIATAN",
    "KEGIATAN_PELATIHAN",
    "NILAI_BELAJAR",
    "PENILAIAN_PERILAKU",
    "PESERTA_KEGIATAN",
    "REAKSI",
    "REAKSI_ITEMS",
    "STATUS_CATATAN",
    "SUMBER_PERILAKU",
    "TAHAP",
    "EvaluasiContoh",
    "example_activities",
    "generate_evaluasi",
    "split_list",
]

_NIP = dict(pattern=NIP_PATTERN, expected_text="18 digit angka (di Excel, format sel Teks)")
_ID = dict(
    pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
    expected_text="huruf, angka, titik, garis bawah atau tanda hubung, paling panjang 40",
)

#: Kinds of development activity the evaluation knows.
JENIS_KEGIATAN = ("modul", "pelatihan", "lokakarya", "bermain peran")
#: Stages of a learning score.
TAHAP = ("awal", "akhir")
#: Who rates behaviour at work after the training.
SUMBER_PERILAKU = ("atasan", "pengamat")
#: Review states of a citizens' note; only "disetujui" is ever shown to the public.
STATUS_CATATAN = ("menunggu tinjauan", "disetujui", "ditolak")

#: The reaction questionnaire: code -> statement (agree 1–5). The same items after every
#: module, workshop and role play, so activities can be compared.
REAKSI_ITEMS: dict[str, str] = {
    "P1": "Materi kegiatan ini bermanfaat untuk pekerjaan saya.",
    "P2": "Materi disampaikan dengan jelas dan mudah dipahami.",
    "P3": "Latihan dan contohnya sesuai dengan pekerjaan di kantor atau loket.",
    "P4": "Waktu (JP) yang disediakan cukup untuk materinya.",
    "P5": "Saya yakin bisa menerapkan yang saya pelajari dalam pekerjaan.",
    "P6": "Secara keseluruhan saya puas dengan kegiatan ini.",
}


def split_list(text: object) -> list[str]:
    """The items of a ``;``-separated cell ("U3; U7" -> ["U3", "U7"]); empty -> []."""
    if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
        return []
    return [part.strip() for part in str(text).split(";") if part.strip()]


KEGIATAN_PELATIHAN = Schema(
    name="kegiatan_pelatihan",
    title="Kegiatan pengembangan kompetensi yang dievaluasi",
    description=(
        "Satu baris per kegiatan: modul workbench, pelatihan, lokakarya atau bermain peran. "
        "Kolom berisi daftar (kompetensi, unsur SKM, kantor, modul, tugas, sesi) dipisah titik "
        "koma. "
        "'kantor' adalah kantor yang loketnya dilayani peserta: dasar penilaian hasil (waktu "
        "tunggu); 'unsur_skm' unsur SKM yang ingin diperbaiki kegiatan ini."
    ),
    key=("id_kegiatan",),
    columns=(
        Column(
            "id_kegiatan", "text", "kode kegiatan unik, misalnya PP-2025-05", unique=True, **_ID
        ),
        Column("nama", "text", "nama kegiatan"),
        Column("jenis", "category", "jenis kegiatan", allowed=JENIS_KEGIATAN),
        Column("tanggal_mulai", "date", "hari pertama kegiatan"),
        Column("tanggal_selesai", "date", "hari terakhir kegiatan"),
        Column("jp", "float", "jam pelajaran", min=0, max=400),
        Column("penyelenggara", "text", "penyelenggara", nullable=True, required=False),
        Column("kompetensi", "text", "kompetensi yang dikembangkan (dipisah ;)", nullable=True),
        Column(
            "unsur_skm", "text", "unsur SKM sasaran, misalnya U6; U7", nullable=True, required=False
        ),
        Column(
            "kantor",
            "text",
            "kantor yang loketnya dilayani peserta (dipisah ;)",
            nullable=True,
            required=False,
        ),
        Column(
            "modul",
            "text",
            "nomor modul workbench, misalnya 02 (dipisah ;)",
            nullable=True,
            required=False,
        ),
        Column(
            "tugas",
            "text",
            "tugas bernilai nbgrader, misalnya tugas-02-pandas",
            nullable=True,
            required=False,
        ),
        Column(
            "sesi",
            "text",
            "nama sesi latihan percakapan bertiga di workbench (dipisah ;)",
            nullable=True,
            required=False,
        ),
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

PESERTA_KEGIATAN = Schema(
    name="peserta_kegiatan",
    title="Peserta kegiatan",
    description="Satu baris per peserta per kegiatan.",
    key=("id_kegiatan", "nip"),
    columns=(
        Column("id_kegiatan", "text", "kode kegiatan (lihat kegiatan_pelatihan)", **_ID),
        Column("nip", "text", "NIP peserta", **_NIP),
    ),
)

NILAI_BELAJAR = Schema(
    name="nilai_belajar",
    title="Nilai belajar sebelum dan sesudah",
    description=(
        "Satu baris per peserta, kegiatan, tahap (awal = sebelum/pre-test, akhir = sesudah/"
        "post-test) dan kompetensi bila diukur terpisah: nilai 0–100."
    ),
    columns=(
        Column("id_kegiatan", "text", "kode kegiatan", **_ID),
        Column("nip", "text", "NIP peserta", **_NIP),
        Column("tahap", "category", "awal (pre-test) atau akhir (post-test)", allowed=TAHAP),
        Column("nilai", "float", "nilai 0–100", min=0, max=100),
        Column(
            "kompetensi",
            "text",
            "kompetensi yang diukur (boleh kosong: seluruh kegiatan)",
            nullable=True,
            required=False,
        ),
        Column(
            "sumber",
            "text",
            "asal nilai (pre-test kantor, latihan, tugas bernilai)",
            nullable=True,
            required=False,
        ),
    ),
)

PENILAIAN_PERILAKU = Schema(
    name="penilaian_perilaku",
    title="Penilaian perilaku kerja (atasan dan pengamat)",
    description=(
        "Satu baris per penilaian satu kompetensi seorang pegawai oleh atasan atau pengamat, "
        "dengan tanggalnya: sebelum pelatihan (dasar) dan 1–3 bulan sesudahnya (tindak lanjut). "
        "Level 1–5 menurut PermenPANRB 38/2017."
    ),
    columns=(
        Column("nip", "text", "NIP pegawai yang dinilai", **_NIP),
        Column("kompetensi", "text", "kompetensi yang dinilai"),
        Column("sumber", "category", "penilai", allowed=SUMBER_PERILAKU),
        Column("level", "float", "level yang teramati", min=1, max=5),
        Column("tanggal", "date", "tanggal penilaian"),
        Column(
            "id_kegiatan",
            "text",
            "kegiatan yang ditindaklanjuti (boleh kosong)",
            nullable=True,
            required=False,
        ),
    ),
)

REAKSI = Schema(
    name="reaksi",
    title="Jawaban kuesioner reaksi peserta",
    description=(
        "Satu baris per jawaban kuesioner reaksi setelah kegiatan: enam pernyataan dinilai "
        "1 (sangat tidak setuju) sampai 5 (sangat setuju) dan satu pertanyaan terbuka. "
        "Tanpa nama: 'responden' hanya kode."
    ),
    key=("id_kegiatan", "responden"),
    columns=(
        Column("id_kegiatan", "text", "kode kegiatan", **_ID),
        Column("responden", "text", "kode responden (tanpa nama)"),
        Column("waktu", "datetime", "kapan dijawab (WIB)"),
        *(
            Column(code, "int", f"setuju 1–5: {text}", min=1, max=5, nullable=True)
            for code, text in REAKSI_ITEMS.items()
        ),
        Column("saran", "text", "jawaban pertanyaan terbuka", nullable=True),
    ),
)

CATATAN_WARGA = Schema(
    name="catatan_warga",
    title="Catatan forum warga",
    description=(
        "Satu baris per catatan dari forum warga, musyawarah atau modul 12 yang dicatat staf. "
        "Hanya catatan berstatus 'disetujui' (sudah ditinjau: tanpa nama, NIK, nomor telepon) "
        "yang tampil di halaman publik."
    ),
    key=("id_catatan",),
    columns=(
        Column("id_catatan", "text", "kode catatan", unique=True, **_ID),
        Column("tanggal", "date", "tanggal forum"),
        Column("sumber", "text", "forum, musyawarah atau kegiatan asal catatan"),
        Column("unsur", "text", "unsur SKM terkait (boleh kosong)", nullable=True),
        Column("isi", "text", "isi catatan sebagaimana akan dibaca warga"),
        Column("status", "category", "status tinjauan", allowed=STATUS_CATATAN),
        Column("ditinjau", "datetime", "kapan ditinjau (WIB)", nullable=True),
    ),
)

#: Every evaluation schema by name.
EVALUASI_SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in (
        KEGIATAN_PELATIHAN,
        PESERTA_KEGIATAN,
        NILAI_BELAJAR,
        PENILAIAN_PERILAKU,
        REAKSI,
        CATATAN_WARGA,
    )
}


# --- one synthetic office year -----------------------------------------------------------------

_YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
_PEGAWAI_SEED = 20250103  # the shipped roster's seed (workbench.data.shipped)
_FRONT = "Seksi Pemerintahan dan Pelayanan Publik"


@dataclass(frozen=True)
class EvaluasiContoh:
    """One synthetic year of every evaluation table, and what was planted in it."""

    pegawai: pd.DataFrame
    kegiatan: pd.DataFrame
    peserta: pd.DataFrame
    nilai: pd.DataFrame
    perilaku: pd.DataFrame
    reaksi: pd.DataFrame
    catatan: pd.DataFrame
    skm: pd.DataFrame
    antrean: AntreanSintetis
    #: The SKM follow-up plan the office published (columns of workbench.skm's plan).
    rencana: pd.DataFrame
    #: The reference day for follow-up reminders in the example (its last weeks).
    hari_ini: dt.date
    #: What was planted, in words (shown on the dashboard under "data contoh").
    ditanam: tuple[str, ...]


def _day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text).tz_localize(get_settings().tz)


def _activities() -> pd.DataFrame:
    rows = [
        (
            "PD-2025-02",
            "Data layanan dengan pandas (modul 02)",
            "modul",
            "2025-02-10",
            "2025-02-12",
            3.0,
            "ASN Workbench",
            "Kecakapan Digital",
            None,
            None,
            "02",
            "tugas-02-pandas",
            None,
        ),
        (
            "PP-2025-05",
            "Pelayanan prima di loket",
            "pelatihan",
            "2025-05-05",
            "2025-05-06",
            12.0,
            "BPSDM Kota Surabaya",
            "Pelayanan Publik; Komunikasi",
            "U3; U6; U7",
            "Kecamatan Asemrowo",
            None,
            None,
            None,
        ),
        (
            "KP-2025-08",
            "Komunikasi dengan warga (bermain peran percakapan)",
            "bermain peran",
            "2025-08-14",
            "2025-08-14",
            4.0,
            "ASN Workbench",
            "Komunikasi; Integritas",
            "U7; U8",
            None,
            None,
            None,
            None,
        ),
        (
            "LS-2025-09",
            "Lokakarya simulasi antrean",
            "lokakarya",
            "2025-09-10",
            "2025-09-10",
            4.0,
            "ASN Workbench",
            "Orientasi pada Hasil; Pengambilan Keputusan",
            "U3",
            None,
            "10",
            None,
            None,
        ),
        (
            "PP-2025-11",
            "Pelayanan prima untuk kelurahan",
            "pelatihan",
            "2025-11-03",
            "2025-11-04",
            12.0,
            "BPSDM Kota Surabaya",
            "Pelayanan Publik; Komunikasi",
            "U3; U6; U7",
            "Kelurahan Asemrowo",
            None,
            None,
            None,
        ),
    ]
    frame = pd.DataFrame(rows, columns=KEGIATAN_PELATIHAN.names)
    for column in ("tanggal_mulai", "tanggal_selesai"):
        frame[column] = frame[column].map(_day).astype(f"datetime64[s, {get_settings().tz}]")
    for column in KEGIATAN_PELATIHAN.names:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype("str")
    return frame


def _participants(pegawai: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    front = pegawai[pegawai["unit"] == _FRONT]["nip"].tolist()
    kel = pegawai[pegawai["unit"] == "Kelurahan Asemrowo"]["nip"].tolist()
    others = pegawai[~pegawai["unit"].isin([_FRONT])]["nip"].tolist()
    data_module = sorted(rng.choice(others, size=11, replace=False).tolist() + front[:3])
    workshop = sorted(rng.choice(pegawai["nip"], size=10, replace=False).tolist())
    talk = sorted(rng.choice(front + kel, size=4, replace=False).tolist())
    people = {
        "PD-2025-02": data_module,
        "PP-2025-05": front,
        "KP-2025-08": talk,
        "LS-2025-09": workshop,
        "PP-2025-11": kel[:6],
    }
    return pd.DataFrame(
        [(k, nip) for k, nips in people.items() for nip in nips],
        columns=["id_kegiatan", "nip"],
    ).astype("str")


def _learning(peserta: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Pre/post scores: real gains for the service training and the data module, a small
    class for the role play (too few to conclude)."""
    plan = {
        "PD-2025-02": ("Kecakapan Digital", 48, 15, "latihan: percobaan pertama", "tugas bernilai"),
        "PP-2025-05": (None, 58, 17, "pre-test kantor", "post-test kantor"),
        "KP-2025-08": (None, 62, 6, "pre-test kantor", "post-test kantor"),
        "PP-2025-11": (None, 55, 14, "pre-test kantor", "post-test kantor"),
    }
    rows = []
    for kegiatan, (kompetensi, base, gain, first, last) in plan.items():
        nips = peserta.loc[peserta["id_kegiatan"] == kegiatan, "nip"].tolist()
        for nip in nips:
            before = float(np.clip(rng.normal(base, 12), 5, 100))
            after = float(np.clip(before + rng.normal(gain, 9), 0, 100))
            rows.append((kegiatan, nip, "awal", round(before), kompetensi, first))
            if rng.uniform() < 0.93:  # one or two never took the post-test
                rows.append((kegiatan, nip, "akhir", round(after), kompetensi, last))
    frame = pd.DataFrame(rows, columns=NILAI_BELAJAR.names)
    frame["nilai"] = frame["nilai"].astype("float64")
    for column in ("id_kegiatan", "nip", "tahap", "kompetensi", "sumber"):
        frame[column] = frame[column].astype("str")
    return frame


def _behaviour(kegiatan, peserta, rng: np.random.Generator) -> pd.DataFrame:
    """Ratings by supervisor before each training and 1–3 months after; the observer (role
    plays) after. Some follow-ups are still missing, so the trainer gets reminders."""
    rows = []
    raters = {
        "pelatihan": ("atasan", "pengamat"),
        "bermain peran": ("atasan", "pengamat"),
        "lokakarya": ("atasan",),
    }
    for k in kegiatan.itertuples():
        if k.jenis not in raters:
            continue
        competencies = [c.strip() for c in str(k.kompetensi).split(";")]
        nips = peserta.loc[peserta["id_kegiatan"] == k.id_kegiatan, "nip"].tolist()
        start = k.tanggal_mulai.tz_localize(None).date()
        end = k.tanggal_selesai.tz_localize(None).date()
        for nip in nips:
            for kompetensi in competencies:
                base = float(rng.choice([2.0, 2.0, 3.0]))
                rows.append(
                    (nip, kompetensi, "atasan", base, start - dt.timedelta(days=14), k.id_kegiatan)
                )
                for sumber, chance in zip(raters[k.jenis], (0.8, 0.6), strict=False):
                    follow_up = end + dt.timedelta(days=int(rng.integers(35, 80)))
                    if follow_up > _YEAR[1] or rng.uniform() > chance:
                        continue
                    change = float(rng.choice([0.0, 1.0, 1.0, 1.0, 0.5]))
                    rows.append(
                        (nip, kompetensi, sumber, min(5.0, base + change), follow_up, k.id_kegiatan)
                    )
    frame = pd.DataFrame(rows, columns=PENILAIAN_PERILAKU.names)
    frame["tanggal"] = frame["tanggal"].map(lambda d: _day(d.isoformat()))
    frame["tanggal"] = frame["tanggal"].astype(f"datetime64[s, {get_settings().tz}]")
    for column in ("nip", "kompetensi", "sumber", "id_kegiatan"):
        frame[column] = frame[column].astype("str")
    return frame


_OPEN_ANSWERS = (
    "Contoh kasusnya pas dengan loket kami.",
    "Waktunya terlalu singkat untuk latihan.",
    "Mohon ada modul cetak untuk dibawa pulang.",
    "Fasilitator sabar menjelaskan.",
    "Ruangan panas, proyektor kurang jelas.",
    None,
    None,
)


def _reactions(kegiatan, peserta, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for k in kegiatan.itertuples():
        nips = peserta.loc[peserta["id_kegiatan"] == k.id_kegiatan, "nip"].tolist()
        answered = round(len(nips) * rng.uniform(0.7, 0.95))
        mood = {"pelatihan": 4.2, "modul": 3.9, "lokakarya": 4.4, "bermain peran": 4.1}[k.jenis]
        end = k.tanggal_selesai.tz_localize(None)
        for i in range(answered):
            scores = np.clip(np.round(rng.normal(mood, 0.7, size=6)), 1, 5).astype(int)
            moment = end + pd.Timedelta(hours=15, minutes=int(rng.integers(0, 50)))
            rows.append(
                (
                    k.id_kegiatan,
                    f"R{i + 1:03d}",
                    moment,
                    *scores,
                    _OPEN_ANSWERS[int(rng.integers(0, len(_OPEN_ANSWERS)))],
                )
            )
    frame = pd.DataFrame(rows, columns=REAKSI.names)
    frame["waktu"] = (
        frame["waktu"]
        .dt.tz_localize(get_settings().tz)
        .astype(f"datetime64[s, {get_settings().tz}]")
    )
    for code in REAKSI_ITEMS:
        frame[code] = frame[code].astype("Int64")
    for column in ("id_kegiatan", "responden", "saran"):
        frame[column] = frame[column].astype("str")
    return frame


def _notes() -> pd.DataFrame:
    rows = [
        (
            "FW-2025-03",
            "2025-03-12",
            "Forum warga Kelurahan Asemrowo",
            "U3",
            "Warga minta loket tambahan pada hari Senin pagi karena antrean panjang.",
            "disetujui",
            "2025-03-14 10:00",
        ),
        (
            "FW-2025-04",
            "2025-04-23",
            "Musyawarah RW 03 Tambak Sarioso",
            "U1",
            "Daftar persyaratan KK dan akta sebaiknya ditempel di depan kantor kelurahan.",
            "disetujui",
            "2025-04-25 09:30",
        ),
        (
            "FW-2025-06",
            "2025-06-18",
            "Forum warga Genting Kalianak",
            "U7",
            "Warga lansia merasa petugas kini lebih sabar menjelaskan.",
            "disetujui",
            "2025-06-20 13:15",
        ),
        (
            "FW-2025-09",
            "2025-09-17",
            "Forum warga Kelurahan Asemrowo",
            "U9",
            "Pak Slamet (0812-3456-7890) minta kursi tunggu ditambah.",
            "ditolak",
            "2025-09-18 08:45",
        ),
        (
            "FW-2025-12",
            "2025-12-10",
            "Modul 12: forum warga simulasi",
            "U8",
            "Kotak saran jarang dibuka; warga minta balasan lewat papan pengumuman.",
            "menunggu tinjauan",
            None,
        ),
    ]
    frame = pd.DataFrame(rows, columns=CATATAN_WARGA.names)
    frame["tanggal"] = frame["tanggal"].map(_day).astype(f"datetime64[s, {get_settings().tz}]")
    frame["ditinjau"] = (
        frame["ditinjau"]
        .map(lambda t: _day(t) if t else pd.NaT)
        .astype(f"datetime64[s, {get_settings().tz}]")
    )
    for column in ("id_catatan", "sumber", "unsur", "isi", "status"):
        frame[column] = frame[column].astype("str")
    return frame


def _plan() -> pd.DataFrame:
    """The follow-up plan published with the first semester's SKM (three actions)."""
    rows = [
        (
            "U3",
            "Antrean panjang pada Senin pagi",
            "Membuka loket kedua sejak 07.30 setiap Senin",
            "Kepala Seksi Pemerintahan dan Pelayanan Publik",
            "2025-03-31",
            "selesai",
        ),
        (
            "U7",
            "Keluhan petugas kurang ramah",
            "Pelatihan pelayanan prima untuk petugas loket",
            "Sekretaris Kecamatan",
            "2025-05-31",
            "selesai",
        ),
        (
            "U8",
            "Pengaduan lewat WhatsApp tidak dibalas",
            "Menjawab setiap pengaduan paling lambat 3 hari kerja dan mengumumkan jawabannya",
            "Kepala Subbagian Umum dan Kepegawaian",
            "2026-01-31",
            "berjalan",
        ),
        (
            "U9",
            "Kursi ruang tunggu kurang",
            "Menambah 20 kursi ruang tunggu",
            "Kepala Subbagian Perencanaan dan Keuangan",
            "2026-03-31",
            "belum dimulai",
        ),
    ]
    frame = pd.DataFrame(
        rows, columns=["unsur", "masalah", "tindakan", "penanggung_jawab", "tenggat", "status"]
    )
    frame["tenggat"] = pd.Series(pd.DatetimeIndex(frame["tenggat"]).as_unit("s"))
    for column in ("unsur", "masalah", "tindakan", "penanggung_jawab", "status"):
        frame[column] = frame[column].astype("string")
    return frame


def _skm(seed: int, turn: dt.date) -> pd.DataFrame:
    """Answers before and after the service training: competence (U6), conduct (U7) and
    waiting time (U3) of the front office rise after it."""
    before_days = len(working_days(_YEAR[0], turn - dt.timedelta(days=1)))
    after_days = len(working_days(turn, _YEAR[1]))
    n = 420
    n_before = round(n * before_days / (before_days + after_days))
    base = SkmProfile()
    means = list(base.rata_unsur)
    for code, lift in (("U3", 0.20), ("U6", 0.25), ("U7", 0.35)):
        means[list(UNSUR_SKM).index(code)] += lift
    after = replace(base, rata_unsur=tuple(means))
    first = generate_skm(seed=seed, start=_YEAR[0], end=turn - dt.timedelta(days=1), n=n_before)
    second = generate_skm(seed=seed + 1, start=turn, end=_YEAR[1], n=n - n_before, profile=after)
    both = pd.concat([first, second], ignore_index=True)
    both["id_responden"] = pd.array([f"R{i + 1:04d}" for i in range(len(both))], dtype="str")
    return both


def example_activities() -> pd.DataFrame:
    """The example year's activities alone (:data:`KEGIATAN_PELATIHAN`), without making the
    rest of the year: what a page that only lists activities needs."""
    return _activities()


def generate_evaluasi(*, seed: int = 2025) -> EvaluasiContoh:
    """One synthetic evaluation year of Kecamatan Asemrowo (2025), reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    pegawai = generate_pegawai(seed=_PEGAWAI_SEED, reference=_YEAR[1])
    kegiatan = _activities()
    peserta = _participants(pegawai, rng)
    turn = dt.date(2025, 5, 7)
    antrean = generate_antrean(
        seed=seed,
        start=_YEAR[0],
        end=_YEAR[1],
        kantor=KANTOR_CONTOH,
        pelatihan={"Kecamatan Asemrowo": turn, "Kelurahan Asemrowo": dt.date(2025, 11, 5)},
        faktor_layanan=0.85,
    )
    planted = (
        "Setelah pelatihan pelayanan prima (5–6 Mei 2025) petugas loket Kecamatan Asemrowo "
        "melayani 15% lebih cepat; kelurahan baru dilatih November 2025.",
        "Skor SKM unsur U3, U6 dan U7 naik sesudah pelatihan itu (rata-rata jawaban +0,20, "
        "+0,25 dan +0,35 sebelum dibulatkan ke 1–4).",
        "Nilai post-test rata-rata lebih tinggi dari pre-test; kelas bermain peran hanya "
        "4 orang (terlalu sedikit untuk disimpulkan).",
    )
    return EvaluasiContoh(
        pegawai=pegawai,
        kegiatan=kegiatan,
        peserta=peserta,
        nilai=_learning(peserta, rng),
        perilaku=_behaviour(kegiatan, peserta, rng),
        reaksi=_reactions(kegiatan, peserta, rng),
        catatan=_notes(),
        skm=_skm(seed, turn),
        antrean=antrean,
        rencana=_plan(),
        hari_ini=dt.date(2025, 12, 15),
        ditanam=planted,
    )
