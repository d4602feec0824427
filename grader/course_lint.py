"""Cross-file checks of a course, in the manner of rustlings' `dev check`.

Validation (`load_course`, `load_bank`) looks at one spec at a time and stops at the first error.
`lint_course` reads the raw specs instead and reports every problem at once, including what no
single spec can show: files that nothing names, names whose file is missing, ids used twice, and
stubs without a `# TODO` where the student writes code. It needs only the standard library.
"""

from __future__ import annotations

import ast
import io
import tokenize
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

IGNORED = frozenset({"README.md", "__pycache__"})
"""Entries of a course folder that are never orphans."""


class Kind(StrEnum):
    """What is wrong."""

    ORPHAN = "orphan"
    """A file that no spec names."""
    MISSING = "missing"
    """A spec names a file that is not there."""
    DUPLICATE = "duplicate"
    """An id or check name that must be unique is used twice."""
    NO_TODO = "no-todo"
    """A stub function the student fills in has no `# TODO` comment."""
    UNREADABLE = "unreadable"
    """A spec or stub that cannot be read or parsed."""


@dataclass(frozen=True)
class CourseProblem:
    """One problem, located in a file of the course."""

    kind: Kind
    file: str
    """The path relative to the course root."""
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def lint_course(root: Path) -> list[CourseProblem]:
    """Every problem found in the course at `root` (the folder holding `course/`), in a stable order."""
    lint = _Lint(root)
    lint.run()
    return lint.problems


