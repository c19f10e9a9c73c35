"""``workbench progress``: learners' practice progress, shown or exported for the trainer.

The export names the learners by default: it is the trainer's list for following up who is
behind, the same names ``workbench progress`` prints. ``--samarkan`` makes the file to share
(with the camat, BKPSDM) through the one masking function, learners as random codes.
"""

from __future__ import annotations

from pathlib import Path

from workbench.practice.progress import export_progress, progress_frame, summarise


def register(sub) -> None:
    p = sub.add_parser(
        "progress",
        help="progres latihan peserta (ringkasan, atau ekspor ke Excel/CSV untuk pelatih)",
        description=(
            "Tampilkan ringkasan progres latihan semua peserta yang tercatat di folder state, "
            "atau ekspor rinciannya ke berkas .xlsx atau .csv."
        ),
    )
    p.add_argument(
        "--export",
        metavar="BERKAS",
        type=Path,
        help="tulis progres ke BERKAS (.xlsx: ringkasan dan rincian; .csv: rincian)",
    )
    p.add_argument(
        "--samarkan",
        action="store_true",
        help="untuk dibagikan: nama peserta diganti kode acak (P01, P02, ...); tanpa ini berkas "
        "memuat nama peserta, untuk pelatih saja",
    )
    p.add_argument(
        "--learner", metavar="PESERTA", help="tampilkan hanya progres PESERTA (nama pengguna)"
    )
    p.set_defaults(func=run)


def run(args) -> int:
    if args.export is not None:
        path = export_progress(args.export, masked=args.samarkan)
        print(f"Progres ditulis ke {path}")
        if not args.samarkan:
            print(
                "Berkas ini memuat nama peserta: simpan untuk pelatih saja. Untuk dibagikan, "
                "buat dengan --samarkan (nama diganti kode)."
            )
        return 0
    frame = progress_frame(learner=args.learner)
    if frame.empty:
        print("Belum ada progres latihan yang tercatat.")
        return 0
    print(summarise(frame).to_string(index=False))
    return 0
