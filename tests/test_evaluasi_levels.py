"""Levels 1–3 on tables small enough to check by hand: the reaction questionnaire and its two
stores, learning gains (first attempts, graded work, pre/post tests), and behaviour follow-ups
(schedule, reminders, change against the baseline)."""

from __future__ import annotations

import datetime as dt
import json
import math
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pytest

from workbench.config import load_settings
from workbench.data.evaluasi import REAKSI_ITEMS
from workbench.errors import WorkbenchError
from workbench.evaluasi.behaviour import (
    behaviour_change,
    change_summary,
    follow_up_schedule,
    reminders,
)
from workbench.evaluasi.learning import (
    assignment_scores,
    first_attempt_scores,
    gain_summary,
    learning_gains,
)
from workbench.evaluasi.reaction import (
    ModuleReactions,
    WorkshopReactions,
    check_answers,
    reaction_summary,
)
from workbench.evaluasi.stats import TOO_FEW, UNDECIDED

TZ = "Asia/Jakarta"
T4 = 2.7764  # t(0,975; 4 degrees of freedom), printed tables
T5 = 2.5706  # t(0,975; 5)


@pytest.fixture
def settings(tmp_path):
    return load_settings(home=tmp_path)


# --- level 1: reaction ----------------------------------------------------------------------


def _answers(**scores):
    base = dict.fromkeys(REAKSI_ITEMS, 4)
    base.update(scores)
    return base


def test_a_form_needs_one_rating_and_only_one_to_five():
    """Is an empty form refused, a 6 refused naming its statement, and a long open answer
    trimmed?"""
    with pytest.raises(WorkbenchError, match="paling sedikit satu"):
        check_answers({})
    with pytest.raises(WorkbenchError, match="bermanfaat"):
        check_answers({"P1": 6})
    clean = check_answers({"P2": 3, "saran": "  " + "x" * 2000})
    assert clean["P1"] is None and clean["P2"] == 3 and len(clean["saran"]) == 1000


def test_reaction_summary_by_hand():
    """Statement P1 answered 4, 5, 3, 4, 4 by five of eight participants: mean 4,00, interval
    4 ± 2,7764·0,7071/√5, agreeing (4–5) 80%, response rate 62,5% (shown 63%, half up)."""
    answers = pd.DataFrame({code: [4, 5, 3, 4, 4] for code in REAKSI_ITEMS})
    answers["saran"] = ["Ruangan panas", None, "", "Contoh bagus", None]
    summary = reaction_summary(answers, peserta=8)
    p1 = summary.butir.set_index("kode").loc["P1"]
    assert p1["rata"] == pytest.approx(4.0)
    assert p1["atas"] - p1["rata"] == pytest.approx(T4 * math.sqrt(0.5) / math.sqrt(5), abs=1e-3)
    assert p1["persen_setuju"] == pytest.approx(80.0)
    assert summary.tingkat_respons == pytest.approx(5 / 8)
    assert summary.saran == ("Ruangan panas", "Contoh bagus")
    assert summary.kesimpulan == (
        "Rata-rata kesetujuan 4,00 dari 5 (5 jawaban, tingkat respons 63% dari 8 peserta)."
    )


def test_few_reactions_say_too_few():
    """Do three forms give 'terlalu sedikit untuk disimpulkan' instead of an average?"""
    answers = pd.DataFrame({code: [5, 5, 4] for code in REAKSI_ITEMS} | {"saran": [None] * 3})
    summary = reaction_summary(answers, peserta=4)
    assert not summary.cukup and TOO_FEW in summary.kesimpulan


def test_module_reactions_one_file_per_learner_and_no_names(settings):
    """Does each learner write only their own file, a second answer replace the first, and the
    trainer's table number respondents instead of naming them?"""
    store = ModuleReactions(settings=settings)
    store.save("Budi Santoso", "modul-02", _answers(P1=5))
    store.save("Siti", "modul-02", _answers(P1=2, saran="Lebih banyak contoh"))
    store.save("Budi Santoso", "modul-02", _answers(P1=3))  # changed their mind
    assert sorted(p.name for p in store.folder.iterdir() if p.suffix == ".json") == [
        "Budi_Santoso.json",
        "Siti.json",
    ]
    frame = store.frame()
    assert len(frame) == 2 and sorted(frame["P1"].tolist()) == [2, 3]
    assert set(frame["responden"]) == {"R001", "R002"}
    assert not frame.astype(str).apply(lambda c: c.str.contains("Budi|Siti")).any().any()
    assert store.answered("Siti", "modul-02") and not store.answered("Siti", "modul-03")


