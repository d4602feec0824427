"""Reference: the layers of backpropagation, each with a forward pass and a backward pass."""

import numpy as np

from .losses import cross_entropy_error
from .softmax import softmax


class Relu:
    """max(0, x); the gradient passes where the input was positive."""

    def __init__(self) -> None:
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.mask = x <= 0
        return np.where(self.mask, 0.0, x)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return np.where(self.mask, 0.0, dout)


class Sigmoid:
    """1 / (1 + exp(-x)); the backward pass reuses the stored output: dy/dx = y (1 - y)."""

    def __init__(self) -> None:
        self.out: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.out = 1.0 / (1.0 + np.exp(-x))
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self.out * (1.0 - self.out)


class Affine:
    """x @ W + b for a batch; inputs of more than two dimensions are flattened per sample."""

    def __init__(self, W: np.ndarray, b: np.ndarray) -> None:
        self.W = W
        self.b = b
        self.x: np.ndarray | None = None
        self.original_x_shape: tuple[int, ...] | None = None
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ self.W + self.b

    def backward(self, dout: np.ndarray) -> np.ndarray:
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0)
        dx = dout @ self.W.T
        return dx.reshape(self.original_x_shape)


class SoftmaxWithLoss:
    """Softmax followed by cross-entropy; together their gradient is (y - t) / N."""

    def __init__(self) -> None:
        self.y: np.ndarray | None = None
        self.t: np.ndarray | None = None
        self.loss: float | None = None

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

    def backward(self, dout: float = 1) -> np.ndarray:
        n = self.y.shape[0]
        if self.t.size == self.y.size:
            target = self.t
        else:
            target = np.zeros_like(self.y)
            target[np.arange(n), self.t] = 1.0
        return dout * (self.y - target) / n
