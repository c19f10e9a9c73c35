"""Conversation scenarios: every shipped scenario played along every path, the loader's checks
with planted faults, solo play, practice evidence and the graph picture."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from workbench import percakapan as pc
from workbench.config import load_settings
from workbench.errors import WorkbenchError
from workbench.percakapan.language import language_problem
from workbench.percakapan.loader import scenario_from_dict
from workbench.percakapan.model import RESULTS

FOLDER = ROOT / "scenarios" / "percakapan"
NAMES = pc.scenario_names(folder=FOLDER)


@pytest.fixture
def settings(tmp_path):
    """A temporary home with a copy of the shipped conversation scenarios."""
    shutil.copytree(FOLDER, tmp_path / "scenarios" / "percakapan")
    return load_settings(home=tmp_path)


@pytest.fixture(scope="module")
def rubric():
    return pc.load_rubric(FOLDER / "rubrik.yaml")


@pytest.fixture(scope="module")
def sources():
    return pc.load_sources(FOLDER / "dasar.yaml")


def shipped(name: str, rubric, sources):
    return pc.load_scenario(FOLDER / f"{name}.yaml", rubric=rubric, sources=sources)


# ---------------------------------------------------------------- the shipped scenarios


def test_at_least_eight_scenarios_cover_the_situations_the_issue_names():
    """Are the eight situations of the issue there, each playable alone and in threes?"""
    wanted = {
        "wa-tidak-dibalas",  # WhatsApp complaint unanswered
        "lansia-klampid",  # elderly citizen and the online adminduk application
        "berkas-kurang",  # missing document after an hour's queue
        "uang-rokok",  # gratification to be served first
        "warga-tuli",  # a citizen with a disability
        "bahasa-madura",  # more at ease in Madurese
        "keluhan-viral",  # complaint gone viral
        "dua-petugas-prioritas",  # two officers and a priority visitor (teamwork)
    }
    assert wanted <= set(NAMES) and len(NAMES) >= 8
    for name in NAMES:
        raw = (FOLDER / f"{name}.yaml").read_text(encoding="utf-8")
        assert "mode: [sendiri, bertiga]" in raw, name


@pytest.mark.parametrize("name", NAMES)
def test_every_path_of_a_shipped_scenario_ends_and_replays(name, rubric, sources):
    """Does every path the rules allow end at an ending, does every ending get reached, and does
    replaying each path choice by choice (numbers as a learner sees them) end the same way with
    the same state, a verdict and lessons?"""
    scenario = shipped(name, rubric, sources)
    paths = list(pc.walk(scenario))
    assert paths
    assert {p.ending for p in paths} == set(scenario.endings)
    for path in paths:
        numbers = [index + 1 for _node, index in path.steps]
        played = pc.Conversation.replay(scenario, numbers, rubric=rubric, sources=sources)
        assert played.finished and played.ending.key == path.ending
        assert played.state == path.state
        assert [t.node for t in played.turns] == [node for node, _ in path.steps]
        outcome = played.outcome()
        assert outcome.hasil in RESULTS and outcome.judul and outcome.penjelasan
        assert outcome.dasar, "every ending cites at least one rule"
        assert set(outcome.perilaku["perilaku"]) == set(scenario.behaviours)
    best = [p for p in paths if scenario.endings[p.ending].result == "baik"]
    worst = [p for p in paths if scenario.endings[p.ending].result == "kurang"]
    assert best and worst, "a scenario needs a way to do well and a way to fail"


@pytest.mark.parametrize("name", NAMES)
def test_the_best_endings_need_the_behaviours_the_rubric_rewards(name, rubric, sources):
    """On every path to a 'baik' ending, is nothing missed more often than shown? (A scenario
    where careless choices still end 'baik' would teach the wrong lesson.)"""
    scenario = shipped(name, rubric, sources)
    for path in pc.walk(scenario):
        if scenario.endings[path.ending].result != "baik":
            continue
        choices = [scenario.nodes[n].choices[i] for n, i in path.steps]
        shown = sum(len(c.shown) for c in choices)
        missed = sum(len(c.missed) for c in choices)
        assert shown > missed, (name, path.steps)


def test_scenarios_speak_the_competency_and_skm_vocabulary():
    """Are the scenarios' competencies in the competency dictionary, their SKM elements real
    codes and their themes those of the SKM suggestion dictionary, and is every rubric
    behaviour evidence for a known competency?"""
    from workbench import competency, skm

    known = set(competency.load_dictionary()["kompetensi"])
    themes = set(skm.load_themes().names)
    table = pc.catalogue(settings=load_settings(home=ROOT))
    assert set(table["kompetensi"]) <= known
    for row in table.itertuples():
        assert set(row.unsur_skm) <= set(skm.ELEMENTS), row.skenario
        assert set(row.tema_saran) <= themes, row.skenario
    rubric = pc.load_rubric(FOLDER / "rubrik.yaml")
    assert {b.competency for b in rubric.behaviours.values()} <= known


def test_the_rules_file_names_the_regulations_the_scenarios_rest_on():
    """Does dasar.yaml cite the regulations of public service, complaints, conduct,
    gratification and disability by their names?"""
    titles = " ".join(s.title for s in pc.load_sources(FOLDER / "dasar.yaml").values())
    for name in (
        "UU No. 25 Tahun 2009",
        "Perpres No. 76 Tahun 2013",
        "SP4N-LAPOR!",
        "PermenPANRB No. 62 Tahun 2018",
        "BerAKHLAK",
        "UU No. 20 Tahun 2001, Pasal 12B dan 12C",
        "UU No. 8 Tahun 2016",
    ):
        assert name in titles


def test_the_uang_rokok_scenario_punishes_taking_the_money(rubric, sources):
    """Does accepting the 'uang rokok' always end in the gratification verdict, whatever else
    the officer does well?"""
    scenario = shipped("uang-rokok", rubric, sources)
    for path in pc.walk(scenario):
        if path.state["menerima"]:
            assert path.ending == "gratifikasi"
        else:
            assert path.ending != "gratifikasi"


# ---------------------------------------------------------------- the loader's checks


MINIMAL = {
    "judul": "Uji kecil",
    "ringkasan": "Skenario kecil untuk menguji pemeriksaan berkas.",
    "mode": ["sendiri"],
    "kompetensi": {"Komunikasi": 3},
    "dasar": ["berakhlak"],
    "tokoh": {"nama": "Bu Ani", "keterangan": "warga Asemrowo"},
    "perilaku": ["menyapa"],
    "keadaan": {
        "kesabaran": {"label": "Kesabaran warga", "awal": 50, "min": 0, "maks": 100},
        "selesai": {"label": "Urusan selesai", "awal": "tidak"},
    },
    "janji": {"besok": {"teks": "Besok pasti jadi.", "wajar": "tidak"}},
    "batas": [{"bila": "kesabaran <= 0", "ke": "pergi"}],
    "mulai": "awal",
    "simpul": {
        "awal": {
            "ucapan": "Selamat pagi, saya mau mengurus KK.",
            "pilihan": [
                {
                    "kata": "Selamat pagi, Bu. Silakan duduk.",
                    "ubah": {"kesabaran": 10},
                    "tampak": ["menyapa"],
                    "catatan": "Sapaan membuat warga tenang.",
                    "ke": "akhir_baik",
                },
                {
                    "kata": "Ambil nomor dulu.",
                    "ubah": {"kesabaran": -60},
                    "luput": ["menyapa"],
                    "catatan": "Tanpa sapaan warga merasa diabaikan.",
                    "ke": "akhir_baik",
                },
                {
                    "kata": "Besok saja, Bu, pasti jadi.",
                    "ubah": {"kesabaran": -10},
                    "janji": ["besok"],
                    "ke": [{"bila": "besok == ya", "ke": "akhir_kurang"}, {"ke": "akhir_baik"}],
                },
            ],
        }
    },
    "akhir": {
        "akhir_baik": {"judul": "Warga puas", "hasil": "baik", "penjelasan": "Semua beres."},
        "akhir_kurang": {"judul": "Warga kecewa", "hasil": "kurang", "penjelasan": "Tidak beres."},
        "pergi": {"judul": "Warga pergi", "hasil": "kurang", "penjelasan": "Kesabaran habis."},
    },
}


def build(raw, rubric, sources, file="uji.yaml"):
    return scenario_from_dict(raw, key="uji", file=file, rubric=rubric, sources=sources)


def problems_of(raw, rubric, sources) -> str:
    with pytest.raises(WorkbenchError) as caught:
        build(raw, rubric, sources)
    assert all(p.file == "uji.yaml" for p in caught.value.problems)
    return str(caught.value)


def test_the_minimal_scenario_is_valid(rubric, sources):
    """Is the test's own minimal scenario accepted (so each planted fault below is the only
    one)?"""
    scenario = build(MINIMAL, rubric, sources)
    assert [p.ending for p in pc.walk(scenario)] == ["akhir_baik", "pergi", "akhir_kurang"]


def planted(change):
    raw = copy.deepcopy(MINIMAL)
    change(raw)
    return raw


FAULTS = {
    "dangling choice": (
        lambda r: r["simpul"]["awal"]["pilihan"][0].update(ke="akhir_baek"),
        ["simpul 'awal', pilihan 1, ke", "tujuan 'akhir_baek' tidak ada", "'akhir_baik'"],
    ),
    "misspelt key": (
        lambda r: r["simpul"]["awal"]["pilihan"][0].update(catatn="x"),
        ["kunci 'catatn' tidak dikenal", "'catatan'"],
    ),
    "undefined variable changed": (
        lambda r: r["simpul"]["awal"]["pilihan"][0]["ubah"].update(kesabran=5),
        ["variabel 'kesabran' tidak didefinisikan"],
    ),
    "undefined variable in a condition": (
        lambda r: r["batas"][0].update(bila="kepercayaan <= 0"),
        ["'kepercayaan' yang tidak didefinisikan"],
    ),
    "wrong kind in a condition": (
        lambda r: r["batas"][0].update(bila="selesai <= 3"),
        ["'selesai' dibandingkan dengan nilai yang salah jenis"],
    ),
    "unreadable condition": (
        lambda r: r["batas"][0].update(bila="kesabaran habis"),
        ["'kesabaran habis' bukan syarat yang terbaca"],
    ),
    "wrong kind of change": (
        lambda r: r["simpul"]["awal"]["pilihan"][0]["ubah"].update(selesai=3),
        ["nilai perubahan salah jenis", "ya atau tidak"],
    ),
    "unknown promise": (
        lambda r: r["simpul"]["awal"]["pilihan"][0].update(janji=["lusa"]),
        ["janji 'lusa' tidak didefinisikan"],
    ),
    "unknown behaviour": (
        lambda r: r["simpul"]["awal"]["pilihan"][0].update(tampak=["senyum"]),
        ["perilaku 'senyum' tidak disebut"],
    ),
    "behaviour of an undeclared competency": (
        lambda r: r["perilaku"].append("integritas"),
        ["bukti kompetensi Integritas, tetapi skenario tidak menyebutnya"],
    ),
    "unknown rule": (
        lambda r: r.update(dasar=["uu-25-2090"]),
        ["aturan 'uu-25-2090' tidak ada di dasar.yaml", "'uu-25-2009'"],
    ),
    "unreachable node": (
        lambda r: r["simpul"].update(
            sepi={
                "ucapan": "Tidak ada yang datang ke sini.",
                "pilihan": [{"kata": "Baik, Bu.", "ke": "akhir_baik"}],
            }
        ),
        ["simpul 'sepi': tidak pernah tercapai dari awal"],
    ),
    "a loop": (
        lambda r: r["simpul"].update(
            awal={
                "ucapan": "Saya mau bertanya dulu, ya.",
                "pilihan": [{"kata": "Silakan, Bu.", "ke": "lagi"}],
            },
            lagi={
                "ucapan": "Boleh saya tanya lagi?",
                "pilihan": [
                    {"kata": "Silakan, Bu.", "ke": "awal"},
                    {"kata": "Sudah, Bu.", "ke": "akhir_baik"},
                ],
            },
        ),
        ["jalur berputar", "tidak pernah berakhir"],
    ),
    "node without choices": (
        lambda r: r["simpul"]["awal"].update(pilihan=[]),
        ["simpul tanpa pilihan: jalur berhenti di sini"],
    ),
    "only conditional choices": (
        lambda r: [c.update(syarat="kesabaran >= 10") for c in r["simpul"]["awal"]["pilihan"]],
        ["semua pilihan bersyarat"],
    ),
    "last route with a condition": (
        lambda r: r["simpul"]["awal"]["pilihan"][2].update(
            ke=[{"bila": "besok == ya", "ke": "akhir_kurang"}]
        ),
        ["rute terakhir harus tanpa 'bila'"],
    ),
    "English text": (
        lambda r: r["simpul"]["awal"].update(ucapan="Good morning, I would like to fix my card."),
        ["simpul 'awal', ucapan", "berbahasa Inggris"],
    ),
    "unfinished text": (
        lambda r: r["akhir"]["pergi"].update(penjelasan="TODO tulis penjelasan"),
        ["akhir 'pergi', penjelasan", "belum selesai"],
    ),
    "ending no path reaches": (
        lambda r: r["simpul"]["awal"]["pilihan"][2].update(janji=[]),
        ["akhir 'akhir_kurang': tidak ada jalur yang sampai ke sini"],
    ),
    "start that is not a node": (
        lambda r: r.update(mulai="pembuka"),
        ["simpul awal 'pembuka' tidak ada"],
    ),
    "initial value out of range": (
        lambda r: r["keadaan"]["kesabaran"].update(awal=150),
        ["nilai awal di luar rentang min–maks"],
    ),
    "unknown verdict": (
        lambda r: r["akhir"]["pergi"].update(hasil="buruk"),
        ["hasil tidak dikenal", "baik, cukup, kurang"],
    ),
    "triad mode without briefs": (
        lambda r: r.update(mode=["sendiri", "bertiga"]),
        ["mode 'bertiga' butuh bagian 'bertiga'"],
    ),
    "limit that goes to a node": (
        lambda r: r["batas"][0].update(ke="awal"),
        ["batas harus menuju salah satu akhir"],
    ),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_the_loader_names_file_node_and_problem(fault, rubric, sources):
    """Does each planted fault produce a message naming the file, the place in it and what is
    wrong (with the likely fix where there is one)?"""
    change, expected = FAULTS[fault]
    message = problems_of(planted(change), rubric, sources)
    assert "uji.yaml" in message
    for part in expected:
        assert part in message, (fault, message)


def test_messages_give_the_line_of_the_file(tmp_path, rubric, sources):
    """Does a problem in a file name the line where the faulty choice is written?"""
    text = (FOLDER / "wa-tidak-dibalas.yaml").read_text(encoding="utf-8")
    broken = text.replace("        ke: tenggat\n", "        ke: tengat\n", 1)
    target = tmp_path / "rusak.yaml"
    target.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("        ke: tengat") + 1
    with pytest.raises(WorkbenchError) as caught:
        pc.load_scenario(target, rubric=rubric, sources=sources)
    (problem,) = caught.value.problems
    assert problem.file == "rusak.yaml" and problem.row == line
    assert "simpul 'cerita', pilihan 1, ke: tujuan 'tengat' tidak ada" in str(problem)


def test_every_problem_is_listed_at_once(rubric, sources):
    """Are several faults in one file all reported together, so an author fixes them in one
    pass?"""
    raw = planted(lambda r: r.update(dasar=["tidak-ada"], mulai="entah"))
    raw["simpul"]["awal"]["pilihan"][0]["ke"] = "kemana"
    with pytest.raises(WorkbenchError) as caught:
        build(raw, rubric, sources)
    assert len(caught.value.problems) >= 3


def test_an_unknown_scenario_name_suggests_the_nearest(settings):
    """Does a misspelt scenario name say which scenarios exist?"""
    with pytest.raises(WorkbenchError) as caught:
        pc.load_scenario("uang-rokk", settings=settings)
    assert "Mungkin maksudnya 'uang-rokok'" in str(caught.value)


def test_load_all_gathers_the_problems_of_every_file(settings):
    """Does one broken file among the good ones make load_all name that file's problems?"""
    folder = settings.scenarios_dir / "percakapan"
    text = (folder / "uang-rokok.yaml").read_text(encoding="utf-8")
    (folder / "uang-rokok.yaml").write_text(text.replace("hasil: baik", "hasil: bagus"), "utf-8")
    with pytest.raises(WorkbenchError) as caught:
        pc.load_all(settings=settings)
    assert {p.file for p in caught.value.problems} == {"uang-rokok.yaml"}


