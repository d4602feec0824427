"""The variance 1/n_in (2/n_in for He) used as the standard deviation: weights far too small."""

import numpy as np


def xavier_init(n_in, n_out):
    return np.random.randn(n_in, n_out) * (1.0 / n_in)


def he_init(n_in, n_out):
    return np.random.randn(n_in, n_out) * (2.0 / n_in)
