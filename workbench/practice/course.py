"""The course catalogue: which modules exist, in what order, and how long each takes.

The catalogue is the single source for the index notebook's course map (shown with the
learner's progress by :func:`workbench.course.course_map`) and for the navigation cells
(previous / index / next) that ``tools/add_navigation.py`` writes; nothing about the order of
modules is typed by hand in a notebook.

Modules written in other issues (simulation, competency, SKM) have rows here already; a
module whose notebook is not there yet shows as "segera hadir" (coming soon).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["COURSE", "INDEX_NOTEBOOK", "CourseMap", "CourseModule", "find_module"]

INDEX_NOTEBOOK = "00-beranda.ipynb"


@dataclass(frozen=True)
class CourseModule:
    """One module of the course."""

    number: str  # "00", "01", ... sorts as the course
    title: str
    jp: int  # planned duration in jam pelajaran
    summary: str
    slug: str | None = None  # file name without number; None = whatever NN-*.ipynb exists

    @property
    def key(self) -> str:
        """The module id used in progress files ("01-python-secukupnya", or "10")."""
        return f"{self.number}-{self.slug}" if self.slug else self.number

    def notebook(self, folder: Path) -> Path | None:
        """The module's notebook in ``folder``, or None when it is not written yet."""
        if self.slug:
            path = folder / f"{self.number}-{self.slug}.ipynb"
            return path if path.is_file() else None
        found = sorted(folder.glob(f"{self.number}-*.ipynb"))
        return found[0] if found else None


COURSE: tuple[CourseModule, ...] = (
    CourseModule(
        "00",
        "Mulai: JupyterLab untuk pertama kali",
        1,
        "sel, menjalankan, menyimpan, penjelajah berkas, markdown, tempat kerja "
        "disimpan, cara bertanya",
        "mulai",
    ),
    CourseModule(
        "01",
        "Python secukupnya",
        2,
        "nilai, daftar, kamus, fungsi, membaca pesan galat",
        "python-secukupnya",
    ),
    CourseModule(
        "02",
        "Data layanan dengan pandas",
        3,
        "membaca data layanan, memilih, menyaring, mengurutkan, groupby, jam dan hari tersibuk",
        "data-layanan-dengan-pandas",
    ),
    CourseModule(
        "03",
        "Membersihkan data",
        3,
        "tipe data, duplikat, data hilang, nama tidak seragam, nilai mustahil, "
        "mencatat setiap langkah",
        "membersihkan-data",
    ),
    CourseModule(
        "04",
        "Visualisasi",
        2,
        "grafik yang menjawab pertanyaan camat, sumbu yang jujur, ekspor untuk laporan",
        "visualisasi",
    ),
    CourseModule(
        "05",
        "Mengelola data dan privasi",
        2,
        "berkas dan versi, spreadsheet vs tabel, menggabungkan data, UU 27/2022, "
        "menyamarkan NIK/NIP",
        "mengelola-data-dan-privasi",
    ),
    CourseModule(
        "06",
        "Analisis kebijakan",
        3,
        "dari pertanyaan ke bukti, membandingkan pilihan, asumsi, ringkasan satu halaman",
        "analisis-kebijakan",
    ),
    CourseModule(
        "10",
        "Simulasi antrean layanan",
        3,
        "mencoba kebijakan loket dengan simulasi sebelum menerapkannya",
        "simulasi-antrean-layanan",
    ),
    CourseModule(
        "11",
        "Kompetensi dan pengembangan ASN",
        2,
        "kesenjangan kompetensi, rencana pengembangan, catatan JP",
        "kompetensi-dan-pengembangan",
    ),
    CourseModule(
        "12",
        "Survei kepuasan masyarakat (SKM)",
        3,
        "menghitung IKM langkah demi langkah, membaca saran, rencana tindak lanjut",
        "survei-kepuasan-masyarakat",
    ),
    CourseModule(
        "13",
        "Komunikasi pelayanan",
        2,
        "percakapan di loket: keluhan, lansia dan layanan daring, rubrik pengamat, "
        "gratifikasi, role-play bertiga",
        "komunikasi-pelayanan",
    ),
)


def find_module(key: str) -> CourseModule:
    """The catalogue entry for a module id ("01-python-secukupnya", "01" or "10-...")."""
    number = key.split("-", 1)[0]
    for module in COURSE:
        if module.number == number:
            return module
    raise KeyError(f"no module {key!r} in the course catalogue")


class CourseMap:
    """The course map with the current learner's progress; displays as a linked table."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.table = table

    def __str__(self) -> str:
        return self.table.drop(columns=["berkas"]).to_string(index=False)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = []
        for r in self.table.itertuples():
            title = html.escape(r.judul)
            if r.berkas:
                title = f"<a href='{html.escape(r.berkas)}'>{title}</a>"
            rows.append(
                f"<tr><td>{r.modul}</td><td>{title}</td><td>{r.jp}</td>"
                f"<td>{html.escape(r.status)}</td><td>{html.escape(r.progres)}</td></tr>"
            )
        total = int(self.table["jp"].sum())
        return (
            "<table class='workbench-course-map'><thead><tr><th>modul</th><th>judul</th>"
            "<th>JP</th><th>status</th><th>progres Anda</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody><tfoot><tr><td></td><td><b>Jumlah</b></td>"
            f"<td><b>{total}</b></td><td></td><td></td></tr></tfoot></table>"
        )
