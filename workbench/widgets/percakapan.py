"""Pages for conversations at the counter: playing alone, in threes, and the facilitator's.

Only presentation lives here. Scenarios, plays, sessions, scores and prompts come from
:mod:`workbench.percakapan` (the same functions a notebook calls); progress from
:mod:`workbench.practice`. A refusal is the library's Indonesian
:class:`~workbench.errors.WorkbenchError`, shown in the page.

* :class:`SoloPage` (``conversation()``): choose a scenario, answer with big buttons, watch the
  citizen's patience and trust change, read the ending and the rules behind it; the play is
  stored as practice evidence and counted in module 13's progress; earlier plays replay; on the
  dashboard each ending is followed by the evaluation's reaction questionnaire.
* :class:`TriadPage` (``triad_page()``): each member picks session, group and name and sees only
  their role's brief; an observer scores the rubric from their own laptop or phone; once the
  group's round is over the page offers the reaction questionnaire (one answer per person and
  session) and *Latihan sendiri*, a solo play on the same page (no new page for a whole room).
* :class:`FacilitatorPage` (``facilitator_page()``): create a session, start rounds, see who has
  submitted, the spread of scores per behaviour and the discussion prompts, download Excel.

The triad and facilitator pages poll the database every few seconds from a daemon thread, so
thirty phones and the projector stay in step without anyone pressing reload.
"""

from __future__ import annotations

import base64
import html
import tempfile
import threading
from pathlib import Path

import ipywidgets as widgets

from workbench import formatting as fmt
from workbench.config import Settings, get_settings
from workbench.errors import WorkbenchError
from workbench.percakapan import (
    Conversation,
    Session,
    load_all,
    load_rubric,
    load_sources,
    plays,
    record_play,
    replay_play,
)
from workbench.percakapan.conversation import outcome_html
from workbench.percakapan.model import Scenario
from workbench.percakapan.rubric import SCALE
from workbench.percakapan.store import default_path

__all__ = [
    "FacilitatorPage",
    "SoloPage",
    "TriadPage",
    "conversation",
    "facilitator_page",
    "triad_page",
]

#: Milliseconds between two polls of the database by the triad and facilitator pages.
POLL_MS = 3000
PICK_GROUP = "Pilih kelompok …"
PICK_NAME = "Pilih nama Anda …"
_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ROLE_LABEL = {"warga": "Warga", "petugas": "Petugas", "pengamat": "Pengamat"}

_STYLE = """
<style>
.pc-halaman { font-size: 17px; max-width: 1100px; }
.pc-halaman .widget-html-content { line-height: 1.45; font-size: 17px; }
.pc-halaman .widget-label, .pc-halaman select, .pc-halaman input, .pc-halaman textarea,
.pc-halaman .widget-button { font-size: 16px; }
.pc-halaman h2 { font-size: 26px; margin: 4px 0; }
.pc-halaman h3 { font-size: 21px; margin: 8px 0 4px 0; }
.pc-obrolan { background: #f9fafb; border-radius: 8px; padding: 8px 12px; }
.pc-suasana { color: #374151; font-style: italic; margin: 6px 0; }
.pc-warga, .pc-petugas { padding: 8px 12px; border-radius: 12px; margin: 6px 0;
  max-width: 80%; }
.pc-warga { background: #e0f2fe; border-top-left-radius: 2px; }
.pc-petugas { background: #dcfce7; margin-left: auto; border-top-right-radius: 2px; }
.pc-siapa { font-size: 13px; color: #374151; font-weight: bold; }
.pc-pilihan button, button.pc-pilihan { height: auto !important; min-height: 44px;
  white-space: normal !important; text-align: left !important; line-height: 1.35;
  padding: 8px 12px !important; }
.pc-keadaan td { padding: 3px 8px; vertical-align: middle; }
.pc-batang { background: #e5e7eb; width: 180px; height: 14px; border-radius: 3px; }
.pc-batang > div { height: 14px; border-radius: 3px; }
.pc-akhir { border-left: 6px solid #6b7280; padding: 6px 14px; background: #f9fafb; }
.pc-akhir.pc-baik { border-color: #009E73; }
.pc-akhir.pc-cukup { border-color: #E69F00; }
.pc-akhir.pc-kurang { border-color: #D55E00; }
.pc-galat { border: 2px solid #D55E00; padding: 8px; border-radius: 6px; background: #fff7ed; }
.pc-ok { border: 2px solid #009E73; padding: 8px; border-radius: 6px; background: #ecfdf5; }
.pc-peran { border: 2px solid #0072B2; border-radius: 8px; padding: 8px 14px; background: #f0f9ff; }
.pc-tabel { border-collapse: collapse; }
.pc-tabel th, .pc-tabel td { border-bottom: 1px solid #d1d5db; padding: 5px 9px; text-align: left; }
.pc-tabel th { background: #f3f4f6; }
.pc-jangkar { font-size: 13px; color: #374151; margin: 0 0 8px 0; }
.pc-kotak { display: inline-block; width: 22px; height: 16px; margin-right: 2px;
  vertical-align: middle; }
.pc-kecil { font-size: 14px; color: #374151; }
.pc-halaman .widget-toggle-buttons { flex-wrap: wrap; }
@media (max-width: 720px) {
  .pc-halaman .pc-dua-kolom { flex-direction: column; }
  .pc-halaman .pc-dua-kolom > .widget-box { width: 100% !important; }
  .pc-halaman .widget-dropdown, .pc-halaman .widget-text { width: 100% !important; }
}
</style>
"""

