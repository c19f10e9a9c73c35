""" "Kami mendengar": every number on the public page against a hand calculation from the raw
tables, and nothing personal on it (no NIP, no names, no unreviewed text), offline by design."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from workbench import formatting as fmt
from workbench.config import load_settings
from workbench.course.evaluation import example_tables, public_inputs
from workbench.data.schema import UNSUR_SKM
from workbench.errors import WorkbenchError
from workbench.evaluasi import Evaluation
from workbench.evaluasi.notes import NotesStore, privacy_problems, public_notes
from workbench.evaluasi.public import build_public_page, render_html

NOW = pd.Timestamp("2025-12-15 09:00", tz="Asia/Jakarta")


@pytest.fixture(scope="module")
def example():
    tables = example_tables()
    ev = Evaluation(tables)
    inputs = public_inputs(tables)
    page = build_public_page(inputs, ev, office_name="Kecamatan Asemrowo", now=NOW)
    return tables, ev, page, render_html(page)


def _semester(tables, label):
    day = tables.skm["tanggal"].dt.tz_localize(None)
    first = label.endswith("S1")
    return tables.skm[(day.dt.month <= 6) if first else (day.dt.month > 6)]


def test_element_values_by_hand(example):
    """Is each element's value in each semester the mean score × 25, rounded half up to two
    decimals, and the index the mean of the nine × 25, with its quality band?"""
    tables, _ev, page, text = example
    assert page.periode == ["2025 S1", "2025 S2"]
    for label in page.periode:
        answers = _semester(tables, label)
        for code in UNSUR_SKM:
            by_hand = round(answers[code].sum() * 25 / len(answers) + 1e-9, 2)
            shown = page.unsur.set_index("unsur").loc[code, label]
            assert shown == pytest.approx(by_hand, abs=0.005)
            assert fmt.number(by_hand, 2) in text
        index = answers[list(UNSUR_SKM)].to_numpy().sum() * 25 / (9 * len(answers))
        row = page.ikm.set_index("periode").loc[label]
        assert row["nilai"] == pytest.approx(index, abs=0.005)
        assert row["responden"] == len(answers)
        assert f"{fmt.count(len(answers))} responden" in text


def test_themes_are_counts_never_quotes(example):
    """Are the themes the five most frequent of the latest semester, as counts and shares,
    and does no suggestion's text appear on the page?"""
    tables, _ev, page, text = example
    latest = _semester(tables, "2025 S2")
    written = latest["saran"].dropna()
    written = written[written.str.strip() != ""]
    assert len(page.tema) == 5
    top = page.tema.iloc[0]
    assert top["persen_saran"] == pytest.approx(100 * top["jumlah"] / len(written))
    assert f"{fmt.count(top['jumlah'])} saran" in text
    for quote in written:
        assert quote not in text


def test_plan_shows_actions_never_the_person_in_charge(example):
    """Are the open actions listed with their target date, the finished ones under 'done',
    and the person in charge of each nowhere on the page?"""
    tables, _ev, page, text = example
    plan = tables.rencana
    for row in plan.itertuples():
        assert row.tindakan in text
        assert row.penanggung_jawab not in text
    open_ = plan[plan["status"] != "selesai"]
    assert page.janji["tindakan"].tolist() == open_["tindakan"].tolist()
    assert fmt.date_long(open_["tenggat"].iloc[0]) in text
    done = [t for _w, t in page.dilakukan]
    assert any("Membuka loket kedua" in t for t in done)


def test_activities_done_count_participants_by_hand(example):
    """Does each finished activity show its dates and the number of participants counted from
    the participant table?"""
    tables, _ev, page, _text = example
    counts = tables.peserta.groupby("id_kegiatan").size()
    listed = " ".join(t for _w, t in page.dilakukan)
    for k in tables.kegiatan.itertuples():
        assert f"{k.nama} untuk {counts[k.id_kegiatan]} pegawai" in listed


def test_waiting_time_change_matches_the_evaluation_and_a_hand_mean(example):
    """Is the 'before' wait the plain mean of the daily means over the 120 working days before
    the training (hand computed from the tickets), and the change and verdict those of the
    trainer's dashboard?"""
    tables, ev, page, text = example
    line = next(c for c in page.berubah if "waktu tunggu di loket Kecamatan Asemrowo" in c.judul)
    tickets = tables.tiket[tables.tiket["kantor"] == "Kecamatan Asemrowo"]
    called = tickets[tickets["panggil"].notna()]
    daily = called.groupby("tanggal")["tunggu_menit"].mean()
    before = daily[daily.index.tz_localize(None) < pd.Timestamp("2025-05-05")].tail(120)
    assert line.sebelum == f"{fmt.number(before.mean(), 1)} menit"
    primary = next(
        r
        for r in ev.activity("PP-2025-05").hasil
        if r.metode.startswith("selisih") and r.ukuran == "rata_tunggu"
    )
    assert line.putusan == primary.putusan == "turun (membaik)"
    assert line.perubahan.startswith(fmt.signed(primary.estimate.nilai, 1))
    assert line.perubahan in text and "turun (membaik)" in text
    assert any(c.putusan == "belum bisa disimpulkan" for c in page.berubah)  # said plainly