def test_the_rubric_anchors_every_level(tmp_path):
    """Is a rubric behaviour without an anchor for level 3 refused, naming the behaviour?"""
    text = (FOLDER / "rubrik.yaml").read_text(encoding="utf-8")
    start = text.index("  menyapa:")
    anchor = text.index("      3:", start)
    end = text.index("\n", anchor)
    (tmp_path / "rubrik.yaml").write_text(text[:anchor] + text[end + 1 :], encoding="utf-8")
    with pytest.raises(WorkbenchError) as caught:
        pc.load_rubric(tmp_path / "rubrik.yaml")
    assert "perilaku 'menyapa', tingkat 3: teks wajib diisi" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Selamat pagi, Bu. Silakan duduk dulu.", True),
        ("Nak, kaula ta' ngarte surat reya.", True),  # Madurese: neither kind of word
        ("Saya cek di Klampid, WhatsApp Ibu error ya?", True),  # loan words do not count
        ("Please sit down and wait for your number.", False),
        ("Ya, you can take the form to the other counter.", False),
        ("TODO", False),
        ("   ", False),
    ],
)
def test_the_language_check(text, ok):
    """Does the language check accept Indonesian (and Madurese) and refuse English, empty and
    unfinished text?"""
    assert (language_problem(text) is None) is ok


