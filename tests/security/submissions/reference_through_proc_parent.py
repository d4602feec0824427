"""Reach the reference through /proc of the parent (its working directory link)."""
import os

# stopped by: landlock, user
# succeeds without: landlock, user
# seen as: passes


def double(x):
    os.readlink(f"/proc/{os.getppid()}/cwd")  # the zygote's folder: the grader's own
    namespace = {}
    exec(open(f"/proc/{os.getppid()}/root$REFERENCE").read(), namespace)
    return namespace["double"](x)
