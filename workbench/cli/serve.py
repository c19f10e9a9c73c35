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
    DEFAULT_TEAMS,
    dashboard_data_dir,
    dashboards_command,
    ensure_interface_language,
    lab_command,
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
    p.add_argument(
        "--teams",
        type=int,
        default=int(os.environ.get("TIM") or DEFAULT_TEAMS),
        help="jumlah tim lokakarya: halaman tim disiapkan satu kernel per tim ditambah satu "
        f"cadangan, agar semua tim bisa membuka halamannya bersamaan (bawaan: TIM atau "
        f"{DEFAULT_TEAMS})",
    )
    p.set_defaults(func=_dashboards)


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
    return run(
        dashboards_command(
            port=args.port,
            host=args.host,
            directory=args.dir,
            cell_timeout=args.cell_timeout,
            preheat=not args.no_preheat,
            teams=args.teams,
            open_browser=False if args.no_browser else None,
        ),
        data=dashboard_data_dir(),
    )
