"""Generators of synthetic but plausible Asemrowo datasets.

Every generator takes an explicit ``seed`` (a :class:`numpy.random.Generator` is made from it
and passed down, never global state) and returns a DataFrame that satisfies its schema in
:mod:`workbench.data.schema`, with the dtypes the readers produce. The same seed, period and
library versions give the same rows.

No visitor volumes or service times for Asemrowo are published, so every number that shapes
the data lives in a profile dataclass (:class:`LayananProfile`, :class:`SkmProfile`) with its
meaning, where a trainer can change it; the defaults are documented guesses at the scale of a
kecamatan of 50,000 people.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from workbench.config import get_settings
from workbench.data.calendar import holidays_between, period, working_days
from workbench.data.dates import from_seconds
from workbench.data.schema import (
    JENIS_LAYANAN,
    KECAMATAN_SURABAYA,
    KELURAHAN,
    LAYANAN,
    PEKERJAAN,
    PENDIDIKAN,
    SKM,
    UNSUR_SKM,
)
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "LayananProfile",
    "SkmProfile",
    "generate_layanan",
    "generate_skm",
]


# Three-letter office codes used in ticket numbers (unique across Surabaya's kecamatan).
KODE_KECAMATAN = dict(zip(KECAMATAN_SURABAYA, (
    "ASR", "BNW", "BBT", "BLK", "DKP", "GYG", "GNT", "GBG", "GNA", "JMB", "KRP", "KJR", "KRB",
    "LKS", "MLY", "PBC", "PKL", "RKT", "SMB", "SWH", "SMP", "SMK", "SKL", "SKM", "TBS", "TDS",
    "TGS", "TGM", "WYG", "WNC", "WNK"), strict=True))  # fmt: skip


def _time(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 3600 + int(m) * 60


def _p(default, arti: str):
    """A profile field with its Indonesian meaning (printed in the data dictionary)."""
    if isinstance(default, tuple | list):
        return field(default=tuple(default), metadata={"arti": arti})
    return field(default=default, metadata={"arti": arti})


@dataclass(frozen=True)
class LayananProfile:
    """The numbers that shape synthetic counter visits (all plausible guesses, change freely).

    No visitor volumes or service times for Asemrowo are published; these defaults are
    documented guesses at the scale of a kecamatan of 50,000 people. Times are WIB wall-clock
    ``"HH:MM"``; durations in minutes; per-service tuples follow ``JENIS_LAYANAN`` order.
    """

    kunjungan_per_hari: float = _p(78.0, "rata-rata kunjungan pada hari Rabu biasa")
    faktor_hari: tuple[float, ...] = _p(
        (1.35, 1.10, 1.00, 0.95, 0.80), "pengali volume Senin s.d. Jumat"
    )
    faktor_setelah_libur: float = _p(
        1.45, "pengali volume pada hari kerja pertama setelah libur nasional/cuti bersama"
    )
    faktor_bulan: tuple[float, ...] = _p(
        (1.05, 0.95, 0.95, 0.9, 1.0, 1.15, 1.2, 1.0, 0.95, 0.95, 0.95, 0.9),
        "pengali volume Januari s.d. Desember (Juni–Juli: pendaftaran sekolah)",
    )
    jumlah_loket: int = _p(2, "jumlah loket yang buka")
    jam_buka: str = _p("07:30", "jam buka layanan")
    jam_tiket_terakhir: str = _p("15:00", "nomor antrean terakhir diambil")
    jam_tutup: str = _p("16:00", "jam tutup; yang belum dilayani pergi")
    istirahat: tuple[str, str] = _p(("12:00", "13:00"), "ISHOMA Senin s.d. Kamis")
    istirahat_jumat: tuple[str, str] = _p(("11:30", "13:00"), "ISHOMA hari Jumat")
    pola_kedatangan: tuple[float, ...] = _p(
        (0.9, 1.5, 1.9, 1.9, 1.7, 1.4, 1.2, 1.0, 0.6, 0.5, 0.7, 0.8, 0.6, 0.5, 0.35),
        "kepadatan kedatangan per setengah jam mulai jam buka (puncak pagi)",
    )
    porsi_layanan: tuple[float, ...] = _p(
        (0.22, 0.19, 0.09, 0.10, 0.04, 0.09, 0.10, 0.17), "porsi tiap jenis layanan"
    )
    median_layanan_menit: tuple[float, ...] = _p(
        (9.0, 7.5, 5.0, 8.0, 8.0, 10.0, 3.0, 5.0), "median lama dilayani per jenis layanan"
    )
    sebaran_layanan: float = _p(0.45, "sebaran lama dilayani (sigma log-normal)")
    porsi_tidak_lengkap: tuple[float, ...] = _p(
        (0.05, 0.10, 0.06, 0.12, 0.08, 0.12, 0.02, 0.06),
        "peluang berkas tidak lengkap per jenis layanan",
    )
    faktor_waktu_tidak_lengkap: float = _p(
        0.5, "pengali lama dilayani bila berkas tidak lengkap (cepat dikembalikan)"
    )
    porsi_kelurahan: tuple[float, ...] = _p(
        (0.64, 0.155, 0.135, 0.07),
        "porsi warga Asemrowo, Genting Kalianak, Tambak Sarioso (menurut jumlah penduduk) "
        "dan luar kecamatan",
    )
    porsi_daring: float = _p(0.25, "porsi warga yang mendaftar daring (Klampid) lebih dulu")
    faktor_daring: float = _p(0.85, "pengali lama dilayani untuk pendaftar daring")
    faktor_tidak_lengkap_daring: float = _p(
        0.4, "pengali peluang berkas tidak lengkap untuk pendaftar daring"
    )
    porsi_prioritas: tuple[float, float, float] = _p(
        (0.08, 0.015, 0.02), "porsi lansia, disabilitas, ibu hamil"
    )
    rata_kesabaran_menit: float = _p(
        90.0, "rata-rata kesabaran menunggu sebelum pergi, di atas batas minimum"
    )
    kesabaran_minimum_menit: float = _p(10.0, "semua warga menunggu paling tidak selama ini")
    hari_arus_balik: int = _p(30, "hari setelah Idul Fitri dengan banyak surat pindah/datang")
    tambahan_pindah_arus_balik: float = _p(
        0.15, "tambahan porsi Surat Pindah/Datang selama arus balik"
    )

    def __post_init__(self) -> None:
        problems = _check_profile(self, {
            "faktor_hari": 5, "faktor_bulan": 12, "porsi_layanan": len(JENIS_LAYANAN),
            "median_layanan_menit": len(JENIS_LAYANAN),
            "porsi_tidak_lengkap": len(JENIS_LAYANAN), "porsi_kelurahan": len(KELURAHAN),
            "porsi_prioritas": 3, "istirahat": 2, "istirahat_jumat": 2,
        })  # fmt: skip
        times = {}
        for name in ("jam_buka", "jam_tiket_terakhir", "jam_tutup"):
            times[name] = _time_or_none(getattr(self, name))
            if times[name] is None:
                problems.append(Problem("jam tidak sah", column=name, value=getattr(self, name),
                                        expected="jam WIB 'HH:MM', misalnya '07:30'"))  # fmt: skip
        if None not in times.values():
            slots = -(-(times["jam_tiket_terakhir"] - times["jam_buka"]) // 1800)
            if len(self.pola_kedatangan) != slots:
                problems.append(Problem(
                    "jumlah nilai tidak sesuai", column="pola_kedatangan",
                    value=len(self.pola_kedatangan),
                    expected=f"{slots} nilai, satu per setengah jam dari jam_buka sampai "
                             "jam_tiket_terakhir"))  # fmt: skip
        if sum(self.porsi_prioritas) >= 1:
            problems.append(Problem("jumlah porsi prioritas 1 atau lebih",
                                    column="porsi_prioritas", value=self.porsi_prioritas,
                                    expected="jumlah di bawah 1"))  # fmt: skip
        if self.jumlah_loket < 1:
            problems.append(
                Problem(
                    "tidak ada loket",
                    column="jumlah_loket",
                    value=self.jumlah_loket,
                    expected="paling sedikit 1",
                )
            )
        _raise_profile(self, problems)


@dataclass(frozen=True)
class SkmProfile:
    """The numbers that shape synthetic SKM answers (plausible guesses, change freely)."""

    rata_unsur: tuple[float, ...] = _p(
        (3.15, 3.10, 2.85, 3.75, 3.20, 3.25, 3.30, 2.90, 3.00),
        "rata-rata skor U1 s.d. U9 sebelum dibulatkan (biaya tertinggi karena gratis)",
    )
    sebaran_responden: float = _p(0.45, "sebaran suasana hati responden (sama untuk 9 unsur)")
    sebaran_jawaban: float = _p(0.45, "sebaran tiap jawaban")
    porsi_perempuan: float = _p(0.55, "porsi responden perempuan")
    porsi_pendidikan: tuple[float, ...] = _p(
        (0.03, 0.12, 0.17, 0.43, 0.08, 0.15, 0.02), "porsi tiap jenjang pendidikan"
    )
    porsi_pekerjaan: tuple[float, ...] = _p(
        (0.05, 0.22, 0.2, 0.08, 0.17, 0.15, 0.06, 0.07), "porsi tiap pekerjaan"
    )
    peluang_saran: tuple[float, float, float] = _p(
        (0.8, 0.3, 0.45),
        "peluang menulis saran bila kecewa (ada skor ≤ 2), biasa saja, dan puas",
    )
    porsi_kelurahan: tuple[float, ...] = _p(
        (0.64, 0.155, 0.135, 0.07), "porsi responden per kelurahan dan luar kecamatan"
    )
    porsi_layanan: tuple[float, ...] = _p(
        (0.22, 0.19, 0.09, 0.10, 0.04, 0.09, 0.10, 0.17), "porsi tiap jenis layanan"
    )
    kantor: str = _p("Kecamatan Asemrowo", "nama kantor yang disebut dalam saran")

    def __post_init__(self) -> None:
        problems = _check_profile(self, {
            "rata_unsur": len(UNSUR_SKM), "porsi_pendidikan": len(PENDIDIKAN),
            "porsi_pekerjaan": len(PEKERJAAN), "peluang_saran": 3,
            "porsi_kelurahan": len(KELURAHAN), "porsi_layanan": len(JENIS_LAYANAN),
        })  # fmt: skip
        _raise_profile(self, problems)


def _time_or_none(text: str) -> int | None:
    try:
        h, m = str(text).split(":")
        value = int(h) * 3600 + int(m) * 60
    except ValueError:
        return None
    return value if 0 <= value < 24 * 3600 else None


def _check_profile(profile, lengths: dict[str, int]) -> list[Problem]:
    """Wrong tuple lengths and negative numbers in a profile, each as a Problem."""
    problems = []
    for f in fields(profile):
        value = getattr(profile, f.name)
        if f.name in lengths and len(value) != lengths[f.name]:
            problems.append(
                Problem(
                    "jumlah nilai tidak sesuai",
                    column=f.name,
                    value=len(value),
                    expected=f"{lengths[f.name]} nilai ({f.metadata['arti']})",
                )
            )
        numbers = value if isinstance(value, tuple) else (value,)
        if any(isinstance(v, int | float) and not isinstance(v, bool) and v < 0 for v in numbers):
            problems.append(Problem("nilai negatif", column=f.name, value=value,
                                    expected="angka 0 atau lebih"))  # fmt: skip
    return problems


def _raise_profile(profile, problems: list[Problem]) -> None:
    if problems:
        raise WorkbenchError(
            f"Pengaturan {type(profile).__name__} berisi {len(problems)} kesalahan.", problems
        )


def _wib(day_seconds: np.ndarray) -> pd.Series:
    """Naive epoch seconds (WIB wall clock) -> tz-aware WIB datetimes; NaN stays NaT."""
    return from_seconds(day_seconds).dt.tz_localize(get_settings().tz)


# --- layanan -----------------------------------------------------------------------------------


def generate_layanan(
    *,
    seed: int,
    start: dt.date | str,
    end: dt.date | str,
    profile: LayananProfile | None = None,
    kecamatan: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Synthetic counter visits from ``start`` to ``end`` (inclusive), one row per visit.

    Arrivals per working day are Poisson around a volume that follows the day of the week,
    the month, and the rush after holidays; within a day they follow a morning peak and a
    lull at ISHOMA. Visitors queue for ``jumlah_loket`` counters (priority groups first, then
    first come first served); nobody starts service during the break; a visitor whose patience
    runs out, or who is still waiting at closing time, leaves ("pergi sebelum dilayani").

    ``kecamatan`` generates the same process for several offices (e.g. all of
    ``KECAMATAN_SURABAYA`` for city scale) and adds a ``kecamatan`` column; their volume is
    scaled to Surabaya's average kecamatan (2.88 million people / 31) with random variation,
    and citizens from the office's own area are recorded under the Asemrowo kelurahan labels
    only for Asemrowo (elsewhere as the first three labels, a stand-in for scale tests).
    """
    prof = profile or LayananProfile()
    start, end = period(start, end)
    rng = np.random.default_rng(seed)
    offices = kecamatan or ("Asemrowo",)
    unknown = [k for k in offices if k not in KODE_KECAMATAN]
    if unknown:
        raise WorkbenchError(
            "Kecamatan tidak dikenal: " + ", ".join(unknown) + ".",
            [Problem("kecamatan tidak dikenal", column="kecamatan", value=k,
                     expected="salah satu dari 31 kecamatan Kota Surabaya") for k in unknown],
        )  # fmt: skip
    days = working_days(start, end)
    if len(days) == 0:
        return LAYANAN.empty()
    factors = _day_factors(days, prof)
    scale = np.ones(len(offices))
    for i, name in enumerate(offices):
        if name != "Asemrowo":
            scale[i] = (2_880_000 / 31 / 49_888) * rng.lognormal(0.0, 0.35)
    frames = []
    for i, name in enumerate(offices):
        counters = max(1, round(prof.jumlah_loket * scale[i] ** 0.85))
        frame = _layanan_office(rng, days, factors * scale[i], prof, counters, name)
        if kecamatan is not None:
            frame["kecamatan"] = name
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if kecamatan is not None:
        out["kecamatan"] = out["kecamatan"].astype("str")
    return out


