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
    triads = {
        f"K{i + 1}": [f"Warga {i + 1}", o, f"Pengamat {i + 1}"] for i, o in enumerate(officers)
    }
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


# --- the reaction questionnaire after conversation role plays --------------------------------


def _answer(box, value: int) -> str:
    """What a person does on the questionnaire shown in a page's box: rate every statement
    ``value``, press Kirim; returns what the form says back."""
    (shown,) = box.children
    assert "evl-reaksi" in shown._dom_classes
    for w in shown.children:
        if hasattr(w, "options"):
            w.value = value
    next(w for w in shown.children if getattr(w, "description", "") == "Kirim").click()
    return shown.children[-1].value


def test_the_solo_dashboard_asks_for_a_reaction_after_each_ending(home):
    """After an ending on the dashboard page (all scenarios), is the questionnaire shown, and
    does sending it store the answer in the learner's own file under percakapan-<scenario>,
    read by the evaluation as a conversation played alone? Does a module's page (one fixed
    scenario, the module has its own questionnaire) not ask?"""
    from workbench.evaluasi import ModuleReactions
    from workbench.widgets.percakapan import SoloPage

    settings = load_settings(home=home)
    page = SoloPage(settings=settings, learner="Ani Lestari")
    page.choose.value = "lansia-klampid"
    assert page.reaction.layout.display == "none"
    while page.choices.children:
        page.choices.children[0].click()
    assert page.reaction.layout.display == "flex"
    assert "Klampid" in page.reaction.children[0].children[0].value  # the scenario's title
    assert "jawaban Anda tersimpan" in _answer(page.reaction, 5)
    answers = ModuleReactions(settings=settings).frame()
    assert answers["id_kegiatan"].tolist() == ["percakapan-lansia-klampid"]
    assert answers.loc[0, "P1"] == 5
    page.start()
    assert page.reaction.layout.display == "none"  # a new play: the form waits for its end

    module = SoloPage(settings=settings, learner="Budi", scenario="wa-tidak-dibalas")
    while module.choices.children:
        module.choices.children[0].click()
    assert module.ending.value and module.reaction.layout.display == "none"


def test_the_triad_page_asks_once_the_groups_round_is_over_one_answer_per_person(home):
    """On a member's page, does the questionnaire appear only when their group's observer has
    sent the round's scores (and from round 2 on), and is one person's answer replaced, not
    counted twice, when they send again or reload the page, while everyone's answers are kept
    under the session's code in the workshop database?"""
    from workbench.evaluasi import WorkshopReactions
    from workbench.widgets.percakapan import TriadPage

    settings = load_settings(home=home)
    session = pc.Session.create(
        None,
        "Pelatihan Maret",
        triads={"K1": ["Ani", "Budi", "Citra"], "K2": ["Dedi", "Eka", "Fajar"]},
        settings=settings,
    )
    session.start_round("uang-rokok")
    ani = TriadPage(settings=settings)
    ani.group.value, ani.person.value = "K1", "Ani"
    dedi = TriadPage(settings=settings)
    dedi.group.value, dedi.person.value = "K2", "Dedi"
    assert ani.reaction.layout.display == "none"
    session.submit("K1", "Citra", {k: 3 for k in session.scenario().behaviours})
    for page in (ani, dedi):
        page.refresh()  # the page's poll
    assert ani.reaction.layout.display == "flex"
    assert dedi.reaction.layout.display == "none"  # K2's observer has not sent yet
    assert "jawaban Anda tersimpan" in _answer(ani.reaction, 4)
    assert "jawaban Anda tersimpan" in _answer(ani.reaction, 5)  # sent again: replaces
    again = TriadPage(settings=settings)  # Ani reloads her page
    again.group.value, again.person.value = "K1", "Ani"
    _answer(again.reaction, 2)
    session.start_round("bahasa-madura")
    dedi.refresh()
    assert dedi.reaction.layout.display == "flex"  # round 1 is over for everyone
    _answer(dedi.reaction, 4)
    stored = WorkshopReactions(settings=settings).frame()
    assert set(stored["id_kegiatan"]) == {"sesi-pelatihan-maret"}
    assert sorted(stored["P1"].tolist()) == [2, 4]  # Ani's latest and Dedi's


def _kegiatan(settings, rows: str) -> None:
    folder = settings.state_dir / "evaluasi"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kegiatan.csv").write_text(
        "id_kegiatan;nama;jenis;tanggal_mulai;tanggal_selesai;jp;kompetensi;sesi\n" + rows,
        encoding="utf-8",
    )


def _answers_today(settings, codes: dict[str, int]) -> None:
    from workbench.evaluasi import WorkshopReactions

    store = WorkshopReactions(settings=settings)
    for code, count in codes.items():
        for i in range(count):
            store.submit(code, f"r{i}", dict.fromkeys(("P1", "P2", "P3"), 4))


