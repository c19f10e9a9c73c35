"""IPython extension loaded in every kernel of this installation: a hint after a ``NameError``.

After *Kernel › Mulai Ulang Kernel*, or when a learner reopens a module the next day and runs
``q1.check()`` first, Python answers ``NameError: name 'q1' is not defined``, in English, with
nothing to say that every variable went with the old kernel and that the cells above must run
again, starting with the module's setup cell. This extension listens for cells that end in a
``NameError`` and shows, under the red message, what happened and what to do, in Indonesian.

When the kernel knows its notebook (JupyterLab tells it in ``JPY_SESSION_NAME``) and the saved
notebook has a cell that creates the missing name, the hint names that cell by its position
and first line. The extension is loaded by ``<env>/etc/ipython/ipython_kernel_config.py``,
which ``tools/setup_env.py`` writes; it imports nothing heavy, so kernels start as fast as
before.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

from workbench.menus import RUN_ABOVE, menu

__all__ = ["load_ipython_extension", "name_error_hint"]

#: Names every module's setup cell creates (``q1, q2 = start(...)``, the blank, the progress).
_SETUP_NAMES = re.compile(r"q\d+|start|____|show_progress")
_REGISTERED: set[int] = set()


def load_ipython_extension(shell: Any) -> None:
    """Register the hint with ``shell`` (once, however often the extension is loaded)."""
    if id(shell) in _REGISTERED:
        return
    _REGISTERED.add(id(shell))
    shell.events.register("post_run_cell", _after_cell)


def _after_cell(result: Any) -> None:
    error = getattr(result, "error_in_exec", None)
    if not isinstance(error, NameError) or not getattr(error, "name", None):
        return
    try:
        from IPython.display import HTML, display

        display(HTML(_box(name_error_hint(error.name, _notebook_cells()))))
    except Exception:  # a hint must never add an error of its own
        return


def name_error_hint(name: str, cells: list[str] | None = None) -> str:
    """What a learner should know about ``NameError: name 'NAME' is not defined``.

    ``cells`` are the sources of the notebook's code cells, top to bottom, when known.
    """
    where = _defining_cell(name, cells or [])
    if _SETUP_NAMES.fullmatch(name):
        first = (
            f"`{name}` dibuat oleh sel persiapan modul ({where})"
            if where
            else f"`{name}` dibuat oleh sel persiapan di awal modul (yang berisi `start(...)`)"
        )
        return (
            f"{first}, dan kernel ini belum menjalankannya. Biasanya karena kernel baru dimulai "
            "ulang, atau notebook baru dibuka lagi: semua variabel ikut hilang, isi notebook "
            "tetap. Jalankan dulu sel persiapan itu, lalu sel-sel jawaban Anda, baru periksa "
            f"lagi. Cara cepat: klik sel ini, lalu menu {menu(RUN_ABOVE)}."
        )
    made = f" Sel yang membuatnya: {where}." if where else ""
    return (
        f"Python belum mengenal nama `{name}`. Mungkin salah ketik (huruf besar/kecil "
        "berpengaruh), atau sel yang membuatnya belum dijalankan sejak kernel dimulai: setelah "
        f"kernel dimulai ulang semua variabel hilang.{made} Jalankan sel itu (atau semua sel "
        f"di atas: menu {menu(RUN_ABOVE)}), lalu jalankan sel ini lagi."
    )


def _defining_cell(name: str, cells: list[str]) -> str | None:
    """The first cell that assigns ``name``: "sel kode ke-2 dari atas, `from workbench ...`"."""
    from workbench.practice.cells import assigned_names

    for position, source in enumerate(cells, start=1):
        if name in assigned_names(source):
            first = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")
            if len(first) > 60:
                first = first[:59] + "…"
            return f"sel kode ke-{position} dari atas, `{first}`"
    return None


def _notebook_cells() -> list[str]:
    """The code cells of the notebook this kernel runs, as last saved (empty if unknown)."""
    session = os.environ.get("JPY_SESSION_NAME", "")
    if not session.endswith(".ipynb"):
        return []
    path = Path(session)
    if not path.is_absolute():
        path = Path.cwd() / path.name  # the kernel runs in the notebook's folder
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        return [
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb.get("cells", [])
            if c.get("cell_type") == "code"
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def _box(message: str) -> str:
    """The hint as the course's hint box (the style of ``q1.hint()``)."""
    text = html.escape(message)
    parts = text.split("`")
    text = "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return (
        "<div class='workbench-feedback workbench-feedback--hint workbench-nameerror' "
        "style='background:#fff8e1;border-left:4px solid #8a6d00;padding:0.5em 0.8em;"
        f"color:#222'>💡 {text}</div>"
    )
