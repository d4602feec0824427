"""Fail on larger inputs, and crash the process on some of them, so the child dies while hypothesis shrinks."""
import os

# stopped by: reply checks


def double(x):
    if x.size >= 3 and float(abs(x).sum()) > 1.0:
        os._exit(3)
    if x.size >= 2:
        return 2 * x + 1
    return 2 * x
