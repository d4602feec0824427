"""Comparisons name the first thing that is wrong: type, shape, dtype, then values."""

from __future__ import annotations

import numpy as np

from grader.compare import compare
from grader.sandbox.values import ArrayValue, OpaqueValue, ScalarValue, SequenceValue, to_plain
from grader.spec import Tolerance


def arr(values, dtype=float) -> ArrayValue:
    return ArrayValue(np.array(values, dtype=dtype))


def test_equal_within_tolerance():
    assert compare(arr([1.0, 2.0]), arr([1.0, 2.0 + 1e-9])) is None


def test_first_difference_and_max_error():
    mismatch = compare(arr([[1.0, 2.0], [3.0, 5.0]]), arr([[1.0, 2.0], [3.0, 4.0]]))
    assert mismatch.summary == "wrong values at 1 of 4 positions"
    assert mismatch.details == ("first difference at [1, 1]: expected 4, got 5", "max abs error 1 (1 of 4 elements differ)")


def test_shape_before_values():
    mismatch = compare(arr([1.0, 2.0, 3.0, 4.0]), arr([[1.0, 2.0], [3.0, 4.0]]))
    assert mismatch.summary == "returned shape (4,), expected (2, 2)"
    assert "reshape" in mismatch.details[0]


def test_list_instead_of_array():
    mismatch = compare(to_plain([1.0, 2.0]), arr([1.0, 2.0]))
    assert mismatch.summary == "returned a Python list, expected a numpy array of shape (2,)"


def test_nan_is_named():
    assert compare(arr([np.nan, 1.0]), arr([0.5, 0.5])).summary == "returned nan where the expected values are finite"


def test_integer_mode_refuses_floats_and_bools():
    assert compare(arr([1.0, 0.0]), arr([1, 0], int), mode="integer").summary == "returned dtype float64, expected an integer dtype"
    assert compare(arr([True, False], bool), arr([1, 0], int), mode="integer").summary == "returned dtype bool, expected an integer dtype"
    assert compare(arr([1, 0], np.int32), arr([1, 0], int), mode="integer") is None


def test_scalar_modes():
    assert compare(ScalarValue(7.0, "float"), ScalarValue(7, "int"), mode="integer").summary == (
        "returned the float 7.0; an integer (7) was expected"
    )
    assert compare(arr([0.5]), ScalarValue(0.5, "float"), mode="scalar").summary.startswith(
        "returned float64 array of shape (1,), expected a single number"
    )
    assert compare(ScalarValue(0.5000001, "numpy.float64"), ScalarValue(0.5, "float"), mode="scalar") is None


def test_subclasses_and_opaque_objects_never_pass():
    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return True

    sneaky = to_plain(np.array([1.0, 2.0]).view(Sneaky))
    assert "subclass of numpy.ndarray" in compare(sneaky, arr([1.0, 2.0])).summary
    assert compare(OpaqueValue("Liar", "<Liar>"), arr([1.0])).summary == "returned a Liar object, expected a float64 array of shape (1,)"


def test_rounds_and_dicts_point_at_the_step_and_key():
    rounds = SequenceValue((arr([1.0]), arr([2.0])), "rounds")
    wrong = SequenceValue((arr([1.0]), arr([3.0])), "rounds")
    assert compare(wrong, rounds).summary.startswith("after step 2: ")
    assert compare(to_plain({"W": np.ones(2)}), to_plain({"W": np.ones(2), "b": np.zeros(1)})).summary == "the dict has no 'b' (keys: ['W'])"


def test_tolerance_is_used():
    assert compare(arr([1.0]), arr([1.001]), tol=Tolerance(rtol=1e-2, atol=0)) is None
    assert compare(arr([1.0]), arr([1.001]), tol=Tolerance(rtol=1e-5, atol=0)) is not None
