"""Applies the sigmoid to every score: values in (0, 1), but a sample's outputs do not sum to 1."""

import numpy as np


def softmax(x):
    return 1.0 / (1.0 + np.exp(-x))
