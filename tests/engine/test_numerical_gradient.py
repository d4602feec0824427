"""numerical_gradient: known-wrong differences (written differently from the course's own wrong
files) are rejected with their targeted message; differently written correct ones pass."""

from __future__ import annotations

import textwrap

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source

# Correct functions in a student's style; a wrong entry below replaces one of them.
CORRECT_BASE = """
import numpy as np

STEP = 1e-4

def numerical_diff(f, x):
    return (f(x + STEP) - f(x - STEP)) / (2 * STEP)

def numerical_gradient(f, x):
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = tmp_val + STEP
        fxh1 = f(x)
        x[idx] = tmp_val - STEP
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * STEP)
        x[idx] = tmp_val
        it.iternext()
    return grad
"""

WRONG = {
    "forward_difference": """
        def numerical_diff(f, x):
            here = f(x)
            ahead = f(x + 0.0001)
            return (ahead - here) / 0.0001
        """,
    "divides_by_h": """
        def numerical_gradient(f, x):
            slopes = np.zeros(x.shape)
            for idx in np.ndindex(*x.shape):
                before = x[idx]
                x[idx] = before + 1e-4
                right = f(x)
                x[idx] = before - 1e-4
                left = f(x)
                x[idx] = before
                slopes[idx] = (right - left) / 1e-4
            return slopes
        """,
    "precedence": """
        def numerical_gradient(f, x):
            h = 1e-4
            grad = np.zeros(x.size)
            flat = x.reshape(-1)
            for i in range(flat.size):
                keep = flat[i]
                flat[i] = keep + h
                hi = f(x)
                flat[i] = keep - h
                lo = f(x)
                flat[i] = keep
                grad[i] = hi - lo
                grad[i] /= 2
                grad[i] *= h
            return grad.reshape(x.shape)
        """,
    "works_on_copy": """
        def numerical_gradient(f, x):
            h = 1e-4
            grad = np.zeros_like(x)
            for idx in np.ndindex(x.shape):
                nudge = np.zeros_like(x)
                nudge[idx] = h
                grad[idx] = (f(x + nudge) - f(x - nudge)) / (2 * h)
            return grad
        """,
    "tiny_h": """
        def numerical_gradient(f, x):
            h = np.finfo(float).tiny
            grad = np.zeros_like(x)
            for idx in np.ndindex(x.shape):
                keep = x[idx]
                x[idx] = keep + h
                up = f(x)
                x[idx] = keep - h
                down = f(x)
                x[idx] = keep
                grad[idx] = (up - down) / (2 * h)
            return grad
        """,
    "no_restore": """
        def numerical_gradient(f, x):
            h = 1e-4
            flat = x.reshape(-1)
            grad = np.zeros(flat.size)
            for i, value in enumerate(flat.copy()):
                flat[i] = value + h
                up = f(x)
                flat[i] = value - h
                down = f(x)
                grad[i] = (up - down) / (2 * h)
            return grad.reshape(x.shape)
        """,
    "arithmetic_restore": """
        def numerical_gradient(f, x):
            h = 1e-4
            grad = np.zeros_like(x)
            it = np.nditer(x, flags=["multi_index"])
            for _ in it:
                idx = it.multi_index
                x[idx] = x[idx] + h
                up = f(x)
                x[idx] = x[idx] - 2 * h
                down = f(x)
                x[idx] = x[idx] + h
                grad[idx] = (up - down) / (2 * h)
            return grad
        """,
    "one_d_float_index": """
        def numerical_gradient(f, x):
            h = 1e-4
            grad = np.zeros_like(x)
            i = 0
            while i < x.size:
                start = float(x[i])
                x[i] = start + h
                up = f(x)
                x[i] = start - h
                down = f(x)
                x[i] = start
                grad[i] = (up - down) / (2 * h)
                i += 1
            return grad
        """,
    "one_d_index": """
        def numerical_gradient(f, x):
            h = 1e-4
            grad = np.zeros_like(x)
            for i in range(np.size(x)):
                saved = x[i].copy()
                x[i] = saved + h
                up = f(x)
                x[i] = saved - h
                down = f(x)
                x[i] = saved
                grad[i] = (up - down) / (2 * h)
            return grad
        """,
    "row_loop": """
        def numerical_gradient(f, x):
            h = 1e-4
            grad = np.zeros_like(x)
            for r in range(x.shape[0]):
                keep = np.copy(x[r])
                x[r] += h
                up = f(x)
                x[r] = keep - h
                down = f(x)
                x[r] = keep
                grad[r] = (up - down) / (2 * h)
            return grad
        """,
}

