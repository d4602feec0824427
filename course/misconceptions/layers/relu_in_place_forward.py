"""Zeroes the negative entries of the caller's array itself in forward."""

import numpy as np


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        x[self.mask] = 0
        return x

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
