"""Asking the learner who they are, once per workspace, when ``workbench lab`` starts.

Separate from the command modules so the questions can be tested with scripted answers
(``ask_identity(answers=iter([...]))``) and reused by ``mulai.py``'s path, which runs the
same ``workbench lab``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator

from workbench import config, identity
from workbench.errors import WorkbenchError

__all__ = ["ask_identity", "ask_learner_name"]

_TRIES = 3


def _reader(answers: Iterator[str] | None) -> Callable[[str], str]:
    if answers is None:
        return input

    def scripted(prompt: str) -> str:
        print(prompt, end="")
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    return scripted


def ask_identity(*, answers: Iterator[str] | None = None) -> identity.LearnerIdentity | None:
    """Ask for the learner's NIP (and name, without a roster) unless the workspace knows it.

    Returns the identity in use, or None when the learner skipped (submissions then go under
    the computer's account, which is said). Nothing is asked on JupyterHub (the account is the
    learner's own) or without a terminal to answer in.
    """
    if os.environ.get("JUPYTERHUB_USER"):
        return None
    known = identity.read_identity()
    if known is not None:
        print(
            f"Peserta ruang kerja ini: {known.nama} (NIP {known.masked()}). Bukan Anda? "
            "Ubah dengan 'workbench workspace identity --nip NIP --nama NAMA'.",
            flush=True,
        )
        return known
    if answers is None and not sys.stdin.isatty():
        return None
    read = _reader(answers)
    roster = identity.roster_names()
    print(
        "Tugas bernilai (nbgrader) Anda kirim atas NIP Anda. Ketik NIP Anda (18 angka), cukup "
        "sekali untuk ruang kerja ini; Enter saja untuk melewati."
    )
    try:
        chosen = _ask_nip_and_name(read, roster)
    except EOFError:
        chosen = None
    if chosen is None:
        print(
            "Dilewati: tugas yang Anda kirim tercatat atas nama akun komputer ini. Isi kapan "
            "saja dengan 'workbench workspace identity --nip NIP --nama NAMA'.",
            flush=True,
        )
        return None
    saved = identity.save_identity(*chosen)
    settings = config.get_settings()
    if not settings.learner_name:
        config.save_learner_name(saved.nama, settings=settings)  # progress under this name
    print(f"Tersimpan: {saved.nama} (NIP {saved.masked()}).", flush=True)
    return saved


def _ask_nip_and_name(read: Callable[[str], str], roster: dict[str, str]) -> tuple[str, str] | None:
    for _ in range(_TRIES):
        text = read("NIP: ").strip()
        if not text:
            return None
        try:
            nip = identity.clean_nip(text)
        except WorkbenchError as exc:
            print(exc.message)
            continue
        if roster and nip not in roster:
            print("NIP itu tidak ada di daftar peserta kelas di komputer ini. Periksa lagi.")
            continue
        if roster:
            answer = read(f"Nama: {roster[nip]}. Benar? [Y/t] ").strip().lower()
            if answer in ("", "y", "ya"):
                return nip, roster[nip]
            continue
        name = read("Nama lengkap: ").strip()
        if name:
            return nip, name
    return None


def ask_learner_name(*, answers: Iterator[str] | None = None) -> None:
    """Ask once for the learner's name when the computer's user name is not a person's
    ("root", "User" on a shared laptop), so progress greets and records them by name."""
    if (answers is None and not sys.stdin.isatty()) or not config.needs_learner_name():
        return
    read = _reader(answers)
    print(
        "Nama pengguna komputer ini bukan nama orang. Ketik nama Anda untuk catatan kemajuan "
        "latihan (cukup sekali; Enter saja untuk melewati):"
    )
    try:
        name = read("Nama: ").strip()
    except EOFError:
        return
    if name:
        path = config.save_learner_name(name)
        print(f"Tersimpan di {path} ([learner] name).", flush=True)
