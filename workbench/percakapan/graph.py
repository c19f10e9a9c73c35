"""A picture of a scenario's graph, for authors: which moment leads where, and how it ends.

:func:`graph_figure` draws the nodes left to right in the order a conversation meets them
(each node in the column of its longest distance from the start), the endings in the last
column coloured by verdict (green baik, amber cukup, red kurang), and one arrow per choice
labelled with its number; a dashed arrow is a route taken only when its condition holds.
Scenario-wide limits (``batas``) are listed under the picture rather than drawn from every
node. :func:`to_dot` writes the same graph as Graphviz text for authors who have Graphviz.

Drawn with matplotlib (already part of the workbench), so it works offline on any laptop.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from typing import TYPE_CHECKING

from workbench.percakapan.model import Scenario

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["RESULT_COLOURS", "graph_figure", "layers", "to_dot"]

#: Okabe-Ito colours, readable by colour-blind authors.
RESULT_COLOURS = {"baik": "#009E73", "cukup": "#E69F00", "kurang": "#D55E00"}
_NODE_COLOUR = "#DCEBF7"
#: Horizontal distance between two columns of the picture.
_STEP = 3.2


def _edges(scenario: Scenario) -> list[tuple[str, str, str, bool]]:
    """(from, to, label, conditional) per pair of nodes: the numbers of the choices that lead
    there ("1, 3"), conditional when every one of them depends on a condition."""
    merged: dict[tuple[str, str], tuple[list[str], bool]] = {}
    for key, node in scenario.nodes.items():
        for number, choice in enumerate(node.choices, start=1):
            for route in choice.routes:
                labels, conditional = merged.get((key, route.target), ([], True))
                if str(number) not in labels:
                    labels.append(str(number))
                merged[key, route.target] = (
                    labels,
                    conditional and bool(route.when or choice.requires),
                )
    return [(a, b, ", ".join(labels), cond) for (a, b), (labels, cond) in merged.items()]


def layers(scenario: Scenario) -> dict[str, int]:
    """The column of every node: its longest distance from the start (endings last)."""
    depth = {scenario.start: 0}
    order = [scenario.start]
    edges = defaultdict(set)
    for source, target, _label, _cond in _edges(scenario):
        if target in scenario.nodes:
            edges[source].add(target)
    changed = True
    while changed:  # longest path in a DAG by relaxation (the loader refuses loops)
        changed = False
        for source in list(order):
            for target in edges[source]:
                if depth.get(target, -1) < depth[source] + 1:
                    depth[target] = depth[source] + 1
                    if target not in order:
                        order.append(target)
                    changed = True
    last = max(depth.values(), default=0) + 1
    return {**depth, **{key: last for key in scenario.endings}}


def _positions(scenario: Scenario) -> dict[str, tuple[float, float]]:
    columns: dict[int, list[str]] = defaultdict(list)
    for key, column in layers(scenario).items():
        columns[column].append(key)
    out = {}
    for column, keys in columns.items():  # each column centred vertically
        for row, key in enumerate(keys):
            out[key] = (column * _STEP, ((len(keys) - 1) / 2 - row) * 1.4)
    return out


def _label(scenario: Scenario, key: str) -> str:
    if key in scenario.endings:
        ending = scenario.endings[key]
        return f"{key}\n[{ending.result}]\n" + textwrap.shorten(ending.title, 40, placeholder="…")
    node = scenario.nodes[key]
    text = node.speech or node.scene
    return key + "\n" + "\n".join(textwrap.wrap(textwrap.shorten(text, 56, placeholder="…"), 22))


def graph_figure(scenario: Scenario) -> Figure:
    """The scenario's graph as a matplotlib figure (see the module docstring)."""
    from matplotlib.figure import Figure  # only authors draw; pages open without matplotlib

    where = _positions(scenario)
    xs = [x for x, _ in where.values()]
    ys = [y for _, y in where.values()]
    width = max(6.0, (max(xs) - min(xs)) * 1.05 + 3.5)
    height = max(3.5, (max(ys) - min(ys)) * 0.95 + 2.8)
    figure = Figure(figsize=(width, height))
    ax = figure.subplots()
    ax.set_axis_off()
    for source, target, label, conditional in _edges(scenario):
        (x0, y0), (x1, y1) = where[source], where[target]
        skips = abs(x1 - x0) > _STEP + 0.01  # bend arrows that pass over a column of nodes
        bend = 0.25 if skips else 0.0
        ax.annotate(
            "",
            xy=(x1 - 1.05, y1),
            xytext=(x0 + 1.05, y0),
            arrowprops={
                "arrowstyle": "->",
                "color": "#555555",
                "lw": 1.0,
                "linestyle": "--" if conditional else "-",
                "shrinkA": 0,
                "shrinkB": 0,
                "connectionstyle": f"arc3,rad={bend}",
            },
        )
        # the label sits a quarter of the way along, pushed sideways as much as the arrow bends
        dx, dy = (x1 - 1.05) - (x0 + 1.05), y1 - y0
        lx, ly = x0 + 1.05 + dx * 0.25, y0 + dy * 0.25
        if skips:
            lx, ly = lx + dy * bend * 0.375, ly - dx * bend * 0.375
        ax.text(
            lx,
            ly,
            label,
            fontsize=7,
            color="#333333",
            ha="center",
            va="center",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "#999999", "lw": 0.5},
        )
    for key, (x, y) in where.items():
        ending = scenario.endings.get(key)
        colour = RESULT_COLOURS.get(ending.result, "#cccccc") if ending else _NODE_COLOUR
        bold = "bold" if key == scenario.start else "normal"
        ax.text(
            x,
            y,
            _label(scenario, key),
            ha="center",
            va="center",
            fontsize=7,
            fontweight=bold,
            color="white" if ending else "#111111",
            bbox={"boxstyle": "round,pad=0.4", "fc": colour, "ec": "#333333", "lw": 0.8},
        )
    notes = [
        f"batas: bila {' dan '.join(map(str, limit.when))} → {limit.target} (dari simpul mana pun)"
        for limit in scenario.limits
    ]
    notes.append("garis putus-putus: rute bersyarat; angka: nomor pilihan")
    ax.set_title(f"{scenario.title} ({scenario.file})", fontsize=10)
    ax.text(min(xs) - 1.2, min(ys) - 1.1, "\n".join(notes), fontsize=7, va="top", color="#333333")
    ax.set_xlim(min(xs) - 1.4, max(xs) + 1.4)
    ax.set_ylim(min(ys) - 1.3 - 0.25 * len(notes), max(ys) + 0.9)
    return figure


def to_dot(scenario: Scenario) -> str:
    """The graph as Graphviz DOT text (``dot -Tsvg skenario.dot > skenario.svg``)."""

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = [f"digraph {quote(scenario.key)} {{", "  rankdir=LR;", "  node [shape=box];"]
    for key in scenario.nodes:
        extra = ", penwidth=2" if key == scenario.start else ""
        lines.append(f"  {quote(key)} [label={quote(_label(scenario, key))}{extra}];")
    for key, ending in scenario.endings.items():
        colour = RESULT_COLOURS.get(ending.result, "#cccccc")
        lines.append(
            f"  {quote(key)} [label={quote(_label(scenario, key))}, style=filled, "
            f'fillcolor="{colour}", fontcolor=white];'
        )
    for source, target, label, conditional in _edges(scenario):
        style = ", style=dashed" if conditional else ""
        lines.append(f"  {quote(source)} -> {quote(target)} [label={quote(label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
