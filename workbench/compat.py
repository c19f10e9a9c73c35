"""Old names that still work, with a warning, after a public name is renamed or moved.

The naming rule (``CONTRIBUTING.md``): code names are English; a parameter keeps an Indonesian
name only when it is a term of the regulation or a dataset column. When a public parameter is
renamed to follow it, notebooks and scripts that use the old name keep working: they get a
:class:`DeprecationWarning` in Indonesian naming the new keyword (:func:`renamed`).

When a name leaves a package's public surface or moves to another floor
(``competency.overview`` to ``course.overview``), :func:`moved` serves it from its new home
under the old one, with the same kind of warning. The table of moved names is plain data
(``"workbench.course:overview"``), which the import-graph test reads: an alias is never a
hidden import.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from workbench.errors import WorkbenchError

__all__ = ["moved", "renamed"]

F = TypeVar("F", bound=Callable)


def renamed(**old_to_new: str) -> Callable[[F], F]:
    """Accept each old keyword (``renamed(tingkat="level")``) as its new name, with a warning.

    Giving both the old and the new keyword is an error (which one was meant is unclear).
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            for old, new in old_to_new.items():
                if old not in kwargs:
                    continue
                if new in kwargs:
                    raise WorkbenchError(
                        f"Isi salah satu saja: '{new}=' (nama baru) atau '{old}=' (nama lama)."
                    )
                warnings.warn(
                    f"'{old}=' sudah diganti '{new}=' pada {function.__name__}(); nama lama "
                    "masih berfungsi untuk sementara.",
                    DeprecationWarning,
                    stacklevel=2,
                )
                kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        wrapper.__renamed__ = dict(old_to_new)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def moved(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that serves each old name from its new home, with a warning.

    ``names`` maps the old name to ``"module:attribute"``; use it as
    ``__getattr__ = moved(__name__, {"overview": "workbench.course:overview"})``.
    """
    table = dict(names)

    def __getattr__(name: str) -> Any:
        target = table.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = target.partition(":")
        warnings.warn(
            f"'{package}.{name}' sudah dipindah ke '{module}.{attribute}'; nama lama masih "
            "berfungsi untuk sementara.",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(module), attribute)

    __getattr__.moved = table  # type: ignore[attr-defined]
    return __getattr__