# ---------------------------------------------------------------- playing alone


def test_a_conversation_refuses_a_choice_that_is_not_offered(rubric, sources):
    """Does choosing a number that is not offered say which numbers are, and does choosing
    after the end say the conversation is over?"""
    play = pc.Conversation(
        shipped("wa-tidak-dibalas", rubric, sources), rubric=rubric, sources=sources
    )
    with pytest.raises(WorkbenchError, match="Pilih salah satu nomor: 1, 2, 3"):
        play.choose(4)
    with pytest.raises(WorkbenchError):
        play.choose(0)
    for number in (3, 2):  # thrown to another desk, then sent upstairs: patience runs out
        play.choose(number)
    assert play.finished and play.ending.key == "pergi_kesal"
    with pytest.raises(WorkbenchError, match="sudah selesai"):
        play.choose(1)


def test_limits_end_the_conversation_at_once_and_values_stay_in_range(rubric, sources):
    """When patience runs out, does the conversation end there (not at the choice's route), and
    is patience kept at its minimum rather than below?"""
    scenario = build(MINIMAL, rubric, sources)
    play = pc.Conversation(scenario, rubric=rubric, sources=sources)
    play.choose(2)  # -60 from 50: below zero, kept at 0; the route said akhir_baik
    assert play.state["kesabaran"] == 0
    assert play.ending.key == "pergi"
    promised = pc.Conversation.replay(scenario, [3], rubric=rubric, sources=sources)
    assert promised.ending.key == "akhir_kurang"
    assert promised.promises() == [("Besok pasti jadi.", False)]


