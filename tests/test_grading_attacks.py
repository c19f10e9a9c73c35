"""Hostile submissions through the real pipeline (real nbgrader, real gradebook, real kernels).

One test per attack class of issue 19: self-awarded marks, hidden tests leaking, the grader's
environment and files, harm to other learners. Each submission is a learner's notebook that
does the attack; each test checks what a trainer relies on: no unearned marks, no leak, no
other learner harmed, the batch completes, and the summary names the suspicious submission.
Where it shows the attack is real, the same submissions are also graded by plain nbgrader
(nbgrader's own Execute), where they do earn what they should not.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import free_port, make_course
from tests.grading_support import (
    cell_scores,
    need_sandbox,
    outputs_text,
    plain_autograde,
    released,
    solution,
    submit,
    with_answer,
    with_cell,
)
from workbench.config import get_settings

pytestmark = pytest.mark.slow

TUGAS = "tugas-12-skm"
TESTS = ("uji_nrr_ktp", "uji_ikm_ktp", "uji_unsur_terendah")  # 3 + 2 + 2 points
FULL = 7.0
UNSUR = [f"U{i}" for i in range(1, 10)]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    base = tmp_path_factory.mktemp("serangan")
    env = make_course(base)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        get_settings.cache_clear()
        need_sandbox()
        from workbench.grading import generate

        generate(TUGAS)
        yield base
    get_settings.cache_clear()


def graded(home: Path, student: str) -> Path:
    return home / "grading" / "autograded" / student / TUGAS / f"{TUGAS}.ipynb"


def auto_total(scores: dict, student: str) -> float:
    return sum(scores.get((student, t)) or 0 for t in TESTS)


# --- self-awarded marks ---------------------------------------------------------------------------
HOOKS = {
    # An input transformer that turns every test cell into `pass`.
    "kait-masukan": (
        "ip = get_ipython()\n"
        "ip.input_transformers_cleanup.append(\n"
        "    lambda lines: ['pass\\n'] if any('assert' in l for l in lines) else lines\n"
        ")\n"
    ),
    # An AST transformer that removes every assert.
    "kait-ast": (
        "import ast\n"
        "class Kosongkan(ast.NodeTransformer):\n"
        "    def visit_Assert(self, node):\n"
        "        return ast.Pass()\n"
        "get_ipython().ast_transformers.append(Kosongkan())\n"
    ),
    # An event callback that installs the emptying transformer just before each cell runs.
    "kait-event": (
        "ip = get_ipython()\n"
        "def pasang(info):\n"
        "    ip.input_transformers_post.append(\n"
        "        lambda lines: ['pass\\n'] if any('assert' in l for l in lines) else lines\n"
        "    )\n"
        "ip.events.register('pre_run_cell', pasang)\n"
    ),
    # A patched shell method that skips any cell holding an assert.
    "kait-shell": (
        "import ast\n"
        "ip = get_ipython()\n"
        "asli = ip.run_ast_nodes\n"
        "async def tanpa_uji(nodelist, *args, **kwargs):\n"
        "    if any(type(n) is ast.Assert for n in nodelist):\n"
        "        return False\n"
        "    return await asli(nodelist, *args, **kwargs)\n"
        "ip.run_ast_nodes = tanpa_uji\n"
    ),
    # An event callback that cannot be compared: its __eq__ raises (a restore that compares
    # hooks with == would fail, and a failing restore must not leave the cell to time out).
    "kait-eq": (
        "ip = get_ipython()\n"
        "def kosong(lines):\n"
        "    return ['pass\\n'] if any('assert' in l for l in lines) else lines\n"
        "class Kait:\n"
        "    __hash__ = object.__hash__\n"
        "    def __eq__(self, other):\n"
        "        raise RuntimeError('tidak bisa dibandingkan')\n"
        "    def __call__(self, *args):\n"
        "        if not any(t is kosong for t in ip.input_transformers_post):\n"
        "            ip.input_transformers_post.append(kosong)\n"
        "ip.events.register('pre_run_cell', Kait())\n"
    ),
    # The callbacks table replaced by one that cannot be read: the restore itself fails, so
    # the kernel must end at once and the work count as work that could not run.
    "kait-rusak": (
        "ip = get_ipython()\n"
        "ip.input_transformers_post.append(\n"
        "    lambda lines: ['pass\\n'] if any('assert' in l for l in lines) else lines\n"
        ")\n"
        "class Rusak(dict):\n"
        "    def items(self):\n"
        "        raise RuntimeError('tidak bisa dibaca')\n"
        "ip.events.callbacks = Rusak(ip.events.callbacks)\n"
    ),
}

# Patched builtins with answers that claim to be anything.
SEMU = (
    "import builtins\n"
    "_asli = builtins.isinstance\n"
    "builtins.isinstance = lambda obj, cls: type(obj).__name__ == 'Apa' or _asli(obj, cls)\n"
    "class Apa:\n"
    f"    index = {UNSUR!r}\n"
    "    def __eq__(self, other): return True\n"
    "    def __le__(self, other): return True\n"
    "    def __ge__(self, other): return True\n"
    "    def __sub__(self, other): return self\n"
    "    def __abs__(self): return 0\n"
    "    def __hash__(self): return 0\n"
    "    def __getitem__(self, key): return self\n"
    "    def between(self, *args): return self\n"
    "    def all(self): return True\n"
    "nrr_ktp = ikm_ktp = unsur_terendah = Apa()\n"
)
# A patched course library: the hidden test's expected value becomes the learner's wrong one.
PUSTAKA = (
    "import workbench.skm\n"
    "workbench.skm.ikm = lambda tabel: type('Hasil', (), {'nilai_tepat': 50.0})()\n"
)


def hostile_marks(home: Path) -> dict[str, dict]:
    blank = released(home, TUGAS)
    cases = {name: with_cell(blank, code, after="siapkan_data") for name, code in HOOKS.items()}
    cases["bawaan-palsu"] = with_cell(blank, SEMU, after="siapkan_data")
    library = with_answer(solution(TUGAS), "jawaban_ikm_ktp", "ikm_ktp = 50.0")
    cases["pustaka-palsu"] = with_cell(library, PUSTAKA, after="siapkan_data")
    return cases


def test_hooks_and_patches_earn_no_marks_and_are_flagged(home, tmp_path):
    """Do input and AST transformers, event callbacks, a patched shell method, patched
    builtins and a patched course library earn nothing here (while plain nbgrader gives them
    marks), with each submission named 'perlu diperiksa' and the reason, and an honest learner
    in the same batch keeping full marks with nothing flagged?"""
    from workbench.grading import autograde, open_course, scores

    cases = hostile_marks(home)
    for student, nb in cases.items():
        submit(home, TUGAS, student, nb)
    submit(home, TUGAS, "jujur", solution(TUGAS))
    names = [*cases, "jujur"]
    report = autograde(TUGAS, students=names, jobs=2, cell_timeout=30).set_index("nip")
    ours = cell_scores(open_course().db_path, TUGAS)
    plain = cell_scores(plain_autograde(home, tmp_path / "biasa", TUGAS, list(cases)), TUGAS)
    for student in cases:
        assert report.loc[student, "status"] != "gagal", report.loc[student].to_dict()
        # No hook stalls grading: not one cell ran into the timeout.
        assert "batas waktu" not in report.loc[student, "alasan"], report.loc[student].to_dict()
        assert report.loc[student, "perlu_diperiksa"], student
        assert auto_total(plain, student) > auto_total(ours, student), student
    for student in HOOKS:  # blank answers: every test fails once the hooks are undone
        assert auto_total(ours, student) == 0, student
        assert auto_total(plain, student) == FULL, student
    assert auto_total(ours, "bawaan-palsu") == 0
    assert ours[("pustaka-palsu", "uji_ikm_ktp")] == 0
    assert auto_total(ours, "pustaka-palsu") == FULL - 2
    assert auto_total(ours, "jujur") == FULL and report.loc["jujur", "perlu_diperiksa"] == ""
    why = report["perlu_diperiksa"]
    assert "get_ipython" in why["kait-masukan"] and "input_transformers" in why["kait-masukan"]
    assert "ast_transformers" in why["kait-ast"]
    assert "event" in why["kait-event"]
    assert "menimpa" not in why["jujur"]
    assert "__eq__" in why["bawaan-palsu"]
    assert "workbench.skm.ikm" in why["pustaka-palsu"]
    recorded = scores(assignment=TUGAS).set_index("nip")
    assert recorded.loc["kait-ast", "perlu_diperiksa"] == why["kait-ast"]
    assert _formgrader_comment(open_course(), "kait-ast").startswith("⚠ Perlu diperiksa pelatih")


def _formgrader_comment(course, student: str) -> str:
    from nbgrader.api import Gradebook

    gb = Gradebook(course.db_url, course.course_id)
    try:
        notebook = gb.find_submission_notebook(TUGAS, TUGAS, student)
        texts = [c.auto_comment or "" for c in notebook.comments]
    finally:
        gb.close()
    return next((t.split("\n\n")[-1] for t in texts if "Perlu diperiksa" in t), "")


# --- hidden tests leaking ------------------------------------------------------------------------
LEAKS = {
    # Prints each cell's source before it runs (the hidden tests of test cells).
    "bocor-event": (
        "get_ipython().events.register(\n"
        "    'pre_run_cell', lambda info: print('BOCOR', info.raw_cell)\n"
        ")\n"
    ),
    # A trace function that prints the source of every cell it sees start.
    "bocor-trace": (
        "import sys, linecache\n"
        "def lacak(frame, event, arg):\n"
        "    if event == 'call' and frame.f_code.co_name == '<module>':\n"
        "        print('BOCOR', ''.join(linecache.getlines(frame.f_code.co_filename)))\n"
        "sys.settrace(lacak)\n"
    ),
}
# A last cell of the learner's own that prints the input history, as text and as HTML.
RIWAYAT = (
    "import html\n"
    "from IPython.display import HTML, display\n"
    "print('\\n'.join(In))\n"
    "display(HTML('<pre>' + html.escape('\\n'.join(In)) + '</pre>'))\n"
)


def test_hidden_tests_never_reach_feedback_whatever_learner_code_prints(home, tmp_path):
    """Does no feedback page show a line of hidden test code, whether learner code prints cell
    sources from an event callback, from a trace function, or reads the input history in a
    later cell (text and HTML), while the failing hidden checks are still named?"""
    from workbench.grading import autograde, feedback

    wrong = with_answer(solution(TUGAS), "jawaban_ikm_ktp", "ikm_ktp = 50.0")
    cases = {name: with_cell(wrong, code, after="siapkan_data") for name, code in LEAKS.items()}
    cases["bocor-riwayat"] = with_cell(wrong, RIWAYAT)
    for student, nb in cases.items():
        submit(home, TUGAS, student, nb)
    report = autograde(TUGAS, students=list(cases), jobs=2, cell_timeout=30).set_index("nip")
    history = outputs_text(graded(home, "bocor-riwayat"))
    assert "_skm_lib.ikm" in history  # the attack did reach the hidden lines ...
    for student in LEAKS:  # ... where the hooks were undone before every test cell
        assert "BOCOR" not in _test_cell_outputs(graded(home, student)), student
    result = feedback(TUGAS, students=list(cases), to_folder=tmp_path / "umpan")
    assert set(result.summary["status"]) == {"disalin"}, result.summary
    hidden = _hidden_lines()
    for student in cases:
        page = (tmp_path / "umpan" / f"{student}-{TUGAS}-umpan-balik.html").read_text("utf-8")
        text = _visible_text(page)
        assert not [line for line in hidden if line in text], student
        assert "Uji tersembunyi gagal: uji_ikm_ktp" in text, student
        assert "Jawaban peserta" in text and "Student's answer" not in text
        assert report.loc[student, "perlu_diperiksa"], student


def _test_cell_outputs(notebook: Path) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") in TESTS]
    return "\n".join("".join(o.get("text", "")) for c in cells for o in c.get("outputs", []))


def _hidden_lines() -> list[str]:
    from workbench.grading.feedback import split_hidden

    lines = []
    for cell in solution(TUGAS)["cells"]:
        lines += split_hidden("".join(cell["source"]))[1]
    return [line.strip() for line in lines if len(line.strip()) >= 8]


def _visible_text(page: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", page))


# --- the grader's environment, files, network, terminal ----------------------------------------
PROBE = (
    "import os, socket, fcntl, termios\n"
    "print('LINGKUNGAN', sorted(os.environ.items()))\n"
    "for path in {paths!r}:\n"
    "    try:\n"
    "        with open(path, 'rb') as f:\n"
    "            f.read(10)\n"
    "        print('TERBACA', path)\n"
    "    except OSError as exc:\n"
    "        print('TIDAK', type(exc).__name__, path)\n"
    "try:\n"
    "    socket.create_connection(('127.0.0.1', {port}), timeout=3).close()\n"
    "    print('TERHUBUNG')\n"
    "except OSError as exc:\n"
    "    print('JARINGAN DITOLAK', type(exc).__name__)\n"
    "for fd in (0, 1, 2):\n"
    "    try:\n"
    "        fcntl.ioctl(fd, termios.TIOCSTI, b'x')\n"
    "        print('TIOCSTI BERHASIL', fd)\n"
    "    except OSError:\n"
    "        pass\n"
    "try:\n"
    "    open('/dev/tty', 'wb').close()\n"
    "    print('TERMINAL TERBUKA')\n"
    "except OSError:\n"
    "    pass\n"
    "print('PROSES', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))\n"
)


def test_learner_code_sees_no_secret_file_network_or_terminal(home, monkeypatch):
    """Can learner code read nothing of the grader's environment (tokens), the course, the
    solutions, another learner's work, the gradebook, the exchange or the checkout's .git,
    reach no network, no terminal, and see no process but its own?"""
    from workbench.grading import autograde, open_course

    course = open_course()
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "token-hub-rahasia")
    monkeypatch.setenv("WB_RAHASIA_PENILAI", "kata-sandi-rahasia")
    submit(home, TUGAS, "korban", solution(TUGAS))
    settings = get_settings()
    secrets = [
        course.folder("source", assignment=TUGAS) / f"{TUGAS}.ipynb",
        course.folder("submitted", "korban", TUGAS) / f"{TUGAS}.ipynb",
        course.db_path,
        settings.exercises_dir / TUGAS / f"{TUGAS}.ipynb",
        course.exchange_root,
        Path(__file__).resolve().parents[1] / ".git" / "HEAD",
        Path("/etc/shadow"),
        Path("/root/.bash_history"),
    ]
    server = socket.create_server(("127.0.0.1", port := free_port()))
    server.settimeout(0.5)
    hits: list[str] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                hits.append(str(server.accept()[1]))
            except OSError:
                continue

    listener = threading.Thread(target=accept, daemon=True)
    listener.start()
    probe = PROBE.format(paths=[str(p) for p in secrets], port=port)
    submit(home, TUGAS, "pengintip", with_cell(solution(TUGAS), probe, after="siapkan_data"))
    try:
        report = autograde(TUGAS, students=["pengintip"], jobs=1, cell_timeout=30)
    finally:
        stop.set()
        listener.join()
        server.close()
    text = outputs_text(graded(home, "pengintip"))
    assert "LINGKUNGAN" in text and "TIDAK" in text
    assert "token-hub-rahasia" not in text and "kata-sandi-rahasia" not in text
    assert "WORKBENCH_GRADING" not in text and "JPY_" not in text
    assert "TERBACA" not in text, text
    assert text.count("TIDAK ") == len(secrets)
    assert "TERHUBUNG" not in text and not hits
    assert "TIOCSTI BERHASIL" not in text and "TERMINAL TERBUKA" not in text
    visible = json.loads(re.search(r"PROSES (\[[^\]]*\])", text).group(1))
    assert len(visible) <= 3, visible  # the sandbox's init and the kernel (and a helper)
    assert report["perlu_diperiksa"].iloc[0]  # absolute paths and sockets are worth a look


# --- other learners ----------------------------------------------------------------------------
KILLER = (
    "import os, signal\n"
    "for pid in [int(p) for p in os.listdir('/proc') if p.isdigit()]:\n"
    "    if pid != os.getpid():\n"
    "        try:\n"
    "            os.kill(pid, signal.SIGKILL)\n"
    "        except OSError:\n"
    "            pass\n"
)
GHOST = (
    "import glob, os, time\n"
    "if os.fork() == 0:\n"
    "    os.setsid()\n"
    "    if os.fork() == 0:\n"
    "        from jupyter_client import BlockingKernelClient\n"
    "        end = time.time() + 90\n"
    "        while time.time() < end:\n"
    "            for path in glob.glob('/tmp/**/koneksi.json', recursive=True)"
    " + glob.glob('/tmp/wb-nilai-*/kernel/*/koneksi.json'):\n"
    "                try:\n"
    "                    kc = BlockingKernelClient(connection_file=path)\n"
    "                    kc.load_connection_file()\n"
    "                    kc.start_channels()\n"
    "                    kc.execute('ikm_ktp = -1.0; nrr_ktp = None')\n"
    "                except Exception:\n"
    "                    pass\n"
    "            time.sleep(0.2)\n"
    "        os._exit(0)\n"
    "    os._exit(0)\n"
)
BOMB = (
    "import os, time\n"
    "if os.fork() == 0:\n"
    "    os.setsid()\n"
    "    while True:\n"
    "        try:\n"
    "            if os.fork() == 0:\n"
    "                time.sleep(120)\n"
    "                os._exit(0)\n"
    "        except OSError:\n"
    "            time.sleep(0.01)\n"
)
DEAF = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n"
DISK = (
    "import os\n"
    "ditulis = {}\n"
    "for folder in ('.', '/tmp', os.path.expanduser('~')):\n"
    "    ditulis[folder] = 0\n"
    "    try:\n"
    "        with open(os.path.join(folder, 'besar.bin'), 'wb') as f:\n"
    "            while ditulis[folder] < 3 * 1024**3:\n"
    "                f.write(b'x' * 2**24)\n"
    "                ditulis[folder] += 2**24\n"
    "    except OSError as exc:\n"
    "        print('BERHENTI', folder, type(exc).__name__)\n"
    "print('DITULIS', ditulis)\n"
)


def test_a_learner_cannot_harm_other_learners_or_outlive_grading(home):
    """With --jobs 2, do learners that kill every process they see, leave a double-forked
    daemon injecting code into later kernels, leave a fork bomb running, fill their disk or
    ignore interrupts in an endless loop harm nobody: every honest learner keeps full marks
    and untouched answers, the batch completes, and nothing of theirs survives grading?"""
    from workbench.grading import autograde, open_course

    attackers = {
        "a-pembunuh": KILLER,
        "a-hantu": GHOST,
        "a-bom": BOMB,
        "a-disk": DISK,
        "a-tuli": DEAF,  # ignores interrupts: killed after its cell's time, with its sandbox
    }
    for student, code in attackers.items():
        submit(home, TUGAS, student, with_cell(solution(TUGAS), code, after="siapkan_data"))
    victims = [f"z-korban{i}" for i in range(4)]
    for student in victims:
        submit(home, TUGAS, student, solution(TUGAS))
    report = autograde(TUGAS, students=[*attackers, *victims], jobs=2, cell_timeout=20)
    report = report.set_index("nip")
    assert set(report.index) == {*attackers, *victims}
    ours = cell_scores(open_course().db_path, TUGAS)
    for student in victims:
        assert auto_total(ours, student) == FULL, (student, report.loc[student].to_dict())
        assert report.loc[student, "status"] == "dinilai", report.loc[student].to_dict()
        text = outputs_text(graded(home, student))
        assert "-1.0" not in text and "Kernel" not in text
    for student in attackers:
        assert report.loc[student, "status"] != "gagal", report.loc[student].to_dict()
        assert report.loc[student, "perlu_diperiksa"], student
    assert "kernel mati" in report.loc["a-tuli", "alasan"]
    assert auto_total(ours, "a-tuli") == 0  # every cell after the endless one failed
    disk = outputs_text(graded(home, "a-disk"))
    written = json.loads(re.search(r"DITULIS (\{.*\})", disk).group(1).replace("'", '"'))
    limit = 256 * 1024 * 1024
    assert all(value <= limit for value in written.values()), written
    from workbench.grading.sandbox import GUARD, ZYGOTE

    def left() -> list[int]:  # sandboxes of this course (their command names it), kernels
        return [
            p for marker in (str(home), str(GUARD), str(ZYGOTE)) for p in _processes_running(marker)
        ]

    deadline = time.monotonic() + 20
    while left() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left()


def _processes_running(marker: str) -> list[int]:
    """Processes on this machine whose command line names ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if marker in command:
            found.append(int(entry.name))
    return found


