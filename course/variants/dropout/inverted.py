"""Inverted dropout: the kept units are scaled up by 1 / (1 - ratio) in training, so test mode is the identity."""

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.scale = None

    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        keep = np.random.random_sample(x.shape) >= self.dropout_ratio
        self.scale = keep / (1.0 - self.dropout_ratio)
        return x * self.scale

    def backward(self, dout):
        return dout * self.scale
