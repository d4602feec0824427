"""The question models: one strict pydantic model per kind, tagged by `kind`.

These are what the spec files in `course/quizzes/*.toml` are validated against. Every model
forbids unknown keys (a typo fails loudly) and is frozen: they share the strict base and the id
type of the exercise specs (`grader.spec_base`). Validators check what a spec author can
get wrong beyond types: the stored answer parses, every wrong option carries feedback, a matching
uses letters that exist, an ordering is a permutation, formulas only use declared parameters.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from grader.quiz.expressions import FunctionName, parse_expression
from grader.quiz.formulas import Formula, FormulaError, compile_formula
from grader.quiz.parsing import parse_numbers
from grader.spec_base import Identifier, StrictModel, require_unique

Kind = Literal[
    "single_choice",
    "multiple_select",
    "true_false",
    "numeric",
    "parameterised_numeric",
    "symbolic",
    "code_choice",
    "matching",
    "ordering",
    "free_text",
]
"""Every question kind; the `kind` field of a spec selects the model."""

KINDS: tuple[str, ...] = get_args(Kind)


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text


Text = Annotated[str, AfterValidator(_not_blank)]
"""A string that is not empty or only whitespace."""
QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
"""A question id, unique across the bank, in kebab-case keeping the notes' numbering (`day2-6-1-1`)."""
VariableName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z_0-9]*$", max_length=32)]
"""The name of a parameter in a formula or of a variable in an expression (`H`, `x`, `W_1`)."""


class FigureRef(StrictModel):
    """A figure drawn by `course/figures/<name>.py` and its text alternative."""

    name: Identifier
    """The module name under `course/figures/`, without `.py`; it defines `draw(fig)`."""
    alt: Text
    """One sentence describing the figure, for screen readers and `NO_COLOR` terminals. The
    question must be answerable from its text and this sentence alone."""


class _QuestionBase(StrictModel):
    """What every question has: its id, topic, section, prompt, explanation and optional figure."""

    id: QuestionId
    """Unique id across the bank, keeping the notes' numbering, e.g. `day2-6-1-1` or `day1-p34b`."""
    topic: Identifier
    """The course topic this question belongs to (an id from `course/course.toml`), for per-topic
    progress shared with the exercises."""
    section: Text
    """Where the notes cover it, e.g. `Day 2 §1 vanishing gradients` or `Day 1 P51`."""
    prompt: Text
    """The question as shown to the student."""
    explanation: Text
    """Shown after every graded answer, right or wrong: the reasoning behind the answer."""
    figure: FigureRef | None = None
    """An optional figure shown with the prompt."""


class Choice(StrictModel):
    """One option of a single-choice or multiple-select question."""

    text: Text
    """The option as shown."""
    correct: bool = False
    """Whether this option is (one of) the right answer(s)."""
    feedback: Text | None = None
    """For a wrong option: the misconception behind picking it. For a correct option of a
    multiple-select question: why it belongs, shown when the student leaves it out."""


class CodeChoice(StrictModel):
    """One option of a code-choice question: a line or a few lines of code."""

    code: Text
    """The code as shown, in the question's `language`; UIs show it with syntax highlighting."""
    correct: bool = False
    """Whether this is the right code."""
    feedback: Text | None = None
    """For a wrong option: what this code actually does and why it is not what was asked."""


def _exactly_one_correct(options: Sequence[Choice | CodeChoice]) -> None:
    if sum(option.correct for option in options) != 1:
        raise ValueError("exactly one option must have correct = true")
    for number, option in enumerate(options, start=1):
        if not option.correct and option.feedback is None:
            raise ValueError(f"option {number} is wrong and needs feedback on its misconception")


class SingleChoiceQuestion(_QuestionBase):
    """Pick the one right option; answered with its number."""

    kind: Literal["single_choice"]
    """`kind = "single_choice"`."""
    options: Annotated[tuple[Choice, ...], Field(min_length=2, max_length=9)]
    """The options, shown numbered from 1; exactly one is correct."""

    @model_validator(mode="after")
    def _check_options(self) -> SingleChoiceQuestion:
        _exactly_one_correct(self.options)
        return self


