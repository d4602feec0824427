"""Grading an exercise from inside the app, in a fresh workspace of the bundled course."""

from __future__ import annotations

import shutil

from grader.results import ExerciseStatus
from tui.screens.exercises import ExercisesScreen
from tui.screens.home import HomeScreen

from .helpers import flat, new_app, screen_text, until


async def open_exercises(pilot, exercise_id: str = "softmax") -> ExercisesScreen:
    """From the course map, open the exercises at `exercise_id` (by way of its topic's row)."""
    home = pilot.app.screen
    topic = pilot.app.session.course.exercise(exercise_id).topic
    row = [row.progress.id for row in home.rows].index(topic)
    await pilot.press("ctrl+home", *["down"] * row, "e")
    await until(pilot, lambda: isinstance(pilot.app.screen, ExercisesScreen))
    screen = pilot.app.screen
    while screen.highlighted.spec.id != exercise_id:
        await pilot.press("down")
    return screen


async def grade_highlighted(pilot, screen: ExercisesScreen) -> str:
    await pilot.press("enter")
    await until(pilot, lambda: screen.grading is None and screen.results)
    await pilot.pause()
    return flat(screen_text(pilot.app))


async def test_grading_the_stub_says_not_started(workspace, clock):
    app = new_app(workspace, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        assert screen.highlighted.spec.id == "softmax"
        assert "softmax output_layer · not graded" in flat(screen_text(app))
        seen = await grade_highlighted(pilot, screen)
        assert "softmax: ○ not started 0/10" in seen
        assert "still raises NotImplementedError" in seen
        assert app.session.store.latest_results()["softmax"].status == ExerciseStatus.NOT_STARTED.value


async def test_grading_the_reference_says_passed_and_the_map_shows_it(workspace, clock, course):
    shutil.copyfile(course.reference_path("softmax"), workspace.exercise_file("softmax"))
    app = new_app(workspace, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        seen = await grade_highlighted(pilot, screen)
        checks = len(course.exercise("softmax").checks)
        assert "softmax: ✔ passed 10/10" in seen
        assert f"✔ {checks} of {checks} checks pass" in seen
        assert "Exercises · 1 of" in seen
        assert app.session.store.latest_results()["softmax"].status == ExerciseStatus.PASSED.value
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        assert "Output layer: softmax ✔ 1/1" in flat(screen_text(app))


async def test_the_app_stays_responsive_while_the_grader_runs(workspace, clock):
    stub = workspace.exercise_file("softmax")
    stub.write_text("import time\ntime.sleep(1.5)  # a slow import keeps the grader busy\n" + stub.read_text())
    app = new_app(workspace, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        await pilot.press("enter")
        assert screen.grading == "softmax"
        following = screen.rows[[row.spec.id for row in screen.rows].index("softmax") + 1].spec.id
        await pilot.press("down", "h")
        assert screen.grading == "softmax", "the grader should still be busy"
        assert screen.highlighted.spec.id == following
        seen = flat(screen_text(app))
        assert "softmax output_layer … grading" in seen and "hint 1 of" in seen
        await until(pilot, lambda: screen.grading is None)
        await pilot.pause()
        assert screen.highlighted.spec.id == following
        assert "softmax: ○ not started" in flat(screen_text(app))


async def test_hints_are_revealed_one_at_a_time_and_remembered(workspace, clock, course):
    hints = course.exercise("softmax").hints
    app = new_app(workspace, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercises(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert f"hint 1 of {len(hints)}: {' '.join(hints[0].split())}" in flat(screen_text(app))
        assert app.session.hints_shown("softmax") == (hints[0],)
        await pilot.press(*["h"] * len(hints))
        await pilot.pause()
        assert app.session.hints_shown("softmax") == tuple(hints)
        assert "every hint of softmax is already shown" in flat(screen_text(app))


async def test_a_failure_inside_the_grader_is_reported_not_hidden(workspace, clock, monkeypatch):
    from grader.checks.base import GraderBug

    def broken(workspace, course, exercise_id):
        raise GraderBug("the comparison went wrong")

    monkeypatch.setattr("tui.screens.exercises.grade_and_record", broken)
    app = new_app(workspace, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: screen.grading is None)
        await pilot.pause()
        seen = flat(screen_text(app))
        assert "! grading softmax failed inside the grader: GraderBug: the comparison went wrong" in seen
        assert "softmax" not in app.session.store.latest_results()
        assert app.is_running