RIGHT = {
    "nditer like the book": CORRECT_BASE,
    "a flat view": """
        import numpy as np

        def numerical_diff(f, x):
            h = 10 ** -4
            return 0.5 * (f(x + h) - f(x - h)) / h

        def numerical_gradient(f, x):
            h = 10 ** -4
            flat = x.reshape(-1)
            assert np.shares_memory(flat, x)
            out = np.empty(flat.size)
            for i in range(flat.size):
                original = flat[i]
                flat[i] = original + h
                plus = f(x)
                flat[i] = original - h
                minus = f(x)
                flat[i] = original
                out[i] = (plus - minus) / (2 * h)
            return out.reshape(x.shape)
        """,
    "numerical_diff along each element": """
        import numpy as np

        def numerical_diff(f, x):
            h = 1e-4
            return float((f(x + h) - f(x - h)) / (h + h))

        def numerical_gradient(f, x):
            grad = np.empty(x.shape)
            for idx in np.ndindex(*x.shape):
                original = x[idx]

                def along(value, idx=idx):
                    x[idx] = value
                    return f(x)

                grad[idx] = numerical_diff(along, original)
                x[idx] = original
            return grad
        """,
}


def wrong_source(misconception: str) -> str:
    return CORRECT_BASE + "\n" + textwrap.dedent(WRONG[misconception])


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_numerical_gradient_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "numerical_gradient", wrong_source(misconception))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("numerical_gradient").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks if c.misconception == misconception)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_numerical_gradient_written_differently_passes(course, workspace, style):
    result = grade_source(course, workspace, "numerical_gradient", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_notes_example_failure_shows_the_call_and_both_slopes(course, workspace):
    result = grade_source(course, workspace, "numerical_gradient", wrong_source("forward_difference"))
    example = next(c for c in result.checks if c.name == "numerical_diff: worked examples from the notes")
    assert example.summary.startswith("numerical_diff(notes_quadratic, 5.0) returned 0.2000009")
    assert "expected 0.19999999" in example.summary


def test_copy_is_caught_only_by_the_in_place_check(course, workspace):
    result = grade_source(course, workspace, "numerical_gradient", wrong_source("works_on_copy"))
    failed = [c.name for c in result.checks if not c.passed]
    assert failed == ["f sees the changes to x itself"]


def test_arithmetic_restore_is_told_apart_from_no_restore(course, workspace):
    rounding = grade_source(course, workspace, "numerical_gradient", wrong_source("arithmetic_restore"))
    check = next(c for c in rounding.checks if c.name == "x restored exactly afterwards")
    assert check.misconception == "arithmetic_restore"
    assert any("back within rounding" in line for line in check.details), check.details
    forgotten = grade_source(course, workspace, "numerical_gradient", wrong_source("no_restore"))
    check = next(c for c in forgotten.checks if c.name == "x restored exactly afterwards")
    assert check.misconception == "no_restore"
    assert not any("within rounding" in line for line in check.details)


def test_stub_is_not_started(course, workspace):
    result = grade_source(course, workspace, "numerical_gradient", course.stub_path("numerical_gradient").read_text())
    assert result.status is ExerciseStatus.NOT_STARTED
