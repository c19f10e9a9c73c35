"""What a conversation scenario is made of, once read and checked: plain frozen records.

A scenario (:class:`Scenario`) is a small graph. Each :class:`Node` is a moment of the
conversation: a scene (``suasana``), what the other person says (``ucapan``) and the officer's
:class:`Choice` s. A choice changes the citizen's state (:class:`Variable`: patience, trust,
whether the need is solved, the minutes spent), may add a :class:`Promise`, shows or misses
behaviours of the observer rubric, and leads on through :class:`Route` s, the first whose
conditions hold. An :class:`Ending` closes the conversation with a verdict and the rules behind
it. Scenario-wide limits (``batas``) end the conversation at once when, say, patience runs out.

The records are built by :mod:`workbench.percakapan.loader` from the YAML a trainer writes; the
Indonesian keys of that file are documented there and in ``scenarios/percakapan/README.md``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "MODES",
    "RESULTS",
    "ROLES",
    "Choice",
    "Clause",
    "Ending",
    "Node",
    "Promise",
    "Route",
    "Scenario",
    "TriadBriefs",
    "Variable",
    "parse_condition",
]

#: The two ways to play: alone (a branching conversation) and in threes (role play).
MODES = ("sendiri", "bertiga")
#: Verdicts of an ending, best first.
RESULTS = ("baik", "cukup", "kurang")
#: The three roles of a triad, in rotation order.
ROLES = ("warga", "petugas", "pengamat")

_OPS = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}
_CLAUSE = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*(>=|<=|==|!=|>|<)\s*(-?\d+|ya|tidak)\s*$")


@dataclass(frozen=True)
class Clause:
    """One test on the state, such as ``kesabaran <= 0`` or ``terselesaikan == ya``."""

    variable: str
    op: str
    value: int | bool

    def holds(self, state: Mapping[str, float | bool]) -> bool:
        """Whether the clause is true for ``state`` (variables and promises by key)."""
        return bool(_OPS[self.op](state[self.variable], self.value))

    def __str__(self) -> str:
        value = ("ya" if self.value else "tidak") if isinstance(self.value, bool) else self.value
        return f"{self.variable} {self.op} {value}"


def parse_condition(text: str) -> tuple[Clause, ...]:
    """Clauses of a condition written as ``kesabaran >= 40 dan terselesaikan == ya``.

    Every clause must hold (``dan``). Values are whole numbers or ``ya``/``tidak``. Raises
    ``ValueError`` with an Indonesian explanation for text that is not a condition.
    """
    parts = [p for p in re.split(r"\s+dan\s+", str(text).strip()) if p.strip()]
    if not parts:
        raise ValueError("syarat kosong")
    clauses = []
    for part in parts:
        match = _CLAUSE.match(part)
        if match is None:
            raise ValueError(
                f"'{part.strip()}' bukan syarat yang terbaca; tulis seperti 'kesabaran <= 0' "
                "atau 'terselesaikan == ya' (beberapa syarat digabung dengan 'dan')"
            )
        name, op, raw = match.groups()
        value: int | bool = raw == "ya" if raw in ("ya", "tidak") else int(raw)
        clauses.append(Clause(name, op, value))
    return tuple(clauses)


def all_hold(clauses: tuple[Clause, ...], state: Mapping[str, float | bool]) -> bool:
    """Whether every clause holds (an empty condition always holds)."""
    return all(c.holds(state) for c in clauses)


@dataclass(frozen=True)
class Variable:
    """A piece of the citizen's state: a number in a range, or a yes/no fact."""

    key: str
    label: str
    initial: float | bool
    minimum: float | None = None
    maximum: float | None = None

    @property
    def is_flag(self) -> bool:
        """Whether this is a yes/no fact (``ya``/``tidak``) rather than a number."""
        return isinstance(self.initial, bool)

    def clamp(self, value: float) -> float:
        """The value kept within the variable's range."""
        if self.minimum is not None:
            value = max(self.minimum, value)
        if self.maximum is not None:
            value = min(self.maximum, value)
        return value


@dataclass(frozen=True)
class Promise:
    """Something the officer may promise; ``fair`` when the office can keep it by its rules."""

    key: str
    text: str
    fair: bool


@dataclass(frozen=True)
class Route:
    """Where a choice leads when ``when`` holds (empty: always)."""

    target: str
    when: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class Choice:
    """What the officer may say or do at a node, and what follows from it."""

    text: str
    routes: tuple[Route, ...]
    effects: Mapping[str, float | bool] = field(default_factory=dict)
    promises: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    note: str = ""
    requires: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class Node:
    """One moment of the conversation."""

    key: str
    scene: str
    speech: str
    choices: tuple[Choice, ...]
    line: int | None = None


@dataclass(frozen=True)
class Ending:
    """How a conversation can end: a verdict (``baik``/``cukup``/``kurang``) and why."""

    key: str
    title: str
    result: str
    explanation: str
    sources: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class TriadBriefs:
    """The private briefs of a triad round: citizen, officer and observer see different things.

    ``citizen`` and ``officer`` map Indonesian headings to text or lists of text, in the order
    the file gives them; ``role_names`` say who each role plays in this scenario (the
    "citizen" of a teamwork scenario is a colleague); ``prompts`` are the debrief questions.
    """

    minutes: int
    role_names: Mapping[str, str]
    citizen: Mapping[str, str | tuple[str, ...]]
    officer: Mapping[str, str | tuple[str, ...]]
    observer_watch: tuple[str, ...]
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    """A checked conversation scenario (see the module docstring)."""

    key: str
    file: str
    title: str
    summary: str
    modes: tuple[str, ...]
    competencies: tuple[tuple[str, int], ...]
    skm_elements: tuple[str, ...]
    themes: tuple[str, ...]
    sources: tuple[str, ...]
    character: str
    character_note: str
    behaviours: tuple[str, ...]
    variables: Mapping[str, Variable]
    promises: Mapping[str, Promise]
    start: str
    nodes: Mapping[str, Node]
    endings: Mapping[str, Ending]
    limits: tuple[Route, ...]
    triad: TriadBriefs | None
    raw: Mapping = field(default_factory=dict, repr=False, compare=False)

    @property
    def solo(self) -> bool:
        """Whether the scenario can be played alone (it has a conversation graph)."""
        return "sendiri" in self.modes

    def initial_state(self) -> dict[str, float | bool]:
        """Every variable at its starting value, every promise not yet made."""
        state: dict[str, float | bool] = {k: v.initial for k, v in self.variables.items()}
        state.update({k: False for k in self.promises})
        return state

    def __repr__(self) -> str:
        return f"<Skenario {self.key}: {self.title} ({', '.join(self.modes)})>"
