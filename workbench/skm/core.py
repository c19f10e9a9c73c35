"""The community satisfaction index (IKM) as PermenPANRB No. 14 Tahun 2017 defines it.

Nine elements (unsur) U1..U9 are answered on a 1–4 scale. For each element the average score
(NRR, *nilai rata-rata*) is the sum of scores over the number of answers; the index is the sum of
the weighted NRR (weight 1/9 each, printed in the regulation as 0.111), between 1 and 4, and the
converted index is that times 25 (25–100). The quality band (mutu A–D) and the performance label
(kinerja) come from the regulation's table, kept in :data:`BANDS`.

Every public function here validates its input with :func:`validate`: scores outside 1–4, empty
scores, text in score columns and duplicate respondent ids are all reported at once in one
:class:`~workbench.errors.WorkbenchError`; nothing is computed from bad rows silently.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.config import get_settings
from workbench.data import validate as read_table
from workbench.data.readers import read_csv, read_excel
from workbench.data.schema import UNSUR_SKM, Column, Schema
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "BANDS",
    "ELEMENTS",
    "PRINTED_WEIGHT",
    "SCORE_COLUMNS",
    "Band",
    "IkmResult",
    "SampleSizeWarning",
    "band_for",
    "check_sample",
    "ikm",
    "min_sample",
    "priorities",
    "read_responses",
    "validate",
]

#: Element codes and names, kept together: published reports swap U8 and U9, so never rely on
#: position alone. The data schema is the single source (``workbench.data.schema.UNSUR_SKM``).
ELEMENTS: dict[str, str] = dict(UNSUR_SKM)

#: The score columns, in code order.
SCORE_COLUMNS: tuple[str, ...] = tuple(ELEMENTS)

#: The weight printed in the regulation; pass ``bobot=PRINTED_WEIGHT`` to match old reports.
PRINTED_WEIGHT = 0.111


@dataclass(frozen=True)
class Band:
    """One row of the regulation's quality table (IKM 1–4 and converted 25–100)."""

    mutu: str
    kinerja: str
    ikm_bawah: float
    ikm_atas: float
    nilai_bawah: float
    nilai_atas: float


#: The quality table of PermenPANRB 14/2017, worst band first.
BANDS: tuple[Band, ...] = (
    Band("D", "Tidak Baik", 1.00, 2.5996, 25.00, 64.99),
    Band("C", "Kurang Baik", 2.60, 3.064, 65.00, 76.60),
    Band("B", "Baik", 3.0644, 3.532, 76.61, 88.30),
    Band("A", "Sangat Baik", 3.5324, 4.00, 88.31, 100.00),
)

_LOWER_BOUNDS = np.array([b.nilai_bawah for b in BANDS[1:]])  # 65.00, 76.61, 88.31


def band_for(nilai: float) -> Band:
    """The quality band of a converted index value (25–100).

    The band is read from the converted value as it is printed, with two decimals, against
    the lower bounds of the table (65.00, 76.61, 88.31). The regulation's table leaves small
    gaps between bands (76.60 and 76.61); reading the printed value means a reader checking
    the report by hand always finds the same band as the workbench.
    """
    if nilai is None or not math.isfinite(nilai):
        raise WorkbenchError(f"Nilai IKM {nilai!r} tidak bisa diberi mutu: bukan angka.")
    return BANDS[int(_band_index(np.asarray([nilai]))[0])]


def _band_index(nilai: np.ndarray) -> np.ndarray:
    """Index into :data:`BANDS` for each converted value (vectorised :func:`band_for`)."""
    printed = np.round(np.asarray(nilai, dtype=float), 2)
    # Compare in hundredths as integers, so 76.61 is never read as 76.6099999.
    hundredths = np.rint(printed * 100).astype(np.int64)
    bounds = np.rint(_LOWER_BOUNDS * 100).astype(np.int64)
    return np.searchsorted(bounds, hundredths, side="right")


class SampleSizeWarning(UserWarning):
    """The survey has fewer answers than the Krejcie–Morgan minimum for its population."""


