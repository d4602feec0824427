"""The `grade` command line: parse, call the core, print, exit with 0, 1 or 2 (see `docs/cli.md`)."""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from grader.cli_parsing import OneLineParser, UsageError
from grader.cli_support import check_ids, console, emit, graded_run, locate, open_workspace

SUBCOMMANDS = ("init", "list", "hint", "reset", "watch", "progress", "quiz", "course", "batch", "stats", "gradescope")
_VALUE_OPTIONS = ("--workspace", "--course", "--format", "--output")


def _formats():
    from grader.report import ReportFormat

    return list(ReportFormat)


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", type=Path, metavar="DIR", help="the workspace (default: here or the nearest parent with exercises/)")
    common.add_argument("--course", metavar="COURSE", help="grade against this course: a course folder or an installed course's name (default: the workspace's grade.toml, else the bundled course)")
    common.add_argument("--strict", action="store_true", help="graded mode: refuse to grade unless every sandbox protection is on")
    common.add_argument("--format", choices=[f.value for f in _formats()], default="text", help="report format")
    common.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    common.add_argument("--no-color", action="store_true", help="no colours (NO_COLOR is honoured too)")
    return common


def _parser(command: str) -> OneLineParser:
    common = _common()
    if command == "grade":
        parser = OneLineParser(prog="grade", parents=[common], description="Grade your exercises. Subcommands: " + ", ".join(SUBCOMMANDS) + ".")
        parser.add_argument("ids", nargs="*", metavar="ID", help="exercises to grade (default: all)")
        parser.add_argument("-v", "--verbose", action="store_true", help="show the failures of every exercise, not just the next one")
        return parser
    parser = OneLineParser(prog=f"grade {command}", parents=[common])
    if command == "init":
        parser.add_argument("directory", type=Path, metavar="DIR", help="folder to create")
    elif command in ("hint", "reset"):
        parser.add_argument("id", metavar="ID")
    elif command == "watch":
        parser.add_argument("ids", nargs="*", metavar="ID", help="exercises to watch (default: all)")
        parser.add_argument("--interval", type=float, default=0.3, help=argparse.SUPPRESS)
        parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    return parser


def split_command(argv: Sequence[str]) -> tuple[str, list[str]]:
    """The subcommand (default `grade`) and the remaining arguments, options allowed before it."""
    skip = False
    for index, token in enumerate(argv):
        if skip:
            skip = False
            continue
        if token in _VALUE_OPTIONS:
            skip = True
            continue
        if token.startswith("-"):
            continue
        if token in SUBCOMMANDS:
            return token, [*argv[:index], *argv[index + 1 :]]
        break
    return "grade", list(argv)


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    command, rest = split_command(args_list)
    try:
        if command == "quiz":
            return _quiz(rest, stdout, stderr)
        if command == "course":
            from grader.cli_course import course_main

            return course_main(rest, stdout, stderr)
        if command == "gradescope":
            from grader.cli_gradescope import gradescope_main

            return gradescope_main(rest, stdout, stderr)
        if command in ("batch", "stats"):
            from grader import cli_batch

            return (cli_batch.batch_main if command == "batch" else cli_batch.stats_main)(rest, stdout, stderr)
        if command in ("grade", "watch") and not any(a in ("-h", "--help") for a in rest):
            _warm_sandbox()
        args = _parser(command).parse_args(rest)
        from grader import cli_workspace

        handler = {
            "grade": _grade,
            "init": cli_workspace.init_command,
            "list": cli_workspace.list_command,
            "hint": cli_workspace.hint_command,
            "reset": cli_workspace.reset_command,
            "watch": _watch,
            "progress": cli_workspace.progress_command,
        }[command]
        return handler(args, stdout, stderr)
    except KeyboardInterrupt:
        print("grade: interrupted", file=stderr)
        return 130
    except SystemExit as exc:  # argparse --help
        return int(exc.code or 0)
    except Exception as exc:
        message = _known_error(exc)
        if message is None:
            raise
        print(f"grade: {message}", file=stderr)
        return 2