def _day_factors(days: pd.DatetimeIndex, prof: LayananProfile) -> np.ndarray:
    """Expected volume factor of each working day (weekday, month, first day after a break)."""
    weekday = np.asarray(prof.faktor_hari)[days.day_of_week]
    month = np.asarray(prof.faktor_bulan)[days.month - 1]
    # First working day after a closure longer than an ordinary weekend.
    values = days.values.astype("datetime64[D]")
    previous = np.concatenate([values[:1] - np.timedelta64(1, "D"), values[:-1]])
    gap = (values - previous).astype(np.int64)
    normal_gap = np.where(days.day_of_week == 0, 3, 1)
    after = np.where(gap > normal_gap, prof.faktor_setelah_libur, 1.0)
    after[0] = 1.0
    return weekday * month * after


def _idul_fitri(days: pd.DatetimeIndex) -> list[pd.Timestamp]:
    start, end = days[0].date() - dt.timedelta(days=40), days[-1].date()
    return [
        pd.Timestamp(d)
        for d, n in holidays_between(start, end).items()
        if n == "Hari Raya Idul Fitri"
    ]


def _draw_visits(rng, days, factors, prof: LayananProfile) -> dict[str, np.ndarray]:
    """Every visit of one office, drawn vectorised (in one fixed order of draws): its day,
    arrival second, service, kelurahan, channel, priority, service minutes, completeness and
    patience (seconds)."""
    n_per_day = rng.poisson(prof.kunjungan_per_hari * factors)
    n = int(n_per_day.sum())
    day_index = np.repeat(np.arange(len(days)), n_per_day)

    # Arrival second of the day: pick a half-hour slot by intensity, uniform within it.
    slots = np.asarray(prof.pola_kedatangan, dtype=float)
    slot = rng.choice(len(slots), size=n, p=slots / slots.sum())
    open_s, last_s = _time(prof.jam_buka), _time(prof.jam_tiket_terakhir)
    arrive = open_s + slot * 1800 + rng.uniform(0, 1800, size=n)
    arrive = np.minimum(arrive, last_s)

    # Who comes, for what.
    p_layanan = np.tile(np.asarray(prof.porsi_layanan, dtype=float), (n, 1))
    pindah = JENIS_LAYANAN.index("Surat Pindah/Datang")
    for eid in _idul_fitri(days):
        since = (days.values[day_index] - eid.to_datetime64()).astype("timedelta64[D]").astype(int)
        rush = (since >= 0) & (since <= prof.hari_arus_balik)
        p_layanan[rush, pindah] += prof.tambahan_pindah_arus_balik
    p_layanan /= p_layanan.sum(axis=1, keepdims=True)
    cum = p_layanan.cumsum(axis=1)
    service = (rng.uniform(size=(n, 1)) > cum).sum(axis=1).clip(0, len(JENIS_LAYANAN) - 1)

    kel = rng.choice(
        len(KELURAHAN), size=n, p=np.asarray(prof.porsi_kelurahan) / np.sum(prof.porsi_kelurahan)
    )
    online = rng.uniform(size=n) < prof.porsi_daring
    pr = np.asarray(prof.porsi_prioritas, dtype=float)
    priority = rng.choice(4, size=n, p=np.append(pr, 1 - pr.sum()))
    median = np.asarray(prof.median_layanan_menit)[service]
    minutes = median * rng.lognormal(0.0, prof.sebaran_layanan, size=n)
    incomplete = rng.uniform(size=n) < np.asarray(prof.porsi_tidak_lengkap)[service] * np.where(
        online, prof.faktor_tidak_lengkap_daring, 1.0
    )
    # Online registrations are pre-checked; incomplete files end quickly.
    minutes = (
        minutes
        * np.where(online, prof.faktor_daring, 1.0)
        * np.where(incomplete, prof.faktor_waktu_tidak_lengkap, 1.0)
    )
    patience = (
        rng.exponential(prof.rata_kesabaran_menit * 60, size=n) + prof.kesabaran_minimum_menit * 60
    )
    return {
        "day_index": day_index,
        "arrive": arrive,
        "service": service,
        "kel": kel,
        "online": online,
        "priority": priority,
        "minutes": np.maximum(minutes, 1.0),
        "incomplete": incomplete,
        "patience": patience,
    }


