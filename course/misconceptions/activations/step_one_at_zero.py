"""Follows the notes' formula with >= 0, so an input of exactly 0 gives 1."""

import numpy as np


def step_function(x):
    return np.array(x >= 0, dtype=int)
