"""Real JupyterLab and Voilà servers, started as `make lab` and `make dashboards` start them."""

from __future__ import annotations

import asyncio
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import start_voila

pytestmark = pytest.mark.slow


def _json(server, path):
    status, body = server.get(path)
    assert status == 200, f"{path}: HTTP {status}: {body[:300]!r}"
    return json.loads(body)


def test_lab_api_answers(lab_server):
    """Does JupyterLab answer on its REST API with the token?"""
    assert "version" in _json(lab_server, "api")


def test_lab_refuses_requests_without_token(lab_server):
    """Is token authentication on (a request without the token is refused)?"""
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{lab_server.url}api/contents", timeout=10)
    assert info.value.code in (401, 403)


def test_lab_lists_the_course(lab_server):
    """Does the file browser show the learner's workspace: the course modules and data, copied
    from notebooks/ when the lab started (not the project folder with its sources)?"""
    names = {item["name"] for item in _json(lab_server, "api/contents")["content"]}
    assert {"00-beranda.ipynb", "00-mulai.ipynb", "data"} <= names, names
    assert not names & {"notebooks", "workbench", "tests", "grading"}, names
    from workbench.workspace import content_hash

    workspace = lab_server.root / "var" / "ruang-kerja"
    assert content_hash(workspace / "00-mulai.ipynb") == content_hash(
        lab_server.root / "notebooks" / "00-mulai.ipynb"
    )


def test_lab_opens_at_the_course_map(lab_server):
    """Does the landing page open the course map (00-beranda.ipynb) in the workspace?"""
    import urllib.request

    req = urllib.request.Request(f"{lab_server.url}?token={lab_server.token}")
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.geturl().split("?")[0].endswith("/lab/tree/00-beranda.ipynb")


def test_indonesian_language_pack_is_installed_and_default(lab_server):
    """Is the Indonesian language pack installed and the interface language by default?"""
    langs = _json(lab_server, "lab/api/translations")["data"]
    assert "id_ID" in langs
    bundle = _json(lab_server, "lab/api/translations/id_ID")["data"]
    assert bundle, "bundel terjemahan id_ID kosong"
    setting = _json(lab_server, "lab/api/settings/@jupyterlab/translation-extension:plugin")
    # The effective value: the user's own choice if any (none in a fresh profile), else the
    # default that our override installs into the schema.
    default = setting["schema"]["properties"]["locale"]["default"]
    assert setting["settings"].get("locale", default) == "id_ID"
    assert default == "id_ID"


