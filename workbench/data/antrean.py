"""Queue-ticket exports: the office's own record of waiting times, read as machines write them.

Queue machines at kelurahan and kecamatan counters print a numbered ticket when a citizen
arrives and record when the number is called at a counter and when service ends. Their export
(CSV or Excel, often with a report title above the header) has one row per ticket: ticket
number, service, date, time taken, time called, counter, time finished, sometimes a status
("Selesai", "Tidak Hadir"). Vendors name the columns differently ("No. Antrian", "Jam
Ambil", "Waktu Panggil", "Loket"), so :func:`read_queue_export` recognises the usual names
(:data:`ALIASES`), finds the header below any title lines, joins a date column with
time-only columns (``08.15`` or ``08:15:30``), and checks the result against :data:`ANTREAN`
with the data module's Indonesian rules: dates day first, times in office time (WIB), every
problem named by file, row and column.

:func:`generate_antrean` makes synthetic exports for several offices with a training effect
planted at known dates: the same citizens (arrivals, needs, patience, service draws) are run
through the counters twice, with and without the trained staff's faster service, so the true
effect of the training on any measure is known exactly (the difference between the two runs).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.config import get_settings
from workbench.data import readers
from workbench.data.calendar import period, working_days
from workbench.data.dates import parse_dates
from workbench.data.generators import LayananProfile, _day_factors, _queue, _time
from workbench.data.schema import JENIS_LAYANAN, Column, RowRule, Schema
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "ALIASES",
    "ANTREAN",
    "KANTOR_CONTOH",
    "AntreanSintetis",
    "KantorContoh",
    "generate_antrean",
    "not_served",
    "read_queue_export",
    "read_queue_folder",
    "write_queue_export",
]

ANTREAN = Schema(
    name="antrean",
    title="Tiket antrean (ekspor mesin antrean)",
    description=(
        "Satu baris per tiket antrean dari ekspor mesin antrean kantor: kantor, nomor tiket, "
        "layanan, tanggal, jam ambil tiket, jam dipanggil ke loket, loket, jam selesai dan "
        "status (bila ada). Semua jam dalam WIB. Lama tunggu = jam panggil − jam ambil; lama "
        "layanan = jam selesai − jam panggil."
    ),
    key=("kantor", "tanggal", "no_tiket"),
    columns=(
        Column("kantor", "text", "kantor yang mengeluarkan tiket (kecamatan atau kelurahan)"),
        Column("no_tiket", "text", "nomor tiket pada hari itu, misalnya A017"),
        Column("tanggal", "date", "tanggal tiket diambil"),
        Column("layanan", "text", "layanan yang dipilih di mesin", nullable=True),
        Column("ambil", "datetime", "waktu tiket diambil (warga datang)"),
        Column(
            "panggil",
            "datetime",
            "waktu nomor dipanggil ke loket; kosong bila tidak pernah dipanggil",
            nullable=True,
        ),
        Column("loket", "text", "loket yang memanggil", nullable=True),
        Column(
            "selesai", "datetime", "waktu layanan selesai; kosong bila tidak dicatat", nullable=True
        ),
        Column(
            "status",
            "text",
            "status tiket menurut mesin (Selesai, Tidak Hadir, ...)",
            nullable=True,
            required=False,
        ),
    ),
    rules=(
        RowRule(
            "dipanggil sebelum tiket diambil",
            ("ambil", "panggil"),
            lambda d: d["panggil"] < d["ambil"],
            "jam panggil ≥ jam ambil",
        ),
        RowRule(
            "selesai sebelum dipanggil",
            ("panggil", "selesai"),
            lambda d: d["selesai"] < d["panggil"],
            "jam selesai ≥ jam panggil",
        ),
        RowRule(
            "ada jam selesai tetapi jam panggil kosong",
            ("panggil", "selesai"),
            lambda d: d["selesai"].notna() & d["panggil"].isna(),
            "jam panggil terisi bila jam selesai terisi",
        ),
        RowRule(
            "tanggal tidak sama dengan hari tiket diambil",
            ("tanggal", "ambil"),
            lambda d: d["ambil"].dt.normalize() != d["tanggal"],
            "tanggal = hari pada jam ambil",
        ),
    ),
)

#: Column names queue machines use, by the role they play (compared without case,
#: punctuation or extra spaces: "No. Antrian" = "no antrian").
ALIASES: dict[str, tuple[str, ...]] = {
    "no_tiket": (
        "no tiket",
        "nomor tiket",
        "tiket",
        "no antrian",
        "nomor antrian",
        "no antrean",
        "nomor antrean",
        "antrian",
        "antrean",
        "no urut",
        "nomor urut",
        "no",
        "nomor",
        "ticket",
        "ticket no",
        "ticket number",
        "queue number",
        "queue no",
    ),
    "layanan": (
        "layanan",
        "jenis layanan",
        "nama layanan",
        "pelayanan",
        "jenis pelayanan",
        "kategori",
        "kategori layanan",
        "service",
        "service name",
    ),
    "tanggal": ("tanggal", "tgl", "tanggal ambil", "tanggal antrian", "tanggal antrean", "date"),
    "ambil": (
        "ambil",
        "jam ambil",
        "waktu ambil",
        "waktu ambil tiket",
        "jam ambil tiket",
        "jam cetak",
        "waktu cetak",
        "jam datang",
        "waktu datang",
        "datang",
        "jam tiket",
        "waktu tiket",
        "created",
        "created at",
        "issued",
        "issue time",
        "take time",
    ),
    "panggil": (
        "panggil",
        "dipanggil",
        "jam panggil",
        "waktu panggil",
        "jam dipanggil",
        "waktu dipanggil",
        "called",
        "call time",
        "called at",
    ),
    "loket": ("loket", "no loket", "nomor loket", "meja", "counter", "counter no"),
    "selesai": (
        "selesai",
        "jam selesai",
        "waktu selesai",
        "selesai layanan",
        "jam selesai layanan",
        "finished",
        "finish time",
        "end",
        "end time",
        "done",
    ),
    "status": ("status", "status tiket", "keterangan"),
    "kantor": ("kantor", "unit", "unit kerja", "unit layanan", "lokasi", "cabang", "office"),
}

#: Roles an export must have.
_REQUIRED = ("no_tiket", "ambil", "panggil")

#: Statuses that mean the citizen was not served at the counter (the wait is not counted).
_NOT_SERVED = re.compile(
    r"\b(?:batal|tidak hadir|tdk hadir|tidak datang|lewat|dilewati|skip|hangus|cancel|absen)",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*$")
_MIDNIGHT = re.compile(r"\s+00[:.]00(?:[:.]00)?$")


def _key(label: object) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(label).casefold()).split())


_ROLE_OF = {alias: role for role, names in ALIASES.items() for alias in names}


def _roles(labels: Sequence[object]) -> dict[str, str]:
    """Role -> the label in ``labels`` that plays it (first one wins)."""
    found: dict[str, str] = {}
    for label in labels:
        role = _ROLE_OF.get(_key(label))
        if role is not None and role not in found:
            found[role] = str(label)
    return found


def _is_header(labels: Sequence[object]) -> bool:
    return all(role in _roles(labels) for role in _REQUIRED)


def not_served(status: pd.Series) -> pd.Series:
    """Where a ticket's status says the citizen was not served ("Tidak Hadir", "Batal", ...)."""
    text = status.astype("str").fillna("")
    return text.str.contains(_NOT_SERVED, regex=True).fillna(False).astype(bool)


