"""The quiz core never imports textual or matplotlib at import time, nor sympy until it needs it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from grader.paths import bundled_course_root

MODULES = [
    "grader.quiz", "grader.quiz.models", "grader.quiz.parsing", "grader.quiz.expressions",
    "grader.quiz.formulas", "grader.quiz.checking", "grader.quiz.symbolic", "grader.quiz.bank",
    "grader.quiz.verdicts", "grader.quiz.review", "grader.quiz.store", "grader.quiz.figures",
    "grader.quiz.cli",
]


def loaded_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=bundled_course_root())
    return {name.split(".")[0] for name in json.loads(result.stdout.splitlines()[-1])}


def test_importing_the_quiz_modules_loads_no_ui_plotting_or_sympy():
    loaded = loaded_after("\n".join(f"import {module}" for module in MODULES))
    assert not loaded & {"textual", "matplotlib", "sympy"}


def test_checking_a_choice_question_does_not_import_sympy():
    loaded = loaded_after(
        """
        import io
        from grader.paths import bundled_course_root
        from grader.quiz.cli import quiz_main
        out = io.StringIO()
        status = quiz_main(["check", "day2-6-1-2", "2"], bank_dir=bundled_course_root() / "course" / "quizzes",
                           connect=None, figures_dir=None, stdin=io.StringIO(), stdout=out, stderr=out, no_color=True)
        assert status == 0, out.getvalue()
        """
    )
    assert not loaded & {"textual", "matplotlib", "sympy"}
