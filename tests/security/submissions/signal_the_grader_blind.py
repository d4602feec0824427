"""Signal the grandparent found without /proc: every pid just below our own parent's (signal 0 only)."""
import os

# stopped by: landlock, user
# succeeds without: landlock, user
# seen as: passes


def double(x):
    parent = os.getppid()
    for pid in range(parent - 1, max(parent - 200, 1), -1):
        try:
            os.kill(pid, 0)
            return 2 * x
        except ProcessLookupError:
            continue
    raise PermissionError("no process could be signalled")