#: Okabe-Ito colours for levels 1-4 of the rubric (colour-blind safe).
_LEVEL_COLOURS = {1: "#D55E00", 2: "#E69F00", 3: "#56B4E9", 4: "#009E73"}


def _error_html(exc: Exception) -> str:
    text = html.escape(str(exc)).replace("\n", "<br>")
    return f"<div class='pc-galat'>{text}</div>"


def _ok_html(text: str, css: str = "") -> str:
    return f"<div class='pc-ok {css}'>{text}</div>"


class _Poller:
    """Calls ``callback`` every :data:`POLL_MS` ms from a daemon thread once started; a failed
    poll does not stop polling, and a lock keeps a poll from drawing while a handler draws."""

    def __init__(self, callback) -> None:
        self.callback = callback
        self.lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="pc-poll", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(POLL_MS / 1000):
            try:
                with self.lock:
                    self.callback()
            except Exception:  # the next poll retries; a page never dies of one bad read
                continue


# ---------------------------------------------------------------- playing alone


def state_html(conversation: Conversation) -> str:
    """The citizen's state as bars (numbers with a range), values and yes/no facts, and the
    promises made so far."""
    rows = []
    for key, variable in conversation.scenario.variables.items():
        value = conversation.state[key]
        if variable.is_flag:
            shown = "✓ ya" if value else "✗ tidak"
        elif variable.minimum is not None and variable.maximum is not None:
            span = (variable.maximum - variable.minimum) or 1
            share = (float(value) - variable.minimum) / span
            colour = "#009E73" if share >= 0.6 else "#E69F00" if share >= 0.3 else "#D55E00"
            width = round(share * 100)  # a CSS width, not a number a person reads
            shown = (
                f"<div class='pc-batang'><div style='width:{width}%;background:{colour}'></div>"
                f"</div> {fmt.number(value, decimals=None)}"
            )
        else:
            shown = fmt.number(value, decimals=None)
        rows.append(f"<tr><td>{html.escape(variable.label)}</td><td>{shown}</td></tr>")
    promised = conversation.promises()
    text = f"<table class='pc-keadaan'>{''.join(rows)}</table>"
    if promised:
        items = "".join(f"<li>{html.escape(t)}</li>" for t, _fair in promised)
        text += f"<p class='pc-kecil'><b>Yang sudah Anda janjikan:</b></p><ul>{items}</ul>"
    return text


def chat_html(conversation: Conversation) -> str:
    """The conversation so far as speech bubbles, ending with the current moment."""
    name = html.escape(conversation.scenario.character)
    parts = []
    nodes = conversation.scenario.nodes
    for turn in conversation.turns:
        node = nodes[turn.node]
        if node.scene:
            parts.append(f"<div class='pc-suasana'>{html.escape(node.scene)}</div>")
        if node.speech:
            parts.append(
                f"<div class='pc-warga'><div class='pc-siapa'>{name}</div>"
                f"{html.escape(node.speech)}</div>"
            )
        parts.append(
            f"<div class='pc-petugas'><div class='pc-siapa'>Anda</div>"
            f"{html.escape(turn.said)}</div>"
        )
    node = conversation.node
    if node is not None:
        if node.scene:
            parts.append(f"<div class='pc-suasana'>{html.escape(node.scene)}</div>")
        if node.speech:
            parts.append(
                f"<div class='pc-warga pc-sekarang'><div class='pc-siapa'>{name}</div>"
                f"{html.escape(node.speech)}</div>"
            )
    return f"<div class='pc-obrolan'>{''.join(parts)}</div>"


