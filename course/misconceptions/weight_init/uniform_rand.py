"""np.random.rand (uniform on [0, 1)) instead of the normal np.random.randn: all weights positive."""

import numpy as np


def xavier_init(n_in, n_out):
    return np.random.rand(n_in, n_out) / np.sqrt(n_in)


def he_init(n_in, n_out):
    return np.random.rand(n_in, n_out) * np.sqrt(2.0 / n_in)
