"""A learner in a real browser: open a module in JupyterLab, run a check, read the feedback.

The interface is in Indonesian, so elements are found by JupyterLab's CSS classes and by the
workbench's own feedback classes, never by English labels. The JupyterLab server is shared by
the whole session: the ``fresh_learner`` fixture gives this test an empty progress folder, the
module as shipped and no saved JupyterLab tabs, and puts all three back (and shuts the
module's kernel down) afterwards, whatever other tests ran before or run after.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.test_browser import open_notebook, run_cell

pytestmark = [pytest.mark.slow, pytest.mark.browser]

MODULE = "00-mulai.ipynb"  # in the learner's workspace, where `make lab` opens


def code_cell_index(page, text: str) -> int:
    """Index (among code cells) of the first code cell whose source contains ``text``, polling
    until JupyterLab has rendered it (cells appear some time after the notebook opens)."""
    handle = page.wait_for_function(
        """t => {
            const cells = Array.from(document.querySelectorAll(
                '.jp-NotebookPanel .jp-Notebook .jp-CodeCell'));
            const i = cells.findIndex(c => {
                const editor = c.querySelector('.jp-InputArea-editor');
                return editor !== null && editor.textContent.includes(t);
            });
            return i >= 0 ? i + 1 : false;
        }""",
        arg=text,
        timeout=60_000,
    )
    return handle.json_value() - 1


def _lab_api(server, method: str, path: str):
    request = urllib.request.Request(
        f"{server.url}{path}", method=method, headers={"Authorization": f"token {server.token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def _shut_down_kernels_of(server, path: str) -> None:
    for session in _lab_api(server, "GET", "api/sessions"):
        if session.get("path") == path:
            _lab_api(server, "DELETE", f"api/sessions/{session['id']}")


def _forget_open_tabs(server) -> None:
    """Delete JupyterLab's saved workspaces, so the next page does not reopen our notebook."""
    for name in _lab_api(server, "GET", "lab/api/workspaces")["workspaces"]["ids"]:
        _lab_api(server, "DELETE", f"lab/api/workspaces/{urllib.parse.quote(name, safe='')}")


@pytest.fixture
def fresh_learner(lab_server):
    """The shared server's progress folder empty, the module as shipped and no saved tabs,
    before and after the test.

    Yields the progress folder. Request it before ``page`` so the browser is closed (no more
    autosave, no more workspace saves) before the server's state is put back.
    """
    progress = lab_server.root / "var" / "progres"
    notebook = lab_server.root / "var" / "ruang-kerja" / MODULE
    shipped = notebook.read_bytes()
    shutil.rmtree(progress, ignore_errors=True)
    _forget_open_tabs(lab_server)
    yield progress
    _shut_down_kernels_of(lab_server, MODULE)
    _forget_open_tabs(lab_server)
    shutil.rmtree(progress, ignore_errors=True)
    notebook.write_bytes(shipped)


def test_check_cell_gives_indonesian_feedback(lab_server, fresh_learner, page, tmp_path):
    """Does a learner who runs a check see 'belum dikerjakan', then 'Benar!' after answering,
    with the success saved in their progress file?"""
    open_notebook(page, lab_server, MODULE)
    run_cell(page, code_cell_index(page, 'start("00-mulai"'))

    check = code_cell_index(page, "q1.check()")
    cell = run_cell(page, check)
    feedback = cell.locator(".jp-OutputArea-output .workbench-feedback--not_attempted")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("Belum dikerjakan")
    expect(feedback).to_contain_text("nama_kantor")

    answer = page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell").nth(
        code_cell_index(page, "nama_kantor = ____")
    )
    answer.locator(".jp-InputArea-editor .cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type('nama_kantor = "Kecamatan Asemrowo"')
    run_cell(page, code_cell_index(page, 'nama_kantor = "Kecamatan Asemrowo"'))
    cell = run_cell(page, check)
    correct = cell.locator(".jp-OutputArea-output .workbench-feedback--correct")
    expect(correct).to_be_visible()
    expect(correct).to_contain_text("Benar!")
    page.screenshot(path=tmp_path / "umpan-balik.png")

    files = list(fresh_learner.glob("*.json"))
    assert len(files) == 1, files
    saved = json.loads(files[0].read_text(encoding="utf-8"))
    assert saved["modul"]["00-mulai"]["q1"]["status"] == "benar"
