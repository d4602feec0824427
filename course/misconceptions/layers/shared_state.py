"""Keeps Sigmoid's output on the class, so every Sigmoid layer sees the latest one of any of them."""

import numpy as np


class Sigmoid(Sigmoid):
    out = None

    def __init__(self):
        pass  # no `self.out`: the reference's backward reads the class's

    def forward(self, x):
        Sigmoid.out = 1 / (1 + np.exp(-x))
        return Sigmoid.out
