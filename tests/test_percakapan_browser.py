"""The conversation pages in a real Voilà and Chromium: one triad round with three member pages
and the facilitator's page, and a solo conversation played to its end."""

from __future__ import annotations

import time

import pytest

from workbench import percakapan as pc
from workbench.config import load_settings
from workbench.evaluasi import ModuleReactions, WorkshopReactions
from workbench.evaluasi.reaction import session_code

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FACILITATOR = "06-percakapan-fasilitator.ipynb"
MEMBER = "07-percakapan-bertiga.ipynb"
SOLO = "08-percakapan-sendiri.ipynb"

#: Console errors of the Voilà page itself, not of these pages: web fonts it cannot fetch
#: offline, and other JupyterLab extensions (nbgrader) that Voilà loads without their host.
FOREIGN_ERRORS = ("Failed to load resource", "shared module", "Shared module")


def _open(context, server, notebook: str, errors: list[str]):
    page = context.new_page()
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
    return page


def _send_reaction(page, value: int) -> None:
    """Rate every statement of the reaction questionnaire on ``page`` and press Kirim."""
    form = page.locator(".pc-reaksi .evl-reaksi")
    form.wait_for()
    groups = form.locator(".widget-toggle-buttons")
    for i in range(groups.count()):
        groups.nth(i).get_by_role("button", name=str(value), exact=True).click()
    form.get_by_role("button", name="Kirim").click()
    form.get_by_text("jawaban Anda tersimpan").wait_for()


def _new_context(browser, contexts, width=1300):
    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="id-ID")
    context.set_default_timeout(180_000)
    contexts.append(context)
    return context


def test_one_triad_round_with_three_members_and_the_facilitator(
    dashboards_server, browser, tmp_path
):
    """The facilitator starts a round from the projector page; citizen, officer and observer
    open their own pages: does each see only their role's brief, can the observer score the
    rubric and send it, does the facilitator's page show the submission, the spread and the
    prompts, and does the citizen's page then offer the reaction questionnaire and store it
    under the session, without code or a JavaScript error? Screenshots go to the test's
    folder."""
    settings = load_settings(home=dashboards_server.root)
    name = f"Sesi uji {time.time_ns()}"
    session = pc.Session.create(
        None, name, triads="Kelompok 1: Ani, Budi, Citra", settings=settings
    )
    behaviours = pc.load_scenario("wa-tidak-dibalas", settings=settings).behaviours
    errors: list[str] = []
    contexts: list = []
    try:
        facilitator = _open(_new_context(browser, contexts), dashboards_server, FACILITATOR, errors)
        facilitator.locator(".pc-mulai-ronde").wait_for()
        facilitator.locator(".widget-dropdown select").nth(0).select_option(label=name)
        facilitator.locator(".widget-dropdown select").nth(1).select_option(
            label="Pengaduan lewat WhatsApp yang tidak dibalas"
        )
        facilitator.locator(".pc-mulai-ronde").click()
        facilitator.locator(".pc-jumlah-kirim", has_text="0 dari 1 pengamat").wait_for()

        members = {}
        for person in ("Ani", "Budi", "Citra"):
            page = _open(_new_context(browser, contexts, 900), dashboards_server, MEMBER, errors)
            selects = page.locator(".widget-dropdown select")
            selects.nth(0).wait_for()
            selects.nth(0).select_option(label=name)
            selects.nth(1).select_option(label="Kelompok 1")
            selects.nth(2).select_option(label=person)
            page.locator(".pc-peran", has_text="Peran Anda").wait_for()
            members[person] = page
        citizen = members["Ani"].locator(".pc-peran").inner_text()
        officer = members["Budi"].locator(".pc-peran").inner_text()
        observer = members["Citra"].locator(".pc-peran").inner_text()
        assert "Peran Anda: Warga" in citizen and "Jumat ini" in citizen
        assert "Peran Anda: Petugas" in officer and "Jumat ini" not in officer
        assert "Peran Anda: Pengamat" in observer and "Jumat ini" not in observer
        assert (
            members["Budi"].locator(".pc-kirim").count() == 0
            or not members["Budi"].locator(".pc-kirim").is_visible()
        )

        sheet = members["Citra"]
        for key in behaviours:
            sheet.locator(f".pc-skor-{key} button", has_text="3 Tampak").click()
        sheet.locator(f".pc-skor-{behaviours[-1]} button", has_text="1 Belum tampak").click()
        sheet.locator(".pc-kirim").click()
        sheet.locator(".pc-terkirim").wait_for()
        sheet.screenshot(path=tmp_path / "percakapan-pengamat.png", full_page=True)
        members["Ani"].screenshot(path=tmp_path / "percakapan-warga.png", full_page=True)

        facilitator.locator(".pc-jumlah-kirim", has_text="1 dari 1 pengamat").wait_for()
        facilitator.locator(".pc-sebaran", has_text="1: 1").wait_for()
        spread = facilitator.locator(".pc-sebaran").inner_text()
        assert "Menawarkan saluran pengaduan" in spread and "1: 1" in spread
        prompts = facilitator.locator(".pc-diskusi").inner_text()
        assert "Paling lemah di ronde ini: Menawarkan saluran pengaduan" in prompts
        facilitator.screenshot(path=tmp_path / "percakapan-fasilitator.png", full_page=True)
        print(f"Tangkapan layar ada di {tmp_path}")

        stored = session.observations()
        assert set(stored["pengamat"]) == {"Citra"} and set(stored["petugas"]) == {"Budi"}

        # The round is over for Kelompok 1: the citizen's page offers the questionnaire.
        _send_reaction(members["Ani"], 5)
        answers = WorkshopReactions(settings=settings).frame(session_code(name))
        assert len(answers) == 1 and answers["P1"].tolist() == [5]
        for page in [facilitator, *members.values()]:
            content = page.content()
            assert "facilitator_page(" not in content and "triad_page(" not in content
            assert "Traceback" not in content
        assert not errors, errors
    finally:
        for context in contexts:
            context.close()


def test_a_solo_conversation_is_played_to_its_end(dashboards_server, browser, tmp_path):
    """On the solo page, does answering with the buttons move the conversation on, show the
    ending with its rules, store the play under the name typed on the page, and then take the
    reaction questionnaire into that learner's file?"""
    settings = load_settings(home=dashboards_server.root)
    learner = f"Peserta_{time.time_ns()}"
    errors: list[str] = []
    contexts: list = []
    try:
        page = _open(_new_context(browser, contexts), dashboards_server, SOLO, errors)
        page.locator(".pc-pilihan").first.wait_for()
        page.locator(".widget-text input").fill(learner)
        page.locator(".widget-dropdown select").first.select_option(
            label="Uang rokok agar didahulukan"
        )
        page.locator(".pc-sekarang", has_text="uang rokok").wait_for()
        for step in range(4):
            page.locator(".pc-pilihan").first.click()
            page.locator(".pc-obrolan .pc-petugas").nth(step).wait_for()  # the answer is in
        page.locator(".pc-akhir", has_text="Pemberian ditolak").wait_for()
        page.locator(".pc-tercatat").wait_for()
        assert "Dasar aturan dan standar" in page.locator(".pc-akhir").inner_text()
        mine = pc.plays(learner=learner, settings=settings)
        assert list(mine["skenario"]) == ["uang-rokok"] and list(mine["hasil"]) == ["baik"]
        _send_reaction(page, 4)
        page.screenshot(path=tmp_path / "percakapan-sendiri.png", full_page=True)
        assert ModuleReactions(settings=settings).answered(learner, "percakapan-uang-rokok")
        assert not errors, errors
    finally:
        for context in contexts:
            context.close()
