"""The SKM dashboard for the camat: index and quality, elements against the bands, trend,
groups, suggestion themes and the follow-up plan, with an upload for the office's own file.

Only presentation lives here: every number comes from :mod:`workbench.skm`, and an upload goes
through the same reader and validation as in a notebook, so its errors are the same Indonesian
:class:`~workbench.errors.WorkbenchError`, shown in the page.
"""

from __future__ import annotations

import base64
import html
import io
import tempfile
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from workbench import formatting as fmt
from workbench import skm
from workbench.config import Settings, get_settings
from workbench.errors import WorkbenchError
from workbench.skm import analysis as skm_analysis
from workbench.skm import plan as skm_plan

__all__ = ["PlanEditor", "SkmDashboard", "elements_figure", "skm_dashboard", "trend_figure"]

#: The seed of every bootstrap interval on the dashboard, so two camat see the same numbers.
DASHBOARD_SEED = 2017

_BAND_COLOURS = {"D": "#fee2e2", "C": "#fef3c7", "B": "#dcfce7", "A": "#bbf7d0"}
_MUTU_COLOURS = {"D": "#b91c1c", "C": "#b45309", "B": "#15803d", "A": "#166534"}
#: The breakdowns a camat can choose, labelled by the one label table (workbench.formatting).
_GROUPS = tuple(b for b in skm_analysis.BREAKDOWNS if b != "periode")


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def _band_background(ax, *, horizontal: bool) -> None:
    edges = [25.0, *(b.nilai_bawah for b in skm.BANDS[1:]), 100.0]
    for band, low, high in zip(skm.BANDS, edges[:-1], edges[1:], strict=True):
        span = ax.axvspan if horizontal else ax.axhspan
        span(low, high, color=_BAND_COLOURS[band.mutu], zorder=0)
        if horizontal:
            ax.text((low + high) / 2, -0.9, band.mutu, ha="center", va="center", fontsize=9)


def elements_figure(result: skm.IkmResult) -> Figure:
    """Horizontal bars of the nine elements' converted values over the quality bands."""
    table = result.to_frame().iloc[::-1]
    figure = Figure(figsize=(8, 4.2))
    ax = figure.subplots()
    _band_background(ax, horizontal=True)
    colours = [_MUTU_COLOURS[m] for m in table["mutu"]]
    ax.barh(
        [f"{u} {n}" for u, n in zip(table.unsur, table.nama_unsur, strict=True)],
        table["nilai"],
        color=colours,
        zorder=2,
        height=0.6,
    )
    for y, value in enumerate(table["nilai"]):
        ax.text(value + 0.5, y, fmt.number(value, 2), va="center", fontsize=8, zorder=3)
    ax.axvline(result.nilai, color="#1e3a8a", linestyle="--", linewidth=1, zorder=3)
    ax.set_xlim(25, 100)
    ax.set_ylim(-1.4, len(table) - 0.4)
    ax.set_xlabel("Nilai konversi (25–100); latar: batas mutu D, C, B, A; garis: IKM unit")
    ax.tick_params(axis="y", labelsize=8)
    return figure


def trend_figure(trend: pd.DataFrame) -> Figure:
    """The index per period with its bootstrap interval, over the quality bands."""
    figure = Figure(figsize=(8, 3.2))
    ax = figure.subplots()
    _band_background(ax, horizontal=False)
    x = np.arange(len(trend))
    low = trend["nilai"] - trend["nilai_bawah"]
    high = trend["nilai_atas"] - trend["nilai"]
    ax.errorbar(x, trend["nilai"], yerr=[low, high], fmt="o-", color="#1e3a8a", capsize=4, zorder=3)
    ax.set_xticks(x, trend["periode"].tolist())
    bottom = max(25.0, float(trend["nilai_bawah"].min()) - 5)
    top = min(100.0, float(trend["nilai_atas"].max()) + 5)
    ax.set_ylim(bottom, top)
    ax.set_ylabel("Nilai IKM")
    ax.set_title("Garis tegak: selang kepercayaan 95% (bootstrap)", fontsize=9)
    return figure


