"""A team's page: pick the team, decide the plan, see cost and a quick estimate, submit.

The page follows the workshop file: it always shows its team's latest plan for the current
round (:meth:`Workshop.standing <workbench.roleplay.Workshop.standing>`), across new rounds,
reloads (the team is remembered in the browser) and a second laptop of the same team, and it
sends a decision during the day only from the plan it shows (``based_on``). Widgets only hold
a :class:`~workbench.roleplay.plans.PlanChoices`; every number and check comes from the library.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import ipywidgets as widgets

from workbench import formatting as fmt
from workbench.errors import WorkbenchError
from workbench.roleplay import DISRUPTIONS, KPIS, Workshop, default_path, plans
from workbench.roleplay.card_rules import story_parts
from workbench.roleplay.plans import PlanChoices
from workbench.widgets.roleplay.common import (
    STYLE,
    BrowserMemory,
    Poller,
    button,
    error_html,
    kpi_text,
    ok_html,
    poll_error_html,
    quiet_titles,
    value_with_unit,
)

__all__ = ["TeamPage", "team_page"]

#: The KPIs of the quick estimate, in the order shown.
ESTIMATE = ("rata_tunggu", "p90_tunggu", "porsi_tepat_waktu", "pergi", "kepuasan")

NO_WORKSHOP = (
    "<p class='rp-belum'>Belum ada lokakarya. Minta fasilitator membuatnya; halaman ini akan "
    "menampilkannya sendiri.</p>"
)

_BIG = {"description_width": "230px"}
_WIDE = widgets.Layout(width="560px")


def _select(dropdown: widgets.Dropdown, value) -> None:
    """Choose the option whose value is ``value`` by index (a ``None`` value would leave the
    select blank in the browser)."""
    values = [v for _label, v in dropdown.options]
    dropdown.index = values.index(value) if value in values else 0


def _help(text: str) -> widgets.HTML:
    return widgets.HTML(f"<p class='rp-bantuan'>{text}</p>")


class TeamPage:
    """A team's page over the workshop database at ``path`` (see the module docstring)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.ws: Workshop | None = None
        self.shown = None  # the Standing on screen
        self._seen: tuple[int, int] | None = None
        self._loading = False
        self.desks: list[str] = []
        self.hours: list[str] = []
        self.cells: dict[tuple[str, str], widgets.ToggleButton] = {}
        self.service_choice: dict[str, widgets.Dropdown] = {}
        self.message = widgets.HTML()
        self.message.add_class("rp-pesan")
        self.memory = BrowserMemory(key="lokakarya-tim")
        self.poll = Poller(self._poll, self._poll_failed)
        self.form = widgets.VBox(
            [
                self._round_section(),
                self._staffing_section(),
                self._rules_section(),
                self._result_section(),
            ],
            layout=widgets.Layout(display="none"),
        )
        self.widget = widgets.VBox(
            [widgets.HTML(STYLE), self.memory, self._choose_section(), self.form, self.message]
        )
        self.widget.add_class("rp-halaman")
        quiet_titles(self.widget)
        self.memory.observe(lambda _c: self._remembered(), names="value")
        self._list()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
        self.poll.start()

    # -- sections

    def _choose_section(self) -> widgets.VBox:
        self.choose = widgets.Dropdown(description="Lokakarya", style=_BIG, layout=_WIDE)
        self.choose.observe(lambda _c: self._open(), names="value")
        self.team = widgets.Dropdown(description="Tim kami", style=_BIG, layout=_WIDE)
        self.team.observe(lambda _c: self._team_chosen(), names="value")
        return widgets.VBox([self.choose, self.team])

    def _round_section(self) -> widgets.VBox:
        self.header = widgets.HTML()
        self.story = widgets.HTML()
        return widgets.VBox([self.header, self.story])

    def _staffing_section(self) -> widgets.VBox:
        self.grid_box = widgets.VBox()
        return widgets.VBox(
            [
                widgets.HTML("<h3>1. Loket yang dijaga per jam</h3>"),
                _help(
                    "Klik kotak untuk menjaga atau mengosongkan loket pada jam itu. Loket tanpa "
                    "jam jaga tutup sepanjang hari. Pilih juga layanan tiap loket."
                ),
                self.grid_box,
            ]
        )

    def _rules_section(self) -> widgets.VBox:
        auto = widgets.Layout(width="auto")
        self.priority_counter = widgets.Dropdown(description="Loket prioritas", style=_BIG)
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
            tooltips=["Satu nomor antrean untuk semua loket", "Warga memilih barisan loket"],
            description="Antrean",
            style={**_BIG, "button_width": "240px"},
        )
        self.quota = widgets.IntSlider(
            description="Janji daring per 15 menit", min=0, max=4, style=_BIG, layout=_WIDE
        )
        self.staggered = widgets.Checkbox(
            description="ISHOMA bergantian (loket tidak tutup bersamaan)", indent=False, layout=auto
        )
        self.reserve_counter = widgets.Dropdown(
            description="Petugas cadangan di", style=_BIG, layout=_WIDE
        )
        self.reserve_open = widgets.IntSlider(
            description="datang bila menunggu ≥", min=2, max=20, value=8, style=_BIG, layout=_WIDE
        )
        self.reserve_close = widgets.IntSlider(
            description="kembali bila menunggu ≤", min=0, max=10, value=2, style=_BIG, layout=_WIDE
        )
        self.cap = widgets.Dropdown(
            description="Batas lembur",
            options=[
                ("Tanpa batas (layani sampai habis)" if c is None else _cap_label(c), c)
                for c in plans.OVERTIME_CAPS
            ],
            style=_BIG,
            layout=_WIDE,
        )
        for w in (self.priority_counter, self.priority_only, self.priority_first, self.queue_mode,
                  self.quota, self.staggered, self.reserve_counter, self.reserve_open,
                  self.reserve_close, self.cap):  # fmt: skip
            w.observe(lambda _c: self._changed(), names="value")
        return widgets.VBox(
            [
                widgets.HTML("<h3>2. Prioritas dan antrean</h3>"),
                widgets.HBox([self.priority_counter, self.priority_only]),
                self.priority_first,
                self.queue_mode,
                widgets.HTML("<h3>3. Janji daring dan istirahat</h3>"),
                self.quota,
                self.staggered,
                widgets.HTML("<h3>4. Aturan tim</h3>"),
                _help(
                    "Petugas cadangan bekerja di belakang dan baru membuka loketnya (pada jam "
                    "jaga loket itu) bila antrean panjang; hanya waktu melayani di loket yang "
                    "dihitung biaya. Batas lembur: warga yang masih menunggu setelah batas "
                    "pulang tanpa dilayani."
                ),
                self.reserve_counter,
                self.reserve_open,
                self.reserve_close,
                self.cap,
            ]
        )

    def _result_section(self) -> widgets.VBox:
        self.cost = widgets.HTML()
        self.cost.add_class("rp-biaya")
        self.estimate = widgets.HTML()
        self.estimate.add_class("rp-perkiraan")
        self.state = widgets.HTML()
        self.state.add_class("rp-keadaan")
        tall = widgets.Layout(width="280px", height="52px")
        self.submit_button = button(
            "Kirim rencana", icon="paper-plane", button_style="primary", layout=tall,
            tooltip="Jalankan rencana ini dengan warga yang sama dan kirim ke papan skor",
        )  # fmt: skip
        self.submit_button.add_class("rp-kirim")
        self.submit_button.on_click(lambda _b: self.submit())
        self.decide_button = button(
            "Putuskan perubahan", icon="clock-o", button_style="warning",
            layout=widgets.Layout(width="280px", height="52px", display="none"),
        )  # fmt: skip
        self.decide_button.add_class("rp-putuskan")
        self.decide_button.on_click(lambda _b: self.submit(decision=True))
        self.reset_button = button(
            "Kembali ke rencana kartu", icon="undo", layout=widgets.Layout(height="52px")
        )
        self.reset_button.on_click(lambda _b: self._reset())
        return widgets.VBox(
            [
                widgets.HTML("<h3>5. Biaya dan perkiraan cepat</h3>"),
                self.cost,
                self.estimate,
                self.state,
                widgets.HBox([self.submit_button, self.decide_button, self.reset_button]),
            ]
        )

    def _build_grid(self, card) -> None:
        """The staffing grid for ``card``: one row per desk, one toggle per clock hour."""
        self.hours = list(plans.staffing(card).columns)
        self.desks = plans.desk_names(card)
        groups = list(plans.service_groups(card))
        self.cells, self.service_choice = {}, {}
        head = [widgets.Label("", layout=widgets.Layout(width="100px"))]
        head += [widgets.Label(f"{h}:00", layout=widgets.Layout(width="62px")) for h in self.hours]
        rows = [widgets.HBox([*head, widgets.Label("Layanan")])]
        for desk in self.desks:
            cells = []
            for h in self.hours:
                cell = widgets.ToggleButton(
                    tooltip=f"{desk} pukul {h}:00",
                    layout=widgets.Layout(width="58px", height="40px"),
                )
                cell.add_class("rp-sel")
                cell.observe(lambda _c, c=cell: self._cell_changed(c), names="value")
                self.cells[desk, h] = cell
                cells.append(cell)
            choice = widgets.Dropdown(options=groups, layout=widgets.Layout(width="360px"))
            choice.observe(lambda _c: self._changed(), names="value")
            self.service_choice[desk] = choice
            label = widgets.Label(desk, layout=widgets.Layout(width="100px"))
            rows.append(widgets.HBox([label, *cells, choice]))
        self.grid_box.children = rows
        quiet_titles(self.grid_box)
        options = [("Tidak ada", None)] + [(d, d) for d in self.desks]
        self.priority_counter.options = options
        self.reserve_counter.options = options

    # -- plan <-> widgets

    def choices(self) -> PlanChoices:
        """What the widgets show, as plan choices."""
        return PlanChoices(
            staffed={
                d: frozenset(h for h in self.hours if self.cells[d, h].value) for d in self.desks
            },
            services={d: self.service_choice[d].value for d in self.desks},
            priority_counter=self.priority_counter.value,
            priority_only=self.priority_only.value,
            priority_first=self.priority_first.value,
            queue=self.queue_mode.value,
            quota=int(self.quota.value),
            staggered=self.staggered.value,
            reserve_counter=self.reserve_counter.value,
            reserve_open=int(self.reserve_open.value),
            reserve_close=int(self.reserve_close.value),
            overtime_cap=self.cap.value,
        )

    def show_choices(self, choices: PlanChoices) -> None:
        """Set every widget from ``choices`` (one preview afterwards, not one per widget)."""
        self._loading = True
        try:
            for (desk, h), cell in self.cells.items():
                cell.value = h in choices.staffed.get(desk, ())
                self._paint(cell)
            for desk, choice in self.service_choice.items():
                choice.value = choices.services.get(desk, plans.ALL_SERVICES)
            _select(self.priority_counter, choices.priority_counter)
            self.priority_only.value = choices.priority_only
            self.priority_first.value = choices.priority_first
            self.queue_mode.value = choices.queue
            self.quota.value = choices.quota
            self.staggered.value = choices.staggered
            _select(self.reserve_counter, choices.reserve_counter)
            self.reserve_open.value = choices.reserve_open
            self.reserve_close.value = choices.reserve_close
            _select(self.cap, choices.overtime_cap)
        finally:
            self._loading = False
        self._changed()

    def current_plan(self):
        """The plan the widgets describe (raises WorkbenchError when it is inconsistent)."""
        return self.choices().to_plan(self.ws.baseline())

    def _paint(self, cell: widgets.ToggleButton) -> None:
        cell.button_style = "info" if cell.value else ""
        cell.icon = "user" if cell.value else ""

    def _cell_changed(self, cell: widgets.ToggleButton) -> None:
        self._paint(cell)
        self._changed()

    def _reset(self) -> None:
        if self.ws is not None:
            self.show_choices(PlanChoices.from_plan(self.ws.card, self.ws.baseline()))

    # -- following the workshop file

    def _list(self) -> None:
        """List the workshops; show the remembered (or newest) one."""
        try:
            names = Workshop.names(self.path)
        except WorkbenchError as exc:
            self.message.value = error_html(exc)
            return
        if not names:
            self.message.value = NO_WORKSHOP
            return
        if self.message.value == NO_WORKSHOP:
            self.message.value = ""
        remembered = self._remembered_value().get("lokakarya")
        self.choose.options = names
        if self.choose.value not in names or remembered in names:
            self.choose.value = remembered if remembered in names else names[0]

    def _remembered_value(self) -> dict:
        try:
            value = json.loads(self.memory.value or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _remembered(self) -> None:
        """The browser told us which workshop and team this page had: show them."""
        with self.poll.lock:
            remembered = self._remembered_value()
            if remembered.get("lokakarya") in self.choose.options:
                self.choose.value = remembered["lokakarya"]
            team = remembered.get("tim")
            if self.ws is not None and team in self.ws.teams and self.team.value != team:
                self.team.value = team

    def _open(self) -> None:
        if not self.choose.value:
            return
        try:
            self.ws = Workshop.open(self.path, self.choose.value)
        except WorkbenchError as exc:
            self.message.value = error_html(exc)
            return
        self._seen = self.ws.version()
        self.shown = None
        self._build_grid(self.ws.card)
        remembered = self._remembered_value().get("tim")
        self.team.options = [("– pilih tim –", None)] + [(t, t) for t in self.ws.teams]
        _select(self.team, remembered if remembered in self.ws.teams else None)
        self.form.layout.display = "flex" if self.team.value else "none"

    def _team_chosen(self) -> None:
        if self.ws is None or not self.team.value:
            self.form.layout.display = "none"
            return
        self.memory.value = json.dumps(
            {"lokakarya": self.ws.name, "tim": self.team.value}, ensure_ascii=False
        )
        self._show(self.ws.standing(self.team.value), reason="pilih")

    def _poll(self) -> None:
        if self.ws is None:
            self._list()
            return
        version = self.ws.version()
        if version == self._seen:
            return
        self._seen = version
        if self.team.value:
            standing = self.ws.standing(self.team.value)
            if self.shown is None or standing.key != self.shown.key:
                self._show(standing, reason="berubah")

    def _poll_failed(self, exc: Exception | None) -> None:
        if exc is None:
            if "rp-galat" in self.message.value:
                self.message.value = ""
            return
        self.message.value = poll_error_html(exc)

    def _show(self, standing, *, reason: str) -> None:
        """Show ``standing``: the team's plan for the current round, its round and state."""
        previous, self.shown = self.shown, standing
        plan = standing.plan if standing.plan is not None else self.ws.baseline()
        self.show_choices(PlanChoices.from_plan(self.ws.card, plan))
        self.form.layout.display = "flex"
        self._show_round()
        self.message.value = self._loaded_message(standing, previous, reason)

    def _loaded_message(self, standing, previous, reason: str) -> str:
        if standing.plan is None:
            return ""
        if previous is not None and previous.round.id != standing.round.id:
            return ok_html(
                f"<b>{html.escape(standing.round.title)}</b> dimulai. Rencana terakhir tim "
                "Anda sudah dijalankan di ronde ini; ubah lalu kirim bila perlu."
            )
        if reason == "berubah":
            return ok_html(
                "Rencana terbaru tim Anda dimuat (dikirim dari laptop lain tim Anda). Periksa "
                "sebelum mengubahnya."
            )
        if standing.source == "dibawa":
            return ok_html(
                "Rencana tim Anda dari ronde sebelumnya sudah dijalankan di ronde ini. Ubah lalu "
                "kirim bila perlu."
            )
        return ok_html(
            "Rencana terakhir tim Anda dimuat dari penyimpanan. Ubah lalu kirim lagi bila perlu."
        )

    def _show_round(self) -> None:
        ws, round_ = self.ws, self.shown.round
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
                f"hari dengan tombol <i>Putuskan pukul {round_.decision_clock}</i>.</p>"
            )
        if ws.readonly:
            extra += error_html(WorkbenchError("Berkas lokakarya hanya bisa dilihat."))
        self.header.value = (
            f"<h2>{html.escape(self.team.value or '')} · {html.escape(round_.title)}</h2>"
            f"<div>Kartu: <b>{html.escape(ws.card.name)}</b> · Anggaran "
            f"<b>{fmt.number(ws.budget_hours)} jam-petugas</b></div>{extra}"
        )
        for_teams, _notes = story_parts(ws.card)
        self.story.value = f"<div class='rp-cerita'>{html.escape(for_teams)}</div>"
        deciding = round_.decision_at is not None
        self.decide_button.layout.display = "flex" if deciding else "none"
        self.decide_button.description = (
            f"Putuskan pukul {round_.decision_clock}" if deciding else ""
        )
        self.decide_button.tooltip = "Ubah rencana untuk sisa hari" if deciding else "-"
        self.submit_button.disabled = self.decide_button.disabled = ws.readonly
        self._show_state()

    def _show_state(self) -> None:
        round_ = self.shown.round if self.shown else None
        if round_ is None or round_.decision_at is None or self.shown.plan is None:
            self.state.value = ""
            return
        try:
            state = self.ws.queue_at(self.team.value)
        except WorkbenchError as exc:
            self.state.value = error_html(exc)
            return
        rows = "".join(
            f"<tr><td class='teks'>{html.escape(r.indikator)}</td>"
            f"<td>{value_with_unit(r.nilai, r.satuan)}</td></tr>"
            for r in state.itertuples()
        )
        self.state.value = (
            f"<h3>Kantor Anda pukul {round_.decision_clock} (rencana hari yang tampil)</h3>"
            f"<table class='rp-tabel'>{rows}</table>"
        )

    # -- cost, estimate, sending

    def _changed(self) -> None:
        if self._loading or self.ws is None:
            return
        try:
            plan = self.current_plan()
        except WorkbenchError as exc:
            self.cost.value = error_html(exc)
            self.estimate.value = ""
            self.submit_button.disabled = True
            return
        preview = self.ws.preview(plan)
        self.cost.value = _cost_html(preview)
        if preview["masalah"]:
            self.estimate.value = error_html(WorkbenchError(preview["masalah"][0]))
            self.submit_button.disabled = True
            return
        self.submit_button.disabled = self.ws.readonly
        self.estimate.value = _estimate_html(preview["perkiraan"])

    def submit(self, *, decision: bool = False) -> bool:
        """Submit the plan (or, with ``decision``, the change at the decision time)."""
        with self.poll.lock:
            return self._submit(decision=decision)

    def _submit(self, *, decision: bool) -> bool:
        if self.ws is None or not self.team.value or self.shown is None:
            self.message.value = error_html(WorkbenchError("Pilih tim Anda dulu."))
            return False
        self.submit_button.disabled = self.decide_button.disabled = True
        self.message.value = "<p>Menjalankan simulasi…</p>"
        team, shown = self.team.value, self.shown
        try:
            plan = self.current_plan()
            if decision and shown.morning_id is None:
                raise WorkbenchError(
                    f"{team} belum mengirim rencana pagi yang tampil di halaman ini. Kirim dulu "
                    f"rencana hari, lalu putuskan perubahan pukul {shown.round.decision_clock}."
                )
            if decision:
                summary = self.ws.decide(team, plan, based_on=shown.morning_id)
            else:
                summary = self.ws.submit(team, plan, round=shown.round.number)
        except WorkbenchError as exc:
            self._refused(exc)
            return False
        finally:
            self.submit_button.disabled = self.decide_button.disabled = self.ws.readonly
        self.shown = self.ws.standing(team)
        self._seen = self.ws.version()
        self.message.value = ok_html(
            f"<b class='rp-terkirim'>Rencana {html.escape(team)} tersimpan</b> dan sudah masuk "
            f"papan skor.{_summary_html(summary)}"
        )
        self._show_state()
        return True

    def _refused(self, exc: WorkbenchError) -> None:
        """Show a refusal; when the round or the team's plan changed meanwhile, load it."""
        standing = self.ws.standing(self.team.value)
        if standing.key != self.shown.key:
            self._show(standing, reason="berubah")
        self.message.value = error_html(exc)


