"""Counts to x.size but indexes with x[i]: on a 2-D x that moves whole rows and runs past the last one."""

import numpy as np


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for i in range(x.size):
        saved = x[i]
        x[i] = saved + h
        up = f(x)
        x[i] = saved - h
        down = f(x)
        grad[i] = (up - down) / (2 * h)
        x[i] = saved
    return grad
