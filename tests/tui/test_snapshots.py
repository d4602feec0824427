"""Snapshots of the main screens at 80x24 (pytest-textual-snapshot), on the fixture course with
a frozen clock and no cursor blink. `pytest tests/tui --snapshot-update` rewrites them after a
deliberate change; look at the report before accepting one."""

from __future__ import annotations

from tui.screens.exercises import ExercisesScreen
from tui.screens.help import HelpScreen
from tui.screens.progress import ProgressScreen
from tui.screens.quiz import Phase, QuizScreen

from .helpers import new_app, until

# Every snapshot waits on conditions (workers done, screens shown), never on fixed sleeps.


def test_home_screen(snap_compare, tiny, clock):
    assert snap_compare(new_app(tiny, clock), terminal_size=(80, 24))


def test_quiz_screen_with_code_options(snap_compare, tiny, clock):
    async def choose_the_code_question(pilot):
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, QuizScreen))
        await pilot.press("n", "n", "ctrl+n")
        await until(pilot, lambda: pilot.app.screen.question.id == "arrays-code")
        await pilot.press("1")

    assert snap_compare(new_app(tiny, clock), run_before=choose_the_code_question, terminal_size=(80, 24))


async def _answer_wrong(pilot) -> None:
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, QuizScreen))
    await pilot.press("1", "enter")
    await until(pilot, lambda: pilot.app.screen.phase is Phase.ANSWERED)


def test_quiz_feedback_after_a_wrong_answer(snap_compare, tiny, clock):
    assert snap_compare(new_app(tiny, clock), run_before=_answer_wrong, terminal_size=(80, 24))


def test_quiz_feedback_without_colour(snap_compare, tiny, clock):
    assert snap_compare(new_app(tiny, clock, no_color=True), run_before=_answer_wrong, terminal_size=(80, 24))


def test_exercise_screen_with_a_hint(snap_compare, tiny, clock):
    async def open_exercises(pilot):
        await pilot.press("e")
        await until(pilot, lambda: isinstance(pilot.app.screen, ExercisesScreen))
        await pilot.press("h")

    assert snap_compare(new_app(tiny, clock), run_before=open_exercises, terminal_size=(80, 24))


def test_progress_screen(snap_compare, tiny, clock):
    async def answer_then_open_progress(pilot):
        await _answer_wrong(pilot)
        await pilot.press("n", "1", "2", "enter")
        await until(pilot, lambda: pilot.app.screen.phase is Phase.ANSWERED and pilot.app.screen.index == 1)
        clock.advance(minutes=5)
        await pilot.press("escape", "p")
        await until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen))

    assert snap_compare(new_app(tiny, clock), run_before=answer_then_open_progress, terminal_size=(80, 24))


def test_help_overlay_on_a_quiz(snap_compare, tiny, clock):
    async def open_help(pilot):
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, QuizScreen))
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))

    assert snap_compare(new_app(tiny, clock), run_before=open_help, terminal_size=(80, 24))
