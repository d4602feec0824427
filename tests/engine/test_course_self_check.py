"""The shipped course checks itself, as rustlings does: every reference passes, every stub is
not started, every declared misconception is rejected with its own message, every variant passes."""

from __future__ import annotations

import ast
import shutil

import pytest

from grader.course import load_course
from grader.engine import grade_exercise
from grader.results import ExerciseStatus
from tests.conftest import new_workspace, with_reference

COURSE = load_course()
EXERCISES = list(COURSE.exercises)
MISCONCEPTIONS = [(e, m.id) for e in EXERCISES for m in COURSE.exercise(e).misconceptions]
VARIANTS = [(e, v.id) for e in EXERCISES for v in COURSE.exercise(e).variants]


@pytest.fixture
def solved(course, tmp_path):
    """A workspace with every reference copied in (siblings import each other)."""
    ws = new_workspace(course, tmp_path / "solved")
    for exercise_id in course.exercises:
        shutil.copyfile(course.reference_path(exercise_id), ws.exercise_file(exercise_id))
    return ws


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_passes_every_check(course, solved, exercise_id):
    result = grade_exercise(course, exercise_id, solved)
    failures = [c.message for c in result.checks if not c.passed]
    assert result.status is ExerciseStatus.PASSED, failures
    assert result.score == result.max_score


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_untouched_stub_is_not_started(course, workspace, exercise_id):
    result = grade_exercise(course, exercise_id, workspace)
    assert result.status is ExerciseStatus.NOT_STARTED
    assert result.score == 0
    assert "NotImplementedError" in result.feedback


@pytest.mark.parametrize(("exercise_id", "misconception_id"), MISCONCEPTIONS)
def test_declared_misconception_is_rejected_with_its_message(course, solved, exercise_id, misconception_id):
    wrong = course.wrong_path(exercise_id, misconception_id).read_text()
    solved.exercise_file(exercise_id).write_text(with_reference(course, exercise_id, wrong))
    result = grade_exercise(course, exercise_id, solved)
    message = next(m.message for m in course.exercise(exercise_id).misconceptions if m.id == misconception_id)
    assert result.status is not ExerciseStatus.PASSED
    matched = [c for c in result.checks if c.misconception == misconception_id]
    assert matched, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    assert matched[0].hint == message


@pytest.mark.parametrize(("exercise_id", "variant_id"), VARIANTS)
def test_accepted_variant_passes(course, solved, exercise_id, variant_id):
    variant = course.variant_path(exercise_id, variant_id).read_text()
    solved.exercise_file(exercise_id).write_text(with_reference(course, exercise_id, variant))
    result = grade_exercise(course, exercise_id, solved)
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_stub_and_reference_define_the_names_the_spec_calls(course, exercise_id):
    spec = course.exercise(exercise_id)
    for path in (course.stub_path(exercise_id), course.reference_path(exercise_id)):
        tree = ast.parse(path.read_text())
        defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        missing = {n.name for n in spec.names} - defined
        assert not missing, f"{path.name} lacks {missing}"
    assert all(len(hint) > 20 for hint in spec.hints)
    assert len(spec.hints) >= 3
    assert spec.section and spec.summary


def test_exercise_ids_follow_the_course_order(course):
    assert list(course.exercises) == course.spec.exercises
    assert len(set(course.exercises)) == len(course.exercises)
