"""The floors of the house (ARCHITECTURE.md): who may import whom, read from the source.

ground < data < engines < course < widgets < faces. An engine never imports another engine
except through the narrow APIs named here; no two packages or modules need each other.
Imports anywhere in a file count (also inside functions: a lazy import is still an edge), except
those under ``if TYPE_CHECKING`` and the declared aliases of moved names
(:func:`workbench.compat.moved` tables and ``workbench.practice``'s notebook names).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import workbench

PACKAGE = Path(workbench.__file__).parent

#: ``intervals``: Student's t quantile and the interval of a mean, which the simulation, the role
#: play and the evaluation all use (no engine borrows it from another).
GROUND = {
    "config",
    "errors",
    "storage",
    "formatting",
    "office",
    "yamlfile",
    "compat",
    "menus",
    "intervals",
}
DATA = {"data"}
COURSE = {"course"}
WIDGETS = {"widgets"}
FACES = {
    "cli",
    "launch",
    "workspace",
    "info",
    "_labserver",
    "__main__",
    "formgrader_script",
    "hubclass",  # preparing a class on the shared server (workbench hub)
    "spare_kernel",  # Jupyter Server's kernel manager with one warm kernel
    "identity",  # the learner of a workspace, for the lab start and the learner's nbgrader
    "kernel",  # IPython extension of every kernel: NameError hint, plain displays
    "labstyle",  # server extension: jupyter/custom/custom.css on JupyterLab's page
}
#: Floor numbers; every other package of workbench/ is an engine (new capabilities included).
FLOOR = {
    **dict.fromkeys(GROUND, 0),
    **dict.fromkeys(DATA, 1),
    **dict.fromkeys(COURSE, 3),
    **dict.fromkeys(WIDGETS, 4),
    **dict.fromkeys(FACES, 5),
    "__init__": 5,  # workbench/__init__.py: the version only
}
ENGINE = 2

#: Engine -> engine edges allowed, with the modules they may import (the narrow APIs).
NARROW_APIS: dict[tuple[str, str], set[str]] = {
    # Role play runs the counter simulation: the scenario and its plan, the card a workshop
    # plays, the state at a midday decision and a team's reserve rule.
    ("roleplay", "simulation"): {
        "workbench.simulation",
        "workbench.simulation.card",
        "workbench.simulation.midday",
        "workbench.simulation.model",
        "workbench.simulation.team_rules",
    },
    # The evaluation's results level gives the SKM's own before/after verdict
    # (skm.is_real_change, skm.compare).
    ("evaluasi", "skm"): {"workbench.skm"},
}


def floor(package: str) -> int:
    """A package's floor; a new subpackage of workbench/ is an engine (a new capability)."""
    return FLOOR.get(package, ENGINE)


