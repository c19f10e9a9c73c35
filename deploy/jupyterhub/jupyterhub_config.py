"""JupyterHub for ASN Workbench on one shared server (The Littlest JupyterHub style).

Learners (peserta) and trainers (pelatih) log in with their own accounts; each gets their own
JupyterLab server running as their own system user, with the workbench environment as the
kernel. Trainers have nbgrader's formgrader on their course (``~/kursus``); learners have the
assignment list, and their workspace is ``~/ruang-kerja``. Assignments move between them
through nbgrader's exchange on a shared directory.

Every setting an IT officer may change is read from an environment variable below (set them
in the systemd unit or in ``/etc/asn-workbench/hub.env``; see ``deploy/PANDUAN-TI.md``).
Defaults suit a single server with system accounts. ``make hub`` sets them for a try-out.
"""

# ruff: noqa: F821 - `get_config` is provided by JupyterHub when it loads this file

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

c = get_config()

HERE = Path(__file__).resolve().parent
# prepare_home.py sits beside this file (JupyterHub loads this file by path, not as a package).
sys.path.insert(0, str(HERE))
from prepare_home import prepare_home, settings_path  # noqa: E402

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _list(name: str) -> list[str]:
    """A comma- or space-separated list of user names from the environment."""
    return [part for part in os.environ.get(name, "").replace(",", " ").split() if part]


# --- Settings (environment) -------------------------------------------------------------------
# Where the hub keeps its own state: its database, cookie secret and the nbgrader exchange.
STATE = Path(os.environ.get("WORKBENCH_HUB_STATE", "/srv/asn-workbench"))
# The Python environment the learners' servers and kernels run in. It must be readable by every
# user (tools/setup_hub.py makes one under /opt/asn-workbench when run as root).
ENV = Path(os.environ.get("WORKBENCH_HUB_ENV", sys.prefix))
# A readable copy of the course (notebooks/, exercises/, scenarios/) made by tools/setup_hub.py:
# each learner's workspace is filled from it, each trainer's course from its exercises/.
COURSE = Path(os.environ.get("WORKBENCH_HUB_COURSE", str(STATE / "kursus")))
# Per-role Jupyter configuration the users' servers read: what the hub sets for the role
# (deploy/jupyterhub/peran: nbgrader's course and exchange, and what both roles share) and what
# each role sees in JupyterLab, the same folders `make lab` uses (jupyter/peran). Servers run as
# the users, so tools/setup_hub.py copies both where every user can read them, laid out as in
# the Kubernetes image (<folder>/peran, <folder>/jupyter/peran): the repository itself may sit
# in a folder only root enters. Unset, this repository's own folders are read.
_ROLES_COPY = os.environ.get("WORKBENCH_HUB_ROLES")
HUB_ROLES = Path(_ROLES_COPY) / "peran" if _ROLES_COPY else HERE / "peran"
LAB_ROLES = (
    Path(_ROLES_COPY) / "jupyter" / "peran"
    if _ROLES_COPY
    else HERE.parents[1] / "jupyter" / "peran"
)
# The nbgrader course id (one course per server; a city-wide programme runs one per kecamatan).
COURSE_ID = os.environ.get("WORKBENCH_COURSE_ID", "asn-asemrowo")
# Accounts: trainers, learners and hub administrators (IT staff).
TRAINERS = _list("WORKBENCH_TRAINERS")
LEARNERS = _list("WORKBENCH_LEARNERS")
ADMINS = _list("WORKBENCH_HUB_ADMINS")
# Where the hub listens. 127.0.0.1 keeps it local; put a TLS reverse proxy (nginx, Caddy) in
# front for the office network, or set 0.0.0.0 in a closed classroom network.
HOST = os.environ.get("WORKBENCH_HUB_HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT") or os.environ.get("WORKBENCH_HUB_PORT") or 8000)
# Login: "pam" (the server's own system accounts and passwords, as TLJH does) or "dummy"
# (any password, only for trying it out on one laptop). The city's single sign-on plugs in
# here later (OAuthenticator's GenericOAuthenticator; see PANDUAN-TI.md).
AUTH = os.environ.get("WORKBENCH_HUB_AUTH", "pam")
# Servers: "system" runs each user's server as their own system account (needs root; file
# permissions then separate users), "simple" runs them all as the hub's user (try-out only).
SPAWNER = os.environ.get("WORKBENCH_HUB_SPAWNER", "system" if AS_ROOT else "simple")
# The gradebook: PostgreSQL when a URL is given (postgresql+psycopg://user:pw@host/db), otherwise
# SQLite in the trainer's course folder.
GRADEBOOK_URL = os.environ.get("WORKBENCH_GRADEBOOK_URL", "")
# Idle servers are stopped after this many seconds without activity (frees memory).
IDLE_TIMEOUT = int(os.environ.get("WORKBENCH_HUB_IDLE_TIMEOUT", "3600"))
# With a wildcard DNS name (e.g. "hub.asn.example"), every user gets their own subdomain and the
# formgrader can safely be shown inside JupyterLab (peran/bersama/jupyter_server_config.py and
# "Formgrader" in PANDUAN-TI.md).
SUBDOMAIN_HOST = os.environ.get("WORKBENCH_HUB_SUBDOMAIN_HOST", "")
# An API token for automation (tests, load benchmark, an admin script); unset in normal use.
API_TOKEN = os.environ.get("WORKBENCH_HUB_API_TOKEN", "")

