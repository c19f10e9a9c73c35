"""Prepare a shared JupyterHub server for ASN Workbench (called by ``make hub``; stdlib only).

Usage: ``python tools/setup_hub.py install [--prefix DIR] [--python PYTHON]`` and
``python tools/setup_hub.py start [--prefix DIR] [--port PORT]`` (``make hub`` runs both).

Installs, under ``--prefix`` (``/opt/asn-workbench`` as root, ``.hub/`` in this folder otherwise):

* ``venv/``: the workbench environment with JupyterHub (``.[hub]`` from ``constraints.txt``),
  made from a Python that every user can read, because each learner's server runs as that
  learner (a Python installed under ``/root``, such as pyenv's, is not readable by them);
* ``proxy/``: configurable-http-proxy from npm, at the version pinned in
  ``deploy/jupyterhub/package-lock.json``;
* ``kursus/``: a copy of the course (``notebooks/``, ``exercises/``, ``scenarios/``) from which
  every learner's workspace and every trainer's course is filled. ``exercises/`` holds the
  solutions and hidden tests: installed as root it is readable by root only (the hub copies it
  into each trainer's ``~/kursus`` when their server starts), never by learner accounts.

Run it again after ``git pull`` to update the course copy and the packages; it prints the
command that starts the hub.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUB_DIR = ROOT / "deploy" / "jupyterhub"
COURSE_PARTS = ("notebooks", "exercises", "scenarios")


def readable_by_all(path: Path) -> bool:
    """Whether every user can reach ``path``: each parent searchable, the path readable."""
    path = path.resolve()
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


def python_stdlib(python: str) -> Path | None:
    try:
        out = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return Path(out)


def choose_python(requested: str | None, shared: bool) -> str:
    """A Python 3.11+ whose standard library every user can read (when ``shared``)."""
    candidates = (
        [requested]
        if requested
        else [sys.executable, "/usr/bin/python3", "/usr/local/bin/python3", "python3"]
    )
    for candidate in candidates:
        found = shutil.which(candidate) or (candidate if Path(candidate).exists() else None)
        if not found:
            continue
        version = subprocess.run(
            [found, "-c", "import sys; print(sys.version_info >= (3, 11))"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if version != "True":
            continue
        stdlib = python_stdlib(found)
        if stdlib and (not shared or readable_by_all(stdlib)):
            return found
    raise SystemExit(
        "Tidak ada Python 3.11+ yang bisa dibaca semua pengguna. Server tiap peserta berjalan "
        "sebagai pengguna itu sendiri, jadi Python di bawah /root (misalnya pyenv) tidak bisa "
        "dipakai. Pasang Python sistem (Debian/Ubuntu: 'apt-get install python3 python3-venv') "
        "lalu jalankan lagi, atau tunjuk dengan --python."
    )


def install_env(prefix: Path, python: str) -> Path:
    venv_dir = prefix / "venv"
    cmd = [
        python,
        str(ROOT / "tools" / "setup_env.py"),
        "--extras",
        "hub",
        "--venv",
        str(venv_dir),
        "--no-editable",
    ]
    subprocess.run(cmd, check=True, cwd=ROOT)
    return venv_dir


def install_proxy(prefix: Path) -> Path:
    """configurable-http-proxy from npm, the exact version of the lock file."""
    target = prefix / "proxy"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(HUB_DIR / name, target / name)
    binary = target / "node_modules" / ".bin" / "configurable-http-proxy"
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "npm tidak ditemukan: configurable-http-proxy (proksi JupyterHub) dipasang dari npm. "
            "Pasang Node.js (Debian/Ubuntu: 'apt-get install nodejs npm'), lalu jalankan lagi."
        )
    print("Memasang configurable-http-proxy (npm) ...", flush=True)
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], check=True, cwd=target
    )
    if not binary.exists():
        raise SystemExit(f"configurable-http-proxy tidak terpasang di {binary}.")
    return binary


def copy_course(prefix: Path, *, private_solutions: bool = False) -> Path:
    """A copy of the course, replaced whole so removed files disappear too. Everything is
    readable by every user except, with ``private_solutions``, ``exercises/`` (solutions and
    hidden tests): root only."""
    course = prefix / "kursus"
    for part in COURSE_PARTS:
        source = ROOT / part
        if not source.is_dir():
            continue
        fresh = course / f".{part}.baru"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(
            source, fresh, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        )
        old = course / part
        if old.exists():
            shutil.rmtree(old)
        fresh.rename(old)
    solutions = course / "exercises"
    for path in [course, *course.rglob("*")]:
        private = private_solutions and (path == solutions or solutions in path.parents)
        if path.is_dir():
            path.chmod(0o700 if private else 0o755)
        else:
            path.chmod(0o600 if private else 0o644)
    return course


def copy_roles(prefix: Path) -> Path:
    """The per-role Jupyter configuration the users' servers read, copied where every user can
    read it (the repository may sit in a folder only root enters), laid out as in the Kubernetes
    image: ``peran/`` from deploy/jupyterhub/peran and ``jupyter/peran/`` from jupyter/peran."""
    for source, target in (
        (HUB_DIR / "peran", prefix / "peran"),
        (ROOT / "jupyter" / "peran", prefix / "jupyter" / "peran"),
    ):
        fresh = target.with_name(f".{target.name}.baru")
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(source, fresh, ignore=shutil.ignore_patterns("__pycache__"))
        for path in [fresh, *fresh.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        if target.exists():
            shutil.rmtree(target)
        fresh.rename(target)
    (prefix / "jupyter").chmod(0o755)
    return prefix


def missing_accounts(env: dict[str, str]) -> list[str]:
    """Trainer and learner accounts of the hub's settings that this system does not have."""
    import pwd

    names = [*env.get("WORKBENCH_TRAINERS", "").split(), *env.get("WORKBENCH_LEARNERS", "").split()]
    missing = []
    for name in names:
        try:
            pwd.getpwnam(name)
        except KeyError:
            missing.append(name)
    return missing


