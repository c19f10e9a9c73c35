"""Conversation role plays meet the evaluation of training: observers' scores become the
behaviour level's observer ratings without anyone copying them, and the reaction questionnaire
after a solo play or a triad round is stored where the evaluation reads it."""

from __future__ import annotations

import datetime as dt
import math
import shutil

import pandas as pd
import pytest

from tests.conftest import ROOT
from workbench import percakapan as pc
from workbench.config import load_settings
from workbench.course import evaluation as gather
from workbench.data import load
from workbench.intervals import t_quantile

FOLDER = ROOT / "scenarios" / "percakapan"
KOMUNIKASI = ("menyapa", "empati", "mendengarkan", "menegaskan")  # wa-tidak-dibalas's four
#: Per officer, the four Komunikasi scores given, and the level they come to (by hand):
#: mean score s -> (s - 1) / 3 * 100 -> konversi_nilai.csv (90: 5, 75: 4, 60: 3, 40: 2) ->
#: capped at level 3, the level wa-tidak-dibalas declares for Komunikasi.
SCORES = {
    0: ((3, 3, 3, 3), 3.0),  # 66,7 -> 3
    1: ((4, 4, 4, 4), 3.0),  # 100 -> 5, capped 3
    2: ((3, 3, 2, 2), 2.0),  # 50 -> 2
    3: ((4, 4, 3, 3), 3.0),  # 83,3 -> 4, capped 3
    4: ((3, 3, 3, 3), 3.0),
}
BASELINE = 2.0  # the supervisor's rating before the activity, for all five


@pytest.fixture
def home(tmp_path):
    shutil.copytree(FOLDER, tmp_path / "scenarios" / "percakapan")
    return tmp_path


def _office(settings, nips: list[str]) -> dt.date:
    """One role-play activity that ended 50 days ago (today is in its 30–90-day follow-up
    window), its five participants, and the supervisor's baseline 2 before it began."""
    today = pd.Timestamp.now(tz=settings.tz).date()
    start, end = today - dt.timedelta(days=52), today - dt.timedelta(days=50)
    folder = settings.state_dir / "evaluasi"
    folder.mkdir(parents=True)
    day = "%d/%m/%Y"
    (folder / "kegiatan.csv").write_text(
        "id_kegiatan;nama;jenis;tanggal_mulai;tanggal_selesai;jp;kompetensi\n"
        f"BP-1;Bermain peran pelayanan;bermain peran;{start:{day}};{end:{day}};6;Komunikasi\n",
        encoding="utf-8",
    )
    (folder / "peserta.csv").write_text(
        "id_kegiatan;nip\n" + "".join(f"BP-1;{n}\n" for n in nips), encoding="utf-8"
    )
    before = start - dt.timedelta(days=10)
    (folder / "perilaku.csv").write_text(
        "nip;kompetensi;sumber;level;tanggal\n"
        + "".join(f"{n};Komunikasi;atasan;2;{before:{day}}\n" for n in nips),
        encoding="utf-8",
    )
    return today


def _observe_today(settings, nips: list[str]) -> None:
    """A triad session today: in each group the officer of round 1 is one participant (named
    by NIP); a sixth group's officer, Dewi Lestari, is linked to no NIP."""
    officers = [*nips, "Dewi Lestari"]
    triads = {f"K{i + 1}": [f"Warga {i + 1}", o, f"Pengamat {i + 1}"] for i, o in enumerate(officers)}
    session = pc.Session.create(None, "Sesi Mei", triads=triads, settings=settings)
    session.start_round("wa-tidak-dibalas")
    for i in range(len(officers)):
        given = SCORES.get(i, SCORES[0])[0]
        scores = dict(zip(KOMUNIKASI, given, strict=True)) | {"waktu": 1, "kanal": 1}
        session.submit(f"K{i + 1}", f"Pengamat {i + 1}", scores)


