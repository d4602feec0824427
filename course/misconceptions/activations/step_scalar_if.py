"""The notes' scalar step function: `if` on a whole array raises ValueError."""


def step_function(x):
    if x > 0:
        return 1
    return 0
