"""Count, in a real browser, how much of JupyterLab a learner meets is in Bahasa Indonesia.

Usage: ``.venv/bin/python tools/measure_ui_language.py [--show-english] [--no-formgrader]``

Starts JupyterLab as ``make lab`` does (on a temporary copy of the course), opens it in headless
Chromium twice, once in English and once in Bahasa Indonesia, with the module ``00-mulai.ipynb``
open, and reads the same places both times:

* **menus**: the menu bar, every main menu and, recursively, every submenu (opened by hovering
  as a user does), and the context menus of a notebook in the file browser, of a cell and of a
  notebook's tab;
* **palette**: every category, label and caption the command palette shows;
* **dialogs**: restart kernel (with *Do not ask me again*), close and shut down, shut down all
  kernels, rename, select kernel, revert to checkpoint, save as, shut down JupyterLab, about,
  keyboard shortcuts (every row) and the notifications panel;
* **screens**: the running terminals and kernels panel, the status bar (texts and tooltips,
  *Go to cell…*), the tab bars (tooltips, *Close …*), the file browser (toolbar, headers, a
  notebook's tooltip with *Writable*), the notebook toolbar, the launcher and nbgrader's
  Assignment List; and, unless ``--no-formgrader``, the trainer's Formgrader page (a second
  JupyterLab, as ``make lab-pelatih``).

Labels are paired by place: a menu item by its menu and command, a palette item by its command
(items that share a command, such as the themes or Help's links, are compared as a group: menus
and the palette sort some items by their translated label), a dialog's texts by position. A
label counts as Indonesian when it differs from its English counterpart, or when it is a term
the glossary keeps (``[tetap]`` in ``istilah.toml``: Kernel, Notebook, Markdown...). What is
not language is not counted: file and kernel names, numbers, key names, dates, and the items
of menus that list names (programming languages, export formats, recent files; NAME_COMMANDS).
Prints the share for menus alone and for everything, and how many Indonesian labels of menus,
palette and dialogs are not our catalogue's translation (:class:`Catalogue`: the upstream pack's,
or the browser's); ``--show-english`` lists them and what is still English.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.conftest import CHROMIUM_ARGS, make_home, start_server  # noqa: E402

GLOSSARY = ROOT / "jupyter" / "languagepack" / "jupyterlab_language_pack_id_ID" / "istilah.toml"
#: The module open while measuring (its labels: "Save Notebook", the notebook's tab...).
NOTEBOOK = "00-mulai.ipynb"
NOTEBOOK_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: Groups the result is reported in; "menu" is the issue's 100% goal, all together the 98%.
KINDS = ("menu", "palette", "dialog", "screen")


@dataclass(frozen=True)
class Label:
    """One text a user reads: where (screen), how it is paired across languages (key), what."""

    kind: str
    screen: str
    key: str
    text: str
    #: A name rather than a word (a programming language, a theme): it counts only if translated.
    name: bool = False


# ---- reading the page -----------------------------------------------------------------------

#: Every text node and tooltip (title) or placeholder under an element, in document order:
#: [text, where]. aria-label is left out: a screen reader's, not seen on screen.
JS_ALL_TEXT = """root => {
  const out = [];
  const skip = 'script, style, kbd, .jp-ContextualShortcut-Key';
  const walker = root.ownerDocument.createTreeWalker(root, 1 | 4);
  for (let n = walker.currentNode; n; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if (n.matches(skip) || n.offsetParent === null && n.tagName !== 'BODY') continue;
      for (const a of ['title', 'placeholder']) {
        const v = (n.getAttribute(a) || '').trim();
        if (v) out.push([v, '@' + a]);
      }
    } else {
      const parent = n.parentElement;
      const t = n.nodeValue.replace(/\\s+/g, ' ').trim();
      if (t && parent && !parent.closest(skip) && parent.offsetParent !== null) out.push([t, '']);
    }
  }
  return out;
}"""

#: The items of one open menu: [index, type, command, label, visible].
JS_MENU_ITEMS = """menu => [...menu.querySelectorAll(':scope > ul > .lm-Menu-item')].map((e, i) => [
  i, e.getAttribute('data-type'), e.getAttribute('data-command') || '',
  (e.querySelector('.lm-Menu-itemLabel') || {}).innerText || '',
  !/lm-mod-(hidden|collapsed)/.test(e.className)
])"""

#: The command palette as shown: [what, command, text] for every header, label and caption.
JS_PALETTE = """() => {
  const out = [];
  for (const e of document.querySelectorAll('.lm-CommandPalette-content > li')) {
    if (getComputedStyle(e).display === 'none') continue;  // disabled items are hidden
    if (e.classList.contains('lm-CommandPalette-header')) {
      out.push(['header', '', e.innerText]);
      continue;
    }
    const command = e.getAttribute('data-command') || '';
    for (const part of ['Label', 'Caption']) {
      const t = e.querySelector('.lm-CommandPalette-item' + part);
      if (t && t.innerText.trim()) out.push([part.toLowerCase(), command, t.innerText]);
    }
  }
  return out;
}"""


def run_command(page, command: str, args: dict | None = None) -> None:
    """Run a JupyterLab command without waiting for it (a dialog's command resolves only once
    the dialog is answered)."""
    page.evaluate(
        "([c, a]) => { window.jupyterapp.commands.execute(c, a); }", [command, args or {}]
    )


def texts(page, selector: str) -> list[tuple[str, str]]:
    """Every text and tooltip under each element that matches ``selector``."""
    found = []
    for element in page.locator(selector).all():
        found += [tuple(t) for t in element.evaluate(JS_ALL_TEXT)]
    return found


def split_lines(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One entry per line of a tooltip ("Name: …\\nWritable: true"), and of a "Label: value"
    line only the label, plus the value when it is one or two words (true, None, "Tidak ada")
    rather than a name, a number or a date."""
    out = []
    for text, where in found:
        for line in text.split("\n"):
            name, sep, value = line.partition(": ")
            if sep and re.fullmatch(r"[A-Za-z]+( [A-Za-z]+)?", value):
                out += [(name, where), (value, where + " value")]
            elif sep and where:
                out.append((name, where))
            elif line.strip():
                out.append((line.strip(), where))
    return out