def test_a_damaged_reaction_file_says_what_to_do(settings):
    """Is a damaged learner file reported in Indonesian, naming the file?"""
    store = ModuleReactions(settings=settings)
    store.folder.mkdir(parents=True)
    store.path("Ani").write_text("{rusak", encoding="utf-8")
    with pytest.raises(WorkbenchError, match=r"Ani\.json.*rusak"):
        store.save("Ani", "modul-02", _answers())


def _submit(args):
    path, i = args
    store = WorkshopReactions(path, settings=load_settings(home=path.parent))
    store.submit("LS-2025-09", f"halaman-{i:02d}", _answers(P6=1 + i % 5))
    return i


def test_thirty_workshop_pages_submitting_at_once_are_all_stored(tmp_path):
    """Thirty pages submitting in the same moment from eight processes: are all thirty stored,
    and does a page submitting twice count once?"""
    path = tmp_path / "reaksi.sqlite"
    with ProcessPoolExecutor(max_workers=8) as pool:
        done = list(pool.map(_submit, [(path, i) for i in range(30)]))
    assert len(done) == 30
    store = WorkshopReactions(path, settings=load_settings(home=tmp_path))
    store.submit("LS-2025-09", "halaman-00", _answers(P6=5))
    frame = store.frame("LS-2025-09")
    assert len(frame) == 30
    assert frame["P6"].sum() == sum(1 + i % 5 for i in range(1, 30)) + 5
    assert store.frame("lain").empty


# --- level 2: learning ------------------------------------------------------------------------


def _progress(rows):
    from workbench.practice.progress import COLUMNS

    return pd.DataFrame(rows, columns=COLUMNS)


def test_first_attempts_are_read_without_guessing():
    """Right at the first check counts 1; a first correct answer after wrong tries counts 0
    when nothing came after it; a question checked again after the correct answer, or whose
    solution was seen, is left out; 'salah' counts 0. Ani: 2 of 4 known -> 50; Budi has only
    2 known questions (< 3) and gets no score."""
    t1, t2 = "2025-02-10T09:00:00+07:00", "2025-02-10T09:05:00+07:00"
    m = "02-data-layanan-dengan-pandas"
    progress = _progress(
        [
            ("Ani", m, "q1", "benar", 1, 0, False, t1, t1),  # 1
            ("Ani", m, "q2", "benar", 3, 1, False, t1, t1),  # 0: wrong twice first
            ("Ani", m, "q3", "benar", 2, 0, False, t1, t2),  # unknown: checked again
            ("Ani", m, "q4", "salah", 2, 0, False, None, t2),  # 0
            ("Ani", m, "q5", "benar", 1, 0, True, t1, t1),  # unknown: solution seen
            ("Ani", m, "q6", "benar", 1, 2, False, t1, t1),  # 1 (hints do not void it)
            ("Budi", m, "q1", "benar", 1, 0, False, t1, t1),
            ("Budi", m, "q2", "belum dikerjakan", 0, 0, False, None, None),
            ("Budi", m, "q3", "salah", 1, 0, False, None, t1),
        ]
    )
    scores = first_attempt_scores(
        progress, kegiatan={"02": "PD-2025-02"}, nips={"Ani": "1" * 18, "Budi": "2" * 18}
    )
    assert scores["nip"].tolist() == ["1" * 18]
    assert scores["nilai"].tolist() == [pytest.approx(50.0)]
    assert scores["tahap"].tolist() == ["awal"] and "4 soal" in scores["sumber"].iloc[0]


def test_graded_assignments_are_post_scores_once_graded():
    """Do only submitted, fully graded assignments count, with their final percent?"""
    grades = pd.DataFrame(
        {
            "tugas": ["tugas-02-pandas"] * 3 + ["tugas-03-membersihkan"],
            "nip": ["1" * 18, "2" * 18, "3" * 18, "1" * 18],
            "persen": [82.5, 0.0, 60.0, 90.0],
            "status": ["lulus", "tidak mengumpulkan", "menunggu penilaian manual", "lulus"],
        }
    )
    scores = assignment_scores(grades, kegiatan={"tugas-02-pandas": "PD-2025-02"})
    assert scores[["nip", "nilai", "tahap"]].values.tolist() == [["1" * 18, 82.5, "akhir"]]


