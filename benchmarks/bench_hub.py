"""How many learners one shared JupyterHub server holds (run: python benchmarks/bench_hub.py).

A measured load run, not a test. It starts a real JupyterHub with the project's configuration
(``deploy/jupyterhub/jupyterhub_config.py``), installed the way ``make hub`` installs it
(``tools/setup_hub.py install`` into a prefix: a shared venv, configurable-http-proxy from npm,
the course copy), with an automation token (``WORKBENCH_HUB_API_TOKEN``). Then, for each N in
``--sizes`` (up to ``--max``):

1. starts N learners' servers at once through the hub's REST API
   (``POST /hub/api/users/<name>/server``) and times each until the hub reports it ready;
2. in each server, at once, opens a session on a copy of a course module (``--notebook``, by
   default ``02-data-layanan-dengan-pandas``: loads the service-visit data, filters, groups)
   through the Jupyter REST API and runs every code cell over the kernel's websocket, timing
   every cell and the whole notebook;
3. for every ``--dashboard-every``-th learner, also renders a Voilà dashboard through the hub
   (``GET /user/<name>/voila/render/...``, the camat's SKM dashboard by default) and times it;
4. measures each learner's memory and CPU while their kernel is alive: RSS and PSS
   (proportional set size: a shared library's pages split between the processes that map it,
   so PSS adds up to what the machine really spends) and the CPU seconds used so far, of every
   process whose environment names them (``JUPYTERHUB_USER``), read from ``/proc``;
5. stops the N servers and waits until the hub says they are gone.

It prints one row per N: server start time (median, max), notebook run time (median, max),
dashboard render time (max; Voilà executes the dashboard on the server, widgets are drawn by
the browser, which is not measured), PSS per learner (median of those without a dashboard, max
of those with one: their Voilà kernel is a second Python process), median RSS, median CPU
seconds per learner (server start + module + dashboard), how much the machine's memory in use
rose at the peak, and the longest single wait a learner saw (server start, one cell or one
dashboard). The run stops at the first N where something fails (a server that does not start,
a cell that errors, an HTTP error), and reports the first N where a learner waited more than
``--wait-limit`` seconds (10 by default). A round that would not fit in the memory available
(N x 350 MiB, N x 300 MiB in the class scenario, plus ``--keep-free`` GiB) is not started.
Ctrl+C or ``kill`` stops it and still cleans up.

As root, every learner is a real system user ``bebanNN`` (created before, removed with their
home after, whatever happens; if such an account already exists the run stops without touching
it), and servers run as them, as on the real server. Not as root,
the hub's "simple" spawner runs every server as the current user (memory per learner is then
the same, but file permissions do not separate users).

``--scenario kelas`` (the default since issue 25) measures a class instead: N learners log in
at random moments within ``--window`` seconds (60 by default, one seeded draw, the same for
both runs), each into the module's workspace copy, and each counts as served once the first
code cell of the module (``import pandas ...; load("layanan")``) has answered. The time from
their login to that answer is "login to usable notebook". Each N runs twice: without
preparation (the login starts the server, as the hub does on login) and with preparation
(``workbench.hubclass.prepare_class`` starts every server beforehand, staggered, as
``workbench hub prepare-class`` does; its duration is reported too). Per row: median and slowest
login-to-usable time, how many learners were served within ``--target`` seconds (15), PSS per
learner, and CPU seconds per server start (the server's processes when the hub reports it
ready, before any kernel). ``--scenario serentak`` is the older measurement above (everyone in
the same second, the whole module, dashboards).

Only loopback traffic: the hub listens on 127.0.0.1 on a free port; every loop is bounded by a
count and a deadline. The numbers depend on what else runs on the machine: say so with them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
USER_PREFIX = "beban"
START_DEADLINE = 240.0  # seconds a server may take before the run calls it failed
CELL_DEADLINE = 300.0  # seconds one cell may take before the run calls it failed
HTTP_TIMEOUT = 300.0
# Bytes one learner of the mix needs (measured RSS: ~280 MiB with a module, ~440 MiB with a
# dashboard too; one learner in four opens one, so ~320 MiB on average, rounded up).
LEARNER_BUDGET = 350 * 2**20
# A learner of the class scenario: server and one kernel, no dashboard (~220 MiB PSS measured).
CLASS_LEARNER_BUDGET = 300 * 2**20


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Learner:
    """What one learner's server did in one round."""

    name: str
    start: float = float("nan")
    notebook: float = float("nan")
    connect: float = 0.0
    longest_cell: float = 0.0
    dashboard: float | None = None
    rss: int = 0
    pss: int = 0
    cpu: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def longest_wait(self) -> float:
        return max(
            value
            for value in (self.start, self.connect, self.longest_cell, self.dashboard or 0.0)
            if value
        )


