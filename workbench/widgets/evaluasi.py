"""The faces of training evaluation: the reaction form, the workshop reaction page, the
trainer's and camat's dashboard, and the "Kami mendengar" preview.

Only presentation lives here: every number, verdict and sentence comes from
:mod:`workbench.evaluasi` (an :class:`~workbench.evaluasi.Evaluation` and its activities), the
files from its report writer and public page renderer.
"""

from __future__ import annotations

import base64
import html
import tempfile
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from workbench import evaluasi
from workbench import formatting as fmt
from workbench.config import Settings, get_settings
from workbench.course import evaluation as gather
from workbench.data.evaluasi import REAKSI_ITEMS, split_list
from workbench.data.schema import UNSUR_SKM
from workbench.errors import WorkbenchError
from workbench.evaluasi.reaction import OPEN_QUESTION, SCALE, module_code

__all__ = [
    "EvaluationDashboard",
    "ReactionForm",
    "WorkshopReactionPage",
    "conversation_reaction_form",
    "evaluation_dashboard",
    "public_page_view",
    "reaction_form",
    "session_reaction_form",
    "waits_chart_svg",
    "workshop_reaction_page",
]

_MIME = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".html": "text/html",
}

_STYLE = """
<style>
.evl-tabel {border-collapse: collapse; font-size: 12px; margin: 4px 0 10px;}
.evl-tabel th, .evl-tabel td {border: 1px solid #cbd5e1; padding: 3px 6px; text-align: left;
  vertical-align: top;}
.evl-tabel th {background: #dbeafe;}
.evl-tabel td.angka {text-align: right; white-space: nowrap;}
.evl-kartu {display: inline-block; padding: 8px 16px; margin: 4px 8px 4px 0; border-radius: 6px;
  background: #f1f5f9; vertical-align: top;}
.evl-kartu .besar {font-size: 22px; font-weight: bold;}
.evl-catatan {color: #92400e; background: #fffbeb; padding: 6px 10px; border-radius: 4px;}
.evl-membaik {color: #15803d; font-weight: bold;}
.evl-memburuk {color: #b91c1c; font-weight: bold;}
.evl-belum {color: #92400e; font-weight: bold;}
.evl-pernyataan {font-size: 14px; margin-top: 8px;}
</style>
"""


def _verdict_html(text: str) -> str:
    css = (
        "evl-membaik"
        if "membaik" in text
        else "evl-memburuk"
        if "memburuk" in text
        else ("evl-belum")
    )
    return f"<span class='{css}'>{html.escape(text)}</span>"


def _cell(value) -> str:
    if isinstance(value, bool) or value is None:
        return "" if value is None else ("ya" if value else "tidak")
    if isinstance(value, int | float):
        if pd.isna(value):
            return fmt.MISSING
        whole = isinstance(value, int) or float(value).is_integer()
        return fmt.number(value, 0 if whole else 2)
    if isinstance(value, pd.Timestamp):
        return fmt.date(value)
    return html.escape(str(value))


