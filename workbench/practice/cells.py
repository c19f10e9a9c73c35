"""What the learner's latest run of each notebook cell did, so a check can speak of it first.

A learner who runs an answer cell that stops with an error (a ``SyntaxError``, a
``TypeError``) and then runs ``q1.check()`` must not be judged on the value left over from
before, nor be told the answer "masih berisi ____": the useful news is that the answer cell
failed. IPython announces every cell that starts and ends (``pre_run_cell``,
``post_run_cell``); a :class:`CellHistory` listens and keeps, for the last few hundred cells,
which names each cell assigns and how it ended. :meth:`CellHistory.failure` answers "did the
latest cell that assigns ``name`` fail?".

Outside a running IPython (plain Python, the test suite) there is no history and checks
behave as before.
"""

from __future__ import annotations

import ast
import re
import weakref
from collections import deque
from dataclasses import dataclass
from typing import Any

__all__ = ["CellFailure", "CellHistory", "assigned_names", "watch"]

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


@dataclass(frozen=True)
class _Run:
    names: frozenset[str]
    failure: CellFailure | None


class CellHistory:
    """The latest cell runs of one kernel: names each cell assigns and whether it failed."""

    def __init__(self, limit: int = _REMEMBERED) -> None:
        self._runs: deque[_Run] = deque(maxlen=limit)
        self._running: _Run | None = None

    def start(self, source: str) -> None:
        """Note a cell that starts running: until it ends, its own names count as fine.

        (A cell ``x = 1`` followed by ``q1.check()`` in the same cell must not hear about
        the previous, failed run of that cell.)
        """
        self._running = _Run(assigned_names(source), None)
        self._runs.append(self._running)

    def record(self, source: str, error: BaseException | None, execution_count: Any = None) -> None:
        """Note one finished cell: its source and the error it stopped with (or None)."""
        if self._running is not None and self._runs and self._runs[-1] is self._running:
            self._runs.pop()
        self._running = None
        failure = None
        if error is not None:
            failure = _failure(error, execution_count)
        self._runs.append(_Run(assigned_names(source), failure))

    def failure(self, name: str) -> CellFailure | None:
        """How the latest cell that assigns ``name`` failed; None if it succeeded or none did."""
        for run in reversed(self._runs):
            if name in run.names:
                return run.failure
        return None

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


_FIRST_EQUALS = re.compile(r"(?<![=!<>])=(?!=)")


def assigned_names(source: str) -> frozenset[str]:
    """The top-level names a cell assigns (``x = ...``, ``def f``, ``for x in``, imports).

    A cell that does not parse (the ``SyntaxError`` a learner just made) is read line by
    line: a name left of a single ``=`` (outside brackets), or after ``def``, counts.
    """
    try:
        tree = ast.parse(_without_magics(source))
    except (SyntaxError, ValueError):
        return _names_by_lines(source)
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


def _names_by_lines(source: str) -> frozenset[str]:
    names: set[str] = set()
    for line in source.splitlines():
        code = line.split("#", 1)[0]
        defined = re.match(r"\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)", code)
        if defined:
            names.add(defined.group(1))
            continue
        match = _FIRST_EQUALS.search(code)
        if match is None:
            continue
        left = code[: match.start()].rstrip("+-*/%@&|^<> ")
        if left.count("(") > left.count(")") or left.count("[") > left.count("]"):
            continue  # a keyword argument or an index, not an assignment
        names.update(re.findall(r"(?<![\w.\[\"'])([A-Za-z_]\w*)(?![\w\[(.])", left))
    return frozenset(names)


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
        history = CellHistory()
        shell.events.register("pre_run_cell", history.on_pre_run_cell)
        shell.events.register("post_run_cell", history.on_post_run_cell)
        _HISTORIES[shell] = history
    return history
