"""Preparing a class on the hub (workbench.hubclass): the schedule, against a stand-in hub.

The real hub, real users and the trainer's permissions are exercised in tests/test_hub.py.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from workbench import hubclass
from workbench.cli import main
from workbench.errors import WorkbenchError

WIB = ZoneInfo("Asia/Jakarta")
T0 = datetime(2026, 12, 7, 7, 0, tzinfo=WIB)


class Clock:
    """Simulated time: sleeping advances it at once."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.now += timedelta(seconds=seconds)


class FakeHub(hubclass.HubClient):
    """A hub whose servers become ready ``start_seconds`` after they are asked for."""

    def __init__(self, clock: Clock, users, *, start_seconds=3.0, broken=(), running=()):
        super().__init__("http://hub.invalid/hub/api", "token")
        self.clock = clock
        self.users = set(users)
        self.start_seconds = start_seconds
        self.broken = set(broken)
        self.asked: dict[str, datetime] = {name: T0 - timedelta(hours=1) for name in running}
        self.touches: list[tuple[datetime, tuple[str, ...]]] = []
        self.most_starting = 0
        self.refused: set[str] = set()

    def request(self, method, path, body=None):  # no network in these tests
        raise AssertionError(f"unexpected request {method} {path}")

    def _state(self, name):
        if name not in self.asked:
            return None
        ready = self.clock() - self.asked[name] >= timedelta(seconds=self.start_seconds)
        if name in self.broken:
            return None if ready else {"ready": False, "pending": "spawn"}
        return {"ready": ready, "pending": None if ready else "spawn"}

    def user(self, name):
        if name not in self.users:
            return None
        state = self._state(name)
        return {"name": name, "servers": {"": state} if state else {}}

    def start(self, name):
        if name in self.refused:
            raise WorkbenchError(f"Hub menolak memulai server {name} (HTTP 500): boom")
        self.asked[name] = self.clock()
        starting = [n for n in self.asked if (s := self._state(n)) and not s["ready"]]
        self.most_starting = max(self.most_starting, len(starting))

    def mark_active(self, names, when):
        self.touches.append((when, tuple(names)))

    def failure(self, name):
        return "Spawn failed: Server didn't respond"


def prepare(hub, clock, names, **kw):
    kw.setdefault("start", T0 + timedelta(minutes=30))
    return hubclass.prepare_class(
        names, hub=hub, clock=clock, sleep=clock.sleep, say=lambda _: None, **kw
    )


def test_servers_start_staggered_never_more_than_parallel_at_once():
    """Does preparation start at most `parallel` servers at a time, all ready before class?"""
    clock = Clock()
    names = [f"peserta{i:02d}" for i in range(1, 31)]
    hub = FakeHub(clock, names)
    table = prepare(hub, clock, names, parallel=2)
    assert list(table.columns) == hubclass.COLUMNS
    assert table["status"].eq("siap").all() and list(table["akun"]) == names
    assert hub.most_starting == 2
    start = T0 + timedelta(minutes=30)
    assert (table["siap"] < start).all()
    assert table["detik_mulai"].between(3, 4).all()


def test_preparation_begins_lead_time_before_class_not_earlier():
    """Does it wait until start minus the lead time before starting any server?"""
    clock = Clock()
    names = ["a", "b", "c", "d"]
    hub = FakeHub(clock, names)
    start = T0 + timedelta(hours=2)
    prepare(hub, clock, names, start=start, parallel=1)
    lead = hubclass.lead_time(4, parallel=1)
    assert lead == timedelta(seconds=4 * hubclass.SECONDS_PER_START) + hubclass.MARGIN
    assert min(hub.asked.values()) == start - lead
    assert clock() == start  # it returns when the class begins


def test_prepared_servers_are_kept_warm_and_marked_active_at_class_start():
    """Are waiting servers marked active while they wait and once more at the start?"""
    clock = Clock()
    hub = FakeHub(clock, ["a", "b"])
    start = T0 + timedelta(hours=2)
    prepare(hub, clock, ["a", "b"], start=start, lead=timedelta(hours=1), parallel=1)
    times = [when for when, names in hub.touches if names == ("a", "b")]
    assert times[-1] == start  # the culler counts idle time from the class start
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert gaps and max(gaps) <= hubclass.KEEP_WARM_EVERY


