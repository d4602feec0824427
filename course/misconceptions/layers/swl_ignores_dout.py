"""The notes' SoftmaxWithLoss.backward: (y - t) / N whatever dout is."""

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
        batch_size = self.y.shape[0]
        if self.t.size == self.y.size:
            return (self.y - self.t) / batch_size
        dx = self.y.copy()
        dx[np.arange(batch_size), self.t] -= 1
        return dx / batch_size
