"""Averages dout over the batch for db instead of summing it."""

import numpy as np


class Affine(Affine):
    def backward(self, dout):
        dx = super().backward(dout)
        self.db = np.mean(dout, axis=0)
        return dx
