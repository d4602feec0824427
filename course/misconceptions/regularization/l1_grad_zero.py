"""A sign function built with np.where that gives +1 at exactly 0."""

import numpy as np


def l1_grad(W, lam):
    return lam * np.where(W >= 0, 1.0, -1.0)
