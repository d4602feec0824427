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


BANK = '''
title = "Basics quiz"

[[questions]]
id = "basics-1"
kind = "true_false"
topic = "basics"
section = "§1"
prompt = "Doubling an array multiplies every element by two."
answer = true
explanation = "That is what doubling means."
feedback = "Each element is multiplied by two, so the statement is true."
'''


def test_grade_and_list_report_a_broken_bank_instead_of_ignoring_it(tmp_path):
    course = tmp_path / "my-course"
    shutil.copytree(SAMPLE_COURSE, course)
    bank = course / "course" / "quizzes" / "basics.toml"
    bank.parent.mkdir()
    bank.write_text(BANK)
    ws = tmp_path / "ws"
    assert run("init", str(ws), "--course", str(course))[0] == 0
    assert run("list", "--workspace", str(ws))[0] == 0
    assert run("--workspace", str(ws))[0] == 1  # the stub is not started: graded, not refused
    bank.write_text(BANK.replace("answer = true", "answr = true").replace("feedback = ", "# feedback = "))
    for argv in (("--workspace", str(ws)), ("list", "--workspace", str(ws))):
        code, out, err = run(*argv)
        assert code == 2 and out == ""
        assert err == (
            "grade: the quiz bank does not load: course/quizzes/basics.toml: questions[0].answr: unknown key,"
            " did you mean `answer`? (question basics-1) (and 1 more; `grade course check` lists them all)\n"
        )
