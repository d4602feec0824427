"""Reference: the activation functions of the notes and the slopes backpropagation needs."""

import numpy as np


def step_function(x: np.ndarray) -> np.ndarray:
    return (x > 0).astype(np.int64)


def sigmoid(x: np.ndarray) -> np.ndarray:
    # exp is only ever taken of a non-positive number, so it cannot overflow.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(0.0, x)


def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    return np.where(x > 0, x, alpha * x)


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    s = sigmoid(x)
    return s * (1.0 - s)


def relu_grad(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, 1.0, 0.0)