def _known_error(exc: Exception) -> str | None:
    from grader.checks.base import GraderBug
    from grader.course import CourseError
    from grader.course_packages import CourseNotFound
    from grader.coursework.locate import UnknownExercise
    from grader.progress import ProgressError
    from grader.sandbox.session import SandboxRefused
    from grader.snapshot import SnapshotError
    from grader.workspace import WorkspaceError

    if isinstance(exc, (UsageError, CourseError, ProgressError, WorkspaceError, SnapshotError, UnknownExercise, CourseNotFound)):
        return str(exc)
    if isinstance(exc, SandboxRefused):
        return f"{exc}; refusing to grade (a graded run is `--strict` or runs as root; see docs/security.md)"
    if isinstance(exc, GraderBug):
        return f"internal error, not your code: {exc} (please report it)"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return None


def _warm_sandbox() -> None:
    from grader.sandbox.zygote_client import warm_up

    try:
        warm_up(_sandbox_policy())
    except UsageError:
        pass  # reported with its reason when the command builds its options


def _sandbox_policy():
    """The sandbox policy: every mechanism, unless `GRADE_SANDBOX_DISABLE=seccomp,landlock` turns some off.

    That variable exists to try the fallback on a machine that has every mechanism; it can only
    weaken the sandbox, and a graded run then refuses to grade.
    """
    from grader.sandbox.policy import Mechanism, SandboxPolicy

    names = [n.strip() for n in os.environ.get("GRADE_SANDBOX_DISABLE", "").split(",") if n.strip()]
    try:
        return SandboxPolicy(frozenset(Mechanism(n) for n in names))
    except ValueError:
        known = ", ".join(m.value for m in Mechanism)
        raise UsageError(f"GRADE_SANDBOX_DISABLE names an unknown mechanism (known: {known})") from None


# --- helpers ---------------------------------------------------------------------------------


def _grade(args, stdout: TextIO, stderr: TextIO) -> int:
    """Grade, print the report, then record it: a progress store that fails costs the record, never the report."""
    from grader.coursework.grading import grade_with_hints

    workspace, course = locate(args)
    ids = check_ids(args.ids, course)
    graded = grade_with_hints(course, workspace, ids, options=_grading_options(args))
    return _report_and_record(graded, args, stdout, stderr, course, workspace,
                              command="grade " + " ".join(ids) if ids else "grade",
                              detailed=ids or _first_pending(graded.run))


def _grading_options(args):
    """Grading options for this command line.

    A graded run needs no separate probe: every child reports its protections before it imports
    any student code, and a strict session stops a child that lacks one (`SandboxRefused`).
    """
    from grader.engine import GradingOptions

    policy = _sandbox_policy()
    strict = graded_run(args)
    if strict:
        from grader.sandbox.identity import set_non_dumpable

        set_non_dumpable()
    return GradingOptions(strict=strict, policy=policy, hidden_checks=strict)


def _report_and_record(graded, args, stdout: TextIO, stderr: TextIO, course, workspace, *, command: str,
                       detailed: Sequence[str]) -> int:
    """Print the report, warn about missing protections, then store the run (the report never waits on the store)."""
    from grader.coursework.grading import record_run
    from grader.progress import ProgressError

    run = graded.run
    try:
        _report(graded, args, stdout, course, detailed=detailed)
        if hasattr(stdout, "flush"):
            stdout.flush()
    finally:
        problem = graded.problem or record_run(run, workspace, command)
    _warn_protections(run, stderr)
    if problem is not None:
        raise ProgressError(problem)
    return 0 if run.all_passed else 1


def _warn_protections(run, stderr: TextIO) -> None:
    """Self-study on a machine without some protection: say so in one line (a graded run never gets here)."""
    sandbox = run.sandbox
    if sandbox is None or sandbox.protections is None or sandbox.protections.complete:
        return
    print(f"grade: note: sandbox protections off here: {sandbox.protections.describe_missing()} "
          "(self-study only; see docs/security.md)", file=stderr)


def _first_pending(run) -> list[str]:
    """Without named ids, only the next exercise to work on gets its failures spelled out."""
    from grader.results import ExerciseStatus

    pending = next((r for r in run.results if r.status is not ExerciseStatus.PASSED), None)
    return [pending.id] if pending else []


def _report(graded, args, stdout: TextIO, course, *, detailed: Sequence[str]) -> None:
    from grader.report import FORMATS, ReportFormat

    run = graded.run
    machine = FORMATS[ReportFormat(args.format)]
    if machine is not None:
        emit(machine.render(run), args, stdout)
        return
    from grader.report import text

    buffer = io.StringIO() if args.output is not None else None
    screen = console(args, buffer or stdout, plain=buffer is not None)
    if getattr(args, "verbose", False):
        detailed = [r.id for r in run.results]
    text.render(
        run,
        screen,
        title=course.title,
        numbers={eid: i for i, eid in enumerate(course.exercises, start=1)},
        sections={eid: spec.section for eid, spec in course.exercises.items()},
        detailed=detailed,
        hint_counts={eid: (count.shown, count.total) for eid, count in graded.hint_counts.items()},
    )
    if buffer is not None:
        emit(buffer.getvalue(), args, stdout)


