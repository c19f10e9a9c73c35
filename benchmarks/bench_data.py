"""Speed of the dataset generators and the validating reader (run: python benchmarks/bench_data.py).

Measured, best of a few runs (to keep other work on the machine out of it):

1. Generation, rows per second: ``generate_layanan`` for every one of Surabaya's 31 kecamatan
   over one year (city scale), and ``generate_skm`` for a million answers.
2. Reading, rows per second: ``workbench.data.read_csv`` with the schema (type conversion,
   allowed values, ranges, formats, duplicates, rules between columns) against a plain
   ``pandas.read_csv`` of the same file. The ratio is the validation overhead; target < 2x.
   Both files are also read as an Indonesian Excel export (``;`` and decimal commas, CRLF,
   UTF-8 with BOM), where the plain read gets ``sep=';', decimal=','`` spelled out for it.

Before timing, the reader's table is compared with the generator's, so a fast wrong read
cannot pass. By default the sizes are a tenth of city scale (a quick run); ``--full`` uses
31 kecamatan x one year and 1,000,000 answers.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd
from timing import best_of  # benchmarks/timing.py, beside this script

from workbench.data import SCHEMAS, generate_layanan, generate_skm, read_csv, write_csv
from workbench.data.schema import KECAMATAN_SURABAYA


def interleaved(runs: int, first, second) -> tuple[tuple[float, float], tuple[float, float]]:
    """Best (wall, CPU) times of two functions timed turn by turn, so both see the same load.

    CPU time (``time.process_time``, all threads of this process) is the steadier figure on a
    shared machine; wall time is what a user waits.
    """
    wall = [float("inf"), float("inf")]
    cpu = [float("inf"), float("inf")]
    for _ in range(runs):
        for i, fn in enumerate((first, second)):
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall[i] = min(wall[i], time.perf_counter() - w0)
            cpu[i] = min(cpu[i], time.process_time() - c0)
    return (wall[0], cpu[0]), (wall[1], cpu[1])


def excel_export(frame: pd.DataFrame, path: Path, schema_name: str) -> Path:
    """The same table as an Indonesian Excel would save it: ';', decimal commas, CRLF, BOM."""
    kinds = {c.name: c.kind for c in SCHEMAS[schema_name].columns}
    out = frame.copy()
    for name in out.columns:
        s = out[name]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            fmt = "%Y-%m-%d" if kinds.get(name) == "date" else "%Y-%m-%d %H:%M:%S"
            out[name] = s.dt.tz_localize(None).dt.strftime(fmt)
    out.to_csv(path, sep=";", decimal=",", index=False, lineterminator="\r\n",
               encoding="utf-8-sig")  # fmt: skip
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--full",
        action="store_true",
        help="city scale: 31 kecamatan x one year, 1,000,000 survey answers",
    )
    parser.add_argument("--runs", type=int, default=5, help="best of this many runs")
    args = parser.parse_args()
    offices = KECAMATAN_SURABAYA if args.full else KECAMATAN_SURABAYA[:3]
    answers = 1_000_000 if args.full else 100_000
    runs = args.runs

    print(f"Ukuran: {len(offices)} kecamatan x 1 tahun; {answers:,} jawaban SKM; "
          f"terbaik dari {runs} kali.")  # fmt: skip
    t_lay, layanan = best_of(runs, lambda: generate_layanan(
        seed=1, start="2025-01-01", end="2025-12-31", kecamatan=offices))  # fmt: skip
    t_skm, skm = best_of(runs, lambda: generate_skm(
        seed=1, start="2025-01-01", end="2025-12-31", n=answers))  # fmt: skip
    print("\n1. Pembangkitan data")
    for label, rows, seconds in (("layanan", len(layanan), t_lay), ("skm", len(skm), t_skm)):
        print(
            f"   {label:<8} {rows:>10,} baris  {seconds:7.2f} s  {rows / seconds:>12,.0f} baris/s"
        )

    print("\n2. Membaca CSV: read_csv dengan skema vs pandas.read_csv biasa")
    print(
        f"   {'berkas':<28}{'baris':>10}{'pandas':>9}{'workbench':>11}{'baris/s':>12}{'rasio':>8}"
        f"{'rasio CPU':>11}"
    )
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = []
        for name, frame in (("layanan", layanan), ("skm", skm)):
            plain = write_csv(frame, folder / f"{name}.csv", SCHEMAS[name])
            cases.append((f"{name}.csv (koma, UTF-8)", plain, name, frame, {}))
            excel = excel_export(frame, folder / f"{name}_excel.csv", name)
            cases.append((f"{name}_excel.csv (; , BOM)", excel, name, frame,
                          {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}))  # fmt: skip
        for label, path, name, frame, plain_kwargs in cases:
            checked = read_csv(path, name)
            pd.testing.assert_frame_equal(checked, frame)  # correctness before speed
            (t_plain, c_plain), (t_ours, c_ours) = interleaved(
                runs,
                lambda p=path, k=plain_kwargs: pd.read_csv(p, **k),
                lambda p=path, n=name: read_csv(p, n),
            )
            ratio = t_ours / t_plain
            cpu_ratio = c_ours / c_plain
            ratios.append((ratio, cpu_ratio))
            print(f"   {label:<28}{len(frame):>10,}{t_plain:>8.2f}s{t_ours:>10.2f}s"
                  f"{len(frame) / t_ours:>12,.0f}{ratio:>7.2f}x{cpu_ratio:>10.2f}x")  # fmt: skip
    print()
    for label, worst in (("waktu tunggu", max(r[0] for r in ratios)),
                         ("waktu CPU", max(r[1] for r in ratios))):  # fmt: skip
        verdict = "tercapai" if worst < 2 else "BELUM tercapai"
        print(f"Biaya validasi terbesar ({label}): {worst:.2f}x pembacaan biasa "
              f"(target < 2x: {verdict}).")  # fmt: skip
    print("Waktu tunggu ikut naik bila mesin sedang sibuk; waktu CPU lebih stabil.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
