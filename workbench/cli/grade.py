"""``workbench grade``: the trainer's grading pipeline on any standard nbgrader course."""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt


def quiet_nbgrader_gradebook() -> None:
    """Hide nbgrader 0.9's SQLAlchemy "not in session" warnings from the trainer.

    nbgrader's gradebook triggers them on every autograde and export (its relationship
    bookkeeping adds rows another way; everything is stored), and trainers read the English
    SAWarning lines as failures. Only that message is hidden; other warnings still show.
    """
    warnings.filterwarnings("ignore", message=r"Object of type <\w+> not in session")


def register(sub) -> None:
    quiet_nbgrader_gradebook()
    p = sub.add_parser(
        "grade",
        help="latihan bernilai nbgrader: peserta, rilis, kumpulkan, nilai, umpan balik, "
        "ekspor, sertifikat",
        description=(
            "Alur penilaian pelatih di kursus nbgrader mana pun (bawaan: folder grading/ "
            "proyek ini). Semua nilai ditulis ke gradebook kursus itu sendiri, jadi Formgrader "
            "nbgrader tetap bisa dipakai. Waktu ditampilkan dalam WIB."
        ),
        epilog=(
            "Urutan biasa: roster import peserta.xlsx -> release TUGAS -> collect TUGAS -> "
            "autograde TUGAS -> feedback TUGAS -> export --to rekap.xlsx -> certificates --all"
        ),
    )
    p.add_argument(
        "--course",
        metavar="FOLDER",
        type=Path,
        help="folder kursus nbgrader (bawaan: grading/ proyek ini)",
    )
    steps = p.add_subparsers(title="langkah", metavar="LANGKAH", required=True)
    _register_steps(steps)


def _course_option(parser) -> None:
    """--course after the step too (``workbench grade autograde TUGAS --course DIR``); given
    there it wins, left out it keeps what came before the step."""
    parser.add_argument(
        "--course",
        metavar="FOLDER",
        type=Path,
        default=argparse.SUPPRESS,
        help="folder kursus nbgrader (bawaan: grading/ proyek ini)",
    )


def _register_steps(steps) -> None:
    _register_distribution(steps)
    _register_grading(steps)


def _register_distribution(steps) -> None:
    """roster, release, collect."""
    roster = steps.add_parser("roster", help="daftar peserta")
    roster_steps = roster.add_subparsers(title="aksi", metavar="AKSI", required=True)
    imp = roster_steps.add_parser(
        "import",
        help="impor daftar peserta dari CSV/Excel (kolom: NIP, nama, unit, email)",
        description="Tambah atau perbarui peserta di gradebook. NIP 18 digit menjadi ID peserta.",
    )
    imp.add_argument("file", metavar="BERKAS", type=Path, help="berkas .csv atau .xlsx")
    _course_option(imp)
    imp.set_defaults(func=run_roster_import)

    rel = steps.add_parser("release", help="buat versi peserta lalu rilis tugas")
    rel.add_argument("assignment", metavar="TUGAS", help="nama tugas, misalnya tugas-02-pandas")
    rel.add_argument(
        "--to-folder",
        metavar="FOLDER",
        type=Path,
        help="juga tulis satu zip per peserta (<NIP>-<TUGAS>.zip) untuk USB atau email",
    )
    rel.add_argument(
        "--due", metavar="WAKTU", help="tenggat dalam WIB, misalnya '10-03-2025 16.00'"
    )
    _course_option(rel)
    rel.set_defaults(func=run_release)

    col = steps.add_parser(
        "collect",
        help="kumpulkan kiriman dari folder pertukaran atau dari folder berkas",
        description=(
            "Tanpa --from-folder: kumpulkan dari folder pertukaran nbgrader. Dengan "
            "--from-folder: setiap berkas harus DIAWALI NIP peserta, misalnya "
            "198001012005011001_tugas-02-pandas.ipynb atau 198001012005011001.zip; waktu "
            "berkas dipakai sebagai waktu kirim."
        ),
    )
    col.add_argument("assignment", metavar="TUGAS")
    col.add_argument("--from-folder", metavar="FOLDER", type=Path, help="folder berkas kiriman")
    _course_option(col)
    col.set_defaults(func=run_collect)


