"""Keeps the raw scores and uses them in place of the probabilities in backward."""

import numpy as np


class SoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        self.x = x
        return super().forward(x, t)

    def backward(self, dout=1):
        n = self.x.shape[0]
        target = self.t if self.t.size == self.x.size else np.eye(self.x.shape[1])[self.t]
        return dout * (self.x - target) / n
