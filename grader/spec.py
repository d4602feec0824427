"""The spec models: what an exercise file in `course/exercises/*.toml` may say.

Strict pydantic models (unknown keys are errors, everything frozen). Check kinds and input kinds
are tagged unions, so adding an exercise of a known kind is a matter of writing data. Steps and
expressions are compiled while the spec is validated, so a typo in a spec is reported with its
field path before any student code runs.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    field_validator,
    model_validator,
)

from grader.expr import Expr, ExprError, parse_expr
from grader.program.steps import Program, Step
from grader.statements import StatementError, compile_steps

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
InputName = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
ScalarLiteral = bool | int | float | str
Dim = int | tuple[int, int]

RESERVED_IDS = frozenset({"init", "list", "hint", "reset", "watch", "progress", "quiz", "help"})


def _compiled_expr(source: str) -> Expr:
    """Parse a spec expression, turning a whitelist violation into a validation error."""
    try:
        return parse_expr(source)
    except ExprError as exc:
        raise ValueError(str(exc)) from None


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tolerance(StrictModel):
    """How close a float result must be: |got - expected| <= atol + rtol * |expected|."""

    rtol: float = Field(1e-5, ge=0)
    """Relative tolerance."""
    atol: float = Field(1e-7, ge=0)
    """Absolute tolerance."""


class Limits(StrictModel):
    """Resources the student's code gets."""

    time_s: float = Field(5.0, gt=0, le=600)
    """Wall-clock seconds for one check's run (importing the file included)."""
    memory_mb: int = Field(512, ge=64, le=16384)
    """Address space the child may add on top of a bare interpreter with numpy, in MiB."""


class NameSpec(StrictModel):
    """A function or class the grader calls."""

    name: Identifier | Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9_]*$")]
    """The name as it appears in the stub."""
    signature: str
    """How it is called, for the student's eyes (e.g. `softmax(x) -> ndarray`)."""


class Misconception(StrictModel):
    """A known wrong behaviour, given as a wrong implementation, and the message that explains it.

    The implementation lives in `course/misconceptions/<exercise>/<id>.py` and may define only
    the names it gets wrong; the others come from the reference. When a check fails and the
    wrong implementation fails it the same way on the same input, the student sees `message`.
    """

    id: Identifier
    """Name of the file with the wrong implementation."""
    message: str = Field(min_length=10)
    """The targeted hint: what the mistake is and how to fix it."""
    checks: tuple[str, ...] = ()
    """Names of the checks it explains; empty means any."""
    match_rtol: float | None = None
    """Relative tolerance for "fails the same way"; the check's own tolerance when unset."""


class Variant(StrictModel):
    """Another correct convention (in `course/variants/<exercise>/<id>.py`) that checks also accept."""

    id: Identifier
    """Name of the file with the alternative implementation."""
    description: str
    """What convention it stands for."""


# --- inputs ----------------------------------------------------------------------------------


class ArrayInput(StrictModel):
    """A literal array, e.g. `{ array = [1.0, 2.0], dtype = "float64" }`."""

    array: list[Any]
    dtype: Literal["float64", "float32", "int64", "int32", "bool"] = "float64"


class NormalInput(StrictModel):
    """Seeded normal samples of the given shape (a dim may be a [low, high] range, drawn per case)."""

    normal: tuple[Dim, ...]
    scale: float = 1.0
    loc: float = 0.0


class UniformInput(StrictModel):
    """Seeded uniform samples in [low, high)."""

    uniform: tuple[Dim, ...]
    low: float = -1.0
    high: float = 1.0


class IntegersInput(StrictModel):
    """Seeded integers in [low, high)."""

    integers: tuple[Dim, ...]
    low: int = 0
    high: int


class ProbabilitiesInput(StrictModel):
    """Rows that sum to 1 (softmax of seeded normal scores times `sharpness`)."""

    probabilities: tuple[Dim, ...]
    sharpness: float = 2.0