@dataclass
class _Lint:
    """The checks, each adding what it finds to `problems`."""

    root: Path
    problems: list[CourseProblem] = field(default_factory=list)

    def report(self, kind: Kind, path: Path, message: str) -> None:
        self.problems.append(CourseProblem(kind, path.relative_to(self.root).as_posix(), message))

    def toml(self, path: Path) -> dict[str, Any] | None:
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            self.report(Kind.UNREADABLE, path, f"cannot be read as TOML ({exc})")
            return None

    def run(self) -> None:
        course_file = self.root / "course" / "course.toml"
        if not course_file.is_file():
            self.report(Kind.MISSING, course_file, "the course map is missing")
            return
        course = self.toml(course_file)
        if course is None:
            return
        exercise_ids = _strings(course.get("exercises"))
        self.duplicates(course_file, "exercise id", exercise_ids)
        listed = list(dict.fromkeys(exercise_ids))
        specs = self.exercise_specs(listed)
        for kind in ("misconceptions", "variants"):
            self.implementations(kind, specs)
        for folder in ("exercises", "solutions"):
            self.strays(self.root / folder, set(listed) | {"__init__"}, "the file of an exercise listed in course.toml")
        self.quizzes()
        for exercise_id in listed:
            stub = self.root / "exercises" / f"{exercise_id}.py"
            if stub.is_file():
                self.todos(stub)

    def duplicates(self, path: Path, what: str, values: Iterable[str]) -> None:
        for value, count in Counter(values).items():
            if count > 1:
                self.report(Kind.DUPLICATE, path, f"{what} {value!r} is used {count} times")

    def exercise_specs(self, exercise_ids: list[str]) -> dict[str, dict[str, Any]]:
        """The raw spec of every listed exercise, after checking its files exist and its ids are unique."""
        folder = self.root / "course" / "exercises"
        specs: dict[str, dict[str, Any]] = {}
        for exercise_id in exercise_ids:
            path = folder / f"{exercise_id}.toml"
            for kind, file in (("spec", path), ("stub", self.root / "exercises" / f"{exercise_id}.py"),
                               ("reference", self.root / "solutions" / f"{exercise_id}.py")):
                if not file.is_file():
                    self.report(Kind.MISSING, file, f"the {kind} of exercise {exercise_id!r} is missing")
            spec = self.toml(path) if path.is_file() else None
            if spec is None:
                continue
            specs[exercise_id] = spec
            self.duplicates(path, "misconception id", _ids(spec.get("misconceptions"), "id"))
            self.duplicates(path, "variant id", _ids(spec.get("variants"), "id"))
            self.duplicates(path, "check name", _ids(spec.get("checks"), "name"))
        self.strays(folder, set(exercise_ids), "the spec of an exercise listed in course.toml", suffix=".toml")
        return specs

    def implementations(self, kind: str, specs: dict[str, dict[str, Any]]) -> None:
        """`course/<kind>/<exercise>/<id>.py` exists for every id a spec names, and for no other."""
        folder = self.root / "course" / kind
        for exercise_id, spec in specs.items():
            named = set(_ids(spec.get(kind), "id"))
            for name in sorted(named):
                file = folder / exercise_id / f"{name}.py"
                if not file.is_file():
                    self.report(Kind.MISSING, file, f"course/exercises/{exercise_id}.toml names {kind[:-1]} {name!r}; its file is missing")
            self.strays(folder / exercise_id, named, f"one of the {kind} named in course/exercises/{exercise_id}.toml")
        self.strays(folder, set(specs), "the folder of an exercise of the course", suffix="")

    def strays(self, folder: Path, names: set[str], what: str, *, suffix: str = ".py") -> None:
        """Entries of `folder` that are not `<name><suffix>` for one of `names` (folders when no suffix)."""
        if not folder.is_dir():
            return
        for entry in sorted(folder.iterdir()):
            if entry.name in IGNORED:
                continue
            expected = entry.is_dir() if not suffix else entry.is_file() and entry.suffix == suffix
            if not expected or entry.stem not in names:
                self.report(Kind.ORPHAN, entry, f"nothing names this {'folder' if entry.is_dir() else 'file'}: it is not {what}")

    def quizzes(self) -> None:
        """Question ids are unique over every bank; each named figure exists, and each figure is named."""
        quiz_dir, figures = self.root / "course" / "quizzes", self.root / "course" / "figures"
        seen: dict[str, Path] = {}
        named: set[str] = set()
        for path in sorted(quiz_dir.glob("*.toml")) if quiz_dir.is_dir() else []:
            bank = self.toml(path)
            questions = bank.get("questions") if bank is not None else None
            for question in questions if isinstance(questions, list) else []:
                if not isinstance(question, dict):
                    continue
                question_id = question.get("id")
                if isinstance(question_id, str):
                    if question_id in seen:
                        also = seen[question_id].name
                        self.report(Kind.DUPLICATE, path, f"question id {question_id!r} is used twice (also in {also})")
                    seen.setdefault(question_id, path)
                figure = question.get("figure")
                name = figure.get("name") if isinstance(figure, dict) else None
                if isinstance(name, str):
                    named.add(name)
                    if not (figures / f"{name}.py").is_file():
                        self.report(Kind.MISSING, path, f"question {question_id!r} shows figure {name!r}; course/figures/{name}.py is missing")
        self.strays(figures, named, "the figure of a question in course/quizzes/")

    def todos(self, stub: Path) -> None:
        """Every function of the stub that raises NotImplementedError has a `# TODO` inside it."""
        try:
            source = stub.read_text()
            tree = ast.parse(source, str(stub))
            todo_lines = {
                token.start[0] for token in tokenize.generate_tokens(io.StringIO(source).readline)
                if token.type == tokenize.COMMENT and "TODO" in token.string
            }
        except (OSError, SyntaxError, tokenize.TokenError) as exc:
            self.report(Kind.UNREADABLE, stub, f"cannot be parsed ({exc})")
            return
        unmarked = [
            function for function in _unwritten(tree)
            if not any(function.lineno <= line <= (function.end_lineno or function.lineno) for line in todo_lines)
        ]
        for function in unmarked:
            self.report(Kind.NO_TODO, stub, f"line {function.lineno}: {function.name} raises NotImplementedError "
                        "but has no `# TODO` comment where the student writes code")
        if not todo_lines and not unmarked:
            self.report(Kind.NO_TODO, stub, "no `# TODO` comment marks where the student writes code")


def _unwritten(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions and methods whose own body raises NotImplementedError: the ones left to write."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
            isinstance(statement, ast.Raise) and _names_not_implemented(statement.exc) for statement in node.body
        ):
            found.append(node)
    return sorted(found, key=lambda node: node.lineno)


def _names_not_implemented(exc: ast.expr | None) -> bool:
    target = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(target, ast.Name) and target.id == "NotImplementedError"


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _ids(tables: object, key: str) -> list[str]:
    """The `key` of every table of an array of tables (`[[misconceptions]] id`), skipping malformed ones."""
    if not isinstance(tables, list):
        return []
    return [table[key] for table in tables if isinstance(table, dict) and isinstance(table.get(key), str)]
