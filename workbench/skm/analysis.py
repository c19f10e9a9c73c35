"""Breakdowns, bootstrap intervals, trends and the full report of a satisfaction survey.

Everything here works on the (n, 9) block of scores once, with numpy: each breakdown is a few
``bincount`` passes over integer group codes, so the full report on a million answers takes a
fraction of a second (see ``benchmarks/bench_skm.py``).

Bootstrap intervals. With every element answered, the index is the weight times the mean of
each respondent's total score (9–36), so resampling respondents with replacement only changes
how many respondents fall on each of the 28 possible totals. Drawing those counts from a
multinomial distribution is therefore *exactly* the ordinary bootstrap, at a cost independent
of the number of answers. Randomness always comes from an explicit seed.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.compat import renamed
from workbench.config import get_settings
from workbench.data.dates import parse_dates
from workbench.data.numbers import parse_numbers
from workbench.data.readers import file_facts
from workbench.data.schema import SKM
from workbench.errors import WorkbenchError
from workbench.skm.core import (
    BANDS,
    SCORE_COLUMNS,
    IkmResult,
    _band_index,
    _exact_weight,
    _hundredths,
    _result_from_counts,
    _score_block,
    _weight,
    priorities,
    validate,
)

__all__ = [
    "AGE_GROUPS",
    "BREAKDOWNS",
    "PERIODS",
    "Comparison",
    "ConfidenceInterval",
    "SkmReport",
    "bootstrap_ci",
    "breakdown",
    "change_verdict",
    "compare",
    "is_real_change",
    "report",
    "respondent_profile",
    "trend",
]

#: Respondent groups and other columns a report breaks the index down by, in print order.
BREAKDOWNS: tuple[str, ...] = (
    "jenis_layanan",
    "kelurahan",
    "periode",
    "jenis_kelamin",
    "kelompok_umur",
    "pendidikan",
    "pekerjaan",
)

#: Period lengths for trends: name -> label pattern.
PERIODS: tuple[str, ...] = ("bulan", "triwulan", "semester", "tahun")

#: Age groups of the respondent profile: (label, lowest age, highest age).
AGE_GROUPS: tuple[tuple[str, int, int], ...] = (
    ("< 21", 0, 20),
    ("21–30", 21, 30),
    ("31–40", 31, 40),
    ("41–50", 41, 50),
    ("51–60", 51, 60),
    ("> 60", 61, 200),
)

_TOTALS = np.arange(9, 37)  # possible total scores of one respondent


@dataclass(frozen=True)
class ConfidenceInterval:
    """A bootstrap interval for the converted index (25–100); ``nilai`` is the index rounded
    half up to two decimals (as :attr:`IkmResult.nilai`), the bounds are the percentiles."""

    nilai: float
    bawah: float
    atas: float
    tingkat: float
    n_boot: int
    seed: int

    def __str__(self) -> str:
        return (
            f"IKM {fmt.number(self.nilai, 2)}, selang kepercayaan "
            f"{fmt.percent(self.tingkat, 0)}: {fmt.number(self.bawah, 2)} – "
            f"{fmt.number(self.atas, 2)}"
        )


@dataclass(frozen=True)
class Comparison:
    """The change of the converted index between two surveys, with its bootstrap interval."""

    nilai_awal: float
    nilai_akhir: float
    selisih: float
    bawah: float
    atas: float
    tingkat: float
    nyata: bool

    @property
    def kesimpulan(self) -> str:
        """The reading in one Indonesian sentence."""
        arah = "naik" if self.selisih > 0 else "turun"
        level = fmt.percent(self.tingkat, 0)
        interval = f"{fmt.signed(self.bawah, 2)} s.d. {fmt.signed(self.atas, 2)}"
        if self.nyata:
            return (
                f"IKM {arah} {fmt.number(abs(self.selisih), 2)} poin (selang {level}: "
                f"{interval}); perubahan ini nyata, bukan kebetulan."
            )
        return (
            f"IKM berubah {fmt.signed(self.selisih, 2)} poin, tetapi selang {level} "
            f"({interval}) memuat nol: perubahan ini belum bisa dibedakan dari variasi sampel."
        )

    def __str__(self) -> str:
        return self.kesimpulan


def is_real_change(bawah: float, atas: float) -> bool:
    """Whether a change is real: its bootstrap interval (``bawah``–``atas``) leaves out zero.

    The one rule behind ``Comparison.nyata``, the trend's ``perubahan_nyata`` and every face
    that says "nyata": an interval that contains zero means the change cannot be told apart
    from sampling noise.
    """
    return bool(bawah > 0 or atas < 0)


def change_verdict(nyata: bool) -> str:
    """The words for a change: "nyata" or "belum bisa dibedakan dari kebetulan"."""
    return "nyata" if nyata else "belum bisa dibedakan dari kebetulan"


def _rounded_nilai(total, n, weight: float):
    """The converted index of ``total`` score points over ``n`` respondents, rounded once,
    half up, to two decimals (as :attr:`IkmResult.nilai`)."""
    hundredths = _hundredths(total, n, _exact_weight(weight) * 25)
    return hundredths / 100 if np.ndim(hundredths) else int(hundredths) / 100


def _require_seed(seed: int | None) -> int:
    if seed is None or isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise WorkbenchError(
            "Selang kepercayaan bootstrap memerlukan seed bilangan bulat (misalnya seed=2017), "
            "agar hasilnya bisa diulang persis."
        )
    return int(seed)


def _check_level(tingkat: float) -> float:
    if not isinstance(tingkat, int | float) or not 0.5 <= tingkat < 1:
        raise WorkbenchError(f"Tingkat kepercayaan {tingkat!r} tidak sah: pakai angka 0.5–0.99.")
    return float(tingkat)


def _bootstrap_means(hist: np.ndarray, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """Bootstrap replicates of the mean total score from a histogram over 9..36."""
    n = int(hist.sum())
    counts = rng.multinomial(n, hist / n, size=n_boot)
    return counts @ _TOTALS / n


def _percentiles(replicates: np.ndarray, tingkat: float) -> tuple[float, float]:
    alpha = (1 - tingkat) / 2
    low, high = np.quantile(replicates, [alpha, 1 - alpha])
    return float(low), float(high)


def _totals_hist(block: np.ndarray) -> np.ndarray:
    totals = block.sum(axis=1, dtype=np.int16)
    return np.bincount(totals - 9, minlength=28)


@renamed(tingkat="level")
def bootstrap_ci(
    responses: pd.DataFrame,
    *,
    seed: int,
    level: float = 0.95,
    n_boot: int = 2000,
    bobot: float | None = None,
) -> ConfidenceInterval:
    """A percentile bootstrap interval for the converted index of ``responses``.

    Respondents are resampled with replacement ``n_boot`` times from a generator seeded with
    ``seed`` (required, so a trainer can reproduce a class exactly).
    """
    weight = _weight(bobot)
    seed = _require_seed(seed)
    level = _check_level(level)
    block = _score_block(validate(responses))
    return _ci_from_hist(_totals_hist(block), weight, seed, level, n_boot)


def _ci_from_hist(hist, weight, seed, tingkat, n_boot) -> ConfidenceInterval:
    rng = np.random.default_rng(seed)
    factor = weight * 25
    point = _rounded_nilai(int(hist @ _TOTALS), int(hist.sum()), weight)
    low, high = _percentiles(_bootstrap_means(hist, rng, n_boot) * factor, tingkat)
    return ConfidenceInterval(point, low, high, tingkat, n_boot, seed)


@renamed(tingkat="level")
def compare(
    awal: pd.DataFrame,
    akhir: pd.DataFrame,
    *,
    seed: int,
    level: float = 0.95,
    n_boot: int = 2000,
    bobot: float | None = None,
) -> Comparison:
    """Is the change of the index from survey ``awal`` to survey ``akhir`` real or noise?

    Both surveys are bootstrapped independently; the change is called real (``nyata``) when
    its percentile interval does not contain zero.
    """
    weight = _weight(bobot)
    seed = _require_seed(seed)
    level = _check_level(level)
    hist_a = _totals_hist(_score_block(validate(awal)))
    hist_b = _totals_hist(_score_block(validate(akhir)))
    return _compare_hists(hist_a, hist_b, weight, np.random.default_rng(seed), level, n_boot)


def _compare_hists(hist_a, hist_b, weight, rng, tingkat, n_boot) -> Comparison:
    factor = weight * 25
    a = _rounded_nilai(int(hist_a @ _TOTALS), int(hist_a.sum()), weight)
    b = _rounded_nilai(int(hist_b @ _TOTALS), int(hist_b.sum()), weight)
    diff = (_bootstrap_means(hist_b, rng, n_boot) - _bootstrap_means(hist_a, rng, n_boot)) * factor
    low, high = _percentiles(diff, tingkat)
    # The change of the two values as printed, so a reader can check it by subtraction.
    return Comparison(a, b, round(b - a, 2), low, high, tingkat, is_real_change(low, high))


# --------------------------------------------------------------------------------------------
# Group codes


@dataclass(frozen=True, eq=False)
class _Groups:
    """One breakdown: a group code per answer (−1 = in no group), the group labels, and why
    answers are in no group (reason -> mask), so a report can say what it left out."""

    codes: np.ndarray
    labels: list[str]
    left_out: dict[str, np.ndarray] = field(default_factory=dict)


def _group_codes(responses: pd.DataFrame, by: str, periode: str) -> tuple[np.ndarray, list[str]]:
    """Integer codes (−1 = unknown) and labels for the groups of ``by``."""
    groups = _groups(responses, by, periode)
    return groups.codes, groups.labels


def _groups(responses: pd.DataFrame, by: str, periode: str) -> _Groups:
    """The groups of ``by``, every value it uses validated and normalised (see
    :func:`_age_groups` and :func:`_category_groups`)."""
    if by == "kelompok_umur":
        if "umur" not in responses.columns:
            raise WorkbenchError("Rincian per kelompok umur memerlukan kolom 'umur'.")
        return _age_groups(responses["umur"], file_facts(responses).decimal)
    if by == "periode":
        codes, labels = _period_codes(responses, periode)
        return _Groups(codes, labels, {"tanggal kosong": codes < 0} if (codes < 0).any() else {})
    if by not in responses.columns:
        raise WorkbenchError(
            f"Kolom '{by}' tidak ada di data survei; rincian yang tersedia: "
            + ", ".join(
                b for b in BREAKDOWNS if b in responses.columns or b in ("periode", "kelompok_umur")
            )
            + "."
        )
    return _category_groups(responses[by], by)


def _age_groups(ages: pd.Series, decimal: str) -> _Groups:
    """Age groups from ``umur``: a whole number of years within the ``skm`` schema's range.

    Text is read by the data layer's number reader with the file's decimal mark, so ``1.234``
    in a ``;`` file is 1234 (out of range), never 1.234 ("< 21"). Ages that are not numbers,
    not whole, or out of range are left out of the age breakdown, each reason counted.
    """
    column = SKM["umur"]
    if pd.api.types.is_numeric_dtype(ages.dtype) and not pd.api.types.is_bool_dtype(ages.dtype):
        age = ages.to_numpy(dtype=float, na_value=np.nan)
        not_number = np.zeros(len(age), dtype=bool)
    else:
        parsed = parse_numbers(ages.astype("str"), decimal=decimal)
        age = parsed.values.to_numpy()
        not_number = parsed.bad
    empty = np.isnan(age) & ~not_number
    with np.errstate(invalid="ignore"):
        fraction = ~np.isnan(age) & (age != np.floor(age))
        outside = ~np.isnan(age) & ~fraction & ((age < column.min) | (age > column.max))
    edges = np.array([g[1] for g in AGE_GROUPS[1:]], dtype=float)
    codes = np.searchsorted(edges, np.nan_to_num(age), side="right").astype(np.int64)
    codes[empty | not_number | fraction | outside] = -1
    reasons = {
        "umur kosong": empty,
        "umur bukan angka": not_number,
        "umur bukan bilangan bulat": fraction,
        f"umur di luar {fmt.number(column.min, 0)}–{fmt.number(column.max, 0)} tahun": outside,
    }
    return _Groups(codes, [g[0] for g in AGE_GROUPS], {k: m for k, m in reasons.items() if m.any()})


def _category_groups(column: pd.Series, by: str) -> _Groups:
    """Groups of a category column, spelled one way: spaces around and inside a value and
    letter case do not make a new group (``Asemrowo ``, ``asemrowo`` and ``ASEMROWO`` are
    Asemrowo). The label is the ``skm`` schema's spelling when the value is one of its
    categories, else the spelling most answers use. Empty cells are left out."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = pd.Series(column.cat.categories.astype("str"))
        codes = column.cat.codes.to_numpy(dtype=np.int64)
        if _canonical(categories).is_unique:
            return _Groups(codes, categories.tolist(), _empty_reason(codes < 0, by))
    # Spellings are few: normalise each distinct value once, then map every answer.
    raw_codes, spellings = pd.factorize(column, use_na_sentinel=True)
    keys = _canonical(pd.Series(spellings, dtype="str"))
    key_codes, ordered = pd.factorize(keys, sort=True, use_na_sentinel=True)
    lookup = np.append(key_codes, -1).astype(np.int64)  # raw code −1 (empty) -> −1
    codes = lookup[raw_codes]
    allowed = {_canonical_one(v): v for v in (_allowed(by) or ())}
    # The label of a group: the schema's spelling, else the spelling most answers use.
    uses = np.bincount(raw_codes[raw_codes >= 0], minlength=len(spellings))
    best: dict[int, tuple[int, str]] = {}
    for k, (group, spelling) in enumerate(zip(key_codes, spellings, strict=True)):
        if group >= 0 and (group not in best or uses[k] > best[group][0]):
            best[group] = (uses[k], " ".join(str(spelling).split()))
    labels = [allowed.get(key, best[i][1]) for i, key in enumerate(ordered)]
    return _Groups(codes, labels, _empty_reason(codes < 0, by))


