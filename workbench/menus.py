"""JupyterLab's menu items as a learner sees them, for the messages that send them there.

Learner-facing text (check feedback, kernel hints, notebooks) names menu items by their
Indonesian labels from our language pack (``jupyter/languagepack/``), written as the path a
learner clicks: ``Jalankan › Jalankan Semua Sel di Atas Sel Terpilih``. They live here, in one
place, and ``tests/test_menus.py`` checks every part against the language pack, so a changed
translation cannot leave a message pointing at a menu item that no longer exists.
"""

from __future__ import annotations

__all__ = [
    "MENU_PATHS",
    "NEW_TERMINAL",
    "RELOAD_FROM_DISK",
    "RESTART_KERNEL",
    "RESTART_RUN_ALL",
    "RUN_ABOVE",
    "menu",
]

SEP = " › "

#: Runs every cell above the selected one (after Run All, or a restart).
RUN_ABOVE = SEP.join(["Jalankan", "Jalankan Semua Sel di Atas Sel Terpilih"])
#: Restarts the kernel (every variable goes, the notebook stays).
RESTART_KERNEL = SEP.join(["Kernel", "Mulai Ulang Kernel…"])
#: Restarts the kernel and runs the whole notebook (before submitting an assignment).
RESTART_RUN_ALL = SEP.join(["Kernel", "Mulai Ulang Kernel lalu Jalankan Semua Sel…"])
#: Reloads a notebook that changed on disk.
RELOAD_FROM_DISK = SEP.join(["Berkas", "Muat Ulang Notebook dari Disk"])
#: Opens a terminal.
NEW_TERMINAL = SEP.join(["Berkas", "Baru", "Terminal"])

MENU_PATHS = (RUN_ABOVE, RESTART_KERNEL, RESTART_RUN_ALL, RELOAD_FROM_DISK, NEW_TERMINAL)


def menu(path: str) -> str:
    """``path`` in bold for a message (``**Jalankan › ...**``)."""
    return f"**{path}**"
