"""Warm grading kernels: forked from a sandboxed zygote into namespaces of their own.

Run by path inside a sandbox of :mod:`workbench.grading.sandbox` (standard library, ctypes and
what the kernel imports): ``python -P zygote.py --wb-fd N --wb-preload MOD,... --wb-nproc N``.

Starting Python, IPython and pandas costs every kernel about 0.7 s of CPU. The zygote pays it
once per grading worker: it imports them and then, never running learner code itself, forks
one kernel per request. Each fork leaves the zygote's world before the kernel starts:

1. new user, mount, PID, network, IPC and UTS namespaces (``unshare``), the learner's uid
   mapped to the zygote's own;
2. a second fork: the kernel is PID 1 of its own PID namespace (it and everything it starts see
   only themselves, and die when it dies) and dies with its monitor, which dies with the zygote;
3. a fresh ``/proc``; fresh, size-limited ``tmpfs`` for ``/tmp``, the working folder and the
   home; the kernel's socket folder and the assignment's files bound from the worker's shared
   folder (where the grader put them for this kernel only), which is then covered, so the
   kernel sees nothing of it;
4. no capabilities, ``no_new_privs``, no further user namespaces, a process limit, a new
   session; then the guarded kernel (:mod:`workbench.grading.kernel_guard`) starts in place.

The grader talks to the zygote over a socket pair it created (no file any sandbox can reach):
requests carry the kernel's log descriptor; replies report each kernel's end. A kernel is
killed by asking the zygote, which kills its own child: the grader never signals a process of
a sandbox.
"""

from __future__ import annotations

