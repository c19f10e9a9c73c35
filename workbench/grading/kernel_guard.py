"""The grading kernel: ipykernel whose course cells run with the hooks the installation set.

Run by path inside the sandbox (:mod:`workbench.grading.sandbox`), never imported by the grader:
``python -P kernel_guard.py [--wb-source DIR] [--wb-preload MOD,MOD] [--wb-nproc N] -f FILE``.
Standard library, IPython and ipykernel only, so no workbench import costs a kernel start.

Learner code runs in the same process as the course's test cells, so it can reach for the
machinery that runs them: an input or AST transformer that empties a test cell, an event
callback that prints its source, ``sys.settrace``, a patched builtin or pandas function, a
patched shell method. Before it runs, this kernel takes a :class:`Snapshot` of all of that.
The grader marks each cell of the course (test cells and locked cells, whose source nbgrader
takes from its gradebook) in the execute request's metadata, and before such a cell runs the
kernel puts the snapshot back (:meth:`Snapshot.restore`):

* builtins, the modules the course imports (their namespaces, the classes and the code of the
  functions in them), ``sys`` hooks (trace, profile, excepthook, displayhook, streams,
  import hooks), ``gc`` callbacks, signal handlers and interval timers;
* the shell and kernel objects and their classes (``run_cell``, ``showtraceback``,
  ``do_execute`` ...), input and AST transformers, event callbacks, display formatters, the
  message handlers; a callback the installation itself added later (matplotlib's inline
  figure flush) is kept, anything defined by learner code is dropped;
* asyncio tasks and loop callbacks whose code is learner code are cancelled, so nothing of
  the learner's runs between the restore and the cell.

The snapshot is held in the closure of :meth:`GuardedKernel.shell_main`, the callback ipykernel
registered before learner code ran; reaching it, or anything else this module restores, takes
introspection (``gc``, ``ctypes``, frames, ``__closure__``, ``get_ipython``) that the grader's
static check (:mod:`workbench.grading.inspection`) flags for the trainer. A learner thread still
running when a course cell starts is reported on the kernel's log (the grader reads it).
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import functools
import gc
import os
import shutil
import signal
import sys
import threading
import types
import typing

#: Objects whose instance attributes (callables only) are restored, by attribute path.
_TRACKED = (
    "kernel",
    "kernel.session",
    "shell",
    "shell.displayhook",
    "shell.display_pub",
    "shell.display_formatter",
    "shell.events",
    "shell.compile",
    "shell.input_transformer_manager",
    "shell.InteractiveTB",
    "shell.SyntaxTB",
    "shell.history_manager",
)
#: Attributes of those objects that are containers of hooks (restored by content).
_HOOK_LISTS = (
    ("shell", "input_transformers_cleanup"),
    ("shell", "input_transformers_post"),
    ("shell", "ast_transformers"),
    ("shell.input_transformer_manager", "cleanup_transforms"),
    ("shell.input_transformer_manager", "line_transforms"),
    ("shell.input_transformer_manager", "token_transformers"),
)
_SYS_HOOKS = ("excepthook", "displayhook", "stdout", "stderr", "stdin")
_ALWAYS = ("builtins", "sys", "threading", "gc", "signal", "asyncio", "types")
_TIMERS = ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF")


def _get(root: dict, path: str):
    head, *rest = path.split(".")
    obj = root[head]
    for name in rest:
        obj = getattr(obj, name)
    return obj


def trusted_roots() -> tuple[str, ...]:
    """Folders holding the installation's own code (read-only in the sandbox)."""
    import site
    import sysconfig

    roots = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    roots |= set(site.getsitepackages())
    roots |= {p for p in sys.path if p and os.path.isdir(p) and p != os.getcwd()}
    roots.add(os.path.dirname(os.path.abspath(__file__)))  # this kernel's own code
    with contextlib.suppress(ImportError, ValueError, AttributeError):
        import importlib.util

        spec = importlib.util.find_spec("workbench")  # the course library (read-only inside)
        roots |= set(spec.submodule_search_locations or [])
    return tuple(sorted(os.path.join(os.path.realpath(r), "") for r in roots if r))


