"""Symbolic answers: safe parsing, implicit multiplication, equivalence within a time limit."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.quiz.expressions import parse_expression
from grader.quiz.parsing import AnswerFormatError
from grader.quiz.symbolic import Method, equivalent

XY = ("x", "y")


def read(text: str, variables=XY, functions=()):
    return parse_expression(text, variables=variables, functions=functions)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("2x", "2 * x"),
        ("2(x+y)", "2 * (x + y)"),
        ("(x+1)(y-1)", "(x + 1) * (y - 1)"),
        ("xy", "x * y"),
        ("x^2", "x ** 2"),
        ("x²", "x ** 2"),
        ("2·x", "2 * x"),
        ("dz/dx = 2x", "2 * x"),
    ],
)
def test_implicit_multiplication_and_powers(raw, text):
    assert read(raw).text == text


@pytest.mark.parametrize(
    "raw",
    ["z", "2t", "__import__('os')", "x.real", "lambda: 1", "x,y", "", "x +", "exp(x)", "9^9^9^9", "(x+1)^64^64",
     "1" * 20, "x if y else 1", "{x}", "x @ y", "x == y"],
)
def test_unknown_names_and_junk_are_invalid(raw):
    with pytest.raises(AnswerFormatError) as caught:
        read(raw)
    assert "\n" not in str(caught.value)


def test_declared_functions_are_allowed_and_need_an_argument():
    assert read("exp(-x)", functions=("exp",)).evaluate({"x": 0.0, "y": 0.0}) == 1.0
    with pytest.raises(AnswerFormatError):
        read("exp", functions=("exp",))
    with pytest.raises(AnswerFormatError):
        read("exp(x, y)", functions=("exp",))


def test_equivalent_forms_and_a_near_miss():
    reference = read("2*(x + y)")
    assert equivalent(read("2x + 2y"), reference).equivalent
    assert not equivalent(read("2x"), reference).equivalent
    near = equivalent(read("2x + 2y + 0.0000000001"), reference)
    assert not near.equivalent and near.method is Method.SYMBOLIC


def test_sigmoid_derivative_in_two_forms():
    functions = ("sigmoid", "exp")
    a = read("sigmoid(u)(1 - sigmoid(u))", ("u",), functions)
    b = read("exp(-u)/(1 + exp(-u))^2", ("u",), functions)
    assert equivalent(a, b, interval=(-3.0, 3.0)).equivalent


def test_a_timed_out_symbolic_check_falls_back_to_the_numeric_verdict():
    result = equivalent(read("2x + 2y"), read("2(x+y)"), timeout_s=0.0)
    assert result.equivalent
    assert result.method in {Method.NUMERIC, Method.SYMBOLIC}


def test_equivalence_works_off_the_main_thread():
    results = []
    worker = threading.Thread(target=lambda: results.append(equivalent(read("2x+2y"), read("2(x+y)"))))
    worker.start()
    worker.join(10)
    assert results and results[0].equivalent


# Random expression trees and rewritings that keep their value.
leaves = st.sampled_from(["x", "y", "1", "2", "3"])


def trees(depth: int = 3):
    return st.recursive(
        leaves,
        lambda inner: st.tuples(st.sampled_from(["+", "-", "*"]), inner, inner).map(lambda t: f"({t[1]} {t[0]} {t[2]})"),
        max_leaves=6,
    )


def rewritings(a: str, b: str) -> list[tuple[str, str]]:
    """Pairs of equal expressions built from a and b."""
    return [
        (f"{a} + {b}", f"{b} + {a}"),
        (f"{a} * {b}", f"{b} {a}"),  # juxtaposition means multiplication
        (f"2({a} + {b})", f"2*{a} + 2*{b}"),
        (f"({a} + {b})^2", f"{a}^2 + 2*{a}*{b} + {b}**2"),
        (f"{a} - {b}", f"-({b}) + {a}"),
        (f"({a})*({b}) - ({b})*({a})", "0"),
    ]


@settings(max_examples=40, deadline=None)
@given(trees(), trees(), st.integers(0, 5))
def test_random_equivalent_rewritings_are_accepted(a, b, which):
    left, right = rewritings(a, b)[which]
    assert equivalent(read(left), read(right)).equivalent


@settings(max_examples=40, deadline=None)
@given(trees(), st.sampled_from(["1", "x", "y", "x*y"]))
def test_changed_expressions_are_rejected(a, extra):
    assert not equivalent(read(f"{a} + {extra}"), read(a)).equivalent


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_garbage_is_invalid_or_parsed_never_an_error(raw):
    try:
        expression = read(raw)
    except AnswerFormatError:
        return
    equivalent(expression, read("2*(x + y)"), timeout_s=0.5)