class LabelsInput(StrictModel):
    """Seeded integer class labels in [0, classes)."""

    labels: tuple[Dim, ...]
    classes: int = Field(ge=2)


class ChoiceInput(StrictModel):
    """One of the listed scalars, picked per case."""

    choice: list[ScalarLiteral] = Field(min_length=1)


class ExprInput(StrictModel):
    """Computed from the inputs listed before it, e.g. `{ expr = "x + 1000" }`."""

    expr: str
    _compiled: Expr = PrivateAttr()

    @model_validator(mode="after")
    def _parses(self) -> ExprInput:
        self._compiled = _compiled_expr(self.expr)
        return self

    @property
    def compiled(self) -> Expr:
        return self._compiled


class StrategyInput(StrictModel):
    """A hypothesis strategy for property-based checks (the failing input is shrunk)."""

    hypothesis: Literal["arrays", "integers", "floats", "sampled"]
    """Which strategy."""
    dims: tuple[int, int] = (1, 2)
    """Arrays: smallest and largest number of dimensions."""
    side: tuple[int, int] = (1, 6)
    """Arrays: smallest and largest length of each dimension."""
    min: float | None = None
    """Smallest element (arrays, floats) or value (integers)."""
    max: float | None = None
    """Largest element or value."""
    values: list[ScalarLiteral] = []
    """`sampled`: the values to pick from."""


def _input_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("array", "normal", "uniform", "integers", "probabilities", "labels", "choice", "expr", "hypothesis"):
            if key in value:
                return key
        return None
    if isinstance(value, BaseModel):
        return {
            ArrayInput: "array",
            NormalInput: "normal",
            UniformInput: "uniform",
            IntegersInput: "integers",
            ProbabilitiesInput: "probabilities",
            LabelsInput: "labels",
            ChoiceInput: "choice",
            ExprInput: "expr",
            StrategyInput: "hypothesis",
        }.get(type(value))
    return "scalar"


InputSpec = Annotated[
    Annotated[ArrayInput, Tag("array")]
    | Annotated[NormalInput, Tag("normal")]
    | Annotated[UniformInput, Tag("uniform")]
    | Annotated[IntegersInput, Tag("integers")]
    | Annotated[ProbabilitiesInput, Tag("probabilities")]
    | Annotated[LabelsInput, Tag("labels")]
    | Annotated[ChoiceInput, Tag("choice")]
    | Annotated[ExprInput, Tag("expr")]
    | Annotated[StrategyInput, Tag("hypothesis")]
    | Annotated[ScalarLiteral, Tag("scalar")],
    Discriminator(
        _input_kind,
        custom_error_type="input_kind",
        custom_error_message="an input is a scalar or a table with one of the keys array, normal, uniform, "
        "integers, probabilities, labels, choice, expr, hypothesis",
    ),
]

Case = dict[InputName, InputSpec]


# --- checks ----------------------------------------------------------------------------------

CompareMode = Literal["close", "exact", "integer", "numeric", "scalar", "argmax"]


class Assertion(StrictModel):
    """A property of the student's results: `that` must hold, or the two `close` expressions agree."""

    that: str | None = None
    """A boolean expression over inputs and recorded values."""
    close: tuple[str, str] | None = None
    """Two expressions that must be equal within the tolerance."""
    message: str
    """What is wrong when it fails; `{name}` fields are filled from `show`."""
    show: dict[str, str] = {}
    """Named expressions whose values the message and the misconception matching use."""
    tolerance: Tolerance | None = None
    """Tolerance for `close` (the exercise's when unset)."""
    _expressions: dict[str, Expr] = PrivateAttr()

    @model_validator(mode="after")
    def _one_form(self) -> Assertion:
        if (self.that is None) == (self.close is None):
            raise ValueError("an assertion has exactly one of `that` and `close`")
        exprs = {name: _compiled_expr(src) for name, src in self.show.items()}
        if self.that is not None:
            exprs["__that__"] = _compiled_expr(self.that)
        if self.close is not None:
            exprs["__left__"] = _compiled_expr(self.close[0])
            exprs["__right__"] = _compiled_expr(self.close[1])
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
    forward: list[str | dict[str, Any]]
    """Steps re-run for every perturbation; they bind the objective."""
    objective: str
    """The value whose (weighted) sum is differentiated."""
    weight: str | None = None
    """An input the objective is multiplied by before summing (the upstream gradient `dout`)."""