import array
import contextlib
import ctypes
import importlib.util
import json
import os
import signal
import socket
import sys

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38
CAPABILITY_VERSION_3 = 0x20080522
INSIDE_ID = 1000
WORK, HOME, SOURCE = "/kerja", "/home/peserta", "/penilai/sumber"
#: Where the zygote sees the worker's shared folder (each kernel's socket folder and files).
SHARED = "/penilai/titipan"
#: Largest message (JSON) and descriptor count of one request.
MESSAGE, DESCRIPTORS = 65536, 4

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _mount(source: str | None, target: str, kind: str | None, flags: int, data: str | None):
    enc = lambda v: v.encode() if v is not None else None  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(kind), flags, enc(data)), f"mount {target}")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def drop_capabilities() -> None:
    """No capability left, none to gain (bounding set emptied, ``no_new_privs``)."""
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() == 22:
            break  # EINVAL: past the last capability this kernel knows
    header = _CapHeader(CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as out:
        out.write(text)


def enter_namespaces(outside_uid: int, outside_gid: int) -> None:
    """New user, mount, PID, network, IPC and UTS namespaces for this (single-threaded)
    process, the learner's uid and gid mapped to ours."""
    flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
    _check(_libc.unshare(flags), "unshare")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{INSIDE_ID} {outside_uid} 1")
    _write("/proc/self/gid_map", f"{INSIDE_ID} {outside_gid} 1")


def build_filesystem(request: dict) -> None:
    """The kernel's own mounts (see module doc), in its new mount namespace: its socket folder
    and the assignment's files taken from the worker's shared folder, which is then hidden."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE, None)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    # Read-only folders of the cage under /tmp (course data in a temporary checkout) stay
    # visible above the kernel's own /tmp: held open, then bound again once it is mounted.
    kept = {path: os.open(path, os.O_PATH) for path in request.get("keep", [])}
    size = int(request["tmp_bytes"])
    for target in ("/tmp", WORK, HOME):
        _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=0700")
    for path, fd in kept.items():
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            os.makedirs(path, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "a").close()
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC, None)  # read-only as kept
        os.close(fd)
    own = os.path.join(SHARED, request["folder"])
    channel = request["channel"]
    os.makedirs(channel, mode=0o700, exist_ok=True)
    _mount(os.path.join(own, "kanal"), channel, None, MS_BIND, None)
    _mount(os.path.join(own, "sumber"), SOURCE, None, MS_BIND, None)
    _mount(None, SOURCE, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None)
    _mount("tmpfs", SHARED, "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY, "size=4096,mode=0500")


def _no_more_user_namespaces() -> None:
    with contextlib.suppress(OSError):
        _write("/proc/sys/user/max_user_namespaces", "0")


def become_kernel(request: dict, log: int, guard) -> None:
    """In the forked child: leave the zygote's world, then run the guarded kernel (never
    returns)."""
    try:
        uid, gid = os.getuid(), os.getgid()
        enter_namespaces(uid, gid)
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        pid = os.fork()
        if pid:  # the monitor, in the zygote's PID namespace: waits, and dies with the zygote
            os.close(log)
            _, status = os.waitpid(pid, 0)
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        build_filesystem(request)
        _libc.sethostname(b"penilai", 7)
        _no_more_user_namespaces()
        os.setsid()
        os.chdir(WORK)
        os.environ.clear()
        os.environ.update(request["env"])
        argv = list(request["argv"])
        connection = "/tmp/.koneksi-kernel.json"  # the kernel's own copy, in its own /tmp
        _write(connection, json.dumps(request["connection"]))
        argv[argv.index("-f") + 1] = connection
        sys.argv = [guard.__file__, *argv]  # as a kernel started on its own sees it
        drop_capabilities()
        guard.main(argv)
        os._exit(0)
    except SystemExit as exc:
        os._exit(exc.code if isinstance(exc.code, int) else 0)
    except BaseException:
        import traceback

        traceback.print_exc()
        os._exit(70)


def _receive(sock: socket.socket) -> tuple[dict, list[int]] | None:
    fds = array.array("i")
    data, ancillary, _, _ = sock.recvmsg(MESSAGE, socket.CMSG_SPACE(DESCRIPTORS * fds.itemsize))
    if not data:
        return None
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    return json.loads(data), list(fds)


def _load_guard():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel_guard.py")
    spec = importlib.util.spec_from_file_location("workbench_kernel_guard", path)
    guard = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(guard)
    return guard


def self_test() -> str | None:
    """Whether this system lets a fork make the namespaces and mounts a kernel needs (None),
    else why not: the grader then starts every kernel in a bubblewrap of its own."""
    pid = os.fork()
    if pid == 0:
        try:
            enter_namespaces(os.getuid(), os.getgid())
            if os.fork() == 0:
                _mount(None, "/", None, MS_REC | MS_PRIVATE, None)
                _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
                _mount("tmpfs", WORK, "tmpfs", MS_NOSUID | MS_NODEV, "size=4096")
                os._exit(0)
            _, status = os.wait()
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return None if code == 0 else f"namespace untuk kernel ditolak (kode {code})"


def serve(control: socket.socket, preload: list[str]) -> None:
    """Import once, then fork one kernel per request until the grader closes the socket."""
    problem = self_test()
    if problem is not None:
        control.sendall(json.dumps({"ready": False, "why": problem}).encode())
        return
    guard = _load_guard()
    guard.preload_modules(preload)
    children: dict[int, str] = {}
    control.sendall(json.dumps({"ready": True}).encode())
    while True:
        _reap(control, children)
        ready, _, _ = __import__("select").select([control], [], [], 0.2)
        if not ready:
            continue
        received = _receive(control)
        if received is None:
            break
        request, fds = received
        if "kill" in request:
            _kill(request["kill"], children)
            continue
        _start(control, request, fds[0], guard, children)
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _start(control, request: dict, log: int, guard, children: dict[int, str]) -> None:
    pid = os.fork()
    if pid == 0:
        control.close()
        become_kernel(request, log, guard)
    os.close(log)
    children[pid] = request["id"]
    control.sendall(json.dumps({"id": request["id"], "started": True}).encode())


def _kill(kernel_id: str, children: dict[int, str]) -> None:
    for pid, owner in children.items():
        if owner == kernel_id:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # our own child, not yet reaped: its PID is ours


def _reap(control, children: dict[int, str]) -> None:
    for pid in list(children):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            kernel_id = children.pop(pid)
            code = os.waitstatus_to_exitcode(status)
            control.sendall(json.dumps({"id": kernel_id, "exit": code}).encode())


def main(argv: list[str]) -> None:
    options = {}
    args = iter(argv)
    for arg in args:
        if arg.startswith("--wb-"):
            options[arg[5:]] = next(args, "")
    control = socket.socket(fileno=int(options["fd"]))
    serve(control, [m for m in options.get("preload", "").split(",") if m])


if __name__ == "__main__":
    main(sys.argv[1:])
