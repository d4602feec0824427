"""From what went wrong to what the student reads: messages, inputs shown, misconceptions matched.

A failure message names the call, shows the (smallest) input, expected against got, and where
they first differ. If a declared misconception's wrong implementation fails the same check the
same way on the same input, its targeted hint is attached.
"""

from __future__ import annotations

import numpy as np

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, Judge, Problem
from grader.compare import fmt_array, show_live, values_match
from grader.results import CheckResult, Reason
from grader.program.steps import Call, Program, Record, Repeat, describe_arg
from grader.sandbox.outcome import ProgramResult, StepError
from grader.sandbox.session import Crashed, Flooded, Garbled, TimedOut
from grader.sandbox.values import ScalarValue

INLINE_LIMIT = 40


def passed_result(name: str, kind: str, points: float, notes: tuple[str, ...] = ()) -> CheckResult:
    return CheckResult(name, kind, Reason.OK, points, points, notes=notes)


def error_result(name: str, kind: str, points: float, error: StepError, *, importing: bool = False) -> CheckResult:
    """A verdict for an exception in the student's code (or a stub that is not filled in yet)."""
    if error.missing_name and not importing:
        if error.exc_type == "AttributeError" and error.message.startswith("the exercise file defines no"):
            summary = f"{error.message}: keep the stub's names and signatures"
        else:
            summary = f"{error.step}: {error.message} (is the attribute set by the method?)"
        return CheckResult(name, kind, Reason.MISSING, 0.0, points, summary)
    if error.not_implemented:
        return CheckResult(name, kind, Reason.NOT_IMPLEMENTED, 0.0, points, f"not implemented yet: {error.step} still raises NotImplementedError")
    if error.exc_type == "NotImplementedError" and error.origin and error.origin.startswith("exercises/"):
        sibling = error.origin.removeprefix("exercises/").removesuffix(".py")
        summary = f"{error.step} calls into {error.origin}, which is not implemented yet: finish `{sibling}` first"
        return CheckResult(name, kind, Reason.RAISED, 0.0, points, summary, error.traceback)
    summary = f"{error.step} raised {error.headline()}"
    details = error.traceback if error.traceback else ("(the exception was raised outside your exercise files)",)
    return CheckResult(name, kind, Reason.RAISED, 0.0, points, summary, details)


def failure_result(name: str, kind: str, points: float, failure: TimedOut | Crashed | Garbled | Flooded, *, subject: str | None = None) -> CheckResult:
    """A verdict for a child that timed out, crashed or sent garbage."""
    what = subject or "the code"
    match failure:
        case TimedOut(seconds=seconds):
            return CheckResult(
                name, kind, Reason.TIMEOUT, 0.0, points,
                f"{what} did not finish within {seconds:g} s and was stopped (an endless loop, or far too slow)",
            )
        case Crashed(description=description):
            return CheckResult(name, kind, Reason.CRASHED, 0.0, points, f"{description} while running {what}",
                               ("sys.exit(), os._exit() or a crash ends the process the grader runs your code in",))
        case Flooded(printed_bytes=printed, limit_bytes=limit):
            return CheckResult(name, kind, Reason.CRASHED, 0.0, points,
                               f"{what} printed {printed / 1e6:.1f} MB; output is limited to {limit / 1e6:.0f} MB and the run was stopped",
                               ("remove or shorten the print calls (a print inside a loop adds up fast)",))
        case Garbled(reason=reason):
            return CheckResult(name, kind, Reason.CRASHED, 0.0, points, f"the exercise process sent unreadable results ({reason})")
    raise TypeError(failure)


def input_lines(case: DrawnCase, skip: set[str] = frozenset()) -> tuple[str, ...]:
    """`input x = [...]` lines for the case (big arrays summarised by shape and first values)."""
    lines = []
    for name, value in case.values.items():
        if name in skip:
            continue
        if isinstance(value, np.ndarray) and value.size > 24:
            head = fmt_array(value.reshape(-1)[:4])[:-1] + ", ...]"
            lines.append(f"input {name}: {value.dtype} array of shape {value.shape}, starting {head}")
        else:
            lines.append(f"input {name} = {show_live(value)}")
    return tuple(lines)


def subject_of(program: Program, saved: str | None, case: DrawnCase | None) -> str | None:
    """The call (with small inputs written inline) that produced the recorded value `saved`."""
    if saved is None:
        return None
    for step in _flatten(program.steps):
        if isinstance(step, Call) and step.save == saved:
            return _inline(step, case)
        if isinstance(step, Record) and step.save == saved:
            return str(step.source)
    return None


def _flatten(steps):
    for step in steps:
        if isinstance(step, Repeat):
            yield from _flatten(step.body)
        else:
            yield step


def inlined_inputs(program: Program, case: DrawnCase) -> set[str]:
    """Inputs short enough to be written inline in the calls that use them."""
    names = set()
    for step in _flatten(program.steps):
        if isinstance(step, Call):
            for arg in [*step.args, *(a for _, a in step.kwargs)]:
                text = describe_arg(arg)
                if text in case.values and len(show_live(case.values[text])) <= INLINE_LIMIT:
                    names.add(text)
    return names


