"""``workbench competency``: competency needs, plans and the JP ledger from the terminal."""

from __future__ import annotations

from pathlib import Path

from workbench import course
from workbench import formatting as fmt


def register(sub) -> None:
    p = sub.add_parser(
        "competency",
        help="kebutuhan kompetensi, prioritas pengembangan dan catatan JP kantor",
        description=(
            "Hitung kesenjangan kompetensi setiap pegawai terhadap standar jabatan, daftar "
            "prioritas pengembangan unit (dinaikkan oleh hasil SKM) dan capaian JP terhadap "
            "hak minimal per tahun, dari data contoh dan berkas yang diubah pelatih di "
            "var/kompetensi/. Unduhan Excel disamarkan kecuali --tanpa-samaran."
        ),
    )
    p.add_argument("--tahun", type=int, metavar="TAHUN", help="tahun catatan JP (bawaan: terbaru)")
    p.add_argument("--unit", metavar="UNIT", help="hanya pegawai unit ini")
    p.add_argument("--jabatan", metavar="JABATAN", help="hanya pegawai dengan jabatan ini")
    p.add_argument("--rencana", type=Path, metavar="BERKAS", help="tulis rencana individu (.xlsx)")
    p.add_argument("--ringkasan", type=Path, metavar="BERKAS", help="tulis ringkasan unit (.xlsx)")
    p.add_argument(
        "--tanpa-samaran",
        action="store_true",
        help="tulis NIP lengkap dan nama di berkas Excel (jangan dibagikan)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    view = course.overview(year=args.tahun).subset(unit=args.unit, jabatan=args.jabatan)
    masked = not args.tanpa_samaran
    if view.pegawai.empty:
        print("Tidak ada pegawai dengan unit/jabatan itu.")
        return 1
    short = view.priorities[view.priorities["pegawai_kurang"] > 0].head(10)
    print(f"Prioritas pengembangan ({fmt.count(len(view.pegawai))} pegawai):")
    for r in short.itertuples():
        line = (
            f"{r.peringkat:>3}. {r.kompetensi}: {r.pegawai_kurang} pegawai di bawah standar, "
            f"skor {fmt.number(r.skor_prioritas, decimals=None)}"
        )
        if r.alasan_skm:
            line += f" ({r.alasan_skm}; tanpa SKM peringkat {r.peringkat_tanpa_skm})"
        print(line)
    behind = int((~view.ledger["memenuhi"]).sum())
    print(f"\nJP {view.year}: {behind} dari {len(view.ledger)} pegawai belum mencapai hak minimal.")
    for note in view.catatan:
        print(f"Catatan: {note}")
    if args.rencana is not None:
        view.export_plans(args.rencana, masked=masked)
        print(f"Rencana individu ditulis ke {args.rencana}")
    if args.ringkasan is not None:
        view.export_unit_summary(args.ringkasan, masked=masked)
        print(f"Ringkasan unit ditulis ke {args.ringkasan}")
    return 0
