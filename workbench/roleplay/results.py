"""The tables a workshop shows, read back from stored plans: leaderboard, queue, waits, changes.

Every function takes the stored rows (:mod:`~workbench.roleplay.store`) and returns a pandas
DataFrame with Indonesian column names; :class:`~workbench.roleplay.Workshop` passes the rows of
the round asked for.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd

from workbench.config import get_settings
from workbench.intervals import confidence_interval
from workbench.roleplay.scoring import KPIS, rank_ranges, upgrade_columns
from workbench.simulation.midday import base_counter_name

__all__ = [
    "changes",
    "leaderboard",
    "queue_over_day",
    "read_frame",
    "replay_frame",
    "submissions",
    "summary",
    "wait_distribution",
]

#: The text of a plan that changed nothing.
NO_CHANGE = "Tidak mengubah rencana kartu."

_BOARD_FIRST = ["tim", "peringkat", "peringkat_sampai", "setara", "setara_dengan", "status"]


def read_frame(text: str, *, index: bool = False) -> pd.DataFrame:
    """A table stored as JSON (``orient="split"``)."""
    frame = pd.read_json(io.StringIO(text), orient="split")
    return frame if index else frame.reset_index(drop=True)


def kpis(row: dict) -> pd.DataFrame:
    """A stored plan's KPIs per replication, with the current KPI names."""
    return upgrade_columns(read_frame(row["kpis"]))


def summary(per: pd.DataFrame) -> pd.DataFrame:
    """Each KPI's mean over replications with its 95% interval: index ``kode``; columns
    ``indikator``, ``nilai``, ``batas_bawah``, ``batas_atas``, ``satuan``."""
    rows = []
    for k, (label, unit, _higher) in KPIS.items():
        mean, low, high = confidence_interval(per[k])
        rows.append(
            {
                "kode": k,
                "indikator": label,
                "nilai": mean,
                "batas_bawah": low,
                "batas_atas": high,
                "satuan": unit,
            }
        )
    return pd.DataFrame(rows).set_index("kode")


def _office_time(text: str | None) -> pd.Timestamp:
    """A stored UTC time (ISO 8601) in office time; NaT when missing."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return pd.NaT
    return pd.Timestamp(text).tz_convert(get_settings().tz)


def _status(entry: dict, round_) -> str:
    if entry["phase"] == 1:
        return "keputusan " + (round_.decision_clock or "")
    return "dibawa dari ronde sebelumnya" if entry["source"] == "dibawa" else "dikirim"


def leaderboard(final: dict[str, dict], teams: list[str], rank_by: str, round_) -> pd.DataFrame:
    """The leaderboard of a round from each team's standing row (see
    :meth:`Workshop.leaderboard <workbench.roleplay.Workshop.leaderboard>`)."""
    per_team = {t: kpis(final[t]) for t in teams if t in final}
    rows = []
    if per_team:
        for rec in rank_ranges(per_team, rank_by).to_dict("records"):
            entry = final[rec["tim"]]
            rec["status"] = _status(entry, round_)
            for k in KPIS:
                rec[k], rec[f"{k}_bawah"], rec[f"{k}_atas"] = confidence_interval(
                    per_team[rec["tim"]][k]
                )
            rec["dikirim"] = _office_time(entry["submitted_at"])
            rows.append(rec)
    for team in teams:
        if team not in per_team:
            rows.append(
                {
                    "tim": team,
                    "setara": False,
                    "setara_dengan": "",
                    "status": "belum mengirim",
                    "dikirim": pd.NaT,
                }
            )
    columns = _BOARD_FIRST + [c for k in KPIS for c in (k, f"{k}_bawah", f"{k}_atas")]
    frame = pd.DataFrame(rows).reindex(columns=[*columns, "dikirim"])
    for column in ("peringkat", "peringkat_sampai"):
        frame[column] = frame[column].astype("Int64")
    frame["setara"] = frame["setara"].astype(bool)
    return frame


def queue_over_day(final: dict[str, dict], teams: list[str]) -> pd.DataFrame:
    """Average queue length through the day per team: ``tim``, ``jam``, ``antrean``,
    ``batas_bawah``, ``batas_atas``."""
    frames = []
    for team in teams:
        if team in final:
            q = read_frame(final[team]["queue"]).rename(columns={"rata_rata": "antrean"})
            q["batas_bawah"] = q["batas_bawah"].clip(lower=0.0)  # nobody waits < 0
            q.insert(0, "tim", team)
            frames.append(q.drop(columns=["hari"]))
    if not frames:
        return pd.DataFrame(columns=["tim", "jam", "antrean", "batas_bawah", "batas_atas"])
    return pd.concat(frames, ignore_index=True)


def wait_distribution(final: dict[str, dict], teams: list[str]) -> pd.DataFrame:
    """Share of served visitors per waiting-time bin, per team: ``tim``, ``dari``,
    ``sampai``, ``porsi`` (%)."""
    frames = []
    for team in teams:
        if team in final:
            w = read_frame(final[team]["waits"])
            w.insert(0, "tim", team)
            frames.append(w)
    if not frames:
        return pd.DataFrame(columns=["tim", "dari", "sampai", "porsi"])
    return pd.concat(frames, ignore_index=True)


def _change_text(row: dict) -> str:
    return "\n".join(json.loads(row["changes"])) or NO_CHANGE


def changes(final: dict[str, dict], teams: list[str]) -> pd.DataFrame:
    """What each team changed against the card: ``tim``, ``perubahan`` (one line each),
    ``biaya`` (officer-hours)."""
    rows = [
        {"tim": t, "perubahan": _change_text(final[t]), "biaya": final[t]["cost_hours"]}
        for t in teams
        if t in final
    ]
    return pd.DataFrame(rows, columns=["tim", "perubahan", "biaya"])


def submissions(rows: list[dict]) -> pd.DataFrame:
    """Every stored plan, oldest first (see :meth:`Workshop.submissions`)."""
    out = []
    for row in rows:
        per = kpis(row)
        rec = {
            "ronde": row["round_number"],
            "tim": row["team"],
            "tahap": "keputusan tengah hari" if row["phase"] == 1 else "rencana hari",
            "sumber": row["source"],
            "biaya_rencana": row["cost_hours"],
            "perubahan": _change_text(row),
            "dikirim": _office_time(row["submitted_at"]),
        }
        rec.update({k: float(per[k].mean()) for k in KPIS})
        out.append(rec)
    columns = ["ronde", "tim", "tahap", "sumber", "biaya_rencana", "perubahan", "dikirim", *KPIS]
    return pd.DataFrame(out, columns=columns)


def replay_frame(result) -> pd.DataFrame:
    """Replication 1 as clock minutes, for the replay (counter names without the decision
    suffix, so a counter that changed role at 10:00 stays one desk on screen)."""
    rec = result.records
    rec = rec[rec["replikasi"] == 1]
    offset = result.scenario.open_time
    loket = (
        rec["loket"]
        .astype(object)
        .map(lambda v: base_counter_name(v) if isinstance(v, str) else "")
    )
    return pd.DataFrame(
        {
            "id": rec["id"].to_numpy(),
            "layanan": rec["layanan"].astype(str).to_numpy(),
            "prioritas": rec["prioritas"].astype(str).to_numpy(),
            "datang": np.round(rec["datang"].to_numpy() + offset, 2),
            "mulai": np.round(rec["mulai"].to_numpy() + offset, 2),
            "keluar": np.round(rec["keluar"].to_numpy() + offset, 2),
            "loket": loket.to_numpy(),
            "status": rec["status"].astype(str).to_numpy(),
        }
    )
