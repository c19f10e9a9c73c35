"""Safe writes of shared state: atomic files and one real lock per file.

Every engine that saves something a user made (progress, plans, reports, shipped data) writes
through :func:`atomic_path` or :func:`write_text`: the content goes to a temporary file in the
same folder, is flushed to disk, and only then replaces the target in one rename. If anything
fails, the temporary file is removed and the previous version stays as it was; a write the
system refuses (disk full, read-only folder, file open in Excel) is one Indonesian
:class:`~workbench.errors.WorkbenchError`.

The new file gets the permissions the user's umask gives new files (so a trainer on a shared
server can collect learners' files when the umask allows it); a file that already exists keeps
its own permissions when it is replaced.

When several processes change the same file (two kernels recording progress, two officers
saving the follow-up plan), the read-check-write runs inside :func:`locked`, an operating-system
lock (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows). The system releases it when
the holder ends, even when the holder crashed or was killed, so a stale lock never blocks anyone.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from workbench.errors import WorkbenchError, os_reason

__all__ = [
    "LOCK_TIMEOUT",
    "SQLITE_TIMEOUT",
    "atomic_path",
    "connect_sqlite",
    "lock_path",
    "locked",
    "sqlite_error",
    "sqlite_transaction",
    "write_text",
]

#: Seconds :func:`locked` waits for another process before giving up with a message.
LOCK_TIMEOUT = 30.0


@contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str | None = None) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces ``path`` when the block succeeds.

    Write the whole content to the yielded path (with pandas, xlsxwriter, ``open``...). When
    the block ends without an exception the file is synced and renamed over ``path``; when it
    raises, the temporary file is deleted and ``path`` is untouched. An ``OSError`` while
    writing (disk full, quota, read-only disk) becomes a :class:`WorkbenchError` naming
    ``path``. ``suffix`` defaults to the target's, for writers that choose a format by name.
    """
    target = Path(path)
    tmp = _create_temporary(target, suffix or target.suffix or ".tmp")
    try:
        try:
            yield tmp
            _keep_mode(target, tmp)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        except OSError as exc:
            raise WorkbenchError(
                f"Berkas {target} {os_reason(exc)}. Tidak ada yang tersimpan; "
                "versi lamanya (jika ada) masih utuh."
            ) from exc
        try:
            _replace(tmp, target)
        except PermissionError as exc:
            raise WorkbenchError(
                f"Berkas {target} tidak bisa diganti: mungkin sedang dibuka di program lain "
                "(misalnya Excel). Tutup berkas itu, lalu ulangi; versi lamanya masih utuh."
            ) from exc
        except OSError as exc:
            raise WorkbenchError(f"Berkas {target} {os_reason(exc)}.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Flush the rename itself to disk (POSIX), so "saved" survives a power cut right after.

    Best effort: some file systems (network shares) refuse to sync a folder; the file is
    whole either way, only possibly the previous version.
    """
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


#: How often a rename refused with PermissionError is tried again, 0.1 s apart. On Windows a
#: virus scanner, the search indexer or a reader in another process holds a file for a moment
#: and the rename fails once; a file kept open in Excel still fails after the last try. On
#: POSIX the refusal means the folder is not writable, which waiting does not change.
_REPLACE_RETRIES = 10 if os.name == "nt" else 0


def _replace(tmp: Path, target: Path) -> None:
    for attempt in range(_REPLACE_RETRIES + 1):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == _REPLACE_RETRIES:
                raise
            time.sleep(0.1)


def _create_temporary(target: Path, suffix: str) -> Path:
    """A new empty file beside ``target``, created with the umask's permissions.

    ``tempfile.mkstemp`` would create it readable by its owner only (0600), whatever the
    umask; opening with mode 0666 lets the umask decide, as for any file the user saves.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        while True:
            tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}{suffix}"
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
            except FileExistsError:
                continue
            os.close(fd)
            return tmp
    except OSError as exc:
        raise WorkbenchError(f"Folder {target.parent} {os_reason(exc)}.") from exc


_BINARY = getattr(os, "O_BINARY", 0)


def _keep_mode(target: Path, tmp: Path) -> None:
    """Give ``tmp`` the permissions of the file it replaces (POSIX only)."""
    if os.name == "nt":
        return
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