def min_sample(population: int) -> int:
    """The Krejcie–Morgan minimum number of respondents for ``population`` service users.

    s = X²·N·P(1−P) / (d²·(N−1) + X²·P(1−P)) with X² = 3.841, P = 0.5 and d = 0.05, rounded
    to the nearest whole respondent: 100 users need 80 answers, 1,000 need 278, 10,000 need 370.
    """
    if isinstance(population, bool) or not isinstance(population, int | np.integer):
        raise WorkbenchError(f"Jumlah pengguna layanan harus bilangan bulat, bukan {population!r}.")
    if population < 1:
        raise WorkbenchError(f"Jumlah pengguna layanan harus paling sedikit 1, bukan {population}.")
    chi2, p, d = 3.841, 0.5, 0.05
    s = chi2 * population * p * (1 - p) / (d**2 * (population - 1) + chi2 * p * (1 - p))
    return min(math.floor(s + 0.5), int(population))


def check_sample(answers: int, population: int) -> str | None:
    """Warn (and return the message) when ``answers`` is below the minimum for ``population``.

    Returns ``None`` when the sample is large enough. The warning is a
    :class:`SampleSizeWarning` with an Indonesian message saying how many answers are missing.
    """
    needed = min_sample(population)
    if answers >= needed:
        return None
    message = (
        f"Sampel kurang: survei ini punya {answers:,} jawaban, padahal untuk {population:,} "
        f"pengguna layanan diperlukan paling sedikit {needed:,} responden (tabel Krejcie–Morgan). "
        f"Kumpulkan {needed - answers:,} jawaban lagi sebelum hasilnya dipublikasikan."
    ).replace(",", ".")
    warnings.warn(message, SampleSizeWarning, stacklevel=2)
    return message


# --------------------------------------------------------------------------------------------
# Validation


def validate(responses: pd.DataFrame, *, file: str | None = None) -> pd.DataFrame:
    """Check survey answers and return them with ``U1``..``U9`` as small integers.

    Raises one :class:`WorkbenchError` listing every problem: a missing score column, an empty
    score, text or a fraction in a score column, a score outside 1–4, a repeated
    ``id_responden``, and a ``tanggal`` that is not a readable date (an empty ``tanggal`` is
    allowed: the answer counts in the index but in no period). Rows are numbered as Excel shows
    them (header = row 1). Dates written as text are returned parsed (day first, as Indonesian
    files write them; WIB). The input is not changed; when it is already clean integer scores
    and datetime dates it is returned without copying.
    """
    if not isinstance(responses, pd.DataFrame):
        raise WorkbenchError(
            "Data survei harus berupa tabel (pandas DataFrame) dengan kolom U1 sampai U9."
        )
    missing = [c for c in SCORE_COLUMNS if c not in responses.columns]
    if missing:
        raise WorkbenchError(
            "Kolom unsur SKM tidak lengkap: " + ", ".join(missing) + " tidak ada.",
            [
                Problem(
                    "kolom tidak ada",
                    file=file,
                    column=c,
                    expected=f"kolom {c} ({ELEMENTS[c]}) berisi skor 1–4",
                )
                for c in missing
            ],
        )
    if len(responses) == 0:
        raise WorkbenchError("Data survei kosong: belum ada satu pun jawaban responden.")
    problems: list[Problem] = []
    total = 0
    bad_rows = np.zeros(len(responses), dtype=bool)
    clean: dict[str, np.ndarray] = {}
    optional = [c for c in ("tanggal", "id_responden") if c in responses.columns]
    columns = [*SCORE_COLUMNS, *optional]
    dates = None
    for column in columns:
        series = responses[column]
        if column == "id_responden":
            values, masks = None, _id_masks(series)
            first_rows = _first_rows(series) if masks else {}
        elif column == "tanggal":
            values, masks = None, {}
            if not pd.api.types.is_datetime64_any_dtype(series.dtype):
                dates, masks = _date_masks(series)
        else:
            values, masks = _score_masks(series)
        if values is not None:
            clean[column] = values
        for message, mask in masks.items():
            positions = np.flatnonzero(mask)
            total += len(positions)
            bad_rows[positions] = True
            room = max(0, MAX_PROBLEMS - len(problems))
            for i in positions[:room]:
                value = None if message == "skor kosong" else series.iloc[i]
                if column == "id_responden":
                    hint = f"id unik (id yang sama sudah ada di baris {first_rows[value]})"
                elif column == "tanggal":
                    hint = "tanggal, misalnya 15/01/2025 atau 2025-01-15 (boleh kosong)"
                else:
                    hint = "bilangan bulat 1, 2, 3 atau 4"
                problems.append(
                    Problem(
                        message,
                        file=file,
                        row=int(i) + 2,
                        column=column,
                        value=value,
                        expected=hint,
                    )
                )
    if total:
        order = {c: k for k, c in enumerate(columns)}
        problems.sort(key=lambda p: (p.row, order[p.column]))
        rows = np.flatnonzero(bad_rows) + 2
        shown = ", ".join(str(r) for r in rows[:10]) + (" dan lainnya" if len(rows) > 10 else "")
        listed = f" ({len(problems)} masalah pertama dicantumkan)" if total > len(problems) else ""
        raise WorkbenchError(
            f"Data survei berisi {total} masalah di {len(rows)} baris (baris {shown}){listed}. "
            "Perbaiki baris-baris ini lalu muat ulang; "
            "tidak ada yang dihitung dari data yang salah.",
            problems,
        )
    if dates is None and all(responses[c].dtype == np.int8 for c in SCORE_COLUMNS):
        return responses
    out = responses.copy(deep=False)
    for column in SCORE_COLUMNS:
        out[column] = clean[column]
    if dates is not None:
        out["tanggal"] = dates
    return out


