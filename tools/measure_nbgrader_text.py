"""Count, in a real browser, how much of nbgrader's screens our `nbgrader` catalogue can translate.

Usage: ``.venv/bin/python tools/measure_nbgrader_text.py [--show-missing]``

Starts the trainer's JupyterLab as ``make lab-pelatih`` does (on a temporary copy of the course),
and in headless Chromium walks through what a trainer and a learner do with nbgrader: the
Formgrader's pages (Manage Assignments with its add/edit dialogs, generate and release an
assignment, Manual Grading, Manage Students with its dialog), then in JupyterLab the Nbgrader
menu, the Course List, the Assignment List (fetch, validate, submit) and the Create Assignment
sidebar, and back in the Formgrader collect, the submissions, autograde and grading one
submission. On each screen it reads every DOM text node and title/placeholder/aria-label (the
units of the key convention, see jupyter/languagepack/README.md), leaves out what is not words
(numbers, names of the course's own files and people) and the learner's own notebook content,
and looks each up with the convention (``nbgrader_strings.translate``).

Prints per screen how many texts the catalogue translates; ``--show-missing`` lists the others.
The measurement of 1 December 2026 (nbgrader 0.9.6): 136 of 137 texts; the other is the
Formgrader's "Editing <name>", whose name is not in quotes (quoted names are placeholders).
"Show All Names" is kept in English on purpose (``nbgrader_strings.KEPT_ENGLISH``).
It measures the catalogue, not the extension: what a learner sees also depends on the extension
translating every node.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import build_languagepack  # noqa: E402
import measure_ui_language  # noqa: E402
import nbgrader_strings  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.conftest import CHROMIUM_ARGS  # noqa: E402

ASSIGNMENT = "tugas-02-pandas"
SORT_LABEL = re.compile(r": activate to sort column (ascending|descending)$")
#: Text nodes and attributes of an element, as the extension sees them. Student content (the
#: notebook inside the grading page, code, logs) is left out: it is not nbgrader's text.
COLLECT_JS = """root => {
  const out = [];
  const skip = 'script, style, pre, code, .input_area, .text_cell_render, .output_wrapper,'
    + ' .prompt, .shortcut-key, .jp-RenderedText';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (node.parentElement && !node.parentElement.closest(skip)) out.push(node.nodeValue);
  }
  for (const el of root.querySelectorAll('[title], [placeholder], [aria-label], input')) {
    if (el.closest(skip)) continue;
    for (const name of ['title', 'data-original-title', 'placeholder', 'aria-label']) {
      if (el.getAttribute(name)) out.push(el.getAttribute(name));
    }
    if (el.tagName === 'INPUT' && ['button', 'submit'].includes(el.type) && el.value) {
      out.push(el.value);
    }
  }
  return out;
}"""


class Walk:
    """The texts seen on each screen, collected as the walk goes."""

    def __init__(self, page, server) -> None:
        self.page, self.server = page, server
        self.screens: dict[str, list[str]] = {}

    def read(self, screen: str, selector: str = "body") -> None:
        self.page.wait_for_timeout(400)
        texts = []
        for element in self.page.query_selector_all(selector):
            texts += element.evaluate(COLLECT_JS)
        self.screens.setdefault(screen, []).extend(texts)

    def formgrader(self, path: str, ready: str = "#main-table tr") -> None:
        self.page.goto(f"{self.server.url}formgrader/{path}?token={self.server.token}")
        self.page.locator(ready).first.wait_for(state="attached")
        self.page.wait_for_load_state("networkidle")

    def modal(
        self, screen: str, *, close: str = "button[data-dismiss='modal']", timeout=120_000
    ) -> None:
        modal = self.page.locator(".modal.in").last
        modal.wait_for(state="visible", timeout=timeout)
        self.read(screen, ".modal.in")
        modal.locator(close).last.click()
        modal.wait_for(state="detached")

    def command(self, command: str, ready: str) -> None:
        self.page.evaluate(f"() => {{ window.jupyterapp.commands.execute('{command}'); }}")
        self.page.locator(ready).first.wait_for(state="visible", timeout=60_000)


def walk(page, server) -> dict[str, list[str]]:
    """Every nbgrader screen a trainer and a learner see in one assignment's life, read."""
    w = Walk(page, server)
    page.on("pageerror", lambda error: print(f"kesalahan skrip di {page.url}: {error}"))
    row = _trainer_releases(w, page)
    _learner_submits(w, page, server)
    _assignment_sidebar(w, page)
    _trainer_grades(w, page, row)
    return w.screens


