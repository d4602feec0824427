"""How to answer each kind of question: the one line that tells a student what to type."""

from __future__ import annotations

from functools import singledispatch

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

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@singledispatch
def how_to_answer(question: object) -> str:
    """A short line telling a student what to type for this question."""
    raise TypeError(f"no answer format for {type(question).__name__}")


@how_to_answer.register
def _(question: SingleChoiceQuestion) -> str:
    return f"Type the number of the one right option (1-{len(question.options)}), e.g. 2."


@how_to_answer.register
def _(question: CodeChoiceQuestion) -> str:
    return f"Type the number of the right code (1-{len(question.options)}), e.g. 2."


@how_to_answer.register
def _(question: MultipleSelectQuestion) -> str:
    return "Type the numbers of every right option, separated by commas, e.g. 1,3."


@how_to_answer.register
def _(question: TrueFalseQuestion) -> str:
    return "Type true or false (t/f, yes/no and 1/0 work too)."


@how_to_answer.register
def _(question: NumericQuestion) -> str:
    size = len(question.expected)
    if size == 1:
        return "Type a number, e.g. 0.25, 1/4 or 25%."
    if size == 2:
        shorthand = "; one number is enough for a square" if question.square_shorthand else ""
        return f"Type 2 numbers, e.g. 7x7, 7 x 7 or (7, 7){shorthand}."
    example = ", ".join(str(n) for n in range(1, size + 1))
    return f"Type {size} numbers separated by commas, e.g. ({example})."


@how_to_answer.register
def _(question: ParameterisedNumericQuestion) -> str:
    return "Type a number, e.g. 12, 0.25 or 1/4."


@how_to_answer.register
def _(question: SymbolicQuestion) -> str:
    names = ", ".join(question.variables)
    functions = f" and {', '.join(f + '()' for f in question.functions)}" if question.functions else ""
    return f"Type an expression in {names}{functions}, e.g. 2(x + y); ^ or ** for powers, * may be left out."


@how_to_answer.register
def _(question: MatchingQuestion) -> str:
    last = _LETTERS[len(question.choices) - 1]
    example = ",".join(f"{n}{_LETTERS[(n) % len(question.choices)]}" for n in range(1, len(question.items) + 1))
    return f"Match each item 1-{len(question.items)} to a letter a-{last}, e.g. {example} (or 1-b 2-a ...)."


@how_to_answer.register
def _(question: OrderingQuestion) -> str:
    example = ",".join(str(n) for n in range(len(question.steps), 0, -1))
    return f"Type the step numbers in the right order, separated by commas, e.g. {example}."


@how_to_answer.register
def _(question: FreeTextQuestion) -> str:
    return "Write your answer in a sentence or two; then compare it with the model answer and rate yourself."
