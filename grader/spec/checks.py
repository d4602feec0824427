"""The checks of an exercise: one model per kind, selected by the `kind` key of a `[[checks]]` table.

Most kinds run steps on cases (`_Scenario`): compare with the reference, assert properties,
expect an exception, keep inputs unchanged, verify gradients. Three kinds are shaped otherwise:
property-based checks draw their inputs from hypothesis, accuracy checks train on a shipped
dataset, and import checks read the student's file without running it. Steps and expressions are
compiled while the spec is validated, so a broken check is reported before any student code runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, model_validator

from grader.expr import Expr
from grader.program.names import TIMED, AssertionNames, ProbeNames
from grader.program.steps import NumGrad, Program, Step
from grader.spec.inputs import Case, ExprSource, compiled_expr
from grader.spec_base import StrictModel
from grader.statements import NumGradStep, StatementError, StepSpec, TimedStep, compile_steps


class CheckKind(StrEnum):
    """The kinds of check; a check's `kind` key is one of these strings (`kind = "compare"`)."""

    COMPARE = "compare"
    EXPECT = "expect"
    RAISES = "raises"
    UNCHANGED = "unchanged"
    GRADIENT = "gradient"
    HYPOTHESIS = "hypothesis"
    ACCURACY = "accuracy"
    IMPORTS = "imports"


CompareMode = Literal["close", "exact", "integer", "numeric", "scalar", "argmax"]
"""How a recorded value is compared with the reference's: `close` within the tolerance (the
default), `exact` equality, `integer` (integers, exactly), `numeric` (numbers of any dtype,
within the tolerance), `scalar` (a single number), `argmax` (the same largest entry per row)."""


class Tolerance(StrictModel):
    """How close a float result must be: |got - expected| <= atol + rtol * |expected|, elementwise."""

    rtol: float = Field(1e-5, ge=0)
    """Relative tolerance (default 1e-5)."""
    atol: float = Field(1e-7, ge=0)
    """Absolute tolerance (default 1e-7); it decides for expected values near zero."""


def _compiled(steps: Iterable[object], names: Iterable[str]) -> tuple[tuple[Step, ...], frozenset[str]]:
    """Compile steps, turning a step error into a validation error of the check."""
    try:
        return compile_steps(steps, names)  # type: ignore[arg-type]
    except StatementError as exc:
        raise ValueError(str(exc)) from None


def _require_bound(names: Iterable[str], bound: frozenset[str], what: str) -> None:
    for name in names:
        if name not in bound:
            raise ValueError(f"{what} `{name}` is not an input or a value bound by the steps")


class Assertion(StrictModel):
    """A property of the student's results: `that` must hold, or the two `close` expressions agree.

    For example `{ that = "abs(y.sum() - 1) < 1e-6", message = "the outputs sum to {total}, not 1",
    show = { total = "y.sum()" } }`.
    """

    that: ExprSource | None = None
    """A boolean expression over inputs and recorded values; give this or `close`."""
    close: tuple[ExprSource, ExprSource] | None = None
    """Two expressions that must be equal within the tolerance, e.g. `["dx", "dout @ W.T"]`."""
    message: str
    """What is wrong when it fails, for the student; `{name}` fields are filled from `show`."""
    show: dict[str, ExprSource] = {}
    """Named expressions whose values fill the message and are used to match misconceptions."""
    tolerance: Tolerance | None = None
    """Tolerance for `close`; the exercise's when unset."""
    _expressions: dict[str, Expr] = PrivateAttr()

    @model_validator(mode="after")
    def _one_form(self) -> Assertion:
        if (self.that is None) == (self.close is None):
            raise ValueError("an assertion has exactly one of `that` and `close`")
        exprs = {name: compiled_expr(src) for name, src in self.show.items()}
        if self.that is not None:
            exprs[AssertionNames.THAT] = compiled_expr(self.that)
        if self.close is not None:
            exprs[AssertionNames.LEFT] = compiled_expr(self.close[0])
            exprs[AssertionNames.RIGHT] = compiled_expr(self.close[1])
        self._expressions = exprs
        return self

    @property
    def expressions(self) -> dict[str, Expr]:
        """The `show` expressions by name, and `__that__` or `__left__`/`__right__`, parsed once."""
        return self._expressions


