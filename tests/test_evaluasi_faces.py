"""The faces of the evaluation: the office's own files read back to the same verdicts, the
module questionnaire added by the generator, the dashboard's widget tree, the CLI, the
counter-screen server, and the pages in Voilà with a real browser (slow)."""

from __future__ import annotations

import base64
import dataclasses
import re
import threading
import urllib.error
import urllib.request

import nbformat
import pandas as pd
import pytest

from tests.conftest import free_port
from workbench import formatting as fmt
from workbench.cli import main
from workbench.cli.evaluation import make_screen_server
from workbench.config import load_settings
from workbench.course import evaluation as gather
from workbench.course.evaluation import (
    attribute_module_reactions,
    example_tables,
    load_tables,
    office_tables,
    write_office_files,
)
from workbench.evaluasi import Evaluation, ModuleReactions
from workbench.practice.authoring import NAV_TAG, REACTION_TAG, add_navigation
from workbench.widgets.evaluasi import EvaluationDashboard, reaction_form


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The example year written as an office's own files (CSV as Indonesian Excel writes them,
    queue exports as a machine writes them), in a temporary installation."""
    home = tmp_path_factory.mktemp("kantor")
    settings = load_settings(home=home)
    write_office_files(example_tables(), settings.state_dir, settings=settings)
    return settings


def test_office_files_give_the_same_evaluation(office):
    """Read back from the office's files, does every activity get the same verdicts and
    numbers as from the tables they were written from?"""
    tables = office_tables(settings=office, include_workbench=False)
    assert tables.sumber_data["kegiatan"] == "evaluasi/kegiatan.csv"
    assert tables.sumber_data["antrean"] == "evaluasi/antrean/"
    same_day = dataclasses.replace(tables, hari_ini=example_tables().hari_ini)
    ours, theirs = Evaluation(same_day).summary(), Evaluation(example_tables()).summary()
    pd.testing.assert_frame_equal(
        ours.drop(columns="tanggal_mulai"), theirs.drop(columns="tanggal_mulai")
    )
    assert load_tables(settings=office).sumber_data["kegiatan"] == "evaluasi/kegiatan.csv"
    from workbench import evaluasi

    page = evaluasi.render_html(gather.public_page(Evaluation(same_day), settings=office))
    for note in example_tables().catatan.itertuples():  # read from the office's notes file
        assert (note.isi in page) == (note.status == "disetujui")


def test_without_office_files_the_example_is_used(tmp_path):
    """Does an installation without var/evaluasi/kegiatan.* evaluate the example, saying so?"""
    tables = load_tables(settings=load_settings(home=tmp_path))
    assert tables.ditanam and tables.sumber_data["kegiatan"] == "data contoh (sintetis)"


def test_an_office_just_starting_gets_guidance_not_errors(tmp_path):
    """With only a list of activities (none yet, then one without participants or queue
    exports), does the dashboard draw, and does the activity say what is missing?"""
    settings = load_settings(home=tmp_path)
    folder = settings.state_dir / "evaluasi"
    folder.mkdir(parents=True)
    header = "id_kegiatan;nama;jenis;tanggal_mulai;tanggal_selesai;jp;kompetensi;kantor\n"
    (folder / "kegiatan.csv").write_text(header, encoding="utf-8")
    empty = EvaluationDashboard(Evaluation(load_tables(settings=settings)), settings=settings)
    assert "Belum ada kegiatan" in empty.detail.value and ">0<" in empty.cards.value
    (folder / "kegiatan.csv").write_text(
        header + "K1;Pelatihan A;pelatihan;05/05/2025;06/05/2025;12;Komunikasi;Kelurahan X\n",
        encoding="utf-8",
    )
    board = EvaluationDashboard(Evaluation(load_tables(settings=settings)), settings=settings)
    assert "daftar peserta belum ada" in board.detail.value
    activity = board.ev.activity("K1")
    assert "Belum ada ekspor mesin antrean untuk Kelurahan X" in activity.kesimpulan["hasil"]
    assert any("evaluasi/antrean/" in t for t in activity.tindak_lanjut)


def test_workbench_reactions_join_the_office_activity(office):
    """Are module-02 answers given during the module's class credited to that activity, and
    answers long after it left as the module taken alone?"""
    store = ModuleReactions(settings=office)
    store.save("Ani", "modul-02", dict.fromkeys(("P1", "P2", "P3", "P4", "P5", "P6"), 4))
    answers = store.frame()
    answers.loc[0, "waktu"] = pd.Timestamp("2025-02-11 15:00", tz="Asia/Jakarta")
    late = answers.copy()
    late.loc[0, "waktu"] = pd.Timestamp("2025-09-01 15:00", tz="Asia/Jakarta")
    kegiatan = example_tables().kegiatan
    assert attribute_module_reactions(answers, kegiatan)["id_kegiatan"].tolist() == ["PD-2025-02"]
    assert attribute_module_reactions(late, kegiatan)["id_kegiatan"].tolist() == ["modul-02"]
    tables = office_tables(settings=office)
    assert "jawaban di workbench" in tables.sumber_data["reaksi"]


def test_practice_and_grading_records_become_learning_scores(tmp_path):
    """Do a learner's first checks in module 02 become the pre-score of the office activity
    that names module 02 (learner linked to an NIP in kompetensi/peserta.csv), and do module
    answers given outside any activity show as a module taken alone?"""
    from workbench.practice.core import Outcome
    from workbench.practice.progress import ProgressStore

    settings = load_settings(home=tmp_path)
    write_office_files(example_tables(), settings.state_dir, settings=settings)
    nip = example_tables().peserta.query("id_kegiatan == 'PD-2025-02'")["nip"].iloc[0]
    (settings.state_dir / "kompetensi" / "peserta.csv").write_text(
        f"peserta;nip\nAni;{nip}\n", encoding="utf-8"
    )
    store = ProgressStore("Ani", settings=settings)
    module = "02-data-layanan-dengan-pandas"
    for question, outcomes in (
        ("q1", ["benar"]),
        ("q2", ["salah", "benar"]),
        ("q3", ["benar"]),
        ("q4", ["salah"]),
    ):
        for outcome in outcomes:
            store.record(module, question, "check", Outcome(outcome))
    ModuleReactions(settings=settings).save("Ani", "modul-05", dict.fromkeys(("P1", "P2"), 5))
    tables = office_tables(settings=settings)
    mine = tables.nilai[
        (tables.nilai["nip"] == nip)
        & (tables.nilai["sumber"].str.contains("percobaan pertama", na=False))
        & tables.nilai["sumber"].str.contains("modul 02")
    ]
    assert mine["nilai"].tolist() == [pytest.approx(50.0)]  # q1, q3 right first; q2, q4 not
    alone = Evaluation(tables).module_reactions()
    assert alone[["modul", "jawaban"]].values.tolist() == [["05", 1]]


def test_generator_adds_the_questionnaire_before_the_last_links(tmp_path):
    """Does the navigation generator put the reaction questionnaire (tag 'reaksi') just before
    the bottom links, once, even when run twice?"""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 02 · Uji"), nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, tmp_path / "02-data-layanan-dengan-pandas.ipynb")
    add_navigation(tmp_path)
    add_navigation(tmp_path)
    cells = nbformat.read(tmp_path / "02-data-layanan-dengan-pandas.ipynb", as_version=4).cells
    tags = [c.metadata.get("tags", []) for c in cells]
    assert [REACTION_TAG in t for t in tags] == [False, False, False, True, True, False]
    assert NAV_TAG in tags[-1]
    assert cells[-2].source.endswith('reaction_form("02")')
    assert add_navigation(tmp_path, check=True) == []


def test_module_form_saves_to_the_learners_own_file(tmp_path):
    """Does the module form save to the learner's file, and say so when opened again?"""
    settings = load_settings(home=tmp_path)
    form = reaction_form("03", settings=settings)
    form.ratings["P1"].value = 5
    form._send()
    assert "tersimpan" in form.status.value
    assert ModuleReactions(settings=settings).frame()["P1"].tolist() == [5]
    again = reaction_form("03", settings=settings)
    assert "sudah mengisi" in again.status.value
    empty = reaction_form("04", settings=settings)
    empty._send()
    assert "paling sedikit satu" in empty.status.value


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    settings = load_settings(home=tmp_path_factory.mktemp("dasbor"))
    return EvaluationDashboard(Evaluation(example_tables()), settings=settings)