# --- reading ------------------------------------------------------------------------------------


def read_queue_export(
    path: str | Path, *, kantor: str | None = None, sheet: str | int = 0
) -> pd.DataFrame:
    """One queue-machine export (``.csv`` or ``.xlsx``) as a checked :data:`ANTREAN` table.

    ``kantor`` names the office when the file has no office column. Title lines above the
    header are skipped; time-only columns are joined with the date column; every problem (a
    missing column, a time that is not a time, a call before the ticket was taken, a ticket
    number twice on one day) is reported at once with its row as Excel shows it. The result
    adds ``tunggu_menit`` (called minus taken) and ``layanan_menit`` (finished minus called).
    """
    path = Path(path)
    raw = _excel_rows(path, sheet) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    table = _canonical(raw, path.name, kantor)
    checked = readers.validate(table, ANTREAN, file=path.name)
    return with_times(checked)


def with_times(tickets: pd.DataFrame) -> pd.DataFrame:
    """``tickets`` with ``tunggu_menit`` and ``layanan_menit`` (minutes, one decimal kept)."""
    out = tickets.copy()
    out["tunggu_menit"] = (out["panggil"] - out["ambil"]).dt.total_seconds() / 60
    out["layanan_menit"] = (out["selesai"] - out["panggil"]).dt.total_seconds() / 60
    return out