def _tickets(day_index: np.ndarray, day_start: np.ndarray, office: str) -> np.ndarray:
    """Ticket numbers: office code, date and the visit's number that day (ASR-20250106-001)."""
    n = len(day_index)
    seq = np.arange(n) - np.searchsorted(day_index, day_index, side="left") + 1
    date_text = from_seconds(day_start).dt.strftime("%Y%m%d").to_numpy()
    code = KODE_KECAMATAN.get(office, "ASR")
    return (
        code
        + "-"
        + np.asarray(date_text, dtype=object)
        + "-"
        + np.char.zfill(seq.astype(str), 3).astype(object)
    )


def _layanan_office(
    rng, days, factors, prof: LayananProfile, counters: int, office: str
) -> pd.DataFrame:
    """One office's visits: draw arrivals and needs vectorised, then run the day queues."""
    drawn = _draw_visits(rng, days, factors, prof)
    order = np.lexsort((drawn["arrive"], drawn["day_index"]))
    v = {name: values[order] for name, values in drawn.items()}
    day_index, priority = v["day_index"], v["priority"]
    day_start = days.values.astype("datetime64[s]").astype(np.int64)[day_index]
    is_friday = (days.day_of_week.values == 4)[day_index]
    arrive = np.floor(v["arrive"])
    begin, finish, counter, left = _queue(
        day_index,
        arrive,
        np.round(v["minutes"] * 60),
        v["patience"],
        priority < 3,
        is_friday,
        counters,
        prof,
    )
    served = ~np.isnan(begin)
    wait_end = np.where(served, begin, left)
    hasil = np.where(
        ~served,
        "pergi sebelum dilayani",
        np.where(v["incomplete"], "kembali tidak lengkap", "dilayani"),
    )
    return pd.DataFrame(
        {
            "no_tiket": pd.array(_tickets(day_index, day_start, office), dtype="str"),
            "tanggal": _wib(day_start),
            "datang": _wib(day_start + arrive),
            "mulai": _wib(day_start + begin),
            "selesai": _wib(day_start + finish),
            "jenis_layanan": pd.array(
                np.asarray(JENIS_LAYANAN, dtype=object)[v["service"]], dtype="str"
            ),
            "loket": pd.array(np.where(served, counter, np.nan), dtype="Int64"),
            "kelurahan": pd.array(np.asarray(KELURAHAN, dtype=object)[v["kel"]], dtype="str"),
            "kanal": pd.array(np.where(v["online"], "daring", "datang langsung"), dtype="str"),
            "prioritas": pd.array(
                np.asarray(("lansia", "disabilitas", "ibu hamil", "tidak"), dtype=object)[priority],
                dtype="str",
            ),
            "hasil": pd.array(hasil, dtype="str"),
            "tunggu_menit": np.round((wait_end - arrive) / 60, 1),
            "lama_layanan_menit": np.round((finish - begin) / 60, 1),
        }
    )


