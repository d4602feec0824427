"""Overwrite the other exercise's file in the snapshot so that it fails (a cross-exercise verdict change)."""
import os

# stopped by: landlock, user
# succeeds without: landlock, user
# seen as: halving_fails


def double(x):
    sibling = os.path.join(os.path.dirname(os.path.abspath(__file__)), "halving.py")
    with open(sibling, "w") as handle:
        handle.write("def halve(x):\n    return x\n")
    return 2 * x
