"""``workbench skm``: the SKM index of a survey file, and the printable report.

A thin face over :mod:`workbench.skm`: it reads the file, computes the report and prints the
summary; with ``--laporan`` it also writes the standard Excel report, including the saved
follow-up plan.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench import formatting as fmt
from workbench import skm
from workbench.data.numbers import parse_number
from workbench.errors import WorkbenchError
from workbench.skm import analysis as skm_analysis

#: The bootstrap seed when none is given, so two runs on the same file print the same interval.
DEFAULT_SEED = 2017


def register(sub) -> None:
    p = sub.add_parser(
        "skm",
        help="hitung IKM survei kepuasan masyarakat dan buat laporan Excel",
        description=(
            "Hitung Indeks Kepuasan Masyarakat (PermenPANRB 14/2017) dari berkas hasil survei "
            "(CSV atau Excel, kolom U1 sampai U9 berisi skor 1-4). Tanpa BERKAS, data contoh "
            "yang dipakai."
        ),
        epilog="Contoh: workbench skm survei-2025.xlsx --populasi 19000 --laporan laporan.xlsx",
    )
    p.add_argument("berkas", nargs="?", metavar="BERKAS", help="berkas hasil survei (.csv/.xlsx)")
    p.add_argument(
        "--populasi",
        type=int,
        metavar="N",
        help="jumlah pengguna layanan pada periode survei (untuk sampel minimum)",
    )
    p.add_argument(
        "--bobot",
        type=_weight,
        metavar="B",
        help="bobot per unsur: kosongkan untuk 1/9 (bawaan), isi 0.111 hanya untuk mencocokkan "
        "laporan lama; bobot lain ditolak",
    )
    p.add_argument(
        "--periode",
        choices=skm_analysis.PERIODS,
        default="triwulan",
        help="panjang periode untuk tren (bawaan: triwulan)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"seed bootstrap selang kepercayaan (bawaan: {DEFAULT_SEED})",
    )
    p.add_argument(
        "--laporan",
        "--report",
        dest="laporan",
        type=Path,
        metavar="KELUARAN.xlsx",
        help="tulis laporan SKM standar ke berkas Excel ini",
    )
    p.add_argument(
        "--rencana",
        "--plan",
        dest="rencana",
        default="rencana-tindak-lanjut",
        metavar="NAMA",
        help="nama rencana tindak lanjut tersimpan yang ikut dicetak",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    if args.berkas:
        responses = skm.read_responses(args.berkas)  # errors name the file and its rows
        source = args.berkas
    else:
        from workbench.data import load

        responses = load("skm")
        source = "data contoh (skm.csv)"
    laporan = skm.report(
        responses,
        seed=args.seed,
        bobot=args.bobot,
        periode=args.periode,
        populasi=args.populasi,
        warn=False,  # the notes are printed below
    )
    if args.laporan:  # written before anything is printed: a closed pipe loses no report
        plan = skm.load_plan(args.rencana)
        path = skm.export_excel(laporan, args.laporan, rencana=plan)
    hasil = laporan.hasil
    print(f"Sumber: {source}")
    print(f"Responden: {hasil.jumlah_responden}")
    print(
        f"IKM: {fmt.number(hasil.ikm, 4)} · nilai {fmt.number(hasil.nilai, 2)} · "
        f"mutu {hasil.mutu} ({hasil.kinerja})"
    )
    print(
        f"Selang kepercayaan {fmt.percent(laporan.selang.tingkat, 0)}: "
        f"{fmt.number(laporan.selang.bawah, 2)} – {fmt.number(laporan.selang.atas, 2)}"
    )
    if hasil.sampel_minimum is not None:
        print(f"Sampel minimum (Krejcie–Morgan): {hasil.sampel_minimum}")
    for note in laporan.catatan:
        print(f"Peringatan: {note}")
    print("Prioritas perbaikan:")
    for row in laporan.prioritas[laporan.prioritas["perlu_tindakan"]].head(3).itertuples():
        print(
            f"  {row.peringkat}. {row.unsur} {row.nama_unsur}: nilai {fmt.number(row.nilai, 2)} "
            f"(mutu {row.mutu}), {fmt.percent(row.persen_skor_rendah / 100, 0)} skor 1–2"
        )
    if args.laporan:
        print(f"Laporan ditulis ke {path}")
    return 0


def _weight(text: str) -> float:
    """``--bobot`` as typed: ``1/9``, ``0.111`` or ``0,111`` (the library refuses others)."""
    if text.replace(" ", "") == "1/9":
        return 1 / 9
    try:
        return parse_number(text, where="--bobot")
    except WorkbenchError:
        raise argparse.ArgumentTypeError(
            f"bobot {text!r} bukan angka; isi 0.111 atau 1/9, atau kosongkan (1/9)"
        ) from None
