"""Normalises with the batch variance but averages the unbiased N / (N - 1) variance into running_var."""

import numpy as np


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        old_var = np.zeros(x.shape[1]) if self.running_var is None else self.running_var
        out = super().forward(x, train_flg)
        if train_flg:
            var = np.mean((x - x.mean(axis=0)) ** 2, axis=0)
            self.running_var = self.momentum * old_var + (1 - self.momentum) * var * x.shape[0] / (x.shape[0] - 1)
        return out