def test_every_top_level_module_has_a_floor():
    """Is every single-file module of workbench/ placed on a floor here (a new one must be)?"""
    loose = {p.stem for p in PACKAGE.glob("*.py")} - set(FLOOR)
    assert loose == set(), f"beri lantai di FLOOR (tests/test_layers.py): {sorted(loose)}"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes under ``if TYPE_CHECKING`` and inside a module-level ``__getattr__`` (aliases)."""
    skip: set[int] = set()
    for node in tree.body:
        guarded = isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        alias = isinstance(node, ast.FunctionDef) and node.name == "__getattr__"
        if guarded or alias:
            skip.update(id(n) for n in ast.walk(node))
    return skip


def _submodules() -> set[str]:
    return {module_name(p) for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path, modules: set[str], name: str | None = None) -> set[str]:
    """The workbench modules ``path`` (the module ``name``) imports (``from workbench import
    x`` resolved to the module ``workbench.x`` when it is one, else to ``workbench``)."""
    name = name or module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _skipped(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "workbench":
                found |= {
                    f"workbench.{a.name}" if f"workbench.{a.name}" in modules else "workbench"
                    for a in node.names
                }
            elif node.module.startswith("workbench."):
                # `from workbench.simulation import card` imports the module card
                found |= {
                    f"{node.module}.{a.name}"
                    if f"{node.module}.{a.name}" in modules
                    else node.module
                    for a in node.names
                }
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("workbench.")}
    return found - {name}


def graph() -> dict[str, set[str]]:
    modules = _submodules()
    return {module_name(p): imports_of(p, modules) for p in sorted(PACKAGE.rglob("*.py"))}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def package_graph(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for module, targets in edges.items():
        for target in targets:
            a, b = package_of(module), package_of(target)
            if a != b and target != "workbench":
                out.setdefault(a, set()).add(b)
    return out


def floor_violations(edges: dict[str, set[str]]) -> list[str]:
    """Every import that goes up a floor, or from one engine to another outside a narrow API."""
    bad = []
    for module, targets in sorted(edges.items()):
        a = package_of(module)
        for target in sorted(targets):
            b = package_of(target)
            if a == b or target == "workbench":
                continue
            if floor(b) > floor(a):
                bad.append(f"{module} -> {target} (naik lantai)")
            elif floor(a) == floor(b) == ENGINE and target not in NARROW_APIS.get((a, b), ()):
                bad.append(f"{module} -> {target} (mesin ke mesin)")
    return bad


def test_the_parser_sees_imports_at_every_level():
    """Does the scan find module-level and function-level imports (so it can fail at all)?"""
    edges = graph()
    assert "workbench.competency.standards" in edges["workbench.competency.core"]
    assert "workbench.grading" in edges["workbench.course.activities"]  # inside a function


def test_no_module_imports_up_a_floor_or_across_engines():
    """Does every import go down the floors, engines meeting only through narrow APIs?"""
    assert floor_violations(graph()) == []


def test_no_two_packages_need_each_other():
    """Is the package graph free of cycles (practice <-> competency was one)?"""
    assert _cycles(package_graph(graph())) == []


def test_no_two_modules_need_each_other():
    """Is the module graph free of cycles, lazy imports included?"""
    assert _cycles(graph()) == []


def test_the_engines_take_tables_from_the_course_floor():
    """Do competency, practice and skm import no other engine, and is the old hidden importlib
    edge from competency to grading gone?"""
    edges = package_graph(graph())
    for engine in ("competency", "practice", "skm"):
        assert {p for p in edges.get(engine, ()) if floor(p) == ENGINE} == set(), engine
    for path in (PACKAGE / "competency").rglob("*.py"):
        assert "importlib" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from workbench import practice\n", "workbench.competency.x", "mesin ke mesin"),
        ("def f():\n    from workbench.widgets import skm\n", "workbench.skm.x", "naik lantai"),
        ("from workbench.course import overview\n", "workbench.data.x", "naik lantai"),
    ],
)
def test_a_planted_upward_or_sideways_import_is_caught(tmp_path, source, module, expected):
    """Would a new import from an engine to another engine, or up a floor, fail the test?"""
    path = tmp_path / "planted.py"
    path.write_text(source, encoding="utf-8")
    edges = {module: imports_of(path, _submodules(), module)}
    [violation] = floor_violations(edges)
    assert expected in violation


def test_a_planted_cycle_is_caught():
    """Would two modules importing each other fail the cycle test?"""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_moved_names_still_work_with_a_warning_and_point_to_real_names():
    """Do the old names of moved functions (competency.overview, practice.lessons) still
    answer, with an Indonesian DeprecationWarning, from a home that exists?"""
    import importlib

    from workbench import competency, course, skm
    from workbench.practice import lessons

    for module in (competency, skm, lessons):
        for old, target in module.__getattr__.moved.items():
            home, _, name = target.partition(":")
            assert hasattr(importlib.import_module(home), name), target
            with pytest.warns(DeprecationWarning, match="sudah dipindah"):
                assert getattr(module, old) is getattr(importlib.import_module(home), name)
    assert competency.__getattr__.moved["overview"] == "workbench.course:overview"
    assert course.overview is not None


def test_notebooks_still_find_their_names_in_practice_without_a_warning(recwarn):
    """Do `from workbench.practice import ____, show_progress, start` and `course_map` work
    silently, as every learner's own copy of a notebook imports them?"""
    from workbench import course
    from workbench.practice import ____, course_map, exercise_set, show_progress, start

    assert (start, show_progress, course_map, exercise_set) == (
        course.start,
        course.show_progress,
        course.course_map,
        course.exercise_set,
    )
    assert ____ is not None
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)]


def test_public_surfaces_fit_on_a_screen():
    """Do the packages a notebook imports offer a screenful of names (competency had 42, skm
    50), each of them real?"""
    from workbench import competency, course, data, practice, simulation, skm

    for package in (competency, course, data, practice, simulation, skm):
        assert len(package.__all__) <= 30, package.__name__
        assert all(hasattr(package, name) for name in package.__all__), package.__name__
