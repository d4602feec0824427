"""`compare`: recorded values must equal the reference's, or an accepted variant's, on every case."""

from __future__ import annotations

import dataclasses

import numpy as np

from grader.cases import DrawnCase, draw_case
from grader.checks.base import CheckContext, CheckOutcome, Problem, reference_result
from grader.checks.scenario import run_cases
from grader.compare import Mismatch, compare, describe, show, values_match
from grader.feedback import subject_of
from grader.sandbox.outcome import ProgramResult
from grader.sandbox.values import ArrayValue, ScalarValue, SequenceValue
from grader.spec import CompareCheck, HypothesisCheck, Tolerance
from grader.program.names import ROUNDS, TIMED


def first_mismatch(check: CompareCheck | HypothesisCheck, got: ProgramResult, expected: ProgramResult, tol: Tolerance) -> tuple[str, Mismatch] | None:
    for name in check.compare:
        if name not in got.values:
            return name, Mismatch(f"recorded no value `{name}`")
        mismatch = compare(got.values[name], expected.values[name], mode=check.modes.get(name, "close"), tol=tol)
        if mismatch is not None:
            return name, mismatch
    return None


def _kind(value) -> str:
    """`(float64, shape (2, 3))` for arrays, so dtype and shape are always in view."""
    if isinstance(value, ArrayValue):
        return f"({value.data.dtype}, shape {value.data.shape})"
    if isinstance(value, SequenceValue) and value.type_name == ROUNDS:
        return f"(after each of {len(value.items)} steps)"
    return f"({describe(value).split(' ')[0]})"


def comparison_judge(check: CompareCheck | HypothesisCheck, ctx: CheckContext):
    """A judge comparing the student's recorded values with the reference and the variants."""
    tol = ctx.tolerance(check.tolerance)

    def judge(case: DrawnCase, got: ProgramResult) -> Problem | None:
        expected = reference_result(ctx, check.program, case)
        found = first_mismatch(check, got, expected, tol)
        if found is None:
            return None
        for variant in ctx.variants():
            alternative = variant.run(check.program, case.values)
            if alternative.error is None and first_mismatch(check, got, alternative, tol) is None:
                return None
        name, mismatch = found
        details = []
        if name in expected.values and name in got.values and not isinstance(expected.values[name], ScalarValue):
            want, have = expected.values[name], got.values[name]
            details = [f"expected {name} {_kind(want)}: {show(want)}", f"got {name}      {_kind(have)}: {show(have)}"]
        observation = {n: got.values[n] for n in check.compare if n in got.values}
        return Problem(mismatch.summary, tuple(details) + mismatch.details, observation, subject_of(check.program, name, case))

    return judge


def run(check: CompareCheck, ctx: CheckContext) -> CheckOutcome:
    judge = comparison_judge(check, ctx)

    def changed_inputs(case: DrawnCase, got: ProgramResult) -> list[str]:
        notes = []
        for name in check.note_if_changed:
            after = got.inputs_after.get(name)
            before = case.values.get(name)
            if isinstance(after, ArrayValue) and isinstance(before, np.ndarray) and not values_match(after, ArrayValue(before), rtol=0, atol=0):
                notes.append(f"your code changed `{name}` in place; the caller may still need it (the notes' own ReLU does this too)")
        return notes

    outcome = run_cases(check, ctx, judge, extra_notes=changed_inputs)
    if outcome.result.passed and check.speed is not None:
        note = speed_note(check, ctx)
        if note:
            outcome = CheckOutcome(dataclasses.replace(outcome.result, notes=outcome.result.notes + (note,)))
    return outcome


def speed_note(check: CompareCheck, ctx: CheckContext) -> str | None:
    """Time the student against the reference on a mid-size input; a far slower solution gets a note."""
    speed = check.speed
    assert speed is not None
    program = speed.program
    values = draw_case(speed.inputs, np.random.default_rng(0))
    got = ctx.student.run(program, values)
    if not isinstance(got, ProgramResult) or got.error is not None or TIMED not in got.durations:
        return None
    reference = ctx.reference.run(program, values)
    if TIMED not in reference.durations:
        return None
    ratio = got.durations[TIMED] / max(reference.durations[TIMED], 1e-6)
    if ratio <= speed.max_ratio:
        return None
    return (
        f"correct, but about {ratio:.0f}x slower than the reference "
        f"({got.durations['t'] * 1e3:.2g} ms against {reference.durations['t'] * 1e3:.2g} ms for {speed.call}): "
        f"{speed.advice}"
    )
