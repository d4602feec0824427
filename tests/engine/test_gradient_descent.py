"""gradient_descent: known-wrong loops (written differently from the course's own wrong files) are
rejected with their targeted message; differently written correct ones pass. The student's
workspace holds a working numerical_gradient, except where the test says otherwise."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from grader.results import ExerciseStatus, Reason
from tests.conftest import grade_source

HEADER = """
import numpy as np

from exercises.numerical_gradient import numerical_gradient
"""

WRONG = {
    "ascent": """
        def gradient_descent(f, init_x, lr=0.01, step_num=100):
            x = np.array(init_x, dtype=float)
            for _ in range(step_num):
                x = x + lr * numerical_gradient(f, x)
            return x
        """,
    "one_step": """
        def gradient_descent(f, init_x, lr=0.01, step_num=100):
            for _ in range(step_num):
                return init_x - lr * numerical_gradient(f, init_x.copy())
        """,
    "no_lr": """
        def gradient_descent(f, init_x, lr=0.01, step_num=100):
            x = np.array(init_x, dtype=float)
            for _ in range(step_num):
                x = x - numerical_gradient(f, x)
            return x
        """,
    "off_by_one": """
        def gradient_descent(f, init_x, lr=0.01, step_num=100):
            x = init_x.copy()
            i = 1
            while i < step_num:
                x -= lr * numerical_gradient(f, x)
                i += 1
            return x
        """,
    "gradient_at_start": """
        def gradient_descent(f, init_x, lr=0.01, step_num=100):
            slope = numerical_gradient(f, init_x.copy())
            x = init_x.copy()
            for _ in range(step_num):
                x -= lr * slope
            return x
        """,
    "returns_start": """
        def gradient_descent(f, init_x, lr=0.01, step_num=100):
            history = [init_x]
            for _ in range(step_num):
                history.append(history[-1] - lr * numerical_gradient(f, history[-1].copy()))
            return history[0]
        """,
    "swapped_parameters": """
        def gradient_descent(f, init_x, step_num=100, lr=0.01):
            x = init_x.copy()
            for _ in [None] * step_num:
                x -= lr * numerical_gradient(f, x)
            return x
        """,
}

RIGHT = {
    "the notes' loop, changing init_x": HEADER + """
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for i in range(step_num):
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x
""",
    "a new array every step": HEADER + """
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.asarray(init_x, dtype=float)
    steps_left = step_num
    while steps_left > 0:
        x = x - lr * numerical_gradient(f, x)
        steps_left -= 1
    return x
""",
    "relative import and a copy": """
import numpy as np

from .numerical_gradient import numerical_gradient


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    position = np.copy(init_x)
    for _ in range(step_num):
        np.subtract(position, lr * numerical_gradient(f, position), out=position)
    return position
""",
}


def wrong_source(misconception: str) -> str:
    return HEADER + textwrap.dedent(WRONG[misconception])


@pytest.fixture
def ready(course, workspace):
    """A workspace whose numerical_gradient is finished (the reference stands in for the student's)."""
    shutil.copyfile(course.reference_path("numerical_gradient"), workspace.exercise_file("numerical_gradient"))
    return workspace


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_gradient_descent_is_rejected_with_its_hint(course, ready, misconception):
    result = grade_source(course, ready, "gradient_descent", wrong_source(misconception))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("gradient_descent").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks if c.misconception == misconception)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_gradient_descent_written_differently_passes(course, ready, style):
    result = grade_source(course, ready, "gradient_descent", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_unfinished_numerical_gradient_is_named(course, workspace):
    # The workspace's numerical_gradient is still the stub.
    result = grade_source(course, workspace, "gradient_descent", RIGHT["a new array every step"])
    assert result.status is ExerciseStatus.ERROR
    assert all(c.reason is Reason.RAISED for c in result.checks)
    expected = "calls into exercises/numerical_gradient.py, which is not implemented yet: finish `numerical_gradient` first"
    assert all(expected in c.summary for c in result.checks), [c.summary for c in result.checks]
    assert expected in result.feedback


def test_own_stub_is_not_started_even_with_a_finished_sibling(course, ready):
    result = grade_source(course, ready, "gradient_descent", course.stub_path("gradient_descent").read_text())
    assert result.status is ExerciseStatus.NOT_STARTED


def test_worked_example_tells_99_steps_from_100(course, ready):
    result = grade_source(course, ready, "gradient_descent", wrong_source("off_by_one"))
    example = next(c for c in result.checks if c.name == "worked example from the notes")
    assert not example.passed
    assert example.summary.startswith("gradient_descent(square_sum, [-3., 4.], lr=0.1, step_num=100) wrong values")
