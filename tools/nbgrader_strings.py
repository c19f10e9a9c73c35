"""The English text nbgrader shows in JupyterLab, read from the installed nbgrader.

Usage: ``python tools/nbgrader_strings.py [--all]``

nbgrader has no translations of its own; our extension translates its screens in the browser by
looking each DOM text node (and title/placeholder/aria-label attribute) up in the ``nbgrader``
domain of our language pack (``[nbgrader]`` in ``istilah.toml``). This script lists the fixed
strings of the installed nbgrader, as lookup keys (whitespace collapsed, trimmed), from:

- the JupyterLab plugin (``share/jupyter/labextensions/@jupyter/nbgrader/static/*.js``): Assignment
  List, Course List, Validate button and dialogs, Create Assignment sidebar, menu and commands;
- the Formgrader: its Jinja templates (text nodes and attributes, Jinja tags removed) and its
  Backbone scripts (``.text("…")``, modal titles and messages, tooltips, keyboard help).

Text built at run time from several parts (a name inside a sentence, a server log) cannot be
found this way; ``[nbgrader]`` covers those by hand where the key convention allows it. Without
``--all`` it prints only the strings the catalogue is missing (what a maintainer must add after
upgrading nbgrader); it exits 1 if there are any.
"""

from __future__ import annotations

import argparse
import re
import sys
import sysconfig
from html.parser import HTMLParser
from pathlib import Path

import nbgrader

NBGRADER = Path(nbgrader.__file__).parent
FORMGRADER = NBGRADER / "server_extensions" / "formgrader"
LABEXTENSION = Path(sysconfig.get_path("data"), "share/jupyter/labextensions/@jupyter/nbgrader")
#: nbgrader texts deliberately left in English, with the reason (the catalogue must not have them).
KEPT_ENGLISH = {
    "Show All Names": "gradebook_notebook_submissions.js toggles the names only while the "
    'button\'s innerHTML is exactly "Show All Names": translated, the button does nothing',
    "Hide All Names": "the other label of the same button",
}
ATTRIBUTES = ("title", "placeholder", "aria-label")
SKIPPED_TAGS = {"script", "style", "svg", "pre", "code", "title"}
DYNAMIC = "\x00"  # stands for a {{ … }} expression of a template

# A double-quoted JavaScript string literal (the minified plugin and formgrader scripts use them).
LITERAL = r'"((?:[^"\\\n]|\\.)*)"'
SINGLE_LITERAL = r"'((?:[^'\\\n]|\\.)*)'"
LAB_PATTERNS = [
    # element.innerText = "…", element.title = "…", title.label/caption, dialog body
    rf"\.(?:innerText|textContent|title|label|caption|body)\s*=\s*{LITERAL}",
    # command and dialog options: {label: "…", title: "…", tooltip: "…", body: "…"}
    rf"[{{,](?:label|title|tooltip|body)\s*:\s*{LITERAL}",
    # React.createElement("p", null, "…")
    rf"createElement\(\"\w+\",\s*null,\s*{LITERAL}\)",
    # the cell type choices of Create Assignment: ["manual", "Manually graded answer"]
    rf'\["(?:manual|task|solution|tests|readonly)",\s*{LITERAL}\]',
]
FORMGRADER_PATTERNS = [
    rf"\.text\(\s*{LITERAL}\s*\)",
    rf"\.attr\(\s*\"(?:title|placeholder|aria-label)\"\s*,\s*{LITERAL}\s*\)",
    # tooltips and the keyboard help: {title: "…"}, {"help": "…"}
    rf"\b\"?(?:title|help)\"?\s*:\s*{LITERAL}",
    # createModal(id, "Title", "Message", …) and createLogModal: whole literal arguments only
    rf"create(?:Log)?Modal\(\s*{LITERAL}\s*,\s*{LITERAL}\s*[,)]",
    rf"create(?:Log)?Modal\(\s*{LITERAL}\s*,\s*{LITERAL}\s*,\s*{LITERAL}\s*[,)]",
]


def normalize(text: str) -> str:
    """The lookup key of a text: whitespace runs collapsed to one space, trimmed."""
    return " ".join(text.split())


