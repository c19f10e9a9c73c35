"""The simulation package's shape: modules import each other without circles."""

from __future__ import annotations

import ast
from pathlib import Path

import workbench.simulation as simulation

PACKAGE = Path(simulation.__file__).parent


def _runtime_imports(path: Path) -> set[str]:
    """Sibling modules ``path`` imports when it runs (imports only for type checkers excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    out = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "workbench.simulation":
                out.update(a.name for a in node.names)
            elif node.module.startswith("workbench.simulation."):
                out.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("workbench.simulation."):
                    out.add(a.name.split(".")[2])
    return {m for m in out if (PACKAGE / f"{m}.py").is_file()}


def test_simulation_modules_import_each_other_without_circles():
    """Can every simulation module be read bottom-up, with no two modules needing each other?"""
    graph = {
        p.stem: _runtime_imports(p) - {p.stem} for p in PACKAGE.glob("*.py") if p.stem != "__init__"
    }
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert graph["scenario"], "the parser found no imports at all"
    assert cycles == []


def test_the_public_names_stay_where_notebooks_find_them():
    """Do the names notebooks and the role-play engine import still exist?"""
    assert simulation.__all__ == [
        "Appointments",
        "Arrivals",
        "Balking",
        "Counter",
        "Disruption",
        "Duration",
        "Period",
        "Scenario",
        "Service",
        "SimulationResult",
        "simulate",
        "theory",
    ]
    from workbench.simulation.scenario import PRIORITY_GROUPS, WEEKDAYS, format_clock

    assert PRIORITY_GROUPS == ("lansia", "disabilitas", "ibu hamil")
    assert WEEKDAYS[0] == "senin"
    assert format_clock(8 * 60 + 15) == "08:15"
