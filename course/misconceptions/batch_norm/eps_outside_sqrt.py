"""The notes' formula: sqrt(var) + eps, with the usual backward for sqrt(var + eps)."""

import numpy as np


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        out = super().forward(x, train_flg)
        if train_flg:
            centred = x - x.mean(axis=0)
            self.std = np.sqrt(np.mean(centred**2, axis=0)) + EPS
            self.x_hat = centred / self.std
            out = self.gamma * self.x_hat + self.beta
        return out
