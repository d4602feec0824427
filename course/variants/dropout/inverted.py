"""Inverted dropout: the kept units are scaled up by 1 / (1 - ratio) in training, so test mode is the identity."""

import numpy as np


class Dropout(Dropout):
    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        self.mask = (np.random.random_sample(x.shape) >= self.dropout_ratio) / (1.0 - self.dropout_ratio)
        return x * self.mask