def _csv_rows(path: Path) -> pd.DataFrame:
    """The export's cells as text under its own header (title lines above it skipped)."""
    source = readers._open(path)
    for line in source.head.split("\n")[: readers._TITLE_LINES]:
        line = line.rstrip("\r")
        if not line.strip():
            continue
        for sep in readers._SEPARATORS:
            labels = [x.strip() for x in next(csv.reader([line], delimiter=sep))]
            if _is_header(labels):
                # The reader matches a header to a column name with spaces as underscores.
                columns = tuple(
                    Column(label.replace(" ", "_"), "text", "kolom ekspor mesin antrean")
                    for label in dict.fromkeys(x for x in labels if x)
                )
                found = Schema(
                    "ekspor_antrean", "Ekspor mesin antrean", "", columns, distinct_rows=False
                )
                return readers.read_csv(path, found, as_text=True)
    raise _no_header(path.name, readers.read_csv(path, as_text=True).columns)


def _excel_rows(path: Path, sheet: str | int) -> pd.DataFrame:
    cells = readers.read_excel(path, sheet=sheet, as_text=True)
    facts = readers.file_facts(cells)
    if _is_header(list(cells.columns)):
        return cells
    for i in range(min(readers._TITLE_LINES, len(cells))):
        labels = [x.strip() if isinstance(x, str) else "" for x in cells.iloc[i].tolist()]
        if _is_header(labels):
            body = cells.iloc[i + 1 :].reset_index(drop=True)
            body.columns = readers._labels(labels)
            rows = facts.rows[i + 1 :]
            kept = readers.FileFacts(
                facts.file, rows, facts.decimal, facts.hidden_rows, facts.hidden_included
            )
            return readers._with_facts(body, kept)
    raise _no_header(path.name, cells.columns)


def _no_header(file: str, columns) -> WorkbenchError:
    shown = ", ".join(f"'{c}'" for c in list(columns)[:12])
    return WorkbenchError(
        f"Berkas {file} tidak dikenali sebagai ekspor mesin antrean: tidak ada baris judul "
        "kolom yang memuat nomor tiket, jam ambil dan jam panggil. Kolom yang terbaca: "
        f"{shown}. Ganti judul kolomnya menjadi misalnya 'No Antrian', 'Jam Ambil', "
        "'Jam Panggil' (lihat README, bagian evaluasi).",
        [
            Problem(
                "judul kolom ekspor antrean tidak ditemukan",
                file=file,
                row=1,
                expected="kolom nomor tiket, jam ambil dan jam panggil",
            )
        ],
    )


def _canonical(raw: pd.DataFrame, file: str, kantor: str | None) -> pd.DataFrame:
    """The export's columns under the schema's names, times joined with their date (text)."""
    roles = _roles(list(raw.columns))
    text = {role: raw[label].astype("str") for role, label in roles.items()}
    n = len(raw)
    empty = pd.Series([None] * n, dtype="str", index=raw.index)
    if "kantor" in text:
        office = text["kantor"].str.strip()
        if kantor:
            office = office.fillna(kantor)
    elif kantor:
        office = pd.Series([kantor] * n, dtype="str", index=raw.index)
    else:
        raise WorkbenchError(
            f"Berkas {file} tidak punya kolom kantor. Sebutkan kantornya (kantor='Kelurahan "
            "Genting Kalianak'), atau letakkan berkas di folder bernama kantor itu.",
            [
                Problem(
                    "kantor tidak diketahui",
                    file=file,
                    expected="kolom 'Kantor' atau argumen kantor",
                )
            ],
        )
    day = text.get("tanggal")
    if day is not None:
        day = day.str.strip().str.replace(_MIDNIGHT, "", regex=True)
    table = pd.DataFrame(
        {
            "kantor": office,
            "no_tiket": text["no_tiket"].str.strip(),
            "tanggal": day if day is not None else _date_part(text["ambil"]),
            "layanan": text.get("layanan", empty),
            "ambil": _on_day(text["ambil"], day),
            "panggil": _on_day(text["panggil"], day),
            "loket": text["loket"].str.strip() if "loket" in text else empty,
            "selesai": _on_day(text["selesai"], day) if "selesai" in text else empty,
            "status": text["status"].str.strip() if "status" in text else empty,
        },
        index=raw.index,
    )
    table.attrs.update(raw.attrs)
    return table


