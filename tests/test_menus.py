"""Menu items named in learner-facing text exist in the Indonesian interface."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT
from workbench import menus

PACK = ROOT / "jupyter" / "languagepack" / "jupyterlab_language_pack_id_ID" / "locale" / "id_ID"


def labels() -> set[str]:
    found: set[str] = set()
    for path in (PACK / "LC_MESSAGES").glob("*.json"):
        for value in json.loads(path.read_text(encoding="utf-8")).values():
            if isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
    return found


@pytest.mark.parametrize("path", menus.MENU_PATHS)
def test_every_part_of_a_menu_path_is_a_label_of_the_language_pack(path):
    """Is each step of a menu path we send learners to a label JupyterLab shows in Indonesian?"""
    known = labels()
    for part in path.split(menus.SEP):
        assert part in known, f"{part!r} ({path}) is not a label of the language pack"


def test_course_text_names_menus_through_the_one_list():
    """Does every 'A › B' menu path written in the course notebooks and exercises appear in
    workbench.menus (so a changed translation is caught here)?"""
    written = set()
    for folder in ("curriculum", "notebooks", "exercises"):
        for nb in (ROOT / folder).rglob("*.ipynb"):
            for path in re.findall(r"\*\*([^*\n]+ › [^*\n]+)\*\*", nb.read_text(encoding="utf-8")):
                written.add(path)
    unknown = {p for p in written if p not in menus.MENU_PATHS}
    assert not unknown, f"menu paths not in workbench.menus: {sorted(unknown)}"
