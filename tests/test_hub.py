"""The shared server: real JupyterHub, real configurable-http-proxy, real system users.

One trainer and three learners, each a real system account whose server runs as that account
(so file permissions are the real ones). Through the hub's REST API and the users' own
servers: the trainer releases an assignment, each learner fetches it, answers and submits, the
trainer collects, autogrades and releases feedback, each learner fetches only their own
feedback; a learner can read neither another learner's work nor the trainer's course. The
trainer prepares the class with `workbench hub prepare-class` from their server's token and the
learners log in with their passwords to ready servers; an account whose server cannot start
gets the Indonesian failure page.

Needs root (to create users), npm (for the proxy) and a Python every user can read; it says
which is missing and skips otherwise. CI runs as root, so it runs there.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT, free_port

pytestmark = [pytest.mark.slow, pytest.mark.hub]

PREFIX = Path("/opt/asn-workbench-uji")
TRAINER = "ujipelatih"
LEARNERS = ["ujipeserta1", "ujipeserta2", "ujipeserta3"]
COURSE_ID = "asn-asemrowo"
ASSIGNMENT = "latihan-uji"
TOKEN = "uji-" + os.urandom(8).hex()
PASSWORD = "Sandi-" + os.urandom(6).hex()
GHOST = "ujihilang"


def _missing() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return (
            "uji JupyterHub butuh root untuk membuat pengguna sistem sungguhan "
            "(CI berjalan sebagai root)"
        )
    for tool in ("useradd", "userdel", "runuser", "npm"):
        if shutil.which(tool) is None:
            return f"uji JupyterHub butuh '{tool}'"
    return None


def _source_notebook() -> nbformat.NotebookNode:
    """A one-question nbgrader assignment: double a number (2 points)."""
    nb = nbformat.v4.new_notebook()
    answer = nbformat.v4.new_code_cell(
        "def dua_kali(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"
    )
    answer.metadata["nbgrader"] = {
        "grade": False,
        "grade_id": "jawaban_dua_kali",
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }
    test = nbformat.v4.new_code_cell(
        '"""Apakah dua_kali menggandakan bilangan?"""\nassert dua_kali(3) == 6\n'
        "### BEGIN HIDDEN TESTS\nassert dua_kali(-4) == -8\n### END HIDDEN TESTS"
    )
    test.metadata["nbgrader"] = {
        "grade": True,
        "grade_id": "uji_dua_kali",
        "locked": True,
        "points": 2,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Latihan uji\nTulis fungsi `dua_kali`."),
        answer,
        test,
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


class Hub:
    """Talks to the hub's REST API and, with each user's own token, to their server."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.tokens: dict[str, str] = {}

    def request(self, method: str, path: str, *, token: str = TOKEN, body=None, form=None):
        data, headers = None, {"Authorization": f"token {token}"}
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                raw = resp.read()
                return resp.status, json.loads(raw) if raw.strip() else None
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace")

    def api(self, method: str, path: str, **kw):
        return self.request(method, "hub/api/" + path, **kw)

    def user(self, name: str, method: str, path: str, **kw):
        return self.request(method, f"user/{name}/{path}", token=self.tokens[name], **kw)

    def start_server(self, name: str) -> None:
        status, out = self.api("POST", f"users/{name}/server")
        assert status in (201, 202) or "already running" in str(out), (status, out)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            _, model = self.api("GET", f"users/{name}")
            server = (model.get("servers") or {}).get("")
            if server and server.get("ready"):
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"server {name} tidak siap dalam 180 detik")
        status, token = self.api("POST", f"users/{name}/tokens", body={"note": "uji"})
        assert status in (200, 201), token
        self.tokens[name] = token["token"]


def _run_as(user: str, *cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *cmd], capture_output=True, text=True)