def _trainer_releases(w, page):
    """The Formgrader: the trainer prepares and releases an assignment; returns its row."""
    w.formgrader("manage_assignments")
    row = page.locator("#main-table tr", has_text=ASSIGNMENT)
    row.wait_for()
    w.read("Formgrader: Kelola Tugas")
    page.locator("a", has_text="Add new assignment").click()
    w.modal("Formgrader: Kelola Tugas")
    row.locator(".edit a").click()
    w.modal("Formgrader: Kelola Tugas")
    row.locator(".assign a").click()
    w.modal("Formgrader: Kelola Tugas", close="button.close")
    row.locator(".release a").wait_for()
    row.locator(".release a").click()
    w.modal("Formgrader: Kelola Tugas", close="button.close")
    w.read("Formgrader: Kelola Tugas")
    w.formgrader("gradebook")
    w.read("Formgrader: Penilaian Manual")
    w.formgrader("manage_students")
    w.read("Formgrader: Kelola Peserta")
    page.locator("a", has_text="Add new student").click()
    w.modal("Formgrader: Kelola Peserta")
    return row


def _learner_submits(w, page, server) -> None:
    """JupyterLab: the Nbgrader menu, Course List, Assignment List (the learner's side)."""
    page.goto(f"{server.url}lab?token={server.token}")
    page.locator(".jp-DirListing-item").first.wait_for(state="visible", timeout=120_000)
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text="Nbgrader").click()
    page.locator(".lm-Menu").first.wait_for(state="visible")
    w.read("JupyterLab: menu Nbgrader", ".lm-Menu, #jp-menu-panel")
    page.keyboard.press("Escape")
    w.command("nbgrader:open-course-list", "#formgrader_list .list_item")
    w.read(
        "JupyterLab: Daftar Kursus",
        "#courses, [data-id='nbgrader-course-list'] .lm-TabBar-tabLabel",
    )
    w.command("nbgrader:open-assignment-list", "#released_assignments_list .list_item")
    w.read(
        "JupyterLab: Daftar Tugas",
        "#assignments, [data-id='nbgrader-assignment-list'] .lm-TabBar-tabLabel",
    )
    page.locator("#released_assignments_list .list_item button", has_text="Fetch").click()
    fetched = page.locator("#fetched_assignments_list .list_item").first
    fetched.wait_for(timeout=60_000)
    fetched.locator("a.assignment-notebooks-link").click()
    w.read("JupyterLab: Daftar Tugas", "#assignments")
    fetched.locator("button", has_text="Validate").first.click()
    page.locator(".jp-Dialog").wait_for(state="visible", timeout=180_000)
    w.read("JupyterLab: Periksa", ".jp-Dialog")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.locator("#fetched_assignments_list button", has_text="Submit").click()
    page.locator("#submitted_assignments_list .list_item").first.wait_for(timeout=60_000)
    w.read("JupyterLab: Daftar Tugas", "#assignments")


def _assignment_sidebar(w, page) -> None:
    # The Create Assignment sidebar on the assignment's source notebook (our lab config turns
    # nbgrader's Validate toolbar button off: the Assignment List's Validate is the one left).
    source = f"exercises/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    page.evaluate(
        f"() => window.jupyterapp.commands.execute('docmanager:open', {{path: '{source}'}})"
    )
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=60_000)
    w.command("nbgrader:open-create-assignment", ".nbgrader-NotebookWidget")
    w.read("JupyterLab: Buat Tugas", "#nbgrader-create_assignemnt")
    w.read("JupyterLab: Buat Tugas", ".lm-TabBar-tab[data-id='nbgrader-create_assignemnt'] [title]")


