"""Start dozens of processes."""
import os
import time

# stopped by: seccomp
# succeeds without: seccomp, user
# seen as: passes


def double(x):
    for _ in range(30):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
    return 2 * x