def labels_of(kind: str, screen: str, found: list[tuple[str, str]]) -> list[Label]:
    """Labels paired by position within ``screen``."""
    return [Label(kind, screen, f"{i}{where}", text) for i, (text, where) in enumerate(found)]


def close_menus(page) -> None:
    for _ in range(6):
        if not page.locator(".lm-Menu").count():
            return
        page.keyboard.press("Escape")
        page.wait_for_timeout(150)
    page.mouse.click(700, 880)  # the status bar: clicking outside closes any menu left


def open_path(page, opener, path: tuple[int, ...]):
    """Open a root menu with ``opener(page)``, then hover down ``path`` to a submenu."""
    close_menus(page)
    opener(page)
    menus = page.locator(".lm-Menu")
    menus.first.wait_for(state="visible")
    for level, index in enumerate(path):
        menus.nth(level).locator(":scope > ul > .lm-Menu-item").nth(index).hover()
        menus.nth(level + 1).wait_for(state="visible")
        page.wait_for_timeout(100)
    return menus.nth(len(path))


#: Menu and palette items whose labels are names, not words, and are not counted: the
#: programming languages of View › Text Editor Syntax Highlighting, export formats (HTML,
#: LaTeX...), editor themes and key maps, the languages' own names, recent files' paths.
NAME_COMMANDS = {
    "recentmenu:open-recent",
    "jupyterlab-translation:en",  # Settings › Language: the languages' own names
    "jupyterlab-translation:id_ID",
    "fileeditor:change-language",
    "notebook:export-to-format",
    "codemirror:change-theme",
    "codemirror:change-keymap",
    "fileeditor:change-theme",
    "fileeditor:change-keymap",
}


