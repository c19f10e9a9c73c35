"""Each learner's progress: which questions passed, how many tries, hints used.

Progress lives under the settings' state folder, one JSON file per learner
(``<state>/progres/<peserta>.json``), written atomically (temporary file, then rename) under
an operating-system file lock, so a crash never leaves half a file and two notebooks checking
at once never lose each other's attempts. A check whose attempt could not be saved says so
under its verdict. The learner is named by the JupyterHub user when the workbench runs on a
hub (``JUPYTERHUB_USER``), else by the operating-system user of the laptop.

A trainer collects everyone's files with :func:`progress_frame` / :func:`export_progress`
(or ``workbench progress --export hasil.xlsx``).

Every entry carries a seal (``segel``): an HMAC of the learner, module, question and the
entry's values. Only :meth:`ProgressStore.record`, called by a check, writes a valid seal, so
an entry edited by hand in the JSON file (``"status": "benar"`` typed in) reads back as
``"tidak sah"`` and never counts as correct; the next real check starts that question again.
A file copied from a friend counts nothing for the learner who copied it (the name sealed
inside is the friend's), while a trainer may rename collected files freely.
The key is a constant in this source, the same on every install, so this is tamper
*evidence* against casual edits, not protection against a learner who reads the source code.
Progress is a learning record, not an exam; graded work goes through nbgrader (``exercises/``).
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import html
import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from workbench import office
from workbench.config import Settings, get_settings
from workbench.data.dates import parse_stamps
from workbench.errors import WorkbenchError, os_reason
from workbench.practice.core import Outcome
from workbench.storage import locked, write_text

__all__ = [
    "COLUMNS",
    "TAMPERED",
    "ProgressReport",
    "ProgressStore",
    "export_progress",
    "learner_id",
    "learner_name",
    "progress_frame",
]

#: Columns of the progress table, one row per learner, module and question.
COLUMNS = [
    "peserta",
    "modul",
    "soal",
    "status",
    "percobaan",
    "petunjuk_dipakai",
    "solusi_dilihat",
    "benar_pada",
    "terakhir",
]

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")

#: Status of an entry whose seal does not match (edited outside a check).
TAMPERED = "tidak sah"
#: Entry fields covered by the seal.
_SEALED = COLUMNS[3:]
_SEAL_KEY = b"asn-workbench/progres-latihan/segel/v1"


def _seal(learner: str, module: str, question: str, entry: dict[str, Any]) -> str:
    payload = json.dumps(
        [learner, module, question, [entry.get(k) for k in _SEALED]],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hmac.new(_SEAL_KEY, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _fresh_entry() -> dict[str, Any]:
    return {
        "status": Outcome.NOT_ATTEMPTED.value,
        "percobaan": 0,
        "petunjuk_dipakai": 0,
        "solusi_dilihat": False,
        "benar_pada": None,
        "terakhir": None,
    }


def _clean_name(name: str) -> str:
    return _SAFE.sub("_", name).strip("._") or "peserta"


def learner_id(settings: Settings | None = None) -> str:
    """Who is learning, as a file name: the JupyterHub user on a hub, else the name set in the
    settings (``[learner] name``, for shared laptops all logged in as "User"), else the
    computer's user name (``Siti Rahayu`` becomes ``Siti_Rahayu``)."""
    return _clean_name(learner_name(settings))


def learner_name(settings: Settings | None = None) -> str:
    """Who is learning, as they are called: the same choice as :func:`learner_id`, written as
    given (``Siti Rahayu``), for greetings and headlines."""
    name = os.environ.get("JUPYTERHUB_USER") or (settings or get_settings()).learner_name or ""
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no user database entry (some containers)
            name = "peserta"
    return " ".join(name.split()) or "peserta"


def _now(settings: Settings) -> str:
    return datetime.now(settings.tz).isoformat(timespec="seconds")