WRITER = (
    "import os\n"
    "for folder in ('/tmp', os.path.expanduser('~'), '.'):\n"
    "    with open(os.path.join(folder, 'titipan.txt'), 'w') as f:\n"
    "        f.write('JAWABAN-PESERTA-A')\n"
)
READER = (
    "import glob, os\n"
    "found = glob.glob('/tmp/**', recursive=True) + glob.glob('/penilai/**', recursive=True)\n"
    "found += glob.glob(os.path.expanduser('~') + '/**', recursive=True)\n"
    "for path in found:\n"
    "    try:\n"
    "        if 'JAWABAN-PESERTA-A' in open(path).read():\n"
    "            print('DITEMUKAN', path)\n"
    "    except OSError:\n"
    "        pass\n"
    "print('DILIHAT', len(found))\n"
)


def test_learners_graded_one_after_another_share_nothing(home):
    """Graded one after the other by the same worker (kernels forked from one warm zygote),
    does a learner find nothing a previous learner left in /tmp, the home or the working
    folder, nor any other kernel's folder?"""
    from workbench.grading import autograde

    submit(home, TUGAS, "s-1-penulis", with_cell(solution(TUGAS), WRITER, after="siapkan_data"))
    submit(home, TUGAS, "s-2-pembaca", with_cell(solution(TUGAS), READER, after="siapkan_data"))
    report = autograde(TUGAS, students=["s-1-penulis", "s-2-pembaca"], jobs=1).set_index("nip")
    assert (report["nilai"] == FULL).all(), report.to_dict("records")
    text = outputs_text(graded(home, "s-2-pembaca"))
    assert "DILIHAT" in text and "DITEMUKAN" not in text, text[-500:]
