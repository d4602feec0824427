"""Keeps the raw scores and uses them in place of the probabilities in backward."""

import numpy as np

from .losses import cross_entropy_error
from .softmax import softmax


class SoftmaxWithLoss:
    def __init__(self):
        self.x = None
        self.t = None

    def forward(self, x, t):
        self.x = x
        self.t = t
        return cross_entropy_error(softmax(x), t)

    def backward(self, dout=1):
        n = self.x.shape[0]
        target = self.t if self.t.size == self.x.size else np.eye(self.x.shape[1])[self.t]
        return dout * (self.x - target) / n
