"""The four levels for every training activity, from one set of tables.

:class:`EvaluationTables` holds what the evaluation reads (activities, participants, reaction
answers, learning scores, behaviour ratings, queue tickets, SKM answers, citizens' notes);
:mod:`workbench.course.evaluation` fills it from the office's files, the workbench's own records
or the synthetic example. :class:`Evaluation` computes on it:

* :meth:`Evaluation.activity` -- one activity on the four levels with its conclusions and
  follow-up (what the report and the dashboard show);
* :meth:`Evaluation.summary` -- one row per activity (the dashboard's first table);
* :meth:`Evaluation.by_group` -- learning and behaviour per unit or competency;
* :meth:`Evaluation.schedule` / :meth:`Evaluation.reminders` -- behaviour follow-ups owed.

Nothing here reads a file or another engine's state: every number comes from the tables.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.data.evaluasi import split_list
from workbench.data.schema import UNSUR_SKM
from workbench.evaluasi import behaviour, learning, reaction, results
from workbench.evaluasi.stats import TOO_FEW, UNDECIDED, Estimate, mean_difference, verdict

__all__ = [
    "ActivityEvaluation",
    "Evaluation",
    "EvaluationTables",
    "SkmChange",
]

#: Days of SKM answers taken on each side of an activity.
SKM_WINDOW_DAYS = 180
#: Fewest SKM answers on each side for a comparison.
MIN_SKM_ANSWERS = 30


@dataclass(frozen=True)
class EvaluationTables:
    """Every table the evaluation reads, and where each came from (``sumber_data``).

    ``hari_ini`` is the day follow-ups are judged on. For the synthetic example, ``ditanam``
    says in words what was planted and ``tanpa_pelatihan`` holds the same citizens' tickets
    served without the training (so the true effect can be shown beside the estimate).
    """

    pegawai: pd.DataFrame
    kegiatan: pd.DataFrame
    peserta: pd.DataFrame
    nilai: pd.DataFrame
    perilaku: pd.DataFrame
    reaksi: pd.DataFrame
    catatan: pd.DataFrame
    skm: pd.DataFrame
    tiket: pd.DataFrame
    hari_ini: dt.date
    sumber_data: dict[str, str] = field(default_factory=dict)
    ditanam: tuple[str, ...] = ()
    tanpa_pelatihan: pd.DataFrame | None = None
    #: The SKM follow-up plan, when it comes with the tables (the example); else the office's
    #: saved plan is read for the public page.
    rencana: pd.DataFrame | None = None
    #: What a reader must know about where the data came from (people not linked to an NIP,
    #: a source that could not be read), in Indonesian.
    catatan_sumber: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkmChange:
    """The change of one SKM element (or the whole index) from before to after an activity,
    on the converted scale 25–100: ``sebelum``/``sesudah`` and the estimate of the change."""

    unsur: str
    nama: str
    sebelum: float
    sesudah: float
    estimate: Estimate

    @property
    def putusan(self) -> str:
        """ "naik (membaik)", "belum bisa disimpulkan", ..."""
        return verdict(self.estimate, better="up")


@dataclass(frozen=True)
class ActivityEvaluation:
    """One activity on the four levels, with its conclusions and follow-up."""

    kegiatan: pd.Series
    peserta: pd.DataFrame
    reaksi: reaction.ReactionSummary
    belajar: pd.DataFrame
    belajar_rinci: pd.DataFrame
    perilaku: pd.DataFrame
    jadwal: pd.DataFrame
    hasil: tuple[results.ResultEstimate, ...]
    skm: tuple[SkmChange, ...]
    kesimpulan: dict[str, str]
    tindak_lanjut: tuple[str, ...]
    efek_sebenarnya: dict[str, float] = field(default_factory=dict)

    @property
    def judul(self) -> str:
        """The activity as a heading: name and dates."""
        start, end = self.kegiatan["tanggal_mulai"], self.kegiatan["tanggal_selesai"]
        when = (
            fmt.date_long(start)
            if start == end
            else (f"{fmt.date_long(start)} – {fmt.date_long(end)}")
        )
        return f"{self.kegiatan['nama']} ({when})"


class Evaluation:
    """The evaluation of every activity in ``tables`` (see the module docstring)."""

    def __init__(
        self, tables: EvaluationTables, *, standard_minutes: float = 15.0, seed: int = 2017
    ) -> None:
        self.tables = tables
        self.standard_minutes = float(standard_minutes)
        self.seed = seed
        self._done: dict[str, ActivityEvaluation] = {}

    # --- shared pieces -------------------------------------------------------------------

    @cached_property
    def daily(self) -> pd.DataFrame:
        """Queue tickets per office and working day (see :func:`results.daily_waits`)."""
        return results.daily_waits(self.tables.tiket, standard_minutes=self.standard_minutes)

    @cached_property
    def _daily_without(self) -> pd.DataFrame | None:
        """The example's counterfactual tickets per office and day (None for real data)."""
        if self.tables.tanpa_pelatihan is None:
            return None
        return results.daily_waits(
            self.tables.tanpa_pelatihan, standard_minutes=self.standard_minutes
        )

    @cached_property
    def gains(self) -> pd.DataFrame:
        """Every learner's gain (see :func:`learning.learning_gains`)."""
        return learning.learning_gains(self.tables.nilai)

    @cached_property
    def changes(self) -> pd.DataFrame:
        """Every behaviour change (see :func:`behaviour.behaviour_change`)."""
        t = self.tables
        return behaviour.behaviour_change(t.kegiatan, t.peserta, t.perilaku)

    def schedule(self) -> pd.DataFrame:
        """Every behaviour follow-up owed and its state on ``hari_ini``."""
        t = self.tables
        return behaviour.follow_up_schedule(t.kegiatan, t.peserta, t.perilaku, hari_ini=t.hari_ini)

    def reminders(self) -> pd.DataFrame:
        """The follow-ups to chase (see :func:`behaviour.reminders`)."""
        return behaviour.reminders(self.schedule(), self.tables.pegawai)

    def activity_ids(self) -> list[str]:
        """Activities in date order."""
        k = self.tables.kegiatan.sort_values(["tanggal_mulai", "id_kegiatan"], kind="stable")
        return k["id_kegiatan"].tolist()

    def _row(self, kegiatan: str) -> pd.Series:
        k = self.tables.kegiatan
        found = k[k["id_kegiatan"] == kegiatan]
        if found.empty:
            from workbench.errors import WorkbenchError

            raise WorkbenchError(
                f"Kegiatan '{kegiatan}' tidak ada. Pilih salah satu: "
                + ", ".join(self.activity_ids())
                + "."
            )
        return found.iloc[0]

    # --- one activity ----------------------------------------------------------------------

    def activity(self, kegiatan: str) -> ActivityEvaluation:
        """The four levels for ``kegiatan`` (computed once, then kept)."""
        if kegiatan not in self._done:
            self._done[kegiatan] = self._evaluate(kegiatan)
        return self._done[kegiatan]

    def _evaluate(self, kegiatan: str) -> ActivityEvaluation:
        row = self._row(kegiatan)
        people = self._people(kegiatan)
        answers = self.tables.reaksi[self.tables.reaksi["id_kegiatan"] == kegiatan]
        summary = reaction.reaction_summary(answers, peserta=len(people) or None)
        gains = self.gains[self.gains["id_kegiatan"] == kegiatan]
        by = ("id_kegiatan", "kompetensi") if gains["kompetensi"].ne("").any() else ("id_kegiatan",)
        learned = learning.gain_summary(gains, by=by)
        changes = self.changes[self.changes["id_kegiatan"] == kegiatan]
        behaved = behaviour.change_summary(changes, by=("sumber",))
        schedule = self.schedule()
        schedule = schedule[schedule["id_kegiatan"] == kegiatan]
        found = self._results(row)
        skm = self._skm(row)
        truth = self._truth(row)
        conclusions = _conclusions(summary, learned, behaved, found, skm, row)
        follow = _follow_up(summary, learned, schedule, found, skm, row)
        return ActivityEvaluation(
            row,
            people,
            summary,
            learned,
            gains,
            behaved,
            schedule,
            found,
            skm,
            conclusions,
            follow,
            truth,
        )

    def _people(self, kegiatan: str) -> pd.DataFrame:
        nips = self.tables.peserta.loc[self.tables.peserta["id_kegiatan"] == kegiatan, "nip"]
        roster = self.tables.pegawai[["nip", "nama", "jabatan", "unit"]]
        people = pd.DataFrame({"nip": nips.to_numpy()}).merge(roster, on="nip", how="left")
        people["unit"] = people["unit"].fillna("(tidak ada di daftar pegawai)")
        return people

    # --- level 4 --------------------------------------------------------------------------

    def _offices(self) -> list[str]:
        return sorted(self.daily["kantor"].unique().tolist())

    def comparison_offices(self, row: pd.Series, post_days: int = 120) -> list[str]:
        """Offices with queue data that no activity trained before the end of the window
        after ``row`` (the "not yet trained" comparison)."""
        own = set(split_list(row.get("kantor")))
        end = _day(row["tanggal_selesai"]) + dt.timedelta(days=round(post_days * 7 / 5) + 30)
        trained = set()
        for other in self.tables.kegiatan.itertuples():
            if _day(other.tanggal_mulai) <= end:
                trained |= set(split_list(getattr(other, "kantor", None)))
        return [k for k in self._offices() if k not in own and k not in trained]

    def _results(self, row: pd.Series) -> tuple[results.ResultEstimate, ...]:
        found = []
        start, end = _day(row["tanggal_mulai"]), _day(row["tanggal_selesai"])
        others = self.comparison_offices(row)
        for office in split_list(row.get("kantor")):
            if office not in self._offices():
                continue
            for measure in results.MEASURES:
                common = dict(kantor=office, mulai=start, selesai=end, ukuran=measure)
                found.append(
                    results.difference_in_differences(self.daily, pembanding=others, **common)
                )
                found.append(results.interrupted_time_series(self.daily, **common))
        return tuple(found)

    def _truth(self, row: pd.Series) -> dict[str, float]:
        """For the synthetic example: the planted effect on each office's mean wait (measured
        minus the same citizens served without the training, over the days used)."""
        without = self._daily_without
        if without is None:
            return {}
        end = np.datetime64(_day(row["tanggal_selesai"]), "s")
        truth = {}
        for office in split_list(row.get("kantor")):
            a = self.daily[self.daily["kantor"] == office].set_index("tanggal")["rata_tunggu"]
            b = without[without["kantor"] == office].set_index("tanggal")["rata_tunggu"]
            days = a.index[a.index.tz_localize(None).to_numpy(dtype="datetime64[s]") > end][:120]
            if len(days):
                truth[office] = float((a.loc[days] - b.loc[days]).mean())
        return truth

    def _skm(self, row: pd.Series) -> tuple[SkmChange, ...]:
        answers = self.tables.skm
        if answers is None or answers.empty:
            return ()
        if not split_list(row.get("unsur_skm")) and not split_list(row.get("kantor")):
            return ()  # an activity not aimed at the counter: the survey says nothing of it
        day = pd.Series(_naive(answers["tanggal"]), index=answers.index)
        start = np.datetime64(_day(row["tanggal_mulai"]), "s")
        end = np.datetime64(_day(row["tanggal_selesai"]), "s")
        span = np.timedelta64(SKM_WINDOW_DAYS, "D")
        before = answers[((day < start) & (day >= start - span)).to_numpy()]
        after = answers[((day > end) & (day <= end + span)).to_numpy()]
        codes = [c for c in split_list(row.get("unsur_skm")) if c in UNSUR_SKM]
        changes = [self._element(code, before, after) for code in codes]
        changes.append(self._index(before, after))
        return tuple(changes)

    def _element(self, code: str, before: pd.DataFrame, after: pd.DataFrame) -> SkmChange:
        a = before[code].to_numpy(dtype=float) * 25
        b = after[code].to_numpy(dtype=float) * 25
        est = mean_difference(a, b, seed=self.seed, min_n=MIN_SKM_ANSWERS)
        return SkmChange(code, UNSUR_SKM[code], _nanmean(a), _nanmean(b), est)

    def _index(self, before: pd.DataFrame, after: pd.DataFrame) -> SkmChange:
        """The whole index (IKM, 25–100), through the SKM engine's own comparison."""
        from workbench.skm import compare

        n = min(len(before), len(after))
        method = "IKM dua survei, selang bootstrap (workbench.skm.compare)"
        if n < MIN_SKM_ANSWERS:
            reason = (
                f"terlalu sedikit: {fmt.count(n)} jawaban SKM di satu sisi, perlu paling "
                f"sedikit {MIN_SKM_ANSWERS}"
            )
            est = Estimate(math.nan, math.nan, math.nan, 0.95, n, method, False, reason)
            return SkmChange("IKM", "Indeks Kepuasan Masyarakat", math.nan, math.nan, est)
        comparison = compare(before, after, seed=self.seed)
        est = Estimate(
            comparison.selisih, comparison.bawah, comparison.atas, comparison.tingkat, n, method
        )
        return SkmChange(
            "IKM", "Indeks Kepuasan Masyarakat", comparison.nilai_awal, comparison.nilai_akhir, est
        )

    # --- every activity --------------------------------------------------------------------

    def summary(self) -> pd.DataFrame:
        """One row per activity: identity, participants, and each level's headline."""
        rows = [self._summary_row(self.activity(k)) for k in self.activity_ids()]
        return pd.DataFrame(rows, columns=_SUMMARY_COLUMNS)

    @staticmethod
    def _summary_row(ev: ActivityEvaluation) -> dict:
        k = ev.kegiatan
        learned = ev.belajar.iloc[0] if len(ev.belajar) == 1 else None
        primary = _primary(ev.hasil, "rata_tunggu")
        return {
            "id_kegiatan": k["id_kegiatan"],
            "nama": k["nama"],
            "jenis": k["jenis"],
            "tanggal_mulai": k["tanggal_mulai"],
            "jp": k["jp"],
            "peserta": len(ev.peserta),
            "reaksi": ev.reaksi.rata_keseluruhan if ev.reaksi.cukup else math.nan,
            "tingkat_respons": ev.reaksi.tingkat_respons,
            "belajar_naik": learned["rata_naik"] if learned is not None else math.nan,
            "belajar": learned["putusan"] if learned is not None else _mixed(ev.belajar),
            "perilaku": _mixed(ev.perilaku),
            "hasil": primary.putusan if primary is not None else "tidak diukur",
        }

    def module_reactions(self) -> pd.DataFrame:
        """Reactions to what was done on one's own (answers not credited to an activity): one
        row per module, conversation scenario played alone or conversation session, with
        ``kegiatan`` (what it was, :func:`~.reaction.describe_code`), ``modul`` (the module's
        number, empty for a conversation), the number of answers, the mean agreement and its
        verdict."""
        answers = self.tables.reaksi
        known = set(self.tables.kegiatan["id_kegiatan"])
        alone = answers[~answers["id_kegiatan"].isin(known)]
        rows = []
        for code, part in alone.groupby("id_kegiatan", sort=True):
            summary = reaction.reaction_summary(part)
            code = str(code)
            module = code.startswith(reaction.MODULE_PREFIX)
            rows.append(
                {
                    "kegiatan": reaction.describe_code(code),
                    "modul": code.removeprefix(reaction.MODULE_PREFIX) if module else "",
                    "jawaban": summary.responden,
                    "rata": summary.rata_keseluruhan if summary.cukup else math.nan,
                    "kesimpulan": summary.kesimpulan,
                }
            )
        return pd.DataFrame(rows, columns=["kegiatan", "modul", "jawaban", "rata", "kesimpulan"])

    def by_group(self, level: str, by: str) -> pd.DataFrame:
        """Learning (``level="belajar"``) or behaviour (``"perilaku"``) per ``by`` (``unit``
        or ``kompetensi``) over every activity."""
        if level == "belajar":
            gains = self.gains
            if by == "kompetensi":
                gains = gains.assign(kompetensi=self._competency_of(gains))
            return learning.gain_summary(gains, by=(by,), pegawai=self.tables.pegawai)
        return behaviour.change_summary(
            self.changes, by=(by, "sumber"), pegawai=self.tables.pegawai
        )

    def _competency_of(self, gains: pd.DataFrame) -> pd.Series:
        """A learning gain's competency: its own, else the activity's competencies joined."""
        listed = dict(
            zip(
                self.tables.kegiatan["id_kegiatan"], self.tables.kegiatan["kompetensi"], strict=True
            )
        )
        return pd.Series(
            [
                own or "; ".join(split_list(listed.get(k))) or "(tidak disebut)"
                for own, k in zip(gains["kompetensi"], gains["id_kegiatan"], strict=True)
            ],
            index=gains.index,
        )


