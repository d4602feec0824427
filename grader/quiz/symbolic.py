"""Decide whether two expressions are mathematically equivalent, within a time limit.

Two steps. First a numeric spot check: both expressions are evaluated with floats at a dozen
seeded random points; a clear difference at any point where both are defined settles it (not
equivalent). When they agree everywhere, a symbolic check with sympy confirms it: the difference
is simplified and compared with zero (`Expr.equals`). The symbolic step runs in a daemon thread
and is abandoned after a time limit, so it works off the main thread (no signals) and never
blocks an app; an abandoned or inconclusive symbolic check leaves the numeric verdict standing.
sympy is imported only here and only when needed (it takes about half a second).
"""

from __future__ import annotations

import ast
import logging
import math
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING

from grader.quiz.expressions import ARITHMETIC, Expression

if TYPE_CHECKING:
    import sympy

_log = logging.getLogger(__name__)

SPOT_CHECK_POINTS = 12
"""How many random points the numeric check evaluates both expressions at."""

SPOT_CHECK_RTOL = 1e-9
"""Relative tolerance of the numeric check: values closer than this count as equal."""

SYMBOLIC_TIMEOUT_S = 3.0
"""How long the sympy check may run before its verdict is abandoned (the first call also pays
for importing sympy)."""


class Method(Enum):
    """Which check decided an equivalence question."""

    NUMERIC = "numeric"
    SYMBOLIC = "symbolic"


@dataclass(frozen=True)
class Equivalence:
    """The outcome of comparing a student's expression with a reference expression."""

    equivalent: bool
    """Whether the expressions are judged mathematically equal on the sampling interval."""
    method: Method
    """The check that settled it: numeric when it found a difference or sympy gave no answer."""


def equivalent(
    answer: Expression,
    reference: Expression,
    *,
    interval: tuple[float, float] = (0.5, 2.0),
    timeout_s: float = SYMBOLIC_TIMEOUT_S,
    seed: int = 0,
) -> Equivalence:
    """Compare `answer` with `reference`: numeric spot check first, then a bounded sympy check."""
    if not _agree_numerically(answer, reference, interval=interval, seed=seed):
        return Equivalence(equivalent=False, method=Method.NUMERIC)
    symbolic = _symbolic_zero_difference(answer, reference, timeout_s=timeout_s, positive=interval[0] > 0)
    if symbolic is None:
        return Equivalence(equivalent=True, method=Method.NUMERIC)
    return Equivalence(equivalent=symbolic, method=Method.SYMBOLIC)


def _agree_numerically(
    answer: Expression, reference: Expression, *, interval: tuple[float, float], seed: int
) -> bool:
    """True unless some point where both are defined shows a difference beyond the tolerance."""
    rng = random.Random(seed)
    low, high = interval
    names = sorted(set(answer.variables) | set(reference.variables))
    compared = 0
    for _ in range(SPOT_CHECK_POINTS * 4):
        point = {name: rng.uniform(low, high) for name in names}
        a, b = _value_or_none(answer, point), _value_or_none(reference, point)
        if a is None and b is None:
            continue
        if a is None or b is None:
            return False
        if not math.isclose(a, b, rel_tol=SPOT_CHECK_RTOL, abs_tol=SPOT_CHECK_RTOL):
            return False
        compared += 1
        if compared >= SPOT_CHECK_POINTS:
            break
    return True


def _value_or_none(expression: Expression, point: Mapping[str, float]) -> float | None:
    """The value at `point`, or None where the expression is undefined or not finite there."""
    try:
        value = expression.evaluate(point)
    except (ArithmeticError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _symbolic_zero_difference(
    answer: Expression, reference: Expression, *, timeout_s: float, positive: bool
) -> bool | None:
    """Ask sympy whether `answer - reference` is zero, in a daemon thread; None if no answer in time."""
    outcome: list[bool | None] = []

    def work() -> None:
        try:
            outcome.append(_sympy_is_zero(answer, reference, positive=positive))
        except (ArithmeticError, ValueError, TypeError, RecursionError):
            _log.warning("sympy could not compare %r with %r", answer.text, reference.text, exc_info=True)
            outcome.append(None)

    worker = threading.Thread(target=work, name="quiz-symbolic-check", daemon=True)
    worker.start()
    worker.join(timeout_s)
    return outcome[0] if outcome else None


def _sympy_is_zero(answer: Expression, reference: Expression, *, positive: bool) -> bool | None:
    """Whether sympy shows the difference to be zero (variables are real, and positive when the
    sampling interval is); None when sympy cannot tell."""
    import sympy

    names = sorted(set(answer.variables) | set(reference.variables))
    symbols = {name: sympy.Symbol(name, real=True, positive=positive or None) for name in names}
    difference = to_sympy(answer.tree, symbols) - to_sympy(reference.tree, symbols)
    if difference == 0 or sympy.expand(difference) == 0:
        return True
    result = difference.equals(0)
    return bool(result) if result is not None else None


def to_sympy(node: ast.expr, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    """Build the sympy expression of a checked tree (numbers become exact rationals)."""
    import sympy

    functions = {
        "exp": sympy.exp,
        "log": sympy.log,
        "sqrt": sympy.sqrt,
        "sin": sympy.sin,
        "cos": sympy.cos,
        "tanh": sympy.tanh,
        "sigmoid": lambda u: 1 / (1 + sympy.exp(-u)),
    }
    match node:
        case ast.Constant(value=value):
            fraction = Fraction(str(value))
            return sympy.Rational(fraction.numerator, fraction.denominator)
        case ast.Name(id=name):
            return symbols[name]
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            return -to_sympy(operand, symbols)
        case ast.UnaryOp(operand=operand):
            return to_sympy(operand, symbols)
        case ast.BinOp(op=op, left=left, right=right):
            if type(op) in ARITHMETIC:
                return ARITHMETIC[type(op)](to_sympy(left, symbols), to_sympy(right, symbols))
        case ast.Call(func=ast.Name(id=name), args=[argument]):
            return functions[name](to_sympy(argument, symbols))
    raise ValueError(f"unsupported node {ast.dump(node)}")