def _unwrap(obj, depth: int = 0):
    """The function behind a method, partial, property or class/static method."""
    if depth > 8:
        return obj
    for attr in ("__func__", "func", "fget"):
        inner = getattr(obj, attr, None) if not isinstance(obj, type) else None
        if inner is not None and (
            callable(inner) or isinstance(inner, (classmethod, staticmethod))
        ):
            if attr == "func" and not isinstance(obj, functools.partial):
                continue
            return _unwrap(inner, depth + 1)
    return obj


def installation_made(obj, roots: tuple[str, ...]) -> bool:
    """Positive evidence that ``obj`` is the installation's code: a Python function, or an
    instance of a class, defined in a file under ``roots`` (learner code is compiled from
    cells, never from those read-only folders). Partials are judged by what they wrap."""
    if isinstance(obj, functools.partial):
        parts = [obj.func, *obj.args, *obj.keywords.values()]
        return all(installation_made(p, roots) or not callable(p) for p in parts)
    func = _unwrap(obj)
    if isinstance(func, types.FunctionType):
        return _trusted_file(func.__code__.co_filename, roots)
    if isinstance(func, type):
        return _trusted_file(getattr(sys.modules.get(func.__module__), "__file__", ""), roots)
    if callable(func) and not isinstance(func, types.BuiltinFunctionType):
        kind = type(func)
        if kind.__module__ in ("__main__", "builtins"):
            return False
        return _trusted_file(getattr(sys.modules.get(kind.__module__), "__file__", ""), roots)
    return False


def _trusted_file(filename: str | None, roots: tuple[str, ...]) -> bool:
    filename = filename or ""
    return filename.startswith("/") and os.path.realpath(filename).startswith(roots)


def _restorable(value) -> bool:
    """Values of module and class namespaces that are code (never data, which libraries
    legitimately change: caches, flags, registries)."""
    return isinstance(
        value,
        (
            types.FunctionType,
            types.BuiltinFunctionType,
            type,
            classmethod,
            staticmethod,
            property,
            functools.partial,
        ),
    )


