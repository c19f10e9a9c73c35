"""The interface a learner sees in Chromium speaks Indonesian: menus, Run menu, login page, and
the measurement of issue 22 (every menu and submenu, the palette, the dialogs)."""

from __future__ import annotations

import sys

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.test_browser import open_notebook

sys.path.insert(0, str(ROOT / "tools"))
import measure_ui_language as measure

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


# ---- issue 22: every label a learner reaches, measured as tools/measure_ui_language.py does ----


@pytest.fixture(scope="module")
def ui_language(browser):
    """The labels of menus, submenus, palette, dialogs and screens in English and in Bahasa
    Indonesia (two fresh labs as `make lab` starts them), and their comparison."""
    runs = {
        locale: measure.with_lab(browser, locale, measure.collect) for locale in ("en", "id_ID")
    }
    result = measure.compare(runs["en"], runs["id_ID"], measure.kept_terms(), measure.Catalogue())
    measure.report(result, show_english=True)  # shown with -s, and on failure
    return result, runs


def listed(labels) -> list[str]:
    return [f"{label.screen}: {label.text}" for label in labels]


def test_every_menu_and_submenu_label_is_indonesian(ui_language):
    """Is every label of the menu bar, every menu, every submenu (Tata Letak Tersimpan, Rupa,
    Pelipatan Kode, Indentasi...) and the context menus Indonesian, with none left out?"""
    result, runs = ui_language
    menus = [label for label in result.english if label.kind == "menu"]
    assert not menus, listed(menus)
    done, total = result.count("menu")
    assert done == total >= 250, "the walk did not reach the submenus"
    screens = {label.screen.split(" > ")[0] for label in runs["id_ID"] if label.kind == "menu"}
    assert {"file context menu", "cell context menu", "tab context menu"} <= screens
    assert sum(" > " in label.screen for label in runs["id_ID"]) >= 50  # submenus, nested too


def test_palette_dialogs_and_screens_reach_the_goal(ui_language):
    """With the command palette, the dialogs (restart with "Jangan tanya lagi.", close and shut
    down, keyboard shortcuts, notifications) and the screens, are at least 98% Indonesian?"""
    result, _ = ui_language
    assert result.share() >= 0.98, listed(result.english)
    assert result.count("palette")[1] >= 150 and result.count("dialog")[1] >= 100


def test_every_label_shown_is_our_reviewed_translation(ui_language):
    """Is every Indonesian label of menus, palette and dialogs our glossary's translation, so no
    upstream typo ("Tandah Kurung Yang Sama", "Baru Terminal", "Atur kata") can reach a learner?"""
    result, _ = ui_language
    assert not result.not_ours, [(en[0], label.text) for en, label in result.not_ours]


def test_nothing_shown_has_a_typo_or_the_kamu_register(ui_language):
    """Does no label shown contain a word the glossary avoids (known typos, "kamu")?"""
    _, runs = ui_language
    avoid = measure.tomllib.loads(measure.GLOSSARY.read_text(encoding="utf-8"))["hindari"]["kata"]
    bad = [label for label in runs["id_ID"] if any(word in label.text for word in avoid)]
    assert not bad, listed(bad)


def test_issue_examples_are_indonesian(ui_language):
    """The examples issue 22 named: are they Indonesian now, where the learner meets them?"""
    _, runs = ui_language
    shown = {label.text for label in runs["id_ID"]}
    expected = {
        "Tutup dan Matikan Notebook…",
        "Buka Lagi Dokumen yang Ditutup",
        "Buka Tata Letak…",
        "Tampilkan Notebook dengan Voilà",
        "Mode Layar Penuh",
        "Lipat Semua Bagian",
        "Samakan dengan Pengaturan Sistem",
        "Pasang Bahasa Lainnya…",
        "Spasi: 4",
        "Rujukan pandas",
        "Jangan tanya lagi.",
        "Pintasan Papan Ketik",
        "Tidak ada pemberitahuan",
        "Ke sel…",
        "Tutup 00-mulai.ipynb",
        "Terminal Baru",
        "Tandai Kurung yang Berpasangan",
        "Bungkus Kata",
        "ya",  # "Bisa ditulis: ya" in a file's tooltip
    }
    assert expected <= shown, sorted(expected - shown)


def test_kernel_status_without_a_kernel_is_indonesian(lab_server, page):
    """After Kernel › Shut Down Kernel the status bar names no kernel: does it say "Tanpa Kernel"
    (JupyterLab writes "No Kernel" there from a session made without its translator, also for a
    few seconds whenever a notebook opens)?"""
    open_notebook(page, lab_server, "uji/jalankan-sel.ipynb")
    status = page.locator("#jp-main-statusbar")
    expect(status).to_contain_text("Siaga", timeout=60_000)
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text="Kernel").click()
    page.locator(".lm-Menu .lm-Menu-item", has_text="Matikan Kernel").first.click()
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        dialog.locator(".jp-mod-accept").click()
    expect(status).to_contain_text("Tanpa Kernel", timeout=60_000)
    assert "No Kernel" not in status.inner_text()