class ProgressStore:
    """The progress file of one learner; every change is written atomically at once."""

    def __init__(self, learner: str | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        # A name given by hand (CLI --learner) is cleaned the same way: no path tricks.
        self.learner = _clean_name(learner) if learner else learner_id(self.settings)
        #: The learner as they are called in headlines ("Siti Rahayu", not "Siti_Rahayu").
        self.display_name = " ".join(learner.split()) if learner else learner_name(self.settings)
        self.folder = self.settings.state_dir / "progres"
        self.path = self.folder / f"{self.learner}.json"

    def load(self) -> dict[str, Any]:
        """The stored progress (empty when the learner has not checked anything yet)."""
        return _read(self.path, self.learner)

    def record(
        self,
        module: str,
        question: str,
        event: str,
        outcome: Outcome | None = None,
        *,
        hints: int | None = None,
    ) -> None:
        """Note a check, a hint or a look at the solution for one question.

        Read, change and write happen under the learner's file lock
        (:func:`workbench.storage.locked`), so two notebooks open at once (modules 02 and 03
        side by side) never lose each other's progress, and a kernel killed mid-write leaves
        no lock behind. When the progress cannot be saved (disk full, read-only folder, a
        damaged progress file) this raises :class:`WorkbenchError` saying so, never a bare
        ``OSError``: the check shows the learner that this attempt was not recorded.
        """
        try:
            with locked(self.path):
                self._record(module, question, event, outcome, hints=hints)
        except OSError as exc:
            raise WorkbenchError(
                f"Berkas progres {self.path} {os_reason(exc)}. Jawaban ini belum tercatat."
            ) from exc

    def _record(
        self,
        module: str,
        question: str,
        event: str,
        outcome: Outcome | None,
        *,
        hints: int | None,
    ) -> None:
        data = self.load()
        questions = data["modul"].setdefault(module, {})
        entry = questions.get(question)
        if entry is None or entry.get("status") == TAMPERED:
            entry = questions[question] = _fresh_entry()  # a hand-edited entry starts over
        now = _now(self.settings)
        if event == "check":
            if outcome is None or outcome is Outcome.NOT_ATTEMPTED:
                return  # nothing was tried: no file write, no attempt counted
            entry["percobaan"] += 1
            entry["status"] = (
                Outcome.CORRECT.value
                if entry["benar_pada"] and outcome is not Outcome.CORRECT
                else outcome.value
            )
            if outcome is Outcome.CORRECT and not entry["benar_pada"]:
                entry["benar_pada"] = now
        elif event == "hint":
            entry["petunjuk_dipakai"] = max(entry["petunjuk_dipakai"], int(hints or 0))
        elif event == "solution":
            entry["solusi_dilihat"] = True
        else:
            raise ValueError(f"unknown progress event {event!r}")
        entry["terakhir"] = now
        entry["segel"] = _seal(self.learner, module, question, entry)
        self._write(data)

    def frame(self) -> pd.DataFrame:
        """This learner's progress as a table (columns :data:`COLUMNS`)."""
        return _to_frame([self.load()])

    def _write(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        write_text(self.path, text)


def _read(path: Path, learner: str, *, owner: bool = True) -> dict[str, Any]:
    """A progress file with every entry's seal checked.

    The seals are made with the learner name written inside the file. When ``owner`` (the
    learner reading their own file), that name must be theirs: a friend's file copied under
    my name counts nothing for me. A trainer reading a folder of collected files
    (``owner=False``) sees each file under the name inside it, so files renamed to avoid a
    clash (two laptops whose user is "User") keep their progress.
    """
    if not path.is_file():
        return {"peserta": learner, "modul": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise WorkbenchError(
            f"Berkas progres {path} rusak dan tidak bisa dibaca ({exc}). Pindahkan atau hapus "
            "berkas itu; progres baru akan dicatat dari awal."
        ) from exc
    except OSError as exc:
        raise WorkbenchError(f"Berkas progres {path} {os_reason(exc)}.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("modul"), dict):
        raise WorkbenchError(f"Berkas progres {path} tidak berformat progres workbench.")
    inside = data.get("peserta")
    inside = inside if isinstance(inside, str) and inside else learner
    sealed_by = inside if not owner or inside == learner else None
    modules = {}
    for module, questions in data["modul"].items():
        if not isinstance(questions, dict):
            raise WorkbenchError(f"Berkas progres {path} tidak berformat progres workbench.")
        modules[str(module)] = {
            str(q): _verified(sealed_by, str(module), str(q), entry)
            for q, entry in questions.items()
        }
    data["peserta"] = learner if owner else inside
    data["modul"] = modules
    return data


def _verified(learner: str | None, module: str, question: str, entry: Any) -> dict[str, Any]:
    """The entry as stored when its seal matches; else a "tidak sah" entry that counts nothing.

    ``learner`` None means the file is not this learner's: nothing in it is valid.
    """
    if learner is not None and isinstance(entry, dict):
        seal = entry.get("segel")
        if isinstance(seal, str) and hmac.compare_digest(
            seal, _seal(learner, module, question, entry)
        ):
            return entry
    flagged = _fresh_entry()
    flagged["status"] = TAMPERED
    if isinstance(entry, dict) and isinstance(entry.get("terakhir"), str):
        flagged["terakhir"] = entry["terakhir"]
    return flagged


def _to_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    rows = []
    for data in records:
        for module, questions in sorted(data["modul"].items()):
            for question, entry in sorted(questions.items(), key=lambda kv: _qkey(kv[0])):
                rows.append(
                    {
                        "peserta": data["peserta"],
                        "modul": module,
                        "soal": question,
                        **{k: entry.get(k) for k in COLUMNS[3:]},
                    }
                )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype(
        {"percobaan": "int64", "petunjuk_dipakai": "int64", "solusi_dilihat": "bool"}
    )


def _qkey(name: str) -> tuple[int, str]:
    digits = "".join(ch for ch in name if ch.isdigit())
    return (int(digits) if digits else 0, name)


def progress_frame(*, settings: Settings | None = None, learner: str | None = None) -> pd.DataFrame:
    """Everyone's progress (or one ``learner``'s) as one table, for the trainer."""
    settings = settings or get_settings()
    folder = settings.state_dir / "progres"
    if learner is not None:
        return ProgressStore(learner, settings=settings).frame()
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    return _to_frame([_read(f, f.stem, owner=False) for f in files])


def export_progress(
    path: str | os.PathLike, *, masked: bool = False, settings: Settings | None = None
) -> Path:
    """Write everyone's progress to ``path`` (``.csv`` with ``;`` for Excel, or ``.xlsx``).

    The file has one row per learner, module and question, plus (in Excel) a summary sheet
    with the number of questions answered correctly per learner and module. The moments
    ``benar_pada`` and ``terakhir`` are date-times in office time (Excel dates in ``.xlsx``,
    ``2025-01-06 08:15:00`` in the CSV). It is written
    through :mod:`workbench.office`: learner names and module ids from collected files stay
    text (never a live formula), numbers stay numbers; a refused write is a
    :class:`WorkbenchError`.

    By default the file names the learners: it is the trainer's list for following up who is
    behind. ``masked=True`` makes a file to share beyond the trainer through the one masking
    function, :func:`workbench.data.privacy.mask`: each learner becomes a code (``P01``,
    ``P02``, ... in a random order, new at every export, so no one can read the class list
    back from the codes), names written inside text are replaced, and an Excel file gets a
    ``keterangan`` sheet saying so.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise WorkbenchError(f"Format {target.name} tidak didukung: pakai akhiran .csv atau .xlsx.")
    frame = progress_frame(settings=settings)
    moments = {column: parse_stamps(frame[column]) for column in ("benar_pada", "terakhir")}
    shown = frame.assign(**moments)  # real date-times in the file (office time), not ISO text
    sheets = {"ringkasan": summarise(frame), "rincian": shown}
    if masked:
        sheets = _masked(sheets, frame["peserta"])
    if suffix == ".csv":
        return office.write_csv(target, sheets["rincian"])
    return office.write_excel(target, sheets)


#: What a masked progress file says about itself (its ``keterangan`` sheet).
MASKED_NOTE = (
    "Nama peserta diganti kode (P01, P02, ...) dengan urutan acak yang berbeda di setiap "
    "ekspor; nama yang tertulis di dalam teks disamarkan. Berkas ini boleh dibagikan; "
    "daftar bernama dibuat tanpa --samarkan dan disimpan pelatih saja (UU 27/2022)."
)


def _masked(sheets: dict[str, pd.DataFrame], learners: pd.Series) -> dict[str, pd.DataFrame]:
    """Every sheet through :func:`~workbench.data.privacy.mask`, each learner as a code."""
    import secrets

    from workbench.data.privacy import mask

    names = sorted(set(learners.astype(str)))
    # A shuffled order (not alphabetical, which a reader of the class list could undo);
    # secrets, not a seeded generator: the point is that nobody can reproduce it.
    order = secrets.SystemRandom().sample(names, len(names))
    width = max(2, len(str(len(order))))
    codes = {name: f"P{i:0{width}d}" for i, name in enumerate(order, start=1)}
    out = {}
    for title, sheet in sheets.items():
        coded = sheet.copy()
        coded.insert(0, "kode_peserta", coded["peserta"].astype(str).map(codes))
        coded = coded.sort_values("kode_peserta", kind="stable")
        out[title] = mask(coded, names=names).frame.reset_index(drop=True)
    notes = pd.DataFrame({"keterangan": [MASKED_NOTE]})
    return {"keterangan": notes, **out}


def summarise(frame: pd.DataFrame) -> pd.DataFrame:
    """Per learner and module: questions tried, correct, hints used, solutions seen."""
    if frame.empty:
        return pd.DataFrame(
            columns=[
                "peserta",
                "modul",
                "soal_dicoba",
                "soal_benar",
                "petunjuk_dipakai",
                "solusi_dilihat",
                "catatan_tidak_sah",
            ]
        )
    grouped = frame.assign(
        benar=frame["status"].eq(Outcome.CORRECT.value),
        dicoba=frame["percobaan"].gt(0),
        tidak_sah=frame["status"].eq(TAMPERED),
    )
    return grouped.groupby(["peserta", "modul"], as_index=False).agg(
        soal_dicoba=("dicoba", "sum"),
        soal_benar=("benar", "sum"),
        petunjuk_dipakai=("petunjuk_dipakai", "sum"),
        solusi_dilihat=("solusi_dilihat", "sum"),
        catatan_tidak_sah=("tidak_sah", "sum"),
    )


_ICONS = {
    "benar": "✅ benar",
    "salah": "❌ belum tepat",
    "belum dikerjakan": "⬜ belum",
    TAMPERED: "⚠️ tidak sah (diubah di luar notebook; periksa ulang soal ini)",
}


class ProgressReport:
    """The progress cell of a module: one row per question, with a one-line summary."""

    def __init__(
        self, module: str, questions: list[str], frame: pd.DataFrame, learner: str
    ) -> None:
        self.module, self.learner = module, learner
        rows = frame.set_index("soal") if not frame.empty else frame
        table = []
        for q in questions:
            entry = rows.loc[q] if q in getattr(rows, "index", []) else None
            table.append(
                {
                    "soal": q,
                    "status": entry["status"] if entry is not None else "belum dikerjakan",
                    "percobaan": int(entry["percobaan"]) if entry is not None else 0,
                    "petunjuk_dipakai": int(entry["petunjuk_dipakai"]) if entry is not None else 0,
                    "solusi_dilihat": bool(entry["solusi_dilihat"]) if entry is not None else False,
                }
            )
        self.table = pd.DataFrame(
            table, columns=["soal", "status", "percobaan", "petunjuk_dipakai", "solusi_dilihat"]
        )
        self.correct = int(self.table["status"].eq("benar").sum())
        self.total = len(questions)

    @property
    def headline(self) -> str:
        """One line: how many questions of this module are done."""
        if self.total == 0:
            return f"Modul {self.module} tidak punya soal latihan."
        if self.correct == self.total:
            return (
                f"Selamat, {self.learner}! Semua {self.total} soal modul {self.module} sudah benar."
            )
        return (
            f"{self.learner}: {self.correct} dari {self.total} soal modul {self.module} "
            "sudah benar. Soal yang belum bisa dicoba lagi kapan saja."
        )

    def __str__(self) -> str:
        return self.headline + "\n" + self.table.to_string(index=False)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(r.soal)}</td><td>{_ICONS.get(r.status, r.status)}</td>"
            f"<td>{r.percobaan}</td><td>{r.petunjuk_dipakai}</td>"
            f"<td>{'ya' if r.solusi_dilihat else 'tidak'}</td></tr>"
            for r in self.table.itertuples()
        )
        return (
            f"<div class='workbench-progress'><p><b>{html.escape(self.headline)}</b></p>"
            "<table><thead><tr><th>soal</th><th>status</th><th>percobaan</th>"
            "<th>petunjuk dipakai</th><th>solusi dilihat</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )
