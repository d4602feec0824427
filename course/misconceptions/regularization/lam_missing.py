"""Penalties and gradients without the strength lam."""

import numpy as np


def l2_penalty(weights, lam):
    return float(0.5 * sum(np.sum(W**2) for W in weights))


def l2_grad(W, lam):
    return W.copy()


def l1_penalty(weights, lam):
    return float(sum(np.sum(np.abs(W)) for W in weights))


def l1_grad(W, lam):
    return np.sign(W)
