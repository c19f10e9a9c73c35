"""The rules of one step of a conversation, and every path through a scenario.

One step: the officer takes a choice that is offered (its ``syarat`` holds); its effects change
the state (numbers kept within their range, facts set, promises added); the scenario's limits
(``batas``) are checked first and end the conversation at once when one holds (patience ran
out); otherwise the choice's first route whose condition holds says where to go.

:func:`walk` follows every path the rules allow from the start, with the state each path
builds, so the loader can prove that every path ends and every ending is reached, and tests
play every shipped scenario along every path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from workbench.percakapan.model import Choice, Node, Scenario, all_hold

__all__ = ["MAX_PATHS", "Path", "apply", "offered", "target", "walk"]

#: The most paths :func:`walk` follows before it stops (a scenario is a few dozen).
MAX_PATHS = 20_000

State = dict[str, float | bool]


def offered(node: Node, state: State) -> list[int]:
    """Indexes of the node's choices whose ``syarat`` holds in ``state``."""
    return [i for i, c in enumerate(node.choices) if all_hold(c.requires, state)]


def apply(scenario: Scenario, state: State, choice: Choice) -> State:
    """The state after ``choice``: numeric changes added and kept in range, facts set,
    promises made."""
    new = dict(state)
    for key, change in choice.effects.items():
        variable = scenario.variables[key]
        if variable.is_flag:
            new[key] = bool(change)
        else:
            new[key] = variable.clamp(float(new[key]) + float(change))
    for key in choice.promises:
        new[key] = True
    return new


def target(scenario: Scenario, choice: Choice, state: State) -> str:
    """Where the conversation goes after ``choice`` (state already changed by it): the first
    scenario limit that holds, else the first of the choice's routes that holds."""
    for limit in scenario.limits:
        if all_hold(limit.when, state):
            return limit.target
    for route in choice.routes:
        if all_hold(route.when, state):
            return route.target
    raise RuntimeError("no route holds; the loader guarantees a last route without a condition")


@dataclass(frozen=True)
class Path:
    """One complete path: the choices taken (node, choice index), the ending, the final state."""

    steps: tuple[tuple[str, int], ...]
    ending: str
    state: dict


def walk(scenario: Scenario, *, max_paths: int = MAX_PATHS) -> Iterator[Path]:
    """Every path the rules allow, depth first; stops with ``OverflowError`` after
    ``max_paths`` (the loader turns that into a message) and ``RecursionError``-free because
    the loader refuses cycles before walking."""
    count = 0
    stack: list[tuple[str, State, tuple[tuple[str, int], ...]]] = [
        (scenario.start, scenario.initial_state(), ())
    ]
    while stack:
        key, state, steps = stack.pop()
        if key in scenario.endings:
            count += 1
            if count > max_paths:
                raise OverflowError(max_paths)
            yield Path(steps, key, state)
            continue
        node = scenario.nodes[key]
        for index in reversed(offered(node, state)):
            choice = node.choices[index]
            after = apply(scenario, state, choice)
            stack.append((target(scenario, choice, after), after, (*steps, (key, index))))
