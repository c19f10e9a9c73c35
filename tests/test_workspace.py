"""The learner's workspace: filled from the course, updated without losing the learner's work."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from workbench import workspace
from workbench.cli import main
from workbench.config import load_settings
from workbench.errors import WorkbenchError


def notebook(path: Path, *sources: str, outputs: bool = False) -> Path:
    """Write a small notebook with one code cell per source."""
    nb = nbformat.v4.new_notebook()
    for i, src in enumerate(sources):
        cell = nbformat.v4.new_code_cell(src)
        if outputs:
            cell.execution_count = i + 1
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hasil\n")]
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def sources(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells]


@pytest.fixture
def course(tmp_path):
    """A course folder with two modules and a data file, and an empty workspace beside it."""
    src = tmp_path / "notebooks"
    notebook(src / "01-satu.ipynb", "x = ____")
    notebook(src / "02-dua.ipynb", "y = ____")
    (src / "data").mkdir()
    (src / "data" / "layanan.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (src / ".ipynb_checkpoints").mkdir()
    (src / ".ipynb_checkpoints" / "01-satu-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    return src, tmp_path / "var" / "ruang-kerja"


def run_sync(course):
    src, ws = course
    return workspace.sync(source=src, workspace=ws)


def test_first_start_copies_the_course(course):
    """Does the first start fill an empty workspace with every course file (not checkpoints),
    and does a second start with no course change do nothing?"""
    src, ws = course
    report = run_sync(course)
    assert sorted(report.added) == ["01-satu.ipynb", "02-dua.ipynb", "data/layanan.csv"]
    assert sources(ws / "01-satu.ipynb") == sources(src / "01-satu.ipynb")
    assert (ws / "data" / "layanan.csv").read_bytes() == (src / "data" / "layanan.csv").read_bytes()
    assert not (ws / ".ipynb_checkpoints").exists()
    manifest = json.loads((ws / workspace.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert set(manifest["berkas"]) == {"01-satu.ipynb", "02-dua.ipynb", "data/layanan.csv"}
    again = run_sync(course)
    assert not again.changed
    assert "sudah sesuai" in again.summary()


def test_course_update_reaches_a_used_workspace(course):
    """After a course update with a new module and two changed modules, does the learner get
    the new module, the update of the module they never touched, and, for the module they
    edited, both their version (intact) and the new one beside it?"""
    src, ws = course
    run_sync(course)
    notebook(ws / "01-satu.ipynb", 'x = "jawaban saya"')  # the learner answers module 01
    notebook(src / "01-satu.ipynb", "x = ____", "# soal tambahan")
    notebook(src / "02-dua.ipynb", "y = ____", "# penjelasan baru")
    notebook(src / "03-tiga.ipynb", "z = ____")

    report = run_sync(course)

    assert report.added == ["03-tiga.ipynb"]
    assert report.updated == ["02-dua.ipynb"]
    assert report.offered == ["01-satu--versi-baru.ipynb"]
    assert sources(ws / "01-satu.ipynb") == ['x = "jawaban saya"']
    assert sources(ws / "01-satu--versi-baru.ipynb") == ["x = ____", "# soal tambahan"]
    assert sources(ws / "02-dua.ipynb") == ["y = ____", "# penjelasan baru"]
    assert (ws / "03-tiga.ipynb").is_file()
    assert "01-satu--versi-baru.ipynb" in report.summary()
    # Offered once: the next start leaves both files alone and says nothing new.
    assert not run_sync(course).changed
    assert sources(ws / "01-satu.ipynb") == ['x = "jawaban saya"']


def test_running_a_module_is_not_touching_it(course):
    """Is a module the learner only ran (outputs, execution counts) still updated by the course,
    while a data file they changed is kept?"""
    src, ws = course
    run_sync(course)
    notebook(ws / "02-dua.ipynb", "y = ____", outputs=True)
    (ws / "data" / "layanan.csv").write_text("a;b\n1;3\n", encoding="utf-8")
    notebook(src / "02-dua.ipynb", "y = ____", "# baru")
    (src / "data" / "layanan.csv").write_text("a;b\n1;2\n5;6\n", encoding="utf-8")
    report = run_sync(course)
    assert report.updated == ["02-dua.ipynb"]
    assert report.offered == ["data/layanan--versi-baru.csv"]
    assert (ws / "data" / "layanan.csv").read_text(encoding="utf-8") == "a;b\n1;3\n"


def test_deleted_module_comes_back_and_own_file_is_never_overwritten(course):
    """Does a module the learner deleted come back (as nbgitpuller restores it), and does a
    learner's own file that has the name of a new course module stay, the course one beside it?"""
    src, ws = course
    run_sync(course)
    (ws / "02-dua.ipynb").unlink()
    notebook(ws / "03-tiga.ipynb", "catatan saya")
    notebook(src / "03-tiga.ipynb", "z = ____")
    report = run_sync(course)
    assert report.restored == ["02-dua.ipynb"]
    assert report.offered == ["03-tiga--versi-baru.ipynb"]
    assert sources(ws / "03-tiga.ipynb") == ["catatan saya"]


