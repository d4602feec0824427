"""The student's workspace: find it, create it, restore a stub, and pick the course that grades it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from grader.course import Course, load_course

STATE_DIR = ".grade"


class WorkspaceError(Exception):
    """The workspace is missing or unusable; `str()` is a one-line reason."""


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def exercises_dir(self) -> Path:
        return self.root / "exercises"

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def exercise_file(self, exercise_id: str) -> Path:
        return self.exercises_dir / f"{exercise_id}.py"



def find_workspace(start: Path | None = None, explicit: Path | None = None) -> Workspace:
    """The given folder, or the nearest folder at or above `start` that holds `exercises/`."""
    if explicit is not None:
        root = explicit.expanduser().resolve()
        if not (root / "exercises").is_dir():
            raise WorkspaceError(f"{root} is not a grade workspace (it has no exercises/ folder); create one with `grade init DIR`")
        return Workspace(root)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir():
            return Workspace(folder)
    raise WorkspaceError(f"no grade workspace here or above {here} (no exercises/ folder); create one with `grade init DIR`")


SETTINGS_FILE = "grade.toml"


def workspace_course(workspace: Workspace) -> Path | None:
    """The course named in the workspace's `grade.toml` (`course = "DIR"` or an installed course's
    name), written by `grade init --course`.

    A path relative to the workspace is resolved against it. A broken file, or a course that is
    not there, is a `WorkspaceError`.
    """
    import tomllib

    path = workspace.root / SETTINGS_FILE
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise WorkspaceError(f"{path}: cannot be read ({exc})") from None
    unknown = sorted(set(data) - {"course"})
    if unknown:
        raise WorkspaceError(f"{path}: unknown setting {unknown[0]!r} (the one setting is `course`)")
    course = data.get("course")
    if course is None:
        return None
    if not isinstance(course, str) or not course.strip():
        raise WorkspaceError(f"{path}: course: a folder path or an installed course's name, as text")
    from grader.course_packages import CourseNotFound, resolve_course

    try:
        return resolve_course(course, base=workspace.root)
    except CourseNotFound as exc:
        raise WorkspaceError(f"{path}: course: {exc}") from None


def course_for(workspace: Workspace, *, course_root: Path | None = None, graded: bool = False) -> Course:
    """The course that grades `workspace`: the one at `course_root` if named, else the one its
    `grade.toml` names, else the bundled one.

    Never the workspace's own folders: a `course/` that appears in a submission does not change
    which course grades it. A graded run refuses a `grade.toml` that names a course inside the
    workspace (a submission cannot bring its own course); the instructor names it with `--course`.
    """
    if course_root is None:
        course_root = workspace_course(workspace)
        if course_root is not None and graded and course_root.is_relative_to(workspace.root.resolve()):
            raise WorkspaceError(
                f"{workspace.root / SETTINGS_FILE}: names a course inside the workspace, which a graded run does"
                " not accept; name the course with --course"
            )
    return load_course(course_root.expanduser().resolve() if course_root is not None else None)


def init_workspace(target: Path, course: Course, *, name_course: str | None = None) -> Workspace:
    """Create a fresh workspace with every stub and the course data; never overwrite anything.

    Only what students need is copied: stubs and data, never references. With `name_course` (a
    course folder or an installed course's name), the workspace's `grade.toml` records it, so
    `grade` there grades against that course.
    """
    target = target.expanduser().resolve()
    if target.exists() and any(target.iterdir()):
        raise WorkspaceError(f"{target} already exists and is not empty; choose a new folder")
    exercises = target / "exercises"
    exercises.mkdir(parents=True, exist_ok=True)
    (exercises / "__init__.py").write_text('"""Your exercise files: fill in each stub, then run `grade`."""\n')
    for exercise_id in course.exercises:
        shutil.copyfile(course.stub_path(exercise_id), exercises / f"{exercise_id}.py")
    source_data = course.root / "course" / "data"
    if source_data.is_dir():
        data = target / "data"
        data.mkdir()
        for item in source_data.iterdir():
            if item.is_file():
                shutil.copyfile(item, data / item.name)
    (target / "README.md").write_text(_WORKSPACE_README.format(title=course.title))
    (target / ".gitignore").write_text(".grade/\n__pycache__/\n")
    if name_course:
        import json

        (target / SETTINGS_FILE).write_text(
            "# The course this workspace is graded against (written by `grade init --course`).\n"
            f"course = {json.dumps(name_course)}\n"
        )
    return Workspace(target)


def reset_exercise(workspace: Workspace, course: Course, exercise_id: str) -> Path | None:
    """Put the stub back; the student's file is kept as `.grade/backups/<id>-<time>.py` (returned)."""
    current = workspace.exercise_file(exercise_id)
    backup = None
    if current.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        backups = workspace.state_dir / "backups"
        backups.mkdir(parents=True, exist_ok=True)
        backup = backups / f"{exercise_id}-{stamp}.py"
        shutil.copy2(current, backup)
    tmp = current.with_suffix(".py.tmp")
    shutil.copyfile(course.stub_path(exercise_id), tmp)
    tmp.replace(current)
    return backup


_WORKSPACE_README = """# {title}: your workspace

Fill in the files in `exercises/` (each stub says what to build and where the notes cover it),
then run `grade` in this folder. `grade ID` grades one exercise, `grade hint ID` reveals the next
hint, `grade watch` re-grades on every save, `grade quiz` opens the quizzes and your progress.

`data/iris.csv` is the Iris data for the completion assignment (see `data/README.md`).
Your progress is kept in `.grade/`.
"""