def _queue(
    day_index, arrive, service_s, patience, priority, is_friday, counters: int, prof: LayananProfile
):
    """Multi-counter queue, priority first then FIFO, with patience, break and closing time."""
    n = len(arrive)
    out = {
        "begin": np.full(n, np.nan),
        "finish": np.full(n, np.nan),
        "counter": np.zeros(n, dtype=np.int64),
        "left": np.full(n, np.nan),
    }
    day = _QueueDay(
        close=_time(prof.jam_tutup),
        open_s=float(_time(prof.jam_buka)),
        arr=arrive.tolist(),
        dur=service_s.tolist(),
        pat=patience.tolist(),
        prio=priority.tolist(),
        counters=counters,
        out=out,
    )
    brk = (_time(prof.istirahat[0]), _time(prof.istirahat[1]))
    brk_fri = (_time(prof.istirahat_jumat[0]), _time(prof.istirahat_jumat[1]))
    fri = is_friday.tolist()
    bounds = np.flatnonzero(np.diff(day_index)) + 1
    starts = np.concatenate([[0], bounds]).tolist()
    ends = np.concatenate([bounds, [n]]).tolist()
    for lo, hi in zip(starts, ends, strict=True):
        if lo < hi:
            day.run(lo, hi, brk_fri if fri[lo] else brk)
    return out["begin"], out["finish"], out["counter"], out["left"]


