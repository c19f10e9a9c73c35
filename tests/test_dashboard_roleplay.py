"""The role-play workshop pages: their widgets directly, and five teams in a real browser."""

from __future__ import annotations

import re
import time

import pytest

from workbench.config import load_settings
from workbench.launch import kernel_pools
from workbench.roleplay import Workshop
from workbench.widgets.roleplay import FacilitatorPage, TeamPage, replay_frame_html

FACILITATOR = "03-lokakarya-fasilitator.ipynb"
TEAM = "04-lokakarya-tim.ipynb"
PROJECTOR = "05-lokakarya-proyektor.ipynb"


# ---------------------------------------------------------------- the widget tree


@pytest.fixture
def db(tmp_path):
    return tmp_path / "lokakarya.sqlite"


def make_workshop(path, teams=("Tim A", "Tim B")):
    from pathlib import Path

    card = Path(__file__).resolve().parent.parent / "scenarios" / "selasa-biasa.yaml"
    return Workshop.create(path, "Uji halaman", card=card, teams=list(teams), replications=8)


def test_team_page_shows_cost_and_refuses_over_budget(db):
    """Does ticking hours update the cost, and does a plan over budget disable sending with
    an explanation?"""
    make_workshop(db)
    page = TeamPage(db)
    page.team.value = "Tim A"
    assert "30,0</b> dari 36,0 jam-petugas" in page.cost.value
    # every choice shows a label, none is blank (a None value would leave a select empty)
    for choice in (page.priority_counter, page.reserve_counter, page.cap):
        assert choice.label, choice.description
    assert "Dilayani dalam standar" in page.estimate.value
    for h in ("07", "08", "09", "10", "11", "12", "13", "14", "15"):
        page.cells["Loket 5", h].value = True
        page.cells["Loket 6", h].value = True
    assert "45,0</b> dari 36,0" in page.cost.value and "lebih 9,0 jam" in page.cost.value
    assert page.submit_button.disabled and "melebihi anggaran" in page.estimate.value
    assert not page.submit()  # refused by the library too
    assert "melebihi anggaran" in page.message.value


def test_team_page_submits_and_reloads_the_plan(db):
    """Does a submitted plan reach the leaderboard, and does a fresh page (a browser refresh)
    load the team's last plan back?"""
    ws = make_workshop(db)
    page = TeamPage(db)
    page.team.value = "Tim B"
    page.cells["Loket 5", "09"].value = True
    page.quota.value = 2
    assert page.submit(), page.message.value
    assert "tersimpan" in page.message.value
    board = ws.leaderboard().set_index("tim")
    assert board.loc["Tim B", "status"] == "dikirim"
    again = TeamPage(db)
    again.team.value = "Tim B"
    assert again.cells["Loket 5", "09"].value and not again.cells["Loket 5", "10"].value
    assert again.quota.value == 2
    assert "dimuat dari penyimpanan" in again.message.value


def test_facilitator_page_creates_and_shows_everything(db):
    """Can the facilitator create a workshop from the form, and after a submission see the
    leaderboard, charts, changes, prompts, a replay frame and an Excel download?"""
    page = FacilitatorPage(db)
    page.new_name.value = "Pelatihan"
    page.new_teams.value = "Tim X\nTim Y"
    page.new_date.value = "05/02/2025"
    assert page.create(), page.message.value
    assert "5 Februari 2025" in page.header.value
    ws = Workshop.open(db)
    plan = ws.baseline()
    ws.submit("Tim X", plan)
    page.refresh()
    assert "1 dari 2 tim" in page.header.value
    assert "Tim X" in page.board.value and "belum mengirim" in page.board.value
    assert bytes(page.queue_image.value).startswith(b"\x89PNG")
    assert "Tidak mengubah rencana kartu." in page.changes_table.value
    assert "peringkat teratas" in page.prompts.value
    assert page.replay_team.value == "Tim X"
    page.replay_slider.value = 45  # 07:30 + 90 minutes
    assert "09:00" in page.replay_view.value
    page.prepare_excel()
    assert "download='lokakarya-pelatihan-2025-02-05.xlsx'" in page.excel_link.value
    page.new_name.value = "Pelatihan"
    assert not page.create() and "sudah ada" in page.message.value
    page.round_disruption.value = "lonjakan"
    page.round_decision.value = "10:00"
    assert page.start_round(), page.message.value
    assert "Lonjakan pengunjung" in page.header.value
    assert "Kantor tiap tim pukul 10:00" in page.decision_table.value
    assert "Tim X" in page.decision_table.value and "Tim Y" not in page.decision_table.value