class Probe(StrictModel):
    """One gradient to verify: the analytic value recorded by the steps against central differences."""

    wrt: str
    """What to perturb, element by element (an input or a path such as `net.params['W1']`)."""
    analytic: str
    """The recorded analytic gradient (e.g. `dx` from `dx = layer.backward(dout)`)."""
    forward: list[StepSpec]
    """Steps re-run for every perturbation; they bind the objective (`["out = layer.forward(x)"]`)."""
    objective: str
    """The value whose (weighted) sum is differentiated, bound by `forward`."""
    weight: str | None = None
    """An input the objective is multiplied by before summing (the upstream gradient `dout`);
    unset, the objective itself is summed."""


class SpeedNote(StrictModel):
    """Time a call for the student and the reference; a much slower correct solution gets a note
    (never a lost point)."""

    call: str
    """The call to time, e.g. `im2col(x, 5, 5, 1, 2)`."""
    setup: list[str] = []
    """Steps run once before the timing, untimed: build the layer whose method `call` times."""
    inputs: Case
    """Inputs for the timing (mid-size, fixed seed)."""
    advice: str = "loops over every output position are what make it slow; numpy slicing can move whole blocks at once"
    """What makes a solution this slow and what to do instead, in this exercise's terms."""
    max_ratio: float = Field(20.0, gt=1)
    """Slower than the reference by more than this factor earns the note (default 20)."""
    repeat: int = Field(3, ge=1, le=20)
    """How many times the call is timed; the fastest run counts (default 3)."""

    _program: Program = PrivateAttr()

    @model_validator(mode="after")
    def _compiles(self) -> SpeedNote:
        steps, _ = _compiled([*self.setup, TimedStep(timed=self.call, save=TIMED, repeat=self.repeat)], list(self.inputs))
        self._program = Program(steps)
        return self

    @property
    def program(self) -> Program:
        """The setup steps and the timed call, compiled when the spec was read."""
        return self._program


Visibility = Literal["visible", "after_due_date", "after_published", "hidden"]
"""Who sees a check, in Gradescope's terms; `hidden` checks also never run in a student's own `grade`."""


class _CheckBase(StrictModel):
    """What every check has: a name, its points and who sees it."""

    name: str = Field(min_length=3, max_length=80)
    """Shown to the student (3 to 80 characters); unique within the exercise."""
    points: float = Field(ge=0)
    """Points for passing this check; the checks' points add up to the exercise's."""
    visibility: Visibility = "visible"
    """Who sees the check's result on Gradescope: `visible` (the default), `after_due_date`,
    `after_published` or `hidden`. A `hidden` check runs only in a graded run (`--strict`,
    `grade batch`, the Gradescope autograder): a student's own `grade` neither runs nor shows it,
    and `grade course package` leaves it out of the course it ships."""


class _Scenario(_CheckBase):
    """A check that runs steps on cases of inputs."""

    cases: list[Case] = Field(min_length=1)
    """Input sets, all with the same names in the same order; random ones are drawn afresh
    (seeded) for each repeat."""
    repeat: int = Field(1, ge=1, le=200)
    """How many times each case with random inputs is drawn (default 1)."""
    steps: list[StepSpec] = Field(min_length=1)
    """What to run, in order: statements in Python syntax (`"out = layer.forward(x)"`), or
    `repeat`/`numgrad`/`timed` tables for loops, numerical gradients and timings."""
    _program: Program = PrivateAttr()
    _bound: frozenset[str] = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> _Scenario:
        names = list(self.cases[0])
        for index, case in enumerate(self.cases):
            if list(case) != names:
                raise ValueError(f"case {index + 1} has inputs {list(case)}, case 1 has {names}: all cases need the same names in the same order")
        steps, bound = _compiled(self.steps, names)
        self._program = Program(steps, track=self._tracked(names))
        self._bound = bound
        self._validate_references(bound)
        return self

    def _tracked(self, names: list[str]) -> tuple[str, ...]:
        return ()

    def _validate_references(self, bound: frozenset[str]) -> None:
        pass

    @property
    def program(self) -> Program:
        """The compiled steps (for a gradient check, followed by its probes)."""
        return self._program


