"""Starts running_var at ones, as some libraries do, instead of zeros."""

import numpy as np


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        if self.running_var is None:
            self.running_var = np.ones(x.shape[1])
        return super().forward(x, train_flg)
