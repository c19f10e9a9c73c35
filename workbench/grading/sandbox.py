"""The cage each learner's notebook runs in while it is graded: bubblewrap, one per learner.

Every grading kernel is started by :mod:`workbench.grading.kernel` through
``kernel_launcher.py`` (resource limits) into a bubblewrap (``bwrap``) sandbox built here:

* new user, PID, network, IPC, UTS and cgroup namespaces: the kernel and everything it starts
  see only their own processes (nobody else's to signal), die with the kernel
  (``--die-with-parent``, PID 1 of the namespace), have no network and a clean environment
  (``--clearenv``, a few variables set here, no token of the grader);
* a file system of read-only binds only: the Python interpreter and its packages, the
  workbench package, the course's data sets, scenario cards and settings file; private
  ``tmpfs`` folders, size-limited and gone with the sandbox, for the working folder (a copy of
  the assignment's data files), ``/tmp`` and the home; nothing of the course, the gradebook,
  other submissions, ``.git``, the exchange or the grader's home exists inside;
* one folder shared with the grader: the kernel's Unix sockets (ZeroMQ ``ipc`` transport; the
  network namespace has no TCP path out), private to this kernel (no other sandbox has it) and,
  when the grader runs as root, closed for writing as soon as the kernel is up;
* ``--new-session`` (no terminal to inject keystrokes into), ``--disable-userns`` and no
  capabilities; limits on memory, file size, open files, CPU time and processes
  (``kernel_launcher.py``; the process limit counts per sandbox).

Run as root, the sandbox is nested: an outer bubblewrap, privileged, builds the same read-only
file system (so an installation inside a folder only root may enter, such as ``/root`` or a
``mktemp -d`` folder, still works), then ``setpriv`` drops to ``[grading] sandbox_user``
(``nobody``) and the inner, unprivileged bubblewrap does the rest: learner code never runs as
root nor as the trainer's account. Run as the trainer (a laptop, JupyterHub), only the inner
sandbox is used, with user namespaces as an ordinary user.

Where bubblewrap is missing or the system refuses namespaces, :func:`require_sandbox` refuses to
grade, saying why and what would stay unprotected, unless the trainer passed ``--no-sandbox``;
then the kernel runs with the limits only (as root, as the sandbox user; otherwise as the
trainer) and the hook restoration of :mod:`workbench.grading.kernel_guard` still applies.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.errors import WorkbenchError

__all__ = [
    "Cage",
    "cleanup_leftovers",
    "grading_cage",
    "kernel_command",
    "require_sandbox",
    "sandbox_problem",
    "zygote_command",
]

HERE = Path(__file__).resolve().parent
LAUNCHER = HERE / "kernel_launcher.py"
GUARD = HERE / "kernel_guard.py"
#: Inside the sandbox: the working folder, the home and the assignment's files (read-only).
WORK, HOME, SOURCE = "/kerja", "/home/peserta", "/penilai/sumber"
#: The learner's user and group inside the sandbox (mapped to the sandbox user outside).
INSIDE_ID = 1000
#: Variables of the grader's environment a kernel may see (nothing else passes, no tokens).
PASSED_ENV = (
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "PYDEVD_DISABLE_FILE_VALIDATION",
    "PYTHONHASHSEED",
    "PYTHONIOENCODING",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
)


@dataclass(frozen=True)
class Cage:
    """Limits and mode of the grading kernels of one batch."""

    memory_mb: int = 2048
    file_mb: int = 200
    tmp_mb: int = 256
    processes: int = 128
    open_files: int = 1024
    cpu_seconds: int = 3600
    jobs: int = 1
    #: As root: the account learner code runs as (``[grading] sandbox_user``).
    user: str | None = None
    #: False only when the trainer passed ``--no-sandbox`` (limits and user only).
    sandbox: bool = True
    #: Read-only folders and files visible inside (beyond Python and its packages).
    shared: tuple[str, ...] = field(default_factory=tuple)
    #: What must never be visible inside (course, gradebook, exchange, state, checkout).
    private: tuple[str, ...] = field(default_factory=tuple)
    env: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def with_(self, **changes) -> Cage:
        return replace(self, **changes)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@functools.cache
def _probe(user: str | None) -> str | None:
    """Run a tiny sandbox the way grading will; None if it works, else what went wrong."""
    bwrap, setpriv = shutil.which("bwrap"), shutil.which("setpriv")
    if bwrap is None:
        return "program bubblewrap (bwrap) tidak terpasang"
    if user is not None and setpriv is None:
        return "program setpriv (util-linux) tidak ada"
    inner = [bwrap, *_NAMESPACES, "--ro-bind", "/", "/", "--proc", "/proc", "--", "true"]
    cmd = inner
    if user is not None:
        cmd = [bwrap, "--dev-bind", "/", "/", "--bind", "/proc", "/proc", *_CAPS]
        cmd += [*_drop(user), *inner]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap tidak bisa dijalankan ({exc})"
    if result.returncode != 0:
        detail = (result.stderr or "").strip().splitlines()[-1:] or ["tanpa pesan"]
        return f"sistem menolak namespace untuk bubblewrap ({detail[0]})"
    return None


def sandbox_problem(user: str | None = None) -> str | None:
    """Why learners cannot be graded in a sandbox here (Indonesian), or None if they can.

    ``user``: the unprivileged account when grading as root."""
    if sys.platform != "linux":
        return "sandbox penilaian hanya tersedia di Linux (bubblewrap)"
    return _probe(user if _is_root() else None)


UNPROTECTED = (
    "Tanpa sandbox, kode peserta masih bisa: membaca berkas lain yang boleh dibaca akunnya "
    "(sebagai root: akun {user}; selain itu: akun Anda sendiri, termasuk kursus, kunci jawaban "
    "dan gradebook), memakai jaringan, melihat dan mengirim sinyal ke proses lain milik akun "
    "yang sama (juga kernel peserta lain bila --jobs lebih dari 1), dan meninggalkan proses "
    "yang tetap berjalan setelah penilaiannya. Tetap berlaku: batas memori, ukuran berkas, "
    "waktu per sel, dan pemulihan kait sebelum setiap sel uji."
)


def require_sandbox(cage: Cage) -> Cage:
    """The cage to grade with: refuses (Indonesian, with the reason and what would stay
    unprotected) when no sandbox is possible here and the trainer did not pass
    ``--no-sandbox`` (``cage.sandbox`` False)."""
    if not cage.sandbox:
        _check_unsandboxed_user(cage)
        return cage
    problem = sandbox_problem(cage.user)
    if problem is None:
        return cage
    how = (
        "Pasang dengan 'sudo apt-get install bubblewrap' (Debian/Ubuntu; atau 'make sandbox')"
        if "tidak terpasang" in problem
        else "Izinkan user namespace untuk pengguna biasa (Debian: sysctl "
        "kernel.unprivileged_userns_clone=1; Ubuntu 24.04: profil AppArmor bwrap dari paket "
        "bubblewrap)"
    )
    raise WorkbenchError(
        f"Kiriman peserta tidak dinilai: {problem}, jadi kode peserta tidak bisa dikurung. "
        f"{how}, lalu ulangi. Hanya untuk kiriman yang Anda percaya: tambahkan --no-sandbox. "
        + UNPROTECTED.format(user=cage.user or "tanpa hak istimewa")
    )


def grading_cage(
    course, *, memory_mb: int | None = None, jobs: int = 1, sandbox: bool = True
) -> Cage:
    """The sandbox the learners of ``course`` are graded in (refused in Indonesian when none is
    possible here and ``sandbox`` is True; see :func:`~workbench.grading.sandbox.require_sandbox`).
    """
    from workbench.config import get_settings

    settings = get_settings()
    shared = [settings.data_dir, settings.scenarios_dir]
    if settings.config_file is not None:
        shared.append(settings.config_file)
    private = [
        course.root,
        course.db_path,
        course.folder("source"),
        settings.exercises_dir,
        settings.state_dir,
        settings.home / ".git",
    ]
    cage = Cage(
        memory_mb=int(memory_mb or settings.grading_memory_mb),
        jobs=jobs,
        user=settings.grading_sandbox_user if _is_root() else None,
        sandbox=sandbox,
        shared=tuple(str(p) for p in shared),
        private=tuple(str(p) for p in private),
    )
    return require_sandbox(cage)


def _check_unsandboxed_user(cage: Cage) -> None:
    """Without a sandbox, as root: the sandbox user must be able to run this Python."""
    if cage.user is None or not _is_root():
        return
    import pwd

    try:
        entry = pwd.getpwnam(cage.user)
    except KeyError as exc:
        raise WorkbenchError(
            f"Pengguna '{cage.user}' ([grading] sandbox_user di workbench.toml) tidak ada di "
            "sistem ini. Buat akunnya atau pilih pengguna lain tanpa hak istimewa."
        ) from exc
    for path in python_paths():
        blocked = _first_closed(Path(path), entry.pw_uid, entry.pw_gid)
        if blocked is not None:
            raise WorkbenchError(
                f"Tanpa sandbox, kode peserta berjalan sebagai '{cage.user}' ([grading] "
                f"sandbox_user), tetapi folder {blocked} tidak bisa dibuka akun itu, jadi Python "
                f"di {path} tidak bisa dijalankan. Pasang bubblewrap agar penilaian berjalan "
                "dari folder mana pun, atau pindahkan instalasi ke folder yang bisa dibaca semua "
                "pengguna (misalnya /opt)."
            )


def _first_closed(path: Path, uid: int, gid: int) -> Path | None:
    """The first folder on the way to ``path`` that ``uid`` cannot enter, or None."""
    for folder in [*reversed(path.parents), path]:
        try:
            info = folder.stat()
        except OSError:
            return folder
        if not folder.is_dir():
            continue
        if info.st_uid == uid:
            bit = 0o100
        elif info.st_gid == gid:
            bit = 0o010
        else:
            bit = 0o001
        if not info.st_mode & bit:
            return folder
    return None


# --- the command ---------------------------------------------------------------------------------
_NAMESPACES = (
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
)
_CAPS = ("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP")


def _drop(user: str) -> list[str]:
    import pwd

    entry = pwd.getpwnam(user)
    return [
        shutil.which("setpriv") or "setpriv",
        f"--reuid={entry.pw_uid}",
        f"--regid={entry.pw_gid}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--pdeathsig=SIGKILL",
        "--",
    ]


def python_paths() -> list[str]:
    """Read-only folders a Python kernel of this environment needs: the interpreter's prefix,
    the environment, every package folder, and the workbench package itself."""
    import importlib.util
    import site
    import sysconfig

    interpreter = Path(os.path.realpath(sys.executable))
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(interpreter.parent.parent)}
    paths |= {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    paths |= set(site.getsitepackages())
    # Not sys.path: a test runner or `python -m` puts the checkout there (course, .git).
    spec = importlib.util.find_spec("workbench")
    paths |= set(spec.submodule_search_locations or []) if spec else set()
    return _outermost(p for p in paths if Path(p).exists())


def _outermost(paths) -> list[str]:
    """Real paths, dropping any inside another in the list or under /usr (bound whole)."""
    real = sorted({os.path.realpath(p) for p in paths} - {"/usr"})
    real = [p for p in real if not p.startswith("/usr/")]
    kept: list[str] = []
    for path in real:
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


def _system_binds() -> list[str]:
    """The host's /usr and the top-level links into it (/bin, /lib ... on a merged /usr)."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(name):
            args += ["--symlink", os.readlink(name), name]
        elif os.path.isdir(name):
            args += ["--ro-bind", name, name]
    if os.path.isfile("/etc/ld.so.cache"):
        args += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    return args