def _table_html(frame: pd.DataFrame, formats: dict[str, str] | None = None) -> str:
    formats = formats or {}
    shown = frame.copy()
    for column, kind in formats.items():
        if column not in shown.columns:
            continue
        if kind == "pct":  # a percentage 0–100 as the tables hold it
            shown[column] = [fmt.percent(v / 100, 1) for v in shown[column]]
        elif kind == "int":
            shown[column] = [fmt.count(v) for v in shown[column]]
        elif kind.startswith("num"):
            shown[column] = [fmt.number(v, int(kind[3:])) for v in shown[column]]
        elif kind == "date":
            shown[column] = [fmt.date(v) if pd.notna(v) else "" for v in shown[column]]
    shown = shown.rename(columns=fmt.label)
    return shown.to_html(index=False, border=0, classes="skm-tabel", escape=True, na_rep="")


_STYLE = """
<style>
.skm-dasbor h2 {margin: 0.2em 0;}
.skm-kartu {display: inline-block; padding: 10px 18px; margin: 4px 8px 4px 0; border-radius: 6px;
            background: #f1f5f9; min-width: 140px; vertical-align: top;}
.skm-kartu .besar {font-size: 28px; font-weight: bold;}
.skm-tabel {border-collapse: collapse; font-size: 13px;}
.skm-tabel th, .skm-tabel td {border: 1px solid #cbd5e1; padding: 3px 8px; text-align: left;}
.skm-tabel th {background: #dbeafe;}
.skm-peringatan {color: #92400e; background: #fffbeb; padding: 6px 10px; border-radius: 4px;}
</style>
"""


