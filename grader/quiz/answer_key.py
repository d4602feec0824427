"""The answer key of a question as a student would type it: the right answer, and the known wrong ones.

A course check types these into the question's own checker: the right answer must be accepted
and every declared wrong answer rejected, or the question teaches the wrong thing.
"""

from __future__ import annotations

from grader.quiz.checking import QuestionInstance
from grader.quiz.formulas import compile_formula
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


def right_answer(instance: QuestionInstance) -> str:
    """What a student who knows the answer would type (any text for a free-text question)."""
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
    raise TypeError(f"no answer key for {type(question).__name__}")


def known_wrong_answers(instance: QuestionInstance) -> list[str]:
    """Every wrong answer the question declares, typed as a student would type it."""
    question = instance.question
    match question:
        case NumericQuestion() | SymbolicQuestion():
            return [wrong.answer for wrong in question.wrong_answers]
        case ParameterisedNumericQuestion():
            names = question.parameter_names
            return [str(compile_formula(w.formula, names).evaluate(instance.values)) for w in question.wrong_formulas]
        case SingleChoiceQuestion() | CodeChoiceQuestion():
            return [str(n) for n, o in enumerate(question.options, start=1) if not o.correct]
        case TrueFalseQuestion():
            return ["false" if question.answer else "true"]
    return []
