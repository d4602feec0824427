"""A broken spec is reported as one line naming the file, the field path and the reason."""

from __future__ import annotations

import shutil

import pytest

from grader.course import CourseError, load_course
from tests.conftest import SAMPLE_COURSE

BROKEN = {
    "unknown check kind": (
        'kind = "compare"\nname = "small arrays"',
        'kind = "comprae"\nname = "small arrays"',
        "checks[0]: unknown check kind 'comprae' (the kinds are compare, expect, raises, unchanged, gradient, hypothesis, accuracy, imports)",
    ),
    "misspelt field": ("compare = [\"y\"]\nrepeat = 2", "compare = [\"y\"]\nrepet = 2", "checks[0].repet: unknown key, did you mean `repeat`?"),
    "step that is not Python": (
        'steps = ["y = double(x)"]\ncompare = ["y"]\nrepeat',
        'steps = ["y = double(x"]\ncompare = ["y"]\nrepeat',
        "checks[0]: step 1 `y = double(x`: not valid Python ('(' was never closed)",
    ),
    "step with an unknown name": (
        'steps = ["y = double(x)"]\ncompare = ["y"]\nrepeat',
        'steps = ["y = double(q)"]\ncompare = ["y"]\nrepeat',
        "checks[0]: step 1 `y = double(q)`: `q` is neither an input nor a value bound by an earlier step",
    ),
    "unknown input kind": (
        "cases = [{ x = { normal = [3] } }",
        "cases = [{ x = { gaussian = [3] } }",
        "checks[0].cases[0].x: an input is a scalar or a table with one of the keys",
    ),
    "expression outside the whitelist": (
        "cases = [{ x = { normal = [3] } }",
        'cases = [{ x = { expr = "__import__(1)" } }',
        "checks[0].cases[0].x.expr: unknown function `__import__`",
    ),
    "points that do not add up": ("points = 4", "points = 5", "(top level): points is 5 but the checks add up to 4"),
    "compared value never recorded": (
        'compare = ["y"]\nrepeat = 2',
        'compare = ["z"]\nrepeat = 2',
        "checks[0]: compared value `z` is not an input or a value bound by the steps",
    ),
    "invalid TOML": ("points = 4", "points = = 4", "not valid TOML (Invalid value (at line 7, column 10))"),
    "wrong limit": ("time_s = 1.5", "time_s = -1", "limits.time_s: Input should be greater than 0"),
    "misspelt field named like its check kind": (
        'compare = ["y"]\nrepeat = 2',
        'compar = ["y"]\nrepeat = 2',
        "checks[0].compar: unknown key, did you mean `compare`?",
    ),
    "missing check kind": ('kind = "compare"\nname = "small arrays"', 'name = "small arrays"', "checks[0]: a check needs a `kind`, one of compare, expect"),
    "loop with no rounds": (
        'steps = ["y = double(x)"]\ncompare = ["y"]\nrepeat',
        'steps = [{ repeat = 0, steps = ["y = double(x)"] }]\ncompare = ["y"]\nrepeat',
        "checks[0].steps[0].repeat: Input should be greater than or equal to 1",
    ),
    "unknown step table": (
        'steps = ["y = double(x)"]\ncompare = ["y"]\nrepeat',
        'steps = [{ repaet = 2, steps = ["y = double(x)"] }]\ncompare = ["y"]\nrepeat',
        "checks[0].steps[0]: a step table has a `repeat`, `numgrad` or `timed` key; this one has `repaet`, `steps`, did you mean `repeat`?",
    ),
    "unknown name inside a loop": (
        'steps = ["y = double(x)"]\ncompare = ["y"]\nrepeat',
        'steps = [{ repeat = 2, steps = ["y = double(q)"] }]\ncompare = ["y"]\nrepeat',
        "checks[0]: step 1.1 `y = double(q)`: `q` is neither an input nor a value bound by an earlier step",
    ),
    "misspelt key of a step table": (
        'steps = ["y = double(x)"]\ncompare = ["y"]\nrepeat',
        'steps = [{ repeat = 2, step = ["y = double(x)"] }]\ncompare = ["y"]\nrepeat',
        "checks[0].steps[0].step: unknown key, did you mean `steps`?",
    ),
    "literal list as an input": (
        "cases = [{ x = { normal = [3] } }",
        "cases = [{ x = [1.0, 2.0] }",
        "checks[0].cases[0].x: an input is a scalar or a table with one of the keys array",
    ),
    "misspelt key of an input": (
        "cases = [{ x = { normal = [3] } }",
        "cases = [{ x = { normal = [3], scael = 2.0 } }",
        "checks[0].cases[0].x.scael: unknown key, did you mean `scale`?",
    ),
    "expression in an assertion": (
        'kind = "unchanged"\nname = "input left unchanged"\npoints = 1\nsteps = ["y = double(x)"]\ninputs = ["x"]',
        'kind = "expect"\nname = "input left unchanged"\npoints = 1\nsteps = ["y = double(x)"]\n'
        'expect = [{ that = "y.sum() > 0", message = "{m}", show = { m = "open(y)" } }]',
        "checks[1].expect[0].show.m: unknown function `open`",
    ),
}


