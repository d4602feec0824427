"""Which workspace, which course, which exercises: resolved the same way by every client."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from grader.course import Course, CourseError
from grader.paths import bundled_course_root
from grader.workspace import Workspace, WorkspaceError, course_for, find_workspace, workspace_course


class UnknownExercise(ValueError):
    """An exercise id the course does not have; the message suggests the closest one."""


def locate(workspace: Path | None, course: str | Path | None, *, graded: bool = False) -> tuple[Workspace, Course]:
    """The workspace (named, or found from here) and the course that grades it.

    The course is the one named with `course`, else the one the workspace's `grade.toml` names
    (in a graded run, only a course outside the workspace), else the bundled one. A folder
    appearing in the workspace never changes it.
    """
    found = find_workspace(explicit=workspace)
    return found, course_for(found, course_root=named_course(course), graded=graded)


def named_course(course: str | Path | None) -> Path | None:
    """The root of the course named on the command line (a folder, or an installed course's name)."""
    if course is None:
        return None
    from grader.course_packages import resolve_course

    return resolve_course(course, base=Path.cwd())


def optional_workspace(explicit: Path | None) -> Workspace | None:
    """The workspace, or None when there is none here (and none was named)."""
    try:
        return find_workspace(explicit=explicit)
    except WorkspaceError:
        if explicit is not None:
            raise
        return None


def course_root(explicit: str | Path | None, workspace: Workspace | None = None) -> Path:
    """The root of the course: the named one, else the workspace's `grade.toml` course, else the bundled one."""
    if explicit is not None:
        return named_course(explicit)
    named = workspace_course(workspace) if workspace is not None else None
    return named if named is not None else bundled_course_root()


def quiz_bank_dir(root: Path) -> Path:
    """Where a course keeps its question banks."""
    return root / "course" / "quizzes"


def ensure_bank_loads(course: Course) -> None:
    """Raise a `CourseError` (one line) when the course's question bank does not load.

    Every command that uses a course says so, rather than grading on and failing later in the
    quiz. Validating the bank costs about 30 ms, so the user's cache remembers the files' sizes and
    times from the last clean load and skips the work while they are unchanged (nothing is written
    into the workspace, which may be a submission).
    """
    folder = quiz_bank_dir(course.root)
    if not any(folder.glob("*.toml")):
        return  # a course without quizzes
    stamp = _bank_stamp(folder)
    remembered = _stamp_file(course.root)
    try:
        if remembered.read_text() == stamp:
            return
    except OSError:
        pass
    from grader.quiz.bank import bank_problems

    problems = bank_problems(folder)
    if problems:
        more = len(problems) - 1
        others = f" (and {more} more; `grade course check` lists them all)" if more else ""
        raise CourseError(f"the quiz bank does not load: {problems[0]}{others}")
    try:
        remembered.parent.mkdir(parents=True, exist_ok=True)
        remembered.write_text(stamp)
    except OSError:
        pass  # only a cache


def _stamp_file(course_root: Path) -> Path:
    import hashlib
    import os

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "grade"
    return cache / f"bank-ok-{hashlib.sha256(str(course_root).encode()).hexdigest()[:16]}"


def _bank_stamp(folder: Path) -> str:
    """The names, sizes and change times of the files the bank is read from, as one line."""
    files = [*sorted(folder.glob("*.toml")), folder.parent / "course.toml", *sorted((folder.parent / "figures").glob("*.py"))]
    parts = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def exercise_ids(ids: Sequence[str], course: Course) -> list[str]:
    """The named ids, in order and without repeats; `UnknownExercise` for one the course lacks."""
    known = list(course.exercises)
    for exercise_id in ids:
        if exercise_id not in course.exercises:
            close = difflib.get_close_matches(exercise_id, known, n=1)
            suggestion = f" (did you mean {close[0]}?)" if close else f" (`grade list` shows the {len(known)} exercises)"
            raise UnknownExercise(f"unknown exercise {exercise_id!r}{suggestion}")
    return list(dict.fromkeys(ids))
