"""`hypothesis`: property-based inputs compared with the reference; a failing input is shrunk first.

Two phases. First a seeded exploration of the strategy space, biased towards its edges, runs in
one batched sandbox call: a correct solution costs a single round trip. When an example fails,
hypothesis (derandomized, without its example database, in the grader's process) searches the
same space and shrinks the failure to the smallest input that still fails; every example it
tries is run by the student's code in the sandbox. That input is what the student is shown.
"""

from __future__ import annotations

import dataclasses
import threading

from grader.cases import DrawnCase, explore, stable_seed, strategy_for
from grader.checks.base import CheckContext, CheckOutcome, Evidence, GraderBug
from grader.checks.compare import comparison_judge
from grader.checks.scenario import sandbox_verdict
from grader.feedback import explain_problem, passed_result, with_inputs
from grader.results import CheckResult
from grader.sandbox.outcome import ProgramResult
from grader.spec import HypothesisCheck

_HYPOTHESIS_LOCK = threading.Lock()  # hypothesis's engine is not meant to run in two threads at once


class _Abort(Exception):
    """Stop the search: the sandbox timed out or crashed, or the stub is not implemented."""

    def __init__(self, case: DrawnCase, result: object) -> None:
        self.case, self.result = case, result


def run(check: HypothesisCheck, ctx: CheckContext) -> CheckOutcome | CheckResult:
    judge = comparison_judge(check, ctx)
    assumptions = list(check.assumptions)
    cases = explore(check.inputs, check.max_examples, seed=stable_seed(ctx.exercise.id, check.name), assume=assumptions)
    if not cases:
        raise GraderBug(f"{ctx.exercise.id}: check {check.name!r}: its assumptions reject every explored input")
    results = ctx.student.run_batch(check.program, [case.values for case in cases], stop_on_error=True)
    if not isinstance(results, list):
        verdict = sandbox_verdict(check.name, check.kind, check.points, results)
        assert verdict is not None
        return with_inputs(verdict, cases[0], results)
    failing = None
    for case, result in zip(cases, results):
        if result.error is not None:
            if result.error.not_implemented or result.error.missing_name:
                verdict = sandbox_verdict(check.name, check.kind, check.points, result)
                assert verdict is not None
                return verdict
            failing = case
            break
        if judge(case, result) is not None:
            failing = case
            break
    if failing is None:
        return passed_result(check.name, check.kind, check.points)
    shrunk = _shrink(check, ctx, judge, assumptions)
    if isinstance(shrunk, _Abort):
        verdict = sandbox_verdict(check.name, check.kind, check.points, shrunk.result)
        assert verdict is not None
        return _raised(verdict, check, shrunk.case, shrunk.result)
    case = DrawnCase(shrunk, 0, 0) if shrunk is not None else failing
    result = ctx.student.run(check.program, case.values)
    verdict = sandbox_verdict(check.name, check.kind, check.points, result)
    if verdict is not None:
        return _raised(verdict, check, case, result)
    assert isinstance(result, ProgramResult)
    problem = judge(case, result)
    if problem is None:  # it failed a moment ago on this input: the code is not deterministic
        return passed_result(check.name, check.kind, check.points, ("your code gave different results for the same input on two runs",))
    explained = explain_problem(check, check.kind, case, problem)
    how = " (smallest failing input found by hypothesis)" if shrunk is not None else ""
    return CheckOutcome(dataclasses.replace(explained, summary=explained.summary + how), Evidence(check, case, result, problem, judge))


def _raised(verdict: CheckResult, check: HypothesisCheck, case: DrawnCase, result: object) -> CheckOutcome:
    """An exception (or a sandbox failure) on the failing input, with the evidence diagnosis needs."""
    evidence = Evidence(check, case, result, None) if isinstance(result, ProgramResult) else None
    return CheckOutcome(with_inputs(verdict, case, result), evidence)


def _shrink(check: HypothesisCheck, ctx: CheckContext, judge, assumptions) -> dict | _Abort | None:
    """Let hypothesis find the smallest failing input; None if its own search finds no failure."""
    from hypothesis import HealthCheck, Phase, Verbosity, find, settings
    from hypothesis.errors import NoSuchExample, Unsatisfiable

    strategy = strategy_for(check.inputs)
    if assumptions:
        strategy = strategy.filter(lambda example: all(bool(a(example)) for a in assumptions))

    def fails(example: dict) -> bool:
        case = DrawnCase(example, 0, 0)
        result = ctx.student.run(check.program, example)
        if not isinstance(result, ProgramResult):
            raise _Abort(case, result)
        if result.error is not None:
            return True
        return judge(case, result) is not None

    options = settings(
        max_examples=max(check.max_examples, 50),
        derandomize=True,
        database=None,
        deadline=None,
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.shrink],
        report_multiple_bugs=False,
    )
    with _HYPOTHESIS_LOCK:
        try:
            return find(strategy, fails, settings=options)
        except (NoSuchExample, Unsatisfiable):
            return None
        except _Abort as abort:
            return abort
