"""Review mode (FSRS order from the progress store) and progress kept across a restart."""

from __future__ import annotations

import shutil

from grader.quiz.checking import check_answer, rate_self
from grader.quiz.verdicts import SelfRating, Status
from tui.screens.exercises import ExercisesScreen
from tui.screens.home import HomeScreen
from tui.screens.progress import ProgressScreen
from tui.screens.quiz import Phase, QuizScreen
from tui.screens.review import ReviewScreen

from ..quiz.helpers import correct_raw_answer
from .helpers import FIXTURE_COURSE, flat, new_app, screen_text, until


async def test_review_asks_the_question_that_came_due_first(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # arrays quiz
        await until(pilot, lambda: isinstance(app.screen, QuizScreen))
        screen = app.screen
        await pilot.press("1", "enter")  # wrong: the card comes due again soon
        await until(pilot, lambda: screen.phase is Phase.ANSWERED)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        due = app.session.quiz.load_card("arrays-shape").due
        assert due > clock.now
        assert "review: 0 due" in screen_text(app)
        clock.now = due
        app.screen.refresh_map()
        await pilot.pause()
        assert "review: 1 due" in screen_text(app)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        assert review.question.id == "arrays-shape"
        assert [q.id for q in review.questions][1] == "arrays-axes"  # then new questions, in bank order
        assert "Review · 1 due, 9 new · question 1 of 10" in screen_text(app)
        await pilot.press("2", "enter")
        await until(pilot, lambda: review.phase is Phase.ANSWERED)
        assert app.session.quiz.load_card("arrays-shape").due > clock.now


async def test_review_with_nothing_due_says_when_the_next_question_is(tiny, clock):
    app = new_app(tiny, clock)
    session = app.session
    for question in session.bank.questions:  # everything answered right just now
        instance = session.instance(question)
        raw = correct_raw_answer(instance)
        verdict = check_answer(instance, raw)
        if verdict.status is Status.NEEDS_RATING:
            verdict = rate_self(verdict, SelfRating.HAD_IT)
        session.record_answer(instance, raw, verdict)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await until(pilot, lambda: app.screen.phase is Phase.DONE)
        seen = flat(screen_text(app))
        assert "Nothing is due for review. The next question is due in" in seen


async def test_progress_is_kept_after_quitting_and_starting_again(tiny, clock):
    shutil.copyfile(FIXTURE_COURSE / "solutions" / "doubling.py", tiny.exercise_file("doubling"))
    first = new_app(tiny, clock)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(first.screen, QuizScreen))
        quiz = first.screen
        await pilot.press("2", "enter")  # arrays-shape: right
        await until(pilot, lambda: quiz.phase is Phase.ANSWERED)
        await pilot.press("n", "3", "enter")  # arrays-axes: wrong
        await until(pilot, lambda: quiz.phase is Phase.ANSWERED and quiz.index == 1)
        await pilot.press("escape", "e")
        await until(pilot, lambda: isinstance(first.screen, ExercisesScreen))
        exercises = first.screen
        await pilot.press("enter")
        await until(pilot, lambda: exercises.grading is None and exercises.results)
        await pilot.press("escape", "q")
        await until(pilot, lambda: not first.is_running)

    clock.advance(hours=2)
    second = new_app(tiny, clock)
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = flat(screen_text(second))
        assert "exercises 1/2 passed, 3/5 points · questions 1/10 mastered" in seen
        assert "Arrays and shapes ✔ 1/1 1/4" in seen
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(second.screen, QuizScreen))
        quiz = second.screen
        assert quiz.question.id == "arrays-axes"  # resumes at the first question not yet right
        assert "last answer ✘ wrong" in flat(screen_text(second))
        await pilot.press("escape", "p")
        await until(pilot, lambda: isinstance(second.screen, ProgressScreen))
        await pilot.pause()
        seen = flat(screen_text(second))
        assert "2 h ago quiz arrays-axes ✘ wrong" in seen
        assert "2 h ago quiz arrays-shape ✔ correct" in seen
        assert "exercise doubling ✔ passed 3/3" in seen
