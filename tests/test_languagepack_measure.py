"""How tools/measure_ui_language.py counts: pairing, names, tooltips, our catalogue's labels."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from measure_ui_language import Catalogue, Label, compare, kept_terms, split_lines

KEEP = kept_terms()


def menu(text: str, key: str = "docmanager:save", *, name: bool = False) -> Label:
    return Label("menu", "menu 1", key, text, name)


def test_an_english_label_is_counted_and_listed():
    """Is a menu label left in English counted as not Indonesian, and listed?"""
    english = [menu("Save Notebook"), menu("Fullscreen Mode", "application:toggle-fullscreen")]
    indonesian = [menu("Simpan Notebook"), menu("Fullscreen Mode", "application:toggle-fullscreen")]
    result = compare(english, indonesian, KEEP)
    assert result.count("menu") == (1, 2)
    assert [label.text for label in result.english] == ["Fullscreen Mode"]


def test_kept_terms_names_and_numbers_are_not_english():
    """Are 'Kernel' (kept by the glossary), a programming language's name and a key name not
    counted as English, and names not counted at all?"""
    english = [
        menu("Kernel", "submenu 4"),
        menu("Python", "fileeditor:change-language", name=True),
        Label("dialog", "keyboard shortcuts", "0", "Ctrl"),
    ]
    result = compare(english, list(english), KEEP)
    assert result.english == []
    assert result.count() == (1, 1)  # only "Kernel"


def test_items_sharing_a_command_are_compared_as_a_group():
    """Help's links and the themes share a command and are sorted by translated label: is a
    group compared as a whole, so that order does not matter but an English one still counts?"""
    english = [menu(t, "help:open") for t in ("Jupyter Reference", "Markdown Reference")]
    indonesian = [menu(t, "help:open") for t in ("Rujukan Markdown", "Rujukan Jupyter")]
    assert compare(english, indonesian, KEEP).share("menu") == 1.0
    indonesian = [menu(t, "help:open") for t in ("Markdown Reference", "Rujukan Jupyter")]
    result = compare(english, indonesian, KEEP)
    assert [label.text for label in result.english] == ["Markdown Reference"]


def test_tooltip_lines_are_split_and_raw_values_kept_as_words():
    """Is a file's tooltip read line by line, its values dropped except a word such as 'true'
    (so 'Bisa ditulis: true' counts 'true' as English)?"""
    found = split_lines([("Name: a.ipynb\nModified: 7/12/26, 19.44\nWritable: true", "@title")])
    assert found == [
        ("Name", "@title"),
        ("Modified", "@title"),
        ("Writable", "@title"),
        ("true", "@title value"),
    ]
    english = [Label("screen", "file browser", f"{i}", t) for i, (t, _) in enumerate(found)]
    translated = ["Nama", "Diubah", "Bisa ditulis", "true"]
    indonesian = [Label("screen", "file browser", f"{i}", t) for i, t in enumerate(translated)]
    result = compare(english, indonesian, KEEP)
    assert [label.text for label in result.english] == ["true"]


def test_our_catalogue_recognises_composed_labels():
    """Does the catalogue check see that 'Spasi: 4', 'Mulai Ulang Kernel lalu Jalankan Semua
    Sel…' and 'Pilih kernel untuk: "x.ipynb"' are ours, and an upstream typo is not?"""
    ours = Catalogue()
    assert ours.makes("Spaces: 4", "Spasi: 4")
    assert ours.makes(
        "Restart Kernel and Run All Cells…", "Mulai Ulang Kernel lalu Jalankan Semua Sel…"
    )
    assert ours.makes('Select kernel for: "x.ipynb"', 'Pilih kernel untuk: "x.ipynb"')
    assert ours.makes(
        "Save and Export Notebook: Executable Script",
        "Simpan dan Ekspor Notebook: Skrip yang Dapat Dijalankan",
    )
    assert not ours.makes("Match Brackets", "Tandah Kurung Yang Sama")
    assert not ours.makes("New Terminal", "Baru Terminal")


def test_labels_not_from_our_catalogue_are_listed():
    """Is an Indonesian label that our catalogue did not produce (the upstream pack's) listed,
    with its English counterpart?"""
    english = [menu("Wrap Words", "fileeditor:toggle-word-wrap"), menu("Save Notebook")]
    indonesian = [menu("Atur kata", "fileeditor:toggle-word-wrap"), menu("Simpan Notebook")]
    result = compare(english, indonesian, KEEP, Catalogue())
    assert [(en, label.text) for en, label in result.not_ours] == [(["Wrap Words"], "Atur kata")]
