"""Rewrite the report file after the grader has exited, from a process that escaped with a double fork."""
import os
import time

# stopped by: seccomp, landlock, subreaper
# succeeds without: seccomp, landlock, subreaper
# seen as: report_changed


def double(x):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(1.0)
            with open("$REPORT", "w") as handle:
                handle.write('{"score": 1000}')
            os._exit(0)
        os._exit(0)
    return 2 * x
