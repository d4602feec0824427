"""Rewrite the student's own file in the workspace while it is being graded."""
# stopped by: landlock, user
# succeeds without: landlock, user
# seen as: passes


def double(x):
    with open("$WORKSPACE/exercises/doubling.py", "a") as handle:
        handle.write("\n# changed while graded\n")
    return 2 * x
