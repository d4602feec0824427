"""The shipped course checks itself, as rustlings does: every reference passes, every stub is
not started, every declared misconception is rejected with its own message, every variant passes,
and `lint_course` finds no orphan or missing file, no duplicate id and no stub without a TODO."""

from __future__ import annotations

import ast
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from grader.course import load_course
from grader.course_lint import CourseProblem, Kind, lint_course
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


def test_an_overlay_runs_the_change_after_the_reference_in_one_namespace(course):
    reference = course.reference("numerical_gradient")
    tiny_h = course.misconception("numerical_gradient", "tiny_h")  # the file only sets H = 1e-50

    def square(v: np.ndarray) -> float:
        return float(np.sum(v**2))

    assert tiny_h.H == 1e-50 and reference.H == 1e-4
    assert np.all(tiny_h.numerical_gradient(square, np.array([1.0, 2.0])) == 0.0)  # the reference's loop, the new H
    assert np.allclose(reference.numerical_gradient(square, np.array([1.0, 2.0])), [2.0, 4.0])


def test_a_misconception_class_subclasses_a_fresh_copy_of_the_reference_class(course):
    wrong = course.misconception("dropout", "test_scaled_by_ratio").Dropout
    reference = course.reference("dropout").Dropout
    parent = wrong.__mro__[1]
    assert parent.__name__ == "Dropout" and parent is not reference and wrong is not reference
    assert np.array_equal(wrong(0.3).forward(np.ones(4), train_flg=False), np.full(4, 0.3))
    assert np.array_equal(reference(0.3).forward(np.ones(4), train_flg=False), np.full(4, 0.7))


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


# `lint_course`: the cross-file checks, on the shipped course and on copies with a planted fault -----


def lint_messages(kind: Kind) -> list[str]:
    return [str(problem) for problem in lint_course(COURSE.root) if problem.kind is kind]


def test_every_stub_has_a_todo_where_the_student_writes_code():
    assert lint_messages(Kind.NO_TODO) == []


def test_every_course_file_is_named_by_a_spec_and_every_named_file_exists():
    assert lint_messages(Kind.ORPHAN) + lint_messages(Kind.MISSING) == []


def test_ids_and_check_names_are_unique():
    assert lint_messages(Kind.DUPLICATE) == []


def test_the_shipped_course_lints_clean():
    assert [str(problem) for problem in lint_course(COURSE.root)] == []


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A copy of the shipped course (its `course/`, stubs and references) to plant faults in."""
    for folder in ("course", "exercises", "solutions"):
        shutil.copytree(COURSE.root / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + "\n" + text)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


PLANTED: dict[str, tuple[Callable[[Path], None], Kind, str, str]] = {
    # name: (how to plant it, the kind reported, in which file, a word of the message)
    "orphan misconception": (
        lambda root: (root / "course/misconceptions/softmax/forgot_exp.py").write_text("def softmax(x):\n    return x\n"),
        Kind.ORPHAN, "course/misconceptions/softmax/forgot_exp.py", "softmax.toml",
    ),
    "orphan variant": (
        lambda root: (root / "course/variants/dropout/halved.py").write_text(""),
        Kind.ORPHAN, "course/variants/dropout/halved.py", "dropout.toml",
    ),
    "orphan exercise folder": (
        lambda root: (root / "course/misconceptions/retired").mkdir(),
        Kind.ORPHAN, "course/misconceptions/retired", "exercise",
    ),
    "orphan figure": (
        lambda root: (root / "course/figures/unused_plot.py").write_text("def draw(fig):\n    pass\n"),
        Kind.ORPHAN, "course/figures/unused_plot.py", "figure",
    ),
    "orphan exercise spec": (
        lambda root: shutil.copyfile(root / "course/exercises/softmax.toml", root / "course/exercises/softmax_old.toml"),
        Kind.ORPHAN, "course/exercises/softmax_old.toml", "course.toml",
    ),
    "missing misconception": (
        lambda root: (root / "course/misconceptions/softmax/no_max_shift.py").unlink(),
        Kind.MISSING, "course/misconceptions/softmax/no_max_shift.py", "no_max_shift",
    ),
    "missing figure": (
        lambda root: (root / "course/figures/conv_padding.py").unlink(),
        Kind.MISSING, "course/quizzes/day2.toml", "conv_padding",
    ),
    "duplicate exercise id": (
        lambda root: replace(root / "course/course.toml", '    "softmax",\n', '    "softmax",\n    "softmax",\n'),
        Kind.DUPLICATE, "course/course.toml", "'softmax'",
    ),
    "duplicate misconception id": (
        lambda root: append(root / "course/exercises/softmax.toml", '[[misconceptions]]\nid = "no_max_shift"\nmessage = "planted twice"\n'),
        Kind.DUPLICATE, "course/exercises/softmax.toml", "'no_max_shift'",
    ),
    "duplicate variant id": (
        lambda root: append(root / "course/exercises/dropout.toml", '[[variants]]\nid = "inverted"\ndescription = "planted twice"\n'),
        Kind.DUPLICATE, "course/exercises/dropout.toml", "'inverted'",
    ),
    "duplicate check name": (
        lambda root: append(root / "course/exercises/softmax.toml", '[[checks]]\nname = "worked example from the notes"\n'),
        Kind.DUPLICATE, "course/exercises/softmax.toml", "'worked example from the notes'",
    ),
    "duplicate question id across banks": (
        lambda root: append(root / "course/quizzes/foundations.toml", '[[questions]]\nid = "day1-p10"\n'),
        Kind.DUPLICATE, "course/quizzes/foundations.toml", "day1.toml",
    ),
    "stub without TODO": (
        lambda root: replace(root / "exercises/softmax.py", "    # TODO: exponentiate the (shifted) scores and divide by their sum per sample.\n", ""),
        Kind.NO_TODO, "exercises/softmax.py", "softmax raises NotImplementedError",
    ),
}


def test_the_copy_lints_clean_before_anything_is_planted(course_copy):
    assert lint_course(course_copy) == []


@pytest.mark.parametrize("fault", PLANTED)
def test_lint_reports_a_planted_fault(course_copy, fault):
    plant, kind, file, word = PLANTED[fault]
    plant(course_copy)
    problems = lint_course(course_copy)
    reported = [p for p in problems if p.kind is kind and p.file == file and word in p.message]
    assert reported, [str(p) for p in problems]
    assert all(isinstance(p, CourseProblem) for p in problems)
