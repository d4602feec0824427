"""Python's built-in max compares the whole array with 0 and cannot decide: ValueError."""


def relu(x):
    return max(0, x)
