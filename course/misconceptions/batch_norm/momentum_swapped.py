"""Gives the new batch the weight `momentum` and the old running value 1 - momentum."""

import numpy as np


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        zeros = np.zeros(x.shape[1])
        old_mean = zeros if self.running_mean is None else self.running_mean
        old_var = zeros if self.running_var is None else self.running_var
        out = super().forward(x, train_flg)
        if train_flg:
            mean = x.mean(axis=0)
            var = np.mean((x - mean) ** 2, axis=0)
            self.running_mean = (1 - self.momentum) * old_mean + self.momentum * mean
            self.running_var = (1 - self.momentum) * old_var + self.momentum * var
        return out