EXCHANGE = STATE / "exchange"

# --- The hub itself ---------------------------------------------------------------------------
# The public address: the only port users (or the reverse proxy in front) connect to.
c.JupyterHub.bind_url = f"http://{HOST}:{PORT}"
# The hub's internal API and the proxy's API sit next to the public port, on loopback only, so
# two hubs (a try-out beside a test) never fight over JupyterHub's fixed defaults 8081 and 8001.
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
# The hub's own database (users, groups, servers, tokens; not the gradebook), in the state folder.
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
# The key that signs login cookies; made on first start. Losing it only logs everyone out.
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
# The hub's process id, for monitoring and for finding a hub left running.
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
# configurable-http-proxy comes from npm, installed by tools/setup_hub.py next to the env.
_chp = os.environ.get("WORKBENCH_HUB_PROXY") or shutil.which("configurable-http-proxy")
if _chp:
    c.ConfigurableHTTPProxy.command = [_chp]
# The proxy's process id: a hub restarted after a crash finds and stops the old proxy.
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
if SUBDOMAIN_HOST:
    # Each user's server at <name>.<host> (wildcard DNS and certificate needed).
    c.JupyterHub.subdomain_host = f"http://{SUBDOMAIN_HOST}:{PORT}"

# --- Accounts ---------------------------------------------------------------------------------
if AUTH == "dummy":
    # Try-out only: any password logs in, but only the listed accounts.
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ.get("WORKBENCH_HUB_PASSWORD") or None
else:
    c.JupyterHub.authenticator_class = "pam"
    # New accounts added by an admin on the hub's admin page become system users (TLJH style).
    c.LocalAuthenticator.create_system_users = True
    c.LocalAuthenticator.add_user_cmd = ["useradd", "--create-home", "--shell", "/bin/bash"]
# Only the listed trainers and learners may log in (and users an admin adds on /hub/admin).
c.Authenticator.allowed_users = set(TRAINERS + LEARNERS)
# IT staff: the admin page (add users, stop servers) and the REST API as admins.
c.Authenticator.admin_users = set(ADMINS)
# Groups as the hub shows them (admin page, API); the role itself comes from the lists above.
c.JupyterHub.load_groups = {
    "pelatih": {"users": TRAINERS},
    "peserta": {"users": LEARNERS},
}

# --- Each user's server -----------------------------------------------------------------------
if SPAWNER == "system":
    # Real separation: each server runs as its own system user, so file permissions decide who
    # reads what (learners cannot read the trainer's course or each other's work).
    c.JupyterHub.spawner_class = "localprocess"
