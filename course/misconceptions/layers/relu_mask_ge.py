"""Builds the ReLU mask with `>=`: the entries it zeroes are the positive ones."""

import numpy as np


class Relu(Relu):
    def forward(self, x):
        self.mask = x >= 0
        return np.where(self.mask, 0.0, x)
