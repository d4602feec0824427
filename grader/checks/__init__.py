"""Check kinds: one module per kind, each with `run(check, ctx)` returning its verdict (and evidence).

`KINDS` is the one table that joins a kind to its spec model and its runner; adding a kind adds
its model (in `grader.spec`), its module here, and one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from grader.checks import accuracy, compare, expect, gradient, hypothesis_check, imports, raises, unchanged
from grader.checks.base import CheckContext, CheckOutcome
from grader.results import CheckResult
from grader.spec import (
    AccuracyCheck,
    CheckKind,
    CompareCheck,
    ExpectCheck,
    GradientCheck,
    HypothesisCheck,
    ImportsCheck,
    RaisesCheck,
    UnchangedCheck,
)

Runner = Callable[..., CheckOutcome | CheckResult]


@dataclass(frozen=True)
class KindEntry:
    """A check kind's spec model and the function that runs a check of it."""

    model: type
    run: Runner


KINDS: dict[CheckKind, KindEntry] = {
    CheckKind.COMPARE: KindEntry(CompareCheck, compare.run),
    CheckKind.EXPECT: KindEntry(ExpectCheck, expect.run),
    CheckKind.RAISES: KindEntry(RaisesCheck, raises.run),
    CheckKind.UNCHANGED: KindEntry(UnchangedCheck, unchanged.run),
    CheckKind.GRADIENT: KindEntry(GradientCheck, gradient.run),
    CheckKind.HYPOTHESIS: KindEntry(HypothesisCheck, hypothesis_check.run),
    CheckKind.ACCURACY: KindEntry(AccuracyCheck, accuracy.run),
    CheckKind.IMPORTS: KindEntry(ImportsCheck, imports.run),
}


def run_check(check, ctx: CheckContext) -> CheckOutcome:
    """Run one check; a kind that leaves no evidence for diagnosis may return a bare result."""
    outcome = KINDS[check.kind].run(check, ctx)
    return outcome if isinstance(outcome, CheckOutcome) else CheckOutcome(outcome)