class Hub:
    """The hub's REST API with the automation token, and each learner's server with theirs."""

    def __init__(self, url: str, token: str, state: Path) -> None:
        self.url = url
        self.token = token
        self.state = state  # where the hub's log and any failing dashboard page are kept
        self.tokens: dict[str, str] = {}

    def request(self, method: str, path: str, *, token: str | None = None, body=None, raw=False):
        headers = {"Authorization": f"token {token or self.token}"}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        req = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT) as resp:
                payload = resp.read()
                if raw:
                    return resp.status, payload
                return resp.status, json.loads(payload) if payload.strip() else None
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace")[:500]

    def api(self, method: str, path: str, **kw):
        return self.request(method, "hub/api/" + path, **kw)

    def user(self, name: str, method: str, path: str, **kw):
        return self.request(method, f"user/{name}/{path}", token=self.tokens[name], **kw)

    def server(self, name: str) -> dict | None:
        status, model = self.api("GET", f"users/{name}")
        if status != 200:
            return None
        return (model.get("servers") or {}).get("")

    def start(self, name: str) -> float:
        """Start ``name``'s server; seconds until the hub reports it ready."""
        t0 = time.perf_counter()
        status, out = self.api("POST", f"users/{name}/server")
        if status not in (201, 202):
            raise RuntimeError(f"POST server {name}: HTTP {status} {out}")
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            server = self.server(name)
            if server and server.get("ready"):
                elapsed = time.perf_counter() - t0
                status, token = self.api("POST", f"users/{name}/tokens", body={"note": "beban"})
                if status not in (200, 201):
                    raise RuntimeError(f"token {name}: HTTP {status} {token}")
                self.tokens[name] = token["token"]
                return elapsed
            time.sleep(0.25)
        raise RuntimeError(f"server {name} tidak siap dalam {START_DEADLINE:.0f} detik")

    def stop(self, name: str) -> None:
        """Stop ``name``'s server and wait (bounded) until the hub says it is gone."""
        self.api("DELETE", f"users/{name}/server")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.server(name) is not None:
            time.sleep(0.25)
        self.tokens.pop(name, None)