class MultipleSelectQuestion(_QuestionBase):
    """Pick every right option; answered with their numbers."""

    kind: Literal["multiple_select"]
    """`kind = "multiple_select"`."""
    options: Annotated[tuple[Choice, ...], Field(min_length=2, max_length=9)]
    """The options, shown numbered from 1; at least one is correct, and every one has feedback."""

    @model_validator(mode="after")
    def _check_options(self) -> MultipleSelectQuestion:
        if not any(option.correct for option in self.options):
            raise ValueError("at least one option must have correct = true")
        for number, option in enumerate(self.options, start=1):
            if option.feedback is None:
                raise ValueError(f"option {number} needs feedback (every option does here)")
        return self


class CodeChoiceQuestion(_QuestionBase):
    """Pick the right code (e.g. the numpy line); the options are code, not prose."""

    kind: Literal["code_choice"]
    """`kind = "code_choice"`."""
    language: Literal["python", "text"] = "python"
    """The language of `context` and of every option's code, for syntax highlighting."""
    context: str | None = None
    """Code shown above the options, e.g. a function with the line to fill marked `# (blank)`."""
    options: Annotated[tuple[CodeChoice, ...], Field(min_length=2, max_length=9)]
    """The code options, shown numbered from 1; exactly one is correct."""

    @model_validator(mode="after")
    def _check_options(self) -> CodeChoiceQuestion:
        _exactly_one_correct(self.options)
        return self


class TrueFalseQuestion(_QuestionBase):
    """A statement to judge true or false."""

    kind: Literal["true_false"]
    """`kind = "true_false"`."""
    answer: bool
    """Whether the statement in the prompt is true."""
    feedback: Text
    """Shown to a student who judged it wrongly: the misconception behind that judgement."""


class KnownWrongNumber(StrictModel):
    """A wrong number students are known to give, with feedback aimed at its cause."""

    answer: Text
    """The wrong value, in the same format as the question's answer (e.g. `5` or `5x5`)."""
    feedback: Text
    """What probably went wrong, e.g. "you forgot the padding"."""


class NumericQuestion(_QuestionBase):
    """A number, or a shape such as `7x7`, compared exactly or within a tolerance."""

    kind: Literal["numeric"]
    """`kind = "numeric"`."""
    answer: Text
    """The exact answer: `0.25`, `1/4`, `7x7`..., read like a student's answer."""
    rel_tol: Annotated[float, Field(ge=0, le=1)] = 0.0
    """Relative tolerance: accepted when |given − answer| ≤ abs_tol + rel_tol·|answer|."""
    abs_tol: Annotated[float, Field(ge=0)] = 0.0
    """Absolute tolerance, see `rel_tol`."""
    square_shorthand: bool = False
    """Accept a single number for a square shape (`7` for `7x7`); only for answers like `NxN`."""
    wrong_answers: tuple[KnownWrongNumber, ...] = ()
    """Known wrong answers with targeted feedback."""

    @model_validator(mode="after")
    def _check_answers(self) -> NumericQuestion:
        expected = parse_numbers(self.answer)
        if self.square_shorthand and (len(expected) != 2 or expected[0] != expected[1]):
            raise ValueError("square_shorthand needs a square answer such as 7x7")
        for wrong in self.wrong_answers:
            if len(parse_numbers(wrong.answer)) != len(expected):
                raise ValueError(f"wrong answer {wrong.answer!r} has a different number of values")
        return self

    @property
    def expected(self) -> tuple[Fraction, ...]:
        """The answer as exact numbers (one for a scalar, several for a shape)."""
        return parse_numbers(self.answer)


class IntParameter(StrictModel):
    """An integer parameter drawn afresh for each attempt."""

    name: VariableName
    """The name used in the prompt (`{H}`) and in formulas (`H`)."""
    min: int
    """Smallest value (inclusive)."""
    max: int
    """Largest value (inclusive)."""
    step: Annotated[int, Field(ge=1)] = 1
    """Values are `min`, `min + step`, ... up to `max`."""

    @model_validator(mode="after")
    def _check_range(self) -> IntParameter:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is larger than max {self.max}")
        return self


class KnownWrongFormula(StrictModel):
    """A wrong way of computing the answer, with feedback for students whose number matches it."""

    formula: Text
    """The wrong formula over the same parameters, e.g. `(H - F) // S + 1` (padding forgotten)."""
    feedback: Text
    """What the student probably did wrong."""


MAX_DRAWS = 2000
"""How many random candidates `draw_parameters` tries before giving up on the constraints."""


