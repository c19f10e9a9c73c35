"""Scenario cards: reading YAML, the shipped cards, and every validation error in Indonesian."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from workbench import yamlfile
from workbench.errors import WorkbenchError
from workbench.simulation import Counter, Duration, Scenario, simulate

ROOT = Path(__file__).resolve().parent.parent
CARDS = sorted((ROOT / "scenarios").glob("*.yaml"))
BASE_CARD = ROOT / "scenarios" / "selasa-biasa.yaml"


def base() -> dict:
    return yaml.safe_load(BASE_CARD.read_text(encoding="utf-8"))


def problems_of(data: dict, tmp_path: Path | None = None) -> list:
    with pytest.raises(WorkbenchError) as err:
        if tmp_path is None:
            Scenario.from_dict(data, source="kartu.yaml")
        else:
            path = tmp_path / "kartu.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            Scenario.from_yaml(path)
    assert "Skenario tidak bisa dijalankan" in err.value.message
    return list(err.value.problems)


def has(problems, column_part: str, message_part: str) -> bool:
    return any(column_part in str(p.column) and message_part in p.message for p in problems)


# ---- the shipped cards ----------------------------------------------------------------------


def test_there_are_at_least_six_cards_covering_the_workshop_situations():
    """Are the six role-play situations of the workshop each on a card?"""
    assert len(CARDS) >= 6
    names = {p.stem for p in CARDS}
    for stem in (
        "selasa-biasa",
        "senin-setelah-libur-panjang",
        "sistem-mati",
        "petugas-sakit",
        "awal-pendaftaran-sekolah",
        "uji-coba-janji-daring",
    ):
        assert stem in names


@pytest.mark.parametrize("card", CARDS, ids=[p.stem for p in CARDS])
def test_every_card_loads_has_a_facilitator_story_and_runs(card):
    """Does each card load, tell the facilitator a story in Indonesian, and simulate visitors?"""
    sc = Scenario.from_yaml(card)
    assert "fasilitator" in sc.story.lower() and len(sc.story) > 200
    result = simulate(sc, replications=3, seed=5)
    rec = result.records
    assert set(rec["replikasi"]) == {1, 2, 3}
    assert len(rec) > 50 * len(sc.days)
    assert (rec["status"] == "dilayani").mean() > 0.5
    summary = result.summary()
    assert summary["nilai"].notna().sum() >= 10


def test_cards_model_their_situation():
    """Do the special cards actually contain their disruption, absence, surge and appointments?"""
    sick = Scenario.from_yaml(ROOT / "scenarios" / "petugas-sakit.yaml")
    assert [c.name for c in sick.counters if c.absences] == ["Loket 2"]
    down = Scenario.from_yaml(ROOT / "scenarios" / "sistem-mati.yaml")
    assert [(d.kind, d.start, d.end) for d in down.disruptions] == [("sistem_mati", 600.0, 645.0)]
    school = Scenario.from_yaml(ROOT / "scenarios" / "awal-pendaftaran-sekolah.yaml")
    shares = {s.name: s.share for s in school.services}
    assert shares["Kartu Keluarga"] + shares["Akta Kelahiran"] > 0.5
    online = Scenario.from_yaml(ROOT / "scenarios" / "uji-coba-janji-daring.yaml")
    assert online.appointments is not None and online.appointments.per_slot == 2
    monday = Scenario.from_yaml(ROOT / "scenarios" / "senin-setelah-libur-panjang.yaml")
    assert monday.days == ("senin",) and monday.arrivals.factor > 1


def test_a_card_survives_a_round_trip_through_yaml(tmp_path):
    """Does writing a scenario to YAML and reading it back give the same scenario?"""
    for card in CARDS:
        sc = Scenario.from_yaml(card)
        out = tmp_path / card.name
        sc.to_yaml(out)
        again = Scenario.from_yaml(out)
        assert again == sc, card.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(c.name for c in CARDS)


def test_times_like_10_45_stay_clock_times():
    """Is an unquoted 10:45 read as a clock time, not YAML 1.1's base-60 number 645?"""
    text = BASE_CARD.read_text(encoding="utf-8").replace('jam_tutup: "16:00"', "jam_tutup: 15:45")
    data = yamlfile.load("kartu.yaml", text=text)
    assert data["jam_tutup"] == "15:45"
    assert Scenario.from_dict(data).close_time == 15 * 60 + 45


