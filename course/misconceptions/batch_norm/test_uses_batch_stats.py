"""Normalises a test batch with its own mean and variance instead of the running ones."""

import numpy as np


class BatchNormalization(BatchNormalization):
    def forward(self, x, train_flg=True):
        out = super().forward(x, train_flg)
        if not train_flg:
            centred = x - x.mean(axis=0)
            out = self.gamma * (centred / np.sqrt(np.mean(centred**2, axis=0) + EPS)) + self.beta
        return out