async def _execute(url: str, token: str, kernel_id: str, code: str) -> str:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    ws_url = url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?token={token}"
    conn = await websocket_connect(HTTPRequest(ws_url))
    msg_id = uuid.uuid4().hex
    await conn.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": "uji",
                    "session": uuid.uuid4().hex,
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                },
            }
        )
    )
    out = []
    while True:
        raw = await asyncio.wait_for(conn.read_message(), timeout=60)
        assert raw is not None, "websocket kernel tertutup"
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "stream":
            out.append(msg["content"]["text"])
        elif kind == "error":
            out.append("ERROR " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    conn.close()
    return "".join(out)


def test_kernel_imports_workbench(lab_server):
    """Does a kernel started by JupyterLab import workbench from this installation?"""
    import urllib.request

    req = urllib.request.Request(
        f"{lab_server.url}api/kernels?token={lab_server.token}",
        method="POST",
        data=json.dumps({"name": "python3"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        kernel = json.loads(resp.read())
    try:
        # Its own thread and event loop: Playwright's sync API may own this thread's loop.
        out = (
            ThreadPoolExecutor(1)
            .submit(
                asyncio.run,
                _execute(
                    lab_server.url,
                    lab_server.token,
                    kernel["id"],
                    "import workbench; print(workbench.__version__, workbench.get_settings().home)",
                ),
            )
            .result(timeout=120)
        )
    finally:
        urllib.request.urlopen(
            urllib.request.Request(
                f"{lab_server.url}api/kernels/{kernel['id']}?token={lab_server.token}",
                method="DELETE",
            ),
            timeout=30,
        )
    assert "ERROR" not in out, out
    version, home = out.split()
    assert version == __import__("workbench").__version__
    assert home == str(lab_server.root)


def test_voila_renders_widget_without_sources(fixture_dashboards_server):
    """Does Voilà render a dashboard with its widget and outputs but without its code?"""
    status, body = fixture_dashboards_server.get("voila/render/dasbor-dengan-widget.ipynb")
    html = body.decode("utf-8")
    assert status == 200, html[:500]
    assert "application/vnd.jupyter.widget-view+json" in html
    assert "HASIL-SEL-42" in html
    assert "RAHASIA-SUMBER" not in html
    assert "widgets.IntSlider(" not in html  # the source line, not the output repr


def test_voila_requires_token(fixture_dashboards_server):
    """Is a visitor without the token sent to the login page instead of the dashboard?"""
    import urllib.request

    url = f"{fixture_dashboards_server.url}voila/render/dasbor-dengan-widget.ipynb"
    with urllib.request.urlopen(url, timeout=30) as resp:
        landed, body = resp.geturl(), resp.read().decode("utf-8")
    assert "/login" in landed
    assert "HASIL-SEL-42" not in body


def test_voila_stops_a_cell_that_runs_too_long(workbench_home, tmp_path):
    """Does a dashboard cell that runs past the cell timeout get stopped instead of hanging?"""
    server = start_voila(
        workbench_home / "uji" / "lambat", workbench_home, tmp_path, cell_timeout=3
    )
    try:
        status, body = server.get("voila/render/sel-terlalu-lama.ipynb", timeout=50)
    finally:
        server.stop()
    html = body.decode("utf-8")
    assert "TIDAK-BOLEH-SAMPAI" not in html
    assert status == 200


def test_formgrader_finds_the_source_course(trainer_lab_server, lab_server):
    """Does nbgrader's formgrader in the trainer's JupyterLab see assignments written in
    exercises/, while the learner's lab (rooted in their workspace) has no formgrader?"""
    import nbformat

    assert lab_server.get("formgrader/api/assignments")[0] == 404
    lab_server = trainer_lab_server
    source = lab_server.root / "exercises" / "uji-tugas"
    source.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("jawaban = 42")]
    nbformat.write(nb, source / "latihan.ipynb")
    names = {a["name"] for a in _json(lab_server, "formgrader/api/assignments")}
    assert "uji-tugas" in names


def test_learner_lab_starts_without_expected_noise(lab_server):
    """Does the learner's lab start, and open a module, without the messages an IT officer
    read as faults (token deprecation, the long list of missing language servers, the
    formgrader's error, "Notebook ... is not trusted")?"""
    _json(lab_server, "api/contents/00-mulai.ipynb")
    log = lab_server.log.read_text(encoding="utf-8", errors="replace")
    for noise in (
        "ServerApp.token config is deprecated",
        "Skipped non-installed server",
        "course directory root is not a subdirectory",
        "00-mulai.ipynb is not trusted",  # (a notebook from elsewhere may rightly be untrusted)
    ):
        assert noise not in log, noise
    assert "is running at" in log


def test_formgrader_pages_carry_our_script_and_local_mathjax(trainer_lab_server, lab_server):
    """Does the trainer's real server add our interface script to the Formgrader's pages (not
    to JupyterLab's), serve that script, and serve MathJax itself for offline grading?"""
    from workbench.formgrader_script import LOCAL_MATHJAX, SCRIPT

    status, page = trainer_lab_server.get("formgrader/manage_assignments")
    assert status == 200 and page.count(b"data-asn-workbench-formgrader") == 1
    status, lab = trainer_lab_server.get("lab")
    assert status == 200 and b"data-asn-workbench-formgrader" not in lab
    status, script = trainer_lab_server.get(SCRIPT)
    assert status == 200 and b"formgraderPage" in script
    status, mathjax = trainer_lab_server.get(LOCAL_MATHJAX)
    assert status == 200 and b"MathJax" in mathjax
    # The learner's lab has no Formgrader, so nothing to add there.
    assert lab_server.get("formgrader")[0] == 404
