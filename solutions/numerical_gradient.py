"""Reference: central differences for a function of one number and for every element of an array."""

from collections.abc import Callable

import numpy as np

H = 1e-4


def numerical_diff(f: Callable[[float], float], x: float) -> float:
    return float((f(x + H) - f(x - H)) / (2 * H))


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + H
        above = f(x)
        x[index] = original - H
        below = f(x)
        x[index] = original
        grad[index] = (above - below) / (2 * H)
    return grad