class Snapshot:
    """What learner code must not change for the course's cells (see module doc)."""

    def __init__(self, kernel, modules: list[str]) -> None:
        self.roots = trusted_roots()
        self.objects = {"kernel": kernel, "shell": kernel.shell}
        self.tracked = {}
        for path in _TRACKED:
            with contextlib.suppress(AttributeError):
                self.tracked[path] = _get(self.objects, path)
        self.instance = {
            path: {k: v for k, v in vars(obj).items() if callable(v)}
            for path, obj in self.tracked.items()
            if hasattr(obj, "__dict__")
        }
        self.lists = {}
        for owner, name in _HOOK_LISTS:
            with contextlib.suppress(AttributeError):
                self.lists[(owner, name)] = list(getattr(_get(self.objects, owner), name))
        shell = kernel.shell
        self.events = {k: list(v) for k, v in shell.events.callbacks.items()}
        self.printers = {
            kind: (dict(f.type_printers), dict(f.deferred_printers), dict(f.singleton_printers))
            for kind, f in shell.display_formatter.formatters.items()
        }
        self.custom = (shell.custom_exceptions, shell.CustomTB)
        self.handlers = dict(kernel.shell_handlers), dict(kernel.control_handlers)
        self.sys_hooks = {name: getattr(sys, name) for name in _SYS_HOOKS}
        self.trace = sys.gettrace(), sys.getprofile()
        self.import_hooks = list(sys.meta_path), list(sys.path_hooks)
        self.gc_callbacks = list(gc.callbacks)
        self.signals = {s: signal.getsignal(s) for s in signal.valid_signals()}
        names = sorted({*_ALWAYS, *modules} & set(sys.modules))
        self.modules = {name: sys.modules[name] for name in names}
        self.namespaces = {
            name: {k: v for k, v in vars(mod).items() if _restorable(v)}
            for name, mod in self.modules.items()
        }
        self.classes = {}
        self.keys = {
            path: frozenset(vars(obj))
            for path, obj in self.tracked.items()
            if hasattr(obj, "__dict__")
        }
        self.code = {}
        for owner in [*self.tracked.values(), *self.modules.values()]:
            self._remember(owner)

    def _remember(self, owner) -> None:
        values = vars(owner).values() if isinstance(owner, types.ModuleType) else ()
        classes = [c for c in type(owner).__mro__ if c is not object]
        for value in values:
            if isinstance(value, type):
                classes.extend(c for c in value.__mro__ if c is not object)
            elif isinstance(value, types.FunctionType):
                self.code[value] = (value.__code__, value.__defaults__, value.__kwdefaults__)
        for cls in classes:
            if cls not in self.classes and _mutable(cls):
                self.classes[cls] = {k: v for k, v in vars(cls).items() if _restorable(v)}
                self.keys[cls] = frozenset(vars(cls))
                for member in vars(cls).values():
                    member = _unwrap(member)
                    if isinstance(member, types.FunctionType):
                        self.code[member] = (
                            member.__code__,
                            member.__defaults__,
                            member.__kwdefaults__,
                        )

    def _changed(self, current, saved) -> bool:
        """Whether ``current`` replaced ``saved`` and is not the installation's own doing."""
        return current is not saved and not installation_made(current, self.roots)

    # --- restore --------------------------------------------------------------------------------
    def restore(self) -> list[str]:
        """Put the snapshot back (see module doc); returns what learner code had changed."""
        found: list[str] = []
        self._restore_runtime(found)
        self._restore_namespaces(found)
        self._restore_objects(found)
        self._restore_hooks(found)
        self._restore_tasks(found)
        return found

    def _restore_runtime(self, found: list[str]) -> None:
        if not _same((sys.gettrace(), sys.getprofile()), self.trace):
            found.append("sys.settrace/setprofile")
        sys.settrace(self.trace[0])
        sys.setprofile(self.trace[1])
        self._restore_signals(found)
        for name, value in self.sys_hooks.items():
            if getattr(sys, name) is not value:
                found.append(f"sys.{name}")
                setattr(sys, name, value)
        meta, hooks = self.import_hooks
        if not (_same(sys.meta_path, meta) and _same(sys.path_hooks, hooks)):
            found.append("sys.meta_path")
            sys.meta_path[:] = meta
            sys.path_hooks[:] = hooks
        if not _same(gc.callbacks, self.gc_callbacks):
            found.append("gc.callbacks")
            gc.callbacks[:] = self.gc_callbacks
        for thread in threading.enumerate():
            target = getattr(thread, "_target", None)
            run = getattr(type(thread), "run", None)
            if _learner_code(target, self.roots) or _learner_code(run, self.roots):
                found.append("thread")

    def _restore_signals(self, found: list[str]) -> None:
        """Handlers back, timers and alarms off (a timer's handler could run mid-test)."""
        for timer in _TIMERS:
            if hasattr(signal, timer) and signal.getitimer(getattr(signal, timer))[0]:
                found.append("signal.setitimer")
                signal.setitimer(getattr(signal, timer), 0)
        if hasattr(signal, "alarm") and signal.alarm(0):
            found.append("signal.alarm")
        for number, handler in self.signals.items():
            if signal.getsignal(number) is not handler and handler is not None:
                found.append(f"signal {number}")
                with contextlib.suppress(OSError, ValueError, TypeError):
                    signal.signal(number, handler)

    def _restore_namespaces(self, found: list[str]) -> None:
        for name, module in self.modules.items():
            if sys.modules.get(name) is not module:
                found.append(f"sys.modules[{name!r}]")
                sys.modules[name] = module
            current = vars(module)
            for key, value in self.namespaces[name].items():
                if key not in current or self._changed(current[key], value):
                    found.append(f"{name}.{key}")
                    current[key] = value
        for cls, saved in self.classes.items():
            self._restore_class(cls, saved, found)
        for func, (code, defaults, kwdefaults) in self.code.items():
            if func.__code__ is not code and not _trusted_file(
                func.__code__.co_filename, self.roots
            ):
                found.append(f"{func.__qualname__}.__code__")
                func.__code__ = code
            if func.__defaults__ is not defaults or func.__kwdefaults__ is not kwdefaults:
                found.append(f"{func.__qualname__}.__defaults__")
                func.__defaults__, func.__kwdefaults__ = defaults, kwdefaults

    def _restore_class(self, cls: type, saved: dict, found: list[str]) -> None:
        current = vars(cls)
        for key, value in saved.items():
            if key not in current or self._changed(current[key], value):
                found.append(f"{cls.__qualname__}.{key}")
                with contextlib.suppress(AttributeError, TypeError):
                    setattr(cls, key, value)
        for key, value in list(current.items()):
            if key not in self.keys[cls] and _shadows_base(cls, key) and self._changed(value, None):
                found.append(f"{cls.__qualname__}.{key}")
                with contextlib.suppress(AttributeError, TypeError):
                    delattr(cls, key)

    def _restore_objects(self, found: list[str]) -> None:
        for path, obj in self.tracked.items():
            owner_path, _, attr = path.rpartition(".")
            with contextlib.suppress(AttributeError):
                owner = _get(self.objects, owner_path) if owner_path else None
                if owner is not None and getattr(owner, attr) is not obj:
                    found.append(path)
                    setattr(owner, attr, obj)
        self._restore_instances(found)
        self._restore_shell(found)

    def _restore_instances(self, found: list[str]) -> None:
        """Methods patched onto the tracked objects themselves (``shell.run_cell = ...``)."""
        for path, saved in self.instance.items():
            current = vars(self.tracked[path])
            for key in [k for k in current if k not in self.keys[path]]:
                if _shadows(self.tracked[path], key) and self._changed(current[key], None):
                    found.append(f"{path}.{key}")
                    del current[key]
            for key, value in saved.items():
                if key not in current or self._changed(current[key], value):
                    found.append(f"{path}.{key}")
                    current[key] = value

    def _restore_shell(self, found: list[str]) -> None:
        shell = self.objects["shell"]
        if shell.user_ns.get("__builtins__") is not builtins:
            found.append("__builtins__")
            shell.user_ns["__builtins__"] = builtins
        if not _same((shell.custom_exceptions, shell.CustomTB), self.custom):
            found.append("set_custom_exc")
            shell.custom_exceptions, shell.CustomTB = self.custom
        kernel = self.objects["kernel"]
        for current, saved in zip(
            (kernel.shell_handlers, kernel.control_handlers), self.handlers, strict=True
        ):
            if current.keys() != saved.keys() or not _same(current.values(), saved.values()):
                found.append("kernel handlers")
                current.clear()
                current.update(saved)

    def _restore_hooks(self, found: list[str]) -> None:
        for (owner, name), saved in self.lists.items():
            holder = _get(self.objects, owner)
            target = getattr(holder, name)
            if type(target) is list and _same(target, saved):
                continue
            found.append(f"{owner}.{name}")
            if type(target) is list:
                # In place: the shell and its transformer manager share some of these lists.
                target[:] = saved
            else:
                # A replaced container. Some names are read-only properties of the shell
                # (input_transformers_cleanup): their list is restored through its owner above.
                with contextlib.suppress(AttributeError):
                    setattr(holder, name, list(saved))
        self._restore_events(found)
        self._restore_printers(found)

    def _restore_events(self, found: list[str]) -> None:
        """Event callbacks: the snapshot's, plus those the installation's code added."""
        shell = self.objects["shell"]
        for event, callbacks in shell.events.callbacks.items():
            saved = self.events.get(event, [])
            added = [c for c in callbacks if not _among(c, saved)]
            kept = [c for c in added if installation_made(c, self.roots)]
            if len(kept) != len(added) or any(not _among(c, callbacks) for c in saved):
                found.append(f"events {event}")
            callbacks[:] = saved + kept

    def _restore_printers(self, found: list[str]) -> None:
        """Display formatters' printers: the snapshot's, plus the installation's (matplotlib)."""
        shell = self.objects["shell"]
        for kind, formatter in shell.display_formatter.formatters.items():
            tables = (
                formatter.type_printers,
                formatter.deferred_printers,
                formatter.singleton_printers,
            )
            for table, saved in zip(tables, self.printers.get(kind, ({}, {}, {})), strict=True):
                merged = dict(saved)
                for key, value in table.items():
                    if saved.get(key) is value:
                        continue
                    if installation_made(value, self.roots):
                        merged[key] = value
                    else:
                        found.append(f"formatter {kind}")
                table.clear()
                table.update(merged)

    def _restore_tasks(self, found: list[str]) -> None:
        """Cancel learner coroutines and loop callbacks, so none runs inside a course cell."""
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            return
        current = asyncio.current_task(loop)
        for task in asyncio.all_tasks(loop):
            if task is current:
                continue
            coro = task.get_coro()
            code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
            if code is not None and not _trusted_file(code.co_filename, self.roots):
                found.append("asyncio task")
                task.cancel()
        for handle in [*getattr(loop, "_ready", ()), *getattr(loop, "_scheduled", ())]:
            parts = [getattr(handle, "_callback", None), *(getattr(handle, "_args", None) or ())]
            if not handle.cancelled() and any(_learner_code(p, self.roots) for p in parts):
                found.append("loop callback")
                handle.cancel()


