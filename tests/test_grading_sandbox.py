"""The grading sandbox: where it cannot exist, as root in a private folder, as an ordinary
trainer, and what it leaves behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import make_course
from tests.grading_support import (
    BIN,
    cell_scores,
    need_sandbox,
    outputs_text,
    solution,
    submit,
    with_cell,
)
from workbench.config import get_settings
from workbench.errors import WorkbenchError

TUGAS = "tugas-12-skm"
ROOT_ONLY = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="butuh root")


@pytest.fixture
def home(tmp_path, monkeypatch):
    for key, value in make_course(tmp_path / "rumah").items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield tmp_path / "rumah"
    get_settings.cache_clear()


@pytest.fixture
def without_bubblewrap(tmp_path, monkeypatch):
    """A PATH on which bubblewrap cannot be found (as on a system without the package)."""
    from workbench.grading import sandbox

    bare = tmp_path / "bin"
    bare.mkdir()
    for tool in ("setpriv", "alembic", "nbgrader"):
        found = shutil.which(tool) or str(BIN / tool)
        if Path(found).exists():
            (bare / tool).symlink_to(found)
    monkeypatch.setenv("PATH", str(bare))
    sandbox._probe.cache_clear()
    yield
    sandbox._probe.cache_clear()


def test_without_a_sandbox_grading_is_refused_saying_why_and_what_stays_open(
    home, without_bubblewrap
):
    """Where bubblewrap is missing, does autograde refuse before grading anyone, in
    Indonesian, saying how to install it, that --no-sandbox exists for trusted work only, and
    what learner code could then still do?"""
    from workbench.grading import autograde, generate

    generate(TUGAS)
    submit(home, TUGAS, "peserta", solution(TUGAS))
    with pytest.raises(WorkbenchError) as err:
        autograde(TUGAS, jobs=1)
    text = str(err.value)
    assert "bubblewrap" in text and "apt-get install bubblewrap" in text
    assert "--no-sandbox" in text and "jaringan" in text and "gradebook" in text
    assert not (home / "grading" / "autograded").exists()


@pytest.mark.slow
def test_no_sandbox_grades_trusted_work_or_refuses_naming_the_folder(home, without_bubblewrap):
    """With --no-sandbox, is trusted work graded with the limits only, and, as root where the
    sandbox user cannot reach this Python, refused up front naming the folder and the
    setting?"""
    from workbench.grading import autograde, generate
    from workbench.grading.sandbox import _first_closed, python_paths

    generate(TUGAS)
    submit(home, TUGAS, "peserta", solution(TUGAS))
    closed = None
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam(get_settings().grading_sandbox_user)
        closed = next(
            (
                b
                for p in python_paths()
                if (b := _first_closed(Path(p), nobody.pw_uid, nobody.pw_gid))
            ),
            None,
        )
    if closed is not None:
        with pytest.raises(WorkbenchError) as err:
            autograde(TUGAS, jobs=1, sandbox=False)
        assert str(closed) in str(err.value) and "sandbox_user" in str(err.value)
        return
    report = autograde(TUGAS, jobs=1, sandbox=False)
    assert report["nilai"].iloc[0] == 7.0


@ROOT_ONLY
@pytest.mark.slow
def test_root_grades_a_course_in_a_folder_only_root_may_enter(tmp_path, monkeypatch):
    """As root, with the course (and here the Python too) inside folders other users cannot
    enter, does grading still work in the sandbox, as nobody, with full marks, the
    assignment's own data file readable in the working folder and no notebook there?"""
    need_sandbox()
    private = tmp_path / "pribadi"
    private.mkdir(mode=0o700)
    for key, value in make_course(private / "rumah").items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    from workbench.grading import autograde, generate

    source = private / "rumah" / "exercises" / TUGAS
    (source / "catatan.csv").write_text("kolom\nisi-berkas-tugas\n", encoding="utf-8")
    (source / "catatan.csv").chmod(0o600)  # the trainer's own file, as root keeps them
    generate(TUGAS)
    probe = (
        "import os\nprint('PENGGUNA', os.getuid(), os.getcwd())\n"
        "print('BERKAS', open('catatan.csv').read().split()[-1], sorted(os.listdir('.')))\n"
    )
    submit(
        private / "rumah", TUGAS, "peserta", with_cell(solution(TUGAS), probe, after="siapkan_data")
    )
    report = autograde(TUGAS, jobs=1)
    assert report["nilai"].iloc[0] == 7.0, report.to_dict("records")
    graded = private / "rumah" / "grading" / "autograded" / "peserta" / TUGAS / f"{TUGAS}.ipynb"
    text = outputs_text(graded)
    assert "PENGGUNA 1000 /kerja" in text
    assert "BERKAS isi-berkas-tugas ['catatan.csv']" in text  # files yes, notebooks no
    get_settings.cache_clear()


