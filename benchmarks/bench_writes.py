"""What safety costs when saving shared state and files people open, as ratios.

Run: ``python benchmarks/bench_writes.py``. Measured, best of a few runs, in a temporary
folder on the same disk:

1. One practice check recorded (``ProgressStore.record``: lock, read, seal, atomic write with
   fsync), against the same JSON written atomically without the lock. Target: the lock adds
   little (ratio near 1), since a check cell must answer at once.
2. The OS lock alone (:func:`workbench.storage.locked`, taken and released), against the
   atomic write it guards.
3. The trainer's progress export through :mod:`workbench.office` (every cell typed, text kept
   as text) against pandas' own ``to_excel`` with openpyxl, which the export used before, for
   a class of 40 learners x 60 questions. The two files are checked to hold the same values
   before any time is printed.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
from timing import best_of  # benchmarks/timing.py, beside this script

from workbench import office
from workbench.config import load_settings
from workbench.practice import Outcome
from workbench.practice.progress import ProgressStore, progress_frame, summarise
from workbench.storage import locked, write_text

CHECKS = 100


def bench_checks(settings) -> None:
    """A check recorded (lock, read, atomic write) against an atomic write alone."""
    store = ProgressStore("ani", settings=settings)
    store.record("02-pandas", "q1", "check", Outcome.INCORRECT)
    text = json.dumps(store.load(), ensure_ascii=False, indent=1, sort_keys=True)

    def record():
        for i in range(CHECKS):
            store.record("02-pandas", f"q{i % 10}", "check", Outcome.INCORRECT)

    def write_only():
        for _ in range(CHECKS):
            write_text(store.path, text)

    def lock_only():
        for _ in range(CHECKS):
            with locked(store.path):
                pass

    t_record, _ = best_of(3, record)
    t_write, _ = best_of(3, write_only)
    t_lock, _ = best_of(3, lock_only)
    print(
        f"1. check recorded: {t_record / CHECKS * 1000:.2f} ms; atomic write alone: "
        f"{t_write / CHECKS * 1000:.2f} ms; ratio {t_record / t_write:.2f}"
    )
    print(
        f"2. lock taken and released: {t_lock / CHECKS * 1000:.3f} ms; "
        f"{t_lock / t_write:.3f} of an atomic write"
    )


def bench_export(settings, home: Path) -> None:
    """The trainer's progress export through workbench.office against pandas + openpyxl."""
    for k in range(40):
        learner = ProgressStore(f"peserta{k:02d}", settings=settings)
        for q in range(60):
            learner.record(f"0{q // 10}-modul", f"q{q % 10}", "check", Outcome.CORRECT)
    frame = progress_frame(settings=settings)
    ours, plain = home / "office.xlsx", home / "pandas.xlsx"

    def with_office():
        office.write_excel(ours, {"ringkasan": summarise(frame), "rincian": frame})

    def with_pandas():
        with pd.ExcelWriter(plain, engine="openpyxl") as writer:
            summarise(frame).to_excel(writer, sheet_name="ringkasan", index=False)
            frame.to_excel(writer, sheet_name="rincian", index=False)

    t_office, _ = best_of(3, with_office)
    t_pandas, _ = best_of(3, with_pandas)
    a = pd.read_excel(ours, sheet_name="rincian")
    b = pd.read_excel(plain, sheet_name="rincian")
    pd.testing.assert_frame_equal(a, b)
    print(
        f"3. progress export, {len(frame)} rows: office {t_office:.2f} s, pandas+openpyxl "
        f"{t_pandas:.2f} s; ratio {t_office / t_pandas:.2f}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-writes-") as folder:
        home = Path(folder)
        (home / "notebooks").mkdir()
        settings = load_settings(home=home)
        bench_checks(settings)
        bench_export(settings, home)


if __name__ == "__main__":
    main()