class SpeedNote(StrictModel):
    """Time a call for the student and the reference; a much slower correct solution gets a note."""

    call: str
    """The call to time, e.g. `im2col(x, 5, 5, 1, 2)`."""
    setup: list[str] = []
    """Steps run once before the timing, untimed: build the layer whose method `call` times."""
    inputs: Case
    """Inputs for the timing (mid-size, fixed seed)."""
    advice: str = "loops over every output position are what make it slow; numpy slicing can move whole blocks at once"
    """What makes a solution this slow and what to do instead, in this exercise's terms."""
    max_ratio: float = Field(20.0, gt=1)
    """Slower than the reference by more than this factor earns the note."""
    repeat: int = Field(3, ge=1, le=20)

    _program: Program = PrivateAttr()

    @model_validator(mode="after")
    def _compiles(self) -> SpeedNote:
        try:
            steps, _ = compile_steps([*self.setup, {"timed": self.call, "save": "t", "repeat": self.repeat}], list(self.inputs))
        except StatementError as exc:
            raise ValueError(str(exc)) from None
        self._program = Program(steps)
        return self

    @property
    def program(self) -> Program:
        """The setup steps and the timed call, compiled when the spec was read."""
        return self._program


class _CheckBase(StrictModel):
    name: str = Field(min_length=3, max_length=80)
    """Shown to the student; unique within the exercise."""
    points: float = Field(ge=0)
    """Points for passing this check."""


class _Scenario(_CheckBase):
    cases: list[Case] = Field(min_length=1)
    """Input sets; random ones are drawn afresh (seeded) for each repeat."""
    repeat: int = Field(1, ge=1, le=200)
    """How many times each case with random inputs is drawn."""
    steps: list[str | dict[str, Any]] = Field(min_length=1)
    """What to run, in Python syntax (see `grader.statements`)."""
    _program: Program = PrivateAttr()
    _bound: frozenset[str] = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> _Scenario:
        names = list(self.cases[0])
        for index, case in enumerate(self.cases):
            if list(case) != names:
                raise ValueError(f"case {index + 1} has inputs {list(case)}, case 1 has {names}: all cases need the same names in the same order")
        try:
            steps, bound = compile_steps(self.steps, names)
        except StatementError as exc:
            raise ValueError(str(exc)) from None
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
        return self._program


def _require_bound(names, bound: frozenset[str], what: str) -> None:
    for name in names:
        if name not in bound:
            raise ValueError(f"{what} `{name}` is not an input or a value bound by the steps")


class CompareCheck(_Scenario):
    """Recorded values must equal the reference's (or an accepted variant's) on every case."""

    kind: Literal["compare"]
    compare: list[str] = Field(min_length=1)
    """Recorded values to compare."""
    modes: dict[str, CompareMode] = {}
    """How to compare a value: close (default), exact, integer, numeric, scalar, argmax."""
    tolerance: Tolerance | None = None
    """Overrides the exercise's tolerance."""
    note_if_changed: list[str] = []
    """Inputs whose in-place change earns a note rather than a failure (ReLU's `dout`)."""
    speed: SpeedNote | None = None
    """Optional timing against the reference."""

    def _tracked(self, names: list[str]) -> tuple[str, ...]:
        return tuple(self.note_if_changed)

    def _validate_references(self, bound: frozenset[str]) -> None:
        _require_bound(self.compare, bound, "compared value")
        _require_bound(self.modes, bound, "mode for")


