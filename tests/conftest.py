"""Shared fixtures: the bundled course, the sample course, fresh workspaces, and grading helpers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grader.course import Course, combined_source, load_course
from grader.engine import grade_exercise
from grader.results import ExerciseResult
from grader.workspace import Workspace, init_workspace

TESTS = Path(__file__).parent
SAMPLE_COURSE = TESTS / "sample_course"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Caches `grade` keeps in the user's cache folder go to a folder of the test run's own."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def course() -> Course:
    return load_course()


@pytest.fixture(scope="session")
def sample_course() -> Course:
    return load_course(SAMPLE_COURSE)


def new_workspace(course: Course, folder: Path) -> Workspace:
    return init_workspace(folder, course)


@pytest.fixture
def workspace(course: Course, tmp_path: Path) -> Workspace:
    return new_workspace(course, tmp_path / "ws")


@pytest.fixture
def sample_workspace(sample_course: Course, tmp_path: Path) -> Workspace:
    return new_workspace(sample_course, tmp_path / "sample")


def submit(workspace: Workspace, exercise_id: str, source: str) -> None:
    """Write `source` as the student's file for `exercise_id`."""
    workspace.exercise_file(exercise_id).write_text(textwrap.dedent(source))


def reference_source(course: Course, exercise_id: str) -> str:
    return course.reference_path(exercise_id).read_text()


def with_reference(course: Course, exercise_id: str, source: str) -> str:
    """A student's file that is the reference changed by `source` (a misconception's or variant's text).

    `source` runs after the reference's text, so it can redefine a function or subclass a class
    of the reference (`class Dropout(Dropout):`), as the grader's own overlay does.
    """
    return combined_source(reference_source(course, exercise_id), textwrap.dedent(source))


def grade_source(course: Course, workspace: Workspace, exercise_id: str, source: str) -> ExerciseResult:
    submit(workspace, exercise_id, source)
    return grade_exercise(course, exercise_id, workspace)
