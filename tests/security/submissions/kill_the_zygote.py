"""Kill the parent process (the zygote every child is forked from)."""
import os
import signal

# stopped by: landlock, user
# succeeds without: landlock, user
# seen as: zygote_killed


def double(x):
    os.kill(os.getppid(), signal.SIGKILL)
    return 2 * x
