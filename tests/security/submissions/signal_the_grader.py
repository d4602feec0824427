"""Check that the grader process can be signalled (signal 0 delivers nothing, it only checks)."""
import os

# stopped by: landlock, user
# succeeds without: landlock, user
# seen as: passes


def double(x):
    with open(f"/proc/{os.getppid()}/status") as status:
        grader = next(int(line.split()[1]) for line in status if line.startswith("PPid:"))
    os.kill(grader, 0)
    return 2 * x