def _pre_post(pairs, kegiatan="PP-2025-05"):
    rows = []
    for i, (before, after) in enumerate(pairs):
        nip = f"{i:018d}"
        rows.append((kegiatan, nip, "awal", before, None, "pre-test"))
        if after is not None:
            rows.append((kegiatan, nip, "akhir", after, None, "post-test"))
    frame = pd.DataFrame(
        rows, columns=["id_kegiatan", "nip", "tahap", "nilai", "kompetensi", "sumber"]
    )
    return frame.astype({"nilai": float})


def test_gain_summary_by_hand():
    """Six learners gain 10, 20, 15, 5, 25, 15 (one more has no post-test): mean 15, interval
    15 ± 2,5706·√50/√6, 'naik (membaik)'; the missing post-test is left out."""
    gains = learning_gains(
        _pre_post([(50, 60), (40, 60), (55, 70), (60, 65), (30, 55), (45, 60), (70, None)])
    )
    assert len(gains) == 6
    row = gain_summary(gains).iloc[0]
    assert row["peserta"] == 6 and row["rata_naik"] == pytest.approx(15.0)
    assert row["atas"] - 15 == pytest.approx(T5 * math.sqrt(50) / math.sqrt(6), abs=1e-3)
    assert row["rata_awal"] == pytest.approx(280 / 6) and row["rata_akhir"] == pytest.approx(
        370 / 6
    )
    assert row["putusan"] == "naik (membaik)"


def test_gain_summary_per_unit_says_when_too_few():
    """Per unit, does a unit with two learners read 'terlalu sedikit untuk disimpulkan'?"""
    gains = learning_gains(_pre_post([(50, 60), (40, 60), (55, 70), (60, 65), (30, 55)]))
    roster = pd.DataFrame({"nip": gains["nip"], "unit": ["A", "A", "A", "B", "B"]})
    table = gain_summary(gains, by=("unit",), pegawai=roster).set_index("unit")
    assert table.loc["B", "putusan"] == TOO_FEW and table.loc["B", "peserta"] == 2
    assert table.loc["A", "putusan"] == TOO_FEW  # three is still too few


# --- level 3: behaviour ------------------------------------------------------------------------


def _activity(jenis="pelatihan", kompetensi="Komunikasi", start="2025-05-05", end="2025-05-06"):
    return pd.DataFrame(
        {
            "id_kegiatan": ["PP"],
            "nama": ["Pelayanan prima"],
            "jenis": [jenis],
            "tanggal_mulai": [pd.Timestamp(start, tz=TZ)],
            "tanggal_selesai": [pd.Timestamp(end, tz=TZ)],
            "kompetensi": [kompetensi],
        }
    )


def _ratings(rows):
    frame = pd.DataFrame(rows, columns=["nip", "kompetensi", "sumber", "level", "tanggal"])
    frame["tanggal"] = [pd.Timestamp(d, tz=TZ) for d in frame["tanggal"]]
    return frame


NIPS = [f"{i:018d}" for i in range(1, 7)]


def test_follow_up_states_on_a_given_day():
    """Training ends 6 May: the window is 5 June – 4 August. On 20 June a rated follow-up is
    'sudah dinilai', an unrated one 'jatuh tempo'; on 1 June 'belum waktunya'; on 10 August
    'terlambat'. A module gets no behaviour follow-up at all."""
    peserta = pd.DataFrame({"id_kegiatan": "PP", "nip": NIPS[:2]})
    ratings = _ratings([(NIPS[0], "Komunikasi", "atasan", 3, "2025-06-15")])
    on = follow_up_schedule(_activity(), peserta, ratings, hari_ini=dt.date(2025, 6, 20))
    state = on.set_index(["nip", "sumber"])["status"]
    assert state[(NIPS[0], "atasan")] == "sudah dinilai"
    assert state[(NIPS[1], "atasan")] == "jatuh tempo"
    assert state[(NIPS[0], "pengamat")] == "jatuh tempo"
    assert on["jendela_mulai"].iloc[0] == dt.date(2025, 6, 5)
    assert on["jendela_akhir"].iloc[0] == dt.date(2025, 8, 4)
    early = follow_up_schedule(_activity(), peserta, ratings, hari_ini=dt.date(2025, 6, 1))
    assert set(early["status"]) == {"belum waktunya"}  # a rating after the day is not seen
    late = follow_up_schedule(_activity(), peserta, ratings, hari_ini=dt.date(2025, 8, 10))
    assert (late["status"] == "terlambat").sum() == 3
    module = follow_up_schedule(
        _activity(jenis="modul"), peserta, ratings, hari_ini=dt.date(2025, 8, 10)
    )
    assert module.empty