def _table(frame: pd.DataFrame, headers: dict[str, str], verdict: str | None = None) -> str:
    """A table with Indonesian headings; numbers right-aligned, the verdict column coloured."""
    if frame.empty:
        return "<p>Belum ada data.</p>"
    head = "".join(f"<th>{html.escape(title)}</th>" for title in headers.values())
    rows = []
    for row in frame[list(headers)].itertuples(index=False):
        cells = []
        for column, value in zip(headers, row, strict=True):
            if column == verdict:
                cells.append(f"<td>{_verdict_html(str(value))}</td>")
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f"<td class='angka'>{_cell(value)}</td>")
            else:
                cells.append(f"<td>{_cell(value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table class='evl-tabel'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# --- the reaction form ------------------------------------------------------------------------


class ReactionForm:
    """Six statements rated 1–5 and the open question; ``on_submit`` stores the answers and
    returns the thank-you text (or raises :class:`WorkbenchError`, shown in Indonesian)."""

    def __init__(
        self, title: str, on_submit: Callable[[dict], str], *, note: str | None = None
    ) -> None:
        self.on_submit = on_submit
        options = [(str(k), k) for k in SCALE]
        self.ratings: dict[str, widgets.ToggleButtons] = {}
        rows = []
        for code, statement in REAKSI_ITEMS.items():
            buttons = widgets.ToggleButtons(
                options=options,
                value=None,
                tooltips=list(SCALE.values()),
                style={"button_width": "44px"},
            )
            self.ratings[code] = buttons
            rows += [
                widgets.HTML(f"<div class='evl-pernyataan'>{html.escape(statement)}</div>"),
                buttons,
            ]
        self.text = widgets.Textarea(
            placeholder="Tulis jawaban Anda (boleh kosong)",
            layout=widgets.Layout(width="95%", height="70px"),
        )
        self.submit = widgets.Button(description="Kirim", button_style="primary", icon="send")
        self.submit.on_click(lambda _b: self._send())
        self.status = widgets.HTML(note or "")
        legend = " · ".join(f"{k} = {v.lower()}" for k, v in SCALE.items())
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"{_STYLE}<h3>{html.escape(title)}</h3><p>{legend}</p>"),
                *rows,
                widgets.HTML(f"<div class='evl-pernyataan'>{html.escape(OPEN_QUESTION)}</div>"),
                self.text,
                self.submit,
                self.status,
            ]
        )
        self.widget.add_class("evl-reaksi")

    def answers(self) -> dict:
        """The form's answers as the stores take them."""
        chosen = {code: buttons.value for code, buttons in self.ratings.items()}
        return {**chosen, "saran": self.text.value}

    def _send(self) -> None:
        try:
            thanks = self.on_submit(self.answers())
        except WorkbenchError as exc:
            self.status.value = f"<div class='evl-catatan'>{html.escape(str(exc))}</div>"
            return
        self.status.value = f"<p><b>{html.escape(thanks)}</b></p>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def reaction_form(modul: str, *, settings: Settings | None = None) -> ReactionForm:
    """The questionnaire at the end of module ``modul`` ("02"), saved in the learner's own
    file (:class:`~workbench.evaluasi.ModuleReactions`)."""
    from workbench.practice import learner_id

    settings = settings or get_settings()
    store = evaluasi.ModuleReactions(settings=settings)
    learner = learner_id(settings)
    kegiatan = module_code(modul)

    return _stored_form(
        store,
        learner,
        kegiatan,
        f"Bagaimana modul {modul} menurut Anda?",
        replaced="mengganti jawaban sebelumnya.",
        answered="<p>Anda sudah mengisi kuesioner modul ini; mengirim lagi mengganti jawaban "
        "sebelumnya.</p>",
        fresh="<p>Jawaban tidak menyebut nama Anda di rekap pelatih.</p>",
    )


def _stored_form(
    store, learner: str, kegiatan: str, title: str, *, replaced: str, answered: str, fresh: str
) -> ReactionForm:
    """A questionnaire saved in the learner's own file under ``kegiatan``: the note says
    whether they answered before (or why the file cannot be read)."""

    def save(answers: dict) -> str:
        when = store.save(learner, kegiatan, answers)
        return (
            f"Terima kasih, jawaban Anda tersimpan ({fmt.timestamp(when)}). Mengirim lagi "
            + replaced
        )

    try:
        done = store.answered(learner, kegiatan)
    except WorkbenchError as exc:
        note = f"<div class='evl-catatan'>{html.escape(str(exc))}</div>"
    else:
        note = answered if done else fresh
    return ReactionForm(title, save, note=note)


def conversation_reaction_form(
    scenario: str, title: str, learner: str, *, settings: Settings | None = None
) -> ReactionForm:
    """The questionnaire after a conversation played alone (``scenario``, its ``title``),
    saved in ``learner``'s own file under :func:`~workbench.evaluasi.reaction.conversation_code`
    (one answer per scenario; answering again after another play replaces it)."""
    from workbench.evaluasi.reaction import conversation_code

    store = evaluasi.ModuleReactions(settings=settings)
    kegiatan = conversation_code(scenario)

    return _stored_form(
        store,
        learner,
        kegiatan,
        f"Bagaimana latihan '{title}' menurut Anda?",
        replaced="mengganti jawaban sebelumnya untuk skenario ini.",
        answered="<p>Anda sudah mengisi kuesioner untuk skenario ini; mengirim lagi mengganti "
        "jawaban sebelumnya.</p>",
        fresh="<p>Satu menit saja. Jawaban tidak menyebut nama Anda di rekap pelatih.</p>",
    )


