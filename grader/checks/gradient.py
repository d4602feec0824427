"""`gradient`: backward's analytic gradients against central differences of the student's own forward.

For every element of the probed array the sandbox runs the forward steps at +h and -h and
reports the objective; the gradient and the relative error are computed here, in the grader.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from grader.cases import DrawnCase
from grader.checks.base import CheckContext, CheckOutcome, Problem
from grader.checks.scenario import run_cases
from grader.compare import describe, fmt_array
from grader.feedback import subject_of
from grader.program.steps import NumGrad
from grader.sandbox.outcome import ProgramResult
from grader.sandbox.values import ArrayValue
from grader.spec import GradientCheck
from grader.program.names import ProbeNames


ROUNDOFF_ULPS = 32
"""How many units in the last place of the objective the two evaluations of a central difference may lose."""


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> np.ndarray:
    """|a - n| / max(|a| + |n|, 1e-8), elementwise: near 0 when the two agree to many digits."""
    return np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8)


def roundoff(plus: np.ndarray, minus: np.ndarray, h: float) -> float:
    """The error central differences carry from rounding alone: a few ulps of the objective, over 2h.

    A gradient element far smaller than this (an input near 0, say) cannot be judged by its
    relative error: its numerical value is mostly rounding noise.
    """
    scale = max(float(np.max(np.abs(plus), initial=0.0)), float(np.max(np.abs(minus), initial=0.0)))
    return ROUNDOFF_ULPS * float(np.finfo(np.float64).eps) * scale / (2 * h)


def run(check: GradientCheck, ctx: CheckContext) -> CheckOutcome:
    steps = {step.save: step for step in check.program.steps if isinstance(step, NumGrad)}
    worst: list[float] = []

    def judge(case: DrawnCase, got: ProgramResult) -> Problem | None:
        for index, probe in enumerate(check.probes):
            names = ProbeNames.numbered(index)
            step = steps[names.save]
            subject = subject_of(check.program, probe.analytic, case) or probe.analytic
            analytic = got.values.get(probe.analytic)
            plus, minus = got.values.get(names.plus), got.values.get(names.minus)
            if not isinstance(plus, ArrayValue) or not isinstance(minus, ArrayValue):
                return Problem("could not be probed numerically", observation={})
            numeric = (plus.data - minus.data) / (2 * step.h)
            if not isinstance(analytic, ArrayValue) or not analytic.is_plain_ndarray:
                return Problem(
                    f"returned {describe(analytic) if analytic is not None else 'nothing'}, expected a gradient array of shape {numeric.shape}",
                    observation={},
                    subject=subject,
                )
            if analytic.data.shape != numeric.shape:
                return Problem(
                    f"returned shape {analytic.data.shape}; the gradient with respect to {probe.wrt} has shape {numeric.shape}",
                    observation={probe.analytic: analytic},
                    subject=subject,
                )
            analytic_data = analytic.data.astype(float)
            error = relative_error(analytic_data, numeric)
            # Differences within the rounding noise of the central differences count as agreement.
            error[np.abs(analytic_data - numeric) <= roundoff(plus.data, minus.data, step.h)] = 0.0
            peak = float(np.nanmax(error)) if error.size else 0.0
            if np.isnan(error).any():
                peak = float("nan")
            worst.append(peak)
            if not peak <= check.max_relative_error:
                at = tuple(int(i) for i in np.unravel_index(int(np.nanargmax(np.nan_to_num(error, nan=np.inf))), error.shape))
                return Problem(
                    f"disagrees with the numerical gradient of your own forward: relative error {peak:.3g} (limit {check.max_relative_error:g})",
                    (
                        f"analytic d/d{probe.wrt}: {fmt_array(analytic.data)}",
                        f"numeric  d/d{probe.wrt}: {fmt_array(numeric)}",
                        f"worst at [{', '.join(map(str, at))}]: analytic {float(analytic.data[at])!r}, numeric {float(numeric[at])!r}",
                    ),
                    {probe.analytic: analytic},
                    subject,
                )
        return None

    outcome = run_cases(check, ctx, judge)
    if outcome.result.passed and worst:
        peak = max(worst)
        note = (
            f"largest relative error against central differences: {peak:.1e} (limit {check.max_relative_error:g})"
            if peak > 0
            else f"agrees with central differences to within their rounding noise (limit {check.max_relative_error:g})"
        )
        outcome = CheckOutcome(dataclasses.replace(outcome.result, notes=outcome.result.notes + (note,)))
    return outcome
