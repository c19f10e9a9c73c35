"""Questions of module 10, "Simulasi antrean layanan": queues, variability, KPIs, an experiment.

Expected answers that come from the simulation are computed by running the same scenario with
the same seed as the notebook (the simulation is reproducible), the first time a learner checks.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from workbench.practice.checkers import FunctionQuestion, ValueQuestion
from workbench.practice.core import Question

MODULE = "10-simulasi-antrean-layanan"

#: The card, seed and replications the notebook uses.
CARD, SEED, REPLICATIONS = "selasa-biasa", 1, 30


@cache
def _summary(counters: int | None = None):
    from workbench.simulation import Scenario, simulate

    sc = Scenario.from_yaml(CARD)
    if counters is not None:
        sc = sc.with_counters(counters)
    return simulate(sc, replications=REPLICATIONS, seed=SEED).summary()


def _tepat_waktu() -> float:
    return float(_summary().loc["porsi_tepat_waktu", "nilai"])


def _selisih_tunggu() -> float:
    return float(_summary().loc["rata_tunggu", "nilai"] - _summary(5).loc["rata_tunggu", "nilai"])


_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?")


def clock_text(value: Any) -> Any:
    """A time of day written any usual way as ``"HH:MM"``: ``"12.30"``, ``"12:30:00"``,
    ``"12:30 WIB"``, ``"9:30"``, a ``datetime.time`` or a timestamp. Other values are returned
    as they are (the comparison then says what kind of value was expected); a text that is not
    a time is explained."""
    if isinstance(value, dt.datetime | dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if not isinstance(value, str):
        return value
    text = value.strip().upper().removesuffix("WIB").strip()
    match = _CLOCK.fullmatch(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise Question.wrong(
            f"`jam_terpadat` berisi {value!r}, yang tidak terbaca sebagai jam. Tulis jam dan "
            'menit seperti di kolom `jam`, sebagai teks: misalnya `"09:30"`.'
        )
    return f"{int(match[1]):02d}:{match[2]}"


def _not_the_busiest(value: Any) -> str | None:
    if isinstance(value, str) and _CLOCK.fullmatch(value):
        return (
            f"Pada pukul {value} antrean belum yang terpanjang. Cari baris dengan `rata_rata` "
            "terbesar di seluruh tabel `profil`, semua barisnya, bukan hanya yang terlihat."
        )
    return None


def _jam_terpadat() -> str:
    from workbench.simulation import Scenario, simulate

    result = simulate(Scenario.from_yaml(CARD), replications=REPLICATIONS, seed=SEED)
    profile = result.queue_over_day()
    return str(profile.loc[profile["rata_rata"].idxmax(), "jam"])


def questions() -> list[Question]:
    """The questions of module 10, in notebook order."""
    return [
        FunctionQuestion(
            "kesibukan",
            [
                ((30, 8, 5), 30 * 8 / 60 / 5),
                ((40, 4, 3), 40 * 4 / 60 / 3),
                ((12, 10, 2), 12 * 10 / 60 / 2),
                ((60, 1, 1), 1.0),
            ],
            hints=[
                "Beban kerja per jam = warga per jam × menit layanan, dalam menit.",
                "Satu loket punya 60 menit per jam; `loket` loket punya `60 * loket` menit.",
                "Kesibukan = beban kerja per jam ÷ menit loket yang tersedia per jam.",
            ],
            solution=(
                "def kesibukan(warga_per_jam, menit_layanan, loket):\n"
                "    return warga_per_jam * menit_layanan / (60 * loket)"
            ),
            praise="Kesibukan di atas sekitar 0,85 hampir selalu berarti antrean panjang.",
        ),
        ValueQuestion(
            "tepat_waktu",
            _tepat_waktu,
            rel_tol=1e-9,
            hints=[
                "Ringkasan `hasil.summary()` adalah tabel; barisnya diberi nama kode indikator.",
                'Kode untuk warga yang dilayani dalam standar adalah `"porsi_tepat_waktu"`, '
                'kolom angkanya `"nilai"`.',
                "Ambil satu sel dengan `.loc[baris, kolom]`.",
            ],
            solution='tepat_waktu = ringkasan.loc["porsi_tepat_waktu", "nilai"]',
            praise="Angka ini adalah rata-rata dari 30 hari simulasi, bukan satu hari saja.",
        ),
        ValueQuestion(
            "selisih_tunggu",
            _selisih_tunggu,
            rel_tol=1e-9,
            hints=[
                "Jalankan skenario lima loket dengan seed yang sama: "
                "`simulate(kartu.with_counters(5), replications=30, seed=1)`.",
                'Rata-rata tunggu ada di baris `"rata_tunggu"`, kolom `"nilai"` ringkasannya.',
                "Selisih = rata-rata tunggu empat loket dikurangi rata-rata tunggu lima loket.",
            ],
            solution=(
                "lima = simulate(kartu.with_counters(5), replications=30, seed=1).summary()\n"
                'selisih_tunggu = ringkasan.loc["rata_tunggu", "nilai"] - '
                'lima.loc["rata_tunggu", "nilai"]'
            ),
            praise="Seed yang sama berarti warga yang sama: selisihnya karena loket, bukan untung.",
        ),
        ValueQuestion(
            "jam_terpadat",
            _jam_terpadat,
            normalize=clock_text,
            explain=_not_the_busiest,
            hints=[
                "`hasil.queue_over_day()` berisi kolom `jam` dan `rata_rata` (orang menunggu).",
                'Baris dengan antrean terpanjang: `profil["rata_rata"].idxmax()`.',
                'Ambil jamnya dengan `.loc[baris, "jam"]`.',
            ],
            solution=(
                "profil = hasil.queue_over_day()\n"
                'jam_terpadat = profil.loc[profil["rata_rata"].idxmax(), "jam"]'
            ),
            praise="Jam itulah yang perlu dibahas tim saat lokakarya.",
        ),
    ]
