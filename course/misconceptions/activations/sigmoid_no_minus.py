"""Leaves out the minus sign in the exponent: the mirror image 1 - sigmoid(x)."""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(x))
