"""Static check of a submission: learner code that reaches for the grader instead of the answer.

Learner code shares a process with the course's test cells. The kernel restores its hooks
before each course cell (:mod:`workbench.grading.kernel_guard`), but code that goes looking for
the machinery, or that makes a wrong answer compare equal to the right one, deserves a human
look. :func:`inspect_submission` reads every code cell the learner wrote (IPython syntax
included: magics and ``!`` commands) without running it and reports, per cell and line, code that:

* reaches the kernel, IPython or the grader (``get_ipython``, ``In``/``_ih``, ``ipykernel``,
  ``sys.modules``, ``gc``, ``ctypes``, frames, ``__closure__`` and other dunder attributes),
  installs hooks (``sys.settrace``, ``events.register``, transformers, ``sys.excepthook``) or
  runs code it builds (``exec``, ``eval``, ``compile``, ``__import__``);
* patches what tests use: a library function (``pd.testing.assert_frame_equal = ...``), a
  built-in (``isinstance = lambda *a: True``), a module name of the course (``pd = ...``), or
  defines its own comparisons or conversions (``__eq__``, ``__float__`` ...);
* controls processes and signals (``os.fork``, ``os.kill``, ``subprocess``, ``threading``,
  ``asyncio``, ``signal``, shell commands and magics) or the network;
* reaches the file system outside the assignment's folder (absolute paths, ``..``,
  ``os.chdir``, ``shutil.rmtree``, ``os.remove`` ...).

A finding never changes the score: the submission is marked "perlu diperiksa pelatih" with the
reasons (autograde summary, the Excel recap, the Formgrader comment). The course's own cells
(locked and test cells, whose source nbgrader takes from its records) are not checked.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CourseNames", "Finding", "course_imports", "inspect_code", "inspect_submission"]


@dataclass(frozen=True)
class Finding:
    """One suspicious spot: notebook, cell (grade id or "sel N"), line and the reason."""

    notebook: str
    cell: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.cell} baris {self.line}: {self.reason}"


_KERNEL = "menjangkau kernel IPython atau mesin penilai"
_INTROSPECT = "membongkar isi Python (objek, frame, kode) yang dipakai uji"
_PROCESS = "mengendalikan proses, thread atau sinyal"
_NETWORK = "mencoba memakai jaringan"
_RUN_CODE = "menjalankan kode yang disusun saat berjalan"

#: Modules whose import alone is reason to look (top-level name -> reason).
MODULES = {
    **dict.fromkeys(
        ("IPython", "ipykernel", "jupyter_client", "jupyter_core", "zmq", "traitlets"), _KERNEL
    ),
    **dict.fromkeys(("nbgrader", "nbformat", "nbclient", "nbconvert", "tornado"), _KERNEL),
    **dict.fromkeys(
        ("gc", "ctypes", "cffi", "inspect", "importlib", "imp", "marshal"), _INTROSPECT
    ),
    **dict.fromkeys(("dis", "code", "codeop", "runpy", "builtins", "__builtin__"), _INTROSPECT),
    **dict.fromkeys(("atexit", "faulthandler", "pdb", "bdb", "trace", "cProfile"), _INTROSPECT),
    **dict.fromkeys(("profile", "sys_monitoring", "pickle", "dill", "shelve"), _INTROSPECT),
    **dict.fromkeys(("subprocess", "multiprocessing", "threading", "_thread"), _PROCESS),
    **dict.fromkeys(("concurrent", "asyncio", "signal", "pty", "resource", "sched"), _PROCESS),
    **dict.fromkeys(("mmap", "fcntl", "termios", "tty", "pexpect", "posix"), _PROCESS),
    **dict.fromkeys(("socket", "ssl", "http", "urllib", "requests", "ftplib"), _NETWORK),
    **dict.fromkeys(("smtplib", "telnetlib", "selectors", "select", "webbrowser"), _NETWORK),
}

_FILES = "mengubah berkas atau folder di luar jawaban"
#: Attributes that are reason to look whatever they belong to (distinctive names).
ATTRIBUTES = {
    **dict.fromkeys(
        ("settrace", "setprofile", "_getframe", "_current_frames", "addaudithook"),
        "memasang atau membaca kait trace Python",
    ),
    **dict.fromkeys(
        ("meta_path", "path_hooks", "path_importer_cache"),
        "mengubah daftar modul atau cara impor Python",
    ),
    **dict.fromkeys(("excepthook", "displayhook"), "mengganti penangan galat atau tampilan"),
    **dict.fromkeys(
        ("input_transformers_cleanup", "input_transformers_post", "ast_transformers"),
        "memasang pengubah kode sel IPython",
    ),
    **dict.fromkeys(("input_transformer_manager", "set_custom_exc", "run_cell"), _KERNEL),
    **dict.fromkeys(("run_code", "showtraceback", "run_ast_nodes", "do_execute"), _KERNEL),
    **dict.fromkeys(
        ("f_globals", "f_locals", "f_back", "f_code", "f_trace", "f_lineno", "gi_frame"),
        _INTROSPECT,
    ),
    **dict.fromkeys(("cr_frame", "ag_frame", "tb_frame", "tb_next", "co_code"), _INTROSPECT),
    **dict.fromkeys(("forkpty", "killpg", "posix_spawn", "posix_spawnp", "setsid"), _PROCESS),
    **dict.fromkeys(("setpgid", "setpgrp", "pidfd_open", "dup2", "setitimer"), _PROCESS),
    **dict.fromkeys(("call_soon", "call_later", "create_task", "ensure_future"), _PROCESS),
    **dict.fromkeys(("chroot", "symlink_to", "mkfifo", "mknod", "rmtree"), _FILES),
    **dict.fromkeys(("putenv", "unsetenv"), "mengubah lingkungan proses"),
}
#: Attributes that are reason to look on the modules that own them (os.remove, not
#: list.remove; os.rename, not DataFrame.rename).
SYSTEM_ROOTS = frozenset({"os", "sys", "shutil", "signal", "posix", "pathlib", "Path"})
SYSTEM_ATTRIBUTES = {
    **dict.fromkeys(("fork", "kill", "system", "popen", "spawnl", "spawnv", "abort"), _PROCESS),
    **dict.fromkeys(("chdir", "chmod", "chown", "remove", "unlink", "rmdir", "removedirs"), _FILES),
    **dict.fromkeys(("rename", "renames", "replace", "symlink", "link", "move"), _FILES),
    "modules": "mengubah daftar modul atau cara impor Python",
    "environ": "mengubah lingkungan proses",
}

#: Dunder attributes that are ordinary to read (everything else dunder is reason to look).
PLAIN_DUNDERS = frozenset({"__name__", "__doc__", "__version__", "__file__", "__len__"})
#: Methods whose definition makes an object answer tests its own way.
OWN_RULES = frozenset(
    {
        "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__float__",
        "__int__", "__index__", "__complex__", "__hash__", "__contains__", "__len__",
        "__getattr__", "__getattribute__", "__instancecheck__", "__subclasscheck__", "__del__",
        "__array__", "__array_ufunc__", "__array_function__", "__round__", "__abs__",
        "__init_subclass__", "__set_name__", "__class_getitem__", "__iter__", "__getitem__",
    }
)  # fmt: skip
#: Names that reach the kernel or hide what code runs.
NAMES = {
    "get_ipython": _KERNEL,
    "In": "membaca riwayat sel (termasuk kode uji)",
    "Out": "membaca riwayat sel (termasuk kode uji)",
    "_ih": "membaca riwayat sel (termasuk kode uji)",
    "_oh": "membaca riwayat sel (termasuk kode uji)",
    "_dh": "membaca riwayat sel (termasuk kode uji)",
    "exec": _RUN_CODE,
    "eval": _RUN_CODE,
    "compile": _RUN_CODE,
    "__import__": _RUN_CODE,
    "__builtins__": "mengubah fungsi bawaan Python",
    "globals": "membaca atau mengubah ruang nama secara tidak langsung",
    "breakpoint": _INTROSPECT,
}
_HISTORY = re.compile(r"^_i{1,3}\d*$")
#: IPython magics that only measure or show (anything else is reason to look).
PLAIN_MAGICS = frozenset(
    {
        "matplotlib", "time", "timeit", "who", "who_ls", "whos", "precision", "pprint",
        "pinfo", "pinfo2", "pdef", "pdoc", "lsmagic", "magic", "capture", "markdown", "html",
        "HTML", "latex", "svg", "config_matplotlib",
    }
)  # fmt: skip
_OUTSIDE = re.compile(r"^(/[^/\s]|~[/\\]|[A-Za-z]:[\\/])|(^|[\\/])\.\.([\\/]|$)")
_BUILTIN_NAMES = frozenset(n for n in dir(builtins) if not n.startswith("_"))


def _reads_outside(text: str) -> bool:
    return bool(_OUTSIDE.search(text)) and "://" not in text


class _Checker(ast.NodeVisitor):
    """Collects (line, reason) for one cell's code (see module doc)."""

    def __init__(self, course: CourseNames) -> None:
        self.found: list[tuple[int, str]] = []
        # Names bound by imports (the course's and the learner's): patching them is patching
        # a library. The course's module aliases (pd, np) must not be rebound.
        self.modules = set(course.aliases) | set(course.bound)
        self.course_modules = set(course.aliases)

    def flag(self, node: ast.AST, reason: str) -> None:
        self.found.append((getattr(node, "lineno", 1), reason))

    # imports
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._module(node, alias.name)
            bound = alias.asname or alias.name.split(".")[0]
            self.modules.add(bound)
            self._rebinds(node, bound, callable_value=True)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self._module(node, node.module or "")
        for alias in node.names:
            if alias.name in ATTRIBUTES or alias.name in NAMES:
                self.flag(node, ATTRIBUTES.get(alias.name) or NAMES[alias.name])
            self.modules.add(alias.asname or alias.name)
            self._rebinds(node, alias.asname or alias.name, callable_value=True)

    def _module(self, node: ast.AST, name: str) -> None:
        top = name.split(".")[0]
        if top in MODULES:
            self.flag(node, f"{MODULES[top]} (modul {name})")

    # names and attributes
    def visit_Name(self, node: ast.Name) -> None:
        reason = NAMES.get(node.id)
        if reason is None and _HISTORY.match(node.id):
            reason = NAMES["_ih"]
        if reason is not None:
            self.flag(node, f"{reason} ({node.id})")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        attr = node.attr
        if attr.startswith("__") and attr.endswith("__") and attr not in PLAIN_DUNDERS:
            self.flag(node, f"{_INTROSPECT} ({attr})")
        elif attr in ATTRIBUTES:
            self.flag(node, f"{ATTRIBUTES[attr]} ({attr})")
        elif _root_name(node) in SYSTEM_ROOTS and (
            attr in SYSTEM_ATTRIBUTES or attr.startswith(("exec", "spawn"))
        ):
            reason = SYSTEM_ATTRIBUTES.get(attr, _PROCESS)
            self.flag(node, f"{reason} ({_dotted(node)})")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and _reads_outside(node.value):
            self.flag(node, f"menyebut berkas di luar folder tugas ({node.value[:60]!r})")

    # calls
    def visit_Call(self, node: ast.Call) -> None:
        magic = _magic(node)
        if magic is not None:
            kind, name = magic
            if kind == "system" or name not in PLAIN_MAGICS:
                shown = "!" if kind == "system" else ("%%" if kind == "cell" else "%") + name
                self.flag(node, f"menjalankan perintah IPython atau shell ({shown})")
            for arg in node.args[1:]:
                self.visit(arg)
            return
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("getattr", "setattr", "delattr", "vars"):
            self._dynamic(node, func.id)
        if isinstance(func, ast.Name) and func.id == "type" and len(node.args) == 3:
            self.flag(node, f"{_INTROSPECT} (type dengan tiga argumen)")
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "register"
            and "events" in _dotted(func)
        ):
            self.flag(node, "mendaftarkan kait event IPython")
        self.generic_visit(node)

    def _dynamic(self, node: ast.Call, name: str) -> None:
        if len(node.args) < 2 and name != "vars":
            return
        if name == "vars":
            if node.args and _root_name(node.args[0]) in self.modules:
                self.flag(node, f"{_INTROSPECT} (vars pada modul)")
            return
        target, attr = node.args[0], node.args[1]
        if not (isinstance(attr, ast.Constant) and isinstance(attr.value, str)):
            self.flag(node, f"{_INTROSPECT} ({name} dengan nama atribut yang dihitung)")
        elif name != "getattr" and _root_name(target) in self.modules:
            self.flag(node, f"mengubah modul atau fungsi pustaka ({name} {attr.value!r})")
        elif attr.value.startswith("__") or attr.value in ATTRIBUTES:
            self.flag(node, f"{_INTROSPECT} ({name} {attr.value!r})")

    # definitions and assignments
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._rebinds(node, node.name, callable_value=True)
        for item in node.body:
            names = []
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [item.name]
            elif isinstance(item, ast.Assign):
                names = [t.id for t in item.targets if isinstance(t, ast.Name)]
            for name in names:
                if name in OWN_RULES:
                    self.flag(item, f"mendefinisikan perbandingan atau konversi sendiri ({name})")
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._rebinds(node, node.name, callable_value=True)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._target(target, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._target(node.target, node.value)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._target(node.target, node.value)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._target(target, None)
        self.generic_visit(node)

    def _target(self, target: ast.AST, value: ast.AST | None) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._target(element, None)
        elif isinstance(target, ast.Name):
            callable_value = isinstance(value, (ast.Lambda, ast.Name, ast.Attribute))
            self._rebinds(target, target.id, callable_value=callable_value)
            if target.id in self.course_modules and value is not None:
                self.flag(target, f"mengganti nama modul yang disiapkan kursus ({target.id})")
        elif isinstance(target, ast.Attribute):
            chain = _dotted(target)
            if target.attr in ("stdout", "stderr", "stdin") and _root_name(target) == "sys":
                self.flag(target, f"mengganti aliran keluaran Python (sys.{target.attr})")
            elif _root_name(target) in self.modules and ".options." not in f".{chain}.":
                self.flag(target, f"mengubah modul atau fungsi pustaka ({chain})")

    def _rebinds(self, node: ast.AST, name: str, *, callable_value: bool) -> None:
        if name in _BUILTIN_NAMES and callable_value:
            self.flag(node, f"menimpa fungsi bawaan Python ({name})")


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        else:
            node = node.func if isinstance(node, ast.Call) else node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _magic(node: ast.Call) -> tuple[str, str] | None:
    """``get_ipython().run_line_magic('name', ...)`` and friends, as IPython writes magics."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "get_ipython"
    ):
        return None
    kinds = {"run_line_magic": "line", "run_cell_magic": "cell", "system": "system"}
    kinds["getoutput"] = "system"
    if func.attr not in kinds:
        return None
    first = node.args[0] if node.args else None
    name = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
    return kinds[func.attr], name


def _python(source: str) -> str:
    """The cell's source as Python (IPython's magics and ``!`` commands written out)."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:
        return source


