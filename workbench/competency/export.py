"""Excel exports of development plans and the unit summary, with a masked mode for sharing.

Everything is written through :func:`workbench.office.write_excel`, so names, plan text and
activity titles stay text (never formulas) and numbers stay numbers. Every figure can be traced
to its input: the plan sheet sits next to the gaps it answers (with ``rincian``, how each
level was combined from its sources) and the JP sheet next to the activities it sums. A
``keterangan`` sheet says how each column was computed.

Personal data (UU 27/2022): with ``masked=True`` NIPs keep only their last four digits
(``**************2875``, as module 05 teaches) and names are left out; share that file.
Names appear only in the unmasked individual plans, where a person needs to find their own.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench.config import Settings, get_settings
from workbench.office import write_excel

__all__ = ["export_plans", "export_unit_summary", "mask_nip", "masked"]


def mask_nip(nip: object) -> str:
    """An NIP with all but its last four digits hidden: ``**************2875``."""
    text = str(nip)
    return "*" * max(len(text) - 4, 0) + text[-4:]


def masked(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy fit for sharing: ``nip`` masked, ``nama`` left out."""
    out = frame.drop(columns=[c for c in ("nama",) if c in frame.columns])
    if "nip" in out.columns:
        out = out.assign(nip=out["nip"].map(mask_nip))
    return out


def _with_names(frame: pd.DataFrame, pegawai: pd.DataFrame | None) -> pd.DataFrame:
    if pegawai is None or "nama" in frame.columns or "nip" not in frame.columns:
        return frame
    names = pegawai.set_index("nip")["nama"]
    out = frame.copy()
    out.insert(1, "nama", out["nip"].map(names))
    return out


def _notes(kind: str, is_masked: bool, settings: Settings) -> pd.DataFrame:
    now = pd.Timestamp.now(tz=settings.tz)
    rows = [
        ("dibuat", fmt.timestamp(now)),
        ("kantor", settings.office_name),
        ("isi", kind),
        ("data pribadi", "NIP disamarkan, nama tidak dicantumkan (boleh dibagikan)"
         if is_masked else "NIP dan nama lengkap: simpan untuk yang berhak saja (UU 27/2022)"),
        ("kesenjangan", "dibutuhkan − dimiliki; negatif = di atas standar; kosong = belum "
         "dinilai. Kolom rincian: level setiap sumber × bobotnya (bobot_sumber.csv)."),
        ("kecocokan", "100 × Σ min(dimiliki, dibutuhkan) / Σ dibutuhkan, atas kompetensi yang "
         "sudah dinilai; kategori dari kategori_kecocokan.csv."),
        ("skor_kebutuhan", "jumlah kesenjangan positif di unit (pegawai_kurang × "
         "rata_kesenjangan); skor_prioritas = skor_kebutuhan × faktor_skm."),
        ("jp", f"jumlah JP kegiatan pada tahun itu (lembar kegiatan); kurang = "
         f"{settings.jp_per_year} JP − jp, paling kecil 0."),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["hal", "keterangan"])


def export_plans(
    path: str | os.PathLike,
    *,
    plans: pd.DataFrame,
    gaps: pd.DataFrame,
    ledger: pd.DataFrame | None = None,
    activities: pd.DataFrame | None = None,
    pegawai: pd.DataFrame | None = None,
    masked_mode: bool = False,
    settings: Settings | None = None,
) -> Path:
    """Individual development plans to ``path`` (.xlsx): sheets ``keterangan``, ``rencana``,
    ``kesenjangan`` and, when given, ``jp`` and ``kegiatan``. With ``pegawai`` the unmasked
    file names each person; ``masked_mode`` masks NIPs and leaves names out."""
    settings = settings or get_settings()
    sheets = {
        "keterangan": _notes("rencana pengembangan individu", masked_mode, settings),
        "rencana": plans,
        "kesenjangan": gaps,
    }
    if ledger is not None:
        sheets["jp"] = ledger
    if activities is not None:
        sheets["kegiatan"] = activities
    return _write(path, sheets, pegawai, masked_mode)


def export_unit_summary(
    path: str | os.PathLike,
    *,
    priorities: pd.DataFrame,
    match: pd.DataFrame,
    ledger: pd.DataFrame,
    jp_units: pd.DataFrame,
    gaps: pd.DataFrame | None = None,
    masked_mode: bool = True,
    settings: Settings | None = None,
) -> Path:
    """The unit summary to ``path`` (.xlsx): priority list with the SKM reasons, JP per unit,
    job match, JP per person and, when given, the gaps the priorities were counted from.
    Masked by default: a summary is for sharing."""
    settings = settings or get_settings()
    sheets = {
        "keterangan": _notes("ringkasan unit: prioritas, kecocokan, JP", masked_mode, settings),
        "prioritas": priorities,
        "jp_per_unit": jp_units,
        "kecocokan": match,
        "jp_per_pegawai": ledger,
    }
    if gaps is not None:
        sheets["kesenjangan"] = gaps
    return _write(path, sheets, None, masked_mode)


def _write(path, sheets: dict[str, pd.DataFrame], pegawai, is_masked: bool) -> Path:
    ready = {}
    for name, frame in sheets.items():
        if name != "keterangan":
            frame = masked(frame) if is_masked else _with_names(frame, pegawai)
        ready[name] = frame
    return write_excel(Path(path), ready)