class ExpectCheck(_Scenario):
    """Properties of the student's own results (no reference needed): sums, invariances, statistics."""

    kind: Literal["expect"]
    expect: list[Assertion] = Field(min_length=1)
    """All must hold on every case."""

    def _validate_references(self, bound: frozenset[str]) -> None:
        for assertion in self.expect:
            for expr in assertion.expressions.values():
                _require_bound(expr.names, bound, "expression name")


class RaisesCheck(_Scenario):
    """The last step must raise the named exception (or a subclass) on every case."""

    kind: Literal["raises"]
    exception: Literal["ValueError", "TypeError", "IndexError", "KeyError", "ZeroDivisionError", "ArithmeticError"]
    """The exception the contract asks for."""


class UnchangedCheck(_Scenario):
    """The named inputs must hold the same values after the steps as before."""

    kind: Literal["unchanged"]
    inputs: list[str] = Field(min_length=1)
    """Inputs that must not be modified."""

    def _tracked(self, names: list[str]) -> tuple[str, ...]:
        missing = [n for n in self.inputs if n not in names]
        if missing:
            raise ValueError(f"unchanged inputs {missing} are not inputs of the cases")
        return tuple(self.inputs)


class GradientCheck(_Scenario):
    """Analytic gradients from `backward` against central differences of the student's own forward."""

    kind: Literal["gradient"]
    probes: list[Probe] = Field(min_length=1)
    """The gradients to verify."""
    max_relative_error: float = Field(1e-6, gt=0)
    """Largest accepted |analytic - numeric| / max(|analytic| + |numeric|, 1e-8); elements that differ by
    less than the rounding noise of the central differences count as agreeing (`checks.gradient.roundoff`)."""
    _probe_steps: tuple[Step, ...] = PrivateAttr()

    def _validate_references(self, bound: frozenset[str]) -> None:
        from grader.program.steps import NumGrad

        extra: list[Step] = []
        for index, probe in enumerate(self.probes):
            _require_bound([probe.analytic], bound, "analytic gradient")
            table: dict[str, Any] = {"numgrad": probe.wrt, "steps": probe.forward, "objective": probe.objective, "save": f"probe{index}"}
            if probe.weight is not None:
                table["weight"] = probe.weight
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

    kind: Literal["hypothesis"]
    inputs: Case
    """Strategies (and expressions or scalars computed from them)."""
    assume: list[str] = []
    """Expressions that must hold for a drawn input to be used."""
    steps: list[str | dict[str, Any]] = Field(min_length=1)
    compare: list[str] = Field(min_length=1)
    modes: dict[str, CompareMode] = {}
    tolerance: Tolerance | None = None
    max_examples: int = Field(40, ge=5, le=500)
    """How many inputs hypothesis tries before shrinking."""
    _program: Program = PrivateAttr()
    _assumptions: tuple[Expr, ...] = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> HypothesisCheck:
        try:
            steps, bound = compile_steps(self.steps, list(self.inputs))
        except StatementError as exc:
            raise ValueError(str(exc)) from None
        _require_bound(self.compare, bound, "compared value")
        self._assumptions = tuple(_compiled_expr(source) for source in self.assume)
        for expr in self._assumptions:
            _require_bound(expr.names, frozenset(self.inputs), "assumed name")
        self._program = Program(steps)
        return self

    @property
    def assumptions(self) -> tuple[Expr, ...]:
        return self._assumptions

    @property
    def program(self) -> Program:
        return self._program


class IrisSplit(StrictModel):
    """The fixed stratified split of the shipped Iris data."""

    dataset: Literal["iris"] = "iris"
    test_per_class: int = Field(15, ge=5, le=40)
    """Test samples taken from each species."""
    seed: int = 0
    """Seed of the per-class shuffle (fixed, so every run uses the same split)."""


