"""Speed of grading a class (run: python benchmarks/bench_grading.py [--learners 40 --jobs 4],
or --quick for 12 learners).

A class of learners with mixed correct, partial and wrong submissions of ``tugas-12-skm`` is
graded twice from the same starting gradebook, each in its own copy of the course:

1. plain ``nbgrader autograde TUGAS``: nbgrader's own command with nbgrader's own Execute
   (``WORKBENCH_NBGRADER_UNSANDBOXED=1``), learners one after another, no sandbox;
2. ``workbench grade autograde TUGAS --jobs N``: the same nbgrader converter, every learner in a
   sandbox of their own, learners in parallel private copies, results moved into the
   gradebook one learner at a time.

Then every cell's score in the two gradebooks is compared (they must be identical), and the
speed-up is printed. Target: at least 3x on a 2-core machine.

Where plain nbgrader loses time: every learner's kernel is a new Python that imports IPython,
pandas and the workbench before the first answer runs, and nothing else happens while it
starts. Here one warm zygote per worker imports them once and forks each learner's kernel into
namespaces of its own (workbench/grading/zygote.py), and several learners are graded at once,
so one learner's waits overlap another's work.
Measured on the shared 2-core development machine while other jobs ran (load 1.7 to 10, so
ratios vary): 40 learners, --jobs 4: 132.8 s vs 32.1 s (4.14x), all 160 cell scores identical;
20 learners: 50.3 s vs 10.7 s (4.69x). --quick (12 learners) gives about 2x: each worker's
zygote and the command's own start are paid once per run, so small classes gain less. With a
fresh bubblewrap per kernel instead of the zygote: 20 learners 42.1 s vs 23.7 s (1.78x).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import make_course  # noqa: E402  (the course copy the grading tests use)
from workbench.storage import connect_sqlite  # noqa: E402

ASSIGNMENT = "tugas-12-skm"


def variants() -> list[dict]:
    """Correct, partial and wrong versions of the assignment, as learners hand them in."""
    key = json.loads(
        (ROOT / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8")
    )

    def change(grade_id: str, code: str) -> dict:
        nb = copy.deepcopy(key)
        for cell in nb["cells"]:
            if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
                cell["source"] = code
        return nb

    return [
        key,
        change("jawaban_ikm_ktp", "ikm_ktp = float(nrr_ktp.mean())"),  # forgot x 25
        change("jawaban_unsur_terendah", "unsur_terendah = nrr_ktp.idxmax()"),
        change("jawaban_nrr_ktp", "nrr_ktp = skm[UNSUR].mean()"),  # all services, not KTP-el
        change("jawaban_nrr_ktp", "raise NotImplementedError()"),  # gave up
    ]


def course_env(base: Path) -> dict[str, str]:
    """The environment of a course copied into ``base`` (as the tests make one), with this
    environment's ``nbgrader`` first on PATH."""
    env = {**os.environ, **make_course(base)}
    env["WORKBENCH_NBGRADER_UNSANDBOXED"] = "1"  # plain nbgrader: its own Execute, no sandbox
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def cell_scores(db: Path) -> dict[tuple[str, str], float | None]:
    con = connect_sqlite(db, what="gradebook", readonly=True)
    try:
        rows = con.execute(
            "SELECT sa.student_id, bc.name, g.auto_score FROM grade g "
            "JOIN submitted_notebook sn ON g.notebook_id = sn.id "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
            "JOIN base_cell bc ON g.cell_id = bc.id"
        ).fetchall()
    finally:
        con.close()
    return {(s, c): v for s, c, v in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="12 learners (a quick check)")
    args = parser.parse_args()
    if args.quick:
        args.learners = 12
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="bench-nilai-") as tmp:
        plain, ours = Path(tmp) / "nbgrader", Path(tmp) / "workbench"
        env_plain, env_ours = course_env(plain), course_env(ours)
        env_ours.pop("WORKBENCH_NBGRADER_UNSANDBOXED")  # ours: a sandbox for every learner
        # One release, one gradebook: both runs start from identical copies.
        subprocess.run(
            [str(bin_dir / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force"],
            cwd=plain / "grading",
            env=env_plain,
            check=True,
            capture_output=True,
        )
        kinds = variants()
        for i in range(args.learners):
            folder = plain / "grading" / "submitted" / f"peserta{i:02d}" / ASSIGNMENT
            folder.mkdir(parents=True)
            nb = kinds[i % len(kinds)]
            (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        shutil.copytree(plain / "grading" / "release", ours / "grading" / "release")
        shutil.copytree(plain / "grading" / "submitted", ours / "grading" / "submitted")
        shutil.copytree(plain / "var", ours / "var")

        print(f"{args.learners} peserta, tugas {ASSIGNMENT}, {os.cpu_count()} inti CPU")
        t0 = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "nbgrader"), "autograde", ASSIGNMENT, "--force"],
            cwd=plain / "grading",
            env=env_plain,
            check=True,
            capture_output=True,
        )
        sequential = time.perf_counter() - t0
        print(f"  nbgrader autograde (berurutan):        {sequential:7.1f} detik")

        t0 = time.perf_counter()
        subprocess.run(
            [
                str(bin_dir / "workbench"),
                "grade",
                "autograde",
                ASSIGNMENT,
                "--jobs",
                str(args.jobs),
            ],
            env=env_ours,
            check=True,
            capture_output=True,
        )
        parallel = time.perf_counter() - t0
        print(f"  workbench grade autograde --jobs {args.jobs}:   {parallel:7.1f} detik")

        a = cell_scores(plain / "var" / "gradebook.db")
        b = cell_scores(ours / "var" / "gradebook.db")
        same = a == b and len(a) == args.learners * 4
        print(f"  nilai per sel identik: {'ya' if same else 'TIDAK'} ({len(a)} nilai sel)")
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                print(f"    berbeda: {key}: nbgrader {a.get(key)}, workbench {b.get(key)}")
        print(f"  percepatan: {sequential / parallel:.2f}x (target >= 3x pada 2 inti)")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
