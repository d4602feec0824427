"""Confine a freshly forked sandbox child, by the kernel, before it runs any student code.

The order matters: mounts first (Landlock and seccomp forbid them afterwards), then the clean
environment and the switch to an unprivileged user, then Landlock, then seccomp (which would
refuse the calls the steps before it make). Each step that fails is reported, not hidden: the
child tells the grader what is in force (`Protections`) before it imports the exercise, and a
graded run refuses to go on when something is missing.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass

from grader.sandbox import identity, landlock, mounts, seccomp
from grader.sandbox.policy import Mechanism, MechanismState, Protections, SandboxPolicy, State

CHILD_ENVIRONMENT = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
}


@dataclass(frozen=True)
class Plan:
    """Everything one child's confinement needs, worked out by the zygote before the fork."""

    policy: SandboxPolicy
    scratch: str
    read_only: tuple[str, ...]
    list_only: tuple[str, ...]
    read_write: tuple[str, ...]
    as_root: bool
    user: identity.SandboxUser
    last_capability: int
    blocked: dict[str, list[str]]
    """Folders the unprivileged user cannot enter, and the allowed trees below them (see `mounts.expose`)."""
    landlock_abi: int


def _off(mechanism: Mechanism, reason: str) -> MechanismState:
    return MechanismState(mechanism, State.OFF, reason)


def _disabled(mechanism: Mechanism) -> MechanismState:
    return _off(mechanism, "turned off")


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


def confine(plan: Plan, *, subreaper: MechanismState) -> Protections:
    """Apply every mechanism the policy wants; return what is in force."""
    policy = plan.policy
    dropping = plan.as_root and policy.wants(Mechanism.USER)
    scratch_state = _scratch(plan, exposing=dropping and bool(plan.blocked))
    os.chdir(plan.scratch)
    environment = _environment(plan)
    user = _user(plan, dropping)
    lock = _landlock(plan)
    filt = _seccomp(policy)
    return Protections((lock, filt, user, scratch_state, subreaper, environment))


def _scratch(plan: Plan, *, exposing: bool) -> MechanismState:
    wanted = plan.policy.wants(Mechanism.SCRATCH)
    if not (wanted or exposing):
        return _disabled(Mechanism.SCRATCH)
    try:
        mounts.private_namespace(as_root=plan.as_root)
        if exposing:
            holding = os.path.join(plan.scratch, ".hold")
            os.mkdir(holding, 0o700)
            mounts.expose(plan.blocked, holding)
        if not wanted:
            return _disabled(Mechanism.SCRATCH)
        owner = (plan.user.uid, plan.user.gid) if plan.as_root and plan.policy.wants(Mechanism.USER) else None
        mounts.mount_scratch(plan.scratch, plan.policy.quota, owner=owner)
    except OSError as exc:
        if plan.as_root and plan.policy.wants(Mechanism.USER):
            os.chown(plan.scratch, plan.user.uid, plan.user.gid)
        return _off(Mechanism.SCRATCH, _reason(exc))
    quota = plan.policy.quota
    return MechanismState(Mechanism.SCRATCH, State.ON, f"{quota.megabytes} MB, {quota.files} files")


def _environment(plan: Plan) -> MechanismState:
    if not plan.policy.wants(Mechanism.ENVIRONMENT):
        return _disabled(Mechanism.ENVIRONMENT)
    os.environ.clear()
    os.environ.update(CHILD_ENVIRONMENT, HOME=plan.scratch, TMPDIR=plan.scratch)
    return MechanismState(Mechanism.ENVIRONMENT, State.ON)


def _user(plan: Plan, dropping: bool) -> MechanismState:
    if not plan.as_root:
        try:  # in our own user namespace we hold capabilities there: give them up too
            identity.clear_capabilities()
        except OSError:
            pass
        return MechanismState(Mechanism.USER, State.NOT_NEEDED, "the grader is not root")
    if not dropping:
        return _disabled(Mechanism.USER)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_NPROC, (256, 256))
        identity.become(plan.user, plan.last_capability)
    except OSError as exc:
        return _off(Mechanism.USER, _reason(exc))
    return MechanismState(Mechanism.USER, State.ON, plan.user.name)


def _landlock(plan: Plan) -> MechanismState:
    if not plan.policy.wants(Mechanism.LANDLOCK):
        return _disabled(Mechanism.LANDLOCK)
    if plan.landlock_abi < 1:
        return _off(Mechanism.LANDLOCK, f"not available on {platform.system()} {platform.release()}")
    try:
        restriction = landlock.restrict(
            plan.read_only, (plan.scratch, *plan.read_write), list_only=plan.list_only, abi=plan.landlock_abi
        )
    except OSError as exc:
        return _off(Mechanism.LANDLOCK, _reason(exc))
    extras = [] if restriction.network else ["TCP not covered before ABI 4"]
    if not restriction.scoped:
        extras.append("signals not scoped before ABI 6")
    return MechanismState(Mechanism.LANDLOCK, State.ON, "; ".join([f"ABI {restriction.abi}", *extras]))


def _seccomp(policy: SandboxPolicy) -> MechanismState:
    if not policy.wants(Mechanism.SECCOMP):
        return _disabled(Mechanism.SECCOMP)
    if not seccomp.supported():
        return _off(Mechanism.SECCOMP, f"not supported on {platform.system()} {platform.machine()}")
    try:
        seccomp.install()
    except OSError as exc:
        return _off(Mechanism.SECCOMP, _reason(exc))
    return MechanismState(Mechanism.SECCOMP, State.ON)
