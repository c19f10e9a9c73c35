"""Check the "one way to do each thing" rules that ruff cannot express (run by ``make lint``).

Usage (from the repository root)::

    .venv/bin/python tools/check_one_way.py            # the project's Python files
    .venv/bin/python tools/check_one_way.py FILE ...   # only these files

Ruff's banned-API rule (TID251 in ``pyproject.toml``) forbids the calls that have one home
(``pd.to_datetime``, ``sqlite3.connect``, ``os.replace``, ``ZoneInfo``, ``yaml.safe_load``).
This script reads the syntax tree of each file for the habits a banned name cannot catch:

* **OW001** a number parsed by hand from text with a decimal comma: ``.replace(",", ".")``
  fed to ``float``, ``int``, ``Decimal``, ``pd.to_numeric`` or ``.astype(float)`` (directly or
  through a variable). Use :mod:`workbench.data.numbers` (``parse_number``, ``parse_numbers``):
  ``"1.500"`` is fifteen hundred there, 1.5 in a hand copy.
* **OW002** a number formatted by hand for a person (in ``workbench/``, the text learners,
  trainers and the camat read): a format spec with decimals, a thousands mark or a
  float/percent type (``f"{x:.1f}"``, ``f"{n:,}"``, ``"{:.0%}".format``,
  ``format(x, ".2f")``, ``"%.1f" % x``). Use :mod:`workbench.formatting` (``fmt.number``,
  ``fmt.percent``, ``fmt.count``): ``1.234,5`` and ``24,4%``, never ``1,234.5`` or ``24.4%``.
* **OW003** a decimal comma put in by hand: ``.replace(".", ",")`` (in ``workbench/``). Same
  remedy as OW002.
* **OW004** the office time zone reached around the settings: ``settings.timezone`` (the
  setting's text), the old ``office_tz()`` or a time-zone name written in code
  (``tz_localize("Asia/Jakarta")``).
  Use ``get_settings().tz``.
* **OW005** the NIP pattern written again (``\\d{18}``). Use
  ``workbench.data.nip`` (``NIP_PATTERN``, ``is_nip``).

A line that must break a rule (English developer text, the one home of the rule) carries
``# noqa: OW00N`` with the reason; ruff knows these codes as external (``lint.external``).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Folders whose Python files are checked (tests may plant violations; notebooks teach them).
CHECKED = ("workbench", "tools", "benchmarks", "deploy")

#: Where a rule applies when not everywhere: number formatting is about what a learner,
#: trainer or camat reads, which the product (workbench/) writes; the developer scripts in
#: tools/ and benchmarks/ print for the people who run them.
SCOPES: dict[str, tuple[str, ...]] = {"OW002": ("workbench/",), "OW003": ("workbench/",)}

#: The one home of each rule: files allowed to do what the rule forbids elsewhere.
HOMES: dict[str, tuple[str, ...]] = {
    "OW001": ("workbench/data/numbers.py",),
    "OW002": ("workbench/formatting.py",),
    "OW003": ("workbench/formatting.py",),
    "OW004": ("workbench/config.py", "workbench/data/schema.py"),
    "OW005": ("workbench/data/nip.py", "tools/check_one_way.py"),
}

MESSAGES = {
    "OW001": "angka dibaca dengan tangan (.replace(',', '.')); pakai workbench.data.numbers",
    "OW002": "angka diformat dengan tangan ({spec}); pakai workbench.formatting",
    "OW003": "koma desimal dipasang dengan tangan (.replace('.', ',')); pakai workbench.formatting",
    "OW004": "zona waktu kantor tidak dari get_settings().tz ({what})",
    "OW005": "pola NIP ditulis ulang; pakai workbench.data.nip (NIP_PATTERN, is_nip)",
}

_NUMBER_SINKS = {"float", "int", "Decimal", "to_numeric"}
# A spec with decimals (.1), a thousands mark (, or _) or a float/percent type (f, e, g, n, %).
_NUMERIC_SPEC = re.compile(r"^[^.]*?(?:[,_]|\.\d+|[fFeEgGn%])[^{}]*$")
_DATE_SPEC = re.compile(r"%[a-zA-Z]")
_PERCENT_FORMAT = re.compile(r"%[-+ #0]*\d*(?:\.\d+)?[fFeEgG]")
_NOQA = re.compile(r"#\s*noqa:\s*([A-Z0-9, ]+)")
_TZ_NAME = re.compile(r"^(?:Asia|Europe|America|Africa|Australia|Pacific|Etc)/\w+")
_TZ_CALLS = {"tz_localize", "tz_convert", "ZoneInfo", "timezone"}
_NIP_TEXT = r"\d{18}"


@dataclass(frozen=True)
class Finding:
    """One broken rule: where and which."""

    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


def _is_replace(node: ast.AST, old: str, new: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "replace"
        and len(node.args) >= 2
        and all(isinstance(a, ast.Constant) for a in node.args[:2])
        and (node.args[0].value, node.args[1].value) == (old, new)
    )


def _has_comma_replace(node: ast.AST, tainted: set[str]) -> bool:
    return any(
        _is_replace(n, ",", ".") or (isinstance(n, ast.Name) and n.id in tainted)
        for n in ast.walk(node)
    )


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_number_sink(node: ast.Call) -> bool:
    name = _call_name(node)
    if name in _NUMBER_SINKS:
        return True
    return name == "astype" and any(
        isinstance(a, ast.Name) and a.id in ("float", "int") for a in node.args
    )


class _Scope(ast.NodeVisitor):
    """Walks one function (or the module body) tracking names assigned from a comma replace."""

    def __init__(self, report) -> None:
        self.report = report
        self.tainted: set[str] = set()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        inner = _Scope(self.report)
        for child in node.body:
            inner.visit(child)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        if _has_comma_replace(node.value, self.tainted):
            for target in node.targets:
                self.tainted.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        if not _is_number_sink(node):
            return
        fed = [*node.args, *(k.value for k in node.keywords)]
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if _call_name(node) == "astype" and receiver is not None:
            fed.append(receiver)
        if any(_has_comma_replace(arg, self.tainted) for arg in fed):
            self.report(node, "OW001", MESSAGES["OW001"])


def _spec_text(spec: ast.AST | None) -> str | None:
    if not isinstance(spec, ast.JoinedStr):
        return None
    return "".join(str(v.value) for v in spec.values if isinstance(v, ast.Constant))


def _numeric_spec(spec: str | None) -> bool:
    """A spec that formats a number (a date's ``%d-%m-%Y`` is not one)."""
    return bool(spec) and not _DATE_SPEC.search(spec) and bool(_NUMERIC_SPEC.match(spec))


def _format_specs(template: str) -> Iterator[str]:
    """The format specs of a ``str.format`` template: ``"{:.1f} {x:,}"`` -> ``.1f``, ``,``."""
    for _, field, spec, _ in _string_parts(template):
        if field is not None and spec:
            yield spec


def _string_parts(template: str):
    import string

    try:
        return list(string.Formatter().parse(template))
    except ValueError:
        return []


def _formatting_findings(tree: ast.AST) -> Iterator[tuple[ast.AST, str, str]]:
    """OW002 and OW003 hits in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            spec = _spec_text(node.format_spec)
            if _numeric_spec(spec):
                yield node, "OW002", MESSAGES["OW002"].format(spec=f":{spec}")
        elif isinstance(node, ast.Call):
            yield from _call_formatting(node)
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
        ):
            found = _PERCENT_FORMAT.search(node.left.value)
            if found:
                yield node, "OW002", MESSAGES["OW002"].format(spec=found.group())


def _call_formatting(node: ast.Call) -> Iterator[tuple[ast.AST, str, str]]:
    name = _call_name(node)
    func = node.func
    if _is_replace(node, ".", ","):
        yield node, "OW003", MESSAGES["OW003"]
    elif (
        name == "format"
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
    ):
        for spec in _format_specs(func.value.value):
            if _numeric_spec(spec):
                yield node, "OW002", MESSAGES["OW002"].format(spec=f":{spec}")
    elif (
        name == "format"
        and isinstance(func, ast.Name)
        and len(node.args) == 2
        and isinstance(node.args[1], ast.Constant)
        and _numeric_spec(str(node.args[1].value))
    ):
        yield node, "OW002", MESSAGES["OW002"].format(spec=str(node.args[1].value))


def _settings_like(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return _call_name(node) == "get_settings"
    if isinstance(node, ast.Name):
        return "settings" in node.id.lower()
    if isinstance(node, ast.Attribute):
        return "settings" in node.attr.lower()
    return False


def _timezone_findings(tree: ast.AST) -> Iterator[tuple[ast.AST, str, str]]:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "timezone"
            and _settings_like(node.value)
        ):
            yield node, "OW004", MESSAGES["OW004"].format(what="settings.timezone")
        elif isinstance(node, ast.Call) and _call_name(node) == "office_tz":
            yield node, "OW004", MESSAGES["OW004"].format(what="office_tz(), nama lama")
        elif isinstance(node, ast.Call):
            named = [
                a
                for a in [*node.args, *(k.value for k in node.keywords if k.arg == "tz")]
                if isinstance(a, ast.Constant)
                and isinstance(a.value, str)
                and _TZ_NAME.match(a.value)
            ]
            if named and (
                _call_name(node) in _TZ_CALLS or any(k.arg == "tz" for k in node.keywords)
            ):
                yield node, "OW004", MESSAGES["OW004"].format(what=repr(named[0].value))


def _nip_findings(tree: ast.AST) -> Iterator[tuple[ast.AST, str, str]]:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _NIP_TEXT in node.value
        ):
            yield node, "OW005", MESSAGES["OW005"]


def _suppressed(lines: list[str], node: ast.AST, code: str) -> bool:
    first = getattr(node, "lineno", 1)
    last = getattr(node, "end_lineno", first) or first
    for number in range(first, last + 1):
        if number - 1 < len(lines):
            found = _NOQA.search(lines[number - 1])
            if found and code in {c.strip() for c in found.group(1).split(",")}:
                return True
    return False


def _exempt(relative: str, code: str) -> bool:
    if relative in HOMES.get(code, ()):
        return True
    return code in SCOPES and not relative.startswith(SCOPES[code])


def check_source(source: str, relative: str) -> list[Finding]:
    """The rules ``source`` breaks, as if it were the file ``relative`` (repository-relative)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return [Finding(relative, exc.lineno or 1, "OW000", f"tidak bisa dibaca: {exc.msg}")]
    lines = source.splitlines()
    found: list[Finding] = []

    def report(node: ast.AST, code: str, message: str) -> None:
        if not _exempt(relative, code) and not _suppressed(lines, node, code):
            found.append(Finding(relative, getattr(node, "lineno", 1), code, message))

    _Scope(report).visit(tree)
    for finder in (_formatting_findings, _timezone_findings, _nip_findings):
        for node, code, message in finder(tree):
            report(node, code, message)
    return sorted(set(found), key=lambda f: (f.line, f.code))


def project_files(root: Path = ROOT) -> Iterable[Path]:
    """The Python files the rules apply to."""
    for folder in CHECKED:
        yield from sorted((root / folder).rglob("*.py"))


def main(argv: list[str] | None = None) -> int:
    """Check the given files (default: the project's); print each finding; 1 if any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="berkas yang diperiksa")
    args = parser.parse_args(argv)
    files = [p.resolve() for p in args.files] or list(project_files())
    findings: list[Finding] = []
    for path in files:
        try:
            relative = path.relative_to(ROOT).as_posix()
        except ValueError:
            relative = path.as_posix()
        findings += check_source(path.read_text(encoding="utf-8"), relative)
    for finding in findings:
        print(finding)
    if findings:
        print(
            f"{len(findings)} pelanggaran aturan satu cara (lihat CONTRIBUTING.md, "
            "bagian 'Satu cara untuk setiap hal').",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