def session_reaction_form(
    session: str, triad: str, person: str, *, settings: Settings | None = None
) -> ReactionForm:
    """The questionnaire on a conversation session's triad page: many people submit at once,
    so into the workshop database (:class:`~workbench.evaluasi.WorkshopReactions`), under the
    session's code (:func:`~workbench.evaluasi.reaction.session_code`), one answer per
    person (:func:`~workbench.evaluasi.reaction.respondent_code`: answering again after a later
    round or a reload replaces it)."""
    from workbench.evaluasi.reaction import respondent_code, session_code

    store = evaluasi.WorkshopReactions(settings=settings)
    kegiatan = session_code(session)
    code = respondent_code(session, triad, person)

    def save(answers: dict) -> str:
        when = store.submit(kegiatan, code, answers)
        return (
            f"Terima kasih, jawaban Anda tersimpan ({fmt.timestamp(when)}). Sesudah ronde "
            "berikutnya Anda boleh mengirim lagi; yang terakhir dipakai."
        )

    return ReactionForm(
        "Sesudah ronde: bagaimana latihan percakapan ini menurut Anda?",
        save,
        note="<p>Isi setelah ronde Anda selesai (sekali cukup, paling baik setelah ronde "
        "terakhir). Jawaban tidak menyebut nama Anda di rekap pelatih.</p>",
    )


class WorkshopReactionPage:
    """The reaction page a workshop room fills in at once (one SQLite database), listing the
    activities of ``kegiatan`` other than modules."""

    def __init__(self, kegiatan: pd.DataFrame, *, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.store = evaluasi.WorkshopReactions(settings=self.settings)
        self.code = self.store.new_code()
        kegiatan = kegiatan.sort_values("tanggal_mulai", ascending=False)
        kegiatan = kegiatan[kegiatan["jenis"] != "modul"]
        self.activity = widgets.Dropdown(
            options=[
                (f"{k.nama} ({fmt.date(k.tanggal_mulai)})", k.id_kegiatan)
                for k in kegiatan.itertuples()
            ],
            description="Kegiatan:",
            layout=widgets.Layout(width="95%"),
        )
        self.form = ReactionForm(
            "Kuesioner reaksi peserta",
            self._save,
            note="<p>Tanpa nama. Satu halaman, satu jawaban.</p>",
        )
        self.widget = widgets.VBox([self.activity, self.form.widget])

    def _save(self, answers: dict) -> str:
        if not self.activity.value:
            raise WorkbenchError("Pilih kegiatan lebih dulu.")
        self.store.submit(self.activity.value, self.code, answers)
        count = len(self.store.frame(self.activity.value))
        return (
            f"Terima kasih! Jawaban Anda tersimpan; sudah {fmt.count(count)} jawaban untuk "
            "kegiatan ini. Mengirim lagi dari halaman ini mengganti jawaban Anda."
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def workshop_reaction_page(*, settings: Settings | None = None) -> WorkshopReactionPage:
    """The workshop reaction page on the office's activities (or the example's), read alone:
    a whole room opens this page at once, so it computes no evaluation."""
    return WorkshopReactionPage(gather.activity_list(settings=settings), settings=settings)


# --- the trainer's and camat's dashboard ------------------------------------------------------


def waits_chart_svg(ev: evaluasi.Evaluation, kegiatan: str) -> str:
    """Weekly mean wait of the trained office and of the comparison offices, with the
    training marked: an inline SVG drawn by hand (no file, no plotting library to load)."""
    row = ev._row(kegiatan)
    offices = split_list(row.get("kantor"))
    daily = ev.daily
    if not offices or daily.empty or offices[0] not in set(daily["kantor"]):
        return ""
    series = {offices[0]: _weekly(daily[daily["kantor"] == offices[0]])}
    others = ev.comparison_offices(row)
    if others:
        series["kantor pembanding (rata-rata)"] = _weekly(daily[daily["kantor"].isin(others)])
    start = pd.Timestamp(row["tanggal_mulai"]).tz_localize(None)
    return _line_chart(series, start, "menit (rata-rata mingguan)")


def _weekly(part: pd.DataFrame) -> pd.Series:
    days = part["tanggal"].dt.tz_localize(None)
    return part.groupby(days.dt.to_period("W").dt.start_time)["rata_tunggu"].mean().dropna()


_COLOURS = ("#1d4ed8", "#64748b")


def _line_chart(series: dict[str, pd.Series], marker: pd.Timestamp, unit: str) -> str:
    width, height, left, bottom, top = 760, 250, 50, 30, 30
    first = min(s.index.min() for s in series.values())
    last = max(s.index.max() for s in series.values())
    span = max((last - first).days, 1)
    peak = max(float(s.max()) for s in series.values()) or 1.0

    def x(day) -> float:
        return left + (width - left - 10) * (pd.Timestamp(day) - first).days / span

    def y(value) -> float:
        return top + (height - top - bottom) * (1 - value / peak)

    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        "font-family='sans-serif' font-size='11'>"
    ]
    for k in range(5):
        value = peak * k / 4
        parts.append(
            f"<line x1='{left}' x2='{width - 10}' y1='{y(value):.1f}' "  # noqa: OW002 - SVG coordinates
            f"y2='{y(value):.1f}' stroke='#e2e8f0'/><text x='{left - 6}' "
            f"y='{y(value) + 4:.1f}' text-anchor='end'>{fmt.number(value, 0)}</text>"
        )
    for month in pd.date_range(first, last, freq="MS"):
        parts.append(
            f"<text x='{x(month):.1f}' y='{height - 10}'>{fmt.BULAN[month.month - 1][:3]}</text>"  # noqa: OW002 - SVG coordinates
        )
    for colour, (label, values) in zip(_COLOURS, series.items(), strict=False):
        points = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in values.items())  # noqa: OW002 - SVG coordinates
        parts.append(
            f"<polyline fill='none' stroke='{colour}' stroke-width='2' points='{points}'>"
            f"<title>{html.escape(label)}</title></polyline>"
        )
    parts.append(
        f"<line x1='{x(marker):.1f}' x2='{x(marker):.1f}' y1='{top}' "  # noqa: OW002 - SVG coordinates
        f"y2='{height - bottom}' stroke='#b91c1c' stroke-dasharray='5,4'/>"
    )
    legend = [(c, label) for c, label in zip(_COLOURS, series, strict=False)]
    legend.append(("#b91c1c", "pelatihan"))
    for i, (colour, label) in enumerate(legend):
        parts.append(
            f"<rect x='{left + 10 + 230 * i}' y='2' width='12' height='4' "
            f"fill='{colour}'/><text x='{left + 26 + 230 * i}' y='8'>"
            f"{html.escape(label)}</text>"
        )
    parts.append(f"<text x='4' y='{top - 8}' font-size='10'>{html.escape(unit)}</text></svg>")
    return "".join(parts)


