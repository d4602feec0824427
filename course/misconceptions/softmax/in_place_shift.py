"""Shifts the scores with `-=`, which writes into the caller's array."""

import numpy as np


def softmax(x):
    x -= np.max(x, axis=-1, keepdims=True)
    exps = np.exp(x)
    return exps / np.sum(exps, axis=-1, keepdims=True)