def _empty_reason(mask: np.ndarray, by: str) -> dict[str, np.ndarray]:
    return {f"{by.replace('_', ' ')} kosong": mask} if mask.any() else {}


def _canonical(text: pd.Series) -> pd.Series:
    """Values as one spelling: spaces collapsed and trimmed, letter case folded; blank = NA."""
    key = text.str.replace(r"\s+", " ", regex=True).str.strip().str.casefold()
    return key.where(key != "")


def _canonical_one(value: str) -> str:
    return " ".join(str(value).split()).casefold()


def _allowed(by: str) -> tuple[str, ...] | None:
    try:
        return SKM[by].allowed
    except KeyError:
        return None


def _local_months(dates: pd.Series) -> np.ndarray:
    """The calendar month of each date in the office time zone (WIB), never in UTC."""
    tz = getattr(dates.dt, "tz", None)
    if tz is None:
        return dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    utc = dates.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]")
    office = get_settings().tz
    valid = utc[~np.isnat(utc)]
    if len(valid):
        first, last = (
            pd.Timestamp(v).tz_localize("UTC").tz_convert(office)
            for v in (valid.min(), valid.max())
        )
        if first.utcoffset() == last.utcoffset() and _fixed_offset(office, first, last):
            return (utc + np.timedelta64(first.utcoffset())).astype("datetime64[M]")
    local = dates.dt.tz_convert(office).dt.tz_localize(None)
    return local.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")


