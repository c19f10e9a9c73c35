"""The question pattern: check, graded hints and solution, with kind Indonesian feedback.

A question is a small object that knows where the learner's answer lives (a variable in the
notebook), how to judge it, a few hints that reveal a little more each time, and a worked
solution. In a notebook the learner calls ``q1.check()``, ``q1.hint()`` and ``q1.solution()``.

Every check ends in one of three outcomes (:class:`Outcome`): correct, not attempted (the
``____`` placeholder is still there, or the variable does not exist yet) and incorrect. An
incorrect answer is told *what kind* of thing was expected (a number, a table with certain
columns, a bar chart with labelled axes) without giving the answer away.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from workbench.errors import WorkbenchError
from workbench.practice import stale
from workbench.practice.blank import Placeholder, ____, is_placeholder
from workbench.practice.cells import CellHistory, watch

__all__ = [
    "ExerciseSet",
    "Feedback",
    "NotAttempted",
    "Outcome",
    "Placeholder",
    "Question",
    "____",
    "assert_check_passed",
    "is_placeholder",
]


class Outcome(StrEnum):
    """How a check ended."""

    CORRECT = "benar"
    INCORRECT = "salah"
    NOT_ATTEMPTED = "belum dikerjakan"


_STYLE = {
    Outcome.CORRECT: ("✅", "Benar!", "#e7f5e9", "#2e7d32"),
    Outcome.INCORRECT: ("❌", "Belum tepat.", "#fdecea", "#c62828"),
    Outcome.NOT_ATTEMPTED: ("✏️", "Belum dikerjakan.", "#e8f0fe", "#1a56b0"),
}


@dataclass(frozen=True, repr=False)
class Feedback:
    """The result of one check (or a hint, or a solution) as a learner sees it."""

    outcome: Outcome | None
    message: str
    kind: str = "check"  # "check", "hint" or "solution"
    code: str | None = None
    #: Replaces the outcome's heading (e.g. "Jalankan ulang sel di atas." for a stale input).
    title: str | None = None

    @property
    def passed(self) -> bool:
        """Whether the answer was judged correct."""
        return self.outcome is Outcome.CORRECT

    def __str__(self) -> str:
        if self.kind == "check" and self.outcome is not None:
            icon, head, _bg, _fg = _STYLE[self.outcome]
            if self.title:
                icon, head = _RERUN_ICON, self.title
            text = f"{icon} {head} {self.message}"
        else:
            text = self.message
        if self.code:
            text += "\n\n" + self.code
        return text

    __repr__ = __str__  # plain-text notebooks and terminals show the message itself

    def _repr_html_(self) -> str:
        if self.kind == "check" and self.outcome is not None:
            icon, head, bg, fg = _STYLE[self.outcome]
            css = f"workbench-feedback workbench-feedback--{self.outcome.name.lower()}"
            if self.title:
                icon, head = _RERUN_ICON, self.title
                css += " workbench-rerun"
            title = f"{icon} <b>{html.escape(head)}</b> "
        else:
            bg, fg = ("#fff8e1", "#8a6d00") if self.kind == "hint" else ("#f3e5f5", "#6a1b9a")
            css = f"workbench-feedback workbench-feedback--{self.kind}"
            title = ""
        body = _inline_code(html.escape(self.message))
        code = (
            f"<pre style='margin:0.5em 0 0 0'>{html.escape(self.code)}</pre>" if self.code else ""
        )
        return (
            f"<div class='{css}' style='background:{bg};border-left:4px solid {fg};"
            f"padding:0.5em 0.8em;color:#222'>{title}{body}{code}</div>"
        )


_RERUN_ICON = "🔁"
#: Heading of a check whose answer was computed from a value the learner has since changed.
RERUN_TITLE = "Jalankan ulang sel di atas."


def _inline_code(text: str) -> str:
    """Render `backticks` as <code> and **stars** as <b> in already escaped text."""
    parts = text.split("`")
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"<code>{part}</code>")
        else:
            bold = part.split("**")
            out.append("".join(f"<b>{b}</b>" if j % 2 else b for j, b in enumerate(bold)))
    return "".join(out)


class NotAttempted(Exception):
    """Raised inside a checker when the answer is missing or still the placeholder."""


class _Incorrect(Exception):
    """Raised inside a checker with the kind explanation of what is wrong."""


class _AnswerCellFailed(_Incorrect):
    """Raised when the learner's latest run of the answer cell stopped with an error."""


