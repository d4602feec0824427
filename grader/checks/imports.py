"""`imports`: read the student's file (without running it) and refuse modules outside the allowed list."""

from __future__ import annotations

import ast

from grader.checks.base import CheckContext
from grader.feedback import passed_result
from grader.results import CheckResult, Reason
from grader.spec import ImportsCheck

DYNAMIC = {"__import__", "import_module", "exec", "eval"}


def imported_modules(source: str) -> list[tuple[str, int]]:
    """Top-level modules a file imports, with line numbers; relative imports count as `exercises`."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name.partition(".")[0], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append(("exercises" if node.level else (node.module or "").partition(".")[0], node.lineno))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in DYNAMIC:
                found.append((f"{name}()", node.lineno))
    return found


def run(check: ImportsCheck, ctx: CheckContext) -> CheckResult:
    path = ctx.student_file
    try:
        source = path.read_text(encoding="utf-8")
        modules = imported_modules(source)
    except OSError as exc:
        return CheckResult(check.name, "imports", Reason.RAISED, 0.0, check.points, f"could not read {path.name} ({exc.strerror})")
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        return CheckResult(check.name, "imports", Reason.RAISED, 0.0, check.points,
                           f"exercises/{path.name} is not valid Python" + (f" (line {line})" if line else ""))
    allowed = set(check.allowed) | {"__future__", "typing", "dataclasses", "collections"}
    banned = [(name, line) for name, line in modules if name not in allowed]
    if not banned:
        return passed_result(check.name, "imports", check.points)
    listed = ", ".join(f"{name} (line {line})" for name, line in banned)
    return CheckResult(
        check.name, "imports", Reason.WRONG, 0.0, check.points,
        f"exercises/{path.name} imports {listed}; only {', '.join(check.allowed)} may be used",
        ("the assignment is to build the network yourself with numpy: no scikit-learn, torch or other libraries",),
    )