class AccuracyCheck(_CheckBase):
    """Train and predict on a fixed split of a shipped dataset; test accuracy must reach a threshold."""

    kind: Literal["accuracy"]
    data: IrisSplit
    steps: list[str | dict[str, Any]] = Field(min_length=1)
    """Steps with the inputs `x_train`, `t_train`, `x_test` bound; they must bind `prediction`."""
    prediction: str = "pred"
    min_accuracy: float = Field(gt=0, le=1)
    _program: Program = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> AccuracyCheck:
        try:
            steps, bound = compile_steps(self.steps, ["x_train", "t_train", "x_test"])
        except StatementError as exc:
            raise ValueError(str(exc)) from None
        _require_bound([self.prediction], bound, "prediction")
        self._program = Program(steps)
        return self

    @property
    def program(self) -> Program:
        return self._program


class ImportsCheck(_CheckBase):
    """A static read of the student's file: only the listed modules may be imported."""

    kind: Literal["imports"]
    allowed: list[str] = Field(min_length=1)
    """Top-level modules (or packages) that may be imported, e.g. numpy, math, exercises."""


Check = Annotated[
    CompareCheck | ExpectCheck | RaisesCheck | UnchangedCheck | GradientCheck | HypothesisCheck | AccuracyCheck | ImportsCheck,
    Field(discriminator="kind"),
]


class ExerciseSpec(StrictModel):
    """One exercise: what the student implements and every check of it."""

    format_version: Literal[1] = 1
    """Version of this spec format."""
    id: Identifier
    """The exercise id; the stub is `exercises/<id>.py`, the reference `solutions/<id>.py`."""
    title: str
    summary: str = Field(min_length=10, max_length=200)
    """One line on what the student builds."""
    topic: Identifier
    """A topic id from `course/course.toml`."""
    section: str
    """Where the notes cover it, e.g. "Day 1 §3"."""
    points: float = Field(gt=0)
    """Must equal the sum of the checks' points."""
    requires: list[Identifier] = []
    """Exercises this one builds on."""
    names: list[NameSpec] = Field(min_length=1)
    tolerance: Tolerance = Tolerance()
    limits: Limits = Limits()
    hints: list[str] = Field(min_length=1)
    """From a nudge to nearly the answer, revealed one at a time."""
    misconceptions: list[Misconception] = []
    variants: list[Variant] = []
    checks: list[Check] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_IDS:
            raise ValueError(f"`{value}` is a grade subcommand and cannot be an exercise id")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ExerciseSpec:
        names = [c.name for c in self.checks]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise ValueError(f"check names must be unique: {sorted(duplicates)}")
        total = sum(c.points for c in self.checks)
        if abs(total - self.points) > 1e-9:
            raise ValueError(f"points is {self.points:g} but the checks add up to {total:g}")
        ids = [m.id for m in self.misconceptions] + [v.id for v in self.variants]
        if len(ids) != len(set(ids)):
            raise ValueError("misconception and variant ids must be unique")
        for misconception in self.misconceptions:
            unknown = [c for c in misconception.checks if c not in names]
            if unknown:
                raise ValueError(f"misconception {misconception.id} names unknown checks {unknown}")
        if self.id in self.requires:
            raise ValueError("an exercise cannot require itself")
        return self


class Topic(StrictModel):
    """A course topic: exercises and quiz questions are grouped by it."""

    id: Identifier
    title: str
    section: str
    """Where the notes cover it."""


class CourseSpec(StrictModel):
    """`course/course.toml`: the course's title, topics and exercise order."""

    format_version: Literal[1] = 1
    title: str
    topics: list[Topic] = Field(min_length=1)
    """In course order."""
    exercises: list[Identifier] = Field(min_length=1)
    """Exercise ids in course order; each has `course/exercises/<id>.toml`."""
    packages: list[Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]] = ["numpy"]
    """Installed third-party packages that exercise code may import. The sandbox's filesystem view
    holds only these (and the standard library): any other package is not there to import."""

    @model_validator(mode="after")
    def _unique(self) -> CourseSpec:
        for label, items in (("topic", [t.id for t in self.topics]), ("exercise", self.exercises)):
            if len(items) != len(set(items)):
                raise ValueError(f"{label} ids must be unique")
        return self
