"""A course as an installable package: `grade course package` writes a wheel, pip installs it, and
`grade` finds the course by the name its `grade.courses` entry point gives it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import SAMPLE_COURSE


def grade(*argv: str, cwd: Path, site: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    repository = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (site, repository) if p is not None)
    return subprocess.run([sys.executable, "-m", "grader.cli", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_packaged_course_installs_and_grades_by_name(tmp_path):
    course = tmp_path / "doubling-course"
    shutil.copytree(SAMPLE_COURSE, course)
    built = grade("course", "package", str(course), "-o", str(tmp_path / "dist"), "--name", "doubling", "--version", "2.1", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    wheel = tmp_path / "dist" / "grade_course_doubling-2.1-py3-none-any.whl"
    assert f"wrote {wheel}" in built.stdout
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read("grade_course_doubling-2.1.dist-info/entry_points.txt").decode()
    assert "grade_course_doubling/course/course.toml" in names
    assert "grade_course_doubling/solutions/doubling.py" in names
    assert entry_points == "[grade.courses]\ndoubling = grade_course_doubling\n"

    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    assert (site / "grade_course_doubling" / "course" / "course.toml").is_file()

    listing = grade("course", "list", "--format", "json", cwd=tmp_path, site=site)
    assert listing.returncode == 0, listing.stderr
    courses = {c["name"]: c for c in json.loads(listing.stdout)["installed"]}
    assert Path(courses["doubling"]["root"]) == (site / "grade_course_doubling").resolve()

    made = grade("init", "ws", "--course", "doubling", cwd=tmp_path, site=site)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "ws" / "grade.toml").read_text().endswith('course = "doubling"\n')
    assert not (tmp_path / "ws" / "solutions").exists()
    run = grade("--format", "json", cwd=tmp_path / "ws", site=site)
    assert run.returncode == 1, run.stderr
    assert [(e["id"], e["status"]) for e in json.loads(run.stdout)["exercises"]] == [("doubling", "not_started")]
    shutil.copyfile(SAMPLE_COURSE / "solutions" / "doubling.py", tmp_path / "ws" / "exercises" / "doubling.py")
    run = grade("--format", "json", cwd=tmp_path / "ws", site=site)
    assert run.returncode == 0 and json.loads(run.stdout)["exercises"][0]["status"] == "passed"

    unknown = grade("init", "ws2", "--course", "dubling", cwd=tmp_path, site=site)
    assert unknown.returncode == 2
    assert unknown.stderr == "grade: no course folder 'dubling' here and no installed course of that name (installed: doubling; `grade course list`)\n"