class SoloPage:
    """Play a scenario alone (see the module docstring). ``scenario`` fixes one scenario (a
    notebook's exercise); otherwise the learner picks from every scenario playable alone."""

    def __init__(
        self,
        *,
        scenario: str | None = None,
        learner: str | None = None,
        path: str | Path | None = None,
        reaction: bool | None = None,
        settings: Settings | None = None,
    ) -> None:
        from workbench.practice import learner_id

        #: Whether an ending offers the reaction questionnaire. By default the page that offers
        #: every scenario does (the dashboard); one fixed scenario is a module's exercise, and
        #: the module has its own questionnaire at its end.
        self.asks_reaction = scenario is None if reaction is None else reaction
        self.settings = settings or get_settings()
        self.path = Path(path) if path is not None else default_path(self.settings)
        self.rubric = load_rubric(settings=self.settings)
        self.sources = load_sources(settings=self.settings)
        found = load_all(settings=self.settings)
        self.scenarios: dict[str, Scenario] = {k: s for k, s in found.items() if s.solo}
        if scenario is not None and scenario not in self.scenarios:
            raise WorkbenchError(
                f"Skenario '{scenario}' tidak ada atau tidak bisa dimainkan sendiri."
            )
        self.conversation: Conversation | None = None
        self.name = widgets.Text(
            value=learner or learner_id(self.settings),
            description="Nama Anda",
            layout=widgets.Layout(width="360px"),
        )
        self.choose = widgets.Dropdown(
            options=[(s.title, k) for k, s in self.scenarios.items()],
            value=scenario or next(iter(self.scenarios)),
            description="Skenario",
            layout=widgets.Layout(width="620px", display="none" if scenario else "flex"),
        )
        self.restart = widgets.Button(description="Mulai dari awal", icon="refresh")
        self.restart.add_class("pc-mulai")
        self.restart.on_click(lambda _b: self.start())
        self.choose.observe(lambda _c: self.start(), names="value")
        self.name.observe(lambda _c: self._list_history(), names="value")
        self.intro, self.chat, self.state = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.choices = widgets.VBox()
        self.ending, self.message = widgets.HTML(), widgets.HTML()
        self.reaction = widgets.VBox(layout=widgets.Layout(display="none"))
        self.reaction.add_class("pc-reaksi")
        self.history = widgets.Dropdown(description="Riwayat", layout=widgets.Layout(width="620px"))
        self.replay_button = widgets.Button(description="Putar ulang", icon="play")
        self.replay_button.on_click(lambda _b: self.replay())
        self.replay_view = widgets.HTML()
        self.columns = widgets.HBox(
            [
                widgets.VBox([self.chat, self.choices], layout=widgets.Layout(width="66%")),
                widgets.VBox(
                    [widgets.HTML("<h3>Keadaan warga</h3>"), self.state],
                    layout=widgets.Layout(width="34%"),
                ),
            ]
        )
        self.columns.add_class("pc-dua-kolom")  # one column on a phone
        self.widget = widgets.VBox(
            [
                widgets.HTML(_STYLE),
                widgets.HBox([self.name, self.restart]),
                self.choose,
                self.intro,
                self.columns,
                self.ending,
                self.message,
                self.reaction,
                widgets.HTML("<h3>Permainan Anda sebelumnya</h3>"),
                widgets.HBox([self.history, self.replay_button]),
                self.replay_view,
            ]
        )
        self.widget.add_class("pc-halaman")
        self.start()
        self._list_history()

    @property
    def learner(self) -> str:
        """The learner's name as progress files name it (cleaned of path characters)."""
        from workbench.practice import ProgressStore

        return ProgressStore(self.name.value.strip() or None, settings=self.settings).learner

    def start(self) -> None:
        """Start the chosen scenario from its first moment."""
        scenario = self.scenarios[self.choose.value]
        self.conversation = Conversation(scenario, rubric=self.rubric, sources=self.sources)
        self.intro.value = (
            f"<p><b>{html.escape(scenario.title)}.</b> {html.escape(scenario.summary)}</p>"
            "<p class='pc-kecil'>Tulis nama Anda di atas (seperti di daftar peserta) agar "
            "latihan tercatat atas nama Anda. Anda petugas loket. Lawan bicara: "
            f"{html.escape(scenario.character)} ({html.escape(scenario.character_note)}).</p>"
        )
        self.ending.value = self.message.value = ""
        self.reaction.children, self.reaction.layout.display = (), "none"
        self._draw()

    def answer(self, number: int) -> None:
        """Say the choice with this number; at an ending, store the play and the progress."""
        try:
            self.conversation.choose(number)
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return
        if self.conversation.finished:
            self._finish()
        self._draw()

    def _draw(self) -> None:
        conversation = self.conversation
        self.chat.value = chat_html(conversation)
        self.state.value = state_html(conversation)
        buttons = []
        for number, text in conversation.options():
            button = widgets.Button(
                description=f"{number}. {text}", tooltip=text, layout=widgets.Layout(width="100%")
            )
            button.add_class("pc-pilihan")
            button.on_click(lambda _b, n=number: self.answer(n))
            buttons.append(button)
        self.choices.children = buttons

    def _finish(self) -> None:
        self.ending.value = outcome_html(self.conversation.outcome())
        try:
            number = record_play(
                self.conversation, learner=self.learner, path=self.path, settings=self.settings
            )
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return
        note = f"Tercatat sebagai latihan atas nama {html.escape(self.learner)} (nomor {number})."
        note += self._progress_note()
        self.message.value = _ok_html(note, "pc-tercatat")
        self._list_history()
        self._ask_reaction()

    def _ask_reaction(self) -> None:
        """The evaluation's reaction questionnaire under the ending, for this scenario."""
        if not self.asks_reaction:
            return
        from workbench.widgets.evaluasi import conversation_reaction_form

        scenario = self.conversation.scenario
        form = conversation_reaction_form(
            scenario.key, scenario.title, self.learner, settings=self.settings
        )
        self.reaction.children = [form.widget]
        self.reaction.layout.display = "flex"

    def _progress_note(self) -> str:
        from workbench.course.lessons.m13_komunikasi import record_conversation

        try:
            outcome = record_conversation(
                self.conversation.scenario.key, learner=self.learner, settings=self.settings
            )
        except WorkbenchError as exc:
            return f" Progres modul 13 belum tersimpan: {html.escape(exc.message)}"
        if outcome is None:
            return ""
        from workbench.practice import Outcome

        return " Progres modul 13 diperbarui" + (
            " (soal ini benar)."
            if outcome is Outcome.CORRECT
            else "; coba lagi sampai hasilnya baik."
        )

    def _list_history(self) -> None:
        mine = plays(learner=self.learner, path=self.path, settings=self.settings)
        titles = {k: s.title for k, s in self.scenarios.items()}
        self.history.options = [
            (f"{fmt.timestamp(r.selesai)} · {titles.get(r.skenario, r.skenario)} · {r.hasil}", r.id)
            for r in mine.iloc[::-1].itertuples()
        ]
        if len(mine):
            self.history.value = int(mine["id"].iloc[-1])
        self.replay_button.disabled = not len(mine)

    def replay(self) -> None:
        """Show an earlier play: every turn and its ending, exactly as it went."""
        if self.history.value is None:
            return
        try:
            played = replay_play(self.history.value, path=self.path, settings=self.settings)
        except WorkbenchError as exc:
            self.replay_view.value = _error_html(exc)
            return
        self.replay_view.value = chat_html(played) + outcome_html(played.outcome())

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def conversation(scenario: str | None = None, **kwargs) -> SoloPage:
    """The solo conversation page (one ``scenario``, or a choice of all; the choice of all ends
    each play with the reaction questionnaire, see :class:`SoloPage`)."""
    return SoloPage(scenario=scenario, **kwargs)


