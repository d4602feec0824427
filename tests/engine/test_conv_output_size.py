"""conv_output_size: known-wrong formulas are rejected with their targeted message; differently
written correct ones pass."""

from __future__ import annotations

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source

WRONG = {
    "true_division": """
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
                raise ValueError("bad")
            return 1 + (input_size - filter_size + 2 * pad) / stride
        """,
    "pad_one_side": """
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            padded = input_size + pad
            if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
                raise ValueError("bad")
            return (padded - filter_size) // stride + 1
        """,
    "no_plus_one": """
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
                raise ValueError("bad")
            steps = 0
            position = 0
            while position + filter_size + stride <= input_size + 2 * pad:
                position += stride
                steps += 1
            return steps
        """,
    "rounds_up": """
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
                raise ValueError("bad")
            return -(-(input_size + 2 * pad - filter_size) // stride) + 1
        """,
    "no_validation": """
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            return max(0, (input_size + 2 * pad - filter_size) // stride + 1)
        """,
    "wrong_exception": """
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
                raise RuntimeError("this convolution is impossible")
            return (input_size + 2 * pad - filter_size) // stride + 1
        """,
}

RIGHT = {
    "counting positions": """
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
                raise ValueError("impossible convolution")
            return len(range(0, input_size + 2 * pad - filter_size + 1, stride))
        """,
    "separate checks and numpy ints": """
        import numpy as np
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            if stride < 1:
                raise ValueError("stride")
            if pad < 0:
                raise ValueError("pad")
            if filter_size > input_size + 2 * pad:
                raise ValueError("filter")
            return np.int64(input_size + 2 * pad - filter_size) // stride + 1
        """,
    "a ValueError subclass of its own": """
        class ImpossibleConvolution(ValueError):
            pass
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
                raise ImpossibleConvolution(f"a {filter_size}-wide filter does not fit")
            return (input_size + 2 * pad - filter_size) // stride + 1
        """,
    "divmod": """
        def conv_output_size(input_size, filter_size, stride=1, pad=0):
            span = input_size + 2 * pad - filter_size
            if span < 0 or stride <= 0 or pad < 0:
                raise ValueError(f"cannot fit {filter_size} in {input_size} with pad {pad}")
            quotient, _ = divmod(span, stride)
            return quotient + 1
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_formula_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "conv_output_size", WRONG[misconception])
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert diagnosed and diagnosed[0] == misconception, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_formula_written_differently_passes(course, workspace, style):
    result = grade_source(course, workspace, "conv_output_size", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_float_result_is_explained_with_the_integer_division_hint(course, workspace):
    result = grade_source(course, workspace, "conv_output_size", WRONG["true_division"])
    first = next(c for c in result.checks if not c.passed)
    assert first.summary == "conv_output_size(6, 2, 1, 1) returned the float 7.0; an integer (7) was expected"
    assert "`//`" in first.hint