_SUMMARY_COLUMNS = [
    "id_kegiatan",
    "nama",
    "jenis",
    "tanggal_mulai",
    "jp",
    "peserta",
    "reaksi",
    "tingkat_respons",
    "belajar_naik",
    "belajar",
    "perilaku",
    "hasil",
]


def _day(value) -> dt.date:
    stamp = pd.Timestamp(value)
    return (stamp.tz_localize(None) if stamp.tzinfo is not None else stamp).date()


def _naive(values: pd.Series) -> np.ndarray:
    series = pd.Series(values)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    return series.to_numpy(dtype="datetime64[s]")


def _nanmean(values: np.ndarray) -> float:
    known = values[~np.isnan(values)]
    return float(known.mean()) if len(known) else math.nan


def _mixed(table: pd.DataFrame) -> str:
    """One word for several verdicts: the common one, or "beragam"."""
    if table.empty:
        return "belum ada data"
    verdicts = list(dict.fromkeys(table["putusan"]))
    return verdicts[0] if len(verdicts) == 1 else "beragam (lihat rincian)"


def _primary(found, measure: str) -> results.ResultEstimate | None:
    """The estimate a verdict rests on: the comparison with offices not yet trained when it
    could be computed, else the time series of the office alone."""
    candidates = [r for r in found if r.ukuran == measure]
    for r in candidates:
        if r.metode.startswith("selisih") and r.estimate.cukup:
            return r
    for r in candidates:
        if r.metode.startswith("deret") and r.estimate.cukup:
            return r
    return candidates[0] if candidates else None


