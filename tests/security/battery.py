"""The hostile battery: submissions written as a motivated student would, and an arena to run them in.

Every file in `submissions/` is one attack on the sandbox, written so that the exercise passes
*only if the attack worked* (it returns the right answer after the forbidden step succeeds, and
fails otherwise). Its header says which mechanism stops it, which mechanisms must be turned off
for it to succeed (the tests turn them off and watch it succeed), and how success shows:

    # stopped by: landlock, user
    # succeeds without: landlock, user
    # seen as: store | canary | passes | process | tcp | udp | unix | halving_fails | ...
    # canary: $WORKSPACE/course/course.toml
    # root only

`$NAME` placeholders are filled in by the arena: the reference's path, the workspace, the
progress store, ports of listening sockets, and so on.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import socket
import sqlite3
import string
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import Course, load_course
from grader.engine import GradingOptions, grade
from grader.progress import ProgressStore
from grader.results import ExerciseStatus, GradeRun
from grader.sandbox.policy import Mechanism, SandboxPolicy
from grader.sandbox.zygote_client import Zygote, shared_zygote
from grader.workspace import Workspace, init_workspace

HERE = Path(__file__).parent
SUBMISSIONS = HERE / "submissions"
FIXTURE_COURSE = HERE / "fixture_course"
GRADER_ROOT = HERE.parents[1]


@dataclass(frozen=True)
class Attack:
    name: str
    threat: str
    source: str
    stopped_by: tuple[str, ...]
    succeeds_without: frozenset[Mechanism] = frozenset()
    seen_as: str = ""
    canary: str = ""
    symlink: str = ""
    root_only: bool = False
    capability: int | None = None
    """A capability the attack needs to succeed at all (`# needs capability: 24`, CAP_SYS_RESOURCE)."""


def _header(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return ""


def load_attacks() -> list[Attack]:
    attacks = []
    for path in sorted(SUBMISSIONS.glob("*.py")):
        text = path.read_text()
        threat = text.split('"""')[1].strip()
        without = _header(text, "succeeds without")
        attacks.append(
            Attack(
                name=path.stem,
                threat=threat,
                source=text,
                stopped_by=tuple(s.strip() for s in _header(text, "stopped by").split(",") if s.strip()),
                succeeds_without=frozenset(Mechanism(m.strip()) for m in without.split(",") if m.strip()),
                seen_as=_header(text, "seen as"),
                canary=_header(text, "canary"),
                symlink=_header(text, "symlink"),
                root_only="# root only" in text,
                capability=int(_header(text, "needs capability")) if _header(text, "needs capability") else None,
            )
        )
    return attacks


def has_capability(number: int) -> bool:
    """Whether this process holds capability `number` (a container may withhold some even from root)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("CapEff:"):
            return bool(int(line.split()[1], 16) >> number & 1)
    return False


def _tree_digest(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    digests = {}
    for path in sorted(root.rglob("*")):
        relative = str(path.relative_to(root))
        if any(relative == s or relative.startswith(s + os.sep) for s in skip) or "__pycache__" in relative:
            continue
        if path.is_symlink():
            digests[relative] = "link:" + os.readlink(path)
        elif path.is_file():
            digests[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digests[relative] = "dir"
    return digests


class _Listener:
    """A listening socket on this machine that counts who connected (or what arrived)."""

    def __init__(self, family: int, kind: int, address: object) -> None:
        self.sock = socket.socket(family, kind)
        self.sock.bind(address)
        self.count = 0
        if kind == socket.SOCK_STREAM:
            self.sock.listen(64)
            threading.Thread(target=self._accept, daemon=True).start()
        else:
            self.sock.setblocking(False)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.count += 1
            connection.close()

    def received(self) -> int:
        if self.sock.type == socket.SOCK_DGRAM:
            while True:
                try:
                    self.sock.recv(64)
                    self.count += 1
                except (BlockingIOError, OSError):
                    break
        return self.count

    def close(self) -> None:
        self.sock.close()


@dataclass
class Outcome:
    """What running one attack did."""

    run: GradeRun
    doubling: ExerciseStatus
    halving: ExerciseStatus
    store_changed: bool
    files_changed: list[str]
    canary_present: bool
    report_changed: bool
    tcp: int
    udp: int
    unix: int
    zygote_killed: bool
    strays: list[int]
    reference_changed: bool
    notes: list[str] = field(default_factory=list)

    def seen(self, what: str) -> bool:
        """Whether the attack's success shows in the way its header says."""
        return {
            "passes": self.doubling is ExerciseStatus.PASSED,
            "store": self.store_changed,
            "canary": self.canary_present,
            "halving_fails": self.halving is not ExerciseStatus.PASSED,
            "reference_changed": self.reference_changed,
            "report_changed": self.report_changed,
            "tcp": self.tcp > 0,
            "udp": self.udp > 0,
            "unix": self.unix > 0,
            "zygote_killed": self.zygote_killed,
            "process": bool(self.strays),
        }[what]


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if marker in cmdline:
                found.append(int(entry.name))
    return found


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


