"""The sandbox child: imports one exercise file and runs the programs the grader sends.

It lives in a process forked from the zygote, in its own session, under resource limits, with
stdout and stderr going to a pipe the grader drains. Everything it reports goes back as plain
values over a socket; the grader decides what they mean.
"""

from __future__ import annotations

import importlib
import importlib.abc
import os
import socket
import sys

from grader.program.codec import program_from_json
from grader.program.steps import Program
from grader.sandbox.executor import Executor
from grader.sandbox.outcome import ProgramResult, StepError
from grader.sandbox.tracebacks import step_error
from grader.sandbox.values import to_live
from grader.sandbox.wire import Blobs, WireError, decode_value, encode_value, pack_frame, read_frame_blocking, unpack_frame

BLOCKED_PACKAGES = {
    "solutions": "the reference solutions",
    "grader": "the grader itself",
    "tui": "the terminal app",
    "course": "the course data",
}


class ReferenceGuard(importlib.abc.MetaPathFinder):
    """Refuses imports of the grader, the reference solutions and the course data."""

    def find_spec(self, fullname, path, target=None):  # noqa: D401 - importlib protocol
        top = fullname.partition(".")[0]
        if top in BLOCKED_PACKAGES:
            raise ImportError(
                f"`{top}` ({BLOCKED_PACKAGES[top]}) is not available to exercise code: "
                "exercises may import numpy and sibling exercises only"
            )
        return None


def serve(sock: socket.socket, *, workspace: str, module_name: str, own_file: str, sys_path: list[str]) -> None:
    """Import the exercise, answer `run` requests until the grader hangs up, then exit.

    `workspace` is the submission's snapshot (its `exercises/` and `data/`), already confined
    to a read-only view by the kernel; `sys_path` is the standard library and site-packages.
    """
    executor_dir = os.path.join(workspace, "exercises")
    _isolate_imports(workspace, sys_path)
    try:
        module = importlib.import_module(module_name)
    except BaseException as exc:  # SystemExit and friends at import are the student's errors too
        label = f"importing {os.path.relpath(own_file, workspace)}"
        error = step_error(label, exc, student_dir=executor_dir, own_file=own_file)
        _send(sock, {"op": "import_error", "error": _error_json(error)})
        _flush()
        os._exit(0)
    executor = Executor(module, student_dir=executor_dir, own_file=own_file)
    _send(sock, {"op": "ready"})
    while True:
        try:
            frame = read_frame_blocking(sock)
        except (WireError, OSError):
            break
        if frame is None:
            break
        header, blobs = unpack_frame(frame)
        if header.get("op") != "run":
            continue
        program = program_from_json(header["program"])
        assert isinstance(program, Program)
        results = []
        for nodes in header["batch"]:
            inputs = {name: to_live(decode_value(node, blobs)) for name, node in nodes.items()}
            results.append(executor.run(program, inputs))
            if header.get("stop_on_error") and results[-1].error is not None:
                break  # the grader stops at the first exception; the rest would be wasted work
        _flush()
        _send_results(sock, results)
    _flush()
    os._exit(0)


def _isolate_imports(workspace: str, sys_path: list[str]) -> None:
    """Make the snapshot importable and nothing of the grader's: the kernel's view enforces it,
    this only turns an attempt into a clear message instead of a bare ModuleNotFoundError."""
    for name in list(sys.modules):
        if name.partition(".")[0] in BLOCKED_PACKAGES and name != __name__:
            del sys.modules[name]
    sys.path[:] = [workspace, *sys_path]
    sys.meta_path.insert(0, ReferenceGuard())
    importlib.invalidate_caches()


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # a student may have replaced or closed the stream
            pass


def _error_json(error: StepError) -> dict:
    return {
        "step": error.step,
        "exc_type": error.exc_type,
        "exc_bases": list(error.exc_bases),
        "message": error.message,
        "traceback": list(error.traceback),
        "not_implemented": error.not_implemented,
        "origin": error.origin,
        "missing_name": error.missing_name,
    }


def _send(sock: socket.socket, header: dict, blobs: Blobs | None = None) -> None:
    sock.sendall(pack_frame(header, blobs))


def _send_results(sock: socket.socket, results: list[ProgramResult]) -> None:
    blobs = Blobs()
    encoded = [
        {
            "values": {k: encode_value(v, blobs) for k, v in result.values.items()},
            "inputs_after": {k: encode_value(v, blobs) for k, v in result.inputs_after.items()},
            "error": _error_json(result.error) if result.error else None,
            "warnings": list(result.warnings),
            "durations": dict(result.durations),
        }
        for result in results
    ]
    _send(sock, {"op": "result", "results": encoded}, blobs)
