"""Prepare a class on the shared JupyterHub, so every learner lands on a ready server.

When a trainer says "silakan masuk", 25-30 learners log in within the same minute, and a hub
that starts 30 servers at once is CPU-bound: the first learners wait, the last wait a minute
or more (``benchmarks/bench_hub.py``). Preparing the class moves that work before the class:

1. :func:`read_roster` reads the class's accounts (column ``akun`` of the trainer's Excel or
   CSV roster, the hub login names);
2. :func:`prepare_class` waits until ``start`` minus the lead time (:func:`lead_time`, from the
   number of learners), then starts their servers through the hub's REST API, at most
   ``parallel`` at a time (by default half the machine's cores), each after the previous one
   is ready, so the machine is never saturated and the learners already there keep working;
3. until the class starts it keeps the prepared servers' activity fresh, so the idle culler does
   not take them while they wait; at the start it marks them active one last time and stops,
   so the culler takes the servers of learners who never came one idle timeout after the start
   (``WORKBENCH_HUB_IDLE_TIMEOUT``, an hour by default), freeing their memory.

It returns one row per account with its status (``siap``, ``sudah berjalan``, ``gagal``,
``tidak dikenal``), when the server was ready and how long its start took.

Who may run it: a hub administrator's token, or a trainer: on the single server the trainer's
own server token (``JUPYTERHUB_API_TOKEN`` in their JupyterLab terminal) may start, see and
mark active the servers of the ``peserta`` group and nothing else
(``deploy/jupyterhub/jupyterhub_config.py``). ``workbench hub prepare-class`` is the command.
"""

from __future__ import annotations

import json
import math
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "HubClient",
    "class_start",
    "hub_from_environment",
    "lead_time",
    "prepare_class",
    "read_roster",
]

#: Seconds one server start takes on a busy shared server (measured 2-5 s wall on 2 cores
#: while other servers started; doubled), used only to choose how early to begin.
SECONDS_PER_START = 10.0
#: Extra minutes before the class on top of the estimated preparation time.
MARGIN = timedelta(minutes=5)
#: A server not ready this many seconds after its start was asked for has failed.
START_DEADLINE = 300.0
#: How often the prepared servers' activity is refreshed while they wait (below any sane
#: idle timeout; the hub's default is an hour).
KEEP_WARM_EVERY = timedelta(minutes=10)
POLL_SECONDS = 1.0
COLUMNS = ["akun", "status", "siap", "detik_mulai", "keterangan"]