def test_reminders_group_by_unit_and_say_what_to_do():
    """Are late follow-ups grouped per rater and unit with a sentence naming the competency,
    the number of people and the closing date, late ones first?"""
    peserta = pd.DataFrame({"id_kegiatan": "PP", "nip": NIPS[:3]})
    roster = pd.DataFrame({"nip": NIPS[:3], "unit": ["Seksi A", "Seksi A", "Kelurahan B"]})
    schedule = follow_up_schedule(_activity(), peserta, _ratings([]), hari_ini=dt.date(2025, 8, 10))
    todo = reminders(schedule, roster)
    assert len(todo) == 4  # two raters × two units
    first = todo.iloc[0]
    assert first["status"] == "terlambat"
    assert "Komunikasi" in first["pesan"] and "4 Agustus 2025" in first["pesan"]
    assert todo.set_index(["sumber", "unit"]).loc[("atasan", "Seksi A"), "pegawai"] == 2


def test_behaviour_change_against_the_baseline_by_hand():
    """Baselines: the latest rating before the training (the supervisor's when both rated that
    day); follow-ups in the window. Five supervisor changes +1, +1, 0, +1, +2: mean 1,0,
    interval 1 ± 2,7764·√0,5/√5, 'naik (membaik)'. A person without a baseline shows a gap."""
    peserta = pd.DataFrame({"id_kegiatan": "PP", "nip": NIPS})
    rows = []
    for nip, before, after in zip(NIPS[:5], [2, 2, 3, 2, 1], [3, 3, 3, 3, 3], strict=True):
        rows.append((nip, "Komunikasi", "atasan", 1, "2025-01-10"))  # older baseline
        rows.append((nip, "Komunikasi", "atasan", before, "2025-04-20"))
        rows.append((nip, "Komunikasi", "pengamat", 5, "2025-04-20"))  # same day: atasan wins
        rows.append((nip, "Komunikasi", "atasan", after, "2025-07-01"))
    rows.append((NIPS[5], "Komunikasi", "atasan", 4, "2025-07-01"))  # no baseline
    changes = behaviour_change(_activity(), peserta, _ratings(rows))
    sup = changes[changes["sumber"] == "atasan"].set_index("nip")
    assert sup.loc[NIPS[0], "sebelum"] == 2 and sup.loc[NIPS[0], "sesudah"] == 3
    assert math.isnan(sup.loc[NIPS[5], "perubahan"])
    table = change_summary(changes).set_index("sumber")
    assert table.loc["atasan", "dinilai"] == 5 and table.loc["atasan", "belum"] == 1
    assert table.loc["atasan", "rata_perubahan"] == pytest.approx(1.0)
    half = table.loc["atasan", "atas"] - 1.0
    assert half == pytest.approx(T4 * math.sqrt(0.5) / math.sqrt(5), abs=1e-3)
    assert table.loc["atasan", "putusan"] == "naik (membaik)"
    assert table.loc["pengamat", "putusan"] == TOO_FEW  # no follow-up by the observer


def test_no_change_is_undecided():
    """Changes +1, −1, 0, +1, −1 give 'belum bisa disimpulkan'."""
    peserta = pd.DataFrame({"id_kegiatan": "PP", "nip": NIPS[:5]})
    rows = []
    for nip, after in zip(NIPS[:5], [3, 1, 2, 3, 1], strict=True):
        rows.append((nip, "Komunikasi", "atasan", 2, "2025-04-20"))
        rows.append((nip, "Komunikasi", "atasan", after, "2025-07-01"))
    table = change_summary(behaviour_change(_activity(), peserta, _ratings(rows)))
    assert table.set_index("sumber").loc["atasan", "putusan"] == UNDECIDED


def test_reaction_files_are_json_a_person_can_read(settings):
    """Is a learner's reaction file plain JSON with the answers under the activity code?"""
    store = ModuleReactions(settings=settings)
    store.save("Ani", "modul-05", _answers(P3=2, saran="Tambah contoh NIK"))
    data = json.loads(store.path("Ani").read_text(encoding="utf-8"))
    assert data["jawaban"]["modul-05"]["P3"] == 2
    assert data["jawaban"]["modul-05"]["saran"] == "Tambah contoh NIK"
    assert np.isfinite(pd.Timestamp(data["jawaban"]["modul-05"]["waktu"]).value)
