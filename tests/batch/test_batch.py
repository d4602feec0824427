"""`grade batch`: a class graded in warm workers gives each student what `grade` alone gives them."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from grader.batch.export import read_jsonl
from grader.batch.stats import class_stats, figure_data
from grader.batch.submissions import find_submissions
from grader.cli import main
from grader.course import load_course
from grader.engine import grade
from grader.workspace import Workspace
from tests.conftest import SAMPLE_COURSE

from .conftest import make_class

REPOSITORY = Path(__file__).resolve().parents[2]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def alone(course, student_file: bytes, folder: Path) -> tuple[str, float]:
    """What `grade` gives this one file on its own: status and score."""
    (folder / "exercises").mkdir(parents=True)
    (folder / "exercises" / "doubling.py").write_bytes(student_file)
    result = grade(course, Workspace(folder)).results[0]
    return result.status.value, result.score


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def test_the_csv_gives_each_student_what_grade_gives_them_alone(a_class, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = tree(tmp_path / "class")
    code, out, err = run("batch", "class", "--course", str(SAMPLE_COURSE), "--jobs", "2")
    assert code == 0, err
    assert tree(tmp_path / "class") == before  # nothing written into the submissions
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["submission"] for r in rows] == [s.name for s in a_class]
    assert list(rows[0])[:3] == ["submission", "total", "max_score"] and "doubling" in rows[0]
    course = load_course(SAMPLE_COURSE)
    submissions = {s.name: s for s in find_submissions([tmp_path / "class"], course.exercises)}
    for student, row in zip(a_class, rows, strict=True):
        status, score = alone(course, submissions[student.name].files["doubling"], tmp_path / "alone" / student.name)
        assert (row["doubling status"], float(row["doubling"])) == (status, score), student
        assert (status == "passed") == (student.kind == "right"), student
    assert "grade batch: 40 submissions, 40 graded now, 0 from .grade-batch" in err


def test_a_bad_submission_is_an_error_row_and_the_batch_goes_on(tmp_path, monkeypatch):
    make_class(tmp_path / "class", size=3)
    (tmp_path / "class" / "broken.zip").write_bytes(b"this is not a zip")
    (tmp_path / "class" / "empty").mkdir()
    (tmp_path / "class" / "empty" / "notes.txt").write_text("no code here")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("batch", "class", "--course", str(SAMPLE_COURSE), "--format", "jsonl")
    assert code == 1
    documents = {d["workspace"]: d for d in map(json.loads, out.splitlines())}
    assert set(documents) == {"s00", "s01", "s02", "broken", "empty"}
    assert "cannot be read (File is not a zip file)" in documents["broken"]["error"]
    assert "holds no exercise file" in documents["empty"]["error"]
    assert documents["s00"]["exercises"][0]["status"] == "passed"


def test_a_rerun_grades_only_what_changed(tmp_path, monkeypatch):
    students = make_class(tmp_path / "class", size=6)
    monkeypatch.chdir(tmp_path)
    assert run("batch", "class", "--course", str(SAMPLE_COURSE))[0] == 0  # every submission graded
    changed = students[0].path / "exercises" / "doubling.py"
    changed.write_text("def double(x):\n    return x * 2.0\n")
    code, out, err = run("batch", "class", "--course", str(SAMPLE_COURSE))
    assert "6 submissions, 1 graded now, 5 from .grade-batch" in err
    assert list(csv.DictReader(io.StringIO(out)))[0]["doubling status"] == "passed"


def test_identical_submissions_are_graded_once_and_reported_each(tmp_path, monkeypatch):
    for name in ("ann", "bob"):
        (tmp_path / "class" / name).mkdir(parents=True)
        (tmp_path / "class" / name / "doubling.py").write_text("def double(x):\n    return 2 * x\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("batch", "class", "--course", str(SAMPLE_COURSE), "--format", "jsonl")
    assert code == 0 and "2 submissions, 1 graded now" in err
    assert [d["workspace"] for d in map(json.loads, out.splitlines())] == ["ann", "bob"]


def test_a_batch_killed_midway_resumes_with_only_the_unfinished(tmp_path):
    make_class(tmp_path / "class")
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    log = tmp_path / ".grade-batch" / "results.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "grader.cli", "batch", "class", "--course", str(SAMPLE_COURSE), "--jobs", "1"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not log.exists() or len(log.read_text().splitlines()) < 5):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = len({json.loads(line)["key"] for line in log.read_text().splitlines() if line.endswith("}")})
    assert 5 <= finished < 40
    code, out, err = run("batch", str(tmp_path / "class"), "--course", str(SAMPLE_COURSE), "--state", str(log.parent))
    assert f"40 submissions, {40 - finished} graded now, {finished} from" in err
    assert len(list(csv.DictReader(io.StringIO(out)))) == 40
    keys = [json.loads(line)["key"] for line in log.read_text().splitlines() if line.endswith("}")]
    assert len(keys) == len(set(keys)) == 40  # nothing graded twice


def test_the_statistics_count_what_was_diagnosed(a_class, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("batch", "class", "--course", str(SAMPLE_COURSE), "--format", "jsonl", "--output", "marks.jsonl",
                         "--stats", "--figure", "class.png")
    assert code == 0
    rows = read_jsonl(tmp_path / "marks.jsonl")
    diagnosed = sum(any(c["misconception"] == "adds_one" for c in r.document["exercises"][0]["checks"]) for r in rows)
    assert diagnosed == sum(s.kind == "adds_one" for s in a_class) > 0
    stats = class_stats(rows)
    assert stats.misconceptions == (("doubling", "adds_one", diagnosed),)
    passed = sum(s.kind == "right" for s in a_class)
    labels, rates, held, counts = figure_data(stats)
    assert labels == ["doubling"] and rates == [passed / 40] and counts == [diagnosed]
    assert (tmp_path / "class.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"{diagnosed} " in err and "adds_one" in err
    code, out, _ = run("stats", str(tmp_path / "marks.jsonl"))
    assert code == 0 and "class statistics · 40 submissions, 0 could not be graded" in out
    code, _, err = run("stats", str(tmp_path / "class.png"))
    assert code == 2 and err.count("\n") == 1


def test_dir_output_writes_a_report_per_submission(tmp_path, monkeypatch):
    make_class(tmp_path / "class", size=3)
    monkeypatch.chdir(tmp_path)
    code, _, err = run("batch", "class", "--course", str(SAMPLE_COURSE), "--format", "dir", "--output", "reports")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["s00.json", "s01.json", "s02.json"]
    assert json.loads((tmp_path / "reports" / "s01.json").read_text())["workspace"] == "s01"


def test_a_zip_is_read_in_memory_and_its_shallowest_file_wins(tmp_path):
    path = tmp_path / "ann.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("deep/down/exercises/doubling.py", "deep = True\n")
        archive.writestr("ann/doubling.py", "shallow = True\n")
        archive.writestr("__MACOSX/doubling.py", "junk\n")
    (submission,) = find_submissions([path], ["doubling"])
    assert submission.files == {"doubling": b"shallow = True\n"} and submission.name == "ann"


def test_quartiles_describe_the_spread_of_scores():
    from grader.batch.stats import ExerciseStats

    assert ExerciseStats("e", 5, 1, (0.0, 1.0, 2.0, 3.0, 4.0), 4.0).quartiles == (1.0, 2.0, 3.0)
    assert ExerciseStats("e", 1, 1, (4.0,), 4.0).quartiles == (4.0, 4.0, 4.0)


def test_an_untouched_stub_counts_as_not_started_not_as_failed_checks(a_class, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("batch", "class", "--course", str(SAMPLE_COURSE), "--format", "jsonl", "--output", "marks.jsonl")[0] == 0
    stats = class_stats(read_jsonl(tmp_path / "marks.jsonl"))
    untouched = sum(s.kind == "not_started" for s in a_class)
    (exercise,) = stats.exercises
    assert exercise.not_started == untouched > 0
    started = 40 - untouched
    assert {c.graded for c in stats.checks} == {started}