def code_cells(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def execute_request(code: str, name: str, session: str) -> tuple[str, str]:
    """(msg_id, JSON text) of a Jupyter execute_request for ``code``."""
    msg_id = uuid.uuid4().hex
    message = {
        "header": {
            "msg_id": msg_id,
            "msg_type": "execute_request",
            "username": name,
            "session": session,
            "version": "5.3",
            "date": "",
        },
        "parent_header": {},
        "metadata": {},
        "content": {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "channel": "shell",
        "buffers": [],
    }
    return msg_id, json.dumps(message)


async def await_cell(ws, msg_id: str, index: int) -> str | None:
    """Read until the cell's reply and idle status; what went wrong, or None."""
    replied = idle = False
    deadline = time.monotonic() + CELL_DEADLINE
    while not (replied and idle):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return f"sel {index}: tidak selesai dalam {CELL_DEADLINE} s"
        raw = await asyncio.wait_for(ws.read_message(), remaining)
        if raw is None:
            return f"sel {index}: websocket kernel tertutup"
        if isinstance(raw, bytes):
            continue  # binary frames carry buffers (widgets); nothing to check
        reply = json.loads(raw)
        if reply.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = reply["header"]["msg_type"], reply["content"]
        if kind == "execute_reply":
            replied = True
            if content.get("status") != "ok":
                return f"sel {index}: {content.get('ename')}: {content.get('evalue')}"
        elif kind == "status" and content.get("execution_state") == "idle":
            idle = True
    return None


async def run_cells(hub: Hub, name: str, path: str, cells: list[str], learner: Learner) -> None:
    """Open a session on ``path`` in ``name``'s server and run ``cells`` over the websocket."""
    body = {"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
    status, session = await asyncio.to_thread(hub.user, name, "POST", "api/sessions", body=body)
    if status != 201:
        learner.errors.append(f"sesi: HTTP {status} {session}")
        return
    kernel = session["kernel"]["id"]
    client_session = uuid.uuid4().hex
    url = hub.url.replace("http://", "ws://") + (
        f"user/{name}/api/kernels/{kernel}/channels?session_id={client_session}"
    )
    # Tornado gives up after 20 s by default; a browser keeps waiting, so wait as long as it
    # would (the wait is measured and counted as the learner's).
    request = HTTPRequest(
        url,
        headers={"Authorization": f"token {hub.tokens[name]}"},
        connect_timeout=HTTP_TIMEOUT,
        request_timeout=HTTP_TIMEOUT,
    )
    t0 = time.perf_counter()
    ws = await websocket_connect(request)
    learner.connect = time.perf_counter() - t0
    try:
        for index, code in enumerate(cells, 1):
            msg_id, message = execute_request(code, name, client_session)
            cell_start = time.perf_counter()
            await ws.write_message(message)
            problem = await await_cell(ws, msg_id, index)
            if problem:
                learner.errors.append(problem)
                return
            learner.longest_cell = max(learner.longest_cell, time.perf_counter() - cell_start)
        learner.notebook = time.perf_counter() - t0
    finally:
        ws.close()


def dashboard_problem(page: bytes) -> str | None:
    """What is wrong with a rendered Voilà page, if anything: a cell's error output."""
    for marker in (b"application/vnd.jupyter.stderr", b"Traceback (most recent call last)"):
        if marker in page:
            return "halaman memuat keluaran kesalahan sel"
    if b"jp-OutputArea-output" not in page:
        return "halaman tanpa keluaran sel (dasbor tidak dijalankan)"
    return None


def processes_of(name: str) -> list[int]:
    """The processes working for ``name``'s server: their environment names the hub user."""
    needle = f"JUPYTERHUB_USER={name}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def cpu_seconds_of(pids: list[int]) -> float:
    """CPU time (user + system) ``pids`` have used so far, from /proc/<pid>/stat."""
    ticks = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()  # after the command name, which may hold spaces
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def memory_of(pids: list[int]) -> tuple[int, int]:
    """Summed RSS and PSS in bytes of ``pids`` (from /proc/<pid>/smaps_rollup)."""
    rss = pss = 0
    for pid in pids:
        try:
            lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            key, _, value = line.partition(":")
            if key == "Rss":
                rss += int(value.split()[0]) * 1024
            elif key == "Pss":
                pss += int(value.split()[0]) * 1024
    return rss, pss


def meminfo() -> dict[str, int]:
    info = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        key, _, value = line.partition(":")
        info[key] = int(value.split()[0]) * 1024
    return info


def memory_in_use() -> int:
    """Bytes of the machine's memory in use (MemTotal - MemAvailable)."""
    info = meminfo()
    return info["MemTotal"] - info["MemAvailable"]


async def one_learner(
    hub: Hub, name: str, cells: list[str], notebook: Path, dashboard: Path | None
) -> Learner:
    learner = Learner(name)
    try:
        learner.start = await asyncio.to_thread(hub.start, name)
    except (RuntimeError, OSError) as err:
        learner.errors.append(f"mulai: {err}")
        return learner
    # The learner's own copy of the module (and of the dashboard) in their workspace.
    for source in [notebook, *([dashboard] if dashboard else [])]:
        model = {"type": "notebook", "content": json.loads(source.read_text(encoding="utf-8"))}
        path = f"api/contents/ruang-kerja/{source.name}"
        status, out = await asyncio.to_thread(hub.user, name, "PUT", path, body=model)
        if status not in (200, 201):
            learner.errors.append(f"salin {source.name}: HTTP {status} {out}")
            return learner
    try:
        await run_cells(hub, name, f"ruang-kerja/{notebook.name}", cells, learner)
    except (OSError, TimeoutError, HTTPClientError) as err:
        learner.errors.append(f"kernel: {type(err).__name__}: {err}")
    if dashboard and not learner.errors:
        quoted = urllib.parse.quote(f"ruang-kerja/{dashboard.name}")
        t0 = time.perf_counter()
        try:
            status, page = await asyncio.to_thread(
                hub.user, name, "GET", f"voila/render/{quoted}", raw=True
            )
        except OSError as err:
            status, page = 0, str(err).encode()
        learner.dashboard = time.perf_counter() - t0
        if status != 200:
            learner.errors.append(f"dasbor: HTTP {status} {page[:200]!r}")
        else:
            saved = hub.state / f"{name}-dasbor.html"  # the last render, kept to look at
            saved.write_bytes(page)
            if problem := dashboard_problem(page):
                learner.errors.append(f"dasbor: {problem} (halaman: {saved})")
    pids = processes_of(name)
    learner.rss, learner.pss = memory_of(pids)
    learner.cpu = cpu_seconds_of(pids)
    return learner


async def one_round(
    hub: Hub, names: list[str], cells, notebook, dashboard, every: int
) -> tuple[list[Learner], int]:
    """Start, run and measure ``names`` at once; returns their results and peak memory in use."""
    peak = memory_in_use()

    async def sample() -> None:
        nonlocal peak
        while True:
            peak = max(peak, memory_in_use())
            await asyncio.sleep(0.5)

    # Every learner waits on blocking HTTP calls in a thread: one thread each, so none of them
    # queues behind another (asyncio's default pool has only cpu_count + 4 threads).
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=len(names)))
    sampler = asyncio.create_task(sample())
    try:
        outcomes = await asyncio.gather(
            *(
                one_learner(hub, name, cells, notebook, dashboard if i % every == 0 else None)
                for i, name in enumerate(names)
            ),
            return_exceptions=True,
        )
    finally:
        sampler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sampler
    results = []
    for name, outcome in zip(names, outcomes, strict=True):
        if isinstance(outcome, BaseException):  # anything unforeseen is a failure, not a crash
            outcome = Learner(name, errors=[f"{type(outcome).__name__}: {outcome}"])
        results.append(outcome)
    return results, peak


def install(prefix: Path) -> None:
    if (prefix / "hub.env").is_file() and (prefix / "venv" / "bin" / "jupyterhub").exists():
        print(f"Memakai pemasangan yang ada di {prefix} (--install untuk memasang ulang).")
        return
    print(f"Memasang hub di {prefix} (tools/setup_hub.py install) ...", flush=True)
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "setup_hub.py"), "install", "--prefix", str(prefix)],
        check=True,
    )


