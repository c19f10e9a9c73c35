"""Themes in the free-text suggestions (saran), found with an Indonesian keyword dictionary.

The dictionary is a YAML file shipped with the package (``tema_saran.yaml``, next to this
module). A trainer extends it without touching the package by writing the same shape to
``<state_dir>/skm/tema_saran.yaml``: keywords for a theme of the same name are added to it,
new themes are appended, and negative markers and negators are added to the lists. The rules
for keywords and for telling complaints from praise are written at the top of the shipped file.

Everything runs locally: no suggestion leaves the machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import yamlfile
from workbench.compat import renamed
from workbench.config import Settings, get_settings
from workbench.data.readers import file_facts
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "OTHER_THEME",
    "Theme",
    "ThemeDictionary",
    "extension_path",
    "load_themes",
    "suggestion_themes",
    "tag_suggestions",
]

SHIPPED_PATH = Path(__file__).with_name("tema_saran.yaml")

#: The row for non-empty suggestions that match no theme.
OTHER_THEME = "Lainnya"

#: How many words before a keyword a negator may stand ("tidak begitu ramah").
NEGATION_WINDOW = 2

_WORD = re.compile(r"[^\w]+", re.UNICODE)

# A keyword is a tuple of tokens; each token is (text, is_prefix).
_Keyword = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Theme:
    """One theme: its name, its keywords, and whether it collects praise."""

    nama: str
    kata_kunci: tuple[str, ...]
    pujian: bool = False


@dataclass(frozen=True)
class ThemeDictionary:
    """The themes, negative markers and negators used to read suggestions."""

    tema: tuple[Theme, ...]
    penanda_negatif: tuple[str, ...]
    penyangkal: tuple[str, ...]
    sumber: tuple[str, ...] = field(default=())

    @property
    def names(self) -> list[str]:
        """Theme names in dictionary order."""
        return [t.nama for t in self.tema]


def extension_path(settings: Settings | None = None) -> Path:
    """Where a trainer's additions to the dictionary live (it may not exist)."""
    settings = settings or get_settings()
    return settings.state_dir / "skm" / "tema_saran.yaml"


def load_themes(
    path: str | Path | None = None, *, settings: Settings | None = None
) -> ThemeDictionary:
    """The theme dictionary: the shipped file plus the trainer's additions, if any.

    With ``path`` the dictionary is read from that file alone (no shipped file, no additions).
    Raises :class:`WorkbenchError` listing every malformed entry.
    """
    if path is not None:
        return _build([_read(Path(path))])
    parts = [_read(SHIPPED_PATH)]
    extra = extension_path(settings)
    if extra.is_file():
        parts.append(_read(extra))
    return _build(parts)


def _read(path: Path) -> tuple[Path, dict]:
    # The shared safe reader: an alias bomb is refused at once with a short message.
    raw = yamlfile.load(path, what="Kamus tema")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise WorkbenchError(
            f"Kamus tema {path} harus berisi bagian 'tema', 'penanda_negatif', 'penyangkal'."
        )
    return path, raw


