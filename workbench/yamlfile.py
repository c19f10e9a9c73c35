"""Reading YAML files a person wrote (scenario cards, the suggestion-theme dictionary), safely.

YAML anchors and aliases let 400 bytes expand to billions of values (the "billion laughs"
alias bomb): ``yaml.safe_load`` then runs for minutes, eats gigabytes and an error message that
shows the data becomes screens long. :func:`load` composes the document first (linear in the
file's size, aliases still shared), counts how many values it would expand to, and refuses
a document over :data:`MAX_VALUES` at once with a short Indonesian message. Only then are the
Python values built, with a safe loader.

Times such as ``10:45`` stay text (YAML 1.1 would read them as the sexagesimal number 645),
so clock times in cards read as people wrote them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from workbench import formatting as fmt
from workbench.errors import Problem, WorkbenchError, os_reason

__all__ = ["MAX_BYTES", "MAX_VALUES", "load"]

#: The most values (scalars, lists, mappings) a document may expand to, aliases counted out.
MAX_VALUES = 100_000
#: The largest file accepted (a scenario card or theme dictionary is a few kilobytes).
MAX_BYTES = 2_000_000


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps ``10:45`` as text (YAML 1.1 would read it as 645)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:int"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)


def load(source: str | os.PathLike, *, what: str = "Berkas YAML", text: str | None = None) -> Any:
    """The Python value of the YAML document in ``source`` (a path), or in ``text`` if given.

    ``what`` names the document in messages ("Kartu skenario", "Kamus tema"); ``source`` is
    used as its name when ``text`` is given. Raises :class:`WorkbenchError` for a missing or
    unreadable file, a file over :data:`MAX_BYTES`, invalid YAML (with its line) and a
    document that expands to more than :data:`MAX_VALUES` values.
    """
    name = Path(source).name if source else "teks"
    if text is None:
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise WorkbenchError(
                    f"{what} {name} terlalu besar ({fmt.count(size)} bita; paling besar "
                    f"{fmt.count(MAX_BYTES)} bita)."
                )
            raw = path.read_bytes()
        except OSError as exc:
            raise WorkbenchError(f"{what} {path} {os_reason(exc)}.") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    elif len(text) > MAX_BYTES:
        raise WorkbenchError(f"{what} {name} terlalu besar.")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, what, name)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problem = str(getattr(exc, "problem", None) or "tidak bisa dibaca")
        raise WorkbenchError(
            f"{what} {name} bukan YAML yang sah. Periksa indentasi (spasi, bukan tab) dan tanda "
            "titik dua.",
            [Problem(problem[:200], file=name, row=row)],
        ) from None
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, what: str, name: str) -> None:
    """Refuse a document whose values, with every alias expanded, exceed :data:`MAX_VALUES`."""
    sizes: dict[int, int] = {}
    entered: set[int] = set()
    # Post-order walk without recursion (a deeply nested document must not overflow the stack).
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not done and children:
            if id(node) in entered:  # an alias inside its own anchor: endless
                raise WorkbenchError(
                    f"{what} {name} ditolak: sebuah alias YAML (*) merujuk ke dirinya sendiri."
                )
            entered.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        total = 1 + sum(sizes.get(id(c), 1) for c in children)
        sizes[id(node)] = min(total, MAX_VALUES + 1)
        if total > MAX_VALUES:
            raise WorkbenchError(
                f"{what} {name} ditolak: alias YAML (& dan *) di dalamnya mengembang menjadi "
                f"lebih dari {fmt.count(MAX_VALUES)} nilai. Tulis isinya langsung tanpa alias "
                "berlapis."
            )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