def translate(text: str, catalogue: dict[str, str]) -> str | None:
    """What our extension shows for one DOM text, None if the catalogue has no key for it.

    The reference of the key convention: the exact key first; else every text in single quotes
    and every other run of digits becomes {0}, {1}, ... in order (the quotes stay: '{0}'), and
    the translation gets the values back by placeholder.
    """
    key = normalize(text)
    if key in catalogue:
        return catalogue[key]
    values: list[str] = []

    def placeholder(match: re.Match) -> str:
        quoted = match.group(1)
        values.append(match.group(0) if quoted is None else quoted)
        n = len(values) - 1
        return f"{{{n}}}" if quoted is None else f"'{{{n}}}'"

    pattern = re.sub(r"'([^']*)'|\d+", placeholder, key)
    if not values or pattern not in catalogue:
        return None
    return re.sub(r"\{(\d+)\}", lambda m: values[int(m.group(1))], catalogue[pattern])


def is_text(key: str) -> bool:
    """Whether a key is words a person reads (not empty, not only digits and symbols)."""
    return bool(re.search(r"[A-Za-z]{2,}", key))


class _TextNodes(HTMLParser):
    """Text nodes and translatable attributes of an HTML document, as lookup keys."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        for name in ATTRIBUTES:
            if values.get(name):
                self.found.append(values[name])
        if tag == "input" and values.get("type") in ("button", "submit") and values.get("value"):
            self.found.append(values["value"])
        if tag in SKIPPED_TAGS:
            self._skipping.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag not in SKIPPED_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.found.append(data)


def html_texts(html: str) -> list[str]:
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return [key for text in parser.found if is_text(key := normalize(text))]


def template_texts(source: str) -> list[str]:
    """The static text of a Jinja template (text with a {{ … }} inside is left out: dynamic)."""
    source = re.sub(r"\{#.*?#\}|\{%.*?%\}", " ", source, flags=re.S)
    source = re.sub(r"\{\{.*?\}\}", DYNAMIC, source, flags=re.S)
    return [key for key in html_texts(source) if DYNAMIC not in key]


def _literal(raw: str) -> str:
    return raw.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def script_texts(source: str, patterns: list[str]) -> list[str]:
    """Literal strings a script puts on screen, found by the given patterns."""
    found = []
    for pattern in patterns:
        for match in re.finditer(pattern, source):
            groups = match.groups()
            if pattern.startswith("create"):
                groups = groups[1:]  # the modal's element id
            found += [_literal(group) for group in groups if group is not None]
    # HTML written as strings (the Assignment List's page): its text nodes and attributes.
    for match in re.finditer(rf"{LITERAL}|{SINGLE_LITERAL}|`(\s*<[^`$]*>\s*)`", source):
        html = next(group for group in match.groups() if group is not None)
        if "</" in html:
            found += html_texts(_literal(html))
    return _unique([key for text in found if is_text(key := normalize(text))])


def _unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def lab_strings() -> list[str]:
    """Fixed strings of nbgrader's JupyterLab plugin (the installed, built JavaScript)."""
    chunks = sorted((LABEXTENSION / "static").glob("*.js"))
    ours = [c for c in chunks if "assignments_list_info" in c.read_text(encoding="utf-8")]
    return _unique(
        [k for c in ours for k in script_texts(c.read_text(encoding="utf-8"), LAB_PATTERNS)]
    )


def formgrader_strings() -> list[str]:
    """Fixed strings of the Formgrader: templates and its own scripts."""
    templates = sorted((FORMGRADER / "templates").rglob("*.tpl")) + sorted(
        (FORMGRADER / "templates").rglob("*.j2")
    )
    keys = [k for t in templates for k in template_texts(t.read_text(encoding="utf-8"))]
    for script in sorted((FORMGRADER / "static" / "js").glob("*.js")):
        keys += script_texts(script.read_text(encoding="utf-8"), FORMGRADER_PATTERNS)
    return _unique(keys)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    import build_languagepack

    parser = argparse.ArgumentParser(description="Teks nbgrader yang tampil di JupyterLab.")
    parser.add_argument("--all", action="store_true", help="semua teks, bukan hanya yang kurang")
    args = parser.parse_args()
    catalogue = build_languagepack.load_glossary()["nbgrader"]
    missing = 0
    for title, keys in (("JupyterLab", lab_strings()), ("Formgrader", formgrader_strings())):
        print(f"# {title}")
        for key in (k for k in keys if k not in KEPT_ENGLISH):
            if args.all or key not in catalogue:
                print(("  " if key in catalogue else "- ") + key)
            missing += key not in catalogue
    if missing:
        print(f"{missing} teks belum ada di [nbgrader] istilah.toml")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
