"""Our Indonesian catalogue for JupyterLab: one glossary, checked translations, loaded for id_ID."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from textwrap import dedent

import pytest
from jupyterlab_language_pack_id_ID import CATALOGUE, GLOSSARY, NBGRADER_CATALOGUE

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_languagepack
import nbgrader_strings

TYPOS = (
    "Menjalakan",
    "Dimulai lagi",
    "Dimuali",
    "Aftikan",
    "kernel and",
    "Disket",
    "disket",
    # issue 22: typos a learner met in submenus and the palette
    "Tandah",
    "Baru Terminal",
    "Atur kata",
    "Menganti",
    "Permeriksaan",
)


def test_catalogue_is_generated_from_the_glossary():
    """Are the shipped jupyterlab.json/.mo and nbgrader.json exactly what istilah.toml produces?"""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_languagepack.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("domain", build_languagepack.domains(build_languagepack.load_glossary()))
def test_every_translation_follows_the_glossary(domain):
    """Does every shipped translation use the glossary's terms and none of the avoided words?"""
    glossary = build_languagepack.load_glossary(GLOSSARY)
    catalogue = json.loads(build_languagepack.targets(domain)[0].read_text(encoding="utf-8"))
    assert catalogue[""]["domain"] == domain
    bad = {
        msgid: found
        for msgid, values in catalogue.items()
        if msgid
        for value in values
        if (found := build_languagepack.problems(msgid, value, glossary))
    }
    assert not bad, bad
    values = [v for msgid, vs in catalogue.items() if msgid for v in vs]
    assert not [v for v in values if any(t in v for t in TYPOS)]


def test_glossary_check_catches_a_wrong_term():
    """Would a translation that says 'Catatan' for notebook, or drops 'sel', be refused?"""
    glossary = build_languagepack.load_glossary(GLOSSARY)
    assert build_languagepack.problems("Run All Cells", "Menjalakan Semua", glossary)
    assert build_languagepack.problems("Trust Notebook", "Percaya Catatan", glossary)
    assert not build_languagepack.problems("Run All Cells", "Jalankan Semua Sel", glossary)


def test_main_menu_and_status_words_are_translated():
    """Are the main menu titles and the status words a learner sees translated?"""
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    expected = {
        "File": "Berkas",
        "Edit": "Sunting",
        "View": "Tampilan",
        "Run": "Jalankan",
        "Tabs": "Tab",
        "Settings": "Pengaturan",
        "Help": "Bantuan",
        "Idle": "Siaga",
        "Modified": "Diubah",
        "Launcher": "Peluncur",
        "Run All Cells": "Jalankan Semua Sel",
    }
    assert {k: catalogue[k][0] for k in expected} == expected


def test_our_pack_is_the_only_one_for_id_ID():
    """Is id_ID served by our package alone (the upstream pack would compete for it)?"""
    packs = [ep for ep in entry_points(group="jupyterlab.languagepack") if ep.name == "id_ID"]
    assert [ep.value for ep in packs] == ["jupyterlab_language_pack_id_ID"]


def nbgrader_catalogue() -> dict[str, str]:
    """The shipped nbgrader domain, as the extension reads it (key -> translation)."""
    catalogue = json.loads(NBGRADER_CATALOGUE.read_text(encoding="utf-8"))
    return {k: v[0] for k, v in catalogue.items() if k}


def test_nbgrader_keys_are_what_the_lookup_computes():
    """Is every nbgrader key normalised text, with {0}, {1}... in order and no other digits?"""
    bad = {k: found for k in nbgrader_catalogue() if (found := build_languagepack.key_problems(k))}
    assert not bad, bad
    assert build_languagepack.key_problems(" Fetch")
    assert build_languagepack.key_problems("Showing {0} to 10")
    assert build_languagepack.key_problems("Submission {1} / {0}")
    assert build_languagepack.key_problems("Score: 100%")


