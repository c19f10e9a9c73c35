"""Old keyword names that still work, with a warning, after a public parameter is renamed.

The naming rule (``CONTRIBUTING.md``): code names are English; a parameter keeps an Indonesian
name only when it is a term of the regulation or a dataset column. When a public parameter is
renamed to follow it, notebooks and scripts that use the old name keep working: they get a
:class:`DeprecationWarning` in Indonesian naming the new keyword.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import TypeVar

from workbench.errors import WorkbenchError

__all__ = ["renamed"]

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