def _cap_label(minutes: float) -> str:
    return "Tanpa lembur" if minutes == 0 else f"{fmt.number(minutes, 0)} menit"


def _cost_html(preview: dict) -> str:
    budget, over = preview["anggaran"], preview["di_atas_anggaran"]
    share = min(100.0, 100.0 * preview["biaya"] / budget) if budget else 0.0
    colour = "#D55E00" if over else "#009E73"
    rest = (
        f" · <b style='color:{colour}'>lebih {fmt.number(-preview['sisa'])} jam</b>"
        if over
        else f" · sisa {fmt.number(preview['sisa'])} jam"
    )
    return (
        f"<div style='font-size:24px'>Biaya: <b class='rp-biaya-angka'>"
        f"{fmt.number(preview['biaya'])}</b> dari {fmt.number(budget)} jam-petugas{rest}</div>"
        "<div style='width:560px;height:20px;background:#e5e7eb;border-radius:10px'>"
        f"<div style='width:{fmt.number(share, 0)}%;height:20px;background:{colour};"
        "border-radius:10px'></div></div>"
    )


def _estimate_html(estimate: dict) -> str:
    heads = "".join(f"<th>{html.escape(KPIS[k][0])}</th>" for k in ESTIMATE)
    cells = "".join(f"<td>{kpi_text(k, estimate[k])}</td>" for k in ESTIMATE)
    return (
        f"<table class='rp-tabel'><thead><tr><th>Perkiraan cepat</th>{heads}</tr></thead>"
        f"<tbody><tr><td class='teks'>beberapa ulangan</td>{cells}</tr></tbody></table>"
        "<p class='rp-bantuan'>Perkiraan cepat memakai sedikit ulangan sehingga masih "
        "berisik; hasil resmi dihitung saat rencana dikirim.</p>"
    )


def _summary_html(summary) -> str:
    rows = "".join(
        f"<tr><td class='teks'>{html.escape(r.indikator)}</td>"
        f"<td>{value_with_unit(r.nilai, r.satuan)}</td></tr>"
        for r in summary.itertuples()
    )
    return f"<table class='rp-tabel'>{rows}</table>"


def team_page(path: str | Path | None = None) -> TeamPage:
    """A team's page over the workshop database at ``path`` (default: state folder)."""
    return TeamPage(path)
