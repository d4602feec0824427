"""Check a raw answer against a question: pure functions from (question instance, text) to a verdict.

`instantiate` fixes what varies between attempts (the parameters of a parameterised question),
`check_answer` reads and judges the typed text, `rate_self` completes a free-text answer with the
student's own rating, and `how_to_answer` tells a UI what to type. A format problem gives an
*invalid* verdict with a one-line message and reveals nothing; it never raises.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import singledispatch

from grader.quiz.expressions import Expression, parse_expression
from grader.quiz.models import (
    Choice,
    CodeChoice,
    CodeChoiceQuestion,
    FreeTextQuestion,
    MatchingQuestion,
    MultipleSelectQuestion,
    NumericQuestion,
    OrderingQuestion,
    ParameterisedNumericQuestion,
    Question,
    SingleChoiceQuestion,
    SymbolicQuestion,
    TrueFalseQuestion,
)
from grader.quiz.parsing import (
    AnswerFormatError,
    parse_bool,
    parse_matching,
    parse_numbers,
    parse_option,
    parse_options,
    parse_order,
)
from grader.quiz.verdicts import SelfRating, Status, Verdict

DEFAULT_SEED = 1
"""The seed of the parameterised instance that `grade quiz check`, `list` and `--plain` use unless
told otherwise, so a script can read a prompt and answer that same instance."""

CORRECT_MESSAGE = "Correct."
WRONG_MESSAGE = "Not quite."
RATE_MESSAGE = "Compare your answer with the model answer, then rate it: 1 missed it, 2 partly, 3 had it."


@dataclass(frozen=True)
class QuestionInstance:
    """A question as asked once: parameters drawn (for a parameterised question) and prompt filled in."""

    question: Question
    """The question."""
    prompt: str
    """The prompt with any parameters filled in."""
    seed: int | None = None
    """The seed the parameters were drawn with; None for a question without parameters."""
    parameters: tuple[tuple[str, int], ...] = ()
    """The drawn parameter values, in declaration order."""

    @property
    def values(self) -> dict[str, int]:
        """The parameter values as a mapping."""
        return dict(self.parameters)


def instantiate(question: Question, seed: int = DEFAULT_SEED) -> QuestionInstance:
    """The question as asked with this seed (the seed only matters for parameterised questions)."""
    if isinstance(question, ParameterisedNumericQuestion):
        values = question.draw_parameters(seed)
        return QuestionInstance(
            question=question,
            prompt=question.prompt.format(**values),
            seed=seed,
            parameters=tuple(values.items()),
        )
    return QuestionInstance(question=question, prompt=question.prompt)


def check_answer(instance: QuestionInstance, raw: str) -> Verdict:
    """Read `raw` and judge it; an unreadable answer gives an invalid verdict, never an exception."""
    try:
        return _check(instance.question, raw, instance)
    except AnswerFormatError as error:
        return Verdict(question_id=instance.question.id, status=Status.INVALID, message=str(error))


def rate_self(verdict: Verdict, rating: SelfRating) -> Verdict:
    """Complete a free-text verdict (status `needs_rating`) with the student's own rating."""
    if verdict.status is not Status.NEEDS_RATING:
        raise ValueError(f"only a verdict waiting for a rating can be rated, not {verdict.status}")
    return dataclasses.replace(
        verdict,
        status=Status.SELF_RATED,
        self_rating=rating,
        score=rating.score,
        message=f"Self-rated: {rating.label}.",
    )


def parse_self_rating(raw: str) -> SelfRating:
    """Read a self-rating: `1`/`missed`, `2`/`partly`, `3`/`had it` (also `had_it`, `got it`)."""
    word = re.sub(r"[\s_-]+", " ", raw.strip().lower()).rstrip(".!")
    ratings = {
        SelfRating.MISSED: {"1", "missed", "missed it", "m", "no"},
        SelfRating.PARTLY: {"2", "partly", "partly had it", "p", "partial"},
        SelfRating.HAD_IT: {"3", "had it", "i had it", "got it", "h", "yes"},
    }
    for rating, words in ratings.items():
        if word in words:
            return rating
    raise AnswerFormatError("rate your answer: 1 (missed it), 2 (partly) or 3 (had it)")


