"""Inputs computed from a blank: which cell still holds an old value, and which to run again.

A learner who presses *Run All* first runs every cell with its ``____`` blank in place. A cell
between two questions (``nrr_tertimbang = nrr * (1 / 9)``) then holds a value computed from
the blank of question 1. When the learner later answers question 1 and moves on, that cell is
not run again by itself: question 2's answer (``ikm_1_4 = nrr_tertimbang.sum()``) is computed
from the old value and would be called "not attempted" although the learner wrote it.

:func:`diagnose` reads the kernel's :class:`~workbench.practice.cells.CellHistory` and finds,
for the cell that last assigned an answer, the cells that must run again, in order: a cell is
*stale* when one of the values it read came from a run on a blank and has been assigned anew
since (the learner answered), or when a cell it read from is stale itself. When nothing is
stale but the answer still rests on a blank the learner has not filled in yet (question 1
skipped), it names that blank instead. :func:`describe` turns either finding into the
learner's message, naming each cell by its execution number and first line.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.menus import RUN_ABOVE, menu
from workbench.practice.cells import BLANK, CellHistory, CellRun

__all__ = ["StaleInput", "cell_label", "describe", "diagnose"]
#: Longest first line of a cell quoted in a message.
_LINE_LIMIT = 60


@dataclass(frozen=True)
class StaleInput:
    """Why an answer rests on a blank, and what to do about it.

    ``rerun`` are the cells to run again, top first (the answer cell last, when it needs it);
    ``changed`` is the input of the first of them that the learner has answered since, and
    ``blanks`` (only when ``rerun`` is empty) the cells whose blank is still unanswered.
    """

    variable: str
    answer_cell: CellRun
    rerun: tuple[CellRun, ...] = ()
    changed: str | None = None
    blanks: tuple[CellRun, ...] = ()


def diagnose(history: CellHistory | None, variable: str) -> StaleInput | None:
    """What keeps ``variable`` on a blank, or None when it does not rest on one.

    None as well when the cell that assigns ``variable`` holds the blank itself (the plain
    "not attempted yet") or is no longer remembered.
    """
    if history is None:
        return None
    answer = history.provider(variable)
    if answer is None or answer.literal_blank(variable):
        return None
    search = _Search(history)
    search.stale(answer, variable)
    if search.rerun:
        rerun = tuple(sorted(search.rerun.values(), key=lambda r: r.seq))
        return StaleInput(variable, answer, rerun, search.changed.get(rerun[0].seq))
    if variable in answer.blank_names:
        blanks = _open_blanks(history, answer, variable)
        if blanks:
            return StaleInput(variable, answer, blanks=blanks)
    return None


class _Search:
    """Walks back from an answer through the runs that provided its inputs.

    A run's value of ``name`` is stale when one of the outside names it was computed from
    was then a blank and has been answered since (assigned anew, not from a blank), or when
    the run that provides such a name now holds a stale value itself. Every run with a stale
    value is collected in ``rerun``; ``changed`` keeps, per run, the input that was answered.
    """

    def __init__(self, history: CellHistory) -> None:
        self.history = history
        self.rerun: dict[int, CellRun] = {}
        self.changed: dict[int, str] = {}
        self._seen: dict[tuple[int, str], bool] = {}

    def stale(self, run: CellRun, name: str) -> bool:
        key = (run.seq, name)
        if key in self._seen:
            return self._seen[key]
        self._seen[key] = False  # a loop (x = y, then y = x) is followed only once
        found = False
        for source in sorted(run.deps.get(name, ())):
            if self._input_stale(run, source):
                found = True
        self._seen[key] = found
        if found:
            self.rerun[run.seq] = run
        return found

    def _input_stale(self, run: CellRun, source: str) -> bool:
        seen = run.providers.get(source)
        current = self.history.provider(source)
        if seen is None or current is None:
            return False
        stale = False
        if current.seq != seen:
            old = self.history.run(seen)
            if old is not None and source in old.blank_names and source not in current.blank_names:
                self.changed.setdefault(run.seq, source)
                stale = True
        if current.seq != run.seq and self.stale(current, source):
            stale = True
        return stale


def _open_blanks(history: CellHistory, answer: CellRun, variable: str) -> tuple[CellRun, ...]:
    """The cells still holding a blank that ``variable`` rests on (through what it read)."""
    found: dict[int, CellRun] = {}
    seen: set[tuple[int, str]] = set()
    queue = [(answer, variable)]
    while queue:
        run, name = queue.pop()
        if (run.seq, name) in seen:
            continue
        seen.add((run.seq, name))
        for source in run.deps.get(name, ()):
            current = history.provider(source)
            if current is None or current.seq == run.seq or source not in current.blank_names:
                continue
            if current.literal_blank(source):
                found[current.seq] = current
            else:
                queue.append((current, source))
    return tuple(found[s] for s in sorted(found))


def cell_label(run: CellRun) -> str:
    """A cell as the learner finds it on screen: ``sel [14] `nrr_tertimbang = nrr * (1 / 9)```.

    The number is the one JupyterLab shows left of the cell after it ran.
    """
    lines = [ln.strip() for ln in run.source.splitlines()]
    first = next((ln for ln in lines if ln and not ln.startswith("#")), "")
    if len(first) > _LINE_LIMIT:
        first = first[: _LINE_LIMIT - 1] + "…"
    number = f" [{run.execution_count}]" if run.execution_count is not None else ""
    return f"sel{number} `{first}`" if first else f"sel{number}"


def describe(found: StaleInput, question: str) -> str:
    """The learner's message for a :func:`diagnose` finding, ``question`` being ``q2``."""
    if found.rerun:
        return _describe_rerun(found, question)
    blank = found.blanks[0]
    names = sorted(n for n in blank.names if blank.literal_blank(n)) or [BLANK]
    return (
        f"`{found.variable}` dihitung dari nilai yang masih bergantung pada `{names[0]}`, dan "
        f"`{names[0]}` masih berisi `{BLANK}` di {cell_label(blank)}. Kerjakan dulu soal di sel "
        f"itu, jalankan sel-sel sesudahnya sampai sel jawaban ini, lalu jalankan "
        f"`{question}.check()` lagi."
    )


def _describe_rerun(found: StaleInput, question: str) -> str:
    changed = f"`{found.changed}`" if found.changed else "masukannya"
    when = f"ketika {changed} belum berisi jawaban Anda (masih dari `{BLANK}`)"
    quick = f"Cara cepat: klik sel `{question}.check()`, lalu pilih menu {menu(RUN_ABOVE)}."
    if found.rerun == (found.answer_cell,):
        return (
            f"Sel jawaban Anda {_short(found.answer_cell)} terakhir dijalankan {when}. "
            f"Jalankan lagi sel itu, lalu jalankan `{question}.check()` lagi. {quick}"
        )
    steps = [
        cell_label(run) if run is not found.answer_cell else f"sel jawaban Anda {_short(run)}"
        for run in found.rerun
    ]
    numbered = "; ".join(f"({i}) {step}" for i, step in enumerate(steps, start=1))
    return (
        f"`{found.variable}` dihitung dari nilai lama: {cell_label(found.rerun[0])} terakhir "
        f"dijalankan {when}. Jalankan lagi sel berikut, berurutan dari atas: {numbered}. Lalu "
        f"jalankan `{question}.check()` lagi. {quick}"
    )


def _short(run: CellRun) -> str:
    return cell_label(run).removeprefix("sel").strip()