def test_replay_frame_counts_people_waiting():
    """Does a replay frame show who is at which counter and how many wait, at that minute?"""
    import pandas as pd

    replay = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "layanan": ["KTP-el", "KIA", "Legalisir", "KTP-el"],
            "prioritas": ["tidak", "lansia", "tidak", "tidak"],
            "datang": [480.0, 481.0, 482.0, 483.0],
            "mulai": [480.0, 490.0, float("nan"), float("nan")],
            "keluar": [495.0, 500.0, 486.0, 483.0],
            "loket": ["Loket 1", "Loket 2", "", ""],
            "status": ["dilayani", "dilayani", "pergi", "tidak_bergabung"],
        }
    )
    frame = replay_frame_html(replay, ["Loket 1", "Loket 2"], 485)
    assert "08:05" in frame and "KTP-el" in frame and "tidak melayani" in frame
    assert "<span class='rp-menunggu'>2</span>" in frame  # the lansia and the one who leaves
    later = replay_frame_html(replay, ["Loket 1", "Loket 2"], 491)
    assert "<span class='rp-menunggu'>0</span>" in later and "tidak melayani" not in later
    assert "Pergi tanpa dilayani: <b>2" in later  # left the queue, or did not join it


# ---------------------------------------------------------------- the pages in a browser


#: Console errors of the Voilà page itself, not of these dashboards: web fonts it cannot fetch
#: offline, and other JupyterLab extensions (nbgrader) that Voilà loads without their host.
FOREIGN_ERRORS = ("Failed to load resource", "shared module", "Shared module")


def _open(page, server, notebook: str, errors: list[str]) -> None:
    page.on("pageerror", lambda exc: errors.append(f"{notebook}: {exc}"))
    page.on(
        "console",
        lambda msg: (
            errors.append(f"{notebook}: {msg.text}")
            if msg.type == "error" and not any(s in msg.text for s in FOREIGN_ERRORS)
            else None
        ),
    )
    page.goto(f"{server.url}voila/render/{notebook}?token={server.token}")


class Room:
    """Browser pages of one workshop room, each in its own context (its own laptop), with the
    JavaScript errors they raise."""

    def __init__(self, browser, server) -> None:
        self.browser, self.server = browser, server
        self.errors: list[str] = []
        self.contexts: list = []

    def open(self, notebook: str):
        ctx = self.browser.new_context(viewport={"width": 1400, "height": 1000}, locale="id-ID")
        ctx.set_default_timeout(180_000)
        self.contexts.append(ctx)
        page = ctx.new_page()
        _open(page, self.server, notebook, self.errors)
        return page

    def close(self) -> None:
        for ctx in self.contexts:
            ctx.close()


def _choose_teams(pages, teams, workshop: str | None = None) -> None:
    for team, pg in zip(teams, pages, strict=True):
        pg.locator(".rp-halaman .widget-dropdown select").nth(1).wait_for(state="visible")
        if workshop is not None:
            pg.locator(".widget-dropdown select").first.select_option(label=workshop)
        pg.locator(".widget-dropdown select").nth(1).select_option(label=team)
        pg.locator(".rp-biaya-angka").wait_for(state="visible")


