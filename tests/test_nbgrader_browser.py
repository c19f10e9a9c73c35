"""nbgrader's screens in Chromium, as a learner and a trainer see them: in Indonesian, and the
Validate button only on assignments (our extension, jupyter/labextensions/@asn-workbench)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from jupyterlab_language_pack_id_ID import CATALOGUE
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.test_browser import open_notebook

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NBGRADER = json.loads(CATALOGUE.with_name("nbgrader.json").read_text(encoding="utf-8"))


def tr(msgid: str) -> str:
    """The catalogue's Indonesian for one of nbgrader's texts (the test needs it to exist)."""
    assert msgid in NBGRADER, f"katalog nbgrader tidak memuat {msgid!r}"
    text = NBGRADER[msgid][0]
    assert text != msgid or msgid in ("Formgrader", "Nbgrader"), msgid
    return text


def open_nbgrader_menu_item(page, server, english: str) -> None:
    page.goto(f"{server.url}lab?token={server.token}")
    page.locator(".jp-DirListing-item").first.wait_for(state="visible")
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text="Nbgrader").click()
    menu = page.locator("#jp-mainmenu-nbgrader")
    menu.wait_for(state="visible")
    labels = [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts()]
    assert tr(english) in labels, labels
    if tr(english) != english:
        assert english not in labels, labels
    menu.locator(".lm-Menu-item", has_text=tr(english)).first.click()


@pytest.fixture(scope="module")
def assignment_in_workspace(workbench_home):
    """A graded assignment notebook (nbgrader cells, solutions included) in the learner's
    workspace, next to the test modules."""
    source = ROOT / "exercises" / "tugas-02-pandas" / "tugas-02-pandas.ipynb"
    target = workbench_home / "var" / "ruang-kerja" / "uji" / "tugas-uji.ipynb"
    shutil.copyfile(source, target)
    return "uji/tugas-uji.ipynb"


def test_assignment_list_speaks_indonesian(lab_server, page):
    """Does the learner's Assignment List (menu item, tab title, sections, empty-state texts)
    read in Indonesian, with none of nbgrader's English left in those places?"""
    open_nbgrader_menu_item(page, lab_server, "Assignment List")
    panel = page.locator(".nbgrader-mainarea-widget").first
    for english in ("Released assignments", "Downloaded assignments", "Submitted assignments"):
        expect(panel).to_contain_text(tr(english))
    text = panel.inner_text()
    for english in ("Released assignments", "Submitted assignments", "There are no"):
        assert english not in text, text
    tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab").all_inner_texts()
    assert tr("Assignments") in [t.strip() for t in tabs], tabs


def test_validate_button_only_on_assignments(lab_server, page, assignment_in_workspace):
    """Is nbgrader's Validate button hidden on a course module (it would check nothing and say
    "Success!") but shown, in Indonesian, on an assignment, where it checks the answers?"""
    open_notebook(page, lab_server, "uji/jalankan-sel.ipynb")
    toolbar = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar")
    expect(toolbar.locator("[title*='Mulai ulang kernel']").first).to_be_attached()
    expect(toolbar.locator(".validate-button")).not_to_be_visible()

    open_notebook(page, lab_server, assignment_in_workspace)
    toolbar = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar")
    button = toolbar.locator(".validate-button")
    expect(button).to_be_visible()
    expect(button).to_have_text(tr("Validate"))
    button.click()
    dialog = page.locator(".jp-Dialog")
    # The solutions are in, so nbgrader's validator reports success, in Indonesian.
    expect(dialog).to_contain_text(
        tr("Success! Your notebook passes all the tests."), timeout=120_000
    )
    assert "Success" not in dialog.inner_text()
    dialog.locator(".jp-Dialog-button").first.click()


def test_formgrader_speaks_indonesian(trainer_lab_server, page):
    """Does the trainer's Formgrader tab (an iframe of nbgrader's own pages) show its navigation
    and its assignment table in Indonesian, while the assignment names stay as they are?"""
    open_nbgrader_menu_item(page, trainer_lab_server, "Formgrader")
    frame = page.frame_locator("#formgrader-iframe iframe")
    body = frame.locator("body")
    # The first request of a server's Formgrader builds its gradebook: seconds on a busy machine.
    expect(body).to_contain_text("tugas-02-pandas", timeout=60_000)
    for english in ("Manage Assignments", "Manual Grading", "Manage Students", "Due Date"):
        expect(body).to_contain_text(tr(english))
    text = body.inner_text()
    for english in ("Manage Assignments", "Manual Grading", "Due Date", "Add new assignment"):
        assert english not in text, english


