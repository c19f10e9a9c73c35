"""Build JupyterLab's Indonesian catalogue from the glossary (``workbench/languagepack``).

Usage: ``python tools/build_languagepack.py [--check]``

Reads ``workbench/languagepack/istilah.toml`` (glossary, words to avoid, our catalogue) and the
upstream pack's translations kept in ``jupyter/languagepack/resmi-jupyterlab.json``; writes
``workbench/languagepack/locale/id_ID/LC_MESSAGES/jupyterlab.json`` (Jed format, as language
packs ship it). Our catalogue wins; an upstream translation is kept only if it passes the
glossary (so a typo or a rejected term falls back to ours or to English, never reaches a learner).
Fails listing every translation of ours that breaks the glossary. ``--check`` only says whether
the JSON is up to date.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "workbench" / "languagepack" / "istilah.toml"
UPSTREAM = ROOT / "jupyter" / "languagepack" / "resmi-jupyterlab.json"
TARGET = ROOT / "workbench" / "languagepack" / "locale" / "id_ID" / "LC_MESSAGES"
TARGET = TARGET / "jupyterlab.json"


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
    for msgid, text in sorted(ours.items()):
        catalogue[msgid] = [text]
    return catalogue


def render(catalogue: dict) -> str:
    return json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="Bangun katalog terjemahan JupyterLab id_ID.")
    parser.add_argument("--check", action="store_true", help="hanya periksa apakah sudah mutakhir")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != text:
            print(f"{TARGET} belum mutakhir: jalankan python tools/build_languagepack.py")
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(json.loads(text)) - 1} terjemahan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