def create_users(names: list[str], created: list[str]) -> None:
    """Create the load users, noting each in ``created``; refuse if any account already exists
    (the benchmark never uses or deletes an account it did not make)."""
    import pwd

    existing = []
    for name in names:
        with contextlib.suppress(KeyError):
            existing.append(pwd.getpwnam(name).pw_name)
    if existing:
        raise SystemExit(
            f"Akun {', '.join(existing)} sudah ada di server ini; benchmark tidak memakai atau "
            "menghapus akun yang tidak dibuatnya. Bila itu sisa benchmark yang terputus, hapus "
            f"dengan: for u in {' '.join(existing)}; do userdel --remove $u; done"
        )
    for name in names:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
        created.append(name)


def remove_users(names: list[str]) -> None:
    for name in names:
        subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
        subprocess.run(["userdel", "--remove", name], capture_output=True)


def start_hub(prefix: Path, state: Path, names: list[str], token: str) -> tuple:
    env = dict(os.environ)
    for line in (prefix / "hub.env").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip():
            env[key.strip()] = value.strip()
    port = free_port()
    env.update(
        {
            "PORT": str(port),
            "WORKBENCH_HUB_STATE": str(state),
            "WORKBENCH_HUB_API_TOKEN": token,
            "WORKBENCH_HUB_AUTH": "pam" if AS_ROOT else "dummy",
            "WORKBENCH_HUB_SPAWNER": "system" if AS_ROOT else "simple",
            "WORKBENCH_TRAINERS": "",
            "WORKBENCH_LEARNERS": " ".join(names),
            "WORKBENCH_HUB_ADMINS": "",
        }
    )
    log = open(state / "hub.log", "w")  # noqa: SIM115 - closed by the caller
    proc = subprocess.Popen(
        [str(prefix / "venv" / "bin" / "jupyterhub"), "-f", str(CONFIG)],
        cwd=state,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    hub = Hub(f"http://127.0.0.1:{port}/", token, state)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        with contextlib.suppress(OSError):
            if hub.api("GET", "")[0] == 200:
                return hub, proc, log
        time.sleep(0.5)
    stop_hub(proc, log)
    raise SystemExit("JupyterHub tidak mau mulai:\n" + (state / "hub.log").read_text()[-3000:])


def stop_hub(proc: subprocess.Popen, log) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    log.close()


def mib(n: float) -> str:
    return f"{n / 2**20:.0f}"


def report_row(n: int, results: list[Learner], peak: int, baseline: int) -> str:
    """One Markdown table row (see HEADER) for a round of ``n`` learners."""
    started = [r for r in results if r.start == r.start]
    runs = [r.notebook for r in results if r.notebook == r.notebook]
    dashboards = [r.dashboard for r in results if r.dashboard is not None]
    plain = [r.pss for r in results if r.pss and r.dashboard is None]
    with_dashboard = [r.pss for r in results if r.pss and r.dashboard is not None]
    rss = [r.rss for r in results if r.rss]
    cpu = [r.cpu for r in results if r.cpu]

    def med(values, fmt="{:.1f}"):
        return fmt.format(statistics.median(values)) if values else "-"

    def top(values, fmt="{:.1f}"):
        return fmt.format(max(values)) if values else "-"

    def in_mib(values):
        return [v / 2**20 for v in values]

    cells = [
        str(n),
        med([r.start for r in started]),
        top([r.start for r in started]),
        med(runs),
        top(runs),
        top(dashboards),
        med(in_mib(plain), "{:.0f}"),
        top(in_mib(with_dashboard), "{:.0f}"),
        med(in_mib(rss), "{:.0f}"),
        med(cpu),
        f"{(peak - baseline) / 2**30:.2f}",
        top([r.longest_wait for r in started]),
        str(sum(1 for r in results if r.errors)),
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| N | mulai median (s) | mulai maks (s) | notebook median (s) | notebook maks (s) "
    "| dasbor maks (s) | PSS peserta (MiB) | PSS + dasbor maks (MiB) | RSS median (MiB) "
    "| CPU/peserta (s) | memori naik (GiB) | tunggu terlama (s) | gagal |\n|" + "---|" * 13
)


# --- The class scenario: N learners logging in within a minute ---------------------------------


@dataclass
class Arrival:
    """One learner of a class round: when they logged in and how long until a usable notebook."""

    name: str
    delay: float
    usable: float = float("nan")
    start_cpu: float = 0.0
    pss: int = 0
    errors: list[str] = field(default_factory=list)


def arrival_delays(n: int, window: float, seed: int) -> list[float]:
    """Login moments of ``n`` learners, uniform within ``window`` seconds, sorted (seeded)."""
    import random

    draw = random.Random(seed)
    return sorted(draw.uniform(0, window) for _ in range(n))


def ensure_token(hub: Hub, name: str) -> None:
    if name not in hub.tokens:
        status, token = hub.api("POST", f"users/{name}/tokens", body={"note": "beban"})
        if status not in (200, 201):
            raise RuntimeError(f"token {name}: HTTP {status} {token}")
        hub.tokens[name] = token["token"]


async def class_learner(hub: Hub, arrival: Arrival, path: str, first_cell: str) -> Arrival:
    """Log in at ``arrival.delay``; the time until the module's first cell has answered."""
    await asyncio.sleep(arrival.delay)
    t0 = time.perf_counter()
    try:
        if hub.server(arrival.name) is None or not hub.server(arrival.name).get("ready"):
            await asyncio.to_thread(hub.start, arrival.name)  # the hub starts it at login
            arrival.start_cpu = cpu_seconds_of(processes_of(arrival.name))
        await asyncio.to_thread(ensure_token, hub, arrival.name)
        learner = Learner(arrival.name)
        await run_cells(hub, arrival.name, path, [first_cell], learner)
        arrival.errors += learner.errors
    except (RuntimeError, OSError, TimeoutError, HTTPClientError) as err:
        arrival.errors.append(f"{type(err).__name__}: {err}")
    arrival.usable = time.perf_counter() - t0
    arrival.pss = memory_of(processes_of(arrival.name))[1]
    return arrival


def prepare_servers(hub: Hub, names: list[str]) -> tuple[float, dict[str, float]]:
    """Prepare the class as ``workbench hub prepare-class`` does; (seconds, CPU per server).

    A server the preparation could not start is reported and left to start at login, as it
    would be in class."""
    from datetime import datetime, timedelta

    from workbench.hubclass import HubClient, prepare_class

    client = HubClient(hub.url + "hub/api", hub.token, timeout=HTTP_TIMEOUT)
    t0 = time.perf_counter()
    table = prepare_class(
        names, start=datetime.now().astimezone(), hub=client, lead=timedelta(0), say=lambda _: None
    )
    seconds = time.perf_counter() - t0
    ready = table["status"].isin(["siap", "sudah berjalan"])
    for row in table[~ready].itertuples():
        print(f"  PERSIAPAN GAGAL {row.akun}: {row.keterangan}", flush=True)
    prepared = table.loc[ready, "akun"]
    return seconds, {name: cpu_seconds_of(processes_of(name)) for name in prepared}


async def class_round(hub: Hub, names, delays, path, first_cell) -> list[Arrival]:
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=len(names)))
    arrivals = [Arrival(name, delay) for name, delay in zip(names, delays, strict=True)]
    outcomes = await asyncio.gather(
        *(class_learner(hub, a, path, first_cell) for a in arrivals), return_exceptions=True
    )
    for arrival, outcome in zip(arrivals, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            arrival.errors.append(f"{type(outcome).__name__}: {outcome}")
    return arrivals


CLASS_HEADER = (
    "| N | persiapan | persiapan (s) | masuk→notebook median (s) | masuk→notebook maks (s) "
    "| ≤ target | PSS/peserta (MiB) | CPU/start server (s) | gagal |\n|" + "---|" * 9
)


def class_row(n, prepared, prep_seconds, arrivals, start_cpu, target) -> str:
    usable = [a.usable for a in arrivals if not a.errors]
    pss = [a.pss / 2**20 for a in arrivals if a.pss]
    cells = [
        str(n),
        "ya" if prepared else "tidak",
        f"{prep_seconds:.0f}" if prepared else "-",
        f"{statistics.median(usable):.1f}" if usable else "-",
        f"{max(usable):.1f}" if usable else "-",
        f"{sum(1 for u in usable if u <= target)}/{n}",
        f"{statistics.median(pss):.0f}" if pss else "-",
        f"{statistics.median(start_cpu):.2f}" if start_cpu else "-",
        str(sum(1 for a in arrivals if a.errors)),
    ]
    return "| " + " | ".join(cells) + " |"


def run_class(hub: Hub, names: list[str], args) -> list[str]:
    """Both runs (without, then with preparation) of one class size; their table rows."""
    n = len(names)
    delays = arrival_delays(n, args.window, args.seed)
    path = f"ruang-kerja/{args.notebook.name}"
    first_cell = code_cells(args.notebook)[0]
    rows = []
    for prepared in (False, True):
        prep_seconds, start_cpu = 0.0, {}
        if prepared:
            prep_seconds, start_cpu = prepare_servers(hub, names)
        arrivals = asyncio.run(class_round(hub, names, delays, path, first_cell))
        if not prepared:
            start_cpu = {a.name: a.start_cpu for a in arrivals if a.start_cpu}
        row = class_row(n, prepared, prep_seconds, arrivals, list(start_cpu.values()), args.target)
        print(row, flush=True)
        rows.append(row)
        for a in [a for a in arrivals if a.errors][:5]:
            print(f"  GAGAL {a.name}: {'; '.join(a.errors)}", flush=True)
        for name in names:
            hub.stop(name)
    return rows


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Beban JupyterHub ASN Workbench: N peserta.")
    parser.add_argument(
        "--scenario",
        choices=("kelas", "serentak"),
        default="kelas",
        help="kelas: N peserta masuk dalam --window detik, tanpa dan dengan persiapan; "
        "serentak: semua pada detik yang sama, seluruh modul dan dasbor",
    )
    parser.add_argument("--sizes", default=None, help="daftar N, koma (kelas: 10,30,60)")
    parser.add_argument("--max", type=int, default=None, help="N terbesar yang dicoba")
    parser.add_argument("--quick", action="store_true", help="kelas kecil saja: N = 3 dan 10")
    parser.add_argument("--window", type=float, default=60.0, help="detik masuknya satu kelas")
    parser.add_argument("--target", type=float, default=15.0, help="target masuk→notebook (s)")
    parser.add_argument("--seed", type=int, default=25, help="seed saat masuk peserta")
    parser.add_argument("--prefix", type=Path, default=None, help="folder pemasangan hub")
    parser.add_argument("--install", action="store_true", help="pasang ulang hub di --prefix")
    parser.add_argument(
        "--notebook",
        type=Path,
        default=ROOT / "notebooks" / "02-data-layanan-dengan-pandas.ipynb",
        help="modul yang dijalankan tiap peserta",
    )
    parser.add_argument(
        "--dashboard",
        type=Path,
        default=ROOT / "notebooks" / "dashboards" / "01-dasbor-skm.ipynb",
        help="dasbor Voilà yang dibuka sebagian peserta",
    )
    parser.add_argument(
        "--dashboard-every", type=int, default=4, help="setiap peserta ke-k membuka dasbor"
    )
    parser.add_argument(
        "--keep-free",
        type=float,
        default=4.0,
        help="GiB memori yang harus tetap bebas; N yang tidak muat tidak dicoba",
    )
    parser.add_argument("--wait-limit", type=float, default=10.0, help="batas tunggu (detik)")
    args = parser.parse_args()
    default_sizes = "10,30,60" if args.scenario == "kelas" else "1,2,4,8,16,24,32,48,64"
    args.sizes = "3,10" if args.quick else (args.sizes or default_sizes)
    args.max = args.max or (60 if args.scenario == "kelas" else 32)
    return args


def fits(n: int, keep_free: float, budget: int = LEARNER_BUDGET) -> bool:
    """Whether a round of ``n`` learners fits in memory with ``keep_free`` GiB to spare."""
    # Never push the machine into swapping or the OOM killer (it may serve others):
    # a round needs room for N learners of the measured mix, plus the margin.
    needed = n * budget + keep_free * 2**30
    available = meminfo()["MemAvailable"]
    if available >= needed:
        return True
    print(
        f"N={n} tidak dicoba: memori tersedia {available / 2**30:.1f} GiB, perlu "
        f"{needed / 2**30:.1f} GiB ({n} x {budget / 2**20:.0f} MiB + sisa {keep_free} GiB)",
        flush=True,
    )
    return False


def serentak_rounds(hub: Hub, names: list[str], sizes: list[int], args) -> tuple[list, str]:
    """The older measurement: N learners at the same second; rows and a closing line."""
    cells = code_cells(args.notebook)
    rows: list[str] = []
    first_slow = first_failure = None
    print(HEADER, flush=True)
    for n in sizes:
        if not fits(n, args.keep_free):
            break
        baseline = memory_in_use()
        t0 = time.perf_counter()
        results, peak = asyncio.run(
            one_round(hub, names[:n], cells, args.notebook, args.dashboard, args.dashboard_every)
        )
        wall = time.perf_counter() - t0
        for name in names[:n]:
            hub.stop(name)
        row = report_row(n, results, peak, baseline)
        rows.append(row)
        print(f"{row}  ({wall:.0f} s)", flush=True)
        slow = [r for r in results if r.start == r.start and r.longest_wait > args.wait_limit]
        if slow and first_slow is None:
            first_slow = n
            worst = max(slow, key=lambda r: r.longest_wait)
            print(
                f"  menunggu > {args.wait_limit:.0f} s: {len(slow)} peserta, "
                f"terlama {worst.name} {worst.longest_wait:.1f} s",
                flush=True,
            )
        failed = [r for r in results if r.errors]
        if failed:
            first_failure = n
            for r in failed[:5]:
                print(f"  GAGAL {r.name}: {'; '.join(r.errors)}", flush=True)
            break
    closing = (
        f"N pertama dengan tunggu > {args.wait_limit:.0f} s: {first_slow or 'tidak ada'}; "
        "N pertama dengan kegagalan: "
        + (str(first_failure) if first_failure else f"tidak ada (sampai {sizes[-1]})")
    )
    return [HEADER, *rows], closing


def class_rounds(hub: Hub, names: list[str], sizes: list[int], args) -> tuple[list, str]:
    """The class scenario for each N: rows and a closing line."""
    rows: list[str] = []
    print(CLASS_HEADER, flush=True)
    for n in sizes:
        if not fits(n, args.keep_free, CLASS_LEARNER_BUDGET):
            break
        rows += run_class(hub, names[:n], args)
    closing = (
        f"masuk→notebook = dari masuk sampai sel kode pertama {args.notebook.name} menjawab; "
        f"target {args.target:.0f} s; {args.window:.0f} s jendela masuk, seed {args.seed}"
    )
    return [CLASS_HEADER, *rows], closing


def installed_prefix(args) -> tuple[Path, Path]:
    """The hub installation to measure (installed if missing) and a fresh state folder in it."""
    prefix = (
        args.prefix
        or (Path("/opt/asn-workbench-beban") if AS_ROOT else ROOT / ".hub-beban").resolve()
    )
    if AS_ROOT:
        for tool in ("useradd", "userdel", "pkill"):
            if shutil.which(tool) is None:
                raise SystemExit(f"Butuh '{tool}' untuk membuat pengguna beban.")
    if args.install:
        shutil.rmtree(prefix / "venv", ignore_errors=True)
    install(prefix)
    state = prefix / "state-beban"
    shutil.rmtree(state, ignore_errors=True)
    state.mkdir(parents=True)
    state.chmod(0o755)
    return prefix, state


def clean_up(hub, proc, log, names: list[str], created: list[str]) -> None:
    """Stop servers, the hub and remove the users this run made, whatever happened before."""
    # Let no second Ctrl+C or kill cut the clean-up short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hub is not None:
        for name in names:
            with contextlib.suppress(OSError):
                hub.api("DELETE", f"users/{name}/server")
    if proc is not None:
        stop_hub(proc, log)
    remove_users(created)


def main() -> int:
    args = parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    sizes = [n for n in sizes if 0 < n <= args.max]
    if not sizes:
        raise SystemExit("Tidak ada N yang dicoba: periksa --sizes dan --max.")
    prefix, state = installed_prefix(args)
    names = [f"{USER_PREFIX}{i:02d}" for i in range(1, max(sizes) + 1)]
    created: list[str] = []  # system users this run made, and so removes
    token = secrets.token_hex(16)

    def interrupted(signum, frame):
        raise KeyboardInterrupt  # `kill` cleans up like Ctrl+C: servers, hub, users

    signal.signal(signal.SIGTERM, interrupted)
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    print(
        f"{os.cpu_count()} inti, {memory / 2**30:.0f} GiB, beban rata-rata "
        f"{os.getloadavg()[0]:.1f}; skenario {args.scenario}; modul {args.notebook.name}; "
        f"{'pengguna sistem' if AS_ROOT else 'spawner simple (bukan root)'}",
        flush=True,
    )
    hub = proc = log = None
    table, closing = [], ""
    try:
        if AS_ROOT:
            create_users(names, created)
        hub, proc, log = start_hub(prefix, state, names, token)
        rounds = class_rounds if args.scenario == "kelas" else serentak_rounds
        table, closing = rounds(hub, names, sizes, args)
    finally:
        clean_up(hub, proc, log, created or names, created)
    print()
    print("\n".join(table))
    print()
    print(closing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
