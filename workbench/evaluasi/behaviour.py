"""Level 3, behaviour: do people act differently at work one to three months later?

The supervisor (``atasan``) and an observer (``pengamat``, for example from the conversation
role plays) rate the competencies an activity develops, on the levels of PermenPANRB 38/2017
(1–5): once before the activity (the baseline) and once in the follow-up window, 30 to 90 days
after its last day (settings of :func:`follow_up_schedule`), for the kinds of activity in
:data:`RATERS` (a self-paced module is judged on learning). Ratings are a
:data:`~workbench.data.evaluasi.PENILAIAN_PERILAKU` table with a date on every row.

* :func:`follow_up_schedule` -- every follow-up owed: participant, competency, rater, window,
  and whether it is done, due, late or not due yet on ``hari_ini``;
* :func:`reminders` -- what the trainer must chase, grouped by activity, rater and unit;
* :func:`behaviour_change` -- per person, competency and rater: the level before, after and
  the change; :func:`change_summary` the mean change with its interval and verdict.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from workbench import formatting as fmt
from workbench.data.evaluasi import SUMBER_PERILAKU, split_list
from workbench.evaluasi.stats import mean_change, verdict

__all__ = [
    "FOLLOW_UP_DAYS",
    "RATERS",
    "STATUS",
    "behaviour_change",
    "change_summary",
    "follow_up_schedule",
    "reminders",
]

#: The follow-up window in days after the activity's last day (one to three months).
FOLLOW_UP_DAYS = (30, 90)
#: A follow-up rating counts until this many days after the window closes (a late rating is
#: still a rating).
GRACE_DAYS = 30
#: Follow-up states, in the order a trainer acts on them.
STATUS = ("terlambat", "jatuh tempo", "belum waktunya", "sudah dinilai")
#: Fewest people whose mean change is read.
MIN_PEOPLE = 5


def _day(value) -> dt.date:
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.date()


#: Kinds of activity whose behaviour is followed up, and the raters each gets. A module is
#: self-paced practice (its learning level says what it changed); the observer watches
#: conversations and counter work, after a role play or a classroom training.
RATERS: dict[str, tuple[str, ...]] = {
    "pelatihan": ("atasan", "pengamat"),
    "bermain peran": ("atasan", "pengamat"),
    "lokakarya": ("atasan",),
}


def _owed(kegiatan: pd.DataFrame, peserta: pd.DataFrame, sumber) -> pd.DataFrame:
    """Every (activity, participant, competency, rater) a follow-up is owed for."""
    rows = []
    for k in kegiatan.itertuples():
        competencies = split_list(k.kompetensi)
        raters = [r for r in RATERS.get(k.jenis, ()) if r in sumber]
        if not competencies or not raters:
            continue
        last = _day(k.tanggal_selesai)
        nips = peserta.loc[peserta["id_kegiatan"] == k.id_kegiatan, "nip"]
        for nip in nips:
            for kompetensi in competencies:
                for rater in raters:
                    rows.append(
                        (k.id_kegiatan, k.nama, _day(k.tanggal_mulai), last, nip, kompetensi, rater)
                    )
    return pd.DataFrame(
        rows,
        columns=["id_kegiatan", "nama_kegiatan", "mulai", "selesai", "nip", "kompetensi", "sumber"],
    )


def _ratings(perilaku: pd.DataFrame) -> pd.DataFrame:
    frame = perilaku[["nip", "kompetensi", "sumber", "level", "tanggal"]].copy()
    frame["hari"] = [_day(v) for v in frame["tanggal"]]
    return frame.sort_values("hari", kind="stable")


def _follow_up(owed: pd.DataFrame, ratings: pd.DataFrame, window) -> pd.DataFrame:
    """The first rating by the same rater from the window's start until the grace ends."""
    low, high = window
    merged = owed.merge(ratings, on=["nip", "kompetensi", "sumber"], how="left")
    since = [
        (h - s).days if isinstance(h, dt.date) else np.nan
        for h, s in zip(merged["hari"], merged["selesai"], strict=True)
    ]
    merged["sejak"] = since
    inside = merged[(merged["sejak"] >= low) & (merged["sejak"] <= high + GRACE_DAYS)]
    first = inside.groupby(["id_kegiatan", "nip", "kompetensi", "sumber"]).first()
    return first[["level", "hari"]].rename(columns={"level": "sesudah", "hari": "dinilai"})