@dataclass(frozen=True)
class KernelFolder:
    """Host paths of one kernel: its folder, socket channel, connection file and log."""

    root: Path

    @property
    def channel(self) -> Path:
        return self.root / "kanal"

    @property
    def connection(self) -> Path:
        return self.root / "koneksi.json"

    @property
    def log(self) -> Path:
        return self.root / "log.txt"

    @property
    def work(self) -> Path:
        return self.root / "kerja"


def prepare_folder(root: Path, cage: Cage, *, shared: bool = False) -> KernelFolder:
    """Make a kernel's private folder (the grader's, mode 0700) with its socket channel,
    writable by the sandbox user, and the ``/etc/passwd`` and ``/etc/group`` the sandbox sees.
    ``shared``: a folder a zygote's kernel must pass through (mode 0711, inside the grader's
    private folder)."""
    folder = KernelFolder(root)
    root.mkdir(mode=0o700, parents=True)
    if shared:
        root.chmod(0o711)
    folder.channel.mkdir(mode=0o700)
    (root / "passwd").write_text(
        f"peserta:x:{INSIDE_ID}:{INSIDE_ID}:Peserta:{HOME}:/usr/sbin/nologin\n", encoding="utf-8"
    )
    (root / "group").write_text(f"peserta:x:{INSIDE_ID}:\n", encoding="utf-8")
    for name in ("passwd", "group"):
        (root / name).chmod(0o644)
    if cage.user is not None and _is_root():
        import pwd

        entry = pwd.getpwnam(cage.user)
        # Root owns the channel; the sandbox user's group may add the kernel's sockets until
        # the kernel is up (lock_channel), never after.
        os.chown(folder.channel, 0, entry.pw_gid)
        folder.channel.chmod(0o770)
        if not cage.sandbox:
            folder.work.mkdir(mode=0o700)
            os.chown(folder.work, entry.pw_uid, entry.pw_gid)
    elif not cage.sandbox:
        folder.work.mkdir(mode=0o700)
    return folder