#: At most this many problems are listed one by one (a file that is wrong everywhere would
#: otherwise build millions); the message still counts them all.
MAX_PROBLEMS = 5000


def _score_masks(series: pd.Series) -> tuple[np.ndarray | None, dict[str, np.ndarray]]:
    """The scores as int8 (None when any is wrong) and a mask of rows per kind of problem."""
    is_text = None
    if pd.api.types.is_integer_dtype(series.dtype) and not isinstance(
        series.dtype, pd.ArrowDtype | pd.CategoricalDtype
    ):
        if not series.hasnans:
            raw = series.to_numpy()
            if not ((raw < 1) | (raw > 4)).any():
                return raw.astype(np.int8, copy=False), {}
        numbers = series.to_numpy(dtype=float, na_value=np.nan)
    elif pd.api.types.is_float_dtype(series.dtype):
        numbers = series.to_numpy(dtype=float, na_value=np.nan)
    else:
        text = series.astype("string").str.strip()
        numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
        is_text = np.isnan(numbers) & (text.fillna("") != "").to_numpy()
    missing = np.isnan(numbers)
    with np.errstate(invalid="ignore"):
        fraction = ~missing & (numbers != np.round(numbers))
        outside = ~missing & ~fraction & ((numbers < 1) | (numbers > 4))
    masks = {
        "berisi teks, bukan skor": is_text if is_text is not None else np.zeros_like(missing),
        "skor kosong": missing & ~is_text if is_text is not None else missing,
        "skor pecahan": fraction,
        "skor di luar 1–4": outside,
    }
    masks = {k: m for k, m in masks.items() if m.any()}
    return (None if masks else numbers.astype(np.int8)), masks