def _register_grading(steps) -> None:
    """autograde, feedback, export, certificates."""
    auto = steps.add_parser(
        "autograde",
        help="nilai otomatis semua kiriman secara paralel",
        description=(
            "Nilai sama persis dengan 'nbgrader autograde', tetapi beberapa peserta dinilai "
            "bersamaan, dan kiriman yang rusak atau berbahaya tidak menghentikan kelas."
        ),
    )
    auto.add_argument("assignment", metavar="TUGAS")
    auto.add_argument("--jobs", "-j", type=int, metavar="N", help="jumlah penilai paralel")
    auto.add_argument(
        "--student",
        action="append",
        metavar="NIP",
        help="nilai ulang peserta ini saja (boleh diulang)",
    )
    auto.add_argument("--timeout", type=int, metavar="DETIK", help="batas waktu per sel")
    auto.add_argument("--memory-mb", type=int, metavar="MB", help="batas memori per kernel")
    auto.add_argument(
        "--no-sandbox",
        action="store_true",
        help="nilai tanpa sandbox bila sistem ini tidak bisa menyediakannya (bubblewrap tidak "
        "ada atau namespace ditolak); HANYA untuk kiriman yang Anda percaya: kode peserta lalu "
        "bisa membaca berkas akun penilai dan mengganggu peserta lain",
    )
    _course_option(auto)
    auto.set_defaults(func=run_autograde)

    fb = steps.add_parser("feedback", help="umpan balik HTML tanpa uji tersembunyi")
    fb.add_argument("assignment", metavar="TUGAS")
    fb.add_argument("--student", action="append", metavar="NIP", help="peserta ini saja")
    fb.add_argument("--to-folder", metavar="FOLDER", type=Path, help="juga salin ke folder ini")
    _course_option(fb)
    fb.set_defaults(func=run_feedback)

    ex = steps.add_parser("export", help="rekap nilai ke Excel (ringkasan + satu lembar per tugas)")
    ex.add_argument("--to", metavar="BERKAS.xlsx", type=Path, required=True)
    ex.add_argument(
        "--pass-percent", type=float, metavar="PERSEN", help="batas lulus (bawaan: pengaturan)"
    )
    _course_option(ex)
    ex.set_defaults(func=run_export)

    cert = steps.add_parser("certificates", help="sertifikat PDF untuk peserta yang lulus")
    which = cert.add_mutually_exclusive_group(required=True)
    which.add_argument("assignment", metavar="TUGAS", nargs="?")
    which.add_argument(
        "--all", action="store_true", help="satu sertifikat berisi semua tugas lulus"
    )
    cert.add_argument("--to-folder", metavar="FOLDER", type=Path)
    cert.add_argument("--pass-percent", type=float, metavar="PERSEN")
    _course_option(cert)
    cert.set_defaults(func=run_certificates)