def test_placeholders_of_key_and_translation_agree():
    """Does every {n} of a key appear in its translation and vice versa (else a number is lost)?"""
    glossary = build_languagepack.load_glossary(GLOSSARY)
    for key, text in nbgrader_catalogue().items():
        assert sorted(re.findall(r"\{\d+\}", key)) == sorted(re.findall(r"\{\d+\}", text)), key
    assert build_languagepack.problems("Submission {0} / {1}", "Kiriman {0}", glossary)
    assert build_languagepack.problems("Submission #{0}", "Kiriman #{0} {1}", glossary)
    assert not build_languagepack.problems("Submission {0} / {1}", "Kiriman {0} / {1}", glossary)


def test_glossary_accepts_the_listed_forms_of_a_term():
    """Are "mengumpulkan" and "kumpulkan" both accepted for collect, and another word refused?"""
    glossary = build_languagepack.load_glossary(GLOSSARY)
    assert not build_languagepack.problems("collect", "mengumpulkan", glossary)
    assert not build_languagepack.problems("Collect", "Kumpulkan", glossary)
    assert build_languagepack.problems("Collect", "Tarik", glossary)
    assert build_languagepack.problems("Released assignments", "Tugas yang dirilis", glossary)


def test_numbers_are_put_back_by_placeholder():
    """Does the key convention give nbgrader's texts with numbers in Indonesian, numbers kept?"""
    catalogue = nbgrader_catalogue()
    assert nbgrader_strings.translate("  Submission 3 /\n 12 ", catalogue) == "Kiriman 3 / 12"
    assert nbgrader_strings.translate("Submission #7", catalogue) == "Kiriman #7"
    assert nbgrader_strings.translate("(Score: 1.5 / 2.0)", catalogue) == "(Nilai: 1,5 / 2,0)"
    assert nbgrader_strings.translate("Fetch", catalogue) == "Ambil"
    assert nbgrader_strings.translate("ps1", catalogue) is None


def test_quoted_names_are_put_back_by_placeholder():
    """Do the Formgrader's messages that carry an assignment or a learner name in quotes read in
    Indonesian, names (digits inside included) kept as they are?"""
    catalogue = nbgrader_catalogue()
    said = nbgrader_strings.translate("Successfully released 'tugas-02-pandas'.", catalogue)
    assert said == "Tugas 'tugas-02-pandas' berhasil dibagikan."
    said = nbgrader_strings.translate(
        "Successfully autograded 'tugas-10' for student '198001012005011001'.", catalogue
    )
    assert (
        said
        == "Tugas 'tugas-10' milik peserta '198001012005011001' berhasil diberi nilai otomatis."
    )
    # An apostrophe in an English word is not a quote around a name.
    assert (
        nbgrader_strings.translate("Student's answer", catalogue) == catalogue["Student's answer"]
    )


def test_template_text_is_read_node_by_node_as_the_browser_splits_it():
    """Does the extraction give each fragment of split text, and leave out code and {{ }} text?"""
    template = """{%- block body -%}
    <li>To <b>create</b> an assignment,
        click   the button.</li>
    <button title="Refresh list">{{ label }}</button>
    <span>Submission {{ index }} / {{ total }}</span>
    <p>Set <code>course_id</code> in it. &larr; Prev</p>
    <script>var x = "Not text";</script><pre>nbgrader autograde</pre>
    {# a comment #}{%- endblock -%}"""
    assert nbgrader_strings.template_texts(template) == [
        "To",
        "create",
        "an assignment, click the button.",
        "Refresh list",
        "Set",
        "in it. ← Prev",
    ]


def test_script_text_is_what_the_code_puts_on_screen():
    """Are .text("…"), modal titles and messages and HTML strings found, and ids and code not?"""
    script = """
    td.text("Due date (optional)"); el.addClass("btn btn-primary");
    createModal("edit-assignment-modal", "Editing " + name, body);
    createLogModal("success-modal", "Success", "Done.", log);
    tip.tooltip({title: "Show student name"}); km.register({"help": "Flag the submission"});
    node.innerHTML = '<div class="x"> There are no assignments. </div>';
    """
    found = nbgrader_strings.script_texts(script, nbgrader_strings.FORMGRADER_PATTERNS)
    assert sorted(found) == sorted(
        [
            "Due date (optional)",
            "Success",
            "Done.",
            "Show student name",
            "Flag the submission",
            "There are no assignments.",
        ]
    )