def _fixed_offset(tz, first: pd.Timestamp, last: pd.Timestamp) -> bool:
    """Whether ``tz`` keeps one UTC offset between two instants (true for WIB since 1964)."""
    probe = pd.date_range(first, last, freq="30D", tz=tz)
    return len({t.utcoffset() for t in probe}) <= 1


def _period_codes(responses: pd.DataFrame, periode: str) -> tuple[np.ndarray, list[str]]:
    if periode not in PERIODS:
        raise WorkbenchError(
            f"Periode '{periode}' tidak dikenal: pilih salah satu dari {', '.join(PERIODS)}."
        )
    if "tanggal" not in responses.columns:
        raise WorkbenchError("Rincian per periode memerlukan kolom 'tanggal'.")
    dates = responses["tanggal"]
    if not pd.api.types.is_datetime64_any_dtype(dates.dtype):
        dates, _unreadable = parse_dates(dates)  # validated answers never get here
    months = _local_months(dates)
    missing = np.isnat(months)
    month_index = months.astype(np.int64)  # months since 1970-01
    month_index[missing] = 0
    year = month_index // 12 + 1970
    month = month_index % 12  # 0-based
    span = {"bulan": 1, "triwulan": 3, "semester": 6, "tahun": 12}[periode]
    key = year * 12 + (month // span) * span
    key[missing] = -1
    present = np.unique(key[~missing])
    codes = np.searchsorted(present, key).astype(np.int64)
    codes[missing] = -1
    labels = []
    for k in present:
        y, m = divmod(int(k), 12)
        labels.append(
            {
                "bulan": f"{y}-{m + 1:02d}",
                "triwulan": f"{y} T{m // 3 + 1}",
                "semester": f"{y} S{m // 6 + 1}",
                "tahun": f"{y}",
            }[periode]
        )
    return codes, labels


_CUBE_LIMIT = 4096  # most joint cells counted in one pass (small enough to stay in cache)


class _Scores:
    """The validated score block, with each respondent's total score computed once.

    :meth:`group_tables` counts one breakdown with ten ``bincount`` passes (nine elements and
    the total). :meth:`cube_tables` counts several breakdowns in those same ten passes: every
    respondent gets one joint cell number (service × kelurahan × period × ...), the passes
    count per cell, and each breakdown is then a sum of that small table over the other
    dimensions, the way a data cube is read. Breakdowns are packed into as few such cubes as
    fit :data:`_CUBE_LIMIT` cells.
    """

    def __init__(self, block: np.ndarray) -> None:
        self.columns = np.ascontiguousarray(block.T)  # (9, n): each element contiguous
        self.n = block.shape[0]
        self.totals = block.sum(axis=1, dtype=np.int16) - 9  # 0..27

    def _count(self, codes: np.ndarray, groups: int) -> np.ndarray:
        """(groups, 9*4 + 28): per code, answers per element and score, then total scores."""
        table = np.empty((groups, 64), dtype=np.int64)
        base = codes * 4 - 1
        for k in range(self.columns.shape[0]):
            table[:, k * 4 : k * 4 + 4] = np.bincount(
                base + self.columns[k], minlength=groups * 4
            ).reshape(groups, 4)
        table[:, 36:] = np.bincount(codes * 28 + self.totals, minlength=groups * 28).reshape(
            groups, 28
        )
        return table

    @staticmethod
    def _split(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return table[:, :36].reshape(-1, 9, 4), table[:, 36:]

    def group_tables(self, codes: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray]:
        """Per group: answer counts (groups, 9, 4) by element and score, and total-score
        histograms (groups, 28). Rows with code −1 (unknown group) are left out."""
        # Unknown rows go to one extra group that is dropped, so the block is never copied.
        table = self._count(np.where(codes >= 0, codes, groups), groups + 1)
        return self._split(table[:groups])

    def cube_tables(
        self, dimensions: list[tuple[np.ndarray, int]]
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """:meth:`group_tables` for several breakdowns, packed into few joint counts."""
        packs: list[list[int]] = []
        cells = _CUBE_LIMIT + 1
        for i, (_codes, groups) in enumerate(dimensions):
            size = groups + 1  # +1: the unknown group
            if cells * size > _CUBE_LIMIT:
                packs.append([i])
                cells = size
            else:
                packs[-1].append(i)
                cells *= size
        results: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(dimensions)
        for pack in packs:
            if len(pack) == 1:
                results[pack[0]] = self.group_tables(*dimensions[pack[0]])
                continue
            sizes = [dimensions[i][1] + 1 for i in pack]
            cell = np.zeros(self.n, dtype=np.int64)
            for i, size in zip(pack, sizes, strict=True):
                codes, groups = dimensions[i]
                cell *= size
                cell += np.where(codes >= 0, codes, groups)
            cube = self._count(cell, int(np.prod(sizes))).reshape(*sizes, 64)
            for axis, i in enumerate(pack):
                others = tuple(a for a in range(len(sizes)) if a != axis)
                results[i] = self._split(cube.sum(axis=others)[: dimensions[i][1]])
        return results  # type: ignore[return-value]


def _table_from_counts(
    by: str,
    labels: list[str],
    counts: np.ndarray,
    hists: np.ndarray,
    weight: float,
    rng: np.random.Generator | None,
    tingkat: float,
    n_boot: int,
) -> pd.DataFrame:
    n = counts[:, 0, :].sum(axis=1)
    keep = np.flatnonzero(n > 0)
    counts, hists, n = counts[keep], hists[keep], n[keep]
    sums = counts @ np.arange(1, 5)
    nrr = sums / n[:, None]
    index = nrr.sum(axis=1) * weight
    nilai = _rounded_nilai(sums.sum(axis=1), n, weight)
    bands = _band_index(nilai)
    table = pd.DataFrame({by: [labels[i] for i in keep], "jumlah_responden": n})
    for k, column in enumerate(SCORE_COLUMNS):
        table[column] = nrr[:, k]
    table["ikm"] = index
    table["nilai"] = nilai
    table["mutu"] = [BANDS[b].mutu for b in bands]
    table["kinerja"] = [BANDS[b].kinerja for b in bands]
    if rng is not None:
        bounds = np.array(
            [_percentiles(_bootstrap_means(h, rng, n_boot) * weight * 25, tingkat) for h in hists]
        ).reshape(-1, 2)
        table["nilai_bawah"] = bounds[:, 0]
        table["nilai_atas"] = bounds[:, 1]
    return table


@renamed(tingkat="level")
def breakdown(
    responses: pd.DataFrame,
    by: str,
    *,
    bobot: float | None = None,
    periode: str = "bulan",
    level: float | None = None,
    seed: int | None = None,
    n_boot: int = 2000,
) -> pd.DataFrame:
    """The index per group of ``by``: a column (``jenis_layanan``, ``kelurahan``, ...),
    ``kelompok_umur`` (from ``umur``) or ``periode`` (from ``tanggal``, per ``periode``:
    bulan, triwulan, semester or tahun, in WIB).

    One row per group that has answers: ``jumlah_responden``, the NRR of ``U1``..``U9``,
    ``ikm``, ``nilai``, ``mutu`` and ``kinerja``. With ``level`` (e.g. 0.95) and an explicit
    ``seed`` it adds the bootstrap interval ``nilai_bawah``–``nilai_atas`` of each group.
    Rows whose group is unknown (empty cell) count in the overall index but in no group.
    """
    weight = _weight(bobot)
    rng = None
    if level is not None:
        level = _check_level(level)
        rng = np.random.default_rng(_require_seed(seed))
    valid = validate(responses)
    codes, labels = _group_codes(valid, by, periode)
    counts, hists = _Scores(_score_block(valid)).group_tables(codes, len(labels))
    return _table_from_counts(by, labels, counts, hists, weight, rng, level or 0.95, n_boot)


@renamed(tingkat="level")
def trend(
    responses: pd.DataFrame,
    *,
    seed: int,
    periode: str = "triwulan",
    level: float = 0.95,
    n_boot: int = 2000,
    bobot: float | None = None,
) -> pd.DataFrame:
    """The index per period with its interval, and whether each change from the previous
    period is real (``perubahan_nyata``, :func:`is_real_change`) or within sampling noise,
    in words in ``kesimpulan``. ``perubahan`` is the change of the two printed values."""
    weight = _weight(bobot)
    level = _check_level(level)
    rng = np.random.default_rng(_require_seed(seed))
    valid = validate(responses)
    codes, labels = _group_codes(valid, "periode", periode)
    counts, hists = _Scores(_score_block(valid)).group_tables(codes, len(labels))
    return _trend_table(labels, counts, hists, weight, rng, level, n_boot)


def _trend_table(labels, counts, hists, weight, rng, tingkat, n_boot) -> pd.DataFrame:
    table = _table_from_counts("periode", labels, counts, hists, weight, rng, tingkat, n_boot)
    hists = hists[hists.sum(axis=1) > 0]
    if not len(hists):
        return table.assign(
            perubahan=pd.Series(dtype=float),
            perubahan_nyata=pd.array([], dtype="boolean"),
            kesimpulan=pd.Series(dtype="str"),
        )
    change = [np.nan]
    real: list[object] = [pd.NA]
    verdicts = [""]
    for before, after in itertools.pairwise(hists):
        result = _compare_hists(before, after, weight, rng, tingkat, n_boot)
        change.append(result.selisih)
        real.append(result.nyata)
        verdicts.append(change_verdict(result.nyata))
    table["perubahan"] = change
    table["perubahan_nyata"] = pd.array(real, dtype="boolean")
    table["kesimpulan"] = verdicts
    return table


def respondent_profile(responses: pd.DataFrame) -> pd.DataFrame:
    """The respondent profile of the usual SKM form: count and share per characteristic.

    Columns ``karakteristik``, ``kategori``, ``jumlah``, ``persen``; characteristics are age
    group, sex, education, occupation and service used, as far as the data has them.
    """
    valid = validate(responses)
    return _profile(valid)


def _profile(valid: pd.DataFrame, groups: dict | None = None) -> pd.DataFrame:
    n = len(valid)
    groups = groups or {}
    parts = []
    for by in ("kelompok_umur", "jenis_kelamin", "pendidikan", "pekerjaan", "jenis_layanan"):
        if by == "kelompok_umur" and "umur" not in valid.columns:
            continue
        if by != "kelompok_umur" and by not in valid.columns:
            continue
        codes, labels = groups.get(by) or _group_codes(valid, by, "bulan")
        counts = np.bincount(codes[codes >= 0], minlength=len(labels))
        present = np.flatnonzero(counts)
        parts.append(
            pd.DataFrame(
                {
                    "karakteristik": by.replace("_", " "),
                    "kategori": [labels[i] for i in present],
                    "jumlah": counts[present],
                    "persen": counts[present] / n * 100,
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["karakteristik", "kategori", "jumlah", "persen"])
    return pd.concat(parts, ignore_index=True)


@dataclass(frozen=True, eq=False)
class SkmReport:
    """Everything the standard SKM report prints, computed from one validated set of answers.

    ``catatan`` lists, in Indonesian, what a reader must know: a sample below the minimum,
    answers without a date, rows hidden in Excel, and answers a breakdown left out and why
    (``tidak_dirinci`` has the same as a table: ``rincian``, ``alasan``, ``jumlah``,
    ``contoh`` with the first rows as the file numbers them).
    """

    hasil: IkmResult
    selang: ConfidenceInterval
    rincian: dict[str, pd.DataFrame]
    tren: pd.DataFrame
    prioritas: pd.DataFrame
    profil: pd.DataFrame
    periode: str
    judul: str = ""
    catatan: list[str] = field(default_factory=list)
    #: Answers without a date: in the index, in no period of the trend.
    tanpa_tanggal: int = 0
    tidak_dirinci: pd.DataFrame = field(default_factory=lambda: _left_out_table([]))

    def _repr_html_(self) -> str:
        return (
            f"<div><h4>{html.escape(self.judul)}</h4><p>{html.escape(str(self.selang))}</p>"
            f"{self.hasil._repr_html_()}</div>"
        )


@renamed(tingkat="level", judul="title")
def report(
    responses: pd.DataFrame,
    *,
    seed: int,
    bobot: float | None = None,
    periode: str = "triwulan",
    populasi: int | None = None,
    level: float = 0.95,
    n_boot: int = 2000,
    title: str | None = None,
    warn: bool = True,
) -> SkmReport:
    """The full SKM report: index with interval, every breakdown, trend, priorities, profile.

    The answers are validated once; the breakdowns cover :data:`BREAKDOWNS` as far as the data
    has the columns, each with bootstrap intervals from ``seed``, and every value a breakdown
    uses is checked and normalised (see :class:`SkmReport`). ``catatan`` lists what a reader
    must know. A sample below the minimum is also a :class:`SampleSizeWarning` unless
    ``warn=False`` (faces that show ``catatan`` pass that, so nothing is said twice).
    """
    weight = _weight(bobot)
    level = _check_level(level)
    seed = _require_seed(seed)
    facts = file_facts(responses)
    valid = validate(responses)
    scores = _Scores(_score_block(valid))
    counts = np.stack(
        [np.bincount(scores.columns[k], minlength=5)[1:5] for k in range(len(SCORE_COLUMNS))]
    )
    hasil = _result_from_counts(counts, weight, populasi, warn=warn, facts=facts)
    selang = _ci_from_hist(np.bincount(scores.totals, minlength=28), weight, seed, level, n_boot)
    rng = np.random.default_rng([seed, 1])
    rincian: dict[str, pd.DataFrame] = {}
    groups: dict[str, _Groups] = {}
    for by in BREAKDOWNS:
        source = {"periode": "tanggal", "kelompok_umur": "umur"}.get(by, by)
        if source in valid.columns:
            groups[by] = _groups(valid, by, periode)
    tables = scores.cube_tables([(g.codes, len(g.labels)) for g in groups.values()])
    tren = pd.DataFrame()
    for (by, group), (group_counts, hists) in zip(groups.items(), tables, strict=True):
        if by == "periode":
            tren = _trend_table(group.labels, group_counts, hists, weight, rng, level, n_boot)
            rincian[by] = tren.drop(columns=["perubahan", "perubahan_nyata", "kesimpulan"])
        else:
            rincian[by] = _table_from_counts(
                by, group.labels, group_counts, hists, weight, rng, level, n_boot
            )
    catatan = [note for note in (hasil.peringatan, hasil.catatan_tersembunyi) if note]
    undated = int(valid["tanggal"].isna().sum()) if "tanggal" in valid.columns else 0
    if undated:
        catatan.append(
            f"{fmt.count(undated)} dari {fmt.count(hasil.jumlah_responden)} jawaban tidak "
            "bertanggal: jawaban itu dihitung dalam IKM keseluruhan, tetapi tidak masuk tren "
            "per periode."
        )
    left_out = _left_out_table(
        [(by, reason, mask) for by, g in groups.items() for reason, mask in g.left_out.items()
         if by != "periode"],  # undated answers have their own note above
        valid,
        facts.rows,
    )  # fmt: skip
    catatan += _left_out_notes(left_out, hasil.jumlah_responden)
    return SkmReport(
        hasil=hasil,
        selang=selang,
        rincian=rincian,
        tren=tren,
        prioritas=priorities(hasil),
        profil=_profile(valid, {by: (g.codes, g.labels) for by, g in groups.items()}),
        periode=periode,
        judul=title or f"Survei Kepuasan Masyarakat {get_settings().office_name}",
        catatan=catatan,
        tanpa_tanggal=undated,
        tidak_dirinci=left_out,
    )


def _left_out_table(parts, valid: pd.DataFrame | None = None, rows=None) -> pd.DataFrame:
    """One row per breakdown and reason: how many answers it left out, and the first rows
    (as the file numbers them) with their values."""
    records = []
    for by, reason, mask in parts:
        positions = np.flatnonzero(mask)
        source = {"kelompok_umur": "umur"}.get(by, by)
        examples = []
        for i in positions[:3]:
            value = valid[source].iloc[i] if source in valid.columns else None
            shown = "" if value is None or pd.isna(value) else f" ({str(value)!r})"
            examples.append(f"baris {int(rows[i])}{shown}")
        records.append(
            {
                "rincian": by,
                "alasan": reason,
                "jumlah": len(positions),
                "contoh": ", ".join(examples),
            }
        )
    return pd.DataFrame(records, columns=["rincian", "alasan", "jumlah", "contoh"])


def _left_out_notes(table: pd.DataFrame, total: int) -> list[str]:
    """One sentence per breakdown that left answers out."""
    notes = []
    for by, part in table.groupby("rincian", sort=False):
        reasons = "; ".join(
            f"{row.alasan}: {fmt.count(row.jumlah)} (mis. {row.contoh})"
            for row in part.itertuples()
        )
        count = int(part["jumlah"].sum())
        notes.append(
            f"Rincian per {fmt.label(by).lower()}: {fmt.count(count)} dari {fmt.count(total)} "
            f"jawaban tidak masuk kelompok mana pun ({reasons}). Jawaban itu tetap dihitung "
            "dalam IKM keseluruhan; perbaiki isinya di berkas bila perlu."
        )
    return notes