_SUMMARY = {
    "nama": "Kegiatan",
    "jenis": "Jenis",
    "tanggal_mulai": "Mulai",
    "jp": "JP",
    "peserta": "Peserta",
    "reaksi": "Reaksi (1–5)",
    "belajar": "Belajar",
    "perilaku": "Perilaku",
    "hasil": "Hasil (waktu tunggu)",
}


class EvaluationDashboard:
    """The four levels per activity, per unit and per competency; reminders; reports; the
    citizens' notes; and the public page's preview. :attr:`widget` is what a page displays."""

    def __init__(self, ev: evaluasi.Evaluation, *, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.ev = ev
        ids = ev.activity_ids()
        names = dict(
            zip(ev.tables.kegiatan["id_kegiatan"], ev.tables.kegiatan["nama"], strict=True)
        )
        self.activity = widgets.Dropdown(
            options=[(f"{names[k]} ({k})", k) for k in ids],
            value=ids[0] if ids else None,
            description="Kegiatan:",
            layout=widgets.Layout(width="640px"),
        )
        self.group = widgets.ToggleButtons(
            options=[("Per unit", "unit"), ("Per kompetensi", "kompetensi")], value="unit"
        )
        self.cards, self.origin, self.overview = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.detail, self.groups, self.todo = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.download = widgets.HTML()
        buttons = [
            (self.report_button("Laporan Excel", ".xlsx")),
            (self.report_button("Laporan PDF", ".pdf")),
        ]
        self.notes = NotesPanel(ev, settings=self.settings, on_change=self._show_public)
        self.public = widgets.HTML()
        public_button = widgets.Button(
            description="Simpan halaman publik (HTML)",
            icon="download",
            layout=widgets.Layout(width="260px"),
        )
        public_button.on_click(lambda _b: self._export_public())
        self.activity.observe(lambda _c: self._show_activity(), names="value")
        self.group.observe(lambda _c: self._show_groups(), names="value")
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    f"{_STYLE}<h2>Evaluasi pelatihan — {html.escape(self.settings.office_name)}"
                    "</h2><p>Empat level evaluasi (reaksi, pembelajaran, perilaku, hasil) per "
                    'kegiatan. Setiap perubahan disertai selang kepercayaan 95%; "belum bisa '
                    'disimpulkan" berarti data belum cukup untuk mengatakan ada perubahan.</p>'
                ),
                self.cards,
                self.origin,
                widgets.HTML("<h3>Semua kegiatan</h3>"),
                self.overview,
                widgets.HTML("<h3>Satu kegiatan</h3>"),
                self.activity,
                widgets.HBox(buttons),
                self.download,
                self.detail,
                widgets.HTML("<h3>Pembelajaran dan perilaku per unit atau kompetensi</h3>"),
                self.group,
                self.groups,
                widgets.HTML("<h3>Pengingat penilaian tindak lanjut</h3>"),
                self.todo,
                widgets.HTML("<h3>Catatan forum warga</h3>"),
                self.notes.widget,
                widgets.HTML('<h3>Pratinjau halaman publik "Kami mendengar"</h3>'),
                public_button,
                self.public,
            ]
        )
        self.widget.add_class("evl-dasbor")
        self.refresh()

    def report_button(self, label: str, suffix: str) -> widgets.Button:
        button = widgets.Button(
            description=label, icon="file", layout=widgets.Layout(width="180px")
        )
        button.on_click(lambda _b: self._export_report(suffix))
        return button

    def refresh(self) -> None:
        """Redraw everything from the evaluation."""
        ev = self.ev
        summary = ev.summary()
        counts = {
            "Kegiatan": fmt.count(len(summary)),
            "Peserta (kali ikut)": fmt.count(int(summary["peserta"].sum()) if len(summary) else 0),
            "JP diberikan": fmt.number((summary["jp"] * summary["peserta"]).sum(), None),
            "Penilaian tindak lanjut tertunda": fmt.count(int(ev.reminders()["pegawai"].sum())),
        }
        self.cards.value = "".join(
            f"<div class='evl-kartu'><div>{html.escape(k)}</div><div class='besar'>{v}</div></div>"
            for k, v in counts.items()
        )
        origin = " · ".join(f"{k}: {v}" for k, v in ev.tables.sumber_data.items())
        planted = "".join(f"<li>{html.escape(t)}</li>" for t in ev.tables.ditanam)
        notes = "".join(
            f"<div class='evl-catatan evl-catatan-sumber'>{html.escape(t)}</div>"
            for t in ev.tables.catatan_sumber
        )
        self.origin.value = (
            f"<p class='kecil'>Sumber data — {html.escape(origin)}</p>"
            + notes
            + (
                f"<div class='evl-catatan'><b>Data contoh.</b> Yang ditanam:<ul>{planted}</ul>"
                "</div>"
                if planted
                else ""
            )
        )
        alone = ev.module_reactions()
        self.overview.value = _table(summary, _SUMMARY) + (
            "<h4>Dikerjakan mandiri (kuesioner akhir modul dan latihan percakapan)</h4>"
            + _table(
                alone,
                {
                    "kegiatan": "Kegiatan",
                    "jawaban": "Jawaban",
                    "rata": "Rata-rata (1–5)",
                    "kesimpulan": "Kesimpulan",
                },
            )
            if len(alone)
            else ""
        )
        self._show_activity()
        self._show_groups()
        self._show_reminders()
        self._show_public()

    def _show_activity(self) -> None:
        self.download.value = ""
        if not self.activity.value:
            self.detail.value = "<p>Belum ada kegiatan.</p>"
            return
        self.detail.value = activity_html(self.ev, self.activity.value)

    def _show_groups(self) -> None:
        by = self.group.value
        learned = self.ev.by_group("belajar", by)
        behaved = self.ev.by_group("perilaku", by)
        title = "Unit" if by == "unit" else "Kompetensi"
        self.groups.value = (
            "<h4>Pembelajaran (nilai 0–100)</h4>"
            + _table(learned, {by: title, **_LEARNING_COLUMNS}, verdict="putusan")
            + "<h4>Perilaku (level 1–5)</h4>"
            + _table(
                behaved, {by: title, "sumber": "Penilai", **_BEHAVIOUR_COLUMNS}, verdict="putusan"
            )
        )

    def _show_reminders(self) -> None:
        todo = self.ev.reminders()
        if todo.empty:
            self.todo.value = "<p>Tidak ada penilaian tindak lanjut yang jatuh tempo.</p>"
            return
        when = fmt.date_long(self.ev.tables.hari_ini)
        items = "".join(
            f"<li><b>{html.escape(r.status)}</b>: {html.escape(r.pesan)}</li>"
            for r in todo.itertuples()
        )
        self.todo.value = f"<p>Per {when}:</p><ul>{items}</ul>"

    def _show_public(self) -> None:
        try:
            page = gather.public_page(self.ev, settings=self.settings, notes=self.notes.store)
        except WorkbenchError as exc:
            self.public.value = f"<div class='evl-catatan'>{html.escape(str(exc))}</div>"
            return
        self.public.value = evaluasi.render_html(page, standalone=False)

    def _export_report(self, suffix: str) -> None:
        kegiatan = self.activity.value
        name = f"evaluasi-{kegiatan}{suffix}"
        printed = fmt.timestamp(pd.Timestamp.now(tz=self.settings.tz))
        try:
            with tempfile.TemporaryDirectory() as folder:
                path = evaluasi.write_report(
                    self.ev.activity(kegiatan),
                    Path(folder) / name,
                    office_name=self.settings.office_name,
                    printed=printed,
                )
                data = path.read_bytes()
        except WorkbenchError as exc:
            self.download.value = f"<div class='evl-catatan'>{html.escape(str(exc))}</div>"
            return
        self.download.value = _link(name, data)

    def _export_public(self) -> None:
        page = gather.public_page(self.ev, settings=self.settings, notes=self.notes.store)
        data = evaluasi.render_html(page).encode("utf-8")
        self.download.value = _link("kami-mendengar.html", data) + (
            " — salin berkas ini ke situs kantor atau buka di layar loket (tanpa internet)."
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _link(name: str, data: bytes) -> str:
    mime = _MIME[Path(name).suffix]
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"<a class='evl-unduh' download='{html.escape(name)}' "
        f"href='data:{mime};base64,{encoded}'>Unduh {html.escape(name)}</a>"
    )


