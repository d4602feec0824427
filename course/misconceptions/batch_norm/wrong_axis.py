"""Takes the statistics along axis 1: each sample is normalised over its own features."""

import numpy as np


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        if not train_flg:
            return super().forward(x, train_flg)
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        mean = x.mean(axis=1, keepdims=True)
        centred = x - mean
        var = np.mean(centred**2, axis=1, keepdims=True)
        self.std = np.sqrt(var + EPS)
        self.x_hat = centred / self.std
        self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean.mean()
        self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var.mean()
        return self.gamma * self.x_hat + self.beta
