"""``workbench grade``: the trainer's grading pipeline on any standard nbgrader course."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from workbench import formatting as fmt


def register(sub) -> None:
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

    roster = steps.add_parser("roster", help="daftar peserta")
    roster_steps = roster.add_subparsers(title="aksi", metavar="AKSI", required=True)
    imp = roster_steps.add_parser(
        "import",
        help="impor daftar peserta dari CSV/Excel (kolom: NIP, nama, unit, email)",
        description="Tambah atau perbarui peserta di gradebook. NIP 18 digit menjadi ID peserta.",
    )
    imp.add_argument("file", metavar="BERKAS", type=Path, help="berkas .csv atau .xlsx")
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
    col.set_defaults(func=run_collect)

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
    auto.set_defaults(func=run_autograde)

    fb = steps.add_parser("feedback", help="umpan balik HTML tanpa uji tersembunyi")
    fb.add_argument("assignment", metavar="TUGAS")
    fb.add_argument("--student", action="append", metavar="NIP", help="peserta ini saja")
    fb.add_argument("--to-folder", metavar="FOLDER", type=Path, help="juga salin ke folder ini")
    fb.set_defaults(func=run_feedback)

    ex = steps.add_parser("export", help="rekap nilai ke Excel (ringkasan + satu lembar per tugas)")
    ex.add_argument("--to", metavar="BERKAS.xlsx", type=Path, required=True)
    ex.add_argument(
        "--pass-percent", type=float, metavar="PERSEN", help="batas lulus (bawaan: pengaturan)"
    )
    ex.set_defaults(func=run_export)

    cert = steps.add_parser("certificates", help="sertifikat PDF untuk peserta yang lulus")
    which = cert.add_mutually_exclusive_group(required=True)
    which.add_argument("assignment", metavar="TUGAS", nargs="?")
    which.add_argument(
        "--all", action="store_true", help="satu sertifikat berisi semua tugas lulus"
    )
    cert.add_argument("--to-folder", metavar="FOLDER", type=Path)
    cert.add_argument("--pass-percent", type=float, metavar="PERSEN")
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
        elapsed = time.monotonic() - self.started
        text = (
            f"{self.title} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
            f"({elapsed:.0f} dtk) {label}"
        )
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
    return 0


def run_collect(args) -> int:
    from workbench.grading import collect

    result = collect(args.assignment, course=args.course, from_folder=args.from_folder)
    print(f"Terkumpul {len(result.collected)} kiriman tugas {args.assignment}.")
    if not result.unmatched.empty:
        print(f"{len(result.unmatched)} berkas tidak bisa dicocokkan:")
        for row in result.unmatched.itertuples():
            print(f"  - {row.berkas}: {row.alasan}")
        return 1
    return 0


def run_autograde(args) -> int:
    from workbench.grading import autograde

    bar = Progress("Menilai")
    report = autograde(
        args.assignment,
        course=args.course,
        students=args.student,
        jobs=args.jobs,
        cell_timeout=args.timeout,
        memory_mb=args.memory_mb,
        progress=lambda i, n, o: bar(i, n, f"{o.student}: {o.status}"),
    )
    elapsed = time.monotonic() - bar.started
    counts = Counter(report["status"])
    print()
    print(f"Penilaian otomatis {args.assignment} selesai {_now()} ({elapsed:.0f} detik).")
    print(
        f"  {len(report)} peserta: {counts['dinilai']} dinilai, "
        f"{counts['dinilai dengan catatan']} dinilai dengan catatan, {counts['gagal']} gagal."
    )
    scored = report["nilai"].dropna()
    if not scored.empty:
        top = report["nilai_maksimal"].iloc[0]
        print(
            f"  Nilai rata-rata {fmt.number(scored.mean())} dari {fmt.number(top, None)} "
            "(bagian tulisan menunggu penilaian manual di Formgrader)."
        )
    notes = report[report["alasan"] != ""]
    if not notes.empty:
        print("  Catatan per peserta:")
        for row in notes.head(15).itertuples():
            print(f"    - {row.nip}: {row.alasan}")
        if len(notes) > 15:
            print(f"    ... dan {len(notes) - 15} lainnya (lihat 'workbench grade export').")
    from workbench.grading import open_course

    print(f"  Notebook bernilai: {open_course(args.course).folder('autograded')}")
    return 1 if counts["gagal"] else 0


def run_feedback(args) -> int:
    from workbench.grading import feedback

    files = feedback(
        args.assignment, course=args.course, students=args.student, to_folder=args.to_folder
    )
    print(
        f"Umpan balik {args.assignment}: {len(files)} berkas HTML (uji tersembunyi tidak tampil)."
    )
    if files:
        print(f"  Di folder kursus: {files[0].parent.parent.parent}")
    if args.to_folder:
        print(f"  Salinan untuk peserta: {Path(args.to_folder).resolve()}")
    return 0


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
