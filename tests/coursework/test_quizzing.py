"""Quiz answers are recorded and tallied the same way by the quiz command line and the app."""

from __future__ import annotations

from datetime import UTC, datetime

from grader.coursework.grading import open_store
from grader.coursework.quizzing import Tally, record_answer, review_order
from grader.quiz.bank import load_bank
from grader.quiz.checking import check_answer, instantiate, parse_self_rating, rate_self
from grader.quiz.review import make_scheduler
from grader.quiz.store import QuizStore
from grader.quiz.verdicts import Status
from tests.quiz.helpers import QUIZ_DIR, correct_raw_answer

BANK = load_bank(QUIZ_DIR)


def test_the_tally_counts_right_wrong_self_rated_and_skipped():
    tally = Tally()
    question = next(q for q in BANK.questions if q.kind == "numeric")
    instance = instantiate(question)
    tally.add(check_answer(instance, correct_raw_answer(instance)))
    tally.add(check_answer(instance, "123456789"))
    free = next(q for q in BANK.questions if q.kind == "free_text")
    tally.add(rate_self(check_answer(instantiate(free), "my answer"), parse_self_rating("3")))
    tally.skip()
    assert (tally.correct, tally.wrong, tally.rated, tally.skipped, tally.answered) == (1, 1, 1, 1, 3)


def test_a_recorded_answer_keeps_its_attempt_and_card_and_an_unreadable_one_is_not_kept(course, workspace):
    question = next(q for q in BANK.questions if q.kind == "numeric")
    instance = instantiate(question)
    store = open_store(workspace)
    try:
        quiz = QuizStore(store.connection)
        now = datetime.now(UTC)
        unreadable = check_answer(instance, "seven")
        assert unreadable.status is Status.INVALID
        record_answer(quiz, make_scheduler(), instance, "seven", unreadable, now=now)
        assert quiz.history(question.id) == []
        record_answer(quiz, make_scheduler(), instance, correct_raw_answer(instance),
                      check_answer(instance, correct_raw_answer(instance)), now=now)
        assert [a.passed for a in quiz.history(question.id)] == [True]
        assert quiz.load_card(question.id) is not None
        ordered, problems = review_order(quiz, BANK.questions[:5], now=now)
        assert set(q.id for q in ordered) <= set(q.id for q in BANK.questions[:5]) and problems == ()
    finally:
        store.close()