def test_the_installed_nbgrader_screens_are_all_in_the_catalogue():
    """Is every fixed text of the installed nbgrader's JupyterLab plugin and Formgrader translated?

    The strings are read from the installed files (built plugin JS, Formgrader templates and
    scripts), so an nbgrader upgrade that adds text fails here until istilah.toml has it.
    """
    lab, formgrader = nbgrader_strings.lab_strings(), nbgrader_strings.formgrader_strings()
    # The extraction itself still finds each screen (an empty list would prove nothing).
    assert {"Assignment List", "Released assignments", "Fetch", "Submit", "Validate"} <= set(lab)
    assert {"Validation Results", "The following cell failed:", "Points:", "Type:"} <= set(lab)
    assert {"Manage Assignments", "Student ID", "Overall Score", "Keyboard shortcuts"} <= set(
        formgrader
    )
    catalogue = nbgrader_catalogue()
    wanted = [k for k in lab + formgrader if k not in nbgrader_strings.KEPT_ENGLISH]
    missing = [k for k in wanted if k not in catalogue]
    assert not missing, f"jalankan python tools/nbgrader_strings.py: {missing}"


def test_the_names_toggle_keeps_the_label_nbgrader_compares():
    """Is "Show All Names" left untranslated while nbgrader's script compares the button's
    label with it (translated, the Manual Grading page's button stops working)?"""
    script = nbgrader_strings.FORMGRADER / "static" / "js" / "gradebook_notebook_submissions.js"
    if 'innerHTML === "Show All Names"' in script.read_text(encoding="utf-8"):
        assert not set(nbgrader_strings.KEPT_ENGLISH) & set(nbgrader_catalogue())


def nbgrader_source(relative: str) -> str:
    return (nbgrader_strings.NBGRADER / relative).read_text(encoding="utf-8")


def lab_source() -> str:
    chunks = sorted((nbgrader_strings.LABEXTENSION / "static").glob("*.js"))
    return "\n".join(c.read_text(encoding="utf-8") for c in chunks)


def test_server_and_validator_messages_reach_the_catalogue():
    """Do the server's and validator's messages, worded as nbgrader words them, translate?"""
    catalogue = nbgrader_catalogue()
    shown = []
    # Version mismatch of the Assignment List, Validate and Course List (numbers inside).
    for handlers in ("assignment_list", "validate_assignment", "course_list"):
        source = nbgrader_source(f"server_extensions/{handlers}/handlers.py")
        template = re.search(r'dedent\(\s*"""(.*?)"""\.format', source, re.S).group(1)
        shown.append(dedent(template.format("0.9.5", "0.9.6")).strip().replace("\n", " "))
    # The Assignment List's error when the exchange folder is missing.
    source = nbgrader_source("server_extensions/assignment_list/handlers.py")
    shown.append(re.search(r'"""(The exchange directory.*?)"""', source, re.S).group(1))
    # What the validator writes under a failed cell.
    shown += re.findall(r'errors\.append\("([^"]+)"\)', nbgrader_source("validator.py"))
    # The comment autograding gives an empty answer (the grader's placeholder, the feedback).
    source = nbgrader_source("preprocessors/saveautogrades.py")
    shown += re.findall(r'auto_comment = "([^"]+)"', source)
    # The Validate dialog: a cell whose type changed, for every pair of types.
    js = lab_source()
    template = re.search(r"`(The following \$\{[^`]*? cell has changed[^`]*)`", js).group(1)
    for old, new in itertools.permutations(("code", "markdown", "raw"), 2):
        shown.append(re.sub(r"\$\{[^}]*\}", "{}", template).format(old, new))
    # Create Assignment's warning about old metadata (the schema version inside).
    template = re.search(r"`(At least one cell has an old version[^`]*)`", js).group(1)
    shown.append(re.sub(r"\$\{[^}]*\}", "2", template))
    assert {"You did not provide a response.", "No response."} <= set(shown)
    untranslated = [text for text in shown if nbgrader_strings.translate(text, catalogue) is None]
    assert not untranslated, untranslated
    version = nbgrader_strings.translate(shown[0], catalogue)
    assert "0.9.5" in version and "0.9.6" in version and "Daftar Tugas" in version


