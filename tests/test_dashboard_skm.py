"""The SKM dashboard: its widget tree directly, and the real page in Voilà with a real browser."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import skm
from workbench.config import load_settings
from workbench.data import load
from workbench.skm import plan as skm_plan
from workbench.widgets.skm import SkmDashboard

U = [f"U{i}" for i in range(1, 10)]
DASHBOARD = "01-dasbor-skm.ipynb"


def indonesian(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def perfect_csv(rows: int = 30) -> str:
    """A clean survey file as an office exports it from Excel (';' separator): every score 4."""
    lines = ["id_responden;tanggal;jenis_layanan;kelurahan;" + ";".join(U) + ";saran"]
    for i in range(rows):
        lines.append(
            f"R{i:03d};2025-0{1 + i % 6}-15;KTP-el;Asemrowo;" + ";".join(["4"] * 9) + ";Mantap"
        )
    return "\n".join(lines) + "\n"


def bad_csv() -> str:
    """A survey file with a score of 7 in row 3 (Excel numbering) and text in row 4."""
    text = perfect_csv(5).splitlines()
    text[2] = text[2].replace(";4;4;4;4;4;4;4;4;4;", ";4;4;7;4;4;4;4;4;4;")
    text[3] = text[3].replace(";4;4;4;4;4;4;4;4;4;", ";4;puas;4;4;4;4;4;4;4;")
    return "\n".join(text) + "\n"


# ---------------------------------------------------------------- the widget tree


@pytest.fixture
def dashboard(tmp_path):
    return SkmDashboard(load("skm"), source="skm.csv", settings=load_settings(home=tmp_path))


def test_dashboard_shows_the_library_numbers(dashboard):
    """Does the dashboard show the index, mutu and interval exactly as the library computes?"""
    result = skm.ikm(load("skm"))
    ci = skm.bootstrap_ci(load("skm"), seed=dashboard.seed)
    assert indonesian(result.nilai) in dashboard.cards.value
    assert f">{result.mutu}</span> {result.kinerja}" in dashboard.cards.value
    assert f"{indonesian(ci.bawah)} – {indonesian(ci.atas)}" in dashboard.cards.value
    assert bytes(dashboard.elements_image.value).startswith(b"\x89PNG")
    assert bytes(dashboard.trend_image.value).startswith(b"\x89PNG")
    assert "Belum ada rencana tindak lanjut" in dashboard.plan_table.value


def test_upload_replaces_data_and_bad_upload_keeps_it(dashboard):
    """Does a clean upload replace the data, and a bad one show its rows without replacing it?"""
    upload = {"name": "survei-kantor.csv", "content": memoryview(perfect_csv().encode("utf-8-sig"))}
    dashboard._on_upload({"new": (upload,)})
    assert "100,00" in dashboard.cards.value and "survei-kantor.csv" in dashboard.source_label.value
    bad = {"name": "salah.csv", "content": memoryview(bad_csv().encode())}
    dashboard._on_upload({"new": (bad,)})
    assert "nilai di luar rentang" in dashboard.message.value  # the data layer's one message
    assert "bukan bilangan bulat" in dashboard.message.value
    assert "<td>None</td>" not in dashboard.message.value  # empty cells stay empty
    assert "survei-kantor.csv" in dashboard.message.value  # says which data stays on screen
    assert "100,00" in dashboard.cards.value


def test_excel_upload_is_read_and_checked_like_a_csv(dashboard):
    """Is an uploaded .xlsx read, and a bad date in it named with its row in the page?"""
    import io

    data = load("skm").head(60).copy()
    data["tanggal"] = data["tanggal"].dt.strftime("%d/%m/%Y")
    buffer = io.BytesIO()
    data.to_excel(buffer, index=False)
    good = {"name": "survei.xlsx", "content": memoryview(buffer.getvalue())}
    dashboard._on_upload({"new": (good,)})
    assert "survei.xlsx" in dashboard.source_label.value and "60 responden" in (
        dashboard.source_label.value
    )
    assert indonesian(skm.ikm(data).nilai) in dashboard.cards.value
    data.loc[4, "tanggal"] = "30/02/2025"
    buffer = io.BytesIO()
    data.to_excel(buffer, index=False)
    dashboard._on_upload({"new": ({"name": "salah.xlsx", "content": buffer.getvalue()},)})
    assert "bukan tanggal yang dikenali" in dashboard.message.value
    assert "30/02/2025" in dashboard.message.value and "(baris 6)" in dashboard.message.value
    assert "survei.xlsx" in dashboard.source_label.value  # the good data stays on screen


def test_population_below_minimum_warns_in_the_cards(dashboard):
    """Does entering the number of service users show the Krejcie–Morgan warning in the page?"""
    dashboard.population.value = 100_000  # needs 383, the shipped survey has 400
    assert (
        "Sampel minimum" in dashboard.cards.value and "Sampel kurang" not in dashboard.cards.value
    )
    small = load("skm").head(50)
    dashboard.load(small, "sebagian.csv")
    assert "Sampel kurang" in dashboard.cards.value


def test_saved_plan_is_shown_with_progress(dashboard):
    """Is a saved follow-up plan shown with how many actions are finished?"""
    plan = skm.draft_plan(skm.ikm(load("skm")), jumlah=2, tenggat="2025-03-31")
    plan.loc[0, "status"] = "selesai"
    skm.save_plan(plan, settings=dashboard.settings)
    dashboard.load(load("skm"), "skm.csv")
    assert "1 dari 2 tindakan selesai" in dashboard.plan_table.value


def test_office_completes_the_drafted_plan_in_the_dashboard(dashboard):
    """Can the office fill in the draft, see a missing problem named, and save it to state?"""
    import datetime as dt

    editor = dashboard.plan_editor
    drafted = skm.draft_plan(skm.ikm(load("skm")))
    assert [r["unsur"].value for r in editor.rows] == drafted["unsur"].tolist()
    assert not skm_plan.plan_path(settings=dashboard.settings).exists()  # nothing saved by opening
    editor.rows[0]["tindakan"].value = "Tambah satu loket pada Senin pagi"
    editor.rows[0]["penanggung_jawab"].value = "Kasi Pelayanan"
    editor.rows[0]["tenggat"].value = dt.date(2020, 1, 31)
    editor.rows[0]["status"].value = "berjalan"
    editor.remove_row(editor.rows[2])
    editor.reload()  # nothing saved yet: back to the untouched draft
    assert [r["unsur"].value for r in editor.rows] == drafted["unsur"].tolist()
    assert editor.rows[0]["tindakan"].value == "" and not editor.dirty
    editor.rows[0]["tindakan"].value = "Tambah satu loket pada Senin pagi"
    editor.rows[0]["penanggung_jawab"].value = "Kasi Pelayanan"
    editor.rows[0]["tenggat"].value = dt.date(2020, 1, 31)
    editor.rows[0]["status"].value = "berjalan"
    editor.remove_row(editor.rows[2])
    editor.add_row("U7")
    assert "belum disimpan" in editor.message.value
    assert not editor.save()
    assert "Tindakan ke-3, kolom masalah: masalah belum diisi" in editor.message.value
    assert not skm_plan.plan_path(settings=dashboard.settings).exists()
    editor.rows[2]["masalah"].value = "Petugas loket 2 dikeluhkan ketus"
    assert editor.save(), editor.message.value
    saved = skm.load_plan(settings=dashboard.settings)
    assert saved["unsur"].tolist() == [*drafted["unsur"][:2], "U7"]
    assert saved.loc[0, "tindakan"] == "Tambah satu loket pada Senin pagi"
    assert saved.loc[0, "status"] == "berjalan"
    assert saved.loc[0, "tenggat"] == pd.Timestamp("2020-01-31")
    assert "0 dari 3 tindakan selesai" in dashboard.plan_table.value
    assert "1 terlambat" in dashboard.plan_table.value  # 31 January 2020 has passed
    assert "Rencana tersimpan" in editor.message.value and "WIB" in editor.message.value


def test_editor_keeps_unsaved_work_and_refuses_to_overwrite_a_colleague(dashboard):
    """Does a new upload leave half-typed edits alone, and a stale save overwrite nothing?"""
    editor = dashboard.plan_editor
    assert editor.save()
    editor.rows[0]["status"].value = "selesai"
    dashboard._on_upload(
        {"new": ({"name": "kantor.csv", "content": memoryview(perfect_csv().encode())},)}
    )
    assert editor.rows[0]["status"].value == "selesai"  # not replaced by a new draft
    colleague = skm.load_plan(settings=dashboard.settings).assign(tindakan="dari rekan")
    skm.save_plan(colleague, settings=dashboard.settings)
    assert not editor.save()
    assert "orang lain" in editor.message.value
    assert (skm.load_plan(settings=dashboard.settings)["tindakan"] == "dari rekan").all()
    editor.reload()
    assert [r["tindakan"].value for r in editor.rows] == ["dari rekan"] * len(editor.rows)
    assert not editor.dirty


def test_trend_says_how_many_undated_answers_it_leaves_out(tmp_path):
    """Does the trend section say that answers without a date are not in the chart?"""
    data = load("skm")
    data["tanggal"] = data["tanggal"].where(data.index % 10 != 0)
    board = SkmDashboard(data, source="skm.csv", settings=load_settings(home=tmp_path))
    assert "40 jawaban tanpa tanggal tidak ada di grafik ini" in board.trend_note.value
    assert "40 dari 400 jawaban tidak bertanggal" in board.cards.value


def test_trend_note_shows_the_library_verdict_for_each_change(tmp_path):
    """Does the page call a real jump 'nyata' and noise not, exactly as skm.trend says?"""
    data = load("skm")
    dates = pd.Series(["2025-02-10", "2025-05-10", "2025-08-10"] * 134)[: len(data)]
    data["tanggal"] = pd.to_datetime(dates.to_numpy()).tz_localize("Asia/Jakarta")
    later = data["tanggal"] >= pd.Timestamp("2025-04-01", tz="Asia/Jakarta")
    data.loc[later, U] = 4  # a clear rise after the first quarter, then no change
    board = SkmDashboard(data, source="skm.csv", settings=load_settings(home=tmp_path))
    trend = skm.trend(data, seed=board.seed)
    assert trend["kesimpulan"].tolist()[1:] == ["nyata", "belum bisa dibedakan dari kebetulan"]
    assert "2025 T2: +" in board.trend_note.value and "poin (nyata)" in board.trend_note.value
    assert "2025 T3: 0,00 poin (belum bisa dibedakan dari kebetulan)" in board.trend_note.value


def test_upload_with_a_title_row_is_read(dashboard):
    """Is an office export with a title line above the header accepted by the upload?"""
    content = ("REKAP SKM KECAMATAN 2025\n\n" + perfect_csv()).encode("utf-8-sig")
    dashboard._on_upload({"new": ({"name": "rekap.csv", "content": memoryview(content)},)})
    assert "rekap.csv" in dashboard.source_label.value and "100,00" in dashboard.cards.value


# ---------------------------------------------------------------- the page in a browser


def upload(page, path) -> None:
    """Choose ``path`` with the page's upload button, as a user does.

    ipywidgets 8 keeps the FileUpload's ``input[type=file]`` out of the document and clicks it
    from the button, so the file goes in through the browser's file chooser, which Playwright
    fills with ``set_input_files`` on that input.
    """
    with page.expect_file_chooser() as chooser:
        page.locator(".widget-upload").click()
    chooser.value.set_files(str(path))


def open_dashboard(page, server) -> None:
    page.goto(f"{server.url}voila/render/{DASHBOARD}?token={server.token}")
    page.get_by_text("Nilai IKM", exact=True).wait_for(state="visible", timeout=120_000)


@pytest.mark.slow
@pytest.mark.browser
def test_dashboard_renders_in_voila(dashboards_server, page):
    """Does the camat see the index, its quality band and the nine elements in the browser?"""
    open_dashboard(page, dashboards_server)
    result = skm.ikm(load("skm"))
    cards = page.locator(".skm-kartu-kartu")
    assert indonesian(result.nilai) in cards.inner_text()
    assert result.kinerja in cards.inner_text()
    assert page.get_by_text("Sembilan unsur pelayanan terhadap batas mutu").is_visible()
    assert page.locator("img").count() >= 2
    assert "skm_dashboard(" not in page.content()  # Voilà hides the code


@pytest.mark.slow
@pytest.mark.browser
def test_dashboard_accepts_an_upload(dashboards_server, page, tmp_path):
    """Does uploading the office's own CSV through the page replace the shown index?"""
    open_dashboard(page, dashboards_server)
    path = tmp_path / "survei-kantor.csv"
    path.write_text(perfect_csv(), encoding="utf-8-sig")
    upload(page, path)
    page.get_by_text("survei-kantor.csv").wait_for(state="visible")
    page.locator(".skm-kartu-kartu", has_text="100,00").wait_for(state="visible")
    assert "Sangat Baik" in page.locator(".skm-kartu-kartu").inner_text()


