"""What the learner's latest run of each notebook cell did, so a check can speak of it first.

A learner who runs an answer cell that stops with an error (a ``SyntaxError``, a
``TypeError``) and then runs ``q1.check()`` must not be judged on the value left over from
before, nor be told the answer "masih berisi ____": the useful news is that the answer cell
failed. IPython announces every cell that starts and ends (``pre_run_cell``,
``post_run_cell``); a :class:`CellHistory` listens and keeps, for the last few hundred cells,
which names each cell assigns and how it ended. :meth:`CellHistory.failure` answers "did the
latest cell that assigns ``name`` fail?".

Each run also notes which names the cell *reads*, which earlier run provided each of them,
and whether the cell ran on a blank: it holds the ``____`` placeholder itself, or read a value
that was (or came from) one. That is what :mod:`workbench.practice.stale` needs to tell a
learner who pressed *Run All* and then answered question 1 that the cell between question 1
and question 2 still holds a value computed from the blank, and which cell to run again.

Outside a running IPython (plain Python, the test suite) there is no history and checks
behave as before.
"""

from __future__ import annotations

import ast
import weakref
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.practice.blank import is_placeholder
from workbench.practice.flow import cell_flow, names_by_lines

__all__ = ["BLANK", "CellFailure", "CellHistory", "CellRun", "assigned_names", "watch"]


#: Cells remembered per kernel (the latest run of an answer cell is almost always recent).
_REMEMBERED = 300


@dataclass(frozen=True)
class CellFailure:
    """How one cell run ended in an error: the error's name, its message and the cell line."""

    error: str
    message: str
    line: int | None
    execution_count: int | None

    def describe(self) -> str:
        """The failure in the learner's words, e.g. "galat SyntaxError di baris 2: ...".

        Only the error's name and message are quoted, never the traceback.
        """
        where = f" di baris {self.line}" if self.line else ""
        text = f"galat {self.error}{where}"
        return f"{text}: {self.message}" if self.message else text


#: The blank in starter code, as a name a cell reads.
BLANK = "____"


@dataclass(frozen=True)
class CellRun:
    """One run of one cell: what it changed and read, where its inputs came from, how it ended.

    ``deps`` maps each name the cell changed to the outside names its new value depends on
    (:func:`~workbench.practice.flow.cell_flow`); ``providers`` maps each outside name the
    cell read to the run (its ``seq``) that had last changed it when this cell started.
    ``blank_names`` are the changed names whose value rests on the ``____`` blank: written in
    the cell itself, read as a value that was a blank, or read from an earlier run's blank
    name. ``names`` are the names it assigns (for :meth:`CellHistory.failure`).
    """

    seq: int
    source: str
    names: frozenset[str]
    deps: Mapping[str, frozenset[str]] = field(default_factory=dict)
    providers: Mapping[str, int] = field(default_factory=dict)
    blank_names: frozenset[str] = frozenset()
    failure: CellFailure | None = None
    execution_count: int | None = None

    @property
    def changes(self) -> frozenset[str]:
        """Every top-level name the run assigned or changed in place."""
        return frozenset(self.deps)

    def literal_blank(self, name: str) -> bool:
        """Whether the cell's own code still holds the blank that ``name`` is computed from."""
        return BLANK in self.deps.get(name, ())


