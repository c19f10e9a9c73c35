"""What the role-play pages share: the room's style, messages, numbers, the poller, memory.

Built for a projector and for laptops on a table: large type (help text included), Indonesian
labels and numbers (``86,4%``, ``08:15``), and no developer text: a refusal shows the library's
Indonesian message and what to do, never a field name or a raw value.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np

from workbench import formatting as fmt
from workbench.errors import WorkbenchError

__all__ = [
    "POLL_MS",
    "STYLE",
    "BrowserMemory",
    "Poller",
    "error_html",
    "kpi_text",
    "ok_html",
    "value_with_unit",
]

log = logging.getLogger(__name__)

#: Milliseconds between two polls of the workshop database.
POLL_MS = 3000

#: Okabe-Ito colours (colour-blind safe), black last.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000")
LINE_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)), "-")

STYLE = """
<style>
.rp-halaman { font-size: 20px; max-width: 1400px; }
.rp-halaman .widget-html-content { line-height: 1.45; font-size: 20px; }
.rp-halaman .widget-label, .rp-halaman .widget-button, .rp-halaman select,
.rp-halaman input, .rp-halaman .widget-toggle-button, .rp-halaman textarea,
.rp-halaman .widget-dropdown > label, .rp-halaman .widget-text > label,
.rp-halaman .widget-inline-hbox .widget-label { font-size: 19px; }
.rp-halaman h2 { font-size: 32px; margin: 6px 0; }
.rp-halaman h3 { font-size: 25px; margin: 12px 0 4px 0; }
.rp-halaman .lm-TabBar-tab { font-size: 20px; min-height: 40px; }
.rp-tabel { border-collapse: collapse; font-size: 22px; }
.rp-tabel th, .rp-tabel td { border-bottom: 1px solid #d1d5db; padding: 6px 12px;
  text-align: right; }
