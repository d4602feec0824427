"""Write one file far larger than the scratch folder's cap."""
import os

# stopped by: scratch


def double(x):
    with open(os.path.join(os.getcwd(), "big"), "wb") as handle:
        for _ in range(100):
            handle.write(b"\0" * 1_000_000)
    return 2 * x
