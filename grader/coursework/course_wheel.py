"""`grade course package`: a course folder as a wheel students `pip install`, found by its entry point.

The wheel holds one package, `grade_course_<name>`, whose folder is the course root (its
`course/`, `exercises/` and `solutions/`), and declares it in the `grade.courses` entry point
group under the course's name. A wheel is a zip file with a `.dist-info` folder (PEP 427), so it
is written directly: no build backend, no network.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from grader.course_packages import ENTRY_POINT_GROUP

PACKAGED = ("course", "exercises", "solutions")
"""The folders of a course root that go into the wheel."""
SKIPPED = frozenset({"__pycache__", ".grade", ".git"})


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


def build_course_wheel(root: Path, out_dir: Path, *, name: str, version: str, title: str) -> CourseWheel:
    """Write `<dist>-<version>-py3-none-any.whl` for the course at `root` into `out_dir`."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        raise PackagingError(f"{name!r} is not a course name (lower-case letters and digits, words joined by -)")
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        raise PackagingError(f"{version!r} is not a version (numbers joined by dots, e.g. 1.0.2)")
    package = "grade_course_" + name.replace("-", "_")
    distribution = package  # the normalised distribution name, as wheel file names spell it
    dist_info = f"{distribution}-{version}.dist-info"
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel_path = out_dir / f"{distribution}-{version}-py3-none-any.whl"
    entries: list[tuple[str, bytes]] = [
        (f"{package}/__init__.py", f'"""The course {title!r}, packaged for `grade` (`grade init DIR --course {name}`)."""\n'.encode()),
    ]
    for folder in PACKAGED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not SKIPPED.intersection(path.relative_to(root).parts) and path.suffix != ".pyc":
                entries.append((f"{package}/{path.relative_to(root).as_posix()}", path.read_bytes()))
    course_files = len(entries) - 1
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {distribution.replace('_', '-')}\n"
        f"Version: {version}\n"
        f"Summary: {title} (a course for grade)\n"
        "Requires-Dist: grade\n"
    )
    entries += [
        (f"{dist_info}/METADATA", metadata.encode()),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: grade course package\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        (f"{dist_info}/entry_points.txt", f"[{ENTRY_POINT_GROUP}]\n{name} = {package}\n".encode()),
    ]
    record = "".join(f"{member},sha256={_digest(data)},{len(data)}\n" for member, data in entries) + f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))
    with zipfile.ZipFile(wheel_path, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for member, data in entries:
            info = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16  # rw-r--r-- once installed
            wheel.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return CourseWheel(wheel_path, name, package, course_files)


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
