"""Fixtures for the app's tests: a workspace on the fixture course, a frozen clock, no NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.paths import bundled_course_root
from grader.quiz.bank import QuestionBank, load_bank
from grader.workspace import Workspace

from .helpers import FrozenClock, tiny_workspace


@pytest.fixture(autouse=True)
def _colour_as_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests decide about colour themselves: a NO_COLOR in the caller's environment would change
    every snapshot."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def tiny(tmp_path: Path) -> Workspace:
    """A fresh workspace on the fixture course, in a folder named `ws`."""
    return tiny_workspace(tmp_path / "ws")


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    """The bundled question bank."""
    return load_bank(bundled_course_root() / "course" / "quizzes")
