"""IPython extension loaded in every kernel of this installation: hints and plain displays.

After *Kernel › Mulai Ulang Kernel*, or when a learner reopens a module the next day and runs
``q1.check()`` first, Python answers ``NameError: name 'q1' is not defined``, in English, with
nothing to say that every variable went with the old kernel and that the cells above must run
again, starting with the module's setup cell. This extension listens for cells that end in a
``NameError`` and shows, under the red message, what happened and what to do, in Indonesian.

When the kernel knows its notebook (JupyterLab tells it in ``JPY_SESSION_NAME``) and the saved
notebook has a cell that creates the missing name, the hint names that cell by its position
and first line.

It also makes two displays plain for learners: a numpy number shows as the number
(``3.1011``, ``49888``), not ``np.float64(3.1011)``, and a table or column of times in the
office time zone shows them as the office reads them (``2025-01-02``, ``2025-01-02 07:31:37``),
not ``2025-01-02 00:00:00+07:00``; the data itself keeps its time zone. The extension is
loaded by ``<env>/etc/ipython/ipython_kernel_config.py``,
which ``tools/setup_env.py`` writes; it imports nothing heavy, so kernels start as fast as
before.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from workbench.menus import RUN_ABOVE, menu

__all__ = ["load_ipython_extension", "name_error_hint"]

#: Names every module's setup cell creates (``q1, q2 = start(...)``, the blank, the progress).
_SETUP_NAMES = re.compile(r"q\d+|start|____|show_progress")


def load_ipython_extension(shell: Any) -> None:
    """Register the hint with ``shell`` (once, however often the extension is loaded)."""
    if getattr(shell, "_workbench_kernel", False):
        return
    shell._workbench_kernel = True
    shell.events.register("post_run_cell", _after_cell)
    _register_displays(shell)


#: numpy scalar types shown as the Python number they hold.
_NUMPY_SCALARS = (
    "float64", "float32", "float16", "int64", "int32", "int16", "int8",
    "uint64", "uint32", "uint16", "uint8", "bool_",
)  # fmt: skip


def _register_displays(shell: Any) -> None:
    """Plain displays for numpy numbers and WIB times (registered by name: nothing imported)."""
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters:
        return
    plain = formatters.get("text/plain")
    html_formatter = formatters.get("text/html")
    numpy = sys.modules.get("numpy")
    for name in _NUMPY_SCALARS:
        if numpy is not None:  # IPython may have set its own printer for numpy.float64
            plain.for_type(getattr(numpy, name), _plain_numpy)
        else:
            plain.for_type_by_name("numpy", name, _plain_numpy)
    # pandas names its classes' module "pandas" (3.x) or "pandas.core.frame" (2.x).
    for module, name in (
        ("pandas", "DataFrame"),
        ("pandas", "Series"),
        ("pandas.core.frame", "DataFrame"),
        ("pandas.core.series", "Series"),
    ):
        plain.for_type_by_name(module, name, _plain_table)
        if html_formatter is not None:
            html_formatter.for_type_by_name(module, name, _html_table)


def _plain_numpy(obj: Any, printer: Any, cycle: bool) -> None:
    printer.text(repr(obj.item()))


def _plain_table(obj: Any, printer: Any, cycle: bool) -> None:
    printer.text(repr(_local_times(obj)))


def _html_table(obj: Any) -> str | None:
    shown = _local_times(obj)
    method = getattr(shown, "_repr_html_", None)
    return method() if method is not None else None


def _local_times(obj: Any) -> Any:
    """A copy of a table whose time-zone-aware columns (and index) are in the office's time
    zone, written without the zone; ``obj`` itself when it has none."""
    import pandas as pd

    def local(values: Any) -> Any:
        if isinstance(getattr(values, "dtype", None), pd.DatetimeTZDtype):
            return values.tz_convert(_office_tz()).tz_localize(None)
        return values

    try:
        if isinstance(obj, pd.Series):
            index = local(obj.index)
            values = (
                obj.dt.tz_convert(_office_tz()).dt.tz_localize(None)
                if isinstance(obj.dtype, pd.DatetimeTZDtype)
                else obj
            )
            if values is obj and index is obj.index:
                return obj
            return pd.Series(values.to_numpy(), index=index, name=obj.name)
        aware = [c for c, kind in obj.dtypes.items() if isinstance(kind, pd.DatetimeTZDtype)]
        index = local(obj.index)
        if not aware and index is obj.index:
            return obj
        shown = obj.copy(deep=False)
        for column in aware:
            shown[column] = shown[column].dt.tz_convert(_office_tz()).dt.tz_localize(None)
        shown.index = index
        return shown
    except Exception:  # a display must never fail because of this: show it as pandas does
        return obj


def _office_tz() -> Any:
    from workbench.config import get_settings

    return get_settings().tz


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
