"""The interface a learner sees in Chromium speaks Indonesian: menus, Run menu, login page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_browser import open_notebook

pytestmark = [pytest.mark.slow, pytest.mark.browser]

MENU_TITLES = [
    "Berkas",
    "Sunting",
    "Tampilan",
    "Jalankan",
    "Kernel",
    "Tab",
    "Pengaturan",
    "Bantuan",
]
TYPOS = ("Menjalakan", "Dimulai lagi", "Dimuali", "Aftikan", " and ")
ENGLISH_RUN_MENU = ("Run All Cells", "Run Selected Cell", "Restart Kernel", "Render All")


def test_main_menu_and_run_menu_are_indonesian(lab_server, page):
    """Are the main menu titles Indonesian, and is the Run menu free of English and of the
    upstream pack's typos ('Menjalakan Semua Sel', 'Dimulai lagi kernel and…')?"""
    open_notebook(page, lab_server, "uji/jalankan-sel.ipynb")
    titles = [t.strip() for t in page.locator("#jp-menu-panel .lm-MenuBar-item").all_inner_texts()]
    assert [t for t in titles if t != "Nbgrader"] == MENU_TITLES
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text="Jalankan").click()
    menu = page.locator(".lm-Menu").first
    menu.wait_for(state="visible")
    labels = [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts() if t.strip()]
    assert "Jalankan Semua Sel" in labels, labels
    assert not [label for label in labels if any(t in label for t in TYPOS)], labels
    assert not [label for label in labels if label.startswith(ENGLISH_RUN_MENU)], labels
    page.keyboard.press("Escape")


def menu_labels(page, title: str) -> list[str]:
    """The item labels of the main menu called ``title`` (submenu titles included)."""
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text=title).click()
    menu = page.locator(".lm-Menu").first
    menu.wait_for(state="visible")
    labels = [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts() if t.strip()]
    page.keyboard.press("Escape")
    menu.wait_for(state="detached")
    return labels


def test_labels_from_other_domains_and_contexts_are_indonesian(lab_server, page):
    """Are the labels that came from elsewhere than JupyterLab's plain catalogue Indonesian:
    'Rename%1…' (its real msgid), the Jupyter Notebook extension's own domain ("notebook"),
    ipywidgets' ("jupyterlab_widgets"), a menu title asked with the "menu" context (Terminal
    Theme) and the launcher's 'Create a new %1 File'?"""
    open_notebook(page, lab_server, "uji/jalankan-sel.ipynb")
    berkas = menu_labels(page, "Berkas")
    assert "Ganti Nama Notebook…" in berkas, berkas
    assert not [label for label in berkas if label.startswith("Rename")], berkas
    tampilan = menu_labels(page, "Tampilan")
    assert "Buka di Jupyter Notebook" in tampilan, tampilan
    assert "Buka Penjelajah Berkas Jupyter Notebook" in tampilan, tampilan
    pengaturan = menu_labels(page, "Pengaturan")
    assert {"Tema Terminal", "Simpan Keadaan Widget Otomatis"} <= set(pengaturan), pengaturan
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text="Berkas").click()
    page.locator(".lm-Menu .lm-Menu-item", has_text="Peluncur Baru").first.click()
    page.locator(".jp-Launcher").last.wait_for(state="visible")
    titles = page.locator(".jp-Launcher .jp-LauncherCard").evaluate_all(
        "els => els.map(e => e.getAttribute('title') || '')"
    )
    assert "Buat berkas Python baru" in titles, titles
    assert not [t for t in titles if t.startswith("Create a new")], titles


def test_status_bar_and_file_browser_are_indonesian(lab_server, page):
    """Does the status bar say 'Siaga' (not 'Idle') and the file browser 'Diubah'?"""
    open_notebook(page, lab_server, "uji/jalankan-sel.ipynb")
    status = page.locator("#jp-main-statusbar")
    expect(status).to_contain_text("Siaga")  # the kernel's state, once it has started
    assert "Idle" not in status.inner_text()
    header = page.locator(".jp-FileBrowser .jp-DirListing-header").inner_text()
    assert "Diubah" in header and "Modified" not in header


def test_login_page_is_indonesian(lab_server, page):
    """Does someone arriving without the token see an Indonesian login page?"""
    page.goto(f"{lab_server.url}login")
    body = page.locator("body").inner_text()
    assert "Kata sandi atau token" in body and "Masuk" in body
    assert "Password or token" not in body
