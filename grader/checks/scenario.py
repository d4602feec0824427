"""The loop every scenario check shares: draw cases smallest first, run them, stop at the first problem."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from grader.cases import DrawnCase, draw_cases
from grader.checks.base import CheckContext, CheckOutcome, Evidence, Judge
from grader.feedback import error_result, explain_problem, failure_result, passed_result, with_inputs
from grader.results import CheckResult, ResultKind
from grader.sandbox.outcome import ProgramResult
from grader.sandbox.session import Crashed, Flooded, Garbled, ImportFailed, TimedOut


def sandbox_verdict(name: str, kind: ResultKind, points: float, result: object) -> CheckResult | None:
    """Verdicts that come from the sandbox rather than from values: time-outs, crashes, exceptions."""
    match result:
        case ImportFailed(error=error):
            return error_result(name, kind, points, error, importing=True)
        case TimedOut() | Crashed() | Garbled() | Flooded():
            return failure_result(name, kind, points, result)
        case ProgramResult(error=error) if error is not None:
            return error_result(name, kind, points, error)
    return None


def run_cases(
    check,
    ctx: CheckContext,
    judge: Judge,
    *,
    errors_are_results: bool = False,
    extra_notes: Callable[[DrawnCase, ProgramResult], Sequence[str]] | None = None,
    cases: list[DrawnCase] | None = None,
) -> CheckOutcome:
    """Run a scenario check over its cases; the first problem found is explained and ends the check.

    A failure on the student's code comes with its `Evidence` (the other cases' results too), for
    diagnosis to match against the misconceptions after every check has run.

    With `errors_are_results`, an exception the student's code raises is handed to the judge
    (a `raises` check wants one) instead of being a verdict by itself.
    """
    notes: list[str] = []
    if cases is None:
        cases = draw_cases(check.cases, check.repeat, seed_parts=(ctx.exercise.id, check.name))
    results = ctx.student.run_batch(check.program, [case.values for case in cases], stop_on_error=not errors_are_results)
    for position, case in enumerate(cases):
        result = results[position] if isinstance(results, list) else results
        judged_error = (
            errors_are_results
            and isinstance(result, ProgramResult)
            and result.error is not None
            and not result.error.not_implemented
            and not result.error.missing_name
        )
        if not judged_error:
            verdict = sandbox_verdict(check.name, check.kind, check.points, result)
            if verdict is not None:
                evidence = Evidence(check, case, result, None) if isinstance(result, ProgramResult) else None
                return CheckOutcome(with_inputs(verdict, case, result), evidence)
        assert isinstance(result, ProgramResult)
        for note in [*result.warnings, *(extra_notes(case, result) if extra_notes else ())]:
            if note not in notes:
                notes.append(note)
        problem = judge(case, result)
        if problem is not None:
            others = tuple(
                (other, results[index])
                for index, other in enumerate(cases)
                if index != position and isinstance(results, list) and index < len(results)
            )
            evidence = Evidence(check, case, result, problem, judge, errors_are_results, others)
            return CheckOutcome(explain_problem(check, check.kind, case, problem), evidence)
    return CheckOutcome(passed_result(check.name, check.kind, check.points, tuple(_warning_notes(notes))))


def _warning_notes(notes: list[str]) -> list[str]:
    shown = []
    for note in notes[:3]:
        if note.startswith(("RuntimeWarning", "UserWarning", "DeprecationWarning")):
            shown.append(f"your code raised a warning: {note} (not a failure, but worth understanding)")
        else:
            shown.append(note)
    return shown
