"""Describe an exception from code under test: its class lineage and the frames in exercise files only."""

from __future__ import annotations

import linecache
import os
import traceback

from grader.sandbox.outcome import StepError

MAX_TRACEBACK_FRAMES = 6


def step_error(label: str, exc: BaseException, *, student_dir: str | None, own_file: str | None) -> StepError:
    """Describe an exception raised by code under test, keeping only frames of exercise files."""
    frames = traceback.extract_tb(exc.__traceback__)
    origin = None
    base = os.path.dirname(student_dir) if student_dir else None
    if student_dir is not None:
        frames = [f for f in frames if _inside(f.filename, student_dir)]
        if frames:
            origin = os.path.relpath(os.path.realpath(frames[-1].filename), base)
    elif frames:
        origin = frames[-1].filename
    lines = []
    if isinstance(exc, SyntaxError) and exc.filename and student_dir is not None and _inside(exc.filename, student_dir):
        shown = os.path.relpath(os.path.realpath(exc.filename), base)
        origin = shown
        lines.append(f'File "{shown}", line {exc.lineno}')
        if exc.text:
            lines.append(f"    {exc.text.rstrip()}")
            if exc.offset:
                indent = len(exc.text) - len(exc.text.lstrip())
                lines.append("    " + " " * max(0, exc.offset - 1 - indent) + "^")
    for frame in frames[-MAX_TRACEBACK_FRAMES:]:
        shown = os.path.relpath(os.path.realpath(frame.filename), base) if base else frame.filename
        lines.append(f'File "{shown}", line {frame.lineno}, in {frame.name}')
        code = frame.line or linecache.getline(frame.filename, frame.lineno or 0).strip()
        if code:
            lines.append(f"    {code}")
    not_implemented = isinstance(exc, NotImplementedError) and bool(frames) and (
        own_file is None or os.path.realpath(frames[-1].filename) == os.path.realpath(own_file)
    )
    try:
        message = str(exc)
    except BaseException:
        message = "<unprintable message>"
    if isinstance(exc, SystemExit):
        message = f"the code called sys.exit({exc.code!r})"
    return StepError(
        label,
        type(exc).__name__,
        message[:500],
        tuple(lines),
        exc_bases=exception_lineage(type(exc)),
        not_implemented=not_implemented,
        origin=origin,
    )


def exception_lineage(cls: type) -> tuple[str, ...]:
    """Class names along the MRO: builtins by their plain name, others as `module.Name`."""
    names = []
    for klass in getattr(cls, "__mro__", (cls,)):
        module = getattr(klass, "__module__", "")
        names.append(klass.__name__ if module == "builtins" else f"{module}.{klass.__qualname__}")
    return tuple(names)


def _inside(filename: str, folder: str) -> bool:
    try:
        return os.path.commonpath([os.path.realpath(filename), folder]) == folder
    except ValueError:
        return False