def test_dashboard_shows_the_engines_numbers(dashboard):
    """Do the cards, overview and activity panel show what the evaluation computed: activity
    and participant counts by hand, the learning gain and the waiting-time verdict?"""
    ev = dashboard.ev
    tables = ev.tables
    assert f">{len(tables.kegiatan)}<" in dashboard.cards.value
    assert f">{len(tables.peserta)}<" in dashboard.cards.value
    jp = (
        tables.kegiatan.set_index("id_kegiatan")["jp"]
        * tables.peserta.groupby("id_kegiatan").size()
    ).sum()
    assert f">{fmt.number(jp, None)}<" in dashboard.cards.value
    dashboard.activity.value = "PP-2025-05"
    a = ev.activity("PP-2025-05")
    assert fmt.number(a.belajar["rata_naik"].iloc[0], 2) in dashboard.detail.value
    assert "turun (membaik)" in dashboard.detail.value and "<svg" in dashboard.detail.value
    assert "Data contoh" in dashboard.origin.value


def test_dashboard_groups_reminders_and_downloads(dashboard):
    """Do the per-competency view, the reminders and the report download work, and does the
    download open as the report?"""
    dashboard.group.value = "kompetensi"
    assert "Kecakapan Digital" in dashboard.groups.value
    assert "terlambat" in dashboard.todo.value
    dashboard.activity.value = "PP-2025-05"
    dashboard._export_report(".xlsx")
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)'", dashboard.download.value)[1])
    assert data[:2] == b"PK"  # an .xlsx (zip)
    dashboard._export_public()
    page = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)'", dashboard.download.value)[1])
    assert page.startswith(b"<!DOCTYPE html>") and b"<script" not in page


