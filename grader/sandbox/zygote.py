"""The zygote: a warm interpreter with numpy loaded that forks one sandbox child per exercise.

Started once per `grade` run, it answers two requests on its control socket: `spawn` (fork a
child for an exercise, hand its socket and output pipe to the grader) and `wait` (reap a child
and report how it ended). Forking from a process that has already imported numpy makes a
sandboxed run cost a few milliseconds instead of a fresh interpreter's start-up.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import socket
import sys

import numpy  # noqa: F401  - imported here once so every child starts with it loaded

from grader.sandbox import child
from grader.sandbox.wire import pack_frame, read_frame_blocking, unpack_frame

_PR_SET_PDEATHSIG = 1
MB = 1024 * 1024


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    baseline_vm = _virtual_memory_bytes()
    reaped: dict[int, int] = {}
    while True:
        try:
            frame = read_frame_blocking(control)
        except OSError:
            break
        if frame is None:
            break
        request, _ = unpack_frame(frame)
        if request["op"] == "spawn":
            _spawn(control, request, baseline_vm)
        elif request["op"] == "wait":
            pid = int(request["pid"])
            status = reaped.pop(pid, None)
            if status is None:
                status = _wait(pid)
            control.sendall(pack_frame({"op": "status", "pid": pid, "status": status}))
        _reap_finished(reaped)
    os._exit(0)


def _spawn(control: socket.socket, request: dict, baseline_vm: int) -> None:
    ours, theirs = socket.socketpair()
    out_read, out_write = os.pipe()
    zygote_pid = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            control.close()
            ours.close()
            os.close(out_read)
            _become_sandboxed(request, baseline_vm, out_write, zygote_pid)
            child.serve(
                theirs,
                workspace=request["workspace"],
                module_name=request["module"],
                own_file=request["own_file"],
            )
        finally:
            os._exit(70)
    theirs.close()
    os.close(out_write)
    socket.send_fds(control, [json.dumps({"op": "spawned", "pid": pid}).encode()], [ours.fileno(), out_read])
    ours.close()
    os.close(out_read)


def _become_sandboxed(request: dict, baseline_vm: int, out_write: int, zygote_pid: int) -> None:
    os.setsid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != zygote_pid:
        os._exit(71)
    memory = baseline_vm + int(request["memory_mb"]) * MB
    cpu = max(1, int(request["cpu_s"]))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * MB, 64 * MB))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out_write, 1)
    os.dup2(out_write, 2)
    os.close(devnull)
    os.close(out_write)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return -1
    return status


def _reap_finished(reaped: dict[int, int]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        reaped[pid] = status


def _virtual_memory_bytes() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 512 * MB


if __name__ == "__main__":
    main()
