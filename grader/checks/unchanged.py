"""`unchanged`: the function must leave its input arrays as it found them."""

from __future__ import annotations

import numpy as np

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, CheckOutcome, Problem
from grader.checks.scenario import run_cases
from grader.compare import compare, show
from grader.feedback import observed, subject_of
from grader.program.steps import Call, Path
from grader.sandbox.outcome import ProgramResult
from grader.sandbox.values import ArrayValue, Value, to_plain
from grader.spec import UnchangedCheck, Tolerance


def _first_call_given(program, name: str) -> Call | None:
    """The first call that receives input `name` (a layer's constructor does not change `x`); else the first call."""
    calls = [s for s in program.steps if isinstance(s, Call)]
    for call in calls:
        if any(isinstance(a, Path) and not a.member and a.root == name for a in (*call.args, *(v for _, v in call.kwargs))):
            return call
    return calls[0] if calls else None


def _rounding_drift(before: np.ndarray, after: Value) -> float | None:
    """The largest change when every float element moved by rounding only (a restore done with arithmetic), else None."""
    if not isinstance(after, ArrayValue) or after.data.shape != before.shape or before.dtype.kind != "f" or after.data.dtype.kind != "f":
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        moved = np.abs(after.data.astype(np.float64) - before)
        if not np.all(moved <= 1e-12 * np.maximum(1.0, np.abs(before))):
            return None
    return float(moved.max()) if moved.size else None


def run(check: UnchangedCheck, ctx: CheckContext) -> CheckOutcome:
    def judge(case: DrawnCase, got: ProgramResult) -> Problem | None:
        for name in check.inputs:
            before = case.values[name]
            after = got.inputs_after.get(name)
            if after is None or not isinstance(before, np.ndarray):
                continue
            mismatch = compare(after, to_plain(before), mode="exact", tol=Tolerance(rtol=0, atol=0))
            if mismatch is not None:
                drift = _rounding_drift(before, after)
                advice = (
                    f"every element is back within rounding (largest change {drift:.3g}) but not exactly: undoing a change "
                    "with arithmetic (`+= h`, then `-= h`) does not give back the same float; keep the original value and assign it back"
                    if drift is not None else
                    "operators like `x -= ...` or `x[...] = ...` write into the caller's array; `x = x - ...` makes a new one"
                )
                return Problem(
                    f"changed its input `{name}` in place",
                    (f"{name} before: {show(to_plain(before))}", f"{name} after:  {show(after)}", advice),
                    observed(changed=name, rounding_only=drift is not None),
                    subject_of(check.program, call.save, case) if (call := _first_call_given(check.program, name)) else None,
                )
        return None

    return run_cases(check, ctx, judge)