def test_unknown_running_and_failing_accounts_are_rows_not_crashes():
    """Does one bad account leave the others prepared, each with an honest status?"""
    clock = Clock()
    hub = FakeHub(clock, ["ok", "rusak", "jalan", "ditolak"], broken=["rusak"], running=["jalan"])
    hub.refused = {"ditolak"}
    names = ["ditolak", "ok", "asing", "rusak", "jalan"]
    table = prepare(hub, clock, names, parallel=1).set_index("akun")
    assert table.loc["ditolak", "status"] == "gagal"
    assert "HTTP 500" in table.loc["ditolak", "keterangan"]
    assert table.loc["ok", "status"] == "siap"
    assert table.loc["asing", "status"] == "tidak dikenal"
    assert table.loc["rusak", "status"] == "gagal"
    assert "Spawn failed" in table.loc["rusak", "keterangan"]
    assert table.loc["jalan", "status"] == "sudah berjalan"
    assert set(hub.touches[-1][1]) == {"ok", "jalan"}  # the failed one is not kept warm


def test_a_server_that_never_gets_ready_is_given_up_after_the_deadline():
    """Is a server still pending after START_DEADLINE reported as failed, and the rest go on?"""
    clock = Clock()
    hub = FakeHub(clock, ["lambat", "cepat"])
    hub.start_seconds = 10_000
    table = prepare(hub, clock, ["lambat", "cepat"], parallel=1, start=T0 + timedelta(hours=1))
    assert list(table["status"]) == ["gagal", "gagal"]
    assert "5 menit" in table.loc[0, "keterangan"]
    assert hub.asked["cepat"] - hub.asked["lambat"] > timedelta(seconds=hubclass.START_DEADLINE)


def test_class_start_reads_office_clock_times():
    """Are 08:00, 08.00 and 'sekarang' read as today's times in WIB, and nonsense refused?"""
    now = datetime(2026, 12, 7, 6, 30, tzinfo=WIB)
    assert hubclass.class_start("08:00", now=now) == datetime(2026, 12, 7, 8, 0, tzinfo=WIB)
    assert hubclass.class_start("8.15", now=now) == datetime(2026, 12, 7, 8, 15, tzinfo=WIB)
    assert hubclass.class_start("sekarang", now=now) == now
    for bad in ("jam 8", "25:00", "08:61", ""):
        with pytest.raises(WorkbenchError, match="Jam mulai"):
            hubclass.class_start(bad, now=now)


def test_roster_accounts_are_read_and_bad_rows_named(tmp_path):
    """Does the roster give the 'akun' column in order, naming empty and repeated rows?"""
    good = tmp_path / "peserta.csv"
    good.write_text("NIP;nama;akun\n1;Budi;peserta01\n2;Sari;peserta02\n", encoding="utf-8")
    assert hubclass.read_roster(good) == ["peserta01", "peserta02"]
    xlsx = tmp_path / "peserta.xlsx"
    pd.DataFrame({"nama": ["Budi", "Sari"], "Akun": ["p1", "p2"]}).to_excel(xlsx, index=False)
    assert hubclass.read_roster(xlsx) == ["p1", "p2"]
    bad = tmp_path / "salah.csv"
    bad.write_text("nama;akun\nBudi;p1\nSari;\nAni;p1\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        hubclass.read_roster(bad)
    rows = {(p.row, p.message) for p in err.value.problems}
    assert rows == {(3, "akun kosong"), (4, "akun sama dengan baris 2")}
    missing = tmp_path / "tanpa.csv"
    missing.write_text("NIP;nama\n1;Budi\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="kolom 'akun'"):
        hubclass.read_roster(missing)


def test_command_without_hub_says_where_to_run_it(monkeypatch, capsys):
    """Does the command outside a hub explain (in Indonesian) how to run it, not crash?"""
    for name in ("JUPYTERHUB_API_URL", "JUPYTERHUB_API_TOKEN", "WORKBENCH_HUB_API_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert main(["hub", "prepare-class", "--accounts", "peserta01"]) == 1
    err = capsys.readouterr().err
    assert "Kesalahan:" in err and "terminal JupyterLab akun pelatih" in err


def test_unreachable_hub_is_an_indonesian_error():
    """Is a hub that does not answer one WorkbenchError naming the address?"""
    hub = hubclass.HubClient("http://127.0.0.1:9/hub/api", "x", timeout=2)
    with pytest.raises(WorkbenchError, match="tidak bisa dihubungi"):
        hub.user("peserta01")


@pytest.mark.parametrize(
    ("status", "body"),
    [(403, "Forbidden"), (404, '{"message": "No access to resources or resources not found"}')],
)
def test_refusals_for_lack_of_permission_say_so(status, body):
    """Is a hub refusal for lack of scope (403, or JupyterHub's 404) explained, not dumped?"""
    with pytest.raises(WorkbenchError, match=r"tidak punya izin.*grup peserta"):
        hubclass.HubClient._check(status, body, "memulai server peserta02")