def accounts_message(missing: list[str]) -> str:
    """What to run (Indonesian) before a hub that runs each server as its own account."""
    lines = "\n".join(f"  useradd --create-home --shell /bin/bash {name}" for name in missing)
    return (
        "JupyterHub sebagai root menjalankan server setiap pengguna sebagai akun sistemnya "
        "sendiri (kode peserta tidak pernah berjalan sebagai root), tetapi akun ini belum ada: "
        f"{' '.join(missing)}. Buat dulu, lalu jalankan lagi 'make hub':\n{lines}\n"
        "Atau coba tanpa root (semua server sebagai akun Anda): 'make hub' dari akun biasa."
    )


TRY_OUT = {
    # A try-out on one machine: any password for the listed accounts, all servers as the
    # current user. A real server sets these in /etc/asn-workbench/hub.env (PANDUAN-TI.md).
    "WORKBENCH_HUB_AUTH": "dummy",
    "WORKBENCH_HUB_SPAWNER": "simple",
    "WORKBENCH_TRAINERS": "pelatih",
    "WORKBENCH_LEARNERS": "peserta1 peserta2 peserta3",
    "WORKBENCH_HUB_ADMINS": "pelatih",
}


def start(prefix: Path, port: int | None) -> int:
    """Start JupyterHub from ``prefix`` with the project's configuration (replaces this process)."""
    env_file = prefix / "hub.env"
    if not env_file.is_file():
        raise SystemExit(f"{env_file} belum ada: jalankan dulu 'tools/setup_hub.py install'.")
    env = dict(os.environ)
    for line in env_file.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        env.setdefault(key.strip(), value.strip())
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # As root: each user's server as their own system account, never as root.
        env.setdefault("WORKBENCH_HUB_SPAWNER", "system")
    for key, value in TRY_OUT.items():
        env.setdefault(key, value)
    if env["WORKBENCH_HUB_SPAWNER"] == "system" and (missing := missing_accounts(env)):
        raise SystemExit(accounts_message(missing))
    env.setdefault("WORKBENCH_HUB_STATE", str(prefix / "state"))
    if port:
        env["PORT"] = str(port)
    if env["WORKBENCH_HUB_AUTH"] == "dummy" and not env.get("WORKBENCH_HUB_PASSWORD"):
        import secrets

        env["WORKBENCH_HUB_PASSWORD"] = secrets.token_urlsafe(9)
    Path(env["WORKBENCH_HUB_STATE"]).mkdir(parents=True, exist_ok=True)
    hub = Path(env["WORKBENCH_HUB_ENV"]) / "bin" / "jupyterhub"
    address = f"http://127.0.0.1:{env.get('PORT') or 8000}/hub/"
    accounts = " ".join([*env["WORKBENCH_TRAINERS"].split(), *env["WORKBENCH_LEARNERS"].split()])
    print(f"JupyterHub ASN Workbench di {address}", flush=True)
    if env["WORKBENCH_HUB_AUTH"] == "dummy":
        print(f"Akun uji coba: {accounts}; kata sandi: {env['WORKBENCH_HUB_PASSWORD']}", flush=True)
    print("Hentikan dengan Ctrl+C.", flush=True)
    cmd = [str(hub), "-f", str(HUB_DIR / "jupyterhub_config.py")]
    os.chdir(env["WORKBENCH_HUB_STATE"])
    os.execve(cmd[0], cmd, env)
    return 0  # not reached


def main() -> int:
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    parser = argparse.ArgumentParser(description="Siapkan dan jalankan JupyterHub ASN Workbench.")
    parser.add_argument("action", choices=("install", "start"), help="pasang, atau jalankan")
    parser.add_argument(
        "--prefix",
        type=Path,
        default=Path("/opt/asn-workbench") if as_root else ROOT / ".hub",
        help="folder pemasangan (bawaan /opt/asn-workbench sebagai root, .hub/ selain itu)",
    )
    parser.add_argument("--python", help="Python 3.11+ yang dipakai untuk lingkungan server")
    parser.add_argument("--port", type=int, help="port hub (bawaan PORT atau 8000)")
    args = parser.parse_args()
    prefix = args.prefix.resolve()
    if args.action == "start":
        return start(prefix, args.port)
    # Everything installed must be readable by every user whose server runs from it, whatever
    # the administrator's own umask (077 would leave the packages readable by root only).
    os.umask(0o022)
    prefix.mkdir(parents=True, exist_ok=True)
    prefix.chmod(0o755)
    python = choose_python(args.python, shared=as_root)
    venv_dir = install_env(prefix, python)
    proxy = install_proxy(prefix)
    course = copy_course(prefix, private_solutions=as_root)
    roles = copy_roles(prefix)
    (prefix / "hub.env").write_text(
        f"WORKBENCH_HUB_ENV={venv_dir}\nWORKBENCH_HUB_PROXY={proxy}\n"
        f"WORKBENCH_HUB_COURSE={course}\nWORKBENCH_HUB_ROLES={roles}\n",
        encoding="utf-8",
    )
    print(f"Server JupyterHub siap di {prefix}.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
