"""Scales the positive side by alpha and lets the negative side through."""

import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, alpha * x, x)
