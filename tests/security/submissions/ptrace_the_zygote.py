"""Attach to the parent process with ptrace (and detach at once)."""
import ctypes
import os

# stopped by: seccomp, landlock, user
# succeeds without: seccomp, landlock, user
# seen as: passes


def double(x):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    parent = os.getppid()
    if libc.ptrace(16, parent, None, None) != 0:  # PTRACE_ATTACH
        raise OSError(ctypes.get_errno(), "ptrace failed")
    os.waitpid(parent, 0x40000000)  # __WALL
    libc.ptrace(17, parent, None, None)  # PTRACE_DETACH
    return 2 * x