def test_reviewing_a_note_in_the_dashboard_updates_the_preview(dashboard):
    """Is an approved note visible in the public preview at once, and does a note on the
    example never touch the office's own notes file?"""
    panel = dashboard.notes
    assert panel.store.path != panel.store.settings.state_dir / "evaluasi" / "catatan-warga.csv"
    panel.day.value, panel.source.value = "01/12/2025", "Forum warga RW 05"
    panel.text.value = "Warga minta papan antrean yang terlihat dari luar."
    panel._add()
    code = re.search(r"FW-\d{8}-\d", panel.status.value)[0]
    assert "papan antrean" not in dashboard.public.value
    panel._review(code, True, "Warga minta papan antrean yang terlihat dari luar.")
    assert "papan antrean" in dashboard.public.value


# --- the command line and the counter screen -------------------------------------------------


def test_cli_summary_report_and_page(tmp_path, capsys):
    """Do 'workbench evaluation summary', 'report' and 'public-page' work on the example?"""
    assert main(["evaluation", "summary", "--example"]) == 0
    out = capsys.readouterr().out
    assert "PP-2025-05" in out and "turun (membaik)" in out and "Pengingat" in out
    assert (
        main(["evaluation", "report", "PP-2025-05", "--to", str(tmp_path / "e.pdf"), "--example"])
        == 0
    )
    assert (tmp_path / "e.pdf").read_bytes()[:4] == b"%PDF"
    assert (
        main(
            [
                "evaluation",
                "public-page",
                "--html",
                str(tmp_path / "k.html"),
                "--refresh",
                "10",
                "--example",
            ]
        )
        == 0
    )
    assert "content='600'" in (tmp_path / "k.html").read_text(encoding="utf-8")
    assert (
        main(["evaluation", "report", "TIDAK-ADA", "--to", str(tmp_path / "x.pdf"), "--example"])
        == 1
    )
    assert "Kegiatan 'TIDAK-ADA' tidak ada" in capsys.readouterr().err


