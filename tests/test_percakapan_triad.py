"""Role play in threes: sessions, rotating roles, private briefs, observer scores, many
observers submitting at the same moment, and the score tables other capabilities read."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from tests.conftest import ROOT
from workbench import percakapan as pc
from workbench.config import load_settings
from workbench.errors import WorkbenchError

FOLDER = ROOT / "scenarios" / "percakapan"
GROUPS = "Kelompok 1: Ani, Budi, Citra\nKelompok 2: Dedi, Eka, Fajar, Gita"


@pytest.fixture
def settings(tmp_path):
    shutil.copytree(FOLDER, tmp_path / "scenarios" / "percakapan")
    return load_settings(home=tmp_path)


@pytest.fixture
def session(settings):
    ses = pc.Session.create(
        None, "Lokakarya uji", triads=GROUPS, date="05/02/2025", settings=settings
    )
    ses.start_round("wa-tidak-dibalas")
    return ses


def all_scores(session, value=3):
    return {key: value for key in session.scenario().behaviours}


def test_a_session_refuses_groups_that_cannot_play(settings):
    """Are a group of two, a person in two groups and an empty name refused, each named?"""
    with pytest.raises(WorkbenchError) as caught:
        pc.Session.create(None, "", triads="A: Ani, Budi\nB: Ani, Citra, Dedi", settings=settings)
    text = str(caught.value)
    assert "nama sesi kosong" in text
    assert "kelompok 'A' beranggota 2 orang" in text
    assert "'Ani' tercantum di dua kelompok (A dan B)" in text
    assert pc.Session.names(settings=settings) == []  # nothing half-created


def test_groups_are_read_from_lines_as_a_facilitator_types_them():
    """Are groups typed one per line read with their names, and lines without a name numbered?"""
    assert pc.parse_triads("Meja 1: Ani, Budi, Citra\n\nDedi; Eka; Fajar\n") == {
        "Meja 1": ["Ani", "Budi", "Citra"],
        "Kelompok 2": ["Dedi", "Eka", "Fajar"],
    }


def test_a_session_name_is_used_once_and_the_newest_opens(session, settings):
    """Is a second session with the same name refused, and does open() give the newest?"""
    with pytest.raises(WorkbenchError, match="sudah ada"):
        pc.Session.create(None, "Lokakarya uji", triads=GROUPS, settings=settings)
    pc.Session.create(None, "Lokakarya kedua", triads=GROUPS, settings=settings)
    assert pc.Session.names(settings=settings) == ["Lokakarya kedua", "Lokakarya uji"]
    assert pc.Session.open(settings=settings).name == "Lokakarya kedua"
    assert session.date == "2025-02-05"


def test_roles_rotate_so_everyone_plays_every_role(session):
    """In three rounds, does each member of a triad play citizen, officer and observer once,
    and does a fourth member observe alongside?"""
    seen = {name: set() for name in ("Ani", "Budi", "Citra")}
    for number in (1, 2, 3):
        if number > 1:
            session.start_round("uang-rokok")
        for role, people in session.roles("Kelompok 1").items():
            for person in people:
                seen[person].add(role)
        assert len(session.roles("Kelompok 2")["pengamat"]) == 2
    assert all(roles == {"warga", "petugas", "pengamat"} for roles in seen.values())
    assert session.roles("Kelompok 1", round=1) == {
        "warga": ["Ani"],
        "petugas": ["Budi"],
        "pengamat": ["Citra"],
    }


def test_each_role_sees_only_what_it_may_know(session):
    """Does only the citizen's brief carry the hidden need, the officer's what a real officer
    knows, and the observer's the behaviours to score?"""
    citizen = session.brief("Kelompok 1", "Ani")
    officer = session.brief("Kelompok 1", "Budi")
    observer = session.brief("Kelompok 1", "Citra")
    hidden = dict(citizen.sections)["Yang sebenarnya Anda butuhkan (jangan langsung diungkapkan)"]
    assert "Jumat" in hidden
    for other in (officer, observer):
        assert all("Jumat ini" not in str(text) for _, text in other.sections)
    assert officer.role == "petugas" and "Yang Anda ketahui" in dict(officer.sections)
    assert observer.behaviours == session.scenario().behaviours and not officer.behaviours
    assert "Budi berperan sebagai" in dict(observer.sections)["Yang Anda amati"]
    with pytest.raises(WorkbenchError, match="bukan anggota"):
        session.brief("Kelompok 1", "Dedi")


