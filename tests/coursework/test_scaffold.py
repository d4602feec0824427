"""`grade course new`: scaffolds that validate as written and pass `grade course check` once the
instructor writes the reference; never overwriting anything."""

from __future__ import annotations

import pytest

from grader.course import course_problems
from grader.coursework.course_check import check_course
from grader.coursework.scaffold import ScaffoldError, new_course, new_exercise, new_question
from grader.coursework.scaffold_templates import QUESTIONS
from grader.quiz.bank import bank_problems
from grader.quiz.models import KINDS

TANH = "import numpy as np\n\n\ndef tanh(x):\n    return np.tanh(x)\n"
LAYER = '''import numpy as np


class Tanh:
    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        return dout * (1 - self.out ** 2)
'''


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "course-of-my-own"
    made = new_course(folder, "My course")
    assert "course/schemas/grade-exercise.schema.json" in made.files
    return folder


def test_an_exercise_scaffold_passes_the_check_once_the_reference_is_written(root):
    new_exercise(root, "tanh")
    new_exercise(root, "tanh_layer", shape="layer", name="Tanh")
    assert course_problems(root) == []
    stub = (root / "exercises" / "tanh.py").read_text()
    assert "# TODO" in stub and "Parameters" in stub and "Returns" in stub
    assert (root / "course" / "misconceptions" / "tanh" / "README.md").is_file()
    unfilled = check_course(root)
    assert sorted(p.file for p in unfilled.problems) == ["solutions/tanh.py", "solutions/tanh_layer.py"]
    assert all("the reference fails its own spec" in p.message for p in unfilled.problems)
    (root / "solutions" / "tanh.py").write_text(TANH)
    (root / "solutions" / "tanh_layer.py").write_text(LAYER)
    report = check_course(root)
    assert report.ok, [p.line() for p in report.problems]
    assert [a.id for a in report.exercises] == ["tanh", "tanh_layer"]


def test_every_question_kind_has_a_template_that_validates_and_checks_out(root):
    assert set(QUESTIONS) == set(KINDS)
    for kind in QUESTIONS:
        new_question(root, f"q-{kind.replace('_', '-')}", kind=kind, bank="week1.toml")
    assert bank_problems(root / "course" / "quizzes") == []
    new_exercise(root, "tanh")
    (root / "solutions" / "tanh.py").write_text(TANH)
    report = check_course(root)
    assert report.ok and report.questions == len(KINDS), [p.line() for p in report.problems]


def test_scaffolds_never_overwrite_and_say_why_in_one_line(root, tmp_path):
    new_exercise(root, "tanh")
    before = (root / "course" / "course.toml").read_text()
    for call, message in [
        (lambda: new_exercise(root, "tanh"), "the course already has an exercise 'tanh'"),
        (lambda: new_exercise(root, "Tanh"), "is not an exercise id"),
        (lambda: new_exercise(root, "relu", topic="cnn"), r"no topic 'cnn' \(topics: basics\)"),
        (lambda: new_exercise(tmp_path / "nowhere", "relu"), "is not a course folder"),
        (lambda: new_question(root, "q-1", kind="essay"), "unknown question kind 'essay'"),
        (lambda: new_course(root, "Again"), "already exists and is not empty"),
    ]:
        with pytest.raises(ScaffoldError, match=message):
            call()
    (root / "solutions" / "relu.py").write_text("# already here\n")
    with pytest.raises(ScaffoldError, match="solutions/relu.py already exists; nothing was written"):
        new_exercise(root, "relu")
    assert not (root / "exercises" / "relu.py").exists()
    assert (root / "course" / "course.toml").read_text() == before
    new_question(root, "q-1", kind="true_false")
    with pytest.raises(ScaffoldError, match="already has a question 'q-1'"):
        new_question(root, "q-1", kind="numeric")


def test_the_exercise_is_added_to_a_multi_line_list_keeping_the_rest(root):
    course_map = root / "course" / "course.toml"
    text = course_map.read_text().replace("exercises = []", 'exercises = [\n    "first",  # a comment kept\n]')
    course_map.write_text(text)
    new_exercise(root, "second")
    updated = course_map.read_text()
    assert '"first",  # a comment kept\n    "second",\n]' in updated
