"""Start JupyterLab on the course and Voilà on the dashboards, the way ``make`` does.

The commands are built here as plain argument lists so that ``make lab``, ``make dashboards``,
``workbench lab``/``workbench dashboards`` and the tests all start the servers the same way.

Security defaults: bind to 127.0.0.1 unless a host is given, and keep token authentication on.
JupyterLab honours ``JUPYTER_TOKEN``; Voilà is given the same token when it is set, and
otherwise generates one (Voilà alone would run without any token).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from workbench.config import get_settings

__all__ = [
    "DEFAULT_DASHBOARD_PORT",
    "DEFAULT_LAB_PORT",
    "dashboard_data_dir",
    "dashboards_command",
    "dashboards_folder",
    "ensure_interface_language",
    "has_display",
    "kernel_pools",
    "lab_command",
    "machine_memory_mib",
    "pool_summary",
    "role_config_dir",
    "run",
    "server_environment",
    "terminal_shell",
]

DEFAULT_LAB_PORT = 8888
DEFAULT_DASHBOARD_PORT = 8866
#: Seconds a dashboard cell may run before Voilà stops it.
DEFAULT_CELL_TIMEOUT = 120


def has_display() -> bool:
    """Whether a browser window can be opened on this machine."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def lab_command(
    *,
    port: int | None = None,
    host: str = "127.0.0.1",
    root_dir: Path | None = None,
    open_browser: bool | None = None,
    trainer: bool = False,
) -> list[str]:
    """The command that starts JupyterLab.

    Learners get their workspace (``settings.workspace_dir``, see :mod:`workbench.workspace`) as
    the root, so nothing they do touches the course sources; the caller syncs it first.
    ``trainer=True`` opens the whole installation instead (``exercises/``, ``grading/``, the
    course in ``notebooks/``), where the formgrader and course authoring need to be.
    """
    from workbench.practice.course import INDEX_NOTEBOOK  # the course map, the start page

    settings = get_settings()
    if root_dir is not None:
        root = Path(root_dir).resolve()
    else:
        root = Path(settings.home if trainer else settings.workspace_dir).resolve()
    start_url = "/lab"
    if trainer:
        with contextlib.suppress(ValueError):  # the course outside the root: plain /lab
            start_url = "/lab/tree/" + settings.notebooks_dir.resolve().relative_to(root).as_posix()
    elif (root / INDEX_NOTEBOOK).is_file():
        start_url = f"/lab/tree/{INDEX_NOTEBOOK}"
    if open_browser is None:
        open_browser = has_display()
    cmd = [
        sys.executable,
        "-m",
        "workbench._labserver",  # python -m jupyterlab, minus one expected warning
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.ip={host}",
        f"--ServerApp.port={port or DEFAULT_LAB_PORT}",
        f"--ServerApp.open_browser={open_browser}",
        f"--LabApp.default_url={start_url}",
        # Our Indonesian login page (jupyter/templates/login.html) ahead of jupyter_server's.
        f"--ServerApp.extra_template_paths={settings.home / 'jupyter' / 'templates'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers and CI run as root; Jupyter refuses that unless told it is intended.
        cmd.append("--ServerApp.allow_root=True")
    if port:
        # An explicit port is a promise: fail clearly rather than silently take another one.
        cmd.append("--ServerApp.port_retries=0")
    if os.name == "posix":
        # Kernels talk to the server over local sockets (files only this user may open), not
        # over TCP: nothing listens on a port, and ipykernel has no reason to log "Kernel is
        # running over TCP without encryption" each time a learner opens a notebook. Windows has
        # no such sockets; there the kernel keeps TCP on 127.0.0.1 (and says so in its log).
        cmd.append("--KernelManager.transport=ipc")
    shell = terminal_shell()
    if shell:
        cmd.append(f"--ServerApp.terminado_settings=shell_command={shell}")
    # No language server is installed (and none is needed for the course): without this,
    # jupyter_lsp logs one very long "Skipped non-installed server(s): ..." line at every start.
    # Which nbgrader parts run (the formgrader only in the trainer's lab) is the role's
    # configuration, put on JUPYTER_CONFIG_PATH by server_environment(role=...).
    cmd.append("--LanguageServerManager.autodetect=False")
    return cmd


def role_config_dir(*, trainer: bool) -> Path:
    """The Jupyter configuration folder of a role: ``jupyter/peran/pelatih`` or ``peserta``.

    It says which nbgrader parts the role has, the same on a laptop and on JupyterHub (the hub
    puts the same folder on its users' JUPYTER_CONFIG_PATH): ``labconfig/page_config.json``
    (JupyterLab plugins: a learner has no Formgrader, Create Assignment or Course List menu
    items) and ``jupyter_server_config.json`` (server extensions: no formgrader in a learner's
    lab, where it could only log that it cannot find the course).
    """
    return get_settings().home / "jupyter" / "peran" / ("pelatih" if trainer else "peserta")


def ensure_interface_language(locale: str = "id_ID") -> Path | None:
    """Make ``locale`` the user's interface language unless they chose one themselves.

    ``jupyter/labconfig/default_setting_overrides.json`` makes Indonesian the default the browser
    sees, but JupyterLab's server translates settings schemas (the main menu titles and many
    menu items come from there) only in the language written in the user's own setting, else
    in the operating system's. Writing the user setting once aligns both; choosing
    Pengaturan > Bahasa later overwrites it as usual. Returns the file written, or None.
    """
    from jupyterlab.commands import get_user_settings_dir

    path = Path(get_user_settings_dir()) / "@jupyterlab" / "translation-extension"
    path = path / "plugin.jupyterlab-settings"
    if path.exists():
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'{{\n  "locale": "{locale}"\n}}\n', encoding="utf-8")
    except OSError:  # a read-only profile: the browser side is still Indonesian
        return None
    return path