else:
    # Not root (a try-out on a laptop): every server runs as the current user, in its own
    # folder under the state directory. File permissions do NOT separate users here.
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
# Each user's server: JupyterLab from the shared environment (so the workbench is the kernel),
# started at a lower CPU priority (nice 10; its kernels inherit it) than the hub and its proxy.
# When a whole class logs in at once the servers starting use every core; at the same
# priority the hub and configurable-http-proxy were starved until their API calls timed out
# ("Failed to add ... to proxy") and the starts failed (bench_hub, 30 learners without
# preparation). Learners compete with each other as before; the hub stays responsive.
_nice = shutil.which("nice")
c.Spawner.cmd = [
    *([_nice, "-n", "10"] if _nice else []),
    str(ENV / "bin" / "jupyterhub-singleuser"),
]
# Users land in JupyterLab on the course map of their workspace, as `make lab` opens it (the
# workspace is synced before the page loads); Voilà dashboards are at
# /user/<name>/voila/render/<path>.
c.Spawner.default_url = "/lab/tree/ruang-kerja/00-beranda.ipynb"
# The file browser starts in the user's home (workspace, course, settings).
c.Spawner.notebook_dir = "~"
c.Spawner.http_timeout = 120  # a busy server can take a while to start its first kernel
c.Spawner.start_timeout = 120
# Only these variables pass from the hub's environment to users' servers (no secrets).
c.Spawner.env_keep = ["LANG", "LC_ALL", "TZ"]


def _role(username: str) -> str:
    """A trainer when listed in WORKBENCH_TRAINERS, a learner otherwise."""
    return "pelatih" if username in TRAINERS else "peserta"


def _home(spawner) -> Path:
    """The user's home: their system account's, or a folder per user in try-out mode."""
    if SPAWNER == "system":
        import pwd

        return Path(pwd.getpwnam(spawner.user.name).pw_dir)
    return Path(c.SimpleLocalProcessSpawner.home_dir_template.format(username=spawner.user.name))


