"""Enter a new user namespace (root there, the first step of many escapes)."""
import ctypes

# stopped by: seccomp
# succeeds without: seccomp
# seen as: passes


_entered = []


def double(x):
    if not _entered:  # once per process: a second unshare from the new namespace is refused anyway
        if ctypes.CDLL(None, use_errno=True).unshare(0x10000000) != 0:
            raise OSError(ctypes.get_errno(), "unshare failed")
        _entered.append(True)
    return 2 * x