def _conclusions(summary, learned, behaved, found, skm, row) -> dict[str, str]:
    out = {"reaksi": summary.kesimpulan}
    if learned.empty:
        out["belajar"] = "Belum ada nilai sebelum dan sesudah untuk kegiatan ini."
    else:
        parts = []
        for r in learned.itertuples():
            label = f" {r.kompetensi}" if getattr(r, "kompetensi", "") else ""
            parts.append(
                f"nilai{label} naik rata-rata {fmt.signed(r.rata_naik, 1)} poin "
                f"(selang 95%: {_interval(r.bawah, r.atas)}; {fmt.count(r.peserta)} peserta): "
                f"{r.putusan}"
            )
        out["belajar"] = _sentence(parts)
    if behaved.empty:
        out["perilaku"] = "Tidak ada penilaian tindak lanjut yang dijadwalkan untuk kegiatan ini."
    else:
        parts = [
            f"menurut {r.sumber}, level berubah {fmt.signed(r.rata_perubahan, 2)} "
            f"(selang 95%: {_interval(r.bawah, r.atas, 2)}; {fmt.count(r.dinilai)} penilaian): "
            f"{r.putusan}"
            for r in behaved.itertuples()
        ]
        out["perilaku"] = _sentence(parts)
    primary = _primary(found, "rata_tunggu")
    offices = split_list(row.get("kantor"))
    if primary is not None:
        waits = primary.kesimpulan
    elif offices:
        waits = (
            "Belum ada ekspor mesin antrean untuk " + ", ".join(offices) + " (folder "
            "evaluasi/antrean/<nama kantor>/), jadi waktu tunggu belum bisa dinilai."
        )
    else:
        waits = (
            "Kegiatan ini tidak dikaitkan dengan loket kantor mana pun (kolom kantor kosong), "
            "jadi waktu tunggu tidak dinilai."
        )
    survey = [
        f"{c.unsur} {c.nama}: {fmt.signed(c.estimate.nilai, 2)} poin, {c.putusan}"
        for c in skm
        if c.estimate.cukup
    ]
    out["hasil"] = waits + (
        " SKM 6 bulan sebelum dibanding sesudah (pengaruh kegiatan atau kebijakan lain dalam "
        "masa itu tidak dipisahkan): " + "; ".join(survey) + "."
        if survey
        else ""
    )
    return out