def _give(path: Path, spawner) -> None:
    """Hand ``path`` (recursively) to the spawner's user when servers run as system users."""
    if SPAWNER != "system":
        return
    import pwd

    entry = pwd.getpwnam(spawner.user.name)
    for item in [path, *path.rglob("*")]:
        os.chown(item, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


#: Each user's server listens on a port of its own, below the range the system hands out for
#: temporary ports (32768 and up on Linux). JupyterHub's local spawners otherwise pick a random
#: free port in the hub just before the server starts: when 40 servers start in the same few
#: seconds two can pick the same one, and the proxy then sends one learner to another's server
#: (a 404 page in a burst of 40, benchmarks/bench_hub.py). The hub's database id is unique.
SERVER_PORTS = range(20000, 32000)


def server_port(user_id: int) -> int:
    """The port of the server of the user with this hub database id (see SERVER_PORTS)."""
    return SERVER_PORTS[user_id % len(SERVER_PORTS)]


def pre_spawn_hook(spawner) -> None:
    """Prepare a user's home before their server starts: role config, course, workspace."""
    spawner.port = server_port(spawner.user.id)
    role = _role(spawner.user.name)
    home = _home(spawner)
    home.mkdir(parents=True, exist_ok=True)
    if SPAWNER == "system":
        # useradd makes homes world-readable on many systems (UMASK 022): a learner could read
        # another's work and the trainer's course. Only the owner enters a home.
        home.chmod(0o700)
    # The workspace (~/ruang-kerja), a trainer's nbgrader course (~/kursus/source from the
    # course copy's exercises/) and the user's own workbench settings (the course copy to learn
    # from, their state in their home): deploy/jupyterhub/prepare_home.py, shared with the
    # Kubernetes image. What it creates is handed to the user.
    for created in prepare_home(home, role, COURSE):
        _give(created, spawner)
    settings = settings_path(home)
    spawner.environment.update(
        {
            # Per-role Jupyter config: the hub's nbgrader settings for the role (course,
            # exchange), which nbgrader extensions the role has (shared with `make lab`), and
            # what both roles share on the hub.
            "JUPYTER_CONFIG_PATH": os.pathsep.join(
                [str(HUB_ROLES / role), str(LAB_ROLES / role), str(HUB_ROLES / "bersama")]
            ),
            "WORKBENCH_HOME": str(COURSE),
            "WORKBENCH_CONFIG": str(settings),
            "WORKBENCH_COURSE_ID": COURSE_ID,
            "WORKBENCH_EXCHANGE": str(EXCHANGE),
            "WORKBENCH_WORKSPACE": str(home / "ruang-kerja"),
            "WORKBENCH_HUB_SUBDOMAIN_HOST": SUBDOMAIN_HOST,
            "PATH": f"{ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "TZ": "Asia/Jakarta",
        }
    )
    if GRADEBOOK_URL and role == "pelatih":
        spawner.environment["WORKBENCH_GRADEBOOK_URL"] = GRADEBOOK_URL


# Run before every server start (home preparation and the per-role environment above).
c.Spawner.pre_spawn_hook = pre_spawn_hook

# --- Preparing a class (workbench hub prepare-class) ------------------------------------------
# A trainer starts their learners' servers before the class, from their own JupyterLab terminal
# (workbench/hubclass.py). What trainers may do for that, and only for the learners' group: see
# them and their servers, start and stop those servers, mark them active.
CLASS_SCOPES = [
    "read:users!group=peserta",
    "read:servers!group=peserta",
    "servers!group=peserta",
    "users:activity!group=peserta",
]


def server_token_scopes(spawner) -> list[str]:
    """A trainer's server token ($JUPYTERHUB_API_TOKEN in their terminal) carries the class
    scopes as well as the usual ones; everyone else's gets JupyterHub's default."""
    if _role(spawner.user.name) != "pelatih":
        return []  # JupyterHub's "server" role
    return ["access:servers!server", "users:activity!user", *CLASS_SCOPES]


c.Spawner.server_token_scopes = server_token_scopes

# --- Pages the hub shows ----------------------------------------------------------------------
# Indonesian pages where a learner waits for or loses their server (starting, failed to start,
# stopped, an error), in deploy/jupyterhub/templates; JupyterHub's own for the rest.
c.JupyterHub.template_paths = [str(HERE / "templates")]

# The exchange: world-writable with the sticky bit, as nbgrader requires; nbgrader itself makes
# each course's inbound folder writable but not listable, so learners cannot see each other's
# submissions, and feedback is fetched by each learner's own submission hash.
EXCHANGE.mkdir(parents=True, exist_ok=True)
if AS_ROOT:
    STATE.chmod(0o755)
    EXCHANGE.chmod(0o1777)

# --- Services: idle culler and automation -----------------------------------------------------
# The idle culler (jupyterhub-idle-culler) runs as a hub-managed service: every half timeout
# (its default) it stops servers idle longer than WORKBENCH_HUB_IDLE_TIMEOUT.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_TIMEOUT}"],
    }
]
# What the culler may do: see users and their activity, stop servers; nothing else.
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
    {
        # Trainers prepare their classes (CLASS_SCOPES above, learners only).
        "name": "pelatih-kelas",
        "scopes": CLASS_SCOPES,
        "groups": ["pelatih"],
    },
]
if API_TOKEN:
    # Automation (tests, benchmark, admin scripts): manage users, servers, groups and tokens,
    # and reach users' servers. Whoever holds the token is an admin: keep it out of hub.env
    # in normal use.
    c.JupyterHub.services.append({"name": "workbench-admin", "api_token": API_TOKEN})
    c.JupyterHub.load_roles.append(
        {
            "name": "workbench-admin",
            "scopes": ["admin:users", "admin:servers", "tokens", "admin:groups", "access:servers"],
            "services": ["workbench-admin"],
        }
    )
