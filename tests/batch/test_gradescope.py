"""Gradescope end to end: the bundle's setup.sh and run_autograder in a simulated /autograder tree,
results.json's fields, hidden checks, and the Iris leaderboard."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader.cli import main
from grader.coursework.course_wheel import without_hidden_checks
from grader.course import load_course
from grader.engine import GradingOptions, grade
from grader.report.gradescope import to_document
from grader.workspace import Workspace
from tests.conftest import SAMPLE_COURSE

HIDDEN = '''
[[checks]]
kind = "compare"
name = "large arrays (hidden)"
points = 1
visibility = "hidden"
steps = ["y = double(x)"]
compare = ["y"]
cases = [{ x = { normal = [50] } }]
'''


@pytest.fixture
def course_with_a_hidden_check(tmp_path) -> Path:
    root = tmp_path / "doubling-course"
    shutil.copytree(SAMPLE_COURSE, root)
    spec = root / "course" / "exercises" / "doubling.toml"
    spec.write_text(spec.read_text().replace("points = 4", "points = 5") + HIDDEN)
    return root


def workspace_with(folder: Path, text: str, exercise_id: str = "doubling") -> Workspace:
    (folder / "exercises").mkdir(parents=True)
    (folder / "exercises" / f"{exercise_id}.py").write_text(text)
    return Workspace(folder)


def test_a_students_own_run_neither_runs_nor_shows_hidden_checks(course_with_a_hidden_check, tmp_path):
    course = load_course(course_with_a_hidden_check)
    ws = workspace_with(tmp_path / "ws", "def double(x):\n    return 2 * x\n")
    own = grade(course, ws).results[0]
    assert [c.name for c in own.checks] == ["small arrays", "input left unchanged", "any array"]
    assert own.max_score == 4
    graded = grade(course, ws, options=GradingOptions(hidden_checks=True)).results[0]
    assert graded.checks[-1].name == "large arrays (hidden)" and graded.checks[-1].visibility == "hidden"
    assert graded.max_score == graded.score == 5


def test_a_packaged_course_leaves_hidden_checks_out_and_adjusts_the_points(course_with_a_hidden_check):
    text = (course_with_a_hidden_check / "course" / "exercises" / "doubling.toml").read_text()
    stripped, removed = without_hidden_checks(text)
    assert removed == 1 and "hidden" not in stripped and "points = 4\n" in stripped
    assert stripped.count("[[checks]]") == 3 and "[[misconceptions]]" in stripped


def test_the_bundle_runs_in_a_simulated_autograder_tree(course_with_a_hidden_check, tmp_path):
    bundle = tmp_path / "autograder.zip"
    out, err = io.StringIO(), io.StringIO()
    assert main(["gradescope", "build", "--course", str(course_with_a_hidden_check), "-o", str(bundle)], stdout=out, stderr=err) == 0
    tree = tmp_path / "autograder"
    source = tree / "source"
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        modes = {i.filename: i.external_attr >> 16 for i in archive.infolist()}
        archive.extractall(source)
    assert {"setup.sh", "run_autograder", "requirements.txt"} <= names
    assert modes["setup.sh"] & stat.S_IXUSR and modes["run_autograder"] & stat.S_IXUSR
    requirements = (source / "requirements.txt").read_text().split()
    assert requirements and all("==" in r for r in requirements) and any(r.startswith("numpy==") for r in requirements)
    assert sorted(p.name.split("-")[0] for p in (source / "wheels").iterdir()) == ["grade", "grade_course_doubling_course"]

    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(GRADE_PYTHON=sys.executable, GRADE_SKIP_REQUIREMENTS="1", GRADE_PIP_TARGET=str(site))
    setup = subprocess.run(["bash", str(source / "setup.sh")], env=env, capture_output=True, text=True, timeout=300)
    assert setup.returncode == 0, setup.stderr
    assert (site / "grader" / "cli.py").is_file() and (site / "grade_course_doubling_course" / "course" / "course.toml").is_file()

    submission = tree / "submission" / "my-repo" / "exercises"
    submission.mkdir(parents=True)
    (submission / "doubling.py").write_text("def double(x):\n    return x + 1\n")
    env.update(PYTHONPATH=str(site), AUTOGRADER_ROOT=str(tree))
    ran = subprocess.run(["bash", str(source / "run_autograder")], env=env, capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, ran.stderr
    results = json.loads((tree / "results" / "results.json").read_text())
    assert results["output_format"] == "md" and results["extra_data"]["exercises"] == {"doubling": "failed"}
    tests = {t["number"]: t for t in results["tests"]}
    assert list(tests) == ["1.1", "1.2", "1.3", "1.4"]
    assert tests["1.4"]["visibility"] == "hidden" and tests["1.4"]["status"] == "failed"
    assert tests["1.1"]["extra_data"]["misconception"] == "adds_one"
    assert "**Hint:** doubling means multiplying by two, not adding one" in tests["1.1"]["output"]
    expected = grade(load_course(course_with_a_hidden_check), workspace_with(tmp_path / "alone", "def double(x):\n    return x + 1\n"),
                     options=GradingOptions(hidden_checks=True))
    assert results["score"] == expected.score == sum(t["score"] for t in results["tests"])

    shutil.rmtree(tree / "submission")
    (tree / "submission").mkdir()
    (tree / "submission" / "notes.txt").write_text("I forgot my code")
    ran = subprocess.run(["bash", str(source / "run_autograder")], env=env, capture_output=True, text=True, timeout=300)
    results = json.loads((tree / "results" / "results.json").read_text())
    assert ran.returncode == 1 and results["score"] == 0.0 and "No exercise file was found" in results["output"]


def test_the_iris_accuracy_goes_on_the_leaderboard(course, tmp_path):
    ws = workspace_with(tmp_path / "ws", course.reference_path("iris_classifier").read_text(), "iris_classifier")
    run = grade(course, ws, ["iris_classifier"])
    assert run.results[0].status.value == "passed", [c.summary for c in run.results[0].checks]
    document = to_document(run)
    (entry,) = document["leaderboard"]
    measured = next(c.measure for c in run.results[0].checks if c.measure is not None)
    assert entry["value"] == round(measured, 4) and 0.9 <= measured <= 1.0
    position = list(course.exercises).index("iris_classifier") + 1
    assert {t["number"].split(".")[0] for t in document["tests"]} == {str(position)}
