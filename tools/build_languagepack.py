"""Build JupyterLab's Indonesian language pack from its glossary.

Usage: ``python tools/build_languagepack.py [--check]``

Reads ``jupyter/languagepack/jupyterlab_language_pack_id_ID/istilah.toml`` (glossary, words to
avoid, and one catalogue table per gettext domain: ``[jupyterlab]`` for JupyterLab itself,
``[notebook]`` for the Jupyter Notebook extension, ``[jupyterlab_widgets]`` for ipywidgets...)
and the upstream pack's translations kept in ``jupyter/languagepack/resmi-<domain>.json``. For
every domain it writes ``<domain>.json`` (Jed format, what the browser loads) and ``<domain>.mo``
(gettext, what the server uses to translate settings schemas: the main menu titles and many menu
items come from there). Our catalogue wins; an upstream translation is kept only if it passes
the glossary (so a typo or a rejected term falls back to ours or to English, never reaches a
learner). Fails listing every translation of ours that breaks the glossary. ``--check`` only
says whether every file is up to date.

``[nbgrader]`` is different: nbgrader has no translations, so our JupyterLab extension
(``@asn-workbench/antarmuka``) translates the text of nbgrader's screens in the browser, and the
keys of that table are DOM texts, not gettext msgids (key convention: the table's header comment
and ``jupyter/languagepack/README.md``). Its keys are checked against that convention; only the
browser reads it, so it gets no ``.mo`` and no context entries. ``[voila]`` is a DOM-text domain
too, and is also copied beside the extension's script (``static/voila.json``) for Voilà's own
pages, which have no translation API.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "jupyter" / "languagepack" / "jupyterlab_language_pack_id_ID"
GLOSSARY = PACK / "istilah.toml"
UPSTREAM_DIR = ROOT / "jupyter" / "languagepack"
TARGET_DIR = PACK / "locale" / "id_ID" / "LC_MESSAGES"
#: Tables of istilah.toml that are the glossary itself; every other table is a domain's catalogue.
GLOSSARY_TABLES = ("istilah", "tetap", "hindari", "jamak", "ejaan")
#: gettext contexts JupyterLab translates with (msgctxt). The server translates settings schemas
#: with pgettext: menu titles and items as "menu", toolbar items as "toolbar"; the browser asks
#: for a few strings with a context too (_p("menu", "Terminal Theme"), _p("showErrorMessage",
#: ...), _p("Error", ...)). A context-free translation of ours stands for all of them.
CONTEXTS = ("menu", "toolbar", "showErrorMessage", "Error", "v4")
#: Domains whose keys are DOM texts our extension looks up (see the module docstring).
DOM_TEXT_DOMAINS = ("nbgrader", "voila")
#: Voilà's own pages (the dashboards' list, the "Executing 3 of 10" spinner) are served by Voilà,
#: which has no translation API: our extension, loaded there too, reads this copy of the voila
#: catalogue from its own folder.
VOILA_COPY = ROOT / "jupyter" / "labextensions" / "@asn-workbench" / "antarmuka" / "static"
VOILA_COPY = VOILA_COPY / "voila.json"
#: Placeholders a translation must keep: gettext's %1 and the DOM-text convention's {0}.
PLACEHOLDER = re.compile(r"%\d+|\{\d+\}")


def domains(glossary: dict) -> list[str]:
    """The gettext domains istilah.toml has a catalogue for (``jupyterlab`` first)."""
    return sorted(
        (t for t in glossary if t not in GLOSSARY_TABLES), key=lambda d: d != "jupyterlab"
    )


def targets(domain: str) -> tuple[Path, Path]:
    """Where the pack keeps ``domain``'s catalogue: the Jed JSON and the gettext .mo (the .mo
    only for domains the server reads, not :data:`DOM_TEXT_DOMAINS`)."""
    target = TARGET_DIR / f"{domain}.json"
    return target, target.with_suffix(".mo")


def load_glossary(path: Path = GLOSSARY) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def problems(msgid: str, translation: str, glossary: dict) -> list[str]:
    """What is wrong with one translation according to the glossary (empty: nothing)."""
    found = []
    english = msgid.split("\u0004")[-1]
    for term, chosen in glossary["istilah"].items():
        # A list gives the forms Indonesian morphology needs: "kumpulkan" / "mengumpulkan".
        forms = [chosen] if isinstance(chosen, str) else chosen
        if re.search(rf"\b{re.escape(term)}\b", english, flags=re.I) and not any(
            form.lower() in translation.lower() for form in forms
        ):
            found.append(f"'{term}' harus diterjemahkan '{' / '.join(forms)}'")
    for word in glossary["hindari"]["kata"]:
        if word in translation:
            found.append(f"memuat '{word.strip()}' yang dihindari")
    if translation and sorted(PLACEHOLDER.findall(english)) != sorted(
        PLACEHOLDER.findall(translation)
    ):
        found.append("penanda isian (%1, {0}, ...) tidak sama dengan teks Inggrisnya")
    return found


def key_problems(key: str) -> list[str]:
    """What is wrong with a key of a DOM-text domain: it must be what the lookup computes.

    The extension collapses whitespace runs and trims; when the exact text is not found it
    replaces every text in single quotes and every other run of digits by {0}, {1}, ... in order.
    So a key is normalised, and a key with placeholders has no other digits and numbers them from
    0 in order of appearance. Keys with
    "%" are never looked up (gettext's formatter would rewrite them).
    """
    found = []
    if key != " ".join(key.split()):
        found.append("spasi di awal/akhir atau berulang (kunci harus dinormalkan)")
    if "%" in key:
        found.append("memuat % (gettext memformatnya, ekstensi tidak mencari kunci seperti ini)")
    placeholders = re.findall(r"\{(\d+)\}", key)
    if placeholders:
        if placeholders != [str(i) for i in range(len(placeholders))]:
            found.append("penanda isian harus {0}, {1}, ... berurutan")
        if re.search(r"\d", re.sub(r"\{\d+\}", "", key)):
            found.append("angka lain di samping penanda isian tidak akan pernah cocok")
    return found


def build(domain: str = "jupyterlab", glossary: dict | None = None) -> dict:
    """``domain``'s Jed catalogue: upstream translations that pass the glossary, then ours on
    top, each also under every gettext context of :data:`CONTEXTS` it has no entry for."""
    glossary = glossary or load_glossary()
    ours = glossary[domain]
    dom_texts = domain in DOM_TEXT_DOMAINS
    errors = [
        f"{msgid!r} -> {text!r}: {'; '.join(found)}"
        for msgid, text in ours.items()
        if (found := problems(msgid, text, glossary) + (key_problems(msgid) if dom_texts else []))
    ]
    if errors:
        raise SystemExit(f"[{domain}] melanggar glosarium:\n  " + "\n  ".join(errors))
    upstream_file = UPSTREAM_DIR / f"resmi-{domain}.json"
    upstream = (
        json.loads(upstream_file.read_text(encoding="utf-8")) if upstream_file.is_file() else {}
    )
    catalogue: dict = {
        "": {
            "domain": domain,
            "language": "id-ID",
            "plural_forms": "nplurals=1; plural=0;",
            "version": domain,
        }
    }
    for msgid, values in sorted(upstream.items()):
        if msgid and not any(problems(msgid, v, glossary) for v in values):
            catalogue[msgid] = values
    plural = set(glossary.get("jamak", {}).get("kata", []))
    for msgid, text in sorted(ours.items()):
        # JupyterLab's gettext uses a plural entry only if it has more than one form.
        catalogue[msgid] = [text, text] if msgid in plural else [text]
    for msgid, values in list(catalogue.items()):
        if msgid and "\u0004" not in msgid and not dom_texts:
            for context in CONTEXTS:
                key = f"{context}\u0004{msgid}"
                if msgid in ours and key not in ours:  # ours wins over upstream's context entry
                    catalogue[key] = values
                else:
                    catalogue.setdefault(key, values)
    return catalogue


def render(catalogue: dict) -> str:
    return json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def render_mo(catalogue: dict) -> bytes:
    """The catalogue as a GNU gettext .mo file (format: the GNU gettext manual, "MO Files")."""
    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"
    entries = {"": header}
    for key, values in catalogue.items():
        if not key:
            continue
        entries[key] = values[0]
    keys = sorted(entries)
    ids = [k.encode("utf-8") for k in keys]
    strs = [entries[k].encode("utf-8") for k in keys]
    count = len(keys)
    table = 7 * 4
    ids_start = table + count * 16
    offsets, data = [], b""
    for blob in ids:
        offsets.append((len(blob), ids_start + len(data)))
        data += blob + b"\0"
    trans_offsets = []
    for blob in strs:
        trans_offsets.append((len(blob), ids_start + len(data)))
        data += blob + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, count, table, table + count * 8, 0, 0)
    out += b"".join(struct.pack("<2I", n, o) for n, o in offsets)
    out += b"".join(struct.pack("<2I", n, o) for n, o in trans_offsets)
    return out + data


def main() -> int:
    parser = argparse.ArgumentParser(description="Bangun katalog terjemahan JupyterLab id_ID.")
    parser.add_argument("--check", action="store_true", help="hanya periksa apakah sudah mutakhir")
    args = parser.parse_args()
    glossary = load_glossary()
    wanted = {}
    for domain in domains(glossary):
        catalogue = build(domain, glossary)
        target, target_mo = targets(domain)
        wanted[target] = render(catalogue).encode("utf-8")
        if domain == "voila":
            wanted[VOILA_COPY] = wanted[target]
        if domain not in DOM_TEXT_DOMAINS:
            wanted[target_mo] = render_mo(catalogue)
    stale = sorted((set(TARGET_DIR.glob("*.json")) | set(TARGET_DIR.glob("*.mo"))) - set(wanted))
    if args.check:
        outdated = [p for p, data in wanted.items() if not p.is_file() or p.read_bytes() != data]
        if outdated or stale:
            names = ", ".join(p.name for p in outdated + stale)
            print(f"Katalog belum mutakhir ({names}).")
            print("Jalankan: python tools/build_languagepack.py")
            return 1
        return 0
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    for path in stale:  # a domain whose table was removed from istilah.toml
        path.unlink()
    for path, data in wanted.items():
        path.write_bytes(data)
        if path.suffix == ".json" and path != VOILA_COPY:
            count = sum(1 for k in json.loads(data) if k and "\u0004" not in k)
            print(f"{path.relative_to(ROOT)}: {count} terjemahan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
