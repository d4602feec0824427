"""Landlock, the Linux security module that lets an unprivileged process confine itself.

A small binding of our own over the three system calls (`landlock_create_ruleset`,
`landlock_add_rule`, `landlock_restrict_self`), through ctypes. After `restrict`, the calling
process (and anything it could still start) may open only what the rules allow: read-only
trees, read-write trees, no TCP bind or connect, and (ABI 6 and later) no signals or abstract
Unix sockets reaching outside its own domain. The restriction cannot be lifted: not by Python,
not by ctypes, not by root. See https://docs.kernel.org/userspace-api/landlock.html.
"""

from __future__ import annotations

import ctypes
import os
import platform
from collections.abc import Iterable
from dataclasses import dataclass

_SYSCALLS = {  # the same numbers on every architecture that has Landlock (generic table)
    "create_ruleset": 444,
    "add_rule": 445,
    "restrict_self": 446,
}
_CREATE_RULESET_VERSION = 1 << 0
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# Filesystem rights, by the ABI version that introduced them.
EXECUTE = 1 << 0
WRITE_FILE = 1 << 1
READ_FILE = 1 << 2
READ_DIR = 1 << 3
REMOVE_DIR = 1 << 4
REMOVE_FILE = 1 << 5
MAKE_CHAR = 1 << 6
MAKE_DIR = 1 << 7
MAKE_REG = 1 << 8
MAKE_SOCK = 1 << 9
MAKE_FIFO = 1 << 10
MAKE_BLOCK = 1 << 11
MAKE_SYM = 1 << 12
REFER = 1 << 13  # ABI 2
TRUNCATE = 1 << 14  # ABI 3
IOCTL_DEV = 1 << 15  # ABI 5
_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1, 5: (1 << 16) - 1}

NET_BIND_TCP = 1 << 0  # ABI 4
NET_CONNECT_TCP = 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
SCOPE_SIGNAL = 1 << 1

FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV
READ_RIGHTS = READ_FILE | READ_DIR
WRITE_RIGHTS = (
    WRITE_FILE | READ_FILE | READ_DIR | REMOVE_DIR | REMOVE_FILE | MAKE_DIR | MAKE_REG | MAKE_SYM | TRUNCATE | REFER
)


class LandlockError(OSError):
    """The kernel refused a Landlock call."""


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1  # the kernel's struct is __attribute__((packed))
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


_libc: ctypes.CDLL | None = None


def _syscall(name: str, *args) -> int:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    result = _libc.syscall(ctypes.c_long(_SYSCALLS[name]), *args)
    if result < 0:
        errno = ctypes.get_errno()
        raise LandlockError(errno, f"landlock_{name}: {os.strerror(errno)}")
    return result


def abi_version() -> int:
    """The Landlock ABI this kernel offers; 0 when there is none (another OS, an old or unconfigured kernel)."""
    if platform.system() != "Linux":
        return 0
    try:
        return _syscall("create_ruleset", None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    except (LandlockError, OSError, AttributeError):
        return 0


@dataclass(frozen=True)
class Restriction:
    """What `restrict` put in force, for the protections line and the tests."""

    abi: int
    network: bool
    scoped: bool


def _fs_mask(abi: int) -> int:
    return _FS_BY_ABI.get(abi, _FS_BY_ABI[5])


def restrict(
    read_only: Iterable[str], read_write: Iterable[str], *, list_only: Iterable[str] = (), abi: int | None = None
) -> Restriction:
    """Confine this process for good: only `read_only` may be read and `read_write` written.

    Folders in `list_only` may be listed (names only) but nothing in them opened.
    Paths that do not exist are skipped. A rule on a regular file grants only file rights (the
    kernel refuses directory rights on a file). With ABI 4 and later no TCP port may be bound or
    connected to; with ABI 6 and later signals and abstract Unix sockets stay inside the domain.
    The caller must have set no_new_privs (or hold CAP_SYS_ADMIN); `restrict` sets it.
    """
    abi = abi_version() if abi is None else abi
    if abi < 1:
        raise LandlockError(38, "Landlock is not available on this kernel")
    handled_fs = _fs_mask(abi)
    attr = _RulesetAttr(handled_fs, NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0,
                        SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    ruleset = _syscall("create_ruleset", ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    try:
        for paths, rights in ((list_only, READ_DIR), (read_only, READ_RIGHTS), (read_write, WRITE_RIGHTS)):
            for path in paths:
                _add_path_rule(ruleset, path, rights & handled_fs)
        libc = _libc
        assert libc is not None
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            errno = ctypes.get_errno()
            raise LandlockError(errno, f"prctl(PR_SET_NO_NEW_PRIVS): {os.strerror(errno)}")
        _syscall("restrict_self", ctypes.c_int(ruleset), ctypes.c_uint32(0))
    finally:
        os.close(ruleset)
    return Restriction(abi=abi, network=abi >= 4, scoped=abi >= 6)


def _add_path_rule(ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if not os.path.isdir(path):
            rights &= FILE_RIGHTS
        rule = _PathBeneathAttr(rights, fd)
        _syscall("add_rule", ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH), ctypes.byref(rule), ctypes.c_uint32(0))
    finally:
        os.close(fd)
