"""Safe, exact evaluation of parameter formulas."""

from __future__ import annotations

from fractions import Fraction

import pytest

from grader.quiz.formulas import FormulaError, compile_formula

NAMES = ("H", "F", "P", "S")


def test_conv_size_formula():
    formula = compile_formula("(H + 2*P - F) // S + 1", NAMES)
    assert formula.evaluate({"H": 6, "F": 2, "P": 1, "S": 1}) == 7


def test_division_is_exact_and_comparisons_give_booleans():
    assert compile_formula("2 / H", NAMES).evaluate({"H": 3}) == Fraction(2, 3)
    assert compile_formula("(H - F) % S == 0 and F <= H", NAMES).evaluate({"H": 7, "F": 3, "S": 2}) is True
    assert compile_formula("not H > 3", NAMES).evaluate({"H": 7}) is False
    assert compile_formula("max(H, F) - abs(-P)", NAMES).evaluate({"H": 2, "F": 5, "P": 3}) == 2


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "H.real", "open('x')", "[H]", "lambda: 1", "X + 1", "H if F else P", "'a'", "H; F"],
)
def test_unsafe_or_unknown_syntax_is_refused(text):
    with pytest.raises(FormulaError):
        compile_formula(text, NAMES)


def test_runtime_problems_are_formula_errors():
    with pytest.raises(FormulaError):
        compile_formula("H / (F - F)", NAMES).evaluate({"H": 1, "F": 2})
    with pytest.raises(FormulaError):
        compile_formula("H ** 1000", NAMES).evaluate({"H": 9})