def walk_menu(page, opener, screen: str, path: tuple[int, ...] = ()) -> list[Label]:
    """The labels of a menu and, depth first, of every submenu in it."""
    items = open_path(page, opener, path).evaluate(JS_MENU_ITEMS)
    where = screen + "".join(f" > {i}" for i in path)
    found = []
    for index, kind, command, label, visible in items:
        if not visible or kind == "separator":
            continue
        # Paired by command: a menu sorts some items by their translated label (Help's links).
        key = command or f"submenu {index}"
        found.append(Label("menu", where, key, label.strip(), command in NAME_COMMANDS))
        if kind == "submenu":
            found += walk_menu(page, opener, screen, (*path, index))
    close_menus(page)
    return found


def menu_bar(page) -> list[Label]:
    titles = page.locator("#jp-menu-panel .lm-MenuBar-item")
    found = labels_of("menu", "menu bar", [(t.strip(), "") for t in titles.all_inner_texts()])
    for i in range(titles.count()):
        found += walk_menu(page, lambda p, i=i: titles.nth(i).click(), f"menu {i + 1}")
    return found


def right_click(selector: str):
    return lambda page: page.locator(selector).first.click(button="right")


def context_menus(page) -> list[Label]:
    found = walk_menu(
        page, right_click(f".jp-DirListing-item[title*='{NOTEBOOK}']"), "file context menu"
    )
    found += walk_menu(
        page, right_click(f"{NOTEBOOK_PANEL} .jp-CodeCell .jp-InputPrompt"), "cell context menu"
    )
    found += walk_menu(
        page, right_click(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current"), "tab context menu"
    )
    return found


def palette(page) -> list[Label]:
    run_command(page, "apputils:activate-command-palette")
    page.locator(".lm-CommandPalette-content").wait_for(state="visible")
    page.wait_for_timeout(500)
    entries = page.evaluate(JS_PALETTE)
    page.keyboard.press("Escape")
    return [
        Label("palette", "palette", f"{what} {cmd}", text, cmd in NAME_COMMANDS)
        for what, cmd, text in entries
    ]


#: Dialogs a learner opens from the menus: (name, command, arguments).
DIALOGS = (
    ("restart kernel", "kernelmenu:restart", None),
    ("close and shut down", "filemenu:close-and-cleanup", None),
    ("shut down all kernels", "kernelmenu:shutdownAll", None),
    ("rename", "docmanager:rename", None),
    ("select kernel", "notebook:change-kernel", None),
    ("revert to checkpoint", "docmanager:restore-checkpoint", None),
    ("save as", "docmanager:save-as", None),
    ("shut down JupyterLab", "filemenu:shutdown", None),
    ("about", "help:about", None),
)


def close_dialog(page) -> None:
    """Dismiss the open dialog as a user would: Escape, else its Cancel/Close button."""
    box = page.locator(".jp-Dialog")
    page.keyboard.press("Escape")
    try:
        box.first.wait_for(state="detached", timeout=3000)
    except PlaywrightTimeout:
        box.first.locator(".jp-Dialog-button.jp-mod-reject").first.click()
        box.first.wait_for(state="detached")


def dialog(page, name: str, command: str, args: dict | None) -> list[Label]:
    run_command(page, command, args)
    box = page.locator(".jp-Dialog")
    box.first.wait_for(state="visible")
    page.wait_for_timeout(300)
    found = labels_of("dialog", name, split_lines(texts(page, ".jp-Dialog-content")))
    close_dialog(page)
    return found


def shortcuts_dialog(page) -> list[Label]:
    """Help › Show Keyboard Shortcuts: every row (sorted by label, so compared as a group)."""
    run_command(page, "apputils:display-shortcuts")
    rows = page.locator(".jp-Dialog .jp-ContextualShortcut-TableRow td:first-child")
    rows.first.wait_for(state="visible")
    found = labels_of(
        "dialog", "keyboard shortcuts", split_lines(texts(page, ".jp-Dialog-header, .jp-Dialog th"))
    )
    found += [
        Label("dialog", "keyboard shortcuts", "row", text.strip())
        for text in rows.all_inner_texts()
    ]
    close_dialog(page)
    return found


def running_panel(page) -> list[Label]:
    """The running terminals and kernels panel (open tabs, kernels, workspaces...)."""
    run_command(page, "running:show-panel")
    panel = page.locator(".jp-RunningSessions")
    panel.wait_for(state="visible")
    page.locator(".jp-RunningSessions-itemLabel").first.wait_for(state="visible")
    found = labels_of("screen", "running panel", split_lines(texts(page, ".jp-RunningSessions")))
    run_command(page, "filebrowser:activate")
    return found


def notifications(page) -> list[Label]:
    run_command(page, "apputils:display-notifications")
    center = page.locator(".jp-Notification-Center")
    center.wait_for(state="visible")
    found = split_lines(texts(page, ".jp-Notification-Center"))
    run_command(page, "apputils:display-notifications")  # the same command hides it
    return labels_of("dialog", "notifications", found)


SCREENS = {
    "status bar": "#jp-main-statusbar",
    "side bars": ".jp-SideBar .lm-TabBar-tab",
    "tab bar": ".lm-DockPanel-tabBar",
    "file browser": ".jp-FileBrowser .jp-Toolbar, .jp-FileBrowser .jp-DirListing-header, "
    f".jp-DirListing-item[title*='{NOTEBOOK}']",
    "notebook toolbar": f"{NOTEBOOK_PANEL} .jp-NotebookPanel-toolbar",
}


def screens(page) -> list[Label]:
    found = []
    for name, selector in SCREENS.items():
        found += labels_of("screen", name, split_lines(texts(page, selector)))
    return found


def launcher(page) -> list[Label]:
    run_command(page, "launcher:create")
    page.locator(".jp-Launcher").last.wait_for(state="visible")
    page.wait_for_timeout(300)
    found = labels_of("screen", "launcher", split_lines(texts(page, ".jp-Launcher-body")))
    run_command(page, "application:close")
    return found


def assignment_list(page) -> list[Label]:
    run_command(page, "nbgrader:open-assignment-list")
    widget = page.locator(".nbgrader-mainarea-widget").first
    widget.wait_for(state="visible")
    page.locator("#nbgrader-assignment-list .list_placeholder, .list_item").first.wait_for()
    page.wait_for_timeout(1000)
    found = split_lines(texts(page, ".nbgrader-mainarea-widget"))
    found += split_lines(texts(page, ".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current"))
    run_command(page, "application:close")
    return labels_of("screen", "Assignment List (nbgrader)", found)


def open_lab(page, server) -> None:
    # ?reset: the default layout, whatever an earlier visit left open
    page.goto(f"{server.url}lab?reset&token={server.token}", wait_until="commit")
    page.locator(".jp-DirListing-item").first.wait_for(state="visible")
    page.wait_for_timeout(1000)
    run_command(page, "docmanager:open", {"path": NOTEBOOK})
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
        state="attached"
    )
    # a code cell's prompt: the first cell's links lead to other modules
    page.locator(f"{NOTEBOOK_PANEL} .jp-CodeCell .jp-InputPrompt").first.click()
    page.wait_for_timeout(1000)


