"""Subtracts t from y directly, which only makes sense for one-hot t."""

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
        return dout * (self.y - self.t) / self.y.shape[0]