def test_numbers_written_as_text_are_read_the_indonesian_way():
    """Is a quoted '1.500' on a card fifteen hundred and '2,5' two and a half, as in files?"""
    data = base()
    data["standar_pelayanan_menit"] = "17,5"
    assert Scenario.from_dict(data).service_standard_minutes == 17.5
    data["standar_pelayanan_menit"] = "1.500"
    assert Scenario.from_dict(data).service_standard_minutes == 1500.0


# ---- validation errors ------------------------------------------------------------------------


def test_unknown_service_at_a_counter():
    """Does a counter offering a service missing from the catalogue get named?"""
    data = base()
    data["loket"][0]["layanan"] = ["KTP-el", "Paspor"]
    ps = problems_of(data)
    assert has(ps, "loket[1].layanan", "tidak ada di katalog")
    assert any(p.value == "Paspor" and p.file == "kartu.yaml" for p in ps)


def test_shares_not_summing_to_one():
    """Do service shares adding up to 0.9 get reported with their total?"""
    data = base()
    data["layanan"][0]["porsi"] = 0.15
    ps = problems_of(data)
    assert has(ps, "layanan.porsi", "jumlah porsi layanan harus 1")
    assert any(p.value == pytest.approx(0.9) for p in ps)


def test_negative_times_and_durations():
    """Are a negative mean service time and a negative clock time both rejected?"""
    data = base()
    data["layanan"][1]["durasi"] = {"distribusi": "eksponensial", "rata_rata": -3}
    data["istirahat"] = [["-12:00", "13:00"]]
    data["kesabaran"] = {"distribusi": "segitiga", "minimum": -1, "modus": 2, "maksimum": 5}
    ps = problems_of(data)
    assert has(ps, "layanan[2].durasi.rata_rata", "tidak boleh negatif")
    assert has(ps, "istirahat[1][1]", "tidak boleh negatif")
    assert has(ps, "kesabaran.minimum", "tidak boleh negatif")


def test_schedule_outside_opening_hours():
    """Is a shift before opening or a break after closing flagged with the opening hours?"""
    data = base()
    data["loket"][1]["jadwal"] = [["07:00", "12:00"]]
    data["loket"][2]["istirahat"] = [["16:00", "16:30"]]
    data["gangguan"] = [{"jenis": "sistem_mati", "mulai": "17:00", "selesai": "18:00"}]
    ps = problems_of(data)
    for where in ("loket[2].jadwal[1]", "loket[3].istirahat[1]", "gangguan[1]"):
        assert has(ps, where, "di luar jam buka"), where
    assert any("07:30" in (p.expected or "") and "16:00" in (p.expected or "") for p in ps)


def test_arrivals_outside_opening_hours(tmp_path):
    """Is a visitor rate at 06:00 or 17:00, when the office is closed, named with its line?"""
    data = base()
    data["kedatangan"]["per_jam"]["06"] = 5
    data["kedatangan"]["per_jam"]["17"] = 10
    data["kedatangan"]["per_jam"]["18"] = 0  # a zero rate outside hours is harmless
    ps = problems_of(data, tmp_path)
    assert has(ps, "kedatangan.per_jam.06", "jam kantor tutup")
    assert has(ps, "kedatangan.per_jam.17", "jam kantor tutup")
    assert not has(ps, "kedatangan.per_jam.18", "")
    assert any("07 sampai 15" in (p.expected or "") for p in ps)
    assert all(p.row is not None for p in ps)


