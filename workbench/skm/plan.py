"""The follow-up plan (rencana tindak lanjut) that the office publishes with its SKM result.

A plan is a table with one row per action: ``unsur`` (element code), ``masalah`` (the problem
found), ``tindakan`` (the action), ``penanggung_jawab`` (person in charge), ``tenggat``
(deadline, a date in WIB) and ``status`` (``belum dimulai``, ``berjalan`` or ``selesai``).
:func:`draft_plan` pre-fills the problems from the improvement priorities; the office completes
the rest and tracks the status. Plans are saved as CSV files under ``<state_dir>/skm/``, written
atomically (temporary file, then rename) through :mod:`workbench.office` (text that Excel would
run as a formula is saved with a leading ``'`` and read back as typed), so a crash never leaves
half a plan; a save can be tied to the version that was opened (:func:`plan_version`), and the
check and the write are one step under the plan's file lock, so that two people editing the
same plan at once are told instead of one silently overwriting the other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench import office
from workbench.config import Settings, get_settings
from workbench.data import validate
from workbench.data.dates import EXAMPLES, parse_date
from workbench.data.schema import RENCANA_TINDAK_LANJUT, STATUS_TINDAK_LANJUT
from workbench.errors import Problem, WorkbenchError
from workbench.skm.core import IkmResult, priorities
from workbench.storage import locked

__all__ = [
    "PLAN_COLUMNS",
    "PLAN_STATUSES",
    "describe_plan_problem",
    "draft_plan",
    "empty_plan",
    "load_plan",
    "plan_counts",
    "plan_path",
    "plan_progress",
    "plan_version",
    "save_plan",
    "validate_plan",
]

PLAN_COLUMNS: tuple[str, ...] = (
    "unsur",
    "masalah",
    "tindakan",
    "penanggung_jawab",
    "tenggat",
    "status",
)
PLAN_STATUSES: tuple[str, ...] = STATUS_TINDAK_LANJUT
DEFAULT_NAME = "rencana-tindak-lanjut"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


def empty_plan() -> pd.DataFrame:
    """A plan with the standard columns and no rows."""
    return pd.DataFrame(
        {
            "unsur": pd.Series(dtype="string"),
            "masalah": pd.Series(dtype="string"),
            "tindakan": pd.Series(dtype="string"),
            "penanggung_jawab": pd.Series(dtype="string"),
            "tenggat": pd.Series(dtype="datetime64[s]"),
            "status": pd.Series(dtype="string"),
        }
    )


def draft_plan(
    source: IkmResult | pd.DataFrame,
    *,
    jumlah: int = 3,
    tenggat: dt.date | str | None = None,
) -> pd.DataFrame:
    """A draft plan for the ``jumlah`` highest-priority elements that need action.

    ``source`` is an :class:`IkmResult`, a priorities table from
    :func:`~workbench.skm.core.priorities`, or raw answers. The problem is written out from the
    numbers; action and person in charge are left empty for the office to fill in, the status is
    ``belum dimulai``.
    """
    if isinstance(source, pd.DataFrame) and "peringkat" in source.columns:
        table = source
    else:
        table = priorities(source)
    table = table[table["perlu_tindakan"]].head(jumlah)
    problems = [
        f"{row.unsur} {row.nama_unsur}: nilai {fmt.number(row.nilai, 2)} (mutu {row.mutu}), "
        f"{fmt.number(row.selisih, 2)} poin di bawah batas mutu {row.target_mutu}; "
        f"{fmt.percent(row.persen_skor_rendah / 100, 0)} responden memberi skor 1–2."
        for row in table.itertuples()
    ]
    n = len(table)
    if not n:
        return empty_plan()
    deadline = _parse_date(tenggat)
    if deadline is _INVALID:
        raise WorkbenchError(f"Tenggat {tenggat!r} bukan tanggal; tulis misalnya {EXAMPLES}.")
    plan = pd.DataFrame(
        {
            "unsur": pd.array(table["unsur"].tolist(), dtype="string"),
            "masalah": pd.array(problems, dtype="string"),
            "tindakan": pd.array([""] * n, dtype="string"),
            "penanggung_jawab": pd.array([""] * n, dtype="string"),
            "tenggat": pd.Series([deadline or pd.NaT] * n, dtype="datetime64[s]"),
            "status": pd.array(["belum dimulai"] * n, dtype="string"),
        }
    )
    return plan


def validate_plan(plan: pd.DataFrame) -> pd.DataFrame:
    """Check a plan against :data:`~workbench.data.schema.RENCANA_TINDAK_LANJUT` and return it
    with standard types (text as ``string``, empty text as ``""``, ``tenggat`` a naive
    midnight in WIB, read day first).

    Raises one :class:`WorkbenchError` listing every row with an unknown element code, an empty
    problem, an unknown status or a deadline that is not a date.
    """
    if not isinstance(plan, pd.DataFrame):
        raise WorkbenchError("Rencana tindak lanjut harus berupa tabel (DataFrame).")
    missing = [c for c in PLAN_COLUMNS if c not in plan.columns]
    if missing:
        raise WorkbenchError(
            "Rencana tindak lanjut kurang kolom: " + ", ".join(missing) + ".",
            [Problem("kolom tidak ada", column=c) for c in missing],
        )
    raw = pd.DataFrame(index=range(len(plan)))
    for column in _TEXT_COLUMNS:
        text = plan[column].astype("string").str.strip().reset_index(drop=True)
        raw[column] = text.where(text != "")
    raw["tenggat"] = [_date_cell(v) for v in plan["tenggat"].tolist()]
    try:
        checked = validate(raw, RENCANA_TINDAK_LANJUT)
    except WorkbenchError as exc:
        raise WorkbenchError(
            f"Rencana tindak lanjut berisi {len(exc.problems)} masalah; "
            "perbaiki baris-baris ini lalu simpan lagi.",
            exc.problems,
        ) from exc
    out = pd.DataFrame(index=range(len(plan)))
    for column in PLAN_COLUMNS:
        if column == "tenggat":
            out[column] = checked[column].dt.tz_localize(None).astype("datetime64[s]")
        else:
            out[column] = checked[column].astype("string").fillna("")
    return out


_TEXT_COLUMNS = ("unsur", "masalah", "tindakan", "penanggung_jawab", "status")


def _date_cell(raw: object) -> object:
    """A deadline cell for the schema: dates as they are, text stripped, empty as missing."""
    if isinstance(raw, str):
        return raw.strip() or None
    if raw is pd.NaT or (isinstance(raw, float) and raw != raw):
        return None
    return raw


_INVALID = object()


def _parse_date(raw: object) -> object:
    """A naive midnight Timestamp, None for an empty cell, or ``_INVALID``.

    Read by the workbench's one date reader (:func:`workbench.data.dates.parse_date`): day
    first as Indonesians write dates, so ``05/02/2025`` is 5 February, never 2 May.
    """
    if raw is None or raw is pd.NaT or (isinstance(raw, float) and raw != raw):
        return None
    if isinstance(raw, str) and not raw.strip():
        return None
    try:
        return pd.Timestamp(parse_date(raw))
    except WorkbenchError:
        return _INVALID


def plan_path(nama: str = DEFAULT_NAME, *, settings: Settings | None = None) -> Path:
    """The file a plan named ``nama`` is saved to, under the state folder."""
    if not isinstance(nama, str) or not _NAME.match(nama):
        raise WorkbenchError(
            f"Nama rencana {nama!r} tidak sah: pakai huruf, angka, '-', '_' atau '.' saja "
            "(misalnya 'rtl-2025')."
        )
    settings = settings or get_settings()
    return settings.state_dir / "skm" / f"{nama}.csv"


def plan_version(nama: str = DEFAULT_NAME, *, settings: Settings | None = None) -> str:
    """A fingerprint of the saved plan's file ("" when none is saved yet).

    Pass it back to :func:`save_plan` as ``versi`` so that a save made from a plan opened
    earlier cannot silently overwrite what a colleague saved in the meantime.
    """
    path = plan_path(nama, settings=settings)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def save_plan(
    plan: pd.DataFrame,
    *,
    nama: str = DEFAULT_NAME,
    settings: Settings | None = None,
    versi: str | None = None,
) -> Path:
    """Validate and save a plan atomically; returns the file it was written to.

    With ``versi`` (from :func:`plan_version` when the plan was opened) the save is refused
    when the file has changed since, so two people editing at once never lose each other's
    work without a word; without it the file is simply replaced. The check and the write are
    one step under the plan's lock (:func:`workbench.storage.locked`), so two saves at the
    same moment cannot both pass the check. A write the system refuses (disk full, read-only
    folder) raises :class:`WorkbenchError`; the saved plan then stays as it was.
    """
    clean = validate_plan(plan)
    path = plan_path(nama, settings=settings)
    table = clean.assign(tenggat=clean["tenggat"].dt.strftime("%Y-%m-%d"))
    # Check and write are one step under the plan's lock: between a colleague's check and
    # write nobody else can save, so "saved" always means saved.
    with locked(path):
        if versi is not None and plan_version(nama, settings=settings) != versi:
            raise WorkbenchError(
                f"Rencana '{nama}' sudah diubah dan disimpan orang lain sejak Anda membukanya. "
                "Muat ulang rencananya, lalu ulangi perubahan Anda; tidak ada yang ditimpa."
            )
        office.write_csv(path, table, excel=False, bom=True)
    return path


def load_plan(nama: str = DEFAULT_NAME, *, settings: Settings | None = None) -> pd.DataFrame:
    """The saved plan named ``nama``, or an empty plan when none was saved yet."""
    path = plan_path(nama, settings=settings)
    if not path.is_file():
        return empty_plan()
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, pd.errors.ParserError) as exc:
        raise WorkbenchError(f"Rencana tindak lanjut {path} tidak bisa dibaca: {exc}.") from exc
    raw = raw.map(office.original_text)  # text saved as '=... reads back as typed
    try:
        return validate_plan(raw)
    except WorkbenchError as exc:
        raise WorkbenchError(
            f"Berkas rencana {path} rusak atau diubah dengan tangan: {exc.message}",
            [
                Problem(
                    p.message,
                    file=str(path),
                    row=p.row,
                    column=p.column,
                    value=p.value,
                    expected=p.expected,
                )
                for p in exc.problems
            ],
        ) from exc


def plan_progress(plan: pd.DataFrame, *, hari_ini: dt.date | None = None) -> pd.DataFrame:
    """The plan with a ``terlambat`` column: past its deadline (WIB) and not finished."""
    clean = validate_plan(plan)
    today = pd.Timestamp(hari_ini or dt.datetime.now(get_settings().tz).date())
    late = clean["tenggat"].notna() & (clean["tenggat"] < today) & (clean["status"] != "selesai")
    return clean.assign(terlambat=late.to_numpy())


def plan_counts(plan: pd.DataFrame, *, hari_ini: dt.date | None = None) -> dict[str, int]:
    """How many actions the plan has (``jumlah``), how many are finished (``selesai``) and
    how many are past their deadline unfinished (``terlambat``, as :func:`plan_progress`)."""
    progress = plan_progress(plan, hari_ini=hari_ini)
    return {
        "jumlah": len(progress),
        "selesai": int((progress["status"] == "selesai").sum()),
        "terlambat": int(progress["terlambat"].sum()),
    }


def describe_plan_problem(problem: Problem) -> str:
    """A plan problem as the editor shows it: the action by its place in the plan
    ("Tindakan ke-2", the row under the header), the column, what is wrong and what to write."""
    where = f"Tindakan ke-{problem.row - 1}" if problem.row else "Rencana"
    text = where + (f", kolom {problem.column}" if problem.column else "") + f": {problem.message}"
    return text + (f" (seharusnya {problem.expected})" if problem.expected else "")