def _on_day(times: pd.Series, day: pd.Series | None) -> pd.Series:
    """Time-only values (``08.15``, ``8:15:30``) put on the row's date; full ones kept."""
    stripped = times.str.strip()
    parts = stripped.str.extract(_TIME_ONLY)
    only = parts[0].notna().to_numpy()
    if not only.any() or day is None:
        return stripped
    clock = (parts[0].str.zfill(2) + ":" + parts[1] + ":" + parts[2].fillna("00")).where(
        parts[0].notna()
    )
    joined = stripped.copy()
    joined[only] = (_iso_days(day)[only] + " " + clock[only]).to_numpy()
    return joined


def _iso_days(day: pd.Series) -> pd.Series:
    """The date column in ISO form where it reads as a date (the date-time parser's fast
    path), as written where it does not (so the checks report it as the person wrote it)."""
    parsed, _bad = parse_dates(day)
    iso = parsed.dt.strftime("%Y-%m-%d").astype("str")
    return iso.where(parsed.notna(), day)


def _date_part(times: pd.Series) -> pd.Series:
    """The date of full date-times when the export has no date column."""
    return times.str.strip().str.extract(r"^(\S+)")[0]


def read_queue_folder(folder: str | Path) -> pd.DataFrame:
    """Every export under ``folder`` (``.csv``/``.xlsx``, subfolders too) as one table.

    An export without an office column takes the name of the subfolder it sits in directly
    under ``folder`` (``antrean/Kelurahan Genting Kalianak/januari.xlsx``), or else its own
    file name. Problems of all files are reported together.
    """
    folder = Path(folder)
    files = sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in (".csv", ".xlsx") and p.is_file()
    )
    frames, problems = [], []
    for path in files:
        relative = path.relative_to(folder)
        office = relative.parts[0] if len(relative.parts) > 1 else path.stem
        try:
            frames.append(read_queue_export(path, kantor=office))
        except WorkbenchError as exc:
            problems += list(exc.problems) or [Problem(exc.message, file=path.name)]
    if problems:
        raise WorkbenchError(
            f"Ekspor antrean di {folder} berisi {len(problems)} masalah; perbaiki lalu ulangi.",
            problems,
        )
    if not frames:
        return with_times(ANTREAN.empty())
    return pd.concat(frames, ignore_index=True)


# --- writing an export as a machine would ------------------------------------------------------


def write_queue_export(tickets: pd.DataFrame, path: str | Path, *, title: str | None = None):
    """Write ``tickets`` as a queue machine exports them (for practice and tests).

    Columns ``No Antrian; Layanan; Tanggal; Jam Ambil; Jam Panggil; Loket; Jam Selesai;
    Status``, dates ``dd/mm/yyyy``, times ``HH.MM.SS``, an optional report ``title`` line
    above the header; ``.csv`` (Indonesian Excel: ``;``, UTF-8 with BOM) or ``.xlsx``.
    """
    from workbench import office

    def clock(series: pd.Series) -> pd.Series:
        local = series.dt.tz_convert(get_settings().tz)
        return local.dt.strftime("%H.%M.%S").astype("str")

    frame = pd.DataFrame(
        {
            "No Antrian": tickets["no_tiket"].astype("str"),
            "Layanan": tickets["layanan"].astype("str"),
            "Tanggal": tickets["tanggal"].dt.tz_convert(get_settings().tz).dt.strftime("%d/%m/%Y"),
            "Jam Ambil": clock(tickets["ambil"]),
            "Jam Panggil": clock(tickets["panggil"]),
            "Loket": tickets["loket"].astype("str"),
            "Jam Selesai": clock(tickets["selesai"]),
            "Status": np.where(tickets["panggil"].isna(), "Tidak Hadir", "Selesai"),
        }
    )
    target = Path(path)
    if target.suffix.lower() == ".xlsx":
        return _write_xlsx(frame, target, title)
    office.write_csv(target, frame)
    if title is not None:  # a report title above the header, as many machines print it
        from workbench.storage import write_text

        body = target.read_text(encoding="utf-8-sig")
        write_text(target, f"{office.safe_text(title)}\n\n{body}", encoding="utf-8-sig")
    return target


