"""Scale-out on dask.distributed: the same batch, with each submission a task on a cluster's workers.

Each dask worker becomes a warm grader once (a worker plugin loads the course and starts the
zygote); `grade_submission` then runs as an ordinary task. Dask itself reschedules the tasks of a
worker that dies, so a lost worker loses no submission. Without a scheduler address, a
`LocalCluster` of `jobs` single-threaded worker processes is started on this machine.

Workers need `grade` (with the `dask` extra) and the course: name an installed course (a package
every worker has) or a folder at the same path on every worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from grader.batch import worker
from grader.batch.log import BatchRow, ResultLog
from grader.batch.submissions import Submission


class DaskUnavailable(Exception):
    """dask.distributed is not installed; `str()` says how to get it."""


def _grade_task(submission: Submission, key: str) -> BatchRow:
    return worker.grade_submission(submission, key)


@dataclass
class _WarmGrader:
    """A dask worker plugin: load the course and warm the sandbox when a worker starts."""

    course: str | None
    strict: bool
    disabled: tuple[str, ...]
    name: str = "grade-warm-grader"

    def setup(self, worker=None) -> None:  # noqa: ANN001 - dask's WorkerPlugin protocol
        from grader.batch import worker as grading

        grading.start(self.course, self.strict, self.disabled)


def grade_on_dask(
    pending: dict[str, Submission],
    *,
    course: str | None,
    scheduler: str | None,
    jobs: int,
    strict: bool,
    disabled: tuple[str, ...],
    log: ResultLog,
    finished: Callable[[str, BatchRow], None],
) -> None:
    """Grade every pending submission on the cluster, logging each row as it arrives."""
    try:
        from distributed import Client, LocalCluster, as_completed
        from distributed.diagnostics.plugin import WorkerPlugin
    except ImportError:
        raise DaskUnavailable("the dask executor needs dask.distributed: pip install 'grade[dask]'") from None

    plugin_class = type("WarmGrader", (_WarmGrader, WorkerPlugin), {})
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=50)
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            client.register_plugin(plugin_class(course, strict, disabled))
            keys = list(pending)
            futures = client.map(_grade_task, [pending[k] for k in keys], keys, key=[f"grade-{k}" for k in keys], pure=False)
            by_future = dict(zip(futures, keys, strict=True))
            for future in as_completed(futures):
                row = future.result()
                key = by_future[future]
                log.append(row)
                del pending[key]
                finished(key, row)
    finally:
        if cluster is not None:
            cluster.close()
