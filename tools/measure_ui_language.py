"""Count, in a real browser, how much of JupyterLab's main screens a learner sees in Indonesian.

Usage: ``.venv/bin/python tools/measure_ui_language.py [--show-english]``

Starts JupyterLab as ``make lab`` does (on a temporary copy of the course), opens it in headless
Chromium twice, once in English and once in Bahasa Indonesia, and collects the labels of the main
screens in the same order both times: the menu bar and every item of every main menu, the
launcher, the status bar, the file browser (toolbar, column headers, context menu of a notebook),
the notebook toolbar, the left sidebar tabs, the kernel restart dialog, nbgrader's Assignment
List, and the trainer's Formgrader page (a second JupyterLab, as ``make lab-pelatih``). A label
counts as Indonesian when it differs from its English counterpart, or when it is a term the
glossary keeps as it is (``tetap`` in the pack's ``istilah.toml``: kernel, notebook, Markdown...).
Prints the share and, with ``--show-english``, the labels still in English.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM_ARGS, make_home, start_server  # noqa: E402

#: A label as shown: its title or its text; nothing for an element that is not displayed.
JS_TEXT = (
    "e => e.getClientRects().length ? (e.getAttribute('title') || e.textContent || '').trim() : ''"
)
SIMPLE = {
    "status bar": "#jp-main-statusbar .jp-StatusBar-Item",
    "left sidebar": ".jp-SideBar.jp-mod-left .lm-TabBar-tab",
    "file browser": ".jp-FileBrowser .jp-ToolbarButtonComponent, "
    ".jp-FileBrowser .jp-DirListing-headerItemText",
}


def _texts(page, selector: str) -> list[str]:
    return [t for t in page.eval_on_selector_all(selector, f"els => els.map({JS_TEXT})") if t]


#: Every text node and title/placeholder under an element, in document order.
JS_ALL_TEXT = """root => {
  const out = [];
  const walker = root.ownerDocument.createTreeWalker(root, 1 | 4);
  for (let n = walker.currentNode; n; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if (n.matches('script, style') || n.offsetParent === null && n.tagName !== 'BODY') continue;
      for (const a of ['title', 'placeholder']) {
        const v = (n.getAttribute(a) || '').trim();
        if (v) out.push(v);
      }
    } else {
      const parent = n.parentElement;
      const t = n.nodeValue.replace(/\\s+/g, ' ').trim();
      if (t && parent && !parent.closest('script, style') && parent.offsetParent !== null) {
        out.push(t);
      }
    }
  }
  return out;
}"""


def _menu_labels(page) -> list[str]:
    menu = page.locator(".lm-Menu").first
    menu.wait_for(state="visible", timeout=10_000)
    return [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts() if t.strip()]


def collect(browser, server) -> dict[str, list[str]]:
    """The labels of the main screens, in the language the server was started with."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{server.url}lab?token={server.token}", wait_until="commit")
    page.locator(".jp-DirListing-item").first.wait_for(state="visible")
    page.wait_for_timeout(1000)
    labels: dict[str, list[str]] = {}
    titles = page.locator("#jp-menu-panel .lm-MenuBar-item")
    labels["menu bar"] = [t.strip() for t in titles.all_inner_texts()]
    for name, selector in SIMPLE.items():
        labels[name] = _texts(page, selector)
    for i in range(titles.count()):
        titles.nth(i).click()
        labels[f"menu {i + 1}"] = _menu_labels(page)
        titles.nth(i).click()  # a second click closes it
        page.locator(".lm-Menu").first.wait_for(state="detached", timeout=10_000)
    page.evaluate("() => window.jupyterapp.commands.execute('launcher:create')")
    page.locator(".jp-Launcher").last.wait_for(state="visible")
    labels["launcher"] = _texts(
        page, ".jp-Launcher-sectionTitle, .jp-LauncherCard-label, .lm-TabBar-tab.jp-mod-current"
    )
    page.locator(".jp-DirListing-item[title*='00-mulai']").first.click(button="right")
    labels["file context menu"] = _menu_labels(page)
    page.keyboard.press("Escape")
    page.evaluate(
        "() => window.jupyterapp.commands.execute('docmanager:open', {path: '00-mulai.ipynb'})"
    )
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
        state="attached"
    )
    page.wait_for_timeout(500)
    labels["notebook toolbar"] = _texts(
        page,
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-item [title], "
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-ToolbarButtonComponent-label, "
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-toolbarCellTypeDropdown option",
    )
    labels["status bar (notebook)"] = _texts(page, SIMPLE["status bar"])
    # Not awaited: the command resolves only once the dialog is answered.
    page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart'); }")
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(state="visible")
    labels["kernel dialog"] = _texts(
        page, ".jp-Dialog-header, .jp-Dialog-body, .jp-Dialog-buttonLabel"
    )
    dialog.locator(".jp-Dialog-button.jp-mod-reject").click()
    page.evaluate("() => window.jupyterapp.commands.execute('nbgrader:open-assignment-list')")
    assignments = page.locator(".nbgrader-mainarea-widget").first
    assignments.wait_for(state="visible")
    page.locator("#nbgrader-assignment-list .list_placeholder, .list_item").first.wait_for()
    page.wait_for_timeout(1000)
    labels["Assignment List (nbgrader)"] = assignments.evaluate(JS_ALL_TEXT) + _texts(
        page, ".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current"
    )
    context.close()
    return labels