def _trainer_grades(w, page, row) -> None:
    """The Formgrader again: collect, the submissions, autograde, grade one submission."""
    w.formgrader("manage_assignments")
    row.locator(".collect a").click()
    w.modal("Formgrader: Kelola Tugas", close="button.close")
    w.formgrader(f"manage_submissions/{ASSIGNMENT}", ready="#main-table tr .student-id")
    w.read("Formgrader: Kelola Kiriman")
    page.locator("#main-table tr .autograde a").first.click()
    w.modal("Formgrader: Kelola Kiriman", close="button.close")
    w.formgrader(f"manage_submissions/{ASSIGNMENT}", ready="#main-table tr .student-id")
    w.read("Formgrader: Kelola Kiriman")
    w.formgrader("gradebook")
    w.read("Formgrader: Penilaian Manual")
    w.formgrader(f"gradebook/{ASSIGNMENT}")
    w.read("Formgrader: Penilaian Manual")
    w.formgrader(f"gradebook/{ASSIGNMENT}/{ASSIGNMENT}")
    w.read("Formgrader: Penilaian Manual")
    page.locator("#main-table tr a", has_text="Submission #").first.click()
    page.locator(".nbgrader_cell").first.wait_for(timeout=60_000)
    page.wait_for_timeout(3000)
    w.read("Formgrader: menilai kiriman")
    page.locator(".help").click()
    try:
        w.modal("Formgrader: menilai kiriman", timeout=15_000)
    except PlaywrightTimeout:
        print("catatan: bantuan pintasan papan ketik tidak terbuka (skrip halaman gagal?)")
    w.formgrader("manage_students")
    w.read("Formgrader: Kelola Peserta")


def is_words(key: str) -> bool:
    """Whether a text is words to read, not only a number, an ID, a file name or a timestamp.

    A sentence with a name inside counts: it is English a person reads.
    """
    only_a_name = re.fullmatch(r"[\w.+-]+|\d{4}-\d\d-\d\d [\d:.]+ UTC|In \[\d*\]:", key)
    return nbgrader_strings.is_text(key) and not only_a_name


def measure(show_missing: bool) -> None:
    from playwright.sync_api import sync_playwright

    catalogue = build_languagepack.load_glossary()["nbgrader"]
    scratch = Path(tempfile.mkdtemp(prefix="ukur-nbgrader-"))
    try:
        # In English: the walk reads nbgrader's own text (our extension translates nothing in
        # English) and finds its buttons by their English labels.
        server = measure_ui_language.start_lab(scratch, "en", trainer=True)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
                )
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.set_default_timeout(30_000)
                screens = walk(page, server)
                browser.close()
        finally:
            server.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total = translated = sort_labels = 0
    kept: list[str] = []
    for screen, texts in screens.items():
        keys = list(dict.fromkeys(k for t in texts if is_words(k := nbgrader_strings.normalize(t))))
        # DataTables' aria-label of a sortable column header: "<header>: activate to sort column
        # ascending", for screen readers only; the header is inside, so no key can match it.
        sorting = [k for k in keys if SORT_LABEL.search(k)]
        kept += [k for k in keys if k in nbgrader_strings.KEPT_ENGLISH]
        keys = [k for k in keys if k not in sorting and k not in nbgrader_strings.KEPT_ENGLISH]
        sort_labels += len(sorting)
        missing = [k for k in keys if nbgrader_strings.translate(k, catalogue) is None]
        total, translated = total + len(keys), translated + len(keys) - len(missing)
        print(f"{screen}: {len(keys) - len(missing)} dari {len(keys)} teks ada di katalog")
        if show_missing:
            for key in missing:
                print(f"    {key}")
    print(f"Semua layar nbgrader: {translated} dari {total} ({translated / total:.1%})")
    print(f"Tidak dihitung: {sort_labels} label urutan kolom DataTables (hanya pembaca layar)")
    print(f"Sengaja tetap Inggris (KEPT_ENGLISH): {', '.join(dict.fromkeys(kept)) or '-'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-missing", action="store_true", help="cetak teks yang belum ada")
    args = parser.parse_args()
    measure(args.show_missing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
