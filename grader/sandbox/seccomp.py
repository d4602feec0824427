"""A seccomp filter, built as classic BPF by hand: the system calls a sandboxed child may not make.

Once installed, the kernel answers every listed call with an error before it runs: no new
processes (fork, vfork, clone without CLONE_THREAD; clone3 says "not implemented", so the C
library falls back to clone, which is checked), no execve, no ptrace or cross-process memory
access, no new sockets, no new namespaces or mounts, no io_uring (which would bypass the filter),
no bpf or perf events. Threads stay allowed: OpenBLAS and the student's own `threading` use them.
A filter cannot be removed, and it is inherited by every thread.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_CLONE_THREAD = 0x00010000

# classic BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JSET_K = 0x45
_JGE_K = 0x35
_RET_K = 0x06

_OFFSET_NR = 0
_OFFSET_ARCH = 4
_OFFSET_ARG0_LOW = 16  # args[0], low 32 bits on a little-endian machine

# Per architecture: its audit id, and the numbers of the calls we refuse (EPERM unless noted).
_ARCHES = {
    "x86_64": (
        0xC000003E,
        {
            "fork": 57, "vfork": 58, "execve": 59, "execveat": 322, "ptrace": 101,
            "process_vm_readv": 310, "process_vm_writev": 311, "socket": 41, "socketpair": 53,
            "unshare": 272, "setns": 308, "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161,
            "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427, "bpf": 321,
            "perf_event_open": 298, "userfaultfd": 323, "keyctl": 250, "add_key": 248, "request_key": 249,
            "kexec_load": 246, "init_module": 175, "finit_module": 313, "open_by_handle_at": 304,
            "fsopen": 430, "fsmount": 432, "move_mount": 429, "open_tree": 428, "mount_setattr": 442,
        },
        56,  # clone
        435,  # clone3
    ),
    "aarch64": (
        0xC00000B7,
        {
            "execve": 221, "execveat": 281, "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271,
            "socket": 198, "socketpair": 199, "unshare": 97, "setns": 268, "mount": 40, "umount2": 39,
            "pivot_root": 41, "chroot": 51, "io_uring_setup": 425, "io_uring_enter": 426,
            "io_uring_register": 427, "bpf": 280, "perf_event_open": 241, "userfaultfd": 282, "keyctl": 219,
            "add_key": 217, "request_key": 218, "kexec_load": 104, "init_module": 105, "finit_module": 273,
            "open_by_handle_at": 265, "fsopen": 430, "fsmount": 432, "move_mount": 429, "open_tree": 428,
            "mount_setattr": 442,
        },
        220,
        435,
    ),
}


class SeccompError(OSError):
    """The kernel refused the filter."""


def supported() -> bool:
    """Whether this machine's architecture has a filter here (Linux on x86_64 or aarch64)."""
    return platform.system() == "Linux" and platform.machine() in _ARCHES


def denied_calls() -> tuple[str, ...]:
    """The names of the refused calls on this architecture (clone without CLONE_THREAD included)."""
    _, calls, _, _ = _ARCHES[platform.machine()]
    return (*sorted(calls), "clone (new process)", "clone3")


def _insn(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def build_filter(machine: str | None = None) -> bytes:
    """The filter program for `machine` (this one by default), as packed `sock_filter` structs."""
    arch, calls, clone, clone3 = _ARCHES[machine or platform.machine()]
    eperm = _RET_ERRNO | errno.EPERM
    program = [
        _insn(_LD_W_ABS, _OFFSET_ARCH),
        _insn(_JEQ_K, arch, 1, 0),
        _insn(_RET_K, _RET_KILL_PROCESS),  # a foreign calling convention (i386 on x86_64): no
        _insn(_LD_W_ABS, _OFFSET_NR),
    ]
    if (machine or platform.machine()) == "x86_64":
        program += [_insn(_JGE_K, 0x40000000, 0, 1), _insn(_RET_K, _RET_KILL_PROCESS)]  # the x32 ABI: no
    for number in sorted(set(calls.values())):
        program += [_insn(_JEQ_K, number, 0, 1), _insn(_RET_K, eperm)]
    program += [
        _insn(_JEQ_K, clone3, 0, 1),
        _insn(_RET_K, _RET_ERRNO | errno.ENOSYS),  # glibc then uses clone, which is checked below
        _insn(_JEQ_K, clone, 0, 4),
        _insn(_LD_W_ABS, _OFFSET_ARG0_LOW),
        _insn(_JSET_K, _CLONE_THREAD, 1, 0),
        _insn(_RET_K, eperm),
        _insn(_RET_K, _RET_ALLOW),
        _insn(_RET_K, _RET_ALLOW),
    ]
    return b"".join(program)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install() -> None:
    """Install the filter on this process, for good (no_new_privs is set first, as the kernel asks)."""
    if not supported():
        raise SeccompError(errno.ENOSYS, f"no seccomp filter for {platform.system()} on {platform.machine()}")
    code = build_filter()
    buffer = ctypes.create_string_buffer(code, len(code))
    fprog = _SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SeccompError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise SeccompError(err, f"prctl(PR_SET_SECCOMP): {os.strerror(err)}")