def _all_send(pages) -> None:
    """Tim 1 staffs Loket 5 at 09:00; then every team sends at nearly the same moment."""
    pages[0].locator("button[title='Loket 5 pukul 09:00']").click()
    pages[0].locator(".rp-biaya-angka", has_text="31,0").wait_for(state="visible")
    for pg in pages:  # click all before waiting for any
        pg.locator(".rp-kirim").click(no_wait_after=True)
    for pg in pages:
        pg.locator(".rp-terkirim").wait_for(state="visible")


def _replay_plays(facilitator) -> None:
    facilitator.locator(".lm-TabBar-tab", has_text="Tayangan ulang").click()
    # The replay shows the team first offered (whichever submitted first) until the facilitator
    # picks another; which one that is depends on who was quickest.
    title = facilitator.locator(".rp-replay-judul").inner_text()
    assert re.search(r"Tayangan ulang: Tim \d", title), title
    clock = facilitator.locator(".rp-jam")
    clock.scroll_into_view_if_needed()
    before = clock.inner_text()
    facilitator.locator(".widget-play button").first.click()
    facilitator.locator(".widget-play .fa-pause").wait_for(state="visible")  # playing
    deadline = time.monotonic() + 60
    while clock.inner_text() == before:
        assert time.monotonic() < deadline, "tayangan ulang tidak berjalan"
        facilitator.wait_for_timeout(200)


@pytest.mark.slow
@pytest.mark.browser
def test_five_teams_submit_and_the_facilitator_sees_all(dashboards_server, browser, tmp_path):
    """Five team pages in separate browsers submit at nearly the same moment: does the
    facilitator's page show all five, does the replay play, is no code visible, is there no
    JavaScript error? Screenshots of both pages go to the test's folder."""
    teams = [f"Tim {i}" for i in range(1, 6)]
    state = load_settings(home=dashboards_server.root).state_dir
    path = state / "roleplay" / "lokakarya.sqlite"
    Workshop.create(path, f"Lokakarya uji {time.time_ns()}", teams=teams, replications=10)
    room = Room(browser, dashboards_server)
    try:
        facilitator = room.open(FACILITATOR)
        facilitator.locator(".rp-jumlah-kirim").wait_for(state="visible", timeout=180_000)
        assert "0 dari 5 tim" in facilitator.locator(".rp-jumlah-kirim").inner_text()
        pages = [room.open(TEAM) for _ in teams]
        _choose_teams(pages, teams)
        _all_send(pages)
        pages[0].screenshot(path=tmp_path / "dasbor-tim.png")
        facilitator.locator(".rp-jumlah-kirim", has_text="5 dari 5 tim").wait_for(
            state="visible", timeout=60_000
        )
        facilitator.screenshot(path=tmp_path / "dasbor-fasilitator-papan-skor.png")
        board = facilitator.locator(".rp-papan").inner_text()
        assert all(team in board for team in teams) and "belum mengirim" not in board
        facilitator.locator(".lm-TabBar-tab", has_text="Perubahan dan diskusi").click()
        changes = facilitator.locator(".rp-perubahan").inner_text()
        assert "Loket 5 ditambah (09:00-10:00)." in changes, changes
        _replay_plays(facilitator)
        facilitator.screenshot(path=tmp_path / "dasbor-fasilitator-tayangan-ulang.png")
        print(f"Tangkapan layar tiap dasbor ada di {tmp_path}")
        _check_room_page(facilitator, "fasilitator", notes_allowed=True)
        _check_room_page(pages[0], "tim")
        assert not room.errors, room.errors
    finally:
        room.close()


def test_team_page_sets_an_officer_on_call_and_an_overtime_cap(db):
    """Can a team put Loket 5 on call from the page, cap overtime, and get exactly that plan
    stored?"""
    ws = make_workshop(db)
    page = TeamPage(db)
    page.team.value = "Tim A"
    for h in ("08", "09", "10", "11"):
        page.cells["Loket 5", h].value = True
    page.reserve_counter.value = "Loket 5"
    page.reserve_open.value = 6
    page.reserve_close.value = 1
    page.cap.value = 15.0
    assert "30,0</b> dari 36,0" in page.cost.value  # the officer on call is back office
    assert page.submit(), page.message.value
    plan = ws.plan_of("Tim A")
    on_call = [c for c in plan.counters if c.reserve is not None]
    assert [c.name for c in on_call] == ["Loket 5"]
    assert (on_call[0].reserve.open_at, on_call[0].reserve.close_at) == (6, 1)
    assert plan.overtime_cap_minutes == 15


