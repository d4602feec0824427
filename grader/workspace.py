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


def course_for(workspace: Workspace, *, course_root: Path | None = None) -> Course:
    """The course that grades `workspace`: the one at `course_root` if named, else the bundled one.

    Never the workspace's own folders: a `course/` that appears in a submission does not change
    which course grades it.
    """
    return load_course(course_root.expanduser().resolve() if course_root is not None else None)


def init_workspace(target: Path, course: Course) -> Workspace:
    """Create a fresh workspace with every stub and the course data; never overwrite anything."""
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
