"""`grade gradescope build`: the autograder zip Gradescope runs, carrying `grade` and the course as wheels.

Gradescope unpacks the zip into `/autograder/source`, runs `setup.sh` once when it builds the
image (with network: it installs the pinned dependencies, then the two wheels it carries), and
runs `run_autograder` for every submission (no network needed): that grades the files in
`/autograder/submission` with every sandbox protection and writes `/autograder/results/results.json`.
The course wheel keeps its hidden checks; students never receive this bundle.
"""

from __future__ import annotations

import importlib.metadata
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from grader.wheel_writer import package_files, write_wheel

SETUP = """#!/usr/bin/env bash
# Run once by Gradescope when it builds the autograder image (network available).
# Pick an Ubuntu base image with Python 3.11 or newer (Ubuntu 24.04 has 3.12).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${GRADE_PYTHON:-python3}"
if ! "$python" -m pip --version >/dev/null 2>&1; then
    apt-get update && apt-get install -y python3 python3-pip python3-venv
fi
pip_options=(--quiet --disable-pip-version-check)
"$python" -m pip install --help | grep -q -- --break-system-packages && pip_options+=(--break-system-packages)
if [ -z "${GRADE_SKIP_REQUIREMENTS:-}" ]; then
    "$python" -m pip install "${pip_options[@]}" -r "$here/requirements.txt"
fi
"$python" -m pip install "${pip_options[@]}" --no-deps ${GRADE_PIP_TARGET:+--target "$GRADE_PIP_TARGET"} "$here"/wheels/*.whl
"""

RUN = """#!/usr/bin/env bash
# Run by Gradescope for every submission: grade /autograder/submission, write /autograder/results/results.json.
set -uo pipefail
root="${{AUTOGRADER_ROOT:-/autograder}}"
exec "${{GRADE_PYTHON:-python3}}" -m grader.cli gradescope run --root "$root" --course {course}
"""

README = """This is a Gradescope autograder made by `grade gradescope build` for the course {title!r}.
Upload the zip as a Gradescope "Programming Assignment" autograder (an Ubuntu 24.04 base image).
setup.sh installs the pinned dependencies (requirements.txt) and the two wheels in wheels/;
run_autograder grades each submission in graded mode and writes results/results.json.
"""


class BundleError(Exception):
    """The bundle cannot be built; `str()` is one line."""


@dataclass(frozen=True)
class Bundle:
    path: Path
    course: str
    """The course's name inside the bundle."""
    requirements: tuple[str, ...]


def build_bundle(course_root: Path, out: Path, *, name: str, title: str) -> Bundle:
    """Write the autograder zip for the course at `course_root` to `out`."""
    from grader.coursework.course_wheel import build_course_wheel

    requirements = pinned_requirements()
    with tempfile.TemporaryDirectory(prefix="grade-bundle-") as folder:
        wheels = Path(folder)
        course_wheel = build_course_wheel(course_root, wheels, name=name, version="1.0", title=title, keep_hidden=True)
        grade_wheel = _grade_wheel(wheels, requirements)
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            _add(bundle, "setup.sh", SETUP.encode(), executable=True)
            _add(bundle, "run_autograder", RUN.format(course=name).encode(), executable=True)
            _add(bundle, "requirements.txt", ("\n".join(requirements) + "\n").encode())
            _add(bundle, "README.txt", README.format(title=title).encode())
            for wheel in (grade_wheel, course_wheel.path):
                _add(bundle, f"wheels/{wheel.name}", wheel.read_bytes())
    return Bundle(out, name, tuple(requirements))


def pinned_requirements() -> list[str]:
    """`grade`'s own dependencies, each pinned to the version installed here (what was tested)."""
    try:
        declared = importlib.metadata.requires("grade") or []
    except importlib.metadata.PackageNotFoundError:
        raise BundleError("grade is not installed as a package here (pip install it, then build the bundle)") from None
    pinned = []
    for requirement in declared:
        if ";" in requirement and "extra" in requirement.split(";", 1)[1]:
            continue  # the test and dask extras
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)
        if name == "editables":
            continue  # added by an editable install, not a dependency of grade
        try:
            pinned.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            raise BundleError(f"grade needs {name}, which is not installed here") from None
    return sorted(pinned, key=str.lower)


def _grade_wheel(folder: Path, requirements: list[str]) -> Path:
    """`grade` itself as a wheel, from the files of the installed `grader` package."""
    import grader

    package = Path(grader.__file__).resolve().parent
    version = importlib.metadata.version("grade")
    return write_wheel(folder, distribution="grade", version=version, summary="grade, for a Gradescope autograder",
                       files=package_files(package, "grader"), requires=requirements,
                       entry_points={"console_scripts": {"grade": "grader.cli:run"}})


def _add(bundle: zipfile.ZipFile, name: str, data: bytes, *, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = (0o755 if executable else 0o644) << 16
    bundle.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
