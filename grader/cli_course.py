"""`grade course ...`: the instructor's commands (check, schema, new, list, package, GIFT import and export).

Each is a thin client of the core: the course check, the scaffolds, the schema writer, the GIFT
converter and the wheel builder live in `grader` and `grader.coursework`; this module parses the
command line and prints what they return.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from grader.cli_parsing import OneLineParser, UsageError
from grader.cli_support import console, emit

ACTIONS = {
    "check": "load, run and measure the whole course (mutation score per exercise)",
    "schema": "write JSON Schemas for exercise specs, quiz banks and course.toml",
    "new": "scaffold a course, an exercise or a question",
    "list": "the installed courses (packages declaring a `grade.courses` entry point)",
    "package": "build a wheel of the course that students `pip install`",
    "import-gift": "turn a Moodle GIFT file into a question bank",
    "export-gift": "write a question bank as Moodle GIFT",
}


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--course", metavar="COURSE", help="the course folder (or, for check and package, an installed course's name)")
    common.add_argument("--format", choices=("text", "json"), default="text", help="output format (check and list)")
    common.add_argument("--output", type=Path, metavar="FILE", help="write the output to FILE instead of stdout")
    common.add_argument("--no-color", action="store_true", help="no colours (NO_COLOR is honoured too)")
    return common


def course_parser() -> OneLineParser:
    common = _common()
    parser = OneLineParser(prog="grade course", description="Instructors' commands: " + "; ".join(f"{a}: {d}" for a, d in ACTIONS.items()) + ".")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=OneLineParser, required=True)
    check = actions.add_parser("check", parents=[common], help=ACTIONS["check"], description=ACTIONS["check"])
    check.add_argument("directory", nargs="?", metavar="DIR", help="the course folder or installed course (default: here if it is one, else the bundled course)")
    schema = actions.add_parser("schema", parents=[common], help=ACTIONS["schema"], description=ACTIONS["schema"])
    schema.add_argument("-o", "--out", type=Path, default=Path("."), metavar="DIR", help="folder to write the .schema.json files into (default: here)")
    new = actions.add_parser("new", parents=[common], help=ACTIONS["new"], description=ACTIONS["new"])
    what = new.add_subparsers(dest="what", metavar="WHAT", parser_class=OneLineParser, required=True)
    new_course = what.add_parser("course", parents=[common], help="a new course folder")
    new_course.add_argument("directory", type=Path, metavar="DIR")
    new_course.add_argument("--title", default="My course", help="the course's title")
    new_exercise = what.add_parser("exercise", parents=[common], help="stub, reference, spec and misconception folder")
    new_exercise.add_argument("id", metavar="ID")
    new_exercise.add_argument("--shape", choices=("function", "layer"), default="function", help="one function of an array, or a layer class with forward and backward")
    new_exercise.add_argument("--name", help="the function or class the student writes (default: from the id)")
    new_exercise.add_argument("--title", help="the exercise's title")
    new_exercise.add_argument("--topic", help="its topic id (default: the course's last topic)")
    new_question = what.add_parser("question", parents=[common], help="a question of any kind, appended to a bank")
    new_question.add_argument("id", metavar="ID")
    new_question.add_argument("--kind", required=True, help="single_choice, multiple_select, code_choice, true_false, numeric, parameterised_numeric, symbolic, matching, ordering or free_text")
    new_question.add_argument("--bank", help="the bank file in course/quizzes/ (default: <topic>.toml)")
    new_question.add_argument("--topic", help="its topic id (default: the course's last topic)")
    actions.add_parser("list", parents=[common], help=ACTIONS["list"], description=ACTIONS["list"])
    package = actions.add_parser("package", parents=[common], help=ACTIONS["package"], description=ACTIONS["package"])
    package.add_argument("directory", nargs="?", metavar="DIR", help="the course folder (default: here)")
    package.add_argument("-o", "--out", type=Path, default=Path("dist"), metavar="DIR", help="folder for the wheel (default: dist)")
    package.add_argument("--name", help="the name students install it under (default: the folder's name)")
    package.add_argument("--version", default="1.0.0", help="the wheel's version (default: 1.0.0)")
    package.add_argument("--keep-hidden", action="store_true", help="keep the checks marked visibility = \"hidden\" (left out by default)")
    gift_in = actions.add_parser("import-gift", parents=[common], help=ACTIONS["import-gift"], description=ACTIONS["import-gift"])
    gift_in.add_argument("file", type=Path, metavar="FILE")
    gift_in.add_argument("-o", "--out", type=Path, required=True, metavar="BANK.toml")
    gift_out = actions.add_parser("export-gift", parents=[common], help=ACTIONS["export-gift"], description=ACTIONS["export-gift"])
    gift_out.add_argument("bank", type=Path, metavar="BANK.toml")
    gift_out.add_argument("-o", "--out", type=Path, required=True, metavar="FILE")
    return parser


def course_main(rest: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run one `grade course` action; problems of the input raise the core's one-line errors."""
    args = course_parser().parse_args(rest)
    handler: Callable[..., int] = {
        "check": check_command,
        "schema": _schema,
        "new": _new,
        "list": _list,
        "package": _package,
        "import-gift": _import_gift,
        "export-gift": _export_gift,
    }[args.action]
    return handler(args, stdout, stderr)


def _course_to_check(explicit: str | Path | None) -> Path:
    """The course to work on: the named folder or installed course, else this folder when it is a course, else the bundled one."""
    from grader.coursework.locate import named_course
    from grader.paths import bundled_course_root

    if explicit is not None:
        root = named_course(explicit)
        if not (root / "course" / "course.toml").is_file():
            raise UsageError(f"{explicit} is not a course folder (it has no course/course.toml)")
        return root
    here = Path.cwd()
    return here if (here / "course" / "course.toml").is_file() else bundled_course_root()