def write_text(
    path: str | os.PathLike, text: str, *, encoding: str = "utf-8", newline: str = ""
) -> Path:
    """Write ``text`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding=encoding, newline=newline) as handle:
        handle.write(text)
    return Path(path)


# --- one lock per file ---------------------------------------------------------------------

if os.name == "nt":  # pragma: no cover - exercised on Windows laptops
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:  # held by another handle
            return False
        except OSError as exc:
            if exc.errno in (errno.EACCES, getattr(errno, "EDEADLOCK", 36)):  # held elsewhere
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


#: Errors that mean the file system has no locks at all (some network shares).
_NO_LOCKS = {
    code
    for code in (
        getattr(errno, "ENOLCK", None),
        getattr(errno, "EOPNOTSUPP", None),
        getattr(errno, "ENOTSUP", None),
        getattr(errno, "ENOSYS", None),
    )
    if code is not None
}


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file that guards ``path``: ``.<name>.lock`` in the same folder."""
    target = Path(path)
    return target.parent / f".{target.name}.lock"


@contextmanager
def locked(path: str | os.PathLike, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock on ``path`` for the block, across processes and threads.

    Use it around a read-check-write of ``path`` (load, change, :func:`write_text`), so that
    no other process changes the file in between. The lock is an operating-system lock on
    ``.<name>.lock`` beside ``path``: when the holder ends, normally or killed, the system
    releases it, so no stale lock ever blocks a later write. The lock file is removed when the
    last holder leaves. Waiting longer than ``timeout`` seconds (another process is busy with
    the file and does not finish) raises a :class:`WorkbenchError`; nothing is written
    unlocked. Not re-entrant: do not take the lock on the same path twice in one thread.
    """
    lock = lock_path(path)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = _acquire(lock, Path(path), timeout)
    except OSError as exc:
        if exc.errno in _NO_LOCKS:
            with suppress(OSError):  # nobody can hold a lock there: remove ours
                lock.unlink()
            raise WorkbenchError(
                f"Folder {lock.parent} ada di sistem berkas yang tidak mendukung kunci berkas "
                "(misalnya folder jaringan tertentu), jadi penyimpanan bersama tidak aman di "
                "sana. Pindahkan folder state ke disk lokal atau folder jaringan lain "
                "(pengaturan [paths] state di workbench.toml). Tidak ada yang ditulis."
            ) from exc
        raise WorkbenchError(
            f"Kunci berkas {lock} tidak bisa dibuat: folder {lock.parent} {os_reason(exc)}."
        ) from exc
    try:
        yield
    finally:
        _release(fd, lock)


def _acquire(lock: Path, target: Path, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    delay = 0.001
    fd = _open_lock(lock)
    try:
        while True:
            if _try_lock(fd):
                if _is_current(fd, lock):
                    return fd
                # The previous holder removed this lock file as we waited on it: use the new one.
                _unlock(fd)
                os.close(fd)
                fd = -1
                fd = _open_lock(lock)
                continue
            if time.monotonic() >= deadline:
                raise WorkbenchError(
                    f"Berkas {target} sedang disimpan oleh proses lain (notebook, dasbor atau "
                    f"perintah lain) dan belum selesai setelah {round(timeout)} detik. "
                    "Tunggu sebentar lalu ulangi; bila tetap begini, tutup notebook atau dasbor "
                    "lain yang memakai berkas itu. Tidak ada yang ditulis."
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        raise


def _open_lock(lock: Path) -> int:
    return os.open(lock, os.O_RDWR | os.O_CREAT | _BINARY, 0o666)


def _is_current(fd: int, lock: Path) -> bool:
    """Is the locked descriptor still the file at ``lock`` (not one removed meanwhile)?"""
    try:
        now = os.stat(lock)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _release(fd: int, lock: Path) -> None:
    if os.name == "nt":  # pragma: no cover - an open file cannot be removed on Windows
        _unlock(fd)
        os.close(fd)
        with suppress(OSError):  # another process has it open (and waits): it stays
            lock.unlink()
        return
    # Remove while still holding the lock: a waiter that then gets the old file sees that it
    # is no longer current and opens the new one (see _acquire).
    with suppress(OSError):
        lock.unlink()
    _unlock(fd)
    os.close(fd)


# --- one way to open SQLite ------------------------------------------------------------------

#: Seconds a SQLite writer waits for another writer before giving up with a message.
SQLITE_TIMEOUT = 30.0


def connect_sqlite(
    path: str | os.PathLike,
    *,
    what: str,
    create: bool = False,
    readonly: bool = False,
    timeout: float = SQLITE_TIMEOUT,
    wal: bool = True,
):
    """Open the SQLite database at ``path``: the one place the project calls ``sqlite3.connect``.

    ``what`` names the database for the user ("basis data lokakarya", "gradebook"); every
    failure becomes a :class:`WorkbenchError` in Indonesian that names the file and says what to
    do: missing (unless ``create``), not a database or damaged, locked by another program for
    longer than ``timeout`` seconds, read-only, or in a folder that cannot be used. The
    connection is in autocommit mode (``isolation_level=None``) with rows as
    :class:`sqlite3.Row`, a busy timeout, foreign keys on and, unless ``readonly`` or
    ``wal=False``, WAL journaling (readers never wait for a writer). Group writes with
    :func:`sqlite_transaction`. ``readonly`` opens with ``mode=ro``, so a file the user may only
    read can still be viewed.
    """
    import sqlite3

    target = Path(path)
    if not create and not target.is_file():
        if target.is_dir():
            raise WorkbenchError(f"{what.capitalize()} {target} adalah folder, bukan berkas.")
        raise WorkbenchError(
            f"{what.capitalize()} {target} tidak ditemukan; periksa nama dan foldernya."
        )
    try:
        if create:
            target.parent.mkdir(parents=True, exist_ok=True)
        if readonly:
            uri = target.resolve().as_uri() + "?mode=ro"
            con = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        else:
            con = sqlite3.connect(target, timeout=timeout, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        con.execute("PRAGMA foreign_keys = ON")
        # Touch the schema: a damaged or non-SQLite file fails here, not at the first query.
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if wal and not readonly:
            _use_wal(con, timeout)
    except sqlite3.Error as exc:
        raise sqlite_error(exc, target, what) from exc
    except OSError as exc:
        raise WorkbenchError(f"{what.capitalize()} {target} {os_reason(exc)}.") from exc
    return con


def _use_wal(con, timeout: float) -> None:
    """Switch the database to WAL journaling, waiting for other openers as a writer would.

    Changing the journal mode needs the database to itself for a moment, and SQLite answers
    "database is locked" at once (without its busy handler) while another process is opening or
    creating the same new file: thirty pages submitting in the first second all meet that. The
    mode is stored in the file, so once any connection has set it the others only read it.
    """
    import sqlite3

    deadline = time.monotonic() + timeout
    while True:
        try:
            if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                con.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def sqlite_error(exc: Exception, path: str | os.PathLike, what: str) -> WorkbenchError:
    """The Indonesian :class:`WorkbenchError` for a SQLite failure on ``path``."""
    text = str(exc).lower()
    name = f"{what.capitalize()} {Path(path)}"
    if "locked" in text or "busy" in text:
        return WorkbenchError(
            f"{name} sedang dipakai program lain terlalu lama. Tunggu sebentar lalu ulangi; "
            "bila berulang, tutup program lain yang membukanya (misalnya DB Browser)."
        )
    if "readonly" in text or "read-only" in text or "read only" in text:
        return WorkbenchError(
            f"{name} hanya boleh dibaca (izin berkas atau foldernya). Bukalah untuk dilihat "
            "saja, atau minta staf TI memberi izin tulis pada berkas dan foldernya."
        )
    if "unable to open" in text:
        return WorkbenchError(
            f"{name} tidak bisa dibuka: folder atau berkasnya tidak boleh dibaca atau ditulisi."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return WorkbenchError(
            f"{name} rusak atau bukan basis data SQLite. Pulihkan dari cadangan terakhir, "
            "atau pilih berkas lain."
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return WorkbenchError(
            f"{name} tidak bisa ditulis: disk penuh atau bermasalah. Kosongkan ruang disk lalu "
            "ulangi; yang sudah tersimpan tetap utuh."
        )
    return WorkbenchError(f"{name} tidak bisa dipakai (SQLite: {exc}).")


@contextmanager
def sqlite_transaction(con) -> Iterator:
    """One write transaction, taken at once (``BEGIN IMMEDIATE``), committed or rolled back.

    A SQLite failure inside becomes the same Indonesian error :func:`connect_sqlite` gives.
    """
    import sqlite3

    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise sqlite_error(exc, _database_file(con), "basis data") from exc
    try:
        yield con
    except BaseException:
        with suppress(sqlite3.Error):
            con.execute("ROLLBACK")
        raise
    try:
        con.execute("COMMIT")
    except sqlite3.Error as exc:
        with suppress(sqlite3.Error):
            con.execute("ROLLBACK")
        raise sqlite_error(exc, _database_file(con), "basis data") from exc


def _database_file(con) -> str:
    row = con.execute("PRAGMA database_list").fetchone()
    return row[2] if row is not None else "(di memori)"
