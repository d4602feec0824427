"""Drops the minus sign: the loss comes out negative."""

import numpy as np


def cross_entropy_error(y, t):
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1)
    if t.size == y.size:
        t = t.argmax(axis=1)
    n = y.shape[0]
    return float(np.sum(np.log(y[np.arange(n), t.reshape(-1)] + 1e-7)) / n)
