"""Citizens' forum notes: written by staff, reviewed, and only then shown to the public.

A note from a forum warga, a community meeting or module 12 is added by staff with the status
"menunggu tinjauan". A reviewer reads it, may rewrite it (removing a name or a phone number),
and approves or rejects it; only approved notes ever reach the public page. Approval is
refused while :func:`~workbench.data.privacy.privacy_problems` still finds something personal
in the text (a NIK/NIP or other long number, a phone number, an e-mail address, a name after
Pak/Bu/Ibu/Bapak, or a name from the staff roster: the patterns are
:mod:`workbench.data.privacy`'s, the one definition the masked exports use too), so a careless
click cannot publish it.

Notes live in one CSV file, ``<state>/evaluasi/catatan-warga.csv``, changed under its file lock
(read, check, write in one step) and written through :mod:`workbench.office` (text stays text).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import office
from workbench.config import Settings, get_settings
from workbench.data import read_csv, validate
from workbench.data.evaluasi import CATATAN_WARGA
from workbench.data.privacy import privacy_problems
from workbench.data.schema import UNSUR_SKM
from workbench.errors import WorkbenchError
from workbench.storage import locked

__all__ = ["NotesStore", "privacy_problems", "public_notes"]

#: Longest note a staff member may write (characters).
MAX_NOTE = 600


class NotesStore:
    """The office's citizens' notes (see the module docstring)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        settings: Settings | None = None,
        names: tuple[str, ...] = (),
    ) -> None:
        self.settings = settings or get_settings()
        #: People's names that must never appear in an approved note (the staff roster).
        self.names = tuple(names)
        self.path = (
            Path(path) if path else self.settings.state_dir / "evaluasi" / ("catatan-warga.csv")
        )

    def load(self) -> pd.DataFrame:
        """Every note (a :data:`CATATAN_WARGA` table); empty when none was written yet."""
        if not self.path.is_file():
            return CATATAN_WARGA.empty()
        frame = read_csv(self.path, CATATAN_WARGA, as_text=True)
        for column in ("isi", "sumber", "unsur"):
            frame[column] = frame[column].map(
                lambda v: office.original_text(v) if isinstance(v, str) else v
            )
        return validate(frame.reset_index(drop=True), CATATAN_WARGA, file=self.path.name)

    def _save(self, frame: pd.DataFrame) -> None:
        office.write_csv(self.path, frame, excel=True)

    def add(
        self, *, tanggal: dt.date | str, sumber: str, isi: str, unsur: str | None = None
    ) -> str:
        """Record a note as "menunggu tinjauan"; returns its code (``FW-YYYYMMDD-N``)."""
        from workbench.data.calendar import as_date

        day = as_date(tanggal, "tanggal")
        text = " ".join(str(isi).split())
        if not text:
            raise WorkbenchError("Isi catatan kosong: tulis apa yang disampaikan warga.")
        if len(text) > MAX_NOTE:
            raise WorkbenchError(
                f"Catatan terlalu panjang ({len(text)} huruf); ringkas menjadi paling banyak "
                f"{MAX_NOTE} huruf."
            )
        if unsur and unsur not in UNSUR_SKM:
            raise WorkbenchError(f"Unsur '{unsur}' tidak dikenal; pilih U1 sampai U9 atau kosong.")
        with locked(self.path):
            notes = self.load()
            prefix = f"FW-{day:%Y%m%d}-"
            taken = notes["id_catatan"].astype(str).str.startswith(prefix).sum()
            code = f"{prefix}{taken + 1}"
            row = {
                "id_catatan": code,
                "tanggal": pd.Timestamp(day).tz_localize(self.settings.tz),
                "sumber": " ".join(str(sumber).split()) or "forum warga",
                "unsur": unsur or None,
                "isi": text,
                "status": "menunggu tinjauan",
                "ditinjau": pd.NaT,
            }
            self._save(_append(notes, row))
        return code

    def review(self, code: str, *, approve: bool, isi: str | None = None) -> None:
        """Approve (``approve=True``) or reject a note, optionally with its text rewritten.

        Approval is refused while the text still holds something personal (see
        :func:`privacy_problems`, with the staff roster's names when given to the store).
        """
        with locked(self.path):
            notes = self.load()
            where = notes.index[notes["id_catatan"] == code]
            if where.empty:
                raise WorkbenchError(f"Catatan '{code}' tidak ditemukan.")
            i = where[0]
            text = " ".join(str(isi if isi is not None else notes.at[i, "isi"]).split())
            problems = privacy_problems(text, self.names)
            if approve and problems:
                raise WorkbenchError(
                    "Catatan belum boleh tampil untuk publik: "
                    + "; ".join(problems)
                    + ". Ubah teksnya (hapus data pribadi) lalu setujui lagi."
                )
            notes.at[i, "isi"] = text
            notes.at[i, "status"] = "disetujui" if approve else "ditolak"
            notes.at[i, "ditinjau"] = pd.Timestamp.now(tz=self.settings.tz).floor("s")
            self._save(notes)


def _append(notes: pd.DataFrame, row: dict) -> pd.DataFrame:
    extra = pd.DataFrame(
        {name: pd.Series([row[name]], dtype=notes[name].dtype) for name in notes.columns}
    )
    return pd.concat([notes, extra], ignore_index=True) if len(notes) else extra


def public_notes(notes: pd.DataFrame, names: tuple[str, ...] = ()) -> pd.DataFrame:
    """The approved notes that still pass the privacy check, newest first (for the public)."""
    approved = notes[notes["status"] == "disetujui"]
    fine = [not privacy_problems(str(t), names) for t in approved["isi"]]
    clean = approved.loc[np.array(fine, dtype=bool)]
    return clean.sort_values("tanggal", ascending=False).reset_index(drop=True)