def _same(current, saved) -> bool:
    """The same objects in the same order, compared by identity: learner objects in a hook
    list may define ``__eq__`` (to raise, or to claim to be anything)."""
    current, saved = list(current), list(saved)
    return len(current) == len(saved) and all(a is b for a, b in zip(current, saved, strict=True))


def _among(obj, items) -> bool:
    return any(obj is item for item in items)


def _learner_code(obj, roots: tuple[str, ...]) -> bool:
    """Positive evidence of learner code: a Python function compiled outside ``roots``, or a
    built-in that runs code or replaces hooks (``exec``, ``setattr``, ``sys.settrace``)."""
    if isinstance(obj, functools.partial):
        return any(_learner_code(p, roots) for p in (obj.func, *obj.args))
    func = _unwrap(obj)
    if isinstance(func, types.FunctionType):
        return not _trusted_file(func.__code__.co_filename, roots)
    return isinstance(func, types.BuiltinFunctionType) and func.__name__ in _DANGEROUS_BUILTINS


_DANGEROUS_BUILTINS = frozenset(
    {"exec", "eval", "compile", "setattr", "delattr", "__import__", "settrace", "setprofile"}
)


def _mutable(cls: type) -> bool:
    """Classes whose dict learner code could change (Python classes, not C types)."""
    heap, immutable = 1 << 9, 1 << 8  # Py_TPFLAGS_HEAPTYPE, Py_TPFLAGS_IMMUTABLETYPE
    return bool(cls.__flags__ & heap) and not cls.__flags__ & immutable


