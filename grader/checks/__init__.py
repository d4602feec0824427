"""Check kinds: one module per kind, each with `run(check, ctx) -> CheckResult`."""

from __future__ import annotations

from collections.abc import Callable

from grader.checks import accuracy, compare, expect, gradient, hypothesis_check, imports, raises, unchanged
from grader.checks.base import CheckContext
from grader.results import CheckResult
from grader.spec import (
    AccuracyCheck,
    CompareCheck,
    ExpectCheck,
    GradientCheck,
    HypothesisCheck,
    ImportsCheck,
    RaisesCheck,
    UnchangedCheck,
)

RUNNERS: dict[type, Callable[..., CheckResult]] = {
    CompareCheck: compare.run,
    ExpectCheck: expect.run,
    RaisesCheck: raises.run,
    UnchangedCheck: unchanged.run,
    GradientCheck: gradient.run,
    HypothesisCheck: hypothesis_check.run,
    AccuracyCheck: accuracy.run,
    ImportsCheck: imports.run,
}


def run_check(check, ctx: CheckContext) -> CheckResult:
    return RUNNERS[type(check)](check, ctx)