class Progress:
    """A one-line progress bar on the terminal (plain lines when output is not a terminal)."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int, label: str) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        elapsed = fmt.number(time.monotonic() - self.started, 0)
        bar = "#" * filled + "." * (width - filled)
        text = f"{self.title} [{bar}] {done}/{total} ({elapsed} dtk) {label}"
        if self.tty:
            sys.stderr.write("\r\x1b[K" + text[:160])
            if done == total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()


def _now() -> str:
    return fmt.timestamp(pd.Timestamp.now(tz="UTC"))


def run_roster_import(args) -> int:
    from workbench.grading import import_roster

    roster = import_roster(args.file, course=args.course)
    counts = Counter(roster["perubahan"])
    print(
        f"Daftar peserta {args.file.name}: {len(roster)} peserta "
        f"({counts['baru']} baru, {counts['diperbarui']} diperbarui, {counts['tetap']} tetap)."
    )
    return 0


def run_release(args) -> int:
    from workbench.grading import release

    bar = Progress("Zip peserta") if args.to_folder else None
    result = release(
        args.assignment,
        course=args.course,
        to_folder=args.to_folder,
        due=args.due,
        progress=(lambda i, n, s: bar(i, n, s)) if bar else None,
    )
    print(f"Tugas {result.assignment} dirilis ({_now()}).")
    if result.due is not None:
        from workbench.grading.results import wib_text

        print(f"  Tenggat: {wib_text(result.due)}")
    if result.exchange is not None:
        print(f"  Folder pertukaran: {result.exchange}")
    if result.folders:
        print(f"  {len(result.folders)} zip peserta di {Path(args.to_folder).resolve()}")
    for warning in result.warnings:
        print(f"  PERINGATAN: {warning}")
    return 0


def run_collect(args) -> int:
    from workbench.grading import collect

    result = collect(args.assignment, course=args.course, from_folder=args.from_folder)
    print(f"Terkumpul {len(result.collected)} kiriman tugas {args.assignment}.")
    for student, note in sorted(result.notes.items()):
        print(f"  - {student}: {note}")
    if not result.unmatched.empty:
        print(f"{len(result.unmatched)} kiriman atau berkas tidak dikumpulkan:")
        for row in result.unmatched.itertuples():
            print(f"  - {row.berkas}: {row.alasan}")
        return 1
    return 0


def run_autograde(args) -> int:
    from workbench.grading import autograde, open_course

    bar = Progress("Menilai")
    report = autograde(
        args.assignment,
        course=args.course,
        students=args.student,
        jobs=args.jobs,
        cell_timeout=args.timeout,
        memory_mb=args.memory_mb,
        sandbox=not args.no_sandbox,
        progress=lambda i, n, o: bar(i, n, f"{o.student}: {o.status}"),
    )
    elapsed = fmt.number(time.monotonic() - bar.started, 0)
    counts = Counter(report["status"])
    print()
    print(f"Penilaian otomatis {args.assignment} selesai {_now()} ({elapsed} detik).")
    print(
        f"  {len(report)} peserta: {counts['dinilai']} dinilai, "
        f"{counts['dinilai dengan catatan']} dinilai dengan catatan, {counts['gagal']} gagal."
    )
    if args.no_sandbox:
        print("  PERINGATAN: dinilai TANPA sandbox (--no-sandbox).")
    scored = report["nilai"].dropna()
    if not scored.empty:
        top = report["nilai_maksimal"].iloc[0]
        print(
            f"  Nilai rata-rata {fmt.number(scored.mean())} dari {fmt.number(top, None)} "
            "(bagian tulisan menunggu penilaian manual di Formgrader)."
        )
    _print_rows("Catatan per peserta", report, "alasan")
    _print_rows(
        "PERLU DIPERIKSA PELATIH (nilai tetap; lihat juga Formgrader)", report, "perlu_diperiksa"
    )
    print(f"  Notebook bernilai: {open_course(args.course).folder('autograded')}")
    return 1 if counts["gagal"] else 0


def _print_rows(title: str, report: pd.DataFrame, column: str, limit: int = 15) -> None:
    rows = report[report[column] != ""]
    if rows.empty:
        return
    print(f"  {title}:")
    for row in rows.head(limit).itertuples():
        print(f"    - {row.nip}: {getattr(row, column)}")
    if len(rows) > limit:
        print(f"    ... dan {len(rows) - limit} lainnya (lihat 'workbench grade export').")


def run_feedback(args) -> int:
    from workbench.grading import feedback

    result = feedback(
        args.assignment, course=args.course, students=args.student, to_folder=args.to_folder
    )
    summary = result.summary
    counts = Counter(summary["status"])
    print(
        f"Umpan balik {args.assignment}: {len(summary)} peserta, {counts['dirilis']} dirilis, "
        f"{counts['disalin']} disalin ke folder, {counts['dibuat']} dibuat saja, "
        f"{counts['gagal']} gagal (uji tersembunyi tidak tampil)."
    )
    for row in summary.itertuples():
        note = f" ({row.catatan})" if row.catatan else ""
        print(f"  - {row.nip}: {row.status}{note}")
    waiting = summary["catatan"].str.contains("belum dinilai", regex=False).sum()
    if waiting:
        print(
            f"  PERINGATAN: {waiting} peserta menerima umpan balik sebelum bagian tulisannya "
            "dinilai; nilai di halamannya belum final."
        )
    if result.files:
        print(f"  Di folder kursus: {result.files[0].parent.parent.parent}")
    if args.to_folder:
        print(f"  Salinan untuk peserta: {Path(args.to_folder).resolve()}")
    return 1 if result.failed else 0


def run_export(args) -> int:
    from workbench.grading import export

    path = export(args.to, course=args.course, pass_percent=args.pass_percent)
    print(f"Rekap nilai ditulis ke {path}")
    return 0


def run_certificates(args) -> int:
    from workbench.grading import certificates

    bar = Progress("Sertifikat")
    files = certificates(
        None if args.all else args.assignment,
        course=args.course,
        to_folder=args.to_folder,
        pass_percent=args.pass_percent,
        progress=lambda i, n, s: bar(i, n, s),
    )
    if not files:
        print("Belum ada peserta yang lulus; tidak ada sertifikat yang dibuat.")
        return 0
    print(f"{len(files)} sertifikat PDF (A4) di {files[0].parent}")
    return 0
