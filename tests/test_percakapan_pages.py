"""The conversation pages' widget trees, driven directly (the browser test drives the real
pages in Voilà)."""

from __future__ import annotations

import base64
import re
import shutil

import openpyxl
import pytest

from tests.conftest import ROOT
from workbench import percakapan as pc
from workbench.config import load_settings
from workbench.practice import progress_frame
from workbench.widgets.percakapan import FacilitatorPage, SoloPage, TriadPage, state_html

FOLDER = ROOT / "scenarios" / "percakapan"


@pytest.fixture
def settings(tmp_path):
    shutil.copytree(FOLDER, tmp_path / "scenarios" / "percakapan")
    return load_settings(home=tmp_path)


def click(page: SoloPage, number: int) -> None:
    """What a click on the button of choice ``number`` does."""
    (button,) = [b for b in page.choices.children if b.description.startswith(f"{number}. ")]
    button.click()


def test_the_solo_page_plays_stores_and_counts_the_play(settings):
    """Do the buttons move the conversation, does the ending show with its rules, and is the
    play stored under the page's name and counted in module 13's progress?"""
    page = SoloPage(settings=settings, learner="Ani Lestari")
    page.choose.value = "lansia-klampid"
    assert "Pak Slamet" in page.chat.value and len(page.choices.children) == 3
    assert "Kesabaran warga" in page.state.value
    for number in (1, 1, 1, 1):
        click(page, number)
    assert page.choices.children == ()
    assert "✅ Baik" in page.ending.value and "Dasar aturan dan standar" in page.ending.value
    assert "atas nama Ani_Lestari" in page.message.value
    assert "Progres modul 13 diperbarui (soal ini benar)" in page.message.value
    progress = progress_frame(settings=settings, learner="Ani_Lestari")
    row = progress[progress["modul"] == "13-komunikasi-pelayanan"].iloc[0]
    assert row["soal"] == "q5" and row["status"] == "benar"
    assert pc.plays(learner="Ani_Lestari", settings=settings)["jalur"].tolist() == ["1-1-1-1"]


def test_a_poor_ending_is_counted_as_not_yet_right(settings):
    """Is a play that ends badly stored and counted as a try that is not yet right?"""
    page = SoloPage(settings=settings, learner="budi", scenario="wa-tidak-dibalas")
    assert page.choose.layout.display == "none"  # one scenario only, as in module 13
    for number in (3, 2):
        click(page, number)
    assert "❌ Kurang" in page.ending.value
    assert "coba lagi sampai hasilnya baik" in page.message.value
    progress = progress_frame(settings=settings, learner="budi")
    assert progress.set_index("soal").loc["q1", "status"] == "salah"


def test_a_scenario_without_a_module_question_is_stored_without_progress(settings):
    """Is a play of a scenario module 13 does not ask about stored, without a progress note?"""
    page = SoloPage(settings=settings, learner="citra", scenario="uang-rokok")
    for number in (1, 1, 1, 1):
        click(page, number)
    assert "Tercatat sebagai latihan" in page.message.value and "Progres" not in page.message.value
    assert progress_frame(settings=settings, learner="citra").empty


def test_earlier_plays_replay_on_the_page(settings):
    """Does a fresh page list the learner's earlier plays, newest first, and replay one?"""
    first = SoloPage(settings=settings, learner="dedi", scenario="warga-tuli")
    for number in (1, 1, 1, 1):
        click(first, number)
    again = SoloPage(settings=settings, learner="dedi")
    assert len(again.history.options) == 1 and not again.replay_button.disabled
    again.replay_button.click()
    assert "Mbak Ratna" in again.replay_view.value and "pc-akhir" in again.replay_view.value
    other = SoloPage(settings=settings, learner="orang lain")
    assert other.replay_button.disabled


def test_restart_begins_the_scenario_again(settings):
    """Does 'Mulai dari awal' put the conversation back at its first moment?"""
    page = SoloPage(settings=settings, learner="eka", scenario="berkas-kurang")
    click(page, 1)
    page.restart.click()
    assert page.conversation.turns == [] and page.ending.value == ""


def test_the_state_panel_shows_ranges_facts_and_promises(settings):
    """Does the state panel draw numbers with a range as bars, facts as ya/tidak, and the
    promises made?"""
    conversation = pc.Conversation.start("wa-tidak-dibalas", settings=settings)
    for number in (1, 1, 1, 2):
        conversation.choose(number)
    text = state_html(conversation)
    assert "pc-batang" in text and "✓ ya" in text and "✗ tidak" in text
    assert "Kartu Keluarga yang sudah dibetulkan jadi hari ini juga." in text