def test_team_page_decides_at_ten(db):
    """In a round that stops at 10:00, does the team page show its office at 10:00 and send a
    change for the rest of the day that the leaderboard then uses?"""
    ws = make_workshop(db)
    page = TeamPage(db)
    page.team.value = "Tim A"
    page.cells["Loket 3", "08"].value = False
    page.cells["Loket 3", "09"].value = False
    assert page.submit(), page.message.value
    ws.start_round(decision_at="10:00")
    page.poll.tick()  # what the page's timer does: it notices the new round
    assert page.decide_button.layout.display == "flex"
    assert page.decide_button.description == "Putuskan pukul 10:00"
    assert "Kantor Anda pukul 10:00" in page.state.value
    page.cells["Loket 5", "10"].value = True
    page.cells["Loket 5", "11"].value = True
    assert page.submit(decision=True), page.message.value
    assert ws.leaderboard().set_index("tim").loc["Tim A", "status"] == "keputusan 10:00"


# ---------------------------------------------------------------- following the workshop file


def test_page_keeps_the_plan_across_a_new_round(db):
    """When the facilitator starts a round with a 10:00 decision, does an open team page show
    the team's carried plan (not the card's) and its office at 10:00, without a reload?"""
    ws = make_workshop(db)
    page = TeamPage(db)
    page.team.value = "Tim A"
    page.cells["Loket 5", "09"].value = True
    assert page.submit(), page.message.value
    ws.start_round(decision_at="10:00")
    page.poll.tick()
    assert page.cells["Loket 5", "09"].value  # not reset to the card
    assert "Ronde 2" in page.header.value and "dimulai" in page.message.value
    assert "Kantor Anda pukul 10:00" in page.state.value


def test_two_laptops_of_one_team_stay_in_step(db):
    """When one laptop of a team sends a plan, does the other laptop show it after its next
    poll, and is a decision from a stale page refused and the page reloaded?"""
    ws = make_workshop(db)
    ws.start_round(decision_at="10:00")
    first, second = TeamPage(db), TeamPage(db)
    first.team.value = second.team.value = "Tim B"
    first.cells["Loket 5", "08"].value = True
    assert first.submit(), first.message.value
    second.cells["Loket 6", "11"].value = True  # stale: it has not polled yet
    assert not second.submit(decision=True)
    assert "belum mengirim rencana pagi" in second.message.value
    assert second.cells["Loket 5", "08"].value  # reloaded from the file
    first.cells["Loket 6", "08"].value = True
    assert first.submit(), first.message.value
    second.cells["Loket 6", "11"].value = True
    assert not second.submit(decision=True)  # its plan for the day changed meanwhile
    assert "berubah sejak halaman ini menampilkannya" in second.message.value
    assert second.cells["Loket 6", "08"].value and not second.cells["Loket 6", "11"].value
    second.cells["Loket 6", "11"].value = True
    assert second.submit(decision=True), second.message.value
    first.poll.tick()
    assert first.cells["Loket 6", "11"].value and "laptop lain" in first.message.value


def test_page_remembers_its_team_in_the_browser(db):
    """Does choosing a team store it for the browser, and does a new page (a reload) that the
    browser tells the remembered team show that team's plan at once?"""
    make_workshop(db)
    page = TeamPage(db)
    page.team.value = "Tim B"
    remembered = page.memory.value
    assert '"tim": "Tim B"' in remembered
    reloaded = TeamPage(db)
    assert reloaded.team.value is None
    reloaded.memory.value = remembered  # what the browser's localStorage sends back
    assert reloaded.team.value == "Tim B" and reloaded.form.layout.display == "flex"


