"""`grade batch --executor dask`: the same results on a LocalCluster of 2 workers, and no submission
lost when a worker is killed in the middle."""

from __future__ import annotations

import json
import os
import signal
import threading

from grader.batch.log import ResultLog
from grader.batch.runner import run_batch
from grader.batch.submissions import find_submissions
from grader.course import load_course
from tests.conftest import SAMPLE_COURSE

from .conftest import make_class

def comparable(rows) -> list[dict]:
    out = []
    for row in rows:
        document = json.loads(json.dumps(row.document)) if row.document is not None else {"error": row.error}
        document.pop("duration_s", None)
        for exercise in document.get("exercises", []):
            exercise.pop("duration_s", None)
        out.append(document)
    return out


def batch(tmp_path, name, submissions, **kwargs):
    course = load_course(SAMPLE_COURSE)
    return run_batch(submissions, course_root=course.root, fingerprint=course.capture(list(course.exercises)),
                     log=ResultLog(tmp_path / name), jobs=2, **kwargs)


def test_dask_and_the_local_pool_give_the_same_results(tmp_path):
    submissions = find_submissions([p.path for p in make_class(tmp_path / "class")], ["doubling"])
    local = batch(tmp_path, "local", submissions)
    on_dask = batch(tmp_path, "dask", submissions, executor="dask")
    assert on_dask.graded == local.graded == 40
    assert comparable(on_dask.rows) == comparable(local.rows)


def test_a_worker_killed_mid_batch_loses_no_submission(tmp_path):
    from distributed import Client, LocalCluster

    submissions = find_submissions([p.path for p in make_class(tmp_path / "class")], ["doubling"])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50) as cluster, \
            Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        killed = threading.Event()

        def on_row(row, reused):
            if not killed.is_set():
                killed.set()
                os.kill(pids[0], signal.SIGKILL)

        outcome = batch(tmp_path, "killed", submissions, executor="dask", scheduler=cluster.scheduler_address, on_row=on_row)
    assert killed.is_set()
    assert outcome.graded == 40 and all(row.ok for row in outcome.rows)
    lines = (tmp_path / "killed" / "results.jsonl").read_text().splitlines()
    assert len({json.loads(line)["key"] for line in lines}) == 40
