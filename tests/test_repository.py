"""The repository keeps its promises: one setup, pinned versions, clean notebooks, CI."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pyproject_requirements() -> dict[str, Requirement]:
    project = pyproject()["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return {canonicalize_name(Requirement(r).name): Requirement(r) for r in reqs}


def environment_requirements() -> dict[str, Requirement]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    specs = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            specs += [d for d in dep.get("pip", []) if not d.startswith("-e")]
        elif not re.match(r"^(python|pip)\b", dep):
            specs.append(dep)
    return {canonicalize_name(Requirement(s).name): Requirement(s) for s in specs}


def test_environment_yml_matches_pyproject():
    """Does environment.yml list exactly the packages and ranges of pyproject.toml?"""
    ours = {name: str(r.specifier) for name, r in pyproject_requirements().items()}
    conda = {name: str(r.specifier) for name, r in environment_requirements().items()}
    assert conda == ours


def test_constraints_pin_every_dependency_within_its_range():
    """Does constraints.txt pin each declared dependency to one version inside its range?"""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, ver = line.partition("==")
            assert ver, f"constraints.txt: '{line}' bukan pin tepat (nama==versi)"
            pins[canonicalize_name(name)] = ver
    for name, req in pyproject_requirements().items():
        assert name in pins, f"{name} tidak dipin di constraints.txt"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} di luar rentang {req.specifier} di pyproject.toml"
        )


def tracked_notebooks() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if out.returncode == 0:
        return out.stdout.split()
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.ipynb") if ".venv" not in p.parts]


def test_committed_notebooks_have_no_outputs():
    """Are all committed notebooks free of outputs and execution counts?"""
    dirty = []
    for rel in tracked_notebooks():
        nb = json.loads((ROOT / rel).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count")):
                dirty.append(rel)
                break
    assert not dirty, "Notebook berisi keluaran (bersihkan sebelum commit): " + ", ".join(dirty)


def test_ci_runs_make_test():
    """Does .ci/run call `make test` and pass its exit code through?"""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec make test" in text
    assert "set -euo pipefail" in text


def test_readme_starts_with_the_two_commands():
    """Does the README show `make lab` and `make test` before anything else?"""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text[: text.index("\n## ")]
    assert "make lab" in head and "make test" in head


def test_settings_example_documents_every_setting():
    """Is workbench.toml.contoh generated from the settings schema (no setting undocumented)?"""
    from workbench.config import settings_help

    text = (ROOT / "workbench.toml.contoh").read_text(encoding="utf-8")
    assert settings_help().strip() in text


def test_gitignore_keeps_runtime_state_out():
    """Are the state folder, local settings and nbgrader runtime folders ignored by git?"""
    for path in ("var/gradebook.db", "workbench.toml", "grading/submitted/x.ipynb", ".venv/x"):
        out = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
        assert out.returncode == 0, f"{path} tidak diabaikan git"
    out = subprocess.run(
        ["git", "check-ignore", "-q", "grading/nbgrader_config.py"], cwd=ROOT, check=False
    )
    assert out.returncode == 1


DASHBOARDS = ROOT / "notebooks" / "dashboards"
#: Files another helper owns and changes after this branch: their dashboard references are
#: renumbered there (curriculum/, and the learner copies generated from it).
MODULE_FOLDERS = ("curriculum/", "notebooks/1", "notebooks/0")


def dashboard_names() -> dict[str, str]:
    """Each dashboard's name without its number -> its number (``dasbor-skm`` -> ``01``)."""
    names = {}
    for path in sorted(DASHBOARDS.glob("*.ipynb")):
        number, _, rest = path.stem.partition("-")
        names[rest] = number
    return names


def stale_dashboard_references(files: list[str]) -> list[str]:
    """``file:line: NN-name (sekarang MM-name)`` for every mention of a dashboard under a number
    it does not have."""
    names = dashboard_names()
    pattern = re.compile(r"(?<![\w-])(\d\d)-(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    found = []
    for rel in files:
        path = ROOT / rel
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for m in pattern.finditer(line):
                if m.group(1) != names[m.group(2)]:
                    right = f"{names[m.group(2)]}-{m.group(2)}"
                    found.append(f"{rel}:{number}: {m.group(0)} (sekarang {right})")
    return found


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [f for f in out.stdout.splitlines() if not f.startswith("notebooks/dashboards/")] + [
        str(p.relative_to(ROOT)) for p in DASHBOARDS.glob("*.ipynb")
    ]


def test_dashboards_have_one_numbering():
    """Does every dashboard have its own number, 01, 02, ... without gaps, so Voilà's list reads
    in one order (office dashboards, the counter workshop, conversations, evaluation)?"""
    numbers = [p.stem.split("-", 1)[0] for p in sorted(DASHBOARDS.glob("*.ipynb"))]
    assert numbers == [f"{i:02d}" for i in range(1, len(numbers) + 1)], numbers


def test_every_mention_of_a_dashboard_uses_its_number():
    """Do README, PANDUAN-TI, deploy files, code, tests, benchmarks and the dashboards
    themselves name each dashboard by its current number (outside the module notebooks)?"""
    files = [f for f in tracked_files() if not f.startswith(MODULE_FOLDERS)]
    assert stale_dashboard_references(files) == []


def test_module_notebooks_name_dashboards_by_their_numbers():
    """Do the module notebooks (author and learner copies) name the dashboards by number?"""
    files = [f for f in tracked_files() if f.startswith(MODULE_FOLDERS)]
    assert stale_dashboard_references(files) == []
