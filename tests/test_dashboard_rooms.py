"""Rooms ready at once: how many warm kernels `make dashboards` keeps for which page, what the
facilitator is told it costs, and whether each page's 'ready' selector names what it draws."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT
from workbench.launch import KERNEL_MIB, dashboards_command, kernel_pools, pool_summary

FOLDER = ROOT / "notebooks" / "dashboards"
TEAM = "04-lokakarya-tim.ipynb"
TRIAD = "07-percakapan-bertiga.ipynb"
SOLO = "08-percakapan-sendiri.ipynb"
REACTION = "09-reaksi-peserta.ipynb"


def sizes_of(pools: dict) -> dict[str, int]:
    return {k: v["pool_size"] for k, v in pools.items() if k != "default"}


def test_plain_make_dashboards_keeps_one_kernel_per_page():
    """Without a room size, is every dashboard given one warm kernel (two for the workshop
    facilitator's and the solo page), 13 in all, and no room page multiplied?"""
    pools = sizes_of(kernel_pools(FOLDER))
    assert len(pools) == 11 and sum(pools.values()) == 13
    assert {k for k, n in pools.items() if n > 1} == {"03-lokakarya-fasilitator.ipynb", SOLO}


@pytest.mark.parametrize(
    ("sizes", "page", "count"),
    [
        ({"teams": 5}, TEAM, 6),
        ({"triad_people": 15}, TRIAD, 16),
        ({"respondents": 25}, REACTION, 26),
    ],
)
def test_each_room_size_prepares_its_own_page_only(sizes, page, count):
    """Does TIM prepare the team page, BERTIGA the triad page, RESPONDEN the questionnaire page
    (one per team or person and a spare), leaving every other page as it was?"""
    plain, room = sizes_of(kernel_pools(FOLDER)), sizes_of(kernel_pools(FOLDER, **sizes))
    assert room[page] == count
    assert {k: n for k, n in room.items() if k != page} == {
        k: n for k, n in plain.items() if k != page
    }


def test_an_unknown_room_size_is_refused():
    """Is a misspelt size refused instead of silently preparing nothing?"""
    with pytest.raises(TypeError, match="ukuran ruang"):
        kernel_pools(FOLDER, peserta=10)


def test_the_start_message_counts_kernels_and_memory_and_warns_when_too_many():
    """Does the facilitator read how many warm kernels start, the memory at rest and at the
    busiest moment, and a warning (with what to do) only when that would take more than two
    thirds of the computer's memory?"""
    plain = pool_summary(kernel_pools(FOLDER), memory_mib=8 * 1024)
    assert "13 kernel hangat untuk 11 dasbor" in plain and "PERINGATAN" not in plain
    assert f"sekitar 1,{round(13 * KERNEL_MIB / 1024 * 10) % 10} GB" in plain
    conversation = pool_summary(kernel_pools(FOLDER, triad_people=15), memory_mib=8 * 1024)
    assert "07-percakapan-bertiga 16" in conversation
    assert "sampai 43 kernel" in conversation  # 28 warm + 15 pages held
    assert "PERINGATAN" not in conversation  # a normal session on an 8 GB laptop
    crowd = pool_summary(kernel_pools(FOLDER, respondents=25), memory_mib=8 * 1024)
    assert "PERINGATAN" in crowd and "Kecilkan TIM, BERTIGA atau RESPONDEN" in crowd
    assert "PERINGATAN" not in pool_summary(kernel_pools(FOLDER, respondents=25))


def test_room_sizes_reach_voila_from_make_and_the_environment(monkeypatch):
    """Do `make dashboards TIM=.. BERTIGA=.. RESPONDEN=..` pass the sizes, does the command
    read them from the environment too, and does Voilà get them as its pool configuration?"""
    made = subprocess.run(
        ["make", "-n", "dashboards", "TIM=4", "BERTIGA=9", "RESPONDEN=12"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--teams 4" in made and "--triad-people 9" in made and "--respondents 12" in made
    from workbench.cli import build_parser

    monkeypatch.setenv("BERTIGA", "9")
    args = build_parser().parse_args(["dashboards"])
    assert (args.teams, args.triad_people, args.respondents) == (0, 9, 0)
    cmd = dashboards_command(directory=FOLDER, open_browser=False, triad_people=9)
    [pools] = [c for c in cmd if c.startswith("--VoilaKernelManager.kernel_pools_config=")]
    assert json.loads(pools.partition("=")[2])[TRIAD] == {"pool_size": 10}


def _classes(widget) -> set[str]:
    found, stack = set(), [widget]
    while stack:
        w = stack.pop()
        found |= set(getattr(w, "_dom_classes", ()))
        stack.extend(getattr(w, "children", ()))
    return found


def _page(notebook: Path):
    """Run a dashboard's code here and return what its last line shows (the page)."""
    [cell] = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    *body, last = cell.source.strip().splitlines()
    names: dict = {}
    exec("\n".join(body), names)  # the repository's own dashboard
    return eval(last, names)


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in FOLDER.glob("*.ipynb")
        if json.loads(p.read_text("utf-8"))["metadata"].get("workbench", {}).get("ready")
    ),
)
def test_ready_selector_names_what_the_page_draws(name, tmp_path, monkeypatch):
    """Is every dashboard's 'ready' selector (what the page guard waits for before calling the
    page ready) a class the page really draws, so the guard neither waits forever nor passes
    a page that is still empty? (The room pages all have one.)"""
    from workbench import config

    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    config.get_settings.cache_clear()
    try:
        ready = json.loads((FOLDER / name).read_text("utf-8"))["metadata"]["workbench"]["ready"]
        assert ready.startswith(".") and " " not in ready, ready
        page = _page(FOLDER / name)  # its poll starts only when shown, so nothing runs on
        assert ready[1:] in _classes(getattr(page, "widget", page)), (name, ready)
    finally:
        config.get_settings.cache_clear()


def test_room_pages_say_when_they_are_ready():
    """Do the pages a whole room opens at once (team, triad, solo, questionnaire) name a
    'ready' selector and a warm-kernel rule?"""
    for name in (TEAM, TRIAD, SOLO, REACTION):
        meta = json.loads((FOLDER / name).read_text("utf-8"))["metadata"]["workbench"]
        assert meta["ready"] and meta["warm_kernels"], name
