"""Grade exercises: for each, open the student's code in the sandbox and run every check of its spec."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime, timezone

from grader.checks import run_check
from grader.checks.base import CheckContext, StudentCode
from grader.course import Course
from grader.results import CheckResult, ExerciseResult, ExerciseStatus, GradeRun, Reason, exercise_status
from grader.sandbox.session import ImportFailed, Limits, TimedOut, Zygote, shared_zygote
from grader.workspace import Workspace


def grade_exercise(course: Course, exercise_id: str, workspace: Workspace, *, zygote: Zygote | None = None) -> ExerciseResult:
    """Run every check of one exercise against the student's file and sum up the verdict."""
    spec = course.exercise(exercise_id)
    started = time.perf_counter()
    path = workspace.exercise_file(exercise_id)
    if not path.is_file():
        check = CheckResult("file present", "file", Reason.MISSING, 0.0, spec.points,
                            f"exercises/{exercise_id}.py is missing: `grade reset {exercise_id}` puts the stub back")
        return ExerciseResult(spec.id, spec.title, spec.topic, ExerciseStatus.ERROR, 0.0, spec.points,
                              time.perf_counter() - started, (check,), check.summary)
    limits = Limits(
        time_s=spec.limits.time_s,
        memory_mb=spec.limits.memory_mb,
        cpu_s=int(spec.limits.time_s * (len(spec.checks) + 2)) + 5,
    )
    student = StudentCode(zygote or shared_zygote(), workspace=workspace.root, exercise_id=exercise_id, limits=limits)
    ctx = CheckContext(course, spec, student, workspace.root)
    results: list[CheckResult] = []
    try:
        for check in spec.checks:
            if student.import_problem is not None and check.kind != "imports":
                # The file could not be imported: the first check said why, the rest would repeat it.
                results.append(CheckResult(check.name, check.kind, Reason.SKIPPED, 0.0, check.points,
                                           f"not run: exercises/{exercise_id}.py could not be imported (see above)"))
                continue
            results.append(run_check(check, ctx))
    finally:
        output = student.close()
    checks = tuple(results)
    problem = student.import_problem
    status = exercise_status(
        checks,
        import_failed=problem is not None and not isinstance(problem, TimedOut),
        import_timed_out=isinstance(problem, TimedOut),
    )
    if status is ExerciseStatus.NOT_STARTED:
        # A static check (imports) passes on an untouched stub; it is not judged before the code is written.
        checks = tuple(
            CheckResult(c.name, c.kind, Reason.NOT_IMPLEMENTED, 0.0, c.max_points, f"not judged until exercises/{exercise_id}.py is written")
            if c.passed else c
            for c in checks
        )
    score = 0.0 if status is ExerciseStatus.NOT_STARTED else sum(c.points for c in checks)
    return ExerciseResult(
        spec.id, spec.title, spec.topic, status, score, spec.points, time.perf_counter() - started,
        checks, one_line_feedback(exercise_id, status, checks, isinstance(problem, ImportFailed)), output,
    )


def one_line_feedback(exercise_id: str, status: ExerciseStatus, checks: Sequence[CheckResult], import_failed: bool) -> str:
    """The single line a table or a JSON report shows for an exercise."""
    if status is ExerciseStatus.PASSED:
        return f"all {len(checks)} checks pass"
    if status is ExerciseStatus.NOT_STARTED:
        return f"not started: exercises/{exercise_id}.py still raises NotImplementedError"
    first = next(c for c in checks if not c.passed and c.reason is not Reason.SKIPPED)
    if import_failed:
        return first.summary
    line = f"{first.name}: {first.summary}"
    if first.hint:
        line += f". Hint: {first.hint}"
    return line


def grade(
    course: Course,
    workspace: Workspace,
    exercise_ids: Sequence[str] | None = None,
    *,
    on_result: Callable[[ExerciseResult], None] | None = None,
    workers: int | None = None,
) -> GradeRun:
    """Grade the named exercises (all of them, in course order, by default).

    Two exercises are graded at a time (one per core): while one child process trains the Iris
    network, the grader compares another exercise's results. The report keeps course order.
    """
    started_at = datetime.now(timezone.utc)
    started = time.perf_counter()
    zygote = shared_zygote()
    ids = list(exercise_ids or course.exercises)
    workers = workers or min(2, os.cpu_count() or 1, len(ids)) or 1
    results: list[ExerciseResult | None] = [None] * len(ids)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grade") as pool:
        futures = {pool.submit(grade_exercise, course, exercise_id, workspace, zygote=zygote): index for index, exercise_id in enumerate(ids)}
        for future in as_completed(futures):
            result = future.result()
            results[futures[future]] = result
            if on_result is not None:
                on_result(result)
    return GradeRun(workspace.root, tuple(r for r in results if r is not None), started_at, time.perf_counter() - started)
