"""``workbench simulate``: run a scenario card and print its KPIs."""

from __future__ import annotations

import json
import math
from pathlib import Path

from workbench import office
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
        help="simpan rekaman semua pengunjung (satu baris per pengunjung) ke berkas CSV",
    )
    p.set_defaults(func=run)


def resolve_card(name: str) -> Path:
    """The card file: the path as given, else ``<scenarios folder>/<name>[.yaml]``."""
    path = Path(name)
    if path.is_file():
        return path
    from workbench.config import get_settings

    folder = get_settings().scenarios_dir
    for candidate in (folder / name, folder / f"{name}.yaml"):
        if candidate.is_file():
            return candidate
    cards = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    hint = f" Kartu yang tersedia: {', '.join(cards)}." if cards else ""
    raise WorkbenchError(f"Berkas skenario '{name}' tidak ditemukan.{hint}")


def run(args) -> int:
    from workbench.simulation import Scenario, simulate

    scenario = Scenario.from_yaml(resolve_card(args.file))
    result = simulate(scenario, replications=args.replications, seed=args.seed)
    if args.csv:
        out = Path(args.csv)
        if not out.parent.is_dir():
            raise WorkbenchError(f"Folder untuk berkas {out} tidak ada.")
        office.write_csv(out, result.records, excel=False)
    if args.json:
        print(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_table(result))
        if args.csv:
            print(f"\nRekaman {len(result.records)} kunjungan disimpan di {args.csv}.")
    return 0


def _fmt(x: float) -> str:
    """A number with an Indonesian decimal comma; '-' when missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


def format_table(result) -> str:
    """The KPI table as plain text, in Indonesian with decimal commas."""
    s = result.summary()
    sc = result.scenario
    lines = [
        f"Skenario: {sc.name}",
        f"{result.replications} replikasi, seed {result.seed}, "
        f"standar pelayanan {_fmt(sc.standard_minutes)} menit",
        "",
    ]
    width = max(len(str(v)) for v in s["indikator"]) + 2
    lines.append(f"{'Indikator':<{width}}{'Nilai':>9}   {'Interval 95%':<19}Satuan")
    for _code, row in s.iterrows():
        ci = (
            f"{_fmt(row.batas_bawah)} – {_fmt(row.batas_atas)}"
            if not math.isnan(row.batas_bawah)
            else "-"
        )
        lines.append(f"{row.indikator:<{width}}{_fmt(row.nilai):>9}   {ci:<19}{row.satuan}")
    return "\n".join(lines)