@pytest.fixture(scope="module")
def hub():
    reason = _missing()
    if reason:
        pytest.skip(reason)
    install = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "setup_hub.py"), "install", "--prefix", str(PREFIX)],
        capture_output=True,
        text=True,
    )
    if install.returncode != 0:
        pytest.fail("setup_hub.py install gagal:\n" + (install.stdout + install.stderr)[-3000:])
    for name in [TRAINER, *LEARNERS]:
        subprocess.run(["userdel", "--remove", name], capture_output=True)
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
    # GHOST can log in, but its server cannot start: its home is a file, so preparing it fails.
    subprocess.run(["userdel", GHOST], capture_output=True)
    ghost_home = PREFIX / "uji-rumah-berupa-berkas"
    ghost_home.write_text("bukan folder\n", encoding="utf-8")
    subprocess.run(
        [
            "useradd",
            "--no-create-home",
            "--home-dir",
            str(ghost_home),
            "--shell",
            "/bin/bash",
            GHOST,
        ],
        check=True,
    )
    # Learners log in with a password through the hub's login page (PAM), as in class.
    passwords = "".join(f"{name}:{PASSWORD}\n" for name in [*LEARNERS, GHOST])
    subprocess.run(["chpasswd"], input=passwords, text=True, check=True)
    # The hub's state (and the exchange in it) must be reachable by every user: not under
    # pytest's private temporary folder.
    state = PREFIX / "state-uji"
    shutil.rmtree(state, ignore_errors=True)
    state.mkdir(parents=True)
    env = dict(os.environ)
    for line in (PREFIX / "hub.env").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    port = free_port()
    env.update(
        {
            "PORT": str(port),
            "WORKBENCH_HUB_STATE": str(state),
            "WORKBENCH_HUB_API_TOKEN": TOKEN,
            "WORKBENCH_HUB_AUTH": "pam",
            "WORKBENCH_HUB_SPAWNER": "system",
            "WORKBENCH_TRAINERS": TRAINER,
            # GHOST may log in, but its server cannot start (see above).
            "WORKBENCH_LEARNERS": " ".join([*LEARNERS, GHOST]),
        }
    )
    log = open(state / "hub.log", "w")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [
            str(PREFIX / "venv" / "bin" / "jupyterhub"),
            "-f",
            str(ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"),
        ],
        cwd=state,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    client = Hub(f"http://127.0.0.1:{port}/")
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail("JupyterHub berhenti:\n" + (state / "hub.log").read_text()[-3000:])
            try:
                status, _ = client.api("GET", "")
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("JupyterHub tidak menjawab:\n" + (state / "hub.log").read_text()[-3000:])
        client.state = state
        client.port = port
        client.pid = proc.pid
        yield client
    finally:
        for name in [TRAINER, *LEARNERS]:
            client.api("DELETE", f"users/{name}/server")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        for name in [TRAINER, *LEARNERS]:
            subprocess.run(["pkill", "-u", name], capture_output=True)
            subprocess.run(["userdel", "--remove", name], capture_output=True)
        subprocess.run(["userdel", GHOST], capture_output=True)
        ghost_home.unlink(missing_ok=True)


def test_assignment_round_trip_between_real_users(hub):
    """Does an assignment go trainer -> learners -> trainer -> learners with real permissions?"""
    for name in [TRAINER, *LEARNERS]:
        hub.start_server(name)
    # Each server on a port of its own, below the system's temporary ports: no two servers
    # started in the same second can pick the same one (jupyterhub_config.server_port).
    ports = {
        name: urllib.parse.urlsplit(_server_env(name)["JUPYTERHUB_SERVICE_URL"]).port
        for name in [TRAINER, *LEARNERS]
    }
    assert len(set(ports.values())) == len(ports) and max(ports.values()) < 32768, ports

    # Each server filled its user's workspace from the course copy as it started.
    for name in LEARNERS:
        workspace = Path(f"~{name}").expanduser() / "ruang-kerja"
        assert (workspace / "00-mulai.ipynb").is_file(), sorted(workspace.iterdir())
        assert (workspace / ".kursus.json").is_file()
        assert workspace.stat().st_uid == Path(f"~{name}").expanduser().stat().st_uid

    # The trainer writes the source assignment in their course and releases it.
    source = Path(f"~{TRAINER}").expanduser() / "kursus" / "source" / ASSIGNMENT
    source.mkdir(parents=True, exist_ok=True)
    nbformat.write(_source_notebook(), source / "soal.ipynb")
    subprocess.run(["chown", "-R", f"{TRAINER}:{TRAINER}", str(source.parent.parent)], check=True)
    for step in ("assign", "release"):
        status, out = hub.user(TRAINER, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/{step}")
        assert status == 200 and out["success"], (step, out)

    # The learners' servers have no formgrader; the trainer's does.
    assert hub.user(LEARNERS[0], "GET", "formgrader/api/assignments")[0] == 404
    assert hub.user(TRAINER, "GET", "formgrader/api/assignments")[0] == 200

    answers = {LEARNERS[0]: "2 * x", LEARNERS[1]: "x + x", LEARNERS[2]: "3 * x"}  # last: wrong
    for name, answer in answers.items():
        status, listing = hub.user(name, "GET", f"assignments?course_id={COURSE_ID}")
        assert status == 200 and listing["success"], listing
        assert [a["assignment_id"] for a in listing["value"]] == [ASSIGNMENT]
        form = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}
        status, out = hub.user(name, "POST", "assignments/fetch", form=form)
        assert status == 200 and out["success"], out
        # The fetched assignment is in the learner's workspace; they answer through their server.
        path = f"ruang-kerja/{ASSIGNMENT}/soal.ipynb"
        status, model = hub.user(name, "GET", f"api/contents/{path}")
        assert status == 200, model
        cells = model["content"]["cells"]
        cells[1]["source"] = f"def dua_kali(x):\n    return {answer}\n"
        status, _ = hub.user(
            name,
            "PUT",
            f"api/contents/{path}",
            body={"type": "notebook", "content": model["content"]},
        )
        assert status == 200
        status, out = hub.user(name, "POST", "assignments/submit", form=form)
        assert status == 200 and out["success"], out

    status, out = hub.user(TRAINER, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/collect")
    assert status == 200 and out["success"], out
    for name in answers:
        path = f"formgrader/api/submission/{ASSIGNMENT}/{name}/autograde"
        status, out = hub.user(TRAINER, "POST", path)
        assert status == 200 and out["success"], out
    status, submissions = hub.user(TRAINER, "GET", f"formgrader/api/submissions/{ASSIGNMENT}")
    scores = {s["student"]: s["score"] for s in submissions}
    assert scores == {LEARNERS[0]: 2.0, LEARNERS[1]: 2.0, LEARNERS[2]: 0.0}

    for step in ("generate_feedback", "release_feedback"):
        status, out = hub.user(TRAINER, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/{step}")
        assert status == 200 and out["success"], (step, out)
    for name, answer in answers.items():
        form = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}
        status, out = hub.user(name, "POST", "assignments/fetch_feedback", form=form)
        assert status == 200 and out["success"], out
        feedback = Path(f"~{name}").expanduser() / "ruang-kerja" / ASSIGNMENT / "feedback"
        pages = list(feedback.rglob("soal.html"))
        assert len(pages) == 1, pages  # their own feedback, and only theirs
        text = html.unescape(re.sub(r"<[^>]+>", "", pages[0].read_text(encoding="utf-8")))
        assert f"return {answer}" in text
        assert all(f"return {other}" not in text for other in answers.values() if other != answer)

    # Permissions: a learner reads neither the trainer's course nor another learner's work.
    learner, other = LEARNERS[0], LEARNERS[1]
    trainer_home = Path(f"~{TRAINER}").expanduser()
    for target in (
        trainer_home / "kursus" / "source" / ASSIGNMENT / "soal.ipynb",
        trainer_home / "kursus" / "gradebook.db",
        Path(f"~{other}").expanduser() / "ruang-kerja" / ASSIGNMENT / "soal.ipynb",
    ):
        assert target.exists(), target
        denied = _run_as(learner, "cat", str(target))
        assert denied.returncode != 0 and "Permission denied" in denied.stderr, target
    inbound = hub.state / "exchange" / COURSE_ID / "inbound"
    listing = _run_as(learner, "ls", str(inbound))
    assert listing.returncode != 0 and "Permission denied" in listing.stderr


# --- A class that starts on time (workbench hub prepare-class) --------------------------------


def _server_env(name: str) -> dict[str, str]:
    """The environment of ``name``'s running server process (what their terminal inherits)."""
    needle = f"JUPYTERHUB_USER={name}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            environ = (entry / "environ").read_bytes().split(b"\0")
            if needle in environ and b"JUPYTERHUB_API_TOKEN" in b"\0".join(environ):
                pairs = (item.decode().partition("=") for item in environ if b"=" in item)
                return {key: value for key, _, value in pairs} | {"WORKBENCH_TEST_PID": entry.name}
    raise AssertionError(f"server {name} tidak ditemukan")


def _stop(hub: Hub, name: str) -> None:
    hub.api("DELETE", f"users/{name}/server")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        _, model = hub.api("GET", f"users/{name}")
        if not (model.get("servers") or {}):
            return
        time.sleep(0.5)
    pytest.fail(f"server {name} tidak berhenti")


class _Browser:
    """A learner's browser: cookies, redirects followed, every URL visited remembered."""

    def __init__(self, base: str) -> None:
        import http.cookiejar

        self.base = base
        self.visited: list[str] = []
        browser = self

        class Remember(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, req, fp, code, msg, headers, newurl):
                browser.visited.append(newurl)
                return super().redirect_request(req, fp, code, msg, headers, newurl)

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), Remember
        )

    def open(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=120) as resp:
                return resp.status, resp.geturl(), resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            return err.code, err.geturl(), err.read().decode("utf-8", "replace")

    def log_in(self, name: str, password: str) -> tuple[int, str, str]:
        _, _, page = self.open("hub/login")
        xsrf = re.search(r'name="_xsrf"[^>]*value="([^"]+)"', page)
        form = {"username": name, "password": password}
        if xsrf:
            form["_xsrf"] = html.unescape(xsrf.group(1))
        return self.open("hub/login?next=", form)


