"""The one-sided difference (f(x + h) - f(x)) / h: its error shrinks only like h, not h²."""

import numpy as np


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x)) / h


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    base = f(x)
    for idx in np.ndindex(x.shape):
        keep = x[idx]
        x[idx] = keep + h
        grad[idx] = (f(x) - base) / h
        x[idx] = keep
    return grad
