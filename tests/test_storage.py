"""Atomic writes: nothing already saved is lost or half-written."""

from __future__ import annotations

import errno
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from tests.refuse import refuse_writes_in
from workbench.errors import WorkbenchError
from workbench.storage import atomic_path, locked, write_text


def test_write_replaces_the_whole_file(tmp_path):
    """Does a successful write replace the old content and leave no temporary file behind?"""
    target = tmp_path / "sub" / "rencana.csv"
    write_text(target, "lama\n")
    write_text(target, "baru\n")
    assert target.read_text(encoding="utf-8") == "baru\n"
    assert [p.name for p in target.parent.iterdir()] == ["rencana.csv"]


def test_failure_midway_keeps_the_previous_version(tmp_path):
    """If writing fails halfway, is the earlier file intact and the half-written one gone?"""
    target = tmp_path / "progres.json"
    target.write_text('{"q1": "benar"}', encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text('{"q1": "sal', encoding="utf-8")
        raise RuntimeError("listrik padam")
    assert target.read_text(encoding="utf-8") == '{"q1": "benar"}'
    assert list(tmp_path.iterdir()) == [target]


def test_temporary_file_keeps_the_suffix(tmp_path):
    """Do writers that choose a format from the name (Excel) get a path with the same suffix?"""
    with atomic_path(tmp_path / "laporan.xlsx") as tmp:
        assert tmp.suffix == ".xlsx" and tmp.parent == tmp_path
        tmp.write_bytes(b"x")


def test_unwritable_folder_is_explained(tmp_path, monkeypatch):
    """Is a folder the user may not write to reported in Indonesian, naming the folder?"""
    refuse_writes_in(tmp_path, monkeypatch, errno.EACCES)
    with pytest.raises(WorkbenchError, match="tidak boleh dibuka atau ditulisi") as info:
        write_text(tmp_path / "x.txt", "x")
    assert str(tmp_path) in str(info.value)


def test_file_held_open_elsewhere_is_explained(tmp_path, monkeypatch):
    """When Windows refuses the rename because Excel holds the file, is the user told why?"""
    target = tmp_path / "laporan.csv"
    target.write_text("lama", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WorkbenchError, match="sedang dibuka di program lain"):
        write_text(target, "baru")
    assert target.read_text(encoding="utf-8") == "lama"
    assert list(tmp_path.iterdir()) == [target]


def test_disk_full_while_writing_is_explained(tmp_path, monkeypatch):
    """When the disk fills up while a file is written, is the user told in Indonesian that the
    disk is full, with the earlier version intact and no half file left?"""
    target = tmp_path / "rencana.csv"
    target.write_text("lama", encoding="utf-8")
    refuse_writes_in(tmp_path, monkeypatch, errno.ENOSPC, at="sync")
    with pytest.raises(WorkbenchError, match="disk penuh") as info:
        write_text(target, "baru")
    assert str(target) in str(info.value)
    assert target.read_text(encoding="utf-8") == "lama"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path):
    """On a shared server (umask 002), can the trainer's group read a new state file, and does
    a file the trainer made group-writable stay so when it is saved again?"""
    old = os.umask(0o002)
    try:
        fresh = write_text(tmp_path / "baru.json", "{}")
        assert fresh.stat().st_mode & 0o777 == 0o664
        kept = tmp_path / "lama.json"
        kept.write_text("{}", encoding="utf-8")
        kept.chmod(0o640)
        write_text(kept, '{"x": 1}')
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


# -- one lock per file, across processes ---------------------------------------------------

_FORK = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
needs_fork = pytest.mark.skipif(_FORK is None, reason="worker processes are forked")


def _count_up(path: str, times: int, start) -> None:
    """Read a number from ``path`` and write it back plus one, ``times`` times, under lock."""
    start.wait()
    for _ in range(times):
        with locked(path):
            value = int(Path(path).read_text(encoding="utf-8"))
            write_text(path, str(value + 1))


def _hold_forever(path: str, holding) -> None:
    with locked(path):
        holding.set()
        while True:
            time.sleep(1)


def _wait(event, what: str) -> None:
    if not event.wait(60):
        raise AssertionError(f"worker never {what}")


@needs_fork
def test_lock_keeps_every_update_of_concurrent_processes(tmp_path):
    """When three processes each add one to a shared counter file 40 times, is every one of
    the 120 updates kept, and no lock or temporary file left behind?"""
    target = tmp_path / "hitung.txt"
    target.write_text("0", encoding="utf-8")
    start = _FORK.Event()
    workers = [
        _FORK.Process(daemon=True, target=_count_up, args=(str(target), 40, start))
        for _ in range(3)
    ]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert target.read_text(encoding="utf-8") == "120"
    assert list(tmp_path.iterdir()) == [target]


