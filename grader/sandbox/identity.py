"""Who the sandbox child runs as: an unprivileged user with no capabilities when the grader is root.

A grader running as root (Gradescope, a container) would hand root to the student's code: the
power to raise its own resource limits, read root-only files, signal any process. So the child
switches to the `nobody` user and group (or uid/gid 65534), empties its supplementary groups,
and clears every capability set, the bounding and ambient sets included, before any student
code runs. The grader and the zygote mark themselves non-dumpable, so a process of the same
user cannot read or write their memory through /proc or ptrace.
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass

from grader.sandbox.libc import check, libc

_PR_SET_DUMPABLE = 4
_PR_CAPBSET_DROP = 24
_PR_CAP_AMBIENT = 47
_PR_CAP_AMBIENT_CLEAR_ALL = 4
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
_SYS_CAPSET = {"x86_64": 126, "aarch64": 91}

FALLBACK_ID = 65534


@dataclass(frozen=True)
class SandboxUser:
    """The unprivileged identity a root grader gives the child."""

    name: str
    uid: int
    gid: int


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def sandbox_user() -> SandboxUser:
    """`nobody` from the user database, or 65534/65534 when the system has no such entry."""
    try:
        import pwd

        entry = pwd.getpwnam("nobody")
        return SandboxUser("nobody", entry.pw_uid, entry.pw_gid)
    except (ImportError, KeyError):
        return SandboxUser(str(FALLBACK_ID), FALLBACK_ID, FALLBACK_ID)


def last_capability() -> int:
    """The highest capability number this kernel knows (read before confinement hides /proc)."""
    try:
        with open("/proc/sys/kernel/cap_last_cap") as handle:
            return int(handle.read())
    except (OSError, ValueError):
        return 40


def set_non_dumpable() -> bool:
    """Forbid core dumps, ptrace and /proc/<pid>/mem access to this process by its own user."""
    try:
        return libc().prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def clear_capabilities() -> None:
    """Empty the effective, permitted and inheritable sets (in whatever user namespace we are in)."""
    import platform

    number = _SYS_CAPSET.get(platform.machine())
    if number is None:
        raise OSError(38, f"capset is not known on {platform.machine()}")

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    header = Header(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (Data * 2)()
    check(libc().syscall(ctypes.c_long(number), ctypes.byref(header), ctypes.byref(data)), "capset")


def drop_bounding_set(last_cap: int) -> None:
    """Remove every capability from the bounding set and the ambient set, so none can come back."""
    c = libc()
    for cap in range(last_cap + 1):
        check(c.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0), f"prctl(PR_CAPBSET_DROP, {cap})")
    c.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)


def become(user: SandboxUser, last_cap: int) -> None:
    """As root: give up root for `user` for good, with no groups and no capabilities left."""
    drop_bounding_set(last_cap)
    os.setgroups([])
    os.setresgid(user.gid, user.gid, user.gid)
    os.setresuid(user.uid, user.uid, user.uid)
    clear_capabilities()
    if os.getuid() == 0 or os.geteuid() == 0:
        raise OSError(1, "still root after setresuid")
