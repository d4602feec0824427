"""Returns relu's value instead of its slope."""

import numpy as np


def relu_grad(x):
    return np.maximum(0, x)