def _date_masks(series: pd.Series) -> tuple[pd.Series, dict[str, np.ndarray]]:
    """Dates written as text (or mixed with Excel date cells) parsed, and the unreadable rows.

    Each distinct value is parsed once, day first (15/01/2025), ISO dates as written; a value
    with a time zone is converted to WIB. The result is naive WIB wall-clock time. An empty
    cell is missing (NaT), not wrong.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    parsed = np.full(len(uniques), np.datetime64("NaT"), dtype="datetime64[ns]")
    bad = np.zeros(len(uniques), dtype=bool)
    text_at, texts = [], []
    for k, value in enumerate(uniques):
        if isinstance(value, dt.datetime | dt.date | np.datetime64):
            parsed[k] = _naive_wib(pd.Timestamp(value))
        elif isinstance(value, str):
            if value.strip():
                text_at.append(k)
                texts.append(value.strip())
        else:  # a number or a boolean where a date belongs
            bad[k] = True
    if texts:
        for k, value in zip(text_at, _parse_date_texts(texts), strict=True):
            if pd.isna(value):
                bad[k] = True
            else:
                parsed[k] = value
    safe = np.maximum(codes, 0)
    dates = np.where(codes >= 0, parsed[safe], np.datetime64("NaT", "ns"))
    unreadable = (codes >= 0) & bad[safe]
    masks = {"tanggal tidak terbaca": unreadable} if unreadable.any() else {}
    return pd.Series(dates, index=series.index, name=series.name), masks


#: A one-column schema, so that dates are read by the data layer's reader (its formats,
#: Indonesian month names such as "6 Januari 2025", offsets converted to WIB).
_DATE_SCHEMA = Schema(
    name="tanggal_skm",
    title="tanggal survei",
    description="tanggal mengisi survei",
    # The running number keeps two texts of one day ("05/02/2025", "2025-02-05") from being
    # reported as a repeated row.
    columns=(
        Column("no", "int", "nomor urut"),
        Column("tanggal", "date", "tanggal mengisi survei", nullable=True),
    ),
)


#: Day, month and year all written (either order), as a date with a time must have them.
_FULL_DATE = re.compile(r"^\s*(\d{1,2}\D\d{1,2}\D\d{4}|\d{4}\D\d{1,2}\D\d{1,2})\b")


def _parse_date_texts(texts: list[str]) -> np.ndarray:
    """Distinct date texts as naive WIB datetime64 (NaT where unreadable).

    The data layer's reader goes first; what it rejects gets one more try with pandas' own
    day-first parser (it also reads a date with a time such as "15/01/2025 08:30").
    """
    frame = pd.DataFrame({"no": np.arange(len(texts)), "tanggal": pd.array(texts, dtype="str")})
    try:
        read = read_table(frame, _DATE_SCHEMA)["tanggal"]
        return read.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    except WorkbenchError as error:
        rejected = {p.row - 2 for p in error.problems if p.column == "tanggal"}
    keep = [i for i in range(len(texts)) if i not in rejected]
    result = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[ns]")
    if keep:
        read = read_table(frame.iloc[keep].reset_index(drop=True), _DATE_SCHEMA)["tanggal"]
        result[keep] = read.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    for i in sorted(rejected):
        if not _FULL_DATE.search(texts[i]):  # "2025" or "Senin" would become a made-up day
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            # Year first (2025-02-05 08:30) is ISO order; otherwise day first (05/02/2025).
            dayfirst = not re.match(r"\s*\d{4}", texts[i])
            result[i] = _naive_wib(pd.to_datetime(texts[i], errors="coerce", dayfirst=dayfirst))
    return result


def _naive_wib(stamp: pd.Timestamp) -> object:
    """``stamp`` as naive WIB wall-clock time (aware stamps converted, naive ones kept)."""
    if stamp is pd.NaT or pd.isna(stamp):
        return np.datetime64("NaT", "ns")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(get_settings().tz).tz_localize(None)
    return stamp.to_datetime64()


def _id_masks(ids: pd.Series) -> dict[str, np.ndarray]:
    """Rows whose ``id_responden`` repeats an earlier row's."""
    if ids.is_unique:
        return {}
    later = ids.duplicated(keep="first").to_numpy() & ids.notna().to_numpy()
    return {"id_responden ganda": later} if later.any() else {}


def _first_rows(ids: pd.Series) -> dict[object, int]:
    """For each repeated id, the row (as Excel numbers it) where it first appears."""
    first = ids.duplicated(keep=False).to_numpy() & ~ids.duplicated(keep="first").to_numpy()
    positions = np.flatnonzero(first)
    return dict(zip(ids.iloc[positions].tolist(), (positions + 2).tolist(), strict=True))


# --------------------------------------------------------------------------------------------
# Reading files