def _inline(call: Call, case: DrawnCase | None) -> str:
    def render(arg) -> str:
        text = describe_arg(arg)
        if case is not None and text in case.values:
            shown = show_live(case.values[text])
            if len(shown) <= INLINE_LIMIT:
                return shown
        return text

    parts = [render(a) for a in call.args] + [f"{k}={render(a)}" for k, a in call.kwargs]
    return f"{call.target}({', '.join(parts)})"


def explain_problem(
    check, kind: str, ctx: CheckContext, case: DrawnCase, result: ProgramResult, problem: Problem, judge: Judge,
    *, errors_are_results: bool = False, other_cases: list[DrawnCase] = (),
) -> CheckResult:
    """A failed verdict: the problem on this case, its input, and a matching misconception's hint."""
    summary = f"{problem.subject} {problem.summary}" if problem.subject else problem.summary
    shown_inline = inlined_inputs(check.program, case) if problem.subject else set()
    details = input_lines(case, shown_inline) + problem.details
    candidates = _matching_misconceptions(check, ctx, case, problem, judge, errors_are_results)
    if len(candidates) > 1:
        candidates = _narrow(candidates, check, ctx, judge, other_cases, errors_are_results)
    # One student usually has one bug: prefer a misconception already diagnosed on an earlier check.
    candidates.sort(key=lambda item: item[0].id not in ctx.diagnosed)
    hint, misconception = (candidates[0][0].message, candidates[0][0].id) if candidates else (None, None)
    if misconception is not None:
        ctx.diagnosed.append(misconception)
    return CheckResult(check.name, kind, Reason.WRONG, 0.0, check.points, summary, details, hint, misconception)


def _rtol(check, ctx: CheckContext, misconception) -> float:
    tolerance = ctx.tolerance(getattr(check, "tolerance", None))
    return misconception.match_rtol if misconception.match_rtol is not None else max(tolerance.rtol, 1e-6)


def _judged(judge: Judge, case: DrawnCase, result: ProgramResult, errors_are_results: bool) -> Problem | None | bool:
    """The judge's verdict on a trusted implementation's result; False if it raised where it should not."""
    if result.error is not None and not errors_are_results:
        return False
    return judge(case, result)


def _matching_misconceptions(check, ctx, case, problem, judge, errors_are_results) -> list:
    """Misconceptions whose wrong implementation fails this case exactly as the student's code does."""
    found = []
    for misconception, implementation in ctx.misconceptions(check.name):
        wrong_problem = _judged(judge, case, implementation.run(check.program, case.values), errors_are_results)
        if isinstance(wrong_problem, Problem) and problem.observation and _same(
            problem.observation, wrong_problem.observation, _rtol(check, ctx, misconception)
        ):
            found.append((misconception, implementation))
    return found


def _narrow(candidates: list, check, ctx: CheckContext, judge: Judge, other_cases: list[DrawnCase], errors_are_results: bool) -> list:
    """Several misconceptions explain the failing case: keep those that behave like the student elsewhere too."""
    remaining = list(candidates)
    for case in other_cases:
        student = ctx.student.run(check.program, case.values)
        if not isinstance(student, ProgramResult):
            break
        verdict = _judged(judge, case, student, errors_are_results)
        kept = []
        for misconception, implementation in remaining:
            theirs = _judged(judge, case, implementation.run(check.program, case.values), errors_are_results)
            if isinstance(verdict, Problem) and isinstance(theirs, Problem):
                if _same(verdict.observation, theirs.observation, _rtol(check, ctx, misconception)):
                    kept.append((misconception, implementation))
            elif verdict is None and theirs is None:
                kept.append((misconception, implementation))
        if kept:
            remaining = kept
        if len(remaining) == 1:
            break
    return remaining


def with_raised_misconception(verdict: CheckResult, check, ctx: CheckContext, case: DrawnCase, result: object) -> CheckResult:
    """Attach a misconception's hint when its wrong implementation raises the same exception here."""
    if verdict.reason is not Reason.RAISED or not isinstance(result, ProgramResult) or result.error is None:
        return verdict
    details = input_lines(case) + verdict.details
    for misconception, implementation in ctx.misconceptions(check.name):
        wrong = implementation.run(check.program, case.values)
        if wrong.error is not None and wrong.error.exc_type == result.error.exc_type:
            ctx.diagnosed.append(misconception.id)
            return CheckResult(verdict.name, verdict.kind, verdict.reason, 0.0, verdict.max_points, verdict.summary, details,
                               misconception.message, misconception.id)
    return CheckResult(verdict.name, verdict.kind, verdict.reason, 0.0, verdict.max_points, verdict.summary, details)


def observed(**values) -> dict:
    """Observation dict helper: plain values keyed by name."""
    return {k: (v if not isinstance(v, (str, int, float, bool)) else ScalarValue(v, type(v).__name__)) for k, v in values.items()}


def _same(a: dict, b: dict, rtol: float) -> bool:
    return a.keys() == b.keys() and all(values_match(a[k], b[k], rtol=rtol) for k in a)