# ---------------------------------------------------------------- in threes


def brief_html(brief) -> str:
    """One person's brief: their role and only what it may know."""
    parts = [
        f"<div class='pc-peran'><h3>Peran Anda: {html.escape(_ROLE_LABEL[brief.role])} — "
        f"{html.escape(brief.role_name)}</h3><p class='pc-kecil'>Skenario: "
        f"{html.escape(brief.scenario)} · kira-kira {brief.minutes} menit</p>"
    ]
    for heading, text in brief.sections:
        parts.append(f"<h4>{html.escape(heading)}</h4>")
        if isinstance(text, tuple):
            parts.append("<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in text) + "</ul>")
        else:
            parts.append(f"<p>{html.escape(text)}</p>")
    parts.append("</div>")
    return "".join(parts)


class _SessionChooser:
    """The session picker the triad and facilitator pages share. Voilà runs a page ahead of
    time (preheated kernels), so the list of sessions is refreshed on every poll: a page opened
    before today's session was created finds it. The page follows the newest session until
    the person picks one (:meth:`_follows_newest`)."""

    path: Path
    choose: widgets.Dropdown
    header: widgets.HTML
    message: widgets.HTML
    poll: _Poller
    session: Session | None
    _quiet = False
    _auto = True
    _none_text = "<p>Belum ada sesi.</p>"

    def _chosen(self) -> None:
        if self._quiet:
            return
        self._auto = False  # a person picked it: stay with it
        self._open()

    def _follows_newest(self) -> bool:
        return self._auto

    def _open(self) -> None:  # pragma: no cover - each page opens in its own way
        raise NotImplementedError

    def _sync_sessions(self, select: str | None = None) -> None:
        try:
            names = Session.names(self.path)
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return
        current = self.choose.value
        wanted = select if select is not None else current
        if names and (wanted not in names or (select is None and self._follows_newest())):
            wanted = names[0]
        if tuple(names) != tuple(self.choose.options) or wanted != current:
            self._quiet = True
            try:
                self.choose.options = names
                self.choose.value = wanted if names else None
            finally:
                self._quiet = False
        if names and (wanted != current or self.session is None):
            self._open()
        elif not names:
            self.header.value = self._none_text


class TriadPage(_SessionChooser):
    """A member's page in a triad round (see the module docstring)."""

    def __init__(self, path: str | Path | None = None, *, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self.path = Path(path) if path is not None else default_path(self.settings)
        self.session: Session | None = None
        self._seen: tuple | None = None
        wide = {"description_width": "120px"}
        self.choose = widgets.Dropdown(
            description="Sesi", style=wide, layout=widgets.Layout(width="520px")
        )
        self.group = widgets.Dropdown(
            description="Kelompok", style=wide, layout=widgets.Layout(width="520px")
        )
        self.person = widgets.Dropdown(
            description="Nama Anda", style=wide, layout=widgets.Layout(width="520px")
        )
        self.choose.observe(lambda _c: self._chosen(), names="value")
        self.group.observe(lambda _c: self._members(), names="value")
        self.person.observe(lambda _c: self.refresh(force=True), names="value")
        self.header, self.brief, self.message = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.form = widgets.VBox(layout=widgets.Layout(display="none"))
        self.scores: dict[str, widgets.ToggleButtons] = {}
        self.note = widgets.Textarea(
            placeholder="Catatan untuk petugas (boleh kosong)",
            layout=widgets.Layout(width="100%", height="70px"),
        )
        self.send = widgets.Button(
            description="Kirim skor",
            icon="paper-plane",
            button_style="primary",
            layout=widgets.Layout(width="220px", height="44px"),
        )
        self.send.add_class("pc-kirim")
        self.send.on_click(lambda _b: self.submit())
        self.reaction = widgets.VBox(layout=widgets.Layout(display="none"))
        self.reaction.add_class("pc-reaksi")
        self._reaction_for: tuple | None = None
        self.solo_button = widgets.Button(
            description="Latihan sendiri",
            icon="user",
            tooltip="Mainkan skenario percakapan sendiri di halaman ini",
            layout=widgets.Layout(width="220px", height="40px"),
        )
        self.solo_button.add_class("pc-latihan-sendiri")
        self.solo_button.on_click(lambda _b: self.play_alone())
        self.solo = widgets.VBox([self.solo_button], layout=widgets.Layout(display="none"))
        self.solo_page: SoloPage | None = None
        self.poll = _Poller(self.refresh)
        self.widget = widgets.VBox(
            [
                widgets.HTML(_STYLE),
                self.choose,
                self.group,
                self.person,
                self.header,
                self.brief,
                self.form,
                self.message,
                self.reaction,
                self.solo,
            ]
        )
        self.widget.add_class("pc-halaman")
        self._sync_sessions()

    _none_text = "<p>Belum ada sesi. Tunggu fasilitator membuatnya.</p>"

    def _follows_newest(self) -> bool:
        return self._auto and not self.person.value

    def _open(self) -> None:
        if not self.choose.value:
            return
        with self.poll.lock:
            self.session = Session.open(self.path, self.choose.value, settings=self.settings)
            # Nobody is chosen at first: a page must never open on someone else's brief.
            self.group.options = [
                (PICK_GROUP, ""),
                *[(t.name, t.name) for t in self.session.triads],
            ]
            self.group.value = ""
            self._members()

    def _members(self) -> None:
        if self.session is None:
            return
        people = self.session.triad(self.group.value).members if self.group.value else ()
        self.person.options = [(PICK_NAME, ""), *[(p, p) for p in people]]
        self.person.value = ""
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> None:
        """Redraw the brief when the round changes, and offer the reaction questionnaire once
        this person's group has finished a round (the poll calls this every few seconds)."""
        self._sync_sessions()
        if self.session is None:
            return
        current = self.session.current_round()
        over = self._round_over(current)
        key = (current.id if current else None, self.group.value, self.person.value)
        self._show_reaction(over)
        if not force and key == self._seen:
            return
        self._seen = key
        if current is None:
            self.header.value = (
                "<p>Ronde belum dimulai. Halaman ini berganti sendiri begitu "
                "fasilitator memulai ronde.</p>"
            )
            self.brief.value, self.form.layout.display = "", "none"
            return
        self.header.value = f"<h3 class='pc-ronde'>Ronde {current.number}</h3>"
        if not self.person.value:
            self.brief.value = "<p>Pilih kelompok dan nama Anda.</p>"
            self.form.layout.display = "none"
            return
        brief = self.session.brief(self.group.value, self.person.value, current)
        self.brief.value = brief_html(brief)
        self.message.value = ""
        self._draw_form(brief)

    def _round_over(self, current) -> bool:
        """Whether this person's group has played a round to its end: an earlier round
        exists, or their observer has sent this round's scores."""
        if current is None or not self.group.value or not self.person.value:
            return False
        if current.number > 1:
            return True
        status = self.session.status(current)
        return bool(status.loc[status["kelompok"] == self.group.value, "sudah_kirim"].any())

    def _show_reaction(self, over: bool) -> None:
        """The evaluation's reaction questionnaire under the brief, for this session and
        person, once a round is over (kept, not redrawn, while the person stays the same)."""
        if not over:
            self.reaction.layout.display = self.solo.layout.display = "none"
            return
        who = (self.session.name, self.group.value, self.person.value)
        if who != self._reaction_for:
            from workbench.widgets.evaluasi import session_reaction_form

            form = session_reaction_form(*who, settings=self.settings)
            self.reaction.children = [form.widget]
            self._reaction_for = who
            self.solo.children, self.solo_page = (self.solo_button,), None
        self.reaction.layout.display = self.solo.layout.display = "flex"

    def play_alone(self) -> SoloPage:
        """Open the solo conversation under this page, for this person: at the end of a
        session everyone plays alone on the page they already hold, so the room needs no new
        page (and no new kernel each) for it."""
        self.solo_page = SoloPage(learner=self.person.value, path=self.path, settings=self.settings)
        self.solo.children = [self.solo_page.widget]
        return self.solo_page

    def _draw_form(self, brief) -> None:
        if brief.role != "pengamat":
            self.form.layout.display = "none"
            return
        rubric = self.session.rubric
        rows = [
            widgets.HTML(
                "<h3>Lembar pengamat</h3><p class='pc-kecil'>Pilih tingkat yang "
                "paling sesuai dengan yang Anda lihat dan dengar.</p>"
            )
        ]
        self.scores = {}
        for key in brief.behaviours:
            behaviour = rubric[key]
            choice = widgets.ToggleButtons(
                options=[(f"{n} {rubric.scale[n]}", n) for n in SCALE],
                value=None,
                style={"button_width": "130px"},
            )
            choice.add_class(f"pc-skor-{key}")
            self.scores[key] = choice
            anchors = "".join(
                f"<li><b>{n}</b>: {html.escape(behaviour.anchors[n])}</li>" for n in SCALE
            )
            rows += [
                widgets.HTML(f"<b>{html.escape(behaviour.name)}</b>"),
                choice,
                widgets.HTML(f"<ul class='pc-jangkar'>{anchors}</ul>"),
            ]
        self.note.value = ""
        self.form.children = [*rows, self.note, self.send]
        self.form.layout.display = "flex"

    def submit(self) -> bool:
        """Send this observer's scores; the message says what is missing when incomplete."""
        try:
            with self.poll.lock:
                self.session.submit(
                    self.group.value,
                    self.person.value,
                    {k: w.value for k, w in self.scores.items() if w.value},
                    note=self.note.value,
                )
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return False
        moment = fmt.timestamp(_now(self.settings))
        self.message.value = _ok_html(
            f"Skor terkirim ({moment}). Anda boleh mengirim ulang bila "
            "ingin membetulkan; yang terakhir dipakai.",
            "pc-terkirim",
        )
        with self.poll.lock:
            self._show_reaction(self._round_over(self.session.current_round()))
        return True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
        self.poll.start()


def _now(settings: Settings):
    from datetime import datetime

    return datetime.now(settings.tz)


def triad_page(path: str | Path | None = None) -> TriadPage:
    """The page each member of a triad opens on their laptop or phone."""
    return TriadPage(path)


# ---------------------------------------------------------------- facilitator


def spread_html(spread) -> str:
    """Per behaviour: a block per observer coloured by level, the count per level and mean."""
    if spread.empty:
        return "<p>Belum ada perilaku untuk dinilai.</p>"
    legend = " ".join(
        f"<span class='pc-kotak' style='background:{_LEVEL_COLOURS[n]}'></span>{n}" for n in SCALE
    )
    rows = []
    for r in spread.itertuples():
        blocks = "".join(
            f"<span class='pc-kotak' style='background:{_LEVEL_COLOURS[n]}' title='{n}'></span>"
            * int(getattr(r, f"skor_{n}"))
            for n in SCALE
        )
        counts = " · ".join(f"{n}: {int(getattr(r, f'skor_{n}'))}" for n in SCALE)
        mean = fmt.number(r.rata_rata, 1) if r.jumlah else fmt.MISSING
        rows.append(
            f"<tr><td>{html.escape(r.nama)}</td><td>{blocks}</td><td>{counts}</td>"
            f"<td>{mean}</td></tr>"
        )
    return (
        f"<p class='pc-kecil'>Tingkat: {legend}</p><table class='pc-tabel pc-sebaran'><thead>"
        "<tr><th>Perilaku</th><th>Skor pengamat</th><th>Jumlah per tingkat</th><th>Rata-rata</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def status_html(status) -> str:
    """Who plays what in each group this round, and whether each observer has submitted."""
    rows = []
    for r in status.itertuples():
        sent = f"✓ {fmt.timestamp(r.dikirim)}" if r.sudah_kirim else "⏳ belum"
        rows.append(
            f"<tr><td>{html.escape(r.kelompok)}</td><td>{html.escape(r.warga)}</td>"
            f"<td>{html.escape(r.petugas)}</td><td>{html.escape(r.pengamat)}</td>"
            f"<td>{sent}</td><td>{html.escape(r.catatan)}</td></tr>"
        )
    return (
        "<table class='pc-tabel pc-status'><thead><tr><th>Kelompok</th><th>Warga</th>"
        "<th>Petugas</th><th>Pengamat</th><th>Skor</th><th>Catatan pengamat</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


class FacilitatorPage(_SessionChooser):
    """The facilitator's page (see the module docstring)."""

    def __init__(self, path: str | Path | None = None, *, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self.path = Path(path) if path is not None else default_path(self.settings)
        self.session: Session | None = None
        self._seen: tuple | None = None
        wide = {"description_width": "150px"}
        self.new_name = widgets.Text(
            description="Nama sesi", style=wide, layout=widgets.Layout(width="520px")
        )
        self.new_date = widgets.Text(
            description="Tanggal",
            placeholder="05/02/2025",
            style=wide,
            layout=widgets.Layout(width="360px"),
        )
        self.new_groups = widgets.Textarea(
            description="Kelompok",
            style=wide,
            layout=widgets.Layout(width="720px", height="120px"),
            placeholder="Satu kelompok per baris, anggota dipisah koma:\n"
            "Kelompok 1: Ani, Budi, Citra",
        )
        self.create_button = widgets.Button(
            description="Buat sesi", icon="plus", button_style="primary"
        )
        self.create_button.on_click(lambda _b: self.create())
        self.choose = widgets.Dropdown(
            description="Sesi", style=wide, layout=widgets.Layout(width="520px")
        )
        self.choose.observe(lambda _c: self._chosen(), names="value")
        triads = {k: s for k, s in load_all(settings=self.settings).items() if s.triad}
        self.scenario = widgets.Dropdown(
            options=[(s.title, k) for k, s in triads.items()],
            description="Skenario",
            style=wide,
            layout=widgets.Layout(width="620px"),
        )
        self.round_button = widgets.Button(
            description="Mulai ronde", icon="play", button_style="warning"
        )
        self.round_button.add_class("pc-mulai-ronde")
        self.round_button.on_click(lambda _b: self.start_round())
        self.header, self.status, self.spread = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.prompts, self.message, self.excel = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.excel_button = widgets.Button(description="Siapkan Excel", icon="file-excel-o")
        self.excel_button.on_click(lambda _b: self.prepare_excel())
        self.poll = _Poller(self.refresh)
        self.widget = widgets.VBox(
            [
                widgets.HTML(_STYLE),
                widgets.Accordion(
                    children=[
                        widgets.VBox(
                            [self.new_name, self.new_date, self.new_groups, self.create_button]
                        )
                    ],
                    titles=("Buat sesi baru",),
                ),
                self.choose,
                widgets.HBox([self.scenario, self.round_button]),
                self.message,
                self.header,
                widgets.HTML("<h3>Siapa sudah mengirim</h3>"),
                self.status,
                widgets.HTML("<h3>Sebaran skor per perilaku</h3>"),
                self.spread,
                widgets.HTML("<h3>Bahan diskusi</h3>"),
                self.prompts,
                widgets.HBox([self.excel_button, self.excel]),
            ]
        )
        self.widget.add_class("pc-halaman")
        self._sync_sessions()

    _none_text = "<p>Belum ada sesi. Buat sesi baru di atas.</p>"

    def create(self) -> bool:
        """Create a session from the form and open it."""
        try:
            made = Session.create(
                self.path,
                self.new_name.value,
                triads=self.new_groups.value,
                date=self.new_date.value,
                settings=self.settings,
            )
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return False
        self.message.value = _ok_html(f"Sesi {html.escape(made.name)} dibuat.")
        self._auto = False
        self._sync_sessions(select=made.name)
        return True

    def _open(self) -> None:
        if not self.choose.value:
            return
        with self.poll.lock:
            self.session = Session.open(self.path, self.choose.value, settings=self.settings)
            self.refresh(force=True)

    def start_round(self) -> bool:
        """Start the next round on the chosen scenario; roles rotate."""
        if self.session is None:
            self.message.value = _error_html(WorkbenchError("Buat atau pilih sesi dulu."))
            return False
        try:
            with self.poll.lock:
                self.session.start_round(self.scenario.value)
        except WorkbenchError as exc:
            self.message.value = _error_html(exc)
            return False
        self.message.value = ""
        self.refresh(force=True)
        return True

    def refresh(self, *, force: bool = False) -> None:
        """Redraw when a session or round started or a sheet arrived (the poll calls this)."""
        self._sync_sessions()
        if self.session is None:
            return
        current = self.session.current_round()
        if current is None:
            self.header.value = "<p>Pilih skenario lalu tekan <b>Mulai ronde</b>.</p>"
            return
        status = self.session.status(current)
        key = (current.id, tuple(status["dikirim"].astype(str)))
        if not force and key == self._seen:
            return
        self._seen = key
        scenario = self.session.scenario(current)
        sent, total = int(status["sudah_kirim"].sum()), len(status)
        items = "".join(f"<li>{html.escape(p)}</li>" for p in self.session.prompts(current))
        # The count comes last: whoever sees "n dari m" (a person or a test) already has the
        # status, spread and prompts that go with it (messages reach the page in order).
        self.status.value = status_html(status)
        self.spread.value = spread_html(self.session.spread(current))
        self.prompts.value = f"<ol class='pc-diskusi'>{items}</ol>"
        self.header.value = (
            f"<h3>Ronde {current.number}: {html.escape(scenario.title)}</h3>"
            f"<p class='pc-jumlah-kirim'><b>{sent} dari {total} pengamat</b> sudah mengirim skor."
            f" Waktu bermain kira-kira {scenario.triad.minutes} menit.</p>"
        )

    def prepare_excel(self) -> None:
        """A download link with the whole session (status, spread, scores of every round)."""
        if self.session is None:
            return
        name = f"sesi-percakapan-{self.session.id}.xlsx"
        try:
            with tempfile.TemporaryDirectory() as folder:
                target = self.session.export_excel(Path(folder) / name)
                data = base64.b64encode(target.read_bytes()).decode("ascii")
        except WorkbenchError as exc:
            self.excel.value = _error_html(exc)
            return
        self.excel.value = (
            f"<a download='{name}' href='data:{_MIME};base64,{data}'>Unduh {name}</a>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
        self.poll.start()


def facilitator_page(path: str | Path | None = None) -> FacilitatorPage:
    """The facilitator's page for triad role plays."""
    return FacilitatorPage(path)
