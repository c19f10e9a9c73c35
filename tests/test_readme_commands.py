"""Every command the README shows works as typed (after the activation step it states first)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench.cli import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")
ACTIVATE = "source .venv/bin/activate"


def readme_commands() -> list[str]:
    """Commands in the README's code spans and shell blocks, whitespace normalised."""
    spans = [" ".join(m.split()) for m in re.findall(r"(?<!`)`([^`]+)`(?!`)", README)]
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S):
        spans += [line.split("#")[0].strip() for line in block.splitlines()]
    starts = ("workbench ", "nbgrader", "cd grading", "make ", ".venv/", "source ")
    return [s for s in spans if s.startswith(starts)]


def _words(command: str) -> list[str]:
    command = command.removeprefix("cd grading && ")
    command = re.sub(r"^\.venv/(bin|Scripts)/", "", command)
    return shlex.split(command.replace("…", ""))


def test_readme_workbench_commands_exist_and_parse():
    """Is every `workbench …` command in the README a real subcommand whose options parse?"""
    parser = build_parser()
    checked = 0
    expanded = []
    for command in readme_commands():
        # "workbench grade roster|release|…": each alternative is a command of its own.
        match = re.search(r"(\S+\|\S+)", command)
        if match:
            expanded += [command.replace(match.group(1), alt) for alt in match.group(1).split("|")]
        else:
            expanded.append(command)
    for command in expanded:
        words = _words(command)
        if not words or words[0] != "workbench" or len(words) == 1:
            continue
        args = words[1:]
        if "…" in command or not any(a.startswith("-") for a in args):
            # A command named in prose ("workbench simulate …", "workbench grade autograde"):
            # the (sub)command must exist. Commands with options must parse as typed.
            args = [*(a for a in args if a != "…"), "--help"]
        if "--help" in args:
            with pytest.raises(SystemExit) as info:
                parser.parse_args(args)
            assert info.value.code == 0, f"README: perintah '{command}' tidak dikenal"
        else:
            with _no_exit(command):
                parser.parse_args(args)
        checked += 1
    assert checked >= 8, readme_commands()


class _no_exit:
    def __init__(self, command: str):
        self.command = command

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is SystemExit and value.code:
            pytest.fail(f"README: perintah '{self.command}' ditolak argparse ({value})")
        return False


def test_readme_make_targets_exist():
    """Is every `make X` in the README a target of the Makefile?"""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w.-]+):", makefile, flags=re.M))
    used = {_words(c)[1] for c in readme_commands() if _words(c)[:1] == ["make"]}
    assert used and used <= targets, used - targets


def test_readme_states_activation_before_terminal_commands():
    """Does the README say how to activate the environment (Linux/macOS and Windows Git Bash)
    before it first asks the reader to type a `workbench` or `nbgrader` command?"""
    assert ACTIVATE in README and "source .venv/Scripts/activate" in README
    activation = README.index(ACTIVATE)
    for match in re.finditer(r"`((?:workbench|nbgrader|cd grading)[ `][^`]*)`", README):
        if match.start() > activation:
            break
        paragraph = README[README.rfind("\n\n", 0, match.start()) : match.start()]
        # Before the activation step, only commands typed in JupyterLab's terminal (active).
        assert "terminal JupyterLab" in paragraph, match.group(1)


@pytest.mark.skipif(os.name == "nt", reason="the bash activation is checked on POSIX")
def test_activated_terminal_finds_workbench_and_nbgrader():
    """In a fresh terminal (bare PATH), does the README's activation line make `workbench` and
    `nbgrader` resolve to this installation?"""
    venv = ROOT / ".venv"
    if Path(sys.prefix).resolve() != venv.resolve() or shutil.which("bash") is None:
        pytest.skip("bukan lingkungan .venv milik make")
    out = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", f"{ACTIVATE} && command -v workbench nbgrader"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == [str(venv / "bin" / "workbench"), str(venv / "bin" / "nbgrader")]
