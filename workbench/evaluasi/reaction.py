"""Level 1, reaction: the short questionnaire after every module, workshop and role play.

Six statements rated 1 (sangat tidak setuju) to 5 (sangat setuju) and one open question, the
same after every activity (:data:`~workbench.data.evaluasi.REAKSI_ITEMS`), so activities can be
compared. Answers are kept without names in what anyone reads.

Each questionnaire is stored under an activity code: the office's own (``PP-2025-05``, chosen on
the workshop page) or one the workbench gives: :func:`module_code` at the end of a module,
:func:`conversation_code` after a conversation played alone, :func:`session_code` on the triad
page of a conversation session (:mod:`workbench.course.evaluation` credits those to the office's
activities). Two stores, chosen by how answers arrive:

* :class:`ModuleReactions` -- one JSON file per learner
  (``<state>/evaluasi/reaksi/<peserta>.json``), written only by that learner's own notebook
  (one writer per file, under its file lock), as
  practice progress is;
* :class:`WorkshopReactions` -- one SQLite database (``<state>/evaluasi/reaksi.sqlite``) for a
  workshop page that a whole room submits at the same moment; each page holds a random code, so
  submitting again replaces that page's answer instead of counting twice.

:func:`reaction_summary` turns answers into what a trainer reads: per statement the mean with
its interval and the share agreeing (4 or 5), the number of answers and the response rate, and
"terlalu sedikit untuk disimpulkan" below five answers.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.config import Settings, get_settings
from workbench.data.evaluasi import REAKSI, REAKSI_ITEMS
from workbench.errors import WorkbenchError, os_reason
from workbench.evaluasi.stats import TOO_FEW, mean_interval
from workbench.storage import connect_sqlite, locked, sqlite_transaction, write_text

__all__ = [
    "OPEN_QUESTION",
    "SCALE",
    "ModuleReactions",
    "ReactionSummary",
    "WorkshopReactions",
    "check_answers",
    "conversation_code",
    "describe_code",
    "module_code",
    "reaction_summary",
    "respondent_code",
    "session_code",
]

#: The words of the 1–5 scale, as the form shows them.
SCALE: dict[int, str] = {
    1: "Sangat tidak setuju",
    2: "Tidak setuju",
    3: "Ragu-ragu",
    4: "Setuju",
    5: "Sangat setuju",
}
#: The open question.
OPEN_QUESTION = "Apa satu hal yang paling perlu diperbaiki dari kegiatan ini?"
#: Longest open answer kept (characters).
MAX_TEXT = 1000
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


# --- the activity codes of the workbench's own questionnaires ---------------------------------

#: Answers given at the end of a module: ``modul-02``.
MODULE_PREFIX = "modul-"
#: Answers given after a conversation played alone: ``percakapan-wa-tidak-dibalas``.
CONVERSATION_PREFIX = "percakapan-"
#: Answers given on a triad page of a conversation session: ``sesi-pelatihan-maret``.
SESSION_PREFIX = "sesi-"
_LONGEST_CODE = 40  # the id_kegiatan pattern of the evaluation's files
_SLUG = re.compile(r"[^a-z0-9]+")


def module_code(modul: str) -> str:
    """The activity code of module ``modul``'s questionnaire: ``modul-02``."""
    return f"{MODULE_PREFIX}{modul}"


def conversation_code(scenario: str) -> str:
    """The activity code of the questionnaire after playing ``scenario`` alone (one per
    scenario: a learner answering again after another play replaces their answer)."""
    return _code(CONVERSATION_PREFIX, scenario)


def session_code(name: str) -> str:
    """The activity code of a conversation session's questionnaire (one per session, every
    round of it): ``Pelatihan Maret`` -> ``sesi-pelatihan-maret``."""
    return _code(SESSION_PREFIX, name)


def _code(prefix: str, name: str) -> str:
    slug = _SLUG.sub("-", str(name).casefold()).strip("-") or "tanpa-nama"
    return prefix + slug[: _LONGEST_CODE - len(prefix)].rstrip("-")


def respondent_code(*parts: str) -> str:
    """A respondent code fixed by ``parts`` (session, group and name on a triad page), so one
    person answering again (after a later round, or after reloading the page) replaces their
    answer instead of counting twice. The code is not the name and the evaluation never shows
    it; it is not a secret from someone holding the conversation database either, which names
    the members of each group."""
    text = "\n".join(str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def describe_code(code: str) -> str:
    """What a questionnaire code stands for, for a reader: ``Modul 02``, ``Percakapan sendiri:
    wa-tidak-dibalas``, ``Sesi percakapan bertiga: pelatihan-maret``; an office code as is."""
    for prefix, label in (
        (MODULE_PREFIX, "Modul "),
        (CONVERSATION_PREFIX, "Percakapan sendiri: "),
        (SESSION_PREFIX, "Sesi percakapan bertiga: "),
    ):
        if code.startswith(prefix):
            return label + code.removeprefix(prefix)
    return code


def check_answers(answers: dict[str, object]) -> dict[str, object]:
    """The answers of one form as stored: each statement 1–5 or empty, the open answer trimmed.

    At least one statement must be rated; anything else (a 6, a word) is refused with an
    Indonesian message naming the statement.
    """
    clean: dict[str, object] = {}
    for code, statement in REAKSI_ITEMS.items():
        value = answers.get(code)
        if value is None or value == "":
            clean[code] = None
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, int | np.integer)
            or not (1 <= int(value) <= 5)
        ):
            raise WorkbenchError(f"Jawaban untuk '{statement}' harus angka 1–5, bukan {value!r}.")
        clean[code] = int(value)
    if all(clean[code] is None for code in REAKSI_ITEMS):
        raise WorkbenchError("Pilih jawaban untuk paling sedikit satu pernyataan.")
    text = str(answers.get("saran") or "").strip()
    clean["saran"] = text[:MAX_TEXT] or None
    return clean


