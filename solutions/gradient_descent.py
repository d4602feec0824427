"""Reference: plain gradient descent with the numerical gradient."""

from collections.abc import Callable

import numpy as np

from .numerical_gradient import numerical_gradient


def gradient_descent(
    f: Callable[[np.ndarray], float], init_x: np.ndarray, lr: float = 0.01, step_num: int = 100
) -> np.ndarray:
    x = np.array(init_x, dtype=np.float64)
    for _ in range(step_num):
        x -= lr * numerical_gradient(f, x)
    return x
