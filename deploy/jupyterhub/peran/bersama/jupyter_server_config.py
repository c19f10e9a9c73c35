"""Jupyter server settings shared by trainers' and learners' servers on the hub.

JUPYTER_CONFIG_PATH (set by the hub's pre-spawn hook) lists the role's folder first, then this
one: the role decides which nbgrader extensions show; this file holds what both share.
"""

import os

c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file

# Formgrader inside JupyterLab is an iframe. JupyterHub >= 4.1 forbids framing single-user pages
# ("frame-ancestors 'none'") because all users share one origin, so one user's page could frame
# another's. With per-user subdomains (WORKBENCH_HUB_SUBDOMAIN_HOST) each user has their own
# origin and 'self' is safe again (nbgrader's documented fix). Without subdomains the trainer
# opens the formgrader in its own browser tab, /user/<name>/formgrader (PANDUAN-TI.md).
if os.environ.get("WORKBENCH_HUB_SUBDOMAIN_HOST"):
    csp = "frame-ancestors 'self'"
    c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": csp}}

# Kernels talk to their server over Unix sockets in the user's own runtime folder, not over
# TCP ports on 127.0.0.1. With TCP, jupyter_client picks free ports, releases them and starts
# the kernel, so when dozens of users start kernels at once on one server another kernel can
# take the port first ("ZMQError: Address already in use", the kernel dies; jupyter_client
# issue #487). The load benchmark hit this at 40 learners starting together
# (deploy/kubernetes/README.md). Only the kernels the server starts for notebooks, consoles and
# Voilà (AsyncIOLoopKernelManager and its subclasses): nbgrader's autograde starts its kernels
# through nbclient's plain KernelManager without a connection file in the runtime folder, where
# a relative socket path would not match between server and kernel, so it keeps TCP (one kernel
# at a time). A Unix socket path may hold at most 107 bytes, so a user whose runtime folder is
# too deep (a very long user name) keeps TCP as well.
_KERNEL_SOCKET = "kernel-00000000-0000-0000-0000-000000000000-ipc-9"  # the longest name used
try:
    from jupyter_core.paths import jupyter_runtime_dir

    if len(os.path.join(jupyter_runtime_dir(), _KERNEL_SOCKET).encode()) <= 107:
        c.AsyncIOLoopKernelManager.transport = "ipc"
except ImportError:  # not a Jupyter process: nothing to configure
    pass

# No language server is installed (none is needed for the course): without this, jupyter_lsp
# scans for 19 of them after every start, which costs CPU while a whole class is logging in,
# and logs a long "Skipped non-installed server(s)" line. `make lab` passes the same setting.
c.LanguageServerManager.autodetect = False

# The first kernel is started in the background once the server runs, in the workspace, with
# pandas and the workbench already imported (silently): the first module a learner opens gets
# it, so a prepared class does not wait for kernels in the minute everyone opens a module.
# Later notebooks, dashboards and other folders start kernels as usual (workbench/spare_kernel.py).
if "JUPYTERHUB_USER" in os.environ:
    c.ServerApp.kernel_manager_class = "workbench.spare_kernel.SpareKernelManager"
    c.SpareKernelManager.spare_path = "ruang-kerja"

# The user's workspace (~/ruang-kerja) is filled and updated from the course copy each time
# their server starts, the same sync `make lab` runs on a laptop: new modules and data appear,
# untouched modules are updated, a module the user changed is kept and the new version is put
# beside it (workbench.workspace). A refusal (disk full, a folder in the way) is logged in
# Indonesian and the server still starts, so the user can reach their files and fix it.
if "JUPYTERHUB_USER" in os.environ:
    from workbench import workspace
    from workbench.errors import WorkbenchError

    try:
        print(workspace.ensure().summary(), flush=True)
    except WorkbenchError as exc:
        print(f"Ruang kerja belum diperbarui: {exc}", flush=True)
