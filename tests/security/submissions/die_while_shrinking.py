"""Return wrong values on big inputs and kill itself on medium ones, so every shrink step loses the child."""
import os
import signal

# stopped by: reply checks


def double(x):
    if x.size == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    if x.size > 2:
        return 3 * x
    return 2 * x