def stage_source(folder: Path, kernel: KernelFolder) -> Path:
    """The assignment's files the kernel may copy into its working folder: those of ``folder``
    (where nbgrader runs the notebook) except notebooks (the one being graded holds the hidden
    tests) and links, readable by the sandbox user (the grader's own copies are not)."""
    target = kernel.root / "sumber"
    target.mkdir(mode=0o755)
    target.chmod(0o755)
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_symlink() or path.suffix == ".ipynb" or ".ipynb_checkpoints" in relative.parts:
            continue
        if path.is_dir():
            (target / relative).mkdir(mode=0o755, exist_ok=True)
            (target / relative).chmod(0o755)
        elif path.is_file():
            shutil.copyfile(path, target / relative)
            (target / relative).chmod(0o644)
    return target


def lock_channel(folder: KernelFolder, cage: Cage) -> None:
    """Once the kernel's sockets exist: as root, the sandbox user can no longer create files in
    the channel (nothing there but sockets). As the trainer the owner is the same account; the
    kernel manager's watch (:mod:`workbench.grading.kernel`) covers that case."""
    if cage.user is not None and _is_root() and cage.sandbox:
        folder.channel.chmod(0o750)


def kernel_command(
    cage: Cage,
    folder: KernelFolder,
    *,
    source: Path,
    preload: list[str],
    kernel_args: list[str],
) -> list[str]:
    """The full command jupyter_client starts for one grading kernel (launcher, sandbox,
    kernel). ``source``: the assignment folder whose non-notebook files the kernel copies
    into its working folder; ``kernel_args``: IPKernelApp's (``-f FILE`` and nbgrader's)."""
    inside_source = SOURCE if cage.sandbox else str(source)
    guard = [sys.executable, "-P", str(GUARD), "--wb-source", inside_source]
    guard += ["--wb-preload", ",".join(preload), "--wb-nproc", str(cage.processes)]
    guard += kernel_args
    launcher = [sys.executable, str(LAUNCHER), *_limits(cage), "--log", str(folder.log)]
    if not cage.sandbox:
        launcher += ["--chdir", str(folder.work)]
        launcher += [f"--env={k}={v}" for k, v in _environment(cage, folder).items()]
        if cage.user is not None and _is_root():
            launcher += ["--user", cage.user]
        return [*launcher, "--", *guard]
    inner = [*_inner(cage, folder, source), "--", *guard]
    if cage.user is not None and _is_root():
        return [*launcher, "--", *_outer(cage, folder, source), *_drop(cage.user), *inner]
    return [*launcher, "--", *inner]


