"""Create or update the project's virtual environment (called by ``make``; no third-party imports).

Usage: ``python tools/setup_env.py [--extras test,bench]``

* checks the Python version (3.11 or newer) and says in Indonesian what to do if it is older;
* creates ``.venv`` if missing, then installs the project editable with the exact versions of
  ``constraints.txt`` (ranges live in ``pyproject.toml``);
* removes the upstream Indonesian language pack if an older install brought it: ours
  (``jupyter/languagepack/``, registered in ``pyproject.toml``) must be the only one for id_ID;
* removes ``rfc3987-syntax``, a dependency nothing here uses that costs every server start
  about a second of CPU (``SLOW_UNUSED``);
* installs the JupyterLab setting that makes Bahasa Indonesia the default interface language
  (``jupyter/labconfig/default_setting_overrides.json`` into the environment's Jupyter config
  path), so a user can still switch back to English from the Settings > Language menu;
* installs the kernel settings (``jupyter/ipython/ipython_kernel_config.py`` into the
  environment's ``etc/ipython``), which load ``workbench.kernel`` in every kernel: an Indonesian
  hint after a ``NameError`` such as ``q1`` after a kernel restart;
* installs our JupyterLab extensions (``jupyter/labextensions/@asn-workbench/``, plain files, no
  build step) into the environment's ``share/jupyter/labextensions``; the ``@asn-workbench``
  folder there is ours alone and is replaced whole, so a renamed or removed extension goes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
#: Installed as dependencies but removed again: slow to import and unused (see main()).
SLOW_UNUSED = ("rfc3987-syntax",)


def venv_python(venv_dir: Path = VENV) -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return venv_dir / sub


def main() -> int:
    parser = argparse.ArgumentParser(description="Siapkan lingkungan .venv untuk ASN Workbench.")
    parser.add_argument("--extras", default="", help="extra pyproject, misalnya 'test,bench'")
    parser.add_argument(
        "--venv",
        type=Path,
        default=VENV,
        help="folder lingkungan (bawaan .venv); server JupyterHub memakai /opt/asn-workbench/venv",
    )
    parser.add_argument(
        "--no-editable",
        action="store_true",
        help="pasang salinan paket (bukan tautan ke folder ini), untuk lingkungan bersama",
    )
    args = parser.parse_args()

    if sys.version_info < (3, 11):  # noqa: UP036 - this script must speak on old Pythons too
        print(
            f"Python {sys.version.split()[0]} terlalu lama: ASN Workbench butuh Python 3.11 "
            "atau lebih baru. Pasang Python 3.11+, lalu jalankan lagi "
            "(misalnya 'make lab PYTHON=python3.11').",
            file=sys.stderr,
        )
        return 1

    py = venv_python(args.venv)
    if not py.exists():
        print(f"Membuat lingkungan {args.venv} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(args.venv)

    spec = "." + (f"[{args.extras}]" if args.extras else "")
    cmd = [
        str(py),
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-q",
        "-c",
        str(ROOT / "constraints.txt"),
        *([spec] if args.no_editable else ["-e", spec]),
    ]
    print("Memasang paket (versi tepat dari constraints.txt) ...", flush=True)
    result = subprocess.run(cmd, cwd=ROOT)
    if result.returncode != 0:
        print(
            "Pemasangan paket gagal. Periksa koneksi internet ke PyPI, lalu jalankan lagi; "
            "paket yang sudah terpasang tidak diunduh ulang.",
            file=sys.stderr,
        )
        return result.returncode

    # The upstream id_ID pack would compete with ours (see jupyter/languagepack/README.md).
    subprocess.run(
        [str(py), "-m", "pip", "uninstall", "-y", "-q", "jupyterlab-language-pack-id-ID"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    # rfc3987-syntax (pulled in by jupyter-events through jsonschema[format-nongpl]) compiles a
    # Lark grammar each time it is imported, to check "iri" strings in JSON schemas: about 1 s of
    # CPU in every JupyterLab start, every learner's server on the hub and every Voila kernel
    # host, for a format no schema here uses. Without it jsonschema leaves "iri" unchecked and
    # a learner's server starts with half the CPU (benchmarks/bench_server_start.py).
    subprocess.run(
        [str(py), "-m", "pip", "uninstall", "-y", "-q", *SLOW_UNUSED],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    prefix = Path(
        subprocess.check_output([str(py), "-c", "import sys; print(sys.prefix)"], text=True).strip()
    )
    target = prefix / "etc" / "jupyter" / "labconfig"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(
        ROOT / "jupyter" / "labconfig" / "default_setting_overrides.json",
        target / "default_setting_overrides.json",
    )
    kernel_config = prefix / "etc" / "ipython"
    kernel_config.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(
        ROOT / "jupyter" / "ipython" / "ipython_kernel_config.py",
        kernel_config / "ipython_kernel_config.py",
    )
    ours = prefix / "share" / "jupyter" / "labextensions" / "@asn-workbench"
    shutil.rmtree(ours, ignore_errors=True)
    shutil.copytree(ROOT / "jupyter" / "labextensions" / "@asn-workbench", ours)
    print("Lingkungan siap.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