def _interval(low, high, decimals: int = 1) -> str:
    if low is None or (isinstance(low, float) and math.isnan(low)):
        return fmt.MISSING
    return f"{fmt.signed(low, decimals)} s.d. {fmt.signed(high, decimals)}"


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _follow_up(summary, learned, schedule, found, skm, row) -> tuple[str, ...]:
    todo = []
    if summary.tingkat_respons is not None and summary.tingkat_respons < 0.8:
        todo.append(
            f"Tingkat respons kuesioner reaksi {fmt.percent(summary.tingkat_respons, 0)}: "
            "ingatkan peserta yang belum mengisi."
        )
    for r in learned.itertuples():
        if r.putusan == TOO_FEW:
            todo.append(
                "Peserta dengan nilai awal dan akhir terlalu sedikit: lengkapi "
                "pre-test/post-test sebelum menyimpulkan."
            )
            break
    counts = schedule["status"].value_counts()
    for state in ("terlambat", "jatuh tempo"):
        if counts.get(state, 0):
            todo.append(
                f"{fmt.count(counts[state])} penilaian perilaku tindak lanjut {state}: lihat "
                "daftar pengingat."
            )
    primary = _primary(found, "rata_tunggu")
    if primary is not None and primary.putusan == UNDECIDED:
        todo.append(
            "Waktu tunggu belum bisa disimpulkan: teruskan mengumpulkan ekspor mesin antrean "
            "dan nilai lagi setelah lebih banyak hari kerja."
        )
    if split_list(row.get("kantor")) and not found:
        todo.append(
            "Letakkan ekspor mesin antrean kantor "
            + ", ".join(split_list(row.get("kantor")))
            + " di evaluasi/antrean/<nama kantor>/ agar waktu tunggu ikut dinilai."
        )
    if not split_list(row.get("kantor")):
        todo.append(
            "Isi kolom 'kantor' kegiatan bila pesertanya melayani di loket, agar "
            "waktu tunggu ikut dinilai."
        )
    return tuple(todo)
