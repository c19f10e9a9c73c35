"""Playing one scenario alone: a branching conversation with a citizen, and what it taught.

::

    from workbench.percakapan import Conversation
    obrolan = Conversation.start("wa-tidak-dibalas")
    obrolan                 # the citizen's words and the numbered choices (1, 2, 3 ...)
    obrolan.choose(1)       # say the first choice (numbers as shown)
    obrolan.outcome()       # at the end: verdict, what went well and not, the rules behind it

A conversation is fully described by its scenario and the list of choices taken
(:attr:`Conversation.path`, choice numbers counted from 1 as the learner sees them), so it can
be stored as practice evidence and replayed exactly (:meth:`Conversation.replay`). The rules
of a step live in :mod:`workbench.percakapan.play`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from workbench import formatting as fmt
from workbench.config import Settings
from workbench.errors import WorkbenchError
from workbench.percakapan import play
from workbench.percakapan.model import Ending, Node, Scenario
from workbench.percakapan.rubric import Rubric, Source, load_rubric, load_sources

__all__ = ["Conversation", "Outcome", "Turn"]

_VERDICT = {"baik": "✅ Baik", "cukup": "🟡 Cukup", "kurang": "❌ Kurang"}


@dataclass(frozen=True)
class Turn:
    """One step taken: where it was, what the citizen said, what the officer chose."""

    node: str
    choice: int  # the choice's number as shown, from 1
    speech: str
    said: str
    note: str
    shown: tuple[str, ...]
    missed: tuple[str, ...]
    state: dict


@dataclass(frozen=True)
class Outcome:
    """How a finished conversation ended and what it taught (fields as a reader reads them)."""

    akhir: str
    judul: str
    hasil: str
    penjelasan: str
    dasar: list[Source]
    berjalan_baik: list[str]
    perlu_diperbaiki: list[str]
    perilaku: pd.DataFrame
    janji: list[tuple[str, bool]]
    menit: float | None
    keadaan: dict = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [f"{_VERDICT.get(self.hasil, self.hasil)}: {self.judul}", self.penjelasan]
        if self.berjalan_baik:
            lines += ["", "Yang berjalan baik:", *[f"  - {t}" for t in self.berjalan_baik]]
        if self.perlu_diperbaiki:
            lines += ["", "Yang perlu diperbaiki:", *[f"  - {t}" for t in self.perlu_diperbaiki]]
        if self.janji:
            lines += ["", "Yang dijanjikan:"]
            lines += [
                f"  - {t}{'' if fair else ' (tidak bisa dipegang)'}" for t, fair in self.janji
            ]
        if self.dasar:
            lines += ["", "Dasar:", *[f"  - {s.title}: {s.gist}" for s in self.dasar]]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return outcome_html(self)


def outcome_html(outcome: Outcome) -> str:
    """The ending as an HTML card: verdict, explanation, lessons, promises, rules behind it."""

    def items(texts: Sequence[str]) -> str:
        return "".join(f"<li>{html.escape(t)}</li>" for t in texts)

    parts = [
        f"<div class='pc-akhir pc-{html.escape(outcome.hasil)}'>",
        f"<h3>{html.escape(_VERDICT.get(outcome.hasil, outcome.hasil))}: "
        f"{html.escape(outcome.judul)}</h3><p>{html.escape(outcome.penjelasan)}</p>",
    ]
    if outcome.berjalan_baik:
        parts.append(f"<h4>Yang berjalan baik</h4><ul>{items(outcome.berjalan_baik)}</ul>")
    if outcome.perlu_diperbaiki:
        parts.append(f"<h4>Yang perlu diperbaiki</h4><ul>{items(outcome.perlu_diperbaiki)}</ul>")
    if outcome.janji:
        promised = [
            t + ("" if fair else " (tidak bisa dipegang menurut standar)")
            for t, fair in outcome.janji
        ]
        parts.append(f"<h4>Yang Anda janjikan</h4><ul>{items(promised)}</ul>")
    if outcome.menit is not None:
        parts.append(f"<p>Waktu terpakai: {fmt.number(outcome.menit, decimals=None)} menit.</p>")
    if outcome.dasar:
        cited = "".join(
            f"<li><b>{html.escape(s.title)}</b>: {html.escape(s.gist)}</li>" for s in outcome.dasar
        )
        parts.append(f"<h4>Dasar aturan dan standar</h4><ul>{cited}</ul>")
    parts.append("</div>")
    return "".join(parts)


class Conversation:
    """One play of a scenario alone (see the module docstring)."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        rubric: Rubric | None = None,
        sources: Mapping[str, Source] | None = None,
        settings: Settings | None = None,
    ) -> None:
        if not scenario.solo:
            raise WorkbenchError(
                f"Skenario {scenario.key} hanya untuk role-play bertiga; pilih skenario lain "
                "untuk bermain sendiri."
            )
        self.scenario = scenario
        self.rubric = rubric or load_rubric(settings=settings)
        self.sources = dict(sources) if sources is not None else load_sources(settings=settings)
        self.state: dict = scenario.initial_state()
        self.position: str = scenario.start
        self.turns: list[Turn] = []

    @classmethod
    def start(cls, name: str, *, settings: Settings | None = None) -> Conversation:
        """A new conversation on the scenario ``name`` from the scenarios folder."""
        from workbench.percakapan.loader import load_scenario

        rubric = load_rubric(settings=settings)
        sources = load_sources(settings=settings)
        scenario = load_scenario(name, settings=settings, rubric=rubric, sources=sources)
        return cls(scenario, rubric=rubric, sources=sources)

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        path: Sequence[int],
        *,
        rubric: Rubric | None = None,
        sources: Mapping[str, Source] | None = None,
    ) -> Conversation:
        """The conversation that takes the choices ``path`` (as stored in practice evidence)."""
        conversation = cls(scenario, rubric=rubric, sources=sources)
        for number in path:
            conversation.choose(number)
        return conversation

    # ---- where the conversation is ---------------------------------------------------------

    @property
    def finished(self) -> bool:
        """Whether an ending has been reached."""
        return self.position in self.scenario.endings

    @property
    def node(self) -> Node | None:
        """The current moment (None once finished)."""
        return None if self.finished else self.scenario.nodes[self.position]

    @property
    def ending(self) -> Ending | None:
        """The ending reached (None while the conversation goes on)."""
        return self.scenario.endings.get(self.position)

    @property
    def path(self) -> list[int]:
        """The numbers of the choices taken (from 1, as shown): enough to replay it."""
        return [t.choice for t in self.turns]

    def options(self) -> list[tuple[int, str]]:
        """The choices offered now, as (number, text), numbered from 1 in the file's order
        (a choice whose condition does not hold is skipped, so numbers may jump); empty once
        finished."""
        node = self.node
        if node is None:
            return []
        return [(i + 1, node.choices[i].text) for i in play.offered(node, self.state)]

    def choose(self, number: int) -> None:
        """Take the choice with this ``number`` (as in :meth:`options`) and move on."""
        node = self.node
        if node is None:
            raise WorkbenchError(
                "Percakapan ini sudah selesai. Mulai lagi untuk mencoba jalan lain."
            )
        offered = [i + 1 for i in play.offered(node, self.state)]
        if isinstance(number, bool) or not isinstance(number, int) or number not in offered:
            raise WorkbenchError(
                f"Pilihan {number!r} tidak tersedia di langkah ini. Pilih salah satu nomor: "
                + ", ".join(str(i) for i in offered)
                + "."
            )
        choice = node.choices[number - 1]
        self.state = play.apply(self.scenario, self.state, choice)
        self.turns.append(
            Turn(
                node.key,
                number,
                node.speech,
                choice.text,
                choice.note,
                choice.shown,
                choice.missed,
                dict(self.state),
            )
        )
        self.position = play.target(self.scenario, choice, self.state)

    # ---- what it taught --------------------------------------------------------------------

    def promises(self) -> list[tuple[str, bool]]:
        """The promises made so far: (text, whether the office can keep it)."""
        return [(p.text, p.fair) for k, p in self.scenario.promises.items() if self.state.get(k)]

    def behaviours(self) -> pd.DataFrame:
        """Per behaviour of the scenario's rubric: how often it was shown and missed."""
        rows = []
        for key in self.scenario.behaviours:
            shown = sum(key in t.shown for t in self.turns)
            missed = sum(key in t.missed for t in self.turns)
            verdict = (
                "luput"
                if missed and not shown
                else "tampak"
                if shown and not missed
                else ("sebagian" if shown else "belum teramati")
            )
            name = self.rubric[key].name if key in self.rubric.behaviours else key
            rows.append((key, name, shown, missed, verdict))
        return pd.DataFrame(rows, columns=["perilaku", "nama", "tampak", "luput", "kesimpulan"])

    def outcome(self) -> Outcome:
        """The verdict and lessons of a finished conversation."""
        ending = self.ending
        if ending is None:
            raise WorkbenchError("Percakapan belum selesai: pilih jawaban sampai ada akhirnya.")
        well = [t.note for t in self.turns if t.note and t.shown and not t.missed]
        better = [t.note for t in self.turns if t.note and t.missed]
        cited = [self.sources[k] for k in ending.sources if k in self.sources]
        minutes = self.state.get("menit")
        return Outcome(
            akhir=ending.key,
            judul=ending.title,
            hasil=ending.result,
            penjelasan=ending.explanation,
            dasar=cited,
            berjalan_baik=well,
            perlu_diperbaiki=better,
            perilaku=self.behaviours(),
            janji=self.promises(),
            menit=float(minutes) if isinstance(minutes, int | float) else None,
            keadaan=dict(self.state),
        )

    def transcript(self) -> pd.DataFrame:
        """The conversation so far: who said what, step by step."""
        rows = []
        for i, turn in enumerate(self.turns, start=1):
            if turn.speech:
                rows.append((i, self.scenario.character, turn.speech))
            rows.append((i, "Petugas (Anda)", turn.said))
        return pd.DataFrame(rows, columns=["langkah", "pembicara", "teks"])

    def __repr__(self) -> str:
        if self.finished:
            return str(self.outcome())
        node = self.node
        lines = [f"{self.scenario.title}"]
        if node.scene:
            lines.append(node.scene)
        if node.speech:
            lines.append(f"{self.scenario.character}: {node.speech}")
        lines += [f"  {i}. {text}" for i, text in self.options()]
        lines.append("Jawab dengan .choose(nomor).")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        if self.finished:
            return outcome_html(self.outcome())
        node = self.node
        scene = f"<p><i>{html.escape(node.scene)}</i></p>" if node.scene else ""
        speech = (
            f"<p><b>{html.escape(self.scenario.character)}:</b> {html.escape(node.speech)}</p>"
            if node.speech
            else ""
        )
        options = "".join(f"<li value='{i}'>{html.escape(t)}</li>" for i, t in self.options())
        return (
            f"<div class='pc-obrolan'><h3>{html.escape(self.scenario.title)}</h3>{scene}{speech}"
            f"<ol>{options}</ol><p>Jawab dengan <code>.choose(nomor)</code>.</p></div>"
        )
