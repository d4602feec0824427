"""Computes dgamma from the raw input x instead of the normalised x_hat."""

import numpy as np


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        if train_flg:
            self.x = x
        return super().forward(x, train_flg)

    def backward(self, dout):
        dx = super().backward(dout)
        self.dgamma = np.sum(self.x * dout, axis=0)
        return dx
