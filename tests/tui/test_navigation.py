"""Moving between the app's screens with the keyboard; help; quitting only from the course map."""

from __future__ import annotations

from tui.screens.exercises import ExercisesScreen
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.progress import ProgressScreen
from tui.screens.quiz import QuizScreen
from tui.screens.review import ReviewScreen

from .helpers import flat, new_app, screen_text, until


async def test_every_screen_is_reached_from_the_map_and_escape_comes_back(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        for key, screen_type in [("enter", QuizScreen), ("a", QuizScreen), ("r", ReviewScreen),
                                 ("e", ExercisesScreen), ("p", ProgressScreen)]:
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, screen_type))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.is_running


async def test_the_topic_quiz_asks_that_topic_only(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, QuizScreen))
        assert {question.topic for question in app.screen.questions} == {"calculus"}
        assert "Quiz · Derivatives and the chain rule · question 1 of 3" in screen_text(app)


async def test_exercises_open_at_the_highlighted_topic(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "e")
        await until(pilot, lambda: isinstance(app.screen, ExercisesScreen))
        await pilot.pause()
        assert app.screen.highlighted.spec.id == "halving"


async def test_q_quits_from_the_map_but_not_from_a_quiz(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuizScreen))
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, QuizScreen)
        await pilot.press("escape", "q")
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0


async def test_help_lists_the_keys_that_work_here_and_the_answer_formats(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        home_keys = dict(app.screen.keys)
        assert home_keys["a"] == "all" and home_keys["q"] == "quit" and home_keys["⏎"] == "quiz"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, QuizScreen))
        await pilot.press("f1")  # the answer box has the focus: F1 works while typing
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        quiz_keys = dict(app.screen.keys)
        assert quiz_keys["^n"] == "skip" and quiz_keys["esc"] == "back"
        assert "1-9" not in quiz_keys  # a typed question: the number keys type
        seen = flat(screen_text(app))
        assert "Help · quiz" in seen and "matching item number and letter: 1b,2a,3c" in seen
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, QuizScreen))
        await pilot.press("escape", "ctrl+home", "enter")
        await until(pilot, lambda: isinstance(app.screen, QuizScreen))
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        choice_keys = dict(app.screen.keys)
        assert choice_keys["1-9"] == "choose" and choice_keys["⏎"] == "submit" and choice_keys["n"] == "skip"


async def test_the_map_fits_80_by_24_and_says_everything_in_words_and_symbols(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
        seen = "\n".join(lines)
        for title in ("Arrays and shapes", "Derivatives and the chain rule", "Training in practice"):
            assert title in seen
        assert "doubling · not graded" in seen
        assert "q quit" in seen and "? help" in seen