def test_renamed_course_map_leaves_no_stale_copy_when_untouched(course):
    """When the course renames a file (index.ipynb became 00-beranda.ipynb), does a workspace
    where the learner never touched the old one get the new name only, as nbgitpuller's merge
    would, with the old file and its manifest entry gone and a data folder the course dropped
    removed too?"""
    src, ws = course
    notebook(src / "index.ipynb", "# Peta kursus")
    run_sync(course)
    notebook(ws / "index.ipynb", "# Peta kursus", outputs=True)  # opened and run: not touched
    (src / "index.ipynb").rename(src / "00-beranda.ipynb")
    (src / "data" / "layanan.csv").unlink()
    (src / "data").rmdir()
    report = run_sync(course)
    assert report.added == ["00-beranda.ipynb"]
    assert report.removed == ["data/layanan.csv", "index.ipynb"]
    assert not (ws / "index.ipynb").exists() and not (ws / "data").exists()
    assert (ws / "00-beranda.ipynb").is_file()
    manifest = json.loads((ws / workspace.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert "index.ipynb" not in manifest["berkas"]
    assert "index.ipynb" in report.summary()
    assert not run_sync(course).changed


def test_renamed_course_file_the_learner_changed_stays(course):
    """If the learner did change the file the course removed, does it stay as their own, also
    at later starts, while the new name arrives beside it and an offered copy is never deleted?"""
    src, ws = course
    notebook(src / "index.ipynb", "# Peta kursus")
    run_sync(course)
    notebook(ws / "index.ipynb", "# Peta kursus", "catatan saya")
    notebook(ws / "01-satu.ipynb", "x = 1")
    notebook(src / "01-satu.ipynb", "x = ____", "# baru")  # offers 01-satu--versi-baru.ipynb
    (src / "index.ipynb").rename(src / "00-beranda.ipynb")
    report = run_sync(course)
    assert report.left == ["index.ipynb"] and report.removed == []
    assert sources(ws / "index.ipynb") == ["# Peta kursus", "catatan saya"]
    assert "index.ipynb: tidak ada lagi di kursus" in report.summary()
    assert (ws / "00-beranda.ipynb").is_file()
    assert (ws / "01-satu--versi-baru.ipynb").is_file()
    again = run_sync(course)
    assert again.removed == [] and again.left == []
    assert (ws / "index.ipynb").is_file() and (ws / "01-satu--versi-baru.ipynb").is_file()


def test_edited_offer_is_not_overwritten_by_a_later_update(course):
    """If the learner also edits the offered new version, does a later course update go to a
    new, dated file instead of overwriting it?"""
    src, ws = course
    run_sync(course)
    notebook(ws / "01-satu.ipynb", "punya saya")
    notebook(src / "01-satu.ipynb", "versi 2")
    run_sync(course)
    notebook(ws / "01-satu--versi-baru.ipynb", "versi 2 yang saya ubah")
    notebook(src / "01-satu.ipynb", "versi 3")
    report = run_sync(course)
    assert len(report.offered) == 1 and report.offered[0].startswith("01-satu--versi-baru-")
    assert sources(ws / "01-satu--versi-baru.ipynb") == ["versi 2 yang saya ubah"]
    assert sources(ws / report.offered[0]) == ["versi 3"]
    assert sources(ws / "01-satu.ipynb") == ["punya saya"]


def test_reset_keeps_a_backup(course):
    """Does resetting a module by its number give back the course version and keep the
    learner's copy in cadangan/?"""
    src, ws = course
    run_sync(course)
    notebook(ws / "02-dua.ipynb", "y = 41 + 1")
    path, backup = workspace.reset("02", source=src, workspace=ws)
    assert path == ws / "02-dua.ipynb"
    assert sources(path) == ["y = ____"]
    assert backup.parent == ws / "cadangan" and backup.name.startswith("02-dua-")
    assert sources(backup) == ["y = 41 + 1"]
    assert dict(workspace.status(source=src, workspace=ws))["02-dua.ipynb"] == "sama dengan kursus"
    # An untouched module needs no backup.
    assert workspace.reset("01-satu.ipynb", source=src, workspace=ws)[1] is None


def test_reset_by_number_picks_the_module_not_the_course_map(course):
    """Does `workbench workspace reset 00` mean module 00, although the course map
    00-beranda.ipynb starts with the same number?"""
    src, ws = course
    notebook(src / "00-beranda.ipynb", "# Peta kursus")
    notebook(src / "00-mulai.ipynb", "a = ____")
    run_sync(course)
    assert workspace.reset("00", source=src, workspace=ws)[0] == ws / "00-mulai.ipynb"
    assert workspace.reset("00-beranda", source=src, workspace=ws)[0] == ws / "00-beranda.ipynb"


def test_reset_unknown_module_says_which_exist(course):
    """Does resetting a module that does not exist name the modules that do?"""
    src, ws = course
    run_sync(course)
    with pytest.raises(WorkbenchError, match="01-satu, 02-dua"):
        workspace.reset("09", source=src, workspace=ws)
    notebook(src / "02-dua-lanjutan.ipynb", "")
    with pytest.raises(WorkbenchError, match="beberapa modul"):
        workspace.reset("02-d", source=src, workspace=ws)


def test_status_names_each_state(course):
    """Does status tell apart untouched, changed by the learner, new version waiting, missing?"""
    src, ws = course
    run_sync(course)
    notebook(ws / "01-satu.ipynb", "punya saya")
    notebook(src / "02-dua.ipynb", "baru")
    (ws / "data" / "layanan.csv").unlink()
    states = dict(workspace.status(source=src, workspace=ws))
    assert states == {
        "01-satu.ipynb": "diubah peserta",
        "02-dua.ipynb": "versi baru tersedia",
        "data/layanan.csv": "belum ada",
    }


def test_workspace_inside_the_course_is_refused(course):
    """Is a workspace inside the tracked course folder refused with an explanation?"""
    src, _ = course
    with pytest.raises(WorkbenchError, match="tidak boleh"):
        workspace.sync(source=src, workspace=src / "ruang")


def test_damaged_manifest_is_repaired_without_losing_work(course):
    """Is a manifest that is not JSON kept aside and rebuilt, with the learner's changed module
    untouched (the course's version offered beside it) and an Indonesian note?"""
    _, ws = course
    run_sync(course)
    notebook(ws / "01-satu.ipynb", 'x = "jawaban saya"')
    (ws / workspace.MANIFEST_NAME).write_text("{rusak", encoding="utf-8")
    report = run_sync(course)
    assert sources(ws / "01-satu.ipynb") == ['x = "jawaban saya"']
    assert "01-satu--versi-baru.ipynb" in report.offered
    assert any("rusak; disimpan sebagai .kursus.json.rusak-" in n for n in report.repaired)
    assert len(list(ws.glob(".kursus.json.rusak-*"))) == 1
    assert "rusak" in report.summary()
    assert not run_sync(course).changed  # repaired for good


@pytest.mark.parametrize(
    "entry", ["abc", 5, None, ["kursus"], {"kursus": 7}, {"kursus": "x", "ditawarkan": 1}]
)
def test_manifest_entry_of_the_wrong_type_is_dropped_not_a_traceback(course, entry):
    """Does an entry of the wrong type (a text, a number, a list) no longer stop the start with
    a TypeError or KeyError, the file counting as the learner's own?"""
    _, ws = course
    run_sync(course)
    notebook(ws / "01-satu.ipynb", 'x = "jawaban saya"')
    path = ws / workspace.MANIFEST_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["berkas"]["01-satu.ipynb"] = entry
    path.write_text(json.dumps(data), encoding="utf-8")
    report = run_sync(course)
    assert sources(ws / "01-satu.ipynb") == ['x = "jawaban saya"']
    assert any("entri rusak untuk 01-satu.ipynb" in n for n in report.repaired)
    assert workspace.status(source=course[0], workspace=ws)  # status reads it too


def test_folder_named_like_a_module_is_left_and_the_module_offered_beside(course):
    """Does a folder called ``01-satu.ipynb`` (an accident in the file browser) stop nothing:
    the folder and its content stay, the course module is put beside it, and the learner is
    told?"""
    src, ws = course
    run_sync(course)
    (ws / "01-satu.ipynb").unlink()
    (ws / "01-satu.ipynb").mkdir()
    (ws / "01-satu.ipynb" / "catatan.txt").write_text("milik saya", encoding="utf-8")
    report = run_sync(course)
    assert (ws / "01-satu.ipynb" / "catatan.txt").read_text(encoding="utf-8") == "milik saya"
    assert sources(ws / "01-satu--versi-baru.ipynb") == sources(src / "01-satu.ipynb")
    assert any("ada folder dengan nama itu" in n for n in report.blocked)
    states = dict(workspace.status(source=src, workspace=ws))
    assert states["01-satu.ipynb"].startswith("terhalang")
    assert "Ruang kerja" in run_sync(course).summary()  # a second start is calm too


def test_file_where_the_course_needs_a_folder_is_explained(course):
    """Is a learner's file named ``data`` (where the course has a data folder) kept, and the
    course files that need the folder named with what to do?"""
    _, ws = course
    run_sync(course)
    shutil.rmtree(ws / "data")
    (ws / "data").write_text("berkas saya", encoding="utf-8")
    report = run_sync(course)
    assert (ws / "data").read_text(encoding="utf-8") == "berkas saya"
    assert any(n.startswith("data/layanan.csv: tidak bisa ditaruh") for n in report.blocked)
    assert "Ganti nama berkas itu" in report.summary()


def test_leftovers_of_an_interrupted_write_are_cleaned_but_not_a_write_under_way(course):
    """Are hidden temporary files of a killed sync removed, while a fresh one (a write in
    progress) and the learner's own hidden files stay?"""
    _, ws = course
    run_sync(course)
    old = ws / ".01-satu--versi-baru.ipynb.1a2b3c4d.ipynb"
    fresh = ws / ".02-dua.ipynb.0f0f0f0f.ipynb"
    own = ws / ".catatan.rahasia.txt"
    for path in (old, fresh, own):
        path.write_text("{}", encoding="utf-8")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    report = run_sync(course)
    assert report.cleaned == [old.name]
    assert not old.exists() and fresh.exists() and own.exists()
    assert "dibersihkan" in report.summary()


def test_dashboards_do_not_reach_the_learner(course):
    """Are the facilitator's and camat's dashboards left out of the workspace, and removed
    from a workspace an older version filled, unless the learner changed them?"""
    src, ws = course
    notebook(src / "dashboards" / "01-dasbor-skm.ipynb", "dasbor()")
    notebook(src / "dashboards" / "03-lokakarya-fasilitator.ipynb", "fasilitator()")
    report = run_sync(course)
    assert not (ws / "dashboards").exists()
    assert not [n for n in report.added if n.startswith("dashboards/")]
    # an older workspace that has them, one changed by the learner
    shutil.copytree(src / "dashboards", ws / "dashboards")
    path = ws / workspace.MANIFEST_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    for name in ("01-dasbor-skm.ipynb", "03-lokakarya-fasilitator.ipynb"):
        data["berkas"][f"dashboards/{name}"] = {
            "kursus": workspace.content_hash(src / "dashboards" / name)
        }
    path.write_text(json.dumps(data), encoding="utf-8")
    notebook(ws / "dashboards" / "01-dasbor-skm.ipynb", "dasbor()  # catatan saya")
    report = run_sync(course)
    assert report.removed == ["dashboards/03-lokakarya-fasilitator.ipynb"]
    assert report.left == ["dashboards/01-dasbor-skm.ipynb"]


def test_output_path_is_in_the_workspace_file_browser(tmp_path, monkeypatch):
    """Do modules' files land in the workspace's hasil/ folder (which the learner's file
    browser shows), and is a name with folders or .. refused?"""
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    settings = load_settings(home=tmp_path)
    path = workspace.output_path("laporan-skm.xlsx", settings=settings)
    assert path == settings.workspace_dir / "hasil" / "laporan-skm.xlsx"
    assert path.parent.is_dir()
    for bad in ("../rahasia.csv", "/tmp/x.csv"):
        with pytest.raises(WorkbenchError, match="nama biasa"):
            workspace.output_path(bad, settings=settings)


def test_backup_holds_the_learners_work_and_progress_only(tmp_path, monkeypatch):
    """Does a backup zip hold every file the learner changed or made and their progress, but
    not the untouched course copies or earlier backups, with paths that unzip back into the
    workspace?"""
    import zipfile

    from workbench.practice import Outcome, ProgressStore

    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    settings = load_settings(home=tmp_path)
    src = tmp_path / "notebooks"
    notebook(src / "01-satu.ipynb", "x = ____")
    notebook(src / "02-dua.ipynb", "y = ____")
    workspace.sync(settings=settings)
    ws = settings.workspace_dir
    notebook(ws / "01-satu.ipynb", 'x = "jawaban saya"')
    (ws / "hasil").mkdir()
    (ws / "hasil" / "laporan.xlsx").write_bytes(b"excel")
    ProgressStore("Sari Dewi", settings=settings).record("01-satu", "q1", "check", Outcome.CORRECT)
    first = workspace.backup(settings=settings, learner="Sari Dewi")
    second = workspace.backup(settings=settings, learner="Sari Dewi")
    names = set(zipfile.ZipFile(second.path).namelist())
    assert names == {"01-satu.ipynb", "hasil/laporan.xlsx", "progres-latihan/Sari_Dewi.json"}
    assert first.path.parent == ws / "cadangan" and first.path.name.startswith("pekerjaan-Sari")
    assert "cadangan/pekerjaan-" in str(second) and "Unduh" in str(second)
    elsewhere = workspace.backup(settings=settings, to=tmp_path / "flashdisk")
    assert elsewhere.path.parent == tmp_path / "flashdisk" and "Unduh" not in str(elsewhere)


def test_workspace_setting_defaults_and_hub(tmp_path, monkeypatch):
    """Is the workspace in the state folder by default, in the user's home on JupyterHub, and
    configurable in workbench.toml?"""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    assert load_settings(home=tmp_path).workspace_dir == tmp_path / "var" / "ruang-kerja"
    monkeypatch.setenv("JUPYTERHUB_USER", "sari")
    monkeypatch.setenv("HOME", str(tmp_path / "rumah-sari"))
    assert load_settings(home=tmp_path).workspace_dir == tmp_path / "rumah-sari" / "ruang-kerja"
    config = tmp_path / "workbench.toml"
    config.write_text('[paths]\nworkspace = "kerja"\n', encoding="utf-8")
    assert load_settings(config, home=tmp_path).workspace_dir == tmp_path / "kerja"


def test_cli_sync_status_reset(tmp_path, monkeypatch, capsys):
    """Do `workbench workspace sync`, `status` and `reset 01` work on the configured workspace?"""
    from workbench import config

    home = tmp_path / "rumah"
    notebook(home / "notebooks" / "01-satu.ipynb", "x = ____")
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    config.get_settings.cache_clear()
    try:
        assert main(["workspace", "sync"]) == 0
        assert "baru: 01-satu.ipynb" in capsys.readouterr().out
        ws = home / "var" / "ruang-kerja"
        notebook(ws / "01-satu.ipynb", "x = 1")
        assert main(["workspace", "status"]) == 0
        assert "diubah peserta" in capsys.readouterr().out
        assert main(["workspace", "reset", "01"]) == 0
        out = capsys.readouterr().out
        assert "cadangan" in out and "kembali ke versi kursus" in out
        assert sources(ws / "01-satu.ipynb") == ["x = ____"]
    finally:
        config.get_settings.cache_clear()


def test_copied_module_does_not_show_modified_on_open(course):
    """Does a module in the workspace carry the kernel's full language_info, so JupyterLab has
    nothing to fill in when the kernel starts (which marked every module "modified" at once),
    while its cells stay the course's?"""
    from ipykernel.ipkernel import IPythonKernel

    src, ws = course
    run_sync(course)
    copied = nbformat.read(ws / "01-satu.ipynb", as_version=4)
    assert copied.metadata["language_info"] == IPythonKernel.language_info
    assert "version" not in nbformat.read(src / "01-satu.ipynb", as_version=4).metadata.get(
        "language_info", {}
    )
    assert workspace.content_hash(ws / "01-satu.ipynb") == workspace.content_hash(
        src / "01-satu.ipynb"
    )
    assert not run_sync(course).changed


def test_fetched_assignments_land_in_the_workspace():
    """Does the nbgrader configuration that the learner's lab finds (jupyter/, on
    JUPYTER_CONFIG_PATH) send fetched assignments to the workspace, with the course's id and
    exchange, instead of the server's working folder?"""
    from traitlets.config.loader import PyFileConfigLoader

    from tests.conftest import ROOT
    from workbench.config import get_settings

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "jupyter")).load_config()
    settings = get_settings()
    assert config.Exchange.assignment_dir == str(settings.workspace_dir)
    assert config.Exchange.root == str(settings.state_dir / "exchange")
    assert config.CourseDirectory.course_id
    from workbench.launch import server_environment

    paths = server_environment()["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert str(settings.home / "jupyter") in paths


def test_cli_backup(tmp_path, monkeypatch, capsys):
    """Does ``workbench workspace backup`` write the zip and say where, in Indonesian?"""
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    from workbench.config import get_settings

    get_settings.cache_clear()
    try:
        notebook(tmp_path / "notebooks" / "01-satu.ipynb", "x = ____")
        assert main(["workspace", "sync"]) == 0
        assert main(["workspace", "backup", "--ke", str(tmp_path / "usb")]) == 0
        out = capsys.readouterr().out
        assert "Cadangan dibuat:" in out and str(tmp_path / "usb") in out
        assert len(list((tmp_path / "usb").glob("pekerjaan-*.zip"))) == 1
    finally:
        get_settings.cache_clear()


def test_shown_path_is_relative_to_the_workspace(tmp_path, monkeypatch):
    """Is a file in the workspace shown as the file browser shows it, anything else in full?"""
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    settings = load_settings(home=tmp_path)
    inside = workspace.output_path("grafik.png", settings=settings)
    assert workspace.shown(inside, settings=settings) == "hasil/grafik.png"
    assert workspace.shown(tmp_path / "lain.txt", settings=settings) == str(tmp_path / "lain.txt")
