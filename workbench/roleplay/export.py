"""The workshop as an Excel file a facilitator keeps: named after the workshop and its date.

Sheets: the workshop (each setting in its own row, numbers as numbers), each round's
leaderboard, what each team changed, every plan ever submitted, the queue over the day and the
waiting-time distributions. Every sheet names the round the same way (``ronde``: its number,
``judul_ronde``: its title), numbers are rounded to what a person reads (one decimal, two for
officer-hours) and times are in office time (WIB).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from workbench.config import get_settings
from workbench.office import write_excel
from workbench.roleplay.scoring import KPIS

__all__ = ["export_excel", "export_name"]

#: Decimals kept per column in the Excel file (others: one decimal).
DECIMALS = {"biaya": 2, "biaya_rencana": 2, "biaya_bawah": 2, "biaya_atas": 2, "porsi": 1}


def _slug(text: str) -> str:
    """``"Pelatihan Februari (Asemrowo)"`` -> ``"pelatihan-februari-asemrowo"``."""
    slug = re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or "lokakarya"


def export_name(ws) -> str:
    """``lokakarya-<name>-<YYYY-MM-DD>.xlsx``: the workshop's date, else today in office time."""
    day = ws.date or pd.Timestamp.now(tz=get_settings().tz).date().isoformat()
    name = _slug(ws.name)
    prefix = "" if name.startswith("lokakarya") else "lokakarya-"
    return f"{prefix}{name}-{day}.xlsx"


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(DECIMALS.get(column, 1))
    return out


def _info(ws) -> pd.DataFrame:
    """One row per setting; each value keeps its type (the budget a number, the seed a whole
    number, the date a date)."""
    rows = [
        ("Lokakarya", ws.name),
        ("Tanggal", pd.Timestamp(ws.date).date() if ws.date else None),
        ("Kartu skenario", f"{ws.card.name} ({ws.card_name})"),
        ("Tim", ", ".join(ws.teams)),
        ("Anggaran (jam-petugas)", float(ws.budget_hours)),
        ("Seed", int(ws.seed)),
        ("Replikasi", int(ws.replications)),
        ("Peringkat menurut", KPIS[ws.rank_by][0]),
        ("Cara peringkat", ws.rank_explanation()),
        ("Dibuat", pd.Timestamp(ws.created_at)),
    ]
    return pd.DataFrame(
        {"keterangan": [k for k, _ in rows], "nilai": pd.Series([v for _, v in rows], dtype=object)}
    )


def _per_round(ws, method: str) -> pd.DataFrame:
    frames = []
    for r in ws.rounds():
        frame = getattr(ws, method)(round=r.number).copy()
        frame.insert(0, "judul_ronde", r.title)
        frame.insert(0, "ronde", r.number)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def export_excel(ws, path: str | Path) -> Path:
    """Write workshop ``ws`` to the Excel file ``path``; returns the path."""
    sheets = {
        "Lokakarya": _info(ws),
        "Papan skor": _per_round(ws, "leaderboard"),
        "Perubahan rencana": _per_round(ws, "changes"),
        "Semua kiriman": ws.submissions(),
        "Antrean per 15 menit": _per_round(ws, "queue_over_day"),
        "Distribusi tunggu": _per_round(ws, "wait_distribution"),
    }
    return write_excel(path, {name: _rounded(frame) for name, frame in sheets.items()})
