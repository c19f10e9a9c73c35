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

import html
import math
import os
import tempfile
import warnings
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.data.readers import file_facts, read_csv, read_excel
from workbench.data.readers import validate as data_validate
from workbench.data.schema import SKM, UNSUR_SKM, Schema
from workbench.errors import Problem, WorkbenchError

__all__ = [
    "BANDS",
    "ELEMENTS",
    "PRINTED_WEIGHT",
    "SCORE_COLUMNS",
    "Band",
    "IkmResult",
    "SampleSizeWarning",
    "answers_schema",
    "band_for",
    "check_sample",
    "ikm",
    "min_sample",
    "priorities",
    "read_responses",
    "round_nilai",
    "sample_note",
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

    The bands are intervals of two-decimal values (D 25.00–64.99, C 65.00–76.60, B 76.61–88.30,
    A 88.31–100.00): the value is rounded once, half up, to two decimals (:func:`round_nilai`)
    and that rounded value is graded, so 88.305 is 88.31 and mutu A, and a reader checking the
    report by hand always finds the same band as the workbench.
    """
    rounded = round_nilai(nilai)
    return BANDS[int(_band_index(np.asarray([rounded]))[0])]


def _band_index(nilai: np.ndarray) -> np.ndarray:
    """Index into :data:`BANDS` for each converted value already rounded to two decimals."""
    # Compare in hundredths as integers, so 76.61 is never read as 76.6099999.
    hundredths = np.rint(np.asarray(nilai, dtype=float) * 100).astype(np.int64)
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


def sample_note(answers: int, population: int) -> str | None:
    """The Indonesian note for a sample below the minimum for ``population``, or None.

    The same sentence :func:`check_sample` warns with; faces that show it (the dashboard's
    cards, the CLI) call report functions with ``warn=False`` and show the result's notes.
    """
    needed = min_sample(population)
    if answers >= needed:
        return None
    return (
        f"Sampel kurang: survei ini punya {fmt.count(answers)} jawaban, padahal untuk "
        f"{fmt.count(population)} pengguna layanan diperlukan paling sedikit "
        f"{fmt.count(needed)} responden (tabel Krejcie–Morgan). Kumpulkan "
        f"{fmt.count(needed - answers)} jawaban lagi sebelum hasilnya dipublikasikan."
    )


def check_sample(answers: int, population: int) -> str | None:
    """Warn (and return the message) when ``answers`` is below the minimum for ``population``.

    Returns ``None`` when the sample is large enough. The warning is a
    :class:`SampleSizeWarning` with an Indonesian message saying how many answers are missing.
    """
    message = sample_note(answers, population)
    if message is not None:
        warnings.warn(message, SampleSizeWarning, stacklevel=2)
    return message


# --------------------------------------------------------------------------------------------
# Validation


def validate(responses: pd.DataFrame, *, file: str | None = None) -> pd.DataFrame:
    """Check survey answers and return them with ``U1``..``U9`` as small integers.

    The checks are the data layer's, from the ``skm`` schema (:func:`answers_schema`), so a
    score of 5 is reported the same way by :func:`workbench.data.validate` and here. Raises
    one :class:`WorkbenchError` listing every problem: a missing score column (naming the
    columns that were found), an empty score, text or a fraction in a score column, a score
    outside 1–4, a repeated ``id_responden``, and a ``tanggal`` that is not a readable date (an
    empty ``tanggal`` is allowed: the answer counts in the index but in no period). Rows are
    numbered as the file shows them when the answers come from :func:`read_responses`, else
    as Excel would (header = row 1). ``tanggal`` written as text is returned as naive WIB
    wall-clock time. The input is not changed; answers already clean (integer scores 1–4,
    unique ids, datetime dates) are returned as they are, without copying.
    """
    _require_table(responses)
    _require_answers(responses, file)
    if _already_clean(responses):
        return responses
    return _checked_answers(responses, file)


def answers_schema(columns: tuple[str, ...] = ()) -> Schema:
    """The schema survey answers are checked against, derived from the ``skm`` dataset's.

    The nine score columns are required, as the ``skm`` schema defines them (whole numbers
    1–4); ``id_responden`` (any text, unique, may be empty) and ``tanggal`` (may be empty) are
    checked when ``columns`` has them. Other columns (the respondent profile) are checked where
    a report breaks the index down by them (:mod:`workbench.skm.analysis`), not here: an
    office's own kelurahan or occupations are not wrong answers.
    """
    checked = []
    for column in SKM.columns:
        if column.name in SCORE_COLUMNS:
            checked.append(column)
        elif column.name == "id_responden" and column.name in columns:
            checked.append(
                replace(
                    column,
                    pattern=None,
                    nullable=True,
                    expected_text="id unik untuk setiap responden (boleh kosong)",
                )
            )
        elif column.name == "tanggal" and column.name in columns:
            checked.append(replace(column, nullable=True))
    return Schema(
        name=SKM.name,
        title=SKM.title,
        description=SKM.description,
        columns=tuple(checked),
        key=("id_responden",) if "id_responden" in columns else (),
        distinct_rows=False,  # two respondents may give the same answers
    )


def _require_table(responses) -> None:
    if not isinstance(responses, pd.DataFrame):
        raise WorkbenchError(
            "Data survei harus berupa tabel (pandas DataFrame) dengan kolom U1 sampai U9."
        )


def _require_answers(responses: pd.DataFrame, file: str | None) -> None:
    """Every element's column is there (else name the columns found), and at least one answer."""
    file = file or file_facts(responses).file
    missing = [c for c in SCORE_COLUMNS if c not in responses.columns]
    if missing:
        found = ", ".join(str(c) for c in responses.columns) or "(tidak ada kolom)"
        raise WorkbenchError(
            "Kolom unsur SKM tidak lengkap: " + ", ".join(missing) + " tidak ada. "
            f"Kolom yang ditemukan: {found}. Pastikan baris judul memuat U1 sampai U9 "
            "(baris judul laporan di atasnya boleh).",
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


def _already_clean(responses: pd.DataFrame) -> bool:
    """Whether answers need no conversion: integer scores 1–4, unique ids, datetime dates.

    The common case of answers validated before, or built in a notebook (every report
    function validates): checked without copying a million answers again."""
    for column in SCORE_COLUMNS:
        series = responses[column]
        if (
            not pd.api.types.is_integer_dtype(series.dtype)
            or isinstance(series.dtype, pd.ArrowDtype | pd.CategoricalDtype)
            or series.hasnans
        ):
            return False
        values = series.to_numpy()
        if ((values < 1) | (values > 4)).any():
            return False
    if "tanggal" in responses.columns and not pd.api.types.is_datetime64_any_dtype(
        responses["tanggal"].dtype
    ):
        return False
    return "id_responden" not in responses.columns or responses["id_responden"].is_unique


def _checked_answers(responses: pd.DataFrame, file: str | None) -> pd.DataFrame:
    """The data layer's checks on the answer columns; the profile columns are left as they are."""
    present = tuple(c for c in ("id_responden", "tanggal") if c in responses.columns)
    part = responses[[*SCORE_COLUMNS, *present]]
    try:
        clean = data_validate(part, answers_schema(present), file=file)
    except WorkbenchError as error:
        raise WorkbenchError(
            error.message.replace(
                "Perbaiki semuanya lalu baca ulang.",
                "Perbaiki baris-baris ini lalu muat ulang; tidak ada yang dihitung dari data "
                "yang salah.",
            ),
            error.problems,
        ) from None
    out = responses.copy(deep=False)
    for column in SCORE_COLUMNS:
        out[column] = clean[column].to_numpy(dtype=np.int8)
    if "tanggal" in present:
        out["tanggal"] = clean["tanggal"].dt.tz_localize(None)
    if "id_responden" in present:
        out["id_responden"] = clean["id_responden"]
    return out


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
    ``tanggal``, so that each bad value can be reported with the row the file shows. The
    result remembers its file (:func:`workbench.data.file_facts`): its rows, its decimal
    mark, and the rows hidden in Excel, which are counted and named in the report.
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
    """The answers as text, read by the data layer with the ``skm`` schema finding the header,
    exactly as :func:`workbench.data.read_csv`/:func:`~workbench.data.read_excel` find it
    (title rows such as "REKAP SKM 2025" above the header are skipped; header names that
    differ only in case or spaces are matched)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        frame = read_excel(path, SKM, as_text=True)
    elif suffix in (".csv", ".txt", ""):
        frame = read_csv(path, SKM, as_text=True)
    else:
        raise WorkbenchError(
            f"Jenis berkas {path.name} tidak dikenal. Unggah berkas CSV (.csv) atau Excel (.xlsx)."
        )
    if "saran" in frame.columns:
        frame["saran"] = frame["saran"].fillna("")
    return frame


# --------------------------------------------------------------------------------------------
# The index


def _weight(bobot: float | None) -> float:
    """The weight per element: 1/9 (default) or 0.111 as printed; anything else is refused."""
    return float(_exact_weight(bobot))


def _exact_weight(bobot) -> Fraction:
    """The weight as an exact fraction, so the index can be rounded without float error."""
    if bobot is None:
        return Fraction(1, 9)
    if not isinstance(bobot, bool) and isinstance(bobot, int | float | np.floating | Fraction):
        if math.isclose(float(bobot), 1 / 9, rel_tol=0, abs_tol=1e-12):
            return Fraction(1, 9)
        if float(bobot) == PRINTED_WEIGHT:
            return Fraction(111, 1000)
    raise WorkbenchError(
        f"Bobot {bobot!r} tidak sah. PermenPANRB 14/2017 memberi setiap unsur bobot 1/9: "
        "kosongkan bobot (bawaan 1/9), atau isi 0.111 hanya untuk mencocokkan laporan lama "
        "yang memakai bobot tercetak. Bobot lain tidak menghasilkan IKM yang bermakna."
    )


def _hundredths(total, n, factor: Fraction) -> np.ndarray:
    """``total / n * factor`` in hundredths, rounded once, half up, exactly (integers only).

    The regulation's bands are intervals of two-decimal values (B 76.61–88.30, A 88.31–100):
    88.305 is 88.31 and mutu A. Floats cannot do this (88.305 is stored as 88.30499...), so
    the value is computed from the integer sum of scores.
    """
    numerator = np.asarray(total, dtype=np.int64) * (factor.numerator * 100)
    denominator = np.asarray(n, dtype=np.int64) * factor.denominator
    return (2 * numerator + denominator) // (2 * denominator)


def round_nilai(value: float) -> float:
    """A converted index rounded once, half up, to two decimals, as the bands are written.

    The value is taken as the decimal number it prints as (88.305 gives 88.31, where Python's
    ``round`` gives 88.3). Results of :func:`ikm` are already rounded this way (exactly, from
    the integer sum of scores); use this for a value computed by hand.
    """
    if value is None or not math.isfinite(value):
        raise WorkbenchError(f"Nilai IKM {value!r} tidak bisa dibulatkan: bukan angka.")
    return float(Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _score_block(responses: pd.DataFrame) -> np.ndarray:
    """The U1..U9 scores of validated answers as an (n, 9) int8 array."""
    return np.column_stack(
        [responses[c].to_numpy(dtype=np.int8, copy=False) for c in SCORE_COLUMNS]
    )


@dataclass(frozen=True, eq=False)  # holds Series: compare fields, not results
class IkmResult:
    """The index of one set of answers, with the numbers a report prints.

    ``nrr`` is the average score of each element (indexed ``U1``..``U9``), ``ikm`` the index on
    the 1–4 scale. ``nilai`` is the converted index (25–100) **rounded once, half up, to two
    decimals**, and ``mutu``/``kinerja`` are the band of that rounded value: every face (print,
    dashboard, Excel report) shows ``nilai`` as it is and never rounds or grades again
    (``nilai_tepat`` keeps the unrounded value). ``persen_skor_rendah`` is, per element, the
    share of answers scoring 1 or 2. ``baris_tersembunyi`` lists rows hidden in the Excel file
    the answers came from, and ``tersembunyi_dihitung`` whether they are counted.
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
    nilai_tepat: float | None = None
    baris_tersembunyi: tuple[int, ...] = ()
    tersembunyi_dihitung: bool = True

    @property
    def catatan_tersembunyi(self) -> str | None:
        """What a reader must know about rows hidden in Excel, or None when there were none."""
        return _hidden_note(self.baris_tersembunyi, self.tersembunyi_dihitung)

    def to_frame(self) -> pd.DataFrame:
        """One row per element: code, name, NRR, weight, weighted NRR, converted value (rounded
        half up to two decimals, as printed) and its band."""
        sums = np.rint(self.nrr.to_numpy() * self.jumlah_responden).astype(np.int64)
        nilai = _hundredths(sums, self.jumlah_responden, Fraction(25)) / 100
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
        if self.baris_tersembunyi:
            data["baris tersembunyi (Excel)"] = f"{len(self.baris_tersembunyi)}, " + (
                "ikut dihitung" if self.tersembunyi_dihitung else "tidak dihitung"
            )
        return pd.Series(data, name="hasil")

    def __str__(self) -> str:
        lines = [
            f"IKM {fmt.number(self.nilai, 2)} (mutu {self.mutu}, {self.kinerja}) dari "
            f"{fmt.count(self.jumlah_responden)} responden",
        ]
        for row in self.to_frame().itertuples():
            lines.append(
                f"  {row.unsur} {row.nama_unsur:<42} NRR {fmt.number(row.nrr, 3)}  "
                f"nilai {fmt.number(row.nilai, 2):>6}  {row.mutu}"
            )
        if self.peringatan:
            lines.append(f"Peringatan: {self.peringatan}")
        if self.catatan_tersembunyi:
            lines.append(f"Catatan: {self.catatan_tersembunyi}")
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
        body = table.to_html(index=False, float_format=lambda v: fmt.number(v, 3), border=0)
        warning = "".join(
            f"<p style='color:#b45309'><b>Peringatan:</b> {html.escape(note)}</p>"
            for note in (self.peringatan, self.catatan_tersembunyi)
            if note
        )
        return (
            f"<div><p><b>IKM {fmt.number(self.nilai, 2)}</b> (indeks {fmt.number(self.ikm, 4)})"
            f" · mutu <b>{self.mutu}</b> ({html.escape(self.kinerja)}) · "
            f"{fmt.count(self.jumlah_responden)} responden</p>"
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
    return _ikm_from_block(_score_block(valid), weight, populasi, file_facts(responses))


def _ikm_from_block(block: np.ndarray, weight: float, populasi: int | None, facts=None):
    counts = np.stack([np.bincount(block[:, k], minlength=5)[1:5] for k in range(block.shape[1])])
    return _result_from_counts(counts, weight, populasi, facts=facts)


def _hidden_note(rows: tuple[int, ...], included: bool) -> str | None:
    """The sentence that says which rows were hidden in Excel and what was done with them."""
    if not rows:
        return None
    shown = ", ".join(str(r) for r in rows[:10]) + (" dan lainnya" if len(rows) > 10 else "")
    if included:
        return (
            f"{len(rows)} baris tersembunyi di Excel (baris {shown}) ikut dihitung. Bila baris "
            "itu memang tidak boleh dihitung, hapus dari berkas lalu muat ulang."
        )
    return (
        f"{len(rows)} baris tersembunyi di Excel (baris {shown}) tidak dihitung. Tampilkan "
        "baris itu di Excel bila seharusnya ikut dihitung."
    )


def _result_from_counts(
    counts: np.ndarray, weight: float, populasi: int | None = None, warn: bool = True, facts=None
) -> IkmResult:
    """Build the result from a (9, 4) table of how many answers gave each score per element."""
    n = int(counts[0].sum())
    nrr = counts @ np.arange(1, 5) / n
    index = float(nrr.sum() * weight)
    total = int((counts @ np.arange(1, 5)).sum())
    nilai = int(_hundredths(total, n, _exact_weight(weight) * 25)) / 100
    band = band_for(nilai)
    low = counts[:, :2].sum(axis=1) / n * 100
    needed = warning = None
    if populasi is not None:
        needed = min_sample(populasi)
        warning = sample_note(n, populasi)
        if warn and warning:
            warnings.warn(warning, SampleSizeWarning, stacklevel=3)
    hidden = tuple(int(r) for r in facts.hidden_rows) if facts is not None else ()
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
        nilai_tepat=index * 25,
        baris_tersembunyi=hidden,
        tersembunyi_dihitung=facts.hidden_included if facts is not None else True,
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
