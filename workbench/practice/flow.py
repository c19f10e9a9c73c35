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

__all__ = ["CellFlow", "cell_flow"]

#: Expressions whose loop variables live in their own scope.
_OWN_SCOPES = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_IDENTIFIER = re.compile(r"(?<![\w.])([A-Za-z_]\w*)")


@dataclass(frozen=True)
class CellFlow:
    """The names a cell changes, each with the outside names its value depends on."""

    reads: frozenset[str]
    deps: dict[str, frozenset[str]]

    @property
    def changes(self) -> frozenset[str]:
        """Every top-level name the cell assigns or changes in place."""
        return frozenset(self.deps)


def cell_flow(source: str, *, fallback_names: frozenset[str] = frozenset()) -> CellFlow:
    """The :class:`CellFlow` of a cell's ``source`` (IPython magics and ``!`` lines ignored).

    ``fallback_names`` are the names a cell that does not parse is taken to assign.
    """
    try:
        tree = ast.parse(_without_magics(source))
    except (SyntaxError, ValueError):
        reads = frozenset(_IDENTIFIER.findall(source))
        return CellFlow(reads, dict.fromkeys(fallback_names, reads))
    local: dict[str, frozenset[str]] = {}
    reads: set[str] = set()
    for statement in tree.body:
        loads = _loads(statement)
        changed = _stores(statement)
        loads |= _self_reads(statement)
        depends: set[str] = set()
        for name in loads:
            if name in local:
                depends |= local[name]
            else:
                depends.add(name)
                reads.add(name)
        for name in changed:
            local[name] = frozenset(depends)
    return CellFlow(frozenset(reads), local)


def _loads(statement: ast.stmt) -> set[str]:
    return {
        node.id
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def _stores(statement: ast.stmt) -> set[str]:
    """Top-level names a statement assigns, defines, imports or changes in place."""
    names: set[str] = set()
    stack: list[ast.AST] = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
            continue
        if isinstance(node, _OWN_SCOPES):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Subscript | ast.Attribute) and isinstance(node.ctx, ast.Store):
            base = _base_name(node)
            if base is not None:
                names.add(base)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return names


def _self_reads(statement: ast.stmt) -> set[str]:
    """Names whose old value a statement builds on: ``x += 1``, ``df["k"] = ...``."""
    names: set[str] = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Subscript | ast.Attribute) and isinstance(node.ctx, ast.Store):
            base = _base_name(node)
            if base is not None:
                names.add(base)
    return names


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
