"""`grade quiz` opens the app with the workspace, the bank and the colour setting; the core never
imports the app."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tui.app
from grader.cli import main
from grader.paths import bundled_course_root
from grader.workspace import WorkspaceError
from tui.app import make_app


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Record the arguments `grade quiz` opens the app with, instead of opening it."""
    calls: list[dict] = []

    def fake_launch(**kwargs: object) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(tui.app, "launch_app", fake_launch)
    return calls


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(argv, stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_grade_quiz_opens_the_app_on_the_workspace(workspace, launched):
    code, out, err = run(["quiz", "--workspace", str(workspace.root)])
    assert (code, out, err) == (0, "", "")
    [call] = launched
    assert call["workspace"] == workspace.root
    assert call["bank_dir"] == bundled_course_root() / "course" / "quizzes"
    assert call["figures_dir"] == workspace.state_dir / "figures"
    assert call["no_color"] is False


def test_a_course_folder_in_the_workspace_is_not_adopted_but_course_names_one(tiny, launched):
    run(["quiz", "--workspace", str(tiny.root)])
    assert launched[0]["bank_dir"] == bundled_course_root() / "course" / "quizzes"
    run(["quiz", "--workspace", str(tiny.root), "--course", str(tiny.root)])
    assert launched[1]["bank_dir"] == tiny.root / "course" / "quizzes"
    assert launched[1]["course_root"] == tiny.root


def test_no_color_reaches_the_app_from_the_flag_and_the_environment(tiny, launched, monkeypatch):
    run(["quiz", "--workspace", str(tiny.root), "--no-color"])
    monkeypatch.setenv("NO_COLOR", "1")
    run(["quiz", "--workspace", str(tiny.root)])
    assert [call["no_color"] for call in launched] == [True, True]


def test_outside_a_workspace_the_app_says_how_to_get_one(tmp_path, launched, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["quiz"])
    assert code == 2 and out == "" and launched == []
    assert err.count("\n") == 1 and err.startswith("grade quiz: the app keeps your progress in a workspace")
    assert "grade init DIR" in err


def test_make_app_checks_the_workspace_like_the_command(tmp_path):
    with pytest.raises(WorkspaceError, match="not a grade workspace"):
        make_app(tmp_path)


def test_no_color_app_strips_colour(tiny, clock):
    from .helpers import new_app

    assert new_app(tiny, clock, no_color=True).no_color
    assert not new_app(tiny, clock).no_color


def test_the_core_never_imports_the_app_or_textual(tiny):
    script = textwrap.dedent(
        f"""
        import io, json, sys
        from grader.cli import main
        out = io.StringIO()
        assert main(["quiz", "check", "day2-6-1-2", "2"], stdout=out, stderr=out) == 0, out.getvalue()
        assert main(["list", "--workspace", {str(tiny.root)!r}], stdout=out, stderr=out) == 0, out.getvalue()
        import grader.engine, grader.summary, grader.progress, grader.report.text, grader.quiz.cli
        print(json.dumps(sorted(sys.modules)))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=Path(tiny.root).parent)
    loaded = {name.split(".")[0] for name in json.loads(result.stdout.splitlines()[-1])}
    assert not loaded & {"textual", "tui"}
