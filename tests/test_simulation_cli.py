"""`workbench simulate`: the KPI table, JSON, CSV records and errors, in Indonesian."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from workbench.cli import main
from workbench.simulation import simulate

ROOT = Path(__file__).resolve().parent.parent
CARD = ROOT / "scenarios" / "selasa-biasa.yaml"


def test_simulate_prints_the_kpi_table(capsys):
    """Does the command print each KPI with its value and 95% interval, decimal commas included?"""
    assert main(["simulate", str(CARD), "--replications", "5", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Skenario: Selasa biasa")
    assert "5 replikasi, seed 1" in out
    for label in (
        "Rata-rata waktu tunggu",
        "Waktu tunggu persentil 90",
        "Pergi sebelum dilayani",
        "Antrean terpanjang",
        "Lembur",
        "Utilisasi Loket 4",
        "Interval 95%",
    ):
        assert label in out
    expected = simulate(CARD, replications=5, seed=1).summary().loc["rata_tunggu", "nilai"]
    line = next(x for x in out.splitlines() if x.startswith("Rata-rata waktu tunggu"))
    assert f"{expected:.1f}".replace(".", ",") in line


def test_simulate_json_matches_the_library_and_is_reproducible(capsys):
    """Is --json the library's summary, and does the same seed print the same JSON?"""
    main(["simulate", "selasa-biasa", "--replications", "4", "--seed", "7", "--json"])
    first = capsys.readouterr().out
    main(["simulate", "selasa-biasa", "--replications", "4", "--seed", "7", "--json"])
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert data["seed"] == 7 and data["replikasi"] == 4
    values = {k["kode"]: k["nilai"] for k in data["indikator"]}
    summary = simulate(CARD, replications=4, seed=7).summary()
    assert abs(values["rata_tunggu"] - summary.loc["rata_tunggu", "nilai"]) < 1e-3


def test_simulate_csv_writes_clock_times_for_indonesian_excel(tmp_path, capsys):
    """Does --csv write one row per visitor with clock times (08:15), ';' and decimal commas,
    as Indonesian Excel opens it, instead of 16-digit minutes since opening?"""
    out = tmp_path / "rekaman.csv"
    assert main(["simulate", str(CARD), "--replications", "2", "--csv", str(out)]) == 0
    assert "disimpan" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as Excel wants
    df = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig", dtype={"jam_datang": str})
    records = simulate(CARD, replications=2, seed=1).records
    assert len(df) == len(records)
    assert {"jam_datang", "jam_mulai", "jam_selesai", "tunggu", "status"} <= set(df.columns)
    assert "datang" not in df.columns  # minutes since opening are for Python, not for Excel
    assert df["jam_datang"].str.fullmatch(r"\d\d:\d\d").all()
    assert df["jam_datang"].min() >= "07:30" and df["jam_datang"].max() <= "16:00"
    served = df[df["status"] == "dilayani"]
    assert served["tunggu"].tolist() == pytest.approx(
        records.loc[records["status"] == "dilayani", "tunggu"].round(1).tolist()
    )
    assert not list(tmp_path.glob("*.tmp"))


def test_errors_are_indonesian_without_traceback(tmp_path):
    """Does a missing card or a broken card end with an Indonesian message and exit code 1?"""
    run = [sys.executable, "-m", "workbench", "simulate"]
    missing = subprocess.run([*run, "tidak-ada"], capture_output=True, text=True, check=False)
    assert missing.returncode == 1
    assert "tidak ditemukan" in missing.stderr and "selasa-biasa" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = tmp_path / "salah.yaml"
    bad.write_text(
        CARD.read_text(encoding="utf-8").replace("porsi: 0.25", "porsi: 0.5"), encoding="utf-8"
    )
    broken = subprocess.run([*run, str(bad)], capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert "jumlah porsi layanan harus 1" in broken.stderr and "salah.yaml" in broken.stderr
    wrong = subprocess.run(
        [*run, str(CARD), "--replications", "dua"], capture_output=True, text=True, check=False
    )
    assert wrong.returncode == 2 and "bukan bilangan bulat" in wrong.stderr
