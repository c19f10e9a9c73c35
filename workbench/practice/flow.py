"""What one notebook cell reads and changes, statement by statement (no code is run).

:func:`cell_flow` reads a cell's source with :mod:`ast` and says, for every top-level name the
cell changes, which names from *outside* the cell its new value depends on. A cell::

    UNSUR = list(skm.SCORE_COLUMNS)
    nrr = ____
    nrr

changes ``UNSUR`` (from ``skm``) and ``nrr`` (from the blank ``____``) and reads ``skm`` and
``____`` from outside. A name assigned earlier in the same cell passes its own dependencies on
(``a = x`` then ``b = a + y``: ``b`` depends on ``x`` and ``y``). Changing a table in place
(``df["kolom"] = ...``, ``df.loc[...] = ...``) counts as changing ``df``, which then depends
on its old value too; ``x += y`` depends on the old ``x``.

This is what :class:`~workbench.practice.cells.CellHistory` records for every run, so that a
check can tell which value was computed from a blank (:mod:`workbench.practice.stale`).
A cell that does not parse is read coarsely: every name it assigns depends on every name in it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

__all__ = ["CellFlow", "cell_flow", "names_by_lines"]

#: Expressions whose loop variables live in their own scope.
_OWN_SCOPES = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_IDENTIFIER = re.compile(r"(?<![\w.])([A-Za-z_]\w*)")


@dataclass(frozen=True)
class CellFlow:
    """The names a cell changes, each with the outside names its value depends on.

    ``assigned`` are the names it binds (``x = ...``, ``def f``, imports), without those it
    only changes in place (``df["k"] = ...``).
    """

    reads: frozenset[str]
    deps: dict[str, frozenset[str]]
    assigned: frozenset[str] = frozenset()

    @property
    def changes(self) -> frozenset[str]:
        """Every top-level name the cell assigns or changes in place."""
        return frozenset(self.deps)


def cell_flow(source: str) -> CellFlow:
    """The :class:`CellFlow` of a cell's ``source`` (IPython magics and ``!`` lines ignored).

    Each statement is walked once. A cell that does not parse assigns what
    :func:`names_by_lines` finds, each depending on every name in the cell.
    """
    try:
        tree = ast.parse(_without_magics(source))
    except (SyntaxError, ValueError):
        reads = frozenset(_IDENTIFIER.findall(source))
        names = names_by_lines(source)
        return CellFlow(reads, dict.fromkeys(names, reads), names)
    local: dict[str, frozenset[str]] = {}
    reads: set[str] = set()
    assigned: set[str] = set()
    for statement in tree.body:
        scan = _Scan(statement)
        assigned |= scan.bound
        depends: set[str] = set()
        for name in scan.loads | scan.mutated:
            if name in local:
                depends |= local[name]
            else:
                depends.add(name)
                reads.add(name)
        for name in scan.bound | scan.mutated:
            local[name] = frozenset(depends)
    return CellFlow(frozenset(reads), local, frozenset(assigned))


class _Scan:
    """One walk over a statement: the names it loads (also inside the functions it defines),
    binds at the top level, and changes in place (``df["k"] = ...``, ``x += 1``)."""

    def __init__(self, statement: ast.stmt) -> None:
        self.loads: set[str] = set()
        self.bound: set[str] = set()
        self.mutated: set[str] = set()
        stack: list[tuple[ast.AST, bool]] = [(statement, True)]
        while stack:
            node, top = stack.pop()
            top = self._visit(node, top)
            stack.extend((child, top) for child in ast.iter_child_nodes(node))

    def _visit(self, node: ast.AST, top: bool) -> bool:
        """Note what ``node`` does; returns whether its children still bind at the top level."""
        if isinstance(node, ast.Name):
            self._name(node, top)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if top:
                self.bound.add(node.name)
            return False  # its body binds the function's own names, not the cell's
        elif isinstance(node, _OWN_SCOPES):
            return False
        elif top:
            self._top_level(node)
        return top

    def _name(self, node: ast.Name, top: bool) -> None:
        if isinstance(node.ctx, ast.Load):
            self.loads.add(node.id)
        elif top and isinstance(node.ctx, ast.Store):
            self.bound.add(node.id)

    def _top_level(self, node: ast.AST) -> None:
        """Imports, in-place changes (``df["k"] = ...``) and ``x += 1`` at the cell's level."""
        if isinstance(node, ast.Import | ast.ImportFrom):
            self.bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Subscript | ast.Attribute) and isinstance(node.ctx, ast.Store):
            base = _base_name(node)
            if base is not None:
                self.mutated.add(base)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            self.mutated.add(node.target.id)


def _base_name(node: ast.AST) -> str | None:
    """``df`` of ``df["k"]``, ``df.loc[0, "k"]`` or ``obj.attr``."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _without_magics(source: str) -> str:
    """The cell with IPython's ``%magic`` and ``!shell`` lines blanked (they are not Python)."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!", "?")) else line for line in source.splitlines()
    )


_FIRST_EQUALS = re.compile(r"(?<![=!<>])=(?!=)")


def names_by_lines(source: str) -> frozenset[str]:
    """The names a cell that does not parse assigns, read line by line: a name left of a
    single ``=`` (outside brackets), or after ``def``/``class``."""
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
