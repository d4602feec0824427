"""Updates the running statistics in test mode too (the update sits outside `if train_flg`)."""

import numpy as np


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        if not train_flg:
            if self.running_mean is None:
                self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
            mean = x.mean(axis=0)
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * np.mean((x - mean) ** 2, axis=0)
        return super().forward(x, train_flg)
