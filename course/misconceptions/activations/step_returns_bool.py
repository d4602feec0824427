"""Returns the comparison itself: the right pattern of 0s and 1s, but as booleans."""


def step_function(x):
    return x > 0
