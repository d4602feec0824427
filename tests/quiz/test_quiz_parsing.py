"""Reading raw answers: exact numbers, shapes, options, true/false, orders and matchings."""

from __future__ import annotations

import contextlib
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.quiz.parsing import (
    AnswerFormatError,
    parse_bool,
    parse_matching,
    parse_number,
    parse_numbers,
    parse_option,
    parse_options,
    parse_order,
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1/4", Fraction(1, 4)),
        ("0.25", Fraction(1, 4)),
        (".25", Fraction(1, 4)),
        ("25%", Fraction(1, 4)),
        (" 25 % ", Fraction(1, 4)),
        ("-3/8", Fraction(-3, 8)),
        ("\u22123", Fraction(-3)),
        ("1e-4", Fraction(1, 10000)),
        ("2.5E3", Fraction(2500)),
        ("0.1", Fraction(1, 10)),
        ("7", Fraction(7)),
    ],
)
def test_numbers_are_read_exactly(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["", "abc", "1/0", "1//2", "1e999", "2+3", "%", "1.2.3", "9" * 40])
def test_unreadable_numbers_raise_a_one_line_format_error(raw):
    with pytest.raises(AnswerFormatError) as caught:
        parse_number(raw)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("raw", ["7x7", "7 x 7", "(7, 7)", "7×7", "7*7", "[7 7]", "7 by 7", "7X7", "(7,7)"])
def test_shapes_in_every_spelling(raw):
    assert parse_numbers(raw) == (7, 7)


def test_shape_of_fractions_and_a_single_number():
    assert parse_numbers("(1/2, -0.5)") == (Fraction(1, 2), Fraction(-1, 2))
    assert parse_numbers("42") == (42,)


def test_options():
    assert parse_option(" 2 ", 4) == 2
    assert parse_option("(3)", 4) == 3
    assert parse_option("4.", 4) == 4
    assert parse_options("1,3", 4) == {1, 3}
    assert parse_options("1, 3", 4) == {1, 3}
    assert parse_options("3 1 1", 4) == {1, 3}
    for raw, count in [("5", 4), ("0", 4), ("b", 4), ("", 4)]:
        with pytest.raises(AnswerFormatError):
            parse_option(raw, count)
    with pytest.raises(AnswerFormatError):
        parse_options("1,9", 4)


@pytest.mark.parametrize("raw", ["true", "T", "yes", "Y", "1", "True."])
def test_true_words(raw):
    assert parse_bool(raw) is True


@pytest.mark.parametrize("raw", ["false", "F", "no", "n", "0"])
def test_false_words(raw):
    assert parse_bool(raw) is False


def test_orders():
    assert parse_order("3,1,2,4", 4) == (3, 1, 2, 4)
    assert parse_order("3 1 2 4", 4) == (3, 1, 2, 4)
    assert parse_order("3124", 4) == (3, 1, 2, 4)
    for raw in ["3,1,2", "3,1,2,2", "3,1,2,5", "x"]:
        with pytest.raises(AnswerFormatError):
            parse_order(raw, 4)


@pytest.mark.parametrize(
    "raw", ["1b,2a,3c", "1-b 2-a 3-c", "1: b, 2: a, 3: c", "3c 1b 2a", "b,a,c", "b a c", "bac", "1B,2A,3C"]
)
def test_matchings(raw):
    assert parse_matching(raw, 3, 4) == (1, 0, 2)


@pytest.mark.parametrize("raw", ["1b,2a", "1b,1a,2c", "1b,2a,3z", "4a,1b,2c", "b,a", "hello", "1b 2a 3c junk"])
def test_bad_matchings(raw):
    with pytest.raises(AnswerFormatError):
        parse_matching(raw, 3, 4)


@given(st.text(max_size=80))
def test_number_parsers_never_raise_anything_but_format_errors(raw):
    for parse in (parse_number, parse_numbers, parse_bool):
        with contextlib.suppress(AnswerFormatError):
            parse(raw)
    for parse_counted in (parse_option, parse_options, parse_order):
        with contextlib.suppress(AnswerFormatError):
            parse_counted(raw, 4)
    with contextlib.suppress(AnswerFormatError):
        parse_matching(raw, 3, 5)


@given(st.fractions(min_value=-(10**12), max_value=10**12, max_denominator=10_000))
def test_fractions_round_trip(value):
    assert parse_number(f"{value.numerator}/{value.denominator}") == value
    assert parse_number(str(value)) == value