class ParameterisedNumericQuestion(_QuestionBase):
    """A numeric question with parameters drawn for each attempt and an answer given by a formula."""

    kind: Literal["parameterised_numeric"]
    """`kind = "parameterised_numeric"`."""
    parameters: Annotated[tuple[IntParameter, ...], Field(min_length=1)]
    """The parameters; the prompt refers to them as `{name}`."""
    constraints: tuple[Text, ...] = ()
    """Conditions every drawn set of values must satisfy, e.g. `(H + 2*P - F) % S == 0`."""
    formula: Text
    """How the answer follows from the parameters, e.g. `(H + 2*P - F) // S + 1`."""
    rel_tol: Annotated[float, Field(ge=0, le=1)] = 0.0
    """Relative tolerance, as for numeric questions."""
    abs_tol: Annotated[float, Field(ge=0)] = 0.0
    """Absolute tolerance, as for numeric questions."""
    wrong_formulas: tuple[KnownWrongFormula, ...] = ()
    """Known wrong ways of computing it, with targeted feedback."""

    @model_validator(mode="after")
    def _check_formulas(self) -> ParameterisedNumericQuestion:
        names = self.parameter_names
        require_unique("parameter names", list(names))
        for _, field, spec, conversion in string.Formatter().parse(self.prompt):
            if field is not None and (field not in names or spec or conversion):
                raise ValueError(f"prompt placeholder {{{field}}} is not a parameter name")
        try:
            formulas = [self.answer_formula(), *self.constraint_formulas()]
            formulas += [compile_formula(w.formula, names) for w in self.wrong_formulas]
            values = self.draw_parameters(0)
            for formula in [formulas[0], *formulas[1 + len(self.constraints):]]:
                if isinstance(formula.evaluate(values), bool):
                    raise ValueError(f"formula {formula.text!r} gives true/false, not a number")
        except FormulaError as error:
            raise ValueError(str(error)) from None
        return self

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """The parameter names in declaration order."""
        return tuple(parameter.name for parameter in self.parameters)

    def answer_formula(self) -> Formula:
        """The checked answer formula."""
        return compile_formula(self.formula, self.parameter_names)

    def constraint_formulas(self) -> tuple[Formula, ...]:
        """The checked constraint formulas."""
        return tuple(compile_formula(text, self.parameter_names) for text in self.constraints)

    def formula_value(self, formula: str, values: dict[str, int]) -> Fraction | None:
        """The value of another formula over these parameters (e.g. a known wrong one), or None
        where it is undefined or not a number."""
        try:
            value = compile_formula(formula, self.parameter_names).evaluate(values)
        except FormulaError:
            return None
        return None if isinstance(value, bool) else value

    def draw_parameters(self, seed: int) -> dict[str, int]:
        """Values for every parameter, the same for the same question and seed, meeting the constraints."""
        rng = random.Random(f"{self.id}:{seed}")
        constraints = self.constraint_formulas()
        for _ in range(MAX_DRAWS):
            values = {p.name: rng.randrange(p.min, p.max + 1, p.step) for p in self.parameters}
            try:
                if all(constraint.evaluate(values) is True for constraint in constraints):
                    return values
            except FormulaError:
                continue
        raise ValueError(f"no parameter values meet the constraints after {MAX_DRAWS} draws")


class KnownWrongExpression(StrictModel):
    """A wrong expression students are known to give; matched by equivalence, not by spelling."""

    answer: Text
    """The wrong expression, e.g. `2x` for dz/dx of z = t², t = x + y."""
    feedback: Text
    """What probably went wrong."""


class SymbolicQuestion(_QuestionBase):
    """An expression, accepted when it is mathematically equivalent to the answer."""

    kind: Literal["symbolic"]
    """`kind = "symbolic"`."""
    variables: Annotated[tuple[VariableName, ...], Field(min_length=1)]
    """The only variable names an answer may use."""
    functions: tuple[FunctionName, ...] = ()
    """The only functions an answer may use (e.g. `exp`, `sigmoid`)."""
    answer: Text
    """A correct expression, e.g. `2*(x + y)`."""
    interval: tuple[float, float] = (0.5, 2.0)
    """Variables are sampled from this interval for the numeric spot check (and are assumed
    positive for the symbolic check when the interval is)."""
    wrong_answers: tuple[KnownWrongExpression, ...] = ()
    """Known wrong expressions with targeted feedback."""

    @model_validator(mode="after")
    def _check_expressions(self) -> SymbolicQuestion:
        if not self.interval[0] < self.interval[1]:
            raise ValueError("interval must be (low, high) with low < high")
        for text in [self.answer, *(wrong.answer for wrong in self.wrong_answers)]:
            parse_expression(text, variables=self.variables, functions=self.functions)
        return self


