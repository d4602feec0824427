"""Which protections the sandbox applies, and what a child reports it has in force.

Each `Mechanism` is one kernel-enforced protection (see `docs/security.md`). A `SandboxPolicy`
says which ones to apply; all of them, unless a test turns one off to show what it stops. The
child reports, before any student code runs, a `Protections` record of what it put in force;
a graded run (`--strict`, or a grader running as root) refuses to go on when one that applies
here is off.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum


class Mechanism(StrEnum):
    """One protection of the sandbox child."""

    LANDLOCK = "landlock"
    """Filesystem view (read-only interpreter and submission, one writable scratch folder), no TCP, signals scoped."""
    SECCOMP = "seccomp"
    """No new processes, no exec, no ptrace, no new sockets, no namespaces or mounts."""
    USER = "user"
    """When the grader is root: the child runs as an unprivileged user with no capabilities."""
    SCRATCH = "scratch"
    """The scratch folder is a private tmpfs with a cap on bytes and on files."""
    SUBREAPER = "subreaper"
    """Processes that escape the child are reparented to the zygote and killed at the end of the run."""
    ENVIRONMENT = "environment"
    """The child starts with a clean environment that names none of the grader's paths."""


DESCRIPTIONS = {
    Mechanism.LANDLOCK: "Landlock filesystem view",
    Mechanism.SECCOMP: "seccomp filter",
    Mechanism.USER: "unprivileged user",
    Mechanism.SCRATCH: "capped private scratch folder",
    Mechanism.SUBREAPER: "subreaper",
    Mechanism.ENVIRONMENT: "clean environment",
}


class State(StrEnum):
    ON = "on"
    OFF = "off"
    NOT_NEEDED = "not_needed"
    """It guards against something that cannot happen here (dropping root when not root)."""


@dataclass(frozen=True)
class ScratchQuota:
    """Caps on the child's scratch folder."""

    megabytes: int = 64
    files: int = 2048


@dataclass(frozen=True)
class SandboxPolicy:
    """What the sandbox should apply. `disabled` exists for tests that show what a mechanism stops."""

    disabled: frozenset[Mechanism] = frozenset()
    quota: ScratchQuota = field(default_factory=ScratchQuota)

    def wants(self, mechanism: Mechanism) -> bool:
        return mechanism not in self.disabled

    def to_json(self) -> str:
        return json.dumps({"disabled": sorted(self.disabled), "quota": [self.quota.megabytes, self.quota.files]})

    @classmethod
    def from_json(cls, text: str) -> SandboxPolicy:
        data = json.loads(text)
        megabytes, files = data["quota"]
        return cls(frozenset(Mechanism(m) for m in data["disabled"]), ScratchQuota(int(megabytes), int(files)))


DEFAULT_POLICY = SandboxPolicy()


@dataclass(frozen=True)
class MechanismState:
    """How one mechanism ended up in a child: on (with a detail), off (with the reason), or not needed."""

    mechanism: Mechanism
    state: State
    detail: str = ""

    @property
    def on(self) -> bool:
        return self.state is State.ON


@dataclass(frozen=True)
class Protections:
    """Every mechanism's state in one child, as it reported before running any student code."""

    states: tuple[MechanismState, ...]

    def of(self, mechanism: Mechanism) -> MechanismState:
        return next(s for s in self.states if s.mechanism is mechanism)

    @property
    def missing(self) -> tuple[MechanismState, ...]:
        """Mechanisms that apply here but are not in force."""
        return tuple(s for s in self.states if s.state is State.OFF)

    @property
    def complete(self) -> bool:
        return not self.missing

    def describe_on(self) -> str:
        """`Landlock filesystem view (ABI 7), seccomp filter, ...` for the mechanisms in force."""
        return ", ".join(
            DESCRIPTIONS[s.mechanism] + (f" ({s.detail})" if s.detail else "") for s in self.states if s.on
        )

    def describe_missing(self) -> str:
        """`seccomp filter (not supported on riscv64), ...` for the mechanisms that are off."""
        return ", ".join(DESCRIPTIONS[s.mechanism] + (f" ({s.detail})" if s.detail else "") for s in self.missing)

    def to_json(self) -> list[dict[str, str]]:
        return [{"mechanism": s.mechanism.value, "state": s.state.value, "detail": s.detail} for s in self.states]

    @classmethod
    def from_json(cls, nodes: object) -> Protections:
        """Parse a child's report; anything malformed raises ValueError (the caller treats it as garbage)."""
        if not isinstance(nodes, list):
            raise ValueError("protections report is not a list")
        states = []
        for node in nodes:
            if not isinstance(node, dict) or not all(isinstance(node.get(k), str) for k in ("mechanism", "state", "detail")):
                raise ValueError("malformed protections entry")
            states.append(MechanismState(Mechanism(node["mechanism"]), State(node["state"]), node["detail"][:200]))
        if {s.mechanism for s in states} != set(Mechanism):
            raise ValueError("protections report does not cover every mechanism")
        return cls(tuple(states))
