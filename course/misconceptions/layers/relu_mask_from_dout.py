"""Decides in backward where the gradient passes from the sign of dout, not from the forward input."""

import numpy as np


class Relu(Relu):
    def backward(self, dout):
        return np.maximum(dout, 0)