_LEARNING_COLUMNS = {
    "peserta": "Peserta",
    "rata_awal": "Awal",
    "rata_akhir": "Akhir",
    "rata_naik": "Kenaikan",
    "bawah": "Selang dari",
    "atas": "sampai",
    "putusan": "Kesimpulan",
}
_BEHAVIOUR_COLUMNS = {
    "dinilai": "Dinilai",
    "belum": "Belum",
    "rata_sebelum": "Sebelum",
    "rata_sesudah": "Sesudah",
    "rata_perubahan": "Perubahan",
    "bawah": "Selang dari",
    "atas": "sampai",
    "putusan": "Kesimpulan",
}


def activity_html(ev: evaluasi.Evaluation, kegiatan: str) -> str:
    """One activity's four levels as the dashboard shows them."""
    a = ev.activity(kegiatan)
    k = a.kegiatan
    units = a.peserta.groupby("unit").size()
    head = (
        f"<h4>{html.escape(a.judul)}</h4><p>{html.escape(str(k['jenis']))} · "
        f"{fmt.number(k['jp'], None)} JP · {fmt.count(len(a.peserta))} peserta ("
        + (
            ", ".join(f"{html.escape(u)}: {n}" for u, n in units.items())
            or "daftar peserta belum ada"
        )
        + ")</p>"
    )
    reaction = a.reaksi.butir.assign(
        pernyataan=lambda f: f["kode"] + ". " + f["pernyataan"],
        persen_setuju=lambda f: [fmt.percent(v / 100, 0) for v in f["persen_setuju"]],
    )
    levels = [
        (
            "1. Reaksi",
            a.kesimpulan["reaksi"],
            _table(
                reaction,
                {
                    "pernyataan": "Pernyataan",
                    "jawaban": "Jawaban",
                    "rata": "Rata-rata (1–5)",
                    "bawah": "Selang dari",
                    "atas": "sampai",
                    "persen_setuju": "% setuju (4–5)",
                },
            ),
        ),
        (
            "2. Pembelajaran",
            a.kesimpulan["belajar"],
            _table(a.belajar, _LEARNING_COLUMNS, verdict="putusan"),
        ),
        (
            "3. Perilaku",
            a.kesimpulan["perilaku"],
            _table(a.perilaku, {"sumber": "Penilai", **_BEHAVIOUR_COLUMNS}, verdict="putusan")
            + _schedule_line(a),
        ),
        ("4. Hasil", a.kesimpulan["hasil"], _results_html(ev, a)),
    ]
    body = "".join(
        f"<h4>{title}</h4><p>{html.escape(text)}</p>{table}" for title, text, table in levels
    )
    follow = "".join(f"<li>{html.escape(t)}</li>" for t in a.tindak_lanjut)
    return (
        f"<div class='evl-kegiatan'>{head}{body}<h4>Tindak lanjut</h4>"
        f"<ul>{follow or '<li>Tidak ada yang tertunda.</li>'}</ul></div>"
    )