def _graded(
    instance: QuestionInstance,
    *,
    correct: bool,
    expected: str,
    feedback: tuple[str, ...] = (),
    score: float | None = None,
) -> Verdict:
    return Verdict(
        question_id=instance.question.id,
        status=Status.CORRECT if correct else Status.WRONG,
        message=CORRECT_MESSAGE if correct else WRONG_MESSAGE,
        feedback=tuple(line for line in feedback if line),
        explanation=instance.question.explanation,
        expected=expected,
        score=(1.0 if correct else 0.0) if score is None else score,
    )


@singledispatch
def _check(question: object, raw: str, instance: QuestionInstance) -> Verdict:
    raise TypeError(f"no checker for {type(question).__name__}")


@_check.register
def _(question: SingleChoiceQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    return _check_one_of(question.options, raw, instance, [o.text for o in question.options])


@_check.register
def _(question: CodeChoiceQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    return _check_one_of(question.options, raw, instance, [o.code for o in question.options])


def _check_one_of(
    options: Sequence[Choice | CodeChoice], raw: str, instance: QuestionInstance, shown: list[str]
) -> Verdict:
    number = parse_option(raw, len(options))
    chosen = options[number - 1]
    right = next(n for n, option in enumerate(options, start=1) if option.correct)
    return _graded(
        instance,
        correct=chosen.correct,
        expected=f"{right}: {shown[right - 1]}",
        feedback=(chosen.feedback or "",),
    )


@_check.register
def _(question: MultipleSelectQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    chosen = parse_options(raw, len(question.options))
    right = frozenset(n for n, option in enumerate(question.options, start=1) if option.correct)
    feedback = [
        f"Option {n} does not belong: {question.options[n - 1].feedback}" for n in sorted(chosen - right)
    ] + [f"You left out option {n}: {question.options[n - 1].feedback}" for n in sorted(right - chosen)]
    return _graded(
        instance,
        correct=chosen == right,
        expected=",".join(str(n) for n in sorted(right)),
        feedback=tuple(feedback),
        score=len(chosen & right) / len(chosen | right),
    )


@_check.register
def _(question: TrueFalseQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    given = parse_bool(raw)
    correct = given == question.answer
    return _graded(
        instance,
        correct=correct,
        expected="true" if question.answer else "false",
        feedback=() if correct else (question.feedback,),
    )


def _within(given: Fraction, expected: Fraction, *, rel_tol: float, abs_tol: float) -> bool:
    """|given − expected| ≤ abs_tol + rel_tol·|expected|, computed exactly."""
    return abs(given - expected) <= Fraction(str(abs_tol)) + Fraction(str(rel_tol)) * abs(expected)


def _read_shape(raw: str, size: int, *, square_shorthand: bool = False) -> tuple[Fraction, ...]:
    given = parse_numbers(raw)
    if len(given) == 1 and size == 2 and square_shorthand:
        return (given[0], given[0])
    if len(given) != size:
        if size == 1:
            raise AnswerFormatError("give a single number")
        raise AnswerFormatError(f"give {size} numbers, e.g. {'x'.join(['7'] * size)}")
    return given


def _all_within(given: tuple[Fraction, ...], expected: tuple[Fraction, ...], *, rel_tol: float, abs_tol: float) -> bool:
    return all(_within(g, e, rel_tol=rel_tol, abs_tol=abs_tol) for g, e in zip(given, expected, strict=True))


@_check.register
def _(question: NumericQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    expected = question.expected
    given = _read_shape(raw, len(expected), square_shorthand=question.square_shorthand)
    tolerances = {"rel_tol": question.rel_tol, "abs_tol": question.abs_tol}
    correct = _all_within(given, expected, **tolerances)
    feedback = () if correct else tuple(
        wrong.feedback
        for wrong in question.wrong_answers
        if _all_within(given, parse_numbers(wrong.answer), **tolerances)
    )
    return _graded(instance, correct=correct, expected=question.answer, feedback=feedback[:1])


def format_number(value: Fraction) -> str:
    """An exact number for display: `7`, `0.25`, or `1/3 (≈ 0.3333)`."""
    if value.denominator == 1:
        return str(value.numerator)
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:
        return format(value.numerator / value.denominator, "g")
    return f"{value.numerator}/{value.denominator} (≈ {float(value):.4g})"


@_check.register
def _(question: ParameterisedNumericQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    (given,) = _read_shape(raw, 1)
    values = instance.values
    expected = question.answer_formula().evaluate(values)
    assert not isinstance(expected, bool)  # the model validator guarantees a number
    tolerances = {"rel_tol": question.rel_tol, "abs_tol": question.abs_tol}
    correct = _within(given, expected, **tolerances)
    feedback: tuple[str, ...] = ()
    if not correct:
        for wrong in question.wrong_formulas:
            value = question.formula_value(wrong.formula, values)
            if value is not None and _within(given, value, **tolerances):
                feedback = (wrong.feedback,)
                break
    return _graded(instance, correct=correct, expected=format_number(expected), feedback=feedback)


@_check.register
def _(question: SymbolicQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    from grader.quiz.symbolic import equivalent

    def read(text: str) -> Expression:
        return parse_expression(text, variables=question.variables, functions=question.functions)

    given = read(raw)
    correct = equivalent(given, read(question.answer), interval=question.interval).equivalent
    feedback: tuple[str, ...] = ()
    if not correct:
        for wrong in question.wrong_answers:
            if equivalent(given, read(wrong.answer), interval=question.interval).equivalent:
                feedback = (wrong.feedback,)
                break
    return _graded(instance, correct=correct, expected=question.answer, feedback=feedback)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@_check.register
def _(question: MatchingQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    given = parse_matching(raw, len(question.items), len(question.choices))
    right = question.answer_indices
    feedback = tuple(
        f"{n}. {item.text}: {item.feedback}"
        for n, (item, g, r) in enumerate(zip(question.items, given, right, strict=True), start=1)
        if g != r
    )
    hits = sum(g == r for g, r in zip(given, right, strict=True))
    return _graded(
        instance,
        correct=given == right,
        expected=",".join(f"{n}{_LETTERS[r]}" for n, r in enumerate(right, start=1)),
        feedback=feedback,
        score=hits / len(right),
    )


@_check.register
def _(question: OrderingQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    given = parse_order(raw, len(question.steps))
    correct = given == question.answer
    feedback: tuple[str, ...] = ()
    if not correct:
        known = [wrong.feedback for wrong in question.wrong_orders if wrong.order == given]
        placed = [str(p) for p, (g, r) in enumerate(zip(given, question.answer, strict=True), start=1) if g == r]
        where = f"Positions already right: {', '.join(placed)}." if placed else "No step is in its right position yet."
        feedback = (known[0] if known else question.feedback, where)
    hits = sum(g == r for g, r in zip(given, question.answer, strict=True))
    return _graded(
        instance,
        correct=correct,
        expected=",".join(str(n) for n in question.answer),
        feedback=feedback,
        score=hits / len(question.answer),
    )


@_check.register
def _(question: FreeTextQuestion, raw: str, instance: QuestionInstance) -> Verdict:
    if not raw.strip():
        raise AnswerFormatError("write your answer first (any text), then compare it with the model answer")
    return Verdict(
        question_id=question.id,
        status=Status.NEEDS_RATING,
        message=RATE_MESSAGE,
        feedback=tuple(f"Key point: {point}" for point in question.key_points),
        explanation=question.explanation,
        expected=question.model_answer,
    )


from grader.quiz.answer_formats import how_to_answer  # noqa: E402,F401 - re-exported for the clients