def test_only_an_observer_submits_and_only_a_complete_sheet(session):
    """Is a submission by the officer refused, and a sheet with a missing or out-of-scale score
    refused whole, naming each behaviour?"""
    with pytest.raises(WorkbenchError, match="bukan pengamat"):
        session.submit("Kelompok 1", "Budi", all_scores(session))
    partial = all_scores(session)
    partial["waktu"] = 5
    del partial["kanal"]
    with pytest.raises(WorkbenchError) as caught:
        session.submit("Kelompok 1", "Citra", partial)
    text = str(caught.value)
    assert "'Memberi kepastian waktu' belum diberi skor 1–4" in text
    assert "'Menawarkan saluran pengaduan' belum diberi skor 1–4" in text
    assert session.observations().empty


def test_status_spread_and_prompts_follow_the_submissions(session):
    """After two observers of three submit (one twice), does the status show who is missing,
    the spread count each level from the latest sheets, and the prompts name the weakest
    behaviour and a wide disagreement?"""
    assert not session.status()["sudah_kirim"].any()
    session.submit("Kelompok 1", "Citra", all_scores(session, 1))
    corrected = all_scores(session, 3)
    corrected["waktu"] = 1
    session.submit("Kelompok 1", "Citra", corrected, note="Tidak menyebut hari Kamis.")
    session.submit("Kelompok 2", "Fajar", all_scores(session, 4))
    status = session.status().set_index("pengamat")
    assert status.loc["Citra", "sudah_kirim"] and status.loc["Fajar", "sudah_kirim"]
    assert not status.loc["Gita", "sudah_kirim"]
    assert status.loc["Citra", "catatan"] == "Tidak menyebut hari Kamis."
    assert status.loc["Citra", "petugas"] == "Budi"
    spread = session.spread().set_index("perilaku")
    assert spread.loc["waktu", ["skor_1", "skor_2", "skor_3", "skor_4"]].tolist() == [1, 0, 0, 1]
    assert spread.loc["waktu", "rata_rata"] == 2.5
    assert spread.loc["menyapa", "rata_rata"] == 3.5 and spread.loc["menyapa", "jumlah"] == 2
    prompts = session.prompts()
    assert prompts[: len(session.scenario().triad.prompts)] == list(
        session.scenario().triad.prompts
    )
    assert any(
        "Paling lemah di ronde ini: Memberi kepastian waktu (rata-rata 2,5)" in p for p in prompts
    )
    assert any("berbeda jauh antarkelompok (1 sampai 4)" in p for p in prompts)


def test_a_round_keeps_the_scenario_as_it_was_played(session, settings):
    """When a trainer edits the scenario file after a round started, does the round keep the
    version that was played?"""
    path = settings.scenarios_dir / "percakapan" / "wa-tidak-dibalas.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("durasi_menit: 7", "durasi_menit: 9"),
        encoding="utf-8",
    )
    reopened = pc.Session.open(settings=settings)
    assert reopened.scenario().triad.minutes == 7


