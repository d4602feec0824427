"""Seeds numpy inside the function, so every call returns the same weights."""

import numpy as np


def xavier_init(n_in, n_out):
    np.random.seed(0)
    return np.random.randn(n_in, n_out) / np.sqrt(n_in)


def he_init(n_in, n_out):
    np.random.seed(0)
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
