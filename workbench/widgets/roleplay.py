"""The role-play workshop pages: the facilitator's and each team's, for Voilà and JupyterLab.

Only presentation lives here. Every number, every check and every stored row comes from
:mod:`workbench.roleplay` (the same API a notebook calls), so a refusal on the page is the same
Indonesian :class:`~workbench.errors.WorkbenchError` as in code, shown in the page.

Built for a projector: large type, Indonesian labels, clock times (08:15), and the Okabe-Ito
palette with a different line style per team, so colour-blind participants can tell the teams
apart. Both pages poll the workshop database every few seconds (an ipywidgets ``Play`` timer,
no threads) and redraw when something new was stored, so five team laptops and the
facilitator's projector stay in step without anyone pressing reload.
"""

from __future__ import annotations

import base64
import html
import io
import tempfile
import threading
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.errors import WorkbenchError
from workbench.roleplay import DISRUPTIONS, KPIS, Workshop, default_path, plans
from workbench.roleplay.replay import frame
from workbench.simulation import Scenario

__all__ = [
    "FacilitatorPage",
    "TeamPage",
    "facilitator_page",
    "queue_figure",
    "replay_frame_html",
    "team_page",
    "waits_figure",
]

#: Okabe-Ito colours (colour-blind safe), black last.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000")
LINE_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)), "-")

#: Milliseconds between two polls of the workshop database.
POLL_MS = 3000

#: Clock minutes per replay frame, and milliseconds per frame while playing.
REPLAY_STEP_MINUTES = 2
REPLAY_FRAME_MS = 120

_STYLE = """
<style>
.rp-halaman { font-size: 18px; }
.rp-halaman .widget-html-content { line-height: 1.4; font-size: 18px; }
.rp-halaman .widget-label, .rp-halaman .widget-button, .rp-halaman select,
.rp-halaman input, .rp-halaman .widget-toggle-button, .rp-halaman textarea { font-size: 17px; }
.rp-halaman h2 { font-size: 28px; margin: 6px 0; }
.rp-halaman h3 { font-size: 22px; margin: 10px 0 4px 0; }
.rp-tabel { border-collapse: collapse; font-size: 19px; }
.rp-tabel th, .rp-tabel td { border-bottom: 1px solid #d1d5db; padding: 6px 10px;
  text-align: right; }
.rp-tabel th:first-child, .rp-tabel td:first-child, .rp-tabel td.teks { text-align: left; }
.rp-tabel td.tim { white-space: nowrap; text-align: left; }
.rp-tabel th { background: #f3f4f6; }
.rp-setara { color: #0072B2; font-weight: bold; }
.rp-kecil { font-size: 15px; color: #374151; }
.rp-galat { border: 2px solid #D55E00; padding: 8px; border-radius: 6px; background: #fff7ed; }
.rp-ok { border: 2px solid #009E73; padding: 8px; border-radius: 6px; background: #ecfdf5; }
.rp-cerita { font-size: 20px; line-height: 1.5; background: #f9fafb; padding: 10px 14px;
  border-left: 6px solid #0072B2; white-space: pre-wrap; }
.rp-jam { font-size: 56px; line-height: 1.15; font-weight: bold;
  font-variant-numeric: tabular-nums; }
.rp-loket { display: inline-block; width: 150px; min-height: 92px; margin: 4px; padding: 6px;
  border: 3px solid #0072B2; border-radius: 8px; vertical-align: top; font-size: 17px; }
.rp-loket.kosong { border-style: dashed; border-color: #9ca3af; color: #6b7280; }
.rp-orang { display: inline-block; width: 16px; height: 16px; margin: 2px; border-radius: 50%;
  background: #0072B2; }
.rp-orang.prioritas { background: #E69F00; border-radius: 2px; }
.rp-sel button { min-width: 38px; }
</style>
"""


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def _error_html(exc: Exception) -> str:
    text = html.escape(str(exc)).replace("\n", "<br>")
    return f"<div class='rp-galat'>{text}</div>"


def _ok_html(text: str) -> str:
    return f"<div class='rp-ok'>{text}</div>"


def _kpi_value(code: str, value: float) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if code == "tepat_waktu":
        return fmt.number(value, 1) + "%"
    if code == "kepuasan":
        return fmt.number(value, 1)
    return fmt.number(value, 1)


# ---------------------------------------------------------------- charts and tables


def queue_figure(queue: pd.DataFrame, teams: list[str]) -> Figure:
    """Average number waiting through the day, one line (colour and style) per team."""
    figure = Figure(figsize=(11, 4.6))
    ax = figure.subplots()
    for i, team in enumerate(teams):
        q = queue[queue["tim"] == team]
        if q.empty:
            continue
        x = np.arange(len(q))
        ax.plot(
            x,
            q["antrean"],
            color=OKABE_ITO[i % len(OKABE_ITO)],
            linestyle=LINE_STYLES[i % len(LINE_STYLES)],
            linewidth=3,
            label=team,
        )
        ticks = [k for k, label in enumerate(q["jam"]) if str(label).endswith(":00")]
        ax.set_xticks(ticks, [q["jam"].iloc[k] for k in ticks])
    ax.set_ylabel("Rata-rata warga menunggu (orang)", fontsize=14)
    ax.set_xlabel("Jam (WIB)", fontsize=14)
    ax.tick_params(labelsize=13)
    ax.grid(axis="y", color="#e5e7eb")
    ax.set_ylim(bottom=0)
    if len(queue):
        ax.legend(fontsize=13, loc="upper right")
    return figure


