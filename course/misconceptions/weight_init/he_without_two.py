"""He initialisation without the factor 2: the Xavier scale, too small for ReLU layers."""

import numpy as np


def he_init(n_in, n_out):
    return np.random.randn(n_in, n_out) / np.sqrt(n_in)
