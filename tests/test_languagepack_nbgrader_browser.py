"""What our extension (@asn-workbench/antarmuka) changes where learners and the camat meet
nbgrader and Voilà: Kirim after a failed Periksa asks once, submission times read in WIB, and
Voilà's list of dashboards is Indonesian."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import measure_ui_language as measure

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ASSIGNMENT = "tugas-02-pandas"
#: workbench.formatting.timestamp's format, which the extension writes nbgrader's times in.
WIB_TIME = re.compile(r"\b\d\d-\d\d-\d{4} \d\d\.\d\d WIB\b")


@pytest.fixture(scope="module")
def released_lab(tmp_path_factory):
    """A learner's lab (as `make lab` starts it) with one assignment released by the trainer."""
    server = measure.start_lab(tmp_path_factory.mktemp("kirim"), "id_ID")
    env = {**os.environ, "WORKBENCH_HOME": str(server.root)}
    env.pop("WORKBENCH_CONFIG", None)
    cmd = [sys.executable, "-m", "workbench", "grade", "release", ASSIGNMENT]
    done = subprocess.run(cmd, cwd=server.root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    yield server
    server.stop()


def open_assignment_list(page, server):
    page.goto(f"{server.url}lab?reset&token={server.token}")
    page.locator(".jp-DirListing-item").first.wait_for(state="visible")
    measure.run_command(page, "nbgrader:open-assignment-list")
    return page.locator("#assignments")


def submitted_rows(page):
    return page.locator("#submitted_assignments_list .list_item .item_name", has_text=ASSIGNMENT)


def test_submit_after_failed_validation_asks_once(released_lab, page):
    """A learner fetches the assignment, runs Periksa on it unanswered (it fails), then Kirim:
    is she asked, in Indonesian, before it is submitted; does Batal submit nothing; and after
    she confirms, is it submitted without a second question, its time shown in WIB?"""
    assignments = open_assignment_list(page, released_lab)
    released = assignments.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT)
    released.locator("button", has_text="Ambil").click()
    fetched = assignments.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT)
    fetched.first.wait_for(timeout=60_000)
    fetched.locator("a.assignment-notebooks-link").first.click()
    fetched.locator("button", has_text="Periksa").first.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_be_visible(timeout=180_000)  # nbgrader runs the notebook
    expect(dialog).to_contain_text("gagal")  # "Sel berikut gagal:" - the answers are blank
    dialog.locator(".jp-Dialog-button").last.click()
    expect(dialog).to_have_count(0)

    submit = assignments.locator("#fetched_assignments_list button.btn-primary", has_text="Kirim")
    submit.click()
    expect(dialog).to_contain_text("Tetap kirim?")
    expect(dialog).to_contain_text(f"Pemeriksaan terakhir tugas '{ASSIGNMENT}' belum lolos")
    dialog.locator(".jp-Dialog-button", has_text="Batal").click()
    page.wait_for_timeout(2000)  # a submission would have reached the list by now
    expect(submitted_rows(page)).to_have_count(0)

    submit.click()  # still unconfirmed: asked again
    dialog.locator(".jp-Dialog-button", has_text="Tetap Kirim").click()
    expect(submitted_rows(page).first).to_be_visible(timeout=60_000)
    expect(dialog).to_have_count(0)  # once confirmed, no second question

    listed = assignments.locator("#submitted_assignments_list").inner_text()
    assert WIB_TIME.search(listed), listed
    assert "UTC" not in listed and not re.search(r":\d\d\.\d{3,}", listed), listed


def test_submit_after_passing_validation_does_not_ask(released_lab, page):
    """Without a failed Periksa (or after one that passed), does Kirim submit straight away,
    as nbgrader does?"""
    assignments = open_assignment_list(page, released_lab)
    fetched = assignments.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT)
    fetched.first.wait_for(timeout=60_000)
    submitted = assignments.locator("#submitted_assignments_list")
    submitted_rows(page).first.wait_for()  # the first test's submission
    before = len(WIB_TIME.findall(submitted.text_content()))
    page.evaluate("() => window.localStorage.clear()")  # no Periksa remembered on this browser
    assignments.locator("#fetched_assignments_list button.btn-primary", has_text="Kirim").click()
    # nbgrader lists each submission's time under the assignment: one more, and no question
    page.wait_for_function(
        "n => (document.querySelector('#submitted_assignments_list').textContent"
        ".match(/\\d\\d-\\d\\d-\\d{4} \\d\\d\\.\\d\\d WIB/g) || []).length > n",
        arg=before,
        timeout=60_000,
    )
    expect(page.locator(".jp-Dialog")).to_have_count(0)


def test_voila_dashboard_list_is_indonesian(dashboards_server, page):
    """Does `make dashboards` greet the camat with an Indonesian list ("Pilih dasbor...", not
    Voilà's "Select items to open with Voilà."), the dashboards' names untouched?"""
    page.goto(f"{dashboards_server.url}?token={dashboards_server.token}")
    title = page.locator("#filebrowser [data-jp-item-name='title']")
    expect(title).to_have_text("Pilih dasbor yang ingin Anda buka dengan Voilà.")
    expect(page.locator("#filebrowser .jp-DirListing-header")).to_contain_text("Nama")
    names = page.locator("#filebrowser .jp-DirListing-content").inner_text()
    assert "01-dasbor-skm.ipynb" in names and "Select items" not in page.inner_text("body")