def _own_course(args) -> Path:
    """The course a scaffold writes into: `--course`, else this folder; never the bundled course."""
    root = Path(args.course).expanduser().resolve() if args.course else Path.cwd()
    if not (root / "course" / "course.toml").is_file():
        raise UsageError(f"{root} is not a course folder (no course/course.toml); run this in your course, or name it with --course DIR")
    return root


def check_command(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.coursework.course_check import check_course

    root = _course_to_check(args.directory or args.course)
    report = check_course(root)
    if args.format == "json":
        emit(json.dumps(_document(report), indent=2) + "\n", args, stdout)
    elif args.format == "text":
        _print(report, console(args, stdout))
    else:
        _print(report, console(args, stdout))
    return 0 if report.ok else 1


def _schema(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.spec_schema import write_schemas

    for path in write_schemas(args.out):
        stdout.write(f"wrote {path}\n")
    return 0


def _new(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.coursework import scaffold

    try:
        if args.what == "course":
            done = scaffold.new_course(args.directory, args.title)
            root = args.directory.expanduser().resolve()
        elif args.what == "exercise":
            root = _own_course(args)
            done = scaffold.new_exercise(root, args.id, shape=args.shape, name=args.name, title=args.title, topic=args.topic)
        else:
            root = _own_course(args)
            done = scaffold.new_question(root, args.id, kind=args.kind, bank=args.bank, topic=args.topic)
    except scaffold.ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    import os

    for name in done.files:
        stdout.write(f"wrote {os.path.relpath(root / name)}\n")
    stdout.write(f"next: {done.next_step}\n")
    return 0


def _list(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.course_packages import installed_courses
    from grader.paths import bundled_course_root

    courses = installed_courses()
    if args.format == "json":
        document = {
            "schema_version": 1,
            "bundled": str(bundled_course_root()),
            "installed": [{"name": c.name, "package": c.package, "distribution": c.distribution,
                           "root": str(c.root) if c.root else None} for c in courses],
        }
        emit(json.dumps(document, indent=2) + "\n", args, stdout)
        return 0
    stdout.write(f"bundled: {bundled_course_root()} (the default)\n")
    for course in courses:
        where = str(course.root) if course.root else f"package {course.package} not importable"
        stdout.write(f"{course.name}: {where} (from {course.distribution})\n")
    if not courses:
        stdout.write("no installed courses (a course package declares a `grade.courses` entry point; see docs/instructors.md)\n")
    return 0


def _package(args, stdout: TextIO, stderr: TextIO) -> int:

    from grader.course import load_course
    from grader.coursework.course_wheel import PackagingError, build_course_wheel, course_name

    root = _course_to_check(args.directory or args.course or ".")
    course = load_course(root)
    name = args.name or course_name(root)
    try:
        wheel = build_course_wheel(root, args.out, name=name, version=args.version, title=course.title, keep_hidden=args.keep_hidden)
    except PackagingError as exc:
        raise UsageError(str(exc)) from None
    stdout.write(
        f"wrote {wheel.path} ({wheel.files} course files"
        + (f"; {wheel.hidden_left_out} hidden checks left out" if wheel.hidden_left_out else "") + ")\n"
        f"students: pip install {wheel.path.name} && grade init DIR --course {wheel.name}\n"
    )
    return 0


def _import_gift(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.quiz.gift import import_gift_file

    return _convert(lambda: import_gift_file(args.file, args.out), args.file, args.out, stdout, stderr,
                    count=lambda result: len(result.questions))


def _export_gift(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.quiz.gift import export_gift_file

    return _convert(lambda: export_gift_file(args.bank, args.out), args.bank, args.out, stdout, stderr,
                    count=lambda result: result.exported)


def _convert(convert: Callable, source: Path, out: Path, stdout: TextIO, stderr: TextIO, *, count: Callable) -> int:
    """Run a GIFT conversion: one stderr line per problem, a summary; exit 1 only when a question was left out."""
    from grader.quiz.gift import GiftError

    try:
        result = convert()
    except GiftError as exc:
        raise UsageError(str(exc)) from None
    for problem in result.problems:
        stderr.write(f"grade: {source.name}: {problem}\n")
    changed = len({p.question for p in result.problems})
    stdout.write(f"wrote {out}: {count(result)} questions" + (f", {changed} not as written (see above)" if changed else "") + "\n")
    return 1 if any(p.skipped for p in result.problems) else 0  # a conversion is a warning, a skip a loss


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
        screen.print("mutation score: the misconceptions each exercise's checks catch with their own message")
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for column, justify in (("exercise", "left"), ("caught", "right"), ("score", "right"), ("checks that catch nothing", "left")):
            table.add_column(column, justify=justify)
        for audit in report.exercises:
            caught = f"{sum(m.caught for m in audit.misconceptions)}/{len(audit.misconceptions)}"
            score = f"{audit.score:.0%}" if audit.score is not None else "-"
            table.add_row(audit.id, caught, score, ", ".join(audit.idle_checks) or "")
        screen.print(table)
    verdict = "every check of the course holds" if report.ok else f"{len(report.problems)} problem(s)"
    exercises, questions = len(report.exercises), report.questions
    screen.print(f"{verdict} · {exercises} exercise{'s' * (exercises != 1)}, {questions} question{'s' * (questions != 1)} checked")
