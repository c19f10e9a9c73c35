"""The competency dashboard for the camat: gaps, priorities with the SKM reasons, plans, JP.

Only presentation lives here: every number comes from :func:`workbench.course.overview`
and its :meth:`~workbench.course.Overview.subset` (the unit and position filters), and the
Excel files from :mod:`workbench.competency.export`. NIPs are masked on screen; names appear
only in the person picker (to find someone) unless *Tampilkan nama* is ticked.

:func:`competency_dashboard` is where the page gathers what other capabilities know, as
tables: the observers' scores of conversation role plays (:mod:`workbench.percakapan`) become
the ``pengamat`` source beside self and supervisor, with large self-versus-observer gaps
flagged, and the scenario catalogue is matched to what the SKM raised.
"""

from __future__ import annotations

import base64
import html
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from workbench import competency, course
from workbench import formatting as fmt
from workbench.competency.observer import SELF_GAP
from workbench.config import Settings, get_settings
from workbench.data.privacy import mask_nip
from workbench.errors import WorkbenchError

__all__ = [
    "CompetencyDashboard",
    "competency_dashboard",
    "gap_heatmap_html",
    "jp_bars_html",
    "observer_html",
    "recommendations_html",
]

ALL = ""
_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_STYLE = """
<style>
.kmp-tabel {border-collapse: collapse; font-size: 12px;}
.kmp-tabel th, .kmp-tabel td {border: 1px solid #cbd5e1; padding: 3px 6px; text-align: left;}
.kmp-tabel th {background: #dbeafe;}
.kmp-peta td.nilai {text-align: center; min-width: 26px;}
.kmp-peta th.kompetensi {height: 190px; vertical-align: bottom; padding: 4px 2px;}
.kmp-peta th.kompetensi span {writing-mode: vertical-rl; transform: rotate(180deg);
                              white-space: nowrap; font-weight: normal; font-size: 11px;}
.kmp-bar {background: #e5e7eb; width: 260px; height: 14px; border-radius: 3px;
          display: inline-block; vertical-align: middle;}
.kmp-bar > div {height: 14px; border-radius: 3px;}
.kmp-kartu {display: inline-block; padding: 8px 16px; margin: 4px 8px 4px 0; border-radius: 6px;
            background: #f1f5f9; vertical-align: top;}
.kmp-kartu .besar {font-size: 24px; font-weight: bold;}
.kmp-catatan {color: #92400e; background: #fffbeb; padding: 6px 10px; border-radius: 4px;}
.kmp-tabel tr.kmp-selisih td {background: #fde68a;}
</style>
"""

#: Column headings on screen.
_HEADERS = {
    "peringkat": "Peringkat",
    "kompetensi": "Kompetensi",
    "kelompok": "Kelompok",
    "pegawai_dinilai": "Pegawai dinilai",
    "pegawai_kurang": "Pegawai di bawah standar",
    "persen_kurang": "% di bawah standar",
    "rata_kesenjangan": "Rata-rata kesenjangan",
    "skor_kebutuhan": "Skor kebutuhan",
    "skor_prioritas": "Skor prioritas",
    "peringkat_tanpa_skm": "Peringkat tanpa SKM",
    "alasan_skm": "Alasan dari SKM",
    "urutan": "No",
    "kesenjangan": "Kesenjangan",
    "kegiatan": "Kegiatan",
    "jenis": "Jenis",
    "penyelenggara": "Penyelenggara",
    "jp": "JP",
    "waktu": "Waktu",
    "alasan": "Alasan",
    "dibutuhkan": "Dibutuhkan",
    "dimiliki": "Dimiliki",
    "rincian": "Rincian sumber",
    "tanggal": "Tanggal",
    "bukti": "Bukti",
    "sumber": "Sumber",
    "unit": "Unit",
    "jumlah_pegawai": "Pegawai",
    "total_jp": "Total JP",
    "rata_jp": "Rata-rata JP",
    "pegawai_memenuhi": "Memenuhi",
    "persen_memenuhi": "% memenuhi",
    "total_kurang": "JP yang masih kurang",
    "atasan": "Atasan",
    "diri": "Diri",
    "pengamat": "Pengamat",
    "latihan": "Latihan",
    "tugas": "Tugas",
    "selisih_diri_pengamat": "Diri − pengamat",
    "keterangan": "Keterangan",
}


