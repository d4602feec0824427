"""`expect`: properties of the student's own results, such as rows summing to 1, shift invariance,
agreement of two label forms, or statistics of random masks. No reference is involved."""

from __future__ import annotations

import numpy as np

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, CheckOutcome, Problem
from grader.checks.scenario import run_cases
from grader.compare import compare, fmt_array
from grader.expr import ExprTypeError
from grader.feedback import observed
from grader.sandbox.outcome import ProgramResult
from grader.sandbox.values import OpaqueValue, Value, to_live, to_plain
from grader.spec import Assertion, ExpectCheck
from grader.program.names import AssertionNames


def results_env(case: DrawnCase, got: ProgramResult) -> dict[str, object]:
    """Inputs and recorded values as ordinary objects for expressions; opaque values cannot be used."""
    env: dict[str, object] = dict(case.values)
    for name, value in got.values.items():
        env[name] = _usable(name, value)
    return env


def _usable(name: str, value: Value) -> object:
    if isinstance(value, OpaqueValue):
        return _OpaqueMarker(name, value)
    try:
        return to_live(value)
    except ValueError:
        return _OpaqueMarker(name, value)


class _OpaqueMarker:
    def __init__(self, name: str, value: Value) -> None:
        self.name, self.value = name, value


def _plain_scalar(value: object) -> object:
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _render(value: object) -> str:
    value = _plain_scalar(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, np.ndarray):
        return fmt_array(value)
    return repr(value)


def evaluate(assertion: Assertion, env: dict[str, object], tol) -> Problem | None:
    """Check one assertion; a Problem with the filled-in message when it does not hold."""
    exprs = assertion.expressions
    for name in set().union(*(e.names for e in exprs.values())):
        marker = env.get(name)
        if isinstance(marker, _OpaqueMarker):
            return Problem(f"`{name}` is {marker.value.type_name}, not a numpy array or number", observation={"opaque": to_plain(name)})
    shown: dict[str, object] = {}
    try:
        for key, expr in exprs.items():
            if not key.startswith("__"):
                shown[key] = _plain_scalar(expr(env))
        if assertion.that is not None:
            holds = bool(np.all(exprs[AssertionNames.THAT](env)))
            mismatch_details: tuple[str, ...] = ()
        else:
            left, right = exprs[AssertionNames.LEFT](env), exprs[AssertionNames.RIGHT](env)
            mismatch = compare(to_plain(_as_value(left)), to_plain(_as_value(right)), tol=tol)
            holds = mismatch is None
            mismatch_details = () if mismatch is None else (
                f"{assertion.close[0]} = {_render(left)}", f"{assertion.close[1]} = {_render(right)}", *mismatch.details
            )
    except ExprTypeError as exc:
        return Problem(f"the results could not be checked: {exc}", observation=observed(error=type(exc).__name__))
    if holds:
        return None
    try:
        message = assertion.message.format(**shown)
    except (KeyError, ValueError, TypeError, IndexError):
        message = assertion.message
    details = tuple(f"{assertion.show[k]} = {_render(v)}" for k, v in shown.items()) + mismatch_details
    observation = {k: to_plain(_as_value(v)) for k, v in shown.items()}
    observation["__failed__"] = to_plain(assertion.that or "|".join(assertion.close or ()))
    return Problem(message, details, observation)


def _as_value(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    return value


def run(check: ExpectCheck, ctx: CheckContext) -> CheckOutcome:
    tol = ctx.tolerance(None)

    def judge(case: DrawnCase, got: ProgramResult) -> Problem | None:
        env = results_env(case, got)
        for assertion in check.expect:
            problem = evaluate(assertion, env, assertion.tolerance or tol)
            if problem is not None:
                return problem
        return None

    return run_cases(check, ctx, judge)