@needs_fork
def test_lock_of_a_killed_process_is_released(tmp_path):
    """When a process holding the lock is killed (a kernel restarted mid-save), can the next
    writer take the lock at once, instead of waiting for it to go stale?"""
    target = tmp_path / "progres.json"
    holding = _FORK.Event()
    holder = _FORK.Process(daemon=True, target=_hold_forever, args=(str(target), holding))
    holder.start()
    _wait(holding, "took the lock")
    holder.kill()
    holder.join(60)
    with locked(target, timeout=0):
        write_text(target, "{}")
    assert list(tmp_path.iterdir()) == [target]


@needs_fork
def test_lock_held_by_a_busy_process_refuses_instead_of_writing_unlocked(tmp_path):
    """While another live process holds the lock, does a writer that cannot get it in time
    stop with an Indonesian message rather than write anyway?"""
    target = tmp_path / "rencana.csv"
    holding = _FORK.Event()
    holder = _FORK.Process(daemon=True, target=_hold_forever, args=(str(target), holding))
    holder.start()
    try:
        _wait(holding, "took the lock")
        refused = pytest.raises(WorkbenchError, match="sedang disimpan oleh proses lain")
        with refused, locked(target, timeout=0.2):
            write_text(target, "tertimpa")
        assert not target.exists()
    finally:
        holder.kill()
        holder.join(60)


def test_a_file_held_for_a_moment_is_replaced_after_a_retry(tmp_path, monkeypatch):
    """On Windows, when a virus scanner holds the file for a moment and the first renames are
    refused, is the new version still saved (and no temporary file left)?"""
    from workbench import storage

    target = tmp_path / "progres.json"
    target.write_text("lama", encoding="utf-8")
    real, refusals = os.replace, iter([True, True])

    def busy_twice(src, dst):
        if next(refusals, False):
            raise PermissionError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(storage, "_REPLACE_RETRIES", 10)
    monkeypatch.setattr(os, "replace", busy_twice)
    write_text(target, "baru")
    assert target.read_text(encoding="utf-8") == "baru"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(os.name == "nt", reason="Windows has no folder sync")
def test_the_rename_itself_is_flushed_to_disk(tmp_path, monkeypatch):
    """Are both the new file and its folder (the rename) synced, so a power cut right after
    "saved" cannot bring the previous version back?"""
    import stat

    real, synced = os.fsync, []

    def fsync(fd):
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_text(tmp_path / "rencana.csv", "baru")
    assert synced == [False, True]


def test_a_file_system_without_locks_is_explained(tmp_path, monkeypatch):
    """On a network share that has no file locks, is the user told to move the state folder,
    rather than the save going ahead unlocked or failing with a bare error code?"""
    from workbench import storage

    def no_locks(fd):
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(storage, "_try_lock", no_locks)
    target = tmp_path / "rencana.csv"
    with pytest.raises(WorkbenchError, match="tidak mendukung kunci berkas"), locked(target):
        write_text(target, "tanpa kunci")
    assert list(tmp_path.iterdir()) == []


# --- connect_sqlite: the one way to open SQLite ---------------------------------------------


def test_sqlite_missing_file_is_named_in_indonesian(tmp_path):
    """Does opening a database that is not there name the file instead of creating it?"""
    from workbench.storage import connect_sqlite

    with pytest.raises(WorkbenchError, match="tidak ditemukan") as info:
        connect_sqlite(tmp_path / "tidak-ada.sqlite", what="basis data lokakarya")
    assert "tidak-ada.sqlite" in str(info.value)
    assert not (tmp_path / "tidak-ada.sqlite").exists()


@pytest.mark.parametrize("content", [b"", b"ini bukan basis data" * 100])
def test_sqlite_corrupt_or_empty_file_says_restore_from_backup(tmp_path, content):
    """Does a damaged file give an Indonesian message that points at the backup?"""
    from workbench.storage import connect_sqlite

    path = tmp_path / "rusak.sqlite"
    path.write_bytes(content)
    if not content:  # an empty file is a valid empty database for SQLite: it opens
        connect_sqlite(path, what="basis data lokakarya").close()
        return
    with pytest.raises(WorkbenchError, match=r"rusak atau bukan basis data SQLite.*cadangan"):
        connect_sqlite(path, what="basis data lokakarya")