@dataclass
class _QueueDay:
    """The queue of one day of one office (see :func:`_queue`)."""

    close: float
    open_s: float
    arr: list
    dur: list
    pat: list
    prio: list
    counters: int
    out: dict

    def _next_visitor(self, waiting: list, t: float) -> int:
        """The next visitor still waiting at ``t`` (the others leave); -1 when none."""
        left = self.out["left"]
        while waiting:
            _, a, j = heapq.heappop(waiting)
            if t >= self.close or t > a + self.pat[j]:
                left[j] = min(a + self.pat[j], max(self.close, a))
                continue
            return j
        return -1

    def run(self, lo: int, hi: int, brk: tuple[float, float]) -> None:
        b0, b1 = brk
        arr, out = self.arr, self.out
        free = [(self.open_s, k) for k in range(1, self.counters + 1)]
        heapq.heapify(free)
        waiting: list[tuple[int, float, int]] = []
        i = lo
        now = self.open_s
        while i < hi or waiting:
            t, k = heapq.heappop(free)
            t = max(t, now)  # a counter idle since earlier is picked up at the current time
            if not waiting and t < arr[i]:
                t = arr[i]
            if b0 <= t < b1:
                t = b1
            now = t
            while i < hi and arr[i] <= t:
                heapq.heappush(waiting, (0 if self.prio[i] else 1, arr[i], i))
                i += 1
            chosen = self._next_visitor(waiting, t)
            if chosen < 0:
                heapq.heappush(free, (t, k))
                if i >= hi:
                    break
                continue
            out["begin"][chosen] = t
            out["finish"][chosen] = t + self.dur[chosen]
            out["counter"][chosen] = k
            heapq.heappush(free, (t + self.dur[chosen], k))


