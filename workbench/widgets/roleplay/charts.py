"""Charts and HTML tables of a round: leaderboard, queue over the day, waits, replay frame."""

from __future__ import annotations

import html
import io

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from workbench import formatting as fmt
from workbench.roleplay import KPIS
from workbench.roleplay.replay import frame
from workbench.roleplay.scoring import rank_text
from workbench.widgets.roleplay.common import LINE_STYLES, OKABE_ITO, kpi_text

__all__ = ["leaderboard_html", "png", "queue_figure", "replay_frame_html", "waits_figure"]

#: The KPI columns of the leaderboard, in the order shown.
BOARD_COLUMNS = (
    "rata_tunggu", "p90_tunggu", "porsi_tepat_waktu", "pergi", "lembur", "biaya", "kepuasan",
)  # fmt: skip


def png(figure: Figure) -> bytes:
    """A figure as PNG bytes for an ``Image`` widget."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def _style(ax, xlabel: str, ylabel: str) -> None:
    ax.set_xlabel(xlabel, fontsize=16)
    ax.set_ylabel(ylabel, fontsize=16)
    ax.tick_params(labelsize=15)
    ax.grid(axis="y", color="#e5e7eb")
    ax.yaxis.set_major_formatter(lambda v, _pos: fmt.number(v, None))


def queue_figure(queue: pd.DataFrame, teams: list[str]) -> Figure:
    """Average number waiting through the day, one line (colour and style) per team."""
    figure = Figure(figsize=(11, 4.6))
    ax = figure.subplots()
    for i, team in enumerate(teams):
        q = queue[queue["tim"] == team]
        if q.empty:
            continue
        ax.plot(
            np.arange(len(q)),
            q["antrean"],
            color=OKABE_ITO[i % len(OKABE_ITO)],
            linestyle=LINE_STYLES[i % len(LINE_STYLES)],
            linewidth=3,
            label=team,
        )
        ticks = [k for k, label in enumerate(q["jam"]) if str(label).endswith(":00")]
        ax.set_xticks(ticks, [q["jam"].iloc[k] for k in ticks])
    _style(ax, "Jam (WIB)", "Rata-rata warga menunggu (orang)")
    ax.set_ylim(bottom=0)
    if len(queue):
        ax.legend(fontsize=15, loc="upper right")
    return figure


def waits_figure(dist: pd.DataFrame, teams: list[str]) -> Figure:
    """Share of served visitors per waiting-time bin, bars side by side per team."""
    figure = Figure(figsize=(11, 4.2))
    ax = figure.subplots()
    present = [t for t in teams if (dist["tim"] == t).any()]
    width = 0.8 / max(1, len(present))
    for i, team in enumerate(present):
        d = dist[dist["tim"] == team]
        k = teams.index(team)
        ax.bar(
            np.arange(len(d)) + (i - (len(present) - 1) / 2) * width,
            d["porsi"],
            width=width,
            color=OKABE_ITO[k % len(OKABE_ITO)],
            hatch=("", "//", "..", "xx", "\\\\", "--")[k % 6],
            edgecolor="white",
            label=team,
        )
    if present:
        d = dist[dist["tim"] == present[0]]
        labels = [
            f"{int(a)}–{int(b)}" if np.isfinite(b) else f"≥ {int(a)}"
            for a, b in zip(d["dari"], d["sampai"], strict=True)
        ]
        ax.set_xticks(np.arange(len(d)), labels)
        ax.legend(fontsize=15)
    _style(ax, "Lama menunggu (menit)", "Warga yang dilayani (%)")
    return figure


def _board_row(rec: dict, rank_by: str) -> str:
    if rec["status"] == "belum mengirim":
        cells = "".join("<td>–</td>" for _ in BOARD_COLUMNS)
        return (
            f"<tr><td>–</td><td class='tim'>{html.escape(rec['tim'])}</td>{cells}"
            "<td class='teks rp-kecil'>belum mengirim</td></tr>"
        )
    cells = []
    for c in BOARD_COLUMNS:
        text = kpi_text(c, rec[c])
        low, high = rec[f"{c}_bawah"], rec[f"{c}_atas"]
        if c == rank_by:
            text = f"<b>{text}</b>"
            if not (pd.isna(low) or pd.isna(high)):
                text += f"<br><span class='rp-kecil'>{kpi_text(c, low)}–{kpi_text(c, high)}</span>"
        cells.append(f"<td>{text}</td>")
    rank = rank_text(int(rec["peringkat"]), int(rec["peringkat_sampai"]))
    return (
        f"<tr class='rp-baris-tim'><td class='rp-peringkat'>{rank}</td>"
        f"<td class='tim'><b>{html.escape(rec['tim'])}</b></td>{''.join(cells)}"
        f"<td class='teks rp-kecil'>{html.escape(rec['status'])}</td></tr>"
    )


def leaderboard_html(board: pd.DataFrame, rank_by: str, explanation: str) -> str:
    """The leaderboard as a large HTML table: rows ordered by ``rank_by``, each team's plausible
    range of ranks in the first column, and ``explanation`` (the sentence to read aloud)."""
    head = "".join(
        f"<th>{html.escape(KPIS[c][0])}<br><span class='rp-kecil'>{html.escape(KPIS[c][1])}"
        "</span></th>"
        for c in BOARD_COLUMNS
    )
    rows = "".join(_board_row(rec, rank_by) for rec in board.to_dict("records"))
    return (
        "<table class='rp-tabel rp-papan'><thead><tr><th>Peringkat</th><th>Tim</th>"
        f"{head}<th>Keterangan</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<p class='rp-bantuan rp-cara-peringkat'>Diurutkan menurut <b>"
        f"{html.escape(KPIS[rank_by][0])}</b> (selang 95% di bawah angkanya). "
        f"{html.escape(explanation)}</p>"
    )


def replay_frame_html(replay: pd.DataFrame, counters: list[str], minute: float) -> str:
    """One frame of a team's day at clock ``minute`` (:func:`workbench.roleplay.replay.frame`):
    the clock, each counter with the visitor it is serving, the people waiting (priority
    visitors as orange squares), and how many have been served or have left so far."""
    f = frame(replay, counters, minute)
    boxes = []
    for name, visitor in f.at_counter.items():
        if visitor is None:
            boxes.append(
                f"<div class='rp-loket kosong'><b>{html.escape(name)}</b><br>tidak melayani</div>"
            )
            continue
        service, group = visitor
        prio = "" if group == "tidak" else f"<br>({html.escape(group)})"
        boxes.append(
            f"<div class='rp-loket'><b>{html.escape(name)}</b><br>{html.escape(service)}{prio}"
            "</div>"
        )
    dots = "".join(
        "<span class='rp-orang prioritas'></span>"
        if g != "tidak"
        else "<span class='rp-orang'></span>"
        for g in f.waiting
    )
    return (
        "<div class='rp-replay-bingkai'>"
        f"<div class='rp-jam'>{fmt.clock(f.minute)}</div>"
        f"<div>{''.join(boxes)}</div>"
        f"<h3>Menunggu: <span class='rp-menunggu'>{len(f.waiting)}</span> orang</h3>"
        f"<div style='max-width:900px'>{dots}</div>"
        f"<p>Sudah dilayani: <b>{fmt.count(f.served)}</b> · Pergi tanpa dilayani: "
        f"<b>{fmt.count(f.gone)}</b> · <span class='rp-orang'></span> warga · "
        "<span class='rp-orang prioritas'></span> prioritas</p></div>"
    )
