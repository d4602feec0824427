"""The grader core never imports Textual or matplotlib: `grade` stays fast and screen-free."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "grader.cli",
    "grader.engine",
    "grader.course",
    "grader.course_lint",
    "grader.checks",
    "grader.feedback",
    "grader.progress",
    "grader.summary",
    "grader.report.text",
    "grader.report.json_report",
    "grader.report.junit",
    "grader.report.gradescope",
    "grader.sandbox.session",
    "grader.quiz.cli",
    "grader.quiz.checking",
    "grader.quiz.store",
]


def test_core_modules_do_not_import_ui_or_plotting():
    code = "import importlib, sys\n"
    code += "".join(f"importlib.import_module({name!r})\n" for name in CORE_MODULES)
    code += "print(sorted(m for m in ('textual', 'matplotlib', 'hypothesis', 'sympy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_sandbox_client_starts_without_numpy():
    code = "import sys, grader.sandbox.zygote_client; print('numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