@pytest.mark.parametrize("label", sorted(BROKEN))
def test_broken_spec_gives_file_field_and_reason(tmp_path, label):
    old, new, expected = BROKEN[label]
    course = tmp_path / "course_copy"
    shutil.copytree(SAMPLE_COURSE, course)
    spec = course / "course" / "exercises" / "doubling.toml"
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new, 1))
    with pytest.raises(CourseError) as caught:
        load_course(course)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("course/exercises/doubling.toml: ")
    assert expected in message


def test_missing_reference_and_unknown_topic_are_reported(tmp_path):
    course = tmp_path / "course_copy"
    shutil.copytree(SAMPLE_COURSE, course)
    (course / "solutions" / "doubling.py").unlink()
    with pytest.raises(CourseError, match=r"the reference solutions/doubling.py is missing"):
        load_course(course)
    shutil.copyfile(SAMPLE_COURSE / "solutions" / "doubling.py", course / "solutions" / "doubling.py")
    spec = course / "course" / "exercises" / "doubling.toml"
    spec.write_text(spec.read_text().replace('topic = "basics"', 'topic = "advanced"'))
    with pytest.raises(CourseError, match=r"topic: unknown topic 'advanced'"):
        load_course(course)


def test_a_misconception_without_its_file_is_reported(tmp_path):
    course = tmp_path / "course_copy"
    shutil.copytree(SAMPLE_COURSE, course)
    (course / "course" / "misconceptions" / "doubling" / "adds_one.py").unlink()
    with pytest.raises(CourseError, match=r"course/exercises/doubling.toml: misconceptions\[0\].id: no implementation file course/misconceptions/doubling/adds_one.py"):
        load_course(course)


def test_course_problems_lists_every_problem_of_every_file(tmp_path):
    """`load_course` stops at the first problem; `course_problems` (for `grade course check`) lists them all."""
    from grader.course import course_problems

    course = tmp_path / "course_copy"
    shutil.copytree(SAMPLE_COURSE, course)
    spec = course / "course" / "exercises" / "doubling.toml"
    spec.write_text(spec.read_text().replace("repeat = 2", "repet = 2").replace("time_s = 1.5", "time_s = -1"))
    (course / "solutions" / "doubling.py").unlink()
    lines = course_problems(course)
    assert lines == [
        "course/exercises/doubling.toml: checks[0].repet: unknown key, did you mean `repeat`?",
        "course/exercises/doubling.toml: limits.time_s: Input should be greater than 0",
    ]
    spec.write_text(spec.read_text().replace("repet = 2", "repeat = 2").replace("time_s = -1", "time_s = 1.5"))
    assert course_problems(course) == ["course/exercises/doubling.toml: the reference solutions/doubling.py is missing"]
    shutil.copyfile(SAMPLE_COURSE / "solutions" / "doubling.py", course / "solutions" / "doubling.py")
    assert course_problems(course) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('name = "input left unchanged"', 'name = "small arrays"', "check names must be unique; 'small arrays' is used twice"),
        ('id = "adds_one"', 'id = "adds_one"\nmessage = "the same id a second time"\n[[misconceptions]]\nid = "adds_one"',
         "misconception and variant ids must be unique; 'adds_one' is used twice"),
    ],
    ids=["check name", "misconception id"],
)
def test_a_duplicate_is_named(tmp_path, old, new, expected):
    course = tmp_path / "course_copy"
    shutil.copytree(SAMPLE_COURSE, course)
    spec = course / "course" / "exercises" / "doubling.toml"
    assert old in spec.read_text()
    spec.write_text(spec.read_text().replace(old, new, 1))
    with pytest.raises(CourseError) as caught:
        load_course(course)
    assert expected in str(caught.value)