def test_facilitator_and_member_pages_run_a_round(settings, tmp_path):
    """Can the facilitator create a session from the form (refusing a bad one with its
    problems), start a round; does the member page show only the observer a form and refuse an
    incomplete sheet; and does the facilitator's page follow, with an Excel download?"""
    facilitator = FacilitatorPage(settings=settings)
    facilitator.new_name.value = "Sesi pagi"
    facilitator.new_groups.value = "Kelompok 1: Ani, Budi"
    assert not facilitator.create() and "beranggota 2 orang" in facilitator.message.value
    facilitator.new_groups.value = "Kelompok 1: Ani, Budi, Citra\nKelompok 2: Dedi, Eka, Fajar"
    assert facilitator.create()
    assert facilitator.choose.value == "Sesi pagi"
    assert "Mulai ronde" in facilitator.header.value
    facilitator.scenario.value = "keluhan-viral"
    assert facilitator.start_round()
    assert "0 dari 2 pengamat" in facilitator.header.value

    member = TriadPage(settings=settings)
    member.choose.value = "Sesi pagi"
    member.group.value = "Kelompok 1"
    member.person.value = "Budi"
    assert "Peran Anda: Petugas" in member.brief.value
    assert member.form.layout.display == "none"
    member.person.value = "Citra"
    assert "Peran Anda: Pengamat" in member.brief.value and member.form.layout.display == "flex"
    assert list(member.scores) == list(
        pc.load_scenario("keluhan-viral", settings=settings).behaviours
    )
    member.scores["empati"].value = 2
    assert not member.submit() and "belum diberi skor" in member.message.value
    for choice in member.scores.values():
        choice.value = 4
    member.send.click()
    assert "pc-terkirim" in member.message.value

    facilitator.refresh()
    assert "1 dari 2 pengamat" in facilitator.header.value
    assert "✓" in facilitator.status.value and "⏳ belum" in facilitator.status.value
    assert "4: 1" in facilitator.spread.value and "pc-diskusi" in facilitator.prompts.value
    facilitator.prepare_excel()
    data = re.search(r"base64,([A-Za-z0-9+/=]+)'", facilitator.excel.value).group(1)
    target = tmp_path / "sesi.xlsx"
    target.write_bytes(base64.b64decode(data))
    assert openpyxl.load_workbook(target).sheetnames == [
        "ronde 1 status",
        "ronde 1 sebaran",
        "skor pengamat",
    ]


def test_a_member_page_follows_the_next_round(settings):
    """When the facilitator starts the next round, does the member's page (on its next poll)
    show the rotated role without a reload?"""
    session = pc.Session.create(
        None, "Sesi siang", triads={"K": ["Ani", "Budi", "Citra"]}, settings=settings
    )
    session.start_round("uang-rokok")
    member = TriadPage(settings=settings)
    assert member.choose.value == "Sesi siang"  # the newest session opens by itself
    assert member.person.value == "" and "Pilih kelompok dan nama Anda" in member.brief.value
    member.group.value = "K"
    member.person.value = "Citra"
    assert "Peran Anda: Pengamat" in member.brief.value
    session.start_round("bahasa-madura")
    member.refresh()  # what the page's poll does every few seconds
    assert "Ronde 2" in member.header.value and "Peran Anda: Petugas" in member.brief.value
    assert member.form.layout.display == "none"


def test_pages_without_a_session_say_what_to_do(settings):
    """With no session yet, do the pages say so instead of failing?"""
    assert "Belum ada sesi" in TriadPage(settings=settings).header.value
    facilitator = FacilitatorPage(settings=settings)
    assert "Buat sesi baru" in facilitator.header.value
    assert not facilitator.start_round() and "pilih sesi" in facilitator.message.value


def test_pages_opened_before_the_session_find_it_on_their_next_poll(settings):
    """Voilà prepares pages ahead of time: do a facilitator's and a member's page opened
    before today's session existed pick it up on their next poll, and does a member page that
    has not picked a name yet follow a newer session while one with a name stays?"""
    pc.Session.create(None, "Kemarin", triads={"K": ["Ani", "Budi", "Citra"]}, settings=settings)
    facilitator = FacilitatorPage(settings=settings)
    idle, busy = TriadPage(settings=settings), TriadPage(settings=settings)
    busy.group.value = "K"
    busy.person.value = "Ani"
    today = pc.Session.create(
        None, "Hari ini", triads={"K": ["Ani", "Budi", "Citra"]}, settings=settings
    )
    today.start_round("uang-rokok")
    for page in (facilitator, idle, busy):
        page.refresh()  # what each page's poll does every few seconds
    assert facilitator.choose.value == "Hari ini" and "Ronde 1" in facilitator.header.value
    assert idle.choose.value == "Hari ini" and idle.group.value == ""
    assert busy.choose.value == "Kemarin" and busy.person.value == "Ani"
    assert list(busy.choose.options) == ["Hari ini", "Kemarin"]
    facilitator.choose.value = "Kemarin"  # the facilitator picks one: no more following
    pc.Session.create(None, "Besok", triads={"K": ["Ani", "Budi", "Citra"]}, settings=settings)
    facilitator.refresh()
    assert facilitator.choose.value == "Kemarin" and "Besok" in facilitator.choose.options
