"""Run a batch: skip what the log already holds, grade the rest in a pool of warm workers.

The pool's processes are started with `forkserver` (never forked from a grader that has threads)
and each keeps its course and zygote for every submission it is sent. A worker process that dies
(killed, out of memory) breaks the pool; the unfinished submissions are sent again to a new one,
so none is lost.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from grader.batch import worker
from grader.batch.log import BatchRow, ResultLog
from grader.batch.submissions import Submission

POOL_RESTARTS = 3
"""How many times a broken pool is replaced before the batch gives up."""


class BatchError(Exception):
    """The batch cannot go on (not a problem of one submission); `str()` is one line."""


@dataclass(frozen=True)
class BatchOutcome:
    rows: tuple[BatchRow, ...]
    """One per submission, in the order given."""
    graded: int
    """How many were graded in this run."""
    reused: int
    """How many came from the log of an earlier run."""


def run_batch(
    submissions: Sequence[Submission],
    *,
    course_root: Path,
    fingerprint: str,
    log: ResultLog,
    jobs: int,
    strict: bool = False,
    disabled: tuple[str, ...] = (),
    on_row: Callable[[BatchRow, bool], None] | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> BatchOutcome:
    """Grade every submission the log does not hold yet; `on_row(row, reused)` hears of each graded or reused row.

    Submissions with identical files (and the same course) share one grading.
    """
    done = log.read()
    keys = [s.key(fingerprint) for s in submissions]
    copies: dict[str, list[Submission]] = {}
    for submission, key in zip(submissions, keys, strict=True):
        copies.setdefault(key, []).append(submission)
    rows: dict[str, BatchRow] = {}
    pending: dict[str, Submission] = {}
    for key, same in copies.items():
        if key in done:
            rows[key] = done[key]
            for submission in same:
                if on_row is not None:
                    on_row(_as(done[key], submission), True)
        else:
            pending[key] = same[0]
    reused = len(rows)

    def finished(key: str, row: BatchRow) -> None:
        rows[key] = row
        for submission in copies[key]:
            if on_row is not None:
                on_row(_as(row, submission), False)

    if executor == "dask" and pending:
        from grader.batch.dask_executor import grade_on_dask

        grade_on_dask(pending, course=str(course_root), scheduler=scheduler, jobs=jobs, strict=strict,
                      disabled=disabled, log=log, finished=finished)
    restarts = 0
    while pending:
        try:
            _grade_pending(pending, log, course_root, jobs, strict, disabled, finished)
        except BrokenProcessPool:
            restarts += 1
            if restarts > POOL_RESTARTS:
                raise BatchError(f"the worker processes kept dying ({restarts} times); {len(pending)} submissions are not graded") from None
    ordered = tuple(_as(rows[key], submission) for submission, key in zip(submissions, keys, strict=True))
    return BatchOutcome(ordered, graded=len(rows) - reused, reused=reused)


def _as(row: BatchRow, submission: Submission) -> BatchRow:
    """The row for this submission: identical files are graded once, and each copy gets its own row."""
    if row.submission == submission.name and row.source == submission.source:
        return row
    document = dict(row.document, workspace=submission.name) if row.document is not None else None
    return BatchRow(submission.name, submission.source, row.key, document, row.error)


def _grade_pending(pending, log, course_root, jobs, strict, disabled, finished) -> None:
    from grader.sandbox.session import SandboxRefused

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=worker.start,
                             initargs=(str(course_root), strict, disabled)) as pool:
        futures: dict[Future, str] = {pool.submit(worker.grade_submission, s, key): key for key, s in pending.items()}
        while futures:
            ready, _ = wait(futures, return_when=FIRST_COMPLETED)
            for future in ready:
                key = futures.pop(future)
                try:
                    row = future.result()
                except SandboxRefused as exc:
                    raise BatchError(f"{exc}; refusing to grade (a graded batch needs every protection)") from None
                log.append(row)
                del pending[key]
                finished(key, row)
