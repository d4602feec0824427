"""The grader's side of the sandbox: start the zygote, open a child per exercise, run programs.

Every wait has a wall-clock deadline; a child that overruns, crashes, floods its output or sends
garbage is killed together with everything it started (its whole process group), and the caller
gets a typed outcome instead of an exception.
"""

from __future__ import annotations

import errno
import os
import selectors
import signal
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from grader.sandbox.program import Program, ProgramResult, StepError, program_to_json
from grader.sandbox.values import Value
from grader.sandbox.wire import (
    Blobs,
    FrameReader,
    WireError,
    decode_value,
    encode_value,
    pack_frame,
    unpack_frame,
)
from grader.sandbox.zygote_client import Zygote, shared_zygote, warm_up

__all__ = ["Zygote", "shared_zygote", "warm_up", "Session", "Limits"]

OUTPUT_KEEP_BYTES = 8 * 1024
OUTPUT_LIMIT_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Resource limits for one exercise's child process."""

    time_s: float = 5.0
    memory_mb: int = 512
    cpu_s: int = 60


@dataclass(frozen=True)
class TimedOut:
    """The child did not answer within the wall-clock limit and was killed."""

    seconds: float


@dataclass(frozen=True)
class Crashed:
    """The child ended (or was ended) without answering."""

    description: str


@dataclass(frozen=True)
class Garbled:
    """The child answered with something that is not a valid reply."""

    reason: str


@dataclass(frozen=True)
class Flooded:
    """The child printed more than the output limit and was stopped."""

    printed_bytes: int
    limit_bytes: int


Failure = TimedOut | Crashed | Garbled | Flooded


@dataclass(frozen=True)
class ImportFailed:
    """Importing the exercise file raised."""

    error: StepError