ZYGOTE = HERE / "zygote.py"


SHARED = "/penilai/titipan"


def zygote_command(
    cage: Cage, folder: KernelFolder, *, fd: int, preload: list[str], shared: Path
) -> list[str]:
    """The command that starts a warm kernel factory (:mod:`workbench.grading.zygote`) in the
    same cage as a kernel, but holding no learner's folder; it talks over descriptor ``fd``.
    Its kernels make further namespaces of their own, so this cage allows user namespaces.
    ``shared``: the worker's folder where each kernel's socket folder and files are put."""
    zygote = [sys.executable, "-P", str(ZYGOTE), "--wb-fd", str(fd)]
    zygote += ["--wb-preload", ",".join(preload)]
    launcher = [sys.executable, str(LAUNCHER), *_limits(cage), "--log", str(folder.log)]
    inner = [*_inner(cage, folder, None), "--bind", str(shared), SHARED, "--", *zygote]
    if cage.user is not None and _is_root():
        outer = [*_outer(cage, folder, None, extra=[str(shared)]), *_drop(cage.user)]
        return [*launcher, "--", *outer, *inner]
    return [*launcher, "--", *inner]


def _limits(cage: Cage) -> list[str]:
    return [
        f"--memory-mb={cage.memory_mb}",
        f"--file-mb={cage.file_mb}",
        f"--open-files={cage.open_files}",
        f"--cpu-seconds={cage.cpu_seconds}",
        # The process limit that counts across sandboxes (see kernel_launcher.py): room for
        # every learner graded at once; each sandbox is held to cage.processes inside.
        f"--processes-total={(cage.jobs + 2) * cage.processes}",
        *([f"--processes-user={cage.user}"] if cage.user and _is_root() else []),
    ]


