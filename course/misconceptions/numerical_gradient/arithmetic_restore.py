"""Undoes the nudges with += h, -= 2h, += h: back to within rounding, not to the same float."""

import numpy as np


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        up = f(x)
        x[idx] -= 2 * h
        down = f(x)
        x[idx] += h
        grad[idx] = (up - down) / (2 * h)
    return grad
