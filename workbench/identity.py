"""Who works in this workspace: the learner's NIP and name, chosen once, carried on submissions.

On a laptop every learner's JupyterLab runs as the same computer account (``root``, ``User``),
and nbgrader files a submission under that account and lists every submission the account
ever made. The learner's identity is therefore chosen once per workspace (``make lab`` asks;
``workbench workspace identity`` changes it) and kept in the workspace as ``.peserta.json``
(hidden in JupyterLab's file browser): the NIP from the class roster and the name.

The learner's lab gives nbgrader that NIP as ``CourseDirectory.student_id``
(``jupyter/peran/peserta/nbgrader_config.py`` reads :func:`nbgrader_settings`): submissions are
filed as ``<NIP>+<tugas>+<waktu>`` and the Assignment List shows only this NIP's submissions
(their times in WIB: the ``antarmuka`` lab extension shows nbgrader's UTC times that way).
JupyterHub needs none of this: there the account is the learner's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.config import Settings, get_settings
from workbench.data import nip as nip_rules
from workbench.errors import WorkbenchError
from workbench.storage import write_text

__all__ = [
    "IDENTITY_FILE",
    "LearnerIdentity",
    "clean_nip",
    "nbgrader_settings",
    "read_identity",
    "roster_names",
    "save_identity",
]

#: The identity file in the workspace (hidden: JupyterLab does not show dot files).
IDENTITY_FILE = ".peserta.json"


@dataclass(frozen=True)
class LearnerIdentity:
    """The learner of one workspace: an 18-digit NIP and a name."""

    nip: str
    nama: str

    def masked(self) -> str:
        """The NIP with only its last four digits, for screens others may see."""
        return "*" * 14 + self.nip[-4:]


def clean_nip(text: str) -> str:
    """An NIP typed with spaces, dots or dashes as its 18 digits; WorkbenchError otherwise."""
    nip = nip_rules.clean_nip(text)
    if not nip_rules.is_nip(nip):
        raise WorkbenchError(
            f"NIP '{text}' tidak sah: NIP terdiri atas 18 angka (boleh ditulis dengan spasi), "
            "misalnya 198001012005011001."
        )
    return nip


def _path(settings: Settings | None) -> Path:
    return Path((settings or get_settings()).workspace_dir) / IDENTITY_FILE


def read_identity(*, settings: Settings | None = None) -> LearnerIdentity | None:
    """The identity chosen for the workspace, or None when none was chosen (or it is unreadable:
    the learner is then simply asked again)."""
    path = _path(settings)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return LearnerIdentity(clean_nip(raw["nip"]), " ".join(str(raw["nama"]).split()))
    except (OSError, ValueError, KeyError, TypeError, WorkbenchError):
        return None


def save_identity(nip: str, nama: str, *, settings: Settings | None = None) -> LearnerIdentity:
    """Keep ``nip`` and ``nama`` as the workspace's learner (atomically); returns the identity."""
    identity = LearnerIdentity(clean_nip(nip), " ".join(str(nama).split()))
    if not identity.nama:
        raise WorkbenchError("Nama peserta tidak boleh kosong.")
    payload = {
        "nip": identity.nip,
        "nama": identity.nama,
        "keterangan": "Peserta ruang kerja ini; tugas nbgrader dikirim atas NIP ini.",
    }
    path = _path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    return identity


def roster_names(*, settings: Settings | None = None) -> dict[str, str]:
    """NIP -> name of the class roster in this installation's gradebook (empty when there is
    none: a learner's own laptop usually has no gradebook)."""
    from workbench.storage import connect_sqlite

    settings = settings or get_settings()
    path = Path(settings.state_dir) / "gradebook.db"
    if not path.is_file():
        return {}
    try:
        con = connect_sqlite(path, what="gradebook", readonly=True)
    except WorkbenchError:
        return {}
    try:
        rows = con.execute("SELECT id, first_name, last_name FROM student ORDER BY id").fetchall()
    except Exception:  # an older or foreign gradebook without the table: no roster
        return {}
    finally:
        con.close()
    names = {}
    for row in rows:
        name = " ".join(f"{row['first_name'] or ''} {row['last_name'] or ''}".split())
        if nip_rules.is_nip(str(row["id"])):
            names[str(row["id"])] = name
    return names


def nbgrader_settings(*, settings: Settings | None = None) -> dict[str, dict[str, Any]]:
    """What the learner's lab tells nbgrader: the student id, once one is chosen.

    Submission times stay nbgrader's own (UTC, what the trainer's collect reads); the
    Assignment List shows them in WIB (the ``antarmuka`` lab extension rewrites them).
    """
    identity = read_identity(settings=settings)
    if identity is None:
        return {}
    return {"CourseDirectory": {"student_id": identity.nip}}
