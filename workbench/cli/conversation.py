"""``workbench conversation``: check conversation scenarios, draw them, list them, export scores."""

from __future__ import annotations

from pathlib import Path

from workbench import formatting as fmt
from workbench import percakapan
from workbench.errors import Problem, WorkbenchError


def register(sub) -> None:
    p = sub.add_parser(
        "conversation",
        help="skenario percakapan pelayanan: periksa, gambar alurnya, daftar, ekspor skor pengamat",
        description=(
            "Skenario latihan percakapan di loket (scenarios/percakapan/*.yaml) untuk dimainkan "
            "sendiri atau bertiga (warga, petugas, pengamat). Bentuk berkasnya dijelaskan di "
            "scenarios/percakapan/README.md."
        ),
    )
    actions = p.add_subparsers(title="tindakan", metavar="TINDAKAN", required=True)
    a = actions.add_parser(
        "check",
        help="periksa skenario (semua, atau berkas yang disebut) dan tampilkan setiap masalah",
    )
    a.add_argument("berkas", nargs="*", metavar="BERKAS", help="nama skenario atau berkas .yaml")
    a.set_defaults(func=_check)
    a = actions.add_parser("graph", help="gambar alur satu skenario (.png, .svg, .pdf atau .dot)")
    a.add_argument("skenario", metavar="SKENARIO", help="nama skenario atau berkas .yaml")
    a.add_argument("--to", type=Path, required=True, metavar="BERKAS", help="berkas gambar")
    a.set_defaults(func=_graph)
    a = actions.add_parser("list", help="daftar skenario beserta kompetensi dan unsur SKM-nya")
    a.set_defaults(func=_list)
    a = actions.add_parser(
        "scores", help="skor pengamat role-play bertiga (ringkas, atau ekspor ke Excel/CSV)"
    )
    a.add_argument("--session", metavar="NAMA", help="hanya sesi ini")
    a.add_argument("--export", type=Path, metavar="BERKAS", help="tulis ke .xlsx atau .csv")
    a.set_defaults(func=_scores)


def _check(args) -> int:
    names = args.berkas or percakapan.scenario_names()
    if not names:
        print("Belum ada skenario percakapan di folder skenario.")
        return 1
    problems: list[Problem] = []
    for name in names:
        try:
            scenario = percakapan.load_scenario(name)
        except WorkbenchError as exc:
            problems.extend(exc.problems or [Problem(exc.message, file=str(name))])
            continue
        paths = sum(1 for _ in percakapan.walk(scenario)) if scenario.solo else 0
        where = f", {fmt.count(paths)} jalur" if scenario.solo else ""
        print(f"baik: {scenario.file} ({', '.join(scenario.modes)}{where})")
    if problems:
        raise WorkbenchError("Ada skenario yang berisi kesalahan.", problems)
    return 0


def _graph(args) -> int:
    from workbench.storage import atomic_path, write_text

    scenario = percakapan.load_scenario(args.skenario)
    suffix = args.to.suffix.lower()
    if suffix == ".dot":
        write_text(args.to, percakapan.to_dot(scenario))
    elif suffix in (".png", ".svg", ".pdf"):
        figure = percakapan.graph_figure(scenario)
        with atomic_path(args.to) as tmp:
            figure.savefig(tmp, format=suffix[1:], dpi=110, bbox_inches="tight")
    else:
        raise WorkbenchError(
            f"Format {args.to.name} tidak didukung: pakai .png, .svg, .pdf atau .dot."
        )
    print(f"Gambar alur {scenario.file} ditulis ke {args.to}.")
    return 0


def _list(args) -> int:
    table = percakapan.catalogue()
    for key, part in table.groupby("skenario", sort=True):
        first = part.iloc[0]
        skills = ", ".join(f"{r.kompetensi} {r.level}" for r in part.itertuples())
        print(f"{key}: {first['judul']} ({first['mode']})")
        print(f"    kompetensi: {skills}; SKM: {', '.join(first['unsur_skm']) or '-'}")
    return 0


def _scores(args) -> int:
    from workbench import office

    suffix = args.export.suffix.lower() if args.export is not None else None
    if suffix not in (None, ".xlsx", ".csv"):
        raise WorkbenchError(f"Format {args.export.name} tidak didukung: pakai .xlsx atau .csv.")
    scores = percakapan.observer_scores(session=args.session)
    if scores.empty:
        print("Belum ada skor pengamat yang tersimpan.")
        return 0
    people = percakapan.competency_scores(scores)
    print(
        f"{fmt.count(scores['pengamatan'].nunique())} pengamatan, "
        f"{fmt.count(scores['petugas'].nunique())} petugas diamati."
    )
    for r in people.itertuples():
        print(f"  {r.peserta}: {r.kompetensi} {fmt.number(r.nilai, 1)} dari 100 "
              f"({r.jumlah_pengamatan} pengamatan)")  # fmt: skip
    if suffix == ".xlsx":
        office.write_excel(args.export, {"skor": scores, "per kompetensi": people})
    elif suffix == ".csv":
        office.write_csv(args.export, scores)
    if suffix is not None:
        print(f"Ditulis ke {args.export}.")
    return 0