def test_every_problem_is_listed_at_once(tmp_path):
    """Does a card with many mistakes report all of them in one go, with the file name?"""
    data = base()
    data["loket"][0]["layanan"] = ["Paspor"]
    data["layanan"][0]["porsi"] = 0.5
    data["layanan"][2]["durasi"] = {"distribusi": "normal", "rata_rata": 5}
    data["jam_buka"] = "7 pagi"
    data["hari"] = ["senen"]
    data["loket"][3]["faktor_durasi"] = 0
    data["tidak_bergabung"] = {"panjang_antrean": 10, "peluang": 1.5}
    data["warna"] = "biru"
    ps = problems_of(data, tmp_path)
    expected = [
        ("loket[1].layanan", "tidak ada di katalog"),
        ("layanan.porsi", "jumlah porsi"),
        ("layanan[3].durasi.distribusi", "distribusi tidak dikenal"),
        ("jam_buka", "format jam"),
        ("hari[1]", "nama hari tidak dikenal"),
        ("loket[4].faktor_durasi", "lebih dari nol"),
        ("tidak_bergabung.peluang", "antara 0 dan 1"),
        ("warna", "kunci tidak dikenal"),
    ]
    for where, message in expected:
        assert has(ps, where, message), (where, message, [str(p) for p in ps])
    assert all(p.file == "kartu.yaml" for p in ps)


def test_structural_mistakes():
    """Are an unserved service, duplicate names, a wrong day and an unknown counter named?"""
    data = base()
    data["loket"] = [
        {"nama": "Loket 1", "layanan": ["KTP-el"]},
        {"nama": "Loket 1", "layanan": ["KTP-el"]},
    ]
    data["gangguan"] = [
        {
            "jenis": "loket_tutup",
            "loket": "Loket 9",
            "hari": 3,
            "mulai": "10:00",
            "selesai": "11:00",
        },
        {"jenis": "banjir", "mulai": "10:00", "selesai": "11:00"},
    ]
    ps = problems_of(data)
    assert has(ps, "loket", "tidak ada loket yang melayani")
    assert has(ps, "loket", "nama loket dipakai dua kali")
    assert has(ps, "gangguan[1].hari", "di luar daftar hari")
    assert has(ps, "gangguan[1].loket", "tidak ada")
    assert has(ps, "gangguan[2].jenis", "jenis gangguan tidak dikenal")


def test_other_value_errors():
    """Are bad priority shares, wrong queue kinds, reversed periods and bad appointments named?"""
    data = base()
    data["prioritas"] = {"lansia": 0.7, "veteran": 0.5}
    data["antrean"] = "acak"
    data["istirahat"] = [["13:00", "12:00"]]
    data["janji_daring"] = {
        "mulai": "08:00",
        "selesai": "10:00",
        "kuota_per_slot": 0,
        "tidak_datang": 2,
        "layanan": {"Paspor": 1.0},
    }
    data["kedatangan"]["per_jam"]["25"] = 3
    data["kedatangan"]["per_jam"]["09"] = -4
    ps = problems_of(data)
    assert has(ps, "prioritas.veteran", "kelompok prioritas tidak dikenal")
    assert has(ps, "prioritas", "lebih dari 1")
    assert has(ps, "antrean", "jenis antrean tidak dikenal")
    assert has(ps, "istirahat[1]", "selesai harus setelah")
    assert has(ps, "janji_daring.kuota_per_slot", "minimal 1")
    assert has(ps, "janji_daring.tidak_datang", "antara 0 dan 1")
    assert has(ps, "janji_daring.layanan", "tidak ada di katalog")
    assert has(ps, "kedatangan.per_jam.25", "jam tidak sah")
    assert has(ps, "kedatangan.per_jam.09", "tidak boleh negatif")


