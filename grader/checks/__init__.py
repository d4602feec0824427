"""Check kinds: one module per kind, each with `run(check, ctx)` returning its verdict (and evidence)."""

from __future__ import annotations

from collections.abc import Callable

from grader.checks import accuracy, compare, expect, gradient, hypothesis_check, imports, raises, unchanged
from grader.checks.base import CheckContext, CheckOutcome
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

RUNNERS: dict[type, Callable[..., CheckOutcome | CheckResult]] = {
    CompareCheck: compare.run,
    ExpectCheck: expect.run,
    RaisesCheck: raises.run,
    UnchangedCheck: unchanged.run,
    GradientCheck: gradient.run,
    HypothesisCheck: hypothesis_check.run,
    AccuracyCheck: accuracy.run,
    ImportsCheck: imports.run,
}


def run_check(check, ctx: CheckContext) -> CheckOutcome:
    """Run one check; a kind that leaves no evidence for diagnosis may return a bare result."""
    outcome = RUNNERS[type(check)](check, ctx)
    return outcome if isinstance(outcome, CheckOutcome) else CheckOutcome(outcome)
