"""Open the grader's memory for writing through /proc/<pid>/mem."""
import os

# stopped by: landlock, user
# succeeds without: landlock, user
# seen as: passes


def double(x):
    with open(f"/proc/{os.getppid()}/status") as status:
        grader = next(int(line.split()[1]) for line in status if line.startswith("PPid:"))
    open(f"/proc/{grader}/mem", "r+b").close()
    return 2 * x