.rp-tabel th:first-child, .rp-tabel td:first-child, .rp-tabel td.teks { text-align: left; }
.rp-tabel td.tim { white-space: nowrap; text-align: left; }
.rp-tabel th { background: #f3f4f6; }
.rp-peringkat { font-size: 28px; font-weight: bold; white-space: nowrap; }
.rp-bantuan { font-size: 18px; color: #1f2937; }
.rp-kecil { font-size: 18px; color: #374151; }
.rp-galat { border: 2px solid #D55E00; padding: 10px; border-radius: 6px; background: #fff7ed; }
.rp-ok { border: 2px solid #009E73; padding: 10px; border-radius: 6px; background: #ecfdf5; }
.rp-cerita { font-size: 21px; line-height: 1.5; background: #f9fafb; padding: 10px 14px;
  border-left: 6px solid #0072B2; white-space: pre-wrap; }
.rp-catatan { font-size: 19px; line-height: 1.5; background: #fffbeb; padding: 10px 14px;
  border-left: 6px solid #E69F00; white-space: pre-wrap; }
.rp-jam { font-size: 60px; line-height: 1.15; font-weight: bold;
  font-variant-numeric: tabular-nums; }
.rp-loket { display: inline-block; width: 160px; min-height: 96px; margin: 4px; padding: 6px;
  border: 3px solid #0072B2; border-radius: 8px; vertical-align: top; font-size: 19px; }
.rp-loket.kosong { border-style: dashed; border-color: #9ca3af; color: #4b5563; }
.rp-orang { display: inline-block; width: 18px; height: 18px; margin: 2px; border-radius: 50%;
  background: #0072B2; }
.rp-orang.prioritas { background: #E69F00; border-radius: 2px; }
.rp-sel button { min-width: 40px; }
</style>
"""


def error_html(exc: Exception) -> str:
    """A refusal for people: the message and each problem's words and what to do, without the
    developer's field names or raw values."""
    if isinstance(exc, WorkbenchError):
        lines = [html.escape(exc.message)]
        for p in exc.problems:
            text = html.escape(p.message)
            if p.expected:
                text += f"; seharusnya {html.escape(p.expected)}"
            lines.append(f"• {text}")
    else:
        lines = [html.escape(str(exc))]
    return "<div class='rp-galat'>" + "<br>".join(lines) + "</div>"


def ok_html(text: str) -> str:
    """A confirmation box (``text`` is HTML the page built)."""
    return f"<div class='rp-ok'>{text}</div>"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def kpi_text(code: str, value) -> str:
    """A KPI's value as the tables show it: one decimal, ``%`` only on shares."""
    if _missing(value):
        return fmt.MISSING
    text = fmt.number(value, 1)
    return text + "%" if code.startswith("porsi") else text


def value_with_unit(value, unit: str) -> str:
    """``86,4%`` for a share, ``12,3 menit`` otherwise (never ``86,4% %``)."""
    if _missing(value):
        return fmt.MISSING
    if unit == "%":
        return fmt.number(value, 1) + "%"
    if unit.startswith("skala"):
        return f"{fmt.number(value, 1)} ({unit})"
    return f"{fmt.number(value, 1)} {unit}"


class Poller:
    """Calls ``callback`` every :data:`POLL_MS` milliseconds from a daemon thread, once the page
    is on screen.

    A thread, because ipywidgets' ``Play`` only ticks after a click, so it cannot be the timer;
    widget updates from a thread reach the browser like any other comm message. ``lock`` keeps
    a poll from drawing while a button's handler is drawing. A failed poll does not end
    polling: its error goes to ``on_error`` (the page shows it in Indonesian and logs the
    details for the trainer) and the next poll retries; the first poll that works again calls
    ``on_error(None)`` so the page can clear the message.
    """

    def __init__(
        self, callback: Callable[[], None], on_error: Callable[[Exception | None], None]
    ) -> None:
        self.callback = callback
        self.on_error = on_error
        self.lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing = False

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="rp-poll", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def tick(self) -> None:
        """One poll, as the thread does it (tests call it directly)."""
        try:
            with self.lock:
                self.callback()
        except Exception as exc:  # reported to the page; the next poll retries
            if not isinstance(exc, WorkbenchError):
                log.exception("Halaman lokakarya gagal memperbarui diri")
            self._failing = True
            self.on_error(exc)
            return
        if self._failing:
            self._failing = False
            self.on_error(None)

    def _run(self) -> None:
        while not self._stop.wait(POLL_MS / 1000):
            self.tick()


def poll_error_html(exc: Exception) -> str:
    """What a page says when it could not read the workshop file this time."""
    if isinstance(exc, WorkbenchError):
        return error_html(exc)
    return error_html(
        WorkbenchError(
            "Halaman belum bisa membaca berkas lokakarya (gangguan sementara). Halaman mencoba "
            "lagi sendiri setiap beberapa detik; bila pesan ini tidak hilang, muat ulang halaman "
            "atau beri tahu fasilitator."
        )
    )


_MEMORY_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  const key = "asn-workbench:" + model.get("key");
  let stored = null;
  try { stored = window.localStorage.getItem(key); } catch (e) { stored = null; }
  if (stored && !model.get("value")) {
    model.set("value", stored);
    model.save_changes();
  }
  model.on("change:value", () => {
    try {
      const value = model.get("value");
      if (value) { window.localStorage.setItem(key, value); }
      else { window.localStorage.removeItem(key); }
    } catch (e) { /* private mode: nothing remembered */ }
  });
  const value = model.get("value");
  if (value && !stored) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* ignored */ }
  }
}
export default { render };
"""


def _memory_class():
    import anywidget
    import traitlets

    class BrowserMemory(anywidget.AnyWidget):
        """A value remembered in the browser (``localStorage``) under ``key``: set ``value`` in
        Python and the browser keeps it; a page opened again in the same browser starts with
        it. Invisible."""

        _esm = _MEMORY_ESM
        key = traitlets.Unicode("").tag(sync=True)
        value = traitlets.Unicode("").tag(sync=True)

    return BrowserMemory


BrowserMemory = _memory_class()


def button(description: str, *, tooltip: str | None = None, **kwargs) -> widgets.Button:
    """A button with a tooltip (a button without one shows ``title="null"`` in the browser)."""
    return widgets.Button(description=description, tooltip=tooltip or description, **kwargs)


def quiet_titles(root: widgets.Widget) -> None:
    """Give every widget under ``root`` a tooltip: its description, or none at all.

    ipywidgets writes a missing tooltip into the page as ``title="null"``, which the browser
    shows as a "null" tooltip over labels and buttons.
    """
    stack = [root]
    while stack:
        w = stack.pop()
        if getattr(w, "tooltip", "") is None:
            w.tooltip = str(getattr(w, "description", "") or "")
        stack.extend(getattr(w, "children", ()))
