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
