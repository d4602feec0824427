"""h = 1e-50: in float64 x + h is x again, so every difference is 0."""

import numpy as np

h = 1e-50


def numerical_diff(f, x):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        keep = x[idx]
        x[idx] = keep + h
        up = f(x)
        x[idx] = keep - h
        down = f(x)
        x[idx] = keep
        grad[idx] = (up - down) / (2 * h)
    return grad
