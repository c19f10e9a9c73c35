"""The facilitator's page and the projector view: create or open a workshop, rounds, leaderboard,
charts, debrief, replay and the Excel file.

The projector view (``FacilitatorPage(projector=True)``, :func:`projector_page`) shows only
what the room may see, in large type: the round, the card's story for teams, the leaderboard
with the sentence that explains its ranks, the charts, the changes, the discussion prompts and
the replay. The facilitator's own page adds the controls and a separate panel with the card's
facilitator notes ("Untuk fasilitator: ..."), which never reach the projector or team pages.
"""

from __future__ import annotations

import base64
import html
import tempfile
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.errors import WorkbenchError
from workbench.roleplay import DISRUPTIONS, Workshop, default_path
from workbench.roleplay.card_rules import story_parts
from workbench.widgets.roleplay.charts import (
    leaderboard_html,
    png,
    queue_figure,
    replay_frame_html,
    waits_figure,
)
from workbench.widgets.roleplay.common import (
    STYLE,
    Poller,
    button,
    error_html,
    ok_html,
    poll_error_html,
    quiet_titles,
)

__all__ = ["FacilitatorPage", "facilitator_page", "projector_page"]

#: Clock minutes per replay frame, and milliseconds per frame while playing.
REPLAY_STEP_MINUTES = 2
REPLAY_FRAME_MS = 120

_BIG = {"description_width": "240px"}
_WIDE = widgets.Layout(width="620px")


