"""Courses installed as Python packages, found through the `grade.courses` entry point group.

An instructor ships a course to students as a package they `pip install`: its folder holds the
course's `course/`, `exercises/` and `solutions/`, and its distribution declares

    [project.entry-points."grade.courses"]
    deep-learning-101 = "dl101_course"

The name on the left is what students pass to `grade init --course` (and what `grade.toml`
records); the value is the package whose folder is the course root. The package is located, not
imported: finding a course never runs its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ENTRY_POINT_GROUP = "grade.courses"


class CourseNotFound(Exception):
    """Neither a course folder nor an installed course has this name; `str()` is one line."""


@dataclass(frozen=True)
class InstalledCourse:
    """One course an installed distribution offers."""

    name: str
    """The entry point's name: what `--course` and `grade.toml` use."""
    package: str
    """The importable package whose folder is the course root."""
    distribution: str
    """The installed distribution that declares it (`pip show` this name)."""
    root: Path | None
    """The course root, or None when the package cannot be found."""


def installed_courses() -> list[InstalledCourse]:
    """Every course declared by an installed distribution, sorted by name."""
    from importlib.metadata import entry_points

    found = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        distribution = entry.dist.name if entry.dist is not None else "?"
        found.append(InstalledCourse(entry.name, entry.module, distribution, _package_folder(entry.module)))
    return sorted(found, key=lambda c: c.name)


def _package_folder(package: str) -> Path | None:
    """The folder of an importable package, found without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package) if "." not in package else None
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]).resolve() if len(locations) == 1 else None


def looks_like_name(text: str) -> bool:
    """Whether `text` could be an installed course's name rather than a path."""
    return bool(text) and "/" not in text and "\\" not in text and not text.startswith((".", "~"))


def resolve_course(text: str | Path, *, base: Path | None = None) -> Path:
    """The course root that `text` names: a course folder (relative to `base`), else an installed course.

    A folder that exists wins over an installed course of the same name, as a path does in a shell.
    """
    path = Path(text).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.is_dir():
        return path.resolve()
    name = str(text)
    if looks_like_name(name):
        courses = installed_courses()
        for course in courses:
            if course.name == name:
                if course.root is None:
                    raise CourseNotFound(f"the installed course {name!r} names the package {course.package!r}, which is not importable")
                return course.root
        known = ", ".join(c.name for c in courses) or "none"
        raise CourseNotFound(f"no course folder {name!r} here and no installed course of that name (installed: {known}; `grade course list`)")
    raise CourseNotFound(f"{path} is not a folder (name a course folder or an installed course)")
