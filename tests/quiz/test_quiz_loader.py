"""Loading the bank: a broken spec file is one clear line naming the file, the field and the reason."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from grader.quiz.bank import QuizSpecError, load_bank

GOOD = '''
title = "Sample"

[[questions]]
id = "s-1"
kind = "single_choice"
topic = "cnn"
section = "test"
prompt = "Pick one."
explanation = "Because."
[[questions.options]]
text = "right"
correct = true
[[questions.options]]
text = "wrong"
feedback = "Why it is wrong."
'''


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(folder: Path) -> str:
    with pytest.raises(QuizSpecError) as caught:
        load_bank(folder)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_good_file_loads(tmp_path):
    write(tmp_path / "quizzes", "a.toml", GOOD)
    bank = load_bank(tmp_path / "quizzes")
    assert bank.ids == ("s-1",)


def test_missing_feedback_names_file_question_and_field(tmp_path):
    write(tmp_path / "q", "day9.toml", GOOD.replace('feedback = "Why it is wrong."\n', ""))
    message = error_for(tmp_path / "q")
    assert message.startswith("q/day9.toml: questions[0]: ") and "(question s-1)" in message
    assert "option 2 is wrong and needs feedback" in message


def test_a_typo_in_a_field_name_is_reported_with_its_path(tmp_path):
    write(tmp_path / "q", "a.toml", GOOD.replace("feedback =", "feedbak ="))
    message = error_for(tmp_path / "q")
    assert message.startswith("q/a.toml: questions[0].options[1].feedbak: unknown key, did you mean `feedback`? (question s-1)")


def test_a_wrong_type_is_reported_with_its_path(tmp_path):
    write(tmp_path / "q", "a.toml", GOOD.replace('correct = true', 'correct = "yes please"'))
    assert error_for(tmp_path / "q").startswith("q/a.toml: questions[0].options[0].correct: Input should be a valid boolean")


def test_unknown_kind_and_badly_spelled_topic(tmp_path):
    write(tmp_path / "q", "a.toml", GOOD.replace('kind = "single_choice"', 'kind = "essay"'))
    assert error_for(tmp_path / "q").startswith("q/a.toml: questions[0]: ")
    write(tmp_path / "r", "a.toml", GOOD.replace('topic = "cnn"', 'topic = "Conv Nets"'))
    assert error_for(tmp_path / "r").startswith("r/a.toml: questions[0].topic: String should match pattern")


def test_topics_must_exist_in_the_course_map(tmp_path):
    write(tmp_path, "course.toml", '[[topics]]\nid = "activations"\n[[topics]]\nid = "cnn"\n')
    write(tmp_path / "quizzes", "a.toml", GOOD)
    assert load_bank(tmp_path / "quizzes").topic_order == ("activations", "cnn")
    write(tmp_path / "quizzes", "a.toml", GOOD.replace('topic = "cnn"', 'topic = "cooking"'))
    assert error_for(tmp_path / "quizzes") == (
        "quizzes/a.toml: questions[0].topic: unknown topic 'cooking' (course.toml has activations, cnn) (question s-1)"
    )


def test_toml_syntax_error_names_the_file_and_line(tmp_path):
    write(tmp_path / "q", "broken.toml", GOOD + "\nthis is = = not toml\n")
    message = error_for(tmp_path / "q")
    assert message.startswith("q/broken.toml: not valid TOML (") and "line" in message


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path / "q", "a.toml", GOOD)
    write(tmp_path / "q", "b.toml", GOOD)
    assert error_for(tmp_path / "q") == "q/b.toml: questions[0].id: duplicate id 's-1', also in q/a.toml"


def test_missing_figure_module(tmp_path):
    write(tmp_path / "quizzes", "a.toml", GOOD.replace(
        'explanation = "Because."', 'explanation = "Because."\nfigure = { name = "nope", alt = "A figure." }'))
    assert error_for(tmp_path / "quizzes") == "quizzes/a.toml: questions[0].figure.name: no figure module figures/nope.py (question s-1)"


def test_bad_answer_formats_in_specs_are_caught(tmp_path):
    numeric = GOOD.replace('kind = "single_choice"', 'kind = "numeric"\nanswer = "seven"').split("[[questions.options]]")[0]
    write(tmp_path / "q", "a.toml", numeric)
    assert "'seven' is not a number" in error_for(tmp_path / "q")
    symbolic = GOOD.replace('kind = "single_choice"', 'kind = "symbolic"\nvariables = ["x"]\nanswer = "2t"').split("[[questions.options]]")[0]
    write(tmp_path / "r", "a.toml", symbolic)
    assert "unknown name 't'" in error_for(tmp_path / "r")


def test_unsatisfiable_parameter_constraints(tmp_path):
    spec = GOOD.replace('kind = "single_choice"', 'kind = "parameterised_numeric"\nformula = "H"\nconstraints = ["H > 5"]\nparameters = [{ name = "H", min = 1, max = 3 }]').split("[[questions.options]]")[0]
    write(tmp_path / "q", "a.toml", spec)
    assert "no parameter values meet the constraints" in error_for(tmp_path / "q")


def test_empty_or_missing_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert "no *.toml question files" in error_for(tmp_path / "empty")
    assert "no such quiz folder" in error_for(tmp_path / "missing")


def test_the_bundled_bank_copied_elsewhere_still_loads(tmp_path, quiz_dir):
    shutil.copytree(quiz_dir, tmp_path / "course" / "quizzes")
    shutil.copytree(quiz_dir.parent / "figures", tmp_path / "course" / "figures")
    shutil.copy(quiz_dir.parent / "course.toml", tmp_path / "course" / "course.toml")
    assert len(load_bank(tmp_path / "course" / "quizzes").questions) >= 45
