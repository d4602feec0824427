"""`grade gradescope build` and `grade gradescope run`: the autograder bundle, and what it runs."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from grader.cli_parsing import OneLineParser, UsageError


def gradescope_parser() -> OneLineParser:
    parser = OneLineParser(prog="grade gradescope", description="Gradescope: build an autograder zip for a course, or run it on a submission.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=OneLineParser, required=True)
    build = actions.add_parser("build", help="write the autograder zip (setup.sh, run_autograder, grade and the course as wheels)")
    build.add_argument("--course", metavar="COURSE", help="the course folder or installed course (default: the bundled course)")
    build.add_argument("-o", "--out", type=Path, default=Path("autograder.zip"), metavar="FILE", help="the zip to write (default: autograder.zip)")
    build.add_argument("--name", help="the course's name inside the bundle (default: from the folder's name)")
    run = actions.add_parser("run", help="grade <root>/submission and write <root>/results/results.json (what run_autograder does)")
    run.add_argument("--root", type=Path, default=Path("/autograder"), metavar="DIR", help="the autograder folder (default: /autograder)")
    run.add_argument("--course", metavar="COURSE", help="the course folder or installed course (default: the bundled course)")
    return parser


def gradescope_main(rest: list[str], stdout: TextIO, stderr: TextIO) -> int:
    args = gradescope_parser().parse_args(rest)
    if args.action == "run":
        from grader.gradescope_run import run_autograder

        status, results = run_autograder(args.root, args.course)
        stdout.write(f"wrote {results}\n")
        return status
    from grader.course import load_course
    from grader.coursework.course_wheel import course_name
    from grader.coursework.locate import named_course
    from grader.gradescope_bundle import BundleError, build_bundle

    course = load_course(named_course(args.course))
    name = args.name or course_name(course.root)
    try:
        bundle = build_bundle(course.root, args.out, name=name, title=course.title)
    except BundleError as exc:
        raise UsageError(str(exc)) from None
    stdout.write(f"wrote {bundle.path}: setup.sh, run_autograder, grade and the course {bundle.course!r} as wheels, "
                 f"{len(bundle.requirements)} pinned requirements\n")
    return 0