def collect_formgrader(browser, server) -> list[str]:
    """The texts of the trainer's Formgrader page (nbgrader's Manage Assignments)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{server.url}lab?token={server.token}", wait_until="commit")
    page.locator(".jp-DirListing-item").first.wait_for(state="visible")
    page.evaluate("() => window.jupyterapp.commands.execute('nbgrader:open-formgrader')")
    frame = page.frame_locator("#formgrader-iframe iframe")
    # The assignment table is filled after the page loads ("Loading, please wait..." until then).
    frame.locator("table tbody tr td", has_text="tugas-").first.wait_for()
    page.wait_for_timeout(1500)
    texts = frame.locator("body").evaluate(JS_ALL_TEXT)
    context.close()
    return texts


#: Labels that are not words of any language: counts, file and kernel names, positions.
NEUTRAL = re.compile(
    r"^[^A-Za-z]*$|\.ipynb|ipykernel|^Ln \d|^Nbgrader$|^nbgrader$|Voil[àa]|^Python 3"
    # names and times in nbgrader's lists: assignments, the course id, submission timestamps
    r"|^tugas-\d|^asn-asemrowo$|^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC$"
)


def kept_terms() -> set[str]:
    path = ROOT / "jupyter" / "languagepack" / "jupyterlab_language_pack_id_ID" / "istilah.toml"
    if not path.is_file():
        return set()
    return {t.lower() for t in tomllib.loads(path.read_text(encoding="utf-8"))["tetap"]["kata"]}


def start_lab(scratch: Path, locale: str, *, trainer: bool = False):
    """JupyterLab as `make lab` (or `make lab-pelatih`) starts it, in the language ``locale``."""
    home = make_home(scratch / "rumah")
    config = scratch / "lab" / "config"
    config.mkdir(parents=True)
    # window.jupyterapp lets the page run JupyterLab commands (open the launcher, a dialog).
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"LabApp": {"expose_app_in_browser": True}}), encoding="utf-8"
    )
    user = scratch / "lab" / "lab-user-settings" / "@jupyterlab" / "translation-extension"
    user.mkdir(parents=True)
    (user / "plugin.jupyterlab-settings").write_text(
        json.dumps({"locale": locale}), encoding="utf-8"
    )
    return start_server(
        ["lab", *(["--trainer"] if trainer else [])], home, scratch / "lab", "api/status"
    )


def measure(show_english: bool = False) -> float:
    from playwright.sync_api import sync_playwright

    labels = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
        )
        for locale in ("en", "id_ID"):
            scratch = Path(tempfile.mkdtemp(prefix="ukur-bahasa-"))
            server = start_lab(scratch, locale)
            try:
                labels[locale] = collect(browser, server)
            finally:
                server.stop()
                shutil.rmtree(scratch, ignore_errors=True)
            scratch = Path(tempfile.mkdtemp(prefix="ukur-bahasa-"))
            server = start_lab(scratch, locale, trainer=True)
            try:
                labels[locale]["Formgrader (nbgrader)"] = collect_formgrader(browser, server)
            finally:
                server.stop()
                shutil.rmtree(scratch, ignore_errors=True)
        browser.close()
    english, indonesian = labels["en"], labels["id_ID"]
    keep = kept_terms()
    total = translated = 0
    missing = []
    for screen, en_labels in english.items():
        id_labels = indonesian.get(screen, [])
        if len(id_labels) != len(en_labels):
            print(f"peringatan: {screen}: {len(en_labels)} Inggris, {len(id_labels)} Indonesia")
        for en, idn in zip(en_labels, id_labels, strict=False):
            if NEUTRAL.search(en) and en == idn:
                continue
            total += 1
            if idn != en or en.lower() in keep:
                translated += 1
            else:
                missing.append((screen, en))
    share = translated / total if total else 0.0
    print(f"{translated} dari {total} label layar utama berbahasa Indonesia: {share:.1%}")
    for screen in english:
        if "nbgrader" in screen:
            n = len(english[screen])
            left = sum(1 for s, _ in missing if s == screen)
            print(f"  {screen}: {n - left} dari {n} label")
    if show_english:
        for screen, en in missing:
            print(f"  [{screen}] {en}")
    return share


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-english", action="store_true", help="cetak label berbahasa Inggris")
    args = parser.parse_args()
    measure(args.show_english)
    return 0


if __name__ == "__main__":
    sys.exit(main())