class SkmDashboard:
    """The dashboard as one ipywidgets tree; :attr:`widget` is what a page displays.

    ``responses`` are the answers shown first (the shipped survey in the dashboard notebook);
    an upload replaces them when it passes validation and shows the error otherwise, keeping
    the last good data on screen.
    """

    def __init__(
        self,
        responses: pd.DataFrame,
        *,
        source: str = "data contoh",
        seed: int = DASHBOARD_SEED,
        plan_name: str = "rencana-tindak-lanjut",
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.seed = seed
        self.plan_name = plan_name
        self.responses: pd.DataFrame | None = None
        self.report: skm.SkmReport | None = None
        self.source = source

        self.upload = widgets.FileUpload(
            accept=".csv,.xlsx",
            multiple=False,
            description="Unggah CSV/Excel",
            layout=widgets.Layout(width="220px"),
        )
        self.upload.observe(self._on_upload, names="value")
        self.population = widgets.BoundedIntText(
            value=0,
            min=0,
            max=10_000_000,
            description="Pengguna layanan:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="260px"),
        )
        self.population.observe(lambda _change: self._refresh(), names="value")
        self.period = widgets.Dropdown(
            options=[(fmt.label(p), p) for p in skm_analysis.PERIODS],
            value="triwulan",
            description="Periode:",
            layout=widgets.Layout(width="220px"),
        )
        self.period.observe(lambda _change: self._refresh(), names="value")
        self.group = widgets.Dropdown(
            options=[(fmt.label(g), g) for g in _GROUPS],
            value="jenis_layanan",
            description="Rincian per:",
            style={"description_width": "initial"},
        )
        self.group.observe(lambda _change: self._show_group(), names="value")
        self.excel_button = widgets.Button(
            description="Siapkan laporan Excel",
            icon="file-excel-o",
            layout=widgets.Layout(width="220px"),
        )
        self.excel_button.on_click(lambda _button: self._prepare_excel())

        self.source_label = widgets.HTML()
        self.message = widgets.HTML(layout=widgets.Layout(min_height="0"))
        self.message.add_class("skm-pesan")
        self.cards = widgets.HTML()
        self.elements_image = widgets.Image(format="png", layout=widgets.Layout(max_width="820px"))
        self.trend_image = widgets.Image(format="png", layout=widgets.Layout(max_width="820px"))
        self.trend_note = widgets.HTML()
        self.group_table = widgets.HTML()
        self.priorities_table = widgets.HTML()
        self.themes_table = widgets.HTML()
        self.plan_table = widgets.HTML()
        self.plan_editor = PlanEditor(
            plan_name=plan_name, settings=self.settings, on_saved=self._show_plan
        )
        self.plan_panel = widgets.Accordion(
            children=[self.plan_editor.widget],
            titles=("Perbarui rencana tindak lanjut (petugas)",),
            selected_index=None,
        )
        self.excel_link = widgets.HTML()

        title = html.escape(self.settings.office_name)
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    f"{_STYLE}<div class='skm-dasbor'><h2>Survei Kepuasan Masyarakat — {title}</h2>"
                    "<p>Indeks Kepuasan Masyarakat (IKM) menurut PermenPANRB No. 14 Tahun 2017."
                    " Semua data diolah di komputer ini.</p></div>"
                ),
                widgets.HBox([self.upload, self.population, self.period]),
                self.source_label,
                self.message,
                self.cards,
                widgets.HTML("<h3>Sembilan unsur pelayanan terhadap batas mutu</h3>"),
                self.elements_image,
                widgets.HTML("<h3>Tren per periode</h3>"),
                self.trend_image,
                self.trend_note,
                widgets.HTML("<h3>Rincian</h3>"),
                self.group,
                self.group_table,
                widgets.HTML("<h3>Prioritas perbaikan</h3>"),
                self.priorities_table,
                widgets.HTML("<h3>Tema saran masyarakat</h3>"),
                self.themes_table,
                widgets.HTML("<h3>Rencana tindak lanjut</h3>"),
                self.plan_table,
                self.plan_panel,
                widgets.HBox([self.excel_button, self.excel_link]),
            ]
        )
        self.widget.add_class("skm-dasbor")
        self.load(responses, source)

    # ------------------------------------------------------------------ data

    def load(self, responses: pd.DataFrame, source: str) -> bool:
        """Show ``responses``; on a validation error show it and keep the current data."""
        try:
            skm.validate(responses, file=source)
        except WorkbenchError as error:
            self.show_error(error, source)
            return False
        self.responses = responses
        self.source = source
        self.message.value = ""
        self._refresh()
        if not self.plan_editor.dirty:  # never throw away what someone is typing
            self._load_plan_editor()
        return True

    def _load_plan_editor(self) -> None:
        """Open the saved plan in the editor, or the draft from the priorities if none."""
        draft = skm.draft_plan(self.report.hasil) if self.report is not None else None
        self.plan_editor.open(draft=draft)

    def show_error(self, error: WorkbenchError, source: str) -> None:
        """Show ``error`` in the page, saying which data stays on screen."""
        kept = (
            f"<p>Dasbor tetap menampilkan data sebelumnya ({html.escape(self.source)}).</p>"
            if self.responses is not None
            else ""
        )
        self.message.value = (
            "<div class='skm-galat' "
            "style='border:1px solid #b91c1c;padding:8px;border-radius:4px'>"
            f"<p><b>Berkas {html.escape(source)} belum bisa dipakai.</b></p>"
            f"{error._repr_html_()}{kept}</div>"
        )

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name = item["name"]
        try:
            frame = skm.read_responses(bytes(item["content"]), filename=name)
        except WorkbenchError as error:
            self.show_error(error, name)
            return
        self.load(frame, name)

    # ------------------------------------------------------------------ rendering

    def _refresh(self) -> None:
        if self.responses is None:
            return
        population = self.population.value or None
        self.report = skm.report(
            self.responses,
            seed=self.seed,
            periode=self.period.value,
            populasi=population,
            warn=False,  # the notes are shown under the cards
        )
        rep = self.report
        self.source_label.value = (
            f"<p>Sumber data: <b>{html.escape(self.source)}</b> · "
            f"{fmt.count(rep.hasil.jumlah_responden)} responden</p>"
        )
        self._show_cards(rep)
        self.elements_image.value = _png(elements_figure(rep.hasil))
        self._show_trend(rep)
        self._show_group()
        self.priorities_table.value = _table_html(
            rep.prioritas.drop(columns=["nrr", "batas_target"]).assign(
                perlu_tindakan=rep.prioritas["perlu_tindakan"].map({True: "ya", False: "tidak"})
            ),
            {"nilai": "num2", "selisih": "num2", "persen_skor_rendah": "pct"},
        )
        self._show_themes()
        self._show_plan()
        self.excel_link.value = ""

    def _show_cards(self, rep: skm.SkmReport) -> None:
        hasil, selang = rep.hasil, rep.selang
        colour = _MUTU_COLOURS[hasil.mutu]
        cards = [
            ("Nilai IKM", f"<span class='besar'>{fmt.number(hasil.nilai, 2)}</span>"),
            (
                "Mutu",
                f"<span class='besar' style='color:{colour}'>{hasil.mutu}</span> {hasil.kinerja}",
            ),
            (
                f"Selang {fmt.percent(selang.tingkat, 0)}",
                f"{fmt.number(selang.bawah, 2)} – {fmt.number(selang.atas, 2)}",
            ),
            ("Responden", fmt.count(hasil.jumlah_responden)),
        ]
        if hasil.sampel_minimum is not None:
            cards.append(("Sampel minimum", fmt.count(hasil.sampel_minimum)))
        body = "".join(
            f"<div class='skm-kartu'><div>{k}</div><div>{v}</div></div>" for k, v in cards
        )
        warning = "".join(f"<p class='skm-peringatan'>{html.escape(n)}</p>" for n in rep.catatan)
        self.cards.value = f"<div class='skm-kartu-kartu'>{body}</div>{warning}"

    def _show_trend(self, rep: skm.SkmReport) -> None:
        trend = rep.tren
        if trend.empty:
            self.trend_image.value = b""
            self.trend_note.value = (
                "<p>Data tidak punya kolom tanggal yang terisi, jadi tren tidak bisa dibuat.</p>"
            )
            return
        left_out = (
            f"<p class='skm-peringatan'>{fmt.count(rep.tanpa_tanggal)} jawaban tanpa tanggal tidak "
            "ada di grafik ini (tetap dihitung dalam IKM keseluruhan).</p>"
            if rep.tanpa_tanggal
            else ""
        )
        self.trend_image.value = _png(trend_figure(trend))
        notes = [
            f"{html.escape(row.periode)}: {fmt.signed(row.perubahan, 2)} poin ({row.kesimpulan})"
            for row in trend.iloc[1:].itertuples()
        ]
        self.trend_note.value = left_out + (
            "<p>Perubahan dari periode sebelumnya: " + "; ".join(notes) + ".</p>" if notes else ""
        )

    def _show_group(self) -> None:
        if self.report is None:
            return
        by = self.group.value
        table = self.report.rincian.get(by)
        if table is None:
            self.group_table.value = (
                f"<p>Data tidak punya kolom untuk rincian {fmt.label(by).lower()}.</p>"
            )
            return
        columns = [by, "jumlah_responden", "nilai", "nilai_bawah", "nilai_atas", "mutu", "kinerja"]
        self.group_table.value = _table_html(
            table[columns],
            {
                "jumlah_responden": "int",
                "nilai": "num2",
                "nilai_bawah": "num2",
                "nilai_atas": "num2",
            },
        )

    def _show_themes(self) -> None:
        if "saran" not in self.responses.columns:
            self.themes_table.value = "<p>Data tidak punya kolom saran.</p>"
            return
        try:
            themes = skm.suggestion_themes(
                self.responses, dictionary=skm.load_themes(settings=self.settings)
            )
        except WorkbenchError as error:
            self.themes_table.value = error._repr_html_()
            return
        themes = themes[themes["jumlah"] > 0].sort_values("jumlah", ascending=False, kind="stable")
        themes = themes.assign(contoh=[" · ".join(f"“{q}”" for q in c) for c in themes["contoh"]])
        self.themes_table.value = _table_html(
            themes, {"persen_saran": "pct", "persen_negatif": "pct"}
        )

    def _show_plan(self) -> None:
        try:
            plan = skm.load_plan(self.plan_name, settings=self.settings)
        except WorkbenchError as error:
            self.plan_table.value = error._repr_html_()
            return
        if plan.empty:
            draft = skm.draft_plan(self.report.hasil)
            self.plan_table.value = (
                "<p>Belum ada rencana tindak lanjut yang disimpan. Draf dari prioritas di atas "
                "sudah disiapkan di <i>Perbarui rencana tindak lanjut</i> di bawah: lengkapi "
                "tindakan, penanggung jawab dan tenggat, lalu simpan.</p>"
                + _table_html(draft, {"tenggat": "date"})
            )
            return
        counts = skm_plan.plan_counts(plan)
        progress = skm.plan_progress(plan)
        progress = progress.assign(terlambat=progress["terlambat"].map({True: "ya", False: ""}))
        late = counts["terlambat"]
        late_text = f"; <b style='color:#b91c1c'>{late} terlambat</b>" if late else ""
        self.plan_table.value = (
            f"<p>{counts['selesai']} dari {counts['jumlah']} tindakan selesai{late_text}.</p>"
            + _table_html(progress, {"tenggat": "date"})
        )

    def _prepare_excel(self) -> None:
        if self.report is None:
            return
        plan = skm.load_plan(self.plan_name, settings=self.settings)
        with tempfile.TemporaryDirectory() as folder:
            path = skm.export_excel(
                self.report, Path(folder) / "laporan-skm.xlsx", rencana=plan, settings=self.settings
            )
            data = base64.b64encode(path.read_bytes()).decode("ascii")
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        self.excel_link.value = (
            f"<a download='laporan-skm.xlsx' href='data:{mime};base64,{data}'>"
            "Unduh laporan-skm.xlsx</a>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


class PlanEditor:
    """The follow-up plan as editable rows, saved atomically under the state folder.

    Each action is one row: element, problem, action, person in charge, deadline (a date
    picker) and status (a list: belum dimulai, berjalan, selesai). Rows can be added and
    removed; nothing is written until *Simpan rencana* is pressed, and then only a plan that
    passes :func:`workbench.skm.validate_plan`. The save carries the version of the file that
    was opened, so when a colleague saved in the meantime the page says so and overwrites
    nothing.
    """

    def __init__(self, *, plan_name: str, settings: Settings, on_saved=None) -> None:
        self.plan_name = plan_name
        self.settings = settings
        self.on_saved = on_saved
        self.version = ""
        self.dirty = False
        self.draft: pd.DataFrame | None = None  # shown while no plan is saved
        self.rows: list[dict[str, widgets.Widget]] = []
        self.rows_box = widgets.VBox()
        self.message = widgets.HTML()
        self.new_element = widgets.Dropdown(
            options=[(f"{code} {name}", code) for code, name in skm.ELEMENTS.items()],
            description="Unsur:",
            layout=widgets.Layout(width="380px"),
        )
        self.add_button = widgets.Button(description="Tambah tindakan", icon="plus")
        self.add_button.on_click(lambda _b: self.add_row(self.new_element.value))
        self.save_button = widgets.Button(
            description="Simpan rencana", icon="save", button_style="primary"
        )
        self.save_button.on_click(lambda _b: self.save())
        self.reload_button = widgets.Button(description="Muat ulang", icon="refresh")
        self.reload_button.on_click(lambda _b: self.reload())
        header = widgets.HBox(
            [
                widgets.HTML(f"<b>{t}</b>", layout=widgets.Layout(width=w))
                for t, w in _EDITOR_COLUMNS
            ]
        )
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<p>Petugas memperbarui rencana di sini: isi tindakan, penanggung jawab dan "
                    "tenggat, ubah status, lalu tekan <b>Simpan rencana</b>. Rencana disimpan di "
                    "folder data kantor dan ikut dicetak di laporan Excel.</p>"
                ),
                header,
                self.rows_box,
                widgets.HBox([self.new_element, self.add_button]),
                widgets.HBox([self.save_button, self.reload_button]),
                self.message,
            ]
        )
        self.widget.add_class("skm-rtl-editor")

    def load(self, plan: pd.DataFrame, version: str) -> None:
        """Show ``plan`` (validated) as editable rows; ``version`` is the saved file's."""
        self.version = version
        self.rows = []
        for row in skm.validate_plan(plan).itertuples():
            self._append(
                row.unsur,
                row.masalah,
                row.tindakan,
                row.penanggung_jawab,
                None if pd.isna(row.tenggat) else row.tenggat.date(),
                row.status,
            )
        self._show_rows()
        self.dirty = False

    def add_row(self, unsur: str) -> None:
        """A new, empty action for element ``unsur``."""
        self._append(unsur, "", "", "", None, skm_plan.PLAN_STATUSES[0])
        self._show_rows()
        self._changed()

    def remove_row(self, row: dict) -> None:
        """Take ``row`` out of the plan (saved only with *Simpan rencana*)."""
        self.rows = [r for r in self.rows if r is not row]
        self._show_rows()
        self._changed()

    def frame(self) -> pd.DataFrame:
        """The plan as the rows show it now (not validated)."""
        columns = {c: [] for c in skm_plan.PLAN_COLUMNS}
        for row in self.rows:
            columns["unsur"].append(row["unsur"].value)
            columns["masalah"].append(row["masalah"].value)
            columns["tindakan"].append(row["tindakan"].value)
            columns["penanggung_jawab"].append(row["penanggung_jawab"].value)
            columns["tenggat"].append(row["tenggat"].value)
            columns["status"].append(row["status"].value)
        return pd.DataFrame(columns, dtype=object)

    def save(self) -> bool:
        """Validate and save the rows; show what was wrong, or when it was saved (WIB)."""
        try:
            skm.save_plan(
                self.frame(), nama=self.plan_name, settings=self.settings, versi=self.version
            )
        except WorkbenchError as error:
            self.message.value = _plan_error_html(error)
            return False
        self.version = skm_plan.plan_version(self.plan_name, settings=self.settings)
        self.dirty = False
        now = pd.Timestamp.now(tz=self.settings.tz)
        self.message.value = (
            f"<p class='skm-tersimpan'>Rencana tersimpan {fmt.timestamp(now)} "
            f"({len(self.rows)} tindakan).</p>"
        )
        if self.on_saved is not None:
            self.on_saved()
        return True

    def open(self, *, draft: pd.DataFrame | None = None) -> bool:
        """Show the saved plan, or the draft (``draft``, or the last one given) when none is
        saved yet; False if the saved plan is unreadable.

        The version is read before the plan, so a save that lands in between makes the next
        save refused (safe) rather than silently overwritten.
        """
        version = skm_plan.plan_version(self.plan_name, settings=self.settings)
        try:
            plan = skm.load_plan(self.plan_name, settings=self.settings)
        except WorkbenchError as error:
            self.message.value = error._repr_html_()
            return False
        if draft is not None:
            self.draft = draft
        if plan.empty and self.draft is not None:
            plan = self.draft
        self.load(plan, version)
        self.message.value = ""
        return True

    def reload(self) -> None:
        """Throw away unsaved changes and show the saved plan again."""
        if self.open():
            self.message.value = "<p>Rencana tersimpan dimuat ulang.</p>"
            if self.on_saved is not None:
                self.on_saved()

    def _append(self, unsur, masalah, tindakan, penanggung_jawab, tenggat, status) -> None:
        widths = dict(_EDITOR_COLUMNS)
        row = {
            "unsur": widgets.Dropdown(
                options=list(skm.ELEMENTS),
                value=unsur if unsur in skm.ELEMENTS else None,
                layout=widgets.Layout(width=widths["Unsur"]),
            ),
            "masalah": widgets.Textarea(
                value=masalah, rows=4, layout=widgets.Layout(width=widths["Masalah"])
            ),
            "tindakan": widgets.Textarea(
                value=tindakan,
                rows=4,
                placeholder="tindakan konkret, bisa diperiksa",
                layout=widgets.Layout(width=widths["Tindakan"]),
            ),
            "penanggung_jawab": widgets.Text(
                value=penanggung_jawab,
                placeholder="jabatan",
                layout=widgets.Layout(width=widths["Penanggung jawab"]),
            ),
            "tenggat": widgets.DatePicker(
                value=tenggat, layout=widgets.Layout(width=widths["Tenggat"])
            ),
            "status": widgets.Dropdown(
                options=list(skm_plan.PLAN_STATUSES),
                value=status if status in skm_plan.PLAN_STATUSES else skm_plan.PLAN_STATUSES[0],
                layout=widgets.Layout(width=widths["Status"]),
            ),
        }
        remove = widgets.Button(
            description="Hapus", icon="trash", layout=widgets.Layout(width=widths[""])
        )
        remove.on_click(lambda _b: self.remove_row(row))
        for control in row.values():
            control.observe(lambda _change: self._changed(), names="value")
        row["hapus"] = remove
        self.rows.append(row)

    def _show_rows(self) -> None:
        boxes = []
        for row in self.rows:
            box = widgets.HBox(list(row.values()))
            box.add_class("skm-rtl-baris")
            boxes.append(box)
        self.rows_box.children = boxes or [
            widgets.HTML("<p><i>Belum ada tindakan. Tambahkan dengan tombol di bawah.</i></p>")
        ]

    def _changed(self) -> None:
        self.dirty = True
        self.message.value = "<p class='skm-peringatan'>Ada perubahan yang belum disimpan.</p>"


