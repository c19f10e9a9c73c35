"""Server extension: the installation's style additions on JupyterLab's page.

JupyterLab loads ``/custom/custom.css`` when ``LabApp.custom_css`` is on, from the server's
``static_custom_path`` (the user's ``~/.jupyter/custom`` by default, which jupyter_server does
not let configuration change). This extension, enabled with ``LabApp.custom_css`` in both
roles' ``jupyter_server_config.json`` (``jupyter/peran/``, used by ``make lab``, ``make
lab-pelatih`` and JupyterHub), puts ``jupyter/custom/`` of this installation first on that path,
so every lab gets ``jupyter/custom/custom.css`` (today: a file browser wide enough for the
module names). A user's own ``~/.jupyter/custom/custom.css`` is shadowed by ours.
"""

from __future__ import annotations

from workbench.config import get_settings

__all__ = ["custom_folder"]


def custom_folder() -> str:
    """The folder holding this installation's ``custom.css``."""
    return str(get_settings().home / "jupyter" / "custom")


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "workbench.labstyle"}]


def _load_jupyter_server_extension(serverapp) -> None:
    # The same list object is handed to JupyterLab's /custom/ handler, whether that handler was
    # set up before or after this extension: changing it in place reaches it either way.
    paths = serverapp.web_app.settings.get("static_custom_path")
    folder = custom_folder()
    if isinstance(paths, list) and folder not in paths:
        paths.insert(0, folder)