# --- skm ---------------------------------------------------------------------------------------

# Everyday suggestions by element (a complaint about that element), then praise and neutral.
# "{layanan}" is filled with the service the respondent used.
_KELUHAN: dict[str, tuple[str, ...]] = {
    "U1": (
        "Persyaratan {layanan} tidak jelas, saya harus bolak-balik fotokopi.",
        "Syaratnya kebanyakan, mohon disederhanakan.",
        "Tolong daftar syarat {layanan} ditempel di depan, biar tidak salah bawa berkas.",
    ),
    "U2": (
        "Alurnya membingungkan, tidak ada petunjuk harus ke loket mana.",
        "Pendaftaran online Klampid sering error, akhirnya datang langsung.",
        "Prosedurnya ribet, disuruh ke kelurahan dulu baru ke kecamatan.",
    ),
    "U3": (
        "Antrinya lama sekali, dari pagi baru dipanggil siang.",
        "Nunggu {layanan} kelamaan, tolong loketnya ditambah kalau Senin.",
        "Katanya jadi tiga hari tapi molor sampai seminggu.",
        "Jam istirahat loket tutup semua, antrean jadi menumpuk.",
    ),
    "U4": (
        "Katanya gratis tapi masih ada yang minta uang fotokopi.",
        "Mohon ditegaskan kalau {layanan} tidak dipungut biaya.",
    ),
    "U5": (
        "Hasil {layanan} ada salah ketik nama, harus mengulang lagi.",
        "Dokumennya jadi tapi datanya tidak sesuai KK.",
    ),
    "U6": (
        "Petugas kurang paham soal {layanan}, saya dilempar ke sana kemari.",
        "Petugasnya masih bingung pakai aplikasinya.",
        "Jawaban petugas beda-beda, jadi bingung mana yang benar.",
    ),
    "U7": (
        "Petugasnya kurang ramah, jutek waktu ditanya.",
        "Ada petugas yang main HP waktu melayani.",
        "Mohon petugas lebih sabar ke warga yang sudah sepuh.",
    ),
    "U8": (
        "Sudah lapor lewat WA tapi tidak ada balasan.",
        "Kotak saran sepertinya tidak pernah dibuka.",
        "Pengaduan saya soal {layanan} belum ditindaklanjuti.",
    ),
    "U9": (
        "Kursi ruang tunggu kurang, banyak yang berdiri.",
        "Ruang tunggu panas, kipasnya mati.",
        "Parkir sempit, motor sampai ke pinggir jalan.",
        "Toiletnya kotor dan airnya mati.",
    ),
}
_PUJIAN = (
    "Pelayanan cepat dan ramah, terima kasih.",
    "Mantap, {layanan} selesai hari itu juga.",
    "Petugasnya sabar menjelaskan, sukses terus {kantor}.",
    "Sudah bagus, pertahankan.",
    "Terima kasih, prosesnya gampang.",
)
_NETRAL = (
    "Semoga pelayanan makin baik lagi.",
    "Tambah loket waktu Senin pagi.",
    "Mohon info persyaratan dipasang di depan.",
    "Kalau bisa buka layanan hari Sabtu.",
    "Nomor antrean sebaiknya bisa dicek lewat HP.",
)