def _write_xlsx(frame: pd.DataFrame, target: Path, title: str | None) -> Path:
    from workbench import office

    with office.workbook(target) as book:
        sheet = book.add_worksheet("Antrian")
        bold = book.add_format({"bold": True})
        top = 0
        if title:
            sheet.write_string(0, 0, title, bold)
            top = 2
        for j, name in enumerate(frame.columns):
            sheet.write_string(top, j, name, bold)
        for i, row in enumerate(frame.itertuples(index=False), start=top + 1):
            for j, value in enumerate(row):
                office.write_cell(sheet, i, j, value)
    return target


# --- synthetic exports with a planted training effect ------------------------------------------


@dataclass(frozen=True)
class KantorContoh:
    """One office of the synthetic exports: its name, counters and visitors on a usual day."""

    nama: str
    loket: int
    kunjungan_per_hari: float


#: The demonstration offices: the kecamatan counter and the three kelurahan offices.
KANTOR_CONTOH: tuple[KantorContoh, ...] = (
    KantorContoh("Kecamatan Asemrowo", 2, 78.0),
    KantorContoh("Kelurahan Asemrowo", 1, 30.0),
    KantorContoh("Kelurahan Genting Kalianak", 1, 16.0),
    KantorContoh("Kelurahan Tambak Sarioso", 1, 15.0),
)

#: Ticket letter per service, as machines print them (A017 = the 17th KTP-el ticket).
_LETTER = dict(zip(JENIS_LAYANAN, "ABCDEFGH", strict=True))


@dataclass(frozen=True)
class AntreanSintetis:
    """Synthetic exports with their counterfactual.

    ``tiket`` is what the machines recorded; ``tanpa_pelatihan`` the same citizens served
    without the training's effect (identical where no office was trained yet). The true effect
    of the training on a measure is that measure on ``tiket`` minus on ``tanpa_pelatihan``.
    ``pelatihan`` maps each trained office to the first working day the effect applies, and
    ``faktor_layanan`` is the service-time factor of trained staff (0.85 = 15 % faster).
    """

    tiket: pd.DataFrame
    tanpa_pelatihan: pd.DataFrame
    pelatihan: dict[str, dt.date] = field(default_factory=dict)
    faktor_layanan: float = 1.0


def generate_antrean(
    *,
    seed: int,
    start: dt.date | str,
    end: dt.date | str,
    kantor: Sequence[KantorContoh] = KANTOR_CONTOH,
    pelatihan: Mapping[str, dt.date | str] | None = None,
    faktor_layanan: float = 0.85,
    profile: LayananProfile | None = None,
) -> AntreanSintetis:
    """Synthetic queue exports of ``kantor`` from ``start`` to ``end``, with a planted effect.

    Visits follow the calendar of :func:`workbench.data.generate_layanan` (Monday peaks, the
    school-enrolment months, the rush after holidays, a morning peak, ISHOMA). From the date
    given for an office in ``pelatihan`` on, its counters serve ``faktor_layanan`` times as
    long (0.85: trained staff are 15 % faster). Each office's citizens are drawn once and run
    through the counters twice, with and without that effect, so the effect is known exactly.
    """
    start, end = period(start, end)
    prof = profile or LayananProfile()
    if not 0 < faktor_layanan <= 2:
        raise WorkbenchError(
            f"faktor_layanan {faktor_layanan!r} tidak sah; seharusnya angka di atas 0, "
            "misalnya 0.85 (15% lebih cepat)."
        )
    known = {k.nama for k in kantor}
    trained = {name: _as_day(when) for name, when in (pelatihan or {}).items()}
    unknown = sorted(set(trained) - known)
    if unknown:
        raise WorkbenchError(
            "Kantor pelatihan tidak ada di daftar kantor: " + ", ".join(unknown) + "."
        )
    rng = np.random.default_rng(seed)
    days = working_days(start, end)
    factual, counterfactual = [], []
    for office in kantor:
        with_effect, without = _office_tickets(
            rng, days, office, prof, trained.get(office.nama), faktor_layanan
        )
        factual.append(with_effect)
        counterfactual.append(without)
    tiket = pd.concat(factual, ignore_index=True) if factual else ANTREAN.empty()
    tanpa = pd.concat(counterfactual, ignore_index=True) if counterfactual else ANTREAN.empty()
    return AntreanSintetis(
        with_times(tiket), with_times(tanpa), dict(trained), float(faktor_layanan)
    )


