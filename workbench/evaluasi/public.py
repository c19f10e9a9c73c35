""" "Kami mendengar": what citizens said, what the office promised, did, and what changed.

A public, read-only page for the counter screen or the office's website. It is built from
tables (:class:`PublicInputs` from the SKM engine, an :class:`~.overview.Evaluation`, the
citizens' notes) into :class:`PublicPage`, plain data a test can check number by number, and
rendered by :func:`render_html` into one self-contained HTML file: no script, no font or
picture from elsewhere, so it works offline, on any browser, and can be copied to a website.

Safe to expose, by construction:

* no NIP, no names: only counts of participants, never who they were;
* no free text that was not reviewed: citizens' suggestions appear only as theme counts,
  forum notes only when a reviewer approved them; the office's own texts (activity names,
  actions of the follow-up plan, notes) pass :func:`~workbench.data.privacy.privacy_problems`
  once more at build time and are withheld when something personal slipped in (the page says
  how many);
* the follow-up plan's person in charge is never shown;
* changes are stated with the same honest statistics as the trainer's dashboard: an interval,
  and "belum bisa disimpulkan" when it includes zero or the data are too thin.

Why not a Voilà page for the public: Voilà runs a Python kernel for every visitor, and a visitor
who sends messages to that kernel can run code on the office's computer (Voilà hides the code,
it does not block its execution). The public gets the static page; staff preview it in the
Voilà dashboard behind the server's token.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.data.evaluasi import split_list
from workbench.data.schema import UNSUR_SKM
from workbench.evaluasi.notes import privacy_problems, public_notes
from workbench.evaluasi.stats import UNDECIDED

__all__ = ["Change", "PublicInputs", "PublicPage", "build_public_page", "render_html"]

#: Suggestion themes shown (the most frequent).
TOP_THEMES = 5


@dataclass(frozen=True)
class PublicInputs:
    """What the page needs from the SKM engine
    (see :func:`workbench.course.evaluation.public_inputs`)."""

    elements: pd.DataFrame
    periode: list[str]
    tema: pd.DataFrame
    rencana: pd.DataFrame | None = None


@dataclass(frozen=True)
class Change:
    """One "what changed" line: a measure before and after, the estimated change and the
    verdict, in the words of the page."""

    judul: str
    sebelum: str
    sesudah: str
    perubahan: str
    putusan: str
    keterangan: str


@dataclass(frozen=True)
class PublicPage:
    """Everything the public page shows (numbers already in the page's words)."""

    kantor: str
    diperbarui: pd.Timestamp
    periode: list[str]
    unsur: pd.DataFrame
    ikm: pd.DataFrame
    tema: pd.DataFrame
    janji: pd.DataFrame
    dilakukan: list[tuple[pd.Timestamp, str]]
    berubah: list[Change]
    catatan: pd.DataFrame
    ditahan: int = 0
    contoh: bool = False
    catatan_data: tuple[str, ...] = field(default_factory=tuple)


def _safe(text: object, names: tuple[str, ...]) -> bool:
    return not privacy_problems(str(text), names)


def _elements(inputs: PublicInputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The element table (one column per period) and the index per period."""
    frame = inputs.elements
    if frame.empty:
        return pd.DataFrame(columns=["unsur", "nama_unsur"]), pd.DataFrame(
            columns=["periode", "nilai", "mutu", "responden"]
        )
    parts = frame[frame["unsur"] != "IKM"]
    wide = parts.pivot_table(index=["unsur", "nama_unsur"], columns="periode", values="nilai")
    wide = wide.reindex(columns=inputs.periode).reset_index()
    wide["urut"] = wide["unsur"].map({c: i for i, c in enumerate(UNSUR_SKM)})
    wide = wide.sort_values("urut").drop(columns="urut").reset_index(drop=True)
    index = frame[frame["unsur"] == "IKM"][["periode", "nilai", "mutu", "responden"]]
    return wide, index.reset_index(drop=True)


def _plan(plan: pd.DataFrame | None, names) -> tuple[pd.DataFrame, list, int]:
    """Open promises, finished actions (with their target date) and how many were withheld."""
    columns = ["unsur", "nama_unsur", "tindakan", "tenggat", "status"]
    if plan is None or plan.empty:
        return pd.DataFrame(columns=columns), [], 0
    plan = plan[plan["tindakan"].fillna("").astype(str).str.strip() != ""]
    safe = [_safe(t, names) for t in plan["tindakan"]]
    withheld = len(plan) - sum(safe)
    plan = plan.loc[np.array(safe, dtype=bool)]
    plan = plan.assign(nama_unsur=plan["unsur"].map(UNSUR_SKM))
    done = [
        (
            row.tenggat,
            f"Tindak lanjut SKM selesai (target {fmt.date_long(row.tenggat)}): {row.tindakan} "
            f"({row.unsur} {row.nama_unsur})",
        )
        for row in plan[plan["status"] == "selesai"].itertuples()
    ]
    open_ = plan[plan["status"] != "selesai"][columns].reset_index(drop=True)
    return open_, done, withheld


def _activities(evaluation, names) -> tuple[list, int]:
    t = evaluation.tables
    people = t.peserta.groupby("id_kegiatan").size()
    today = pd.Timestamp(t.hari_ini)
    done, withheld = [], 0
    for k in t.kegiatan.itertuples():
        if pd.Timestamp(k.tanggal_selesai).tz_localize(None) > today:
            continue
        if not _safe(k.nama, names):
            withheld += 1
            continue
        start, end = k.tanggal_mulai, k.tanggal_selesai
        when = (
            fmt.date_long(start)
            if start == end
            else (f"{fmt.date_long(start)} – {fmt.date_long(end)}")
        )
        target = split_list(getattr(k, "unsur_skm", None))
        aim = (
            " · untuk " + ", ".join(f"{c} {UNSUR_SKM[c]}" for c in target if c in UNSUR_SKM)
            if target
            else ""
        )
        text = (
            f"{when}: {k.nama} untuk {fmt.count(people.get(k.id_kegiatan, 0))} pegawai "
            f"({fmt.number(k.jp, None)} JP){aim}"
        )
        done.append((start, text))
    return done, withheld


def _waits_line(evaluation, kegiatan: str) -> list[Change]:
    from workbench.evaluasi.overview import _primary

    ev = evaluation.activity(kegiatan)
    lines = []
    for office in split_list(ev.kegiatan.get("kantor")):
        found = [r for r in ev.hasil if r.kantor == office]
        primary = _primary(found, "rata_tunggu")
        plain = next(
            (r for r in found if r.ukuran == "rata_tunggu" and r.metode.startswith("deret")), None
        )
        if primary is None or plain is None:
            continue
        est = primary.estimate
        change = (
            f"{fmt.signed(est.nilai, 1)} menit (antara {fmt.signed(est.bawah, 1)} dan "
            f"{fmt.signed(est.atas, 1)})"
            if est.cukup
            else fmt.MISSING
        )
        lines.append(
            Change(
                judul=f"Rata-rata waktu tunggu di loket {office} (sesudah {ev.kegiatan['nama']})",
                sebelum=f"{fmt.number(plain.sebelum, 1)} menit",
                sesudah=f"{fmt.number(plain.sesudah, 1)} menit",
                perubahan=change,
                putusan=primary.putusan,
                keterangan=_accounted(primary),
            )
        )
    # The index is the whole office's: its change is shown after the trainings of counter
    # staff (activities tied to an office), not after every workshop.
    for c in ev.skm if split_list(ev.kegiatan.get("kantor")) else ():
        if c.unsur != "IKM":
            continue
        lines.append(
            Change(
                judul=f"Indeks Kepuasan Masyarakat (sesudah {ev.kegiatan['nama']})",
                sebelum=fmt.number(c.sebelum, 2),
                sesudah=fmt.number(c.sesudah, 2),
                perubahan=(
                    f"{fmt.signed(c.estimate.nilai, 2)} poin (antara "
                    f"{fmt.signed(c.estimate.bawah, 2)} dan {fmt.signed(c.estimate.atas, 2)})"
                    if c.estimate.cukup
                    else fmt.MISSING
                ),
                putusan=c.putusan,
                keterangan=(
                    "survei 6 bulan sebelum dibanding 6 bulan sesudah; musim dan kebijakan lain "
                    "dalam masa itu tidak dipisahkan"
                ),
            )
        )
    return lines


def _accounted(primary) -> str:
    if not primary.estimate.cukup:
        return primary.estimate.alasan or UNDECIDED
    if primary.pembanding:
        return (
            "dibanding kantor yang belum dilatih (" + ", ".join(primary.pembanding) + ") pada "
            "hari yang sama; hari Senin, awal bulan, setelah libur dan jumlah pengunjung "
            "diperhitungkan"
        )
    return (
        "dibanding pola sebelum pelatihan; hari Senin, awal bulan, setelah libur dan jumlah "
        "pengunjung diperhitungkan"
    )


def build_public_page(
    inputs: PublicInputs,
    evaluation,
    *,
    office_name: str,
    now: pd.Timestamp,
    names: tuple[str, ...] = (),
    notes: pd.DataFrame | None = None,
) -> PublicPage:
    """The page's content from ``inputs`` and ``evaluation`` (see the module docstring).

    ``names`` are people's names that must never appear (the staff roster); the roster in
    ``evaluation`` is added to them. ``notes`` are the forum notes (default: the evaluation's).
    """
    roster = tuple(evaluation.tables.pegawai.get("nama", pd.Series(dtype=str)).dropna())
    names = tuple(names) + roster
    unsur, ikm = _elements(inputs)
    open_, finished, withheld_plan = _plan(inputs.rencana, names)
    activities, withheld_names = _activities(evaluation, names)
    changes = []
    today = pd.Timestamp(evaluation.tables.hari_ini)
    for k in evaluation.tables.kegiatan.itertuples():
        ended = pd.Timestamp(k.tanggal_selesai).tz_localize(None) <= today
        if ended and split_list(getattr(k, "kantor", None)) and _safe(k.nama, names):
            changes += _waits_line(evaluation, k.id_kegiatan)
    notes = public_notes(evaluation.tables.catatan if notes is None else notes, names)
    themes = inputs.tema.head(TOP_THEMES).reset_index(drop=True)
    done = sorted([*finished, *activities], key=lambda x: _naive(x[0]), reverse=True)
    return PublicPage(
        kantor=office_name,
        diperbarui=now,
        periode=list(inputs.periode),
        unsur=unsur,
        ikm=ikm,
        tema=themes,
        janji=open_,
        dilakukan=done,
        berubah=changes,
        catatan=notes[["tanggal", "sumber", "unsur", "isi"]],
        ditahan=withheld_plan + withheld_names,
        contoh=bool(evaluation.tables.ditanam),
    )


def _naive(value) -> pd.Timestamp:
    stamp = pd.Timestamp(value)
    return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
.km{font-family:"DejaVu Sans",Arial,sans-serif;background:#f8fafc;color:#0f172a;font-size:18px;
line-height:1.45}
.km header{background:#14468a;color:#fff;padding:20px 32px}
.km header h1{margin:0;font-size:34px;color:#fff} .km header p{margin:4px 0 0;font-size:18px}
.km main{padding:8px 32px 32px;max-width:1200px}
.km section{background:#fff;border-radius:10px;padding:16px 22px;margin:18px 0;
box-shadow:0 1px 3px rgba(0,0,0,.12)}
.km h2{margin:0 0 10px;font-size:26px;color:#14468a}
.km table{border-collapse:collapse;width:100%} .km th,.km td{padding:6px 10px;
border-bottom:1px solid #e2e8f0;text-align:left;vertical-align:top} .km th{background:#eef2ff}
.km td.angka{text-align:right;white-space:nowrap}
.km .mutu{display:inline-block;min-width:26px;text-align:center;border-radius:4px;
font-weight:bold} .km .A{background:#bbf7d0} .km .B{background:#d9f99d}
.km .C{background:#fde68a} .km .D{background:#fecaca}
.km .batang{background:#e2e8f0;border-radius:4px;height:18px;width:100%}
.km .batang>div{background:#3b82f6;height:18px;border-radius:4px}
.km .putusan{font-weight:bold} .km .membaik{color:#15803d} .km .memburuk{color:#b91c1c}
.km .belum{color:#92400e} .km .kecil{font-size:15px;color:#475569}
.km .status{border-radius:4px;padding:1px 8px;font-size:15px;background:#e2e8f0}
.km footer{padding:0 32px 24px;font-size:15px;color:#475569}
"""


def _e(value: object) -> str:
    return html.escape(str(value))


def _verdict_class(text: str) -> str:
    if "membaik" in text:
        return "membaik"
    if "memburuk" in text:
        return "memburuk"
    return "belum"


def _said(page: PublicPage) -> str:
    if page.unsur.empty:
        return "<section><h2>Yang Anda sampaikan</h2><p>Belum ada hasil survei.</p></section>"
    head = "".join(f"<th>{_e(p)}</th>" for p in page.periode)
    rows = []
    for row in page.unsur.itertuples(index=False):
        cells = "".join(
            f"<td class='angka'>{fmt.number(v, 2)}</td>" for v in row[2 : 2 + len(page.periode)]
        )
        rows.append(f"<tr><td>{_e(row[0])} {_e(row[1])}</td>{cells}</tr>")
    index = "".join(
        f"<td class='angka'><b>{fmt.number(r.nilai, 2)}</b> <span class='mutu {_e(r.mutu)}'>"
        f"{_e(r.mutu)}</span><br><span class='kecil'>{fmt.count(r.responden)} responden</span>"
        "</td>"
        for r in page.ikm.itertuples()
    )
    top = max([int(v) for v in page.tema["jumlah"]] or [1])
    themes = "".join(
        f"<tr><td>{_e(t.tema)}</td><td style='width:45%'><div class='batang'><div "
        f"style='width:{100 * int(t.jumlah) / top:.0f}%'></div></div></td>"  # noqa: OW002 - CSS
        f"<td class='angka'>{fmt.count(t.jumlah)} saran ({fmt.percent(t.persen_saran / 100, 0)})"
        "</td></tr>"
        for t in page.tema.itertuples()
    )
    return (
        "<section><h2>Yang Anda sampaikan</h2>"
        "<p>Nilai setiap unsur Survei Kepuasan Masyarakat (skala 25–100, PermenPANRB 14/2017):"
        "</p>"
        f"<table><thead><tr><th>Unsur</th>{head}</tr></thead><tbody>{''.join(rows)}"
        f"<tr><td><b>Indeks Kepuasan Masyarakat (IKM)</b></td>{index}</tr></tbody></table>"
        "<p>Hal yang paling sering Anda tulis di kolom saran (periode terakhir):</p>"
        f"<table><tbody>{themes}</tbody></table></section>"
    )


def _promised(page: PublicPage) -> str:
    if page.janji.empty:
        body = "<p>Semua tindak lanjut yang direncanakan sudah selesai, atau belum ada rencana.</p>"
    else:
        rows = "".join(
            f"<tr><td>{_e(r.unsur)} {_e(r.nama_unsur)}</td><td>{_e(r.tindakan)}</td>"
            f"<td class='angka'>{fmt.date_long(r.tenggat)}</td>"
            f"<td><span class='status'>{_e(r.status)}</span></td></tr>"
            for r in page.janji.itertuples()
        )
        body = (
            "<table><thead><tr><th>Unsur</th><th>Yang akan kami lakukan</th><th>Target</th>"
            f"<th>Keadaan</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return f"<section><h2>Yang kami janjikan</h2>{body}</section>"


def _done(page: PublicPage) -> str:
    items = "".join(f"<li>{_e(text)}</li>" for _when, text in page.dilakukan)
    body = f"<ul>{items}</ul>" if items else "<p>Belum ada yang dicatat.</p>"
    return f"<section><h2>Yang sudah kami lakukan</h2>{body}</section>"


def _changed(page: PublicPage) -> str:
    if not page.berubah:
        return "<section><h2>Yang berubah</h2><p>Belum ada yang bisa diukur.</p></section>"
    rows = "".join(
        f"<tr><td>{_e(c.judul)}<br><span class='kecil'>{_e(c.keterangan)}</span></td>"
        f"<td class='angka'>{_e(c.sebelum)}</td><td class='angka'>{_e(c.sesudah)}</td>"
        f"<td class='angka'>{_e(c.perubahan)}</td><td class='putusan "
        f"{_verdict_class(c.putusan)}'>{_e(c.putusan)}</td></tr>"
        for c in page.berubah
    )
    return (
        "<section><h2>Yang berubah</h2>"
        "<table><thead><tr><th></th><th>Sebelum</th><th>Sesudah</th><th>Perubahan karena "
        f"kegiatan (selang 95%)</th><th>Kesimpulan</th></tr></thead><tbody>{rows}</tbody>"
        "</table><p class='kecil'>\"Belum bisa disimpulkan\" berarti perubahannya belum bisa "
        "dibedakan dari naik-turun biasa: kami tidak mengklaim hasil yang belum terbukti.</p>"
        "</section>"
    )


def _forum(page: PublicPage) -> str:
    if page.catatan.empty:
        return ""
    items = "".join(
        f"<li><b>{fmt.date_long(r.tanggal)}</b>, {_e(r.sumber)}: {_e(r.isi)}</li>"
        for r in page.catatan.itertuples()
    )
    return f"<section><h2>Dari forum warga</h2><ul>{items}</ul></section>"


def render_html(
    page: PublicPage, *, refresh_minutes: int | None = None, standalone: bool = True
) -> str:
    """The page as one self-contained HTML document (no script, nothing from elsewhere).

    ``refresh_minutes`` makes a counter screen reload it on its own. ``standalone=False``
    gives the page's part only (its style scoped to ``.km``), for showing it inside a
    dashboard.
    """
    example = "<p><b>Data contoh (sintetis), bukan data kantor.</b></p>" if page.contoh else ""
    withheld = (
        f"<p>{fmt.count(page.ditahan)} teks ditahan karena perlu ditinjau staf lebih dulu.</p>"
        if page.ditahan
        else ""
    )
    body = (
        f"<style>{_CSS}</style><div class='km'><header><h1>Kami mendengar</h1>"
        f"<p>{_e(page.kantor)} · diperbarui {_e(fmt.timestamp(page.diperbarui))}</p></header>"
        f"<main>{example}{_said(page)}{_promised(page)}{_done(page)}{_changed(page)}"
        f"{_forum(page)}</main><footer>Halaman ini tidak memuat nama, NIP, NIK atau tulisan "
        f"warga yang belum ditinjau. {withheld}</footer></div>"
    )
    if not standalone:
        return body
    refresh = (
        f"<meta http-equiv='refresh' content='{int(refresh_minutes) * 60}'>"
        if refresh_minutes
        else ""
    )
    return (
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"{refresh}<title>Kami mendengar · {_e(page.kantor)}</title></head>"
        f"<body style='margin:0'>{body}</body></html>"
    )