def test_nothing_personal_on_the_page(example):
    """No NIP, no staff name, no rejected or unreviewed note, no phone number anywhere in
    the page."""
    tables, _ev, _page, text = example
    for nip in tables.pegawai["nip"]:
        assert nip not in text
    for name in tables.pegawai["nama"]:
        assert name not in text
    notes = tables.catatan
    for row in notes.itertuples():
        assert (row.isi in text) == (row.status == "disetujui")
    assert not re.search(r"08\d{2}-?\d{3,4}", text)
    assert not privacy_problems(re.sub(r"<[^>]+>", " ", text))


def test_the_page_works_offline(example):
    """Is the page one file with no script and nothing loaded from elsewhere?"""
    _tables, _ev, _page, text = example
    assert "<script" not in text.lower()
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", text)
    assert "@import" not in text and "url(" not in text
    assert text.startswith("<!DOCTYPE html>") and "lang='id'" in text
    assert "Data contoh (sintetis)" in text


def test_personal_text_in_the_plan_is_withheld(example):
    """An action that names a person or a phone number is withheld (counted, not shown)."""
    tables, ev, _page, _text = example
    plan = tables.rencana.copy()
    plan.loc[len(plan)] = [
        "U9",
        "x",
        "Hubungi Pak Slamet di 0812-3456-7890",
        "y",
        pd.Timestamp("2026-02-01"),
        "berjalan",
    ]
    inputs = public_inputs(tables, plan=plan)
    page = build_public_page(inputs, ev, office_name="Kecamatan Asemrowo", now=NOW)
    html_text = render_html(page)
    assert "Slamet" not in html_text and page.ditahan == 1
    assert "1 teks ditahan" in html_text


def test_refresh_for_a_counter_screen(example):
    """Does the counter-screen version reload itself every N minutes?"""
    _t, _e, page, _text = example
    assert "http-equiv='refresh' content='900'" in render_html(page, refresh_minutes=15)


# --- the forum notes -----------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    settings = load_settings(home=tmp_path)
    return NotesStore(settings=settings, names=("Drs. Slamet Riyadi, M.Si.",))


def test_a_note_is_public_only_after_review(store):
    """Is a new note waiting for review, hidden from the public until approved?"""
    code = store.add(
        tanggal="12/03/2025",
        sumber="Forum warga RW 2",
        isi="Warga minta loket tambahan hari Senin.",
        unsur="U3",
    )
    notes = store.load()
    assert notes.set_index("id_catatan").loc[code, "status"] == "menunggu tinjauan"
    assert public_notes(notes).empty
    store.review(code, approve=True)
    shown = public_notes(store.load())
    assert shown["isi"].tolist() == ["Warga minta loket tambahan hari Senin."]
    assert shown["tanggal"].iloc[0] == pd.Timestamp("2025-03-12", tz="Asia/Jakarta")


def test_approval_is_refused_while_something_personal_remains(store):
    """Is approving a note with a phone number and a staff member's name refused with what
    was found, and accepted once the reviewer rewrites it?"""
    code = store.add(
        tanggal="2025-09-17",
        sumber="Forum",
        isi="Pak Slamet Riyadi (0812-3456-7890) janji menambah kursi.",
    )
    with pytest.raises(WorkbenchError) as caught:
        store.review(code, approve=True)
    message = str(caught.value)
    assert "nomor telepon" in message and "nama orang" in message and "Riyadi" in message
    store.review(code, approve=True, isi="Kantor berjanji menambah kursi tunggu.")
    assert public_notes(store.load())["isi"].tolist() == ["Kantor berjanji menambah kursi tunggu."]


def test_rejected_notes_never_show_and_formulas_stay_text(store):
    """Does a rejected note stay hidden, and does text starting with '=' read back exactly?"""
    code = store.add(tanggal="2025-09-17", sumber="Forum", isi='=HYPERLINK("http://x","klik")')
    store.review(code, approve=False)
    notes = store.load()
    assert notes["isi"].iloc[0] == '=HYPERLINK("http://x","klik")'
    assert public_notes(notes).empty
    raw = store.path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in raw  # a CSV never runs it as a formula in Excel


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("NIK 3578012345678901", "nomor panjang"),
        ("hubungi 0813 1234 5678", "nomor telepon"),
        ("surat ke warga@contoh.id", "e-mail"),
        ("Bu Sulastri membantu", "nama orang"),
        ("Loket tambahan hari Senin", None),
        ("Antrean 45 menit pada 12 Mei", None),
    ],
)
def test_privacy_screen(text, found):
    """Does the screen find long numbers, phones, e-mails and names after a title, and let
    ordinary office text (times, dates) pass?"""
    problems = privacy_problems(text)
    assert (found is None) == (not problems)
    if found:
        assert any(found in p for p in problems)