def _as_day(value: dt.date | str) -> dt.date:
    from workbench.data.calendar import as_date

    return as_date(value, "pelatihan")


def _office_tickets(rng, days, office: KantorContoh, prof: LayananProfile, trained, factor):
    """One office's tickets with and without the training effect (same citizens)."""
    if len(days) == 0:
        return ANTREAN.empty(), ANTREAN.empty()
    factors = _day_factors(days, prof)
    n_per_day = rng.poisson(office.kunjungan_per_hari * factors)
    n = int(n_per_day.sum())
    day_index = np.repeat(np.arange(len(days)), n_per_day)
    slots = np.asarray(prof.pola_kedatangan, dtype=float)
    slot = rng.choice(len(slots), size=n, p=slots / slots.sum())
    arrive = np.floor(
        np.minimum(
            _time(prof.jam_buka) + slot * 1800 + rng.uniform(0, 1800, n),
            _time(prof.jam_tiket_terakhir),
        )
    )
    p_service = np.asarray(prof.porsi_layanan, dtype=float)
    service = rng.choice(len(JENIS_LAYANAN), size=n, p=p_service / p_service.sum())
    minutes = np.maximum(
        np.asarray(prof.median_layanan_menit)[service]
        * rng.lognormal(0.0, prof.sebaran_layanan, size=n),
        1.0,
    )
    patience = rng.exponential(prof.rata_kesabaran_menit * 60, size=n) + (
        prof.kesabaran_minimum_menit * 60
    )
    pr = np.asarray(prof.porsi_prioritas, dtype=float)
    priority = rng.choice(4, size=n, p=np.append(pr, 1 - pr.sum())) < 3
    order = np.lexsort((arrive, day_index))
    day_index, arrive, service = day_index[order], arrive[order], service[order]
    minutes, patience, priority = minutes[order], patience[order], priority[order]
    friday = (days.day_of_week.values == 4)[day_index]
    after = np.zeros(n, dtype=bool)
    if trained is not None:
        after = days.values[day_index] >= np.datetime64(trained)
    results = []
    for effect in (np.where(after, factor, 1.0), np.ones(n)):
        seconds = np.round(minutes * effect * 60)
        results.append(
            _queue(day_index, arrive, seconds, patience, priority, friday, office.loket, prof)
        )
    frames = [
        _ticket_frame(office.nama, days, day_index, arrive, service, *result) for result in results
    ]
    return frames[0], frames[1]


def _ticket_frame(name, days, day_index, arrive, service, begin, finish, counter, _left):
    """The tickets of one run as the machine records them."""
    day_start = days.values.astype("datetime64[s]").astype(np.int64)[day_index]
    served = ~np.isnan(begin)
    letters = np.asarray([_LETTER[s] for s in JENIS_LAYANAN], dtype=object)[service]
    keys = pd.Series(day_index.astype(str)) + letters
    seq = keys.groupby(keys).cumcount().to_numpy() + 1
    tickets = letters + np.char.zfill(seq.astype(str), 3).astype(object)
    zone = get_settings().tz

    def stamp(seconds):
        total = day_start + seconds
        values = np.full(len(total), np.datetime64("NaT"), dtype="datetime64[s]")
        known = ~np.isnan(total)
        values[known] = total[known].astype(np.int64).astype("datetime64[s]")
        return pd.Series(values).dt.tz_localize(zone)

    return pd.DataFrame(
        {
            "kantor": pd.array([name] * len(arrive), dtype="str"),
            "no_tiket": pd.array(tickets, dtype="str"),
            "tanggal": stamp(np.zeros(len(arrive))),
            "layanan": pd.array(np.asarray(JENIS_LAYANAN, dtype=object)[service], dtype="str"),
            "ambil": stamp(arrive),
            "panggil": stamp(begin),
            "loket": pd.array(
                np.where(served, "Loket " + counter.astype(str).astype(object), None), dtype="str"
            ),
            "selesai": stamp(finish),
            "status": pd.array(np.where(served, "Selesai", "Tidak Hadir"), dtype="str"),
        }
    )