def test_conditions_hide_choices_and_numbers_stay_those_of_the_file(rubric, sources):
    """Does a choice whose condition does not hold disappear while the others keep their
    numbers from the file?"""
    raw = copy.deepcopy(MINIMAL)
    raw["simpul"]["awal"]["pilihan"][0]["syarat"] = "kesabaran >= 40"
    scenario = build(raw, rubric, sources)
    play = pc.Conversation(scenario, rubric=rubric, sources=sources)
    assert [n for n, _ in play.options()] == [1, 2, 3]
    play.state["kesabaran"] = 30  # as if an earlier step had cost patience
    assert [n for n, _ in play.options()] == [2, 3]
    with pytest.raises(WorkbenchError, match="Pilih salah satu nomor: 2, 3"):
        play.choose(1)


def test_the_outcome_explains_what_went_well_and_what_did_not(rubric, sources):
    """Does the ending list the notes of the good choices and of the missed behaviours, the
    promises (an unfair one marked), the minutes and the rules behind it?"""
    play = pc.Conversation.replay(
        shipped("wa-tidak-dibalas", rubric, sources), [1, 2, 2, 1], rubric=rubric, sources=sources
    )
    assert play.ending.key == "janji_kosong"
    result = play.outcome()
    assert any("Menyapa, menyebut nama" in t for t in result.berjalan_baik)
    assert any("Memotong cerita" in t for t in result.perlu_diperbaiki)
    assert any("Janji di luar standar" in t for t in result.perlu_diperbaiki)
    assert result.janji == [("Kartu Keluarga yang sudah dibetulkan jadi hari ini juga.", False)]
    assert result.menit == 1 + 1 + 4 + 2  # greeting, cut short, promise, channel
    assert [s.key for s in result.dasar] == ["standar-kantor", "permenpanrb-15-2014"]
    behaviours = result.perilaku.set_index("perilaku")
    assert behaviours.loc["menyapa", "kesimpulan"] == "tampak"
    assert behaviours.loc["mendengarkan", "kesimpulan"] == "luput"
    text = str(result)
    assert "Yang perlu diperbaiki" in text and "(tidak bisa dipegang)" in text
    assert "<h4>Dasar aturan dan standar</h4>" in result._repr_html_()
    assert list(play.transcript()["pembicara"][:2]) == ["Bu Sulastri", "Petugas (Anda)"]