def test_the_score_tables_for_competency_and_evaluation(session, settings):
    """Does observer_scores give one row per behaviour of each latest sheet, with the
    competency it is evidence for, and competency_scores the hand-computed 0–100 values?"""
    behaviours = session.scenario().behaviours
    session.submit("Kelompok 1", "Citra", {k: 3 for k in behaviours})
    four = {k: 4 for k in behaviours}
    four["kanal"] = 2
    session.submit("Kelompok 2", "Fajar", four)
    session.submit("Kelompok 2", "Gita", {k: 2 for k in behaviours})
    scores = pc.observer_scores(settings=settings)
    assert len(scores) == 3 * len(behaviours)
    assert set(scores["petugas"]) == {"Budi", "Eka"}
    row = scores[(scores["pengamat"] == "Citra") & (scores["perilaku"] == "kanal")].iloc[0]
    assert row["kompetensi"] == "Pelayanan Publik" and row["level_skenario"] == 3
    assert row["sesi"] == "Lokakarya uji" and row["putaran"] == 1
    assert str(scores["dikirim"].dt.tz) == "Asia/Jakarta"
    people = pc.competency_scores(scores).set_index(["peserta", "kompetensi"])
    # Budi: every behaviour 3 -> 66,7
    assert people.loc[("Budi", "Komunikasi"), "nilai"] == 66.7
    # Eka, Pelayanan Publik (waktu, kanal): Fajar 4 and 2, Gita 2 and 2 -> 100, 33.3, 33.3, 33.3
    assert people.loc[("Eka", "Pelayanan Publik"), "nilai"] == round((100 + 3 * 100 / 3) / 4, 1)
    assert people.loc[("Eka", "Pelayanan Publik"), "jumlah_pengamatan"] == 2
    assert people.loc[("Eka", "Komunikasi"), "level_maks"] == 3
    missing = settings.state_dir / "belum-ada.sqlite"
    assert pc.observer_scores(missing).empty and not missing.exists()  # reading creates nothing


def test_thirty_observers_submitting_at_the_same_moment_are_all_stored(settings):
    """Thirty observers (thirty groups), each with a connection of its own as separate page
    kernels have, submit at the same instant: is every sheet stored?"""
    groups = {f"Kelompok {i}": [f"W{i}", f"P{i}", f"O{i}"] for i in range(1, 31)}
    ses = pc.Session.create(None, "Tiga puluh", triads=groups, settings=settings)
    ses.start_round("keluhan-viral")
    behaviours = ses.scenario().behaviours
    start = threading.Barrier(30)
    errors: list[BaseException] = []

    def observer(i: int) -> None:
        mine = pc.Session.open(settings=settings, name="Tiga puluh")
        mine.scenario()  # read before the barrier, as a page has it on screen
        start.wait()
        try:
            mine.submit(f"Kelompok {i}", f"O{i}", {k: 1 + i % 4 for k in behaviours})
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=observer, args=(i,)) for i in range(1, 31)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    status = ses.status()
    assert status["sudah_kirim"].all() and len(status) == 30
    assert len(ses.observations()) == 30 * len(behaviours)


CHILD = """
import sys, time
from pathlib import Path
from workbench.config import load_settings
from workbench import percakapan as pc
home, i, go = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
settings = load_settings(home=home)
ses = pc.Session.open(settings=settings)
scores = {k: 1 + i % 4 for k in ses.scenario().behaviours}
Path(str(go) + f".siap{i}").write_text("siap")
while not go.exists():
    time.sleep(0.002)
ses.submit(f"Kelompok {i}", f"O{i}", scores)
"""


@pytest.mark.slow
def test_thirty_observer_processes_at_the_same_moment_are_all_stored(settings, tmp_path):
    """Thirty separate processes (as thirty Voilà kernels) submit within the same instant once
    released together: is every sheet stored, and did no process fail?"""
    groups = {f"Kelompok {i}": [f"W{i}", f"P{i}", f"O{i}"] for i in range(1, 31)}
    ses = pc.Session.create(None, "Tiga puluh proses", triads=groups, settings=settings)
    ses.start_round("berkas-kurang")
    go = tmp_path / "mulai"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(settings.home), str(i), str(go)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(1, 31)
    ]
    deadline = time.monotonic() + 300
    while not all((tmp_path / f"mulai.siap{i}").exists() for i in range(1, 31)):
        assert time.monotonic() < deadline, "proses pengamat tidak siap"
        assert all(p.poll() is None for p in procs), [p.stderr.read() for p in procs if p.poll()]
        time.sleep(0.05)
    go.write_text("mulai")
    codes = [p.wait(300) for p in procs]
    assert codes == [0] * 30, [p.stderr.read() for p in procs]
    stored = ses.observations()
    assert stored["pengamat"].nunique() == 30
    assert isinstance(stored["dikirim"].iloc[0], pd.Timestamp)