def _watch(args, stdout: TextIO, stderr: TextIO) -> int:
    """Re-grade on every save. With `--format json`, stdout is JSON Lines: one report per re-grade."""
    from grader.coursework.grading import Watcher, attach_hints
    from grader.engine import grade
    from grader.report import ReportFormat

    fmt = ReportFormat(args.format)
    if fmt not in (ReportFormat.TEXT, ReportFormat.JSON):
        raise UsageError("grade watch writes text, or JSON Lines with --format json")
    if args.output is not None:
        raise UsageError("grade watch writes to stdout; --output is for one report")
    workspace, course, store = open_workspace(args)
    store.close()
    ids = check_ids(args.ids, course) or list(course.exercises)
    options = _grading_options(args)
    notes = stdout if fmt is ReportFormat.TEXT else stderr
    notes.write(f"watching {len(ids)} exercise files in {workspace.exercises_dir} (Ctrl-C to stop)\n")
    notes.flush()
    for changed in Watcher(workspace, ids, interval=args.interval).changes():
        graded = attach_hints(grade(course, workspace, changed, options=options), course, workspace)
        notes.write(f"\n── {time.strftime('%H:%M:%S')} · {', '.join(changed)} changed ──\n")
        notes.flush()
        if fmt is ReportFormat.JSON:
            code = _json_line(graded, stdout, stderr, workspace, command="grade watch " + " ".join(changed))
        else:
            code = _report_and_record(graded, args, stdout, stderr, course, workspace,
                                      command="grade watch " + " ".join(changed), detailed=changed)
        stdout.flush()
        if args.once:
            return code
    return 0


def _json_line(graded, stdout: TextIO, stderr: TextIO, workspace, *, command: str) -> int:
    """One re-grade as one line of JSON (the `grade --format json` document), then its record."""
    import json

    from grader.coursework.grading import record_run
    from grader.report.json_report import to_document

    stdout.write(json.dumps(to_document(graded.run), allow_nan=False, separators=(",", ":")) + "\n")
    stdout.flush()
    problem = graded.problem or record_run(graded.run, workspace, command)
    if problem is not None:
        stderr.write(f"grade: {problem}\n")
    _warn_protections(graded.run, stderr)
    return 0 if graded.run.all_passed else 1


def _quiz(rest: list[str], stdout: TextIO, stderr: TextIO) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", type=Path)
    common.add_argument("--course")
    common.add_argument("--no-color", action="store_true")
    known, remaining = common.parse_known_args(rest)
    from grader.coursework.locate import course_root as resolve_course_root
    from grader.coursework.locate import optional_workspace, quiz_bank_dir
    from grader.quiz.cli import quiz_main

    workspace = optional_workspace(known.workspace)
    connect = None
    figures = None
    # The questions of the course that grades this workspace: the one named with `--course`, else the bundled one.
    course_root = resolve_course_root(known.course, workspace)
    if workspace is not None:
        from grader.coursework.grading import open_store

        def connect():
            return open_store(workspace).connection

        figures = workspace.state_dir / "figures"
    return quiz_main(
        remaining,
        bank_dir=quiz_bank_dir(course_root),
        connect=connect,
        figures_dir=figures,
        stdin=sys.stdin,
        stdout=stdout,
        stderr=stderr,
        no_color=known.no_color or bool(os.environ.get("NO_COLOR")),
        workspace=workspace.root if workspace is not None else None,
        course_root=course_root if known.course is not None else None,
    )


def run() -> None:
    """The console script: run `main`, flush, and leave without the interpreter's slow teardown.

    Everything `grade` writes is flushed and every file and database is closed before this
    point, so skipping Python's module clean-up (tens of milliseconds with numpy and pydantic
    loaded) loses nothing; the zygote is stopped explicitly first.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # `grade list | head`: the reader left, nothing more to say
        code = 1
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    from grader.sandbox.zygote_client import stop_shared

    stop_shared()
    os._exit(code)


if __name__ == "__main__":
    run()
