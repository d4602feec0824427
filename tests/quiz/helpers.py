"""Helpers shared by the quiz tests (imported relatively: `from .helpers import ...`)."""

from __future__ import annotations

from grader.paths import bundled_course_root
from grader.quiz.checking import QuestionInstance
from grader.quiz.models import (
    CodeChoiceQuestion,
    FreeTextQuestion,
    MatchingQuestion,
    MultipleSelectQuestion,
    NumericQuestion,
    OrderingQuestion,
    ParameterisedNumericQuestion,
    SingleChoiceQuestion,
    SymbolicQuestion,
    TrueFalseQuestion,
)

QUIZ_DIR = bundled_course_root() / "course" / "quizzes"
FIGURES_DIR = bundled_course_root() / "course" / "figures"


def correct_raw_answer(instance: QuestionInstance) -> str:
    """What a student who knows the answer would type."""
    question = instance.question
    match question:
        case SingleChoiceQuestion() | CodeChoiceQuestion():
            return str(next(n for n, o in enumerate(question.options, start=1) if o.correct))
        case MultipleSelectQuestion():
            return ", ".join(str(n) for n, o in enumerate(question.options, start=1) if o.correct)
        case TrueFalseQuestion():
            return "true" if question.answer else "false"
        case NumericQuestion() | SymbolicQuestion():
            return question.answer
        case ParameterisedNumericQuestion():
            return str(question.answer_formula().evaluate(instance.values))
        case MatchingQuestion():
            return ",".join(f"{n}{item.match}" for n, item in enumerate(question.items, start=1))
        case OrderingQuestion():
            return ",".join(str(n) for n in question.answer)
        case FreeTextQuestion():
            return "my own answer"
    raise AssertionError(f"unhandled kind {question.kind}")
