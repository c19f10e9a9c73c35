"""A learner works in their workspace in a real browser; the course sources stay untouched.

The home is a temporary git repository made from the course (with the project's .gitignore),
so `git status` answers the question a trainer asks after a class: did anything tracked change?
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, make_home, start_server
from tests.test_browser import open_notebook, run_cell
from tests.test_curriculum_browser import code_cell_index

pytestmark = [pytest.mark.slow]

MODULE = "02-data-layanan-dengan-pandas.ipynb"


def git(home: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=uji", "-c", "user.email=uji@contoh", *args],
        cwd=home,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="module")
def course_repo(tmp_path_factory):
    """A git repository holding a copy of the course, everything committed."""
    if shutil.which("git") is None:
        pytest.skip("git tidak terpasang")
    home = make_home(tmp_path_factory.mktemp("repo-kursus"))
    shutil.rmtree(home / "var")  # start as a fresh clone: no workspace yet
    shutil.copy2(ROOT / ".gitignore", home / ".gitignore")
    git(home, "init", "-q")
    git(home, "add", "-A")
    git(home, "commit", "-qm", "kursus")
    return home


@pytest.fixture(scope="module")
def learner_lab(course_repo, tmp_path_factory):
    server = start_server(["lab"], course_repo, tmp_path_factory.mktemp("lab-ws"), "api/status")
    yield server
    server.stop()


@pytest.mark.browser
def test_learner_edits_runs_and_saves_without_touching_the_course(learner_lab, page):
    """Can a learner open a module, answer a question, run it and save, with their answer kept
    in the workspace, while `git status` of the course shows nothing changed?"""
    open_notebook(page, learner_lab, MODULE)
    run_cell(page, code_cell_index(page, "from workbench.data import load"))
    answer = page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell").nth(
        code_cell_index(page, "jumlah_kunjungan = ____")
    )
    answer.locator(".jp-InputArea-editor .cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("jumlah_kunjungan = len(layanan)\njumlah_kunjungan")
    run_cell(page, code_cell_index(page, "jumlah_kunjungan = len(layanan)"))
    cell = run_cell(page, code_cell_index(page, "q1.check()"))
    expect(cell.locator(".workbench-feedback--correct")).to_be_visible()
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current")
    expect(tab).to_have_class(re.compile(r"\bjp-mod-dirty\b"))
    page.keyboard.press("Control+s")

    saved = learner_lab.root / "var" / "ruang-kerja" / MODULE
    # The tab loses its "modified" mark once the server has written the file.
    expect(tab).not_to_have_class(re.compile(r"\bjp-mod-dirty\b"), timeout=30_000)
    text = saved.read_text(encoding="utf-8")
    assert "jumlah_kunjungan = len(layanan)" in text
    check = next(c for c in json.loads(text)["cells"] if "q1.check()" in "".join(c["source"]))
    assert "Benar" in json.dumps(check["outputs"])  # the feedback is saved with the module
    assert "jumlah_kunjungan = ____" in (learner_lab.root / "notebooks" / MODULE).read_text(
        encoding="utf-8"
    )
    assert git(learner_lab.root, "status", "--porcelain") == ""


@pytest.mark.browser
def test_course_map_is_the_first_file_in_the_file_browser(learner_lab, page):
    """Does the learner's file browser list the course map (00-beranda.ipynb) first, before
    module 00 and the other modules, with folders above as JupyterLab always puts them?"""
    page.goto(f"{learner_lab.url}lab?token={learner_lab.token}")
    items = page.locator(".jp-FileBrowser .jp-DirListing-item")
    expect(items.filter(has_text="01-python-secukupnya.ipynb")).to_have_count(1)
    listed = items.evaluate_all(
        "els => els.map(e => [e.getAttribute('data-isdir') === 'true',"
        " e.querySelector('.jp-DirListing-itemText').textContent.trim()])"
    )
    files = [name for is_dir, name in listed if not is_dir]
    assert files[:3] == ["00-beranda.ipynb", "00-mulai.ipynb", "01-python-secukupnya.ipynb"], listed
    assert "index.ipynb" not in files


def test_course_update_reaches_the_used_workspace(learner_lab):
    """After the learner's session, does a course update (a new module, a changed module the
    learner edited) arrive at the next start with both versions of the edited one?"""
    home = learner_lab.root
    from workbench import workspace

    source = home / "notebooks"
    ws = home / "var" / "ruang-kerja"
    # The learner's answer, as the browser test above types it (this test runs without it too:
    # `make test` runs the browser tests apart).
    used = json.loads((ws / MODULE).read_text(encoding="utf-8"))
    for cell in used["cells"]:
        if "jumlah_kunjungan = ____" in "".join(cell["source"]):
            cell["source"] = ["jumlah_kunjungan = len(layanan)\n", "jumlah_kunjungan"]
    (ws / MODULE).write_text(json.dumps(used), encoding="utf-8")
    mine = (ws / MODULE).read_text(encoding="utf-8")
    nb = json.loads((source / MODULE).read_text(encoding="utf-8"))
    nb["cells"].append(
        {"cell_type": "markdown", "id": "bagian-baru", "metadata": {}, "source": ["Bagian baru."]}
    )
    (source / MODULE).write_text(json.dumps(nb), encoding="utf-8")
    shutil.copy2(source / "00-mulai.ipynb", source / "13-modul-baru.ipynb")
    report = workspace.sync(source=source, workspace=ws)
    assert "13-modul-baru.ipynb" in report.added
    assert report.offered == [MODULE.replace(".ipynb", "--versi-baru.ipynb")]
    assert (ws / MODULE).read_text(encoding="utf-8") == mine
    assert "Bagian baru." in (ws / report.offered[0]).read_text(encoding="utf-8")


async def _terminal(server, command: str) -> str:
    """Run ``command`` in a JupyterLab terminal (as typed by a learner) and return its output."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    response = await AsyncHTTPClient().fetch(
        HTTPRequest(f"{server.url}api/terminals?token={server.token}", method="POST", body="{}")
    )
    name = json.loads(response.body)["name"]
    ws_url = server.url.replace("http://", "ws://") + f"terminals/websocket/{name}"
    conn = await websocket_connect(HTTPRequest(f"{ws_url}?token={server.token}"))
    await conn.write_message(json.dumps(["stdin", f"{command}; echo SELESAI-$((40+2))\r"]))
    output = ""
    deadline = asyncio.get_running_loop().time() + 60
    while "SELESAI-42" not in output and asyncio.get_running_loop().time() < deadline:
        message = await asyncio.wait_for(conn.read_message(), timeout=60)
        if message is None:
            break
        kind, *payload = json.loads(message)
        if kind == "stdout":
            output += payload[0]
    conn.close()
    return output


