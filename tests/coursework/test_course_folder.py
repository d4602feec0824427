"""A course is a folder of its own: `grade init --course DIR` makes a workspace graded against it."""

from __future__ import annotations

import io
import json
import shutil

from grader.cli import main
from tests.conftest import SAMPLE_COURSE


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_init_with_a_course_copies_stubs_only_and_names_the_course(tmp_path, monkeypatch):
    course = tmp_path / "my-course"
    shutil.copytree(SAMPLE_COURSE, course)
    code, out, err = run("init", str(tmp_path / "ws"), "--course", str(course))
    assert code == 0, err
    ws = tmp_path / "ws"
    assert (ws / "exercises" / "doubling.py").read_text() == (course / "exercises" / "doubling.py").read_text()
    assert not (ws / "solutions").exists() and not (ws / "course").exists()
    assert str(course) in (ws / "grade.toml").read_text()
    monkeypatch.chdir(ws)
    code, out, _ = run("--format", "json")
    assert code == 1 and [e["id"] for e in json.loads(out)["exercises"]] == ["doubling"]
    shutil.copyfile(course / "solutions" / "doubling.py", ws / "exercises" / "doubling.py")
    code, out, _ = run("--format", "json")
    assert code == 0 and json.loads(out)["exercises"][0]["status"] == "passed"


def test_a_graded_run_refuses_a_course_the_submission_brings(tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    assert run("init", str(ws), "--course", str(SAMPLE_COURSE))[0] == 0
    shutil.copytree(SAMPLE_COURSE, ws / "planted")
    (ws / "grade.toml").write_text('course = "planted"\n')
    code, _, err = run("--workspace", str(ws), "--strict")
    assert code == 2 and "names a course inside the workspace" in err
    code, out, _ = run("--workspace", str(ws), "--strict", "--course", str(SAMPLE_COURSE), "--format", "json")
    assert code == 1 and json.loads(out)["exercises"][0]["id"] == "doubling"


def test_a_broken_settings_file_is_one_line(tmp_path):
    ws = tmp_path / "ws"
    assert run("init", str(ws))[0] == 0
    (ws / "grade.toml").write_text("cours = 3\n")
    code, _, err = run("list", "--workspace", str(ws))
    assert code == 2 and err.count("\n") == 1 and "unknown setting 'cours'" in err
