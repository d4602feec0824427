"""`grade batch` and `grade stats`: a whole class graded, its marks exported, its statistics drawn.

A thin client of `grader.batch`: it resolves the course, finds the submissions, shows progress,
and writes what the batch returns.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from grader.cli_parsing import OneLineParser, UsageError
from grader.cli_support import console

FORMATS = ("csv", "jsonl", "dir")


def batch_parser() -> OneLineParser:
    parser = OneLineParser(prog="grade batch", description=(
        "Grade many submissions against one course: each a folder (with exercises/ or loose <id>.py files) or a zip; "
        "a folder of such is a class. Resumable: a rerun grades only what changed."))
    parser.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION")
    parser.add_argument("--course", metavar="COURSE", help="the course folder or installed course (default: the bundled course)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes (default: one per core)")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="csv (a gradebook), jsonl (one report per line) or dir (a report per file)")
    parser.add_argument("--output", type=Path, metavar="PATH", help="file (csv, jsonl) or folder (dir) to write; default stdout")
    parser.add_argument("--state", type=Path, default=Path(".grade-batch"), metavar="DIR", help="where results are kept for resuming (default: .grade-batch)")
    parser.add_argument("--stats", action="store_true", help="print the class statistics afterwards (to stderr)")
    parser.add_argument("--figure", type=Path, metavar="FILE", help="also draw the statistics as a PNG or SVG")
    parser.add_argument("--strict", action="store_true", help="graded mode: refuse unless every sandbox protection is on")
    parser.add_argument("--executor", choices=("local", "dask"), default="local", help="local worker processes, or a dask.distributed cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="the dask scheduler (default with --executor dask: a LocalCluster here)")
    parser.add_argument("--no-color", action="store_true")
    return parser


def batch_main(rest: list[str], stdout: TextIO, stderr: TextIO) -> int:
    from grader.batch.log import ResultLog
    from grader.batch.dask_executor import DaskUnavailable
    from grader.batch.runner import BatchError, run_batch
    from grader.batch.submissions import find_submissions
    from grader.cli_support import graded_run
    from grader.course import load_course
    from grader.coursework.locate import named_course

    args = batch_parser().parse_args(rest)
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler goes with --executor dask")
    if args.format == "dir" and args.output is None:
        raise UsageError("--format dir needs --output DIR")
    missing = [str(p) for p in args.submissions if not p.exists()]
    if missing:
        raise UsageError(f"no such submission: {missing[0]}")
    course = load_course(named_course(args.course))
    fingerprint = course.capture(list(course.exercises))
    submissions = find_submissions(args.submissions, course.exercises)
    strict = graded_run(args)
    disabled = tuple(n.strip() for n in os.environ.get("GRADE_SANDBOX_DISABLE", "").split(",") if n.strip())
    progress = _Progress(len(submissions), stderr, plain=args.no_color or not stderr.isatty())
    try:
        outcome = run_batch(submissions, course_root=course.root, fingerprint=fingerprint, log=ResultLog(args.state),
                            jobs=min(args.jobs, max(1, len(submissions))), strict=strict, disabled=disabled,
                            on_row=progress.row, executor=args.executor, scheduler=args.scheduler)
    except (BatchError, DaskUnavailable) as exc:
        raise UsageError(str(exc)) from None
    finally:
        progress.close()
    stderr.write(f"grade batch: {len(outcome.rows)} submissions, {outcome.graded} graded now, {outcome.reused} from {args.state}\n")
    _write(outcome.rows, list(course.exercises), args, stdout, stderr)
    if args.stats or args.figure:
        _stats(outcome.rows, args, stderr)
    return 0 if all(r.ok for r in outcome.rows) else 1


def stats_parser() -> OneLineParser:
    parser = OneLineParser(prog="grade stats", description="Class statistics from a batch's JSON Lines (grade batch --format jsonl) or its .grade-batch/results.jsonl.")
    parser.add_argument("results", type=Path, metavar="RESULTS.jsonl")
    parser.add_argument("--figure", type=Path, metavar="FILE", help="also draw them as a PNG or SVG")
    parser.add_argument("--no-color", action="store_true")
    return parser


def stats_main(rest: list[str], stdout: TextIO, stderr: TextIO) -> int:
    from grader.batch.export import read_jsonl

    args = stats_parser().parse_args(rest)
    try:
        rows = read_jsonl(args.results)
    except OSError as exc:
        raise UsageError(f"{args.results}: {exc.strerror}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _stats(rows, args, stdout)
    return 0


def _write(rows, exercise_ids, args, stdout: TextIO, stderr: TextIO) -> None:
    from grader.batch.export import to_csv, to_jsonl, write_folder

    if args.format == "dir":
        written = write_folder(rows, args.output)
        stderr.write(f"wrote {len(written)} reports into {args.output}\n")
        return
    text = to_csv(rows, exercise_ids) if args.format == "csv" else to_jsonl(rows)
    if args.output is None:
        stdout.write(text)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        stderr.write(f"wrote {args.output}\n")


def _stats(rows, args, stream: TextIO) -> None:
    from grader.batch.stats import class_stats, print_stats, save_figure

    stats = class_stats(rows)
    print_stats(stats, console(argparse.Namespace(no_color=args.no_color), stream))
    if args.figure:
        stream.write(f"wrote {save_figure(stats, args.figure)}\n")


class _Progress:
    """A rich progress bar with an ETA on a terminal; a plain line per submission otherwise."""

    def __init__(self, total: int, stream: TextIO, *, plain: bool) -> None:
        self.total, self.stream, self.done = total, stream, 0
        self._bar = None
        if not plain and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                 TextColumn("{task.description}"), console=Console(file=stream), transient=True)
            self._task = self._bar.add_task("", total=total)
            self._bar.start()

    def row(self, row, reused: bool) -> None:
        self.done += 1
        what = f"{row.document['score']:g}/{row.document['max_score']:g}" if row.document is not None else f"error: {row.error}"
        line = f"[{self.done}/{self.total}] {row.submission}: {what}{' (from an earlier run)' if reused else ''}"
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=row.submission)
        else:
            self.stream.write(line + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()