def test_jupyterlab_serves_the_nbgrader_domain_for_id_ID():
    """Does JupyterLab's server hand the browser our nbgrader domain for id_ID?"""
    from jupyterlab_server.translation_utils import get_language_pack

    domains, message = get_language_pack("id_ID")
    assert not message
    assert domains["nbgrader"][""]["domain"] == "nbgrader"
    assert domains["nbgrader"]["Fetch"] == ["Ambil"]
    assert domains["nbgrader"]["Assignment List"] == ["Daftar Tugas"]


def test_our_nbgrader_extension_is_installed_as_shipped():
    """Does this environment serve jupyter/labextensions/@asn-workbench/antarmuka exactly as the
    repository has it (make copies it; a stale copy would show old texts or none)?"""
    from jupyter_core.paths import jupyter_path
    from jupyterlab_server.config import get_federated_extensions

    source = ROOT / "jupyter" / "labextensions" / "@asn-workbench" / "antarmuka"
    found = get_federated_extensions(jupyter_path("labextensions"))
    assert "@asn-workbench/antarmuka" in found, "jalankan 'make' agar ekstensi terpasang"
    installed = Path(found["@asn-workbench/antarmuka"]["ext_path"])
    shipped = sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file())
    assert sorted(p.relative_to(installed) for p in installed.rglob("*") if p.is_file()) == shipped
    for name in shipped:
        assert (installed / name).read_bytes() == (source / name).read_bytes(), name
    build = json.loads((source / "package.json").read_text(encoding="utf-8"))["jupyterlab"]
    assert (source / build["_build"]["load"]).is_file()


def test_every_domain_in_the_glossary_is_shipped():
    """Does every catalogue table of istilah.toml (jupyterlab, notebook, jupyterlab_widgets...)
    become its own domain file, so extensions that load another domain are translated too?"""
    glossary = build_languagepack.load_glossary(GLOSSARY)
    domains = build_languagepack.domains(glossary)
    assert domains[0] == "jupyterlab"
    assert {"notebook", "jupyterlab_widgets", "nbgrader"} <= set(domains)
    for domain in domains:
        target, target_mo = build_languagepack.targets(domain)
        catalogue = json.loads(target.read_text(encoding="utf-8"))
        assert catalogue[""]["domain"] == domain
        # The server reads the .mo; a DOM-text domain (nbgrader) is read by the browser only.
        assert target_mo.is_file() == (domain not in build_languagepack.DOM_TEXT_DOMAINS)
    notebook = json.loads(build_languagepack.targets("notebook")[0].read_text(encoding="utf-8"))
    assert notebook["Open in %1"] == ["Buka di %1"]


def test_translations_also_answer_with_a_context():
    """Is a string JupyterLab asks for with a gettext context (menu titles from settings
    schemas, _p("menu", "Terminal Theme")) translated like the plain string, and does ours win
    over an upstream translation under a context?"""
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert catalogue["menu\u0004Terminal Theme"] == ["Tema Terminal"]
    assert catalogue["toolbar\u0004Run"] == catalogue["Run"]
    glossary = build_languagepack.load_glossary(GLOSSARY)
    glossary["jupyterlab"] = {"Rename Error": "Gagal Mengganti Nama"}
    built = build_languagepack.build("jupyterlab", glossary)
    assert built["showErrorMessage\u0004Rename Error"] == ["Gagal Mengganti Nama"]


