"""The competency dashboard: its widget tree directly, and the real page in Voilà with a browser."""

from __future__ import annotations

import base64
import re

import openpyxl
import pytest

from workbench import course
from workbench.config import load_settings
from workbench.widgets.competency import CompetencyDashboard

DASHBOARD = "02-dasbor-kompetensi.ipynb"
UNIT = "Kelurahan Genting Kalianak"


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    settings = load_settings(home=tmp_path_factory.mktemp("kompetensi"))
    return course.overview(settings=settings), settings


@pytest.fixture
def dashboard(full):
    view, settings = full
    return CompetencyDashboard(view, settings=settings)


def _download(link: str, tmp_path):
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)'", link).group(1))
    path = tmp_path / "unduhan.xlsx"
    path.write_bytes(data)
    return openpyxl.load_workbook(path)


# ---------------------------------------------------------------- the widget tree


def test_dashboard_shows_the_library_numbers(dashboard, full):
    """Do the cards, priority list and heat map show what the engine computed?"""
    view, _ = full
    assert f">{len(view.pegawai)}<" in dashboard.cards.value
    first = view.priorities.iloc[0]
    assert first["kompetensi"] in dashboard.priorities.value
    assert "dinaikkan karena" in dashboard.priorities.value
    assert dashboard.heatmap.value.count("<tr>") == len(view.pegawai) + 1
    assert view.pegawai["nama"].iloc[0] not in dashboard.heatmap.value  # masked by default
    dashboard.show_names.value = True
    assert view.pegawai["nama"].iloc[0] in dashboard.heatmap.value


def test_unit_filter_narrows_every_part(dashboard, full):
    """Does choosing a unit keep only its staff in the picker, heat map and JP bars?"""
    view, _ = full
    staff = view.pegawai[view.pegawai["unit"] == UNIT]
    dashboard.unit.value = UNIT
    assert len(dashboard.person.options) == len(staff)
    assert dashboard.heatmap.value.count("<tr>") == len(staff) + 1
    assert f"dari {len(staff)} pegawai" in dashboard.jp_bars.value
    assert (
        UNIT in dashboard.jp_units.value and "Kecamatan Asemrowo<" not in dashboard.jp_units.value
    )
    offered = {value for _label, value in dashboard.position.options if value}
    assert offered == set(staff["jabatan"])  # only positions of that unit
    dashboard.position.value = "Lurah"
    assert len(dashboard.person.options) == 1
    dashboard.unit.value = "Sekretariat Kecamatan"  # no lurah there: back to every position
    assert dashboard.position.value == ""
    assert len(dashboard.person.options) == 1  # the sekretaris kecamatan


def test_empty_selection_says_so(full):
    """Does a filter that leaves nobody say so instead of 'all meet the standard'?"""
    view, settings = full
    board = CompetencyDashboard(view, settings=settings)
    board.position.value = "Camat"
    board.unit.value = "Kecamatan Asemrowo"
    assert len(board.person.options) == 1
    board.full = view.subset(unit="Kelurahan Asemrowo")  # nobody is camat there
    board.refresh()
    assert board.person.options == ()
    assert "Tidak ada pegawai" in board.priorities.value


def test_person_plan_matches_the_engine(dashboard, full):
    """Does picking a person show their plan lines and match percentage?"""
    view, _ = full
    nip = view.plans["nip"].iloc[0]
    dashboard.person.value = nip
    plan = view.plans[view.plans["nip"] == nip]
    for activity in plan["kegiatan"]:
        assert activity in dashboard.person_panel.value
    assert "Kecocokan jabatan" in dashboard.person_panel.value


def test_exports_are_masked_unless_unticked(dashboard, full, tmp_path):
    """Does the plan download hide NIPs and names by default, and show them when unticked?"""
    view, _ = full
    nip, name = view.pegawai.iloc[0][["nip", "nama"]]
    dashboard._export("rencana")
    book = _download(dashboard.download.value, tmp_path)
    values = {c.value for ws in book.worksheets for r in ws.iter_rows() for c in r}
    assert nip not in values and name not in values
    dashboard.mask_exports.value = False
    dashboard._export("rencana")
    values = {c.value for ws in _download(dashboard.download.value, tmp_path).worksheets
              for r in ws.iter_rows() for c in r}  # fmt: skip
    assert nip in values and name in values
    dashboard._export("ringkasan")
    assert "prioritas" in _download(dashboard.download.value, tmp_path).sheetnames


# ---------------------------------------------------------------- the page in a browser


def open_dashboard(page, server) -> None:
    page.goto(f"{server.url}voila/render/{DASHBOARD}?token={server.token}")
    page.get_by_text("Peta kesenjangan: pegawai × kompetensi").wait_for(
        state="visible", timeout=180_000
    )


@pytest.mark.slow
@pytest.mark.browser
def test_competency_dashboard_in_voila(dashboards_server, page, tmp_path):
    """Does the page render the heat map and priorities, filter by unit, show a person's plan
    and offer an Excel download that opens?"""
    open_dashboard(page, dashboards_server)
    assert page.locator(".kmp-peta td.nilai").count() > 100
    assert page.get_by_text("dinaikkan karena SKM", exact=False).first.is_visible()
    assert "competency_dashboard(" not in page.content()  # Voilà hides the code
    selects = page.locator(".widget-dropdown select")
    rows_before = page.locator(".kmp-peta tbody tr").count()
    selects.nth(0).select_option(label=UNIT)
    page.wait_for_function(
        "n => document.querySelectorAll('.kmp-peta tbody tr').length < n", arg=rows_before
    )
    people = selects.nth(2).locator("option")
    assert people.count() == page.locator(".kmp-peta tbody tr").count()
    last = people.nth(people.count() - 1)
    assert UNIT in last.inner_text().replace("\xa0", " ")
    plan = page.locator(".kmp-rencana")
    before = plan.inner_text()
    selects.nth(2).select_option(index=people.count() - 1)
    page.wait_for_function(
        "t => document.querySelector('.kmp-rencana').innerText !== t", arg=before
    )
    assert "Kecocokan jabatan" in plan.inner_text()
    page.get_by_role("button", name="Siapkan rencana (Excel)").click()
    link = page.locator("a.kmp-unduh")
    link.wait_for(state="visible")
    with page.expect_download() as wait:
        link.click()
    saved = tmp_path / "rencana.xlsx"
    wait.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    assert {"rencana", "kesenjangan", "jp"} <= set(book.sheetnames)
    nips = [r[0].value for r in book["jp"].iter_rows(min_row=2)]
    assert nips and all(str(n).startswith("*" * 14) for n in nips)