def _cards() -> list[str]:
    folder = get_settings().scenarios_dir
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def download_link(path: Path, name: str) -> str:
    """An HTML link that downloads the file at ``path`` as ``name``."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return (
        f"<a download='{html.escape(name)}' href='data:{mime};base64,{data}'>"
        f"Unduh {html.escape(name)}</a>"
    )


class FacilitatorPage:
    """The facilitator's page (``projector=False``) or the room's projector view."""

    def __init__(self, path: str | Path | None = None, *, projector: bool = False) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.projector = projector
        self.ws: Workshop | None = None
        self._seen: tuple[int, int] | None = None
        self.message = widgets.HTML()
        self.message.add_class("rp-pesan")
        self.poll = Poller(lambda: self.refresh(), self._poll_failed)
        self.header = widgets.HTML()
        self.story = widgets.HTML()
        self.notes = widgets.HTML()
        self.notes.add_class("rp-catatan-fasilitator")
        tabs = {
            "Papan skor": self._board_section(),
            "Grafik": self._charts_section(),
            "Perubahan dan diskusi": self._debrief_section(),
            "Tayangan ulang": self._replay_section(),
        }
        if not projector:
            tabs["Ronde dan Excel"] = self._control_section()
        self.tabs = widgets.Tab(children=list(tabs.values()), titles=tuple(tabs))
        parts = [self.header, self.story]
        if not projector:
            parts.append(self._notes_panel())
        self.results = widgets.VBox([*parts, self.tabs], layout=widgets.Layout(display="none"))
        self.widget = widgets.VBox(
            [widgets.HTML(STYLE), self._setup_section(), self.message, self.results]
        )
        self.widget.add_class("rp-halaman")
        self.widget.add_class("rp-proyektor" if projector else "rp-fasilitator")
        quiet_titles(self.widget)
        self._list_workshops()
        if self.choose.value:
            self.open(self.choose.value)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
        self.poll.start()

    # -- sections

    def _setup_section(self) -> widgets.Widget:
        self.choose = widgets.Dropdown(description="Lokakarya", style=_BIG, layout=_WIDE)
        self.open_button = button("Buka", icon="folder-open", tooltip="Tampilkan lokakarya ini")
        self.open_button.on_click(lambda _b: self.open(self.choose.value))
        chooser = widgets.HBox([self.choose, self.open_button])
        if self.projector:
            self.choose.observe(lambda _c: self.open(self.choose.value), names="value")
            return chooser
        self.setup = widgets.Accordion(
            children=[chooser, self._create_form()],
            titles=("Buka lokakarya yang ada", "Buat lokakarya baru"),
            selected_index=0,
        )
        return self.setup

    def _create_form(self) -> widgets.VBox:
        self.new_name = widgets.Text(description="Nama lokakarya", style=_BIG, layout=_WIDE)
        self.new_date = widgets.Text(
            description="Tanggal", placeholder="05-02-2025", style=_BIG, layout=_WIDE
        )
        cards = _cards()
        self.new_card = widgets.Dropdown(
            description="Kartu skenario",
            options=cards,
            value="selasa-biasa" if "selasa-biasa" in cards else (cards[0] if cards else None),
            style=_BIG,
            layout=_WIDE,
        )
        self.new_teams = widgets.Textarea(
            description="Tim (satu per baris)",
            value="\n".join(f"Tim {c}" for c in "ABCDE"),
            style=_BIG,
            layout=widgets.Layout(width="560px", height="170px"),
        )
        self.new_budget = widgets.BoundedFloatText(
            description="Anggaran (jam-petugas)", value=36, min=1, max=500, style=_BIG
        )
        self.new_seed = widgets.BoundedIntText(description="Seed", value=1, min=0, style=_BIG)
        self.create_button = button(
            "Buat lokakarya", icon="plus", button_style="primary",
            layout=widgets.Layout(width="auto"),
        )  # fmt: skip
        self.create_button.add_class("rp-buat")
        self.create_button.on_click(lambda _b: self.create())
        return widgets.VBox(
            [self.new_name, self.new_date, self.new_card, self.new_teams, self.new_budget,
             self.new_seed, self.create_button]
        )  # fmt: skip

    def _notes_panel(self) -> widgets.Accordion:
        return widgets.Accordion(
            children=[self.notes],
            titles=("Catatan untuk fasilitator (jangan ditayangkan)",),
            selected_index=None,
        )

    def _board_section(self) -> widgets.VBox:
        self.board = widgets.HTML()
        self.board.add_class("rp-papan-skor")
        self.decision_table = widgets.HTML()
        self.decision_table.add_class("rp-keadaan-semua")
        self.refresh_button = button("Perbarui", icon="refresh", tooltip="Baca ulang hasil")
        self.refresh_button.on_click(lambda _b: self.refresh(force=True))
        return widgets.VBox([self.board, self.decision_table, self.refresh_button])

    def _charts_section(self) -> widgets.VBox:
        self.queue_image = widgets.Image(format="png", layout=widgets.Layout(max_width="1200px"))
        self.waits_image = widgets.Image(format="png", layout=widgets.Layout(max_width="1200px"))
        return widgets.VBox(
            [
                widgets.HTML("<h3>Antrean sepanjang hari, semua tim</h3>"),
                self.queue_image,
                widgets.HTML("<h3>Sebaran waktu tunggu</h3>"),
                self.waits_image,
            ]
        )

    def _debrief_section(self) -> widgets.VBox:
        self.changes_table = widgets.HTML()
        self.changes_table.add_class("rp-perubahan")
        self.prompts = widgets.HTML()
        return widgets.VBox(
            [
                widgets.HTML("<h3>Apa yang diubah tiap tim dari rencana kartu</h3>"),
                self.changes_table,
                widgets.HTML("<h3>Bahan diskusi</h3>"),
                self.prompts,
            ]
        )

    def _replay_section(self) -> widgets.VBox:
        self.replay_team = widgets.Dropdown(
            description="Tim", style={"description_width": "80px"},
            layout=widgets.Layout(width="420px"),
        )  # fmt: skip
        self.replay_team.observe(lambda _c: self._load_replay(), names="value")
        self.replay_play = widgets.Play(
            value=0, min=0, max=1, step=1, interval=REPLAY_FRAME_MS, description="Putar",
            tooltip="Putar atau jeda tayangan ulang",
        )  # fmt: skip
        self.replay_slider = widgets.IntSlider(
            value=0, min=0, max=1, description="Jam", readout=False,
            layout=widgets.Layout(width="640px"),
        )  # fmt: skip
        widgets.jslink((self.replay_play, "value"), (self.replay_slider, "value"))
        self.replay_slider.observe(lambda _c: self._draw_frame(), names="value")
        self.replay_title = widgets.HTML()
        self.replay_view = widgets.HTML()
        self.replay_view.add_class("rp-replay")
        self._replay: pd.DataFrame | None = None
        self._replay_key: tuple | None = None
        self._replay_counters: list[str] = []
        return widgets.VBox(
            [
                self.replay_team,
                self.replay_title,
                widgets.HBox([self.replay_play, self.replay_slider]),
                self.replay_view,
            ]
        )

    def _control_section(self) -> widgets.VBox:
        self.round_disruption = widgets.Dropdown(
            description="Kartu gangguan",
            options=[("Tanpa gangguan", None)] + [(c.title, k) for k, c in DISRUPTIONS.items()],
            style=_BIG,
            layout=_WIDE,
        )
        self.round_decision = widgets.Text(
            description="Jeda keputusan pukul", placeholder="kosong, atau misalnya 10:00",
            style=_BIG, layout=_WIDE,
        )  # fmt: skip
        self.round_button = button(
            "Mulai ronde baru", icon="forward", layout=widgets.Layout(width="auto"),
            tooltip="Bawa rencana terakhir tiap tim ke ronde baru",
        )  # fmt: skip
        self.round_button.on_click(lambda _b: self.start_round())
        self.excel_button = button(
            "Siapkan Excel", icon="file-excel-o", layout=widgets.Layout(width="auto"),
            tooltip="Seluruh lokakarya dalam satu berkas Excel",
        )  # fmt: skip
        self.excel_button.on_click(lambda _b: self.prepare_excel())
        self.excel_link = widgets.HTML()
        self.restore_button = button(
            "Pulihkan cadangan", icon="history", layout=widgets.Layout(width="auto"),
            tooltip="Kembalikan salinan dari awal ronde terakhir bila berkas rusak",
        )  # fmt: skip
        self.restore_button.on_click(lambda _b: self.restore_backup())
        return widgets.VBox(
            [
                widgets.HTML("<h3>Ronde berikutnya</h3>"),
                self.round_disruption,
                self.round_decision,
                self.round_button,
                widgets.HTML("<h3>Unduh dan cadangan</h3>"),
                widgets.HBox([self.excel_button, self.excel_link]),
                self.restore_button,
            ]
        )

    # -- actions

    def _list_workshops(self) -> None:
        try:
            names = Workshop.names(self.path)
        except WorkbenchError as exc:
            self.message.value = error_html(exc)
            names = []
        self.choose.options = names
        self.choose.value = names[0] if names else None
        if not names and not self.message.value:
            self.message.value = (
                "<p>Belum ada lokakarya." + ("" if self.projector else " Buat di bawah.") + "</p>"
            )

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
            self.message.value = error_html(exc)
            return False
        self.message.value = ok_html(
            f"Lokakarya <b>{html.escape(self.ws.name)}</b> dibuat. Minta tiap tim membuka "
            "halaman tim dan memilih nama timnya."
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
            self.message.value = error_html(exc)
            return
        self.message.value = ""
        self._show()

    def _show(self) -> None:
        if not self.projector:
            self.setup.selected_index = None
        self.results.layout.display = "flex"
        self._seen = None
        self.refresh(force=True)

    def start_round(self) -> bool:
        """Start the next round with the chosen disruption and decision time."""
        if self.ws is None:
            return False
        with self.poll.lock:
            try:
                round_ = self.ws.start_round(
                    disruption=self.round_disruption.value,
                    decision_at=self.round_decision.value.strip() or None,
                )
            except WorkbenchError as exc:
                self.message.value = error_html(exc)
                return False
            self.message.value = ok_html(f"{html.escape(round_.title)} dimulai.")
            self.refresh(force=True)
        return True

    def restore_backup(self) -> bool:
        """Put the backup from the last round start back (the damaged file is kept aside)."""
        try:
            kept = Workshop.restore_backup(self.path)
        except WorkbenchError as exc:
            self.message.value = error_html(exc)
            return False
        self.message.value = ok_html(
            f"Cadangan dipulihkan. Berkas sebelumnya disimpan sebagai {html.escape(kept.name)}."
        )
        self.ws = None
        self._list_workshops()
        if self.choose.value:
            self.open(self.choose.value)
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
                self.message.value = error_html(exc)

    def _poll_failed(self, exc: Exception | None) -> None:
        if exc is None:
            if "rp-galat" in self.message.value:
                self.message.value = ""
            return
        self.message.value = poll_error_html(exc)

    # -- drawing

    def _draw(self) -> None:
        ws = self.ws
        round_ = ws.current_round()
        teams = ws.teams
        board = ws.leaderboard()
        for_teams, notes = story_parts(ws.card)
        self.story.value = f"<div class='rp-cerita'>{html.escape(for_teams)}</div>"
        self.notes.value = (
            f"<div class='rp-catatan'>{html.escape(notes)}</div>"
            if notes
            else "<p>Kartu ini tidak punya catatan untuk fasilitator.</p>"
        )
        self.board.value = leaderboard_html(board, ws.rank_by, ws.rank_explanation())
        self.decision_table.value = self._decision_html(round_, teams)
        self.queue_image.value = png(queue_figure(ws.queue_over_day(), teams))
        self.waits_image.value = png(waits_figure(ws.wait_distribution(), teams))
        self.changes_table.value = _changes_html(ws.changes())
        self.prompts.value = (
            "<ol class='rp-diskusi' style='font-size:21px;line-height:1.5'>"
            + "".join(f"<li>{html.escape(p)}</li>" for p in ws.discussion_prompts())
            + "</ol>"
        )
        self._update_replay(board, teams)
        # the header last: when it counts a team, everything else already shows it
        self.header.value = self._header_html(board, round_, teams)

    def _header_html(self, board, round_, teams) -> str:
        ws = self.ws
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
        if ws.readonly:
            extra += "<br><b>Berkas hanya bisa dilihat</b>: tidak ada yang bisa dikirim."
        date = fmt.date_long(ws.date) + " · " if ws.date else ""
        return (
            f"<h2>{html.escape(ws.name)} · {html.escape(round_.title)}</h2>"
            f"<div>{date}Kartu: <b>{html.escape(ws.card.name)}</b> · Anggaran "
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
            f"<th>{label}<br><span class='rp-kecil'>{unit}</span></th>"
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

    def _update_replay(self, board, teams) -> None:
        done = set(board.loc[board["status"] != "belum mengirim", "tim"])
        options = [t for t in teams if t in done]
        current = self.replay_team.value
        self.replay_team.options = options
        if options:
            self.replay_team.value = current if current in options else options[0]
            self._load_replay()
        else:
            self.replay_title.value = ""
            self.replay_view.value = "<p>Belum ada hari yang bisa diputar ulang.</p>"

    def _load_replay(self) -> None:
        team = self.replay_team.value
        if self.ws is None or not team:
            return
        round_ = self.ws.current_round()
        replay = self.ws.replay(team)
        key = (team, round_.id, len(replay), float(replay["keluar"].sum()))
        self.replay_title.value = (
            f"<h3 class='rp-replay-judul'>Tayangan ulang: {html.escape(team)} · "
            f"{html.escape(round_.title)}</h3>"
        )
        if key == self._replay_key:
            return  # the same day: keep the frame the facilitator is showing
        self._replay, self._replay_key = replay, key
        self._replay_counters = self.ws.counters_of(team)
        card = self.ws.card
        last = max(card.close_time, float(np.nanmax(replay["keluar"].to_numpy())))
        frames = int(np.ceil((last - card.open_time) / REPLAY_STEP_MINUTES))
        self.replay_play.playing = False
        self.replay_slider.max = self.replay_play.max = frames
        self.replay_slider.value = 0
        self._draw_frame()

    def _draw_frame(self) -> None:
        if self._replay is None:
            return
        minute = self.ws.card.open_time + self.replay_slider.value * REPLAY_STEP_MINUTES
        self.replay_slider.description = fmt.clock(minute)
        self.replay_view.value = replay_frame_html(self._replay, self._replay_counters, minute)

    def prepare_excel(self) -> None:
        """Offer the workshop as an Excel download, named after the workshop and its date."""
        if self.ws is None:
            return
        name = self.ws.export_name()
        try:
            with tempfile.TemporaryDirectory() as folder:
                path = self.ws.export_excel(Path(folder) / name)
                self.excel_link.value = download_link(path, name)
        except WorkbenchError as exc:
            self.message.value = error_html(exc)


def _changes_html(changes: pd.DataFrame) -> str:
    if changes.empty:
        return "<p>Belum ada rencana.</p>"
    rows = "".join(
        f"<tr><td>{html.escape(r.tim)}</td><td class='teks'>"
        + "<br>".join(html.escape(x) for x in r.perubahan.splitlines())
        + f"</td><td>{fmt.number(r.biaya)}</td></tr>"
        for r in changes.itertuples()
    )
    return (
        "<table class='rp-tabel'><thead><tr><th>Tim</th><th>Perubahan</th>"
        f"<th>Jam-petugas</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def facilitator_page(path: str | Path | None = None) -> FacilitatorPage:
    """The facilitator's page over the workshop database at ``path`` (default: state folder)."""
    return FacilitatorPage(path)


def projector_page(path: str | Path | None = None) -> FacilitatorPage:
    """The room's projector view: results only, no controls and no facilitator notes."""
    return FacilitatorPage(path, projector=True)
