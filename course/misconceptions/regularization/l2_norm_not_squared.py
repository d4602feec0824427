"""The L2 penalty with the norm itself (square root of the sum of squares), as the notes' formula reads."""

import numpy as np


def l2_penalty(weights, lam):
    return float(0.5 * lam * sum(np.sqrt(np.sum(W**2)) for W in weights))