def test_a_conversation_shows_itself_in_a_notebook(rubric, sources):
    """Does a conversation display the citizen's words and numbered choices, and the verdict
    once finished?"""
    play = pc.Conversation(
        shipped("lansia-klampid", rubric, sources), rubric=rubric, sources=sources
    )
    assert "Pak Slamet:" in repr(play) and "  1. Selamat pagi" in repr(play)
    assert "<ol>" in play._repr_html_() and "choose(nomor)" in play._repr_html_()
    for number in (1, 1, 1, 1):
        play.choose(number)
    assert "✅ Baik" in repr(play)


# ---------------------------------------------------------------- practice evidence


def test_a_play_is_stored_listed_and_replayed(tmp_path, settings):
    """Is a finished play stored with its path and verdict, listed per learner, and replayed
    exactly, even after the scenario file changed?"""
    db = tmp_path / "pc.sqlite"
    play = pc.Conversation.start("wa-tidak-dibalas", settings=settings)
    with pytest.raises(WorkbenchError, match="belum selesai"):
        pc.record_play(play, learner="Ani", path=db)
    for number in (1, 1, 1, 1, 1):
        play.choose(number)
    first = pc.record_play(play, learner="Ani", path=db, settings=settings)
    other = pc.Conversation.replay(play.scenario, [3, 2], rubric=play.rubric, sources=play.sources)
    pc.record_play(other, learner="Budi", path=db, settings=settings)
    mine = pc.plays(learner="Ani", path=db, settings=settings)
    assert list(mine["jalur"]) == ["1-1-1-1-1"] and list(mine["hasil"]) == ["baik"]
    assert str(mine["selesai"].dt.tz) == "Asia/Jakarta"
    assert len(pc.plays(path=db, settings=settings)) == 2
    assert pc.plays(path=tmp_path / "tidak-ada.sqlite").empty
    scenario_file = settings.scenarios_dir / "percakapan" / "wa-tidak-dibalas.yaml"
    changed = scenario_file.read_text(encoding="utf-8").replace(
        "Pengaduan tercatat, KK dibetulkan, Bu Sulastri pulang lega", "Judul baru"
    )
    scenario_file.write_text(changed, encoding="utf-8")
    again = pc.replay_play(first, path=db, settings=settings)
    assert again.path == [1, 1, 1, 1, 1] and again.ending.title.startswith("Pengaduan tercatat")
    with pytest.raises(WorkbenchError, match="tidak ada"):
        pc.replay_play(999, path=db, settings=settings)