def test_page_shows_a_workshop_created_later(db):
    """Does a team page opened before the workshop exists drop 'Belum ada lokakarya' and show
    the workshop once the facilitator creates it?"""
    page = TeamPage(db)
    assert "Belum ada lokakarya" in page.message.value
    make_workshop(db)
    page.poll.tick()
    assert page.choose.value == "Uji halaman" and "Belum ada" not in page.message.value


def test_a_failed_poll_is_told_in_indonesian_and_cleared(db, monkeypatch):
    """When reading the workshop file fails during a poll, does the page say so in Indonesian
    (no English exception text), keep polling, and clear the message once it works again?"""
    ws = make_workshop(db)
    page = TeamPage(db)
    page.team.value = "Tim A"
    monkeypatch.setattr(type(page.ws), "version", lambda self: 1 / 0)
    page.poll.tick()
    assert "mencoba lagi sendiri" in page.message.value
    assert "ZeroDivisionError" not in page.message.value and "division" not in page.message.value
    monkeypatch.undo()
    ws.submit("Tim B", ws.baseline())
    page.poll.tick()
    assert "rp-galat" not in page.message.value


def test_room_text_is_indonesian_and_notes_stay_with_the_facilitator(db):
    """Are the card's facilitator notes only in the facilitator's own panel (not on team pages
    or the projector), numbers written '86,4%' (never '% %'), the over-budget refusal free of
    developer text, and the leaderboard explained by its method?"""
    ws = make_workshop(db)
    team = TeamPage(db)
    team.team.value = "Tim A"
    for h in ("07", "08", "09", "10", "11", "12", "13", "14", "15"):
        team.cells["Loket 5", h].value = True
        team.cells["Loket 6", h].value = True
    assert not team.submit()
    refusal = team.message.value
    assert "melebihi anggaran" in refusal and "45,0" in refusal
    assert "45.0" not in refusal and "nilai:" not in refusal and "kolom" not in refusal
    team.show_choices(type(team.choices()).from_plan(ws.card, ws.baseline()))
    assert team.submit(), team.message.value
    assert "% %" not in team.message.value and "%" in team.message.value
    facilitator = FacilitatorPage(db)
    projector = FacilitatorPage(db, projector=True)
    note = "Minta tim"
    assert note in facilitator.notes.value
    assert note not in team.story.value and note not in projector.story.value
    assert all(note not in w.value for w in _html_widgets(projector.widget))
    assert "hari simulasi yang sama" in projector.board.value and "% %" not in projector.board.value
    assert not hasattr(projector, "round_button")


def _html_widgets(root):
    import ipywidgets as widgets

    stack = [root]
    while stack:
        w = stack.pop()
        if isinstance(w, widgets.HTML):
            yield w
        stack.extend(getattr(w, "children", ()))


# ---------------------------------------------------------------- a real room


def test_every_team_page_gets_a_warm_kernel():
    """With 'make dashboards TIM=10', does Voilà keep 11 warm kernels for the team page (one per
    team and a spare), 2 for the facilitator, 1 for the projector and other dashboards?"""
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "notebooks" / "dashboards"
    pools = kernel_pools(folder, teams=10)
    assert pools[TEAM] == {"pool_size": 11}
    assert pools[FACILITATOR] == {"pool_size": 2}
    assert pools[PROJECTOR] == {"pool_size": 1} == pools["01-dasbor-skm.ipynb"]
    assert kernel_pools(folder, teams=3)[TEAM] == {"pool_size": 4}
    template = folder.parent.parent / "jupyter" / "dashboards" / "voila" / "templates" / "asn"
    assert "Halaman dimuat ulang otomatis" in (template / "index.html.j2").read_text("utf-8")