def waits_figure(dist: pd.DataFrame, teams: list[str]) -> Figure:
    """Share of served visitors per waiting-time bin, bars side by side per team."""
    figure = Figure(figsize=(11, 4.2))
    ax = figure.subplots()
    present = [t for t in teams if (dist["tim"] == t).any()]
    width = 0.8 / max(1, len(present))
    for i, team in enumerate(present):
        d = dist[dist["tim"] == team]
        x = np.arange(len(d)) + (i - (len(present) - 1) / 2) * width
        ax.bar(
            x,
            d["porsi"],
            width=width,
            color=OKABE_ITO[teams.index(team) % len(OKABE_ITO)],
            hatch=("", "//", "..", "xx", "\\\\", "--")[teams.index(team) % 6],
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
        ax.legend(fontsize=13)
    ax.set_xlabel("Lama menunggu (menit)", fontsize=14)
    ax.set_ylabel("Warga yang dilayani (%)", fontsize=14)
    ax.tick_params(labelsize=13)
    ax.grid(axis="y", color="#e5e7eb")
    return figure


def leaderboard_html(board: pd.DataFrame, rank_by: str) -> str:
    """The leaderboard as a large HTML table; tied teams show '=2' and whom they tie with."""
    columns = ["rata_tunggu", "p90_tunggu", "tepat_waktu", "pergi", "lembur", "biaya", "kepuasan"]
    head = "".join(
        f"<th>{html.escape(KPIS[c][0])}<br><span class='rp-kecil'>{KPIS[c][1]}</span></th>"
        for c in columns
    )
    rows = []
    for rec in board.to_dict("records"):
        if rec["status"] == "belum mengirim":
            cells = "".join("<td>–</td>" for _ in columns)
            rows.append(
                f"<tr><td>–</td><td class='tim'>{html.escape(rec['tim'])}</td>{cells}"
                "<td class='teks rp-kecil'>belum mengirim</td></tr>"
            )
            continue
        rank = f"={rec['peringkat']}" if rec["setara"] else str(rec["peringkat"])
        cells = []
        for c in columns:
            text = _kpi_value(c, rec[c])
            low, high = rec[f"{c}_bawah"], rec[f"{c}_atas"]
            if c == rank_by and not (pd.isna(low) or pd.isna(high)):
                text += (
                    f"<br><span class='rp-kecil'>{_kpi_value(c, low)}–{_kpi_value(c, high)}</span>"
                )
            cells.append(f"<td>{text}</td>")
        note = html.escape(rec["status"])
        if rec["setara_dengan"]:
            note += (
                f"<br><span class='rp-setara'>setara dengan {html.escape(rec['setara_dengan'])}"
                "</span>"
            )
        rows.append(
            f"<tr class='rp-baris-tim'><td><b>{rank}</b></td>"
            f"<td class='tim'><b>{html.escape(rec['tim'])}</b></td>{''.join(cells)}"
            f"<td class='teks rp-kecil'>{note}</td></tr>"
        )
    return (
        "<table class='rp-tabel rp-papan'><thead><tr><th>Peringkat</th><th>Tim</th>"
        f"{head}<th>Keterangan</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p class='rp-kecil'>Peringkat menurut <b>{html.escape(KPIS[rank_by][0])}</b>, dengan "
        "selang kepercayaan 95% di bawah angkanya. Tim yang selisihnya masih dalam batas "
        "keberuntungan ditampilkan <b>setara</b> (tanda =), bukan diurutkan.</p>"
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
        else:
            service, group = visitor
            prio = "" if group == "tidak" else f"<br>({html.escape(group)})"
            boxes.append(
                f"<div class='rp-loket'><b>{html.escape(name)}</b><br>"
                f"{html.escape(service)}{prio}</div>"
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
        f"<p>Sudah dilayani: <b>{f.served}</b> · Pergi tanpa dilayani: <b>{f.gone}</b> · "
        "<span class='rp-orang'></span> warga · <span class='rp-orang prioritas'></span> "
        "prioritas</p></div>"
    )


def _download_link(path: Path, name: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return f"<a download='{html.escape(name)}' href='data:{mime};base64,{data}'>Unduh {name}</a>"


def _cards() -> list[str]:
    folder = get_settings().scenarios_dir
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


class Poller:
    """Calls ``callback`` every :data:`POLL_MS` milliseconds from a daemon thread, once the page
    is on screen (ipywidgets' ``Play`` only ticks after a click, so it cannot be the timer).
    Widget updates from a thread reach the browser like any other comm message; a lock keeps a
    poll from drawing while a button's handler is drawing."""

    def __init__(self, callback) -> None:
        self.callback = callback
        self.lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="rp-poll", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(POLL_MS / 1000):
            try:
                with self.lock:
                    self.callback()
            except Exception:  # a failed poll must not end polling; the next one retries
                continue


# ---------------------------------------------------------------- facilitator


class _Page:
    """What the facilitator's and the team's pages share: showing themselves (and starting to
    poll the workshop file) and listing the workshops in it."""

    path: Path
    widget: widgets.Widget
    message: widgets.HTML
    poll: Poller

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
        self.poll.start()

    def _workshop_names(self) -> list[str]:
        """The workshops in the file, newest first; a problem reading it is shown, not raised."""
        try:
            return Workshop.names(self.path)
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return []


class FacilitatorPage(_Page):
    """The facilitator's page: create or open a workshop, rounds, leaderboard, debrief."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.ws: Workshop | None = None
        self._seen: tuple[int, int] | None = None
        big = {"description_width": "220px"}
        wide = widgets.Layout(width="580px")

        # -- open or create
        self.choose = widgets.Dropdown(description="Lokakarya", style=big, layout=wide)
        self.open_button = widgets.Button(description="Buka", icon="folder-open")
        self.open_button.on_click(lambda _b: self.open(self.choose.value))
        self.new_name = widgets.Text(description="Nama lokakarya", style=big, layout=wide)
        self.new_date = widgets.Text(
            description="Tanggal", placeholder="05-02-2025", style=big, layout=wide
        )
        cards = _cards()
        self.new_card = widgets.Dropdown(
            description="Kartu skenario",
            options=cards,
            value="selasa-biasa" if "selasa-biasa" in cards else (cards[0] if cards else None),
            style=big,
            layout=wide,
        )
        self.new_teams = widgets.Textarea(
            description="Tim (satu per baris)",
            value="\n".join(f"Tim {c}" for c in "ABCDE"),
            style=big,
            layout=widgets.Layout(width="520px", height="150px"),
        )
        self.new_budget = widgets.BoundedFloatText(
            description="Anggaran (jam-petugas)", value=36, min=1, max=500, style=big
        )
        self.new_seed = widgets.BoundedIntText(description="Seed", value=1, min=0, style=big)
        self.create_button = widgets.Button(
            description="Buat lokakarya",
            icon="plus",
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self.create_button.add_class("rp-buat")
        self.create_button.on_click(lambda _b: self.create())
        self.message = widgets.HTML()
        self.message.add_class("rp-pesan")

        # -- workshop header and rounds
        self.header = widgets.HTML()
        self.story = widgets.HTML()
        self.round_disruption = widgets.Dropdown(
            description="Kartu gangguan",
            options=[("Tanpa gangguan", None)] + [(c.title, k) for k, c in DISRUPTIONS.items()],
            style=big,
            layout=wide,
        )
        self.round_decision = widgets.Text(
            description="Jeda keputusan pukul",
            placeholder="kosong, atau misalnya 10:00",
            style=big,
            layout=wide,
        )
        self.round_button = widgets.Button(
            description="Mulai ronde baru", icon="forward", layout=widgets.Layout(width="auto")
        )
        self.round_button.on_click(lambda _b: self.start_round())

        # -- results
        self.board = widgets.HTML()
        self.board.add_class("rp-papan-skor")
        self.refresh_button = widgets.Button(description="Perbarui", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh(force=True))
        self.queue_image = widgets.Image(format="png", layout=widgets.Layout(max_width="1100px"))
        self.waits_image = widgets.Image(format="png", layout=widgets.Layout(max_width="1100px"))
        self.decision_table = widgets.HTML()
        self.decision_table.add_class("rp-keadaan-semua")
        self.changes_table = widgets.HTML()
        self.changes_table.add_class("rp-perubahan")
        self.prompts = widgets.HTML()
        self.excel_button = widgets.Button(
            description="Siapkan Excel", icon="file-excel-o", layout=widgets.Layout(width="auto")
        )
        self.excel_button.on_click(lambda _b: self.prepare_excel())
        self.excel_link = widgets.HTML()

        # -- replay
        self.replay_team = widgets.Dropdown(description="Tim", style=big)
        self.replay_team.observe(lambda _c: self._load_replay(), names="value")
        self.replay_play = widgets.Play(
            value=0, min=0, max=1, step=1, interval=REPLAY_FRAME_MS, description="Putar"
        )
        self.replay_slider = widgets.IntSlider(
            value=0,
            min=0,
            max=1,
            description="Jam",
            readout=False,
            layout=widgets.Layout(width="600px"),
        )
        widgets.jslink((self.replay_play, "value"), (self.replay_slider, "value"))
        self.replay_slider.observe(lambda _c: self._draw_frame(), names="value")
        self.replay_view = widgets.HTML()
        self.replay_view.add_class("rp-replay")
        self._replay: pd.DataFrame | None = None
        self._replay_team: str | None = None
        self._replay_counters: list[str] = []
        self._replay_start = 0.0

        self.poll = Poller(lambda: self.refresh())

        create_box = widgets.VBox(
            [
                self.new_name,
                self.new_date,
                self.new_card,
                self.new_teams,
                self.new_budget,
                self.new_seed,
                self.create_button,
            ]
        )
        self.setup = widgets.Accordion(
            children=[widgets.HBox([self.choose, self.open_button]), create_box],
            titles=("Buka lokakarya yang ada", "Buat lokakarya baru"),
            selected_index=0,
        )
        self.round_box = widgets.VBox(
            [
                widgets.HTML("<h3>Ronde berikutnya</h3>"),
                self.round_disruption,
                self.round_decision,
                widgets.HBox([self.round_button]),
            ]
        )
        self.replay_box = widgets.VBox(
            [
                widgets.HTML("<h3>Tayangan ulang hari satu tim</h3>"),
                widgets.HBox([self.replay_team]),
                widgets.HBox([self.replay_play, self.replay_slider]),
                self.replay_view,
            ]
        )
        self.results = widgets.VBox(
            [
                self.header,
                self.story,
                widgets.HBox([widgets.HTML("<h3>Papan skor</h3>"), self.refresh_button]),
                self.board,
                self.decision_table,
                widgets.HTML("<h3>Antrean sepanjang hari, semua tim</h3>"),
                self.queue_image,
                widgets.HTML("<h3>Sebaran waktu tunggu</h3>"),
                self.waits_image,
                widgets.HTML("<h3>Apa yang diubah tiap tim dari rencana kartu</h3>"),
                self.changes_table,
                widgets.HTML("<h3>Bahan diskusi</h3>"),
                self.prompts,
                self.replay_box,
                self.round_box,
                widgets.HBox([self.excel_button, self.excel_link]),
            ],
            layout=widgets.Layout(display="none"),
        )
        self.widget = widgets.VBox([widgets.HTML(_STYLE), self.setup, self.message, self.results])
        self.widget.add_class("rp-halaman")
        self._list_workshops()
        if self.choose.value:
            self.open(self.choose.value)

    # -- actions

    def _list_workshops(self) -> None:
        names = self._workshop_names()
        self.choose.options = names
        self.choose.value = names[0] if names else None

    def create(self) -> bool:
        """Create the workshop described in the form and show it."""
        teams = [t.strip() for t in self.new_teams.value.splitlines() if t.strip()]
        try:
            self.ws = Workshop.create(
                self.path,
                self.new_name.value.strip(),
                card=self.new_card.value or "selasa-biasa",
                teams=teams,
                budget_hours=float(self.new_budget.value),
                seed=int(self.new_seed.value),
                date=self.new_date.value.strip() or None,
            )
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return False
        self.message.value = _ok_html(
            f"Lokakarya <b>{html.escape(self.ws.name)}</b> dibuat. Minta tiap tim membuka "
            "dasbor tim dan memilih nama timnya."
        )
        self._list_workshops()
        self.choose.value = self.ws.name
        self._show()
        return True

    def open(self, name: str | None) -> None:
        """Show workshop ``name``."""
        if not name:
            return
        try:
            self.ws = Workshop.open(self.path, name)
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return
        self.message.value = ""
        self._show()

    def _show(self) -> None:
        self.setup.selected_index = None
        self.results.layout.display = "flex"
        self._seen = None
        self.refresh(force=True)

    def start_round(self) -> bool:
        """Start the next round with the chosen disruption and decision time."""
        if self.ws is None:
            return False
        try:
            round_ = self.ws.start_round(
                disruption=self.round_disruption.value,
                decision_at=self.round_decision.value.strip() or None,
            )
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return False
        self.message.value = _ok_html(f"{html.escape(round_.title)} dimulai.")
        self.refresh(force=True)
        return True

    def refresh(self, *, force: bool = False) -> None:
        """Redraw everything when the workshop database changed (or always, with ``force``)."""
        with self.poll.lock:
            if self.ws is None:  # nothing open yet: show a workshop as soon as one exists
                self._list_workshops()
                if self.choose.value:
                    self.open(self.choose.value)
                return
            try:
                version = self.ws.version()
                if not force and version == self._seen:
                    return
                self._seen = version
                self._draw()
            except WorkbenchError as exc:
                self.message.value = _error_html(exc)

    def _draw(self) -> None:
        ws = self.ws
        round_ = ws.current_round()
        teams = ws.teams
        board = ws.leaderboard()
        sent = int((board["status"] != "belum mengirim").sum())
        extra = ""
        if round_.disruption:
            card = DISRUPTIONS[round_.disruption]
            extra += f"<br><b>Gangguan:</b> {html.escape(card.title)}. {html.escape(card.story)}"
        if round_.decision_at is not None:
            extra += (
                f"<br><b>Jeda keputusan pukul {round_.decision_clock}:</b> tim melihat "
                "antreannya lalu boleh mengubah rencana untuk sisa hari."
            )
        self.story.value = f"<div class='rp-cerita'>{html.escape(ws.card.story.strip())}</div>"
        self.board.value = leaderboard_html(board, ws.rank_by)
        self.decision_table.value = self._decision_html(round_, teams)
        queue = ws.queue_over_day()
        self.queue_image.value = _png(queue_figure(queue, teams))
        self.waits_image.value = _png(waits_figure(ws.wait_distribution(), teams))
        changes = ws.changes()
        rows = "".join(
            f"<tr><td>{html.escape(r.tim)}</td><td class='teks'>"
            + "<br>".join(html.escape(x) for x in r.perubahan.splitlines())
            + f"</td><td>{fmt.number(r.biaya)}</td></tr>"
            for r in changes.itertuples()
        )
        self.changes_table.value = (
            "<table class='rp-tabel'><thead><tr><th>Tim</th><th>Perubahan</th>"
            f"<th>Jam-petugas</th></tr></thead><tbody>{rows}</tbody></table>"
            if rows
            else "<p>Belum ada rencana.</p>"
        )
        self.prompts.value = (
            "<ol class='rp-diskusi' style='font-size:19px;line-height:1.5'>"
            + "".join(f"<li>{html.escape(p)}</li>" for p in ws.discussion_prompts())
            + "</ol>"
        )
        done = [t for t in teams if t in set(board.loc[board["status"] != "belum mengirim", "tim"])]
        current = self.replay_team.value
        self.replay_team.options = done
        if done:
            self.replay_team.value = current if current in done else done[0]
            self._load_replay()
        else:
            self.replay_view.value = "<p>Belum ada hari yang bisa diputar ulang.</p>"
        # the header last: when it counts a team, everything else already shows it
        self.header.value = (
            f"<h2>{html.escape(ws.name)} · {html.escape(round_.title)}</h2>"
            f"<div>{fmt.date_long(ws.date) + ' · ' if ws.date else ''}"
            f"Kartu: <b>{html.escape(ws.card.name)}</b> · Anggaran "
            f"<b>{fmt.number(ws.budget_hours)} jam-petugas</b> · "
            f"<b class='rp-jumlah-kirim'>{sent} dari {len(teams)} tim</b> sudah mengirim{extra}"
            "</div>"
        )

    def _decision_html(self, round_, teams: list[str]) -> str:
        """Each team's office at the round's decision time (under its plan for the day)."""
        if round_.decision_at is None:
            return ""
        rows = []
        for team in teams:
            try:
                state = self.ws.queue_at(team)
            except WorkbenchError:
                continue
            cells = "".join(f"<td>{fmt.number(v)}</td>" for v in state["nilai"])
            rows.append(f"<tr><td class='teks'>{html.escape(team)}</td>{cells}</tr>")
        if not rows:
            return ""
        heads = "".join(
            f"<th>{html.escape(label)}<br><span class='rp-kecil'>{unit}</span></th>"
            for label, unit in (
                ("Menunggu", "orang"),
                ("Tunggu terlama", "menit"),
                ("Sudah dilayani", "orang"),
                ("Sudah pergi", "orang"),
            )
        )
        return (
            f"<h3>Kantor tiap tim pukul {round_.decision_clock} (rencana hari, sebelum "
            "keputusan)</h3>"
            f"<table class='rp-tabel'><thead><tr><th>Tim</th>{heads}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def _load_replay(self) -> None:
        team = self.replay_team.value
        if self.ws is None or not team:
            return
        replay = self.ws.replay(team)
        if team == self._replay_team and self._replay is not None and replay.equals(self._replay):
            return  # the same day: keep the frame the facilitator is showing
        self._replay, self._replay_team = replay, team
        self._replay_counters = self.ws.counters_of(team)
        card = self.ws.card
        self._replay_start = card.open_time
        last = max(card.close_time, float(np.nanmax(self._replay["keluar"].to_numpy())))
        frames = int(np.ceil((last - card.open_time) / REPLAY_STEP_MINUTES))
        self.replay_play.playing = False
        self.replay_slider.max = frames
        self.replay_play.max = frames
        self.replay_slider.value = 0
        self._draw_frame()

    def _draw_frame(self) -> None:
        if self._replay is None:
            return
        minute = self._replay_start + self.replay_slider.value * REPLAY_STEP_MINUTES
        self.replay_slider.description = fmt.clock(minute)
        self.replay_view.value = replay_frame_html(self._replay, self._replay_counters, minute)

    def prepare_excel(self) -> None:
        """Offer the workshop as an Excel download (also kept in the state folder)."""
        if self.ws is None:
            return
        name = f"lokakarya-{self.ws.id}.xlsx"
        try:
            with tempfile.TemporaryDirectory() as folder:
                path = self.ws.export_excel(Path(folder) / name)
                self.excel_link.value = _download_link(path, name)
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)


# ---------------------------------------------------------------- team


class TeamPage(_Page):
    """A team's page: pick the team, decide the plan, see cost and a quick estimate, submit."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.ws: Workshop | None = None
        self._seen: tuple[int, int] | None = None
        self._loading = False
        big = {"description_width": "200px"}

        self.choose = widgets.Dropdown(
            description="Lokakarya", style=big, layout=widgets.Layout(width="520px")
        )
        self.choose.observe(lambda _c: self._open(), names="value")
        self.team = widgets.Dropdown(
            description="Tim kami", style=big, layout=widgets.Layout(width="520px")
        )
        self.team.observe(lambda _c: self._load_team_plan(), names="value")
        self.header = widgets.HTML()
        self.story = widgets.HTML()

        self.grid_box = widgets.VBox()
        self.cells: dict[tuple[str, str], widgets.ToggleButton] = {}
        self.service_choice: dict[str, widgets.Dropdown] = {}
        self.priority_counter = widgets.Dropdown(description="Loket prioritas", style=big)
        auto = widgets.Layout(width="auto")
        self.priority_only = widgets.Checkbox(
            description="Khusus warga prioritas", indent=False, layout=auto
        )
        self.priority_first = widgets.Checkbox(
            description="Semua loket memanggil warga prioritas lebih dulu",
            indent=False,
            layout=auto,
        )
        self.queue_mode = widgets.ToggleButtons(
            options=[("Satu antrean bersama", "bersama"), ("Antrean per loket", "per_loket")],
            description="Antrean",
            style={**big, "button_width": "230px"},
        )
        self.quota = widgets.IntSlider(
            description="Janji daring per 15 menit",
            min=0,
            max=4,
            value=0,
            style={"description_width": "230px"},
            layout=widgets.Layout(width="520px"),
        )
        self.staggered = widgets.Checkbox(
            description="ISHOMA bergantian (loket tidak tutup bersamaan)",
            indent=False,
            layout=auto,
        )
        self.reserve_counter = widgets.Dropdown(
            description="Petugas cadangan di", style=big, layout=widgets.Layout(width="520px")
        )
        self.reserve_open = widgets.IntSlider(
            description="datang bila menunggu ≥",
            min=2,
            max=20,
            value=8,
            style={"description_width": "230px"},
            layout=widgets.Layout(width="520px"),
        )
        self.reserve_close = widgets.IntSlider(
            description="kembali bila menunggu ≤",
            min=0,
            max=10,
            value=2,
            style={"description_width": "230px"},
            layout=widgets.Layout(width="520px"),
        )
        self.cap = widgets.Dropdown(
            description="Batas lembur",
            options=[
                ("Tanpa batas (layani sampai habis)", None),
                ("Tanpa lembur", 0.0),
                ("15 menit", 15.0),
                ("30 menit", 30.0),
                ("60 menit", 60.0),
            ],
            style=big,
            layout=widgets.Layout(width="520px"),
        )
        for w in (
            self.priority_counter,
            self.priority_only,
            self.priority_first,
            self.queue_mode,
            self.quota,
            self.staggered,
            self.reserve_counter,
            self.reserve_open,
            self.reserve_close,
            self.cap,
        ):
            w.observe(lambda _c: self._changed(), names="value")

        self.cost = widgets.HTML()
        self.cost.add_class("rp-biaya")
        self.estimate = widgets.HTML()
        self.estimate.add_class("rp-perkiraan")
        self.submit_button = widgets.Button(
            description="Kirim rencana",
            icon="paper-plane",
            button_style="primary",
            layout=widgets.Layout(width="260px", height="48px"),
        )
        self.submit_button.add_class("rp-kirim")
        self.submit_button.on_click(lambda _b: self.submit())
        self.decide_button = widgets.Button(
            description="Putuskan perubahan",
            icon="clock-o",
            button_style="warning",
            layout=widgets.Layout(width="260px", height="48px", display="none"),
        )
        self.decide_button.add_class("rp-putuskan")
        self.decide_button.on_click(lambda _b: self.submit(decision=True))
        self.reset_button = widgets.Button(
            description="Kembali ke rencana kartu",
            icon="undo",
            layout=widgets.Layout(width="auto", height="48px"),
        )
        self.reset_button.on_click(lambda _b: self._fill(self.ws.baseline() if self.ws else None))
        self.message = widgets.HTML()
        self.message.add_class("rp-pesan")
        self.state = widgets.HTML()
        self.state.add_class("rp-keadaan")
        self.poll = Poller(lambda: self._poll())

        self.form = widgets.VBox(
            [
                self.header,
                self.story,
                widgets.HTML(
                    "<h3>1. Loket yang dijaga per jam</h3><p class='rp-kecil'>Klik kotak untuk "
                    "menjaga atau mengosongkan loket pada jam itu. Loket tanpa jam jaga tutup "
                    "sepanjang hari.</p>"
                ),
                self.grid_box,
                widgets.HTML("<h3>2. Prioritas dan antrean</h3>"),
                widgets.HBox([self.priority_counter, self.priority_only]),
                self.priority_first,
                self.queue_mode,
                widgets.HTML("<h3>3. Janji daring dan istirahat</h3>"),
                self.quota,
                self.staggered,
                widgets.HTML(
                    "<h3>4. Aturan tim</h3><p class='rp-kecil'>Petugas cadangan bekerja di "
                    "belakang dan baru membuka loketnya (pada jam jaga loket itu) bila antrean "
                    "panjang; hanya waktu melayani di loket yang dihitung biaya. Batas lembur: "
                    "warga yang masih menunggu setelah batas pulang tanpa dilayani.</p>"
                ),
                self.reserve_counter,
                self.reserve_open,
                self.reserve_close,
                self.cap,
                widgets.HTML("<h3>5. Biaya dan perkiraan cepat</h3>"),
                self.cost,
                self.estimate,
                self.state,
                widgets.HBox([self.submit_button, self.decide_button, self.reset_button]),
            ],
            layout=widgets.Layout(display="none"),
        )
        self.widget = widgets.VBox(
            [widgets.HTML(_STYLE), self.choose, self.team, self.form, self.message]
        )
        self.widget.add_class("rp-halaman")
        self._list()

    def _list(self) -> None:
        names = self._workshop_names()
        if not names:
            self.message.value = (
                "<p>Belum ada lokakarya. Minta fasilitator membuatnya; halaman ini akan "
                "menampilkannya sendiri.</p>"
            )
        self.choose.options = names
        if names and self.choose.value not in names:
            self.choose.value = names[0]

    def _open(self) -> None:
        if not self.choose.value:
            return
        try:
            self.ws = Workshop.open(self.path, self.choose.value)
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return
        self._seen = self.ws.version()
        self.team.options = [("– pilih tim –", None)] + [(t, t) for t in self.ws.teams]
        self.team.value = None
        self._build_plan_widgets(self.ws.baseline())
        self.form.layout.display = "none"

    def _poll(self) -> None:
        with self.poll.lock:
            if self.ws is None:
                self._list()
                return
            version = self.ws.version()
            if version[0] != (self._seen or (0, 0))[0] and self.team.value:
                self._load_team_plan()  # a new round: its disruption, decision time, plan
            self._seen = version

    def _show_round(self) -> None:
        ws = self.ws
        round_ = ws.current_round()
        extra = ""
        if round_.disruption:
            card = DISRUPTIONS[round_.disruption]
            extra += (
                f"<div class='rp-galat'><b>Gangguan: {html.escape(card.title)}.</b> "
                f"{html.escape(card.story)}</div>"
            )
        if round_.decision_at is not None:
            extra += (
                f"<p><b>Jeda pukul {round_.decision_clock}:</b> kirim dulu rencana hari, lalu "
                f"lihat antrean pukul {round_.decision_clock} dan putuskan perubahan untuk sisa "
                "hari dengan tombol <i>Putuskan perubahan</i>.</p>"
            )
        self.header.value = (
            f"<h2>{html.escape(self.team.value or '')} · {html.escape(round_.title)}</h2>"
            f"<div>Kartu: <b>{html.escape(ws.card.name)}</b> · Anggaran "
            f"<b>{fmt.number(ws.budget_hours)} jam-petugas</b></div>{extra}"
        )
        self.story.value = f"<div class='rp-cerita'>{html.escape(ws.card.story.strip())}</div>"
        self.decide_button.layout.display = "flex" if round_.decision_at is not None else "none"
        self.decide_button.description = (
            f"Putuskan pukul {round_.decision_clock}" if round_.decision_at is not None else ""
        )
        self._show_state()

    def _load_team_plan(self) -> None:
        if self.ws is None or not self.team.value:
            self.form.layout.display = "none"
            return
        plan = self.ws.plan_of(self.team.value)
        self._fill(plan if plan is not None else self.ws.baseline())
        self.form.layout.display = "flex"
        self._show_round()
        if plan is not None:
            self.message.value = _ok_html(
                "Rencana terakhir tim Anda dimuat dari penyimpanan. Ubah lalu kirim lagi bila "
                "perlu."
            )
        else:
            self.message.value = ""

    # -- plan widgets

    def _build_plan_widgets(self, card: Scenario) -> None:
        hours = list(plans.staffing(card).columns)
        names = [f"Loket {i}" for i in range(1, plans.MAX_COUNTERS + 1)]
        names = [c.name for c in card.counters] + [
            n for n in names if n not in {c.name for c in card.counters}
        ]
        names = names[: plans.MAX_COUNTERS]
        self.counter_names = names
        groups = plans.service_groups(card)
        self._groups = groups
        self.cells = {}
        rows = [
            widgets.HBox(
                [widgets.Label("", layout=widgets.Layout(width="90px"))]
                + [widgets.Label(f"{h}:00", layout=widgets.Layout(width="58px")) for h in hours]
                + [widgets.Label("Layanan", layout=widgets.Layout(width="300px"))]
            )
        ]
        self.service_choice = {}
        for name in names:
            cells = []
            for h in hours:
                cell = widgets.ToggleButton(
                    value=False, description="", layout=widgets.Layout(width="54px", height="36px")
                )
                cell.add_class("rp-sel")
                cell.observe(lambda change, c=cell: self._cell_changed(c), names="value")
                self.cells[name, h] = cell
                cells.append(cell)
            choice = widgets.Dropdown(options=list(groups), layout=widgets.Layout(width="300px"))
            choice.observe(lambda _c: self._changed(), names="value")
            self.service_choice[name] = choice
            rows.append(
                widgets.HBox(
                    [widgets.Label(name, layout=widgets.Layout(width="90px")), *cells, choice]
                )
            )
        self.grid_box.children = rows
        self.priority_counter.options = [("Tidak ada", None)] + [(n, n) for n in names]
        self.reserve_counter.options = [("Tidak ada", None)] + [(n, n) for n in names]
        self.priority_counter.index = self.reserve_counter.index = 0  # "Tidak ada", not blank

    def _cell_changed(self, cell: widgets.ToggleButton) -> None:
        cell.button_style = "info" if cell.value else ""
        cell.icon = "user" if cell.value else ""
        self._changed()

    def _fill(self, plan: Scenario | None) -> None:
        """Set every widget from ``plan``."""
        if plan is None:
            return
        self._loading = True
        try:
            grid = plans.staffing(plan)
            for (name, h), cell in self.cells.items():
                cell.value = bool(name in grid.index and grid.loc[name, h])
                cell.button_style = "info" if cell.value else ""
                cell.icon = "user" if cell.value else ""
            by_name = {c.name: c for c in plan.counters}
            for name, choice in self.service_choice.items():
                c = by_name.get(name)
                label = "Semua layanan"
                if c is not None and c.services is not None:
                    for key, value in self._groups.items():
                        if value is not None and set(value) == set(c.services):
                            label = key
                choice.value = label
            prio = [c for c in plan.counters if c.priority]
            if prio:
                self.priority_counter.value = prio[0].name
            else:
                self.priority_counter.index = 0  # "Tidak ada" (value None would show blank)
            self.priority_only.value = bool(prio and prio[0].priority_only)
            self.priority_first.value = plan.priority_first
            self.queue_mode.value = plan.queue
            self.quota.value = plan.appointments.per_slot if plan.appointments else 0
            self.staggered.value = not plan.office_breaks and bool(self.ws.card.office_breaks)
            on_call = [c for c in plan.counters if c.reserve is not None]
            if on_call:
                self.reserve_counter.value = on_call[0].name
            else:
                self.reserve_counter.index = 0
            if on_call:
                self.reserve_open.value = on_call[0].reserve.open_at
                self.reserve_close.value = on_call[0].reserve.close_at
            if plan.overtime_cap_minutes is None:
                self.cap.index = 0  # "Tanpa batas" (value None would show blank)
            else:
                self.cap.value = float(plan.overtime_cap_minutes)
        finally:
            self._loading = False
        self._changed()

    def current_plan(self) -> Scenario:
        """The plan the widgets describe (raises WorkbenchError when it is inconsistent)."""
        card = self.ws.baseline()
        hours = list(plans.staffing(card).columns)
        grid = pd.DataFrame(
            {h: [self.cells[n, h].value for n in self.counter_names] for h in hours},
            index=self.counter_names,
        )
        plan = plans.with_staffing(card, grid)
        staffed = {c.name for c in plan.counters}
        for name, choice in self.service_choice.items():
            if name in staffed:
                plan = plans.with_services(plan, name, self._groups[choice.value])
        prio = self.priority_counter.value if self.priority_counter.value in staffed else None
        plan = plans.with_priority_counter(plan, prio, only=self.priority_only.value)
        plan = plan.replace(priority_first=self.priority_first.value, queue=self.queue_mode.value)
        plan = plans.with_appointment_quota(plan, int(self.quota.value))
        if self.staggered.value:
            plan = plans.with_staggered_breaks(plan, plans.staggered_breaks(plan))
        on_call = self.reserve_counter.value if self.reserve_counter.value in staffed else None
        plan = plans.with_reserve(
            plan, on_call, open_at=self.reserve_open.value, close_at=self.reserve_close.value
        )
        return plan.replace(overtime_cap_minutes=self.cap.value)

    def _changed(self) -> None:
        if self._loading or self.ws is None:
            return
        try:
            plan = self.current_plan()
        except WorkbenchError as exc:
            self.cost.value = _error_html(exc)
            self.estimate.value = ""
            self.submit_button.disabled = True
            return
        preview = self.ws.preview(plan)
        budget = preview["anggaran"]
        over = preview["di_atas_anggaran"]
        width = min(100.0, 100.0 * preview["biaya"] / budget) if budget else 0
        colour = "#D55E00" if over else "#009E73"
        self.cost.value = (
            f"<div style='font-size:22px'>Biaya: <b class='rp-biaya-angka'>"
            f"{fmt.number(preview['biaya'])}</b> dari {fmt.number(budget)} jam-petugas"
            + (
                f" · <b style='color:{colour}'>lebih {fmt.number(-preview['sisa'])} jam</b>"
                if over
                else f" · sisa {fmt.number(preview['sisa'])} jam"
            )
            + "</div><div style='width:520px;height:18px;background:#e5e7eb;border-radius:9px'>"
            f"<div style='width:{width:.0f}%;height:18px;background:{colour};border-radius:9px'>"
            "</div></div>"
        )
        if preview["masalah"]:
            self.estimate.value = _error_html(WorkbenchError(preview["masalah"][0]))
            self.submit_button.disabled = True
            return
        self.submit_button.disabled = False
        est = preview["perkiraan"]
        cells = "".join(
            f"<td>{_kpi_value(k, est[k])}</td>"
            for k in ("rata_tunggu", "p90_tunggu", "tepat_waktu", "pergi", "kepuasan")
        )
        heads = "".join(
            f"<th>{html.escape(KPIS[k][0])}</th>"
            for k in ("rata_tunggu", "p90_tunggu", "tepat_waktu", "pergi", "kepuasan")
        )
        self.estimate.value = (
            f"<table class='rp-tabel'><thead><tr><th>Perkiraan cepat</th>{heads}</tr></thead>"
            f"<tbody><tr><td class='teks'>beberapa ulangan</td>{cells}</tr></tbody></table>"
            "<p class='rp-kecil'>Perkiraan cepat memakai sedikit ulangan sehingga masih "
            "berisik; hasil resmi dihitung saat rencana dikirim.</p>"
        )

    def _show_state(self) -> None:
        round_ = self.ws.current_round() if self.ws else None
        if round_ is None or round_.decision_at is None or not self.team.value:
            self.state.value = ""
            return
        try:
            state = self.ws.queue_at(self.team.value)
        except WorkbenchError:
            self.state.value = ""
            return
        rows = "".join(
            f"<tr><td class='teks'>{html.escape(r.indikator)}</td>"
            f"<td>{fmt.number(r.nilai)} {html.escape(r.satuan)}</td></tr>"
            for r in state.itertuples()
        )
        self.state.value = (
            f"<h3>Kantor Anda pukul {round_.decision_clock} (rencana hari)</h3>"
            f"<table class='rp-tabel'>{rows}</table>"
        )

    def submit(self, *, decision: bool = False) -> bool:
        """Submit the plan (or, with ``decision``, the change at the decision time)."""
        with self.poll.lock:
            return self._submit(decision=decision)

    def _submit(self, *, decision: bool) -> bool:
        if self.ws is None or not self.team.value:
            self.message.value = _error_html(WorkbenchError("Pilih tim Anda dulu."))
            return False
        self.submit_button.disabled = self.decide_button.disabled = True
        self.message.value = "<p>Menjalankan simulasi…</p>"
        try:
            plan = self.current_plan()
            if decision:
                summary = self.ws.decide(self.team.value, plan)
            else:
                summary = self.ws.submit(self.team.value, plan)
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return False
        finally:
            self.submit_button.disabled = self.decide_button.disabled = False
        rows = "".join(
            f"<tr><td class='teks'>{html.escape(r.indikator)}</td>"
            f"<td>{_kpi_value(code, r.nilai)} {html.escape(r.satuan)}</td></tr>"
            for code, r in summary.iterrows()
        )
        self.message.value = _ok_html(
            f"<b class='rp-terkirim'>Rencana {html.escape(self.team.value)} tersimpan</b> dan "
            "sudah masuk papan skor.<table class='rp-tabel'>" + rows + "</table>"
        )
        self._show_state()
        return True


def facilitator_page(path: str | Path | None = None) -> FacilitatorPage:
    """The facilitator's page over the workshop database at ``path`` (default: state folder)."""
    return FacilitatorPage(path)


def team_page(path: str | Path | None = None) -> TeamPage:
    """A team's page over the workshop database at ``path`` (default: state folder)."""
    return TeamPage(path)
