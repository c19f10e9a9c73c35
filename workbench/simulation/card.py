"""Reading a scenario card: YAML text with Indonesian keys into checked scenario fields.

A card is read in one pass that collects every problem instead of stopping at the first: each
part of the card has its own reader function below (the opening hours, the arrivals, the
services, each counter, patience, balking, appointments and disruptions), all writing into one
:class:`CardReader`. :func:`read_fields` returns the fields of a
:class:`~workbench.simulation.scenario.Scenario` together with the problems found; the scenario
then adds whatever its consistency checks (:mod:`~workbench.simulation.checks`) still see.
Problems name the key path (``loket[2].jadwal[1]``), and for a file its line
(:func:`add_line_numbers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from workbench import formatting as fmt
from workbench import yamlfile
from workbench.data.numbers import parse_number
from workbench.errors import Problem, WorkbenchError
from workbench.simulation.front_desk import read_front_desk
from workbench.simulation.parts import (
    Appointments,
    Arrivals,
    Balking,
    Counter,
    Disruption,
    Duration,
    Period,
    Service,
)
from workbench.simulation.rules import is_number
from workbench.simulation.team_rules import read_reserve

__all__ = [
    "TOP_KEYS",
    "CardFields",
    "CardReader",
    "add_line_numbers",
    "invalid_message",
    "load_card",
    "locate_card",
    "read_fields",
]


TOP_KEYS = {
    "nama": "nama skenario",
    "cerita": "cerita untuk fasilitator",
    "hari": "daftar hari yang disimulasikan",
    "jam_buka": "jam buka kantor (JJ:MM)",
    "jam_tutup": "jam tutup kantor (JJ:MM)",
    "istirahat": "istirahat kantor (ISHOMA), daftar [mulai, selesai]",
    "standar_pelayanan_menit": "standar waktu tunggu dalam menit",
    "antrean": "bersama atau per_loket",
    "layanan_prioritas": "true bila kelompok prioritas didahulukan",
    "kedatangan": "laju kedatangan per jam",
    "prioritas": "porsi kelompok prioritas",
    "layanan": "katalog layanan",
    "loket": "daftar loket",
    "kesabaran": "distribusi kesabaran (menit)",
    "tidak_bergabung": "aturan tidak jadi antre",
    "janji_daring": "janji temu daring",
    "gangguan": "daftar gangguan",
    "batas_lembur_menit": "menit setelah jam tutup loket berhenti memanggil (kosong: tanpa batas)",
    "kembali_besok": "porsi warga yang pulang tanpa dilayani lalu datang lagi hari berikutnya",
    "meja_depan": "meja depan yang memeriksa kelengkapan berkas sebelum loket",
}
TIME_RE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class CardReader:
    """Collects problems while converting YAML values."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, message: str, where: str, value: Any = None, expected: str | None = None) -> None:
        self.problems.append(
            Problem(message, file=self.source, column=where, value=value, expected=expected)
        )

    def keys(self, data: Mapping, allowed: Iterable[str], where: str) -> None:
        allowed = list(allowed)
        for key in data:
            if key not in allowed:
                self.add(
                    "kunci tidak dikenal (salah ketik?)",
                    f"{where}{key}" if where else str(key),
                    expected="salah satu dari " + ", ".join(allowed),
                )

    def mapping(self, value: Any, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.add("harus berupa pasangan kunci: nilai", where, value)
            return {}
        return dict(value)

    def listing(self, value: Any, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add("harus berupa daftar (baris diawali '- ')", where, value)
            return []
        return value

    def time(self, value: Any, where: str) -> float | None:
        if isinstance(value, str):
            m = TIME_RE.match(value)
            if m:
                hours, minutes = int(m.group(1)), int(m.group(2))
                if hours <= 24 and minutes < 60 and hours * 60 + minutes <= 24 * 60:
                    return float(hours * 60 + minutes)
            if value.strip().startswith("-"):
                self.add("waktu tidak boleh negatif", where, value, "jam JJ:MM, misalnya 07:30")
                return None
        self.add("format jam tidak sah", where, value, "jam JJ:MM, misalnya 07:30")
        return None

    def period(self, value: Any, where: str) -> tuple[float, float] | None:
        if not isinstance(value, list | tuple) or len(value) != 2:
            self.add("harus pasangan [mulai, selesai]", where, value, "misalnya ['12:00', '13:00']")
            return None
        a, b = self.time(value[0], f"{where}[1]"), self.time(value[1], f"{where}[2]")
        return None if a is None or b is None else (a, b)

    def periods(self, value: Any, where: str) -> tuple[tuple[float, float], ...]:
        if value is None:
            return ()
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
            value = [value]  # a single [start, end] pair
        out = []
        for i, item in enumerate(self.listing(value, where)):
            got = self.period(item, f"{where}[{i + 1}]")
            if got is not None:
                out.append(got)
        return tuple(out)

    def number(
        self,
        value: Any,
        where: str,
        default: float | None = None,
        *,
        minimum: float | None = 0.0,
        integer: bool = False,
    ) -> Any:
        if value is None:
            return default
        if isinstance(value, str):
            try:
                value = parse_number(value, where=where)
            except WorkbenchError:
                self.add("harus angka", where, value)
                return default
        if not is_number(value):
            self.add("harus angka", where, value)
            return default
        if integer:
            if float(value) != int(value):
                self.add("harus bilangan bulat", where, value)
                return default
            value = int(value)
        if minimum is not None and value < minimum:
            self.add(
                "tidak boleh negatif"
                if minimum == 0
                else f"harus minimal {fmt.number(minimum, None)}",
                where,
                value,
                f">= {fmt.number(minimum, None)}",
            )
            return value
        return value

    def boolean(self, value: Any, where: str, default: bool) -> bool:
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("ya", "tidak"):
            return value.strip().lower() == "ya"
        self.add("harus ya/tidak (true/false)", where, value)
        return default

    def day(self, value: Any, where: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add("nomor hari harus bilangan bulat", where, value, "1 untuk hari pertama")
            return None
        return value

    def day_period(
        self,
        item: Any,
        where: str,
        open_time: float | None,
        close_time: float | None,
        extra: tuple[str, ...] = (),
    ) -> Period | None:
        """A period written as {hari: 1, mulai: '10:00', selesai: '10:45'} (times optional)."""
        if isinstance(item, int) and not isinstance(item, bool):
            item = {"hari": item}  # a bare day number: the whole day
        item = self.mapping(item, where)
        if not extra:
            self.keys(item, ("hari", "mulai", "selesai"), f"{where}.")
        start = self.time(item["mulai"], f"{where}.mulai") if "mulai" in item else open_time
        end = self.time(item["selesai"], f"{where}.selesai") if "selesai" in item else close_time
        day = self.day(item.get("hari"), f"{where}.hari")
        if start is None or end is None:
            return None
        return Period(start=start, end=end, day=day)

    def duration(self, value: Any, where: str) -> Duration | None:
        if is_number(value):  # a bare number: exponential with that mean
            return Duration("eksponensial", mean=float(value))
        data = self.mapping(value, where)
        if not data:
            self.add(
                "distribusi belum diisi",
                where,
                expected="misalnya {distribusi: eksponensial, rata_rata: 8}",
            )
            return None
        self.keys(
            data,
            ("distribusi", "rata_rata", "simpangan_baku", "minimum", "modus", "maksimum", "data"),
            f"{where}.",
        )
        kind = data.get("distribusi", "eksponensial")
        values = data.get("data") or ()
        if not isinstance(values, list | tuple):
            self.add("data harus berupa daftar angka", f"{where}.data", values)
            values = ()
        num = self._num_or_raw
        return Duration(
            kind=str(kind),
            mean=num(data.get("rata_rata")),
            sd=num(data.get("simpangan_baku")),
            low=num(data.get("minimum")),
            mode=num(data.get("modus")),
            high=num(data.get("maksimum")),
            values=tuple(values),
        )

    @staticmethod
    def _num_or_raw(value: Any) -> Any:
        return float(value) if is_number(value) else value

    def hourly(self, value: Any, where: str) -> dict[int, float]:
        out: dict[int, float] = {}
        for key, rate in self.mapping(value, where).items():
            hour: Any = key
            if isinstance(key, str):
                text = key.strip().split(":")[0].split(".")[0]
                hour = int(text) if text.isdigit() else key
            if not isinstance(hour, int) or isinstance(hour, bool) or not 0 <= hour <= 23:
                self.add("jam tidak sah", f"{where}.{key}", key, "jam '07' sampai '23'")
                continue
            rate = self.number(rate, f"{where}.{key}")
            if rate is not None:
                out[hour] = float(rate)
        return out


def invalid_message(name: str, source: str | None) -> str:
    """The headline of the error for a scenario that has problems."""
    where = f"berkas {source}" if source else f"skenario '{name}'"
    return (
        f"Skenario tidak bisa dijalankan: {where} berisi kesalahan. "
        "Perbaiki semua masalah di bawah ini lalu muat ulang."
    )


@dataclass
class CardFields:
    """What :func:`read_fields` makes of a card: the scenario's fields and the problems.

    ``open_time`` and ``close_time`` are ``None`` when they could not be read; ``fields`` holds
    every other keyword of :class:`~workbench.simulation.scenario.Scenario`.
    """

    name: str
    story: str
    open_time: float | None
    close_time: float | None
    fields: dict[str, Any]
    problems: list[Problem]


def read_fields(data: Any, source: str | None) -> CardFields:
    """Read a card's parsed YAML (a mapping with Indonesian keys) part by part.

    Raises :class:`~workbench.errors.WorkbenchError` only when ``data`` is not a mapping at
    all; every other mistake is collected in the returned ``problems``.
    """
    r = CardReader(source)
    if not isinstance(data, Mapping):
        raise WorkbenchError(
            invalid_message("?", source),
            [
                Problem(
                    "isi berkas harus berupa pasangan kunci: nilai (nama, layanan, loket, ...)",
                    file=source,
                )
            ],
        )
    r.keys(data, TOP_KEYS, "")
    name = _read_name(r, data, source)
    story = _read_story(r, data)
    days = _read_days(r, data)
    open_time = r.time(data.get("jam_buka", "07:30"), "jam_buka")
    close_time = r.time(data.get("jam_tutup", "16:00"), "jam_tutup")
    breaks = r.periods(data.get("istirahat", [["12:00", "13:00"]]), "istirahat")
    standard = r.number(data.get("standar_pelayanan_menit"), "standar_pelayanan_menit", None)
    queue = data.get("antrean", "bersama")
    priority_first = r.boolean(data.get("layanan_prioritas"), "layanan_prioritas", True)
    arrivals = _read_arrivals(r, data)
    priority_shares = _read_priority_shares(r, data)
    services = _read_services(r, data)
    counters = [
        _read_counter(r, item, i, open_time, close_time)
        for i, item in enumerate(r.listing(data.get("loket"), "loket"))
    ]
    patience = None
    if data.get("kesabaran") is not None:
        patience = r.duration(data.get("kesabaran"), "kesabaran")
    balking = _read_balking(r, data)
    appointments = _read_appointments(r, data)
    disruptions = _read_disruptions(r, data, open_time, close_time)
    fields: dict[str, Any] = {
        "days": days,
        "office_breaks": breaks,
        "queue": queue,
        "services": tuple(services),
        "counters": tuple(counters),
        "arrivals": arrivals,
        "priority_shares": priority_shares,
        "priority_first": priority_first,
        "patience": patience,
        "balking": balking,
        "appointments": appointments,
        "disruptions": tuple(disruptions),
        "service_standard_minutes": standard,
        "overtime_cap_minutes": r.number(
            data.get("batas_lembur_menit"), "batas_lembur_menit", None
        ),
        "return_next_day": r.number(data.get("kembali_besok"), "kembali_besok", None),
        "front_desk": read_front_desk(r, data.get("meja_depan")),
        "source": source,
    }
    return CardFields(name, story, open_time, close_time, fields, r.problems)


def _read_name(r: CardReader, data: Mapping, source: str | None) -> str:
    """``nama``: required text (the file name stands in while it is missing)."""
    name = data.get("nama")
    if not isinstance(name, str) or not name.strip():
        r.add("nama skenario belum diisi", "nama", name, "teks")
        name = source or "tanpa nama"
    return name


def _read_story(r: CardReader, data: Mapping) -> str:
    """``cerita``: optional text for the facilitator."""
    story = data.get("cerita") or ""
    if not isinstance(story, str):
        r.add("cerita harus berupa teks", "cerita", story)
        story = ""
    return story


def _read_days(r: CardReader, data: Mapping) -> tuple[str, ...]:
    """``hari``: one weekday or a list of them (lower case; checked by the scenario)."""
    days_raw = data.get("hari", ["selasa"])
    if isinstance(days_raw, str):
        days_raw = [days_raw]
    return tuple(str(d).strip().lower().replace("'", "") for d in r.listing(days_raw, "hari"))


def _read_arrivals(r: CardReader, data: Mapping) -> Arrivals:
    """``kedatangan``: hourly rates, per-weekday profiles, weekday factors, overall factor."""
    k = r.mapping(data.get("kedatangan"), "kedatangan")
    r.keys(k, ("per_jam", "per_hari", "faktor_hari", "faktor"), "kedatangan.")
    per_hour = r.hourly(k.get("per_jam"), "kedatangan.per_jam")
    by_day = {
        str(d).lower(): r.hourly(prof, f"kedatangan.per_hari.{d}")
        for d, prof in r.mapping(k.get("per_hari"), "kedatangan.per_hari").items()
    }
    day_factor = {}
    for d, f in r.mapping(k.get("faktor_hari"), "kedatangan.faktor_hari").items():
        f = r.number(f, f"kedatangan.faktor_hari.{d}")
        if f is not None:
            day_factor[str(d).lower()] = float(f)
    factor = r.number(k.get("faktor"), "kedatangan.faktor", 1.0)
    return Arrivals(
        per_hour=per_hour,
        day_factor=day_factor,
        by_day=by_day,
        factor=float(factor if factor is not None else 1.0),
    )


def _read_priority_shares(r: CardReader, data: Mapping) -> dict[str, Any]:
    """``prioritas``: the share of each priority group among walk-ins."""
    return {
        str(group): r.number(share, f"prioritas.{group}", 0.0)
        for group, share in r.mapping(data.get("prioritas"), "prioritas").items()
    }


def _read_services(r: CardReader, data: Mapping) -> list[Service]:
    """``layanan``: the catalogue, each with a name, a share, a duration and the system flag."""
    services = []
    for i, item in enumerate(r.listing(data.get("layanan"), "layanan")):
        where = f"layanan[{i + 1}]"
        item = r.mapping(item, where)
        if not item:
            continue
        r.keys(item, ("nama", "porsi", "durasi", "pakai_sistem"), f"{where}.")
        sname = item.get("nama")
        if not isinstance(sname, str) or not sname.strip():
            r.add("nama layanan belum diisi", f"{where}.nama", sname)
            sname = f"layanan {i + 1}"
        if "porsi" not in item:
            r.add("porsi layanan belum diisi", f"{where}.porsi", expected="angka 0 sampai 1")
        share = r.number(item.get("porsi"), f"{where}.porsi", 0.0)
        duration = r.duration(item.get("durasi"), f"{where}.durasi")
        if duration is None:
            duration = Duration("eksponensial", mean=1.0)
        services.append(
            Service(
                sname.strip(),
                share,
                duration,
                r.boolean(item.get("pakai_sistem"), f"{where}.pakai_sistem", True),
            )
        )
    return services


_COUNTER_KEYS = (
    "nama",
    "layanan",
    "jadwal",
    "istirahat",
    "tidak_hadir",
    "prioritas",
    "hanya_prioritas",
    "faktor_durasi",
    "cadangan",
)


def _read_counter(
    r: CardReader, item: Any, i: int, open_time: float | None, close_time: float | None
) -> Counter:
    """One entry of ``loket``: name, services, shifts, breaks, absences, priority, speed."""
    where = f"loket[{i + 1}]"
    item = r.mapping(item, where)
    r.keys(item, _COUNTER_KEYS, f"{where}.")
    cname = item.get("nama", f"Loket {i + 1}")
    if not isinstance(cname, str | int) or isinstance(cname, bool):
        r.add("nama loket harus teks", f"{where}.nama", cname)
        cname = f"Loket {i + 1}"
    services = _read_counter_services(r, item.get("layanan", "semua"), where)
    shifts = r.periods(item.get("jadwal"), f"{where}.jadwal") if "jadwal" in item else None
    breaks = r.periods(item.get("istirahat"), f"{where}.istirahat")
    absences = []
    for j, ab in enumerate(r.listing(item.get("tidak_hadir"), f"{where}.tidak_hadir")):
        got = r.day_period(ab, f"{where}.tidak_hadir[{j + 1}]", open_time, close_time)
        if got is not None:
            absences.append(got)
    return Counter(
        name=str(cname),
        services=services,
        shifts=shifts,
        breaks=breaks,
        absences=tuple(absences),
        priority=r.boolean(item.get("prioritas"), f"{where}.prioritas", False),
        priority_only=r.boolean(item.get("hanya_prioritas"), f"{where}.hanya_prioritas", False),
        speed_factor=r.number(item.get("faktor_durasi"), f"{where}.faktor_durasi", 1.0),
        reserve=read_reserve(r, item.get("cadangan"), f"{where}.cadangan"),
    )


def _read_counter_services(r: CardReader, svc: Any, where: str) -> tuple[str, ...] | None:
    """A counter's ``layanan``: ``semua`` (``None``), one service name or a list of them."""
    if svc == "semua" or svc is None:
        return None
    if isinstance(svc, str):
        return (svc,)
    if isinstance(svc, list):
        return tuple(str(s) for s in svc)
    r.add("layanan loket harus daftar atau 'semua'", f"{where}.layanan", svc)
    return None


def _read_balking(r: CardReader, data: Mapping) -> Balking | None:
    """``tidak_bergabung``: the queue length that puts people off, and how likely."""
    if data.get("tidak_bergabung") is None:
        return None
    b = r.mapping(data.get("tidak_bergabung"), "tidak_bergabung")
    r.keys(b, ("panjang_antrean", "peluang"), "tidak_bergabung.")
    if "panjang_antrean" not in b:
        r.add(
            "panjang antrean belum diisi",
            "tidak_bergabung.panjang_antrean",
            expected="misalnya 20",
        )
    return Balking(
        queue_length=r.number(
            b.get("panjang_antrean"), "tidak_bergabung.panjang_antrean", 0, integer=True
        ),
        probability=r.number(b.get("peluang"), "tidak_bergabung.peluang", 1.0),
    )


_APPOINTMENT_KEYS = (
    "mulai",
    "selesai",
    "interval_menit",
    "kuota_per_slot",
    "terisi",
    "tidak_datang",
    "selisih_datang",
    "layanan",
)


def _read_appointments(r: CardReader, data: Mapping) -> Appointments | None:
    """``janji_daring``: slot times, quota, booking and no-show shares, arrival offsets and
    the services booked (``None`` when the card has no appointments or no readable slots)."""
    if data.get("janji_daring") is None:
        return None
    j = r.mapping(data.get("janji_daring"), "janji_daring")
    r.keys(j, _APPOINTMENT_KEYS, "janji_daring.")
    off = r.mapping(j.get("selisih_datang"), "janji_daring.selisih_datang")
    r.keys(off, ("rata_rata", "simpangan_baku"), "janji_daring.selisih_datang.")
    shares = None
    if j.get("layanan") is not None:
        shares = {
            str(s): r.number(v, f"janji_daring.layanan.{s}", 0.0)
            for s, v in r.mapping(j.get("layanan"), "janji_daring.layanan").items()
        }
    start = r.time(j.get("mulai", "08:00"), "janji_daring.mulai")
    end = r.time(j.get("selesai", "12:00"), "janji_daring.selesai")
    if start is None or end is None:
        return None
    return Appointments(
        start=start,
        end=end,
        interval=r.number(j.get("interval_menit"), "janji_daring.interval_menit", 15.0),
        per_slot=r.number(
            j.get("kuota_per_slot"), "janji_daring.kuota_per_slot", 1, integer=True, minimum=1
        ),
        booked=r.number(j.get("terisi"), "janji_daring.terisi", 1.0),
        no_show=r.number(j.get("tidak_datang"), "janji_daring.tidak_datang", 0.0),
        offset_mean=r.number(
            off.get("rata_rata"), "janji_daring.selisih_datang.rata_rata", 0.0, minimum=None
        ),
        offset_sd=r.number(
            off.get("simpangan_baku"), "janji_daring.selisih_datang.simpangan_baku", 0.0
        ),
        service_shares=shares,
    )


def _read_disruptions(
    r: CardReader, data: Mapping, open_time: float | None, close_time: float | None
) -> list[Disruption]:
    """``gangguan``: each a kind, maybe a counter, a day and a period (whole day if omitted)."""
    disruptions = []
    for i, item in enumerate(r.listing(data.get("gangguan"), "gangguan")):
        where = f"gangguan[{i + 1}]"
        item = r.mapping(item, where)
        r.keys(item, ("jenis", "loket", "hari", "mulai", "selesai"), f"{where}.")
        got = r.day_period(item, where, open_time, close_time, extra=("jenis", "loket"))
        if got is None:
            continue
        counter = item.get("loket")
        disruptions.append(
            Disruption(
                kind=str(item.get("jenis", "")),
                start=got.start,
                end=got.end,
                day=got.day,
                counter=None if counter is None else str(counter),
            )
        )
    return disruptions


# --------------------------------------------------------------------------------------------
# Card files: text, YAML errors and line numbers
# --------------------------------------------------------------------------------------------


def locate_card(name: str | Path) -> Path:
    """The card file ``name`` names: a path as given, else ``<scenarios folder>/<name>[.yaml]``.

    So ``"selasa-biasa"``, ``"selasa-biasa.yaml"`` and ``"scenarios/selasa-biasa.yaml"`` name
    the same card from a notebook, the CLI or a dashboard (the scenarios folder is the
    installation's setting ``scenarios``). A name that fits no card raises an Indonesian
    :class:`~workbench.errors.WorkbenchError` listing the cards there are.
    """
    path = Path(name)
    if path.is_file():
        return path
    from workbench.config import get_settings

    folder = get_settings().scenarios_dir
    if not path.is_absolute():
        for candidate in (folder / path, folder / f"{path}.yaml"):
            if candidate.is_file():
                return candidate
    cards = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    hint = f" Kartu yang tersedia: {', '.join(cards)}." if cards else ""
    raise WorkbenchError(
        f"Berkas skenario '{name}' tidak ditemukan. Periksa nama berkas dan foldernya.{hint}"
    )


def load_card(name: str | Path) -> tuple[Any, Path]:
    """The parsed YAML of the card ``name`` names, and its path.

    Read through :func:`workbench.yamlfile.load`, so an alias bomb, an oversized file or
    invalid YAML is refused fast with a short Indonesian
    :class:`~workbench.errors.WorkbenchError` (with the line), as is a missing file.
    """
    path = locate_card(name)
    return yamlfile.load(path, what="Kartu skenario"), path


def add_line_numbers(exc: WorkbenchError, path: Path) -> WorkbenchError:
    """The same error with each problem's line in the card at ``path`` (of its key or the
    nearest parent). The card has been read once already, so it is known to be small."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    lines = _line_numbers(text)
    return WorkbenchError(
        exc.message,
        [
            p if p.row is not None else replace(p, row=_line_of(p.column, lines))
            for p in exc.problems
        ],
    )


def _line_numbers(text: str) -> dict[str, int]:
    """Line (1-based) of every key path in a YAML text, written as problems name them."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = f"{path}.{key.value}" if path else str(key.value)
                lines[sub] = key.start_mark.line + 1
                walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                sub = f"{path}[{i + 1}]"
                lines[sub] = item.start_mark.line + 1
                walk(item, sub)

    if root is not None:
        walk(root, "")
    return lines


def _line_of(column: str | None, lines: dict[str, int]) -> int | None:
    """The line of ``column`` or of its nearest enclosing key."""
    path = column or ""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    return lines.get(path)