def test_session_answers_are_credited_to_the_role_play_activity(home):
    """Are a session's answers credited to the activity naming the session in its 'sesi'
    column (whatever its dates), else to the only role play held that day; and with two role
    plays that day and no name, left as the session's own row under 'Dikerjakan mandiri',
    beside a scenario played alone?"""
    from workbench.evaluasi import Evaluation, ModuleReactions

    settings = load_settings(home=home)
    today = pd.Timestamp.now(tz=settings.tz).date()
    day = f"{today:%d/%m/%Y}"
    long_ago = f"{today - dt.timedelta(days=400):%d/%m/%Y}"
    _kegiatan(
        settings,
        f"BP-A;Role play A;bermain peran;{day};{day};4;Komunikasi;\n"
        f"BP-B;Role play B;bermain peran;{long_ago};{long_ago};4;Komunikasi;Sesi Lama\n"
        f"PL-1;Pelatihan;pelatihan;{day};{day};8;Komunikasi;\n",
    )
    _answers_today(settings, {"sesi-sesi-pagi": 3, "sesi-sesi-lama": 2})
    tables = gather.office_tables(settings=settings)
    counts = tables.reaksi["id_kegiatan"].value_counts().to_dict()
    assert counts == {"BP-A": 3, "BP-B": 2}

    _kegiatan(
        settings,
        f"BP-A;Role play A;bermain peran;{day};{day};4;Komunikasi;\n"
        f"BP-C;Role play C;bermain peran;{day};{day};4;Komunikasi;\n",
    )
    ModuleReactions(settings=settings).save("Ani", "percakapan-uang-rokok", {"P1": 5})
    tables = gather.office_tables(settings=settings)
    assert set(tables.reaksi["id_kegiatan"]) == {
        "sesi-sesi-pagi",
        "sesi-sesi-lama",
        "percakapan-uang-rokok",
    }
    alone = Evaluation(tables).module_reactions().set_index("kegiatan")
    assert alone.loc["Sesi percakapan bertiga: sesi-pagi", "jawaban"] == 3
    assert alone.loc["Percakapan sendiri: uang-rokok", "modul"] == ""
    reaction = Evaluation(tables).activity("BP-A").reaksi
    assert reaction.responden == 0


def test_the_triad_page_lets_each_person_play_alone_on_the_same_page(home):
    """Once the group's round is over, can a member play a conversation alone on the page they
    already hold (no new page, so no new kernel, for a room at the end of a session), stored
    under their name and followed by the questionnaire for that scenario?"""
    from workbench.evaluasi import ModuleReactions
    from workbench.widgets.percakapan import TriadPage

    settings = load_settings(home=home)
    session = pc.Session.create(
        None, "Sesi sore", triads={"K1": ["Ani", "Budi", "Citra"]}, settings=settings
    )
    session.start_round("uang-rokok")
    page = TriadPage(settings=settings)
    page.group.value, page.person.value = "K1", "Budi"
    assert page.solo.layout.display == "none"
    session.submit("K1", "Citra", {k: 3 for k in session.scenario().behaviours})
    page.refresh()
    assert page.solo.layout.display == "flex" and page.solo.children == (page.solo_button,)
    page.solo_button.click()
    solo = page.solo_page
    assert solo is not None and page.solo.children == (solo.widget,)
    assert solo.name.value == "Budi"
    solo.choose.value = "lansia-klampid"
    while solo.choices.children:
        solo.choices.children[0].click()
    assert pc.plays(learner="Budi", settings=settings)["skenario"].tolist() == ["lansia-klampid"]
    _answer(solo.reaction, 4)
    assert ModuleReactions(settings=settings).answered("Budi", "percakapan-lansia-klampid")


def test_the_questionnaire_page_lists_activities_without_computing_the_evaluation(
    home, monkeypatch
):
    """Does the questionnaire page a whole room opens at once list the activities other than
    modules (newest first) from the activity list alone, never building the evaluation (the
    example year's queue data) that would make every kernel slower and larger?"""
    from workbench.widgets.evaluasi import workshop_reaction_page

    def refuse(**_kwargs):
        raise AssertionError("halaman kuesioner tidak boleh menghitung evaluasi")

    monkeypatch.setattr(gather, "example_tables", refuse)
    monkeypatch.setattr(gather, "evaluation", refuse)
    settings = load_settings(home=home)
    page = workshop_reaction_page(settings=settings)
    codes = [code for _label, code in page.activity.options]
    assert codes == ["PP-2025-11", "LS-2025-09", "KP-2025-08", "PP-2025-05"]
    _kegiatan(settings, "K1;Role play;bermain peran;05/05/2025;05/05/2025;4;Komunikasi;\n")
    assert [c for _l, c in workshop_reaction_page(settings=settings).activity.options] == ["K1"]
