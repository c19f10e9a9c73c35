"""``workbench simulate``: run a scenario card and print its KPIs."""

from __future__ import annotations

import json
import math
from pathlib import Path

from workbench import formatting as fmt
from workbench.errors import WorkbenchError


def register(sub) -> None:
    p = sub.add_parser(
        "simulate",
        help="jalankan kartu skenario simulasi loket dan tampilkan indikator kinerjanya",
        description=(
            "Jalankan simulasi loket pelayanan dari kartu skenario (YAML) dan tampilkan "
            "indikator kinerja (rata-rata dan interval kepercayaan 95%) dari semua replikasi."
        ),
        epilog=(
            "Contoh: workbench simulate scenarios/selasa-biasa.yaml --replications 30 --seed 1\n"
            "        workbench simulate selasa-biasa --json\n"
            "        workbench simulate selasa-biasa --csv rekaman.csv"
        ),
    )
    p.add_argument(
        "file",
        metavar="BERKAS",
        help="berkas kartu skenario (.yaml), atau namanya saja dari folder skenario",
    )
    p.add_argument(
        "--replications", type=int, default=30, metavar="N", help="jumlah replikasi (bawaan: 30)"
    )
    p.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="SEED",
        help="bilangan acak awal; seed sama memberi hasil sama (bawaan: 1)",
    )
    p.add_argument("--json", action="store_true", help="cetak indikator sebagai JSON")
    p.add_argument(
        "--csv",
        metavar="KELUARAN",
        help=(
            "simpan rekaman semua pengunjung (satu baris per pengunjung, jam JJ:MM) ke berkas "
            "CSV yang langsung terbuka di Excel berbahasa Indonesia (pemisah ';', koma desimal)"
        ),
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from workbench.simulation import Scenario, simulate

    scenario = Scenario.from_yaml(args.file)
    result = simulate(scenario, replications=args.replications, seed=args.seed)
    if args.csv:
        out = Path(args.csv)
        if not out.parent.is_dir():
            raise WorkbenchError(f"Folder untuk berkas {out} tidak ada.")
        result.to_csv(out)
    if args.json:
        print(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_table(result))
        if args.csv:
            print(f"\nRekaman {fmt.count(len(result.records))} kunjungan disimpan di {args.csv}.")
    return 0


def format_table(result) -> str:
    """The KPI table as plain text, in Indonesian with decimal commas."""
    s = result.summary()
    sc = result.scenario
    lines = [
        f"Skenario: {sc.name}",
        f"{result.replications} replikasi, seed {result.seed}, "
        f"standar pelayanan {fmt.number(sc.standard_minutes)} menit",
        "",
    ]
    width = max(len(str(v)) for v in s["indikator"]) + 2
    lines.append(f"{'Indikator':<{width}}{'Nilai':>9}   {'Interval 95%':<19}Satuan")
    for _code, row in s.iterrows():
        ci = (
            f"{fmt.number(row.batas_bawah)} – {fmt.number(row.batas_atas)}"
            if not math.isnan(row.batas_bawah)
            else fmt.MISSING
        )
        lines.append(f"{row.indikator:<{width}}{fmt.number(row.nilai):>9}   {ci:<19}{row.satuan}")
    return "\n".join(lines)
