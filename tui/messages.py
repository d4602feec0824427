"""The app's custom messages: what workers and widgets report upwards (attributes go down).

Workers post these from their threads (`post_message` is thread-safe); the receiving screen
handles them on the app's thread, where the progress store may be used.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from grader.quiz.checking import QuestionInstance
from grader.quiz.figures import TextFigure
from grader.quiz.verdicts import Verdict
from grader.results import ExerciseResult


@dataclass
class AnswerChecked(Message):
    """A checking worker judged an answer (symbolic answers can take a moment with sympy)."""

    instance: QuestionInstance
    """The question as it was asked."""
    raw: str
    """What the student typed or chose."""
    verdict: Verdict
    """The outcome."""


@dataclass
class ExerciseGraded(Message):
    """A grading worker finished an exercise; the result is already stored."""

    result: ExerciseResult
    """The verdict on the exercise."""


@dataclass
class FigureDrawn(Message):
    """A figure worker rendered a question's figure as text."""

    question_id: str
    """The question whose figure it is."""
    drawing: TextFigure | tuple[str, ...]
    """Coloured half-block cells, or plain lines for `NO_COLOR`."""


@dataclass
class FigureFailed(Message):
    """A figure could not be drawn (the alt text stands in for it)."""

    question_id: str
    """The question whose figure it is."""
    reason: str
    """One line on what went wrong."""


@dataclass
class OptionClicked(Message):
    """The student clicked an option of a choice question."""

    number: int
    """The option's 1-based number."""
