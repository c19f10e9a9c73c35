"""``workbench progress``: learners' practice progress, shown or exported for the trainer."""

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
        "--learner", metavar="PESERTA", help="tampilkan hanya progres PESERTA (nama pengguna)"
    )
    p.set_defaults(func=run)


def run(args) -> int:
    if args.export is not None:
        path = export_progress(args.export)
        print(f"Progres ditulis ke {path}")
        return 0
    frame = progress_frame(learner=args.learner)
    if frame.empty:
        print("Belum ada progres latihan yang tercatat.")
        return 0
    print(summarise(frame).to_string(index=False))
    return 0
