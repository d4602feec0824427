"""Set up an io_uring, whose operations would bypass the system-call filter."""
import ctypes

# stopped by: seccomp
# succeeds without: seccomp
# seen as: passes


def double(x):
    params = ctypes.create_string_buffer(120)
    fd = ctypes.CDLL(None, use_errno=True).syscall(425, 4, params)
    if fd < 0:
        raise OSError(ctypes.get_errno(), "io_uring_setup failed")
    return 2 * x
