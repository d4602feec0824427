"""Inputs for checks: literal worked examples, seeded random draws, and hypothesis strategies.

Seeds come from the exercise id, the check and the draw number through a stable hash, so the
same spec gives the same inputs on every machine and every run.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from grader.spec import (
    ArrayInput,
    Case,
    ChoiceInput,
    Dim,
    ExprInput,
    InputSpec,
    IntegersInput,
    LabelsInput,
    NormalInput,
    ProbabilitiesInput,
    StrategyInput,
    UniformInput,
)

RANDOM_KINDS = (NormalInput, UniformInput, IntegersInput, ProbabilitiesInput, LabelsInput, ChoiceInput)


@dataclass(frozen=True)
class DrawnCase:
    """One concrete set of inputs, with where it came from (for messages and ordering)."""

    values: dict[str, object]
    case_index: int
    draw: int

    @property
    def size(self) -> int:
        """Total number of scalars in the inputs: smaller cases are tried, and shown, first."""
        return sum(int(np.size(v)) if isinstance(v, (np.ndarray, int, float, bool)) else 1 for v in self.values.values())


def stable_seed(*parts: object) -> int:
    return zlib.crc32("\x1f".join(str(p) for p in parts).encode())


def is_random(case: Case) -> bool:
    return any(isinstance(spec, RANDOM_KINDS) for spec in case.values())


def draw_cases(cases: list[Case], repeat: int, *, seed_parts: tuple[object, ...]) -> list[DrawnCase]:
    """Every case drawn (random ones `repeat` times), ordered from the smallest input up."""
    drawn = []
    for index, case in enumerate(cases):
        rounds = repeat if is_random(case) else 1
        for draw in range(rounds):
            rng = np.random.default_rng(stable_seed(*seed_parts, index, draw))
            drawn.append(DrawnCase(draw_case(case, rng), index, draw))
    return sorted(drawn, key=lambda c: (c.size, c.case_index, c.draw))


def draw_case(case: Case, rng: np.random.Generator) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, spec in case.items():
        values[name] = draw_input(spec, rng, values)
    return values


def _shape(dims: tuple[Dim, ...], rng: np.random.Generator) -> tuple[int, ...]:
    return tuple(int(rng.integers(d[0], d[1] + 1)) if isinstance(d, tuple) else int(d) for d in dims)


def draw_input(spec: InputSpec, rng: np.random.Generator, earlier: Mapping[str, object]) -> object:
    match spec:
        case ArrayInput(array=data, dtype=dtype):
            return np.array(data, dtype=dtype)
        case NormalInput(normal=dims, scale=scale, loc=loc):
            return rng.normal(loc, scale, size=_shape(dims, rng))
        case UniformInput(uniform=dims, low=low, high=high):
            return rng.uniform(low, high, size=_shape(dims, rng))
        case IntegersInput(integers=dims, low=low, high=high):
            return rng.integers(low, high, size=_shape(dims, rng), dtype=np.int64)
        case ProbabilitiesInput(probabilities=dims, sharpness=sharpness):
            scores = rng.normal(0.0, 1.0, size=_shape(dims, rng)) * sharpness
            scores -= scores.max(axis=-1, keepdims=True)
            e = np.exp(scores)
            return e / e.sum(axis=-1, keepdims=True)
        case LabelsInput(labels=dims, classes=classes):
            return rng.integers(0, classes, size=_shape(dims, rng), dtype=np.int64)
        case ChoiceInput(choice=options):
            return options[int(rng.integers(0, len(options)))]
        case ExprInput():
            return _normalise(spec.compiled(earlier))
        case StrategyInput():
            raise ValueError("hypothesis strategies are only allowed in hypothesis checks")
    return spec  # a scalar literal


def _normalise(value: object) -> object:
    if isinstance(value, np.ndarray):
        return value.astype(np.float64) if value.dtype.kind == "f" else value
    if isinstance(value, np.generic):
        return value.item()
    return value


# --- hypothesis ------------------------------------------------------------------------------


def strategy_for(case: Case):
    """A hypothesis strategy producing one input dict per example (imported lazily: it is slow to load)."""
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp

    def build(spec: InputSpec):
        if not isinstance(spec, StrategyInput):
            return None
        match spec.hypothesis:
            case "arrays":
                low = -1e3 if spec.min is None else spec.min
                high = 1e3 if spec.max is None else spec.max
                shapes = hnp.array_shapes(min_dims=spec.dims[0], max_dims=spec.dims[1], min_side=spec.side[0], max_side=spec.side[1])
                elements = st.floats(low, high, allow_nan=False, allow_infinity=False, width=64)
                return hnp.arrays(np.float64, shapes, elements=elements)
            case "integers":
                return st.integers(int(spec.min if spec.min is not None else -100), int(spec.max if spec.max is not None else 100))
            case "floats":
                return st.floats(spec.min, spec.max, allow_nan=False, allow_infinity=False)
            case "sampled":
                return st.sampled_from(spec.values)

    drawn = {name: build(spec) for name, spec in case.items()}

    @st.composite
    def examples(draw) -> dict[str, object]:
        values: dict[str, object] = {}
        for name, spec in case.items():
            strategy = drawn[name]
            values[name] = draw(strategy) if strategy is not None else draw_input(spec, np.random.default_rng(0), values)
        return values

    return examples()


# --- fast exploration of a strategy space ----------------------------------------------------

_ELEMENT_STYLES = ("uniform", "small", "integers", "extremes", "large")


def explore(case: Case, count: int, *, seed: int, assume: list | None = None) -> list[DrawnCase]:
    """Seeded examples from the same space the hypothesis strategies describe, biased to its edges.

    They are evaluated in one batched sandbox call; only when one fails does hypothesis search
    again and shrink, which keeps a passing property check as cheap as one round trip.
    """
    rng = np.random.default_rng(seed)
    drawn: list[DrawnCase] = []
    attempts = 0
    while len(drawn) < count and attempts < count * 20:
        attempts += 1
        values: dict[str, object] = {}
        style = _ELEMENT_STYLES[attempts % len(_ELEMENT_STYLES)]
        for name, spec in case.items():
            values[name] = _explore_input(spec, rng, values, style) if isinstance(spec, StrategyInput) else draw_input(spec, rng, values)
        if assume and not all(bool(condition(values)) for condition in assume):
            continue
        drawn.append(DrawnCase(values, 0, len(drawn)))
    return sorted(drawn, key=lambda c: (c.size, c.draw))


def _explore_input(spec: StrategyInput, rng: np.random.Generator, earlier: Mapping[str, object], style: str) -> object:
    low = spec.min
    high = spec.max
    match spec.hypothesis:
        case "arrays":
            low = -1e3 if low is None else low
            high = 1e3 if high is None else high
            ndim = int(rng.integers(spec.dims[0], spec.dims[1] + 1))
            shape = tuple(int(rng.integers(spec.side[0], spec.side[1] + 1)) for _ in range(ndim))
            return _elements(rng, shape, low, high, style)
        case "integers":
            lo = int(-100 if low is None else low)
            hi = int(100 if high is None else high)
            if style == "extremes":
                return int(rng.choice([lo, hi, min(max(0, lo), hi), min(max(1, lo), hi)]))
            if style == "small":
                return int(np.clip(rng.integers(-3, 4), lo, hi))
            return int(rng.integers(lo, hi + 1))
        case "floats":
            lo = -1e3 if low is None else low
            hi = 1e3 if high is None else high
            return float(_elements(rng, (), lo, hi, style))
        case "sampled":
            return spec.values[int(rng.integers(0, len(spec.values)))]
    raise ValueError(spec.hypothesis)


def _elements(rng: np.random.Generator, shape: tuple[int, ...], low: float, high: float, style: str) -> np.ndarray:
    if style == "small":
        values = rng.normal(0.0, 1.0, size=shape)
    elif style == "integers":
        values = rng.integers(-3, 4, size=shape).astype(float)
    elif style == "extremes":
        values = rng.choice(np.array([low, high, 0.0, low / 2, high / 2]), size=shape)
    elif style == "large":
        values = rng.choice(np.array([-1.0, 1.0]), size=shape) * rng.uniform(0.7, 1.0, size=shape) * max(abs(low), abs(high))
    else:
        values = rng.uniform(low, high, size=shape)
    return np.clip(np.asarray(values, dtype=np.float64), low, high)
