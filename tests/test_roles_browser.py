"""Each role sees its own nbgrader menu in Chromium: the learner's lab has no trainer tools.

The learner's JupyterLab (`make lab`) and the trainer's (`make lab-pelatih`) load their role's
folder, jupyter/peran/peserta or jupyter/peran/pelatih, the same one JupyterHub gives its users.
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TRAINER_ONLY = (
    "nbgrader:open-formgrader",
    "nbgrader:open-formgrader-local",
    "nbgrader:open-create-assignment",
    "nbgrader:open-course-list",
)


def nbgrader_menu(page, server) -> list[str]:
    """The commands of the Nbgrader main menu's items, as JupyterLab renders them."""
    page.goto(f"{server.url}lab?token={server.token}")
    page.locator(".jp-DirListing-item").first.wait_for(state="visible")
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text=re.compile("nbgrader", re.I)).click()
    menu = page.locator(".lm-Menu").first
    menu.wait_for(state="visible")
    commands = menu.locator(".lm-Menu-item").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.command)"
    )
    page.keyboard.press("Escape")
    return commands


def test_learner_lab_has_no_trainer_tools_in_the_nbgrader_menu(lab_server, page):
    """Does the learner's Nbgrader menu offer the Assignment List only: no Formgrader (its server
    part is off there, so it would do nothing), no Create Assignment, no Course List?"""
    commands = nbgrader_menu(page, lab_server)
    assert "nbgrader:open-assignment-list" in commands, commands
    assert not [c for c in commands if c in TRAINER_ONLY], commands


def test_trainer_lab_keeps_the_formgrader(trainer_lab_server, page):
    """Does the trainer's lab still offer the Formgrader and Create Assignment?"""
    commands = nbgrader_menu(page, trainer_lab_server)
    assert "nbgrader:open-formgrader" in commands, commands
    assert "nbgrader:open-create-assignment" in commands, commands
