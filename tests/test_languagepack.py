"""Our Indonesian catalogue for JupyterLab: one glossary, checked translations, loaded for id_ID."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from jupyterlab_language_pack_id_ID import CATALOGUE, GLOSSARY

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_languagepack

TYPOS = ("Menjalakan", "Dimulai lagi", "Dimuali", "Aftikan", "kernel and", "Disket")


def test_catalogue_is_generated_from_the_glossary():
    """Is the shipped jupyterlab.json exactly what the glossary and catalogue produce?"""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_languagepack.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_translation_follows_the_glossary():
    """Does every shipped translation use the glossary's terms and none of the avoided words?"""
    glossary = build_languagepack.load_glossary(GLOSSARY)
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
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
    assert {"notebook", "jupyterlab_widgets"} <= set(domains)
    for domain in domains:
        target, target_mo = build_languagepack.targets(domain)
        catalogue = json.loads(target.read_text(encoding="utf-8"))
        assert catalogue[""]["domain"] == domain
        assert target_mo.is_file()
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