def test_sqlite_locked_database_is_explained_quickly(tmp_path):
    """Does a writer held up by another writer get a message after the timeout, not a hang?"""
    from workbench.storage import connect_sqlite, sqlite_transaction

    path = tmp_path / "db.sqlite"
    first = connect_sqlite(path, what="gradebook", create=True)
    first.execute("CREATE TABLE t (x)")
    second = connect_sqlite(path, what="gradebook", timeout=0.2)
    with sqlite_transaction(first):
        first.execute("INSERT INTO t VALUES (1)")
        refused = pytest.raises(WorkbenchError, match="sedang dipakai program lain")
        with refused, sqlite_transaction(second):
            second.execute("INSERT INTO t VALUES (2)")
    assert [r[0] for r in second.execute("SELECT x FROM t")] == [1]


def test_sqlite_transaction_rolls_back_on_error(tmp_path):
    """Does a failure inside a transaction leave nothing half-written?"""
    from workbench.storage import connect_sqlite, sqlite_transaction

    con = connect_sqlite(tmp_path / "db.sqlite", what="basis data", create=True)
    con.execute("CREATE TABLE t (x)")
    with pytest.raises(RuntimeError), sqlite_transaction(con):
        con.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("gagal di tengah")
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 0


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_sqlite_read_only_file_can_be_viewed_but_not_written(tmp_path):
    """Can a read-only database (file and folder) be opened to look at, but not written?"""
    from workbench.storage import connect_sqlite

    path = tmp_path / "db.sqlite"
    con = connect_sqlite(path, what="basis data lokakarya", create=True, wal=False)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (7)")
    con.close()
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        view = connect_sqlite(path, what="basis data lokakarya", readonly=True)
        assert view.execute("SELECT x FROM t").fetchone()[0] == 7
        with pytest.raises(Exception, match=r"readonly|read-only"):
            view.execute("INSERT INTO t VALUES (8)")
    finally:
        tmp_path.chmod(0o755)


def test_sqlite_read_only_message_is_indonesian():
    """Does SQLite's 'attempt to write a readonly database' become an Indonesian message?"""
    import sqlite3

    from workbench.storage import sqlite_error

    err = sqlite_error(
        sqlite3.OperationalError("attempt to write a readonly database"), "x.db", "gradebook"
    )
    assert "hanya boleh dibaca" in str(err) and "Gradebook x.db" in str(err)


def _open_and_insert(args):
    from workbench.storage import connect_sqlite, sqlite_transaction

    path, i = args
    con = connect_sqlite(path, what="basis data", create=True)
    with sqlite_transaction(con):
        con.execute("CREATE TABLE IF NOT EXISTS t (x)")
        con.execute("INSERT INTO t VALUES (?)", (i,))
    con.close()


def test_sqlite_many_processes_creating_the_same_new_database_all_store(tmp_path):
    """Do 24 processes opening a brand-new database in the same instant all get to write?

    Switching a new file to WAL needs it alone for a moment; SQLite refuses at once rather
    than waiting, so the first second of a room full of pages used to lose submissions.
    """
    from concurrent.futures import ProcessPoolExecutor

    from workbench.storage import connect_sqlite

    path = tmp_path / "baru.sqlite"
    with ProcessPoolExecutor(max_workers=12) as pool:
        list(pool.map(_open_and_insert, [(path, i) for i in range(24)]))
    con = connect_sqlite(path, what="basis data")
    assert sorted(r[0] for r in con.execute("SELECT x FROM t")) == list(range(24))
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _create_slowly(path, started):
    from workbench.storage import connect_sqlite

    first = connect_sqlite(path, what="basis data", create=True, wal=False)
    first.execute("BEGIN IMMEDIATE")
    first.execute("CREATE TABLE t (x)")
    started.set()
    time.sleep(0.5)
    first.execute("COMMIT")


def test_sqlite_waits_for_a_writer_before_switching_a_new_file_to_wal(tmp_path):
    """Does opening wait for a writer still creating the file, instead of failing at once?

    SQLite refuses a journal-mode change with "database is locked" without waiting; this is
    what lost workshop submissions in the first second of a busy room.
    """
    from workbench.storage import connect_sqlite, sqlite_transaction

    path = tmp_path / "baru.sqlite"
    started = multiprocessing.Event()
    creator = multiprocessing.Process(target=_create_slowly, args=(path, started))
    creator.start()
    assert started.wait(30)
    second = connect_sqlite(path, what="basis data", timeout=10)
    with sqlite_transaction(second):
        second.execute("INSERT INTO t VALUES (1)")
    creator.join(30)
    assert second.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
