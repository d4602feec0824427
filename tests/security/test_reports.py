"""One exercise can never cost the others their report, and no text from student code breaks one.

The zygote killed in the middle of a run, escape sequences and control characters in what the
code prints and raises, a lone surrogate in an exception message: `grade` still writes a
complete report in every format, JUnit stays valid against the Jenkins schema, the terminal
sees the escapes spelled out, and the progress store records the run.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xmlschema

from grader.cli import main
from grader.course import load_course
from tests.conftest import new_workspace
from tests.security.battery import FIXTURE_COURSE, SUBMISSIONS, children_of

SCHEMA = Path(__file__).parent / "data" / "junit-10.xsd"


@pytest.fixture(scope="module")
def course():
    return load_course(FIXTURE_COURSE)


@pytest.fixture
def ws(course, tmp_path):
    workspace = new_workspace(course, tmp_path / "ws")
    shutil.copyfile(course.reference_path("halving"), workspace.exercise_file("halving"))
    return workspace


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def _grade_command() -> list[str]:
    found = shutil.which("grade") or str(Path(sys.executable).with_name("grade"))
    return [found]


def test_a_zygote_killed_mid_run_is_restarted_and_every_exercise_is_reported(ws):
    slow_once = "import time\n\nslept = []\n\ndef double(x):\n    if not slept:\n        time.sleep(0.4)\n        slept.append(1)\n    return 2 * x\n"
    ws.exercise_file("doubling").write_text(slow_once)
    process = subprocess.Popen(
        [*_grade_command(), "--course", str(FIXTURE_COURSE), "--workspace", str(ws.root), "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    killed = None
    deadline = time.monotonic() + 20
    while killed is None and time.monotonic() < deadline:
        for pid in children_of(process.pid):
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes() if Path(f"/proc/{pid}/cmdline").exists() else b""
            if b"grader.sandbox.zygote" in cmdline and children_of(pid):  # it has a child at work
                os.kill(pid, signal.SIGKILL)
                killed = pid
                break
        time.sleep(0.02)
    out, err = process.communicate(timeout=60)
    assert killed is not None, "the zygote was never seen at work"
    assert process.returncode == 0, err
    document = json.loads(out)
    assert [(e["id"], e["status"]) for e in document["exercises"]] == [("doubling", "passed"), ("halving", "passed")]


def _escaping_submission() -> str:
    return (SUBMISSIONS / "escape_sequences.py").read_text()


def test_escape_sequences_from_student_code_are_shown_escaped_on_the_terminal(ws):
    ws.exercise_file("doubling").write_text(_escaping_submission())
    code, out, _ = _run("doubling", "--course", str(FIXTURE_COURSE), "--workspace", str(ws.root), "--no-color")
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\x00" not in out
    assert "\\x1b[31mred" in out and "\\x1b[2J" in out


def test_junit_stays_valid_against_the_jenkins_schema_whatever_the_code_printed(ws, tmp_path):
    ws.exercise_file("doubling").write_text(_escaping_submission())
    report = tmp_path / "report.xml"
    code, _, err = _run("--course", str(FIXTURE_COURSE), "--workspace", str(ws.root), "--format", "junit", "--output", str(report))
    assert code == 1, err
    xmlschema.XMLSchema(SCHEMA).validate(report)
    text = report.read_text()
    assert "\\x1b[31mred" in text


def test_junit_of_a_passing_and_a_not_started_course_is_valid_too(course, tmp_path):
    workspace = new_workspace(course, tmp_path / "fresh")
    report = tmp_path / "fresh.xml"
    _run("--course", str(FIXTURE_COURSE), "--workspace", str(workspace.root), "--format", "junit", "--output", str(report))
    xmlschema.XMLSchema(SCHEMA).validate(report)


def test_a_lone_surrogate_in_a_message_is_reported_and_the_run_recorded(ws):
    ws.exercise_file("doubling").write_text((SUBMISSIONS / "lone_surrogate_message.py").read_text())
    for fmt in ("text", "json", "junit", "gradescope"):
        code, out, err = _run("--course", str(FIXTURE_COURSE), "--workspace", str(ws.root), "--format", fmt)
        assert code == 1 and err == "", (fmt, err)
        out.encode("utf-8")  # every report is valid UTF-8
    with sqlite3.connect(ws.state_dir / "progress.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 4


def test_the_report_is_printed_even_when_the_progress_store_cannot_be_written(ws, monkeypatch):
    def broken(self, run, command):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("grader.progress.ProgressStore.record_run", broken)
    code, out, err = _run("--course", str(FIXTURE_COURSE), "--workspace", str(ws.root), "--format", "json")
    assert code == 2
    assert [e["id"] for e in json.loads(out)["exercises"]] == ["doubling", "halving"]
    assert len(err.strip().splitlines()) == 1 and "were not recorded" in err


def test_a_course_planted_in_the_workspace_is_not_adopted(tmp_path):
    bundled = load_course()
    workspace = new_workspace(bundled, tmp_path / "ws")
    shutil.copytree(FIXTURE_COURSE / "course", workspace.root / "course")
    shutil.copytree(FIXTURE_COURSE / "solutions", workspace.root / "solutions")
    code, out, _ = _run("--workspace", str(workspace.root), "--format", "json")
    assert code == 1
    assert [e["id"] for e in json.loads(out)["exercises"]] == list(bundled.exercises)
