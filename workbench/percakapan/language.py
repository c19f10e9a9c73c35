"""Is a text a trainer wrote in Bahasa Indonesia? A small, explainable check for scenario files.

Scenario texts are short (a line of dialogue, a choice, a note), so a statistical language
detector would guess. This check is a rule a trainer can understand from its message: a text
is refused when it has three or more common English function words ("the", "and", "you",
"please"...), or two that outnumber its Indonesian function words ("yang", "dan", "di",
"Anda"...).
Loan words (WhatsApp, online, error, KTP-el) never count, and a line in Madurese or Javanese
(the scenario of a citizen more at ease in Madurese) has neither kind, so it passes. Texts
still marked as unfinished (``TODO``, ``lorem ipsum``, ``...`` alone) are refused too.
"""

from __future__ import annotations

import re

__all__ = ["ENGLISH_WORDS", "INDONESIAN_WORDS", "language_problem"]

#: Common English function words (none is also an everyday Indonesian word).
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "yours",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "of",
        "to",
        "in",
        "for",
        "with",
        "this",
        "that",
        "these",
        "those",
        "please",
        "we",
        "our",
        "will",
        "would",
        "can",
        "could",
        "not",
        "have",
        "has",
        "had",
        "it",
        "its",
        "what",
        "which",
        "who",
        "there",
        "their",
        "they",
        "he",
        "she",
        "his",
        "her",
        "from",
        "at",
        "by",
        "on",
        "an",
        "or",
        "if",
        "do",
        "does",
        "did",
        "my",
        "me",
        "i",
        "am",
        "should",
        "must",
        "just",
        "about",
        "into",
        "than",
        "then",
        "them",
        "only",
        "also",
        "very",
        "here",
        "how",
        "why",
        "when",
        "where",
        "yes",
        "no",
    ]
)

#: Common Indonesian function words and forms of address.
INDONESIAN_WORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "tidak",
        "tak",
        "ini",
        "itu",
        "saya",
        "anda",
        "ibu",
        "bapak",
        "pak",
        "bu",
        "sudah",
        "akan",
        "bisa",
        "ada",
        "dengan",
        "kami",
        "kita",
        "apa",
        "mohon",
        "silakan",
        "ya",
        "juga",
        "atau",
        "karena",
        "agar",
        "supaya",
        "belum",
        "sedang",
        "harus",
        "boleh",
        "tolong",
        "terima",
        "kasih",
        "nanti",
        "dulu",
        "lagi",
        "sini",
        "sana",
        "mau",
        "pun",
        "lah",
        "kah",
        "kalau",
        "bila",
        "jika",
        "dalam",
        "pada",
        "oleh",
        "tapi",
        "tetapi",
        "sama",
        "saja",
        "hanya",
        "masih",
        "baru",
        "sekarang",
        "besok",
        "hari",
        "jam",
        "berapa",
        "siapa",
        "bagaimana",
        "mengapa",
        "kenapa",
        "nggak",
        "gak",
        "iya",
        "baik",
        "maaf",
        "selamat",
        "pagi",
        "siang",
        "sore",
    ]
)

_WORD = re.compile(r"[a-zA-Z]+(?:'[a-z]+)?")
_UNFINISHED = re.compile(r"\b(todo|fixme|tbd|lorem ipsum|xxx)\b", re.IGNORECASE)


def language_problem(text: str) -> str | None:
    """Why ``text`` is not acceptable Indonesian scenario text, or None when it is."""
    stripped = str(text).strip()
    if not stripped or stripped.strip(".… ") == "":
        return "teks kosong"
    if _UNFINISHED.search(stripped):
        return "teks masih bertanda belum selesai (TODO/lorem ipsum)"
    words = [w.lower() for w in _WORD.findall(stripped)]
    english = sum(w in ENGLISH_WORDS for w in words)
    indonesian = sum(w in INDONESIAN_WORDS for w in words)
    if english >= 3 or (english >= 2 and english > indonesian):
        return (
            f"teks tampaknya berbahasa Inggris ({english} kata Inggris seperti 'the', 'you', "
            f"lawan {indonesian} kata Indonesia)"
        )
    return None
