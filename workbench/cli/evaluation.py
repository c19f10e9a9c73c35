"""``workbench evaluation``: the four levels per activity, reports, and the public page.

A thin face over :mod:`workbench.evaluasi`: each subcommand calls the library and prints what
it returns. ``screen`` serves the "Kami mendengar" page for a counter screen without a login:
a static page regenerated every few minutes, never a kernel (see :mod:`workbench.evaluasi.public`
for why).
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd

from workbench import evaluasi
from workbench import formatting as fmt
from workbench.config import get_settings
from workbench.course import evaluation as gather
from workbench.storage import write_text

__all__ = ["make_screen_server", "register"]


def register(sub) -> None:
    p = sub.add_parser(
        "evaluation",
        help="evaluasi pelatihan empat level, laporan per kegiatan, halaman 'Kami mendengar'",
        description=(
            "Evaluasi kegiatan pengembangan kompetensi pada empat level (reaksi, pembelajaran, "
            "perilaku, hasil) dari berkas kantor di var/evaluasi/ (atau data contoh bila belum "
            "ada), laporan Excel/PDF per kegiatan, dan halaman publik 'Kami mendengar'."
        ),
    )
    actions = p.add_subparsers(title="perintah", metavar="PERINTAH", parser_class=type(p))
    _summary(actions)
    _report(actions)
    _public(actions)
    _screen(actions)
    _queue(actions)
    _example(actions)
    p.set_defaults(func=lambda args: (p.print_help(), 0)[1])


def _example_flag(p) -> None:
    p.add_argument(
        "--example",
        action="store_true",
        help="pakai data contoh (sintetis) walau berkas kantor ada",
    )


def _summary(actions) -> None:
    p = actions.add_parser(
        "summary",
        help="ringkasan setiap kegiatan dan pengingat penilaian tindak lanjut",
        description="Tampilkan kesimpulan empat level setiap kegiatan dan penilaian perilaku "
        "tindak lanjut yang jatuh tempo atau terlambat.",
    )
    _example_flag(p)
    p.set_defaults(func=run_summary)


def _report(actions) -> None:
    p = actions.add_parser(
        "report",
        help="laporan evaluasi satu kegiatan (.xlsx atau .pdf)",
        description="Tulis laporan evaluasi satu kegiatan: identitas, peserta, JP, empat level, "
        "kesimpulan dan tindak lanjut. Peserta tidak disebut namanya.",
    )
    p.add_argument("activity", metavar="KEGIATAN", help="kode kegiatan, misalnya PP-2025-05")
    p.add_argument(
        "--to", type=Path, required=True, metavar="BERKAS", help="berkas laporan (.xlsx atau .pdf)"
    )
    _example_flag(p)
    p.set_defaults(func=run_report)


def _public(actions) -> None:
    p = actions.add_parser(
        "public-page",
        help="tulis halaman publik 'Kami mendengar' (satu berkas HTML, tanpa internet)",
        description="Tulis halaman 'Kami mendengar': pendapat warga di SKM, janji tindak lanjut, "
        "yang sudah dilakukan, dan yang berubah. Tanpa nama, NIP atau tulisan warga yang belum "
        "ditinjau; satu berkas HTML yang bisa dibuka tanpa internet atau disalin ke situs kantor.",
    )
    p.add_argument("--html", type=Path, required=True, metavar="BERKAS", help="berkas .html")
    p.add_argument(
        "--refresh",
        type=int,
        metavar="MENIT",
        help="muat ulang sendiri setiap MENIT (untuk layar loket)",
    )
    _example_flag(p)
    p.set_defaults(func=run_public)


def _screen(actions) -> None:
    p = actions.add_parser(
        "screen",
        help="sajikan 'Kami mendengar' untuk layar loket, tanpa login",
        description="Sajikan halaman 'Kami mendengar' lewat HTTP tanpa login, hanya-baca: satu "
        "halaman statis yang dibuat ulang setiap beberapa menit; tidak ada kernel dan tidak ada "
        "berkas lain yang bisa dibuka. Hentikan dengan Ctrl+C.",
    )
    p.add_argument("--port", type=int, default=8870, help="port (bawaan: 8870)")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="alamat (bawaan: 127.0.0.1; 0.0.0.0 agar layar lain bisa membuka)",
    )
    p.add_argument(
        "--refresh",
        type=int,
        default=15,
        metavar="MENIT",
        help="buat ulang dan muat ulang halaman setiap MENIT (bawaan: 15)",
    )
    _example_flag(p)
    p.set_defaults(func=run_screen)


def _queue(actions) -> None:
    p = actions.add_parser(
        "queue",
        help="periksa ekspor mesin antrean (CSV/Excel) dan ringkas waktu tunggunya",
        description="Baca ekspor mesin antrean seperti yang dipakai evaluasi: setiap masalah "
        "disebut baris dan kolomnya. Tanpa kolom kantor, sebutkan --office.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="BERKAS")
    p.add_argument("--office", metavar="KANTOR", help="nama kantor bila berkas tidak menyebutnya")
    p.set_defaults(func=run_queue)


def _example(actions) -> None:
    p = actions.add_parser(
        "example",
        help="tulis data contoh sebagai berkas kantor (templat untuk diisi)",
        description="Tulis tahun contoh sebagai berkas-berkas kantor (kegiatan, peserta, nilai, "
        "perilaku, reaksi, ekspor antrean, SKM, catatan warga, daftar pegawai) ke sebuah folder "
        "yang disusun seperti folder state: salin bagian yang Anda perlukan ke var/.",
    )
    p.add_argument("--to", type=Path, required=True, metavar="FOLDER")
    p.set_defaults(func=run_example)


def _evaluation(args) -> evaluasi.Evaluation:
    return gather.evaluation(example=True if args.example else None)


def run_summary(args) -> int:
    ev = _evaluation(args)
    if ev.tables.ditanam:
        print("Data contoh (sintetis). Berkas kantor: var/evaluasi/ (lihat README).\n")
    for note in ev.tables.catatan_sumber:
        print(f"Catatan: {note}\n")
    for kegiatan in ev.activity_ids():
        a = ev.activity(kegiatan)
        print(f"{kegiatan} · {a.judul} · {fmt.count(len(a.peserta))} peserta")
        for level, text in a.kesimpulan.items():
            print(f"  {level.capitalize()}: {text}")
        print()
    todo = ev.reminders()
    when = fmt.date_long(ev.tables.hari_ini)
    print(f"Pengingat penilaian tindak lanjut per {when}: {fmt.count(len(todo))}")
    for r in todo.itertuples():
        print(f"  [{r.status}] {r.pesan}")
    return 0


def _printed() -> str:
    return fmt.timestamp(pd.Timestamp.now(tz=get_settings().tz))


def run_report(args) -> int:
    ev = _evaluation(args)
    path = evaluasi.write_report(
        ev.activity(args.activity),
        args.to,
        office_name=get_settings().office_name,
        printed=_printed(),
    )
    print(f"Laporan evaluasi {args.activity} ditulis ke {path}")
    return 0


def _page_html(example: bool, refresh: int | None) -> str:
    ev = gather.evaluation(example=True if example else None)
    return evaluasi.render_html(gather.public_page(ev), refresh_minutes=refresh)


def run_public(args) -> int:
    write_text(args.html, _page_html(args.example, args.refresh), encoding="utf-8")
    print(f"Halaman 'Kami mendengar' ditulis ke {args.html} (satu berkas, tanpa internet).")
    return 0


def make_screen_server(
    render, *, host: str, port: int, refresh_minutes: int
) -> ThreadingHTTPServer:
    """A read-only HTTP server that answers ``/`` with ``render()`` (made again at most every
    ``refresh_minutes``) and everything else with 404; no script may run on the page."""
    lock = threading.Lock()
    cache = {"html": b"", "made": -1e18}

    def page() -> bytes:
        with lock:
            if time.monotonic() - cache["made"] >= refresh_minutes * 60:
                cache["html"] = render().encode("utf-8")
                cache["made"] = time.monotonic()
            return cache["html"]

    class Handler(BaseHTTPRequestHandler):
        server_version = "KamiMendengar"
        sys_version = ""

        def do_GET(self) -> None:
            if self.path.split("?", 1)[0] not in ("/", "/index.html"):
                self.send_error(404, "Tidak ada")
                return
            body = page()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            )
            self.end_headers()
            self.wfile.write(body)

        def do_HEAD(self) -> None:
            self.do_GET()

        def log_message(self, format, *args) -> None:  # quiet: no visitor addresses logged
            return

    return ThreadingHTTPServer((host, port), Handler)


def run_screen(args) -> int:
    refresh = max(1, int(args.refresh))
    server = make_screen_server(
        lambda: _page_html(args.example, refresh),
        host=args.host,
        port=args.port,
        refresh_minutes=refresh,
    )
    print(
        f"'Kami mendengar' di http://{args.host}:{args.port}/ (tanpa login, dibuat ulang "
        f"setiap {refresh} menit). Hentikan dengan Ctrl+C.",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Dihentikan.")
    finally:
        server.server_close()
    return 0


def run_queue(args) -> int:
    from workbench.data.antrean import read_queue_export
    from workbench.evaluasi.results import daily_waits

    standard = get_settings().service_standard_minutes
    for path in args.files:
        tickets = read_queue_export(path, kantor=args.office)
        daily = daily_waits(tickets, standard_minutes=standard)
        print(f"{path.name}: {fmt.count(len(tickets))} tiket, {fmt.count(len(daily))} hari kerja")
        for office, part in daily.groupby("kantor"):
            waits = tickets.loc[tickets["kantor"] == office, "tunggu_menit"].dropna()
            print(
                f"  {office}: {fmt.date(part['tanggal'].min())} s.d. "
                f"{fmt.date(part['tanggal'].max())}, rata-rata tunggu "
                f"{fmt.number(waits.mean(), 1)} menit, dipanggil dalam "
                f"{fmt.number(standard, None)} menit {fmt.percent((waits <= standard).mean(), 0)}"
            )
    return 0


def run_example(args) -> int:
    from workbench.course.evaluation import write_office_files

    files = write_office_files(gather.example_tables(), args.to)
    print(f"{fmt.count(len(files))} berkas contoh ditulis ke {args.to}:")
    for path in files:
        print(f"  {Path(path).relative_to(args.to)}")
    return 0
