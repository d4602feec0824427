"""What every `grade` subcommand shares: the one-line usage error, the console, locating, writing."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from grader.cli_parsing import UsageError

__all__ = ["UsageError", "check_ids", "console", "emit", "graded_run", "locate", "open_workspace"]


def console(args, stream: TextIO, *, plain: bool = False):
    """A rich console for `stream`; `plain` (a report written to a file) means no colour at all."""
    from rich.console import Console

    no_color = plain or args.no_color or bool(os.environ.get("NO_COLOR"))
    tty = stream.isatty()
    width = None if tty else int(os.environ.get("COLUMNS", "100")) if os.environ.get("COLUMNS", "").isdigit() else 100
    return Console(file=stream, no_color=no_color, highlight=False, soft_wrap=False,
                   force_terminal=None if tty else False, width=width)


def locate(args):
    """The workspace and the course that grades it (named with `--course`, else the bundled one)."""
    from grader.coursework import locate as locating

    graded = graded_run(args)
    workspace, course = locating.locate(args.workspace, args.course, graded=graded)
    locating.ensure_bank_loads(course)
    return workspace, course


def graded_run(args) -> bool:
    """A graded run: `--strict`, or a grader running as root (Gradescope, a container)."""
    from grader.sandbox.identity import is_root

    return bool(getattr(args, "strict", False)) or is_root()


def open_workspace(args):
    """Workspace, course and progress store for commands that work inside a workspace."""
    from grader.coursework.grading import open_store

    workspace, course = locate(args)
    return workspace, course, open_store(workspace)


def check_ids(ids: Sequence[str], course) -> list[str]:
    """The named exercise ids, checked against the course (`UnknownExercise` names the closest)."""
    from grader.coursework.locate import exercise_ids

    return exercise_ids(ids, course)


def emit(text: str, args, stdout: TextIO) -> None:
    """Write a report to `--output`, or to stdout."""
    if args.output is not None:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output} ({exc.strerror})") from None
    else:
        stdout.write(text)
