"""A real user in a real browser: headless Chromium opens JupyterLab and runs a cell."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def open_notebook(page, server, path: str) -> None:
    """Open ``path`` in JupyterLab and wait until its kernel is ready (reused by later tests)."""
    page.goto(f"{server.url}lab/tree/{path}?token={server.token}")
    # The lab restores the tabs an earlier test left open; the notebook asked for is the shown one.
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    page.locator(f"{panel} .jp-Notebook").first.wait_for(state="visible")
    # The kernel status in the toolbar says idle once the kernel has started.
    page.locator(f"{panel} .jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
        state="attached"
    )


def accept_kernel_dialog(page) -> None:
    """If JupyterLab asks which kernel to use (it does when a kernel start was slow), accept the
    proposed one, as a learner would click "Pilih"."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.locator(".jp-Dialog-button.jp-mod-accept").click()
        dialog.first.wait_for(state="detached")


def run_cell(page, index: int):
    """Run code cell ``index`` of the open notebook with Shift+Enter, as a learner does, and
    wait until JupyterLab numbers it (it has run). Returns the cell's locator.

    A key press that lands while the kernel is still connecting is lost in JupyterLab, as it
    would be for a person; like a person, the test presses again after a while."""
    cell = page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell").nth(index)
    for _attempt in range(4):
        accept_kernel_dialog(page)
        cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        try:
            page.wait_for_function(
                """i => {
                    const cells = document.querySelectorAll(
                        '.jp-NotebookPanel .jp-Notebook .jp-CodeCell');
                    const prompt = cells[i] && cells[i].querySelector('.jp-InputArea-prompt');
                    return prompt !== null && /\\[\\d+\\]/.test(prompt.textContent);
                }""",
                arg=index,
                timeout=30_000,
            )
            return cell
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"Sel {index} tidak pernah dijalankan oleh JupyterLab")


def test_open_notebook_and_run_a_cell(lab_server, page, tmp_path):
    """Can a learner open a notebook in JupyterLab, run a cell and see its output?"""
    open_notebook(page, lab_server, "uji/jalankan-sel.ipynb")
    cell = run_cell(page, 0)
    output = cell.locator(".jp-OutputArea-output").first
    output.wait_for(state="visible")
    page.screenshot(path=tmp_path / "lab.png")
    assert "halo dari workbench 42" in output.inner_text()


def test_interface_is_in_indonesian(lab_server, page):
    """Does a new user see JupyterLab in Bahasa Indonesia (file browser headings)?

    The menus, Run menu and status bar are checked in test_languagepack_browser.py.
    """
    page.goto(f"{lab_server.url}lab?token={lab_server.token}")
    header = page.locator(".jp-FileBrowser .jp-DirListing-header")
    header.wait_for(state="visible")
    text = header.inner_text()
    assert "Nama" in text, text
    assert "Name" not in text.split(), text
