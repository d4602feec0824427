"""Diagnosis: after the checks, ask which known mistake explains each failure.

A check that fails on the student's code leaves `Evidence` (the case, the student's result,
the judge's finding). For each such failure, every declared misconception that applies to the
check is run in the grader on the same case; one that fails the same way (the same observation,
or the same exception) explains it, and its targeted hint is attached. When several do, the
check's other cases tell them apart, using the student's results already in the evidence. One
student usually has one bug: a misconception already diagnosed on an earlier check is preferred.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, CheckOutcome, Evidence, Implementation, Judge, Problem
from grader.compare import values_match
from grader.results import CheckResult, Reason
from grader.sandbox.outcome import ProgramResult
from grader.spec import Misconception

Candidate = tuple[Misconception, Implementation]

EXPLAINABLE = frozenset({Reason.WRONG, Reason.RAISED})
"""Failures a misconception can explain: a wrong value, or an exception. A stub not filled in, a
missing name, a time-out or a crash says nothing about which mistake was made."""


def diagnose(outcomes: Sequence[CheckOutcome], ctx: CheckContext) -> tuple[CheckResult, ...]:
    """The checks' results in order, each failure with the hint of the misconception that explains it."""
    diagnosed: list[str] = []
    results = []
    for outcome in outcomes:
        result, evidence = outcome.result, outcome.evidence
        if evidence is not None and result.reason in EXPLAINABLE and result.misconception is None:
            found = _explain(evidence, ctx, diagnosed)
            if found is not None:
                diagnosed.append(found.id)
                result = dataclasses.replace(result, hint=found.message, misconception=found.id)
        results.append(result)
    return tuple(results)


def _explain(evidence: Evidence, ctx: CheckContext, diagnosed: list[str]) -> Misconception | None:
    if evidence.problem is None:
        return _same_exception(evidence, ctx)
    candidates = _matching(evidence, ctx)
    if len(candidates) > 1:
        candidates = _narrow(candidates, evidence, ctx)
    candidates.sort(key=lambda item: item[0].id not in diagnosed)
    return candidates[0][0] if candidates else None


def _same_exception(evidence: Evidence, ctx: CheckContext) -> Misconception | None:
    """A misconception whose wrong implementation raises the same exception on this case."""
    error = evidence.result.error
    if error is None:
        return None
    for misconception, implementation in ctx.misconceptions(evidence.check.name):
        wrong = implementation.run(evidence.check.program, evidence.case.values)
        if wrong.error is not None and wrong.error.exc_type == error.exc_type:
            return misconception
    return None


def _rtol(evidence: Evidence, ctx: CheckContext, misconception: Misconception) -> float:
    tolerance = ctx.tolerance(getattr(evidence.check, "tolerance", None))
    return misconception.match_rtol if misconception.match_rtol is not None else max(tolerance.rtol, 1e-6)


def _judged(judge: Judge, case: DrawnCase, result: ProgramResult, errors_are_results: bool) -> Problem | None | bool:
    """The judge's verdict on a trusted implementation's result; False if it raised where it should not."""
    if result.error is not None and not errors_are_results:
        return False
    return judge(case, result)


def _matching(evidence: Evidence, ctx: CheckContext) -> list[Candidate]:
    """Misconceptions whose wrong implementation fails this case exactly as the student's code does."""
    problem, judge = evidence.problem, evidence.judge
    if problem is None or judge is None or not problem.observation:
        return []
    found = []
    for misconception, implementation in ctx.misconceptions(evidence.check.name):
        wrong = _judged(judge, evidence.case, implementation.run(evidence.check.program, evidence.case.values),
                        evidence.errors_are_results)
        if isinstance(wrong, Problem) and _same(problem.observation, wrong.observation, _rtol(evidence, ctx, misconception)):
            found.append((misconception, implementation))
    return found


def _narrow(candidates: list[Candidate], evidence: Evidence, ctx: CheckContext) -> list[Candidate]:
    """Several misconceptions explain the failing case: keep those that behave like the student elsewhere too."""
    assert evidence.judge is not None
    judge, errors_are_results = evidence.judge, evidence.errors_are_results
    remaining = list(candidates)
    for case, student in evidence.others:
        verdict = _judged(judge, case, student, errors_are_results)
        kept = []
        for misconception, implementation in remaining:
            theirs = _judged(judge, case, implementation.run(evidence.check.program, case.values), errors_are_results)
            if isinstance(verdict, Problem) and isinstance(theirs, Problem):
                if _same(verdict.observation, theirs.observation, _rtol(evidence, ctx, misconception)):
                    kept.append((misconception, implementation))
            elif verdict is None and theirs is None:
                kept.append((misconception, implementation))
        if kept:
            remaining = kept
        if len(remaining) == 1:
            break
    return remaining


def _same(a: dict, b: dict, rtol: float) -> bool:
    return a.keys() == b.keys() and all(values_match(a[k], b[k], rtol=rtol) for k in a)