def follow_up_schedule(
    kegiatan: pd.DataFrame,
    peserta: pd.DataFrame,
    perilaku: pd.DataFrame,
    *,
    hari_ini: dt.date,
    sumber: tuple[str, ...] = SUMBER_PERILAKU,
    window: tuple[int, int] = FOLLOW_UP_DAYS,
) -> pd.DataFrame:
    """Every follow-up owed and its state on ``hari_ini``.

    Columns: ``id_kegiatan, nama_kegiatan, nip, kompetensi, sumber, jendela_mulai,
    jendela_akhir, status`` (see :data:`STATUS`), ``dinilai`` (date of the follow-up rating)
    and ``sesudah`` (its level).
    """
    owed = _owed(kegiatan, peserta, sumber)
    columns = [
        "id_kegiatan",
        "nama_kegiatan",
        "nip",
        "kompetensi",
        "sumber",
        "jendela_mulai",
        "jendela_akhir",
        "status",
        "dinilai",
        "sesudah",
    ]
    if owed.empty:
        return pd.DataFrame(columns=columns)
    ratings = _ratings(perilaku)
    seen = np.array([h <= hari_ini for h in ratings["hari"]], dtype=bool)
    ratings = ratings.loc[seen]  # as things stood that day
    done = _follow_up(owed, ratings, window)
    owed = owed.join(done, on=["id_kegiatan", "nip", "kompetensi", "sumber"])
    owed["jendela_mulai"] = [d + dt.timedelta(days=window[0]) for d in owed["selesai"]]
    owed["jendela_akhir"] = [d + dt.timedelta(days=window[1]) for d in owed["selesai"]]
    state = np.where(
        owed["dinilai"].notna(),
        "sudah dinilai",
        np.where(
            [hari_ini < d for d in owed["jendela_mulai"]],
            "belum waktunya",
            np.where([hari_ini <= d for d in owed["jendela_akhir"]], "jatuh tempo", "terlambat"),
        ),
    )
    owed["status"] = state
    return owed[columns].reset_index(drop=True)


