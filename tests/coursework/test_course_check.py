"""`grade course check`: every problem of a course at once, each a line naming its file; the mutation score."""

from __future__ import annotations

import io
import json
import shutil
import textwrap

import pytest

from grader.cli import main
from grader.coursework.course_check import check_course
from grader.paths import bundled_course_root
from tests.conftest import SAMPLE_COURSE

BANK = textwrap.dedent('''
    title = "Sample questions"

    [[questions]]
    id = "double-of-three"
    kind = "numeric"
    topic = "basics"
    section = "§1"
    prompt = "What does double(3) return?"
    answer = "6"
    explanation = "Doubling three gives six."
    [[questions.wrong_answers]]
    answer = "4"
    feedback = "That adds one to three."
''')


@pytest.fixture
def sample(tmp_path):
    root = tmp_path / "course-copy"
    shutil.copytree(SAMPLE_COURSE, root)
    (root / "course" / "quizzes").mkdir()
    (root / "course" / "quizzes" / "basics.toml").write_text(BANK)
    return root


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out, stderr=io.StringIO()), out.getvalue()


def test_a_sound_course_passes_with_its_mutation_score(sample):
    report = check_course(sample)
    assert report.ok, [p.line() for p in report.problems]
    assert report.questions == 1
    (audit,) = report.exercises
    assert audit.id == "doubling" and audit.score == 1.0
    code, out = run("course", "check", str(sample), "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["ok"] and document["exercises"][0]["mutation_score"] == 1.0


def test_a_misconception_that_is_actually_correct_is_named_with_its_file(sample):
    misconception = sample / "course" / "misconceptions" / "doubling" / "adds_one.py"
    misconception.write_text('"""Not wrong at all."""\n')
    code, out = run("course", "check", str(sample), "--no-color")
    assert code == 1
    assert "course/misconceptions/doubling/adds_one.py: this misconception passes every check" in out
    assert check_course(sample).exercises[0].score == 0.0


def test_a_declared_wrong_answer_that_is_right_is_reported_with_its_bank(sample):
    bank = sample / "course" / "quizzes" / "basics.toml"
    bank.write_text(BANK.replace('answer = "4"', 'answer = "6.0"'))
    code, out = run("course", "check", str(sample), "--no-color")
    assert code == 1
    assert "course/quizzes/basics.toml: double-of-three: the declared wrong answer '6.0' is accepted as right" in out


def test_a_reference_that_fails_and_a_stub_that_passes_are_reported_together(sample):
    reference = sample / "solutions" / "doubling.py"
    stub = sample / "exercises" / "doubling.py"
    good = reference.read_text()
    reference.write_text(good.replace("return 2 * x", "raise ValueError('a bug in the reference')"))
    stub.write_text(good + "\n# TODO nothing left to do\n")
    lines = [p.line() for p in check_course(sample).problems]
    assert any(line.startswith("solutions/doubling.py: the reference fails its own spec") for line in lines), lines
    assert any(line.startswith("exercises/doubling.py: the untouched stub is") for line in lines), lines


def test_an_invalid_spec_is_one_line_with_file_and_field(sample):
    spec = sample / "course" / "exercises" / "doubling.toml"
    spec.write_text(spec.read_text().replace("[[checks]]", "[[checks]]\ncompar = 1", 1))
    code, out = run("course", "check", str(sample), "--no-color")
    assert code == 1 and "course/exercises/doubling.toml: checks[0].compar" in out


def test_a_folder_that_is_no_course_is_a_usage_error(tmp_path):
    code, _ = run("course", "check", str(tmp_path))
    assert code == 2


def test_the_shipped_course_holds_every_check():
    report = check_course(bundled_course_root())
    assert report.ok, [p.line() for p in report.problems]
    assert all(audit.score == 1.0 for audit in report.exercises if audit.score is not None)
    assert report.questions >= 70