def test_formgrader_in_its_own_tab_speaks_indonesian(trainer_lab_server, page):
    """Is the Formgrader Indonesian too where a trainer opens it in a browser tab of its own
    (the hub's default, deploy/PANDUAN-TI.md section 9), on its Manual Grading page as well?"""
    server = trainer_lab_server
    page.goto(f"{server.url}formgrader?token={server.token}")
    body = page.locator("body")
    expect(body).to_contain_text("tugas-02-pandas", timeout=60_000)
    expect(body).to_contain_text(tr("Manage Assignments"))
    assert "Due Date" not in body.inner_text()
    # A message with a name inside: generating the student version of one assignment.
    row = page.locator("#main-table tr", has_text="tugas-12-skm")
    row.locator(".assign a").click()
    modal = page.locator(".modal.in").last
    expect(modal).to_contain_text("Versi peserta 'tugas-12-skm' berhasil dibuat:", timeout=120_000)
    assert "Successfully" not in modal.inner_text()
    page.goto(f"{server.url}formgrader/gradebook")
    expect(body).to_contain_text(tr("Manual Grading"))
    assert "Manual Grading" not in body.inner_text()


def test_buttons_built_without_translator_are_indonesian(lab_server, page):
    """Are the toolbar buttons JupyterLab and Voilà create without JupyterLab's translator (the
    debugger switch, Voilà's preview, "More commands" on a narrow window) in Indonesian too?"""
    open_notebook(page, lab_server, "uji/jalankan-sel.ipynb")
    toolbar = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar")
    debugger = toolbar.locator(".jp-DebuggerBugButton")
    # The debugger switch appears once the kernel has started: seconds on a busy machine.
    expect(debugger).to_have_attribute("title", "Aktifkan Pengawakutu", timeout=60_000)
    expect(toolbar.locator(".voilaRender")).to_have_attribute("title", "Tampilkan dengan Voilà")
    page.set_viewport_size({"width": 700, "height": 900})  # the toolbar overflows
    opener = toolbar.locator(".jp-Toolbar-responsive-opener jp-button")
    expect(opener).to_have_attribute("title", "Perintah lainnya")


def test_trainer_grades_a_submission_offline_in_indonesian(trainer_lab_server, page, tmp_path):
    """Does the Formgrader's grading page work without internet (its script needs MathJax,
    which nbgrader asks from a CDN; ours comes from this server) and read in Indonesian?"""
    home, assignment, nip = trainer_lab_server.root, "tugas-03-membersihkan", "198001012005011001"
    env = {**os.environ, "WORKBENCH_HOME": str(home)}
    env.pop("WORKBENCH_CONFIG", None)
    roster = tmp_path / "peserta.csv"
    roster.write_text(f"NIP;Nama\n{nip};Ratna Dewi\n", encoding="utf-8")
    for step in (
        ["roster", "import", str(roster)],
        ["release", assignment, "--to-folder", str(tmp_path / "usb")],
    ):
        cmd = [sys.executable, "-m", "workbench", "grade", *step]
        subprocess.run(cmd, cwd=home, env=env, check=True, capture_output=True)
    submitted = home / "grading" / "submitted" / nip / assignment
    submitted.mkdir(parents=True)
    shutil.copyfile(
        ROOT / "exercises" / assignment / f"{assignment}.ipynb", submitted / f"{assignment}.ipynb"
    )
    cmd = [sys.executable, "-m", "workbench", "grade", "autograde", assignment]
    subprocess.run(cmd, cwd=home, env=env, check=True, capture_output=True)
    status, body = trainer_lab_server.get(
        f"formgrader/api/submitted_notebooks/{assignment}/{assignment}"
    )
    assert status == 200, body
    submission = json.loads(body)[0]["id"]

    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # As in an office without internet: nothing leaves this machine.
    page.route(
        "**/*",
        lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
    )
    server = trainer_lab_server
    page.goto(f"{server.url}formgrader?token={server.token}")  # signed in, as a trainer is
    page.goto(f"{server.url}formgrader/submissions/{submission}")
    expect(page.locator("input.score").first).to_be_visible()
    expect(page.locator("body")).to_contain_text(tr("Student's answer"))
    page.wait_for_function("() => window.MathJax && MathJax.loaded === true", timeout=60_000)
    assert not errors, errors
