"""`unchanged`: the function must leave its input arrays as it found them."""

from __future__ import annotations

import numpy as np

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, Problem
from grader.checks.scenario import run_cases
from grader.compare import compare, show
from grader.feedback import observed, subject_of
from grader.results import CheckResult
from grader.sandbox.program import Call, ProgramResult
from grader.sandbox.values import to_plain
from grader.spec import UnchangedCheck, Tolerance


def run(check: UnchangedCheck, ctx: CheckContext) -> CheckResult:
    first_call = next((s for s in check.program.steps if isinstance(s, Call)), None)

    def judge(case: DrawnCase, got: ProgramResult) -> Problem | None:
        for name in check.inputs:
            before = case.values[name]
            after = got.inputs_after.get(name)
            if after is None or not isinstance(before, np.ndarray):
                continue
            mismatch = compare(after, to_plain(before), mode="exact", tol=Tolerance(rtol=0, atol=0))
            if mismatch is not None:
                return Problem(
                    f"changed its input `{name}` in place",
                    (f"{name} before: {show(to_plain(before))}", f"{name} after:  {show(after)}",
                     "operators like `x -= ...` or `x[...] = ...` write into the caller's array; `x = x - ...` makes a new one"),
                    observed(changed=name),
                    subject_of(check.program, first_call.save, case) if first_call else None,
                )
        return None

    return run_cases(check, ctx, judge, kind="unchanged")
