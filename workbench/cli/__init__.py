"""The ``workbench`` command: a thin face over the library, help and messages in Indonesian.

Each subcommand lives in its own module in this package and exposes ``register(subparsers)``,
which adds its parser and sets ``func`` to a function taking the parsed arguments. The function
calls the plain Python API, so anything the command does, a notebook can do too.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.errors import WorkbenchError, os_reason

__all__ = ["IndonesianParser", "main"]

#: Subcommand modules, in the order they appear in the help.
COMMANDS = (
    "info",
    "serve",
    "workspace",
    "data",
    "progress",
    "simulate",
    "skm",
    "competency",
    "conversation",
    "evaluation",
    "grade",
    "hub",
)

_ERRORS = [
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"argumen \1: pilihan \2 tidak dikenal (pilih salah satu: \3)",
    ),
    (r"argument (\S+): invalid int value: (.*)", r"argumen \1: nilai \2 bukan bilangan bulat"),
    (r"argument (\S+): invalid float value: (.*)", r"argumen \1: nilai \2 bukan angka"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argumen \1: nilai \3 tidak sah"),
    (r"argument (\S+): expected one argument", r"argumen \1: perlu satu nilai"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(
            usage, actions, groups, "Penggunaan: " if prefix is None else prefix
        )


class IndonesianParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help and errors are in Bahasa Indonesia."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str):
        for pattern, replacement in _ERRORS:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(
            2, f"{self.prog}: kesalahan: {message}\nKetik '{self.prog} --help' untuk bantuan.\n"
        )


def build_parser() -> IndonesianParser:
    """The full parser with every subcommand registered."""
    parser = IndonesianParser(
        prog="workbench",
        description="ASN Workbench: pelatihan dan simulasi ASN Kecamatan Asemrowo.",
        epilog="Contoh: 'workbench info' menampilkan versi dan lokasi data.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ASN Workbench {__version__}",
        help="tampilkan versi lalu keluar",
    )
    sub = parser.add_subparsers(title="perintah", metavar="PERINTAH", parser_class=IndonesianParser)
    for name in COMMANDS:
        importlib.import_module(f"workbench.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workbench`` console command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 0
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handler below
        return code
    except WorkbenchError as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`workbench simulate ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        # Engines turn refused reads and writes into WorkbenchError; this is the last net, so
        # that a user never meets an English traceback for a file the system refused.
        where = f"Berkas {exc.filename}" if exc.filename else "Berkas atau folder"
        print(f"Kesalahan: {where} {os_reason(exc)}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
