"""`imports`: read the student's file (without running it) and refuse modules outside the allowed list."""

from __future__ import annotations

import ast
from pathlib import Path

from grader.checks.base import CheckContext
from grader.feedback import failed_result, passed_result
from grader.results import CheckResult, Reason
from grader.spec import ImportsCheck

DYNAMIC = {"__import__", "import_module", "exec", "eval", "compile", "spec_from_file_location", "module_from_spec"}
"""Calls that import or run code the static reading cannot follow."""
BACKDOORS = {"__builtins__", "builtins", "importlib", "__loader__", "__spec__", "sys"}
"""Names through which a file can reach the import machinery without an import statement."""


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
        elif isinstance(node, ast.Name) and node.id in BACKDOORS:
            found.append((node.id, node.lineno))
        elif isinstance(node, ast.Attribute) and node.attr in DYNAMIC:
            found.append((f".{node.attr}", node.lineno))
    return list(dict.fromkeys(found))


def sibling_modules(source: str) -> set[str]:
    """Names of the sibling exercise files a file imports (`from exercises.layers import ...`, `from . import layers`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("exercises.")}
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and module.startswith("exercises."):
                found.add(module.split(".")[1])
            elif (node.level == 0 and module == "exercises") or (node.level and not module):
                found |= {alias.name for alias in node.names}
            elif node.level:
                found.add(module.partition(".")[0])
    return found


def _banned(path: Path, allowed: set[str], seen: set[Path]) -> list[tuple[str, str, int]]:
    """(file, module, line) for every disallowed import in `path` and the sibling exercise files it imports."""
    seen.add(path)
    source = path.read_text(encoding="utf-8")
    banned = [(path.name, name, line) for name, line in imported_modules(source) if name not in allowed]
    for sibling in sorted(sibling_modules(source)):
        other = path.with_name(f"{sibling}.py")
        if other not in seen and other.is_file():
            try:
                banned += _banned(other, allowed, seen)
            except (OSError, SyntaxError, ValueError):
                pass  # importing that sibling fails anyway, and the other checks report it
    return banned


def run(check: ImportsCheck, ctx: CheckContext) -> CheckResult:
    path = ctx.student_file
    allowed = set(check.allowed) | {"__future__", "typing", "dataclasses", "collections"}
    try:
        banned = _banned(path, allowed, set())
    except OSError as exc:
        return failed_result(check.name, check.kind, Reason.RAISED, check.points, f"could not read {path.name} ({exc.strerror})")
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        return failed_result(check.name, check.kind, Reason.RAISED, check.points,
                             f"exercises/{path.name} is not valid Python" + (f" (line {line})" if line else ""))
    if not banned:
        return passed_result(check.name, check.kind, check.points)
    by_file: dict[str, list[str]] = {}
    for file, name, line in banned:
        by_file.setdefault(file, []).append(f"{name} (line {line})")
    listed = "; ".join(f"exercises/{file} imports {', '.join(items)}" for file, items in by_file.items())
    return failed_result(
        check.name, check.kind, Reason.WRONG, check.points, f"{listed}; only {', '.join(check.allowed)} may be used",
        ("the assignment is to build the network yourself with numpy: no scikit-learn, torch or other libraries",),
    )
