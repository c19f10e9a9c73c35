"""Closing the loop: observers' scores as competency's 'pengamat' source, self-versus-observer
gaps on the competency dashboard, and SKM elements and themes recommending scenarios."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import ROOT
from workbench import competency, course
from workbench import percakapan as pc
from workbench.config import load_settings
from workbench.data import load
from workbench.data.privacy import mask_nip
from workbench.widgets.competency import (
    CompetencyDashboard,
    competency_dashboard,
    recommendations_html,
)

FOLDER = ROOT / "scenarios" / "percakapan"


@pytest.fixture
def settings(tmp_path):
    shutil.copytree(FOLDER, tmp_path / "scenarios" / "percakapan")
    return load_settings(home=tmp_path)


@pytest.fixture(scope="module")
def staff():
    return load("pegawai")


def scores_table(rows):
    return pd.DataFrame(
        rows, columns=["peserta", "kompetensi", "nilai", "level_maks", "jumlah_pengamatan"]
    )


def test_observer_scores_become_levels_capped_by_the_scenario(settings, staff):
    """Is 0–100 converted with konversi_nilai.csv (60 → 3, 40 → 2, below → 1), capped at the
    scenario's level, named by NIP through the peserta file or an 18-digit name, and a name not
    linked yet kept with an empty NIP rather than dropped?"""
    nip = staff["nip"].iloc[0]
    folder = settings.state_dir / "kompetensi"
    folder.mkdir(parents=True)
    (folder / "peserta.csv").write_text(f"peserta;nip\nBudi;{staff['nip'].iloc[1]}\n", "utf-8")
    table = scores_table(
        [
            (nip, "Komunikasi", 66.7, 3, 2),
            (nip, "Pelayanan Publik", 100.0, 3, 2),
            ("Budi", "Komunikasi", 33.3, 3, 1),
            ("Budi", "Integritas", 50.0, 3, 1),
            ("Tamu", "Komunikasi", 90.0, 5, 1),
        ]
    )
    rows = competency.observer_assessments(table, settings=settings)
    assert rows["level"].tolist() == [3.0, 3.0, 1.0, 2.0, 5.0]
    assert rows["nip"].tolist()[:4] == [nip, nip, staff["nip"].iloc[1], staff["nip"].iloc[1]]
    assert pd.isna(rows["nip"].iloc[4]) and rows["peserta"].iloc[4] == "Tamu"
    assert set(rows["sumber"]) == {"pengamat"}


def test_the_pengamat_source_has_its_weight_in_the_sources_file(settings):
    """Does the shipped sources file weigh observers, and does a combined level use it?"""
    weights = competency.load_weights(settings=settings)
    assert weights["pengamat"] == 0.25
    standards = competency.load_standards(settings=settings)
    person = load("pegawai").iloc[0]
    rows = pd.DataFrame(
        {
            "nip": person["nip"],
            "jabatan": person["jabatan"],
            "kompetensi": "Komunikasi",
            "level": [2.0, 4.0],
            "sumber": ["pengamat", "diri"],
        }
    )
    gaps = competency.gaps(standards, rows, settings=settings)
    line = gaps[gaps["kompetensi"] == "Komunikasi"].iloc[0]
    assert line["dimiliki"] == round((0.25 * 2 + 0.2 * 4) / 0.45, 2)
    assert line["rincian"] == "diri 4 × 0,2 + pengamat 2 × 0,25"


def test_sources_side_by_side_flag_a_large_self_observer_gap():
    """Are self, supervisor and observer levels put side by side, a gap of a level or more
    flagged and explained in both directions, and people without observers left unflagged?"""
    rows = pd.DataFrame(
        {
            "nip": ["1"] * 5 + ["2"] * 2,
            "kompetensi": [
                "Komunikasi",
                "Komunikasi",
                "Komunikasi",
                "Integritas",
                "Integritas",
                "Komunikasi",
                "Komunikasi",
            ],
            "level": [3.0, 4.0, 2.0, 2.0, 3.0, 3.0, 3.0],
            "sumber": ["atasan", "diri", "pengamat", "diri", "pengamat", "atasan", "diri"],
        }
    )
    table = competency.source_comparison(rows).set_index(["nip", "kompetensi"])
    assert list(table.columns[:3]) == ["atasan", "diri", "pengamat"]
    first = table.loc[("1", "Komunikasi")]
    assert first["selisih_diri_pengamat"] == 2 and first["selisih_besar"]
    assert first["keterangan"] == "diri 4 di atas pengamat 2: selisih 2 level"
    below = table.loc[("1", "Integritas")]
    assert below["selisih_besar"] and "di bawah pengamat 3" in below["keterangan"]
    unseen = table.loc[("2", "Komunikasi")]
    assert pd.isna(unseen["selisih_diri_pengamat"]) and not unseen["selisih_besar"]
    assert not competency.source_comparison(rows, batas=3)["selisih_besar"].any()


def test_skm_elements_and_themes_recommend_the_scenarios_that_train_them(settings):
    """Does U8 recommend the WhatsApp and viral-complaint scenarios first (they name U8), the
    theme 'Penanganan pengaduan' the same, and 'Perilaku petugas' (raising Integritas) the
    'uang rokok' scenario?"""
    signals = pd.DataFrame(
        [
            ("Komunikasi", "unsur", "U8", 71.0, "SKM U8 = 71,0"),
            ("Pelayanan Publik", "unsur", "U8", 71.0, "SKM U8 = 71,0"),
            (
                "Integritas",
                "tema",
                "Perilaku petugas",
                10.2,
                "keluhan warga 'Perilaku petugas' 10,2% saran",
            ),
            ("Komunikasi", "tema", "Penanganan pengaduan", 10.6, "keluhan 10,6% saran"),
        ],
        columns=["kompetensi", "sumber", "kode", "nilai", "alasan"],
    )
    advice = competency.scenario_recommendations(signals, pc.catalogue(settings=settings))
    u8 = advice[advice["kode"] == "U8"]
    assert set(u8.loc[u8["langsung"], "skenario"]) == {"wa-tidak-dibalas", "keluhan-viral"}
    assert u8["langsung"].tolist() == sorted(u8["langsung"], reverse=True)  # direct ones first
    assert u8.iloc[0]["kompetensi"] == "Komunikasi, Pelayanan Publik"
    behaviour = advice[advice["kode"] == "Perilaku petugas"]
    assert behaviour.iloc[0]["skenario"] == "uang-rokok" and behaviour.iloc[0]["langsung"]
    complaints = advice[advice["kode"] == "Penanganan pengaduan"]
    assert {"wa-tidak-dibalas", "keluhan-viral"} <= set(
        complaints.loc[complaints["langsung"], "skenario"]
    )
    assert list(advice["kode"].drop_duplicates()) == [
        "U8",
        "Perilaku petugas",
        "Penanganan pengaduan",
    ]
    html = recommendations_html(advice)
    assert "Pengaduan lewat WhatsApp yang tidak dibalas (wa-tidak-dibalas, langsung)" in html
    assert competency.scenario_recommendations(
        signals.iloc[:0], pc.catalogue(settings=settings)
    ).empty


def play_a_round(settings, staff):
    """A triad session of three staff (named by NIP) with one round observed."""
    a, b, c = staff["nip"].iloc[:3]
    session = pc.Session.create(
        None, "Lokakarya kompetensi", triads={"K1": [a, b, c]}, settings=settings
    )
    session.start_round("wa-tidak-dibalas")
    session.submit("K1", c, {k: 1 for k in session.scenario().behaviours}, note="banyak luput")
    return a, b, c


def test_the_dashboard_shows_observers_beside_self_and_supervisor(settings, staff):
    """After a round in which a staff member's behaviours were all scored 1, does the
    competency dashboard (gathering the scores itself) show the observer level beside self and
    supervisor, flag the gap to a high self-assessment, count it on a card, and list the
    scenarios the SKM recommends?"""
    _citizen, officer, _observer = play_a_round(settings, staff)
    board = competency_dashboard(settings=settings)
    rows = board.full.penilaian
    observed = rows[(rows["nip"] == officer) & (rows["sumber"] == "pengamat")]
    assert set(observed["kompetensi"]) == {"Komunikasi", "Pelayanan Publik"}
    assert (observed["level"] == 1).all()
    assert "skor pengamat role-play" in board.full.sumber_data["penilaian"]
    assert "kmp-pengamat" in board.observers.value
    assert mask_nip(officer) in board.observers.value  # masked by default
    table = competency.source_comparison(rows)
    flagged = table[(table["nip"] == officer) & table["selisih_besar"]]
    assert len(flagged) and "kmp-selisih" in board.observers.value
    assert flagged.iloc[0]["keterangan"] in board.observers.value
    assert "Selisih besar diri–pengamat" in board.cards.value
    assert "wa-tidak-dibalas" in board.scenario_advice.value
    board.person.value = officer
    assert "Level per sumber" in board.person_panel.value


def test_without_role_plays_the_dashboard_says_how_to_get_observer_scores(tmp_path):
    """With no session stored, does the dashboard say where observer scores come from?"""
    settings = load_settings(home=tmp_path)
    view = course.overview(settings=settings)
    board = CompetencyDashboard(view, settings=settings)
    assert "Belum ada skor pengamat" in board.observers.value
    assert "Tidak ada skenario percakapan" in board.scenario_advice.value


def test_unlinked_role_play_names_are_noted(settings):
    """Are observed officers whose names are not linked to an NIP named in the notes?"""
    session = pc.Session.create(
        None, "Nama saja", triads={"K1": ["Ani", "Budi", "Citra"]}, settings=settings
    )
    session.start_round("uang-rokok")
    session.submit("K1", "Citra", {k: 3 for k in session.scenario().behaviours})
    scores = pc.competency_scores(pc.observer_scores(settings=settings))
    view = course.overview(settings=settings, pengamat=scores)
    assert any("belum terhubung ke NIP: Budi" in note for note in view.catatan)
    assert (view.penilaian["sumber"] != "pengamat").all()


def test_engines_meet_only_through_tables():
    """Does the conversation engine load without competency, practice, skm or any page, and
    competency without the conversation engine? (They meet as tables, gathered by the pages
    above both.)"""
    alone = (
        "import sys, workbench.percakapan\n"
        "others = ('workbench.competency', 'workbench.practice', 'workbench.skm',"
        " 'workbench.widgets')\n"
        "loaded = [m for m in sys.modules if m.startswith(others)]\n"
        "assert not loaded, loaded\n"
    )
    other_way = (
        "import sys, workbench.competency\n"
        "assert not [m for m in sys.modules if m.startswith('workbench.percakapan')]\n"
    )
    for source in (alone, other_way):
        done = subprocess.run(
            [sys.executable, "-c", source], capture_output=True, text=True, cwd=ROOT, timeout=120
        )
        assert done.returncode == 0, done.stderr


def test_observer_levels_per_day_for_a_before_and_after_comparison(settings, staff):
    """Can the observers' levels be had per office day, NIP and competency (the rows an
    evaluation of training compares before and after), with the day kept through the
    conversion to levels?"""
    _citizen, officer, _observer = play_a_round(settings, staff)
    per_day = pc.competency_scores(pc.observer_scores(settings=settings), per_day=True)
    today = pd.Timestamp.now(tz=settings.tz).date()
    assert set(per_day["tanggal"]) == {today} and set(per_day["peserta"]) == {officer}
    rows = competency.observer_assessments(per_day, settings=settings)
    assert list(rows.columns[-1:]) == ["tanggal"] and set(rows["tanggal"]) == {today}
    assert set(rows["nip"]) == {officer} and (rows["level"] == 1).all()
