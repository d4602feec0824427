"""Glorot's original variance 2 / (n_in + n_out) instead of the notes' 1 / n_in."""

import numpy as np


def xavier_init(n_in, n_out):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / (n_in + n_out))