def test_a_nameless_learner_is_refused(tmp_path, rubric, sources):
    """Is a play without a learner's name refused with a message, not stored anonymously?"""
    play = pc.Conversation.replay(
        shipped("uang-rokok", rubric, sources), [1, 1, 1, 1], rubric=rubric, sources=sources
    )
    with pytest.raises(WorkbenchError, match="Nama peserta kosong"):
        pc.record_play(play, learner="  ", path=tmp_path / "pc.sqlite")


# ---------------------------------------------------------------- pictures and the command


def test_the_graph_picture_shows_every_node_and_ending(rubric, sources):
    """Does the picture carry a box for every node and ending, and the DOT text an edge for
    every route?"""
    scenario = shipped("dua-petugas-prioritas", rubric, sources)
    figure = pc.graph_figure(scenario)
    texts = " ".join(t.get_text() for t in figure.axes[0].texts)
    for key in [*scenario.nodes, *scenario.endings]:
        assert key in texts
    assert "batas: bila ketegangan >= 100 → bertengkar" in texts
    dot = pc.to_dot(scenario)
    assert dot.startswith('digraph "dua-petugas-prioritas"')
    for key, node in scenario.nodes.items():
        for choice in node.choices:
            for route in choice.routes:
                assert f'"{key}" -> "{route.target}"' in dot


