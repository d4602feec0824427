"""Make the README's screenshots of `grade quiz` with the app's own screenshot function.

    python docs/make_screenshots.py

Drives the app headless with Pilot at 80x24 on a fresh workspace of the bundled course (made in a
temporary folder and thrown away): grades `softmax` with the reference solution copied in and
`losses` as the untouched stub, answers two questions, then saves the course map as
`docs/home-screen.svg`; goes on with the softmax topic, picks a typical wrong implementation and
saves the feedback as `docs/quiz-screen.svg`. The clock is frozen so that the pictures only change when the
app or the course does.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from grader.course import load_course
from grader.quiz.review import make_scheduler
from grader.workspace import init_workspace
from tui.app import GradeApp, make_app
from tui.screens.exercises import ExercisesScreen
from tui.screens.home import HomeScreen
from tui.screens.quiz import Phase, QuizScreen

DOCS = Path(__file__).resolve().parent
SIZE = (80, 24)
FROZEN = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Let the app run until `condition()` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await pilot.pause(0.05)


async def row_of(pilot: Pilot, title: str) -> None:
    """Move the course map's cursor to the topic called `title`."""
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    titles = [row.progress.title for row in home.rows]
    await pilot.press("ctrl+home", *["down"] * titles.index(title))


async def grade(pilot: Pilot, app: GradeApp, exercise_id: str) -> None:
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, ExercisesScreen))
    screen = app.screen
    assert isinstance(screen, ExercisesScreen)
    await pilot.press("ctrl+home", *["down"] * screen.query_one("#exercises").exercise_ids.index(exercise_id))
    await pilot.press("enter")
    await until(pilot, lambda: screen.grading is None and exercise_id in screen.results)
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def answer(pilot: Pilot, app: GradeApp, topic: str, *keys: str) -> QuizScreen:
    await row_of(pilot, topic)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, QuizScreen))
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    await pilot.press(*keys)
    await until(pilot, lambda: screen.phase is Phase.ANSWERED)
    return screen


async def take_screenshots(app: GradeApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await grade(pilot, app, "softmax")
        await grade(pilot, app, "losses")
        await answer(pilot, app, "Output layer: softmax", *"1a,2b,3c", "enter")
        await pilot.press("escape")
        await answer(pilot, app, "Vanishing gradients: initialisation and batch norm", "2", "enter")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await row_of(pilot, "Output layer: softmax")
        await pilot.pause()
        app.save_screenshot("home-screen.svg", path=str(DOCS))
        await answer(pilot, app, "Output layer: softmax", "3", "enter")
        await pilot.pause()
        app.save_screenshot("quiz-screen.svg", path=str(DOCS))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        course = load_course()
        workspace = init_workspace(Path(folder) / "dl-course", course)
        shutil.copyfile(course.reference_path("softmax"), workspace.exercise_file("softmax"))
        app = make_app(workspace, clock=lambda: FROZEN, scheduler=make_scheduler(fuzzing=False), cursor_blink=False)
        asyncio.run(take_screenshots(app))
    for name in ("home-screen.svg", "quiz-screen.svg"):
        print(f"wrote {DOCS / name}")


if __name__ == "__main__":
    main()
