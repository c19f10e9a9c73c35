"""The workshop file: faults told in Indonesian, a backup at each round start, read-only viewing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.roleplay import Workshop, store
from workbench.storage import connect_sqlite

ROOT = Path(__file__).resolve().parent.parent
CARD = ROOT / "scenarios" / "selasa-biasa.yaml"


@pytest.fixture
def ws(tmp_path) -> Workshop:
    ws = Workshop.create(
        tmp_path / "lokakarya.sqlite", "Uji berkas", card=CARD, teams=["Tim A", "Tim B"],
        replications=4,
    )  # fmt: skip
    ws.submit("Tim A", ws.baseline())
    return ws


def _no_english(message: str) -> None:
    for word in ("DatabaseError", "OperationalError", "database disk image", "file is not a"):
        assert word not in message, message


def test_a_damaged_file_points_to_the_backup(ws):
    """When the workshop file is overwritten with garbage, does opening it say in Indonesian
    that it is damaged and where the automatic backup from the last round start is, and does
    restoring it bring the workshop back with the damaged file kept aside?"""
    ws.start_round()
    assert store.backup_path(ws.path).is_file()
    ws.path.write_bytes(b"bukan sqlite " * 400)
    with pytest.raises(WorkbenchError) as info:
        Workshop.open(ws.path)
    message = str(info.value)
    _no_english(message)
    assert "rusak" in message and "lokakarya.cadangan.sqlite" in message
    assert "Pulihkan cadangan" in message
    kept = Workshop.restore_backup(ws.path)
    assert kept.read_bytes().startswith(b"bukan sqlite")
    again = Workshop.open(ws.path)
    assert again.current_round().number == 2 and again.plan_of("Tim A") is not None


def test_an_empty_file_is_called_empty(tmp_path):
    """Is a 0-byte workshop file reported as empty (not 'not a workshop file')?"""
    path = tmp_path / "lokakarya.sqlite"
    path.write_bytes(b"")
    with pytest.raises(WorkbenchError, match="kosong \\(0 byte\\)") as info:
        Workshop.open(path)
    _no_english(str(info.value))


def test_another_sqlite_file_is_not_a_workshop(tmp_path):
    """Is a SQLite file of another program refused as not a workshop file, in Indonesian?"""
    path = tmp_path / "lain.sqlite"
    con = connect_sqlite(path, what="uji", create=True)
    con.execute("CREATE TABLE catatan (x)")
    con.close()
    with pytest.raises(WorkbenchError, match="bukan berkas lokakarya"):
        Workshop.open(path)


def test_a_locked_file_is_explained_quickly(ws, monkeypatch):
    """When another program holds the file locked, is a submission refused within the busy
    timeout with an Indonesian message saying what to do, and nothing half-stored?"""
    monkeypatch.setattr(store, "BUSY_TIMEOUT_SECONDS", 0.3)
    holder = connect_sqlite(ws.path, what="program lain", timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(WorkbenchError, match="dipakai program lain") as info:
            ws.submit("Tim B", ws.baseline())
        _no_english(str(info.value))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert ws.plan_of("Tim B") is None
    ws.submit("Tim B", ws.baseline())
    assert ws.plan_of("Tim B") is not None


def test_a_read_only_file_can_be_viewed(ws, monkeypatch):
    """Does a file this process may not write open for viewing (leaderboard, plans), while a
    submission is refused in Indonesian, both when detected and when asked for?"""
    monkeypatch.setattr(store, "writable", lambda path: False)
    seen = Workshop.open(ws.path)
    assert seen.readonly
    assert seen.leaderboard().set_index("tim").loc["Tim A", "status"] == "dikirim"
    assert Workshop.names(ws.path) == ["Uji berkas"]
    with pytest.raises(WorkbenchError, match="hanya bisa dilihat"):
        seen.submit("Tim B", seen.baseline())
    monkeypatch.undo()
    forced = Workshop.open(ws.path, readonly=True)
    with pytest.raises(WorkbenchError, match="hanya bisa dilihat"):
        forced.start_round()


def test_sqlite_refuses_writes_on_a_read_only_connection(ws):
    """Does SQLite itself refuse a write through a read-only connection, told in Indonesian?"""
    with (
        pytest.raises(WorkbenchError, match="hanya boleh dibaca"),
        store.opened(ws.path, readonly=True) as con,
    ):
        con.execute("DELETE FROM plans")


def test_a_new_round_and_its_carried_plans_appear_together(ws):
    """While the facilitator starts a round, does a page polling the file never see the new
    round without its teams' carried plans?"""
    ws.submit("Tim B", ws.baseline())
    seen: list[tuple[int, bool]] = []
    stop = threading.Event()

    def poll() -> None:
        page = Workshop.open(ws.path)
        while not stop.is_set():
            stand = page.standing("Tim A")
            seen.append((stand.round.number, stand.plan is not None))

    thread = threading.Thread(target=poll)
    thread.start()
    try:
        ws.start_round(disruption="lonjakan", decision_at="10:00")
        deadline = time.monotonic() + 30
        while not any(n == 2 for n, _ in seen) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        thread.join()
    assert any(n == 1 for n, _ in seen) and any(n == 2 for n, _ in seen)
    assert all(has_plan for _n, has_plan in seen), "ronde baru terlihat tanpa rencana tim"


def test_a_file_from_before_the_kpi_names_were_unified_still_reads(ws):
    """Does a workshop file written when the share within the standard was called
    'tepat_waktu' (and ranked by that name) still show its leaderboard and export?"""
    with store.opened(ws.path) as con, store.transaction(con):
        con.execute("UPDATE workshops SET rank_by = 'tepat_waktu'")
        for plan_id, kpis in con.execute("SELECT plan_id, kpis FROM results").fetchall():
            old = kpis.replace('"porsi_tepat_waktu"', '"tepat_waktu"')
            con.execute("UPDATE results SET kpis = ? WHERE plan_id = ?", (old, plan_id))
    again = Workshop.open(ws.path)
    assert again.rank_by == "porsi_tepat_waktu"
    board = again.leaderboard().set_index("tim")
    assert board.loc["Tim A", "porsi_tepat_waktu"] > 0 and board.loc["Tim A", "peringkat"] == 1
    assert again.submissions()["porsi_tepat_waktu"].notna().all()
