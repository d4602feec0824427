"""Helpers for the app's tests: a frozen clock, waiting on conditions, the screen as text."""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from grader.quiz.review import make_scheduler
from grader.workspace import Workspace
from tui.app import GradeApp, make_app

FIXTURE_COURSE = Path(__file__).parent / "fixture_course"
"""A small course of our own (two exercises, one question of every kind), so that snapshots do
not change whenever the bundled course grows."""

START = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
"""The frozen time every test app starts at."""


class FrozenClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def tiny_workspace(folder: Path) -> Workspace:
    """A workspace that carries the fixture course as its own (stubs in `exercises/`)."""
    shutil.copytree(FIXTURE_COURSE, folder, ignore=shutil.ignore_patterns("__pycache__", ".grade"))
    (folder / "exercises" / "__init__.py").write_text("")
    return Workspace(folder)


def new_app(workspace: Workspace, clock: FrozenClock, *, no_color: bool = False) -> GradeApp:
    """The app as `grade quiz` makes it, with a frozen clock, no FSRS fuzzing, no cursor blink."""
    own_course = workspace.root if (workspace.root / "course" / "course.toml").is_file() else None  # a tiny workspace
    return make_app(
        workspace, clock=clock, scheduler=make_scheduler(fuzzing=False), cursor_blink=False, no_color=no_color,
        course_root=own_course,
    )


async def until(pilot: Pilot, condition: Callable[[], bool], *, timeout: float = 60.0) -> None:
    """Let the app run until `condition()` holds (workers finish, messages arrive); fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await pilot.pause(0.02)


def screen_text(app: App) -> str:
    """What a person sees on the terminal now, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system=None,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def flat(text: str) -> str:
    """Text with its line wrapping and the feedback panel's left edge undone (to look up
    sentences that wrap on screen)."""
    return " ".join(text.replace("▊", " ").split())