def collect(browser, server) -> list[Label]:
    """Everything a learner reads in the places listed in this module's docstring."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        open_lab(page, server)
        found = screens(page) + menu_bar(page) + context_menus(page) + palette(page)
        for name, command, args in DIALOGS:
            found += dialog(page, name, command, args)
        found += shortcuts_dialog(page) + notifications(page) + running_panel(page)
        found += launcher(page) + assignment_list(page)
    finally:
        context.close()
    return found


def collect_formgrader(browser, server) -> list[Label]:
    """The texts of the trainer's Formgrader page (nbgrader's Manage Assignments)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{server.url}lab?token={server.token}", wait_until="commit")
        page.locator(".jp-DirListing-item").first.wait_for(state="visible")
        run_command(page, "nbgrader:open-formgrader")
        frame = page.frame_locator("#formgrader-iframe iframe")
        # The assignment table is filled after the page loads ("Loading, please wait..." first).
        frame.locator("table tbody tr td", has_text="tugas-").first.wait_for()
        page.wait_for_timeout(1500)
        found = [tuple(t) for t in frame.locator("body").evaluate(JS_ALL_TEXT)]
    finally:
        context.close()
    return labels_of("screen", "Formgrader (nbgrader)", split_lines(found))


# ---- comparing ---------------------------------------------------------------------------

