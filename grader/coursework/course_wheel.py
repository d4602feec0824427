"""`grade course package`: a course folder as a wheel students `pip install`, found by its entry point.

The wheel holds one package, `grade_course_<name>`, whose folder is the course root (its
`course/`, `exercises/` and `solutions/`), and declares it in the `grade.courses` entry point
group under the course's name. Checks marked `visibility = "hidden"` are left out of a wheel for
students (the autograder's copy keeps them): their specs lose those tables, and their points.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from grader.course_packages import ENTRY_POINT_GROUP
from grader.wheel_writer import package_files, write_wheel

PACKAGED = ("course", "exercises", "solutions")
"""The folders of a course root that go into the wheel."""


class PackagingError(Exception):
    """The course cannot be packaged; `str()` is one line."""


@dataclass(frozen=True)
class CourseWheel:
    path: Path
    """The wheel written."""
    name: str
    """The course's name: what students pass to `grade init --course`."""
    package: str
    """The importable package inside the wheel."""
    files: int
    """How many course files it holds."""
    hidden_left_out: int = 0
    """How many hidden checks were left out."""


def course_name(root: Path) -> str:
    """The name a course folder is packaged under by default: its folder's name, in lower-case words joined by -."""
    return re.sub(r"[^a-z0-9]+", "-", root.name.lower()).strip("-") or "course"


def build_course_wheel(root: Path, out_dir: Path, *, name: str, version: str, title: str,
                       keep_hidden: bool = False) -> CourseWheel:
    """Write `grade_course_<name>-<version>-py3-none-any.whl` for the course at `root` into `out_dir`."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        raise PackagingError(f"{name!r} is not a course name (lower-case letters and digits, words joined by -)")
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        raise PackagingError(f"{version!r} is not a version (numbers joined by dots, e.g. 1.0.2)")
    package = "grade_course_" + name.replace("-", "_")
    files = [(f"{package}/__init__.py", f'"""The course {title!r}, packaged for `grade` (`grade init DIR --course {name}`)."""\n'.encode())]
    left_out = 0
    specs = re.compile(rf"^{re.escape(package)}/course/exercises/[^/]+\.toml$")
    for member, data in (entry for folder in PACKAGED for entry in package_files(root / folder, f"{package}/{folder}")):
        if not keep_hidden and specs.match(member):
            text, removed = without_hidden_checks(data.decode("utf-8"))
            data, left_out = text.encode("utf-8"), left_out + removed
        files.append((member, data))
    wheel = write_wheel(out_dir, distribution=package, version=version, summary=f"{title} (a course for grade)",
                        files=files, requires=("grade",), entry_points={ENTRY_POINT_GROUP: {name: package}})
    return CourseWheel(wheel, name, package, len(files) - 1, left_out)


_TABLE = re.compile(r"^\[\[?([A-Za-z0-9_.]+)\]\]?\s*(#.*)?$")


def without_hidden_checks(text: str) -> tuple[str, int]:
    """The spec's text without its hidden `[[checks]]` tables (and their sub-tables), points adjusted.

    The text is cut at table headers, so comments and layout elsewhere are kept as written.
    """
    data = tomllib.loads(text)
    checks = data.get("checks", [])
    hidden = [i for i, c in enumerate(checks) if isinstance(c, dict) and c.get("visibility") == "hidden"]
    if not hidden:
        return text, 0
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    index, dropping = -1, False
    for line in lines:
        header = _TABLE.match(line.strip())
        if header:
            table = header.group(1)
            if line.strip().startswith("[[") and table == "checks":
                index += 1
                dropping = index in hidden
            elif not table.startswith("checks."):
                dropping = False
        if not dropping:
            kept.append(line)
    result = "".join(kept)
    removed_points = sum(float(checks[i].get("points", 0)) for i in hidden)
    total = float(data["points"]) - removed_points
    result, replaced = re.subn(r"(?m)^points\s*=\s*[0-9.eE+-]+", f"points = {total:g}", result, count=1)
    if not replaced or len(tomllib.loads(result).get("checks", [])) != len(checks) - len(hidden):
        raise PackagingError("could not leave the hidden checks out of a spec; keep them with --keep-hidden")
    return result, len(hidden)