def _environment(cage: Cage, folder: KernelFolder) -> dict[str, str]:
    from workbench.config import get_settings

    settings = get_settings()
    home = HOME if cage.sandbox else str(folder.work)
    env = {k: v for k, v in os.environ.items() if k in PASSED_ENV}
    env.update(
        HOME=home,
        USER="peserta",
        LOGNAME="peserta",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
        TMPDIR="/tmp" if cage.sandbox else str(folder.work),
        TZ=settings.tz.key,
        IPYTHONDIR=f"{home}/.ipython",
        MPLCONFIGDIR=f"{home}/.config/matplotlib",
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONDONTWRITEBYTECODE="1",
        WORKBENCH_HOME=str(settings.home),
    )
    if settings.config_file is not None:
        env["WORKBENCH_CONFIG"] = str(settings.config_file)
    env.update(dict(cage.env))
    env.setdefault("LANG", "C.UTF-8")
    return env


def _read_only(cage: Cage) -> list[str]:
    paths = _outermost([*python_paths(), *(p for p in cage.shared if Path(p).exists())])
    for path in paths:
        for secret in cage.private:
            real = os.path.realpath(secret)
            if real == path or real.startswith(path.rstrip("/") + "/"):
                raise WorkbenchError(
                    f"Folder {path} (Python, paket, atau data kursus) juga berisi {secret}, "
                    "yang tidak boleh terlihat oleh kode peserta. Pasang lingkungan Python "
                    "(.venv) dan data kursus di folder terpisah dari kursus pelatih, gradebook "
                    "dan folder pertukaran."
                )
    return paths


def _inner(cage: Cage, folder: KernelFolder, source: Path | None) -> list[str]:
    """The unprivileged sandbox of one kernel (``source`` given) or of a zygote (None: no
    learner folder, its kernels mount their own, and user namespaces stay allowed)."""
    bwrap = shutil.which("bwrap") or "bwrap"
    namespaces = [n for n in _NAMESPACES if source is not None or n != "--disable-userns"]
    args = [bwrap, *namespaces, "--uid", str(INSIDE_ID), "--gid", str(INSIDE_ID)]
    args += ["--hostname", "penilai", "--cap-drop", "ALL", *_system_binds()]
    # The private folders first: binds below may lie under /tmp (the grader's own folders).
    size = str(cage.tmp_mb * 1024 * 1024)
    private = ("/tmp", WORK, HOME) if source is not None else ("/tmp",)
    for mount in private:
        args += ["--size", size, "--perms", "0700", "--tmpfs", mount]
    for path in _read_only(cage):
        args += ["--ro-bind", path, path]
    args += ["--ro-bind", str(folder.root / "passwd"), "/etc/passwd"]
    args += ["--ro-bind", str(folder.root / "group"), "/etc/group"]
    args += ["--proc", "/proc", "--dev", "/dev"]
    if source is not None:
        args += ["--bind", str(folder.channel), str(folder.channel)]
        args += ["--ro-bind", str(folder.connection), str(folder.connection)]
        args += ["--ro-bind", str(source), SOURCE]
    else:  # mount points for each kernel's own folders
        for mount in (WORK, HOME, SOURCE, SHARED):
            args += ["--perms", "0755", "--dir", mount]
    args += ["--remount-ro", "/", "--chdir", WORK if source is not None else "/", "--clearenv"]
    for key, value in _environment(cage, folder).items():
        args += ["--setenv", key, value]
    return args


