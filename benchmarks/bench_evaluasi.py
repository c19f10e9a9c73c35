"""Speed of the training evaluation (run: python benchmarks/bench_evaluasi.py [--quick]).

Measured, best of a few runs, each against a named baseline timed in the same run:

1. Reading a queue-machine export (title line, ``;``, dd/mm/yyyy dates, HH.MM.SS times) with
   :func:`workbench.data.antrean.read_queue_export` (finds the header, joins dates and times,
   checks every row) against a plain ``pandas.read_csv`` of the same file that only splits the
   cells (``skiprows``, ``sep=';'``, everything as text). The ratio is the price of the checks.
2. The four levels of every activity of the example year (``Evaluation.summary``: reaction,
   learning, behaviour, two level-4 models per office and measure, SKM bootstraps) against
   making the example's tables (the synthetic year), so the figure is relative to this machine.
3. Writing one activity's PDF and Excel report, against the Excel writer alone.

The table a timed function returns is checked first, so a fast wrong answer cannot pass.
``--quick`` takes one office-year of tickets and one run each.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pandas as pd
from timing import best_of  # benchmarks/timing.py, beside this script

from workbench.course.evaluation import example_tables
from workbench.data.antrean import (
    KANTOR_CONTOH,
    generate_antrean,
    read_queue_export,
    write_queue_export,
)
from workbench.evaluasi import Evaluation, write_report


def bench_reader(runs: int, offices: int, folder: Path) -> None:
    demo = generate_antrean(
        seed=1, start="2025-01-01", end="2025-12-31", kantor=KANTOR_CONTOH[:offices]
    )
    tickets = demo.tiket[demo.tiket["kantor"] == KANTOR_CONTOH[0].nama].reset_index(drop=True)
    path = write_queue_export(tickets, folder / "ekspor.csv", title="LAPORAN ANTRIAN")
    plain_t, plain = best_of(
        runs, lambda: pd.read_csv(path, sep=";", skiprows=2, dtype=str, encoding="utf-8-sig")
    )
    ours_t, ours = best_of(runs, lambda: read_queue_export(path, kantor=KANTOR_CONTOH[0].nama))
    assert len(ours) == len(plain) == len(tickets)
    assert (
        ours["tunggu_menit"].round(6).fillna(-1) == tickets["tunggu_menit"].round(6).fillna(-1)
    ).all()
    rate = len(tickets) / ours_t
    print(
        f"1. Ekspor antrean, {len(tickets):,} tiket: read_queue_export {ours_t:.3f} s "
        f"({rate:,.0f} tiket/s); pandas.read_csv tanpa pemeriksaan {plain_t:.3f} s; "
        f"rasio {ours_t / plain_t:.1f}x"
    )


def bench_summary(runs: int) -> None:
    example_tables.cache_clear()
    make_t, tables = best_of(runs, lambda: (example_tables.cache_clear(), example_tables())[1])
    summary_t, table = best_of(runs, lambda: Evaluation(tables).summary())
    assert table.set_index("id_kegiatan").loc["PP-2025-05", "hasil"] == "turun (membaik)"
    print(
        f"2. Empat level, {len(table)} kegiatan: {summary_t:.2f} s; membuat tahun contoh "
        f"{make_t:.2f} s; rasio {summary_t / make_t:.1f}x"
    )


def bench_report(runs: int, folder: Path) -> None:
    activity = Evaluation(example_tables()).activity("PP-2025-05")
    common = dict(office_name="Kecamatan Asemrowo", printed="15-12-2025 09.00 WIB")
    excel_t, _ = best_of(runs, lambda: write_report(activity, folder / "e.xlsx", **common))
    pdf_t, path = best_of(runs, lambda: write_report(activity, folder / "e.pdf", **common))
    assert path.read_bytes()[:4] == b"%PDF"
    print(
        f"3. Laporan satu kegiatan: PDF {pdf_t:.2f} s, Excel {excel_t:.2f} s; rasio "
        f"{pdf_t / excel_t:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="satu kantor, satu kali ukur")
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as folder:
        bench_reader(runs, 1 if args.quick else len(KANTOR_CONTOH), Path(folder))
        bench_summary(runs)
        bench_report(runs, Path(folder))


if __name__ == "__main__":
    main()