def terminal_shell() -> str | None:
    """The shell JupyterLab's terminal runs: the user's own, as an interactive non-login shell
    that puts this installation's tools first on PATH after the user's own startup file.

    Left alone, Jupyter starts a *login* shell whenever it is not itself run from a terminal
    (a desktop shortcut, CI, a service), and a login shell reads ``/etc/profile``, which on
    Debian resets PATH and on macOS reorders it: ``workbench`` and ``nbgrader`` from ``.venv``
    would be "command not found". A non-login shell keeps the PATH the server was given (see
    :func:`server_environment`) and still reads the user's ``~/.bashrc``; but a ``~/.bashrc``
    that sets up pyenv or conda puts *its* ``python`` and ``pip`` first again, and ``pip
    install`` goes to another Python. So bash starts with ``jupyter/terminal/bashrc``, which
    reads ``~/.bashrc`` and then puts ``.venv``'s tools first (zsh: ``jupyter/terminal/zsh``
    through ``ZDOTDIR``, set by :func:`server_environment`). Other shells run as before. On
    Windows Jupyter's default (PowerShell) already inherits PATH, so nothing is set there.
    """
    if os.name == "nt":
        return None
    shell = os.environ.get("SHELL") or shutil.which("bash") or shutil.which("sh")
    if not shell or " " in shell:
        return None
    rcfile = get_settings().home / "jupyter" / "terminal" / "bashrc"
    if Path(shell).name == "bash" and rcfile.is_file() and " " not in str(rcfile):
        return f"{shell} --rcfile {rcfile}"
    return shell


def _zsh_folder() -> Path | None:
    """``jupyter/terminal/zsh`` when the terminal's shell is zsh (for ``ZDOTDIR``)."""
    shell = terminal_shell()
    folder = get_settings().home / "jupyter" / "terminal" / "zsh"
    if shell and Path(shell.split()[0]).name == "zsh" and folder.is_dir():
        return folder
    return None


#: What a dashboard's metadata may ask one warm kernel *per* (``"warm_kernels": "per_team"``),
#: and the room size that gives the number: the counter workshop's teams (``--teams``,
#: ``make dashboards TIM=5``: the team page, one laptop per team), the people of a conversation
#: session (``--triad-people``, ``BERTIGA=15``: everyone opens the triad page in the same minute)
#: and the people filling in the reaction questionnaire together (``--respondents``,
#: ``RESPONDEN=25``). A size that is not given prepares nothing beyond the page's one kernel.
ROOM_SIZES = {
    "per_team": "teams",
    "per_triad_member": "triad_people",
    "per_respondent": "respondents",
}

#: Memory of one dashboard kernel once its page has run, in MiB: the proportional set size
#: measured with ``benchmarks/bench_dashboard_kernels.py`` is about 80 MiB for the triad page,
#: 95 for the solo and questionnaire pages, 120 for the workshop pages and up to 150 for the
#: competency dashboard (an empty kernel: 40). What the start message counts per kernel.
KERNEL_MIB = 100
#: Share of the computer's memory above which the start message warns about the busiest moment
#: (the rest is for the system, Voilà itself and the facilitator's browser).
MEMORY_SHARE = 2 / 3

#: Seconds Voilà waits before refilling a notebook's pool after a page took a warm kernel, so
#: refills do not compete for the processor with pages that are still connecting. Not longer:
#: Voilà hands a page that finds no warm kernel left the pending refill, delay included, so a
#: second visitor of a one-kernel dashboard waits this long (a 60 s delay made twenty team pages
#: opened at once on one machine 1.6x faster, but such a visitor waited over a minute).
POOL_REFILL_DELAY = 20.0