#: Labels that are not words of any language: counts, file and kernel names, versions, dates,
#: key names, nbgrader's assignment and course names, the default workspace's name.
NEUTRAL = re.compile(
    r"^[^A-Za-z]*$|\.ipynb|ipykernel|^Python 3|^Ln \d|^Nbgrader$|^nbgrader$|^Voil[àa]$"
    r"|^JupyterLab$|^tugas-\d|^asn-asemrowo$|^\d{4}-\d\d-\d\d \d\d:\d\d|\d{1,2}[:.]\d\d( [AP]M)?"
    r"|^© |^(Ctrl|Shift|Alt|Enter|Escape|Esc|Tab|Space|Accel)\b|^JSON$|^default$"
)


@dataclass
class Result:
    """The comparison: counts per kind and the labels still in English."""

    total: Counter
    translated: Counter
    english: list[Label]
    warnings: list[str]
    #: Indonesian labels that are not our catalogue's translation of their English counterpart
    #: (with the English labels of their place).
    not_ours: list[tuple[list[str], Label]]

    def share(self, *kinds: str) -> float:
        kinds = kinds or KINDS
        total = sum(self.total[k] for k in kinds)
        return sum(self.translated[k] for k in kinds) / total if total else 0.0

    def count(self, *kinds: str) -> tuple[int, int]:
        kinds = kinds or KINDS
        return sum(self.translated[k] for k in kinds), sum(self.total[k] for k in kinds)


def kept_terms() -> set[str]:
    """Terms the glossary keeps the same in Indonesian (lower case)."""
    glossary = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))
    return {t.lower() for t in glossary["tetap"]["kata"]}


class Catalogue:
    """Our translations (every domain of ``istilah.toml``), to tell whether a label shown is one
    of them or came from elsewhere (the upstream pack, or a translation nobody reviewed)."""

    def __init__(self, path: Path = GLOSSARY) -> None:
        glossary = tomllib.loads(path.read_text(encoding="utf-8"))
        self.exact: dict[str, str] = {}
        for table, entries in glossary.items():
            if table not in ("istilah", "tetap", "hindari", "jamak", "ejaan"):
                for key, text in entries.items():
                    self.exact[key.split("\u0004")[-1].strip()] = text.strip()
        self.templates = [
            (re.compile(re.sub(r"%(\d)", r"(?P<p\1>.+?)", re.escape(key))), text)
            for key, text in self.exact.items()
            if re.search(r"%\d", key)
        ]

    def translations(self, english: str) -> set[str]:
        """What our catalogue can make of ``english``: directly, or through any message with
        %1, %2 whose values are translated in turn ("%1 and %2" of two menu labels)."""
        found = {self.exact[english]} if english in self.exact else set()
        head, sep, tail = english.partition(": ")
        if sep and head + ":" in self.exact:  # `${__("Select kernel for:")} "${name}"`
            found.add(f"{self.exact[head + ':']} {tail}")
        for pattern, text in self.templates:
            match = pattern.fullmatch(english)
            if match:
                found.add(self._fill(text, match.groupdict()))
        return found

    def _fill(self, text: str, values: dict[str, str]) -> str:
        """``text`` with %1, %2... replaced by the (translated) values p1, p2..."""
        return re.sub(
            r"%(\d)",
            lambda m: self.exact.get(values[f"p{m.group(1)}"], values[f"p{m.group(1)}"]),
            text,
        )

    def makes(self, english: str, indonesian: str) -> bool:
        return indonesian in self.translations(english)


