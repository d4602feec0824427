"""Fill the disk with many small files in the scratch folder."""
import os

# stopped by: scratch
# succeeds without: scratch
# seen as: passes


def double(x):
    if not os.path.exists("f2999"):
        for index in range(3000):
            with open(f"f{index}", "w") as handle:
                handle.write("x")
    return 2 * x
