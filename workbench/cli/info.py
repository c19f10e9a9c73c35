"""``workbench info``: versions of the stack and where things live."""

from __future__ import annotations

import json

from workbench.info import install_info


def register(sub) -> None:
    p = sub.add_parser(
        "info",
        help="versi paket, lokasi kursus, gradebook dan data, Chromium",
        description="Tampilkan versi paket dan lokasi kursus, gradebook dan data.",
    )
    p.add_argument("--json", action="store_true", help="cetak sebagai JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    info = install_info()
    if args.json:
        print(
            json.dumps(
                {
                    "workbench": info.workbench_version,
                    "versi": info.versions,
                    "lokasi": {k: str(v) for k, v in info.places.items()},
                    "chromium": info.chromium,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(info.as_text())
    return 0