def _words(value, path: Path, where: str, problems: list[Problem]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(
            Problem("harus berupa daftar kata", file=str(path), column=where, value=value)
        )
        return []
    words = []
    for item in value:
        if not isinstance(item, str | int) or not str(item).strip():
            problems.append(
                Problem(
                    "kata kunci kosong atau bukan teks", file=str(path), column=where, value=item
                )
            )
            continue
        words.append(" ".join(str(item).lower().split()))
    return words


def _build(parts: list[tuple[Path, dict]]) -> ThemeDictionary:
    problems: list[Problem] = []
    themes: dict[str, dict] = {}
    negatives: list[str] = []
    negators: list[str] = []
    for path, raw in parts:
        for key in raw:
            if key not in ("tema", "penanda_negatif", "penyangkal"):
                problems.append(
                    Problem(
                        "bagian tidak dikenal",
                        file=str(path),
                        column=str(key),
                        expected="tema, penanda_negatif atau penyangkal",
                    )
                )
        negatives += _words(raw.get("penanda_negatif"), path, "penanda_negatif", problems)
        negators += _words(raw.get("penyangkal"), path, "penyangkal", problems)
        entries = raw.get("tema") or []
        if not isinstance(entries, list):
            problems.append(Problem("harus berupa daftar tema", file=str(path), column="tema"))
            continue
        for number, entry in enumerate(entries, start=1):
            where = f"tema ke-{number}"
            if not isinstance(entry, dict) or not str(entry.get("nama") or "").strip():
                problems.append(
                    Problem(
                        "tema tanpa nama",
                        file=str(path),
                        column=where,
                        value=entry,
                        expected="nama: ..., kata_kunci: [...]",
                    )
                )
                continue
            name = str(entry["nama"]).strip()
            words = _words(entry.get("kata_kunci"), path, f"{where} ({name})", problems)
            theme = themes.setdefault(name, {"kata_kunci": [], "pujian": False})
            theme["kata_kunci"] += [w for w in words if w not in theme["kata_kunci"]]
            theme["pujian"] = theme["pujian"] or bool(entry.get("pujian", False))
    if problems:
        raise WorkbenchError(
            "Kamus tema saran berisi kesalahan; perbaiki lalu muat ulang.", problems
        )
    return ThemeDictionary(
        tema=tuple(Theme(n, tuple(t["kata_kunci"]), t["pujian"]) for n, t in themes.items()),
        penanda_negatif=tuple(dict.fromkeys(negatives)),
        penyangkal=tuple(dict.fromkeys(negators)),
        sumber=tuple(str(p) for p, _ in parts),
    )


def _compile(word: str) -> _Keyword:
    return tuple((t.rstrip("*"), t.endswith("*")) for t in word.split())


def _tokens(text: str) -> list[str]:
    return [t for t in _WORD.split(text.lower()) if t]


def _find(tokens: list[str], keyword: _Keyword) -> list[int]:
    """Start positions where ``keyword`` occurs in ``tokens``."""
    size = len(keyword)
    hits = []
    for start in range(len(tokens) - size + 1):
        for offset, (text, prefix) in enumerate(keyword):
            token = tokens[start + offset]
            if not (token.startswith(text) if prefix else token == text):
                break
        else:
            hits.append(start)
    return hits


class _Reader:
    """A compiled dictionary that reads one suggestion at a time."""

    def __init__(self, kamus: ThemeDictionary) -> None:
        self.kamus = kamus
        self.themes = [(t, [_compile(w) for w in t.kata_kunci]) for t in kamus.tema]
        self.negatives = [_compile(w) for w in kamus.penanda_negatif]
        self.negators = set(kamus.penyangkal)

    def _negated(self, tokens: list[str], start: int) -> bool:
        return any(t in self.negators for t in tokens[max(0, start - NEGATION_WINDOW) : start])

    def read(self, text: str) -> tuple[list[str], bool]:
        tokens = _tokens(text)
        negative = any(
            not self._negated(tokens, start) for kw in self.negatives for start in _find(tokens, kw)
        )
        found = []
        for theme, keywords in self.themes:
            starts = [s for kw in keywords for s in _find(tokens, kw)]
            if not starts:
                continue
            if theme.pujian:
                plain = [s for s in starts if not self._negated(tokens, s)]
                if len(plain) < len(starts):
                    negative = True
                if not plain:
                    continue
            found.append(theme.nama)
        return found, negative


def _suggestions(source: pd.DataFrame | pd.Series) -> pd.Series:
    if isinstance(source, pd.DataFrame):
        if "saran" not in source.columns:
            raise WorkbenchError(
                "Data survei tidak punya kolom 'saran' (saran dan masukan responden)."
            )
        source = source["saran"]
    return source.astype("string").fillna("").str.strip()


@renamed(kamus="dictionary")
def tag_suggestions(
    source: pd.DataFrame | pd.Series, *, dictionary: ThemeDictionary | None = None
) -> pd.DataFrame:
    """Each non-empty suggestion with its themes and whether it is a complaint or request.

    Columns ``baris`` (the row as the file shows it, title lines counted, when the answers
    come from :func:`~workbench.skm.read_responses`; else as Excel would number it),
    ``saran``, ``tema`` (theme names joined with "; ", or ``Lainnya``) and ``negatif``; one
    boolean column per theme follows.
    """
    dictionary = dictionary or load_themes()
    reader = _Reader(dictionary)
    text = _suggestions(source)
    file_rows = file_facts(source).rows if isinstance(source, pd.DataFrame) else None
    keep = np.flatnonzero((text != "").to_numpy())
    rows = []
    for i in keep:
        themes, negative = reader.read(str(text.iloc[i]))
        row = int(file_rows[i]) if file_rows is not None else int(i) + 2
        rows.append((row, str(text.iloc[i]), themes or [OTHER_THEME], negative))
    names = [*dictionary.names, OTHER_THEME]
    table = pd.DataFrame(
        {
            "baris": [r[0] for r in rows],
            "saran": [r[1] for r in rows],
            "tema": ["; ".join(r[2]) for r in rows],
            "negatif": [r[3] for r in rows],
        }
    )
    for name in names:
        table[name] = [name in r[2] for r in rows]
    return table


@renamed(kamus="dictionary", contoh="examples")
def suggestion_themes(
    source: pd.DataFrame | pd.Series,
    *,
    dictionary: ThemeDictionary | None = None,
    examples: int = 3,
) -> pd.DataFrame:
    """How often each theme comes up in the suggestions, how negative, with example quotes.

    One row per theme (dictionary order, then ``Lainnya``): ``jumlah`` suggestions mentioning
    it, ``persen_saran`` of all non-empty suggestions, ``jumlah_negatif``, ``persen_negatif``
    (share of the theme's suggestions that complain or ask for improvement) and ``contoh``:
    up to ``examples`` distinct quotes, complaints first (praise first for a praise theme).
    """
    dictionary = dictionary or load_themes()
    tagged = tag_suggestions(source, dictionary=dictionary)
    total = len(tagged)
    praise = {t.nama for t in dictionary.tema if t.pujian}
    rows = []
    for name in [*dictionary.names, OTHER_THEME]:
        part = tagged[tagged[name]] if total else tagged
        count = len(part)
        negative = int(part["negatif"].sum()) if count else 0
        order = part.sort_values("negatif", ascending=name in praise, kind="stable")
        quotes = list(dict.fromkeys(order["saran"]))[:examples]
        rows.append(
            {
                "tema": name,
                "jumlah": count,
                "persen_saran": count / total * 100 if total else 0.0,
                "jumlah_negatif": negative,
                "persen_negatif": negative / count * 100 if count else 0.0,
                "contoh": quotes,
            }
        )
    return pd.DataFrame(rows)