def test_trainer_prepares_a_class_and_learners_log_in_to_ready_servers(hub):
    """Do three learners prepared by the trainer's command land on ready servers at login?"""
    hub.start_server(TRAINER)
    for name in LEARNERS:
        _stop(hub, name)
    # The trainer types the command in their JupyterLab terminal: their server's own token.
    env = _server_env(TRAINER)
    run = subprocess.run(
        [
            shutil.which("runuser"),
            "-u",
            TRAINER,
            "--",
            str(PREFIX / "venv" / "bin" / "workbench"),
            "hub",
            "prepare-class",
            "--accounts",
            *LEARNERS,
            "--start",
            "sekarang",
            "--parallel",
            "1",
        ],
        # What the terminal inherits from the server, and where it opens: the trainer's home
        # (the repository this test runs from may be a folder the trainer cannot enter).
        env={key: value for key, value in env.items() if key != "WORKBENCH_TEST_PID"},
        cwd=Path(f"~{TRAINER}").expanduser(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 dari 3 server siap" in run.stdout, run.stdout
    started = {}
    for name in LEARNERS:
        _, model = hub.api("GET", f"users/{name}")
        server = model["servers"][""]
        assert server["ready"], model
        started[name] = server["started"]
        # Servers (and their kernels) yield the CPU to the hub and its proxy in a rush.
        pid = int(_server_env(name)["WORKBENCH_TEST_PID"])
        assert os.getpriority(os.PRIO_PROCESS, pid) == 10
    assert os.getpriority(os.PRIO_PROCESS, hub.pid) == 0
    # Each learner logs in with their password and lands in their JupyterLab at once: the hub
    # sends them to their running server, never to the "server is starting" page.
    for name in LEARNERS:
        browser = _Browser(hub.url)
        status, url, page = browser.log_in(name, PASSWORD)
        assert status == 200, (status, url, page[:500])
        assert f"/user/{name}/" in url, (url, browser.visited)
        assert not any("spawn" in visited for visited in browser.visited), browser.visited
        assert "JupyterLab" in page or "jupyter-config-data" in page, page[:500]
        _, model = hub.api("GET", f"users/{name}")
        assert model["servers"][""]["started"] == started[name]  # the prepared one, not a new one


def test_trainer_scopes_reach_learners_only(hub):
    """Does the trainer's server token reach only learners, and a learner's token nobody else?"""
    from workbench.errors import WorkbenchError
    from workbench.hubclass import HubClient

    api_url = f"{hub.url}hub/api"
    status, token = hub.api("POST", f"users/{LEARNERS[0]}/tokens", body={"note": "uji"})
    assert status in (200, 201), token
    learner = HubClient(api_url, token["token"])
    with pytest.raises(WorkbenchError, match="tidak punya izin"):
        learner.start(LEARNERS[1])
    hub.start_server(TRAINER)
    trainer = HubClient(api_url, _server_env(TRAINER)["JUPYTERHUB_API_TOKEN"])
    status, me = trainer.request("GET", "user")
    assert status == 200, me
    scopes = set(me["scopes"])
    assert {"servers!group=peserta", "users:activity!group=peserta"} <= scopes, scopes
    others = {s for s in scopes if "!group=" in s}
    assert all(s.endswith("!group=peserta") for s in others), scopes
    assert not {"servers", "admin:users", "admin:servers", "users"} & scopes, scopes


def test_a_server_that_fails_to_start_gets_an_indonesian_page(hub):
    """Does a learner whose server cannot start read in Indonesian what to do?"""
    browser = _Browser(hub.url)
    status, url, first = browser.log_in(GHOST, PASSWORD)  # the login starts the server: it fails
    assert "/hub/" in url, (status, url)
    shown = re.sub(r"<details>.*?</details>|<script.*?</script>", "", first, flags=re.S)
    assert "Server Anda" in shown or "server sedang bermasalah" in shown, shown[-2000:]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status, url, text = browser.open(f"hub/spawn-pending/{GHOST}")
        if "gagal dimulai" in text:
            break
        time.sleep(1)
    visible = re.sub(r"<details>.*?</details>|<script.*?</script>", "", text, flags=re.S)
    assert "Server Anda gagal dimulai" in visible, text[-2000:]
    assert "Coba lagi" in visible and "beri tahu pelatih atau staf TI" in visible
    assert GHOST in visible  # the account name to give the trainer
    assert "Spawn failed" not in visible and "Relaunch" not in visible
    assert f'href="/hub/spawn/{GHOST}"' in visible  # "Coba lagi" starts it again
