"""`grade course check [DIR]`: the instructor's check of a whole course, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from grader.cli_parsing import UsageError
from grader.cli_support import console, emit


def course_root(explicit: Path | None) -> Path:
    """The course to check: the named folder, else this folder when it is a course, else the bundled one."""
    from grader.paths import bundled_course_root

    if explicit is not None:
        root = explicit.expanduser().resolve()
        if not (root / "course" / "course.toml").is_file():
            raise UsageError(f"{explicit} is not a course folder (it has no course/course.toml)")
        return root
    here = Path.cwd()
    return here if (here / "course" / "course.toml").is_file() else bundled_course_root()


def check_command(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.coursework.course_check import check_course

    root = course_root(args.directory)
    report = check_course(root)
    if args.format == "json":
        emit(json.dumps(_document(report), indent=2) + "\n", args, stdout)
    elif args.format == "text":
        _print(report, console(args, stdout))
    else:
        raise UsageError("grade course check writes text or json")
    return 0 if report.ok else 1


def _document(report) -> dict:
    return {
        "schema_version": 1,
        "course": str(report.root),
        "ok": report.ok,
        "problems": [{"file": p.file, "message": p.message} for p in report.problems],
        "questions_checked": report.questions,
        "exercises": [
            {
                "id": audit.id,
                "mutation_score": audit.score,
                "misconceptions": [
                    {"id": m.id, "caught": m.caught, "own_message": m.own_message, "failing_checks": list(m.failing_checks)}
                    for m in audit.misconceptions
                ],
                "checks": [
                    {"name": name, "catches": audit.catches(name), "alone": audit.alone(name), "idle": name in audit.idle_checks}
                    for name in audit.checks
                ],
            }
            for audit in report.exercises
        ],
    }


def _print(report, screen) -> None:
    from rich import box
    from rich.table import Table

    screen.print(f"grade course check · {report.root}")
    for problem in report.problems:
        screen.print(f"✘ {problem.line()}", markup=False, highlight=False, soft_wrap=True)
    if report.exercises:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title="mutation score: misconceptions caught with their own message", title_justify="left")
        for column, justify in (("exercise", "left"), ("caught", "right"), ("score", "right"), ("checks that catch nothing", "left")):
            table.add_column(column, justify=justify)
        for audit in report.exercises:
            caught = f"{sum(m.caught for m in audit.misconceptions)}/{len(audit.misconceptions)}"
            score = f"{audit.score:.0%}" if audit.score is not None else "-"
            table.add_row(audit.id, caught, score, ", ".join(audit.idle_checks) or "")
        screen.print(table)
    verdict = "every check of the course holds" if report.ok else f"{len(report.problems)} problem(s)"
    screen.print(f"{verdict} · {len(report.exercises)} exercises, {report.questions} questions checked")
