"""``workbench lab`` and ``workbench dashboards``: start the servers as ``make`` does."""

from __future__ import annotations

import os
from pathlib import Path

from workbench import workspace
from workbench.cli import learner
from workbench.launch import (
    DEFAULT_CELL_TIMEOUT,
    DEFAULT_DASHBOARD_PORT,
    DEFAULT_LAB_PORT,
    dashboard_data_dir,
    dashboards_command,
    dashboards_folder,
    ensure_interface_language,
    kernel_pools,
    lab_command,
    machine_memory_mib,
    pool_summary,
    role_config_dir,
    run,
)


def _common(p, default_port: int) -> None:
    p.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT") or default_port),
        help=f"port (bawaan: PORT atau {default_port})",
    )
    p.add_argument(
        "--host",
        default=os.environ.get("HOST") or "127.0.0.1",
        help="alamat yang didengarkan (bawaan: HOST atau 127.0.0.1, hanya komputer ini)",
    )
    p.add_argument("--no-browser", action="store_true", help="jangan buka peramban")


def register(sub) -> None:
    p = sub.add_parser(
        "lab",
        help="jalankan JupyterLab pada ruang kerja peserta",
        description="Perbarui ruang kerja peserta dari kursus (tanpa menimpa modul yang sudah "
        "diubah), lalu jalankan JupyterLab di sana. Token tetap aktif (JUPYTER_TOKEN dipakai "
        "bila diisi).",
    )
    _common(p, DEFAULT_LAB_PORT)
    p.add_argument(
        "--trainer",
        action="store_true",
        help="mode pelatih: buka seluruh folder workbench (exercises/, grading/, notebooks/) "
        "untuk Formgrader dan penulisan modul; ruang kerja tidak disentuh",
    )
    p.add_argument("--root-dir", type=Path, help="folder akar lain (bawaan: ruang kerja)")
    p.set_defaults(func=_lab)

    p = sub.add_parser(
        "dashboards",
        help="sajikan dasbor dengan Voilà",
        description="Sajikan notebooks/dashboards/ dengan Voilà: kode disembunyikan, "
        "sel dibatasi waktunya, kernel disiapkan lebih dulu.",
    )
    _common(p, DEFAULT_DASHBOARD_PORT)
    p.add_argument("--dir", type=Path, help="folder dasbor (bawaan: notebooks/dashboards)")
    p.add_argument(
        "--cell-timeout",
        type=int,
        default=DEFAULT_CELL_TIMEOUT,
        help=f"batas waktu satu sel dalam detik (bawaan: {DEFAULT_CELL_TIMEOUT})",
    )
    p.add_argument("--no-preheat", action="store_true", help="jangan siapkan kernel lebih dulu")
    _room_sizes(p)
    p.set_defaults(func=_dashboards)


def _room_sizes(p) -> None:
    """The room a session is prepared for: a page everyone opens in the same minute gets one
    warm kernel per team or person, plus a spare; without a size, every page keeps one."""
    rooms = (
        ("--teams", "TIM", "jumlah tim lokakarya loket: halaman tim (04) disiapkan satu "
         "kernel per tim"),
        ("--triad-people", "BERTIGA", "jumlah orang latihan percakapan bertiga: halaman "
         "bertiga (07) disiapkan satu kernel per orang"),
        ("--respondents", "RESPONDEN", "jumlah orang yang mengisi kuesioner reaksi "
         "bersamaan: halaman kuesioner (09) disiapkan satu kernel per orang"),
    )  # fmt: skip
    for flag, variable, what in rooms:
        p.add_argument(
            flag,
            type=int,
            default=os.environ.get(variable) or "0",  # a string default goes through type=int
            metavar="N",
            help=f"{what} ditambah satu cadangan, agar semua bisa membuka halamannya "
            f"bersamaan (bawaan: {variable}, atau tidak disiapkan: satu kernel)",
        )


def _lab(args) -> int:
    if not args.trainer and args.root_dir is None:
        print(workspace.ensure().summary(), flush=True)
        if learner.ask_identity() is None:
            learner.ask_learner_name()
    ensure_interface_language()
    return run(
        lab_command(
            port=args.port,
            host=args.host,
            root_dir=args.root_dir,
            open_browser=False if args.no_browser else None,
            trainer=args.trainer,
        ),
        role=role_config_dir(trainer=args.trainer),
    )


def _dashboards(args) -> int:
    sizes = {
        "teams": args.teams,
        "triad_people": args.triad_people,
        "respondents": args.respondents,
    }
    if not args.no_preheat:
        pools = kernel_pools(dashboards_folder(args.dir), **sizes)
        print(pool_summary(pools, memory_mib=machine_memory_mib()), flush=True)
    return run(
        dashboards_command(
            port=args.port,
            host=args.host,
            directory=args.dir,
            cell_timeout=args.cell_timeout,
            preheat=not args.no_preheat,
            open_browser=False if args.no_browser else None,
            **sizes,
        ),
        data=dashboard_data_dir(),
    )
