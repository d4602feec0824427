"""exp(x) / (1 + exp(x)): the same function on paper, but inf / inf = nan once exp(x) overflows."""

import numpy as np


def sigmoid(x):
    e = np.exp(x)
    return e / (1 + e)