def test_yaml_syntax_error_names_the_line(tmp_path):
    """Does broken YAML give an Indonesian message with the line number, not a traceback?"""
    path = tmp_path / "rusak.yaml"
    path.write_text("nama: Rusak\nlayanan:\n  - nama: KTP-el\n   porsi: 1\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        Scenario.from_yaml(path)
    assert "bukan YAML yang sah" in err.value.message
    assert err.value.problems[0].row == 4


def test_missing_file_and_non_mapping():
    """Are a missing card and a card that is just a list reported clearly?"""
    with pytest.raises(WorkbenchError, match="tidak ditemukan"):
        Scenario.from_yaml(ROOT / "scenarios" / "tidak-ada.yaml")
    with pytest.raises(WorkbenchError) as err:
        Scenario.from_dict(["nama", "layanan"])
    assert "pasangan kunci" in err.value.problems[0].message


def test_scenarios_built_in_python_are_checked_too():
    """Does a scenario built in Python with an unknown service fail the same way as a card?"""
    sc = Scenario.from_yaml(BASE_CARD)
    with pytest.raises(WorkbenchError) as err:
        sc.replace(counters=(Counter("Loket A", services=("Paspor",)),))
    assert has(err.value.problems, "loket[1].layanan", "tidak ada di katalog")
    with pytest.raises(WorkbenchError) as err:
        Scenario.mmc(arrivals_per_hour=-1, mean_service_minutes=4, counters=0)
    assert len(err.value.problems) == 2


def test_duration_distributions_have_the_stated_means():
    """Do the five service-time distributions have the mean a trainer writes on the card?"""
    import numpy as np

    rng = np.random.default_rng(3)
    u, z = rng.random(200_000), rng.standard_normal(200_000)
    cases = [
        Duration("eksponensial", mean=8),
        Duration("lognormal", mean=8, sd=4),
        Duration("segitiga", low=2, mode=3, high=7),
        Duration("tetap", mean=8),
        Duration("empiris", values=(2.0, 4.0, 12.0)),
    ]
    for d in cases:
        x = d.sample(u, z)
        assert x.min() >= 0
        assert x.mean() == pytest.approx(d.mean_minutes, rel=0.02), d.kind
    x = Duration("lognormal", mean=8, sd=4).sample(u, z)
    assert x.std() == pytest.approx(4, rel=0.03)


def test_with_counters_adds_and_removes_counters():
    """Does with_counters give the asked number of counters and keep the scenario valid?"""
    sc = Scenario.from_yaml(BASE_CARD)
    assert len(sc.with_counters(6).counters) == 6
    assert [c.name for c in sc.with_counters(2).counters] == ["Loket 1", "Loket 2"]
    week = Scenario.from_yaml(ROOT / "scenarios" / "satu-minggu.yaml")
    assert [d.counter for d in week.with_counters(2).disruptions] == ["Loket 1"]
    with pytest.raises(WorkbenchError):
        sc.with_counters(0)


def test_problems_in_a_card_name_the_line(tmp_path):
    """Does each problem in a card file say on which line of the file to look?"""
    text = BASE_CARD.read_text(encoding="utf-8")
    text = text.replace("{nama: Loket 2, layanan: semua}", "{nama: Loket 2, layanan: [Paspor]}")
    text = text.replace('jam_tutup: "16:00"', 'jam_tutup: "16.6"')
    path = tmp_path / "kartu.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    with pytest.raises(WorkbenchError) as err:
        Scenario.from_yaml(path)
    rows = {p.column: p.row for p in err.value.problems}
    assert lines[rows["jam_tutup"] - 1].startswith("jam_tutup:")
    assert "Paspor" in lines[rows["loket[2].layanan"] - 1]
    assert "baris" in str(err.value)


def test_a_card_is_named_the_same_way_in_a_notebook_and_the_cli(tmp_path, monkeypatch):
    """Does Scenario.from_yaml("selasa-biasa") find the card from any folder, as the CLI does?"""
    monkeypatch.chdir(tmp_path)  # a notebook's folder, not the repository
    by_name = Scenario.from_yaml("selasa-biasa")
    assert by_name == Scenario.from_yaml("selasa-biasa.yaml") == Scenario.from_yaml(BASE_CARD)
    assert len(simulate("selasa-biasa", replications=1, seed=1).records) > 0
    with pytest.raises(WorkbenchError) as err:
        Scenario.from_yaml("selasa-biasaa")
    assert "tidak ditemukan" in err.value.message and "selasa-biasa" in err.value.message


def test_an_alias_bomb_card_is_refused_fast_with_a_short_message(tmp_path):
    """Is a 400-byte YAML alias bomb refused at once, with a message that does not dump data?"""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[k]
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    lines.append("nama: *i")
    path = tmp_path / "bom.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size < 500
    with pytest.raises(WorkbenchError) as err:
        Scenario.from_yaml(path)
    text = str(err.value)
    assert "alias" in text and "bom.yaml" in text
    assert len(text) < 400 and "lol" not in text
