"""``workbench workspace``: the learner's workspace (sync with the course, status, reset)."""

from __future__ import annotations

from pathlib import Path

from workbench import identity, workspace
from workbench.errors import WorkbenchError
from workbench.menus import RELOAD_FROM_DISK


def register(sub) -> None:
    p = sub.add_parser(
        "workspace",
        help="ruang kerja peserta: perbarui dari kursus, lihat status, kembalikan satu modul",
        description=(
            "Ruang kerja adalah salinan modul milik peserta (bawaan: var/ruang-kerja). "
            "'make lab' membukanya dan memperbaruinya dari kursus setiap kali mulai, tanpa "
            "menimpa modul yang sudah Anda ubah."
        ),
    )
    actions = p.add_subparsers(title="tindakan", metavar="TINDAKAN", required=True)

    a = actions.add_parser(
        "sync",
        help="perbarui ruang kerja dari kursus (modul baru muncul, modul yang Anda ubah tetap)",
    )
    a.set_defaults(func=_sync)

    a = actions.add_parser("status", help="keadaan setiap berkas kursus di ruang kerja")
    a.set_defaults(func=_status)

    a = actions.add_parser(
        "reset",
        help="kembalikan satu modul ke versi kursus (salinan Anda disimpan di cadangan/)",
        description=(
            "Kembalikan satu modul ke versi kursus. Salinan Anda dipindahkan lebih dulu ke "
            "folder cadangan/ di ruang kerja, dengan tanggal dan jam di namanya."
        ),
    )
    a.add_argument(
        "modul", metavar="MODUL", help="nomor atau nama modul, misalnya 02 atau 02-data-layanan"
    )
    a.set_defaults(func=_reset)

    a = actions.add_parser(
        "backup",
        help="cadangkan pekerjaan Anda (semua yang Anda ubah atau buat, dan progres) ke satu zip",
        description=(
            "Buat satu berkas zip berisi semua berkas ruang kerja yang Anda ubah atau buat, "
            "beserta catatan progres latihan. Modul yang belum Anda ubah tidak ikut (selalu bisa "
            "diambil lagi dari kursus). Zip ditulis ke folder cadangan/ di ruang kerja, atau ke "
            "folder --ke (misalnya flashdisk)."
        ),
    )
    a.add_argument("--ke", dest="to", type=Path, metavar="FOLDER", help="folder tujuan zip")
    a.set_defaults(func=_backup)

    a = actions.add_parser(
        "identity",
        help="peserta ruang kerja ini (NIP dan nama): tampilkan atau ubah",
        description=(
            "Tugas nbgrader yang dikirim dari ruang kerja ini tercatat atas NIP peserta ini, dan "
            "daftar tugas terkirim hanya menampilkan kirimannya. Tanpa opsi: tampilkan peserta "
            "sekarang. Dengan --nip dan --nama: ubah (berlaku saat JupyterLab dimulai lagi)."
        ),
    )
    a.add_argument("--nip", help="NIP peserta, 18 angka")
    a.add_argument("--nama", help="nama lengkap peserta")
    a.set_defaults(func=_identity)


def _sync(args) -> int:
    print(workspace.sync().summary())
    return 0


def _status(args) -> int:
    rows = workspace.status()
    width = max((len(name) for name, _ in rows), default=0)
    for name, state in rows:
        print(f"{name:<{width}}  {state}")
    return 0


def _reset(args) -> int:
    path, backup = workspace.reset(args.modul)
    if backup is not None:
        print(f"Salinan Anda disimpan sebagai {backup}.")
    print(
        f"{path} kembali ke versi kursus. Bila sedang terbuka di JupyterLab, "
        f"muat ulang berkasnya (menu {RELOAD_FROM_DISK})."
    )
    return 0


def _backup(args) -> int:
    print(workspace.backup(to=args.to))
    return 0


def _identity(args) -> int:
    if args.nip or args.nama:
        if not (args.nip and args.nama):
            raise WorkbenchError("Isi keduanya: --nip NIP --nama NAMA.")
        saved = identity.save_identity(args.nip, args.nama)
        print(f"Peserta ruang kerja ini sekarang: {saved.nama} (NIP {saved.nip}).")
        return 0
    known = identity.read_identity()
    if known is None:
        print(
            "Belum ada peserta untuk ruang kerja ini: tugas dikirim atas nama akun komputer. "
            "Isi dengan 'workbench workspace identity --nip NIP --nama NAMA'."
        )
    else:
        print(f"Peserta ruang kerja ini: {known.nama} (NIP {known.nip}).")
    return 0