def _schedule_line(a) -> str:
    states = a.jadwal["status"].value_counts()
    if states.empty:
        return ""
    parts = ", ".join(f"{html.escape(s)}: {fmt.count(n)}" for s, n in states.items())
    return f"<p>Jadwal penilaian tindak lanjut (1–3 bulan sesudah): {parts}.</p>"


def _results_html(ev: evaluasi.Evaluation, a) -> str:
    from workbench.evaluasi.results import MEASURES

    rows = []
    for r in a.hasil:
        label, unit, _better, decimals = MEASURES[r.ukuran]
        est = r.estimate
        rows.append(
            {
                "kantor": r.kantor,
                "ukuran": f"{label} ({unit})",
                "cara": "dibanding kantor yang belum dilatih"
                if r.metode.startswith("selisih")
                else "pola sebelum pelatihan",
                "sebelum": fmt.number(r.sebelum, decimals),
                "sesudah": fmt.number(r.sesudah, decimals),
                "perubahan": fmt.signed(est.nilai, decimals) if est.cukup else fmt.MISSING,
                "selang": est.interval_text(decimals)
                if est.cukup
                else html.escape(est.alasan or ""),
                "putusan": r.putusan,
            }
        )
    headers = {
        "kantor": "Kantor",
        "ukuran": "Ukuran",
        "cara": "Cara",
        "sebelum": "Sebelum",
        "sesudah": "Sesudah",
        "perubahan": "Perubahan",
        "selang": "Selang 95%",
        "putusan": "Kesimpulan",
    }
    table = _table(pd.DataFrame(rows), headers, verdict="putusan") if rows else ""
    truth = "".join(
        f"<p class='evl-catatan'>Data contoh: efek yang ditanam di {html.escape(o)} = "
        f"{fmt.signed(v, 1)} menit.</p>"
        for o, v in a.efek_sebenarnya.items()
    )
    skm = [
        {
            "unsur": f"{c.unsur} {c.nama}",
            "sebelum": fmt.number(c.sebelum, 2),
            "sesudah": fmt.number(c.sesudah, 2),
            "perubahan": fmt.signed(c.estimate.nilai, 2) if c.estimate.cukup else fmt.MISSING,
            "selang": c.estimate.interval_text(2)
            if c.estimate.cukup
            else (c.estimate.alasan or ""),
            "putusan": c.putusan,
        }
        for c in a.skm
    ]
    skm_table = (
        _table(
            pd.DataFrame(skm),
            {
                "unsur": "Unsur SKM (25–100)",
                "sebelum": "Sebelum",
                "sesudah": "Sesudah",
                "perubahan": "Perubahan",
                "selang": "Selang 95%",
                "putusan": "Kesimpulan",
            },
            verdict="putusan",
        )
        if skm
        else ""
    )
    chart = waits_chart_svg(ev, a.kegiatan["id_kegiatan"])
    return table + truth + chart + _calendar_html(ev, a) + skm_table


