"""The SQLite progress store survives concurrent writers and kills, and never empties a damaged file."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from grader.progress import ProgressError, ProgressStore
from grader.results import CheckResult, ExerciseResult, ExerciseStatus, GradeRun, Reason


def a_run(workspace: Path, score: float = 1.0) -> GradeRun:
    check = CheckResult(name="c", kind="compare", reason=Reason.OK, points=score, max_points=1.0)
    result = ExerciseResult(
        id="softmax",
        title="Softmax",
        topic="output_layer",
        status=ExerciseStatus.PASSED,
        score=score,
        max_score=1.0,
        duration_s=0.01,
        checks=(check,),
        feedback="ok",
    )
    return GradeRun(workspace, (result,), datetime.now(timezone.utc), 0.01)


def test_runs_results_and_hints_round_trip(tmp_path):
    store = ProgressStore.open(tmp_path / ".grade")
    store.record_run(a_run(tmp_path), "grade")
    assert store.latest_results()["softmax"].status == "passed"
    assert store.reveal_next_hint("softmax", 2) == 1
    assert store.reveal_next_hint("softmax", 2) == 2
    assert store.reveal_next_hint("softmax", 2) is None
    store.close()
    reopened = ProgressStore.open(tmp_path / ".grade")
    assert reopened.revealed_hints("softmax") == 2 and reopened.run_count() == 1


def test_the_latest_result_is_the_last_written_whatever_date_a_row_claims(tmp_path):
    store = ProgressStore.open(tmp_path / ".grade")
    store.connection.execute("INSERT INTO runs VALUES (99, '9999-12-31', 0, 'forged', 1, 1)")
    store.connection.execute(
        "INSERT INTO results VALUES (99, 'softmax', 'passed', 1, 1, 1, 1, 0, 'forged', '9999-12-31T00:00:00+00:00')"
    )
    failed = a_run(tmp_path, score=0.0)
    failed = GradeRun(
        failed.workspace,
        (dataclasses.replace(failed.results[0], status=ExerciseStatus.FAILED),),
        failed.started_at,
        failed.duration_s,
    )
    store.record_run(failed, "grade")
    assert store.latest_results()["softmax"].status == "failed"
    assert store.history(limit=1)[0].status == "failed"
    store.close()


def test_a_file_from_a_newer_grade_is_refused_not_changed(tmp_path):
    store = ProgressStore.open(tmp_path / ".grade")
    store.connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    store.close()
    with pytest.raises(ProgressError, match="written by a newer grade"):
        ProgressStore.open(tmp_path / ".grade")
    assert (tmp_path / ".grade" / "progress.sqlite3").exists()


def test_damaged_file_is_kept_aside(tmp_path):
    state = tmp_path / ".grade"
    state.mkdir()
    (state / "progress.sqlite3").write_bytes(b"\x00garbage" * 512)
    with pytest.raises(ProgressError, match="is damaged") as caught:
        ProgressStore.open(state)
    assert "\n" not in str(caught.value)
    kept = list(state.glob("progress.sqlite3.damaged-*"))
    assert kept and kept[0].read_bytes().startswith(b"\x00garbage")
    assert ProgressStore.open(state).run_count() == 0


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tests.engine.test_progress_store import a_run
    from grader.progress import ProgressStore
    store = ProgressStore.open(Path(sys.argv[1]))
    for i in range(int(sys.argv[2])):
        store.record_run(a_run(Path(sys.argv[1])), f"writer {i}")
        print(i, flush=True)
    """
)


def _writer(state: Path, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(state), str(count)],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_writers_at_once_lose_nothing(tmp_path):
    state = tmp_path / ".grade"
    ProgressStore.open(state).close()
    writers = [_writer(state, 40) for _ in range(2)]
    for writer in writers:
        assert writer.wait(timeout=60) == 0
    with sqlite3.connect(state / "progress.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 80
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 80


def test_a_kill_in_the_middle_of_writing_leaves_a_consistent_file(tmp_path):
    state = tmp_path / ".grade"
    ProgressStore.open(state).close()
    writer = _writer(state, 100_000)
    assert writer.stdout is not None
    for _ in range(20):
        writer.stdout.readline()
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    time.sleep(0.05)
    store = ProgressStore.open(state)
    runs = store.run_count()
    results = store.connection.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    assert runs >= 20 and results == runs
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
