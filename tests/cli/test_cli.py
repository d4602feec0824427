"""The `grade` command as `docs/cli.md` describes it: subcommands, formats, exit codes."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader.cli import main
from tests.conftest import new_workspace, with_reference


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def ws(course, tmp_path):
    return new_workspace(course, tmp_path / "ws")


@pytest.fixture
def solved(course, ws):
    for exercise_id in course.exercises:
        shutil.copyfile(course.reference_path(exercise_id), ws.exercise_file(exercise_id))
    return ws


def test_fresh_workspace_reports_every_exercise_not_started_and_exits_1(course, ws):
    code, out, err = run("--workspace", str(ws.root), "--format", "json")
    assert code == 1, err
    doc = json.loads(out)
    assert doc["schema_version"] == 1
    assert doc["workspace"] == str(ws.root)
    assert [e["id"] for e in doc["exercises"]] == list(course.exercises)
    assert {e["status"] for e in doc["exercises"]} == {"not_started"}
    assert doc["score"] == 0 and doc["max_score"] == sum(s.points for s in course.exercises.values())


def test_json_report_has_the_documented_fields(solved):
    code, out, _ = run("--workspace", str(solved.root), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= {"schema_version", "workspace", "score", "max_score", "exercises"}
    for exercise in doc["exercises"]:
        assert set(exercise) >= {"id", "status", "score", "max_score", "duration_s", "feedback", "hints", "checks"}
        assert exercise["status"] == "passed"
        for check in exercise["checks"]:
            assert set(check) >= {"name", "status", "message"}
            assert check["status"] in {"passed", "failed", "error", "skipped"}


def test_correct_code_passes_and_exits_0(course, solved):
    code, out, _ = run("--workspace", str(solved.root), "--no-color")
    assert code == 0
    assert f"all {len(course.exercises)} exercises pass" in out


def test_named_exercises_only(solved):
    code, out, _ = run("softmax", "--workspace", str(solved.root), "--format", "json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)["exercises"]] == ["softmax"]


def test_unknown_id_is_a_usage_error_with_a_suggestion(ws):
    code, out, err = run("sofmax", "--workspace", str(ws.root))
    assert code == 2
    assert err.strip() == "grade: unknown exercise 'sofmax' (did you mean softmax?)"


def test_text_report_ends_with_the_next_step(course, ws):
    for earlier in list(course.exercises)[: list(course.exercises).index("softmax")]:
        shutil.copyfile(course.reference_path(earlier), ws.exercise_file(earlier))
    wrong = course.wrong_path("softmax", "no_max_shift").read_text()
    ws.exercise_file("softmax").write_text(with_reference(course, "softmax", wrong))
    code, out, _ = run("--workspace", str(ws.root), "--no-color")
    assert code == 1
    assert "no max subtraction" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("next: softmax, ") and "checks pass. `grade hint softmax` for a hint" in last
    assert "\x1b[" not in out


def test_junit_is_xml_with_a_case_per_check(course, ws):
    code, out, _ = run("--workspace", str(ws.root), "--format", "junit")
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    cases = root.findall(".//testcase")
    assert len(cases) == sum(len(s.checks) for s in course.exercises.values())
    assert int(root.get("failures")) == len(cases)


def test_gradescope_file_has_the_fields_gradescope_reads(solved, tmp_path):
    target = tmp_path / "results.json"
    code, out, _ = run("--workspace", str(solved.root), "--format", "gradescope", "--output", str(target))
    assert code == 0 and out == ""
    doc = json.loads(target.read_text())
    assert {"score", "tests", "output", "execution_time"} <= set(doc)
    assert doc["score"] == sum(t["score"] for t in doc["tests"])
    for test in doc["tests"]:
        assert {"name", "score", "max_score", "status", "output"} <= set(test)
        assert test["status"] in ("passed", "failed")


def test_init_refuses_to_overwrite(tmp_path):
    target = tmp_path / "new"
    assert run("init", str(target))[0] == 0
    assert (target / "exercises" / "softmax.py").is_file()
    assert (target / "data" / "iris.csv").is_file()
    code, _, err = run("init", str(target))
    assert code == 2 and "already exists" in err


def test_list_shows_course_order_and_status(course, ws):
    code, out, _ = run("list", "--workspace", str(ws.root), "--format", "json")
    assert code == 0
    rows = json.loads(out)["exercises"]
    assert [r["id"] for r in rows] == list(course.exercises)
    assert all(r["status"] == "not_graded" for r in rows)
    run("--workspace", str(ws.root))
    rows = json.loads(run("list", "--workspace", str(ws.root), "--format", "json")[1])["exercises"]
    assert all(r["status"] == "not_started" for r in rows)


def test_hints_are_revealed_one_at_a_time_and_recorded(course, ws):
    hints = course.exercise("softmax").hints
    code, out, _ = run("hint", "softmax", "--workspace", str(ws.root))
    assert code == 0
    assert out.splitlines()[0] == f"new hint 1 of {len(hints)} for softmax: {hints[0]}"
    _, out, _ = run("hint", "softmax", "--workspace", str(ws.root))
    assert f"new hint 2 of {len(hints)}" in out and f"hint 1 of {len(hints)}" in out
    for _ in hints:
        _, out, _ = run("hint", "softmax", "--workspace", str(ws.root))
    assert f"all {len(hints)} hints for softmax are shown" in out
    doc = json.loads(run("softmax", "--workspace", str(ws.root), "--format", "json")[1])
    assert doc["exercises"][0]["hints"] == list(hints)


def test_reset_restores_the_stub_and_keeps_a_backup(course, ws):
    ws.exercise_file("softmax").write_text("# my work\n")
    code, out, _ = run("reset", "softmax", "--workspace", str(ws.root))
    assert code == 0
    assert ws.exercise_file("softmax").read_text() == course.stub_path("softmax").read_text()
    backups = list((ws.state_dir / "backups").glob("softmax-*.py"))
    assert len(backups) == 1 and backups[0].read_text() == "# my work\n"


def test_progress_reports_topics(course, solved):
    run("--workspace", str(solved.root))
    code, out, _ = run("progress", "--workspace", str(solved.root), "--format", "json")
    assert code == 0
    topics = {t["id"]: t for t in json.loads(out)["topics"]}
    assert topics["output_layer"]["exercises_passed"] == 1
    assert json.loads(out)["history"]


def test_every_run_is_recorded(course, ws):
    run("--workspace", str(ws.root))
    run("softmax", "--workspace", str(ws.root))
    with sqlite3.connect(ws.state_dir / "progress.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == len(course.exercises) + 1


def test_a_damaged_progress_file_is_moved_aside_not_emptied(ws):
    ws.state_dir.mkdir(exist_ok=True)
    (ws.state_dir / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    code, _, err = run("--workspace", str(ws.root))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "is damaged" in err
    kept = list(ws.state_dir.glob("progress.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")
    assert run("--workspace", str(ws.root))[0] == 1


def test_a_broken_spec_is_one_line_with_file_and_field(tmp_path):
    course_copy = tmp_path / "course_copy"
    shutil.copytree(Path(__file__).parents[1] / "sample_course", course_copy)
    spec = course_copy / "course" / "exercises" / "doubling.toml"
    spec.write_text(spec.read_text().replace('compare = ["y"]\nrepeat = 2', 'compare = ["y"]\nrepeat = 0'))
    code, _, err = run("--course", str(course_copy), "--workspace", str(course_copy))
    assert code == 2
    assert err.strip() == "grade: course/exercises/doubling.toml: checks[0].repeat: Input should be greater than or equal to 1"


def test_not_a_workspace(tmp_path):
    code, _, err = run("--workspace", str(tmp_path))
    assert code == 2 and "is not a grade workspace" in err


def test_watch_regrades_a_saved_file(course, ws):
    import threading
    import time

    out = io.StringIO()
    result = {}

    def watch():
        result["code"] = main(["watch", "softmax", "--workspace", str(ws.root), "--once", "--no-color", "--interval", "0.05"], stdout=out, stderr=io.StringIO())

    thread = threading.Thread(target=watch)
    thread.start()
    time.sleep(0.5)
    shutil.copyfile(course.reference_path("softmax"), ws.exercise_file("softmax"))
    thread.join(timeout=30)
    assert result.get("code") == 0
    assert "softmax changed" in out.getvalue() and "softmax passes" in out.getvalue()


def test_console_script_exit_codes(ws):
    grade = shutil.which("grade") or str(Path(sys.executable).with_name("grade"))
    fresh = subprocess.run([grade, "--format", "json"], cwd=ws.root, capture_output=True, text=True, timeout=60)
    assert fresh.returncode == 1 and json.loads(fresh.stdout)["exercises"]
    bad = subprocess.run([grade, "--format", "yaml"], cwd=ws.root, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "Traceback" not in bad.stderr


def test_watch_json_is_json_lines_with_the_revealed_hints(course, ws):
    import threading
    import time

    assert main(["hint", "softmax", "--workspace", str(ws.root)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    out, err = io.StringIO(), io.StringIO()
    result = {}

    def watch():
        result["code"] = main(["watch", "softmax", "--workspace", str(ws.root), "--once", "--format", "json",
                               "--interval", "0.05"], stdout=out, stderr=err)

    thread = threading.Thread(target=watch)
    thread.start()
    time.sleep(0.5)
    shutil.copyfile(course.reference_path("softmax"), ws.exercise_file("softmax"))
    thread.join(timeout=30)
    assert result.get("code") == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 1, "one JSON document per re-grade, nothing else on stdout"
    document = json.loads(lines[0])
    assert document["schema_version"] == 1 and document["exercises"][0]["id"] == "softmax"
    assert document["exercises"][0]["hints"] == [course.exercise("softmax").hints[0]]
    assert "watching" in err.getvalue()


def test_watch_refuses_a_format_it_cannot_stream(ws):
    code, _, err = run("watch", "--workspace", str(ws.root), "--format", "junit", "--once")
    assert code == 2 and "JSON Lines" in err
