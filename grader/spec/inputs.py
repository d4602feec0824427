"""The inputs of a check: literal values, seeded random draws, expressions, hypothesis strategies.

A case maps input names to input specs (`cases = [{ x = { normal = [4, 3] }, t = 2 }]`). Each
spec is a scalar or a table whose key names its kind; the random kinds are drawn afresh, with a
fixed seed, for every repeat of the case, so every run of `grade` sees the same numbers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Discriminator, Field, PrivateAttr, Tag, model_validator

from grader.expr import Expr, ExprError, parse_expr
from grader.spec_base import StrictModel

InputName = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
"""The name of an input as the steps use it (`x`, `W1`, `dout`)."""
ScalarLiteral = bool | int | float | str
"""A TOML scalar: a boolean, an integer, a float or a string."""
Dim = int | tuple[int, int]
"""One dimension of a drawn shape: a fixed length, or a `[low, high]` range drawn per case."""


@lru_cache(maxsize=4096)
def compiled_expr(source: str) -> Expr:
    """Parse a spec expression, turning a whitelist violation into a validation error.

    Parsed once per source text: the field check below and the model that keeps the parsed
    expression share the result (an `Expr` is immutable).
    """
    try:
        return parse_expr(source)
    except ExprError as exc:
        raise ValueError(str(exc)) from None


def _parses(source: str) -> str:
    compiled_expr(source)
    return source


ExprSource = Annotated[str, AfterValidator(_parses)]
"""A whitelisted numpy expression over inputs and recorded values (`x.sum(axis=-1)`, `one_hot(t, 3)`),
checked when the spec is read so that an error names the field it is in."""


class ArrayInput(StrictModel):
    """A literal array, e.g. `{ array = [[1.0, 2.0], [3.0, 4.0]], dtype = "float64" }`."""

    array: list[Any]
    """The values as (nested) TOML lists; nesting gives the shape, so rows must have equal lengths."""
    dtype: Literal["float64", "float32", "int64", "int32", "bool"] = "float64"
    """The numpy dtype of the array (default float64)."""


class NormalInput(StrictModel):
    """Seeded normal samples of a shape, e.g. `{ normal = [[2, 5], 3], scale = 0.1 }` (2-5 rows)."""

    normal: tuple[Dim, ...]
    """The shape; a dimension may be a `[low, high]` range (inclusive), drawn per case."""
    scale: float = 1.0
    """The standard deviation of the samples."""
    loc: float = 0.0
    """The mean of the samples."""


class UniformInput(StrictModel):
    """Seeded uniform samples in [low, high), e.g. `{ uniform = [4, 3], low = 0.0, high = 1.0 }`."""

    uniform: tuple[Dim, ...]
    """The shape; a dimension may be a `[low, high]` range, drawn per case."""
    low: float = -1.0
    """Smallest value (included)."""
    high: float = 1.0
    """Upper bound (excluded)."""


class IntegersInput(StrictModel):
    """Seeded integers in [low, high), e.g. `{ integers = [5], low = 0, high = 10 }`."""

    integers: tuple[Dim, ...]
    """The shape; a dimension may be a `[low, high]` range, drawn per case."""
    low: int = 0
    """Smallest value (included)."""
    high: int
    """Upper bound (excluded); required."""


class ProbabilitiesInput(StrictModel):
    """Rows that sum to 1, e.g. a network's output: the softmax of seeded normal scores times
    `sharpness`, e.g. `{ probabilities = [4, 3] }`."""

    probabilities: tuple[Dim, ...]
    """The shape; the last dimension is the one that sums to 1."""
    sharpness: float = 2.0
    """Scale of the scores before the softmax: larger values give more confident rows."""


class LabelsInput(StrictModel):
    """Seeded integer class labels in [0, classes), e.g. `{ labels = [4], classes = 3 }`."""

    labels: tuple[Dim, ...]
    """The shape (usually one dimension: one label per sample)."""
    classes: int = Field(ge=2)
    """The number of classes; labels run from 0 to classes - 1."""


class ChoiceInput(StrictModel):
    """One of the listed scalars, picked per case, e.g. `{ choice = [1, 2, 3] }`."""

    choice: list[ScalarLiteral] = Field(min_length=1)
    """The values to pick from."""


class ExprInput(StrictModel):
    """Computed from the inputs listed before it in the case, e.g. `{ expr = "x + 1000" }`."""

    expr: ExprSource
    """A whitelisted numpy expression over earlier inputs (`x * 2`, `one_hot(t, 3)`, `x.T`)."""
    _compiled: Expr = PrivateAttr()

    @model_validator(mode="after")
    def _parses(self) -> ExprInput:
        self._compiled = compiled_expr(self.expr)
        return self

    @property
    def compiled(self) -> Expr:
        """The expression, parsed when the spec was read."""
        return self._compiled


class StrategyInput(StrictModel):
    """A hypothesis strategy for property-based checks (a failing input is shrunk to a small one),
    e.g. `{ hypothesis = "arrays", dims = [1, 2], side = [1, 6], min = -5.0, max = 5.0 }`."""

    hypothesis: Literal["arrays", "integers", "floats", "sampled"]
    """Which strategy: float64 arrays, integers, floats, or one of `values`."""
    dims: tuple[int, int] = (1, 2)
    """Arrays: smallest and largest number of dimensions."""
    side: tuple[int, int] = (1, 6)
    """Arrays: smallest and largest length of each dimension."""
    min: float | None = None
    """Smallest element (arrays, floats) or value (integers); unbounded when unset."""
    max: float | None = None
    """Largest element or value; unbounded when unset."""
    values: list[ScalarLiteral] = []
    """`sampled`: the values to pick from."""


_INPUT_MODELS: dict[str, type[BaseModel]] = {
    "array": ArrayInput,
    "normal": NormalInput,
    "uniform": UniformInput,
    "integers": IntegersInput,
    "probabilities": ProbabilitiesInput,
    "labels": LabelsInput,
    "choice": ChoiceInput,
    "expr": ExprInput,
    "hypothesis": StrategyInput,
}
"""Input kinds by the key that marks them."""


def _input_kind(value: Any) -> str | None:
    """The kind of an input spec: the key of a table, `scalar` for a TOML scalar, else None."""
    if isinstance(value, dict):
        return next((key for key in _INPUT_MODELS if key in value), None)
    if isinstance(value, BaseModel):
        return next((key for key, model in _INPUT_MODELS.items() if type(value) is model), None)
    return "scalar" if isinstance(value, bool | int | float | str) else None


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
        "integers, probabilities, labels, choice, expr, hypothesis (a literal list is written { array = [...] })",
    ),
]
"""One input as a spec writes it: a scalar, or a table whose key says how it is made."""

Case = dict[InputName, InputSpec]
"""One set of inputs, by name, in the order the steps may use them."""
