"""Where a protection is missing, `grade` still grades, says which one is off, and a graded run refuses.

Each mechanism is turned off in turn (as a machine without it would have it): a correct
submission still passes, the child's report names the mechanism as off, a graded run raises
`SandboxRefused` before grading, and the command line says so in one line.
"""

from __future__ import annotations

import io
import shutil

import pytest

from grader.cli import main
from grader.engine import GradingOptions, grade
from grader.results import ExerciseStatus
from grader.sandbox.identity import is_root
from grader.sandbox.policy import Mechanism, SandboxPolicy, State
from grader.sandbox.session import SandboxRefused
from tests.security.battery import FIXTURE_COURSE
from tests.conftest import new_workspace
from grader.course import load_course


@pytest.fixture(scope="module")
def course():
    return load_course(FIXTURE_COURSE)


@pytest.fixture
def solved(course, tmp_path):
    workspace = new_workspace(course, tmp_path / "ws")
    for exercise_id in course.exercises:
        shutil.copyfile(course.reference_path(exercise_id), workspace.exercise_file(exercise_id))
    return workspace


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), stdout=out, stderr=err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("mechanism", list(Mechanism), ids=str)
def test_without_one_mechanism_grading_still_works_and_says_which_is_off(course, solved, mechanism):
    policy = SandboxPolicy(frozenset({mechanism}))
    run = grade(course, solved, options=GradingOptions(policy=policy))
    assert all(r.status is ExerciseStatus.PASSED for r in run.results)
    state = run.sandbox.protections.of(mechanism)
    if mechanism is Mechanism.USER and not is_root():
        assert state.state is State.NOT_NEEDED
    else:
        assert state.state is State.OFF and state.detail == "turned off"
        assert run.sandbox.protections.missing == (state,)


@pytest.mark.parametrize("mechanism", [m for m in Mechanism if m is not Mechanism.USER or is_root()], ids=str)
def test_a_graded_run_refuses_when_a_mechanism_is_off(course, solved, mechanism):
    policy = SandboxPolicy(frozenset({mechanism}))
    with pytest.raises(SandboxRefused, match="these are off"):
        grade(course, solved, options=GradingOptions(policy=policy, strict=True))


def test_with_everything_on_a_graded_run_grades_and_says_so(course, solved):
    code, out, err = _run("--strict", "--course", str(FIXTURE_COURSE), "--workspace", str(solved.root), "--no-color")
    assert code == 0, err
    assert "graded mode: every protection on (Landlock filesystem view" in " ".join(out.split())


def test_strict_refuses_on_the_command_line_in_one_line(solved, monkeypatch):
    monkeypatch.setenv("GRADE_SANDBOX_DISABLE", "seccomp")
    code, out, err = _run("--strict", "--course", str(FIXTURE_COURSE), "--workspace", str(solved.root))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "seccomp filter (turned off)" in err and "refusing to grade" in err


def test_self_study_grades_and_notes_the_missing_protection_in_one_line(solved, monkeypatch):
    monkeypatch.setenv("GRADE_SANDBOX_DISABLE", "landlock")
    monkeypatch.setattr("grader.sandbox.identity.is_root", lambda: False)  # self-study: not root, no --strict
    code, out, err = _run("--course", str(FIXTURE_COURSE), "--workspace", str(solved.root))
    assert code == 0
    assert err.strip().splitlines() == [
        "grade: note: sandbox protections off here: Landlock filesystem view (turned off) (self-study only; see docs/security.md)"
    ]
