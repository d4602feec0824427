"""A batch worker: a process that keeps one loaded course and one warm zygote for many submissions.

`start` runs once per worker process; `grade_submission` then grades each submission it is sent
in a fresh temporary workspace holding only the submission's exercise files, and returns the row
as plain data. Verdicts are computed here, in the grader's process, from the children's replies.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from grader.batch.log import BatchRow
from grader.batch.submissions import Submission


@dataclass
class _Worker:
    course: object
    options: object


_WORKER: _Worker | None = None


def start(course: str | None, strict: bool, disabled: tuple[str, ...]) -> None:
    """Load the course (a folder or an installed course's name; the bundled one for None) and warm
    the sandbox for this process (a pool's initializer, or a dask worker's plugin)."""
    global _WORKER
    from grader.course import load_course
    from grader.coursework.locate import named_course
    from grader.engine import GradingOptions
    from grader.sandbox.policy import Mechanism, SandboxPolicy
    from grader.sandbox.zygote_client import warm_up

    policy = SandboxPolicy(frozenset(Mechanism(name) for name in disabled))
    warm_up(policy)
    if strict:
        from grader.sandbox.identity import set_non_dumpable

        set_non_dumpable()
    loaded = load_course(named_course(course))
    _WORKER = _Worker(loaded, GradingOptions(strict=strict, policy=policy, hidden_checks=True))


def grade_submission(submission: Submission, key: str, *, threads: int = 1) -> BatchRow:
    """Grade one submission with the worker's course; a problem of the submission is an error row.

    `key` is the submission's key (`Submission.key`), computed once by the batch that sends it.
    """
    from grader.engine import grade
    from grader.report.json_report import to_document
    from grader.sandbox.session import SandboxRefused
    from grader.snapshot import SnapshotError
    from grader.workspace import Workspace

    assert _WORKER is not None, "start() runs first"
    if submission.problem is not None:
        return BatchRow(submission.name, submission.source, key, error=submission.problem)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="grade-batch-") as folder:
        exercises = Path(folder) / "exercises"
        exercises.mkdir()
        (exercises / "__init__.py").write_text("")
        for exercise_id, data in submission.files.items():
            (exercises / f"{exercise_id}.py").write_bytes(data)
        try:
            run = grade(_WORKER.course, Workspace(Path(folder)), options=_WORKER.options, workers=threads)
        except SandboxRefused:
            raise  # the machine, not the submission: the batch stops
        except SnapshotError as exc:
            return BatchRow(submission.name, submission.source, key, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - one submission's failure must not end the batch
            return BatchRow(submission.name, submission.source, key, error=f"internal error, not the submission: {type(exc).__name__}: {exc}")
    document = to_document(run)
    document["workspace"] = submission.name
    document["duration_s"] = round(time.perf_counter() - started, 3)
    return BatchRow(submission.name, submission.source, key, document=document)
