"""Divides by the sum over the whole batch instead of each sample's own sum."""

import numpy as np


def softmax(x):
    exps = np.exp(x - np.max(x))
    return exps / np.sum(exps)
