"""The ``____`` blank of starter code, and how to tell a value that still holds it.

Its own small module because both the questions (:mod:`workbench.practice.core`) and the cell
history (:mod:`workbench.practice.cells`, which notes the cells that ran on a blank) need it.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["Placeholder", "____", "is_placeholder"]


class Placeholder:
    """The ``____`` blank in starter code: "the learner has not written this yet".

    It absorbs arithmetic, attribute access, calls and indexing, so a starter cell such as
    ``menit = ____ * 60`` runs without an error and the check reports "not attempted"
    instead of "wrong".
    """

    _instance: ClassVar[Placeholder | None] = None

    def __new__(cls) -> Placeholder:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __bool__(self) -> bool:
        return False

    def __hash__(self) -> int:
        return hash("____")

    def __eq__(self, other: object) -> bool:
        return other is self

    def __getattr__(self, name: str) -> Placeholder:
        if name.startswith("_"):  # dunders and IPython's _repr_*_ probes
            raise AttributeError(name)
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Placeholder:
        return self

    def __getitem__(self, key: Any) -> Placeholder:
        return self

    def _absorb(self, *args: Any) -> Placeholder:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _absorb
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _absorb
    __mod__ = __rmod__ = __pow__ = __rpow__ = __neg__ = __pos__ = _absorb
    __lt__ = __le__ = __gt__ = __ge__ = _absorb  # type: ignore[assignment]
    __and__ = __rand__ = __or__ = __ror__ = _absorb


#: The blank a learner replaces with an answer.
____ = Placeholder()


def is_placeholder(value: Any, _depth: int = 0) -> bool:
    """Whether ``value`` is, or still contains, the ``____`` placeholder.

    Containers are read through the builtin types' own methods, so a learner's list or dict
    subclass cannot run code of its own here.
    """
    if value is ____:
        return True
    if _depth > 3:
        return False
    kind = type(value)
    for base in (list, tuple, set, frozenset):
        if issubclass(kind, base):
            return any(is_placeholder(v, _depth + 1) for v in base.__iter__(value))
    if issubclass(kind, dict):
        return any(
            is_placeholder(k, _depth + 1) or is_placeholder(v, _depth + 1)
            for k, v in dict.items(value)
        )
    return False
