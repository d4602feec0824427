"""Where the bundled course lives, in a source checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_course_root() -> Path:
    """The folder that holds `course/`, `exercises/` and `solutions/` of the shipped course.

    A source checkout (or an editable install of one) has them next to the `grader/` package;
    a wheel carries a copy in `_grade_course/` beside it in site-packages.
    """
    source = _PACKAGE_DIR.parent
    if (source / "course" / "course.toml").is_file():
        return source
    return source / "_grade_course"