class Session:
    """One sandbox child with one exercise module imported, answering programs one at a time."""

    def __init__(self, zygote: Zygote, *, workspace: Path, exercise_id: str, limits: Limits) -> None:
        self._zygote = zygote
        self._limits = limits
        own_file = workspace / "exercises" / f"{exercise_id}.py"
        self._pid, self._sock, self._out = zygote.spawn(
            workspace=workspace, module=f"exercises.{exercise_id}", own_file=own_file, limits=limits
        )
        self._sock.setblocking(False)
        os.set_blocking(self._out, False)
        self._reader = FrameReader()
        self._output = bytearray()
        self._output_total = 0
        self._closed = False
        self.import_seconds = 0.0

    # Public ----------------------------------------------------------------------------------

    def start(self) -> ImportFailed | Failure | None:
        """Wait for the child to import the exercise; None when it is ready for programs."""
        started = time.perf_counter()
        reply = self._receive(self._limits.time_s)
        self.import_seconds = time.perf_counter() - started
        if not isinstance(reply, dict):
            return reply
        if reply.get("op") == "import_error":
            self.close()
            return ImportFailed(_error_from_json(reply["error"]))
        if reply.get("op") != "ready":
            return self._fail(Garbled("unexpected first message"))
        if self._output_total > OUTPUT_LIMIT_BYTES:
            return self._fail(Flooded(self._output_total, OUTPUT_LIMIT_BYTES))
        return None

    def run(self, program: Program, inputs: dict[str, Value], *, timeout_s: float | None = None) -> ProgramResult | Failure:
        """Run one program on one set of inputs."""
        results = self.run_batch(program, [inputs], timeout_s=timeout_s)
        return results[0] if isinstance(results, list) else results

    def run_batch(
        self, program: Program, batch: list[dict[str, Value]], *, timeout_s: float | None = None, stop_on_error: bool = False
    ) -> list[ProgramResult] | Failure:
        """Run one program on several input sets in a single round trip; the time limit covers them all.

        With `stop_on_error` the child stops after the first input set whose run raised, and the
        list ends there.
        """
        blobs = Blobs()
        header = {
            "op": "run",
            "program": program_to_json(program),
            "batch": [{name: encode_value(value, blobs) for name, value in inputs.items()} for inputs in batch],
            "stop_on_error": stop_on_error,
        }
        failure = self._send(pack_frame(header, blobs), timeout_s or self._limits.time_s)
        if failure is not None:
            return failure
        reply = self._receive(timeout_s or self._limits.time_s)
        if self._output_total > OUTPUT_LIMIT_BYTES:
            return self._fail(Flooded(self._output_total, OUTPUT_LIMIT_BYTES))
        if not isinstance(reply, tuple):
            return reply if not isinstance(reply, dict) else self._fail(Garbled("unexpected reply"))
        header, raw = reply
        try:
            results = [_result_from_json(node, raw) for node in header["results"]]
        except (WireError, KeyError, TypeError, ValueError) as exc:
            return self._fail(Garbled(f"unreadable reply ({exc})"))
        complete = len(results) == len(batch)
        stopped = stop_on_error and 0 < len(results) < len(batch) and results[-1].error is not None
        if not (complete or stopped):
            return self._fail(Garbled("wrong number of results"))
        return results

    @property
    def output(self) -> str:
        """What the child printed, cut to the first few kilobytes."""
        text = bytes(self._output).decode("utf-8", errors="replace")
        if self._output_total > len(self._output):
            text += f"\n... ({self._output_total - len(self._output):,} more bytes of output not shown)"
        return text

    @property
    def output_bytes(self) -> int:
        return self._output_total

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> str | None:
        """Kill the child and whatever it started; return how it ended, if it ended on its own."""
        if self._closed:
            return None
        self._closed = True
        self._drain_output()
        try:
            self._sock.close()
        finally:
            _kill_group(self._pid)
            status = self._zygote.wait(self._pid)
            self._drain_output()
            os.close(self._out)
        return _describe_status(status)

    # Internals -------------------------------------------------------------------------------

    def _fail(self, failure: Failure) -> Failure:
        ended = self.close()
        if isinstance(failure, Crashed) and ended:
            return Crashed(ended)
        return failure

    def _send(self, data: bytes, timeout_s: float) -> Failure | None:
        deadline = time.monotonic() + timeout_s
        view = memoryview(data)
        with selectors.DefaultSelector() as selector:
            selector.register(self._sock, selectors.EVENT_WRITE, "sock")
            selector.register(self._out, selectors.EVENT_READ, "out")
            while view:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return self._fail(TimedOut(timeout_s))
                for key, _ in selector.select(remaining):
                    if key.data == "out":
                        self._drain_output()
                        continue
                    try:
                        sent = self._sock.send(view)
                    except BlockingIOError:
                        continue
                    except OSError:
                        return self._fail(Crashed("the exercise process stopped before it read its input"))
                    view = view[sent:]
        return None

    def _receive(self, timeout_s: float) -> dict | tuple[dict, list[bytes]] | Failure:
        """Wait for one frame; a bare header dict for control messages, (header, blobs) for results."""
        deadline = time.monotonic() + timeout_s
        with selectors.DefaultSelector() as selector:
            selector.register(self._sock, selectors.EVENT_READ, "sock")
            selector.register(self._out, selectors.EVENT_READ, "out")
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return self._fail(TimedOut(timeout_s))
                for key, _ in selector.select(remaining):
                    if key.data == "out":
                        if not self._drain_output():
                            selector.unregister(self._out)
                        if self._output_total > 64 * OUTPUT_LIMIT_BYTES:
                            return self._fail(Flooded(self._output_total, OUTPUT_LIMIT_BYTES))
                        continue
                    try:
                        chunk = self._sock.recv(1 << 20)
                    except BlockingIOError:
                        continue
                    except OSError:
                        chunk = b""
                    if not chunk:
                        return self._fail(Crashed("the exercise process ended without answering"))
                    try:
                        frames = self._reader.feed(chunk)
                    except WireError as exc:
                        return self._fail(Garbled(str(exc)))
                    if frames:
                        try:
                            header, blobs = unpack_frame(frames[0])
                        except WireError as exc:
                            return self._fail(Garbled(str(exc)))
                        return (header, blobs) if header.get("op") == "result" else header

    def _drain_output(self) -> bool:
        """Read what the child printed so far; False once the pipe is closed."""
        while True:
            try:
                chunk = os.read(self._out, 1 << 16)
            except BlockingIOError:
                return True
            except OSError as exc:
                if exc.errno == errno.EBADF:
                    return False
                raise
            if not chunk:
                return False
            self._output_total += len(chunk)
            room = OUTPUT_KEEP_BYTES - len(self._output)
            if room > 0:
                self._output += chunk[:room]


def _kill_group(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
        except (ProcessLookupError, PermissionError):
            pass


def _describe_status(status: int) -> str | None:
    if status < 0:
        return None
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGKILL:
            return None  # our own kill at close
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}"
        meaning = {
            "SIGSEGV": "a segmentation fault",
            "SIGXCPU": "the CPU time limit",
            "SIGXFSZ": "the file size limit",
            "SIGABRT": "an abort",
            "SIGBUS": "a bus error",
            "SIGFPE": "a floating-point trap",
        }.get(name)
        return f"the exercise process was killed by {name}" + (f" ({meaning})" if meaning else "")
    if os.WIFEXITED(status):
        code = os.WEXITSTATUS(status)
        return f"the exercise process exited with status {code}"
    return None


def _error_from_json(node: dict) -> StepError:
    return StepError(
        step=str(node["step"]),
        exc_type=str(node["exc_type"]),
        message=str(node["message"]),
        traceback=tuple(str(line) for line in node.get("traceback", ())),
        not_implemented=bool(node.get("not_implemented")),
        origin=node.get("origin"),
        missing_name=node.get("missing_name"),
    )


def _result_from_json(header: dict, blobs: list[bytes]) -> ProgramResult:
    values = {str(k): decode_value(v, blobs) for k, v in header["values"].items()}
    after = {str(k): decode_value(v, blobs) for k, v in header["inputs_after"].items()}
    error = _error_from_json(header["error"]) if header.get("error") else None
    warnings = tuple(str(w) for w in header.get("warnings", ()))[:5]
    durations = {str(k): float(v) for k, v in header.get("durations", {}).items()}
    return ProgramResult(values, after, error, warnings, durations)
