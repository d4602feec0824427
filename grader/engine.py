"""Grade exercises: for each, open the student's code in the sandbox and run every check of its spec.

Before any student code runs, the course's trusted implementations are read into memory and the
submission is copied into a snapshot; the sandbox child sees only the snapshot. One exercise can
never cost the others their report: a zygote that dies mid-run is restarted and the exercise
graded again, and any other failure of ours becomes an `error` result for that exercise alone.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timezone

from grader.checks import run_check
from grader.checks.base import CheckContext, CheckOutcome, StudentCode
from grader.course import Course
from grader.diagnosis import diagnose
from grader.feedback import failed_result
from grader.results import (
    CheckResult,
    ExerciseResult,
    ExerciseStatus,
    GradeRun,
    GraderKind,
    Reason,
    SandboxReport,
    exercise_status,
)
from grader.spec import CheckKind
from grader.safe_text import scrub
from grader.sandbox.policy import DEFAULT_POLICY, SandboxPolicy
from grader.sandbox.session import ImportFailed, Limits, SandboxRefused, TimedOut, Zygote, ZygoteLost, shared_zygote
from grader.snapshot import Snapshot
from grader.workspace import Workspace

ZYGOTE_RETRIES = 2


@dataclass(frozen=True)
class GradingOptions:
    """How to grade: which sandbox to use and how much to trust the machine."""

    strict: bool = False
    """A graded run: refuse (`SandboxRefused`) when any protection is off."""
    zygote: Zygote | None = None
    """The zygote to fork children from; the process-wide one for the policy when None."""
    policy: SandboxPolicy = DEFAULT_POLICY
    hidden_checks: bool = False
    """Run the checks marked `visibility = "hidden"` (a graded run does; a student's own run does not)."""


def grade_exercise(
    course: Course,
    exercise_id: str,
    workspace: Workspace,
    *,
    zygote: Zygote | None = None,
    options: GradingOptions | None = None,
    snapshot: Snapshot | None = None,
) -> ExerciseResult:
    """Grade one exercise; never raises for anything but a refused graded run."""
    options = options or GradingOptions(zygote=zygote)
    if snapshot is None:
        course.capture([exercise_id])
        with Snapshot(workspace.root) as own:
            return grade_exercise(course, exercise_id, workspace, options=options, snapshot=own)
    current = options.zygote or shared_zygote(options.policy)
    for attempt in range(ZYGOTE_RETRIES + 1):
        try:
            return _grade_exercise(course, exercise_id, snapshot, current, options)
        except ZygoteLost as lost:
            if attempt == ZYGOTE_RETRIES:
                return internal_error(course, exercise_id, f"the sandbox kept stopping ({lost})")
            current = shared_zygote(current.policy) if options.zygote is None else Zygote(current.policy)
        except SandboxRefused:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug of ours must cost this exercise only, and say so
            return internal_error(course, exercise_id, f"{type(exc).__name__}: {exc}")
    raise AssertionError("unreachable")


def internal_error(course: Course, exercise_id: str, what: str) -> ExerciseResult:
    """The result for an exercise the grader itself failed to grade: an error, with one line saying so."""
    line = scrub(" ".join(what.split()), 300)
    summary = f"internal error while grading (not your code): {line}; please report it"
    return _not_graded(course, exercise_id, "grading", GraderKind.INTERNAL, Reason.CRASHED, summary, 0.0)


def _not_graded(course: Course, exercise_id: str, name: str, kind: GraderKind, reason: Reason, summary: str,
                duration_s: float) -> ExerciseResult:
    """An exercise that could not be graded at all: an error whose one check says why."""
    spec = course.exercise(exercise_id)
    check = failed_result(name, kind, reason, spec.points, summary)
    return ExerciseResult(
        id=spec.id,
        title=spec.title,
        topic=spec.topic,
        status=ExerciseStatus.ERROR,
        score=0.0,
        max_score=spec.points,
        duration_s=duration_s,
        checks=(check,),
        feedback=summary,
        position=course.position(exercise_id),
    )


def _grade_exercise(
    course: Course, exercise_id: str, snapshot: Snapshot, zygote: Zygote, options: GradingOptions
) -> ExerciseResult:
    """Run every check of one exercise against the snapshot of the student's file and sum up the verdict."""
    spec = course.exercise(exercise_id)
    started = time.perf_counter()
    path = snapshot.exercise_file(exercise_id)
    if not path.is_file() and not path.is_symlink():
        summary = f"exercises/{exercise_id}.py is missing: `grade reset {exercise_id}` puts the stub back"
        return _not_graded(course, exercise_id, "file present", GraderKind.FILE, Reason.MISSING, summary,
                           time.perf_counter() - started)
    limits = Limits(
        time_s=spec.limits.time_s,
        memory_mb=spec.limits.memory_mb,
        cpu_s=int(spec.limits.time_s * (len(spec.checks) + 2)) + 5,
    )
    student = StudentCode(
        zygote,
        workspace=snapshot.root,
        exercise_id=exercise_id,
        limits=limits,
        packages=tuple(course.spec.packages),
        strict=options.strict,
    )
    ctx = CheckContext(course, spec, student, snapshot.root)
    outcomes: list[CheckOutcome] = []
    checks_run = [(position, check) for position, check in enumerate(spec.checks, start=1)
                  if options.hidden_checks or check.visibility != "hidden"]
    max_score = sum(check.points for _, check in checks_run)
    try:
        for position, check in checks_run:
            if student.import_problem is not None and check.kind is not CheckKind.IMPORTS:
                # The file could not be imported: the first check said why, the rest would repeat it.
                outcome = CheckOutcome(failed_result(check.name, check.kind, Reason.SKIPPED, check.points,
                                                     f"not run: exercises/{exercise_id}.py could not be imported (see above)"))
            else:
                outcome = run_check(check, ctx)
            outcome = dataclasses.replace(outcome, result=dataclasses.replace(
                outcome.result, visibility=check.visibility, position=position))
            outcomes.append(outcome)
    finally:
        output = student.close()
    checks = diagnose(outcomes, ctx)
    problem = student.import_problem
    status = exercise_status(
        checks,
        import_failed=problem is not None and not isinstance(problem, TimedOut),
        import_timed_out=isinstance(problem, TimedOut),
    )
    if status is ExerciseStatus.NOT_STARTED:
        # A static check (imports) passes on an untouched stub; it is not judged before the code is written.
        checks = tuple(
            dataclasses.replace(c, reason=Reason.NOT_IMPLEMENTED, points=0.0,
                                summary=f"not judged until exercises/{exercise_id}.py is written", details=(), notes=())
            if c.passed
            else c
            for c in checks
        )
    score = 0.0 if status is ExerciseStatus.NOT_STARTED else sum(c.points for c in checks)
    return ExerciseResult(
        id=spec.id,
        title=spec.title,
        topic=spec.topic,
        status=status,
        score=score,
        max_score=max_score,
        duration_s=time.perf_counter() - started,
        checks=checks,
        feedback=one_line_feedback(exercise_id, status, checks, isinstance(problem, ImportFailed)),
        output=output,
        protections=student.protections,
        position=course.position(exercise_id),
    )


def one_line_feedback(
    exercise_id: str, status: ExerciseStatus, checks: Sequence[CheckResult], import_failed: bool
) -> str:
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
    options: GradingOptions | None = None,
) -> GradeRun:
    """Grade the named exercises (all of them, in course order, by default).

    Two exercises are graded at a time (one per core): while one child process trains the Iris
    network, the grader compares another exercise's results. The report keeps course order.
    """
    options = options or GradingOptions()
    started_at = datetime.now(timezone.utc)
    started = time.perf_counter()
    ids = list(exercise_ids or course.exercises)
    fingerprint = course.capture(ids)
    workers = workers or min(2, os.cpu_count() or 1, len(ids)) or 1
    results: list[ExerciseResult | None] = [None] * len(ids)
    with (
        Snapshot(workspace.root) as snapshot,
        ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grade") as pool,
    ):
        futures = {
            pool.submit(grade_exercise, course, exercise_id, workspace, options=options, snapshot=snapshot): index
            for index, exercise_id in enumerate(ids)
        }
        for future in as_completed(futures):
            result = future.result()
            results[futures[future]] = result
            if on_result is not None:
                on_result(result)
    done = tuple(r for r in results if r is not None)
    protections = next((r.protections for r in done if r.protections is not None), None)
    sandbox = SandboxReport(strict=options.strict, protections=protections)
    return GradeRun(
        workspace.root, done, started_at, time.perf_counter() - started, course_fingerprint=fingerprint, sandbox=sandbox
    )
