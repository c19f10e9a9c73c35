"""Sets a grading kernel's limits, then becomes its sandbox (run by path; standard library only).

Usage: ``python kernel_launcher.py [LIMITS] --log FILE [--chdir DIR --env K=V ... --user NAME]
-- COMMAND...``, as built by :func:`workbench.grading.sandbox.kernel_command`.

Hard limits, inherited by everything the kernel starts: address space (``--memory-mb``), file
size (``--file-mb``), open files, CPU seconds, no core dumps, and a process limit. The process
limit is counted per user: here it is set high (``--processes-total``: room for every learner
graded at once) and the sandboxed kernel lowers its own (``kernel_guard.py --wb-nproc``), which
the kernel counts per user namespace, so one learner's fork bomb cannot starve another's kernel.

Standard output and error go to ``--log`` (never the trainer's terminal, which learner code could
otherwise write escape sequences to); standard input is empty.

Without a sandbox (``--no-sandbox``), ``--chdir``, ``--env`` and ``--user`` give the kernel its
working folder, a clean environment and, as root, the unprivileged account.
"""

from __future__ import annotations

import argparse
import os
import sys


def _parse(argv: list[str]):
    parser = argparse.ArgumentParser(prog="kernel_launcher.py")
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--file-mb", type=int, default=200)
    parser.add_argument("--open-files", type=int, default=1024)
    parser.add_argument("--cpu-seconds", type=int, default=3600)
    parser.add_argument("--processes-total", type=int, default=0)
    parser.add_argument("--processes-user", help="account whose processes the limit counts")
    parser.add_argument("--log", required=True)
    parser.add_argument("--chdir")
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--user")
    parser.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    args.cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not args.cmd:
        parser.error("tidak ada perintah sesudah --")
    return args


def _limit(args) -> None:
    import resource

    def hard(kind: int, value: int) -> None:
        resource.setrlimit(kind, (value, value))

    hard(resource.RLIMIT_AS, args.memory_mb * 1024 * 1024)
    hard(resource.RLIMIT_FSIZE, args.file_mb * 1024 * 1024)
    hard(resource.RLIMIT_CORE, 0)
    hard(resource.RLIMIT_NOFILE, args.open_files)
    hard(resource.RLIMIT_CPU, args.cpu_seconds)
    if args.processes_total:
        uid = os.getuid()
        if args.processes_user:
            import pwd

            uid = pwd.getpwnam(args.processes_user).pw_uid
        hard(resource.RLIMIT_NPROC, _tasks_of(uid) + args.processes_total)


def _tasks_of(uid: int) -> int:
    """Threads now running as ``uid`` (what the kernel's process limit counts)."""
    count = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        if int(status.get("Uid", "-1").split()[0]) == uid:
            count += int(status.get("Threads", "1"))
    return count


def _streams(log: str) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    os.close(null)


def _drop(user: str) -> None:
    import pwd

    entry = pwd.getpwnam(user)
    os.setgroups([])
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)


def main(argv: list[str]) -> None:
    args = _parse(argv)
    _streams(args.log)
    _limit(args)
    env = None
    if args.env:
        env = dict(item.split("=", 1) for item in args.env)
    if args.chdir:
        os.chdir(args.chdir)
    if args.user and hasattr(os, "geteuid") and os.geteuid() == 0:
        _drop(args.user)
    if env is None:
        os.execvp(args.cmd[0], args.cmd)
    os.execvpe(args.cmd[0], args.cmd, env)


if __name__ == "__main__":
    main(sys.argv[1:])
