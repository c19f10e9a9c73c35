"""ASN Workbench tanpa make dan tanpa git: ``python mulai.py`` sama dengan ``make lab``.

Untuk laptop Windows (dan komputer lain) yang hanya punya Python 3.11 atau lebih baru:

    python mulai.py                # = make lab: siapkan .venv, perbarui ruang kerja, JupyterLab
    python mulai.py --port 9000    # opsi lain diteruskan ke 'workbench lab'
    python mulai.py lab-pelatih    # = make lab-pelatih
    python mulai.py dashboards     # = make dashboards (TIM=N, BERTIGA=N, RESPONDEN=N: ruangan)

(Di Windows, bila ``python`` tidak dikenal, pakai ``py mulai.py``.)

The same steps as the Makefile, in the same order and with the same messages: check the Python
version, create or update ``.venv`` with ``tools/setup_env.py`` (the exact versions of
``constraints.txt``) only when one of its inputs changed since the last setup (make's rule for
``.venv/.installed``; both share that stamp file), then start ``workbench lab`` from ``.venv``.
Only the standard library is used, and the syntax stays old enough that a too-old Python still
reads this file and prints the Indonesian message instead of a SyntaxError (Python 3.6 or newer;
nothing older is still found on office laptops).
"""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
STAMP = os.path.join(VENV, ".installed")

#: What 'make' runs for each target, as arguments of the workbench command.
TARGETS = {
    "lab": ["lab"],
    "lab-pelatih": ["lab", "--trainer"],
    "dashboards": ["dashboards"],
}


def setup_inputs():
    """The files whose change means the environment must be set up again (the Makefile's
    SETUP_INPUTS; tests/test_launcher.py keeps the two lists equal)."""
    names = [
        "pyproject.toml",
        "constraints.txt",
        os.path.join("tools", "setup_env.py"),
        os.path.join("jupyter", "labconfig", "default_setting_overrides.json"),
        os.path.join("jupyter", "ipython", "ipython_kernel_config.py"),
    ]
    found = [os.path.join(ROOT, n) for n in names]
    extensions = os.path.join(ROOT, "jupyter", "labextensions", "@asn-workbench")
    if os.path.isdir(extensions):
        for name in sorted(os.listdir(extensions)):
            folder = os.path.join(extensions, name)
            found.append(os.path.join(folder, "package.json"))
            static = os.path.join(folder, "static")
            if os.path.isdir(static):
                found += [os.path.join(static, f) for f in sorted(os.listdir(static))]
    return [p for p in found if os.path.isfile(p)]


def needs_setup():
    """Whether .venv is missing or older than one of its inputs (as make decides)."""
    if not os.path.isfile(STAMP):
        return True
    built = os.path.getmtime(STAMP)
    return any(os.path.getmtime(p) > built for p in setup_inputs())


def venv_python():
    if os.name == "nt":
        return os.path.join(VENV, "Scripts", "python.exe")
    return os.path.join(VENV, "bin", "python")


def main(argv):
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must speak on old Pythons too
        version = sys.version.split()[0]
        sys.stderr.write(
            f"Python {version} terlalu lama: ASN Workbench butuh Python 3.11 atau lebih baru. "
            "Pasang Python 3.11+ dari python.org (centang 'Add python.exe to PATH'), lalu "
            "jalankan lagi 'python mulai.py'.\n"
        )
        return 1
    target, rest = "lab", list(argv)
    if rest and rest[0] in TARGETS:
        target = rest.pop(0)
    elif rest and rest[0] in ("-h", "--help", "bantuan"):
        print("\n\n".join(__doc__.split("\n\n")[1:4]).strip())
        return 0
    if needs_setup():
        print(f"{os.path.basename(sys.executable)} tools/setup_env.py", flush=True)
        code = subprocess.call([sys.executable, os.path.join(ROOT, "tools", "setup_env.py")])
        if code != 0:
            return code
        with open(STAMP, "w"):
            pass  # the stamp 'make' also uses: the next start does not install again
    command = [venv_python(), "-m", "workbench", *TARGETS[target], *rest]
    if target == "dashboards" and os.environ.get("TIM") and "--teams" not in rest:
        command += ["--teams", os.environ["TIM"]]  # make dashboards TIM=N
    if "--host" not in rest:
        command += ["--host", os.environ.get("HOST") or "127.0.0.1"]
    os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")  # as the Makefile exports
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.stdout.flush()
    if os.name == "posix":
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