@pytest.fixture(scope="module")
def room_server(workbench_home, tmp_path_factory):
    """A real Voilà serving only the workshop pages, prepared for five teams."""
    import shutil

    from tests.conftest import start_server

    folder = tmp_path_factory.mktemp("ruang") / "lokakarya"
    folder.mkdir()
    for name in (FACILITATOR, TEAM, PROJECTOR):
        shutil.copy2(workbench_home / "notebooks" / "dashboards" / name, folder / name)
    import nbformat

    broken = nbformat.v4.new_notebook()  # a page that cannot start
    broken.metadata["workbench"] = {"warm_kernels": 0}
    broken.cells = [nbformat.v4.new_code_cell("raise RuntimeError('uji halaman gagal')")]
    nbformat.write(broken, folder / "99-uji-gagal.ipynb")
    server = start_server(
        ["dashboards", "--dir", str(folder), "--teams", "5"],
        workbench_home,
        tmp_path_factory.mktemp("voila-ruang"),
        "",
    )
    yield server
    server.stop()


def _team_select(page):
    return page.locator(".widget-dropdown select").nth(1)


def _wait(page, selector: str, server, *, has_text: str | None = None, timeout=180_000):
    """Wait for ``selector``; on a timeout say what the page and the server showed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.locator(selector, has_text=has_text).first.wait_for(state="visible", timeout=timeout)
    except PlaywrightTimeout:
        text = page.locator("body").inner_text()[:2000]
        pytest.fail(
            f"{selector} ({has_text}) tidak muncul di {page.url}.\nHalaman:\n{text}\n"
            f"Server:\n{server.log_tail(60)}"
        )


def _check_room_page(page, name: str, *, notes_allowed: bool = False) -> None:
    """What every page in the room must never show."""
    content = page.content()
    assert 'title="null"' not in content, name
    assert "Traceback" not in content and "% %" not in content, name
    assert "team_page(" not in content and "facilitator_page(" not in content, name
    if not notes_allowed:
        assert "Minta tim" not in page.locator("body").inner_text(), name


def _start_round_two(facilitator) -> None:
    """The facilitator starts round 2 with a decision at 10:00 from the page's controls."""
    facilitator.locator(".lm-TabBar-tab", has_text="Ronde dan Excel").click()
    facilitator.locator("input[placeholder='kosong, atau misalnya 10:00']").fill("10:00")
    facilitator.locator("button", has_text="Mulai ronde baru").click()
    facilitator.locator(".rp-pesan", has_text="dimulai").wait_for(state="visible")


def _sees_its_office_at_ten(pg, team: str) -> None:
    pg.locator(".rp-keadaan", has_text="Kantor Anda pukul 10:00").wait_for(
        state="visible", timeout=60_000
    )
    assert "Ronde 2" in pg.locator(".rp-halaman h2").first.inner_text(), team


CELL_0900 = "button[title='Loket 5 pukul 09:00']"


def _reload_and_decide(page) -> None:
    """The browser remembers the team across a reload; the team then decides at 10:00."""
    page.reload()
    _sees_its_office_at_ten(page, "Tim 1 (dimuat ulang)")
    assert "mod-active" in page.locator(CELL_0900).get_attribute("class")
    page.locator("button[title='Loket 5 pukul 11:00']").click()
    page.locator(".rp-putuskan").click()
    page.locator(".rp-terkirim").wait_for(state="visible")


def _facilitator_sees_the_decision(facilitator) -> None:
    facilitator.locator(".lm-TabBar-tab", has_text="Papan skor").click()
    facilitator.locator(".rp-papan", has_text="keputusan 10:00").wait_for(
        state="visible", timeout=60_000
    )
    facilitator.locator(".lm-TabBar-tab", has_text="Perubahan dan diskusi").click()
    facilitator.locator(".rp-perubahan", has_text="Sejak 10:00").wait_for(state="visible")
    changes = facilitator.locator(".rp-perubahan").inner_text()
    assert "Sampai 10:00: Loket 5 ditambah (09:00-10:00)." in changes, changes
    assert "Sejak 10:00: Loket 5 dijaga 09:00-10:00, 11:00-12:00." in changes, changes


