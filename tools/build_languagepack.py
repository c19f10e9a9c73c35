"""Build JupyterLab's Indonesian language pack from its glossary.

Usage: ``python tools/build_languagepack.py [--check]``

Reads ``jupyter/languagepack/jupyterlab_language_pack_id_ID/istilah.toml`` (glossary, words to
avoid, our catalogues) and writes one Jed catalogue (what the browser loads) per gettext domain:

- ``jupyterlab.json`` from ``[jupyterlab]`` plus the upstream pack's translations kept in
  ``jupyter/languagepack/resmi-jupyterlab.json``, and ``jupyterlab.mo`` (gettext, what the server
  uses to translate settings schemas: the main menu titles and many menu items come from there).
  Our catalogue wins; an upstream translation is kept only if it passes the glossary (so a typo or
  a rejected term falls back to ours or to English, never reaches a learner).
- ``nbgrader.json`` from ``[nbgrader]``: nbgrader itself has no translations; our JupyterLab
  extension looks its screens' text up in this domain (key convention in the glossary's header
  and in ``jupyter/languagepack/README.md``). Only the browser uses it, so no ``.mo``.

Fails listing every translation of ours that breaks the glossary. ``--check`` only says whether
every file is up to date.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "jupyter" / "languagepack" / "jupyterlab_language_pack_id_ID"
GLOSSARY = PACK / "istilah.toml"
LC_MESSAGES = PACK / "locale" / "id_ID" / "LC_MESSAGES"
UPSTREAM = ROOT / "jupyter" / "languagepack" / "resmi-jupyterlab.json"


@dataclass(frozen=True)
class Domain:
    """One gettext domain of the pack: its section in istilah.toml and what is built from it."""

    name: str
    upstream: Path | None = None  # translations of the official pack, kept if they pass
    mo: bool = False  # also a .mo file for the server
    dom_keys: bool = False  # keys follow the DOM-text convention (see istilah.toml's header)

    @property
    def target(self) -> Path:
        return LC_MESSAGES / f"{self.name}.json"


DOMAINS = (
    Domain("jupyterlab", upstream=UPSTREAM, mo=True),
    Domain("nbgrader", dom_keys=True),
)
PLACEHOLDER = re.compile(r"%\d+|\{\d+\}")


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
    replaces every run of digits by {0}, {1}, ... in order. So a key is normalised, and a key with
    placeholders has no other digits and numbers them from 0 in order of appearance.
    """
    found = []
    if key != " ".join(key.split()):
        found.append("spasi di awal/akhir atau berulang (kunci harus dinormalkan)")
    placeholders = re.findall(r"\{(\d+)\}", key)
    if placeholders:
        if placeholders != [str(i) for i in range(len(placeholders))]:
            found.append("penanda isian harus {0}, {1}, ... berurutan")
        if re.search(r"\d", re.sub(r"\{\d+\}", "", key)):
            found.append("angka lain di samping penanda isian tidak akan pernah cocok")
    return found


def build(domain: Domain = DOMAINS[0], glossary: dict | None = None) -> dict:
    """One domain's Jed catalogue: upstream translations that pass the glossary, ours on top."""
    glossary = glossary or load_glossary()
    ours = glossary[domain.name]
    errors = [
        f"{msgid!r} -> {text!r}: {'; '.join(found)}"
        for msgid, text in ours.items()
        if (
            found := problems(msgid, text, glossary)
            + (key_problems(msgid) if domain.dom_keys else [])
        )
    ]
    if errors:
        raise SystemExit(
            f"[{domain.name}] terjemahan melanggar glosarium:\n  " + "\n  ".join(errors)
        )
    catalogue: dict = {
        "": {
            "domain": domain.name,
            "language": "id-ID",
            "plural_forms": "nplurals=1; plural=0;",
            "version": domain.name,
        }
    }
    if domain.upstream:
        upstream = json.loads(domain.upstream.read_text(encoding="utf-8"))
        for msgid, values in sorted(upstream.items()):
            if msgid and not any(problems(msgid, v, glossary) for v in values):
                catalogue[msgid] = values
    plural = set(glossary.get("jamak", {}).get("kata", []))
    for msgid, text in sorted(ours.items()):
        # JupyterLab's gettext uses a plural entry only if it has more than one form.
        catalogue[msgid] = [text, text] if msgid in plural else [text]
    return catalogue


def outputs(domain: Domain, glossary: dict | None = None) -> dict[Path, bytes]:
    """Every file built for one domain, with its content."""
    catalogue = build(domain, glossary)
    files = {domain.target: render(catalogue).encode("utf-8")}
    if domain.mo:
        files[domain.target.with_suffix(".mo")] = render_mo(catalogue)
    return files


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
    glossary = load_glossary()
    files = {path: blob for d in DOMAINS for path, blob in outputs(d, glossary).items()}
    if args.check:
        stale = [p for p, blob in files.items() if not p.is_file() or p.read_bytes() != blob]
        for path in stale:
            print(f"{path.relative_to(ROOT)} belum mutakhir: jalankan {Path(__file__).name}")
        return 1 if stale else 0
    LC_MESSAGES.mkdir(parents=True, exist_ok=True)
    for path, blob in files.items():
        path.write_bytes(blob)
        if path.suffix == ".json":
            print(f"{path.relative_to(ROOT)}: {len(json.loads(blob)) - 1} terjemahan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
