"""Speed of the SKM report on a million answers, as ratios (run: python benchmarks/bench_skm.py).

The survey is synthetic: one million respondents with scores U1..U9, a WIB timestamp in 2025,
and the usual respondent columns as pandas categoricals (what a loader should hand over for data
this size). Measured, best of a few runs:

1. ``workbench.skm.report``: validation, the index, its bootstrap interval, every breakdown
   (service, kelurahan, period, sex, age group, education, occupation) each with a bootstrap
   interval per group, the trend with real-or-noise verdicts, priorities and the profile.
   Target: under one second.
2. The same index and breakdowns without intervals (``ikm`` + ``breakdown`` per column).
3. A straightforward pandas version written here: ``df[U].mean()`` for the index and
   ``groupby(..., observed=True)[U].mean()`` per breakdown, no validation, no intervals.
4. One bootstrap replicate done the plain way (``df.sample(frac=1, replace=True)`` and a mean),
   against the workbench's exact multinomial replicates.

The numbers of (2) and (3) are compared before any time is printed, so a fast wrong answer
cannot pass.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from timing import best_of  # benchmarks/timing.py, beside this script

from workbench import skm
from workbench.config import get_settings
from workbench.data.schema import JENIS_KELAMIN, JENIS_LAYANAN, KELURAHAN, PEKERJAAN, PENDIDIKAN
from workbench.skm import analysis as skm_analysis

U = [f"U{i}" for i in range(1, 10)]
TARGET_SECONDS = 1.0


def make_survey(n: int, seed: int) -> pd.DataFrame:
    """``n`` synthetic answers shaped like the shipped ``skm`` dataset."""
    rng = np.random.default_rng(seed)
    p = [0.04, 0.14, 0.52, 0.30]
    frame = pd.DataFrame({c: rng.choice(np.arange(1, 5, dtype=np.int8), size=n, p=p) for c in U})
    frame.insert(0, "id_responden", pd.RangeIndex(n).map(lambda i: f"R{i:07d}"))
    start = pd.Timestamp("2025-01-01", tz=get_settings().tz)
    frame["tanggal"] = start + pd.to_timedelta(rng.integers(0, 365 * 24 * 3600, size=n), unit="s")
    frame["umur"] = rng.integers(17, 80, size=n)
    categories = {
        "jenis_layanan": JENIS_LAYANAN,
        "kelurahan": KELURAHAN,
        "jenis_kelamin": JENIS_KELAMIN,
        "pendidikan": PENDIDIKAN,
        "pekerjaan": PEKERJAAN,
    }
    for column, values in categories.items():
        codes = rng.integers(0, len(values), size=n)
        frame[column] = pd.Categorical.from_codes(codes, categories=values)
    return frame


def workbench_without_intervals(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    out = {"semua": skm.ikm(frame).nrr.to_frame().T}
    for by in skm_analysis.BREAKDOWNS:
        out[by] = skm.breakdown(frame, by, periode="triwulan").set_index(by)[U]
    return out


def plain_pandas(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The index and breakdowns as a pandas user would write them first."""
    out = {"semua": frame[U].mean().to_frame().T}
    for by in skm_analysis.BREAKDOWNS:
        if by == "kelompok_umur":
            key = pd.cut(
                frame["umur"],
                [0, 20, 30, 40, 50, 60, 200],
                labels=[g[0] for g in skm_analysis.AGE_GROUPS],
            )
        elif by == "periode":
            local = frame["tanggal"].dt.tz_localize(None)
            key = local.dt.year.astype(str) + " T" + local.dt.quarter.astype(str)
        else:
            key = frame[by]
        means = frame[U].groupby(key, observed=True).mean()
        means["nilai"] = means[U].sum(axis=1) / 9 * 25
        out[by] = means[U]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    frame = make_survey(args.answers, seed=2025)
    print(f"Survei sintetis: {len(frame):,} jawaban".replace(",", "."))

    # Same numbers first.
    ours = workbench_without_intervals(frame)
    theirs = plain_pandas(frame)
    for key, table in theirs.items():
        np.testing.assert_allclose(
            ours[key].to_numpy(dtype=float), table.to_numpy(dtype=float), rtol=1e-12, err_msg=key
        )
    print("Hasil workbench dan pandas biasa sama untuk indeks dan ketujuh rincian.")

    t_report, rep = best_of(args.runs, lambda: skm.report(frame, seed=1, periode="triwulan"))
    t_plain_ours, _ = best_of(args.runs, lambda: workbench_without_intervals(frame))
    t_pandas, _ = best_of(args.runs, lambda: plain_pandas(frame))
    groups = sum(len(t) for t in rep.rincian.values())

    n_boot = 2000
    t_one_resample, _ = best_of(
        args.runs, lambda: frame[U].sample(frac=1, replace=True, random_state=1).to_numpy().mean()
    )
    t_ci, _ = best_of(args.runs, lambda: skm.bootstrap_ci(frame, seed=1, n_boot=n_boot))

    print()
    print(
        f"1. Laporan lengkap workbench (validasi, IKM, selang, {groups} kelompok dengan selang "
        f"{n_boot} ulangan, tren, prioritas, profil): {t_report:.3f} s "
        f"(target < {TARGET_SECONDS:.0f} s: {'tercapai' if t_report < TARGET_SECONDS else 'BELUM'})"
    )
    print(
        f"2. IKM + 7 rincian workbench tanpa selang (tiap rincian memvalidasi ulang): "
        f"{t_plain_ours:.3f} s"
    )
    print(
        f"3. IKM + 7 rincian dengan groupby pandas biasa (tanpa validasi, tanpa selang): "
        f"{t_pandas:.3f} s"
    )
    print(f"   rasio pandas biasa / laporan lengkap workbench : {t_pandas / t_report:5.2f}x")
    print(f"   rasio pandas biasa / workbench tanpa selang    : {t_pandas / t_plain_ours:5.2f}x")
    print(
        f"4. Bootstrap: satu ulangan cara biasa (resample 1 juta baris) {t_one_resample:.3f} s; "
        f"{n_boot} ulangan workbench (multinomial, eksak) {t_ci:.3f} s"
    )
    print(
        f"   rasio {n_boot} ulangan cara biasa (perkiraan) / workbench: "
        f"{t_one_resample * n_boot / t_ci:,.0f}x".replace(",", ".")
    )


if __name__ == "__main__":
    main()
