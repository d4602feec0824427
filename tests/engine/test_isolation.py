"""Untrusted student code cannot crash, hang or fool the grader: each attack gets a non-passed
verdict with a clear message, and grading keeps working afterwards."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from grader.engine import grade_exercise
from grader.results import ExerciseStatus
from tests.conftest import submit

CORRECT = """
import numpy as np
def double(x):
    return 2 * x
"""

ATTACKS = {
    "endless loop in the function": (
        """
        def double(x):
            while True:
                pass
        """,
        ExerciseStatus.TIMEOUT,
        "did not finish within 1.5 s",
    ),
    "endless loop at import": (
        """
        while True:
            pass
        def double(x):
            return 2 * x
        """,
        ExerciseStatus.TIMEOUT,
        "did not finish within 1.5 s",
    ),
    "sys.exit(0) at import": (
        """
        import sys
        sys.exit(0)
        def double(x):
            return 2 * x
        """,
        ExerciseStatus.ERROR,
        "importing exercises/doubling.py raised SystemExit: the code called sys.exit(0)",
    ),
    "os._exit(0) in the function": (
        """
        import os
        def double(x):
            os._exit(0)
        """,
        ExerciseStatus.ERROR,
        "the exercise process exited with status 0",
    ),
    "memory bomb": (
        """
        def double(x):
            hoard = []
            while True:
                hoard.append(bytearray(50_000_000))
        """,
        ExerciseStatus.ERROR,
        "raised MemoryError",
    ),
    "segmentation fault": (
        """
        import ctypes
        def double(x):
            return ctypes.string_at(0)
        """,
        ExerciseStatus.ERROR,
        "killed by SIGSEGV (a segmentation fault)",
    ),
    "object that equals everything": (
        """
        class Liar:
            def __eq__(self, other):
                return True
            def __array__(self, dtype=None, copy=None):
                raise RuntimeError("no")
        def double(x):
            return Liar()
        """,
        ExerciseStatus.FAILED,
        "returned a exercises.doubling.Liar object, expected a float64 array",
    ),
    "ndarray subclass that lies": (
        """
        import numpy as np
        class Agreeable(np.ndarray):
            def __eq__(self, other):
                return np.ones(np.shape(other), dtype=bool)
        def double(x):
            return np.zeros_like(x).view(Agreeable)
        """,
        ExerciseStatus.FAILED,
        "a subclass of numpy.ndarray",
    ),
    "monkeypatched numpy comparisons": (
        """
        import numpy as np
        np.allclose = lambda *a, **k: True
        np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(a, b).shape, dtype=bool)
        np.array_equal = lambda *a, **k: True
        def double(x):
            return x * 3
        """,
        ExerciseStatus.FAILED,
        "wrong values at",
    ),
    "importing the reference": (
        """
        from solutions.doubling import double
        """,
        ExerciseStatus.ERROR,
        "`solutions` (the reference solutions) is not available to exercise code",
    ),
    "importing the grader": (
        """
        import grader.course
        def double(x):
            return 2 * x
        """,
        ExerciseStatus.ERROR,
        "`grader` (the grader itself) is not available to exercise code",
    ),
    "50 MB print": (
        """
        def double(x):
            print("x" * 50_000_000)
            return 2 * x
        """,
        ExerciseStatus.ERROR,
        "output is limited to 1 MB",
    ),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_attack_is_contained(sample_course, sample_workspace, attack):
    source, status, message = ATTACKS[attack]
    submit(sample_workspace, "doubling", source)
    started = time.monotonic()
    result = grade_exercise(sample_course, "doubling", sample_workspace)
    assert time.monotonic() - started < 30
    assert result.status is status, [c.message for c in result.checks]
    assert result.score < result.max_score
    everything = "\n".join(c.message for c in result.checks)
    assert message in everything, everything
    # grading still works, in the same process and with the same zygote
    submit(sample_workspace, "doubling", CORRECT)
    assert grade_exercise(sample_course, "doubling", sample_workspace).status is ExerciseStatus.PASSED


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if marker in cmdline and str(os.getpid()) != entry.name:
                found.append(int(entry.name))
    return found


def test_starting_a_process_is_refused_and_nothing_is_left(sample_course, sample_workspace):
    marker = "987.654321"
    submit(
        sample_workspace,
        "doubling",
        f"""
        import os, subprocess
        def double(x):
            subprocess.Popen(["sleep", "{marker}"])
            if os.fork() == 0:
                os.execvp("sleep", ["sleep", "{marker}"])
            return 2 * x
        """,
    )
    result = grade_exercise(sample_course, "doubling", sample_workspace)
    assert result.status is ExerciseStatus.ERROR
    assert "PermissionError" in result.checks[0].summary
    assert _processes_with(marker) == []


def test_processes_started_without_the_seccomp_filter_are_still_killed(sample_course, sample_workspace):
    from grader.engine import GradingOptions
    from grader.sandbox.policy import Mechanism, SandboxPolicy

    marker = "987.654322"
    submit(
        sample_workspace,
        "doubling",
        f"""
        import os, subprocess
        def double(x):
            subprocess.Popen(["sleep", "{marker}"])
            if os.fork() == 0:
                os.execvp("sleep", ["sleep", "{marker}"])
            return 2 * x
        """,
    )
    options = GradingOptions(policy=SandboxPolicy(frozenset({Mechanism.SECCOMP, Mechanism.LANDLOCK})))
    result = grade_exercise(sample_course, "doubling", sample_workspace, options=options)
    assert result.status is ExerciseStatus.PASSED
    deadline = time.monotonic() + 5
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_with(marker) == []


def test_student_traceback_shows_their_file_not_ours(sample_course, sample_workspace):
    submit(
        sample_workspace,
        "doubling",
        """
        def helper(x):
            return x / 0 if x.size > 100 else x.missing_attribute
        def double(x):
            return helper(x)
        """,
    )
    result = grade_exercise(sample_course, "doubling", sample_workspace)
    check = result.checks[0]
    assert check.summary.startswith("double(x) raised AttributeError")
    assert check.details[-4:] == (
        'File "exercises/doubling.py", line 5, in double',
        "    return helper(x)",
        'File "exercises/doubling.py", line 3, in helper',
        "    return x / 0 if x.size > 100 else x.missing_attribute",
    )
    assert not any("grader" in line for line in check.details)


def test_the_same_code_gets_the_same_verdict_every_time(course, workspace):
    submit(
        workspace,
        "softmax",
        """
        import numpy as np
        def softmax(x):
            e = np.exp(x - np.max(x))
            return e / e.sum(axis=-1, keepdims=True)
        """,
    )
    first = grade_exercise(course, "softmax", workspace)
    second = grade_exercise(course, "softmax", workspace)
    assert [(c.name, c.reason, c.message) for c in first.checks] == [(c.name, c.reason, c.message) for c in second.checks]
    assert first.feedback == second.feedback


def test_garbage_on_the_result_channel_is_contained(sample_course, sample_workspace):
    submit(
        sample_workspace,
        "doubling",
        """
        import os
        def double(x):
            for fd in range(3, 64):
                try:
                    os.write(fd, b"\\xff" * 16 + b"not a frame at all")
                except OSError:
                    pass
            return 2 * x
        """,
    )
    result = grade_exercise(sample_course, "doubling", sample_workspace)
    assert result.status is not ExerciseStatus.PASSED
    assert any("unreadable" in c.summary or "larger than the limit" in c.summary or "ended without answering" in c.summary for c in result.checks)
    submit(sample_workspace, "doubling", CORRECT)
    assert grade_exercise(sample_course, "doubling", sample_workspace).status is ExerciseStatus.PASSED


def test_a_child_that_exits_cleanly_mid_check_is_an_error_not_a_pass(sample_course, sample_workspace):
    submit(
        sample_workspace,
        "doubling",
        """
        import sys
        def double(x):
            sys.exit(0)
        """,
    )
    result = grade_exercise(sample_course, "doubling", sample_workspace)
    assert result.status is ExerciseStatus.ERROR
    assert "the code called sys.exit(0)" in result.checks[0].summary


def test_a_syntax_error_points_at_the_line_and_later_checks_are_not_run(sample_course, sample_workspace):
    submit(sample_workspace, "doubling", "def double(x)\n    return 2 * x\n")
    result = grade_exercise(sample_course, "doubling", sample_workspace)
    assert result.status is ExerciseStatus.ERROR
    first, *rest = result.checks
    assert first.summary == "importing exercises/doubling.py raised SyntaxError: expected ':' (doubling.py, line 1)"
    assert first.details[:2] == ('File "exercises/doubling.py", line 1', "    def double(x)")
    assert all(c.status.value == "skipped" and "could not be imported" in c.summary for c in rest)