def test_cli_queue_and_example(tmp_path, capsys):
    """Does 'example' write an office's files, and 'queue' check an export from them?"""
    assert main(["evaluation", "example", "--to", str(tmp_path)]) == 0
    export = tmp_path / "evaluasi" / "antrean" / "Kelurahan Tambak Sarioso" / "2025.csv"
    assert export.is_file()
    capsys.readouterr()
    assert main(["evaluation", "queue", str(export), "--office", "Kelurahan Tambak Sarioso"]) == 0
    assert "rata-rata tunggu" in capsys.readouterr().out
    (tmp_path / "salah.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    assert main(["evaluation", "queue", str(tmp_path / "salah.csv"), "--office", "X"]) == 1
    assert "Jam Ambil" in capsys.readouterr().err


def test_counter_screen_serves_one_read_only_page():
    """Does the screen server answer '/' with the page (no script allowed by its policy),
    refuse every other path with 404, and make the page again only when it is old?"""
    made = []

    def render() -> str:
        made.append(1)
        return f"<!DOCTYPE html><p>halaman {len(made)}</p>"

    port = free_port()
    server = make_screen_server(render, host="127.0.0.1", port=port, refresh_minutes=15)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as reply:
            assert reply.status == 200 and b"halaman 1" in reply.read()
            assert "default-src 'none'" in reply.headers["Content-Security-Policy"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html") as reply:
            assert b"halaman 1" in reply.read()  # not made again within 15 minutes
        for path in ("/../workbench.toml", "/var/evaluasi/nilai.csv", "/api/kernels"):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}")
            assert caught.value.code == 404
    finally:
        server.shutdown()
        server.server_close()
    assert len(made) == 1


# --- the pages in Voilà, in a browser --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_evaluation_pages_in_voila(dashboards_server, page):
    """Does the dashboard render in Voilà with the overview and an activity's four levels, the
    workshop page store an answer, and the public preview show its sections?"""
    base = f"{dashboards_server.url}voila/render/"
    token = f"?token={dashboards_server.token}"
    page.goto(f"{base}10-dasbor-evaluasi.ipynb{token}")
    page.get_by_text("Semua kegiatan").wait_for(state="visible", timeout=180_000)
    assert page.locator(".evl-tabel").count() >= 3
    assert page.get_by_text("turun (membaik)").first.is_visible()
    assert "evaluation_dashboard(" not in page.content()
    page.goto(f"{base}09-reaksi-peserta.ipynb{token}")
    page.get_by_text("Kuesioner reaksi peserta").first.wait_for(state="visible", timeout=180_000)
    groups = page.locator(".widget-toggle-buttons")
    groups.nth(5).wait_for(state="visible", timeout=60_000)  # all six statements drawn
    for i in range(6):
        groups.nth(i).locator("button", has_text="4").click()
    page.get_by_role("button", name="Kirim").click()
    page.get_by_text("Terima kasih!").wait_for(state="visible", timeout=60_000)
    page.goto(f"{base}11-kami-mendengar.ipynb{token}")
    page.get_by_text("Yang Anda sampaikan").wait_for(state="visible", timeout=180_000)
    for heading in ("Yang kami janjikan", "Yang sudah kami lakukan", "Yang berubah"):
        assert page.get_by_text(heading).first.is_visible()