#: Editor columns: heading and width.
_EDITOR_COLUMNS = (
    ("Unsur", "80px"),
    ("Masalah", "300px"),
    ("Tindakan", "260px"),
    ("Penanggung jawab", "170px"),
    ("Tenggat", "160px"),
    ("Status", "140px"),
    ("", "90px"),
)


def _plan_error_html(error: WorkbenchError) -> str:
    """A plan error with rows named as the editor shows them ("tindakan ke-2")."""
    items = "".join(
        f"<li>{html.escape(skm_plan.describe_plan_problem(p))}</li>" for p in error.problems
    )
    return (
        "<div class='skm-galat-rencana' style='border:1px solid #b91c1c;padding:8px;"
        f"border-radius:4px'><p><b>Rencana belum disimpan.</b> {html.escape(error.message)}</p>"
        + (f"<ul>{items}</ul>" if items else "")
        + "</div>"
    )


def skm_dashboard(responses: pd.DataFrame | None = None, **kwargs) -> SkmDashboard:
    """The SKM dashboard over ``responses`` (the shipped survey when not given)."""
    if responses is None:
        from workbench.data import load

        responses = load("skm")
        kwargs.setdefault("source", "data contoh kantor (skm.csv)")
    return SkmDashboard(responses, **kwargs)
