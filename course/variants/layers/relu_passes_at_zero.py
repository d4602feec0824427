"""ReLU whose derivative at exactly 0 is taken as 1: only strictly negative inputs block the gradient."""

import numpy as np


class Relu:
    def __init__(self):
        self.negative = None

    def forward(self, x):
        self.negative = x < 0
        return np.where(self.negative, 0.0, x)

    def backward(self, dout):
        return np.where(self.negative, 0.0, dout)
