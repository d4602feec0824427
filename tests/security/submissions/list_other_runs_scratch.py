"""List the temporary folder to find other runs' scratch folders and snapshots."""
import os

# stopped by: landlock
# succeeds without: landlock
# seen as: passes


def double(x):
    if not any(name.startswith("grade-") for name in os.listdir("/tmp")):
        raise RuntimeError("nothing found")
    return 2 * x