class CompareCheck(_Scenario):
    """Recorded values must equal the reference's (or an accepted variant's) on every case."""

    kind: Literal[CheckKind.COMPARE]
    """`kind = "compare"`."""
    compare: list[str] = Field(min_length=1)
    """Recorded values to compare, by the names the steps bind (`["out", "dx"]`)."""
    modes: dict[str, CompareMode] = {}
    """How to compare a value, keyed by its name (one the steps bind): `close` (the default), `exact`,
    `integer`, `numeric`, `scalar` or `argmax`, e.g. `{ pred = "argmax" }`."""
    tolerance: Tolerance | None = None
    """Overrides the exercise's tolerance for this check."""
    note_if_changed: list[str] = []
    """Inputs whose in-place change earns a note rather than a failure (ReLU's `dout`)."""
    speed: SpeedNote | None = None
    """Optional timing against the reference, reported as a note."""

    def _tracked(self, names: list[str]) -> tuple[str, ...]:
        return tuple(self.note_if_changed)

    def _validate_references(self, bound: frozenset[str]) -> None:
        _require_bound(self.compare, bound, "compared value")
        _require_bound(self.modes, bound, "mode for")


class ExpectCheck(_Scenario):
    """Properties of the student's own results (no reference needed): sums, invariances, statistics."""

    kind: Literal[CheckKind.EXPECT]
    """`kind = "expect"`."""
    expect: list[Assertion] = Field(min_length=1)
    """The assertions; all must hold on every case."""

    def _validate_references(self, bound: frozenset[str]) -> None:
        for assertion in self.expect:
            for expr in assertion.expressions.values():
                _require_bound(expr.names, bound, "expression name")


class RaisesCheck(_Scenario):
    """The last step must raise the named exception (or a subclass) on every case."""

    kind: Literal[CheckKind.RAISES]
    """`kind = "raises"`."""
    exception: Literal["ValueError", "TypeError", "IndexError", "KeyError", "ZeroDivisionError", "ArithmeticError"]
    """The exception the contract asks for."""


class UnchangedCheck(_Scenario):
    """The named inputs must hold the same values after the steps as before."""

    kind: Literal[CheckKind.UNCHANGED]
    """`kind = "unchanged"`."""
    inputs: list[str] = Field(min_length=1)
    """Inputs that must not be modified (names from the cases)."""

    def _tracked(self, names: list[str]) -> tuple[str, ...]:
        missing = [n for n in self.inputs if n not in names]
        if missing:
            raise ValueError(f"unchanged inputs {missing} are not inputs of the cases")
        return tuple(self.inputs)


class GradientCheck(_Scenario):
    """Analytic gradients from `backward` against central differences of the student's own forward."""

    kind: Literal[CheckKind.GRADIENT]
    """`kind = "gradient"`."""
    probes: list[Probe] = Field(min_length=1)
    """The gradients to verify, as `[[checks.probes]]` tables."""
    max_relative_error: float = Field(1e-6, gt=0)
    """Largest accepted |analytic - numeric| / max(|analytic| + |numeric|, 1e-8) (default 1e-6);
    elements that differ by less than the rounding noise of the central differences count as
    agreeing (`checks.gradient.roundoff`)."""
    _probe_steps: tuple[Step, ...] = PrivateAttr()

    def _validate_references(self, bound: frozenset[str]) -> None:
        extra: list[Step] = []
        for index, probe in enumerate(self.probes):
            _require_bound([probe.analytic], bound, "analytic gradient")
            table = NumGradStep(numgrad=probe.wrt, steps=probe.forward, objective=probe.objective, weight=probe.weight, save=ProbeNames.numbered(index).save)
            try:
                steps, _ = compile_steps([table], bound)
            except StatementError as exc:
                raise ValueError(f"probe {index + 1}: {exc}") from None
            assert isinstance(steps[0], NumGrad)
            extra.extend(steps)
        self._probe_steps = tuple(extra)
        self._program = Program(self._program.steps + self._probe_steps, self._program.track)