def read_responses(
    source: str | os.PathLike | bytes, *, filename: str | None = None
) -> pd.DataFrame:
    """Read survey answers from a CSV or Excel file (a path, or the bytes of an upload).

    The file is read by :mod:`workbench.data`'s readers, so it accepts what Indonesian
    offices export (``;`` or ``,``, UTF-8 with or without BOM, Windows-1252, ``.xlsx``) and
    explains a broken file the same way everywhere. Every cell is kept as written (text):
    pass the result to :func:`ikm` or :func:`validate`, which check scores and read
    ``tanggal``, so that each bad value can be reported with its row.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        name = Path(filename or "unggahan.csv").name  # never a path from the browser
        with tempfile.TemporaryDirectory(prefix="skm-unggahan-") as folder:
            path = Path(folder) / name
            path.write_bytes(bytes(source))
            return _read_answers(path)
    path = Path(source)
    if filename is not None and path.name != Path(filename).name:
        raise WorkbenchError("filename hanya dipakai untuk isi unggahan (bytes).")
    return _read_answers(path)


def _read_answers(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        frame = read_excel(path)
    elif suffix in (".csv", ".txt", ""):
        frame = read_csv(path, as_text=True)
    else:
        raise WorkbenchError(
            f"Jenis berkas {path.name} tidak dikenal. Unggah berkas CSV (.csv) atau Excel (.xlsx)."
        )
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype(object).where(frame.notna(), pd.NA).replace("", pd.NA)
    if "umur" in frame.columns:
        frame["umur"] = pd.to_numeric(frame["umur"], errors="coerce")
    if "saran" in frame.columns:
        frame["saran"] = frame["saran"].fillna("")
    return frame


# --------------------------------------------------------------------------------------------
# The index


def _weight(bobot: float | None) -> float:
    if bobot is None:
        return 1 / 9
    if isinstance(bobot, bool) or not isinstance(bobot, int | float) or not 0 < bobot <= 1:
        raise WorkbenchError(
            f"Bobot {bobot!r} tidak sah: pakai None (1/9, bawaan) atau 0.111 (bobot tercetak)."
        )
    return float(bobot)


def _score_block(responses: pd.DataFrame) -> np.ndarray:
    """The U1..U9 scores of validated answers as an (n, 9) int8 array."""
    return np.column_stack(
        [responses[c].to_numpy(dtype=np.int8, copy=False) for c in SCORE_COLUMNS]
    )


@dataclass(frozen=True, eq=False)  # holds Series: compare fields, not results
class IkmResult:
    """The index of one set of answers, with the numbers a report prints.

    ``nrr`` is the average score of each element (indexed ``U1``..``U9``), ``ikm`` the index on
    the 1–4 scale, ``nilai`` the converted index (25–100), ``mutu`` and ``kinerja`` its band.
    ``persen_skor_rendah`` is, per element, the share of answers scoring 1 or 2.
    """

    nrr: pd.Series
    ikm: float
    nilai: float
    mutu: str
    kinerja: str
    jumlah_responden: int
    bobot: float
    persen_skor_rendah: pd.Series
    populasi: int | None = None
    sampel_minimum: int | None = None
    peringatan: str | None = None

    def to_frame(self) -> pd.DataFrame:
        """One row per element: code, name, NRR, weight, weighted NRR, converted value, band."""
        nilai = self.nrr.to_numpy() * 25
        bands = _band_index(nilai)
        return pd.DataFrame(
            {
                "unsur": list(SCORE_COLUMNS),
                "nama_unsur": [ELEMENTS[c] for c in SCORE_COLUMNS],
                "nrr": self.nrr.to_numpy(),
                "bobot": self.bobot,
                "nrr_tertimbang": self.nrr.to_numpy() * self.bobot,
                "nilai": nilai,
                "mutu": [BANDS[i].mutu for i in bands],
                "persen_skor_rendah": self.persen_skor_rendah.to_numpy(),
            }
        )

    def summary(self) -> pd.Series:
        """The headline numbers as a Series with Indonesian labels."""
        data = {
            "jumlah responden": self.jumlah_responden,
            "IKM (1–4)": round(self.ikm, 4),
            "nilai IKM (25–100)": round(self.nilai, 2),
            "mutu": self.mutu,
            "kinerja": self.kinerja,
            "bobot per unsur": round(self.bobot, 6),
        }
        if self.sampel_minimum is not None:
            data["sampel minimum"] = self.sampel_minimum
        return pd.Series(data, name="hasil")

    def __str__(self) -> str:
        lines = [
            f"IKM {self.nilai:.2f} (mutu {self.mutu}, {self.kinerja}) dari "
            f"{self.jumlah_responden} responden",
        ]
        for row in self.to_frame().itertuples():
            lines.append(
                f"  {row.unsur} {row.nama_unsur:<42} NRR {row.nrr:.3f}  "
                f"nilai {row.nilai:6.2f}  {row.mutu}"
            )
        if self.peringatan:
            lines.append(f"Peringatan: {self.peringatan}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        table = self.to_frame().rename(
            columns={
                "unsur": "Unsur",
                "nama_unsur": "Nama unsur",
                "nrr": "NRR",
                "bobot": "Bobot",
                "nrr_tertimbang": "NRR tertimbang",
                "nilai": "Nilai",
                "mutu": "Mutu",
                "persen_skor_rendah": "% skor 1–2",
            }
        )
        body = table.to_html(index=False, float_format=lambda v: f"{v:.3f}", border=0)
        warning = (
            f"<p style='color:#b45309'><b>Peringatan:</b> {html.escape(self.peringatan)}</p>"
            if self.peringatan
            else ""
        )
        return (
            f"<div><p><b>IKM {self.nilai:.2f}</b> (indeks {self.ikm:.4f}) · mutu <b>{self.mutu}</b>"
            f" ({html.escape(self.kinerja)}) · {self.jumlah_responden} responden</p>"
            f"{warning}{body}</div>"
        )


def ikm(
    responses: pd.DataFrame, *, bobot: float | None = None, populasi: int | None = None
) -> IkmResult:
    """The community satisfaction index of ``responses`` (columns ``U1``..``U9``, scores 1–4).

    ``bobot`` is the weight of each element: exactly 1/9 by default; ``bobot=0.111`` reproduces
    reports that use the weight as printed in the regulation (a perfect score then gives 99.9).
    With ``populasi`` (the number of service users in the period) the result records the
    Krejcie–Morgan minimum sample and warns when there are fewer answers.
    """
    weight = _weight(bobot)
    valid = validate(responses)
    return _ikm_from_block(_score_block(valid), weight, populasi)


def _ikm_from_block(block: np.ndarray, weight: float, populasi: int | None) -> IkmResult:
    counts = np.stack([np.bincount(block[:, k], minlength=5)[1:5] for k in range(block.shape[1])])
    return _result_from_counts(counts, weight, populasi)


def _result_from_counts(
    counts: np.ndarray, weight: float, populasi: int | None = None, warn: bool = True
) -> IkmResult:
    """Build the result from a (9, 4) table of how many answers gave each score per element."""
    n = int(counts[0].sum())
    nrr = counts @ np.arange(1, 5) / n
    index = float(nrr.sum() * weight)
    nilai = index * 25
    band = band_for(nilai)
    low = counts[:, :2].sum(axis=1) / n * 100
    needed = warning = None
    if populasi is not None:
        needed = min_sample(populasi)
        if warn:
            warning = check_sample(n, populasi)
    return IkmResult(
        nrr=pd.Series(nrr, index=list(SCORE_COLUMNS), name="nrr"),
        ikm=index,
        nilai=nilai,
        mutu=band.mutu,
        kinerja=band.kinerja,
        jumlah_responden=n,
        bobot=weight,
        persen_skor_rendah=pd.Series(low, index=list(SCORE_COLUMNS), name="persen_skor_rendah"),
        populasi=populasi,
        sampel_minimum=needed,
        peringatan=warning,
    )


def priorities(result: IkmResult | pd.DataFrame, *, bobot: float | None = None) -> pd.DataFrame:
    """Elements ranked for improvement: furthest below the next quality band first.

    The target is the band just above the unit's overall band (band A when the unit is
    already A). ``selisih`` is how many points (converted scale) an element sits below the
    target's lower bound, 0 when it already reaches it; ties are broken by the share of answers
    scoring 1–2 (``persen_skor_rendah``). Accepts an :class:`IkmResult` or raw answers.
    """
    if not isinstance(result, IkmResult):
        result = ikm(result, bobot=bobot)
    table = result.to_frame()
    overall = [b.mutu for b in BANDS].index(result.mutu)
    target = BANDS[min(overall + 1, len(BANDS) - 1)]
    table["target_mutu"] = target.mutu
    table["batas_target"] = target.nilai_bawah
    table["selisih"] = np.maximum(target.nilai_bawah - table["nilai"], 0).round(2)
    table = table.sort_values(
        ["selisih", "persen_skor_rendah", "nilai"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
    table.insert(0, "peringkat", np.arange(1, len(table) + 1))
    table["perlu_tindakan"] = table["selisih"] > 0
    return table[
        [
            "peringkat",
            "unsur",
            "nama_unsur",
            "nrr",
            "nilai",
            "mutu",
            "target_mutu",
            "batas_target",
            "selisih",
            "persen_skor_rendah",
            "perlu_tindakan",
        ]
    ]
