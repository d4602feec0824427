"""From what went wrong to what the student reads: verdicts, messages, the inputs shown.

A failure message names the call, shows the (smallest) input, expected against got, and where
they first differ. Everything here is pure formatting: which misconception explains a failure
is decided afterwards, by `grader.diagnosis`.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from grader.cases import DrawnCase
from grader.compare import fmt_array, show_live
from grader.results import CheckResult, Problem, Reason, ResultKind
from grader.program.steps import Call, Program, Record, Repeat, describe_arg
from grader.sandbox.outcome import ProgramResult, StepError
from grader.sandbox.session import Crashed, Flooded, Garbled, TimedOut
from grader.sandbox.values import ScalarValue

INLINE_LIMIT = 40


def passed_result(name: str, kind: ResultKind, points: float, notes: tuple[str, ...] = ()) -> CheckResult:
    return CheckResult(name=name, kind=kind, reason=Reason.OK, points=points, max_points=points, notes=notes)


def failed_result(
    name: str, kind: ResultKind, reason: Reason, points: float, summary: str, details: tuple[str, ...] = ()
) -> CheckResult:
    """A check that earned nothing of its `points`, with the line and the details that say why."""
    return CheckResult(name=name, kind=kind, reason=reason, points=0.0, max_points=points, summary=summary, details=details)


def error_result(name: str, kind: ResultKind, points: float, error: StepError, *, importing: bool = False) -> CheckResult:
    """A verdict for an exception in the student's code (or a stub that is not filled in yet)."""
    if error.missing_name and not importing:
        if error.exc_type == "AttributeError" and error.message.startswith("the exercise file defines no"):
            summary = f"{error.message}: keep the stub's names and signatures"
        else:
            summary = f"{error.step}: {error.message} (is the attribute set by the method?)"
        return failed_result(name, kind, Reason.MISSING, points, summary)
    if error.not_implemented:
        return failed_result(name, kind, Reason.NOT_IMPLEMENTED, points,
                             f"not implemented yet: {error.step} still raises NotImplementedError")
    if error.exc_type == "NotImplementedError" and error.origin and error.origin.startswith("exercises/"):
        sibling = error.origin.removeprefix("exercises/").removesuffix(".py")
        summary = f"{error.step} calls into {error.origin}, which is not implemented yet: finish `{sibling}` first"
        return failed_result(name, kind, Reason.RAISED, points, summary, error.traceback)
    summary = f"{error.step} raised {error.headline()}"
    details = error.traceback if error.traceback else ("(the exception was raised outside your exercise files)",)
    return failed_result(name, kind, Reason.RAISED, points, summary, details)


def failure_result(
    name: str, kind: ResultKind, points: float, failure: TimedOut | Crashed | Garbled | Flooded, *, subject: str | None = None
) -> CheckResult:
    """A verdict for a child that timed out, crashed or sent garbage."""
    what = subject or "the code"
    match failure:
        case TimedOut(seconds=seconds):
            return failed_result(name, kind, Reason.TIMEOUT, points,
                                 f"{what} did not finish within {seconds:g} s and was stopped (an endless loop, or far too slow)")
        case Crashed(description=description):
            return failed_result(name, kind, Reason.CRASHED, points, f"{description} while running {what}",
                                 ("sys.exit(), os._exit() or a crash ends the process the grader runs your code in",))
        case Flooded(printed_bytes=printed, limit_bytes=limit):
            return failed_result(name, kind, Reason.CRASHED, points,
                                 f"{what} printed {printed / 1e6:.1f} MB; output is limited to {limit / 1e6:.0f} MB and the run was stopped",
                                 ("remove or shorten the print calls (a print inside a loop adds up fast)",))
        case Garbled(reason=reason):
            return failed_result(name, kind, Reason.CRASHED, points, f"the exercise process sent unreadable results ({reason})")
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


def explain_problem(check, kind: ResultKind, case: DrawnCase, problem: Problem) -> CheckResult:
    """A failed verdict: the problem on this case and its input (diagnosis may add a hint later)."""
    summary = f"{problem.subject} {problem.summary}" if problem.subject else problem.summary
    shown_inline = inlined_inputs(check.program, case) if problem.subject else set()
    details = input_lines(case, shown_inline) + problem.details
    return CheckResult(
        name=check.name,
        kind=kind,
        reason=Reason.WRONG,
        points=0.0,
        max_points=check.points,
        summary=summary,
        details=details,
    )


def with_inputs(verdict: CheckResult, case: DrawnCase, result: object) -> CheckResult:
    """An exception raised on this case, with the case's inputs shown first so the student can reproduce it."""
    if verdict.reason is not Reason.RAISED or not isinstance(result, ProgramResult) or result.error is None:
        return verdict
    return dataclasses.replace(verdict, details=input_lines(case) + verdict.details)


def observed(**values) -> dict:
    """Observation dict helper: plain values keyed by name."""
    return {
        k: (v if not isinstance(v, (str, int, float, bool)) else ScalarValue(v, type(v).__name__))
        for k, v in values.items()
    }
