"""Build JupyterLab's Indonesian language pack from its glossary.

Usage: ``python tools/build_languagepack.py [--check]``

Reads ``jupyter/languagepack/jupyterlab_language_pack_id_ID/istilah.toml`` (glossary, words to
avoid, our catalogue) and the upstream pack's translations kept in
``jupyter/languagepack/resmi-jupyterlab.json``; writes the pack's ``jupyterlab.json`` (Jed
format, what the browser loads) and ``jupyterlab.mo`` (gettext, what the server uses to translate
settings schemas: the main menu titles and many menu items come from there). Our catalogue wins;
an upstream translation is kept only if it passes the glossary (so a typo or a rejected term falls
back to ours or to English, never reaches a learner). Fails listing every translation of ours that
breaks the glossary. ``--check`` only says whether both files are up to date.
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
UPSTREAM = ROOT / "jupyter" / "languagepack" / "resmi-jupyterlab.json"
TARGET = PACK / "locale" / "id_ID" / "LC_MESSAGES" / "jupyterlab.json"
TARGET_MO = TARGET.with_suffix(".mo")


def load_glossary(path: Path = GLOSSARY) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def problems(msgid: str, translation: str, glossary: dict) -> list[str]:
    """What is wrong with one translation according to the glossary (empty: nothing)."""
    found = []
    english = msgid.split("\u0004")[-1]
    for term, chosen in glossary["istilah"].items():
        if re.search(rf"\b{re.escape(term)}\b", english, flags=re.I) and (
            chosen.lower() not in translation.lower()
        ):
            found.append(f"'{term}' harus diterjemahkan '{chosen}'")
    for word in glossary["hindari"]["kata"]:
        if word in translation:
            found.append(f"memuat '{word.strip()}' yang dihindari")
    return found


def build(glossary: dict | None = None) -> dict:
    """The Jed catalogue: upstream translations that pass the glossary, then ours on top."""
    glossary = glossary or load_glossary()
    ours = glossary["jupyterlab"]
    errors = [
        f"{msgid!r} -> {text!r}: {'; '.join(found)}"
        for msgid, text in ours.items()
        if (found := problems(msgid, text, glossary))
    ]
    if errors:
        raise SystemExit("Terjemahan melanggar glosarium:\n  " + "\n  ".join(errors))
    upstream = json.loads(UPSTREAM.read_text(encoding="utf-8"))
    catalogue: dict = {
        "": {
            "domain": "jupyterlab",
            "language": "id-ID",
            "plural_forms": "nplurals=1; plural=0;",
            "version": "jupyterlab",
        }
    }
    for msgid, values in sorted(upstream.items()):
        if msgid and not any(problems(msgid, v, glossary) for v in values):
            catalogue[msgid] = values
    plural = set(glossary.get("jamak", {}).get("kata", []))
    for msgid, text in sorted(ours.items()):
        # JupyterLab's gettext uses a plural entry only if it has more than one form.
        catalogue[msgid] = [text, text] if msgid in plural else [text]
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
        if "\u0004" not in key:
            # The server translates schema strings with a context: menu titles and items as
            # pgettext("menu", ...), toolbar items as pgettext("toolbar", ...).
            for context in ("menu", "toolbar"):
                entries.setdefault(f"{context}\u0004{key}", values[0])
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
    catalogue = build()
    text, mo = render(catalogue), render_mo(catalogue)
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        current_mo = TARGET_MO.read_bytes() if TARGET_MO.is_file() else b""
        if current != text or current_mo != mo:
            print(f"{TARGET.parent} belum mutakhir: jalankan python tools/build_languagepack.py")
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    TARGET_MO.write_bytes(mo)
    print(f"{TARGET.relative_to(ROOT)}: {len(json.loads(text)) - 1} terjemahan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
