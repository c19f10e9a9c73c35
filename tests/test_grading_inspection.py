"""The static check of submissions: what deserves a trainer's look, and what does not."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT
from workbench.grading.inspection import CourseNames, course_imports, inspect_code

COURSE = CourseNames(modules=("pandas",), aliases=frozenset({"pd"}), bound=frozenset({"data"}))


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("get_ipython().input_transformers_cleanup.append(f)", "pengubah kode sel"),
        ("ip = get_ipython()\nip.ast_transformers.append(T())", "pengubah kode sel"),
        ("get_ipython().events.register('pre_run_cell', print)", "event"),
        ("import sys\nsys.settrace(f)", "trace"),
        ("import sys\nsys.modules['pandas'] = palsu", "daftar modul"),
        ("isinstance = lambda *a: True", "menimpa fungsi bawaan"),
        ("def abs(x):\n    return 0", "menimpa fungsi bawaan"),
        ("pd.testing.assert_frame_equal = lambda *a, **k: None", "modul atau fungsi pustaka"),
        ("data.load = lambda nama: None", "modul atau fungsi pustaka"),
        ("setattr(pd, 'isna', f)", "modul atau fungsi pustaka"),
        ("pd = Palsu()", "nama modul yang disiapkan kursus"),
        ("class A:\n    def __eq__(self, o):\n        return True", "perbandingan"),
        ("class A:\n    __float__ = lambda self: 1.0", "perbandingan"),
        ("f.__code__ = g.__code__", "membongkar"),
        ("import gc\ngc.get_objects()", "membongkar"),
        ("import ctypes", "membongkar"),
        ("print(In[-1])", "riwayat sel"),
        ("print(_ih)", "riwayat sel"),
        ("exec(kode)", "disusun saat berjalan"),
        ("getattr(obj, nama)", "nama atribut yang dihitung"),
        ("import os\nos.fork()", "proses"),
        ("import os, signal\nos.kill(1, signal.SIGKILL)", "proses"),
        ("import subprocess", "proses"),
        ("import threading", "proses"),
        ("import asyncio", "proses"),
        ("!ls /", "perintah IPython atau shell"),
        ("%%bash\nls", "perintah IPython atau shell"),
        ("%load_ext rahasia", "perintah IPython atau shell"),
        ("open('/etc/passwd').read()", "di luar folder tugas"),
        ("pd.read_csv('../../kunci.csv')", "di luar folder tugas"),
        ("import os\nos.chdir('..')", "berkas atau folder"),
        ("import shutil\nshutil.rmtree('data')", "berkas atau folder"),
        ("import socket", "jaringan"),
        ("import sys\nsys.stdout = None", "aliran keluaran"),
    ],
)
def test_code_that_reaches_for_the_grader_is_flagged(code, reason):
    """Is each kind of code that reaches for the grader, patches what tests use, controls
    processes or leaves the assignment's folder reported with its reason and line?"""
    found = inspect_code(code, COURSE)
    assert any(reason in why for _, why in found), found
    assert all(line >= 1 for line, _ in found)


@pytest.mark.parametrize(
    "code",
    [
        "%matplotlib inline\n%time x = 1",
        "df = df.rename(columns={'a': 'b'})",
        "nilai = [3, 1]\nnilai.remove(1)",
        "sum = layanan['tunggu'].sum()",
        "pd.options.display.max_rows = 20",
        "print(len(df), df.__len__())",
        "tanggal = '05/02/2025'",
        "url = 'https://example.go.id/data.csv'",
        "from workbench import data\nlayanan = data.load('layanan')",
        "def rata(x):\n    return sum(x) / len(x)",
        "class Catatan:\n    def __init__(self, isi):\n        self.isi = isi",
        "x = (",  # a syntax error fails when it runs; nothing to report
    ],
)
def test_ordinary_learner_code_is_not_flagged(code):
    """Does ordinary learner code (magics that only show or time, pandas' rename, a list's
    remove, a variable called sum, display options, a date, a URL, a helper class) go
    unreported?"""
    assert inspect_code(code, COURSE) == []


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("tugas-*/*.ipynb")))
def test_the_courses_own_solutions_are_not_flagged(path):
    """Does no solution of our course trigger the check (a trainer would learn to ignore it)?"""
    course = course_imports([path])
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if cell["cell_type"] == "code" and not meta.get("locked"):
            assert inspect_code("".join(cell["source"]), course) == [], meta.get("grade_id")


def test_the_course_cells_imports_are_known_with_their_submodules():
    """Does the kernel learn every module the course's cells import, including a module
    imported by name from its package (``from workbench import skm as _skm_lib``)?"""
    course = course_imports([ROOT / "exercises" / "tugas-12-skm" / "tugas-12-skm.ipynb"])
    assert {"pandas", "workbench.data", "workbench.skm"} <= set(course.modules)
    assert course.aliases == {"pd"} and {"data", "_skm_lib"} <= course.bound