def grouped(labels: list[Label]) -> dict[tuple[str, str], list[Label]]:
    groups: dict[tuple[str, str], list[Label]] = {}
    for label in labels:
        groups.setdefault((label.screen, label.key), []).append(label)
    return groups


def compare(
    english: list[Label], indonesian: list[Label], keep: set[str], ours: Catalogue | None = None
) -> Result:
    """Pair the two runs by (screen, key) and count what changed language. With ``ours``, also
    list the Indonesian labels of menus, palette and dialogs that are not our translation."""
    result = Result(Counter(), Counter(), [], [], [])
    theirs = grouped(indonesian)
    for place, en_group in grouped(english).items():
        id_group = theirs.get(place, [])
        if len(id_group) != len(en_group):
            result.warnings.append(
                f"{place[0]} [{place[1]}]: {len(en_group)} Inggris, {len(id_group)} Indonesia"
            )
        texts_en = [label.text for label in en_group]
        left = Counter(texts_en)
        for label in id_group:
            same = left[label.text] > 0
            if label.name or (same and NEUTRAL.search(label.text)):
                continue  # a name, a number, a key: not language
            kind = label.kind
            result.total[kind] += 1
            if same and label.text.lower() not in keep:
                left[label.text] -= 1
                result.english.append(label)
                continue
            result.translated[kind] += 1
            checked = ours and kind != "screen" and not same and not NEUTRAL.search(label.text)
            if checked and not any(ours.makes(text, label.text) for text in texts_en):
                result.not_ours.append((texts_en, label))
    return result


# ---- running it ------------------------------------------------------------------------


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


def with_lab(browser, locale: str, collector, *, trainer: bool = False) -> list[Label]:
    """Run ``collector(browser, server)`` against a fresh lab in ``locale``."""
    scratch = Path(tempfile.mkdtemp(prefix="ukur-bahasa-"))
    server = start_lab(scratch, locale, trainer=trainer)
    try:
        return collector(browser, server)
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def measure(*, formgrader: bool = True) -> tuple[Result, dict[str, list[Label]]]:
    """Both runs and their comparison."""
    from playwright.sync_api import sync_playwright

    runs: dict[str, list[Label]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
        )
        for locale in ("en", "id_ID"):
            runs[locale] = with_lab(browser, locale, collect)
            if formgrader:
                runs[locale] += with_lab(browser, locale, collect_formgrader, trainer=True)
        browser.close()
    return compare(runs["en"], runs["id_ID"], kept_terms(), Catalogue()), runs


def report(result: Result, *, show_english: bool = False) -> None:
    from workbench.formatting import percent

    done, total = result.count("menu")
    print(f"Menu dan submenu: {done} dari {total} label berbahasa Indonesia", end=" ")
    print(f"({percent(result.share('menu'))})")
    done, total = result.count()
    print(f"Semua (menu, palet perintah, dialog, layar): {done} dari {total}", end=" ")
    print(f"({percent(result.share())})")
    for kind in KINDS:
        done, total = result.count(kind)
        print(f"  {kind}: {done} dari {total}")
    print(f"Bukan terjemahan katalog kita (menu, palet, dialog): {len(result.not_ours)}")
    for warning in result.warnings:
        print(f"peringatan: {warning}")
    if show_english:
        for label in result.english:
            print(f"  [{label.kind} · {label.screen}] {label.text}")
        for texts_en, label in result.not_ours:
            print(f"  bukan dari katalog kita [{label.screen}] {texts_en[0]!r} -> {label.text!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-english", action="store_true", help="cetak label berbahasa Inggris")
    parser.add_argument(
        "--no-formgrader", action="store_true", help="lewati halaman Formgrader pelatih"
    )
    parser.add_argument("--json", type=Path, help="simpan label kedua bahasa ke berkas JSON ini")
    args = parser.parse_args()
    result, runs = measure(formgrader=not args.no_formgrader)
    report(result, show_english=args.show_english)
    if args.json:
        data = {loc: [label.__dict__ for label in labels] for loc, labels in runs.items()}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