def _shadows(obj, name: str) -> bool:
    """Whether an instance attribute ``name`` hides a callable of the object's class."""
    return any(callable(vars(c).get(name)) for c in type(obj).__mro__ if name in vars(c))


def _shadows_base(cls: type, name: str) -> bool:
    return any(name in vars(base) for base in cls.__mro__[1:])


def _guarded_kernel_class():
    """The kernel class (defined late: importing ipykernel is part of the kernel's start)."""
    from ipykernel.ipkernel import IPythonKernel

    class GuardedKernel(IPythonKernel):
        """IPythonKernel that restores its snapshot before each course cell (module doc)."""

        preload: typing.ClassVar[list[str]] = []

        def start(self):
            preload_modules(self.preload)
            session, held = self.session, {}

            async def shell_main(subshell_id, msg):
                if _is_course_cell(session, msg):
                    try:
                        changed = held["snapshot"].restore()
                    except BaseException as exc:
                        # Learner code made the restore itself fail (an object whose __eq__
                        # or __len__ raises, say). Never run a course cell unrestored: end the
                        # kernel now, so the grader sees it at once (not after a cell timeout)
                        # and grades the work as one it could not run.
                        _report([f"pemulihan gagal ({type(exc).__name__})"])
                        os._exit(70)
                    if changed:
                        _report(changed)
                await IPythonKernel.shell_main(self, subshell_id, msg)

            self.shell_main = shell_main  # registered by start(): later changes do not count
            held["snapshot"] = Snapshot(self, self.preload)
            super().start()

    return GuardedKernel