def _cell(value, decimals: int | None = None) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt.number(value, decimals=decimals)
    if isinstance(value, pd.Timestamp):
        return fmt.date(value)
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _table(frame: pd.DataFrame, css: str = "kmp-tabel") -> str:
    head = "".join(f"<th>{html.escape(_HEADERS.get(c, fmt.label(c)))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table class='{css}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _colour(gap: float) -> str:
    if pd.isna(gap):
        return "#f8fafc"
    if gap >= 2:
        return "#dc2626"
    if gap >= 1:
        return "#f87171"
    if gap > 0:
        return "#fecaca"
    return "#bbf7d0"


def _who(row, names: bool) -> str:
    label = row.nama if names else mask_nip(row.nip)
    return f"{label} · {row.jabatan}"


def _short(name: str, limit: int = 28) -> str:
    """A competency name short enough for a vertical column heading."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def gap_heatmap_html(view: course.Overview, *, names: bool = False) -> str:
    """Staff × competency table coloured by the gap (red: below standard, green: met, blank:
    not required); rows named by masked NIP and position unless ``names``."""
    gaps = view.gaps
    if gaps.empty:
        return "<p>Tidak ada pegawai pada pilihan ini.</p>"
    order = list(pd.unique(competency.load_dictionary()["kompetensi"]))
    columns = [k for k in order if k in set(gaps["kompetensi"])]
    grid = gaps.pivot_table(index="nip", columns="kompetensi", values="kesenjangan",
                            aggfunc="first", dropna=False)  # fmt: skip
    head = "<th>Pegawai</th>" + "".join(
        f"<th class='kompetensi' title='{html.escape(k)}'>"
        f"<span>{html.escape(_short(k))}</span></th>"
        for k in columns
    )
    rows = []
    for person in view.pegawai.itertuples():
        if person.nip not in grid.index:
            continue
        cells = []
        for k in columns:
            gap = grid.at[person.nip, k] if k in grid.columns else float("nan")
            shown = "" if pd.isna(gap) else fmt.number(gap, decimals=None)
            cells.append(f"<td class='nilai' style='background:{_colour(gap)}' "
                         f"title='{html.escape(k)}'>{shown}</td>")  # fmt: skip
        rows.append(f"<tr><td>{html.escape(_who(person, names))}</td>{''.join(cells)}</tr>")
    legend = (
        "<p>Angka = kesenjangan (level dibutuhkan − dimiliki). Merah: di bawah standar "
        "(makin tua makin jauh); hijau: memenuhi; kosong: tidak dibutuhkan jabatannya.</p>"
    )
    return (f"{legend}<table class='kmp-tabel kmp-peta'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")  # fmt: skip


def jp_bars_html(view: course.Overview, *, names: bool = False, minimum: int | None = None) -> str:
    """One bar per person: JP this year against the minimum (settings), behind first."""
    minimum = get_settings().jp_per_year if minimum is None else minimum
    ledger = view.ledger.sort_values(["kurang", "jp"], ascending=[False, True], kind="stable")
    rows = []
    for r in ledger.itertuples():
        share = min(r.jp / minimum, 1.0) if minimum else 1.0
        colour = "#16a34a" if r.memenuhi else "#f59e0b"
        status = "memenuhi" if r.memenuhi else f"kurang {fmt.number(r.kurang, decimals=None)} JP"
        rows.append(
            f"<tr><td>{html.escape(_who(r, names))}</td><td><span class='kmp-bar'>"
            f"<div style='width:{share * 100:.0f}%;background:{colour}'></div></span></td>"  # noqa: OW002 - CSS
            f"<td>{fmt.number(r.jp, decimals=None)} / {minimum} JP</td>"
            f"<td>{html.escape(status)}</td></tr>"
        )
    behind = int((~view.ledger["memenuhi"]).sum())
    head = (f"<p>Tahun {view.year}: {behind} dari {len(view.ledger)} pegawai belum mencapai "
            f"{minimum} JP.</p>")  # fmt: skip
    return head + f"<table class='kmp-tabel'><tbody>{''.join(rows)}</tbody></table>"


def observer_html(view: course.Overview, *, names: bool = False, batas: float = SELF_GAP) -> str:
    """Observer-rated levels beside self and supervisor for everyone observed in a role play,
    rows with a large self-versus-observer gap first and highlighted."""
    table = competency.source_comparison(view.penilaian, batas=batas)
    if "pengamat" not in table.columns or table["pengamat"].isna().all():
        return (
            "<p>Belum ada skor pengamat role-play percakapan untuk pegawai pada pilihan ini. "
            "Jalankan role-play bertiga (dasbor <i>06-percakapan-fasilitator</i>) dan hubungkan "
            "nama peserta ke NIP di <code>var/kompetensi/peserta.csv</code>.</p>"
        )
    seen = table[table["pengamat"].notna()].sort_values(
        ["selisih_besar", "nip"], ascending=[False, True], kind="stable"
    )
    people = view.pegawai.set_index("nip")

    def who(nip: str) -> str:
        if nip not in people.index:
            return mask_nip(nip)
        label = people.at[nip, "nama"] if names else mask_nip(nip)
        return f"{label} · {people.at[nip, 'jabatan']}"

    head = "".join(
        f"<th>{html.escape(_HEADERS.get(c, c))}</th>"
        for c in ("kompetensi", "atasan", "diri", "pengamat", "selisih_diri_pengamat", "keterangan")
    )
    rows = []
    for r in seen.itertuples(index=False):
        css = " class='kmp-selisih'" if r.selisih_besar else ""
        levels = [
            _cell(getattr(r, c, None))
            for c in ("atasan", "diri", "pengamat", "selisih_diri_pengamat")
        ]
        cells = [who(r.nip), r.kompetensi, *levels, r.keterangan]
        rows.append(
            f"<tr{css}>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"
        )
    flagged = int(seen["selisih_besar"].sum())
    intro = (
        f"<p>{fmt.count(seen['nip'].nunique())} pegawai sudah diamati. {fmt.count(flagged)} "
        f"kompetensi dengan selisih diri–pengamat ≥ {fmt.number(batas, decimals=None)} level "
        "(disorot): bahan percakapan pengembangan dengan atasan, bukan vonis.</p>"
    )
    return (
        f"{intro}<table class='kmp-tabel kmp-pengamat'><thead><tr><th>Pegawai</th>{head}"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def recommendations_html(recommendations, *, per_code: int = 3) -> str:
    """Per SKM element or theme that raised a competency, the conversation scenarios that
    train it (those naming the element or theme first)."""
    if recommendations is None or recommendations.empty:
        return "<p>Tidak ada skenario percakapan yang melatih kompetensi yang dinaikkan SKM.</p>"
    rows = []
    for (_source, code), part in recommendations.groupby(["sumber", "kode"], sort=False):
        chosen = part.head(per_code)
        names = "; ".join(
            f"{r.judul} ({r.skenario}{', langsung' if r.langsung else ''})"
            for r in chosen.itertuples()
        )
        skills = ", ".join(dict.fromkeys(k for t in chosen["kompetensi"] for k in t.split(", ")))
        rows.append(
            f"<tr><td>{html.escape(str(code))}</td><td>{html.escape(part['alasan'].iloc[0])}</td>"
            f"<td>{html.escape(skills)}</td><td>{html.escape(names)}</td></tr>"
        )
    return (
        "<table class='kmp-tabel kmp-saran-skenario'><thead><tr><th>Unsur/tema SKM</th>"
        "<th>Alasan</th><th>Kompetensi</th><th>Skenario percakapan</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table><p>Mainkan sendiri di dasbor "
        "<i>08-percakapan-sendiri</i>, atau bertiga di lokakarya (<i>06</i>/<i>07</i>).</p>"
    )


class CompetencyDashboard:
    """The dashboard as one ipywidgets tree; :attr:`widget` is what a page displays."""

    def __init__(
        self,
        full: course.Overview,
        *,
        settings: Settings | None = None,
        recommendations=None,
    ) -> None:
        self.settings = settings or get_settings()
        self.full = full
        self.view = full
        self.recommendations = recommendations
        units = sorted(full.pegawai["unit"].unique())
        positions = sorted(full.pegawai["jabatan"].unique())
        self.unit = widgets.Dropdown(options=[("Semua unit", ALL), *[(u, u) for u in units]],
                                     value=ALL, description="Unit:")  # fmt: skip
        self.position = widgets.Dropdown(
            options=[("Semua jabatan", ALL), *[(p, p) for p in positions]],
            value=ALL,
            description="Jabatan:",
        )
        self.show_names = widgets.Checkbox(value=False, description="Tampilkan nama")
        self.mask_exports = widgets.Checkbox(value=True, description="Samarkan NIP dan nama")
        self.person = widgets.Dropdown(description="Pegawai:", layout=widgets.Layout(width="520px"))
        self._updating = False
        self.unit.observe(lambda _change: self._unit_changed(), names="value")
        self.position.observe(lambda _change: self._refresh_unless_updating(), names="value")
        self.show_names.observe(lambda _change: self._show_tables(), names="value")
        self.person.observe(lambda _change: self._show_person(), names="value")
        self.plans_button = widgets.Button(description="Siapkan rencana (Excel)",
                                           icon="file-excel-o",
                                           layout=widgets.Layout(width="230px"))  # fmt: skip
        self.summary_button = widgets.Button(description="Siapkan ringkasan unit (Excel)",
                                             icon="file-excel-o",
                                             layout=widgets.Layout(width="260px"))  # fmt: skip
        self.plans_button.on_click(lambda _b: self._export("rencana"))
        self.summary_button.on_click(lambda _b: self._export("ringkasan"))
        self.cards = widgets.HTML()
        self.notes = widgets.HTML()
        self.heatmap = widgets.HTML()
        self.priorities = widgets.HTML()
        self.person_panel = widgets.HTML()
        self.jp_bars = widgets.HTML()
        self.jp_units = widgets.HTML()
        self.download = widgets.HTML()
        self.observers = widgets.HTML()
        self.scenario_advice = widgets.HTML(recommendations_html(recommendations))
        title = html.escape(self.settings.office_name)
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    f"{_STYLE}<h2>Kompetensi dan pengembangan ASN — {title}</h2><p>Analisis "
                    "kebutuhan pengembangan kompetensi (PermenPANRB 38/2017; PP 11/2017 "
                    "Pasal 203–206). Semua data diolah di komputer ini.</p>"
                ),
                widgets.HBox([self.unit, self.position, self.show_names]),
                self.cards,
                self.notes,
                widgets.HTML("<h3>Peta kesenjangan: pegawai × kompetensi</h3>"),
                self.heatmap,
                widgets.HTML(
                    "<h3>Prioritas pengembangan unit</h3><p>Urut dari kesenjangan "
                    "terbesar dan terluas; hasil SKM menaikkan kompetensi yang "
                    "dikeluhkan warga.</p>"
                ),
                self.priorities,
                widgets.HTML(
                    "<h3>Skenario percakapan yang disarankan SKM</h3><p>Unsur dan tema SKM yang "
                    "menaikkan kompetensi, dengan skenario latihan percakapan yang melatihnya."
                    "</p>"
                ),
                self.scenario_advice,
                widgets.HTML(
                    "<h3>Penilaian pengamat role-play di samping diri dan atasan</h3><p>Level "
                    "dari pengamat role-play percakapan (rubrik perilaku), penilaian diri dan "
                    "atasan berdampingan.</p>"
                ),
                self.observers,
                widgets.HTML("<h3>Rencana pengembangan individu</h3>"),
                self.person,
                self.person_panel,
                widgets.HTML("<h3>Capaian JP tahun ini</h3>"),
                self.jp_bars,
                self.jp_units,
                widgets.HTML("<h3>Unduh</h3>"),
                widgets.HBox([self.plans_button, self.summary_button, self.mask_exports]),
                self.download,
            ]
        )
        self.widget.add_class("kmp-dasbor")
        self.refresh()

    def _unit_changed(self) -> None:
        """Offer only the positions that exist in the chosen unit, then redraw once."""
        people = self.full.pegawai
        if self.unit.value:
            people = people[people["unit"] == self.unit.value]
        positions = sorted(people["jabatan"].unique())
        keep = self.position.value if self.position.value in positions else ALL
        self._updating = True
        try:
            self.position.options = [("Semua jabatan", ALL), *[(p, p) for p in positions]]
            self.position.value = keep
        finally:
            self._updating = False
        self.refresh()

    def _refresh_unless_updating(self) -> None:
        if not self._updating:
            self.refresh()

    def refresh(self) -> None:
        """Apply the unit and position filters and redraw everything."""
        self.view = self.full.subset(unit=self.unit.value or None,
                                     jabatan=self.position.value or None)  # fmt: skip
        self.download.value = ""
        view = self.view
        people = view.pegawai
        self.person.options = [(f"{p.nama} — {p.jabatan} ({p.unit})", p.nip)
                               for p in people.itertuples()]  # fmt: skip
        self.person.value = people["nip"].iloc[0] if len(people) else None
        counts = view.match["kategori"].value_counts()
        cards = [
            ("Pegawai", fmt.count(len(people))),
            ("Rata-rata kecocokan", fmt.number(view.match["kecocokan"].mean(), 1) + "%"
             if len(view.match) else "-"),
            *[(k, fmt.count(counts.get(k, 0))) for k in ("Optimal", "Cukup Optimal",
                                                        "Kurang Optimal")],
            (f"Belum {self.settings.jp_per_year} JP ({view.year})",
             fmt.count(int((~view.ledger["memenuhi"]).sum()))),
            ("Selisih besar diri–pengamat", fmt.count(_flagged(view))),
        ]  # fmt: skip
        self.cards.value = "".join(
            f"<div class='kmp-kartu'><div>{html.escape(k)}</div><div class='besar'>{v}</div></div>"
            for k, v in cards
        )
        origin = " · ".join(f"{k}: {v}" for k, v in view.sumber_data.items())
        notes = "".join(f"<div>{html.escape(n)}</div>" for n in view.catatan)
        self.notes.value = (
            f"<p class='kmp-sumber'>Sumber data — {html.escape(origin)}</p>" if origin else ""
        ) + (f"<div class='kmp-catatan'>{notes}</div>" if notes else "")
        shown = view.priorities[view.priorities["pegawai_kurang"] > 0].drop(columns=["kelompok"])
        if people.empty:
            self.priorities.value = "<p>Tidak ada pegawai pada pilihan ini.</p>"
        else:
            self.priorities.value = (
                _table(shown) if len(shown) else "<p>Semua memenuhi standar.</p>"
            )
        self.jp_units.value = "<h4>Ringkasan per unit</h4>" + _table(view.jp_units)
        self._show_tables()
        self._show_person()

    def _show_tables(self) -> None:
        names = self.show_names.value
        self.heatmap.value = gap_heatmap_html(self.view, names=names)
        self.observers.value = observer_html(self.view, names=names)
        self.jp_bars.value = jp_bars_html(self.view, names=names, minimum=self.settings.jp_per_year)

    def _show_person(self) -> None:
        nip = self.person.value
        if not nip:
            self.person_panel.value = "<p>Tidak ada pegawai pada pilihan ini.</p>"
            return
        mine = self.view.person(nip)
        match = mine["match"].iloc[0]
        jp = mine["ledger"].iloc[0]
        plan = mine["plan"]
        header = (
            f"<p><b>Kecocokan jabatan:</b> {fmt.number(match['kecocokan'], 1)}% "
            f"({html.escape(match['kategori'])}) · <b>JP {self.view.year}:</b> "
            f"{fmt.number(jp['jp'], decimals=None)} dari {self.settings.jp_per_year} · "
            f"<b>Rencana {self.view.plan_year}:</b> {fmt.count(int(plan['jp'].sum()))} JP</p>"
        )
        if int(plan["jp"].sum()) < self.settings.jp_per_year:
            header += (
                f"<p class='kmp-catatan'>Rencana ini kurang dari {self.settings.jp_per_year} JP: "
                "tambahkan kegiatan pilihan bersama atasan agar hak pengembangan terpenuhi.</p>"
            )
        if plan.empty:
            body = "<p>Tidak ada kesenjangan: semua kompetensi memenuhi standar jabatan.</p>"
        else:
            body = _table(plan[["urutan", "kompetensi", "kesenjangan", "kegiatan", "jenis",
                                "penyelenggara", "jp", "waktu", "alasan"]])  # fmt: skip
        short = mine["gaps"][mine["gaps"]["kesenjangan"] > 0]
        detail = _sources_html(self.view, nip)
        if len(short):
            columns = [c for c in ("kompetensi", "dibutuhkan", "dimiliki", "kesenjangan",
                                   "rincian") if c in short.columns]  # fmt: skip
            detail += "<h4>Kesenjangan dan asal nilainya</h4>" + _table(short[columns])
        self.person_panel.value = f"<div class='kmp-rencana'>{header}{body}{detail}</div>"

    def _export(self, kind: str) -> None:
        view, masked = self.view, self.mask_exports.value
        name = f"{'rencana-pengembangan' if kind == 'rencana' else 'ringkasan-kompetensi'}.xlsx"
        try:
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / name
                if kind == "rencana":
                    view.export_plans(target, masked=masked, settings=self.settings)
                else:
                    view.export_unit_summary(target, masked=masked, settings=self.settings)
                data = base64.b64encode(target.read_bytes()).decode("ascii")
        except WorkbenchError as exc:
            self.download.value = f"<div class='kmp-catatan'>{html.escape(str(exc))}</div>"
            return
        note = (
            "NIP disamarkan, tanpa nama, kelompok kecil digabung"
            if masked
            else "berisi NIP dan nama: jangan disebar"
        )
        self.download.value = (
            f"<a class='kmp-unduh' download='{name}' href='data:{_MIME};base64,{data}'>"
            f"Unduh {name}</a> ({note})"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _flagged(view: course.Overview) -> int:
    table = competency.source_comparison(view.penilaian)
    return int(table["selisih_besar"].sum()) if len(table) else 0


def _sources_html(view: course.Overview, nip: str) -> str:
    mine = view.penilaian[view.penilaian["nip"] == nip] if len(view.penilaian) else view.penilaian
    table = competency.source_comparison(mine)
    if table.empty or "pengamat" not in table.columns:
        return ""
    shown = table[table["pengamat"].notna()].drop(columns=["nip", "selisih_besar"])
    return "<h4>Level per sumber (kompetensi yang diamati di role-play)</h4>" + _table(shown)


def _gather_conversations(settings: Settings | None):
    """What conversation role plays add: observers' scores per person and competency, and the
    scenario catalogue, as tables (a problem reading them becomes a note, not a broken page)."""
    from workbench import percakapan

    notes = []
    try:
        scores = percakapan.competency_scores(percakapan.observer_scores(settings=settings))
    except WorkbenchError as exc:
        scores = None
        notes.append(f"Skor pengamat role-play tidak bisa dibaca: {exc.message}")
    try:
        scenarios = percakapan.catalogue(settings=settings)
    except WorkbenchError as exc:
        scenarios = None
        notes.append(f"Skenario percakapan tidak bisa dibaca: {exc.message}")
    return scores, scenarios, notes


def competency_dashboard(**kwargs) -> CompetencyDashboard:
    """The dashboard on the shipped data (or on the tables passed to
    :func:`workbench.course.overview`), with observers' scores of conversation role plays
    as the ``pengamat`` source and the scenarios recommended from the SKM."""
    settings = kwargs.pop("settings", None)
    scores, scenarios, notes = _gather_conversations(settings)
    kwargs.setdefault("pengamat", scores)
    view = course.overview(settings=settings, **kwargs)
    view.catatan.extend(notes)
    advice = None
    if scenarios is not None:
        advice = competency.scenario_recommendations(view.signals, scenarios)
    return CompetencyDashboard(view, settings=settings, recommendations=advice)