@pytest.mark.slow
@pytest.mark.browser
def test_five_teams_and_the_facilitator_play_two_rounds(room_server, browser, tmp_path):
    """Five team pages, the facilitator's and the projector in separate browsers: round 1 is
    sent by all five at once; the facilitator starts round 2 with a 10:00 decision; does every
    team page keep its team's plan and show its office at 10:00, does a reloaded page remember
    its team, does a decision reach the leaderboard and the record of changes, and does no
    page show facilitator notes, developer text or a JavaScript error?"""
    teams = [f"Tim {i}" for i in range(1, 6)]
    state = load_settings(home=room_server.root).state_dir
    name = f"Lokakarya ruang {time.time_ns()}"
    Workshop.create(state / "roleplay" / "lokakarya.sqlite", name, teams=teams, replications=8)
    room = Room(browser, room_server)
    try:
        facilitator, projector = room.open(FACILITATOR), room.open(PROJECTOR)
        pages = [room.open(TEAM) for _ in teams]  # all opened before any is used
        _wait(pages[0], ".rp-halaman .widget-dropdown select", room_server)
        _choose_teams(pages, teams, workshop=name)
        _all_send(pages)
        facilitator.locator(".rp-jumlah-kirim", has_text="5 dari 5 tim").wait_for(
            state="visible", timeout=60_000
        )
        board = facilitator.locator(".rp-papan").inner_text()
        assert all(team in board for team in teams) and "belum mengirim" not in board
        assert "hari simulasi yang sama" in facilitator.locator(".rp-cara-peringkat").inner_text()
        _start_round_two(facilitator)
        for team, pg in zip(teams, pages, strict=True):
            _sees_its_office_at_ten(pg, team)
        assert "mod-active" in pages[0].locator(CELL_0900).get_attribute("class")  # not reset
        _reload_and_decide(pages[0])
        _facilitator_sees_the_decision(facilitator)
        projector.locator(".rp-jumlah-kirim", has_text="5 dari 5 tim").wait_for(state="visible")
        assert "Ronde 2" in projector.locator(".rp-halaman h2").first.inner_text()
        for shot, pg in (("fasilitator", facilitator), ("proyektor", projector), ("tim", pages[0])):
            pg.screenshot(path=tmp_path / f"ruang-{shot}.png", full_page=True)
        _check_room_page(facilitator, "fasilitator", notes_allowed=True)
        _check_room_page(projector, "proyektor")
        for team, pg in zip(teams, pages, strict=True):
            assert "Kantor Anda pukul 10:00" in pg.locator(".rp-keadaan").inner_text(), team
            _check_room_page(pg, team)
        assert not room.errors, room.errors
    finally:
        room.close()


@pytest.mark.slow
@pytest.mark.browser
def test_a_page_that_cannot_start_says_so_and_retries(room_server, browser):
    """When a dashboard's cell fails as it starts, does the page say so in Indonesian and
    announce that it reloads by itself, instead of staying blank?"""
    ctx = browser.new_context(locale="id-ID")
    try:
        page = ctx.new_page()
        page.goto(f"{room_server.url}voila/render/99-uji-gagal.ipynb?token={room_server.token}")
        banner = page.locator("#asn-siaga")
        banner.wait_for(state="visible", timeout=120_000)
        text = banner.inner_text()
        assert "gagal disiapkan" in text and "dimuat ulang otomatis" in text, text
        page.wait_for_function(
            "() => (sessionStorage.getItem('asn-workbench:coba:' + location.pathname) || '0') > '0'"
        )
    finally:
        ctx.close()


def test_no_widget_shows_a_null_tooltip(db):
    """Does every widget of the team, facilitator and projector pages carry a tooltip (its
    description or an empty one), so the browser never shows 'null' on hover?"""
    make_workshop(db)
    team = TeamPage(db)
    team.team.value = "Tim A"
    for page in (team, FacilitatorPage(db), FacilitatorPage(db, projector=True)):
        stack = [page.widget]
        while stack:
            w = stack.pop()
            assert getattr(w, "tooltip", "") is not None, (type(w).__name__, w)
            stack.extend(getattr(w, "children", ()))
