"""Returns y - t from SoftmaxWithLoss.backward, without the 1/N of the batch mean."""

import numpy as np

from .losses import cross_entropy_error
from .softmax import softmax


class SoftmaxWithLoss:
    def __init__(self):
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.y = softmax(x)
        self.t = t
        return cross_entropy_error(self.y, t)

    def backward(self, dout=1):
        if self.t.size == self.y.size:
            return dout * (self.y - self.t)
        dx = self.y.copy()
        dx[np.arange(self.y.shape[0]), self.t] -= 1
        return dout * dx
