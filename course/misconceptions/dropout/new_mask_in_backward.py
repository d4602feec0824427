"""backward draws a mask of its own instead of reusing the one forward applied."""

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio

    def forward(self, x, train_flg=True):
        if train_flg:
            return x * (np.random.rand(*x.shape) > self.dropout_ratio)
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * (np.random.rand(*dout.shape) > self.dropout_ratio)