def _as_user(cmd: list[str], user: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``cmd`` as ``user``, as an ordinary trainer account whose own Python this is: a
    Python inside a folder the account may not enter (here /root) is shown to it read-only."""
    import pwd

    from workbench.grading.sandbox import _first_closed, python_paths

    entry = pwd.getpwnam(user)
    wrapper = ["bwrap", "--dev-bind", "/", "/", "--bind", "/proc", "/proc"]
    settings = get_settings()
    needed = [*python_paths(), str(settings.data_dir), str(settings.scenarios_dir)]
    shown: dict[Path, list[str]] = {}
    for path in needed:
        closed = _first_closed(Path(path), entry.pw_uid, entry.pw_gid)
        if closed is not None:
            shown.setdefault(closed, []).append(path)
    for closed, paths in shown.items():
        wrapper += ["--perms", "0755", "--tmpfs", str(closed)]
        made = {closed}
        for path in paths:
            for parent in [p for p in reversed(Path(path).parents) if p.is_relative_to(closed)]:
                if parent not in made:
                    made.add(parent)
                    wrapper += ["--perms", "0755", "--dir", str(parent)]
            wrapper += ["--ro-bind", path, path]
    wrapper += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--"]
    wrapper += ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]
    return subprocess.run(
        [*wrapper, "--", *cmd], env=env, capture_output=True, text=True, timeout=900, check=False
    )


@ROOT_ONLY
@pytest.mark.slow
def test_an_ordinary_trainer_grades_in_a_sandbox_learners_cannot_leave(monkeypatch):
    """Graded by an ordinary account (the trainer on JupyterHub), does learner code still
    run sandboxed: unable to read the trainer's gradebook and course, killed and reported
    when it writes into its socket folder, while an honest learner keeps full marks?"""
    need_sandbox()
    import pwd

    user = get_settings().grading_sandbox_user
    entry = pwd.getpwnam(user)
    base = Path(tempfile.mkdtemp(prefix="wb-uji-pelatih-"))
    try:
        env = {**os.environ, **make_course(base)}
        env.update(HOME=str(base), PATH=f"{BIN}:/usr/bin:/bin", TMPDIR="/tmp")
        monkeypatch.setenv("WORKBENCH_CONFIG", env["WORKBENCH_CONFIG"])
        get_settings.cache_clear()
        from workbench.grading import generate

        generate(TUGAS)
        reach = (
            f"for path in [{str(base / 'var' / 'gradebook.db')!r}, {str(base / 'exercises')!r}]:\n"
            "    try:\n"
            "        os.listdir(path) if path.endswith('exercises') else open(path, 'rb').read(1)\n"
            "        print('TERBACA', path)\n"
            "    except OSError as exc:\n"
            "        print('TIDAK', type(exc).__name__)\n"
        )
        channel = (
            "import os, sys, time\n"
            "import json\n"
            "koneksi = json.load(open(sys.argv[sys.argv.index('-f') + 1]))\n"
            "kanal = os.path.dirname(koneksi['ip'])  # where the kernel's sockets are\n"
            "with open(os.path.join(kanal, 'isi.bin'), 'wb') as f:\n"
            "    f.write(b'x' * 1000)\n"
            "time.sleep(5)\n"
        )
        submit(base, TUGAS, "jujur", solution(TUGAS))
        submit(
            base,
            TUGAS,
            "pengintip",
            with_cell(solution(TUGAS), "import os\n" + reach, after="siapkan_data"),
        )
        submit(base, TUGAS, "kanal", with_cell(solution(TUGAS), channel, after="siapkan_data"))
        for path in [base, *base.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
        done = _as_user(
            [str(BIN / "workbench"), "grade", "autograde", TUGAS, "--jobs", "2"], user, env
        )
        scores = cell_scores(base / "var" / "gradebook.db", TUGAS)
        total = {
            s: sum(v or 0 for (who, _), v in scores.items() if who == s)
            for s in ("jujur", "pengintip", "kanal")
        }
        assert total["jujur"] == 7.0 and total["pengintip"] == 7.0, (
            total,
            done.stdout,
            done.stderr,
        )
        kanal = base / "grading" / "autograded" / "kanal" / TUGAS / f"{TUGAS}.ipynb"
        assert total["kanal"] == 0.0, (total, outputs_text(kanal)[-300:])
        spy = outputs_text(base / "grading" / "autograded" / "pengintip" / TUGAS / f"{TUGAS}.ipynb")
        assert "TERBACA" not in spy and spy.count("TIDAK FileNotFoundError") == 2
        assert "PERLU DIPERIKSA" in done.stdout and "folder kanal" in done.stdout, done.stdout
    finally:
        get_settings.cache_clear()
        shutil.rmtree(base, ignore_errors=True)


def test_leftover_grading_folders_are_removed_and_live_ones_kept(tmp_path, monkeypatch):
    """Are old kernel folders of earlier versions (wb-kernel-*) and folders of graders that
    are gone removed, while a running grader's folder and a fresh one stay?"""
    from workbench.grading.sandbox import cleanup_leftovers

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    tempfile.tempdir = None
    try:
        old = time.time() - 7200
        dead = tmp_path / "wb-nilai-99999999-abc"
        legacy = tmp_path / "wb-kernel-xyz"
        alive = tmp_path / f"wb-nilai-{os.getpid()}-abc"
        fresh = tmp_path / "wb-kernel-baru"
        for folder in (dead, legacy, alive, fresh):
            (folder / "kerja").mkdir(parents=True)
            (folder / "kerja" / "besar.bin").write_bytes(b"x" * 1000)
        for folder in (dead, legacy, alive):
            os.utime(folder, (old, old))
        removed = cleanup_leftovers()
        assert sorted(removed) == sorted([dead, legacy])
        assert alive.exists() and fresh.exists() and not dead.exists()
    finally:
        tempfile.tempdir = None


def test_the_launcher_sets_every_limit_and_never_writes_to_the_terminal(tmp_path):
    """Does the kernel launcher set the memory, file size, open files, CPU and process limits
    and send the kernel's standard output and error to its log, not the trainer's terminal?"""
    from workbench.grading.sandbox import LAUNCHER

    log = tmp_path / "log.txt"
    probe = (
        "import resource, sys, os\n"
        "print({n: resource.getrlimit(getattr(resource, n))[1] for n in "
        "('RLIMIT_AS', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE', 'RLIMIT_CPU', 'RLIMIT_CORE')})\n"
        "print('TTY', os.isatty(0), os.isatty(1), os.isatty(2))\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            str(LAUNCHER),
            "--memory-mb=512",
            "--file-mb=7",
            "--open-files=99",
            "--cpu-seconds=77",
            f"--log={log}",
            "--",
            sys.executable,
            "-c",
            probe,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "" and done.stderr == ""
    limits, tty = log.read_text("utf-8").splitlines()
    assert json.loads(limits.replace("'", '"')) == {
        "RLIMIT_AS": 512 * 1024**2,
        "RLIMIT_FSIZE": 7 * 1024**2,
        "RLIMIT_NOFILE": 99,
        "RLIMIT_CPU": 77,
        "RLIMIT_CORE": 0,
    }
    assert tty == "TTY False False False"


@ROOT_ONLY
def test_the_hub_keeps_solutions_readable_by_root_only(tmp_path):
    """Does the hub's course copy, installed as root, keep exercises/ (solutions, hidden
    tests) away from every other account, while the learners' modules stay readable?"""
    sys.path.insert(0, str(Path(__file__).parents[1] / "tools"))
    try:
        import setup_hub
    finally:
        sys.path.pop(0)
    course = setup_hub.copy_course(tmp_path, private_solutions=True)
    for path in [course / "exercises", *(course / "exercises").rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0, path
    notebook = next((course / "notebooks").glob("*.ipynb"))
    assert notebook.stat().st_mode & 0o004 and (course / "notebooks").stat().st_mode & 0o005


def test_make_hub_as_root_names_the_accounts_to_create():
    """Run as root with accounts that do not exist, does the hub refuse, naming each account
    and the exact command that creates it, instead of running servers as root?"""
    sys.path.insert(0, str(Path(__file__).parents[1] / "tools"))
    try:
        import setup_hub
    finally:
        sys.path.pop(0)
    env = {"WORKBENCH_TRAINERS": "root", "WORKBENCH_LEARNERS": "peserta-tidak-ada-9"}
    assert setup_hub.missing_accounts(env) == ["peserta-tidak-ada-9"]
    message = setup_hub.accounts_message(["peserta-tidak-ada-9"])
    assert "useradd --create-home --shell /bin/bash peserta-tidak-ada-9" in message
    assert "root" in message and "make hub" in message
