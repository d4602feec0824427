"""Start and talk to the zygote without importing numpy, so its start-up overlaps with ours.

The grader calls `warm_up()` first thing; the zygote then imports numpy in its own process while
the grader imports numpy, pydantic and the course.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

_PREFIX = struct.Struct("<QI")


def _frame(header: dict) -> bytes:
    head = json.dumps(dict(header, blob_sizes=[])).encode()
    return _PREFIX.pack(12 + len(head), len(head)) + head


def _read_frame(sock: socket.socket) -> dict | None:
    prefix = _recv_exact(sock, 8)
    if prefix is None:
        return None
    (total,) = struct.unpack("<Q", prefix)
    body = _recv_exact(sock, total - 8)
    if body is None:
        return None
    (head_len,) = struct.unpack_from("<I", body, 0)
    return json.loads(body[4 : 4 + head_len])


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    chunks, remaining = [], n
    while remaining:
        chunk = sock.recv(remaining)
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


class Zygote:
    """A warm interpreter (numpy imported) that forks sandbox children on request.

    Thread-safe: the terminal app grades from a worker thread while the CLI grades from the
    main one, and two sessions may be opened at once.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._control, theirs = socket.socketpair()
        env = dict(os.environ)
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = "1"
        root = str(Path(__file__).resolve().parents[2])
        env["GRADE_SANDBOX_ROOT"] = os.path.realpath(root)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONSTARTUP", None)
        self._process = subprocess.Popen(
            [sys.executable, "-s", "-m", "grader.sandbox.zygote", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            env=env,
            cwd=root,
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        atexit.register(self.close)

    def spawn(self, *, workspace: Path, module: str, own_file: Path, limits) -> tuple[int, socket.socket, int]:
        request = {
            "op": "spawn",
            "workspace": str(workspace),
            "module": module,
            "own_file": str(own_file),
            "memory_mb": limits.memory_mb,
            "cpu_s": limits.cpu_s,
        }
        with self._lock:
            self._control.sendall(_frame(request))
            message, fds, _, _ = socket.recv_fds(self._control, 4096, 2)
        if len(fds) != 2:
            raise RuntimeError("the sandbox zygote did not hand over the child's channels")
        pid = json.loads(message)["pid"]
        return pid, socket.socket(fileno=fds[0]), fds[1]

    def wait(self, pid: int) -> int:
        with self._lock:
            self._control.sendall(_frame({"op": "wait", "pid": pid}))
            header = _read_frame(self._control)
        if header is None:
            return -1
        return int(header["status"])

    def alive(self) -> bool:
        return self._process.poll() is None

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._control.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        atexit.unregister(self.close)


_shared: Zygote | None = None
_shared_lock = threading.Lock()


def shared_zygote() -> Zygote:
    """The process-wide zygote, started on first use (and again if it died)."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.alive():
            _shared = Zygote()
        return _shared


def stop_shared() -> None:
    """Stop the process-wide zygote if one was started."""
    with _shared_lock:
        if _shared is not None:
            _shared.close()


def warm_up() -> None:
    """Start the zygote early so its numpy import overlaps with the grader's own start-up."""
    shared_zygote()
