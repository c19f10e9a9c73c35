"""Excel exports of development plans and the unit summary, with a masked mode for sharing.

Everything is written through :func:`workbench.office.write_excel`, so names, plan text and
activity titles stay text (never formulas) and numbers stay numbers. Every figure can be traced
to its input: the plan sheet sits next to the gaps it answers (with ``rincian``, how each
level was combined from its sources) and the JP sheet next to the activities it sums. A
``keterangan`` sheet says how each column was computed.

Personal data (UU 27/2022): a masked file (``masked_mode=True``) goes through the one masking
function, :func:`workbench.data.privacy.mask`: NIPs keep only their last four digits
(``**************2875``, as module 05 teaches), names are left out and masked inside free text
(the ``bukti`` of an activity), and a position or unit held by fewer than three people is
generalised or left out; the ``keterangan`` sheet says what was changed. Share that file.
Names appear only in the unmasked individual plans, where a person needs to find their own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt
from workbench.config import Settings, get_settings
from workbench.data.privacy import mask
from workbench.office import write_excel

__all__ = ["export_plans", "export_unit_summary"]


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
        ("data pribadi", "NIP disamarkan, nama tidak dicantumkan, kelompok kecil digabung "
         "(boleh dibagikan)" if is_masked
         else "NIP dan nama lengkap: simpan untuk yang berhak saja (UU 27/2022)"),
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
    names: Iterable[str] = (),
    settings: Settings | None = None,
) -> Path:
    """Individual development plans to ``path`` (.xlsx): sheets ``keterangan``, ``rencana``,
    ``kesenjangan`` and, when given, ``jp`` and ``kegiatan``. With ``pegawai`` the unmasked
    file names each person; ``masked_mode`` masks every sheet with
    :func:`workbench.data.privacy.mask` (groups counted in ``pegawai``; ``names`` are other
    names that may appear in free text, such as learners' names in ``bukti``)."""
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
    return _write(path, sheets, pegawai, masked_mode, names)


def export_unit_summary(
    path: str | os.PathLike,
    *,
    priorities: pd.DataFrame,
    match: pd.DataFrame,
    ledger: pd.DataFrame,
    jp_units: pd.DataFrame,
    gaps: pd.DataFrame | None = None,
    pegawai: pd.DataFrame | None = None,
    masked_mode: bool = True,
    names: Iterable[str] = (),
    settings: Settings | None = None,
) -> Path:
    """The unit summary to ``path`` (.xlsx): priority list with the SKM reasons, JP per unit,
    job match, JP per person and, when given, the gaps the priorities were counted from.
    Masked by default (a summary is for sharing), as :func:`export_plans` masks."""
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
    return _write(path, sheets, pegawai if masked_mode else None, masked_mode, names)


def _write(path, sheets: dict[str, pd.DataFrame], pegawai, is_masked: bool, names) -> Path:
    ready, notes = {}, []
    for name, frame in sheets.items():
        if name == "keterangan":
            ready[name] = frame
        elif is_masked:
            done = mask(frame, names=names, population=pegawai)
            ready[name] = done.frame
            notes += [f"{name}: {note}" for note in done.catatan]
        else:
            ready[name] = _with_names(frame, pegawai)
    if notes:
        extra = pd.DataFrame({"hal": "samaran", "keterangan": notes})
        ready["keterangan"] = pd.concat([ready["keterangan"], extra], ignore_index=True)
    return write_excel(Path(path), ready)
