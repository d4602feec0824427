"""`raises`: the contract asks for an exception (ValueError for an impossible convolution, say)."""

from __future__ import annotations

import builtins

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, CheckOutcome, Problem
from grader.checks.scenario import run_cases
from grader.compare import show
from grader.feedback import observed, subject_of
from grader.program.steps import Call
from grader.sandbox.outcome import ProgramResult, StepError
from grader.spec import RaisesCheck


def _lineage(error: StepError) -> tuple[str, ...]:
    """The raised exception's classes, as the child reported them (a builtin's own MRO when it did not)."""
    if error.exc_bases:
        return error.exc_bases
    builtin = getattr(builtins, error.exc_type, None)
    if isinstance(builtin, type) and issubclass(builtin, BaseException):
        return tuple(cls.__name__ for cls in builtin.__mro__)
    return (error.exc_type,)


def is_instance_of(error: StepError, expected: str) -> bool:
    """Whether the exception was an `expected` (the class or a subclass of it): judged by class, not by name."""
    return expected in _lineage(error)


def run(check: RaisesCheck, ctx: CheckContext) -> CheckOutcome:
    last = check.program.steps[-1]
    saved = last.save if isinstance(last, Call) else None

    def judge(case: DrawnCase, got: ProgramResult) -> Problem | None:
        subject = subject_of(check.program, saved, case) if saved else None
        if got.error is None:
            value = got.values.get(saved) if saved else None
            returned = f"returned {show(value)}" if value is not None else "returned normally"
            return Problem(f"{returned}; it should raise {check.exception}", observation=observed(raised="nothing"), subject=subject)
        if not is_instance_of(got.error, check.exception):
            return Problem(
                f"raised {got.error.headline()}; the contract asks for {check.exception}",
                got.error.traceback,
                observed(raised="another exception"),
                subject,
            )
        return None

    return run_cases(check, ctx, judge, errors_are_results=True)
