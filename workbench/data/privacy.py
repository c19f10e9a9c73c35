"""Personal data in a file that is shared: the one masking function (UU 27/2022).

Every export that may leave the office (the masked competency plans and unit summary, and any
new one) passes its tables through :func:`mask`, which applies four rules in order:

1. **Direct identifiers go.** Columns that name a person (:data:`IDENTIFYING_COLUMNS`:
   ``nama``, ``peserta``, ``nik``, ``tanggal_lahir``, ``email``, ...) are left out.
2. **NIPs keep their last four digits** (``**************1003``, as module 05 teaches):
   enough for a person to find their own row, not enough to look anyone up.
3. **Free text is cleaned.** Every other text cell (``bukti``, ``alasan``, notes) has NIPs and
   NIKs written inside it masked the same way, phone numbers and e-mail addresses replaced by
   ``[telepon]`` and ``[email]``, and the names given in ``names`` (the roster's, learners'
   names from progress files) replaced by ``[nama]``, whether written with spaces or
   underscores and in any case.
4. **Small groups are generalised, then suppressed.** A position and unit held by fewer than
   :data:`MIN_GROUP` people identifies them (in the shipped office, 26 of 49 staff are alone in
   their position and unit: the Camat, each Lurah). For each such person, the position is
   written :data:`GENERALISED`; when their unit itself has fewer than :data:`MIN_GROUP` people,
   the unit is too, and when even all such people together are fewer than
   :data:`MIN_GROUP`, the person's rows are left out of every table (also tables without a
   position column, so one sheet cannot tell what another hid). Sizes are counted in people
   of ``population`` (the roster) when given, else of the table; rows of a person the roster
   does not know are left out. For rows that summarise a unit (a ``jumlah_pegawai`` column),
   a unit of fewer than :data:`MIN_GROUP` people is left out.

:func:`mask` returns the masked table and notes in Indonesian saying what was generalised or
left out, for the export's ``keterangan`` sheet. :func:`mask_nip` masks one NIP.

What personal data in free text looks like is defined here once (:data:`PHONE`,
:data:`EMAIL`, :data:`ID_IN_TEXT`, :data:`LONG_NUMBER`, :data:`TITLED_NAME`): :func:`mask`
rewrites it in shared files; :func:`privacy_problems` refuses text published as written (the
evaluation's citizens' notes and its public page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

__all__ = [
    "COMMON_WORDS",
    "EMAIL",
    "GENERALISED",
    "IDENTIFYING_COLUMNS",
    "ID_IN_TEXT",
    "LONG_NUMBER",
    "MIN_GROUP",
    "PHONE",
    "SCREENED",
    "TITLED_NAME",
    "Masked",
    "mask",
    "mask_nip",
    "mask_text",
    "privacy_problems",
]

#: The smallest group of people a shared file may show apart (a common disclosure threshold:
#: with three, no one is alone and no two can subtract each other out).
MIN_GROUP = 3

#: What a position or unit of a small group is replaced by.
GENERALISED = f"(kelompok < {MIN_GROUP} orang)"

#: Columns that name a person directly; a shared file leaves them out.
IDENTIFYING_COLUMNS = (
    "nama",
    "peserta",
    "nik",
    "tanggal_lahir",
    "email",
    "alamat",
    "telepon",
    "no_hp",
)

#: Columns that place a person in a group (position, then unit, from narrow to broad).
GROUP_COLUMNS = ("jabatan", "unit")

_NAME_PLACEHOLDER = "[nama]"

# --- what personal data in free text looks like (the one definition) ---------------------------

#: An NIP (18 digits) or NIK (16 digits) inside text, possibly written with spaces or dots
#: between its parts (``19850312 201001 1 003``). Masked to its last four digits.
ID_IN_TEXT = re.compile(r"(?<!\d)\d(?:[ .]?\d){15}(?:(?:[ .]?\d){2})?(?!\d)")
#: An Indonesian mobile number: ``0812-3456-7890``, ``0812.3456.7890``, ``+62 812 3456 7890``,
#: ``6281234567890``.
PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)[ .-]?8\d(?:[ .-]?\d){6,11}(?!\d)")
#: An e-mail address.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Any number of ten digits or more, spaces or hyphens allowed between them: an NIK, NIP or a
#: bank account. (Dots are not joined: ``Rp 2.500.000.000`` is an amount.)
LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ -]?\d){9,}(?!\d)")
#: A name after a form of address: ``Pak Budi``, ``Bu Sulastri``, ``Mbak Rina``, ``Cak Mat``.
TITLED_NAME = re.compile(r"\b(?:Pak|Bu|Ibu|Bapak|Sdr\.?|Sdri\.?|Mas|Mbak|Cak|Ning)\s+[A-Z][a-z]+")

#: What a text published to citizens must not hold, and how a message names each: the patterns
#: :func:`privacy_problems` looks for.
SCREENED: tuple[tuple[re.Pattern, str], ...] = (
    (PHONE, "nomor telepon"),
    (LONG_NUMBER, "nomor panjang (NIK, NIP, rekening?)"),
    (EMAIL, "alamat e-mail"),
    (TITLED_NAME, "nama orang"),
)

# Dates and clock times are numbers too: 15-12-2025 09.00 is not an NIK.
_DATES_AND_TIMES = re.compile(
    r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\b"
)

#: Words of staff names that are also ordinary words of office text in Asemrowo (place names,
#: common words): never a reason to refuse a text.
COMMON_WORDS = frozenset(
    {
        "asemrowo",
        "genting",
        "kalianak",
        "tambak",
        "sarioso",
        "surabaya",
        "kelurahan",
        "kecamatan",
        "warga",
        "loket",
        "indah",
        "cahaya",
        "mulia",
        "jaya",
        "baik",
        "agung",
        "setia",
        "bunga",
    }
)


def privacy_problems(text: str, names: Iterable[str] = ()) -> list[str]:
    """What in ``text`` looks personal, in Indonesian (``"nomor telepon: '0812-...'"``): the
    :data:`SCREENED` patterns, and any word of four letters or more of one of ``names`` (the
    staff roster) that is not one of :data:`COMMON_WORDS`. Empty when the text may be shown.

    A screen for text that is published as written (citizens' notes, the public page); a file
    that is shared goes through :func:`mask` instead, which rewrites what it finds.
    """
    found = []
    plain = _DATES_AND_TIMES.sub(" ", text)
    for pattern, what in SCREENED:
        for match in pattern.finditer(plain):
            found.append(f"{what}: '{match.group(0)}'")
    words = {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", text)}
    for name in names:
        parts = [
            p for p in re.findall(r"[A-Za-z]{4,}", str(name)) if p.casefold() not in COMMON_WORDS
        ]
        hits = [p for p in parts if p.casefold() in words]
        if hits:
            found.append(f"nama pegawai: '{' '.join(hits)}'")
    return found


def mask_nip(nip: object) -> str:
    """An NIP with all but its last four digits hidden: ``**************2875``."""
    text = re.sub(r"[ .]", "", str(nip))
    return "*" * max(len(text) - 4, 0) + text[-4:]


def _name_pattern(names: Iterable[str]) -> re.Pattern | None:
    words = set()
    for name in names:
        if not isinstance(name, str) or len(name.strip()) < 3:
            continue
        parts = [re.escape(p) for p in re.split(r"[\s_]+", name.strip()) if p]
        words.add(r"[\s_]+".join(parts))
    if not words:
        return None
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def mask_text(text: object, names: Iterable[str] = ()) -> object:
    """``text`` with NIPs/NIKs masked and ``names`` replaced by ``[nama]`` (non-text as is)."""
    if not isinstance(text, str):
        return text
    return _clean(text, _name_pattern(names))


def _clean(text: str, names: re.Pattern | None) -> str:
    text = EMAIL.sub("[email]", text)
    text = PHONE.sub("[telepon]", text)
    text = ID_IN_TEXT.sub(lambda m: mask_nip(m.group()), text)
    return names.sub(_NAME_PLACEHOLDER, text) if names is not None else text


@dataclass(frozen=True)
class Masked:
    """A table fit for sharing and what masking did to it (Indonesian notes)."""

    frame: pd.DataFrame
    catatan: list[str] = field(default_factory=list)


def _people(population: pd.DataFrame, person: str) -> pd.DataFrame:
    """Per person of ``population``: whether their position is shown, their unit is shown, or
    they are left out (rule 4), indexed by ``person``."""
    people = population.drop_duplicates(person).set_index(person)
    shown = pd.DataFrame(index=people.index)
    shown["jabatan"] = True
    shown["unit"] = True
    shown["suppressed"] = False
    if "unit" not in people.columns:
        return shown
    unit_size = people.groupby("unit", dropna=False)["unit"].transform("size")
    if "jabatan" in people.columns:
        group_size = people.groupby(["jabatan", "unit"], dropna=False)["unit"].transform("size")
        shown["jabatan"] = group_size >= MIN_GROUP
    shown["unit"] = shown["jabatan"] | (unit_size >= MIN_GROUP)
    if (~shown["unit"]).sum() < MIN_GROUP:
        shown["suppressed"] = ~shown["unit"]
    return shown


def _generalise(
    out: pd.DataFrame, keys: pd.Series, population: pd.DataFrame, person: str
) -> tuple[pd.DataFrame, list[str]]:
    """Rule 4 for person rows (``keys``: each row's person, unmasked), decided per person from
    ``population``; returns the table and notes. A person not in ``population`` is left out
    (nobody can say how small their group is)."""
    people = _people(population, person)
    known = keys.isin(people.index).to_numpy()
    status = people.reindex(keys)
    notes = []
    drop = ~known | status["suppressed"].fillna(True).to_numpy(dtype=bool)
    for column in ("jabatan", "unit"):
        if column not in out.columns:
            continue
        hide = ~status[column].fillna(False).to_numpy(dtype=bool) & ~drop
        if hide.any():
            out.loc[hide, column] = GENERALISED
            notes.append(
                f"{'Jabatan' if column == 'jabatan' else 'Unit'} yang dipegang kurang dari "
                f"{MIN_GROUP} orang ditulis '{GENERALISED}' ({int(hide.sum())} baris)."
            )
    if drop.any():
        out = out[~drop]
        notes.append(
            f"{int(drop.sum())} baris pegawai dari kelompok kurang dari {MIN_GROUP} orang "
            "tidak dicantumkan (terlalu mudah dikenali)."
        )
    return out, notes


def _small_units(out: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Rule 4 for rows that summarise a unit (a ``jumlah_pegawai`` column)."""
    small = pd.to_numeric(out["jumlah_pegawai"], errors="coerce").fillna(0) < MIN_GROUP
    if not small.any():
        return out, []
    note = (
        f"{int(small.sum())} unit dengan kurang dari {MIN_GROUP} pegawai tidak dicantumkan "
        "(angkanya akan menunjuk orangnya)."
    )
    return out[~small], [note]


def mask(
    frame: pd.DataFrame,
    *,
    names: Iterable[str] = (),
    population: pd.DataFrame | None = None,
    person: str = "nip",
) -> Masked:
    """``frame`` fit for sharing, by the four rules of the module docstring.

    ``names`` are the people's names that may appear in free text (the roster's ``nama`` is
    added when ``population`` has it); ``population`` is who the groups are counted among
    (the office roster, with ``jabatan`` and ``unit``); ``person`` the column that identifies
    a person. The index is kept for the rows that remain.
    """
    out = frame.drop(columns=[c for c in IDENTIFYING_COLUMNS if c in frame.columns]).copy()
    known = list(names)
    if population is not None and "nama" in population.columns:
        known += population["nama"].dropna().astype(str).tolist()
    pattern = _name_pattern(known)
    for column in out.columns:
        if column == person:
            out[column] = out[column].map(lambda v: v if pd.isna(v) else mask_nip(v))
        elif column not in GROUP_COLUMNS and _is_text(out[column]):
            out[column] = out[column].map(lambda v: _clean(v, pattern) if isinstance(v, str) else v)
    notes: list[str] = []
    if person in frame.columns:
        people = frame if population is None else population
        people = people.assign(**{person: people[person].astype(str)})
        out, notes = _generalise(out, frame[person].astype(str), people, person)
    elif "jumlah_pegawai" in out.columns:
        out, notes = _small_units(out)
    return Masked(out, notes)


def _is_text(series: pd.Series) -> bool:
    return series.dtype == object or pd.api.types.is_string_dtype(series.dtype)
