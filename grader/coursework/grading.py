"""Grade with the revealed hints attached, record the run, and watch exercise files for changes.

The report comes first and the record second, so a progress store that fails costs the record,
never the report: `attach_hints` and `record_run` each say what went wrong instead of raising.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from grader.course import Course
from grader.engine import GradingOptions, grade, grade_exercise
from grader.progress import ProgressError, ProgressStore
from grader.results import ExerciseResult, GradeRun
from grader.workspace import Workspace

APP_COMMAND = "grade quiz (app)"
"""How runs started from the app are named in the progress store's `runs.command`."""


@dataclass(frozen=True)
class HintCount:
    """How many of an exercise's hints are revealed."""

    shown: int
    total: int


@dataclass(frozen=True)
class Graded:
    """A run with its revealed hints attached, ready to report and then record."""

    run: GradeRun
    hint_counts: dict[str, HintCount]
    problem: str | None = None
    """Why the revealed hints could not be read (a damaged progress store), if they could not."""


def _store(workspace: Workspace) -> ProgressStore:
    from grader.quiz.schema import ensure_schema

    return ProgressStore.open(workspace.state_dir, extra_schema=(ensure_schema,))


def open_store(workspace: Workspace) -> ProgressStore:
    """The workspace's progress store, with the quiz tables too (every client shares one schema)."""
    return _store(workspace)


def attach_hints(run: GradeRun, course: Course, workspace: Workspace) -> Graded:
    """The run with every graded exercise's revealed hints, as the reports show them."""
    problem = None
    try:
        store = _store(workspace)
        try:
            shown = {r.id: store.revealed_hints(r.id) for r in run.results}
        finally:
            store.close()
    except ProgressError as exc:
        problem, shown = str(exc), {}
    hints = {r.id: tuple(course.exercise(r.id).hints[: shown.get(r.id, 0)]) for r in run.results}
    counts = {r.id: HintCount(shown.get(r.id, 0), len(course.exercise(r.id).hints)) for r in run.results}
    return Graded(dataclasses.replace(run, revealed_hints=hints), counts, problem)


def grade_with_hints(
    course: Course, workspace: Workspace, ids: Sequence[str] | None = None, *, options: GradingOptions | None = None
) -> Graded:
    """Grade the named exercises (all by default) and attach their revealed hints."""
    return attach_hints(grade(course, workspace, list(ids) if ids else None, options=options), course, workspace)


def record_run(run: GradeRun, workspace: Workspace, command: str) -> str | None:
    """Store the run in the workspace's progress; the reason when that failed, else None."""
    try:
        store = _store(workspace)
    except ProgressError as exc:
        return str(exc)
    try:
        store.record_run(run, command)
    except Exception as exc:  # noqa: BLE001 - the report is out already; say why the record is not
        return f"the results were not recorded in {store.path} ({exc})"
    finally:
        store.close()
    return None


def grade_and_record(
    workspace: Workspace, course: Course, exercise_id: str, *, options: GradingOptions | None = None,
    command: str = APP_COMMAND,
) -> ExerciseResult:
    """Grade one exercise and store the result, with a store connection of this call's own.

    Meant for worker threads (the app grades in one): it touches no caller's connection. A store
    that cannot be written raises `ProgressError` after the result was computed.
    """
    started_at = datetime.now(UTC)
    result = grade_exercise(course, exercise_id, workspace, options=options)
    run = GradeRun(workspace.root, (result,), started_at, result.duration_s)
    problem = record_run(run, workspace, f"{command} {exercise_id}")
    if problem is not None:
        raise ProgressError(problem)
    return result


class Watcher:
    """Notices which exercise files were saved since it last looked."""

    def __init__(self, workspace: Workspace, ids: Sequence[str], *, interval: float = 0.3) -> None:
        self.workspace = workspace
        self.ids = list(ids)
        self.interval = interval
        self._seen = self._mtimes()

    def _mtimes(self) -> dict[str, int]:
        times = {}
        for exercise_id in self.ids:
            try:
                times[exercise_id] = self.workspace.exercise_file(exercise_id).stat().st_mtime_ns
            except OSError:
                times[exercise_id] = -1
        return times

    def changed(self) -> list[str]:
        """The ids whose files changed since the last look (without waiting)."""
        current = self._mtimes()
        changed = [i for i in self.ids if current.get(i) != self._seen.get(i)]
        self._seen = current
        return changed

    def changes(self) -> Iterator[list[str]]:
        """Block until files change; yield the changed ids each time (after a short settling pause)."""
        while True:
            time.sleep(self.interval)
            changed = self.changed()
            if not changed:
                continue
            time.sleep(self.interval)  # debounce: editors often write a file in several steps
            later = self.changed()
            yield [i for i in self.ids if i in changed or i in later]
