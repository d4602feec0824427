"""The bundled question bank: it validates, covers the notes, and every stored answer checks out."""

from __future__ import annotations

from collections import Counter

import pytest

from grader.quiz.checking import check_answer, how_to_answer, instantiate
from grader.quiz.models import (
    KINDS,
    CodeChoiceQuestion,
    MultipleSelectQuestion,
    NumericQuestion,
    ParameterisedNumericQuestion,
    SingleChoiceQuestion,
    SymbolicQuestion,
)
from grader.quiz.verdicts import Status

from .helpers import FIGURES_DIR, QUIZ_DIR, correct_raw_answer

NOTES_IDS = [
    "day1-p10", "day1-p12", "day1-p19", "day1-p21", "day1-p23", "day1-p26", "day1-p34a", "day1-p34b",
    "day1-p51", "day1-p53", "day1-p56", "day1-p65", "day1-p69", "day1-p78", "day1-p83",
    "day2-6-1-1", "day2-6-1-2", "day2-6-2-2-1", "day2-6-2-3-1", "day2-6-3-1", "day2-6-4-1-1",
    "day2-6-4-3-1", "day2-6-4-3-2", "day2-6-4-3-3", "day2-6-4-3-4", "day2-6-5-7-1",
]


def test_bank_is_large_and_varied(bank):
    kinds = Counter(question.kind for question in bank.questions)
    assert len(bank.questions) >= 45
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 2, kinds


def test_every_confirmation_test_and_example_challenge_is_in_the_bank(bank):
    missing = [qid for qid in NOTES_IDS if bank.get(qid) is None]
    assert not missing


def test_ids_are_unique_and_every_bank_file_contributes_questions(bank):
    """Bank files are discovered: a new `*.toml` in the quiz folder joins the bank (no list to update)."""
    assert len(set(bank.ids)) == len(bank.ids)
    files = {path.resolve() for path in QUIZ_DIR.glob("*.toml")}
    assert files and {path.resolve() for _, path in bank.source} == files


def test_topics_follow_the_course_map(bank):
    assert bank.topic_order and set(bank.topics) <= set(bank.topic_order)
    assert len(bank.topics) >= 10


def test_every_figure_has_a_module(bank):
    for question in bank.questions:
        if question.figure is not None:
            assert (FIGURES_DIR / f"{question.figure.name}.py").is_file()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_stored_answer_is_accepted_by_its_own_checker(bank, seed):
    for question in bank.questions:
        instance = instantiate(question, seed)
        verdict = check_answer(instance, correct_raw_answer(instance))
        expected = Status.NEEDS_RATING if question.kind == "free_text" else Status.CORRECT
        assert verdict.status is expected, (question.id, verdict)
        assert verdict.explanation == question.explanation
        assert how_to_answer(question)


def test_every_wrong_option_is_rejected_with_its_own_feedback(bank):
    for question in bank.questions:
        if not isinstance(question, SingleChoiceQuestion | CodeChoiceQuestion):
            continue
        instance = instantiate(question)
        for number, option in enumerate(question.options, start=1):
            if option.correct:
                continue
            verdict = check_answer(instance, str(number))
            assert verdict.status is Status.WRONG, question.id
            assert verdict.feedback == (option.feedback,), question.id


def test_multiple_select_feedback_names_each_wrong_or_missing_option(bank):
    for question in bank.questions:
        if not isinstance(question, MultipleSelectQuestion):
            continue
        instance = instantiate(question)
        for number, option in enumerate(question.options, start=1):
            verdict = check_answer(instance, str(number))
            if [o.correct for o in question.options].count(True) == 1 and option.correct:
                assert verdict.status is Status.CORRECT
                continue
            assert verdict.status is Status.WRONG, question.id
            if not option.correct:
                assert any(option.feedback in line for line in verdict.feedback)


def test_known_wrong_numbers_and_expressions_get_their_feedback(bank):
    for question in bank.questions:
        if not isinstance(question, NumericQuestion | SymbolicQuestion):
            continue
        instance = instantiate(question)
        for wrong in question.wrong_answers:
            verdict = check_answer(instance, wrong.answer)
            assert verdict.status is Status.WRONG, (question.id, wrong.answer)
            first = next(w for w in question.wrong_answers if check_answer(instance, w.answer).feedback == verdict.feedback)
            assert verdict.feedback == (first.feedback,), (question.id, wrong.answer)


def test_parameterised_questions_draw_valid_instances_and_detect_wrong_formulas(bank):
    for question in bank.questions:
        if not isinstance(question, ParameterisedNumericQuestion):
            continue
        distinguished = set()
        for seed in range(60):
            instance = instantiate(question, seed)
            values = instance.values
            assert all(c.evaluate(values) is True for c in question.constraint_formulas())
            assert "{" not in instance.prompt
            right = question.answer_formula().evaluate(values)
            for wrong in question.wrong_formulas:
                value = question.formula_value(wrong.formula, values)
                if value is None or value == right:
                    continue
                verdict = check_answer(instance, str(value))
                assert verdict.status is Status.WRONG
                assert verdict.feedback and verdict.feedback[0] in {w.feedback for w in question.wrong_formulas}
                if verdict.feedback == (wrong.feedback,):
                    distinguished.add(wrong.formula)
        assert distinguished == {w.formula for w in question.wrong_formulas}, question.id


def test_parameters_change_between_seeds_and_repeat_for_the_same_seed(bank):
    question = bank.get("found-conv-output")
    assert instantiate(question, 5) == instantiate(question, 5)
    assert len({instantiate(question, seed).parameters for seed in range(10)}) > 1


@pytest.mark.parametrize("answer", ["2x + 2y", "2(x+y)", "2*(x+y)", "2*x + 2*y", "2(x + y)", "2y+2x", "dz/dx = 2(x+y)"])
def test_chain_rule_question_accepts_equivalent_forms(bank, answer):
    verdict = check_answer(instantiate(bank.get("day2-6-1-1")), answer)
    assert verdict.status is Status.CORRECT


def test_chain_rule_question_rejects_2x_with_targeted_feedback(bank):
    verdict = check_answer(instantiate(bank.get("day2-6-1-1")), "2x")
    assert verdict.status is Status.WRONG
    assert "y stays" in verdict.feedback[0]


@pytest.mark.parametrize("answer", ["7x7", "7 x 7", "(7, 7)", "7×7", "7X7", "[7,7]", "7"])
def test_conv_output_question_accepts_shapes(bank, answer):
    verdict = check_answer(instantiate(bank.get("day2-6-5-7-1")), answer)
    assert verdict.status is Status.CORRECT


def test_conv_output_question_explains_forgotten_padding(bank):
    verdict = check_answer(instantiate(bank.get("day2-6-5-7-1")), "5 x 5")
    assert verdict.status is Status.WRONG
    assert "padding" in verdict.feedback[0]
    assert check_answer(instantiate(bank.get("day2-6-5-7-1")), "7x7x7").status is Status.INVALID