class HubClient:
    """The JupyterHub REST API (``.../hub/api/``) with one token."""

    def __init__(self, api_url: str, token: str, *, timeout: float = 30.0) -> None:
        self.api_url = api_url.rstrip("/") + "/"
        self.token = token
        self.timeout = timeout

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, object]:
        """(HTTP status, decoded JSON or text) of one request; network failures are raised."""
        headers = {"Authorization": f"token {self.token}"}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        req = urllib.request.Request(self.api_url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
                return resp.status, json.loads(raw) if raw.strip() else None
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace")[:500]
        except OSError as err:
            raise WorkbenchError(
                f"JupyterHub di {self.api_url} tidak bisa dihubungi ({err}). Periksa bahwa hub "
                "berjalan dan alamatnya benar (--hub-url), lalu ulangi."
            ) from err

    def user(self, name: str) -> dict | None:
        """The hub's model of ``name`` (None: no such user on the hub)."""
        status, model = self.request("GET", f"users/{urllib.parse.quote(name)}")
        if status == 404:
            return None
        self._check(status, model, f"membaca akun {name}")
        return model

    def server(self, name: str) -> dict | None:
        """``name``'s default server as the hub reports it (None: not running, not starting)."""
        model = self.user(name) or {}
        return (model.get("servers") or {}).get("")

    def start(self, name: str) -> None:
        """Ask the hub to start ``name``'s server (returns at once; see :meth:`server`)."""
        status, out = self.request("POST", f"users/{urllib.parse.quote(name)}/server")
        # 202 also when a spawn is pending (the learner logged in first): polled like ours.
        if status == 400 and "already running" in str(out):
            return
        self._check(status, out, f"memulai server {name}")

    def mark_active(self, names: list[str], when: datetime) -> None:
        """Set ``names``' last activity (and their servers') to ``when``."""
        stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        for name in names:
            body = {"last_activity": stamp, "servers": {"": {"last_activity": stamp}}}
            status, out = self.request(
                "POST", f"users/{urllib.parse.quote(name)}/activity", body=body
            )
            self._check(status, out, f"menandai server {name} aktif")

    def failure(self, name: str) -> str:
        """The hub's message for ``name``'s last failed start, if it says one."""
        req = urllib.request.Request(
            f"{self.api_url}users/{urllib.parse.quote(name)}/server/progress",
            headers={"Authorization": f"token {self.token}"},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                events = [
                    json.loads(line[len(b"data:") :])
                    for line in resp.read(65536).splitlines()
                    if line.startswith(b"data:")
                ]
        except (OSError, ValueError):
            return ""
        failed = [e for e in events if e.get("failed")]
        return str(failed[-1].get("message", "")) if failed else ""

    @staticmethod
    def _check(status: int, out: object, doing: str) -> None:
        # JupyterHub answers 404 "No access to resources or resources not found" when a token
        # may not see the account: it does not say which of the two.
        if status in (401, 403) or (status == 404 and "No access" in str(out)):
            raise WorkbenchError(
                f"Hub menolak {doing} (HTTP {status}): token ini tidak punya izin untuk akun "
                "itu (pelatih hanya boleh menyiapkan anggota grup peserta), atau akunnya tidak "
                "ada. Jalankan dari terminal JupyterLab akun pelatih di hub, atau dengan token "
                "admin hub (WORKBENCH_HUB_API_TOKEN)."
            )
        if status >= 400:
            raise WorkbenchError(f"Hub menolak {doing} (HTTP {status}): {out}")


def hub_from_environment(url: str | None = None, token: str | None = None) -> HubClient:
    """A client for the hub this runs under (a trainer's terminal) or the one named.

    Inside a user's server JupyterHub sets ``JUPYTERHUB_API_URL`` and ``JUPYTERHUB_API_TOKEN``;
    elsewhere (an IT officer's shell on the server) give ``url`` (the hub's address, such as
    ``http://127.0.0.1:8000``) and a token in ``WORKBENCH_HUB_API_TOKEN``.
    """
    if url:
        api = url.rstrip("/")
        api = api if api.endswith("/hub/api") else api + "/hub/api"
    else:
        api = os.environ.get("JUPYTERHUB_API_URL", "")
    token = (
        token
        or os.environ.get("WORKBENCH_HUB_API_TOKEN")
        or os.environ.get("JUPYTERHUB_API_TOKEN", "")
    )
    if not api or not token:
        raise WorkbenchError(
            "Alamat atau token JupyterHub tidak diketahui. Jalankan perintah ini dari terminal "
            "JupyterLab akun pelatih di hub, atau beri --hub-url dan token admin di "
            "WORKBENCH_HUB_API_TOKEN."
        )
    return HubClient(api, token)


def read_roster(path: str | os.PathLike) -> list[str]:
    """The hub accounts (column ``akun``) of a class roster (``.xlsx`` or ``.csv``), in order.

    The roster may be the trainer's grading roster (NIP, nama, unit, email) with one more
    column, ``akun``: each learner's login name on the hub. Empty cells and repeated accounts
    are reported with their rows; nothing is prepared until the roster is right.
    """
    from workbench.data import file_facts, read_csv, read_excel

    path = Path(path)
    reader = read_excel if path.suffix.lower() in (".xlsx", ".xlsm") else read_csv
    table = reader(path, as_text=True)
    columns = {str(c).strip().lower(): c for c in table.columns}
    if "akun" not in columns:
        raise WorkbenchError(
            f"Berkas {path.name} tidak punya kolom 'akun' (nama masuk peserta di hub). Kolom yang "
            f"ada: {', '.join(map(str, table.columns))}. Tambahkan kolom itu lalu ulangi."
        )
    rows = [int(r) for r in file_facts(table).rows]
    problems, names, seen = [], [], {}
    for row, value in zip(rows, table[columns["akun"]], strict=True):
        name = "" if pd.isna(value) else str(value).strip()
        if not name:
            problems.append(Problem("akun kosong", file=path.name, row=row, column="akun"))
        elif name in seen:
            problems.append(
                Problem(
                    f"akun sama dengan baris {seen[name]}",
                    file=path.name,
                    row=row,
                    column="akun",
                    value=name,
                )
            )
        else:
            seen[name] = row
            names.append(name)
    if problems:
        raise WorkbenchError(f"Daftar peserta {path.name} belum bisa dipakai:", problems)
    if not names:
        raise WorkbenchError(f"Daftar peserta {path.name} tidak berisi akun satu pun.")
    return names


def class_start(text: str, *, now: datetime | None = None) -> datetime:
    """The class start ``HH:MM`` (or ``HH.MM``) today in office time; ``sekarang`` is now."""
    tz = get_settings().tz
    now = (now or datetime.now(tz)).astimezone(tz)
    if text.strip().lower() in ("sekarang", "now"):
        return now
    hour, sep, minute = text.strip().replace(".", ":").partition(":")
    if not (sep and hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
        raise WorkbenchError(
            f"Jam mulai {text!r} tidak dikenal: tulis jam dan menit, misalnya 08:00 atau 08.00 "
            "(WIB), atau 'sekarang'."
        )
    return now.replace(hour=int(hour), minute=int(minute), second=0, microsecond=0)


def default_parallel() -> int:
    """Servers started at once by default: half the cores, so learners already in keep a core."""
    return max(1, (os.cpu_count() or 2) // 2)


def lead_time(learners: int, *, parallel: int | None = None) -> timedelta:
    """How long before the class to begin: the estimated preparation time plus :data:`MARGIN`."""
    rounds = math.ceil(learners / (parallel or default_parallel()))
    return timedelta(seconds=rounds * SECONDS_PER_START) + MARGIN


@dataclass
class _Run:
    """The bookkeeping of one preparation."""

    hub: HubClient
    clock: Callable[[], datetime]
    sleep: Callable[[float], None]
    say: Callable[[str], None]
    rows: dict[str, dict] = field(default_factory=dict)
    prepared: list[str] = field(default_factory=list)
    last_touch: datetime | None = None

    def note(self, name: str, status: str, **kw) -> None:
        self.rows[name] = {
            "akun": name,
            "status": status,
            "siap": None,
            "detik_mulai": None,
            "keterangan": "",
            **kw,
        }

    def keep_warm(self, *, force: bool = False) -> None:
        now = self.clock()
        due = self.last_touch is None or now - self.last_touch >= KEEP_WARM_EVERY
        if self.prepared and (force or due):
            self.hub.mark_active(self.prepared, now)
            self.last_touch = now

    def wait_until(self, moment: datetime) -> None:
        """Sleep until ``moment``, keeping the prepared servers warm on the way."""
        while (left := (moment - self.clock()).total_seconds()) > 0:
            self.keep_warm()
            self.sleep(min(left, KEEP_WARM_EVERY.total_seconds()))


def _check_accounts(run: _Run, names: list[str]) -> list[str]:
    """The accounts to start; unknown and running ones are noted and left out."""
    todo = []
    for name in names:
        model = run.hub.user(name)
        if model is None:
            run.note(
                name,
                "tidak dikenal",
                keterangan="akun ini tidak ada di hub, atau bukan anggota grup peserta",
            )
        elif ((model.get("servers") or {}).get("") or {}).get("ready"):
            run.note(name, "sudah berjalan")
            run.prepared.append(name)
        else:
            todo.append(name)
    return todo


def _poll(run: _Run, starting: dict[str, datetime]) -> None:
    """Record the servers in ``starting`` that became ready or failed; drop them from it."""
    for name, asked in list(starting.items()):
        server = run.hub.server(name)
        elapsed = (run.clock() - asked).total_seconds()
        if server and server.get("ready"):
            run.note(name, "siap", siap=run.clock(), detik_mulai=round(elapsed, 1))
            run.prepared.append(name)
            run.say(f"  {name}: siap ({fmt.number(elapsed)} detik)")
        elif server is None or elapsed > START_DEADLINE:
            why = run.hub.failure(name) if server is None else "tidak siap dalam 5 menit"
            run.note(name, "gagal", keterangan=why or "server berhenti sebelum siap")
            run.say(f"  {name}: GAGAL {why}")
        else:
            continue
        del starting[name]


def _start_all(run: _Run, names: list[str], parallel: int) -> None:
    queue, starting = deque(names), {}
    while queue or starting:
        while queue and len(starting) < parallel:
            name = queue.popleft()
            try:
                run.hub.start(name)
            except WorkbenchError as err:  # one refused start must not leave the class unready
                run.note(name, "gagal", keterangan=str(err))
                run.say(f"  {name}: GAGAL {err}")
                continue
            starting[name] = run.clock()
        run.sleep(POLL_SECONDS)
        _poll(run, starting)
        run.keep_warm()


def prepare_class(
    names: list[str],
    *,
    start: datetime,
    hub: HubClient,
    parallel: int | None = None,
    lead: timedelta | None = None,
    clock: Callable[[], datetime] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    say: Callable[[str], None] = print,
) -> pd.DataFrame:
    """Start ``names``' servers before ``start``, staggered, and keep them warm until then.

    Waits until ``start - lead`` (``lead`` defaults to :func:`lead_time`), starts at most
    ``parallel`` servers at a time, then keeps the prepared ones active until ``start`` and
    returns: a table with one row per account (columns ``akun``, ``status``, ``siap`` (WIB),
    ``detik_mulai``, ``keterangan``). Failures of single servers are rows, not exceptions.
    """
    tz = get_settings().tz
    run = _Run(hub, clock or (lambda: datetime.now(tz)), sleep, say)
    parallel = parallel or default_parallel()
    if parallel < 1:
        raise WorkbenchError("Jumlah server yang dimulai bersamaan harus 1 atau lebih.")
    lead = lead if lead is not None else lead_time(len(names), parallel=parallel)
    todo = _check_accounts(run, list(dict.fromkeys(names)))
    begin = start - lead
    if todo and begin > run.clock():
        say(
            f"Menunggu sampai {fmt.clock(begin)} WIB untuk mulai menyiapkan {len(todo)} server "
            f"(kelas mulai {fmt.clock(start)} WIB)."
        )
        run.wait_until(begin)
    if todo:
        say(f"Menyiapkan {len(todo)} server, paling banyak {parallel} bersamaan ...")
        _start_all(run, todo, parallel)
    run.wait_until(start)
    run.keep_warm(force=True)
    table = pd.DataFrame([run.rows[n] for n in dict.fromkeys(names)], columns=COLUMNS)
    return table
