"""Look for an inherited descriptor other than our own channel (the zygote's control socket, say)."""
import os
import stat

# stopped by: descriptors


def double(x):
    sockets = [fd for fd in range(3, 1024) if _is_socket(fd)]
    if len(sockets) < 2:
        raise RuntimeError(f"only our own channel is open: {sockets}")
    return 2 * x


def _is_socket(fd):
    try:
        return stat.S_ISSOCK(os.fstat(fd).st_mode)
    except OSError:
        return False
