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
import time
from dataclasses import dataclass
from pathlib import Path

from grader.sandbox import reply as reply_parsing
from grader.sandbox.policy import Protections
from grader.program.codec import program_to_json
from grader.program.steps import Program
from grader.sandbox.outcome import ProgramResult, StepError
from grader.sandbox.values import Value
from grader.sandbox.wire import Blobs, FrameReader, WireError, encode_value, pack_frame, unpack_frame
from grader.sandbox.zygote_client import Zygote, ZygoteLost, shared_zygote, warm_up

__all__ = ["Zygote", "ZygoteLost", "shared_zygote", "warm_up", "Session", "Limits", "SandboxRefused"]

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


class SandboxRefused(Exception):
    """A graded run needs a protection this machine does not give; `str()` says which, in one line."""


def probe_protections(zygote: Zygote, *, strict: bool) -> Protections:
    """Fork a child that confines itself and reports, without any student code: what a run would get.

    With `strict`, raises `SandboxRefused` when a protection is missing (a graded run checks this
    before it grades anything).
    """
    session = Session(zygote, workspace=Path("/nonexistent"), exercise_id=None, limits=Limits(time_s=10.0), strict=strict)
    try:
        report = session.confinement()
    finally:
        session.close()
    if not isinstance(report, Protections):
        raise SandboxRefused(f"the sandbox could not be started ({report})")
    return report


class Session:
    """One sandbox child with one exercise module imported, answering programs one at a time.

    The child's first message, sent before it runs any student code, says which protections are
    in force; with `strict`, a child missing any of them is stopped and `SandboxRefused` raised.
    """

    def __init__(
        self,
        zygote: Zygote,
        *,
        workspace: Path,
        exercise_id: str | None,
        limits: Limits,
        packages: tuple[str, ...] = ("numpy",),
        strict: bool = False,
    ) -> None:
        self._zygote = zygote
        self._limits = limits
        self._strict = strict
        own_file = workspace / "exercises" / f"{exercise_id}.py"
        request = {
            "workspace": str(workspace),
            "module": f"exercises.{exercise_id}",
            "own_file": str(own_file),
            "memory_mb": limits.memory_mb,
            "cpu_s": limits.cpu_s,
            "packages": list(packages),
            "probe": exercise_id is None,
        }
        self._pid, self._sock, self._out = zygote.spawn(request)
        self._sock.setblocking(False)
        os.set_blocking(self._out, False)
        self._reader = FrameReader()
        self._pending: list[bytes] = []
        """Frames that arrived together with the one `_receive` returned (the child may send two at once)."""
        self._output = bytearray()
        self._output_total = 0
        self._closed = False
        self.import_seconds = 0.0
        self.protections: Protections | None = None

    # Public ----------------------------------------------------------------------------------

    def confinement(self) -> Protections | Failure:
        """Read the child's report of its protections (the first message, sent before any student code)."""
        reply = self._receive(self._limits.time_s)
        if not isinstance(reply, dict):
            return reply if not isinstance(reply, tuple) else self._fail(Garbled("unexpected first message"))
        if reply.get("op") != "confined":
            return self._fail(Garbled("the child did not report its protections"))
        try:
            self.protections = Protections.from_json(reply.get("protections"))
        except ValueError as exc:
            return self._fail(Garbled(f"unreadable protections report ({exc})"))
        if self._strict and not self.protections.complete:
            self.close()
            raise SandboxRefused(f"a graded run needs every protection, but here these are off: {self.protections.describe_missing()}")
        return self.protections

    def start(self) -> ImportFailed | Failure | None:
        """Wait for the child to import the exercise; None when it is ready for programs."""
        started = time.perf_counter()
        confined = self.confinement()
        if not isinstance(confined, Protections):
            return confined
        reply = self._receive(self._limits.time_s)
        self.import_seconds = time.perf_counter() - started
        if not isinstance(reply, dict):
            return reply if not isinstance(reply, tuple) else self._fail(Garbled("unexpected reply"))
        if reply.get("op") == "import_error":
            try:
                error = reply_parsing.step_error(reply.get("error"))
            except WireError as exc:
                return self._fail(Garbled(str(exc)))
            self.close()
            return ImportFailed(error)
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
            results = reply_parsing.program_results(header, raw)
        except WireError as exc:
            return self._fail(Garbled(f"unreadable reply ({exc})"))
        except Exception as exc:  # noqa: BLE001 - whatever the child sent, it is its fault, not a crash of ours
            return self._fail(Garbled(f"unreadable reply ({type(exc).__name__})"))
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
            while not self._pending:
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
                        self._pending.extend(self._reader.feed(chunk))
                    except WireError as exc:
                        return self._fail(Garbled(str(exc)))
        try:
            header, blobs = unpack_frame(self._pending.pop(0))
        except WireError as exc:
            return self._fail(Garbled(str(exc)))
        except Exception as exc:  # noqa: BLE001 - a reply that breaks the parser is still the child's
            return self._fail(Garbled(f"unreadable header ({type(exc).__name__})"))
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
