"""Read the parent's memory with process_vm_readv."""
import ctypes
import os

# stopped by: seccomp, landlock, user
# succeeds without: seccomp, landlock, user
# seen as: passes


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


def double(x):
    buffer = ctypes.create_string_buffer(8)
    local = IoVec(ctypes.cast(buffer, ctypes.c_void_p), 8)
    remote = IoVec(id(None), 8)  # the same address in a forked parent
    libc = ctypes.CDLL(None, use_errno=True)
    got = libc.process_vm_readv(os.getppid(), ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    if got != 8:
        raise OSError(ctypes.get_errno(), "process_vm_readv failed")
    return 2 * x