#: Seconds Voilà waits for a cell's output after the cell finished. nbclient's default (4 s)
#: is too short on a busy machine: the output is dropped ("Timeout waiting for IOPub output")
#: and the page stays blank, which is what happened to team pages opened all at once.
IOPUB_TIMEOUT = 60

#: JupyterLab extensions installed for the lab that a dashboard never uses: Voilà would load
#: them into every page (more files for the server to send and for each laptop to run while
#: a room of pages opens at once; nbgrader's also logs errors without its host).
DASHBOARD_EXTENSIONS_OFF = (
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
)

#: Where the dashboards' Voilà template (``asn``: Indonesian loading text and a watchdog that
#: retries a page that cannot start) lives, as a Jupyter data folder under the home.
DASHBOARD_DATA = Path("jupyter") / "dashboards"


def _metadata(notebook: Path) -> dict:
    import json

    try:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return {}
    return meta.get("workbench", {}) if isinstance(meta, dict) else {}


def warm_kernels(notebook: Path, **sizes: int) -> int:
    """How many warm kernels Voilà keeps ready for ``notebook``.

    A dashboard says so in its metadata, ``{"workbench": {"warm_kernels": N}}``, or one of
    :data:`ROOM_SIZES` for a page a whole room opens at once: one kernel per team (or person)
    of the size given in ``sizes`` (``teams=5``) plus a spare, so the first page opened after
    everyone's is still quick; one when that size is not given. Without metadata, one.
    """
    wanted = _metadata(notebook).get("warm_kernels", 1)
    if wanted in ROOM_SIZES:
        size = int(sizes.get(ROOM_SIZES[wanted]) or 0)
        return size + 1 if size > 0 else 1
    return wanted if isinstance(wanted, int) and wanted >= 0 else 1


def kernel_pools(folder: Path, **sizes: int) -> dict[str, dict[str, int]]:
    """Voilà's ``kernel_pools_config`` for every dashboard in ``folder`` (paths relative to it),
    for the room ``sizes`` given (``teams``, ``triad_people``, ``respondents``)."""
    unknown = set(sizes) - set(ROOM_SIZES.values())
    if unknown:
        raise TypeError(f"ukuran ruang tidak dikenal: {sorted(unknown)}")
    pools: dict[str, dict[str, int]] = {"default": {"pool_size": 1}}
    for notebook in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in notebook.parts:
            continue
        pools[notebook.relative_to(folder).as_posix()] = {
            "pool_size": warm_kernels(notebook, **sizes)
        }
    return pools


def pool_summary(pools: dict[str, dict[str, int]], *, memory_mib: float | None = None) -> str:
    """What the facilitator reads when the dashboards start: how many warm kernels and for
    which pages beyond one, the memory they take (about :data:`KERNEL_MIB` each), and at the
    busiest moment: every room page held by a person while Voilà fills its pool again behind
    them. With ``memory_mib`` (the computer's memory) a busiest moment too large for it is
    called out (over :data:`MEMORY_SHARE` of it), with what to do."""
    from workbench import formatting as fmt

    pages = {k: v["pool_size"] for k, v in pools.items() if k != "default"}
    total = sum(pages.values())
    busiest = total + sum(n - 1 for n in pages.values() if n > 2)
    more = ", ".join(
        f"{Path(name).stem} {fmt.count(n)}" for name, n in sorted(pages.items()) if n > 1
    )
    idle_gb, peak_gb = total * KERNEL_MIB / 1024, busiest * KERNEL_MIB / 1024
    text = (
        f"Voilà menyiapkan {fmt.count(total)} kernel hangat untuk {fmt.count(len(pages))} dasbor "
        f"(lebih dari satu: {more or 'tidak ada'}), sekitar {fmt.number(idle_gb, 1)} GB memori; "
        f"saat semua peserta memegang halamannya sampai {fmt.count(busiest)} kernel, sekitar "
        f"{fmt.number(peak_gb, 1)} GB."
    )
    if memory_mib and busiest * KERNEL_MIB > memory_mib * MEMORY_SHARE:
        text += (
            f" PERINGATAN: itu lebih dari dua pertiga memori komputer ini "
            f"({fmt.number(memory_mib / 1024, 1)} GB). Kecilkan TIM, BERTIGA atau RESPONDEN; "
            "halaman yang tidak kebagian kernel hangat tetap terbuka, hanya lebih lambat."
        )
    return text


