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
    "grader.coursework.grading",
    "grader.coursework.session",
    "grader.coursework.quizzing",
    "grader.diagnosis",
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


# --- the direction of the flow -----------------------------------------------------------------
#
# spec → cases → programs → sandboxed run → checks → diagnosis → feedback → reports / progress,
# with the application layer (grader.coursework) above all of them and the clients (grader.cli,
# grader.quiz.cli, tui) on top. Every import, at module level or inside a function, is read from
# the source: a module may not reach a floor above its own.

import ast  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ("grader.cli", "grader.cli_course", "grader.cli_parsing", "grader.cli_support", "grader.cli_workspace", "grader.quiz.cli", "grader.app_launcher", "tui")
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "grader.spec": ("grader.sandbox", "grader.checks", "grader.engine", "grader.coursework", *CLIENTS),
    "grader.statements": ("grader.sandbox", "grader.checks", "grader.engine", "grader.coursework", *CLIENTS),
    "grader.program": ("grader.sandbox", "grader.spec", "grader.checks", "grader.engine", "grader.coursework", *CLIENTS),
    "grader.sandbox": ("grader.spec", "grader.checks", "grader.feedback", "grader.diagnosis", "grader.engine",
                       "grader.course", "grader.coursework", "grader.report", *CLIENTS),
    "grader.checks": ("grader.diagnosis", "grader.engine", "grader.coursework", "grader.report", *CLIENTS),
    "grader.feedback": ("grader.checks", "grader.diagnosis", "grader.engine", "grader.coursework", *CLIENTS),
    "grader.diagnosis": ("grader.engine", "grader.coursework", "grader.report", *CLIENTS),
    "grader.engine": ("grader.coursework", "grader.report", *CLIENTS),
    "grader.report": ("grader.engine", "grader.coursework", *CLIENTS),
    "grader.quiz": ("tui", "grader.coursework", "grader.cli"),
    "grader.coursework": CLIENTS,
    "grader": ("tui", "textual"),
}


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def violations(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / "grader").rglob("*.py")):
        module = _module_name(path, root)
        if any(_within(module, client) for client in CLIENTS):
            continue  # clients may use every floor below them
        rules = [banned for package, banned in FORBIDDEN.items() if _within(module, package)]
        for imported in sorted(_imports(path)):
            for banned in (b for rule in rules for b in rule):
                if _within(imported, banned) and not _within(module, banned):
                    found.append(f"{module} imports {imported}")
    return sorted(set(found))


def test_no_module_imports_a_floor_above_its_own():
    assert violations() == []


def test_the_direction_check_can_fail(tmp_path):
    import shutil

    shutil.copytree(ROOT / "grader", tmp_path / "grader", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "grader" / "program" / "planted.py").write_text("from grader.sandbox.session import Session\n")
    (tmp_path / "grader" / "quiz" / "planted.py").write_text("def f():\n    from tui.app import launch_app\n")
    found = violations(tmp_path)
    assert "grader.program.planted imports grader.sandbox.session" in found
    assert "grader.quiz.planted imports tui.app" in found


def test_spec_loads_without_the_sandbox_and_quiz_without_the_app():
    code = ("import sys, grader.spec, grader.quiz.checking, grader.quiz.store, grader.coursework.session\n"
            "print(sorted({m.split('.')[0] + ('.sandbox' if m.startswith('grader.sandbox') else '') "
            "for m in sys.modules if m.startswith(('grader.sandbox', 'tui', 'textual', 'matplotlib'))}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert "tui" not in out and "textual" not in out and "matplotlib" not in out
    code = "import sys, grader.spec; print(any(m.startswith('grader.sandbox') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