def run_cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "workbench", "conversation", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_the_command_checks_draws_and_lists(tmp_path):
    """Does `workbench conversation check` pass the shipped scenarios and fail a broken file
    with its problems, and do `graph` and `list` write a picture and a list?"""
    good = run_cli("check")
    assert good.returncode == 0, good.stderr
    assert good.stdout.count("baik: ") == len(NAMES)
    broken = tmp_path / "rusak.yaml"
    text = (FOLDER / "berkas-kurang.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("ke: alasan\n", "ke: alsan\n", 1), encoding="utf-8")
    bad = run_cli("check", str(broken))
    assert bad.returncode == 1 and "tujuan 'alsan' tidak ada" in bad.stderr
    assert "Traceback" not in bad.stderr
    picture = tmp_path / "alur.png"
    drawn = run_cli("graph", "keluhan-viral", "--to", str(picture))
    assert drawn.returncode == 0 and picture.read_bytes().startswith(b"\x89PNG")
    listed = run_cli("list")
    assert "uang-rokok: Uang rokok agar didahulukan" in listed.stdout
    assert "Integritas 3" in listed.stdout


def test_the_command_exports_observer_scores(tmp_path):
    """Does `workbench conversation scores --export` write every observer's scores to Excel, and
    refuse an unknown format before doing anything?"""
    shutil.copytree(FOLDER, tmp_path / "scenarios" / "percakapan")
    settings = load_settings(home=tmp_path)
    session = pc.Session.create(
        None, "Sesi", triads={"K": ["Ani", "Budi", "Citra"]}, settings=settings
    )
    session.start_round("uang-rokok")
    session.submit("K", "Citra", {k: 2 for k in session.scenario().behaviours})
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path)}
    env.pop("WORKBENCH_CONFIG", None)
    target = tmp_path / "skor.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "conversation", "scores", "--export", str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Budi: Integritas 33,3 dari 100 (1 pengamatan)" in done.stdout
    import openpyxl

    assert openpyxl.load_workbook(target).sheetnames == ["skor", "per kompetensi"]
    refused = subprocess.run(
        [sys.executable, "-m", "workbench", "conversation", "scores", "--export", "x.txt"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert refused.returncode == 1 and "tidak didukung" in refused.stderr
