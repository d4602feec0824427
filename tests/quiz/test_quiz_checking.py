"""Checking answers kind by kind: tolerances, shapes, partial scores, self-rating, garbage."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.quiz.checking import (
    check_answer,
    format_number,
    instantiate,
    parse_self_rating,
    rate_self,
)
from grader.quiz.models import NumericQuestion
from grader.quiz.parsing import AnswerFormatError
from grader.quiz.verdicts import SelfRating, Status

BASE = {"topic": "gradients", "section": "test", "prompt": "p", "explanation": "e"}


def numeric(answer: str, **extra) -> NumericQuestion:
    return NumericQuestion(id="n", kind="numeric", answer=answer, **BASE, **extra)


def status(question, raw):
    return check_answer(instantiate(question), raw).status


def test_exact_numbers_need_no_tolerance():
    question = numeric("1/4")
    for raw in ["0.25", "1/4", "25%", "2/8"]:
        assert status(question, raw) is Status.CORRECT
    assert status(question, "0.2500001") is Status.WRONG


def test_tolerance_edges_are_inclusive_and_exact():
    question = numeric("10", rel_tol=0.01, abs_tol=0.5)  # accepted within 0.5 + 0.1 = 0.6
    assert status(question, "10.6") is Status.CORRECT
    assert status(question, "9.4") is Status.CORRECT
    assert status(question, "10.6000001") is Status.WRONG
    assert status(question, "9.3999999") is Status.WRONG


def test_relative_tolerance_scales_with_the_answer():
    question = numeric("0.0821670405", rel_tol=2e-3)
    assert status(question, "0.0822") is Status.CORRECT
    assert status(question, "0.08217") is Status.CORRECT
    assert status(question, "0.0815") is Status.WRONG


def test_shapes_must_have_the_right_count():
    question = numeric("9x75")
    assert status(question, "(9, 75)") is Status.CORRECT
    assert status(question, "75x9") is Status.WRONG
    assert status(question, "9") is Status.INVALID  # no square shorthand for a non-square answer
    verdict = check_answer(instantiate(question), "9x75x1")
    assert verdict.status is Status.INVALID and verdict.explanation is None and verdict.expected is None


def test_square_shorthand_is_opt_in():
    assert status(numeric("7x7"), "7") is Status.INVALID
    assert status(numeric("7x7", square_shorthand=True), "7") is Status.CORRECT
    with pytest.raises(ValueError):
        numeric("7x8", square_shorthand=True)


def test_scalar_answer_refuses_a_shape():
    assert status(numeric("3"), "3x3") is Status.INVALID


def test_format_number():
    from fractions import Fraction

    assert format_number(Fraction(7)) == "7"
    assert format_number(Fraction(1, 4)) == "0.25"
    assert format_number(Fraction(1, 3)).startswith("1/3 (≈ 0.3333")


def test_multiple_select_partial_score(bank):
    instance = instantiate(bank.get("day1-p10"))  # right: 3, 4
    half = check_answer(instance, "3")
    assert half.status is Status.WRONG and half.score == pytest.approx(0.5)
    assert check_answer(instance, "4,3").score == 1.0


def test_matching_feedback_names_the_mismatched_items(bank):
    instance = instantiate(bank.get("day2-6-3-1"))
    verdict = check_answer(instance, "1a 2c 3b 4d")
    assert verdict.status is Status.WRONG
    assert verdict.score == pytest.approx(0.5)
    assert [line.split(":")[0] for line in verdict.feedback] == ["2. AdaGrad", "3. RMSProp"]
    assert check_answer(instance, "a,b,c,d").status is Status.CORRECT


def test_ordering_feedback_uses_known_wrong_orders(bank):
    question = bank.get("day1-p69")
    verdict = check_answer(instantiate(question), "3,2,4,1,5")
    assert verdict.status is Status.WRONG
    assert verdict.feedback[0] == question.wrong_orders[0].feedback
    assert "Positions already right: 1, 4, 5" in verdict.feedback[1]
    generic = check_answer(instantiate(question), "1,2,3,4,5")
    assert generic.feedback[0] == question.feedback


def test_true_false_words(bank):
    instance = instantiate(bank.get("found-gd-update-sign"))  # the statement is false
    assert check_answer(instance, "no").status is Status.CORRECT
    wrong = check_answer(instance, "t")
    assert wrong.status is Status.WRONG and wrong.feedback
    assert check_answer(instance, "maybe").status is Status.INVALID


def test_free_text_is_self_rated(bank):
    instance = instantiate(bank.get("day1-p26"))
    assert check_answer(instance, "   ").status is Status.INVALID
    pending = check_answer(instance, "linear is a straight line")
    assert pending.status is Status.NEEDS_RATING and not pending.graded
    assert pending.expected == instance.question.model_answer
    rated = rate_self(pending, SelfRating.PARTLY)
    assert rated.status is Status.SELF_RATED and rated.score == 0.5 and rated.graded and not rated.passed
    assert rate_self(pending, SelfRating.HAD_IT).passed
    with pytest.raises(ValueError):
        rate_self(rated, SelfRating.MISSED)


@pytest.mark.parametrize(
    ("raw", "rating"),
    [("1", SelfRating.MISSED), ("partly", SelfRating.PARTLY), ("had it", SelfRating.HAD_IT),
     ("had_it", SelfRating.HAD_IT), ("3", SelfRating.HAD_IT)],
)
def test_self_rating_words(raw, rating):
    assert parse_self_rating(raw) is rating


def test_bad_self_rating():
    with pytest.raises(AnswerFormatError):
        parse_self_rating("great")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_garbage_answers_are_invalid_or_wrong_never_an_exception(bank, data):
    question = data.draw(st.sampled_from(bank.questions))
    raw = data.draw(st.text(max_size=40) | st.from_regex(r"[0-9a-z ,x()^*/+\-.%]{0,20}", fullmatch=True))
    verdict = check_answer(instantiate(question), raw)
    if question.kind == "free_text":
        assert verdict.status in {Status.INVALID, Status.NEEDS_RATING}
    else:
        assert verdict.status in {Status.INVALID, Status.WRONG, Status.CORRECT}
    if verdict.status is Status.INVALID:
        assert verdict.message and "\n" not in verdict.message