def _is_course_cell(session, msg) -> bool:
    try:
        _, frames = session.feed_identities(msg, copy=False)
        parsed = session.deserialize(frames, content=False, copy=False)
    except Exception:
        return False
    header, metadata = parsed.get("header") or {}, parsed.get("metadata") or {}
    return header.get("msg_type") == "execute_request" and bool(
        (metadata.get("workbench") or {}).get("kursus")
    )


def _report(changed: list[str]) -> None:
    """Tell the grader (the kernel's log, fd 2 as started) what learner code had changed."""
    text = "WORKBENCH-PULIH " + ", ".join(dict.fromkeys(changed))[:2000] + "\n"
    with contextlib.suppress(OSError):
        os.write(_LOG_FD, text.encode("utf-8", "replace"))


#: The kernel's log: a duplicate of the standard error it was started with (before ipykernel
#: replaces sys.stderr), so learner code that closes fd 2 does not silence it.
_LOG_FD = 2


def preload_modules(names: list[str]) -> None:
    """Import what the course's cells import (a missing module fails in the cell itself)."""
    for name in names:
        with contextlib.suppress(Exception):
            __import__(name)


def _options(argv: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split this script's own ``--wb-*`` options from the kernel's arguments."""
    options, rest = {}, []
    args = iter(argv)
    for arg in args:
        if arg.startswith("--wb-"):
            options[arg[5:]] = next(args, "")
        else:
            rest.append(arg)
    return options, rest


def _prepare(options: dict[str, str]) -> None:
    """Before any learner code: process limit, working folder with the assignment's files."""
    global _LOG_FD
    _LOG_FD = os.dup(2)
    if options.get("nproc") and hasattr(os, "fork"):
        import resource

        budget = int(options["nproc"])
        resource.setrlimit(resource.RLIMIT_NPROC, (budget, budget))
    source = options.get("source")
    if source and os.path.isdir(source):
        for folder, dirs, files in os.walk(source):
            dirs[:] = [d for d in dirs if d != ".ipynb_checkpoints"]
            relative = os.path.relpath(folder, source)
            for name in files:
                if name.endswith(".ipynb"):
                    continue  # notebooks (the one being graded holds the hidden tests)
                target = os.path.normpath(os.path.join(os.getcwd(), relative, name))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with contextlib.suppress(OSError):
                    shutil.copyfile(os.path.join(folder, name), target)
    sys.path.insert(0, os.getcwd())  # as `python -m ipykernel_launcher` run in this folder


def main(argv: list[str]) -> None:
    options, rest = _options(argv)
    _prepare(options)
    from ipykernel.kernelapp import IPKernelApp

    kernel_class = _guarded_kernel_class()
    kernel_class.preload = [m for m in options.get("preload", "").split(",") if m]
    app = IPKernelApp.instance(kernel_class=kernel_class)
    app.initialize(rest)
    app.start()


if __name__ == "__main__":
    main(sys.argv[1:])
