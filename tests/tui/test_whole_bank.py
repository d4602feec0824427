"""Every question of the bundled bank can be answered in the app with the keyboard.

Two parts, to stay fast: every question goes through the app's mapping from keys to an answer
(number keys to options, true/false as 1/2) without drawing anything; then one question of every
kind is answered through the running app, key by key.
"""

from __future__ import annotations

from grader.quiz.checking import check_answer, instantiate, rate_self
from grader.quiz.models import KINDS, FreeTextQuestion, MultipleSelectQuestion, TrueFalseQuestion
from grader.quiz.verdicts import SelfRating, Status
from tui.screens.quiz import Phase, QuizScreen
from tui.widgets.question import choice_answer, choice_options

from ..quiz.helpers import correct_raw_answer
from .helpers import new_app, until


def keys_for(instance) -> list[str]:
    """The keys a student who knows the answer presses: numbers (then Enter) for a choice
    question, else the typed answer and Enter (and 3, "I had it", for free text)."""
    question = instance.question
    raw = correct_raw_answer(instance)
    if choice_options(question) is None:
        return [*raw, "enter", *(["3"] if isinstance(question, FreeTextQuestion) else [])]
    if isinstance(question, TrueFalseQuestion):
        return ["1" if raw == "true" else "2", "enter"]
    if isinstance(question, MultipleSelectQuestion):
        return [*(number.strip() for number in raw.split(",")), "enter"]
    return [raw, "enter"]


def test_number_keys_reach_the_right_answer_of_every_choice_question(bank):
    choice_questions = [q for q in bank.questions if choice_options(q) is not None]
    assert len(choice_questions) > 30
    for question in choice_questions:
        instance = instantiate(question)
        keys = keys_for(instance)[:-1]
        options = choice_options(question)
        assert all(key.isdigit() and 1 <= int(key) <= min(9, len(options)) for key in keys), question.id
        verdict = check_answer(instance, choice_answer(question, frozenset(int(key) for key in keys)))
        assert verdict.status is Status.CORRECT, question.id


def test_every_typed_question_accepts_its_answer_as_typed(bank):
    for question in bank.questions:
        if choice_options(question) is not None:
            continue
        instance = instantiate(question)
        verdict = check_answer(instance, correct_raw_answer(instance))
        if verdict.status is Status.NEEDS_RATING:
            verdict = rate_self(verdict, SelfRating.HAD_IT)
        assert verdict.passed, question.id


async def test_one_question_of_every_kind_answered_through_the_app(workspace, clock, bank):
    first_of_kind = {}
    for question in bank.questions:
        first_of_kind.setdefault(question.kind, question)
    assert set(first_of_kind) == set(KINDS)
    app = new_app(workspace, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuizScreen(app.session, list(first_of_kind.values()), title="every kind"))
        screen = app.screen
        for number in range(len(KINDS)):
            await until(pilot, lambda: screen.phase is Phase.ASKING and screen.index == number)
            await pilot.press(*keys_for(screen.instance))
            await until(pilot, lambda: screen.phase is Phase.ANSWERED)
            assert screen.tally.wrong == 0, screen.question.id
            await pilot.press("n")
        await until(pilot, lambda: screen.phase is Phase.DONE)
        latest = app.session.quiz.latest_attempts()
        assert set(latest) == {question.id for question in first_of_kind.values()}
        assert all(attempt.passed for attempt in latest.values())