class Arena:
    """A fresh course copy, workspace, progress store and listeners for one attack.

    It lives in a world-readable temporary folder (not pytest's private one), as a course and a
    workspace would on a real machine, so that what stops an attack is the mechanism under test
    and not an accident of file permissions.
    """

    def __init__(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="grade-battery-"))
        folder.chmod(0o755)
        self.folder = folder
        self.course_root = folder / "course_copy"
        shutil.copytree(FIXTURE_COURSE, self.course_root)
        self.course: Course = load_course(self.course_root)
        self.workspace: Workspace = init_workspace(folder / "ws", self.course)
        shutil.copyfile(self.course.reference_path("halving"), self.workspace.exercise_file("halving"))
        self.store_path = self.workspace.state_dir / "progress.sqlite3"
        store = ProgressStore.open(self.workspace.state_dir)
        store.close()
        drop = folder / "drop"
        drop.mkdir(mode=0o777)
        drop.chmod(0o777)
        self.canary = drop / "canary.txt"
        self.report = drop / "report.json"
        self.report.write_text('{"score": 0}')
        self.report.chmod(0o666)
        self.marker = f"{random.randint(1000, 9999)}.{random.randint(100000, 999999)}"
        self.tcp = _Listener(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 0))
        self.udp = _Listener(socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 0))
        self.abstract = "grade-battery-" + "".join(random.choices(string.ascii_lowercase, k=10))
        self.unix = _Listener(socket.AF_UNIX, socket.SOCK_STREAM, "\0" + self.abstract)

    def placeholders(self) -> dict[str, str]:
        return {
            "REFERENCE": str(self.course.reference_path("doubling")),
            "COURSE": str(self.course_root),
            "WORKSPACE": str(self.workspace.root),
            "STORE": str(self.store_path),
            "CANARY": str(self.canary),
            "REPORT": str(self.report),
            "PORT": str(self.tcp.sock.getsockname()[1]),
            "UDP_PORT": str(self.udp.sock.getsockname()[1]),
            "ABSTRACT": self.abstract,
            "MARKER": self.marker,
            "GRADER_ROOT": str(GRADER_ROOT),
        }

    def fill(self, text: str) -> str:
        return string.Template(text).safe_substitute(self.placeholders())

    def run(self, attack: Attack, *, policy: SandboxPolicy = SandboxPolicy(), strict: bool = False,
            environment: dict[str, str] | None = None) -> Outcome:
        target = self.workspace.exercise_file("doubling")
        if attack.symlink:
            target.unlink()
            target.symlink_to(self.fill(attack.symlink))
        else:
            target.write_text(self.fill(attack.source))
        before_store = self.stored_results()
        before_files = _tree_digest(self.folder, skip=("drop", "ws/.grade"))
        before_report = self.report.read_text()
        saved = dict(os.environ)
        own = None
        try:
            os.environ.update(environment or {})
            # a zygote of its own when the environment matters: it inherits the grader's at start
            zygote = own = Zygote(policy) if environment else shared_zygote(policy)
            zygote_pid = zygote.pid
            run = grade(self.course, self.workspace, ["doubling", "halving"], workers=1,
                        options=GradingOptions(strict=strict, policy=policy, zygote=own))
            zygote_killed = not _alive(zygote_pid)
            time.sleep(0.05)
            strays = [p for p in children_of(zygote_pid) if _alive(p)]
        finally:
            os.environ.clear()
            os.environ.update(saved)
            if own is not None:
                own.close()
        if attack.seen_as == "report_changed":
            time.sleep(2.0)  # the escaped process waits a second before it writes
        results = {r.id: r for r in run.results}
        after_files = _tree_digest(self.folder, skip=("drop", "ws/.grade"))
        changed = sorted(k for k in before_files.keys() | after_files.keys() if before_files.get(k) != after_files.get(k))
        strays += processes_with(self.marker)
        canary = Path(self.fill(attack.canary)) if attack.canary else self.canary
        return Outcome(
            run=run,
            doubling=results["doubling"].status,
            halving=results["halving"].status,
            store_changed=self.stored_results() != before_store,
            files_changed=changed,
            canary_present=canary.exists(),
            report_changed=self.report.read_text() != before_report,
            tcp=self.tcp.received(),
            udp=self.udp.received(),
            unix=self.unix.received(),
            zygote_killed=zygote_killed,
            strays=strays,
            reference_changed="course_copy/solutions/doubling.py" in changed,
        )

    def stored_results(self) -> int:
        with sqlite3.connect(self.store_path) as db:
            return int(db.execute("SELECT COUNT(*) FROM results").fetchone()[0])

    def close(self) -> None:
        for listener in (self.tcp, self.udp, self.unix):
            listener.close()
        for pid in processes_with(self.marker):
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)