def test_observer_scores_reach_the_behaviour_level_by_hand(home):
    """With a triad round played today, do the observers' scores become the activity's
    follow-up observer ratings by themselves (levels 3, 3, 2, 3, 3 by hand against a
    baseline of 2: changes +1, +1, 0, +1, +1, mean 0,8, interval 0,8 ± t(0,975; 4) · sd/√5
    with sd = √0,2, so 'naik (membaik)'), the follow-ups marked done, and the officer not
    linked to an NIP named in a note rather than dropped silently?"""
    settings = load_settings(home=home)
    nips = load("pegawai")["nip"].iloc[:5].tolist()
    today = _office(settings, nips)
    _observe_today(settings, nips)

    tables = gather.office_tables(settings=settings)
    seen = tables.perilaku[tables.perilaku["sumber"] == "pengamat"]
    komunikasi = seen[seen["kompetensi"] == "Komunikasi"].set_index("nip")
    assert komunikasi.loc[nips, "level"].tolist() == [SCORES[i][1] for i in range(5)]
    assert {d.date() for d in komunikasi["tanggal"]} == {today}
    assert set(seen["kompetensi"]) == {"Komunikasi", "Pelayanan Publik"}
    assert "penilaian pengamat (bermain peran)" in tables.sumber_data["perilaku"]
    [note] = tables.catatan_sumber
    assert "1 peserta role-play percakapan belum terhubung ke NIP (Dewi Lestari)" in note

    activity = gather.evaluation(settings=settings).activity("BP-1")
    row = activity.perilaku.set_index("sumber").loc["pengamat"]
    changes = [SCORES[i][1] - BASELINE for i in range(5)]
    mean = sum(changes) / 5
    sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / 4)
    half = t_quantile(0.975, 4) * sd / math.sqrt(5)
    assert (row["dinilai"], row["belum"]) == (5, 0)
    assert row["rata_sebelum"] == pytest.approx(2.0)
    assert row["rata_sesudah"] == pytest.approx(2.8)
    assert row["rata_perubahan"] == pytest.approx(0.8)
    assert (row["bawah"], row["atas"]) == pytest.approx((0.8 - half, 0.8 + half))
    assert half == pytest.approx(2.7764 * math.sqrt(0.2) / math.sqrt(5), abs=1e-4)
    assert row["putusan"] == "naik (membaik)"
    assert "menurut pengamat, level berubah +0,80" in activity.kesimpulan["perilaku"]
    done = activity.jadwal.set_index("sumber").loc["pengamat"]
    assert set(done["status"]) == {"sudah dinilai"}


def test_dashboard_and_command_show_observer_rated_behaviour(home, monkeypatch, capsys):
    """Do the evaluation dashboard and `workbench evaluation summary` show the observers'
    verdict and the note about the unlinked officer, with nothing done by the user but
    playing the round?"""
    from workbench import config
    from workbench.cli import main
    from workbench.widgets.evaluasi import evaluation_dashboard

    settings = load_settings(home=home)
    nips = load("pegawai")["nip"].iloc[:5].tolist()
    _office(settings, nips)
    _observe_today(settings, nips)

    board = evaluation_dashboard(settings=settings)
    assert "menurut pengamat, level berubah +0,80" in board.detail.value
    assert "evl-catatan-sumber" in board.origin.value and "Dewi Lestari" in board.origin.value

    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    config.get_settings.cache_clear()
    try:
        assert main(["evaluation", "summary"]) == 0
    finally:
        config.get_settings.cache_clear()
    out = capsys.readouterr().out
    assert "menurut pengamat, level berubah +0,80" in out
    assert "naik (membaik)" in out and "Catatan: 1 peserta role-play" in out


def test_without_role_plays_or_with_a_broken_database_the_evaluation_still_shows(home):
    """With no conversation database, are there no observer rows and no note; with a file
    that is not a database, does the evaluation still load and say why observers are missing?"""
    settings = load_settings(home=home)
    nips = load("pegawai")["nip"].iloc[:5].tolist()
    _office(settings, nips)
    tables = gather.office_tables(settings=settings)
    assert (tables.perilaku["sumber"] == "atasan").all() and tables.catatan_sumber == ()
    broken = pc.default_path(settings)
    broken.parent.mkdir(parents=True)
    broken.write_text("bukan basis data", encoding="utf-8")
    tables = gather.office_tables(settings=settings)
    assert (tables.perilaku["sumber"] == "atasan").all()
    assert "Penilaian pengamat role-play tidak terbaca" in tables.catatan_sumber[0]
    assert gather.evaluation(settings=settings).activity("BP-1") is not None
