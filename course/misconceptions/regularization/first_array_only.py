"""Both penalties computed for the first weight array of the list only."""

import numpy as np


def l2_penalty(weights, lam):
    return float(0.5 * lam * np.sum(weights[0] ** 2))


def l1_penalty(weights, lam):
    return float(lam * np.sum(np.abs(weights[0])))