def test_mo_file_carries_the_contexts():
    """Does the server's gettext catalogue answer pgettext("menu", ...) in Indonesian?"""
    import gettext

    mo = build_languagepack.targets("jupyterlab")[1]
    with mo.open("rb") as fh:
        translations = gettext.GNUTranslations(fh)
    assert translations.pgettext("menu", "File") == "Berkas"
    assert translations.pgettext("toolbar", "Run") == translations.gettext("Run")


def test_one_register_anda_never_kamu():
    """Is every shipped translation in the "Anda" register: no "kamu"/"-mu" (the upstream
    pack's close dialog said "Kamu yakin kamu mau tutup…"), and would the glossary refuse one?"""
    for domain in build_languagepack.domains(build_languagepack.load_glossary()):
        catalogue = json.loads(build_languagepack.targets(domain)[0].read_text(encoding="utf-8"))
        values = [v for msgid, vs in catalogue.items() if msgid for v in vs]
        assert not [v for v in values if re.search(r"\b[Kk]amu\b|\bkerjamu\b", v)], domain
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert catalogue['Are you sure you want to close "%1"?'] == ['Anda yakin ingin menutup "%1"?']
    glossary = build_languagepack.load_glossary(GLOSSARY)
    assert build_languagepack.problems("Save your work", "Simpan hasil kerjamu", glossary)
    assert build_languagepack.problems("Are you sure?", "Kamu yakin?", glossary)


def test_the_v4_context_reaches_the_indentation_menu():
    """JupyterLab asks for "Spaces: %1" with the gettext context "v4" (Settings › Text Editor
    Indentation): is it answered in Indonesian, in the browser's catalogue and the server's?"""
    import gettext

    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert catalogue["v4\u0004Spaces: %1"] == ["Spasi: %1"]
    with build_languagepack.targets("jupyterlab")[1].open("rb") as fh:
        assert gettext.GNUTranslations(fh).pgettext("v4", "Spaces: %1") == "Spasi: %1"


def test_workspace_is_tata_letak_everywhere():
    """Is JupyterLab's "workspace" (a saved arrangement of tabs) always "tata letak", never the
    learner's "ruang kerja" folder, and does the glossary hold every translation to it?"""
    glossary = build_languagepack.load_glossary(GLOSSARY)
    ours = {k: v for k, v in glossary["jupyterlab"].items() if re.search(r"(?i)\bworkspaces?\b", k)}
    assert len(ours) >= 10
    assert all("tata letak" in v.lower() and "ruang kerja" not in v.lower() for v in ours.values())
    assert build_languagepack.problems("Open Workspace…", "Buka Ruang Kerja…", glossary)


HUNSPELL_ID = Path("/usr/share/hunspell/id_ID.dic")


def translation_words(glossary: dict) -> set[str]:
    """Every word of our translations (lower case), without placeholders, URLs, file names."""
    words = set()
    for table, entries in glossary.items():
        if table in build_languagepack.GLOSSARY_TABLES:
            continue
        for text in entries.values():
            text = re.sub(r"%\d|\{\d+\}|https?://\S+|\S*[_./]\S*", " ", text)
            words |= {w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)}
    return words


@pytest.mark.skipif(
    not (shutil.which("hunspell") and HUNSPELL_ID.is_file()),
    reason="butuh kamus ejaan: sudo apt-get install hunspell hunspell-id",
)
def test_every_word_of_our_translations_is_spelled_right():
    """Is every word a learner reads in our translations in the Indonesian dictionary (hunspell-id)
    or in the glossary's reviewed [ejaan] list, so that a typo such as "Tandah" or "Menganti"
    cannot ship?"""
    glossary = build_languagepack.load_glossary(GLOSSARY)
    accepted = set(glossary["ejaan"]["kata"])

    def misspelled(words: set[str]) -> set[str]:
        result = subprocess.run(
            ["hunspell", "-d", "id_ID", "-l"],
            input="\n".join(sorted(words)),
            capture_output=True,
            text=True,
            check=True,
        )
        return set(result.stdout.split()) - accepted

    assert misspelled(translation_words(glossary)) == set()
    assert misspelled({"tandah", "menganti", "tandai", "mengganti"}) == {"tandah", "menganti"}