class CellHistory:
    """The latest cell runs of one kernel: names each cell changes and reads, and how it ended.

    ``namespace`` (the kernel's ``user_ns``) lets a starting cell note which of the values it
    reads are the ``____`` blank; without one, only blanks the history saw being made count.
    """

    def __init__(
        self, limit: int = _REMEMBERED, *, namespace: Mapping[str, Any] | None = None
    ) -> None:
        self._runs: deque[CellRun] = deque(maxlen=limit)
        self._running: CellRun | None = None
        self._seq = 0
        self._by_seq: dict[int, CellRun] = {}  # the remembered runs, by number
        self._latest: dict[str, int] = {}  # name -> number of the latest run that changed it
        self.namespace = namespace

    def start(self, source: str) -> None:
        """Note a cell that starts running: until it ends, its own names count as fine.

        (A cell ``x = 1`` followed by ``q1.check()`` in the same cell must not hear about
        the previous, failed run of that cell.)
        """
        self._running = self._new_run(source)
        self._remember(self._running)

    def record(self, source: str, error: BaseException | None, execution_count: Any = None) -> None:
        """Note one finished cell: its source and the error it stopped with (or None)."""
        running = self._running
        self._running = None
        if running is not None and self._runs and self._runs[-1] is running:
            self._runs.pop()
        else:  # the cell that registered the listener (start()) ran before it listened
            running = self._new_run(source)
        failure = _failure(error, execution_count) if error is not None else None
        count = execution_count if isinstance(execution_count, int) else None
        self._remember(replace(running, failure=failure, execution_count=count))

    def _remember(self, run: CellRun) -> None:
        """Keep ``run`` (replacing the unfinished run of the same number), forget the oldest."""
        if self._runs.maxlen is not None and len(self._runs) == self._runs.maxlen:
            oldest = self._runs[0]
            self._by_seq.pop(oldest.seq, None)
            for name in oldest.deps:
                if self._latest.get(name) == oldest.seq:
                    del self._latest[name]
        self._runs.append(run)
        self._by_seq[run.seq] = run
        for name in run.deps:
            self._latest[name] = run.seq

    def _new_run(self, source: str) -> CellRun:
        self._seq += 1
        flow = cell_flow(source)
        names = flow.assigned
        providers: dict[str, int] = {}
        blank_reads = {BLANK}
        for name in flow.reads:
            earlier = self.provider(name)
            if earlier is not None:
                providers[name] = earlier.seq
                if name in earlier.blank_names:
                    blank_reads.add(name)
            if name != BLANK and self._holds_blank(name):
                blank_reads.add(name)
        blank = frozenset(n for n, deps in flow.deps.items() if deps & blank_reads)
        return CellRun(self._seq, source, names, flow.deps, providers, blank)

    def _holds_blank(self, name: str) -> bool:
        if self.namespace is None:
            return False
        try:
            return name in self.namespace and is_placeholder(self.namespace[name])
        except Exception:  # an odd object in the namespace is simply not a blank
            return False

    def failure(self, name: str) -> CellFailure | None:
        """How the latest cell that assigns ``name`` failed; None if it succeeded or none did."""
        for run in reversed(self._runs):
            if name in run.names:
                return run.failure
        return None

    def provider(self, name: str) -> CellRun | None:
        """The latest run of a cell that changed ``name`` (still remembered), or None."""
        seq = self._latest.get(name)
        return self._by_seq.get(seq) if seq is not None else None

    def run(self, seq: int) -> CellRun | None:
        """The run numbered ``seq``, if it is still remembered."""
        return self._by_seq.get(seq)

    def on_pre_run_cell(self, info: Any) -> None:
        """IPython's ``pre_run_cell`` handler: note the cell that starts."""
        try:
            source = getattr(info, "raw_cell", None)
            if isinstance(source, str):
                self.start(source)
        except Exception:  # a history that cannot record must never break the learner's cell
            return

    def on_post_run_cell(self, result: Any) -> None:
        """IPython's ``post_run_cell`` handler: record the cell that just finished."""
        try:
            info = getattr(result, "info", None)
            source = getattr(info, "raw_cell", None)
            if not isinstance(source, str):
                return
            error = result.error_before_exec or result.error_in_exec
            self.record(source, error, getattr(result, "execution_count", None))
        except Exception:  # a history that cannot record must never break the learner's cell
            return


def _failure(error: BaseException, execution_count: Any) -> CellFailure:
    """Name, message and cell line of an error raised while running (or parsing) a cell."""
    if isinstance(error, SyntaxError):
        message, line = str(error.msg or ""), error.lineno
    else:
        try:
            message = str(error)
        except Exception:
            message = ""
        line = _cell_line(error)
    message = " ".join(message.split())
    if len(message) > 120:
        message = message[:119] + "…"
    count = execution_count if isinstance(execution_count, int) else None
    return CellFailure(type(error).__name__, message, line, count)


def _cell_line(error: BaseException) -> int | None:
    """The line of the cell itself (its ``<module>`` frame) where ``error`` was raised."""
    tb = error.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "<module>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def assigned_names(source: str) -> frozenset[str]:
    """The top-level names a cell assigns (``x = ...``, ``def f``, ``for x in``, imports).

    A cell that does not parse (the ``SyntaxError`` a learner just made) is read line by
    line: a name left of a single ``=`` (outside brackets), or after ``def``, counts.
    """
    try:
        tree = ast.parse(_without_magics(source))
    except (SyntaxError, ValueError):
        return names_by_lines(source)
    names: set[str] = set()
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)  # its body assigns the function's own names, not the cell's
            continue
        if isinstance(node, _OWN_SCOPES):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return frozenset(names)


#: Expressions whose loop variables live in their own scope.
_OWN_SCOPES = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _without_magics(source: str) -> str:
    """The cell with IPython's ``%magic`` and ``!shell`` lines blanked (they are not Python)."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!", "?")) else line for line in source.splitlines()
    )


_HISTORIES: weakref.WeakKeyDictionary[Any, CellHistory] = weakref.WeakKeyDictionary()


def watch(shell: Any = None) -> CellHistory | None:
    """The cell history of ``shell`` (default: the running IPython), listening from now on.

    Registers the ``post_run_cell`` handler once per shell; returns None outside IPython.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython ships with Jupyter
            return None
        shell = get_ipython()
    if shell is None or not hasattr(shell, "events"):
        return None
    history = _HISTORIES.get(shell)
    if history is None:
        history = CellHistory(namespace=getattr(shell, "user_ns", None))
        shell.events.register("pre_run_cell", history.on_pre_run_cell)
        shell.events.register("post_run_cell", history.on_post_run_cell)
        _HISTORIES[shell] = history
    return history
