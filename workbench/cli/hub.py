"""``workbench hub``: the shared JupyterHub server, from a trainer's or IT officer's terminal."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from workbench import formatting as fmt
from workbench import hubclass


def register(sub) -> None:
    p = sub.add_parser(
        "hub",
        help="JupyterHub bersama: siapkan server satu kelas sebelum kelas dimulai",
        description="Perintah untuk JupyterHub ASN Workbench (server bersama).",
    )
    actions = p.add_subparsers(title="tindakan", metavar="TINDAKAN", required=True)
    a = actions.add_parser(
        "prepare-class",
        help="mulai server semua peserta satu kelas sebelum kelas dimulai, bergiliran",
        description=(
            "Menyiapkan kelas: server setiap peserta di daftar dimulai sebelum jam mulai, "
            "bergiliran (paling banyak --parallel sekaligus) agar server tidak kewalahan, lalu "
            "dijaga tetap aktif sampai kelas dimulai. Peserta yang masuk langsung mendapat "
            "server yang siap. Server peserta yang tidak datang dihentikan idle culler satu "
            "batas waktu menganggur setelah jam mulai (bawaan satu jam). Jalankan dari terminal "
            "JupyterLab akun pelatih di hub (izinnya sudah diatur), atau sebagai staf TI dengan "
            "--hub-url dan token admin di WORKBENCH_HUB_API_TOKEN. Perintah ini berjalan sampai "
            "jam mulai kelas."
        ),
        epilog="Contoh: workbench hub prepare-class --roster peserta.xlsx --start 08:00",
    )
    who = a.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--roster",
        type=Path,
        metavar="BERKAS",
        help="daftar peserta .xlsx atau .csv dengan kolom 'akun' (nama masuk di hub)",
    )
    who.add_argument("--accounts", nargs="+", metavar="AKUN", help="nama akun peserta di hub")
    a.add_argument(
        "--start",
        default="sekarang",
        metavar="JJ:MM",
        help="jam mulai kelas hari ini, WIB (misalnya 08:00); bawaan: sekarang",
    )
    a.add_argument(
        "--parallel",
        type=int,
        metavar="N",
        help="server yang dimulai bersamaan (bawaan: separuh jumlah inti prosesor)",
    )
    a.add_argument(
        "--lead",
        type=float,
        metavar="MENIT",
        help="mulai menyiapkan sekian menit sebelum kelas (bawaan: dihitung dari jumlah peserta)",
    )
    a.add_argument(
        "--hub-url",
        metavar="URL",
        help="alamat hub, misalnya http://127.0.0.1:8000 (bawaan: hub tempat terminal ini)",
    )
    a.set_defaults(func=prepare_class)


def prepare_class(args) -> int:
    names = args.accounts or hubclass.read_roster(args.roster)
    start = hubclass.class_start(args.start)
    hub = hubclass.hub_from_environment(args.hub_url)
    lead = timedelta(minutes=args.lead) if args.lead is not None else None
    table = hubclass.prepare_class(names, start=start, hub=hub, parallel=args.parallel, lead=lead)
    shown = table.assign(
        siap=table["siap"].map(fmt.clock),
        detik_mulai=table["detik_mulai"].map(fmt.number),
    )
    print()
    print(shown.rename(columns=fmt.label).to_string(index=False))
    ready = int(table["status"].isin(["siap", "sudah berjalan"]).sum())
    print(f"\n{fmt.count(ready)} dari {fmt.count(len(table))} server siap untuk kelas.")
    return 0 if ready == len(table) else 1