def _outer(
    cage: Cage, folder: KernelFolder, source: Path | None, *, extra: list[str] = ()
) -> list[str]:
    """Root only: the privileged outer sandbox that shows the inner one's sources under folders
    the sandbox user may enter (even when the installation sits in a private folder)."""
    bwrap = shutil.which("bwrap") or "bwrap"
    sources = [
        *_read_only(cage),
        str(folder.root / "passwd"),
        str(folder.root / "group"),
        shutil.which("setpriv") or "/usr/bin/setpriv",
    ]
    if source is not None:
        sources += [str(folder.channel), str(folder.connection), str(source)]
    sources += list(extra)
    # Folders bubblewrap makes on its own way are open to their owner only: every folder the
    # sandbox user passes through is made explicitly (0755). bubblewrap (the inner one) needs
    # /tmp; /proc is bound whole so that it may write its user namespace's maps and mount a
    # fresh /proc for the learner.
    # A PID namespace of its own: the inner sandbox lives inside it, so killing the outer one
    # (what the grader does to a kernel) ends everything (changing user and creating a user
    # namespace clear "die with parent", so that signal alone would not reach the inner one).
    args = [bwrap, "--die-with-parent", "--new-session", "--unshare-pid"]
    for made in ("/tmp", "/etc"):
        args += ["--perms", "0755", "--dir", made]
    args += _system_binds()
    created: set[str] = {"/", "/usr", "/tmp", "/etc"}
    real = {os.path.realpath(p) for p in sources}
    for path in sorted(real, key=lambda p: (p.count("/"), p)):
        if path.startswith("/usr/"):
            continue
        for parent in reversed(Path(path).parents):
            if str(parent) not in created:
                created.add(str(parent))
                args += ["--perms", "0755", "--dir", str(parent)]
        writable = path in {os.path.realpath(folder.channel), *map(os.path.realpath, extra)}
        args += ["--bind" if writable else "--ro-bind", path, path]
    return [*args, "--bind", "/proc", "/proc", "--dev", "/dev", *_CAPS]


# --- leftovers -----------------------------------------------------------------------------------
#: Folders earlier versions of the grader left in the temporary folder.
LEGACY = ("wb-kernel-*", "wb-zigot-*")


def cleanup_leftovers(*, older_than: float = 3600.0) -> list[Path]:
    """Remove grading folders left behind in the temporary folder: those of earlier versions
    (``wb-kernel-*``, ``wb-zigot-*``) and ``wb-nilai-<pid>-*`` of a grader that is gone, when
    untouched for ``older_than`` seconds. Returns what was removed."""
    base = Path(tempfile.gettempdir())
    removed = []
    now = time.time()
    candidates = [p for pattern in (*LEGACY, "wb-nilai-*") for p in base.glob(pattern)]
    for path in candidates:
        try:
            info = path.lstat()
        except OSError:
            continue
        if not path.is_dir() or path.is_symlink() or now - info.st_mtime < older_than:
            continue
        if path.name.startswith("wb-nilai-") and _owner_alive(path.name):
            continue
        if not _is_root() and info.st_uid != os.getuid():
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _owner_alive(name: str) -> bool:
    """``wb-nilai-<pid>-...``: whether that grader process still runs."""
    parts = name.split("-")
    try:
        pid = int(parts[2])
    except (IndexError, ValueError):
        return False
    return Path(f"/proc/{pid}").exists()
