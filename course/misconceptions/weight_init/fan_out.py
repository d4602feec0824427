"""Scaled by the number of outputs n_out instead of the number of inputs n_in."""

import numpy as np


def xavier_init(n_in, n_out):
    return np.random.randn(n_in, n_out) / np.sqrt(n_out)


def he_init(n_in, n_out):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_out)