def test_jupyterlab_terminal_has_the_environment_active(learner_lab):
    """In JupyterLab's own terminal, do `workbench` and `nbgrader` resolve to this installation
    as the README types them, without activating anything?"""
    # Playwright's sync API keeps an event loop in this thread: talk to the terminal in another.
    with ThreadPoolExecutor(1) as pool:
        output = pool.submit(
            asyncio.run, _terminal(learner_lab, "command -v workbench nbgrader")
        ).result()
    bindir = Path(sys.executable).parent
    assert f"{bindir}/workbench" in output, output
    assert f"{bindir}/nbgrader" in output, output


@pytest.mark.browser
def test_file_browser_shows_whole_module_names(learner_lab, page):
    """On a 1366×768 laptop screen, does the learner's file browser show every module's full
    name (not "11-kompetensi-...") beside the 'Terakhir Diubah' column, and no dashboards?
    (A longer '…--versi-baru.ipynb' offer may still end in '…'.)"""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{learner_lab.url}lab?token={learner_lab.token}")
    items = page.locator(".jp-DirListing-item .jp-DirListing-itemText")
    items.filter(has_text="12-survei-kepuasan-masyarakat.ipynb").first.wait_for()
    shown = page.evaluate(
        """() => [...document.querySelectorAll('.jp-DirListing-item .jp-DirListing-itemText')]
            .map(t => [t.textContent, t.scrollWidth > t.clientWidth])"""
    )
    names = [name for name, _ in shown]
    modules = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    cut = [name for name, truncated in shown if truncated and name in modules]
    assert "11-kompetensi-dan-pengembangan.ipynb" in names and "dashboards" not in names
    assert cut == [], f"nama modul terpotong: {cut}"