def reminders(schedule: pd.DataFrame, pegawai: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the trainer must chase: follow-ups due or late, one row per activity, rater, unit
    and state, with how many people and which competencies, and a sentence to send on."""
    todo = schedule[schedule["status"].isin(["terlambat", "jatuh tempo"])].copy()
    columns = [
        "id_kegiatan",
        "sumber",
        "unit",
        "status",
        "pegawai",
        "kompetensi",
        "jendela_akhir",
        "pesan",
    ]
    if todo.empty:
        return pd.DataFrame(columns=columns)
    units = dict(zip(pegawai["nip"], pegawai["unit"], strict=True)) if pegawai is not None else {}
    todo["unit"] = todo["nip"].map(units).astype(object).fillna("(unit tidak diketahui)")
    rows = []
    keys = ["id_kegiatan", "nama_kegiatan", "sumber", "unit", "status"]
    for (kegiatan, nama, rater, unit, state), part in todo.groupby(keys, sort=True):
        people = part["nip"].nunique()
        competencies = "; ".join(dict.fromkeys(part["kompetensi"]))
        closes = max(part["jendela_akhir"])
        who = "Atasan langsung" if rater == "atasan" else "Pengamat"
        when = (
            f"lewat batas {fmt.date_long(closes)}"
            if state == "terlambat"
            else f"paling lambat {fmt.date_long(closes)}"
        )
        message = (
            f"{who} di {unit}: mohon nilai {competencies} untuk {fmt.count(people)} peserta "
            f"'{nama}' ({when})."
        )
        rows.append((kegiatan, rater, unit, state, people, competencies, closes, message))
    out = pd.DataFrame(rows, columns=columns)
    order = {s: i for i, s in enumerate(STATUS)}
    return out.sort_values(
        ["status", "jendela_akhir"], key=lambda c: c.map(order) if c.name == "status" else c
    ).reset_index(drop=True)


def behaviour_change(
    kegiatan: pd.DataFrame,
    peserta: pd.DataFrame,
    perilaku: pd.DataFrame,
    *,
    sumber: tuple[str, ...] = SUMBER_PERILAKU,
    window: tuple[int, int] = FOLLOW_UP_DAYS,
) -> pd.DataFrame:
    """Per person, competency and follow-up rater: ``sebelum`` (the latest rating by any rater
    before the activity began, the supervisor's first when both rated that day), ``sesudah``
    (the follow-up rating) and ``perubahan``. Rows lacking either side are kept with NaN, so a
    reader sees who is missing."""
    owed = _owed(kegiatan, peserta, sumber)
    if owed.empty:
        return pd.DataFrame(
            columns=[
                "id_kegiatan",
                "nip",
                "kompetensi",
                "sumber",
                "sebelum",
                "sesudah",
                "perubahan",
            ]
        )
    ratings = _ratings(perilaku)
    after = _follow_up(owed, ratings, window)
    pairs = owed[["id_kegiatan", "nip", "kompetensi", "mulai"]].drop_duplicates()
    base = pairs.merge(ratings, on=["nip", "kompetensi"], how="left", suffixes=("", "_r"))
    earlier = [
        isinstance(h, dt.date) and h < m for h, m in zip(base["hari"], base["mulai"], strict=True)
    ]
    base = base.loc[np.array(earlier, dtype=bool)]
    base = base.assign(urut=(base["sumber"] != "atasan").astype(int))
    base = base.sort_values(["hari", "urut"], ascending=[True, False], kind="stable")
    before = base.groupby(["id_kegiatan", "nip", "kompetensi"])["level"].last().rename("sebelum")
    out = owed.join(before, on=["id_kegiatan", "nip", "kompetensi"]).join(
        after, on=["id_kegiatan", "nip", "kompetensi", "sumber"]
    )
    out["perubahan"] = out["sesudah"] - out["sebelum"]
    return out[
        ["id_kegiatan", "nip", "kompetensi", "sumber", "sebelum", "sesudah", "perubahan"]
    ].reset_index(drop=True)


def change_summary(
    changes: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("id_kegiatan", "sumber"),
    pegawai: pd.DataFrame | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean change of level per group (activity and rater by default; ``kompetensi`` and, with
    the roster, ``unit`` too) with its interval and verdict. A person rated on two competencies
    counts once per competency. Columns: the groups, ``dinilai`` (pairs with both sides),
    ``belum`` (still missing a side), ``rata_sebelum``, ``rata_sesudah``, ``rata_perubahan``,
    ``bawah``, ``atas``, ``putusan``, ``alasan``."""
    frame = changes
    if "unit" in by:
        frame = frame.merge(pegawai[["nip", "unit"]], on="nip", how="left")
    rows = []
    for key, part in frame.groupby(list(by), sort=True):
        est = mean_change(part["perubahan"], level=level, min_n=MIN_PEOPLE)
        labels = key if isinstance(key, tuple) else (key,)
        paired = part.dropna(subset=["perubahan"])
        rows.append(
            {
                **dict(zip(by, labels, strict=True)),
                "dinilai": est.n,
                "belum": int(part["perubahan"].isna().sum()),
                "rata_sebelum": float(paired["sebelum"].mean()) if len(paired) else np.nan,
                "rata_sesudah": float(paired["sesudah"].mean()) if len(paired) else np.nan,
                "rata_perubahan": est.nilai,
                "bawah": est.bawah,
                "atas": est.atas,
                "putusan": verdict(est, better="up"),
                "alasan": est.alasan,
            }
        )
    columns = [
        *by,
        "dinilai",
        "belum",
        "rata_sebelum",
        "rata_sesudah",
        "rata_perubahan",
        "bawah",
        "atas",
        "putusan",
        "alasan",
    ]
    return pd.DataFrame(rows, columns=columns)
