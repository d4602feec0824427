"""The L2 penalty without the factor 1/2."""

import numpy as np


def l2_penalty(weights, lam):
    return float(lam * sum(np.sum(W**2) for W in weights))
