"""Start and talk to the zygote without importing numpy, so its start-up overlaps with ours.

The grader calls `warm_up()` first thing; the zygote then imports numpy in its own process while
the grader imports numpy, pydantic and the course. The zygote gets a clean environment (none of
its variables names a path of ours) and the sandbox policy on its command line.
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

from grader.sandbox.policy import DEFAULT_POLICY, Mechanism, SandboxPolicy

_PREFIX = struct.Struct("<QI")
_ROOT = Path(__file__).resolve().parents[2]
_KEPT_VARIABLES = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")


class ZygoteLost(Exception):
    """The zygote is gone (killed, crashed): the caller starts a new one and tries again."""


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


def zygote_environment() -> dict[str, str]:
    """The few variables the zygote needs; nothing that names the grader, the course or the workspace."""
    env = {name: os.environ[name] for name in _KEPT_VARIABLES if name in os.environ}
    extra = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and os.path.realpath(p) != str(_ROOT)]
    if extra:
        env["PYTHONPATH"] = os.pathsep.join(extra)
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def forbidden_paths() -> list[str]:
    """Folders of ours the child's view must never include: the grader's source and the bundled course."""
    from grader.paths import bundled_course_root

    return sorted({str(_ROOT), os.path.realpath(bundled_course_root())})


class Zygote:
    """A warm interpreter (numpy imported) that forks sandbox children on request.

    Thread-safe: the terminal app grades from a worker thread while the CLI grades from the
    main one, and two sessions may be opened at once.
    """

    def __init__(self, policy: SandboxPolicy = DEFAULT_POLICY) -> None:
        self.policy = policy
        self._lock = threading.Lock()
        self._control, theirs = socket.socketpair()
        self._process = subprocess.Popen(
            [sys.executable, "-s", "-m", "grader.sandbox.zygote", str(theirs.fileno()), policy.to_json(), json.dumps(forbidden_paths())],
            pass_fds=[theirs.fileno()],
            env=zygote_environment() if policy.wants(Mechanism.ENVIRONMENT) else dict(os.environ),
            cwd=_ROOT,
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        atexit.register(self.close)

    def spawn(self, request: dict) -> tuple[int, socket.socket, int]:
        """Fork a confined child; its pid, its socket, and the read end of its output pipe."""
        with self._lock:
            try:
                self._control.sendall(_frame(dict(request, op="spawn")))
                message, fds, _, _ = socket.recv_fds(self._control, 4096, 2)
            except OSError as exc:
                raise ZygoteLost(f"the sandbox zygote stopped ({exc})") from None
        if len(fds) != 2:
            for fd in fds:
                os.close(fd)
            raise ZygoteLost("the sandbox zygote stopped before it handed over a child")
        pid = json.loads(message)["pid"]
        return pid, socket.socket(fileno=fds[0]), fds[1]

    def wait(self, pid: int) -> int:
        """Reap a child (the zygote also removes its scratch folder and kills what it left behind)."""
        with self._lock:
            try:
                self._control.sendall(_frame({"op": "wait", "pid": pid}))
                header = _read_frame(self._control)
            except OSError:
                return -1
        if header is None:
            return -1
        return int(header["status"])

    def alive(self) -> bool:
        return self._process.poll() is None

    @property
    def pid(self) -> int:
        return self._process.pid

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._control.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        atexit.unregister(self.close)


_shared: dict[SandboxPolicy, Zygote] = {}
_shared_lock = threading.Lock()


def shared_zygote(policy: SandboxPolicy = DEFAULT_POLICY) -> Zygote:
    """The process-wide zygote for `policy`, started on first use (and again if it died)."""
    with _shared_lock:
        zygote = _shared.get(policy)
        if zygote is None or not zygote.alive():
            zygote = _shared[policy] = Zygote(policy)
        return zygote


def stop_shared() -> None:
    """Stop every process-wide zygote that was started."""
    with _shared_lock:
        for zygote in _shared.values():
            zygote.close()


def warm_up(policy: SandboxPolicy = DEFAULT_POLICY) -> None:
    """Start the zygote early so its numpy import overlaps with the grader's own start-up."""
    shared_zygote(policy)
