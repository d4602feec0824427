"""The zygote: a warm interpreter with numpy loaded that forks one confined sandbox child per run.

Started once per `grade` run (see `zygote_client`), with a clean environment, it answers two
requests on its control socket: `spawn` (fork a child, confine it, hand its socket and output
pipe to the grader) and `wait` (reap a child, remove its scratch folder, kill whatever it left
behind). Forking from a process that has already imported numpy makes a sandboxed run cost a few
milliseconds instead of a fresh interpreter's start-up.

The zygote is a child subreaper: a process that escapes its sandbox child (a double fork, a
`setsid`) is reparented here instead of to init, and every such orphan is killed as soon as the
run that made it ends, and again when the zygote exits.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import socket
import sys
import tempfile

import numpy  # noqa: F401  - imported here once so every child starts with it loaded

from grader.sandbox import child, identity, landlock, mounts
from grader.sandbox.confine import Plan, confine
from grader.sandbox.policy import Mechanism, MechanismState, SandboxPolicy, State
from grader.sandbox.view import View, build_view
from grader.sandbox.wire import pack_frame, read_frame_blocking, unpack_frame

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36
MB = 1024 * 1024
FILE_SIZE_LIMIT = 64 * MB


class Zygote:
    """The zygote's state: its policy, the static view, the children it has running."""

    def __init__(self, control: socket.socket, policy: SandboxPolicy, forbidden: list[str]) -> None:
        self.control = control
        self.policy = policy
        self.baseline_vm = _virtual_memory_bytes()
        self.view: View = build_view(forbidden)
        self.as_root = identity.is_root()
        self.user = identity.sandbox_user()
        self.last_capability = identity.last_capability()
        self.landlock_abi = landlock.abi_version()
        self.subreaper = self._become_subreaper()
        if self.as_root:
            identity.set_non_dumpable()
        self.live: dict[int, str] = {}
        """Sandbox children not reaped yet, and their scratch folders."""
        self.statuses: dict[int, int] = {}
        self._packages: dict[tuple[str, ...], list[str]] = {}
        self._blocked: dict[tuple[str, ...], dict[str, list[str]]] = {}

    def _become_subreaper(self) -> MechanismState:
        if not self.policy.wants(Mechanism.SUBREAPER):
            return MechanismState(Mechanism.SUBREAPER, State.OFF, "turned off")
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
                return MechanismState(Mechanism.SUBREAPER, State.OFF, os.strerror(ctypes.get_errno()))
        except (OSError, AttributeError) as exc:
            return MechanismState(Mechanism.SUBREAPER, State.OFF, str(exc))
        return MechanismState(Mechanism.SUBREAPER, State.ON)

    # Requests ----------------------------------------------------------------------------------

    def serve(self) -> None:
        while True:
            try:
                frame = read_frame_blocking(self.control)
            except OSError:
                break
            if frame is None:
                break
            request, _ = unpack_frame(frame)
            if request["op"] == "spawn":
                self.spawn(request)
            elif request["op"] == "wait":
                pid = int(request["pid"])
                status = self.reap(pid)
                self.control.sendall(pack_frame({"op": "status", "pid": pid, "status": status}))
            self._collect()
        self.shutdown()

    def spawn(self, request: dict) -> None:
        ours, theirs = socket.socketpair()
        out_read, out_write = os.pipe()
        scratch = tempfile.mkdtemp(prefix="grade-scratch-")
        plan = self._plan(request, scratch)
        zygote_pid = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child
            try:
                self.control.close()
                ours.close()
                os.close(out_read)
                _prepare_process(request, self.baseline_vm, out_write, zygote_pid, keep=theirs.fileno(), root=self.as_root)
                protections = confine(plan, subreaper=self.subreaper)
                theirs.sendall(pack_frame({"op": "confined", "protections": protections.to_json()}))
                if not request.get("probe"):
                    child.serve(
                        theirs,
                        workspace=request["workspace"],
                        module_name=request["module"],
                        own_file=request["own_file"],
                        sys_path=self.view.child_sys_path(),
                    )
            except BaseException:  # a bug of ours in the child: say what it was on the output pipe
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
            finally:
                os._exit(70)
        self.live[pid] = scratch
        theirs.close()
        os.close(out_write)
        socket.send_fds(self.control, [json.dumps({"op": "spawned", "pid": pid}).encode()], [ours.fileno(), out_read])
        ours.close()
        os.close(out_read)

    def _plan(self, request: dict, scratch: str) -> Plan:
        packages = tuple(sorted(str(p) for p in request.get("packages", ("numpy",))))
        if packages not in self._packages:
            self._packages[packages] = self.view.package_paths(packages)
        workspace = str(request.get("workspace") or "")
        read_only = (*self.view.read_only, *self._packages[packages], *((workspace,) if workspace else ()))
        dropping = self.as_root and self.policy.wants(Mechanism.USER)
        if dropping:
            os.chown(scratch, self.user.uid, self.user.gid)
            if packages not in self._blocked:
                self._blocked[packages] = mounts.blocked_trees(read_only, self.user.uid, self.user.gid)
            blocked = self._blocked[packages]
        else:
            blocked = {}
        return Plan(
            policy=self.policy,
            scratch=scratch,
            read_only=read_only,
            list_only=self.view.list_only,
            read_write=self.view.read_write,
            as_root=self.as_root,
            user=self.user,
            last_capability=self.last_capability,
            blocked=blocked,
            landlock_abi=self.landlock_abi,
        )

    # Ends of runs ------------------------------------------------------------------------------

    def reap(self, pid: int) -> int:
        """Wait for a sandbox child, clean up after it, and kill whatever it left behind."""
        status = self.statuses.pop(pid, None)
        if status is None and pid in self.live:
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:
                status = -1
        scratch = self.live.pop(pid, None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        self.kill_orphans()
        return -1 if status is None else status

    def _collect(self) -> None:
        """Reap children that ended on their own; keep the statuses of sandbox children for `wait`."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.live:
                self.statuses[pid] = status

    def kill_orphans(self) -> None:
        """Kill every child of ours that is not a live sandbox child: orphans that escaped a run."""
        for _ in range(50):
            orphans = [pid for pid in _children(os.getpid()) if pid not in self.live]
            if not orphans:
                return
            for pid in orphans:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            for pid in orphans:
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass

    def shutdown(self) -> None:
        for pid in list(self.live):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.reap(pid)
        self.kill_orphans()
        os._exit(0)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc (the fast `children` files, else every `stat`)."""
    try:
        found: set[int] = set()
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.update(int(p) for p in handle.read().split())
        return sorted(found)
    except (OSError, ValueError):
        pass
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.add(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return sorted(found)


def _prepare_process(request: dict, baseline_vm: int, out_write: int, zygote_pid: int, *, keep: int, root: bool) -> None:
    """Session, death signal, resource limits, standard streams, and no inherited descriptors."""
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
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out_write, 1)
    os.dup2(out_write, 2)
    os.close(devnull)
    os.close(out_write)
    os.closerange(3, keep)
    os.closerange(keep + 1, 1 << 16)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _virtual_memory_bytes() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 512 * MB


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    policy = SandboxPolicy.from_json(sys.argv[2])
    forbidden = json.loads(sys.argv[3])
    Zygote(control, policy, forbidden).serve()


if __name__ == "__main__":
    main()