@pytest.mark.slow
@pytest.mark.browser
def test_dashboard_shows_validation_errors_for_a_bad_file(dashboards_server, page, tmp_path):
    """Does a file with a score of 7 and a word in a score column show both rows in the page?"""
    open_dashboard(page, dashboards_server)
    before = page.locator(".skm-kartu-kartu").inner_text()
    path = tmp_path / "salah.csv"
    path.write_text(bad_csv(), encoding="utf-8")
    upload(page, path)
    error = page.locator(".skm-galat")
    error.wait_for(state="visible")
    text = error.inner_text()
    assert "salah.csv" in text and "nilai di luar rentang" in text
    assert "bukan bilangan bulat" in text and "None" not in text
    rows = error.locator("tbody tr")
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())] == [
        "3",
        "4",
    ]
    assert page.locator(".skm-kartu-kartu").inner_text() == before


@pytest.fixture
def served_plan(dashboards_server):
    """The shared server's saved plan, removed before and after a test that saves one, so
    no browser test depends on another or on the order they run in."""
    path = skm_plan.plan_path(settings=load_settings(home=dashboards_server.root))
    path.unlink(missing_ok=True)
    yield path
    path.unlink(missing_ok=True)


@pytest.mark.slow
@pytest.mark.browser
def test_office_updates_the_plan_in_the_page(dashboards_server, served_plan, page):
    """Can a clerk fill in an action, set its status, save, and find it in the state folder?"""
    open_dashboard(page, dashboards_server)
    page.get_by_text("Perbarui rencana tindak lanjut (petugas)").click()
    first = page.locator(".skm-rtl-baris").first
    first.wait_for(state="visible")
    first.locator("textarea").nth(1).fill("Tambah satu loket pada Senin pagi")
    first.locator("input[type=text]").fill("Kasi Pelayanan")
    first.locator("select").nth(1).select_option("berjalan")
    page.get_by_text("Ada perubahan yang belum disimpan.").wait_for(state="visible")
    page.get_by_role("button", name="Simpan rencana").click()
    page.locator(".skm-tersimpan").wait_for(state="visible")
    page.get_by_text("0 dari 3 tindakan selesai").wait_for(state="visible")
    settings = load_settings(home=dashboards_server.root)
    saved = skm.load_plan(settings=settings)
    assert saved.loc[0, "tindakan"] == "Tambah satu loket pada Senin pagi"
    assert saved.loc[0, "penanggung_jawab"] == "Kasi Pelayanan"
    assert saved.loc[0, "status"] == "berjalan"
    assert served_plan.exists()


def test_excel_button_offers_a_report_that_opens(dashboard, tmp_path):
    """Does "Siapkan laporan Excel" offer a download that is the standard report?"""
    import base64
    import re

    import openpyxl

    dashboard._prepare_excel()
    link = dashboard.excel_link.value
    assert "download='laporan-skm.xlsx'" in link
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)'", link).group(1))
    path = tmp_path / "unduhan.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    assert "Rencana Tindak Lanjut" in book.sheetnames