class HypothesisCheck(_CheckBase):
    """Property-based: hypothesis draws inputs, the results must match the reference; failures are shrunk."""

    kind: Literal[CheckKind.HYPOTHESIS]
    """`kind = "hypothesis"`."""
    inputs: Case
    """Strategies (and expressions or scalars computed from them), by name."""
    assume: list[ExprSource] = []
    """Expressions over the inputs that must hold for a drawn input to be used (`x.size > 1`)."""
    steps: list[StepSpec] = Field(min_length=1)
    """What to run on each drawn input, as for the other kinds."""
    compare: list[str] = Field(min_length=1)
    """Recorded values to compare with the reference's."""
    modes: dict[str, CompareMode] = {}
    """How to compare a value, by name (close by default), as for compare checks."""
    tolerance: Tolerance | None = None
    """Overrides the exercise's tolerance for this check."""
    max_examples: int = Field(40, ge=5, le=500)
    """How many inputs hypothesis tries before shrinking a failure (default 40)."""
    _program: Program = PrivateAttr()
    _assumptions: tuple[Expr, ...] = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> HypothesisCheck:
        steps, bound = _compiled(self.steps, list(self.inputs))
        _require_bound(self.compare, bound, "compared value")
        self._assumptions = tuple(compiled_expr(source) for source in self.assume)
        for expr in self._assumptions:
            _require_bound(expr.names, frozenset(self.inputs), "assumed name")
        self._program = Program(steps)
        return self

    @property
    def assumptions(self) -> tuple[Expr, ...]:
        """The `assume` expressions, parsed when the spec was read."""
        return self._assumptions

    @property
    def program(self) -> Program:
        """The compiled steps."""
        return self._program


class IrisSplit(StrictModel):
    """The fixed stratified split of the shipped Iris data (`course/data/`)."""

    dataset: Literal["iris"] = "iris"
    """The dataset; Iris is the one the course ships."""
    test_per_class: int = Field(15, ge=5, le=40)
    """Test samples taken from each species (default 15 of 50); the rest is training data."""
    seed: int = 0
    """Seed of the per-class shuffle (fixed, so every run uses the same split)."""


class AccuracyCheck(_CheckBase):
    """Train and predict on a fixed split of a shipped dataset; test accuracy must reach a threshold."""

    kind: Literal[CheckKind.ACCURACY]
    """`kind = "accuracy"`."""
    data: IrisSplit
    """Which data and how it is split, as a `[checks.data]` table."""
    steps: list[StepSpec] = Field(min_length=1)
    """Steps with the inputs `x_train`, `t_train`, `x_test` bound; they must bind `prediction`."""
    prediction: str = "pred"
    """The value holding the predicted labels (or class scores, one row per sample) for `x_test`."""
    min_accuracy: float = Field(gt=0, le=1)
    """The share of test samples that must be classified right, e.g. 0.9."""
    _program: Program = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> AccuracyCheck:
        steps, bound = _compiled(self.steps, ["x_train", "t_train", "x_test"])
        _require_bound([self.prediction], bound, "prediction")
        self._program = Program(steps)
        return self

    @property
    def program(self) -> Program:
        """The compiled steps."""
        return self._program


class ImportsCheck(_CheckBase):
    """A static read of the student's file: only the listed modules may be imported."""

    kind: Literal[CheckKind.IMPORTS]
    """`kind = "imports"`."""
    allowed: list[str] = Field(min_length=1)
    """Top-level modules (or packages) that may be imported, e.g. numpy, math, exercises."""


def _known_kind(value: Any) -> Any:
    """Name the check kinds when a table's `kind` is missing or misspelt."""
    if isinstance(value, dict):
        kind = value.get("kind")
        kinds = ", ".join(CheckKind)
        if kind is None:
            raise ValueError(f"a check needs a `kind`, one of {kinds}")
        if kind not in tuple(CheckKind):
            raise ValueError(f"unknown check kind {kind!r} (the kinds are {kinds})")
    return value


Check = Annotated[
    CompareCheck | ExpectCheck | RaisesCheck | UnchangedCheck | GradientCheck | HypothesisCheck | AccuracyCheck | ImportsCheck,
    Field(discriminator="kind"),
    BeforeValidator(_known_kind),
]
"""Any check; its `kind` selects the model."""