def generate_skm(
    *,
    seed: int,
    start: dt.date | str,
    end: dt.date | str,
    n: int,
    profile: SkmProfile | None = None,
) -> pd.DataFrame:
    """``n`` synthetic SKM answers collected on working days from ``start`` to ``end``.

    Each respondent has a general mood shared by their nine answers, on top of an element
    mean (costs score high because counter services are free; waiting time and complaint
    handling score lowest), so the answers correlate as real ones do. The suggestion follows
    the scores: a complaint about the worst element when some score is 1 or 2, praise when
    all are high, a neutral wish otherwise, and often nothing.
    """
    prof = profile or SkmProfile()
    start, end = period(start, end)
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise WorkbenchError(
            f"Jumlah responden {n!r} tidak sah.",
            [Problem("jumlah responden tidak sah", column="n", value=n,
                     expected="bilangan bulat 0 atau lebih")],
        )  # fmt: skip
    rng = np.random.default_rng(seed)
    days = working_days(start, end)
    if n == 0 or len(days) == 0:
        return SKM.empty()
    day = days.values.astype("datetime64[s]")[rng.integers(0, len(days), size=n)]
    day.sort()
    age = np.clip(np.round(17 + rng.gamma(3.0, 8.5, size=n)), 17, 85).astype(np.int64)
    female = rng.uniform(size=n) < prof.porsi_perempuan
    edu = rng.choice(len(PENDIDIKAN), size=n, p=_norm(prof.porsi_pendidikan))
    job = rng.choice(len(PEKERJAAN), size=n, p=_norm(prof.porsi_pekerjaan))
    student = PEKERJAAN.index("Pelajar/Mahasiswa")
    housewife = PEKERJAAN.index("Ibu Rumah Tangga")
    young = age < 23
    job = np.where(young & (rng.uniform(size=n) < 0.6), student, job)
    job = np.where((job == student) & (age >= 30), PEKERJAAN.index("Pegawai Swasta"), job)
    job = np.where((job == housewife) & ~female, PEKERJAAN.index("Wiraswasta"), job)
    edu = np.where((job == student) & (edu < 3), 3, edu)
    service = rng.choice(len(JENIS_LAYANAN), size=n, p=_norm(prof.porsi_layanan))
    kel = rng.choice(len(KELURAHAN), size=n, p=_norm(prof.porsi_kelurahan))

    mood = rng.normal(0.0, prof.sebaran_responden, size=(n, 1))
    raw = np.asarray(prof.rata_unsur) + mood + rng.normal(0.0, prof.sebaran_jawaban, size=(n, 9))
    scores = np.clip(np.round(raw), 1, 4).astype(np.int64)

    saran = _suggestions(rng, scores, service, prof)
    frame = pd.DataFrame(
        {
            "id_responden": pd.array(_ids("R", n, 4), dtype="str"),
            "tanggal": pd.Series(day, dtype="datetime64[s]").dt.tz_localize(get_settings().tz),
            "umur": age,
            "jenis_kelamin": pd.array(np.where(female, "Perempuan", "Laki-laki"), dtype="str"),
            "pendidikan": pd.array(np.asarray(PENDIDIKAN, dtype=object)[edu], dtype="str"),
            "pekerjaan": pd.array(np.asarray(PEKERJAAN, dtype=object)[job], dtype="str"),
            "jenis_layanan": pd.array(
                np.asarray(JENIS_LAYANAN, dtype=object)[service], dtype="str"
            ),
            "kelurahan": pd.array(np.asarray(KELURAHAN, dtype=object)[kel], dtype="str"),
        }
    )
    for j, code in enumerate(UNSUR_SKM):
        frame[code] = scores[:, j]
    frame["saran"] = pd.array(saran, dtype="str")
    return frame


