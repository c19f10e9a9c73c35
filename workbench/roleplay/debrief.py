"""Debrief: discussion prompts in Indonesian, drawn from what the teams actually did.

The facilitator reads these aloud after a round. Each prompt points at something in the
results (a tie, the busiest hour, the cheapest plan that still did well, the disruption) and
asks the teams to explain it, so the discussion is about evidence, not about who won.
"""

from __future__ import annotations

import math

from workbench import formatting as fmt
from workbench.roleplay.disruptions import DISRUPTIONS

__all__ = ["discussion_prompts"]


def discussion_prompts(ws, *, round: int | None = None) -> list[str]:
    """Discussion prompts for a round of workshop ``ws`` (its current round by default)."""
    round_ = ws.get_round(round)
    board = ws.leaderboard(round=round_.number)
    done = board[board["status"] != "belum mengirim"]
    prompts: list[str] = []
    if done.empty:
        return [
            "Belum ada tim yang mengirim rencana. Sambil menunggu: jam berapa menurut Anda "
            "antrean paling panjang, dan mengapa?"
        ]
    best = done.iloc[0]
    prompts.append(
        f"{best['tim']} di peringkat teratas. Minta {best['tim']} menjelaskan satu keputusan yang "
        "paling menentukan, lalu tanyakan tim lain: apakah keputusan itu bisa dijalankan di "
        "kantor kita besok?"
    )
    for group in _tie_groups(done)[:2]:
        prompts.append(
            f"{', '.join(group)} belum bisa dibedakan: dibandingkan hari demi hari pada warga "
            "yang sama, selisihnya masih bisa karena keberuntungan. Rencananya berbeda, "
            "hasilnya setara: apa yang sebenarnya menentukan waktu tunggu?"
        )
    queue = ws.queue_over_day(round=round_.number)
    if len(queue):
        peak = queue.loc[queue["antrean"].idxmax()]
        prompts.append(
            f"Antrean terpanjang terjadi pada {peak['tim']} sekitar pukul {peak['jam']} "
            f"(rata-rata {fmt.number(peak['antrean'])} orang). Apa yang terjadi di kantor saat "
            "itu: warga yang datang, petugas yang ada, atau istirahat?"
        )
    cheapest = done.loc[done["biaya"].idxmin()]
    if len(done) > 1 and cheapest["tim"] != best["tim"]:
        prompts.append(
            f"{cheapest['tim']} memakai jam-petugas paling sedikit "
            f"({fmt.number(cheapest['biaya'])} jam) dan melayani "
            f"{fmt.number(cheapest['porsi_tepat_waktu'])}% warga dalam standar. Apakah tambahan "
            f"biaya tim lain sepadan dengan hasilnya?"
        )
    left = done.loc[done["pergi"].idxmax()]
    if not math.isnan(left["pergi"]) and left["pergi"] >= 1:
        prompts.append(
            f"Di {left['tim']} rata-rata {fmt.number(left['pergi'])} warga per hari pulang "
            "tanpa dilayani. Siapa mereka, dan apa yang mereka ceritakan kepada tetangganya?"
        )
    if round_.disruption:
        card = DISRUPTIONS[round_.disruption]
        prompts.append(
            f"Gangguan ronde ini: {card.title}. Rencana siapa yang paling tahan? Apa yang bisa "
            "disiapkan sebelum gangguan terjadi (SOP, informasi kepada warga, petugas cadangan)?"
        )
    if round_.decision_at is not None:
        prompts.append(
            f"Pukul {round_.decision_clock} antrean sudah terlihat. Tim yang mengubah rencana: "
            "seberapa cepat antrean pulih? Tim yang tidak mengubah: mengapa?"
        )
    prompts.append(
        "Rata-rata kapasitas loket lebih besar dari rata-rata warga yang datang, tetapi antrean "
        "tetap terbentuk. Mengapa? (Petunjuk: warga tidak datang merata, lama layanan berbeda.)"
    )
    return prompts


def _tie_groups(done) -> list[tuple[str, ...]]:
    """Groups of teams the paired comparison cannot tell apart (each team with those it
    ties with), in table order, without repeats."""
    groups = []
    for team, others in zip(done["tim"], done["setara_dengan"], strict=True):
        if others:
            group = tuple(sorted([team, *others.split(", ")]))
            if group not in groups:
                groups.append(group)
    return groups