def _calendar_html(ev: evaluasi.Evaluation, a) -> str:
    """The trained office's plain pattern per weekday: what the models take into account."""
    from workbench.evaluasi.results import seasonal_profile

    offices = [o for o in split_list(a.kegiatan.get("kantor")) if o in set(ev.daily["kantor"])]
    if not offices:
        return ""
    weekday, _month = seasonal_profile(ev.daily, offices[0])
    cells = "".join(
        f"<td class='angka'>{fmt.number(r.rata_tunggu, 1)} menit<br>{fmt.number(r.tiket, 0)} "
        "tiket</td>"
        for r in weekday.itertuples()
    )
    head = "".join(f"<th>{html.escape(str(d))}</th>" for d in weekday.index)
    return (
        f"<p>Pola hari kerja di {html.escape(offices[0])} (rata-rata harian sepanjang data; "
        "model di atas sudah memperhitungkannya):</p>"
        f"<table class='evl-tabel'><thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr>"
        "</tbody></table>"
    )


class NotesPanel:
    """Staff add forum notes and review them; only approved notes reach the public page."""

    def __init__(
        self,
        ev: evaluasi.Evaluation,
        *,
        settings: Settings,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        names = tuple(ev.tables.pegawai.get("nama", pd.Series(dtype=str)).dropna())
        self.example = bool(ev.tables.ditanam)
        self.on_change = on_change
        path = None
        if self.example:  # try-outs on the example never touch the office's own notes
            self._scratch = tempfile.TemporaryDirectory(prefix="catatan-contoh-")
            path = Path(self._scratch.name) / "catatan-warga.csv"
        self.store = evaluasi.NotesStore(path, settings=settings, names=names)
        if self.example:
            self.store._save(ev.tables.catatan)
        self.day = widgets.Text(description="Tanggal:", placeholder="12/03/2025")
        self.source = widgets.Text(description="Forum:", placeholder="Forum warga RW 03")
        self.element = widgets.Dropdown(
            options=[("(tanpa unsur)", "")] + [(f"{c} {n}", c) for c, n in UNSUR_SKM.items()],
            description="Unsur:",
        )
        self.text = widgets.Textarea(
            placeholder="Yang disampaikan warga, tanpa nama, NIK atau nomor telepon",
            layout=widgets.Layout(width="95%"),
        )
        add = widgets.Button(description="Catat", icon="plus")
        add.on_click(lambda _b: self._add())
        self.status = widgets.HTML()
        self.pending = widgets.VBox()
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<p>Catatan baru menunggu tinjauan; hanya yang disetujui tampil di halaman "
                    "publik. Persetujuan ditolak selama teks masih memuat nama, NIK/NIP, nomor "
                    "telepon atau e-mail.</p>"
                    + (
                        "<p class='evl-catatan'>Data contoh: catatan yang Anda tulis atau "
                        "tinjau di sini hanya untuk mencoba dan hilang saat halaman ditutup.</p>"
                        if self.example
                        else ""
                    )
                ),
                widgets.HBox([self.day, self.source, self.element]),
                self.text,
                add,
                self.status,
                self.pending,
            ]
        )
        self._show_pending()

    def _add(self) -> None:
        try:
            code = self.store.add(
                tanggal=self.day.value,
                sumber=self.source.value,
                isi=self.text.value,
                unsur=self.element.value or None,
            )
        except WorkbenchError as exc:
            self.status.value = f"<div class='evl-catatan'>{html.escape(str(exc))}</div>"
            return
        self.text.value = ""
        self.status.value = f"<p>Tercatat sebagai {html.escape(code)}, menunggu tinjauan.</p>"
        self._show_pending()
        self._changed()

    def _show_pending(self) -> None:
        try:
            notes = self.store.load()
        except WorkbenchError as exc:
            self.pending.children = [
                widgets.HTML(f"<div class='evl-catatan'>{html.escape(str(exc))}</div>")
            ]
            return
        waiting = notes[notes["status"] == "menunggu tinjauan"]
        self.pending.children = [self._review_row(r) for r in waiting.itertuples()] or [
            widgets.HTML("<p>Tidak ada catatan yang menunggu tinjauan.</p>")
        ]

    def _review_row(self, note) -> widgets.Widget:
        text = widgets.Textarea(value=note.isi, layout=widgets.Layout(width="60%"))
        approve = widgets.Button(description="Setujui", button_style="success")
        reject = widgets.Button(description="Tolak", button_style="danger")
        approve.on_click(lambda _b: self._review(note.id_catatan, True, text.value))
        reject.on_click(lambda _b: self._review(note.id_catatan, False, text.value))
        label = widgets.HTML(
            f"<b>{html.escape(note.id_catatan)}</b> {fmt.date(note.tanggal)} "
            f"· {html.escape(note.sumber)}"
        )
        return widgets.HBox([label, text, approve, reject])

    def _review(self, code: str, approve: bool, text: str) -> None:
        try:
            self.store.review(code, approve=approve, isi=text)
        except WorkbenchError as exc:
            self.status.value = f"<div class='evl-catatan'>{html.escape(str(exc))}</div>"
            return
        self.status.value = f"<p>{html.escape(code)} {'disetujui' if approve else 'ditolak'}.</p>"
        self._show_pending()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


def evaluation_dashboard(*, settings: Settings | None = None) -> EvaluationDashboard:
    """The dashboard on the office's evaluation files, or on the example year."""
    settings = settings or get_settings()
    return EvaluationDashboard(gather.evaluation(settings=settings), settings=settings)


def public_page_view(*, settings: Settings | None = None) -> widgets.HTML:
    """The "Kami mendengar" page inside a dashboard (staff preview)."""
    settings = settings or get_settings()
    ev = gather.evaluation(settings=settings)
    page = gather.public_page(ev, settings=settings)
    return widgets.HTML(evaluasi.render_html(page, standalone=False))
