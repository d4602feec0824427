"""activations: known-wrong functions (written differently from the course's own wrong files) are
rejected with their targeted message; differently written correct files pass, including the naive
sigmoid (its overflow warning is a note) and the other convention for relu_grad at 0."""

from __future__ import annotations

import textwrap

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source

# A correct file in a student's style; each wrong entry below replaces one of its functions.
CORRECT_BASE = """
import numpy as np

def step_function(x):
    return np.where(x > 0, 1, 0)

def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out

def relu(x):
    return np.where(x > 0, x, 0.0)

def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, x * alpha)

def sigmoid_grad(x):
    y = sigmoid(x)
    return y - y * y

def relu_grad(x):
    return np.greater(x, 0).astype(np.int64)
"""

WRONG = {
    "step_returns_bool": """
        def step_function(x):
            return np.where(x > 0, 1.0, 0.0)
        """,
    "step_one_at_zero": """
        def step_function(x):
            return np.heaviside(x, 1.0).astype(np.int64)
        """,
    "step_scalar_if": """
        def step_function(x):
            return 1 if x > 0 else 0
        """,
    "sigmoid_exp_ratio": """
        def sigmoid(x):
            return np.exp(x) * (1.0 + np.exp(x)) ** -1.0
        """,
    "sigmoid_no_minus": """
        def sigmoid(x):
            return np.exp(-x) / (1.0 + np.exp(-x))
        """,
    "relu_builtin_max": """
        def relu(x):
            return max(x, np.zeros_like(x))
        """,
    "relu_in_place": """
        def relu(x):
            np.clip(x, 0.0, None, out=x)
            return x
        """,
    "leaky_fixed_alpha": """
        def leaky_relu(x, alpha=0.01):
            return np.maximum(x, 0.01 * x)
        """,
    "leaky_alpha_wrong_side": """
        def leaky_relu(x, alpha=0.01):
            out = x.copy()
            out[x > 0] *= alpha
            return out
        """,
    "sigmoid_grad_of_output": """
        def sigmoid_grad(x):
            return x - x ** 2
        """,
    "sigmoid_grad_no_square": """
        def sigmoid_grad(x):
            return np.exp(-x) * sigmoid(x)
        """,
    "relu_grad_is_relu": """
        def relu_grad(x):
            return x * (x > 0)
        """,
    "relu_grad_sign": """
        def relu_grad(x):
            return np.where(x > 0, 1, np.where(x < 0, -1, 0))
        """,
}

RIGHT = {
    "element by element with math": """
        import math
        import numpy as np

        def _each(x, scalar_function, dtype=float):
            out = np.zeros(x.shape, dtype=dtype)
            for index in np.ndindex(x.shape):
                out[index] = scalar_function(float(x[index]))
            return out

        def _sigmoid_one(v):
            if v >= 0:
                return 1.0 / (1.0 + math.exp(-v))
            e = math.exp(v)
            return e / (1.0 + e)

        def step_function(x):
            return _each(x, lambda v: 1 if v > 0 else 0, dtype=int)

        def sigmoid(x):
            return _each(x, _sigmoid_one)

        def relu(x):
            return _each(x, lambda v: v if v > 0 else 0.0)

        def leaky_relu(x, alpha=0.01):
            return _each(x, lambda v: v if v > 0 else alpha * v)

        def sigmoid_grad(x):
            return _each(x, lambda v: _sigmoid_one(v) * (1.0 - _sigmoid_one(v)))

        def relu_grad(x):
            return _each(x, lambda v: 1.0 if v > 0 else 0.0)
        """,
    "naive sigmoid and a boolean relu_grad": """
        import numpy as np

        def step_function(x):
            return (x > 0).astype(np.int32)

        def sigmoid(x):
            return 1 / (1 + np.exp(-x))

        def relu(x):
            return x * (x > 0)

        def leaky_relu(x, alpha=0.01):
            return np.maximum(x, alpha * x)

        def sigmoid_grad(x):
            return np.exp(-x) / (1 + np.exp(-x)) ** 2

        def relu_grad(x):
            return x > 0
        """,
    "tanh forms and slope 1 at zero": """
        import numpy as np

        def step_function(x):
            return np.heaviside(x, 0.0).astype(int)

        def sigmoid(x):
            return 0.5 * (1.0 + np.tanh(0.5 * x))

        def relu(x):
            return np.clip(x, 0.0, None)

        def leaky_relu(x, alpha=0.01):
            return np.where(x < 0, alpha * x, x)

        def sigmoid_grad(x):
            return 0.25 / np.cosh(0.5 * x) ** 2

        def relu_grad(x):
            return (x >= 0).astype(int)
        """,
}


def wrong_source(misconception: str) -> str:
    return CORRECT_BASE + "\n" + textwrap.dedent(WRONG[misconception])


def test_the_base_of_the_wrong_files_is_correct(course, workspace):
    result = grade_source(course, workspace, "activations", CORRECT_BASE)
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_activation_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "activations", wrong_source(misconception))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("activations").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks if c.misconception == misconception)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_activations_written_differently_pass(course, workspace, style):
    result = grade_source(course, workspace, "activations", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_overflow_warning_of_the_naive_sigmoid_is_a_note_not_a_failure(course, workspace):
    result = grade_source(course, workspace, "activations", RIGHT["naive sigmoid and a boolean relu_grad"])
    large = next(c for c in result.checks if c.name == "sigmoid stays finite for |x| up to 1000")
    assert large.passed and large.points == large.max_points
    assert any("RuntimeWarning" in note and "overflow" in note and "not a failure" in note for note in large.notes), large.notes


def test_stable_sigmoid_gets_no_warning_note(course, workspace):
    result = grade_source(course, workspace, "activations", CORRECT_BASE)
    large = next(c for c in result.checks if c.name == "sigmoid stays finite for |x| up to 1000")
    assert large.passed and not large.notes


def test_step_function_with_floats_is_told_to_return_integers(course, workspace):
    result = grade_source(course, workspace, "activations", wrong_source("step_returns_bool"))
    step = next(c for c in result.checks if c.name == "step_function: 1 above zero, as integers")
    assert not step.passed
    assert "returned dtype float64, expected an integer dtype" in step.summary
    assert any(".astype(int)" in line for line in step.details)


def test_step_function_with_booleans_is_told_to_return_integers(course, workspace):
    source = CORRECT_BASE + "\ndef step_function(x):\n    return np.greater(x, 0)\n"
    result = grade_source(course, workspace, "activations", source)
    step = next(c for c in result.checks if c.name == "step_function: 1 above zero, as integers")
    assert "returned dtype bool, expected an integer dtype" in step.summary
    assert step.misconception == "step_returns_bool"


def test_relu_grad_at_zero_takes_both_conventions_but_not_a_third(course, workspace):
    half = CORRECT_BASE + "\ndef relu_grad(x):\n    return np.where(x > 0, 1.0, np.where(x < 0, 0.0, 0.5))\n"
    result = grade_source(course, workspace, "activations", half)
    check = next(c for c in result.checks if c.name == "relu_grad: 1 above zero, 0 below")
    assert not check.passed
    assert any("expected 0, got 0.5" in line for line in check.details), check.details


def test_changed_input_names_the_function_that_changed_it(course, workspace):
    result = grade_source(course, workspace, "activations", wrong_source("relu_in_place"))
    unchanged = next(c for c in result.checks if c.kind == "unchanged")
    assert unchanged.summary.startswith("relu(x3) changed its input `x3` in place")
