"""``workbench data``: regenerate the shipped datasets from their recorded seeds."""

from __future__ import annotations

from pathlib import Path

from workbench.data import dataset_names, generate_all


def register(sub) -> None:
    p = sub.add_parser(
        "data",
        help="kelola dataset contoh (layanan, SKM, pegawai, ...)",
        description="Kelola dataset contoh yang dipakai modul pelatihan.",
    )
    actions = p.add_subparsers(title="perintah", metavar="PERINTAH", parser_class=type(p))
    g = actions.add_parser(
        "generate",
        help="buat ulang berkas CSV dataset dari seed yang tercatat",
        description="Buat ulang berkas CSV dataset contoh dari seed yang tercatat. Hasilnya sama "
        "persis byte demi byte dengan berkas yang dikirim bersama kursus.",
    )
    g.add_argument(
        "--folder",
        type=Path,
        default=None,
        help="folder tujuan (bawaan: folder data di pengaturan, notebooks/data)",
    )
    g.add_argument(
        "--dataset",
        action="append",
        choices=dataset_names(),
        metavar="NAMA",
        help="hanya dataset ini (boleh diulang); pilihan: " + ", ".join(dataset_names()),
    )
    g.set_defaults(func=run_generate)
    p.set_defaults(func=lambda args: (p.print_help(), 0)[1])


def run_generate(args) -> int:
    written = generate_all(data_dir=args.folder, names=args.dataset)
    for path in written:
        print(f"Ditulis: {path}")
    print(f"Selesai: {len(written)} berkas.")
    return 0