class MatchItem(StrictModel):
    """One left-hand item of a matching question."""

    text: Text
    """The item as shown, numbered from 1."""
    match: Annotated[str, StringConstraints(pattern=r"^[a-z]$")]
    """The letter of the right-hand choice it belongs to."""
    feedback: Text
    """Shown when the student matches this item wrongly: what sets it apart."""


class MatchingQuestion(_QuestionBase):
    """Match numbered items to lettered choices, e.g. optimisers to their properties."""

    kind: Literal["matching"]
    """`kind = "matching"`."""
    items: Annotated[tuple[MatchItem, ...], Field(min_length=2, max_length=9)]
    """The items to match, shown numbered from 1."""
    choices: Annotated[tuple[Text, ...], Field(min_length=2, max_length=12)]
    """The choices, shown lettered from a; there may be more choices than items (distractors)."""

    @model_validator(mode="after")
    def _check_matches(self) -> MatchingQuestion:
        letters = "abcdefghijklmnopqrstuvwxyz"[: len(self.choices)]
        used = [item.match for item in self.items]
        for item in self.items:
            if item.match not in letters:
                raise ValueError(f"item {item.text!r} matches {item.match!r}, but choices end at {letters[-1]!r}")
        if len(set(used)) != len(used):
            raise ValueError("two items match the same choice")
        return self

    @property
    def answer_indices(self) -> tuple[int, ...]:
        """The right choice (0-based) for each item, in item order."""
        return tuple(ord(item.match) - ord("a") for item in self.items)


class KnownWrongOrder(StrictModel):
    """A wrong order students are known to give, with targeted feedback."""

    order: tuple[int, ...]
    """The wrong order, as step numbers."""
    feedback: Text
    """What the order gets wrong."""


class OrderingQuestion(_QuestionBase):
    """Put the shown steps in the right order."""

    kind: Literal["ordering"]
    """`kind = "ordering"`."""
    steps: Annotated[tuple[Text, ...], Field(min_length=3, max_length=9)]
    """The steps, shown numbered from 1 in this (shuffled) order."""
    answer: tuple[int, ...]
    """The right order as step numbers, e.g. `[3, 1, 2, 4]`."""
    feedback: Text
    """Shown for any wrong order: the dependency that fixes the order."""
    wrong_orders: tuple[KnownWrongOrder, ...] = ()
    """Known wrong orders with more targeted feedback."""

    @model_validator(mode="after")
    def _check_order(self) -> OrderingQuestion:
        expected = list(range(1, len(self.steps) + 1))
        for order in [self.answer, *(wrong.order for wrong in self.wrong_orders)]:
            if sorted(order) != expected:
                raise ValueError(f"order {list(order)} must use each step number 1-{len(self.steps)} once")
        if list(self.answer) == expected:
            raise ValueError("the steps are shown already in the right order: shuffle them")
        return self


class FreeTextQuestion(_QuestionBase):
    """An open question: the student writes an answer, compares it with a model answer and rates it."""

    kind: Literal["free_text"]
    """`kind = "free_text"`."""
    model_answer: Text
    """A good answer, shown after the student has written theirs."""
    key_points: Annotated[tuple[Text, ...], Field(min_length=1)]
    """What a complete answer mentions; the student ticks these off mentally when rating."""


Question = Annotated[
    SingleChoiceQuestion
    | MultipleSelectQuestion
    | TrueFalseQuestion
    | NumericQuestion
    | ParameterisedNumericQuestion
    | SymbolicQuestion
    | CodeChoiceQuestion
    | MatchingQuestion
    | OrderingQuestion
    | FreeTextQuestion,
    Field(discriminator="kind"),
]
"""Any question; the `kind` field selects the model."""


class QuizFile(StrictModel):
    """One spec file of the bank, e.g. `course/quizzes/day2.toml`."""

    title: Text
    """What the file covers, e.g. "Day 2 confirmation tests"."""
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    """The questions, in the order they are asked."""