def machine_memory_mib() -> float | None:
    """This computer's memory in MiB, where the system says (None on Windows)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    except (AttributeError, ValueError, OSError):
        return None


def dashboards_command(
    *,
    port: int | None = None,
    host: str = "127.0.0.1",
    directory: Path | None = None,
    cell_timeout: int = DEFAULT_CELL_TIMEOUT,
    preheat: bool = True,
    open_browser: bool | None = None,
    **sizes: int,
) -> list[str]:
    """The command that serves the dashboards with Voilà (sources stripped, cells time-limited).

    With ``preheat`` every dashboard has warm kernels ready, as many as its metadata asks for
    (:func:`warm_kernels`: one, or for a page a whole room opens at once one per team or person
    of the room ``sizes`` given, plus a spare), each having already run the notebook, so a page
    opened by everyone in the same second is ready at once; the ``asn`` template makes a page
    that cannot start retry by itself.
    """
    import json

    folder = dashboards_folder(directory)
    if open_browser is None:
        open_browser = has_display()
    pools = kernel_pools(folder, **sizes) if preheat else {"default": {"pool_size": 0}}
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(folder),
        f"--Voila.ip={host}",
        f"--Voila.port={port or DEFAULT_DASHBOARD_PORT}",
        f"--Voila.open_browser={open_browser}",
        "--VoilaConfiguration.template=asn",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaExecutor.timeout={cell_timeout}",
        "--VoilaExecutor.interrupt_on_timeout=True",
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT}",
        f"--VoilaConfiguration.preheat_kernel={preheat}",
        f"--VoilaConfiguration.default_pool_size={1 if preheat else 0}",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
        f"--VoilaConfiguration.extension_denylist={json.dumps(list(DASHBOARD_EXTENSIONS_OFF))}",
        f"--VoilaKernelManager.fill_delay={POOL_REFILL_DELAY}",
    ]
    token = os.environ.get("JUPYTER_TOKEN")
    cmd.append(f"--Voila.token={token}" if token else "--Voila.auto_token=True")
    return cmd


def dashboards_folder(directory: Path | None = None) -> Path:
    """The folder of dashboards Voilà serves (default: ``notebooks/dashboards``)."""
    return Path(directory or get_settings().notebooks_dir / "dashboards").resolve()


def dashboard_data_dir() -> Path:
    """The Jupyter data folder holding the dashboards' Voilà template (``asn``)."""
    return get_settings().home / DASHBOARD_DATA


def server_environment(*, role: Path | None = None, data: Path | None = None) -> dict[str, str]:
    """The environment servers run in (``role``: a :func:`role_config_dir` for JupyterLab).

    * This installation's tools first on PATH, and ``VIRTUAL_ENV`` set, as ``activate`` would:
      nbgrader calls ``alembic`` by name to create the gradebook, kernels' ``!`` commands and
      JupyterLab's terminal find ``workbench`` and ``nbgrader`` as the README writes them
      (``WORKBENCH_BIN`` and, for zsh, ``ZDOTDIR`` let the terminal keep them first, see
      :func:`terminal_shell`).
    * This environment's kernels and extensions ahead of stray user-level ones.
    * ``<home>/jupyter`` on ``JUPYTER_CONFIG_PATH``, so nbgrader's Assignment List finds the
      course configuration although the learner's lab is rooted in their workspace; the role's
      folder ahead of it (its settings win), when one is given.
    """
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    if env.get("PATH", "").split(os.pathsep)[0] != bindir:
        env["PATH"] = os.pathsep.join([bindir, env.get("PATH", "")])
    env["WORKBENCH_BIN"] = bindir  # the terminal's startup file puts it first again
    zsh = _zsh_folder()
    if zsh is not None:
        env["ZDOTDIR"] = str(zsh)
    if sys.prefix != sys.base_prefix:
        env["VIRTUAL_ENV"] = sys.prefix
    env.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
    ours = [str(role)] if role is not None else []
    ours.append(str(get_settings().home / "jupyter"))
    paths = [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([*ours, *(p for p in paths if p not in ours)])
    if data is not None:  # a Jupyter data folder ahead of the others (Voilà's templates)
        data_paths = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
        env["JUPYTER_PATH"] = os.pathsep.join(
            [str(data), *(p for p in data_paths if p != str(data))]
        )
    return env


def run(cmd: list[str], *, role: Path | None = None, data: Path | None = None) -> int:
    """Run a server in the foreground until the user stops it (Ctrl+C); return its exit code.

    ``role`` is the :func:`role_config_dir` of the JupyterLab being started; ``data`` a Jupyter
    data folder put first on ``JUPYTER_PATH`` (:func:`dashboard_data_dir` for Voilà). On POSIX
    the server replaces this process, so signals (Ctrl+C, a supervisor's SIGTERM) reach it
    directly and it shuts its kernels down cleanly.
    """
    env = server_environment(role=role, data=data)
    sys.stdout.flush()
    if os.name == "posix":
        os.execve(cmd[0], cmd, env)
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0


def chromium_path() -> str | None:
    """Path of Debian's Chromium, used by the browser tests, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