def _norm(p) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    return p / p.sum()


def _ids(prefix: str, n: int, min_width: int) -> np.ndarray:
    width = max(min_width, len(str(n)))
    return (prefix + np.char.zfill(np.arange(1, n + 1).astype(str), width)).astype(object)


def _suggestions(rng, scores: np.ndarray, service: np.ndarray, prof: SkmProfile) -> np.ndarray:
    """Pick a suggestion per respondent, vectorised over a table of pre-filled texts."""
    codes = list(UNSUR_SKM)
    texts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}

    def add(group: str, templates: tuple[str, ...]) -> None:
        first = len(texts)
        for template in templates:
            for layanan in JENIS_LAYANAN:
                texts.append(template.format(layanan=layanan, kantor=prof.kantor))
        offsets[group] = (first, len(templates))

    for code in codes:
        add(code, _KELUHAN[code])
    add("pujian", _PUJIAN)
    add("netral", _NETRAL)
    table = np.asarray([*texts, None], dtype=object)
    none = len(texts)

    n = len(scores)
    # The worst element, ties broken at random.
    worst = np.argmin(scores + rng.uniform(0, 0.5, size=scores.shape), axis=1)
    unhappy = scores.min(axis=1) <= 2
    happy = ~unhappy & (scores.mean(axis=1) >= 3.5)
    pick = rng.uniform(size=n)
    chance = np.where(
        unhappy,
        prof.peluang_saran[0],
        np.where(happy, prof.peluang_saran[2], prof.peluang_saran[1]),
    )
    write = pick < chance
    u = rng.uniform(size=n)

    first = np.zeros(n, dtype=np.int64)
    count = np.ones(n, dtype=np.int64)
    for j, code in enumerate(codes):
        rows = unhappy & (worst == j)
        first[rows], count[rows] = offsets[code]
    first[happy], count[happy] = offsets["pujian"]
    neutral = ~unhappy & ~happy
    first[neutral], count[neutral] = offsets["netral"]
    template = np.minimum((u * count).astype(np.int64), count - 1)
    index = first + template * len(JENIS_LAYANAN) + service
    index = np.where(write, index, none)
    return table[index]