def _now(settings: Settings) -> pd.Timestamp:
    return pd.Timestamp.now(tz=settings.tz).floor("s")


def _folder(settings: Settings) -> Path:
    return settings.state_dir / "evaluasi"


def _frame(rows: list[dict]) -> pd.DataFrame:
    """Answer rows as a :data:`REAKSI` table with its dtypes."""
    columns = REAKSI.names
    frame = pd.DataFrame(rows, columns=columns)
    tz = get_settings().tz
    frame["waktu"] = pd.Series(
        [pd.Timestamp(v).tz_convert(tz) if v is not None else pd.NaT for v in frame["waktu"]],
        dtype=f"datetime64[s, {tz}]",
        index=frame.index,
    )
    for code in REAKSI_ITEMS:
        frame[code] = frame[code].astype("Int64")
    for column in ("id_kegiatan", "responden", "saran"):
        frame[column] = frame[column].astype("str")
    return frame


class ModuleReactions:
    """Reactions to workbench modules: one file per learner, written by that learner only."""

    def __init__(self, *, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.folder = _folder(self.settings) / "reaksi"

    def path(self, learner: str) -> Path:
        """The learner's file (their name made safe for a file name)."""
        name = _SAFE.sub("_", learner).strip("._") or "peserta"
        return self.folder / f"{name}.json"

    def save(self, learner: str, kegiatan: str, answers: dict[str, object]) -> pd.Timestamp:
        """Store (or replace) ``learner``'s answers for ``kegiatan``; returns when it was saved."""
        clean = check_answers(answers)
        when = _now(self.settings)
        path = self.path(learner)
        try:
            with locked(path):
                data = self._read(path)
                data["jawaban"][kegiatan] = {"waktu": when.isoformat(), **clean}
                text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
                write_text(path, text)
        except OSError as exc:
            raise WorkbenchError(
                f"Jawaban belum tersimpan: berkas {path} {os_reason(exc)}."
            ) from exc
        return when

    def answered(self, learner: str, kegiatan: str) -> bool:
        """Whether ``learner`` already answered for ``kegiatan``."""
        return kegiatan in self._read(self.path(learner))["jawaban"]

    def _read(self, path: Path) -> dict:
        if not path.is_file():
            return {"jawaban": {}}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise WorkbenchError(
                f"Berkas jawaban reaksi {path} rusak ({exc}). Pindahkan berkas itu; jawaban "
                "berikutnya disimpan di berkas baru."
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("jawaban"), dict):
            raise WorkbenchError(f"Berkas {path} bukan berkas jawaban reaksi workbench.")
        return data

    def frame(self) -> pd.DataFrame:
        """Every learner's answers as a :data:`REAKSI` table; respondents are numbered, never
        named (R001, R002, ... per activity, in the order they answered)."""
        rows = []
        files = sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []
        for path in files:
            for kegiatan, answer in self._read(path)["jawaban"].items():
                rows.append({"id_kegiatan": kegiatan, "responden": None, **answer})
        frame = _frame(rows)
        return _number_respondents(frame)


def _number_respondents(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values(["id_kegiatan", "waktu"], kind="stable").reset_index(drop=True)
    order = frame.groupby("id_kegiatan").cumcount() + 1
    frame["responden"] = pd.array([f"R{i:03d}" for i in order], dtype="str")
    return frame


_TABLE = f"""
CREATE TABLE IF NOT EXISTS reaksi (
    id_kegiatan TEXT NOT NULL,
    responden TEXT NOT NULL,
    waktu TEXT NOT NULL,
    {", ".join(f"{code} INTEGER" for code in REAKSI_ITEMS)},
    saran TEXT,
    PRIMARY KEY (id_kegiatan, responden)
)
"""


class WorkshopReactions:
    """Reactions from a workshop page: one SQLite database, many submitting at once."""

    def __init__(self, path: Path | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.path = Path(path) if path else _folder(self.settings) / "reaksi.sqlite"

    @staticmethod
    def new_code() -> str:
        """A random code for one page (so a second submit replaces the first)."""
        return secrets.token_hex(8)

    def submit(self, kegiatan: str, code: str, answers: dict[str, object]) -> pd.Timestamp:
        """Store the answers of page ``code`` for ``kegiatan`` in one transaction."""
        clean = check_answers(answers)
        when = _now(self.settings)
        con = connect_sqlite(self.path, what="basis data reaksi lokakarya", create=True)
        try:
            con.execute(_TABLE)
            columns = ["id_kegiatan", "responden", "waktu", *REAKSI_ITEMS, "saran"]
            values = [
                kegiatan,
                code,
                when.isoformat(),
                *(clean[c] for c in REAKSI_ITEMS),
                clean["saran"],
            ]
            with sqlite_transaction(con):
                con.execute(
                    f"INSERT OR REPLACE INTO reaksi ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    values,
                )
        finally:
            con.close()
        return when

    def frame(self, kegiatan: str | None = None) -> pd.DataFrame:
        """The stored answers (of one activity) as a :data:`REAKSI` table, numbered R001..."""
        if not self.path.is_file():
            return _frame([])
        con = connect_sqlite(self.path, what="basis data reaksi lokakarya", readonly=True)
        try:
            exists = con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='reaksi'"
            ).fetchone()
            query = "SELECT * FROM reaksi" + (" WHERE id_kegiatan = ?" if kegiatan else "")
            rows = (
                [dict(r) for r in con.execute(query, (kegiatan,) if kegiatan else ())]
                if (exists)
                else []
            )
        finally:
            con.close()
        return _number_respondents(_frame(rows))


@dataclass(frozen=True)
class ReactionSummary:
    """What a trainer reads about the reaction to one activity (or a group of answers).

    ``butir`` has one row per statement: ``kode``, ``pernyataan``, ``jawaban``, ``rata``
    (1–5), ``bawah``/``atas`` (95% t interval, cut to the scale 1–5), ``persen_setuju``
    (share answering 4 or 5, 0–100). ``responden`` is the number of forms, ``peserta`` the
    participants (None when unknown), ``tingkat_respons`` their ratio (0–1). ``saran`` lists
    the open answers, for the trainer only. ``catatan`` says what a reader must know.
    """

    butir: pd.DataFrame
    responden: int
    peserta: int | None
    tingkat_respons: float | None
    rata_keseluruhan: float
    saran: tuple[str, ...] = ()
    catatan: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cukup(self) -> bool:
        """Enough answers to read the averages (five or more)."""
        return self.responden >= MIN_ANSWERS

    @property
    def kesimpulan(self) -> str:
        """One sentence: average agreement and response rate, or too few to conclude."""
        rate = (
            f", tingkat respons {fmt.percent(self.tingkat_respons, 0)} dari "
            f"{fmt.count(self.peserta)} peserta"
            if self.tingkat_respons is not None
            else ""
        )
        if not self.cukup:
            return f"{fmt.count(self.responden)} jawaban{rate}: {TOO_FEW}."
        return (
            f"Rata-rata kesetujuan {fmt.number(self.rata_keseluruhan, 2)} dari 5 "
            f"({fmt.count(self.responden)} jawaban{rate})."
        )


#: Fewest answers whose averages are read.
MIN_ANSWERS = 5


def reaction_summary(
    answers: pd.DataFrame, *, peserta: int | None = None, level: float = 0.95
) -> ReactionSummary:
    """Summarise reaction ``answers`` (a :data:`REAKSI` table, usually of one activity).

    ``peserta`` is the number of participants, for the response rate.
    """
    rows = []
    for code, statement in REAKSI_ITEMS.items():
        values = pd.to_numeric(answers[code], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
        est = mean_interval(values, level=level, min_n=MIN_ANSWERS)
        known = values[~np.isnan(values)]
        rows.append(
            {
                "kode": code,
                "pernyataan": statement,
                "jawaban": len(known),
                "rata": est.nilai,
                # A t interval knows nothing of the scale's ends: shown within 1–5.
                "bawah": max(est.bawah, 1.0) if not math.isnan(est.bawah) else est.bawah,
                "atas": min(est.atas, 5.0) if not math.isnan(est.atas) else est.atas,
                "persen_setuju": float((known >= 4).mean() * 100) if len(known) else math.nan,
            }
        )
    table = pd.DataFrame(rows)
    n = len(answers)
    rate = n / peserta if peserta else None
    notes = []
    if rate is not None and rate > 1:
        notes.append(
            f"Jawaban ({fmt.count(n)}) lebih banyak dari peserta ({fmt.count(peserta)}): "
            "periksa daftar peserta."
        )
    if n < MIN_ANSWERS:
        notes.append(
            f"Baru {fmt.count(n)} jawaban: {TOO_FEW} (perlu paling sedikit {MIN_ANSWERS})."
        )
    texts = (
        tuple(t for t in answers["saran"].dropna().astype(str).str.strip() if t)
        if "saran" in answers
        else ()
    )
    overall = float(np.nanmean(table["rata"])) if table["jawaban"].sum() else math.nan
    return ReactionSummary(table, n, peserta, rate, overall, texts, tuple(notes))
