"""The application layer every client calls: grading with hints attached, records, hints, watching."""

from __future__ import annotations

import shutil
import time

import pytest

from grader.coursework.grading import Watcher, grade_and_record, grade_with_hints, open_store, record_run
from grader.coursework.hints import reveal_next_hint, revealed_hints
from grader.coursework.locate import UnknownExercise, exercise_ids, locate
from grader.results import ExerciseStatus


def test_grade_with_hints_attaches_only_the_revealed_ones(course, workspace):
    store = open_store(workspace)
    try:
        reveal_next_hint(store, course, "softmax")
    finally:
        store.close()
    graded = grade_with_hints(course, workspace, ["softmax", "losses"])
    hints = course.exercise("softmax").hints
    assert graded.run.revealed_hints == {"softmax": (hints[0],), "losses": ()}
    assert graded.hint_counts["softmax"].shown == 1 and graded.hint_counts["softmax"].total == len(hints)
    assert graded.problem is None


def test_a_damaged_store_costs_the_hints_not_the_run(course, workspace):
    workspace.state_dir.mkdir(exist_ok=True)
    (workspace.state_dir / "progress.sqlite3").write_bytes(b"not a database at all" * 100)
    graded = grade_with_hints(course, workspace, ["softmax"])
    assert graded.run.results[0].status is ExerciseStatus.NOT_STARTED
    assert graded.problem is not None and graded.run.revealed_hints == {"softmax": ()}


def test_record_run_stores_the_verdict_and_reports_failure_as_a_reason(course, workspace, tmp_path):
    shutil.copyfile(course.reference_path("softmax"), workspace.exercise_file("softmax"))
    graded = grade_with_hints(course, workspace, ["softmax"])
    assert record_run(graded.run, workspace, "grade softmax") is None
    store = open_store(workspace)
    try:
        assert store.latest_results()["softmax"].status == ExerciseStatus.PASSED.value
    finally:
        store.close()
    (workspace.state_dir / "progress.sqlite3").unlink()
    workspace.state_dir.rmdir()
    workspace.state_dir.write_text("a file where the folder should be")
    assert record_run(graded.run, workspace, "grade softmax") is not None


def test_grade_and_record_is_what_the_app_uses(course, workspace):
    result = grade_and_record(workspace, course, "softmax")
    store = open_store(workspace)
    try:
        assert store.latest_results()["softmax"].status == result.status.value
    finally:
        store.close()


def test_hints_are_revealed_one_at_a_time_and_stop_at_the_last(course, workspace):
    store = open_store(workspace)
    try:
        total = len(course.exercise("softmax").hints)
        reveals = [reveal_next_hint(store, course, "softmax") for _ in range(total + 1)]
        assert [r.new for r in reveals] == [*range(1, total + 1), None]
        assert reveals[0].more and not reveals[-1].more
        assert revealed_hints(store, course, "softmax") == tuple(course.exercise("softmax").hints)
    finally:
        store.close()


def test_locate_names_the_bundled_course_and_checks_ids(course, workspace):
    found, located = locate(workspace.root, None)
    assert found.root == workspace.root and list(located.exercises) == list(course.exercises)
    assert exercise_ids(["softmax", "losses", "softmax"], located) == ["softmax", "losses"]
    with pytest.raises(UnknownExercise, match="did you mean softmax"):
        exercise_ids(["softmx"], located)


def test_watcher_reports_the_files_that_changed(course, workspace):
    watcher = Watcher(workspace, ["softmax", "losses"], interval=0.01)
    assert watcher.changed() == []
    time.sleep(0.01)
    shutil.copyfile(course.reference_path("losses"), workspace.exercise_file("losses"))
    assert next(watcher.changes()) == ["losses"]