def _show(obj: Feedback) -> None:
    """Display in a notebook when a kernel is running, else print."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        print(obj)
        return
    if get_ipython() is not None:
        display(obj)
    else:
        print(obj)


class Question:
    """One practice question: a check, graded hints and a solution.

    Subclasses implement :meth:`_judge`, which reads the learner's answer from the bound
    namespace and raises :class:`NotAttempted` or ``Incorrect`` (via :meth:`wrong`), or
    returns normally when the answer is right. ``hints`` go from a gentle nudge to almost
    the answer; ``solution`` is code the learner can copy.
    """

    def __init__(
        self,
        *,
        name: str = "",
        hints: Sequence[str] = (),
        solution: str = "",
        praise: str = "",
    ) -> None:
        self.name = name  # set by ExerciseSet (q1, q2, ...) when empty
        self.hints = tuple(hints)
        self._solution = solution.strip("\n")
        self.praise = praise
        self.module: str | None = None
        self._namespace: Mapping[str, Any] | None = None
        self._hints_shown = 0
        self._recorder: Callable[..., None] | None = None
        self._cells: CellHistory | None = None
        self._asked: list[str] = []  # the answer variables read by the current evaluation

    # -- binding -----------------------------------------------------------------
    def bind(
        self,
        namespace: Mapping[str, Any],
        *,
        module: str | None = None,
        recorder: Callable[..., None] | None = None,
        cells: CellHistory | None = None,
    ) -> Question:
        """Read answers from ``namespace`` (the notebook's ``globals()``) from now on.

        ``cells`` is the kernel's :class:`~workbench.practice.cells.CellHistory`, so a check
        can say first that the answer cell last stopped with an error.
        """
        self._namespace = namespace
        if module is not None:
            self.module = module
        if recorder is not None:
            self._recorder = recorder
        if cells is not None:
            self._cells = cells
        return self

    @property
    def solution_code(self) -> str:
        """The worked solution as code (what :meth:`solution` shows, without recording it)."""
        return self._solution

    @property
    def namespace(self) -> Mapping[str, Any]:
        """Where answers are read: the bound namespace, else the running notebook's."""
        if self._namespace is not None:
            return self._namespace
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except ImportError:  # pragma: no cover
            shell = None
        if shell is None:
            raise RuntimeError("Question is not bound to a namespace; call bind(globals()).")
        return shell.user_ns

    def answer(self, variable: str) -> Any:
        """The learner's value of ``variable``; not attempted if missing or a blank.

        When the latest cell that assigns ``variable`` stopped with an error, that is said
        first: the value left over from before (or the ``____``) is not what the learner
        meant to have checked.
        """
        if variable not in self._asked:
            self._asked.append(variable)
        failure = self._cells.failure(variable) if self._cells is not None else None
        if failure is not None:
            raise _AnswerCellFailed(
                f"Sel terakhir yang mengisi `{variable}` berhenti dengan {failure.describe()}. "
                f"Jawaban dari sel itu belum bisa diperiksa: perbaiki sel itu, jalankan lagi "
                f"sampai tidak ada pesan galat (merah), lalu jalankan `{self.name}.check()` lagi."
            )
        ns = self.namespace
        if variable not in ns:
            raise NotAttempted(
                f"Variabel `{variable}` belum ada. Tulis jawaban Anda di sel latihan "
                f"(`{variable} = ...`), jalankan sel itu dengan Shift+Enter, "
                f"lalu jalankan `{self.name}.check()` lagi."
            )
        value = ns[variable]
        if is_placeholder(value):
            raise NotAttempted(
                f"`{variable}` masih berisi `____`. Ganti `____` dengan jawaban Anda, "
                f"jalankan sel itu, lalu jalankan `{self.name}.check()` lagi."
            )
        return value

    @staticmethod
    def wrong(message: str) -> _Incorrect:
        """An incorrect-answer explanation to ``raise`` from :meth:`_judge`."""
        return _Incorrect(message)

    def _judge(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- the three learner calls --------------------------------------------------
    def evaluate(self) -> Feedback:
        """Judge the current answer without displaying or recording anything.

        Whatever the learner's answer does while being judged (an odd object whose methods
        raise, even ``SystemExit``), the result is a kind "not yet right", never a traceback; a
        :class:`~workbench.errors.WorkbenchError` (the course data cannot be read) still
        shows as such, because the learner can fix it.
        """
        self._asked = []
        feedback = self._judged()
        if feedback.outcome in (Outcome.NOT_ATTEMPTED, Outcome.INCORRECT):
            stale = self._stale_input()
            if stale is not None:
                return stale
        return feedback

    def _stale_input(self) -> Feedback | None:
        """The "run these cells again" feedback when an answer rests on an old blank value."""
        if self._cells is None:
            return None
        for variable in self._asked:
            if self._cells.failure(variable) is not None:
                return None  # the failed answer cell is the news
            found = stale.diagnose(self._cells, variable)
            if found is not None:
                title = RERUN_TITLE if found.rerun else None
                return Feedback(
                    Outcome.NOT_ATTEMPTED, stale.describe(found, self.name), title=title
                )
        return None

    def _judged(self) -> Feedback:
        more = (
            f" Coba lagi, atau minta petunjuk dengan `{self.name}.hint()`."
            if self.hints
            else " Coba lagi."
        )
        try:
            self._judge()
        except NotAttempted as exc:
            return Feedback(Outcome.NOT_ATTEMPTED, str(exc))
        except _AnswerCellFailed as exc:
            return Feedback(Outcome.INCORRECT, str(exc))
        except _Incorrect as exc:
            return Feedback(Outcome.INCORRECT, str(exc) + more)
        except WorkbenchError:
            raise
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # the answer is an object the checker cannot read
            # (even SystemExit from a learner's method must not end or escape the check)
            return Feedback(
                Outcome.INCORRECT,
                "Jawaban Anda tidak bisa diperiksa: saat dibaca, ia berhenti dengan galat "
                f"{type(exc).__name__}. Pastikan jawabannya berupa nilai, tabel, fungsi atau "
                "grafik biasa seperti pada contoh di atas soal." + more,
            )
        message = self.praise or "Jawaban Anda sesuai."
        return Feedback(Outcome.CORRECT, message)

    def check(self) -> None:
        """Judge the answer, record the attempt in the learner's progress, and show it."""
        feedback = self.evaluate()
        _show(feedback)
        self._record("check", feedback.outcome)

    def hint(self, n: int | None = None) -> None:
        """Show the next hint (or hint number ``n``); each one reveals a little more."""
        _show(self._hint_feedback(n))

    def _hint_feedback(self, n: int | None = None) -> Feedback:
        if not self.hints:
            return Feedback(
                None, "Soal ini tidak punya petunjuk. Lihat contoh di atas soal.", kind="hint"
            )
        if n is None:
            n = min(self._hints_shown + 1, len(self.hints))
        if not 1 <= n <= len(self.hints):
            return Feedback(
                None, f"Petunjuk yang tersedia nomor 1 sampai {len(self.hints)}.", kind="hint"
            )
        self._hints_shown = max(self._hints_shown, n)
        self._record("hint", None, hints=self._hints_shown)
        tail = ""
        if n < len(self.hints):
            tail = f" (Masih bingung? Jalankan `{self.name}.hint()` lagi.)"
        elif self._solution:
            tail = f" (Ini petunjuk terakhir; solusinya ada di `{self.name}.solution()`.)"
        return Feedback(
            None, f"💡 Petunjuk {n} dari {len(self.hints)}: {self.hints[n - 1]}{tail}", kind="hint"
        )

    def solution(self) -> None:
        """Show a worked solution (recorded, so the trainer knows it was looked at)."""
        _show(self._solution_feedback())

    def _solution_feedback(self) -> Feedback:
        self._record("solution", None)
        return Feedback(
            None,
            "📘 Solusi (pahami dulu, lalu ketik ulang sendiri):",
            kind="solution",
            code=self._solution or "(tidak ada solusi tertulis)",
        )

    def _record(self, event: str, outcome: Outcome | None, **extra: Any) -> None:
        if self._recorder is not None and self.module is not None:
            # Progress is a convenience: a read-only disk or a damaged progress file must not
            # break the lesson. The learner still gets the verdict, plus a note on progress.
            try:
                self._recorder(self.module, self.name, event, outcome, **extra)
            except OSError:
                pass
            except WorkbenchError as exc:
                _show(Feedback(None, f"⚠️ Progres belum tersimpan. {exc.message}", kind="hint"))

    def __repr__(self) -> str:
        return (
            f"<Soal {self.name}: jalankan {self.name}.check(), {self.name}.hint() "
            f"atau {self.name}.solution()>"
        )


def assert_check_passed(question: Question) -> None:
    """Fail loudly unless ``question`` is answered correctly (author self-test cells).

    Used in the author copy of a module, after the solution is filled in, so CI proves every
    question accepts its own solution. It records nothing in the learner's progress.
    """
    feedback = question.evaluate()
    if not feedback.passed:
        raise AssertionError(
            f"Self-test failed for {question.module}:{question.name}: "
            f"{feedback.outcome} - {feedback.message}"
        )


def assert_check_failed(question: Question, outcome: Outcome = Outcome.INCORRECT) -> None:
    """Fail unless ``question`` currently ends in ``outcome`` (authors test wrong answers too)."""
    feedback = question.evaluate()
    if feedback.outcome is not outcome:
        raise AssertionError(
            f"Expected {outcome} for {question.module}:{question.name}, got "
            f"{feedback.outcome} - {feedback.message}"
        )


class ExerciseSet:
    """The questions of one module, bound together to a notebook and to progress.

    ``ExerciseSet("01-python-secukupnya", [q_a, q_b])`` names the questions ``q1``, ``q2``
    (unless they carry a name) and :meth:`bind` connects them to the notebook's
    ``globals()`` and to the learner's progress file.
    """

    def __init__(self, module: str, questions: Iterable[Question]) -> None:
        self.module = module
        self.questions = tuple(questions)
        for i, q in enumerate(self.questions, start=1):
            if not q.name:
                q.name = f"q{i}"
            q.module = module

    def bind(
        self,
        namespace: MutableMapping[str, Any],
        recorder: Callable[..., None] | None = None,
        *,
        cells: CellHistory | None = None,
    ) -> tuple[Question, ...]:
        """Bind every question to ``namespace``; returns the questions in order.

        ``cells`` defaults to the running IPython kernel's cell history (none outside one).
        """
        if cells is None:
            cells = watch()
        for q in self.questions:
            q.bind(namespace, module=self.module, recorder=recorder, cells=cells)
        return self.questions

    def __iter__(self):
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)