@dataclass(frozen=True)
class CourseNames:
    """What the course's own cells import: dotted module names, the aliases ``import``
    binds (``pd``, ``np``) and the names ``from ... import`` binds (``data``)."""

    modules: tuple[str, ...] = ()
    aliases: frozenset[str] = frozenset()
    bound: frozenset[str] = frozenset()


def inspect_code(source: str, course: CourseNames | None = None) -> list[tuple[int, str]]:
    """(line, reason) for each suspicious spot of one cell's code (see module doc)."""
    try:
        tree = ast.parse(_python(source))
    except (SyntaxError, ValueError):
        return []  # the cell fails when it runs, and scores nothing
    checker = _Checker(course or CourseNames())
    checker.visit(tree)
    return sorted(set(checker.found))


def _cells(path: Path) -> list[dict]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    cells = nb.get("cells", []) if isinstance(nb, dict) else []
    return [c for c in cells if isinstance(c, dict)]


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _meta(cell: dict) -> dict:
    meta = (cell.get("metadata") or {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def _is_course(cell: dict, known: set[str]) -> bool:
    meta = _meta(cell)
    course = meta.get("locked") or (meta.get("grade") and not meta.get("solution"))
    return bool(course) and str(meta.get("grade_id")) in known


def course_imports(notebooks) -> CourseNames:
    """What the course's own cells (locked and test cells) of ``notebooks`` import (the kernel
    loads those modules before its snapshot, so it can restore them)."""
    modules: list[str] = []
    aliases: set[str] = set()
    bound: set[str] = set()
    for path in notebooks:
        for cell in _cells(Path(path)):
            meta = _meta(cell)
            if cell.get("cell_type") != "code" or not (
                meta.get("locked") or (meta.get("grade") and not meta.get("solution"))
            ):
                continue
            try:
                tree = ast.parse(_python(_source(cell)))
            except (SyntaxError, ValueError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules += [a.name for a in node.names]
                    aliases |= {a.asname or a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.append(node.module)
                    names = [a for a in node.names if a.name != "*"]
                    # ``from workbench import skm``: skm may be a module of its own.
                    modules += [f"{node.module}.{a.name}" for a in names]
                    bound |= {a.asname or a.name for a in names}
    return CourseNames(tuple(dict.fromkeys(modules)), frozenset(aliases), frozenset(bound))


def inspect_submission(folder: Path, release: Path) -> list[Finding]:
    """Every finding in the learner-written code cells of the submitted notebooks in
    ``folder`` (the released notebooks in ``release`` tell which cells are the course's)."""
    findings: list[Finding] = []
    for blank in sorted(release.glob("*.ipynb")):
        path = folder / blank.name
        if not path.is_file():
            continue
        released = _cells(blank)
        known = {str(_meta(c).get("grade_id")) for c in released if _meta(c)}
        given = {_source(c) for c in released if c.get("cell_type") == "code"}
        course = course_imports([blank])
        for index, cell in enumerate(_cells(path)):
            if cell.get("cell_type") != "code" or _is_course(cell, known):
                continue
            source = _source(cell)
            if source in given:
                continue
            label = str(_meta(cell).get("grade_id") or f"sel {index + 1}")
            for line, reason in inspect_code(source, course):
                findings.append(Finding(blank.name, label, line, reason))
    return findings
